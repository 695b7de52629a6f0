#include "engine/connection.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "engine/config.hpp"
#include "engine/database.hpp"
#include "litestone/error.hpp"
#include "testing.hpp"

namespace litestone::engine {
namespace {

std::string pragmaText(Connection& c, const std::string& name) {
  auto s = c.prepare("PRAGMA " + name);
  EXPECT_TRUE(s.step()) << name;
  return std::string(s.getText(0));
}

int64_t pragmaInt(Connection& c, const std::string& name) {
  auto s = c.prepare("PRAGMA " + name);
  EXPECT_TRUE(s.step()) << name;
  return s.getInt(0);
}

TEST(ConnectionTest, OptionDefaultsMatchConfig) {
  EXPECT_EQ(ConnectionOptions{}.statement_cache_size, config::kDefaultStatementCacheSize);
  EXPECT_EQ(DatabaseOptions{}.read_pool_size, config::kDefaultReadPoolSize);
  EXPECT_EQ(DatabaseOptions{}.statement_cache_size, config::kDefaultStatementCacheSize);
}

TEST(ConnectionTest, NewFileGetsEveryPragma) {
  testing::TempDir dir;
  Connection c(ConnectionOptions{.path = dir.file("new.db")});
  c.exec("CREATE TABLE t(x)");
  EXPECT_EQ(pragmaText(c, "journal_mode"), "wal");
  EXPECT_EQ(pragmaInt(c, "page_size"), 8192);
  EXPECT_EQ(pragmaInt(c, "foreign_keys"), 1);
  EXPECT_EQ(pragmaInt(c, "synchronous"), 1);  // NORMAL
  EXPECT_EQ(pragmaInt(c, "busy_timeout"), 5000);
  EXPECT_EQ(pragmaInt(c, "cache_size"), -config::kCacheSizeKiB);
  EXPECT_EQ(pragmaInt(c, "mmap_size"), config::kMmapSizeBytes);
}

TEST(ConnectionTest, ExistingFileKeepsItsPageSize) {
  testing::TempDir dir;
  auto path = dir.file("old.db");
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "PRAGMA page_size=4096; CREATE TABLE t(x); INSERT INTO t VALUES (1);",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
  }
  Connection c(ConnectionOptions{.path = path});
  EXPECT_EQ(pragmaInt(c, "page_size"), 4096);
  EXPECT_EQ(pragmaText(c, "journal_mode"), "wal");  // still switched to WAL
  EXPECT_EQ(pragmaInt(c, "foreign_keys"), 1);
}

TEST(ConnectionTest, ReadOnlyConnectionGetsPragmasAndCannotWrite) {
  testing::TempDir dir;
  Connection w(ConnectionOptions{.path = dir.file("ro.db")});
  w.exec("CREATE TABLE t(x)");
  Connection r(ConnectionOptions{.path = dir.file("ro.db"), .read_only = true});
  EXPECT_EQ(pragmaText(r, "journal_mode"), "wal");
  EXPECT_EQ(pragmaInt(r, "foreign_keys"), 1);
  EXPECT_EQ(pragmaInt(r, "synchronous"), 1);
  EXPECT_EQ(pragmaInt(r, "busy_timeout"), 5000);
  EXPECT_EQ(pragmaInt(r, "cache_size"), -config::kCacheSizeKiB);
  EXPECT_EQ(pragmaInt(r, "mmap_size"), config::kMmapSizeBytes);
  EXPECT_THROW(r.exec("INSERT INTO t VALUES (1)"), DatabaseError);
}

TEST(ConnectionTest, ReadOnlyOnMissingFileThrows) {
  testing::TempDir dir;
  EXPECT_THROW(Connection(ConnectionOptions{.path = dir.file("missing.db"), .read_only = true}),
               DatabaseError);
  EXPECT_FALSE(std::filesystem::exists(dir.file("missing.db")));
}

TEST(ConnectionTest, PathIsNotAUri) {
  testing::TempDir dir;
  auto odd = dir.file("file:x.db?mode=ro");
  Connection c(ConnectionOptions{.path = odd});
  c.exec("CREATE TABLE t(x)");
  EXPECT_TRUE(std::filesystem::exists(odd));
}

TEST(ConnectionTest, MemoryDatabaseSkipsWal) {
  Connection c(ConnectionOptions{.path = ":memory:"});
  EXPECT_EQ(pragmaText(c, "journal_mode"), "memory");
  EXPECT_EQ(pragmaInt(c, "foreign_keys"), 1);
}

TEST(ConnectionTest, ChangesRowidAndTransactionState) {
  Connection c(ConnectionOptions{.path = ":memory:"});
  c.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, x)");
  EXPECT_FALSE(c.inTransaction());
  c.exec("BEGIN");
  EXPECT_TRUE(c.inTransaction());
  c.exec("INSERT INTO t(x) VALUES (1), (2), (3)");
  EXPECT_EQ(c.changes(), 3);
  EXPECT_EQ(c.lastInsertRowid(), 3);
  EXPECT_EQ(c.tryExec("COMMIT"), SQLITE_OK);
  EXPECT_FALSE(c.inTransaction());
  EXPECT_NE(c.tryExec("COMMIT"), SQLITE_OK);  // no transaction: an error code, no throw
}

}  // namespace
}  // namespace litestone::engine
