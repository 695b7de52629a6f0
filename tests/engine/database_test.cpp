#include "engine/database.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <latch>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "litestone/error.hpp"
#include "testing.hpp"

namespace litestone::engine {
namespace {

using namespace std::chrono_literals;

int64_t scalar(Connection& c, const std::string& sql) {
  auto s = c.prepare(sql);
  EXPECT_TRUE(s.step()) << sql;
  return s.getInt(0);
}

int64_t countRows(Database& db) {
  int64_t n = -1;
  db.read([&](Connection& c) { n = scalar(c, "SELECT count(*) FROM t"); });
  return n;
}

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<Database>(DatabaseOptions{.path = dir_.file("db.sqlite")});
    db_->withWriter([](Connection& c) { c.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)"); });
  }

  static void insert(Connection& c, const std::string& v) {
    auto s = c.cached("INSERT INTO t(v) VALUES (?)");
    s->bindText(1, v);
    s->run();
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(DatabaseTest, ValuesRoundTripThroughAFile) {
  const std::string text_with_nul("a\0b", 3);
  const std::vector<uint8_t> blob = {0, 255, 0};
  db_->withWriter(
      [](Connection& c) { c.exec("CREATE TABLE v(i INTEGER, r REAL, s TEXT, b BLOB, n ANY) STRICT"); });
  db_->transaction([&](Connection& c) {
    auto s = c.cached("INSERT INTO v VALUES (?, ?, ?, ?, ?)");
    s->bind(1, std::numeric_limits<int64_t>::min());
    s->bind(2, -0.5);
    s->bindText(3, text_with_nul);
    s->bindBlob(4, blob);
    s->bindNull(5);
    s->run();
  });
  db_->read([&](Connection& c) {
    auto s = c.cached("SELECT i, r, s, b, n FROM v");
    ASSERT_TRUE(s->step());
    EXPECT_EQ(s->getInt(0), std::numeric_limits<int64_t>::min());
    EXPECT_EQ(s->getDouble(1), -0.5);
    EXPECT_EQ(s->getText(2), text_with_nul);
    auto b = s->getBlob(3);
    EXPECT_EQ(std::vector<uint8_t>(b.begin(), b.end()), blob);
    EXPECT_EQ(s->columnType(4), ColumnType::Null);
  });
}

TEST_F(DatabaseTest, TransactionCommits) {
  db_->transaction([](Connection& c) {
    EXPECT_TRUE(c.inTransaction());
    insert(c, "a");
  });
  EXPECT_EQ(countRows(*db_), 1);
}

TEST_F(DatabaseTest, ExceptionInOuterRollsBackEverythingAndRethrows) {
  EXPECT_THROW(db_->transaction([&](Connection& c) {
    insert(c, "a");
    db_->transaction([](Connection& inner) { insert(inner, "b"); });
    throw std::logic_error("boom");
  }),
               std::logic_error);
  EXPECT_EQ(countRows(*db_), 0);
  EXPECT_FALSE(db_->inTransaction());
}

TEST_F(DatabaseTest, NestedRollbackKeepsOuterWork) {
  db_->transaction([&](Connection& c) {
    insert(c, "outer");
    EXPECT_THROW(db_->transaction([](Connection& inner) {
      insert(inner, "inner");
      throw std::runtime_error("inner fails");
    }),
                 std::runtime_error);
    // A second nested level still works after the rolled back one.
    db_->transaction([](Connection& inner) { insert(inner, "inner2"); });
  });
  db_->read([](Connection& c) {
    auto s = c.prepare("SELECT group_concat(v, ',') FROM (SELECT v FROM t ORDER BY id)");
    ASSERT_TRUE(s.step());
    EXPECT_EQ(s.getText(0), "outer,inner2");
  });
}

TEST_F(DatabaseTest, DeeplyNestedSavepointsUseDistinctNames) {
  db_->transaction([&](Connection& c) {
    db_->transaction([&](Connection&) {
      db_->transaction([&](Connection& c3) {
        insert(c3, "deep");
        EXPECT_THROW(db_->transaction([](Connection&) { throw std::runtime_error("x"); }),
                     std::runtime_error);
      });
    });
    EXPECT_EQ(scalar(c, "SELECT count(*) FROM t"), 1);
  });
  EXPECT_EQ(countRows(*db_), 1);
}

// Savepoints are named by depth (their statements come from the cache), so
// siblings reuse a name and levels past the prebuilt names still nest.
TEST_F(DatabaseTest, SavepointNamesByDepthNestAndRepeat) {
  std::function<void(int)> nest = [&](int depth) {
    db_->transaction([&](Connection& c) {
      insert(c, "d" + std::to_string(depth));
      if (depth == 20) {
        EXPECT_THROW(db_->transaction([&](Connection& inner) {
          insert(inner, "lost");
          throw std::runtime_error("x");
        }),
                     std::runtime_error);
        return;
      }
      nest(depth + 1);
    });
  };
  db_->transaction([&](Connection&) {
    for (int round = 0; round < 3; ++round) nest(1);
  });
  EXPECT_EQ(countRows(*db_), 60);
}

TEST_F(DatabaseTest, SingleStatementIsATransactionOutermostAndNoSavepointNested) {
  db_->singleStatement([&](Connection& c) {
    EXPECT_TRUE(c.inTransaction());
    EXPECT_TRUE(db_->inTransaction());
    insert(c, "alone");
  });
  EXPECT_THROW(db_->singleStatement([&](Connection& c) {
    insert(c, "rolled back");
    throw std::runtime_error("x");
  }),
               std::runtime_error);
  EXPECT_EQ(countRows(*db_), 1);
  db_->transaction([&](Connection& c) {
    insert(c, "outer");
    EXPECT_THROW(db_->singleStatement([&](Connection& inner) {
      EXPECT_TRUE(db_->inTransaction());
      // The second row repeats the key: the statement undoes its first row.
      inner.exec("INSERT INTO t(id, v) VALUES (100, 'a'), (100, 'b')");
    }),
                 ConstraintError);
    // Nested calls inside still get their savepoint.
    db_->singleStatement([&](Connection&) {
      EXPECT_THROW(db_->transaction([](Connection& c2) {
        insert(c2, "inner");
        throw std::runtime_error("x");
      }),
                   std::runtime_error);
    });
  });
  EXPECT_EQ(countRows(*db_), 2);
}

TEST_F(DatabaseTest, ReadInsideTransactionSeesUncommittedRows) {
  db_->transaction([&](Connection&) {
    EXPECT_TRUE(db_->inTransaction());
    db_->transaction([](Connection& c) { insert(c, "x"); });
    EXPECT_EQ(countRows(*db_), 1);
  });
  EXPECT_FALSE(db_->inTransaction());
}

TEST_F(DatabaseTest, ReaderDoesNotWaitForAnOpenWriteTransaction) {
  db_->transaction([](Connection& c) { insert(c, "committed"); });

  std::promise<void> writer_inside;
  std::promise<void> release_writer;
  auto writer = std::async(std::launch::async, [&] {
    db_->transaction([&](Connection& c) {
      insert(c, "uncommitted");
      insert(c, "uncommitted");
      writer_inside.set_value();
      release_writer.get_future().wait();
    });
  });
  writer_inside.get_future().wait();

  auto reader = std::async(std::launch::async, [&] {
    EXPECT_FALSE(db_->inTransaction());  // another thread's transaction
    return countRows(*db_);
  });
  // The writer is still blocked inside its transaction; the read must finish
  // anyway. (On failure the wait times out instead of hanging the suite.)
  auto status = reader.wait_for(2s);
  EXPECT_EQ(status, std::future_status::ready) << "read waited for the writer";
  release_writer.set_value();
  writer.get();
  if (status == std::future_status::ready) {
    EXPECT_EQ(reader.get(), 1);  // not the uncommitted rows
  }
  EXPECT_EQ(countRows(*db_), 3);
}

TEST_F(DatabaseTest, ConcurrentWritersSerialize) {
  db_->withWriter(
      [](Connection& c) { c.exec("CREATE TABLE counter(n INTEGER); INSERT INTO counter VALUES (0)"); });
  constexpr int kThreads = 4;
  constexpr int kPerThread = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        db_->transaction([&](Connection& c) {
          // Read-modify-write: lost updates would show if two ran at once.
          int64_t n = scalar(c, "SELECT n FROM counter");
          std::this_thread::yield();
          auto s = c.cached("UPDATE counter SET n = ?");
          s->bind(1, n + 1);
          s->run();
          insert(c, std::to_string(t));
        });
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(countRows(*db_), kThreads * kPerThread);
  db_->read([&](Connection& c) { EXPECT_EQ(scalar(c, "SELECT n FROM counter"), kThreads * kPerThread); });
}

TEST_F(DatabaseTest, EveryReadConnectionHasThePragmas) {
  constexpr int kReaders = 3;
  std::latch all_inside(kReaders);
  std::vector<std::thread> threads;
  std::atomic<int> checked{0};
  for (int i = 0; i < kReaders; ++i) {
    threads.emplace_back([&] {
      db_->read([&](Connection& c) {
        // All three hold a connection at once, so these are three connections.
        all_inside.arrive_and_wait();
        auto mode = c.prepare("PRAGMA journal_mode");
        ASSERT_TRUE(mode.step());
        EXPECT_EQ(mode.getText(0), "wal");
        EXPECT_EQ(scalar(c, "PRAGMA page_size"), 8192);
        EXPECT_EQ(scalar(c, "PRAGMA foreign_keys"), 1);
        EXPECT_EQ(scalar(c, "PRAGMA synchronous"), 1);
        EXPECT_EQ(scalar(c, "PRAGMA busy_timeout"), 5000);
        c.cached("SELECT 1");
        ++checked;
      });
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(checked.load(), kReaders);
  EXPECT_EQ(db_->cacheSize().read, 3u);  // one cached statement per reader
}

TEST_F(DatabaseTest, ReadPoolIsBoundedAndWaits) {
  Database db(DatabaseOptions{.path = dir_.file("pool.sqlite"), .read_pool_size = 1});
  std::promise<void> first_inside;
  std::promise<void> release_first;
  auto first = std::async(std::launch::async, [&] {
    db.read([&](Connection&) {
      first_inside.set_value();
      release_first.get_future().wait();
    });
  });
  first_inside.get_future().wait();
  auto second = std::async(std::launch::async, [&] { db.read([](Connection&) {}); });
  EXPECT_EQ(second.wait_for(50ms), std::future_status::timeout);  // waits for the only reader
  release_first.set_value();
  first.get();
  EXPECT_EQ(second.wait_for(2s), std::future_status::ready);
}

TEST_F(DatabaseTest, NestedReadReusesTheConnection) {
  Database db(DatabaseOptions{.path = dir_.file("nested.sqlite"), .read_pool_size = 1});
  db.read([&](Connection& outer) { db.read([&](Connection& inner) { EXPECT_EQ(&inner, &outer); }); });
}

TEST_F(DatabaseTest, ReadConnectionsAreReadOnly) {
  EXPECT_THROW(db_->read([](Connection& c) { c.exec("INSERT INTO t(v) VALUES ('x')"); }), DatabaseError);
  EXPECT_EQ(countRows(*db_), 0);
}

TEST_F(DatabaseTest, ConstraintErrorRollsBackTheTransaction) {
  db_->withWriter([](Connection& c) { c.exec("CREATE TABLE u(email TEXT UNIQUE)"); });
  try {
    db_->transaction([](Connection& c) {
      c.exec("INSERT INTO u VALUES ('a'); INSERT INTO t(v) VALUES ('side effect')");
      c.exec("INSERT INTO u VALUES ('a')");
    });
    FAIL() << "expected ConstraintError";
  } catch (const ConstraintError& e) {
    EXPECT_EQ(e.code(), "CONSTRAINT_UNIQUE");
    EXPECT_EQ(e.meta()["fields"], json::array({"u.email"}));
  }
  EXPECT_EQ(countRows(*db_), 0);
}

TEST_F(DatabaseTest, CacheSizeCountsWriterStatements) {
  db_->transaction([](Connection& c) {
    insert(c, "a");
    c.cached("SELECT 1");
  });
  EXPECT_GE(db_->cacheSize().write, 2u);
}

TEST_F(DatabaseTest, UseAfterCloseThrowsClosed) {
  db_->close();
  auto expectClosed = [](auto fn) {
    try {
      fn();
      ADD_FAILURE() << "expected DATABASE_CLOSED";
    } catch (const DatabaseError& e) {
      EXPECT_EQ(e.code(), "DATABASE_CLOSED");
    }
  };
  expectClosed([&] { db_->read([](Connection&) {}); });
  expectClosed([&] { db_->transaction([](Connection&) {}); });
  expectClosed([&] { db_->withWriter([](Connection&) {}); });
  db_->close();  // idempotent
  EXPECT_EQ(db_->cacheSize().write, 0u);
}

TEST_F(DatabaseTest, CloseWaitsForAnInFlightRead) {
  std::promise<void> inside;
  std::promise<void> release;
  std::atomic<bool> read_done{false};
  auto reader = std::async(std::launch::async, [&] {
    db_->read([&](Connection& c) {
      inside.set_value();
      release.get_future().wait();
      EXPECT_EQ(scalar(c, "SELECT count(*) FROM t"), 0);  // connection still open
      read_done = true;
    });
  });
  inside.get_future().wait();
  auto closer = std::async(std::launch::async, [&] { db_->close(); });
  EXPECT_EQ(closer.wait_for(50ms), std::future_status::timeout);
  release.set_value();
  reader.get();
  closer.get();
  EXPECT_TRUE(read_done.load());
}

TEST_F(DatabaseTest, CloseInsideOwnTransactionIsRefused) {
  db_->transaction([&](Connection&) { EXPECT_THROW(db_->close(), DatabaseError); });
}

TEST(MemoryDatabaseTest, OneConnectionForReadsAndWrites) {
  Database db(DatabaseOptions{.path = ":memory:"});
  db.withWriter([](Connection& c) { c.exec("CREATE TABLE t(x)"); });
  db.transaction([](Connection& c) { c.exec("INSERT INTO t VALUES (1)"); });
  Connection* writer = nullptr;
  db.withWriter([&](Connection& c) { writer = &c; });
  db.read([&](Connection& c) {
    EXPECT_EQ(&c, writer);
    EXPECT_EQ(scalar(c, "SELECT count(*) FROM t"), 1);
  });
  // Reads from another thread while a transaction is open wait for it.
  std::promise<void> inside;
  std::promise<void> release;
  auto tx = std::async(std::launch::async, [&] {
    db.transaction([&](Connection& c) {
      c.exec("INSERT INTO t VALUES (2)");
      inside.set_value();
      release.get_future().wait();
    });
  });
  inside.get_future().wait();
  auto reader = std::async(std::launch::async, [&] {
    int64_t n = 0;
    db.read([&](Connection& c) { n = scalar(c, "SELECT count(*) FROM t"); });
    return n;
  });
  EXPECT_EQ(reader.wait_for(50ms), std::future_status::timeout);
  release.set_value();
  tx.get();
  EXPECT_EQ(reader.get(), 2);
  EXPECT_EQ(db.cacheSize().read, 0u);
}

}  // namespace
}  // namespace litestone::engine
