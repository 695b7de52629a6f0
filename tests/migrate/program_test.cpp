// Program migrations (C++ callbacks) and .json data migrations run in name
// order with the SQL files, once each.

#include <gtest/gtest.h>

#include "client/state.hpp"
#include "litestone/error.hpp"
#include "project.hpp"

namespace litestone::migrate::test {
namespace {

const char* kNotes = "model notes {\n  id Integer @id\n  body Text\n  slug Text?\n}\n";

TEST(ProgramMigrationTest, RunsOnceInOrderWithFiles) {
  Project p;
  auto db = p.open(kNotes);
  auto first = create(db, "init", p.options());
  ASSERT_FALSE(first.empty());
  std::vector<std::string> seen;
  auto opts = p.options();
  opts.programs.push_back({"99990101000000_backfill", [&](Client& c) {
                             seen.push_back("backfill");
                             c.sql("UPDATE notes SET slug = lower(body) WHERE slug IS NULL");
                           }});
  opts.programs.push_back({"00000101000000_before_everything", [&](Client&) { seen.push_back("early"); }});
  auto ran = apply(db, opts);
  ASSERT_EQ(ran.size(), 3u);
  EXPECT_EQ(ran[0].kind, "program");
  EXPECT_EQ(ran[1].kind, "sql");
  EXPECT_EQ(ran[2].kind, "program");
  EXPECT_EQ(seen, (std::vector<std::string>{"early", "backfill"}));
  EXPECT_TRUE(apply(db, opts).empty());
  EXPECT_EQ(seen.size(), 2u);
  auto s = status(db, opts);
  EXPECT_TRUE(s.clean()) << s.toJson().dump(2);
  EXPECT_EQ(s.entries.size(), 3u);
}

TEST(ProgramMigrationTest, FailingProgramLeavesNothingBehind) {
  Project p;
  p.migrate(kNotes);
  p.exec("INSERT INTO notes (id, body) VALUES (1, 'Hello')");
  auto db = p.open(kNotes);
  auto opts = p.options();
  opts.programs.push_back({"99990101000000_broken", [](Client& c) {
                             c.sql("UPDATE notes SET slug = 'x'");
                             throw std::runtime_error("boom");
                           }});
  EXPECT_THROW(apply(db, opts), std::runtime_error);
  EXPECT_EQ(p.rows("SELECT slug FROM notes"), "NULL\n");
  EXPECT_FALSE(status(db, opts).clean());
}

TEST(DataMigrationTest, JsonBatchRunsThroughTheClient) {
  // create returns the row through the read actions of the query layer.
  if (!detail::findAction("findFirst")) GTEST_SKIP() << "read actions are not registered in this build";
  Project p;
  p.migrate(kNotes);
  p.dir.write("migrations/99990101000000_seed.json",
              R"([{"model": "notes", "action": "create", "args": {"data": {"id": 7, "body": "seeded"}}},
                  {"model": "notes", "action": "create", "args": {"data": {"id": 8, "body": "more", "slug": "s"}}}])");
  auto db = p.open(kNotes);
  auto ran = apply(db, p.options());
  ASSERT_EQ(ran.size(), 1u);
  EXPECT_EQ(ran[0].kind, "json");
  EXPECT_EQ(ran[0].statements, 2);
  EXPECT_EQ(p.rows("SELECT id, body, slug FROM notes"), "7|seeded|NULL\n8|more|s\n");
  EXPECT_TRUE(status(db, p.options()).clean());
}

TEST(DataMigrationTest, MalformedBatchIsRejected) {
  Project p;
  p.migrate(kNotes);
  p.dir.write("migrations/99990101000000_bad.json", R"({"action": "create"})");
  auto db = p.open(kNotes);
  try {
    apply(db, p.options());
    FAIL();
  } catch (const MigrationError& e) {
    EXPECT_EQ(e.code(), "MIGRATION_BAD_DATA_FILE");
  }
}

}  // namespace
}  // namespace litestone::migrate::test
