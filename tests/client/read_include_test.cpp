// select / include: every relation shape, nested, with where/orderBy/limit
// inside, _count, and a bounded number of statements whatever the row count.

#include "client/access.hpp"
#include "read_fixture.hpp"

namespace litestone::testing {

using Ids = std::vector<int64_t>;

std::vector<std::string> keysOf(const json& row) {
  std::vector<std::string> keys;
  for (auto& [k, v] : row.items()) keys.push_back(k);
  return keys;
}

TEST_P(IncludeTest, IncludeBelongsTo) {
  json rows = posts().findMany({{"include", {{"author", true}}}, {"orderBy", {{"id", "asc"}}}});
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0]["author"]["email"], "ann@acme.co");
  EXPECT_EQ(rows[2]["author"]["id"], 2);
  // The relation sits where the schema declares it.
  EXPECT_EQ(keysOf(rows[0]),
            (std::vector<std::string>{"id", "author", "authorId", "title", "status", "views", "deletedAt"}));
}

TEST_P(IncludeTest, IncludeHasManyWithWhereOrderByAndLimitPerParent) {
  json rows = users().findMany(
      {{"orderBy", {{"id", "asc"}}},
       {"include",
        {{"posts",
          {{"where", {{"views", {{"gte", 0}}}}}, {"orderBy", {{"views", "desc"}}}, {"limit", 1}}}}}});
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(ids(rows[0]["posts"]), (Ids{1}));  // the busiest live post of Ann
  EXPECT_EQ(ids(rows[1]["posts"]), (Ids{4}));
  EXPECT_EQ(rows[2]["posts"], json::array());
  EXPECT_EQ(ids(rows[3]["posts"]), (Ids{5}));

  json page2 = users().findMany(
      {{"where", {{"id", 1}}}, {"include", {{"posts", {{"orderBy", {{"id", "asc"}}}, {"offset", 1}}}}}});
  EXPECT_EQ(ids(page2[0]["posts"]), (Ids{2}));
}

TEST_P(IncludeTest, IncludeHasManySkipsSoftDeletedChildren) {
  json ann = users().findUnique({{"where", {{"id", 1}}}, {"include", {{"posts", true}}}});
  EXPECT_EQ(ids(ann["posts"]), (Ids{1, 2}));
}

TEST_P(IncludeTest, IncludeManyToManyBothWays) {
  json rows = posts().findMany(
      {{"orderBy", {{"id", "asc"}}}, {"include", {{"tags", {{"orderBy", {{"label", "asc"}}}}}}}});
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(ids(rows[0]["tags"]), (Ids{1, 2}));
  EXPECT_EQ(ids(rows[1]["tags"]), (Ids{2}));
  EXPECT_EQ(ids(rows[2]["tags"]), (Ids{1}));
  EXPECT_EQ(rows[3]["tags"], json::array());

  json tags = (*db_)["tags"].findMany({{"orderBy", {{"id", "asc"}}}, {"include", {{"posts", true}}}});
  EXPECT_EQ(ids(tags[0]["posts"]), (Ids{1, 4}));
  // Post 3 (tag misc) is soft-deleted.
  EXPECT_EQ(tags[2]["posts"], json::array());
}

TEST_P(IncludeTest, NestedIncludeAndSelect) {
  json rows = (*db_)["accounts"].findMany(
      {{"orderBy", {{"id", "asc"}}},
       {"select",
        {{"name", true},
         {"users",
          {{"orderBy", {{"id", "asc"}}},
           {"select", {{"email", true}, {"posts", {{"select", {{"title", true}, {"author", true}}}}}}}}}}}});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(keysOf(rows[0]), (std::vector<std::string>{"name", "users"}));
  EXPECT_EQ(keysOf(rows[0]["users"][0]), (std::vector<std::string>{"email", "posts"}));
  EXPECT_EQ(rows[0]["users"][0]["posts"].size(), 2u);
  EXPECT_EQ(keysOf(rows[0]["users"][0]["posts"][0]), (std::vector<std::string>{"author", "title"}));
  EXPECT_EQ(rows[0]["users"][0]["posts"][0]["author"]["email"], "ann@acme.co");
}

TEST_P(IncludeTest, IncludeCount) {
  json rows = users().findMany({{"orderBy", {{"id", "asc"}}}, {"include", {{"_count", true}}}});
  EXPECT_EQ(rows[0]["_count"], json({{"posts", 2}}));
  EXPECT_EQ(rows[2]["_count"], json({{"posts", 0}}));
  json tags =
      (*db_)["tags"].findMany({{"orderBy", {{"id", "asc"}}},
                               {"select", {{"label", true}, {"_count", {{"select", {{"posts", true}}}}}}}});
  EXPECT_EQ(tags[0], json({{"label", "news"}, {"_count", {{"posts", 2}}}}));
  EXPECT_EQ(tags[2]["_count"]["posts"], 0);
}

TEST_P(IncludeTest, SelectPicksFieldsInSchemaOrder) {
  json row = users().findFirst({{"where", {{"id", 1}}}, {"select", {{"role", true}, {"email", true}}}});
  EXPECT_EQ(row, json({{"email", "ann@acme.co"}, {"role", "admin"}}));
  EXPECT_THROW(users().findMany({{"select", {{"email", true}}}, {"include", {{"posts", true}}}}), QueryError);
  EXPECT_THROW(users().findMany({{"include", {{"email", true}}}}), QueryError);
  try {
    users().findMany({{"include", {{"post", true}}}});
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "QUERY_UNKNOWN_RELATION");
    EXPECT_NE(std::string(e.what()).find("include.post"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("account, posts"), std::string::npos) << e.what();
  }
}

class NoNPlusOneTest : public IncludeTest {
 protected:
  void seed() override {
    std::string sql = "INSERT INTO accounts (id, name, plan) VALUES (1, 'A', 'pro');";
    for (int u = 1; u <= 50; ++u) {
      sql += "INSERT INTO users (id, accountId, email, createdAt, address, meta) VALUES (" +
             std::to_string(u) + ", 1, 'u" + std::to_string(u) + "@x.co', '2024-01-01', '{}', '{}');";
      for (int p = 0; p < 3; ++p) {
        int id = u * 10 + p;
        sql += "INSERT INTO posts (id, authorId, title, status) VALUES (" + std::to_string(id) + ", " +
               std::to_string(u) + ", 't', 'draft');";
      }
    }
    sql += "INSERT INTO tags (id, label) VALUES (1, 'a'), (2, 'b');";
    execSql(*db_, sql);
    auto* rel = detail::stateOf(*db_).schema->model("posts")->field("tags")->relation;
    std::string links;
    for (int u = 1; u <= 50; ++u) {
      links += (links.empty() ? "" : ", ") + std::string("(") + std::to_string(u * 10) + ", " +
               std::to_string(1 + u % 2) + ")";
    }
    execSql(*db_, "INSERT INTO \"" + rel->join_table + "\" (\"" + rel->join_from_column + "\", \"" +
                      rel->join_to_column + "\") VALUES " + links);
  }

  size_t statements(const json& args, int64_t limit) {
    json a = args;
    a["limit"] = limit;
    a["orderBy"] = {{"id", "asc"}};
    json rows;
    auto events = capture([&] { rows = users().findMany(a); });
    EXPECT_EQ(rows.size(), static_cast<size_t>(limit));
    return events.size();
  }
};

TEST_P(NoNPlusOneTest, StatementCountDoesNotGrowWithRows) {
  std::vector<json> shapes = {
      {{"include", {{"posts", true}}}},
      {{"include", {{"account", true}}}},
      {{"include", {{"posts", {{"include", {{"tags", true}}}}}}}},
      {{"include", {{"posts", {{"limit", 2}, {"include", {{"author", true}}}}}}}},
      {{"include", {{"account", true}, {"posts", {{"where", {{"status", "draft"}}}}}, {"_count", true}}}},
      {{"select", {{"id", true}, {"posts", {{"select", {{"tags", {{"select", {{"label", true}}}}}}}}}}}},
  };
  for (auto& shape : shapes) {
    size_t two = statements(shape, 2);
    size_t fifty = statements(shape, 50);
    EXPECT_EQ(two, fifty) << shape.dump();
    EXPECT_LE(fifty, 4u) << shape.dump();
  }
}

TEST_P(NoNPlusOneTest, IncludedRowsAreStitchedToTheirParents) {
  json rows = users().findMany(
      {{"orderBy", {{"id", "asc"}}}, {"include", {{"posts", {{"include", {{"tags", true}}}}}}}});
  ASSERT_EQ(rows.size(), 50u);
  for (auto& u : rows) {
    int64_t id = u["id"];
    ASSERT_EQ(u["posts"].size(), 3u);
    for (auto& p : u["posts"]) EXPECT_EQ(p["authorId"], id);
    EXPECT_EQ(ids(u["posts"][0]["tags"]), (Ids{1 + id % 2}));
    EXPECT_EQ(u["posts"][1]["tags"], json::array());
  }
}

// Every decoded type comes back the same inside included rows: Boolean,
// Json, typed Json, DateTime, enum, Real, Blob, NULLs, @omit.
TEST_P(IncludeTest, IncludedRowsDecodeLikeTopLevelRows) {
  json accounts = (*db_)["accounts"].findMany(
      {{"orderBy", {{"id", "asc"}}}, {"include", {{"users", {{"orderBy", {{"id", "asc"}}}}}}}});
  ASSERT_EQ(accounts.size(), 2u);
  for (auto& a : accounts) {
    json direct = users().findMany({{"where", {{"accountId", a["id"]}}}, {"orderBy", {{"id", "asc"}}}});
    EXPECT_EQ(a["users"], direct);
  }
  json ann = accounts[0]["users"][0];
  EXPECT_EQ(ann["active"], true);
  EXPECT_EQ(accounts[0]["users"][1]["active"], false);
  EXPECT_EQ(ann["meta"], json({{"tier", 3}}));
  EXPECT_EQ(ann["address"]["city"], "NYC");
  EXPECT_EQ(ann["createdAt"], "2024-01-01T00:00:00.000Z");
  EXPECT_EQ(ann["score"], 9.5);
  EXPECT_EQ(ann["avatar"], json({{"$blob", "AP8Q"}}));
  EXPECT_EQ(accounts[1]["users"][1]["meta"], "x");
  EXPECT_FALSE(ann.contains("note"));

  // To-one, and nested to-many under it.
  json plist = posts().findMany(
      {{"orderBy", {{"id", "asc"}}}, {"include", {{"author", {{"include", {{"posts", true}}}}}}}});
  json bob = users().findUnique({{"where", {{"id", 2}}}, {"include", {{"posts", true}}}});
  bob.erase("note");  // @omit: shown on the model read, not inside includes
  EXPECT_EQ(plist[2]["author"], bob);
  EXPECT_EQ(plist[2]["author"]["score"], 7.0);
  EXPECT_TRUE(plist[2]["author"]["score"].is_number_float());
}

TEST_P(IncludeTest, RealValuesKeepEveryDigit) {
  execSql(*db_, "UPDATE users SET score = 0.1 + 0.2 WHERE id = 1");
  json acc = (*db_)["accounts"].findUnique({{"where", {{"id", 1}}}, {"include", {{"users", true}}}});
  EXPECT_EQ(acc["users"][0]["score"].get<double>(), 0.1 + 0.2);
}

INSTANTIATE_TEST_SUITE_P(Strategies, IncludeTest, ::testing::Values("batched", "json"));
INSTANTIATE_TEST_SUITE_P(Strategies, NoNPlusOneTest, ::testing::Values("batched", "json"));

TEST_F(ReadTest, UnknownIncludeStrategyIsAQueryError) {
  ClientOptions o;
  o.schema = kReadSchema;
  o.db = dir_.file("other.db");
  o.include_strategy = "lazy";
  Client db = createClient(o);
  autoMigrate(db);
  EXPECT_THROW(db["users"].findMany(), QueryError);
}

}  // namespace litestone::testing
