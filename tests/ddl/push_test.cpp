// push (autoMigrate) against existing files: idempotence, ALTER TABLE ADD
// COLUMN, pending changes, and the CLI end to end.

#include <gtest/gtest.h>

#include "probe.hpp"
#include "pushed.hpp"

namespace litestone::testing {
namespace {

const char* const kBlog = R"(
enum Role { admin member }
model users {
  id    Integer @id
  email Text    @unique
  role  Role    @default(member)
  posts posts[]
}
model posts {
  id       Integer @id
  title    Text
  author   users   @relation(fields: [authorId], references: [id], onDelete: Cascade)
  authorId Integer
  @@index([authorId])
  @@fts([title])
}
)";

TEST(PushTest, FirstPushCreatesEverythingSecondIsANoOp) {
  Pushed s(kBlog);
  EXPECT_FALSE(s.report["applied"].empty());
  EXPECT_EQ(s.report["pending"], json::array());
  json again = s.push(kBlog);
  EXPECT_EQ(again["applied"], json::array()) << again.dump(2);
  EXPECT_EQ(again["pending"], json::array()) << again.dump(2);
}

TEST(PushTest, AddsNullableColumnKeepingRows) {
  Pushed s(kBlog);
  Probe(s.db_path).exec("INSERT INTO users (email) VALUES ('a@x')");
  std::string next = kBlog;
  next.replace(next.find("  posts posts[]"), 0, "  bio   Text?\n  score Integer @default(3)\n");
  json r = s.push(next);
  EXPECT_EQ(r["pending"], json::array()) << r.dump(2);
  ASSERT_EQ(r["applied"].size(), 2u) << r.dump(2);
  EXPECT_NE(r["applied"][0].get<std::string>().find("ALTER TABLE \"users\" ADD COLUMN \"bio\""),
            std::string::npos);
  Probe p(s.db_path);
  EXPECT_EQ(p.rows("SELECT email, bio, score FROM users"), json::parse(R"([["a@x", null, 3]])"));
  EXPECT_EQ(s.push(next)["applied"], json::array());
}

TEST(PushTest, AddsNewTableToExistingFile) {
  Pushed s(kBlog);
  std::string next = std::string(kBlog) + R"(
model comments {
  id     Integer @id
  body   Text
}
)";
  json r = s.push(next);
  EXPECT_EQ(r["applied"].size(), 1u) << r.dump(2);
  Probe p(s.db_path);
  EXPECT_TRUE(p.columns("comments").contains("body"));
}

TEST(PushTest, TypeChangeIsPendingAndDataUntouched) {
  const char* before = "model posts {\n  id Integer @id\n  rank Text\n}\n";
  Pushed s(before);
  Probe(s.db_path).exec("INSERT INTO posts (rank) VALUES ('high')");
  json r = s.push("model posts {\n  id Integer @id\n  rank Integer\n}\n");
  EXPECT_EQ(r["applied"], json::array()) << r.dump(2);
  ASSERT_EQ(r["pending"].size(), 1u) << r.dump(2);
  EXPECT_EQ(r["pending"][0]["model"], "posts");
  EXPECT_EQ(r["pending"][0]["field"], "rank");
  EXPECT_NE(r["pending"][0]["reason"].get<std::string>().find("litestone migrate"), std::string::npos);
  Probe p(s.db_path);
  EXPECT_EQ(p.columns("posts")["rank"]["type"], "TEXT");
  EXPECT_EQ(p.value("SELECT rank FROM posts"), "high");
}

TEST(PushTest, EnumValueChangeIsPending) {
  Pushed s(kBlog);
  std::string next = kBlog;
  next.replace(next.find("admin member"), std::string("admin member").size(), "admin member guest");
  json r = s.push(next);
  ASSERT_EQ(r["pending"].size(), 1u) << r.dump(2);
  EXPECT_EQ(r["pending"][0]["field"], "role");
}

TEST(PushTest, RequiredColumnWithoutDefaultIsPending) {
  Pushed s(kBlog);
  std::string next = kBlog;
  next.replace(next.find("  posts posts[]"), 0, "  name  Text\n");
  json r = s.push(next);
  EXPECT_EQ(r["applied"], json::array());
  ASSERT_EQ(r["pending"].size(), 1u) << r.dump(2);
  EXPECT_EQ(r["pending"][0]["field"], "name");
}

TEST(PushTest, DroppedColumnIsPendingNotDropped) {
  Pushed s(kBlog);
  std::string next = kBlog;
  next.replace(next.find("  role  Role    @default(member)\n"),
               std::string("  role  Role    @default(member)\n").size(), "");
  json r = s.push(next);
  ASSERT_EQ(r["pending"].size(), 1u) << r.dump(2);
  EXPECT_TRUE(Probe(s.db_path).columns("users").contains("role"));
}

TEST(PushTest, FtsAddedLaterIndexesExistingRows) {
  const char* before = "model notes {\n  id Integer @id\n  body Text\n}\n";
  Pushed s(before);
  Probe(s.db_path).exec("INSERT INTO notes (body) VALUES ('needle in hay')");
  json r = s.push("model notes {\n  id Integer @id\n  body Text\n  @@fts([body])\n}\n");
  EXPECT_EQ(r["pending"], json::array()) << r.dump(2);
  EXPECT_EQ(Probe(s.db_path).value("SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'needle'"), 1);
}

TEST(PushCliTest, PushesAndReportsPerDatabase) {
  TempDir dir;
  dir.write("schema.lite", kBlog);
  auto r = runCli("push --schema schema.lite --db app.db", "", dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("main (app.db): created table \"users\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("created FTS table \"posts_fts\""), std::string::npos) << r.out;
  auto again = runCli("push --schema schema.lite --db app.db --json", "", dir.path().string());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  json j = json::parse(again.out);
  EXPECT_EQ(j["applied"], json::array());
  // Paths in database blocks are relative to the schema file, wherever push runs.
  dir.write("sub/schema.lite", "database main { path \"./data/sub.db\" }\nmodel users { id Integer @id }\n");
  auto nested = runCli("push --schema sub/schema.lite", "", dir.path().string());
  ASSERT_EQ(nested.exit_code, 0) << nested.err;
  EXPECT_TRUE(std::filesystem::exists(dir.file("sub/data/sub.db"))) << nested.out;
  auto bad = runCli("push --schema missing.lite --db app.db", "", dir.path().string());
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_FALSE(bad.err.empty());
}

}  // namespace
}  // namespace litestone::testing
