#include "engine/statement.hpp"

#include <sqlite3.h>

#include <limits>
#include <utility>

#include "common/base64.hpp"
#include "engine/errors.hpp"

namespace litestone::engine {

Statement::~Statement() {
  // sqlite3_finalize(nullptr) is a harmless no-op.
  sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& o) noexcept
    : db_(std::exchange(o.db_, nullptr)), stmt_(std::exchange(o.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    db_ = std::exchange(o.db_, nullptr);
    stmt_ = std::exchange(o.stmt_, nullptr);
  }
  return *this;
}

namespace {

// Every entry point checks for an empty (moved-from or default) statement
// first: sqlite3 would answer SQLITE_MISUSE or crash on a null handle.
void requireOpen(const sqlite3_stmt* stmt) {
  if (stmt == nullptr) throwClosed("statement");
}

void checkBind(sqlite3* db, sqlite3_stmt* stmt, int rc) {
  if (rc != SQLITE_OK) throwSqliteError(db, rc, sqlite3_sql(stmt) ? sqlite3_sql(stmt) : "");
}

}  // namespace

void Statement::bindNull(int i) {
  requireOpen(stmt_);
  checkBind(db_, stmt_, sqlite3_bind_null(stmt_, i));
}

void Statement::bind(int i, int64_t v) {
  requireOpen(stmt_);
  checkBind(db_, stmt_, sqlite3_bind_int64(stmt_, i, v));
}

void Statement::bind(int i, double v) {
  requireOpen(stmt_);
  checkBind(db_, stmt_, sqlite3_bind_double(stmt_, i, v));
}

void Statement::bindText(int i, std::string_view v) {
  requireOpen(stmt_);
  // A null data pointer would bind NULL instead of ''.
  const char* data = v.data() != nullptr ? v.data() : "";
  checkBind(db_, stmt_, sqlite3_bind_text64(stmt_, i, data, v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}

void Statement::bindTextRef(int i, std::string_view v) {
  requireOpen(stmt_);
  const char* data = v.data() != nullptr ? v.data() : "";
  checkBind(db_, stmt_, sqlite3_bind_text64(stmt_, i, data, v.size(), SQLITE_STATIC, SQLITE_UTF8));
}

void Statement::bindJsonRef(int i, const json& v) {
  if (v.is_string()) {
    bindTextRef(i, v.get_ref<const json::string_t&>());
    return;
  }
  bindJson(i, v);
}

void Statement::bindBlob(int i, std::span<const uint8_t> v) {
  requireOpen(stmt_);
  // sqlite3_bind_blob with a null pointer binds NULL; an empty BLOB is x''.
  int rc = v.empty() ? sqlite3_bind_zeroblob(stmt_, i, 0)
                     : sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT);
  checkBind(db_, stmt_, rc);
}

void Statement::bindJson(int i, const json& v) {
  switch (v.type()) {
    case json::value_t::null:
    case json::value_t::discarded:
      bindNull(i);
      return;
    case json::value_t::boolean:
      bind(i, int64_t{v.get<bool>() ? 1 : 0});
      return;
    case json::value_t::number_integer:
      bind(i, v.get<int64_t>());
      return;
    case json::value_t::number_unsigned: {
      auto u = v.get<uint64_t>();
      if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        throwMisuse("integer " + std::to_string(u) + " does not fit SQLite's 64-bit signed INTEGER", sql());
      }
      bind(i, static_cast<int64_t>(u));
      return;
    }
    case json::value_t::number_float:
      bind(i, v.get<double>());
      return;
    case json::value_t::string:
      bindText(i, v.get_ref<const json::string_t&>());
      return;
    case json::value_t::binary: {
      const auto& bin = v.get_binary();
      bindBlob(i, std::span<const uint8_t>(bin.data(), bin.size()));
      return;
    }
    case json::value_t::array:
    case json::value_t::object:
      bindText(i, v.dump());
      return;
  }
}

int Statement::paramCount() const {
  requireOpen(stmt_);
  return sqlite3_bind_parameter_count(stmt_);
}

int Statement::paramIndex(std::string_view name) const {
  requireOpen(stmt_);
  std::string text(name);  // sqlite3_bind_parameter_index needs a NUL-terminated name
  return sqlite3_bind_parameter_index(stmt_, text.c_str());
}

bool Statement::step() {
  requireOpen(stmt_);
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // Read the message before reset, then reset so the failed statement does not
  // keep a transaction or lock open.
  int extended = sqlite3_extended_errcode(db_);
  if ((extended & 0xff) != (rc & 0xff)) extended = rc;
  std::string message = sqlite3_errmsg(db_);
  sqlite3_reset(stmt_);
  throwSqliteError(extended, message, sql());
}

int64_t Statement::run() {
  requireOpen(stmt_);
  while (step()) {
  }
  // Reset (keeping the bindings) so the statement holds no read snapshot.
  sqlite3_reset(stmt_);
  return sqlite3_changes64(db_);
}

int Statement::tryReset() noexcept {
  if (stmt_ == nullptr) return SQLITE_OK;
  int rc = sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  return rc;
}

int Statement::columnCount() const {
  requireOpen(stmt_);
  return sqlite3_column_count(stmt_);
}

std::string_view Statement::columnName(int i) const {
  requireOpen(stmt_);
  const char* name = sqlite3_column_name(stmt_, i);
  return name != nullptr ? std::string_view(name) : std::string_view();
}

ColumnType Statement::columnType(int i) const {
  requireOpen(stmt_);
  switch (sqlite3_column_type(stmt_, i)) {
    case SQLITE_INTEGER:
      return ColumnType::Integer;
    case SQLITE_FLOAT:
      return ColumnType::Real;
    case SQLITE_TEXT:
      return ColumnType::Text;
    case SQLITE_BLOB:
      return ColumnType::Blob;
    default:
      return ColumnType::Null;
  }
}

int64_t Statement::getInt(int i) const {
  requireOpen(stmt_);
  return sqlite3_column_int64(stmt_, i);
}

double Statement::getDouble(int i) const {
  requireOpen(stmt_);
  return sqlite3_column_double(stmt_, i);
}

std::string_view Statement::getText(int i) const {
  requireOpen(stmt_);
  // column_text first, then column_bytes: the documented safe order.
  auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
  int n = sqlite3_column_bytes(stmt_, i);
  if (text == nullptr) return {};
  return {text, static_cast<size_t>(n)};
}

std::span<const uint8_t> Statement::getBlob(int i) const {
  requireOpen(stmt_);
  auto* blob = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, i));
  int n = sqlite3_column_bytes(stmt_, i);
  if (blob == nullptr) return {};
  return {blob, static_cast<size_t>(n)};
}

json Statement::getJson(int i) const {
  switch (columnType(i)) {
    case ColumnType::Integer:
      return getInt(i);
    case ColumnType::Real:
      return getDouble(i);
    case ColumnType::Text:
      return std::string(getText(i));
    case ColumnType::Blob:
      return json{{"$blob", base64Encode(getBlob(i))}};
    case ColumnType::Null:
      break;
  }
  return nullptr;
}

std::string_view Statement::sql() const {
  if (stmt_ == nullptr) return {};
  const char* text = sqlite3_sql(stmt_);
  return text != nullptr ? std::string_view(text) : std::string_view();
}

}  // namespace litestone::engine
