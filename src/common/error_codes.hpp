#pragma once

// The one table of error codes (STYLE 4.2, DESIGN §2 "Every error code lives
// in one table"): each code with the litestone::Error subclass that carries
// it, the HTTP status `litestone serve` answers with, and a one-line meaning.
//
// Codes are public contract: never rename, reuse or remove one (the test
// tests/common/error_codes_test.cpp pins the list, and docs/errors.md is
// generated from this table). Throw sites use the named constants below:
//
//   throw QueryError(codes::kQueryUnknownField, "unknown field ...", meta);
//
// A throw that still passes a string literal works the same; the test checks
// that every literal code in src/ and tools/ is in this table.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace litestone {

// The litestone::Error subclass a code is thrown as (include/litestone/error.hpp).
enum class ErrorClass {
  Error,  // the base class: CLI and internal codes
  SchemaError,
  QueryError,
  ValidationError,
  ConstraintError,
  NotFoundError,
  AccessDenied,
  MigrationError,
  DatabaseError,
};

// X(constant, "CODE", ErrorClass, http status, "meaning"). Append new codes
// at the end of their group; the order is the order of docs/errors.md.
#define LITESTONE_ERROR_CODES(X)                                                                             \
  /* schema */                                                                                               \
  X(kSchemaInvalid, "SCHEMA_INVALID", SchemaError, 500,                                                      \
    "the .lite schema has errors; meta.diagnostics lists each with file, line and column")                   \
  X(kSchemaNoSource, "SCHEMA_NO_SOURCE", SchemaError, 500,                                                   \
    "ClientOptions names no schema: set path, schema or parsed")                                             \
  /* query arguments */                                                                                      \
  X(kQueryUnknownModel, "QUERY_UNKNOWN_MODEL", QueryError, 400,                                              \
    "the call names a model the schema does not have")                                                       \
  X(kQueryUnknownAction, "QUERY_UNKNOWN_ACTION", QueryError, 400,                                            \
    "the call names an action that does not exist")                                                          \
  X(kQueryUnknownField, "QUERY_UNKNOWN_FIELD", QueryError, 400,                                              \
    "the arguments name a field the model does not have")                                                    \
  X(kQueryUnknownRelation, "QUERY_UNKNOWN_RELATION", QueryError, 400,                                        \
    "the arguments name a relation the model does not have")                                                 \
  X(kQueryUnknownOperator, "QUERY_UNKNOWN_OPERATOR", QueryError, 400,                                        \
    "a filter uses an operator that does not exist for the field's type")                                    \
  X(kQueryUnknownArgument, "QUERY_UNKNOWN_ARGUMENT", QueryError, 400,                                        \
    "the arguments hold a key the action does not take")                                                     \
  X(kQueryMissingArgument, "QUERY_MISSING_ARGUMENT", QueryError, 400,                                        \
    "an argument the action requires is missing")                                                            \
  X(kQueryInvalidArgument, "QUERY_INVALID_ARGUMENT", QueryError, 400,                                        \
    "an argument has the wrong shape or type")                                                               \
  X(kQueryInvalidJson, "QUERY_INVALID_JSON", QueryError, 400, "the call's text is not valid JSON")           \
  X(kQueryNotSoftDelete, "QUERY_NOT_SOFT_DELETE", QueryError, 400,                                           \
    "restore or a soft-delete option was used on a model without @@softDelete")                              \
  X(kQueryReadOnlyField, "QUERY_READ_ONLY_FIELD", QueryError, 400,                                           \
    "the data writes a field that is computed or generated")                                                 \
  X(kQuerySqlParams, "QUERY_SQL_PARAMS", QueryError, 400,                                                    \
    "raw sql() got parameters that do not match the statement's placeholders")                               \
  /* data */                                                                                                 \
  X(kValidationFailed, "VALIDATION_FAILED", ValidationError, 400,                                            \
    "data failed the schema's validators; meta.errors lists field, rule and message")                        \
  X(kConstraintUnique, "CONSTRAINT_UNIQUE", ConstraintError, 409, "a unique constraint rejected the write")  \
  X(kConstraintPrimaryKey, "CONSTRAINT_PRIMARY_KEY", ConstraintError, 409,                                   \
    "the primary key value is already taken")                                                                \
  X(kConstraintForeignKey, "CONSTRAINT_FOREIGN_KEY", ConstraintError, 409,                                   \
    "a foreign key points at no row, or a row still has dependents")                                         \
  X(kConstraintCheck, "CONSTRAINT_CHECK", ConstraintError, 400, "a CHECK constraint rejected the value")     \
  X(kConstraintNotNull, "CONSTRAINT_NOT_NULL", ConstraintError, 400, "a required column got NULL")           \
  X(kConstraintFailed, "CONSTRAINT_FAILED", ConstraintError, 409,                                            \
    "another constraint (datatype, trigger) rejected the write")                                             \
  X(kNotFound, "NOT_FOUND", NotFoundError, 404,                                                              \
    "a findUniqueOrThrow or findFirstOrThrow call, or a nested connect, found no row")                       \
  X(kAccessDenied, "ACCESS_DENIED", AccessDenied, 403, "a policy or the gate denied the operation")          \
  /* migrations */                                                                                           \
  X(kMigrationDestructive, "MIGRATION_DESTRUCTIVE", MigrationError, 409,                                     \
    "a migration would drop data and allow_destructive is off")                                              \
  X(kMigrationNullValues, "MIGRATION_NULL_VALUES", MigrationError, 409,                                      \
    "a column becomes required but rows hold NULL in it")                                                    \
  X(kMigrationRequiredColumn, "MIGRATION_REQUIRED_COLUMN", MigrationError, 409,                              \
    "a new required column has no default to fill existing rows")                                            \
  X(kMigrationForeignKey, "MIGRATION_FOREIGN_KEY", MigrationError, 409,                                      \
    "after the migration, rows have foreign keys that point nowhere")                                        \
  X(kMigrationFailed, "MIGRATION_FAILED", MigrationError, 500,                                               \
    "a statement of a migration failed; meta names the statement and the sqlite codes")                      \
  X(kMigrationFileExists, "MIGRATION_FILE_EXISTS", MigrationError, 409,                                      \
    "a migration file with that name already exists")                                                        \
  X(kMigrationBadDirective, "MIGRATION_BAD_DIRECTIVE", MigrationError, 400,                                  \
    "a -- litestone: directive in a migration file cannot be read")                                          \
  X(kMigrationBadDataFile, "MIGRATION_BAD_DATA_FILE", MigrationError, 400,                                   \
    "a .json data migration is not a list of wire calls")                                                    \
  /* database */                                                                                             \
  X(kDatabaseError, "DATABASE_ERROR", DatabaseError, 500,                                                    \
    "SQLite failed (I/O, corrupt file, misuse); meta has sqlite_code and sqlite_extended_code")              \
  X(kDatabaseBusy, "DATABASE_BUSY", DatabaseError, 503,                                                      \
    "the database stayed locked by another connection past the busy timeout")                                \
  X(kDatabaseClosed, "DATABASE_CLOSED", DatabaseError, 500, "the client or database was used after close()") \
  X(kDatabaseNoPath, "DATABASE_NO_PATH", Error, 500, "a sqlite database block has no path")                  \
  X(kDatabaseDriverUnsupported, "DATABASE_DRIVER_UNSUPPORTED", Error, 500,                                   \
    "a database block uses a driver this build cannot open")                                                 \
  X(kDatabaseNotOpen, "DATABASE_NOT_OPEN", Error, 500, "a model's database block is not open")               \
  /* command line */                                                                                         \
  X(kCliConfigNotFound, "CLI_CONFIG_NOT_FOUND", Error, 404, "the --config file cannot be read")              \
  X(kCliConfigInvalid, "CLI_CONFIG_INVALID", Error, 400, "the config file is not the expected JSON")         \
  X(kCliFileExists, "CLI_FILE_EXISTS", Error, 409, "the output file exists and --force was not given")       \
  X(kCliNoDatabase, "CLI_NO_DATABASE", Error, 404, "the command needs a database that does not exist")       \
  /* anything else */                                                                                        \
  X(kInternal, "INTERNAL", Error, 500, "an exception that is not a litestone::Error")

namespace codes {
#define LITESTONE_ERROR_CODE_CONSTANT(name, text, cls, status, meaning) inline constexpr char name[] = text;
LITESTONE_ERROR_CODES(LITESTONE_ERROR_CODE_CONSTANT)
#undef LITESTONE_ERROR_CODE_CONSTANT
}  // namespace codes

struct ErrorCodeInfo {
  std::string_view code;
  ErrorClass error_class;
  int http_status;
  std::string_view meaning;
};

// Every code, in table order.
std::span<const ErrorCodeInfo> errorCodes() noexcept;
// The entry of a code, or null when the table does not have it.
const ErrorCodeInfo* findErrorCode(std::string_view code) noexcept;
// The HTTP status a code maps to; 500 for a code the table does not have.
int httpStatus(std::string_view code) noexcept;
// "QueryError", "DatabaseError", ... ("Error" for the base class).
std::string_view errorClassName(ErrorClass c) noexcept;
// docs/errors.md: the table as Markdown.
std::string errorCodesMarkdown();

}  // namespace litestone
