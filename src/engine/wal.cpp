#include "engine/wal.hpp"

#include <sqlite3.h>

#include <cctype>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <system_error>

#include "engine/errors.hpp"
#include "litestone/error.hpp"

namespace litestone::engine {

namespace fs = std::filesystem;

namespace {

// sqlite's default autocheckpoint threshold, in frames: kept as is, since
// installing a WAL hook replaces sqlite's own.
constexpr int kAutoCheckpointFrames = 1000;

constexpr const char* kModeNames[] = {"PASSIVE", "FULL", "RESTART", "TRUNCATE"};

int sqliteMode(CheckpointMode m) {
  switch (m) {
    case CheckpointMode::Passive:
      return SQLITE_CHECKPOINT_PASSIVE;
    case CheckpointMode::Full:
      return SQLITE_CHECKPOINT_FULL;
    case CheckpointMode::Restart:
      return SQLITE_CHECKPOINT_RESTART;
    case CheckpointMode::Truncate:
      return SQLITE_CHECKPOINT_TRUNCATE;
  }
  return SQLITE_CHECKPOINT_PASSIVE;
}

CheckpointResult runCheckpoint(sqlite3* db, CheckpointMode mode) {
  int log_frames = 0;
  int done = 0;
  int rc = sqlite3_wal_checkpoint_v2(db, "main", sqliteMode(mode), &log_frames, &done);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED) throwSqliteError(db, rc, "wal_checkpoint");
  return {rc != SQLITE_OK, log_frames, done};
}

int walHook(void* self, sqlite3* db, const char*, int frames) {
  // Called from inside sqlite: nothing may propagate. The commit already
  // succeeded; a failed checkpoint is retried on a later commit.
  try {
    static_cast<WalMonitor*>(self)->onCommit(db, frames);
  } catch (...) {
  }
  return SQLITE_OK;
}

std::string nowIso() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool isMemoryPath(const std::string& path) { return path.empty() || path == ":memory:"; }

}  // namespace

CheckpointMode parseCheckpointMode(std::string_view mode) {
  std::string upper;
  for (char c : mode) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (int i = 0; i < 4; ++i) {
    if (upper == kModeNames[i]) return static_cast<CheckpointMode>(i);
  }
  throw QueryError(
      "QUERY_BAD_CHECKPOINT_MODE",
      "checkpoint mode \"" + std::string(mode) + "\" is not one of PASSIVE, FULL, RESTART, TRUNCATE",
      {{"mode", std::string(mode)}, {"allowed", {"PASSIVE", "FULL", "RESTART", "TRUNCATE"}}});
}

WalMonitor::WalMonitor(Database& db, int64_t bound_bytes) : db_(db), bound_bytes_(bound_bytes) {
  if (isMemoryPath(db.path())) return;
  db_.withWriter([&](Connection& c) {
    auto stmt = c.prepare("PRAGMA page_size");
    if (stmt.step()) page_size_ = stmt.getInt(0);
    sqlite3_wal_hook(c.handle(), walHook, this);
  });
}

void WalMonitor::onCommit(void* handle, int frames) {
  auto* db = static_cast<sqlite3*>(handle);
  frames_ = frames;
  int64_t frame_bytes = page_size_.load() + 24;
  if (bound_bytes_ > 0 && frames * frame_bytes > bound_bytes_) {
    std::lock_guard lock(mutex_);
    if (frames >= retry_at_frames_) {
      CheckpointResult r = runCheckpoint(db, CheckpointMode::Truncate);
      retry_at_frames_ = r.busy ? frames + bound_bytes_ / frame_bytes / 2 : 0;
      if (!r.busy) frames_ = 0;
      last_ = {{"at", nowIso()},
               {"mode", "TRUNCATE"},
               {"busy", r.busy},
               {"log", r.log},
               {"checkpointed", r.checkpointed},
               {"reason", "bound"}};
      ++checkpoints_;
      return;
    }
  }
  if (frames >= kAutoCheckpointFrames) {
    // sqlite's own autocheckpoint, which the hook replaced. Errors are
    // ignored as sqlite ignores them: the commit already succeeded.
    int log_frames = 0;
    int done = 0;
    sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_PASSIVE, &log_frames, &done);
  }
}

void WalMonitor::record(CheckpointMode mode, const CheckpointResult& r) {
  std::lock_guard lock(mutex_);
  last_ = {{"at", nowIso()},
           {"mode", kModeNames[static_cast<int>(mode)]},
           {"busy", r.busy},
           {"log", r.log},
           {"checkpointed", r.checkpointed},
           {"reason", "manual"}};
  ++checkpoints_;
}

CheckpointResult WalMonitor::checkpoint(CheckpointMode mode) {
  CheckpointResult r;
  if (isMemoryPath(db_.path())) return r;
  db_.withWriter([&](Connection& c) { r = runCheckpoint(c.handle(), mode); });
  if (!r.busy && (mode == CheckpointMode::Restart || mode == CheckpointMode::Truncate)) frames_ = 0;
  record(mode, r);
  return r;
}

json WalMonitor::status() {
  std::string wal = db_.path() + "-wal";
  std::error_code ec;
  int64_t bytes = 0;
  if (!isMemoryPath(db_.path()) && fs::exists(wal, ec)) bytes = static_cast<int64_t>(fs::file_size(wal, ec));
  json out = {{"path", db_.path()},
              {"wal_path", isMemoryPath(db_.path()) ? json(nullptr) : json(wal)},
              {"wal_bytes", bytes},
              {"frames", frames_.load()},
              {"page_size", page_size_.load()},
              {"bound_bytes", bound_bytes_}};
  std::lock_guard lock(mutex_);
  out["last_checkpoint"] = last_;
  out["checkpoints"] = checkpoints_;
  return out;
}

}  // namespace litestone::engine
