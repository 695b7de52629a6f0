#pragma once

// Schema → SQLite DDL. The only place that writes schema SQL text (DESIGN §3).
// Every identifier comes from the resolved Schema and is quoted (quote.hpp).
//
// generate() lists, for one database block, every object the schema needs in
// the order they can be created: tables (foreign-key targets first, then
// implicit many-to-many join tables, then the @sequence support table), then
// indexes, then FTS5 tables and their triggers. @@external models get nothing.

#include <string>
#include <vector>

#include "schema/schema.hpp"

namespace litestone::ddl {

enum class ObjectKind {
  Table,      // CREATE TABLE of a model
  JoinTable,  // CREATE TABLE of an implicit many-to-many join table
  Sequence,   // CREATE TABLE _litestone_sequences
  Index,      // CREATE [UNIQUE] INDEX
  Fts,        // CREATE VIRTUAL TABLE ... USING fts5
  Trigger,    // CREATE TRIGGER keeping an FTS table in sync
};

struct SchemaObject {
  ObjectKind kind = ObjectKind::Table;
  std::string name;                      // the object's name in sqlite_master
  std::string table;                     // the table it belongs to (itself for tables)
  std::string sql;                       // one statement, no trailing semicolon
  const schema::Model* model = nullptr;  // the model it derives from; null for join/sequence tables
};

// Name of the table that holds @sequence counters.
inline constexpr const char* kSequenceTable = "_litestone_sequences";
// The same table created on first use by a client that did not push it.
inline constexpr const char* kSequenceTableIfMissing =
    "CREATE TABLE IF NOT EXISTS \"_litestone_sequences\" ("
    "\"model\" TEXT NOT NULL, \"field\" TEXT NOT NULL, \"scope\" TEXT NOT NULL, "
    "\"value\" INTEGER NOT NULL, PRIMARY KEY (\"model\", \"field\", \"scope\")) STRICT";

// The objects of database block `database` (sqlite driver), in creation order.
std::vector<SchemaObject> generate(const schema::Schema& schema, const schema::Database& database);

// Every object of every sqlite database, concatenated as one SQL script
// (statements end with ";\n"). For `litestone migrate` dry runs and debugging.
std::string script(const std::vector<SchemaObject>& objects);

// Pieces, exposed for migrate (ALTER TABLE ADD COLUMN) and for tests.

// The SQL type keyword of a stored field: INTEGER REAL TEXT BLOB.
std::string columnType(const schema::Field& field);
// `"col" TYPE [PRIMARY KEY] [NOT NULL] [UNIQUE] [DEFAULT ...] [CHECK (...)]
// [GENERATED ALWAYS AS (...) STORED]`. inline_unique=false leaves UNIQUE out
// (soft-delete models enforce @unique with a partial index instead).
std::string columnDefinition(const schema::Field& field, bool inline_unique = true);
// The DEFAULT clause value SQLite can hold for the field ("" when the default
// is applied by the write pipeline or there is none).
std::string defaultExpression(const schema::Field& field);
// The CHECK expression of the field ("" when none).
std::string checkExpression(const schema::Field& field);
// The CREATE TABLE statement of a model.
std::string createTable(const schema::Model& model);
// The foreign-key action keyword for a schema action name ("" → NO ACTION).
std::string foreignKeyAction(const std::string& action);
// True when `model` has its own table in `database` (sqlite, not external).
bool ownsTable(const schema::Model& model, const schema::Database& database);

}  // namespace litestone::ddl
