#pragma once

// One SQLite database file: one write connection plus a pool of read
// connections. Safe to share between threads: writes serialize on the write
// connection, reads run in parallel on the pool and never wait for a writer
// (WAL). A thread inside transaction() reads through the write connection so
// that it sees its own uncommitted rows.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "engine/connection.hpp"

namespace litestone::engine {

struct DatabaseOptions {
  std::string path;           // file path; ":memory:" gives a single shared connection
  size_t read_pool_size = 4;  // see engine/config.hpp
  size_t statement_cache_size = 128;
};

struct CacheStats {
  size_t read = 0;   // cached statements over all read connections
  size_t write = 0;  // cached statements on the write connection
};

class Database {
 public:
  explicit Database(const DatabaseOptions& opts);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs fn on the write connection inside a transaction: BEGIN IMMEDIATE at
  // the outermost level, a SAVEPOINT when the calling thread is already inside
  // one. Commits when fn returns, rolls back (to the savepoint) when it throws,
  // and rethrows. Other threads' writes wait for the outermost transaction.
  void transaction(const std::function<void(Connection&)>& fn);
  // transaction() for a unit of work that changes the database with at most
  // one statement (a single INSERT/UPDATE, plus any reads). Outermost it is a
  // transaction() as usual; nested it runs without a SAVEPOINT, since SQLite
  // already undoes a failed statement as a whole and reads change nothing.
  void singleStatement(const std::function<void(Connection&)>& fn);
  // Runs fn on the write connection without opening a transaction (DDL that
  // cannot run in one, PRAGMAs, VACUUM). Serialized with transaction().
  void withWriter(const std::function<void(Connection&)>& fn);
  // Runs fn on a pooled read connection, or on the write connection when the
  // calling thread is inside transaction().
  void read(const std::function<void(Connection&)>& fn);

  bool inTransaction() const;  // is the calling thread inside transaction()?
  const std::string& path() const { return path_; }
  CacheStats cacheSize() const;
  // Closes every connection. Further calls throw DatabaseError.
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string path_;
};

}  // namespace litestone::engine
