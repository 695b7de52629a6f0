#pragma once

// Migration files on disk. The main database's migrations live in the
// migrations folder itself; another sqlite database block `name` keeps its
// own in <dir>/<name>/. Files are applied in name order, and names start with
// a UTC timestamp (YYYYMMDDHHMMSS) so that order is creation order.
//
//   *.sql   SQL statements, with `-- litestone:` directive comments that
//           apply reads (see renderSql).
//   *.json  a data migration: one wire-protocol batch, an array of
//           {"model", "action", "args"}, run through Client::call.

#include <string>
#include <vector>

#include "migrate/plan.hpp"

namespace litestone::migrate {

enum class FileKind { Sql, Json };

struct MigrationFile {
  std::string name;  // file name, e.g. "20261126101500_add_users.sql"
  std::string path;
  FileKind kind = FileKind::Sql;
  std::string text;
  std::string checksum;  // sha256Hex(text)
};

// What apply needs to know about a .sql file beyond its statements.
struct Directives {
  bool foreign_keys_off = false;       // -- litestone:foreign-keys off
  std::vector<Hazard> checks;          // -- litestone:check {json}
  std::vector<std::string> copy_from;  // -- litestone:copy-from <database>
};

// The folder of a database's migrations.
std::string migrationsFolder(const std::string& dir, const std::string& database, bool is_main);
// The .sql and .json files of a folder, sorted by name. A missing folder is empty.
std::vector<MigrationFile> listMigrations(const std::string& folder);

// "add users!" → "add_users"; empty labels become "migration".
std::string sanitizeLabel(const std::string& label);
// UTC now as YYYYMMDDHHMMSS, but always later than `after` (a previous
// timestamp, "" for none) so that names stay in creation order.
std::string nextTimestamp(const std::string& after);

// The text of a generated .sql migration: a header saying what changes, the
// directives, then one statement per step.
std::string renderSql(const Plan& plan, const std::string& name, const std::string& database);
Directives parseDirectives(const std::string& text);

// The alias a copy-from directive attaches database `name` under.
std::string attachAlias(const std::string& name);

// Writes text to folder/name, creating the folder. Throws MigrationError
// MIGRATION_FILE_EXISTS rather than overwrite.
std::string writeMigration(const std::string& folder, const std::string& name, const std::string& text);

}  // namespace litestone::migrate
