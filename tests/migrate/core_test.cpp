// Snapshot → diff → plan → file → apply over hand-written DDL, without the
// schema layer: the migration core on its own.

#include <gtest/gtest.h>

#include "litestone/error.hpp"
#include "migrate/apply.hpp"
#include "migrate/diff.hpp"
#include "migrate/files.hpp"
#include "migrate/plan.hpp"
#include "migrate/sha256.hpp"
#include "migrate/snapshot.hpp"
#include "migrate/sql_text.hpp"
#include "project.hpp"
#include "testing.hpp"

namespace litestone::migrate {
namespace {

using litestone::testing::TempDir;

struct Harness {
  TempDir dir;
  std::unique_ptr<engine::Connection> db = openPlain(dir.file("app.db"));
  int n = 0;

  explicit Harness(const std::vector<std::string>& initial) {
    db->exec("PRAGMA foreign_keys = ON");
    for (auto& s : initial) db->exec(s);
  }
  // Plans the move to `desired`, writes the file and applies it.
  Plan migrate(const std::vector<std::string>& desired, bool allow_destructive = false) {
    auto want = snapshotOfStatements(desired);
    auto live = takeSnapshot(*db);
    auto plan = makePlan(diff(live, want), live, want);
    auto name = "2026010100000" + std::to_string(n++) + "_step.sql";
    writeMigration(dir.file("migrations"), name, renderSql(plan, name, "main"));
    for (auto& f : listMigrations(dir.file("migrations")))
      if (f.name == name) applySqlFile(*db, f, allow_destructive);
    return plan;
  }
  bool matches(const std::vector<std::string>& desired) {
    auto want = snapshotOfStatements(desired);
    return diff(takeSnapshot(*db), want).empty();
  }
  std::string rows(const std::string& sql) {
    auto st = db->prepare(sql);
    std::string out;
    while (st.step()) {
      for (int i = 0; i < st.columnCount(); ++i)
        out += (i ? "|" : "") + (st.columnType(i) == engine::ColumnType::Null ? std::string("NULL")
                                                                              : std::string(st.getText(i)));
      out += "\n";
    }
    return out;
  }
};

const std::string kUsers =
    "CREATE TABLE \"users\" (\"id\" INTEGER PRIMARY KEY, \"email\" TEXT NOT NULL, \"name\" TEXT) STRICT";

TEST(SqlTextTest, ParsesCreateTable) {
  auto p = parseCreateTable(
      "CREATE TABLE \"a b\" (\"id\" INTEGER PRIMARY KEY, x TEXT DEFAULT 'a,b', CHECK (x IN ('a','b')), "
      "FOREIGN KEY (x) REFERENCES t(id)) STRICT");
  EXPECT_EQ(p.name, "a b");
  ASSERT_EQ(p.columns.size(), 2u);
  EXPECT_EQ(p.column_names[1], "x");
  EXPECT_EQ(p.columns[1], "x TEXT DEFAULT 'a,b'");
  EXPECT_EQ(p.constraints.size(), 2u);
  EXPECT_EQ(p.options, "STRICT");
  EXPECT_EQ(renameCreateTable("CREATE TABLE \"x\" (a)", "_new_x"), "CREATE TABLE \"_new_x\" (a)");
  EXPECT_EQ(normalize("create  table \"x\"(a   int)"), normalize("CREATE TABLE x (A INT)"));
}

TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256Hex(std::string(1000, 'a')).substr(0, 16), "41edece42d63e8d9");
}

TEST(CoreMigrateTest, NoChangesMeansEmptyPlan) {
  Harness h({kUsers, "CREATE INDEX \"users_email_idx\" ON \"users\" (\"email\")"});
  auto want = snapshotOfStatements({kUsers, "CREATE INDEX \"users_email_idx\" ON \"users\" (\"email\")"});
  auto d = diff(takeSnapshot(*h.db), want);
  EXPECT_TRUE(d.empty());
}

TEST(CoreMigrateTest, AddColumnUsesAlter) {
  Harness h({kUsers});
  h.db->exec("INSERT INTO users (email, name) VALUES ('a@x', 'A'), ('b@x', NULL)");
  std::vector<std::string> next = {
      "CREATE TABLE \"users\" (\"id\" INTEGER PRIMARY KEY, \"email\" TEXT NOT NULL, \"bio\" TEXT, "
      "\"name\" TEXT, \"score\" INTEGER NOT NULL DEFAULT 0) STRICT"};
  auto plan = h.migrate(next);
  ASSERT_EQ(plan.steps.size(), 2u);
  EXPECT_NE(plan.steps[0].sql.find("ADD COLUMN"), std::string::npos);
  EXPECT_TRUE(h.matches(next));
  EXPECT_EQ(h.rows("SELECT id, email, name, score FROM users"), "1|a@x|A|0\n2|b@x|NULL|0\n");
}

TEST(CoreMigrateTest, RebuildKeepsRowsAndIndexes) {
  Harness h({kUsers, "CREATE UNIQUE INDEX \"users_email_key\" ON \"users\" (\"email\")",
             "CREATE TABLE \"posts\" (\"id\" INTEGER PRIMARY KEY, \"userId\" INTEGER NOT NULL REFERENCES "
             "\"users\"(\"id\") ON DELETE CASCADE) STRICT"});
  h.db->exec(
      "INSERT INTO users (email, name) VALUES ('a@x', 'A'), ('b@x', 'B'); INSERT INTO posts "
      "(userId) VALUES (1), (2)");
  std::vector<std::string> next = {
      "CREATE TABLE \"users\" (\"id\" INTEGER PRIMARY KEY, \"email\" TEXT NOT NULL, \"name\" TEXT NOT NULL "
      "DEFAULT 'anon') STRICT",
      "CREATE UNIQUE INDEX \"users_email_key\" ON \"users\" (\"email\")",
      "CREATE TABLE \"posts\" (\"id\" INTEGER PRIMARY KEY, \"userId\" INTEGER NOT NULL REFERENCES "
      "\"users\"(\"id\") ON DELETE CASCADE) STRICT"};
  auto plan = h.migrate(next);
  EXPECT_TRUE(plan.foreign_keys_off);
  EXPECT_TRUE(h.matches(next));
  EXPECT_EQ(h.rows("SELECT id, email, name FROM users"), "1|a@x|A\n2|b@x|B\n");
  EXPECT_EQ(h.rows("SELECT count(*) FROM posts"), "2\n");
  // The foreign key still points at the rebuilt table.
  h.db->exec("DELETE FROM users WHERE id = 1");
  EXPECT_EQ(h.rows("SELECT userId FROM posts"), "2\n");
}

// A statement that does not prepare: the error names it by number and keeps
// sqlite's codes; the statements before it are rolled back.
TEST(CoreMigrateTest, FailingStatementCarriesSqliteCodes) {
  Harness h({kUsers});
  MigrationFile f;
  f.name = "20260101000000_bad.sql";
  f.text = "CREATE TABLE a (x INTEGER);\n-- a comment\nCREATE TABL b (y INTEGER);\n";
  f.checksum = sha256Hex(f.text);
  try {
    applySqlFile(*h.db, f, false);
    FAIL() << "expected MIGRATION_FAILED";
  } catch (const MigrationError& e) {
    EXPECT_EQ(e.code(), "MIGRATION_FAILED");
    EXPECT_EQ(e.meta()["migration"], f.name);
    EXPECT_EQ(e.meta()["statement"], 2);
    EXPECT_EQ(e.meta()["sqlite_code"], 1);  // SQLITE_ERROR
    EXPECT_EQ(e.meta()["sqlite_extended_code"], 1);
  }
  EXPECT_EQ(h.rows("SELECT count(*) FROM sqlite_schema WHERE name = 'a'"), "0\n");
  EXPECT_TRUE(appliedMigrations(*h.db).empty());
}

// A statement that fails while it runs: a constraint, with its extended code.
TEST(CoreMigrateTest, ConstraintFailureInAStatementCarriesTheExtendedCode) {
  Harness h({kUsers});
  h.db->exec("INSERT INTO users (id, email) VALUES (1, 'a@x')");
  MigrationFile f;
  f.name = "20260101000000_dup.sql";
  f.text =
      "INSERT INTO users (id, email) VALUES (2, 'b@x');\n"
      "INSERT INTO users (id, email) VALUES (1, 'c@x');\n";
  f.checksum = sha256Hex(f.text);
  try {
    applySqlFile(*h.db, f, false);
    FAIL() << "expected MIGRATION_FAILED";
  } catch (const MigrationError& e) {
    EXPECT_EQ(e.code(), "MIGRATION_FAILED");
    EXPECT_EQ(e.meta()["statement"], 2);
    EXPECT_EQ(e.meta()["sqlite_code"], 19);             // SQLITE_CONSTRAINT
    EXPECT_EQ(e.meta()["sqlite_extended_code"], 1555);  // SQLITE_CONSTRAINT_PRIMARYKEY
    EXPECT_EQ(e.meta()["constraint"], "primary_key");
    EXPECT_NE(e.meta()["sql"].get<std::string>().find("VALUES (1, 'c@x')"), std::string::npos) << e.meta();
  }
  EXPECT_EQ(h.rows("SELECT id FROM users"), "1\n");
}

TEST(CoreMigrateTest, DropColumnIsRefusedUnlessAllowed) {
  Harness h({kUsers});
  h.db->exec("INSERT INTO users (email, name) VALUES ('a@x', 'A')");
  std::vector<std::string> next = {
      "CREATE TABLE \"users\" (\"id\" INTEGER PRIMARY KEY, \"email\" TEXT NOT NULL) STRICT"};
  try {
    h.migrate(next);
    FAIL() << "expected MIGRATION_DESTRUCTIVE";
  } catch (const MigrationError& e) {
    EXPECT_EQ(e.code(), "MIGRATION_DESTRUCTIVE");
    EXPECT_NE(std::string(e.what()).find("users.name"), std::string::npos) << e.what();
  }
  EXPECT_EQ(h.rows("SELECT name FROM users"), "A\n");
  EXPECT_TRUE(appliedMigrations(*h.db).empty());
  // The same file applies once allowed.
  for (auto& f : listMigrations(h.dir.file("migrations"))) applySqlFile(*h.db, f, true);
  EXPECT_TRUE(h.matches(next));
  EXPECT_EQ(h.rows("SELECT id, email FROM users"), "1|a@x\n");
}

TEST(CoreMigrateTest, TighteningNullabilityWithoutDefaultFailsClearly) {
  Harness h({kUsers});
  h.db->exec("INSERT INTO users (email, name) VALUES ('a@x', NULL)");
  std::vector<std::string> next = {
      "CREATE TABLE \"users\" (\"id\" INTEGER PRIMARY KEY, \"email\" TEXT NOT NULL, \"name\" TEXT NOT NULL) "
      "STRICT"};
  try {
    h.migrate(next);
    FAIL();
  } catch (const MigrationError& e) {
    EXPECT_EQ(e.code(), "MIGRATION_NULL_VALUES");
  }
}

TEST(CoreMigrateTest, ForeignKeyCheckFailsTheMigration) {
  Harness h({kUsers, "CREATE TABLE \"posts\" (\"id\" INTEGER PRIMARY KEY, \"userId\" INTEGER) STRICT"});
  h.db->exec("INSERT INTO posts (userId) VALUES (42)");
  std::vector<std::string> next = {kUsers,
                                   "CREATE TABLE \"posts\" (\"id\" INTEGER PRIMARY KEY, \"userId\" INTEGER "
                                   "REFERENCES \"users\"(\"id\")) STRICT"};
  try {
    h.migrate(next);
    FAIL();
  } catch (const MigrationError& e) {
    EXPECT_EQ(e.code(), "MIGRATION_FOREIGN_KEY");
  }
  EXPECT_EQ(h.rows("SELECT userId FROM posts"), "42\n");
  EXPECT_EQ(h.rows("PRAGMA foreign_keys"), "1\n");
}

TEST(CoreMigrateTest, FtsTableIsCreatedAndFilled) {
  Harness h({"CREATE TABLE \"docs\" (\"id\" INTEGER PRIMARY KEY, \"title\" TEXT NOT NULL) STRICT"});
  h.db->exec("INSERT INTO docs (title) VALUES ('hello world'), ('other')");
  std::vector<std::string> next = {
      "CREATE TABLE \"docs\" (\"id\" INTEGER PRIMARY KEY, \"title\" TEXT NOT NULL) STRICT",
      "CREATE VIRTUAL TABLE \"docs_fts\" USING fts5(\"title\", content='docs', content_rowid='id')",
      "CREATE TRIGGER \"docs_fts_ai\" AFTER INSERT ON \"docs\" BEGIN INSERT INTO \"docs_fts\"(rowid, "
      "\"title\") "
      "VALUES (new.\"id\", new.\"title\"); END"};
  h.migrate(next);
  EXPECT_TRUE(h.matches(next));
  EXPECT_EQ(h.rows("SELECT rowid FROM docs_fts WHERE docs_fts MATCH 'hello'"), "1\n");
}

TEST(CoreMigrateTest, TypeNarrowingIsDestructive) {
  Harness h({"CREATE TABLE \"t\" (\"id\" INTEGER PRIMARY KEY, \"v\" TEXT) STRICT"});
  h.db->exec("INSERT INTO t (v) VALUES ('12')");
  std::vector<std::string> next = {"CREATE TABLE \"t\" (\"id\" INTEGER PRIMARY KEY, \"v\" INTEGER) STRICT"};
  EXPECT_THROW(h.migrate(next), MigrationError);
  for (auto& f : listMigrations(h.dir.file("migrations"))) applySqlFile(*h.db, f, true);
  EXPECT_EQ(h.rows("SELECT typeof(v), v FROM t"), "integer|12\n");
}

}  // namespace
}  // namespace litestone::migrate
