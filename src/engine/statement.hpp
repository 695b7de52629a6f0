#pragma once

// RAII wrapper over sqlite3_stmt: typed binds and column reads. Move-only.
// Indexes are 1-based for binds (as in SQLite) and 0-based for columns.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "litestone/json.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace litestone::engine {

enum class ColumnType { Integer, Real, Text, Blob, Null };

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt) noexcept : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& o) noexcept;
  Statement& operator=(Statement&& o) noexcept;

  void bindNull(int i);
  void bind(int i, int64_t v);
  void bind(int i, double v);
  void bindText(int i, std::string_view v);  // copied (SQLITE_TRANSIENT)
  // Not copied (SQLITE_STATIC): v must stay alive and unchanged until the
  // statement is reset or rebound. Saves a malloc + copy per text value in
  // bulk loops whose row outlives the step.
  void bindTextRef(int i, std::string_view v);
  void bindBlob(int i, std::span<const uint8_t> v);
  // null → NULL, bool → 0/1, integer → INTEGER, float → REAL, string → TEXT,
  // binary → BLOB, array/object → their JSON text.
  void bindJson(int i, const json& v);
  // bindJson, with strings bound by reference (bindTextRef): v must outlive
  // the step.
  void bindJsonRef(int i, const json& v);
  int paramCount() const;
  // The index of the named parameter (name with its prefix: ":id", "@id",
  // "$id"), or 0 when the statement has none by that name.
  int paramIndex(std::string_view name) const;

  // Advances; true when a row is available. Throws DatabaseError / ConstraintError.
  bool step();
  // Steps to completion, ignoring rows. Returns sqlite3_changes().
  int64_t run();
  // Resets and clears bindings. noexcept: returns the sqlite result code.
  int tryReset() noexcept;

  int columnCount() const;
  std::string_view columnName(int i) const;
  ColumnType columnType(int i) const;
  int64_t getInt(int i) const;
  double getDouble(int i) const;
  std::string_view getText(int i) const;
  std::span<const uint8_t> getBlob(int i) const;
  // INTEGER → number, REAL → number, TEXT → string, NULL → null,
  // BLOB → {"$blob": "<base64>"}.
  json getJson(int i) const;

  std::string_view sql() const;
  sqlite3_stmt* handle() const noexcept { return stmt_; }
  explicit operator bool() const noexcept { return stmt_ != nullptr; }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace litestone::engine
