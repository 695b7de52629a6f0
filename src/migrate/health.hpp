#pragma once

// Database health for `litestone doctor`: for every sqlite database of the
// schema whose file exists, a quick integrity check, PRAGMA
// foreign_key_check, foreign keys without an index, the WAL's size, and the
// migrations that are pending, modified (checksum changed) or missing.
// Never creates a database file: missing files are reported, not opened, and
// each check opens its file read-only.

#include <string>

#include "litestone/json.hpp"

namespace litestone::migrate {

struct HealthOptions {
  std::string schema_path = "schema.lite";
  std::string db;                  // overrides the main database's path ("" = the schema's)
  std::string dir = "migrations";  // migrations folder
  std::string encryption_key;
};

// {"databases": [{database, path, exists, integrity: [..], foreign_key_violations: [..],
//   unindexed_foreign_keys: [..], wal_bytes, migrations: {pending, modified, missing}}],
//  "errors": [message...], "warnings": [message...]}
// errors: integrity problems, foreign-key violations, modified migrations.
// warnings: pending or missing migrations, unindexed foreign keys, a large WAL.
// Throws SchemaError when the schema does not load.
json databaseHealth(const HealthOptions& options);

// The report as lines for people ("ok" lines, then warnings and errors).
std::string renderHealth(const json& report);

}  // namespace litestone::migrate
