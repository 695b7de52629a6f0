#pragma once

// Tuning constants of the engine layer, each with the reason for its value
// (STYLE 2.4). DatabaseOptions / ConnectionOptions default to these.

#include <cstddef>

namespace litestone::engine::config {

// Read connections per database. Reads run in parallel under WAL; past a few
// connections the gain is small and each one costs a page cache and a file
// descriptor.
inline constexpr size_t kDefaultReadPoolSize = 4;

// Prepared statements kept per connection. A typical app issues a few dozen
// distinct query shapes; 128 holds them all without unbounded growth when SQL
// text varies (e.g. IN lists of different lengths).
inline constexpr size_t kDefaultStatementCacheSize = 128;

// How long a connection waits on a lock held by another process before
// SQLITE_BUSY (DESIGN §4). Writers in this process already serialize on the
// write mutex, so this covers other processes and checkpoints.
inline constexpr int kBusyTimeoutMs = 5000;

// Page size for new database files (DESIGN §4). 8 KiB fits typical rows with
// JSON columns in fewer overflow pages than the 4 KiB default. SQLite only
// honours it before the first page is written.
inline constexpr int kNewFilePageSize = 8192;

}  // namespace litestone::engine::config
