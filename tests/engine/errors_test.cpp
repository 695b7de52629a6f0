#include "engine/errors.hpp"

#include <gtest/gtest.h>

#include "engine/connection.hpp"
#include "litestone/error.hpp"
#include "testing.hpp"

namespace litestone::engine {
namespace {

class ConstraintErrorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The error mapping does not depend on storage (DatabaseTest covers a
    // constraint failure on a file); :memory: keeps the suite fast.
    conn_ = std::make_unique<Connection>(ConnectionOptions{.path = ":memory:"});
    conn_->exec(R"(
      CREATE TABLE accounts(id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;
      CREATE TABLE users(
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        age INTEGER CONSTRAINT age_positive CHECK (age > 0),
        account_id INTEGER REFERENCES accounts(id)) STRICT;
      CREATE TABLE pairs(a TEXT, b TEXT, PRIMARY KEY (a, b)) STRICT;
      INSERT INTO accounts(id, name) VALUES (1, 'acme');
      INSERT INTO users(id, email, age, account_id) VALUES (1, 'a@b.co', 30, 1);
      INSERT INTO pairs VALUES ('x', 'y');
    )");
  }

  // Runs sql and returns the ConstraintError it must raise.
  ConstraintError expectConstraint(const std::string& sql) {
    auto s = conn_->prepare(sql);
    try {
      s.run();
    } catch (const ConstraintError& e) {
      return e;
    }
    ADD_FAILURE() << "no ConstraintError for " << sql;
    return ConstraintError("NONE", "none");
  }

  std::unique_ptr<Connection> conn_;
};

TEST_F(ConstraintErrorTest, Unique) {
  auto e = expectConstraint("INSERT INTO users(email, age) VALUES ('a@b.co', 5)");
  EXPECT_EQ(e.code(), "CONSTRAINT_UNIQUE");
  EXPECT_EQ(e.meta()["constraint"], "unique");
  EXPECT_EQ(e.meta()["fields"], json::array({"users.email"}));
  EXPECT_EQ(e.meta()["sqlite_code"], 19);
  EXPECT_EQ(e.meta()["sqlite_extended_code"], 2067);  // SQLITE_CONSTRAINT_UNIQUE
  EXPECT_EQ(e.meta()["message"], "UNIQUE constraint failed: users.email");
}

TEST_F(ConstraintErrorTest, PrimaryKeyWithSeveralColumns) {
  auto e = expectConstraint("INSERT INTO pairs VALUES ('x', 'y')");
  EXPECT_EQ(e.code(), "CONSTRAINT_PRIMARY_KEY");
  EXPECT_EQ(e.meta()["constraint"], "primary_key");
  EXPECT_EQ(e.meta()["fields"], json::array({"pairs.a", "pairs.b"}));
}

TEST_F(ConstraintErrorTest, RowidPrimaryKey) {
  auto e = expectConstraint("INSERT INTO accounts(id, name) VALUES (1, 'dup')");
  EXPECT_EQ(e.code(), "CONSTRAINT_PRIMARY_KEY");
  EXPECT_EQ(e.meta()["fields"], json::array({"accounts.id"}));
}

TEST_F(ConstraintErrorTest, ForeignKey) {
  auto e = expectConstraint("INSERT INTO users(email, age, account_id) VALUES ('n@b.co', 5, 99)");
  EXPECT_EQ(e.code(), "CONSTRAINT_FOREIGN_KEY");
  EXPECT_EQ(e.meta()["constraint"], "foreign_key");
  EXPECT_EQ(e.meta()["fields"], json::array());
  EXPECT_EQ(e.meta()["sqlite_extended_code"], 787);  // SQLITE_CONSTRAINT_FOREIGNKEY
}

TEST_F(ConstraintErrorTest, Check) {
  auto e = expectConstraint("UPDATE users SET age = -1 WHERE id = 1");
  EXPECT_EQ(e.code(), "CONSTRAINT_CHECK");
  EXPECT_EQ(e.meta()["constraint"], "check");
  EXPECT_EQ(e.meta()["check"], "age_positive");
}

TEST_F(ConstraintErrorTest, NotNull) {
  auto e = expectConstraint("INSERT INTO users(email, age) VALUES (NULL, 5)");
  EXPECT_EQ(e.code(), "CONSTRAINT_NOT_NULL");
  EXPECT_EQ(e.meta()["constraint"], "not_null");
  EXPECT_EQ(e.meta()["fields"], json::array({"users.email"}));
}

TEST_F(ConstraintErrorTest, StrictDatatypeIsAGenericConstraintFailure) {
  auto e = expectConstraint("INSERT INTO users(email, age) VALUES ('t@b.co', 'old')");
  EXPECT_EQ(e.code(), "CONSTRAINT_FAILED");
  EXPECT_EQ(e.meta()["constraint"], "datatype");
  EXPECT_EQ(e.meta()["fields"], json::array({"users.age"}));
}

TEST_F(ConstraintErrorTest, ExecRaisesTheSameErrors) {
  try {
    conn_->exec("INSERT INTO users(email, age) VALUES ('a@b.co', 5)");
    FAIL() << "expected ConstraintError";
  } catch (const ConstraintError& e) {
    EXPECT_EQ(e.code(), "CONSTRAINT_UNIQUE");
    EXPECT_EQ(e.meta()["fields"], json::array({"users.email"}));
  }
}

TEST(DatabaseErrorTest, OtherFailuresCarrySqlAndCodes) {
  testing::TempDir dir;
  Connection conn(ConnectionOptions{.path = dir.file("d.db")});
  try {
    conn.exec("SELECT * FROM missing_table");
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.code(), "DATABASE_ERROR");
    EXPECT_EQ(e.meta()["sql"], "SELECT * FROM missing_table");
    EXPECT_EQ(e.meta()["sqlite_code"], 1);
    EXPECT_EQ(e.meta()["sqlite_extended_code"], 1);
  }
}

TEST(DatabaseErrorTest, BusyHasItsOwnCode) {
  try {
    throwSqliteError(5 /* SQLITE_BUSY */ | (2 << 8), "database is locked", "BEGIN IMMEDIATE");
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.code(), "DATABASE_BUSY");
    EXPECT_EQ(e.meta()["sqlite_code"], 5);
    EXPECT_EQ(e.meta()["sqlite_extended_code"], 5 | (2 << 8));
  }
}

TEST(DatabaseErrorTest, RealBusyFromASecondConnection) {
  testing::TempDir dir;
  Connection a(ConnectionOptions{.path = dir.file("b.db")});
  Connection b(ConnectionOptions{.path = dir.file("b.db")});
  a.exec("CREATE TABLE t(x)");
  a.exec("BEGIN IMMEDIATE");
  b.exec("PRAGMA busy_timeout=0");  // don't wait 5 s for a test
  try {
    b.exec("BEGIN IMMEDIATE");
    FAIL() << "expected DATABASE_BUSY";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.code(), "DATABASE_BUSY");
  }
  a.exec("ROLLBACK");
}

}  // namespace
}  // namespace litestone::engine
