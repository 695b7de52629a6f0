#include "engine/connection.hpp"

#include <sqlite3.h>

#include <climits>
#include <string>

#include "engine/config.hpp"
#include "engine/errors.hpp"
#include "engine/statement_cache.hpp"

namespace litestone::engine {

namespace {

bool isMemoryPath(const std::string& path) { return path.empty() || path == ":memory:"; }

bool onlySeparators(std::string_view s) {
  for (char c : s) {
    if (c != ';' && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

}  // namespace

StatementLease::~StatementLease() {
  if (stmt_ != nullptr) stmt_->tryReset();
  if (in_use_ != nullptr) *in_use_ = false;
}

Connection::Connection(const ConnectionOptions& opts) : path_(opts.path) {
  // NOMUTEX: Database lends a connection to one thread at a time, so sqlite's
  // own per-connection mutex would be pure overhead. No SQLITE_OPEN_URI: a
  // path is a path.
  int flags = (opts.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
              SQLITE_OPEN_NOMUTEX;
  // The system sqlite is built with SQLITE_USE_URI=1, which reads a name
  // starting with "file:" as a URI (with options such as mode=memory or
  // vfs=...) even without the flag; "./" in front keeps it a relative path.
  std::string open_path = path_.rfind("file:", 0) == 0 ? "./" + path_ : path_;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(open_path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    int extended = db != nullptr ? sqlite3_extended_errcode(db) : rc;
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    throwSqliteError(extended, "cannot open database \"" + path_ + "\": " + message, "");
  }
  db_ = db;
  sqlite3_extended_result_codes(db_, 1);
  try {
    cache_ = std::make_unique<StatementCache>(opts.statement_cache_size);
    applyPragmas(opts);
  } catch (...) {
    cache_.reset();
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw;
  }
}

std::unique_ptr<Connection> Connection::scratch() {
  return std::make_unique<Connection>(
      ConnectionOptions{.path = ":memory:", .statement_cache_size = 0, .apply_pragmas = false});
}

void Connection::applyPragmas(const ConnectionOptions& opts) {
  sqlite3_busy_timeout(db_, config::kBusyTimeoutMs);
  if (!opts.apply_pragmas) return;
  bool read_only = opts.read_only;
  if (!read_only) {
    // page_size only takes effect before the first page is written, so set it
    // while the file is still empty and leave existing files alone.
    // The probe must be finalized first: while it is open the connection
    // holds a read transaction and page_size is silently ignored.
    bool is_new = false;
    {
      auto count = prepare("PRAGMA page_count");
      is_new = count.step() && count.getInt(0) == 0;
    }
    if (is_new) exec("PRAGMA page_size=" + std::to_string(config::kNewFilePageSize));
  }
  if (!isMemoryPath(path_) && !read_only) {
    // WAL is what lets readers run beside the writer; without it the
    // engine's concurrency promises do not hold, so refuse to go on.
    std::string got;
    {
      auto mode = prepare("PRAGMA journal_mode=WAL");
      if (mode.step()) got = mode.getText(0);
    }
    if (got != "wal") {
      throwMisuse("cannot switch \"" + path_ + "\" to WAL (journal_mode is " + got + ")",
                  "PRAGMA journal_mode=WAL");
    }
  }
  exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-" +
       std::to_string(config::kCacheSizeKiB) +
       "; PRAGMA mmap_size=" + std::to_string(config::kMmapSizeBytes));
}

Connection::~Connection() {
  // Statements first: sqlite3_close_v2 would otherwise keep the connection
  // as a zombie until they are finalized.
  cache_.reset();
  sqlite3_close_v2(db_);
}

void Connection::exec(std::string_view sql) {
  std::string text(sql);  // sqlite3_exec needs a NUL-terminated string
  char* error = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error != nullptr ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    int extended = sqlite3_extended_errcode(db_);
    if ((extended & 0xff) != (rc & 0xff)) extended = rc;
    throwSqliteError(extended, message, sql);
  }
}

int Connection::tryExec(std::string_view sql) noexcept {
  try {
    std::string text(sql);
    return sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  } catch (...) {
    return SQLITE_NOMEM;
  }
}

Statement Connection::prepareWith(std::string_view sql, unsigned flags) {
  if (sql.size() >= static_cast<size_t>(INT_MAX)) throwMisuse("SQL text too long", "");
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), flags, &stmt, &tail);
  if (rc != SQLITE_OK) throwSqliteError(db_, rc, sql);
  Statement result(db_, stmt);
  if (stmt == nullptr) throwMisuse("no SQL statement to prepare", sql);
  // A second statement would be silently ignored; refuse it instead. Only
  // when the tail has more than separators do we pay for a second prepare
  // (it may be just a comment).
  std::string_view rest = sql.substr(static_cast<size_t>(tail - sql.data()));
  if (!onlySeparators(rest)) {
    sqlite3_stmt* extra = nullptr;
    rc = sqlite3_prepare_v3(db_, rest.data(), static_cast<int>(rest.size()), 0, &extra, nullptr);
    if (rc != SQLITE_OK) throwSqliteError(db_, rc, sql);
    if (extra != nullptr) {
      sqlite3_finalize(extra);
      throwMisuse("prepare() takes one SQL statement; use exec() for several", sql);
    }
  }
  return result;
}

Statement Connection::prepare(std::string_view sql) { return prepareWith(sql, 0); }

void Connection::execCached(const std::string& sql) { cached(sql)->run(); }

StatementLease Connection::cached(const std::string& sql) {
  if (cache_->capacity() == 0) return StatementLease(prepareWith(sql, 0));
  if (auto* entry = cache_->find(sql)) {
    // Already on loan (the same SQL nested inside its own row loop): lend a
    // private copy rather than resetting the statement under its user.
    if (entry->in_use) return StatementLease(prepareWith(sql, 0));
    entry->in_use = true;
    return StatementLease(&entry->stmt, &entry->in_use);
  }
  auto* entry = cache_->insert(sql, prepareWith(sql, SQLITE_PREPARE_PERSISTENT));
  entry->in_use = true;
  return StatementLease(&entry->stmt, &entry->in_use);
}

int64_t Connection::scalarInt(std::string_view sql) {
  Statement stmt = prepare(sql);
  return stmt.step() ? stmt.getInt(0) : 0;
}

int64_t Connection::lastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }

int64_t Connection::changes() const { return sqlite3_changes64(db_); }

bool Connection::inTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

size_t Connection::cachedStatements() const { return cache_->size(); }

}  // namespace litestone::engine
