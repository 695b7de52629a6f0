#pragma once

// One SQLite connection with the pragmas of DESIGN §4 and a bounded cache of
// prepared statements. Not thread-safe by itself: Database hands each
// connection to one thread at a time.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "engine/statement.hpp"

struct sqlite3;

namespace litestone::engine {

class StatementCache;

struct ConnectionOptions {
  std::string path;  // file path or ":memory:"
  bool read_only = false;
  size_t statement_cache_size = 128;  // see engine/config.hpp
  // false: only busy_timeout is set, the rest stays at SQLite's defaults
  // (foreign keys off, rollback journal). For scratch :memory: builds and for
  // reading a file without changing its journal mode (migrate, introspect).
  bool apply_pragmas = true;
};

// A cached statement on loan. Resets it and clears its bindings when it goes
// out of scope, so the next user gets a clean statement. Must not outlive the
// Connection it came from.
class StatementLease {
 public:
  StatementLease(Statement* s) noexcept : stmt_(s) {}
  // A lease on a cache entry: *in_use is set while the lease lives, so the
  // cache neither evicts the statement nor lends it twice.
  StatementLease(Statement* s, bool* in_use) noexcept : stmt_(s), in_use_(in_use) {}
  // A lease that owns its statement: used when the cached copy is already on
  // loan (nested use of the same SQL) or caching is off.
  explicit StatementLease(Statement owned) noexcept : stmt_(&owned_), owned_(std::move(owned)) {}
  ~StatementLease();
  StatementLease(const StatementLease&) = delete;
  StatementLease& operator=(const StatementLease&) = delete;
  StatementLease& operator=(StatementLease&&) = delete;
  StatementLease(StatementLease&& o) noexcept
      : stmt_(o.stmt_), in_use_(o.in_use_), owned_(std::move(o.owned_)) {
    if (o.stmt_ == &o.owned_) stmt_ = &owned_;
    o.stmt_ = nullptr;
    o.in_use_ = nullptr;
  }
  Statement& operator*() const noexcept { return *stmt_; }
  Statement* operator->() const noexcept { return stmt_; }

 private:
  Statement* stmt_;
  bool* in_use_ = nullptr;
  Statement owned_;
};

class Connection {
 public:
  // Opens (creating the file unless read_only) and applies the pragmas:
  // journal_mode=WAL, synchronous=NORMAL, busy_timeout=5000, foreign_keys=ON,
  // cache_size and mmap_size (engine/config.hpp), and page_size=8192 when the
  // file is new. Throws DatabaseError.
  explicit Connection(const ConnectionOptions& opts);
  // A private in-memory database with SQLite's defaults (apply_pragmas off):
  // the scratch space migrate builds and replays schemas in.
  static std::unique_ptr<Connection> scratch();
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements without parameters.
  void exec(std::string_view sql);
  // Prepares a new statement owned by the caller.
  Statement prepare(std::string_view sql);
  // A statement from the cache (prepared once with SQLITE_PREPARE_PERSISTENT,
  // keyed by SQL text, least recently used evicted).
  StatementLease cached(const std::string& sql);
  // Runs one parameterless statement through the cache: for the transaction
  // control statements a write issues on every call (BEGIN IMMEDIATE,
  // SAVEPOINT spN, RELEASE spN, COMMIT), which exec() would re-parse.
  void execCached(const std::string& sql);

  // Runs sql like exec() but reports failure as the sqlite result code instead
  // of throwing: for cleanup paths (ROLLBACK in a catch block, destructors).
  int tryExec(std::string_view sql) noexcept;

  // The first column of the first row of a parameterless statement as an
  // integer, or 0 when it returns no row.
  int64_t scalarInt(std::string_view sql);

  int64_t lastInsertRowid() const;
  int64_t changes() const;
  bool inTransaction() const;  // !sqlite3_get_autocommit
  size_t cachedStatements() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() const noexcept { return db_; }

 private:
  Statement prepareWith(std::string_view sql, unsigned flags);
  void applyPragmas(const ConnectionOptions& opts);

  sqlite3* db_ = nullptr;
  std::string path_;
  std::unique_ptr<StatementCache> cache_;
};

}  // namespace litestone::engine
