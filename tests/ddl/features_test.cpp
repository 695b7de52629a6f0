// Soft-delete partial indexes, FTS5 sync triggers, many-to-many join tables
// and multi-database routing, checked in real files.

#include <gtest/gtest.h>

#include "probe.hpp"
#include "pushed.hpp"

namespace litestone::testing {
namespace {

TEST(FeaturesTest, SoftDeleteIndexesCoverLiveRowsOnly) {
  Pushed s(R"(
model users {
  id        Integer   @id
  email     Text      @unique
  team      Text
  deletedAt DateTime?
  @@index([team])
  @@softDelete
}
)");
  Probe p(s.db_path);
  json partial = p.rows("SELECT name, \"unique\", partial FROM pragma_index_list('users') ORDER BY name");
  ASSERT_EQ(partial.size(), 2u) << partial;
  for (auto& r : partial) EXPECT_EQ(r[2], 1) << r;
  p.exec("INSERT INTO users (email, team) VALUES ('a@x', 't')");
  EXPECT_TRUE(p.fails("INSERT INTO users (email, team) VALUES ('a@x', 't')")) << "unique among live rows";
  p.exec("UPDATE users SET deletedAt = '2024-01-01T00:00:00.000Z'");
  p.exec("INSERT INTO users (email, team) VALUES ('a@x', 't')");
  EXPECT_EQ(p.value("SELECT count(*) FROM users WHERE email = 'a@x'"), 2);
}

TEST(FeaturesTest, FtsTriggersKeepIndexInSync) {
  Pushed s(R"(
model posts {
  id    Integer @id
  title Text
  body  Text
  views Integer @default(0)
  @@fts([title, body])
}
)");
  Probe p(s.db_path);
  EXPECT_EQ(p.names("trigger"), json::parse(R"(["posts_fts_ad", "posts_fts_ai", "posts_fts_au"])"));
  auto match = [&](const std::string& q) {
    return p.rows("SELECT rowid FROM posts_fts WHERE posts_fts MATCH '" + q + "' ORDER BY rowid");
  };
  p.exec("INSERT INTO posts (title, body) VALUES ('hello world', 'first post')");
  p.exec("INSERT INTO posts (title, body) VALUES ('another', 'hello again')");
  EXPECT_EQ(match("hello"), json::parse("[[1], [2]]"));
  p.exec("UPDATE posts SET title = 'goodbye world' WHERE id = 1");
  EXPECT_EQ(match("hello"), json::parse("[[2]]"));
  EXPECT_EQ(match("goodbye"), json::parse("[[1]]"));
  p.exec("UPDATE posts SET views = 5 WHERE id = 1");  // not an indexed column
  EXPECT_EQ(match("goodbye"), json::parse("[[1]]"));
  p.exec("DELETE FROM posts WHERE id = 2");
  EXPECT_EQ(match("hello"), json::array());
  EXPECT_EQ(p.value("SELECT count(*) FROM posts_fts"), 1);
  p.exec("INSERT INTO posts_fts (posts_fts) VALUES ('integrity-check')");
}

TEST(FeaturesTest, ManyToManyJoinTableCreatedOnce) {
  Pushed s(R"(
model posts {
  id   Integer @id
  tags tags[]
}
model tags {
  id    Integer @id
  posts posts[]
}
)");
  Probe p(s.db_path);
  json tables = p.names("table");
  ASSERT_EQ(tables.size(), 3u) << tables;
  std::string join = "_postsTotags";
  ASSERT_TRUE(std::find(tables.begin(), tables.end(), join) != tables.end()) << tables;
  json cols = p.columns(join);
  EXPECT_EQ(cols["A"]["pk"], 1);
  EXPECT_EQ(cols["B"]["pk"], 2);
  json fks = p.rows("SELECT \"table\", \"from\", on_delete FROM pragma_foreign_key_list('" + join +
                    "') ORDER BY \"from\"");
  EXPECT_EQ(fks, json::parse(R"([["posts", "A", "CASCADE"], ["tags", "B", "CASCADE"]])"));
  json idx = p.rows("SELECT name FROM pragma_index_list('" + join + "') WHERE origin = 'c'");
  ASSERT_EQ(idx.size(), 1u);
  EXPECT_EQ(p.rows("SELECT name FROM pragma_index_info('" + idx[0][0].get<std::string>() + "')"),
            json::parse(R"([["B"]])"));
  p.exec("INSERT INTO posts (id) VALUES (1); INSERT INTO tags (id) VALUES (7);");
  p.exec("INSERT INTO \"" + join + "\" (A, B) VALUES (1, 7)");
  p.exec("DELETE FROM tags WHERE id = 7");
  EXPECT_EQ(p.value("SELECT count(*) FROM \"" + join + "\""), 0);
}

TEST(FeaturesTest, ModelsRouteToTheirOwnFiles) {
  TempDir dir;
  auto path = dir.write("schema.lite", R"(
database main      { path "./main.db" }
database analytics { path "./data/analytics.db" }
model users { id Integer @id }
model pageViews {
  id   Integer @id
  path Text
  @@db(analytics)
}
)");
  auto db = createClient(fileOptions(path));
  json report = autoMigrate(db);
  EXPECT_EQ(db.databases()["analytics"]["path"], dir.file("data/analytics.db"));
  db.close();
  EXPECT_EQ(Probe(dir.file("main.db")).names("table"), json::parse(R"(["users"])"));
  EXPECT_EQ(Probe(dir.file("data/analytics.db")).names("table"), json::parse(R"(["pageViews"])"));
}

TEST(FeaturesTest, JsonlDriverIsRejectedWithAClearMessage) {
  TempDir dir;
  auto path = dir.write("schema.lite", R"(
database main { path "./main.db" }
database logs { path "./logs/"; driver jsonl }
model users { id Integer @id }
)");
  try {
    createClient(fileOptions(path));
    FAIL() << "createClient accepted a jsonl database";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "DATABASE_DRIVER_UNSUPPORTED");
    EXPECT_STREQ(e.what(),
                 "database \"logs\" uses driver jsonl, which is not supported yet; supported: sqlite");
  }
}

}  // namespace
}  // namespace litestone::testing
