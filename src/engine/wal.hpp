#pragma once

// The write-ahead log of one database: its size, checkpoints on demand, and a
// bound. SQLite's own autocheckpoint is PASSIVE: it copies what it can and
// never waits for readers, so with readers always active the WAL file keeps
// growing (checkpoint starvation). The bound adds a TRUNCATE checkpoint, which
// waits (up to busy_timeout) for readers to move past the log and then cuts
// the file back to zero bytes, whenever a commit leaves the log over the limit.

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "engine/database.hpp"
#include "litestone/json.hpp"

namespace litestone::engine {

enum class CheckpointMode { Passive, Full, Restart, Truncate };

// "PASSIVE", "FULL", "RESTART" or "TRUNCATE" (any case); throws QueryError
// QUERY_BAD_CHECKPOINT_MODE naming the allowed modes otherwise.
CheckpointMode parseCheckpointMode(std::string_view mode);

struct CheckpointResult {
  bool busy = false;         // a reader or writer kept the checkpoint from finishing
  int64_t log = 0;           // frames in the WAL
  int64_t checkpointed = 0;  // frames copied into the database file
};

// Watches the writer's commits of one Database: counts the frames in the
// WAL, runs sqlite's usual PASSIVE autocheckpoint, and enforces the bound.
// Must outlive the Database's write connection's last commit (ClientState
// destroys it after the databases).
class WalMonitor {
 public:
  // bound_bytes 0 = no bound (autocheckpoint only).
  WalMonitor(Database& db, int64_t bound_bytes);
  WalMonitor(const WalMonitor&) = delete;
  WalMonitor& operator=(const WalMonitor&) = delete;

  // {path, wal_path, wal_bytes, frames, page_size, bound_bytes,
  //  last_checkpoint: {at, mode, busy, log, checkpointed} | null, checkpoints}
  json status();
  // Checkpoints now on the write connection (waits for the current writer).
  CheckpointResult checkpoint(CheckpointMode mode);

  // Called by sqlite after each commit of the write connection.
  void onCommit(void* handle, int frames);

 private:
  void record(CheckpointMode mode, const CheckpointResult& r);

  Database& db_;
  int64_t bound_bytes_;
  std::atomic<int64_t> frames_{0};
  std::atomic<int64_t> page_size_{0};
  std::mutex mutex_;  // guards last_
  json last_ = nullptr;
  int64_t checkpoints_ = 0;
  // After a bounded checkpoint came back busy, the next try waits until the
  // log has grown by another half bound, so that a long reader does not make
  // every commit wait busy_timeout.
  int64_t retry_at_frames_ = 0;
};

}  // namespace litestone::engine
