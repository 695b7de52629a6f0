#include "engine/errors.hpp"

#include <sqlite3.h>

#include <string>

#include "common/error_codes.hpp"
#include "litestone/error.hpp"

namespace litestone::engine {

namespace {

struct ConstraintKind {
  const char* name;  // meta.constraint
  const char* code;  // Error::code()
};

ConstraintKind constraintKind(int extended_code, std::string_view message) {
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
      return {"unique", codes::kConstraintUnique};
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_ROWID:
      return {"primary_key", codes::kConstraintPrimaryKey};
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return {"foreign_key", codes::kConstraintForeignKey};
    case SQLITE_CONSTRAINT_CHECK:
      return {"check", codes::kConstraintCheck};
    case SQLITE_CONSTRAINT_NOTNULL:
      return {"not_null", codes::kConstraintNotNull};
    case SQLITE_CONSTRAINT_DATATYPE:
      return {"datatype", codes::kConstraintFailed};
    case SQLITE_CONSTRAINT_TRIGGER:
      return {"trigger", codes::kConstraintFailed};
    default:
      break;
  }
  // Without an extended code (e.g. a RAISE(ABORT) in a trigger) only the
  // message says what failed.
  if (message.starts_with("UNIQUE constraint failed")) return {"unique", codes::kConstraintUnique};
  if (message.starts_with("FOREIGN KEY constraint failed"))
    return {"foreign_key", codes::kConstraintForeignKey};
  if (message.starts_with("CHECK constraint failed")) return {"check", codes::kConstraintCheck};
  if (message.starts_with("NOT NULL constraint failed")) return {"not_null", codes::kConstraintNotNull};
  return {"other", codes::kConstraintFailed};
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// "…constraint failed: a.x, a.y" → ["a.x", "a.y"].
json splitColumns(std::string_view list) {
  json fields = json::array();
  while (!list.empty()) {
    auto comma = list.find(',');
    auto item = trim(list.substr(0, comma));
    if (!item.empty()) fields.push_back(std::string(item));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return fields;
}

}  // namespace

json constraintMeta(int extended_code, std::string_view message) {
  auto kind = constraintKind(extended_code, message);
  json meta = json::object();
  meta["constraint"] = kind.name;
  json fields = json::array();
  std::string_view kind_name = kind.name;
  if (kind_name == "unique" || kind_name == "primary_key" || kind_name == "not_null") {
    // "UNIQUE constraint failed: users.email, users.name"
    if (auto colon = message.find("failed: "); colon != std::string_view::npos) {
      fields = splitColumns(message.substr(colon + 8));
    }
  } else if (kind_name == "check") {
    // "CHECK constraint failed: <constraint name or expression>": not columns.
    if (auto colon = message.find("failed: "); colon != std::string_view::npos) {
      meta["check"] = std::string(trim(message.substr(colon + 8)));
    }
  } else if (kind_name == "datatype") {
    // "cannot store TEXT value in INTEGER column users.age"
    if (auto col = message.rfind(" column "); col != std::string_view::npos) {
      fields = splitColumns(message.substr(col + 8));
    }
  }
  meta["fields"] = std::move(fields);
  meta["sqlite_code"] = extended_code & 0xff;
  meta["sqlite_extended_code"] = extended_code;
  meta["message"] = std::string(message);
  return meta;
}

void throwSqliteError(int extended_code, std::string_view message, std::string_view sql) {
  int primary = extended_code & 0xff;
  if (primary == SQLITE_CONSTRAINT) {
    auto meta = constraintMeta(extended_code, message);
    std::string code = constraintKind(extended_code, message).code;
    throw ConstraintError(std::move(code), std::string(message), std::move(meta));
  }
  json meta = {{"sqlite_code", primary},
               {"sqlite_extended_code", extended_code},
               {"sql", std::string(sql)},
               {"message", std::string(message)}};
  const char* code =
      (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) ? codes::kDatabaseBusy : codes::kDatabaseError;
  throw DatabaseError(code, std::string(message), std::move(meta));
}

void throwSqliteError(sqlite3* db, int result_code, std::string_view sql) {
  // The connection's extended code is the more precise one when it belongs to
  // the same failure (same primary code).
  int extended = result_code;
  std::string message;
  if (db != nullptr) {
    int db_extended = sqlite3_extended_errcode(db);
    if ((db_extended & 0xff) == (result_code & 0xff)) extended = db_extended;
    message = sqlite3_errmsg(db);
  } else {
    message = sqlite3_errstr(result_code);
  }
  throwSqliteError(extended, message, sql);
}

void throwClosed(std::string_view what) {
  throw DatabaseError(codes::kDatabaseClosed, std::string(what) + ": the database is closed",
                      json{{"sqlite_code", SQLITE_MISUSE}, {"sqlite_extended_code", SQLITE_MISUSE}});
}

void throwMisuse(std::string_view message, std::string_view sql) {
  throw DatabaseError(codes::kDatabaseError, std::string(message),
                      json{{"sqlite_code", SQLITE_MISUSE},
                           {"sqlite_extended_code", SQLITE_MISUSE},
                           {"sql", std::string(sql)},
                           {"message", std::string(message)}});
}

}  // namespace litestone::engine
