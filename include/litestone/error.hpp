#pragma once

// The one exception hierarchy of litestone. Every public call that fails
// throws a subclass of litestone::Error. code() is stable (see the table in
// src/common/error.cpp); message() may be reworded between releases; meta()
// holds typed data filled in where the error was raised.

#include <stdexcept>
#include <string>

#include "litestone/export.hpp"
#include "litestone/json.hpp"

namespace litestone {

class LITESTONE_EXPORT Error : public std::runtime_error {
 public:
  Error(std::string code, const std::string& message, json meta = json::object());
  // Stable machine-readable code, e.g. "QUERY_UNKNOWN_FIELD".
  const std::string& code() const noexcept { return code_; }
  const json& meta() const noexcept { return meta_; }
  // {"error": {"code", "message", "meta"}}: the one shape the wire protocol,
  // the CLI and HTTP print.
  json toJson() const;

 private:
  std::string code_;
  json meta_;
};

// The schema text is invalid. meta()["diagnostics"] lists every problem:
// {file, line, column, code, message, excerpt}.
class LITESTONE_EXPORT SchemaError : public Error {
 public:
  using Error::Error;
};

// Arguments of a call are invalid: unknown model, field, operator...
class LITESTONE_EXPORT QueryError : public Error {
 public:
  using Error::Error;
};

// Data failed validators. meta()["errors"] is [{field, rule, message}].
class LITESTONE_EXPORT ValidationError : public Error {
 public:
  using Error::Error;
};

// SQLite rejected a write: unique, foreign key, check, not null.
// meta(): {constraint, model, fields, sqlite_code, sqlite_extended_code}.
class LITESTONE_EXPORT ConstraintError : public Error {
 public:
  using Error::Error;
};

// A *OrThrow call found no row.
class LITESTONE_EXPORT NotFoundError : public Error {
 public:
  using Error::Error;
};

// A policy or the gate denied the operation.
class LITESTONE_EXPORT AccessDenied : public Error {
 public:
  using Error::Error;
};

class LITESTONE_EXPORT MigrationError : public Error {
 public:
  using Error::Error;
};

// SQLite failed for a reason other than a constraint: busy, I/O, corrupt...
// meta(): {sqlite_code, sqlite_extended_code, sql?}.
class LITESTONE_EXPORT DatabaseError : public Error {
 public:
  using Error::Error;
};

// Converts any exception to the wire shape {"error": {...}}. Non-litestone
// exceptions become code "INTERNAL".
LITESTONE_EXPORT json errorToJson(const std::exception& e);

}  // namespace litestone
