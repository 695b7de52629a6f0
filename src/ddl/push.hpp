#pragma once

// push (autoMigrate): make a database match the schema as far as that is
// safe without a table rebuild. Creates missing tables, indexes, FTS tables,
// triggers and join tables; adds missing columns that ALTER TABLE ADD COLUMN
// accepts. Never drops or rewrites anything: what it cannot do is reported as
// pending, for `litestone migrate`. Running it twice applies nothing the
// second time.

#include <string>
#include <vector>

#include "engine/database.hpp"
#include "litestone/json.hpp"
#include "schema/schema.hpp"

namespace litestone::ddl {

struct PushAction {
  std::string kind;         // table, column, index, fts, trigger, rebuild
  std::string name;         // the object (for columns: the column)
  std::string table;        // the table it belongs to
  std::string sql;          // the statement that ran
  std::string description;  // `created table "users"`, `added column "users"."bio"`
};

struct PendingChange {
  std::string model;  // model name, or the table name for join/support tables
  std::string field;  // "" when the change is not about one field
  std::string reason;
};

struct DatabasePush {
  std::string database;  // block name
  std::string path;
  std::vector<PushAction> applied;
  std::vector<PendingChange> pending;
};

// Pushes the objects of one sqlite database block in one write transaction
// (BEGIN IMMEDIATE). Throws DatabaseError when SQLite rejects a statement; the
// transaction is then rolled back and nothing is changed.
DatabasePush pushDatabase(const schema::Schema& schema, const schema::Database& block, engine::Database& db);

// {"database", "path", "applied": [{kind, name, table, sql, description}],
//  "pending": [{model, field?, reason}]}
json toJson(const DatabasePush& push);
json toJson(const PendingChange& change);

}  // namespace litestone::ddl
