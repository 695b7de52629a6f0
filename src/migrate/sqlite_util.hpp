#pragma once

// Minimal RAII over the sqlite3 C API for the migrate layer, which works on
// raw handles: it needs PRAGMAs outside transactions, :memory: pristine
// builds and exact control of BEGIN/COMMIT.

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>

#include "litestone/json.hpp"

namespace litestone::migrate {

struct CloseDb {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using DbHandle = std::unique_ptr<sqlite3, CloseDb>;

// Opens (creating) a database file or ":memory:". Throws DatabaseError.
DbHandle openDb(const std::string& path, bool read_only = false);

class Stmt {
 public:
  Stmt(sqlite3* db, std::string_view sql);  // throws DatabaseError
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, int64_t v);
  bool step();  // true while a row is available; throws DatabaseError
  std::string text(int col) const;
  int64_t integer(int col) const;
  bool isNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  sqlite3_stmt* handle() const { return stmt_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// Runs statements without parameters. Throws DatabaseError naming the SQL.
void execSql(sqlite3* db, std::string_view sql);
// The first column of the first row as an integer (0 when no row).
int64_t scalarInt(sqlite3* db, std::string_view sql);

[[noreturn]] void throwSqlite(sqlite3* db, int rc, std::string_view sql);

}  // namespace litestone::migrate
