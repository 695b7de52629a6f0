#include "engine/backup.hpp"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <system_error>

#include "engine/errors.hpp"
#include "litestone/error.hpp"

namespace litestone::engine {

namespace fs = std::filesystem;

namespace {

// Pages copied per sqlite3_backup_step: small enough that progress moves on a
// terminal, large enough that the per-step overhead does not show. With 8 KiB
// pages a step is 2 MiB.
constexpr int kPagesPerStep = 256;

bool isMemoryPath(const std::string& path) { return path.empty() || path == ":memory:"; }

struct BackupFinish {
  void operator()(sqlite3_backup* b) const noexcept { sqlite3_backup_finish(b); }
};
struct CloseRaw {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};

// Copies the open connection src into the new file tmp, page by page. The
// read transaction opened first pins one snapshot for every step, so writes
// by other connections neither restart the copy nor leak into it.
int64_t copyPages(Connection& src, const std::string& tmp, const BackupProgress& progress) {
  // A bare connection, without the engine's pragmas: a WAL-mode or
  // fixed-page-size destination would refuse the source's page size.
  sqlite3* raw = nullptr;
  int open_rc = sqlite3_open_v2(tmp.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::unique_ptr<sqlite3, CloseRaw> dest(raw);
  if (open_rc != SQLITE_OK) throwSqliteError(raw, open_rc, "backup: open " + tmp);
  bool opened = false;
  if (!src.inTransaction()) {
    src.exec("BEGIN");
    opened = true;
  }
  struct EndRead {
    Connection& c;
    bool active;
    ~EndRead() {
      if (active) c.tryExec("COMMIT");
    }
  } end_read{src, opened};
  // Touch the schema so the snapshot is taken now, not at the first step.
  src.exec("SELECT count(*) FROM sqlite_schema");
  std::unique_ptr<sqlite3_backup, BackupFinish> backup(
      sqlite3_backup_init(dest.get(), "main", src.handle(), "main"));
  if (!backup) throwSqliteError(dest.get(), sqlite3_errcode(dest.get()), "backup");
  int rc = SQLITE_OK;
  while (true) {
    rc = sqlite3_backup_step(backup.get(), kPagesPerStep);
    int64_t total = sqlite3_backup_pagecount(backup.get());
    if (progress) progress(total - sqlite3_backup_remaining(backup.get()), total);
    if (rc == SQLITE_DONE) break;
    if (rc == SQLITE_OK) continue;
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      sqlite3_sleep(10);
      continue;
    }
    break;
  }
  int64_t pages = sqlite3_backup_pagecount(backup.get());
  backup.reset();
  if (rc != SQLITE_DONE) throwSqliteError(dest.get(), rc, "backup");
  return pages;
}

}  // namespace

std::vector<std::string> integrityProblems(Connection& conn, bool quick, int max_errors) {
  std::vector<std::string> problems;
  auto stmt = conn.prepare(std::string(quick ? "PRAGMA quick_check(" : "PRAGMA integrity_check(") +
                           std::to_string(max_errors) + ")");
  while (stmt.step()) {
    std::string line(stmt.getText(0));
    if (line != "ok") problems.push_back(std::move(line));
  }
  return problems;
}

BackupResult backupDatabase(Database& db, const std::string& dest, const BackupOptions& options) {
  auto start = std::chrono::steady_clock::now();
  if (dest.empty() || isMemoryPath(dest)) throwMisuse("backup needs a destination file path", "");
  fs::path target = fs::absolute(dest);
  if (!isMemoryPath(db.path()) && fs::exists(db.path()) && fs::exists(target) &&
      fs::equivalent(target, db.path())) {
    throw DatabaseError("BACKUP_SAME_FILE", "backup destination \"" + dest + "\" is the database itself",
                        {{"dest", dest}, {"source", db.path()}});
  }
  if (target.has_parent_path()) fs::create_directories(target.parent_path());
  // Written beside the destination, then renamed: a crash or a failed check
  // never leaves a half copy under the destination's name.
  std::string tmp = target.string() + ".partial";
  auto remove_tmp = [&] {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(tmp + suffix, ec);
  };
  remove_tmp();

  BackupResult result;
  result.source = db.path();
  result.dest = target.string();
  result.vacuum = options.vacuum;
  try {
    auto copy = [&](Connection& src) {
      if (options.vacuum) {
        // VACUUM INTO takes the file name as an expression: bound, not spliced.
        auto stmt = src.prepare("VACUUM INTO ?");
        stmt.bindText(1, tmp);
        stmt.run();
      } else {
        copyPages(src, tmp, options.progress);
      }
    };
    if (isMemoryPath(db.path())) {
      db.withWriter(copy);
    } else {
      // A connection of its own: the copy neither holds the write lock nor
      // takes a reader out of the pool for its whole duration.
      Connection src(ConnectionOptions{.path = db.path(), .read_only = true, .statement_cache_size = 0});
      copy(src);
    }
    {
      Connection check(ConnectionOptions{.path = tmp, .read_only = false, .statement_cache_size = 0});
      auto problems = integrityProblems(check, false);
      if (!problems.empty()) {
        throw DatabaseError("BACKUP_INTEGRITY", "the backup copy failed integrity_check: " + problems.front(),
                            {{"dest", dest}, {"problems", problems}});
      }
      auto count = check.prepare("PRAGMA page_count");
      if (count.step()) result.pages = count.getInt(0);
      if (options.vacuum && options.progress) options.progress(result.pages, result.pages);
    }
  } catch (...) {
    remove_tmp();
    throw;
  }
  std::error_code ec;
  for (const char* suffix : {"-wal", "-shm"}) fs::remove(target.string() + suffix, ec);
  fs::rename(tmp, target, ec);
  if (ec) {
    remove_tmp();
    throw DatabaseError("BACKUP_FAILED",
                        "cannot move the backup into place at \"" + dest + "\": " + ec.message(),
                        {{"dest", dest}});
  }
  result.bytes = static_cast<int64_t>(fs::file_size(target));
  result.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace litestone::engine
