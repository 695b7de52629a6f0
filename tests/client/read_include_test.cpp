// select / include: every relation shape, nested, with where/orderBy/limit
// inside, _count, and a bounded number of statements whatever the row count.

#include "read_fixture.hpp"

namespace litestone::testing {

using Ids = std::vector<int64_t>;

std::vector<std::string> keysOf(const json& row) {
  std::vector<std::string> keys;
  for (auto& [k, v] : row.items()) keys.push_back(k);
  return keys;
}

TEST_F(ReadTest, IncludeBelongsTo) {
  json rows = posts().findMany({{"include", {{"author", true}}}, {"orderBy", {{"id", "asc"}}}});
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0]["author"]["email"], "ann@acme.co");
  EXPECT_EQ(rows[2]["author"]["id"], 2);
  // The relation sits where the schema declares it.
  EXPECT_EQ(keysOf(rows[0]),
            (std::vector<std::string>{"id", "author", "authorId", "title", "status", "views", "deletedAt"}));
}

TEST_F(ReadTest, IncludeHasManyWithWhereOrderByAndLimitPerParent) {
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

TEST_F(ReadTest, IncludeHasManySkipsSoftDeletedChildren) {
  json ann = users().findUnique({{"where", {{"id", 1}}}, {"include", {{"posts", true}}}});
  EXPECT_EQ(ids(ann["posts"]), (Ids{1, 2}));
}

TEST_F(ReadTest, IncludeManyToManyBothWays) {
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

TEST_F(ReadTest, NestedIncludeAndSelect) {
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

TEST_F(ReadTest, IncludeCount) {
  json rows = users().findMany({{"orderBy", {{"id", "asc"}}}, {"include", {{"_count", true}}}});
  EXPECT_EQ(rows[0]["_count"], json({{"posts", 2}}));
  EXPECT_EQ(rows[2]["_count"], json({{"posts", 0}}));
  json tags =
      (*db_)["tags"].findMany({{"orderBy", {{"id", "asc"}}},
                               {"select", {{"label", true}, {"_count", {{"select", {{"posts", true}}}}}}}});
  EXPECT_EQ(tags[0], json({{"label", "news"}, {"_count", {{"posts", 2}}}}));
  EXPECT_EQ(tags[2]["_count"]["posts"], 0);
}

TEST_F(ReadTest, SelectPicksFieldsInSchemaOrder) {
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

class NoNPlusOneTest : public ReadTest {
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
    auto* rel = db_->state().schema->model("posts")->field("tags")->relation;
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

TEST_F(NoNPlusOneTest, StatementCountDoesNotGrowWithRows) {
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

TEST_F(NoNPlusOneTest, IncludedRowsAreStitchedToTheirParents) {
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

}  // namespace litestone::testing
