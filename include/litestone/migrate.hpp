#pragma once

// File-based migrations (DESIGN §2, `litestone migrate`).
//
// The desired schema is built into a fresh :memory: database from the .lite
// schema (the "pristine" build) and compared with the live database, one
// sqlite database block at a time. Differences become a timestamped .sql
// file; apply runs pending files in name order, each in its own transaction,
// and records it with its SHA-256 checksum in _litestone_migrations.
//
//   auto db = litestone::createClient({.path = "schema.lite"});
//   litestone::migrate::create(db, "add users");      // writes migrations/<ts>_add_users.sql
//   litestone::migrate::apply(db);                     // runs what is pending
//
// Models marked @@external are never touched. Every call runs on the
// client's write connection and is safe to call while other threads use the
// client (writes wait for each other). Failures throw litestone::Error
// subclasses; migration problems are MigrationError with codes
// MIGRATION_DESTRUCTIVE, MIGRATION_NULL_VALUES, MIGRATION_REQUIRED_COLUMN,
// MIGRATION_FOREIGN_KEY, MIGRATION_FAILED, MIGRATION_FILE_EXISTS,
// MIGRATION_BAD_DIRECTIVE, MIGRATION_BAD_DATA_FILE.

#include <functional>
#include <string>
#include <vector>

#include "litestone/client.hpp"
#include "litestone/export.hpp"
#include "litestone/json.hpp"

namespace litestone::migrate {

// A migration written in C++ (the reference's JS migrations). It runs once,
// against the main database, in name order together with the files, inside
// one transaction of the client; name it like a file without extension
// ("20261126120000_backfill_slugs") so that it sorts where it belongs.
struct Program {
  std::string name;
  std::function<void(Client&)> fn;
};

struct Options {
  std::string dir = "migrations";  // the main database's folder; block `x` uses dir/x
  bool allow_destructive = false;  // apply: accept steps that drop data
  std::vector<Program> programs;   // apply / status
  // apply: called with one progress line per migration
  // ("applying 20261126_add_users.sql ... ok (3 statements)").
  std::function<void(const std::string&)> progress;
};

// What changes in one database.
struct DatabaseChanges {
  std::string database;              // block name
  std::string name;                  // migration file name ("" for verify)
  std::string path;                  // file written by create ("" otherwise)
  std::vector<std::string> changes;  // "+ table users", "~ table posts: add column bio"
  std::vector<std::string> hazards;  // steps apply checks against the data
  std::string sql;                   // the migration text
  json toJson() const;
};

struct CreateResult {
  std::vector<DatabaseChanges> databases;  // only databases with changes
  bool empty() const { return databases.empty(); }
};

// Writes one migration file per database whose live schema (plus pending
// migrations) differs from the schema. Writes nothing when nothing differs.
LITESTONE_EXPORT CreateResult create(const Client& db, const std::string& label, const Options& options = {});
// The same plan as create, returned without writing anything.
LITESTONE_EXPORT CreateResult dryRun(const Client& db, const std::string& label = "",
                                     const Options& options = {});

struct Applied {
  std::string database;
  std::string name;
  std::string kind;  // sql | json | program
  int statements = 0;
};

// Runs pending migrations in name order, each in its own transaction.
// Stops at the first failure (earlier ones stay applied) and throws.
LITESTONE_EXPORT std::vector<Applied> apply(const Client& db, const Options& options = {});

struct Entry {
  std::string database;
  std::string name;
  std::string state;  // applied | pending | modified (checksum changed) | missing (file gone)
  std::string applied_at;
};

struct Status {
  std::vector<Entry> entries;
  bool clean() const;  // nothing pending or modified
  json toJson() const;
};

LITESTONE_EXPORT Status status(const Client& db, const Options& options = {});

struct Verification {
  bool ok = true;
  std::vector<DatabaseChanges> databases;  // the differences, when not ok
  std::string report() const;              // people-readable diff
  json toJson() const;
};

// Compares every live database with the schema.
LITESTONE_EXPORT Verification verify(const Client& db);

// Reads an existing database (opened read-only) and returns .lite schema
// text describing its tables: types from the declared column types, @id,
// optional fields, literal @default values, @unique, @@index/@@unique,
// relations from foreign keys (both sides), enums from CHECK lists, @@fts,
// @@softDelete, @@noStrict and @@map/@map for names that are not identifiers.
// Throws DatabaseError when the file cannot be opened.
LITESTONE_EXPORT std::string introspect(const std::string& database_path);

}  // namespace litestone::migrate
