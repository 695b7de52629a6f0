// aggregate and groupBy on a real database: every aggregate function,
// distinct counts, named aggregates with filters, string_agg, having and
// orderBy forms, soft delete, injection attempts, errors, Client::query.

#include "read_fixture.hpp"

namespace litestone::testing {

namespace {

std::string errorOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const QueryError& e) {
    return e.code() + ": " + e.what();
  }
  return "no error";
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

class AggregateTest : public ReadTest {
 protected:
  json aggregate(const std::string& model, const json& args) { return (*db_)[model].call("aggregate", args); }
  json groupBy(const std::string& model, const json& args) { return (*db_)[model].call("groupBy", args); }
};

TEST_F(AggregateTest, EveryFunction) {
  json r = aggregate("users", {{"_count", true},
                               {"_sum", {{"score", true}, {"accountId", true}}},
                               {"_avg", {{"score", true}}},
                               {"_min", {{"score", true}, {"createdAt", true}}},
                               {"_max", {{"score", true}, {"active", true}}}});
  EXPECT_EQ(r["_count"], 4);
  EXPECT_TRUE(r["_count"].is_number_integer());
  EXPECT_DOUBLE_EQ(r["_sum"]["score"].get<double>(), 24.75);
  EXPECT_EQ(r["_sum"]["accountId"], 6);
  EXPECT_TRUE(r["_sum"]["accountId"].is_number_integer());
  EXPECT_DOUBLE_EQ(r["_avg"]["score"].get<double>(), 8.25);
  EXPECT_DOUBLE_EQ(r["_min"]["score"].get<double>(), 7.0);
  EXPECT_EQ(r["_min"]["createdAt"], "2024-01-01T00:00:00.000Z");
  EXPECT_DOUBLE_EQ(r["_max"]["score"].get<double>(), 9.5);
  EXPECT_EQ(r["_max"]["active"], true);
}

TEST_F(AggregateTest, WhereAndEmptySet) {
  json r = aggregate("users", {{"where", {{"accountId", 1}}}, {"_count", true}, {"_avg", {{"score", true}}}});
  EXPECT_EQ(r["_count"], 2);
  EXPECT_DOUBLE_EQ(r["_avg"]["score"].get<double>(), 8.25);
  r = aggregate("users", {{"where", {{"accountId", 99}}}, {"_count", true}, {"_sum", {{"score", true}}}});
  EXPECT_EQ(r["_count"], 0);
  EXPECT_TRUE(r["_sum"]["score"].is_null());
}

TEST_F(AggregateTest, CountForms) {
  EXPECT_EQ(aggregate("users", {{"_count", {{"distinct", "accountId"}}}})["_count"], 2);
  json r = aggregate("users", {{"_count", {{"_all", true}, {"name", true}, {"score", true}}}});
  EXPECT_EQ(r["_count"], json({{"_all", 4}, {"name", 3}, {"score", 3}}));
}

TEST_F(AggregateTest, NamedAggregatesWithFilters) {
  json r = aggregate(
      "posts",
      {{"_count", true},
       {"_published", {{"count", true}, {"filter", "status = 'published'"}}},
       {"_sumDraft", {{"sum", "views"}, {"filter", {{"$sql", "status = ?"}, {"params", {"draft"}}}}}},
       {"_maxDraft", {{"max", "views"}, {"filter", {{"status", "draft"}}}}},
       {"_avgViews", {{"avg", "views"}}}});
  EXPECT_EQ(r["_count"], 4);  // post 3 is soft-deleted
  EXPECT_EQ(r["_published"], 2);
  EXPECT_EQ(r["_sumDraft"], 7);
  EXPECT_EQ(r["_maxDraft"], 7);
  EXPECT_DOUBLE_EQ(r["_avgViews"].get<double>(), 5.0);
}

TEST_F(AggregateTest, StringAgg) {
  json r =
      aggregate("posts", {{"_stringAgg", {{"field", "title"}, {"separator", ", "}, {"orderBy", "title"}}}});
  EXPECT_EQ(r["_stringAgg"]["title"], "Bob post, Dee post, Draft, Hello");
  r = aggregate("posts",
                {{"_stringAgg", {{"field", "title"}, {"separator", "|"}, {"orderBy", {{"title", "desc"}}}}}});
  EXPECT_EQ(r["_stringAgg"]["title"], "Hello|Draft|Dee post|Bob post");
  json g = groupBy("posts", {{"by", {"status"}},
                             {"_stringAgg", {{"field", "title"}, {"separator", "/"}, {"orderBy", "title"}}}});
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0], json({{"status", "draft"}, {"_stringAgg", {{"title", "Dee post/Draft"}}}}));
  EXPECT_EQ(g[1], json({{"status", "published"}, {"_stringAgg", {{"title", "Bob post/Hello"}}}}));
}

TEST_F(AggregateTest, SoftDeleteExcludesDeletedRows) {
  json g = groupBy("posts", {{"by", {"status"}}, {"_count", true}, {"_sum", {{"views", true}}}});
  EXPECT_EQ(g, json::parse(R"([{"status":"draft","_count":2,"_sum":{"views":7}},
                                {"status":"published","_count":2,"_sum":{"views":13}}])"));
  g = groupBy("posts", {{"by", {"status"}}, {"_count", true}, {"withDeleted", true}});
  EXPECT_EQ(g[1]["_count"], 3);
  json r = aggregate("posts", {{"_count", true}, {"onlyDeleted", true}});
  EXPECT_EQ(r["_count"], 1);
}

TEST_F(AggregateTest, FilterOnRelatedRowsSkipsDeletedOnes) {
  // Post 3 ("Gone", by user 1) is soft-deleted.
  json r = aggregate(
      "users", {{"_gone", {{"count", true}, {"filter", {{"posts", {{"some", {{"title", "Gone"}}}}}}}}},
                {"_hello", {{"count", true}, {"filter", {{"posts", {{"some", {{"title", "Hello"}}}}}}}}}});
  EXPECT_EQ(r["_gone"], 0);
  EXPECT_EQ(r["_hello"], 1);
}

TEST_F(AggregateTest, GroupByDecodesKeysLikeFindMany) {
  json g = groupBy("users", {{"by", {"role"}}, {"_count", true}, {"_avg", {{"score", true}}}});
  ASSERT_EQ(g.size(), 3u);
  EXPECT_EQ(g[0]["role"], "admin");
  EXPECT_EQ(g[0]["_count"], 2);
  EXPECT_DOUBLE_EQ(g[0]["_avg"]["score"].get<double>(), 8.875);
  EXPECT_EQ(g[1]["role"], "guest");
  EXPECT_TRUE(g[1]["_avg"]["score"].is_null());
  g = groupBy("users", {{"by", {"active", "accountId"}}, {"_count", true}});
  EXPECT_EQ(g[0], json({{"active", false}, {"accountId", 1}, {"_count", 1}}));
  EXPECT_EQ(g[1]["active"], true);
}

TEST_F(AggregateTest, HavingForms) {
  auto roles = [&](const char* having) {
    json g = groupBy("users", {{"by", {"role"}}, {"_count", true}, {"having", json::parse(having)}});
    std::vector<std::string> out;
    for (auto& r : g) out.push_back(r["role"].get<std::string>());
    return out;
  };
  using Names = std::vector<std::string>;
  EXPECT_EQ(roles(R"({"_count": {"gt": 1}})"), Names{"admin"});
  EXPECT_EQ(roles(R"({"_sum": {"score": {"gt": 8}}})"), Names{"admin"});
  EXPECT_EQ(roles(R"({"_avg": {"score": {"lte": 7}}})"), Names{"member"});
  EXPECT_EQ(roles(R"({"_count": {"score": {"equals": 0}}})"), Names{"guest"});
  EXPECT_EQ(roles(R"({"_max": {"score": {"equals": null}}})"), Names{"guest"});
  EXPECT_EQ(roles(R"({"_count": {"in": [1]}})"), (Names{"guest", "member"}));
  EXPECT_EQ(roles(R"({"role": {"not": "admin"}})"), (Names{"guest", "member"}));
  EXPECT_EQ(roles(R"({"role": {"in": ["admin", "guest"]}, "_min": {"score": {"gte": 8}}})"), Names{"admin"});
  json g = groupBy("posts", {{"by", {"authorId"}},
                             {"_drafts", {{"count", true}, {"filter", {{"status", "draft"}}}}},
                             {"having", {{"_drafts", {{"gte", 1}}}}}});
  EXPECT_EQ(g, json::parse(R"([{"authorId":1,"_drafts":1},{"authorId":4,"_drafts":1}])"));
}

TEST_F(AggregateTest, OrderByLimitOffset) {
  auto roles = [&](const char* extra) {
    json args = json::parse(extra);
    args["by"] = {"role"};
    std::vector<std::string> out;
    for (auto& r : groupBy("users", args)) out.push_back(r["role"].get<std::string>());
    return out;
  };
  using Names = std::vector<std::string>;
  EXPECT_EQ(roles(R"({"orderBy": {"role": "desc"}})"), (Names{"member", "guest", "admin"}));
  EXPECT_EQ(roles(R"({"orderBy": [{"_count": "desc"}, {"role": "desc"}]})"),
            (Names{"admin", "member", "guest"}));
  EXPECT_EQ(roles(R"({"orderBy": {"_avg": {"score": "desc"}}})"), (Names{"admin", "member", "guest"}));
  EXPECT_EQ(roles(R"({"orderBy": {"_max": {"score": {"sort": "asc", "nulls": "last"}}}})"),
            (Names{"member", "admin", "guest"}));
  EXPECT_EQ(roles(R"({"_n": {"count": true}, "orderBy": [{"_n": "asc"}, {"role": "asc"}]})"),
            (Names{"guest", "member", "admin"}));
  EXPECT_EQ(roles(R"({"limit": 1, "offset": 1})"), Names{"guest"});
}

TEST_F(AggregateTest, IntervalBuckets) {
  json g =
      groupBy("users", {{"by", {"createdAt"}}, {"interval", {{"createdAt", "month"}}}, {"_count", true}});
  ASSERT_EQ(g.size(), 4u);
  EXPECT_EQ(g[0], json({{"createdAt", "2024-01"}, {"_count", 1}}));
  g = groupBy("users", {{"by", {"createdAt"}}, {"interval", {{"createdAt", "quarter"}}}, {"_count", true}});
  EXPECT_EQ(g, json::parse(R"([{"createdAt":"2024-Q1","_count":3},{"createdAt":"2024-Q2","_count":1}])"));
  g = groupBy("users", {{"by", {"createdAt"}}, {"interval", {{"createdAt", "year"}}}, {"_count", true}});
  EXPECT_EQ(g, json::parse(R"([{"createdAt":"2024","_count":4}])"));
  EXPECT_TRUE(has(errorOf([&] {
                    groupBy("users", {{"by", {"name"}}, {"interval", {{"name", "month"}}}});
                  }),
                  "DateTime fields: createdAt"));
  EXPECT_TRUE(has(errorOf([&] {
                    groupBy("users", {{"by", {"createdAt"}}, {"interval", {{"createdAt", "eon"}}}});
                  }),
                  "year, quarter, month"));
}

TEST_F(AggregateTest, ValuesAreDataNeverSql) {
  const std::string evil = "x' OR 1=1; DROP TABLE users; --";
  EXPECT_EQ(aggregate("users", {{"where", {{"name", evil}}}, {"_count", true}})["_count"], 0);
  json g = groupBy("users", {{"by", {"role"}}, {"having", {{"_count", {{"gt", evil}}}}}});
  EXPECT_TRUE(g.empty());  // an integer is never > a text value
  json r = aggregate("posts",
                     {{"_x", {{"count", true}, {"filter", {{"$sql", "title = ?"}, {"params", {evil}}}}}}});
  EXPECT_EQ(r["_x"], 0);
  r = aggregate("posts", {{"_stringAgg", {{"field", "title"}, {"separator", evil}, {"orderBy", "title"}}}});
  EXPECT_EQ(r["_stringAgg"]["title"], "Bob post" + evil + "Dee post" + evil + "Draft" + evil + "Hello");
  // A named aggregate's key only names the output.
  r = aggregate("users", {{"_\"; DROP TABLE users; --", {{"count", true}}}});
  EXPECT_EQ(r["_\"; DROP TABLE users; --"], 4);
  EXPECT_EQ(users().count(), 4);
}

TEST_F(AggregateTest, UnknownKeysAreErrors) {
  auto e = errorOf([&] { aggregate("users", {{"_sum", {{"score\") FROM users; --", true}}}}); });
  EXPECT_TRUE(has(e, "QUERY_UNKNOWN_FIELD")) << e;
  e = errorOf([&] { groupBy("users", {{"by", {"role; DROP TABLE users"}}}); });
  EXPECT_TRUE(has(e, "QUERY_UNKNOWN_FIELD")) << e;
  e = errorOf([&] { groupBy("users", {{"by", {"role"}}, {"orderBy", {{"role\" DESC; --", "asc"}}}}); });
  EXPECT_TRUE(has(e, "QUERY_UNKNOWN_FIELD")) << e;
  e = errorOf([&] { groupBy("users", {{"by", {"role"}}, {"orderBy", {{"role", "desc; DROP"}}}}); });
  EXPECT_TRUE(has(e, "'asc' or 'desc'")) << e;
  e = errorOf([&] { groupBy("users", {{"by", {"role"}}, {"having", {{"_bogus", {{"gt", 1}}}}}}); });
  EXPECT_TRUE(has(e, "unknown aggregate \"_bogus\"")) << e;
  e = errorOf([&] { groupBy("users", {{"by", {"role"}}, {"having", {{"_count", {{"like", 1}}}}}}); });
  EXPECT_TRUE(has(e, "QUERY_UNKNOWN_OPERATOR")) << e;
  e = errorOf([&] { aggregate("users", {{"wher", json::object()}, {"_count", true}}); });
  EXPECT_TRUE(has(e, "QUERY_UNKNOWN_ARGUMENT")) << e;
  EXPECT_TRUE(has(e, "_stringAgg")) << e;
  e = errorOf([&] { aggregate("users", {{"_x", {{"count", true}, {"filter", "a = ?"}}}}); });
  EXPECT_TRUE(has(e, "parameterless")) << e;
  EXPECT_EQ(users().count(), 4);
}

TEST_F(AggregateTest, ErrorMessagesNameTheAllowedOnes) {
  auto e = errorOf([&] { aggregate("users", {{"_sum", {{"name", true}}}}); });
  EXPECT_TRUE(has(e, "cannot sum field \"name\" of type Text")) << e;
  EXPECT_TRUE(has(e, "numeric fields: id, accountId, score, salary")) << e;
  e = errorOf([&] { aggregate("users", {{"_avg", {{"email", true}}}}); });
  EXPECT_TRUE(has(e, "cannot average field \"email\"")) << e;
  e = errorOf([&] { aggregate("users", {{"_max", {{"meta", true}}}}); });
  EXPECT_TRUE(has(e, "cannot take min/max of field \"meta\" of type Json")) << e;
  e = errorOf([&] { aggregate("users", json::object()); });
  EXPECT_TRUE(has(e, "asks for nothing")) << e;
  e = errorOf([&] { groupBy("users", {{"_count", true}}); });
  EXPECT_TRUE(has(e, "at by")) << e;
  e = errorOf([&] { aggregate("users", {{"_x", {{"sum", "score"}, {"avg", "score"}}}}); });
  EXPECT_TRUE(has(e, "exactly one of")) << e;
}

TEST_F(AggregateTest, QueryRoutesByShape) {
  json out = db_->query({{"stats", {{"model", "users"}, {"_count", true}, {"_avg", {{"score", true}}}}},
                         {"byRole", {{"model", "users"}, {"by", {"role"}}, {"_count", true}}},
                         {"posts", {{"where", {{"status", "draft"}}}}}});
  EXPECT_EQ(out["stats"]["_count"], 4);
  EXPECT_EQ(out["byRole"].size(), 3u);
  EXPECT_EQ(out["byRole"][0]["role"], "admin");
  EXPECT_EQ(out["posts"].size(), 2u);
  json wire = db_->call(
      {{"model", "posts"}, {"action", "groupBy"}, {"args", {{"by", {"status"}}, {"_count", true}}}});
  EXPECT_EQ(wire.size(), 2u);
  // A named aggregate alone still routes to aggregate, not findMany.
  json named = db_->query({{"n", {{"model", "users"}, {"_scoreSum", {{"sum", "score"}}}}}});
  ASSERT_TRUE(named["n"].is_object()) << named;
  EXPECT_TRUE(named["n"].contains("_scoreSum")) << named;
}

TEST_F(AggregateTest, ReportsStatementsAndReusesCompilation) {
  auto events = capture([&] {
    groupBy("users", {{"by", {"role"}}, {"where", {{"accountId", 1}}}, {"_count", true}});
    groupBy("users", {{"by", {"role"}}, {"where", {{"accountId", 2}}}, {"_count", true}});
  });
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].sql, events[1].sql);
  EXPECT_EQ(events[1].params, json::array({2}));
  EXPECT_EQ(events[0].operation, "groupBy");
}

}  // namespace litestone::testing
