#include "engine/statement_cache.hpp"

#include <gtest/gtest.h>

#include <string>

#include "engine/connection.hpp"
#include "testing.hpp"

namespace litestone::engine {
namespace {

TEST(StatementCacheTest, SameSqlReusesTheSameHandle) {
  Connection c(ConnectionOptions{.path = ":memory:"});
  sqlite3_stmt* first = nullptr;
  {
    auto s = c.cached("SELECT 1");
    first = s->handle();
    ASSERT_TRUE(s->step());
  }
  {
    auto s = c.cached("SELECT 1");
    EXPECT_EQ(s->handle(), first);
    ASSERT_TRUE(s->step());  // reset by the previous lease: starts over
    EXPECT_EQ(s->getInt(0), 1);
  }
  EXPECT_EQ(c.cachedStatements(), 1u);
}

TEST(StatementCacheTest, EvictsLeastRecentlyUsedBeyondCapacity) {
  Connection c(ConnectionOptions{.path = ":memory:", .statement_cache_size = 3});
  sqlite3_stmt* one = c.cached("SELECT 1")->handle();
  c.cached("SELECT 2");
  c.cached("SELECT 3");
  EXPECT_EQ(c.cached("SELECT 1")->handle(), one);  // touch: 2 is now the oldest
  c.cached("SELECT 4");
  EXPECT_EQ(c.cachedStatements(), 3u);
  EXPECT_EQ(c.cached("SELECT 1")->handle(), one);  // survived
  for (int i = 0; i < 50; ++i) c.cached("SELECT " + std::to_string(100 + i));
  EXPECT_EQ(c.cachedStatements(), 3u);
}

TEST(StatementCacheTest, LeaseClearsBindingsOnReturn) {
  Connection c(ConnectionOptions{.path = ":memory:"});
  {
    auto s = c.cached("SELECT ?");
    s->bind(1, int64_t{41});
    ASSERT_TRUE(s->step());
    EXPECT_EQ(s->getInt(0), 41);
  }
  auto s = c.cached("SELECT ?");
  ASSERT_TRUE(s->step());
  EXPECT_EQ(s->columnType(0), ColumnType::Null);
}

TEST(StatementCacheTest, NestedUseOfTheSameSqlGetsAPrivateCopy) {
  Connection c(ConnectionOptions{.path = ":memory:"});
  c.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3)");
  auto outer = c.cached("SELECT x FROM t ORDER BY x");
  int rows = 0;
  while (outer->step()) {
    auto inner = c.cached("SELECT x FROM t ORDER BY x");
    EXPECT_NE(inner->handle(), outer->handle());
    ASSERT_TRUE(inner->step());
    ++rows;
  }
  EXPECT_EQ(rows, 3);  // the outer loop was never reset under it
  EXPECT_EQ(c.cachedStatements(), 1u);
}

TEST(StatementCacheTest, LeasedStatementIsNotEvicted) {
  Connection c(ConnectionOptions{.path = ":memory:", .statement_cache_size = 2});
  auto held = c.cached("SELECT 7");
  for (int i = 0; i < 10; ++i) c.cached("SELECT " + std::to_string(i));
  ASSERT_TRUE(held->step());  // still a live statement
  EXPECT_EQ(held->getInt(0), 7);
}

TEST(StatementCacheTest, ZeroCapacityCachesNothing) {
  Connection c(ConnectionOptions{.path = ":memory:", .statement_cache_size = 0});
  auto s = c.cached("SELECT 5");
  ASSERT_TRUE(s->step());
  EXPECT_EQ(s->getInt(0), 5);
  EXPECT_EQ(c.cachedStatements(), 0u);
}

TEST(StatementCacheTest, MovedLeaseKeepsItsStatement) {
  Connection c(ConnectionOptions{.path = ":memory:", .statement_cache_size = 0});
  auto a = c.cached("SELECT 9");
  StatementLease b = std::move(a);
  ASSERT_TRUE(b->step());
  EXPECT_EQ(b->getInt(0), 9);
}

}  // namespace
}  // namespace litestone::engine
