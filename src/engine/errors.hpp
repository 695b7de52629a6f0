#pragma once

// Turns SQLite result codes into litestone exceptions: constraint failures
// become ConstraintError (CONSTRAINT_*), everything else DatabaseError
// (DATABASE_ERROR, DATABASE_BUSY). The only place that maps sqlite codes.

#include <string_view>

#include "litestone/json.hpp"

struct sqlite3;

namespace litestone::engine {

// Throws for a failed call, reading the message and extended code from db.
// sql (may be empty) goes into meta().
[[noreturn]] void throwSqliteError(sqlite3* db, int result_code, std::string_view sql);

// Throws for a failure whose code and message were captured already.
[[noreturn]] void throwSqliteError(int extended_code, std::string_view message, std::string_view sql);

// DatabaseError "DATABASE_CLOSED": use of a database or statement after close.
[[noreturn]] void throwClosed(std::string_view what);

// DatabaseError "DATABASE_ERROR" for a misuse the engine detects itself
// (empty SQL, several statements given to prepare, out-of-range integer).
[[noreturn]] void throwMisuse(std::string_view message, std::string_view sql);

// The meta of a ConstraintError for sqlite's message, e.g.
// "UNIQUE constraint failed: users.email" → {constraint: "unique",
// fields: ["users.email"], ...}. Exposed for tests.
json constraintMeta(int extended_code, std::string_view message);

}  // namespace litestone::engine
