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

// Page cache per connection, in KiB (PRAGMA cache_size=-N). SQLite's default
// is 2 MiB, which a table of a few hundred thousand rows plus its indexes
// outgrows, so every step re-reads pages through pread (44% of a benchmark
// run was sys time). 16 MiB per connection keeps the hot pages of a
// mid-sized database resident; with the writer plus a read pool of 4 that is
// at most 80 MiB, and only pages actually touched are allocated.
inline constexpr int kCacheSizeKiB = 16384;

// Memory-mapped I/O window per connection (PRAGMA mmap_size). Reads of the
// first 256 MiB of the file go through the mapping instead of a pread copy
// per page; the mapping is shared by the OS between connections, and costs
// address space, not memory. Ignored for :memory: databases.
inline constexpr long long kMmapSizeBytes = 256LL * 1024 * 1024;

}  // namespace litestone::engine::config
