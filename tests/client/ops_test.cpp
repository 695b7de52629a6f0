// Operations through the C++ API on real database files: hot backup during
// concurrent writes, WAL status / checkpoint / bound, locks across
// processes, attach, optimize.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "engine/backup.hpp"
#include "engine/connection.hpp"
#include "litestone/litestone.hpp"
#include "testing.hpp"

namespace litestone {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

constexpr const char* kSchema = R"(
model accounts {
  id    Integer @id
  name  Text
  items items[]
}

model items {
  id        Integer  @id
  account   accounts @relation(fields: [accountId], references: [id])
  accountId Integer
  body      Text

  @@index([accountId])
}

model notes {
  id   Integer @id
  text Text
  @@fts([text])
}

model counters {
  id    Integer @id
  value Integer
}
)";

Client openDb(const TempDir& dir, ClientOptions extra = {}) {
  extra.schema = kSchema;
  if (extra.db.empty()) extra.db = dir.file("app.db");
  Client db = createClient(extra);
  autoMigrate(db);
  return db;
}

std::string payload(size_t n) { return std::string(n, 'x'); }

void fill(Client& db, int rows, size_t bytes) {
  db["accounts"].create({{"data", {{"id", 1}, {"name", "acme"}}}});
  db.transaction([&](Client& tx) {
    for (int i = 0; i < rows; ++i)
      tx["items"].create({{"data", {{"accountId", 1}, {"body", payload(bytes)}}}});
  });
}

int64_t countIn(const std::string& path, const std::string& sql) {
  engine::Connection c(engine::ConnectionOptions{.path = path, .read_only = true});
  auto stmt = c.prepare(sql);
  EXPECT_TRUE(stmt.step());
  return stmt.getInt(0);
}

TEST(OpsBackupTest, CopyDuringConcurrentWritesHoldsEveryRowCommittedBeforeItBegan) {
  TempDir dir;
  Client db = openDb(dir);
  fill(db, 4000, 1500);  // ~6 MiB: several backup steps

  std::atomic<int64_t> last_committed{0};
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    while (!stop) {
      json row = db["items"].create({{"data", {{"accountId", 1}, {"body", payload(200)}}}});
      last_committed = row["id"].get<int64_t>();
    }
  });
  while (last_committed.load() == 0) std::this_thread::yield();

  int64_t committed_before = last_committed.load();
  std::vector<int64_t> seen_during;  // the writer's progress at each backup step
  BackupOptions options;
  options.progress = [&](int64_t, int64_t) {
    seen_during.push_back(last_committed.load());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // leave room for writes between steps
  };
  json r = db.backup(dir.file("copy/app.db"), options);
  stop = true;
  writer.join();

  ASSERT_GE(seen_during.size(), 3u) << "the backup ran in one step; the test proves nothing";
  EXPECT_GT(seen_during.back(), seen_during.front()) << "no write landed while the backup ran";
  EXPECT_EQ(r["dest"], fs::absolute(dir.file("copy/app.db")).string());
  EXPECT_GT(r["pages"].get<int64_t>(), 256);
  EXPECT_EQ(r["bytes"].get<int64_t>(), static_cast<int64_t>(fs::file_size(dir.file("copy/app.db"))));

  engine::Connection copy(engine::ConnectionOptions{.path = dir.file("copy/app.db"), .read_only = true});
  EXPECT_TRUE(engine::integrityProblems(copy, false).empty());
  // Every row committed before the backup began is in the copy...
  EXPECT_EQ(countIn(dir.file("copy/app.db"),
                    "SELECT count(*) FROM items WHERE id <= " + std::to_string(committed_before)),
            committed_before);
  // ...and the copy is one snapshot: no gaps in the ids it holds.
  EXPECT_EQ(countIn(dir.file("copy/app.db"), "SELECT count(*) FROM items"),
            countIn(dir.file("copy/app.db"), "SELECT max(id) FROM items"));
  EXPECT_FALSE(fs::exists(dir.file("copy/app.db.partial")));
}

TEST(OpsBackupTest, VacuumCopyIsSmallerAfterDeletes) {
  TempDir dir;
  Client db = openDb(dir);
  fill(db, 2000, 1000);
  db["items"].deleteMany({{"where", {{"id", {{"gt", 100}}}}}});
  json plain = db.backup(dir.file("plain.db"));
  json compact = db.backup(dir.file("compact.db"), {.vacuum = true});
  EXPECT_TRUE(compact["vacuum"].get<bool>());
  EXPECT_LT(compact["bytes"].get<int64_t>(), plain["bytes"].get<int64_t>() / 2);
  EXPECT_EQ(countIn(dir.file("compact.db"), "SELECT count(*) FROM items"), 100);
}

TEST(OpsBackupTest, DestinationPathIsBoundNotSpliced) {
  TempDir dir;
  Client db = openDb(dir);
  fill(db, 10, 10);
  for (bool vacuum : {false, true}) {
    std::string dest = dir.file(std::string("it's \"quoted\"") + (vacuum ? "v" : "") + ".db");
    db.backup(dest, {.vacuum = vacuum});
    EXPECT_EQ(countIn(dest, "SELECT count(*) FROM items"), 10) << dest;
  }
}

TEST(OpsBackupTest, RefusesToOverwriteItsOwnDatabase) {
  TempDir dir;
  Client db = openDb(dir);
  fill(db, 5, 10);
  try {
    db.backup(dir.file("app.db"));
    FAIL() << "expected BACKUP_SAME_FILE";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.code(), "BACKUP_SAME_FILE");
  }
  EXPECT_EQ(db["items"].count(), 5);
}

TEST(OpsBackupTest, UnknownDatabaseIsNamedWithTheAllowedOnes) {
  TempDir dir;
  Client db = openDb(dir);
  try {
    db.backup(dir.file("x.db"), {.database = "archive"});
    FAIL() << "expected QUERY_UNKNOWN_DATABASE";
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "QUERY_UNKNOWN_DATABASE");
    EXPECT_EQ(e.meta()["allowed"], json::array({"main"}));
  }
  EXPECT_FALSE(fs::exists(dir.file("x.db")));
}

TEST(OpsWalTest, StatusAndTruncateCheckpoint) {
  TempDir dir;
  Client db = openDb(dir);
  fill(db, 300, 500);
  json before = db.walStatus();
  EXPECT_EQ(before["database"], "main");
  EXPECT_GT(before["wal_bytes"].get<int64_t>(), 0);
  EXPECT_GT(before["frames"].get<int64_t>(), 0);
  EXPECT_EQ(before["page_size"], 8192);
  EXPECT_TRUE(before["last_checkpoint"].is_null());

  json r = db.checkpoint("truncate");
  EXPECT_FALSE(r["busy"].get<bool>());
  json after = db.walStatus();
  EXPECT_EQ(after["wal_bytes"], 0);
  EXPECT_EQ(after["last_checkpoint"]["mode"], "TRUNCATE");
  EXPECT_EQ(after["checkpoints"], 1);
}

TEST(OpsWalTest, UnknownCheckpointModeNamesTheModes) {
  TempDir dir;
  Client db = openDb(dir);
  try {
    db.checkpoint("FAST");
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "QUERY_BAD_CHECKPOINT_MODE");
    EXPECT_NE(std::string(e.what()).find("TRUNCATE"), std::string::npos);
  }
}

// Steady writes while readers keep reading: the largest WAL seen, in bytes.
int64_t largestWalUnderLoad(const TempDir& dir, double limit_mib) {
  ClientOptions o;
  o.wal_limit_mib = limit_mib;
  Client db = openDb(dir, o);
  fill(db, 200, 100);
  std::atomic<bool> stop{false};
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&] {
      while (!stop) db["items"].findMany({{"select", {{"id", true}, {"body", true}}}});
    });
  }
  int64_t largest = 0;
  for (int i = 0; i < 1500; ++i) {
    db["items"].create({{"data", {{"accountId", 1}, {"body", payload(3000)}}}});
    largest = std::max(largest, db.walStatus()["wal_bytes"].get<int64_t>());
  }
  stop = true;
  for (auto& t : readers) t.join();
  largest = std::max(largest, db.walStatus()["wal_bytes"].get<int64_t>());
  return largest;
}

TEST(OpsWalTest, BoundKeepsTheWalSmallUnderSteadyWritesAndReaders) {
  TempDir bounded_dir;
  TempDir free_dir;
  int64_t bounded = largestWalUnderLoad(bounded_dir, 1.0);
  int64_t unbounded = largestWalUnderLoad(free_dir, 0);
  std::cout << "largest WAL: bounded (1 MiB) " << bounded << " bytes, unbounded " << unbounded << " bytes\n";
  // The limit plus what accrues while a checkpoint kept busy by a reader
  // waits to be retried (half a limit, engine/wal.hpp), plus one commit.
  EXPECT_LT(bounded, 2 * 1024 * 1024) << "bounded WAL grew to " << bounded;
  // Control: without the bound the same load grows the WAL well past it,
  // so the assertion above can fail.
  EXPECT_GT(unbounded, 4 * 1024 * 1024) << "unbounded WAL only reached " << unbounded;
}

TEST(OpsLockTest, GuardReleasesAndExpiredLocksAreTakenOver) {
  TempDir dir;
  Client db = openDb(dir);
  {
    auto held = db.tryLock("job", std::chrono::seconds(10));
    ASSERT_TRUE(held.has_value());
    EXPECT_FALSE(db.tryLock("job").has_value());
    EXPECT_TRUE(db.tryLock("other").has_value());
  }
  auto again = db.tryLock("job", std::chrono::milliseconds(50));
  ASSERT_TRUE(again.has_value()) << "the guard did not release on scope exit";
  EXPECT_FALSE(db.tryLock("job").has_value());
  std::this_thread::sleep_for(std::chrono::milliseconds(80));
  auto taken = db.tryLock("job");
  ASSERT_TRUE(taken.has_value()) << "an expired lock was not taken over";
  EXPECT_FALSE(again->extend(std::chrono::seconds(1))) << "the old owner still thinks it holds the lock";
  again->release();  // must not release the new owner's lock
  EXPECT_FALSE(db.tryLock("job").has_value());
}

TEST(OpsLockTest, WaitingLockTimesOutWithACode) {
  TempDir dir;
  Client db = openDb(dir);
  auto held = db.lock("job");
  try {
    db.lock("job", std::chrono::seconds(1), std::chrono::milliseconds(100));
    FAIL();
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.code(), "LOCK_TIMEOUT");
    EXPECT_EQ(e.meta()["lock"], "job");
  }
  EXPECT_THROW(db.tryLock("", std::chrono::seconds(1)), QueryError);
  EXPECT_THROW(db.tryLock("x", std::chrono::milliseconds(0)), QueryError);
}

TEST(OpsLockTest, NameIsBoundNotSpliced) {
  TempDir dir;
  Client db = openDb(dir);
  std::string name = "a'); DROP TABLE items; --";
  auto held = db.tryLock(name);
  ASSERT_TRUE(held.has_value());
  EXPECT_FALSE(db.tryLock(name).has_value());
  EXPECT_EQ(db.sql("SELECT name FROM _litestone_locks")[0]["name"], name);
  EXPECT_EQ(db["items"].count(), 0);
}

// Several processes increment one counter with a read and a separate write;
// only the lock keeps them from losing updates.
TEST(OpsLockTest, SerializesProcesses) {
  TempDir dir;
  {
    Client db = openDb(dir);
    db["counters"].create({{"data", {{"id", 1}, {"value", 0}}}});
    db.close();
  }
  constexpr int kProcesses = 4;
  constexpr int kIncrements = 25;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int code = 0;
      try {
        Client db = createClient({.schema = kSchema, .db = dir.file("app.db")});
        for (int i = 0; i < kIncrements; ++i) {
          auto guard = db.lock("counter", std::chrono::seconds(10), std::chrono::seconds(60));
          int64_t v = db["counters"].findUnique({{"where", {{"id", 1}}}})["value"].get<int64_t>();
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
          db["counters"].update({{"where", {{"id", 1}}}, {"data", {{"value", v + 1}}}});
        }
      } catch (...) {
        code = 3;
      }
      _exit(code);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child failed";
  }
  Client db = openDb(dir);
  EXPECT_EQ(db["counters"].findUnique({{"where", {{"id", 1}}}})["value"], kProcesses * kIncrements);
}

TEST(OpsAttachTest, CrossDatabaseSqlAndDetach) {
  TempDir dir;
  Client db = openDb(dir);
  fill(db, 3, 10);
  std::string other_path = dir.file("it's archive.db");
  {
    Client other = createClient({.schema = kSchema, .db = other_path});
    autoMigrate(other);
    fill(other, 5, 10);
    other.close();
  }
  db.attach(other_path, "archive");
  json rows = db.sql("SELECT (SELECT count(*) FROM items) + (SELECT count(*) FROM archive.items) AS n");
  EXPECT_EQ(rows[0]["n"], 8);
  db.detach("archive");
  EXPECT_THROW(db.sql("SELECT count(*) FROM archive.items"), Error);
}

TEST(OpsAttachTest, BadAliasIsRefused) {
  TempDir dir;
  Client db = openDb(dir);
  for (const char* alias : {"", "main", "1x", "a\"b", "x y"}) {
    try {
      db.attach(dir.file("o.db"), alias);
      FAIL() << alias;
    } catch (const QueryError& e) {
      EXPECT_EQ(e.code(), "QUERY_BAD_ALIAS") << alias;
    }
  }
  EXPECT_FALSE(fs::exists(dir.file("o.db")));
}

TEST(OpsOptimizeTest, SaysWhatItDid) {
  TempDir dir;
  Client db = openDb(dir);
  fill(db, 50, 10);
  for (int i = 0; i < 20; ++i) db["notes"].create({{"data", {{"text", "note " + std::to_string(i)}}}});
  json r = db.optimize();
  ASSERT_EQ(r["databases"].size(), 1u);
  std::vector<std::string> steps;
  for (const auto& s : r["databases"][0]["steps"])
    steps.push_back(s["step"].get<std::string>() + ":" +
                    (s["target"].is_string() ? s["target"].get<std::string>() : ""));
  auto has = [&](const std::string& s) { return std::find(steps.begin(), steps.end(), s) != steps.end(); };
  EXPECT_TRUE(has("fts-optimize:notes_fts")) << json(steps).dump();
  EXPECT_TRUE(has("analyze:items")) << json(steps).dump();  // indexed and never analyzed
  EXPECT_TRUE(has("pragma-optimize:")) << json(steps).dump();
  EXPECT_TRUE(has("checkpoint:")) << json(steps).dump();
  EXPECT_EQ(db.walStatus()["wal_bytes"], 0);
  // Statistics are fresh now: a second run does not analyze again.
  json again = db.optimize("items");
  for (const auto& s : again["databases"][0]["steps"]) EXPECT_NE(s["step"], "analyze") << again.dump();
  EXPECT_THROW(db.optimize("nope"), QueryError);
}

}  // namespace
}  // namespace litestone
