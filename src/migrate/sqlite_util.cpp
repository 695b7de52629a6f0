#include "migrate/sqlite_util.hpp"

#include "litestone/error.hpp"

namespace litestone::migrate {

void throwSqlite(sqlite3* db, int rc, std::string_view sql) {
  std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw DatabaseError("DATABASE_ERROR", msg,
                      {{"sqlite_code", rc & 0xff},
                       {"sqlite_extended_code", db ? sqlite3_extended_errcode(db) : rc},
                       {"sql", std::string(sql)}});
}

DbHandle openDb(const std::string& path, bool read_only) {
  sqlite3* raw = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_URI, nullptr);
  DbHandle db(raw);
  if (rc != SQLITE_OK) throwSqlite(raw, rc, "open " + path);
  sqlite3_busy_timeout(raw, 5000);
  return db;
}

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db) {
  int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) throwSqlite(db, rc, sql);
}

Stmt& Stmt::bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}

Stmt& Stmt::bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}

bool Stmt::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throwSqlite(db_, rc, sqlite3_sql(stmt_));
}

std::string Stmt::text(int col) const {
  auto p = sqlite3_column_text(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, col)) : std::string();
}

int64_t Stmt::integer(int col) const { return sqlite3_column_int64(stmt_, col); }

void execSql(sqlite3* db, std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw DatabaseError(
        "DATABASE_ERROR", msg,
        {{"sqlite_code", rc & 0xff}, {"sqlite_extended_code", sqlite3_extended_errcode(db)}, {"sql", s}});
  }
}

int64_t scalarInt(sqlite3* db, std::string_view sql) {
  Stmt st(db, sql);
  return st.step() ? st.integer(0) : 0;
}

}  // namespace litestone::migrate
