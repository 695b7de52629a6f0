#include "engine/script.hpp"

#include <gtest/gtest.h>

#include <sqlite3.h>

#include "engine/connection.hpp"
#include "litestone/error.hpp"
#include "testing.hpp"

namespace litestone::engine {
namespace {

TEST(ScriptTest, RunsStatementsOneByOneAndSkipsComments) {
  auto c = Connection::scratch();
  std::string sql =
      "-- a header comment\n"
      "CREATE TABLE t(x INTEGER);\n"
      "/* only a comment */ ;\n"
      "INSERT INTO t VALUES (1), (2);\n"
      "SELECT x FROM t ORDER BY x;  -- trailing comment\n";
  Script script(*c, sql);
  std::vector<std::string> rows;
  int statements = 0;
  while (auto st = script.next()) {
    ++statements;
    EXPECT_EQ(script.index(), statements);
    while (st.step()) rows.push_back(std::to_string(st.getInt(0)));
  }
  EXPECT_EQ(statements, 3);
  EXPECT_EQ(rows, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(c->scalarInt("SELECT count(*) FROM t"), 2);
}

TEST(ScriptTest, PrepareFailureNamesTheStatementAndCarriesSqliteCodes) {
  auto c = Connection::scratch();
  Script script(*c, "CREATE TABLE t(x);\nSELECT nope FROM t;\nCREATE TABLE never(y);");
  ASSERT_TRUE(static_cast<bool>(script.next()));
  try {
    script.next();
    FAIL() << "no error for an unknown column";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(script.index(), 2);
    EXPECT_EQ(e.code(), "DATABASE_ERROR");
    EXPECT_EQ(e.meta()["sqlite_code"], SQLITE_ERROR);
    EXPECT_EQ(e.meta()["sqlite_extended_code"], SQLITE_ERROR);
    EXPECT_NE(e.meta()["sql"].get<std::string>().find("SELECT nope FROM t"), std::string::npos) << e.meta();
  }
  // The script stops at the failure: the third statement never runs.
  EXPECT_FALSE(static_cast<bool>(script.next()));
  EXPECT_EQ(c->scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'never'"), 0);
}

TEST(ScriptTest, StepFailureCarriesTheExtendedCode) {
  auto c = Connection::scratch();
  Script script(*c, "CREATE TABLE t(x UNIQUE); INSERT INTO t VALUES (1); INSERT INTO t VALUES (1);");
  script.next().run();
  script.next().run();
  auto third = script.next();
  try {
    third.run();
    FAIL() << "no error for a duplicate";
  } catch (const ConstraintError& e) {
    EXPECT_EQ(script.index(), 3);
    EXPECT_EQ(e.code(), "CONSTRAINT_UNIQUE");
    EXPECT_EQ(e.meta()["sqlite_extended_code"], SQLITE_CONSTRAINT_UNIQUE);
    EXPECT_EQ(e.meta()["fields"], json::array({"t.x"}));
  }
}

TEST(ScriptTest, ScratchConnectionKeepsSqliteDefaults) {
  auto c = Connection::scratch();
  EXPECT_EQ(c->scalarInt("PRAGMA foreign_keys"), 0);
  EXPECT_EQ(c->scalarInt("PRAGMA busy_timeout"), 5000);
  testing::TempDir dir;
  Connection plain(ConnectionOptions{.path = dir.file("plain.db"), .apply_pragmas = false});
  auto mode = plain.prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.step());
  EXPECT_EQ(mode.getText(0), "delete");  // not switched to WAL
}

TEST(ScriptTest, StatementParamIndexFindsNamedParameters) {
  auto c = Connection::scratch();
  auto st = c->prepare("SELECT :a, @b, $c");
  EXPECT_EQ(st.paramIndex(":a"), 1);
  EXPECT_EQ(st.paramIndex("@b"), 2);
  EXPECT_EQ(st.paramIndex("$c"), 3);
  EXPECT_EQ(st.paramIndex(":missing"), 0);
}

}  // namespace
}  // namespace litestone::engine
