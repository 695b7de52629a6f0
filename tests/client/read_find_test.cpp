// findUnique / *OrThrow / findFirst / count / exists / findManyAndCount,
// limit/offset/distinct, soft delete flags, orderBy forms, decode, visibility.

#include "client/access.hpp"
#include "read_fixture.hpp"

namespace litestone::testing {

using Ids = std::vector<int64_t>;

TEST_F(ReadTest, FindUniqueByIdUniqueFieldOrFails) {
  EXPECT_EQ(users().findUnique({{"where", {{"id", 2}}}})["email"], "bob@acme.co");
  EXPECT_EQ(users().findUnique({{"where", {{"email", "cy@globex.co"}}}})["id"], 3);
  EXPECT_EQ(users().findUnique({{"where", {{"id", {{"equals", 4}}}}}})["id"], 4);
  EXPECT_TRUE(users().findUnique({{"where", {{"id", 99}}}}).is_null());
  try {
    users().findUnique({{"where", {{"role", "admin"}}}});
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "QUERY_INVALID_ARGUMENT");
    EXPECT_NE(std::string(e.what()).find("id, email"), std::string::npos) << e.what();
  }
  EXPECT_THROW(users().findUnique(json::object()), QueryError);
  EXPECT_THROW(users().findUnique({{"where", {{"id", {{"gt", 1}}}}}}), QueryError);
}

TEST_F(ReadTest, OrThrowRaisesNotFound) {
  EXPECT_EQ(users().findUniqueOrThrow({{"where", {{"id", 1}}}})["id"], 1);
  try {
    users().findUniqueOrThrow({{"where", {{"id", 42}}}});
    FAIL();
  } catch (const NotFoundError& e) {
    EXPECT_EQ(e.code(), "NOT_FOUND");
    EXPECT_EQ(e.meta()["model"], "users");
  }
  EXPECT_THROW(users().findFirstOrThrow({{"where", {{"name", "Zed"}}}}), NotFoundError);
  EXPECT_EQ(users().findFirstOrThrow({{"where", {{"role", "admin"}}}, {"orderBy", {{"id", "desc"}}}})["id"],
            4);
}

TEST_F(ReadTest, FindFirstCountExistsAndTotal) {
  EXPECT_EQ(users().findFirst({{"orderBy", {{"id", "desc"}}}})["id"], 4);
  EXPECT_TRUE(users().findFirst({{"where", {{"id", 0}}}}).is_null());
  EXPECT_EQ(users().count(), 4);
  EXPECT_EQ(users().count({{"where", {{"role", "admin"}}}}), 2);
  EXPECT_TRUE(users().exists({{"where", {{"email", "ann@acme.co"}}}}));
  EXPECT_FALSE(users().exists({{"where", {{"email", "nobody@x.co"}}}}));
  json page = users().findManyAndCount({{"orderBy", {{"id", "asc"}}}, {"limit", 2}, {"offset", 1}});
  EXPECT_EQ(ids(page["rows"]), (Ids{2, 3}));
  EXPECT_EQ(page["total"], 4);
}

TEST_F(ReadTest, LimitOffsetDistinct) {
  EXPECT_EQ(ids(users().findMany({{"orderBy", {{"id", "asc"}}}, {"limit", 2}})), (Ids{1, 2}));
  EXPECT_EQ(ids(users().findMany({{"orderBy", {{"id", "asc"}}}, {"offset", 3}})), (Ids{4}));
  EXPECT_EQ(users().findMany({{"select", {{"role", true}}}, {"distinct", true}}).size(), 3u);
  EXPECT_EQ(users().findMany({{"distinct", {"accountId"}}}).size(), 2u);
  EXPECT_EQ(users().count({{"distinct", {"role"}}}), 3);
  EXPECT_THROW(users().findMany({{"limit", -1}}), QueryError);
  EXPECT_THROW(users().findMany({{"limit", "10"}}), QueryError);
}

TEST_F(ReadTest, SoftDeleteFlags) {
  EXPECT_EQ(ids(posts().findMany({{"orderBy", {{"id", "asc"}}}})), (Ids{1, 2, 4, 5}));
  EXPECT_EQ(ids(posts().findMany({{"orderBy", {{"id", "asc"}}}, {"withDeleted", true}})),
            (Ids{1, 2, 3, 4, 5}));
  EXPECT_EQ(ids(posts().findMany({{"onlyDeleted", true}})), (Ids{3}));
  EXPECT_EQ(posts().count(), 4);
  EXPECT_EQ(posts().count({{"onlyDeleted", true}}), 1);
  EXPECT_TRUE(posts().findUnique({{"where", {{"id", 3}}}}).is_null());
  EXPECT_EQ(posts().findUnique({{"where", {{"id", 3}}}, {"withDeleted", true}})["title"], "Gone");
}

TEST_F(ReadTest, OrderByForms) {
  auto order = [&](const json& ob) { return ids(users().findMany({{"orderBy", ob}})); };
  EXPECT_EQ(order({{"createdAt", "desc"}}), (Ids{4, 3, 2, 1}));
  EXPECT_EQ(order(json::array({{{"role", "asc"}}, {{"id", "desc"}}})), (Ids{4, 1, 3, 2}));
  EXPECT_EQ(order({{"name", {{"dir", "asc"}, {"nulls", "last"}}}}), (Ids{1, 2, 4, 3}));
  EXPECT_EQ(order({{"name", {{"dir", "asc"}, {"nulls", "first"}}}}), (Ids{3, 1, 2, 4}));
  EXPECT_EQ(order({{"score", {{"dir", "desc"}, {"nulls", "first"}}}}), (Ids{3, 1, 4, 2}));
  // belongsTo, one and two hops.
  EXPECT_EQ(order(json::array({{{"account", {{"name", "desc"}}}}, {{"id", "asc"}}})), (Ids{3, 4, 1, 2}));
  EXPECT_EQ(
      ids(posts().findMany(
          {{"orderBy", json::array({{{"author", {{"account", {{"plan", "asc"}}}}}}, {{"id", "desc"}}})}})),
      (Ids{5, 4, 2, 1}));
  // Relation aggregates (live posts only).
  EXPECT_EQ(order(json::array({{{"posts", {{"_count", "desc"}}}}, {{"id", "asc"}}})), (Ids{1, 2, 4, 3}));
  EXPECT_EQ(order(json::array({{{"posts", {{"_sum", {{"views", "desc"}}}}}}, {{"id", "asc"}}})),
            (Ids{1, 4, 2, 3}));
  EXPECT_EQ(order(json::array({{{"posts", {{"_max", {{"views", "asc"}}}}}}, {{"id", "asc"}}})),
            (Ids{3, 2, 4, 1}));
  EXPECT_EQ(ids((*db_)["tags"].findMany(
                {{"orderBy", json::array({{{"posts", {{"_count", "desc"}}}}, {{"id", "asc"}}})}})),
            (Ids{1, 2, 3}));
}

TEST_F(ReadTest, OrderByErrors) {
  EXPECT_THROW(users().findMany({{"orderBy", {{"id", "up"}}}}), QueryError);
  EXPECT_THROW(users().findMany({{"orderBy", {{"id", {{"dir", "asc"}, {"nulls", "middle"}}}}}}), QueryError);
  EXPECT_THROW(users().findMany({{"orderBy", {{"posts", {{"name", "asc"}}}}}}), QueryError);
  try {
    (*db_)["tags"].findMany({{"orderBy", {{"posts", {{"_sum", {{"views", "asc"}}}}}}}});
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "QUERY_UNKNOWN_OPERATOR");
    EXPECT_NE(std::string(e.what()).find("orderBy.posts._sum"), std::string::npos) << e.what();
  }
}

TEST_F(ReadTest, DecodeEveryType) {
  json u = users().findUnique({{"where", {{"id", 1}}}});
  EXPECT_TRUE(u["id"].is_number_integer());
  EXPECT_TRUE(u["score"].is_number_float());
  EXPECT_EQ(u["active"], true);
  EXPECT_EQ(u["role"], "admin");
  EXPECT_EQ(u["createdAt"], "2024-01-01T00:00:00.000Z");
  EXPECT_EQ(u["address"], json({{"city", "NYC"}, {"zip", "10001"}}));
  EXPECT_EQ(u["meta"], json({{"tier", 3}}));
  EXPECT_EQ(u["avatar"], json({{"$blob", "AP8Q"}}));
  json b = users().findUnique({{"where", {{"id", 2}}}});
  EXPECT_EQ(b["active"], false);
  EXPECT_EQ(b["meta"], json({1, 2}));
  EXPECT_TRUE(b["avatar"].is_null());
  EXPECT_TRUE(users().findUnique({{"where", {{"id", 3}}}})["score"].is_null());
}

TEST_F(ReadTest, OmitAndGuardedVisibility) {
  json many = users().findMany({{"where", {{"id", 1}}}});
  EXPECT_FALSE(many[0].contains("note"));
  EXPECT_FALSE(many[0].contains("hash"));
  EXPECT_FALSE(many[0].contains("salary"));
  // @omit shows in findUnique and when selected; @omit(all) never.
  json one = users().findUnique({{"where", {{"id", 1}}}});
  EXPECT_EQ(one["note"], "n1");
  EXPECT_FALSE(one.contains("hash"));
  json sel = users().findFirst({{"where", {{"id", 1}}}, {"select", {{"note", true}, {"hash", true}}}});
  EXPECT_EQ(sel, json({{"note", "n1"}}));
  // @guarded only for the system.
  EXPECT_FALSE(users().findUnique({{"where", {{"id", 1}}}}).contains("salary"));
  EXPECT_EQ(db_->asSystem()["users"].findUnique({{"where", {{"id", 1}}}})["salary"], 100);
  EXPECT_FALSE(users().findFirst({{"select", {{"salary", true}, {"id", true}}}}).contains("salary"));
}

TEST_F(ReadTest, UnknownArgumentsAreErrors) {
  try {
    users().findMany({{"wher", {{"id", 1}}}});
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "QUERY_UNKNOWN_ARGUMENT");
    EXPECT_NE(std::string(e.what()).find("\"wher\""), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("where, orderBy"), std::string::npos) << e.what();
  }
  EXPECT_THROW(users().count({{"orderBy", {{"id", "asc"}}}}), QueryError);
  EXPECT_THROW(users().findFirst({{"limit", 3}}), QueryError);
}

TEST_F(ReadTest, RepeatedShapesHitTheCompileCache) {
  auto& cache = detail::stateOf(*db_).compile_cache;
  users().findUnique({{"where", {{"id", 1}}}});
  size_t before = cache.size();
  for (int i = 1; i <= 4; ++i) EXPECT_EQ(users().findUnique({{"where", {{"id", i}}}})["id"], i);
  EXPECT_EQ(cache.size(), before);
  // A different value type or operator is a new shape.
  users().findMany({{"where", {{"name", nullptr}}}});
  users().findMany({{"where", {{"name", "Ann"}}}});
  EXPECT_EQ(cache.size(), before + 2);
  EXPECT_EQ(ids(users().findMany({{"where", {{"name", "Bob"}}}})), (Ids{2}));
  EXPECT_EQ(cache.size(), before + 2);
}

TEST_F(ReadTest, ObserversSeeEveryStatement) {
  auto events = capture([&] { users().findMany({{"where", {{"role", "admin"}}}, {"limit", 5}}); });
  ASSERT_EQ(events.size(), 1u);
  auto& e = events[0];
  EXPECT_EQ(e.model, "users");
  EXPECT_EQ(e.operation, "findMany");
  EXPECT_EQ(e.database, "main");
  EXPECT_EQ(e.params, json({"admin", 5}));
  EXPECT_EQ(e.row_count, 2);
  EXPECT_EQ(e.args["where"]["role"], "admin");
  EXPECT_GE(e.duration_ms, 0);
  EXPECT_NE(e.sql.find("\"role\" = ?"), std::string::npos) << e.sql;
  auto as_user = capture([&] { db_->setAuth({{"id", 7}})["users"].count(); });
  ASSERT_EQ(as_user.size(), 1u);
  EXPECT_EQ(as_user[0].actor_id, 7);
}

// Prisma style: where: {a_b: {a, b}} names the @@unique([a, b]).
TEST(FindUniqueCompoundTest, ByCompoundUniqueKey) {
  TempDir dir;
  ClientOptions o;
  o.schema = R"(
model members {
  id     Integer @id
  org    Integer
  handle Text
  name   Text

  @@unique([org, handle])
}
)";
  o.db = dir.file("app.db");
  Client db = createClient(o);
  autoMigrate(db);
  execSql(db,
          "INSERT INTO members (id, org, handle, name) VALUES (1, 1, 'ann', 'Ann'), (2, 2, 'ann', 'Ann B')");
  auto byKey = [&](int64_t org, const std::string& handle) {
    return db["members"].findUnique({{"where", {{"org_handle", {{"org", org}, {"handle", handle}}}}}});
  };
  EXPECT_EQ(byKey(2, "ann")["id"], 2);
  EXPECT_EQ(byKey(1, "ann")["name"], "Ann");  // same shape, other values
  EXPECT_TRUE(byKey(3, "ann").is_null());
  // Beside other filters, and with select.
  json row =
      db["members"].findUnique({{"where", {{"org_handle", {{"org", 2}, {"handle", "ann"}}}, {"name", "x"}}}});
  EXPECT_TRUE(row.is_null());
  row = db["members"].findUnique(
      {{"where", {{"org_handle", {{"org", 1}, {"handle", "ann"}}}}}, {"select", {{"name", true}}}});
  EXPECT_EQ(row, json({{"name", "Ann"}}));

  try {
    db["members"].findUnique({{"where", {{"org_name", {{"org", 2}, {"name", "Ann B"}}}}}});
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "QUERY_UNKNOWN_FIELD");
    EXPECT_NE(std::string(e.what()).find("compound keys: org_handle"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("where.org_name"), std::string::npos) << e.what();
  }
  // Every field of the key is required.
  EXPECT_THROW(db["members"].findUnique({{"where", {{"org_handle", {{"org", 2}}}}}}), QueryError);
}

}  // namespace litestone::testing
