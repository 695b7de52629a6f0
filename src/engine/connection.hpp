#pragma once

// One SQLite connection with the pragmas of DESIGN §4 and a bounded cache of
// prepared statements. Not thread-safe by itself: Database hands each
// connection to one thread at a time.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "engine/statement.hpp"

struct sqlite3;

namespace litestone::engine {

class StatementCache;

struct ConnectionOptions {
  std::string path;  // file path or ":memory:"
  bool read_only = false;
  size_t statement_cache_size = 128;  // see engine/config.hpp
};

// A cached statement on loan. Resets it and clears its bindings when it goes
// out of scope, so the next user gets a clean statement.
class StatementLease {
 public:
  StatementLease(Statement* s) noexcept : stmt_(s) {}
  ~StatementLease();
  StatementLease(const StatementLease&) = delete;
  StatementLease& operator=(const StatementLease&) = delete;
  StatementLease(StatementLease&& o) noexcept : stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Statement& operator*() const noexcept { return *stmt_; }
  Statement* operator->() const noexcept { return stmt_; }

 private:
  Statement* stmt_;
};

class Connection {
 public:
  // Opens (creating the file unless read_only) and applies the pragmas:
  // journal_mode=WAL, synchronous=NORMAL, busy_timeout=5000, foreign_keys=ON,
  // and page_size=8192 when the file is new. Throws DatabaseError.
  explicit Connection(const ConnectionOptions& opts);
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

  int64_t lastInsertRowid() const;
  int64_t changes() const;
  bool inTransaction() const;  // !sqlite3_get_autocommit
  size_t cachedStatements() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() const noexcept { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unique_ptr<StatementCache> cache_;
};

}  // namespace litestone::engine
