#pragma once

// The limit we measure ourselves against: the workload written directly on
// the sqlite3 C API. Every statement is prepared once and reused; rows are
// copied into the small structs of workload.hpp, as a hand-written data layer
// would. Not thread-safe; one instance per database file.

#include <memory>
#include <string>

#include "workload.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace litestone::bench {

class RawSqlite {
 public:
  // Opens (creating) the file with WAL, synchronous=NORMAL, foreign_keys=ON,
  // busy_timeout=5000 and page_size=8192, as the ORM's engine does. With
  // `create_tables`, creates the schema's tables and indexes. Throws
  // std::runtime_error.
  // `extra_pragmas` (SQL) runs after the standard ones, for experiments
  // such as a bigger cache_size or mmap_size.
  RawSqlite(const std::string& path, bool create_tables, const std::string& extra_pragmas = "");
  ~RawSqlite();
  RawSqlite(const RawSqlite&) = delete;
  RawSqlite& operator=(const RawSqlite&) = delete;

  // Runs one step and returns the checksum of what it read (or wrote and
  // read back).
  uint64_t run(Step step, const Workload& w);

  uint64_t s1BulkInsert(const Workload& w);
  uint64_t s2Create(const Workload& w);
  uint64_t s3PointRead(const Workload& w);
  uint64_t s4FilteredList(const Workload& w);
  uint64_t s5Include(const Workload& w);
  uint64_t s6Aggregate(const Workload& w);
  uint64_t s7Update(const Workload& w);

  // S5 strategy: false (default) loads all 20 users' posts with one
  // `authorId IN (...)` statement; true runs one reused statement per user.
  void setIncludePerUser(bool per_user) { include_per_user_ = per_user; }
  // S2/S7 strategy: false (default) writes, then reads the row back by id;
  // true uses INSERT/UPDATE ... RETURNING, which SQLite runs slower.
  void setReturning(bool returning) { returning_ = returning; }

 private:
  struct Statements;
  void exec(const char* sql);
  bool readUserById(int64_t id, User& out);
  sqlite3* db_ = nullptr;
  std::unique_ptr<Statements> stmts_;
  bool include_per_user_ = false;
  bool returning_ = false;
};

}  // namespace litestone::bench
