#pragma once

// Running migration files against one SQLite connection and keeping the
// _litestone_migrations(name, checksum, applied_at) table of what ran.

#include <map>
#include <string>
#include <vector>

#include "engine/connection.hpp"
#include "migrate/files.hpp"

namespace litestone::migrate {

struct AppliedRow {
  std::string name;
  std::string checksum;
  std::string applied_at;
};

void ensureMigrationsTable(engine::Connection& db);
// The recorded migrations by name order; empty when the table does not exist.
std::vector<AppliedRow> appliedMigrations(engine::Connection& db);
// Inserts the bookkeeping row (inside the caller's transaction).
void recordMigration(engine::Connection& db, const std::string& name, const std::string& checksum);

// Runs one .sql migration in its own transaction, recording it in the same
// transaction; returns the number of statements run. With the
// foreign-keys-off directive, foreign keys are switched off before BEGIN
// (SQLite ignores the pragma inside a transaction) and back on after.
// Throws MigrationError: MIGRATION_DESTRUCTIVE when a check finds data a step
// would lose and allow_destructive is false, MIGRATION_NULL_VALUES,
// MIGRATION_REQUIRED_COLUMN, MIGRATION_FOREIGN_KEY (foreign_key_check found
// rows) and MIGRATION_FAILED (a statement failed; meta() names the migration,
// the statement's number and text, and sqlite_code / sqlite_extended_code).
// Nothing is kept on failure.
// copy-from directives attach the named databases, whose paths come from
// `attach` (database name → path), for the length of the migration.
int applySqlFile(engine::Connection& db, const MigrationFile& file, bool allow_destructive,
                 const std::map<std::string, std::string>& attach = {});

struct CheckFailure {
  std::string code;  // MIGRATION_DESTRUCTIVE, MIGRATION_NULL_VALUES, MIGRATION_REQUIRED_COLUMN
  std::string message;
};

// The directive checks that fail for the data in db: destructive ones (when
// not allowed) and impossible ones. Empty when the file can run.
std::vector<CheckFailure> failingChecks(engine::Connection& db, const Directives& d, bool allow_destructive);

}  // namespace litestone::migrate
