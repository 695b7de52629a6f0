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
  /* query arguments (hardening, encryption, operations) */                                                  \
  X(kQueryTooDeep, "QUERY_TOO_DEEP", QueryError, 400,                                                        \
    "the request nests deeper than the limit; meta names the limit and the path")                            \
  X(kQueryRawInvalid, "QUERY_RAW_INVALID", QueryError, 400,                                                  \
    "a $raw predicate is not one balanced SQL expression")                                                   \
  X(kQueryRawNotAllowed, "QUERY_RAW_NOT_ALLOWED", QueryError, 400,                                           \
    "$raw SQL came from a caller that is not the system (wire, HTTP)")                                       \
  X(kQueryEncryptedField, "QUERY_ENCRYPTED_FIELD", QueryError, 400,                                          \
    "a filter, orderBy or aggregate names an @encrypted field")                                              \
  X(kQueryUnknownDatabase, "QUERY_UNKNOWN_DATABASE", QueryError, 400,                                        \
    "the call names a database block the schema does not have")                                              \
  X(kQueryBadAlias, "QUERY_BAD_ALIAS", QueryError, 400,                                                      \
    "attach/detach got an alias that is not a plain identifier")                                             \
  X(kQueryBadCheckpointMode, "QUERY_BAD_CHECKPOINT_MODE", QueryError, 400,                                   \
    "checkpoint() got a mode other than PASSIVE, FULL, RESTART or TRUNCATE")                                 \
  X(kQueryBadLock, "QUERY_BAD_LOCK", QueryError, 400,                                                        \
    "lock()/tryLock() got an empty name or a ttl that is not positive")                                      \
  X(kQueryBadTenant, "QUERY_BAD_TENANT", QueryError, 400,                                                    \
    "a tenant id is empty or could leave the tenants' folder")                                               \
  X(kQueryBadTenantOptions, "QUERY_BAD_TENANT_OPTIONS", QueryError, 400,                                     \
    "TenantClients got a path template without {tenant} or a zero limit")                                    \
  /* databases and encryption */                                                                             \
  X(kDatabaseNotFound, "DATABASE_NOT_FOUND", DatabaseError, 404,                                             \
    "a read found no database file; create it with push or migrate apply")                                   \
  X(kDatabaseCannotCreate, "DATABASE_CANNOT_CREATE", DatabaseError, 500,                                     \
    "the database file or its folder cannot be created")                                                     \
  X(kEncryptionKeyMissing, "ENCRYPTION_KEY_MISSING", Error, 500,                                             \
    "an @encrypted value was written or read and no encryption key is set")                                  \
  X(kEncryptionKeyInvalid, "ENCRYPTION_KEY_INVALID", Error, 500,                                             \
    "the encryption key is not 64 hex characters")                                                           \
  X(kDecryptionFailed, "DECRYPTION_FAILED", Error, 500,                                                      \
    "an @encrypted value failed authentication (wrong key or changed bytes); meta names model, field and "   \
    "row")                                                                                                   \
  X(kFeatureUnsupported, "FEATURE_UNSUPPORTED", Error, 500,                                                  \
    "the schema uses a feature this build refuses rather than ignore")                                       \
  X(kLockTimeout, "LOCK_TIMEOUT", DatabaseError, 503,                                                        \
    "lock() waited past its limit for a lock another owner holds")                                           \
  X(kBackupSameFile, "BACKUP_SAME_FILE", DatabaseError, 400,                                                 \
    "the backup destination is the database file itself")                                                    \
  X(kBackupIntegrity, "BACKUP_INTEGRITY", DatabaseError, 500,                                                \
    "the backup copy failed integrity_check and was not kept")                                               \
  X(kBackupFailed, "BACKUP_FAILED", DatabaseError, 500, "the backup could not be written")                   \
  /* operations, code generation, HTTP */                                                                    \
  X(kSeedBadFile, "SEED_BAD_FILE", QueryError, 400, "a seed file is not a JSON array of wire calls")         \
  X(kSeedBadKey, "SEED_BAD_KEY", QueryError, 400, "a seed key is empty")                                     \
  X(kSeedNotFound, "SEED_NOT_FOUND", QueryError, 404, "seed run names a seed that does not exist")           \
  X(kTransformBadConfig, "TRANSFORM_BAD_CONFIG", QueryError, 400,                                            \
    "the transform config is not the expected JSON")                                                         \
  X(kTransformTargetExists, "TRANSFORM_TARGET_EXISTS", QueryError, 409,                                      \
    "a transform target file already exists")                                                                \
  X(kTransformForeignKey, "TRANSFORM_FOREIGN_KEY", MigrationError, 409,                                      \
    "a transformed database fails foreign_key_check")                                                        \
  X(kReplicateBadConfig, "REPLICATE_BAD_CONFIG", QueryError, 400,                                            \
    "the replicate config is not the expected JSON")                                                         \
  X(kReplicateTargetExists, "REPLICATE_TARGET_EXISTS", QueryError, 409,                                      \
    "replicate restore would overwrite an existing file")                                                    \
  X(kReplicateNoLitestream, "REPLICATE_NO_LITESTREAM", Error, 500, "the Litestream binary cannot be found")  \
  X(kReplicateFailed, "REPLICATE_FAILED", Error, 500, "Litestream exited with an error")                     \
  X(kCodegenUnknownModel, "CODEGEN_UNKNOWN_MODEL", QueryError, 400,                                          \
    "--only or --model names a model the schema does not have")                                              \
  X(kCodegenNameClash, "CODEGEN_NAME_CLASH", QueryError, 400,                                                \
    "two schema names map to the same generated C++ or TypeScript name")                                     \
  X(kCodegenBadNamespace, "CODEGEN_BAD_NAMESPACE", QueryError, 400,                                          \
    "--namespace is not a C++ namespace name")                                                               \
  X(kCliDepfileNeedsOut, "CLI_DEPFILE_NEEDS_OUT", QueryError, 400,                                           \
    "--depfile was given without an output file")                                                            \
  X(kCliWriteFailed, "CLI_WRITE_FAILED", Error, 500, "an output file cannot be written")                     \
  X(kAuthNotConfigured, "AUTH_NOT_CONFIGURED", Error, 401,                                                   \
    "a bearer token came but no JWT secret is configured")                                                   \
  X(kAuthInvalidToken, "AUTH_INVALID_TOKEN", Error, 401,                                                     \
    "the bearer token is malformed or its signature does not verify")                                        \
  X(kAuthTokenExpired, "AUTH_TOKEN_EXPIRED", Error, 401, "the bearer token's exp is in the past")            \
  X(kAuthTokenNotYetValid, "AUTH_TOKEN_NOT_YET_VALID", Error, 401,                                           \
    "the bearer token's nbf is in the future")                                                               \
  X(kHttpBodyTooLarge, "HTTP_BODY_TOO_LARGE", Error, 413, "the request body is larger than --max-body")      \
  X(kHttpBatchTooLarge, "HTTP_BATCH_TOO_LARGE", Error, 413, "the batch has more calls than --max-batch")     \
  X(kHttpNotFound, "HTTP_NOT_FOUND", Error, 404, "no route for the method and path")                         \
  X(kHttpBindFailed, "HTTP_BIND_FAILED", Error, 500, "the server cannot listen on the host and port")        \
  X(kStudioTokenRequired, "STUDIO_TOKEN_REQUIRED", Error, 401,                                               \
    "a Studio API call came without the session token")                                                      \
  X(kTypedUnknownEnumValue, "TYPED_UNKNOWN_ENUM_VALUE", Error, 500,                                          \
    "a generated struct read an enum value its header does not know (regenerate it)")                        \
  X(kStudioSchemaUnreadable, "STUDIO_SCHEMA_UNREADABLE", Error, 500,                                         \
    "the Studio cannot read or write the schema file")                                                       \
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
