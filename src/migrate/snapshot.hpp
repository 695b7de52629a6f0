#pragma once

// A normalized picture of one SQLite database's schema, read from
// sqlite_schema and the table/index/foreign-key pragmas. Two snapshots
// compare equal when the databases would behave the same; formatting of the
// original CREATE text does not matter.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "litestone/json.hpp"

namespace litestone::engine {
class Connection;
}

namespace litestone::migrate {

struct Column {
  std::string name;
  std::string type;  // declared type, upper case ("" when none)
  bool not_null = false;
  std::optional<std::string> default_sql;  // as written after DEFAULT
  int pk = 0;                              // 1-based position in the primary key, 0 when not part
  int hidden = 0;                          // 0 normal, 2 virtual generated, 3 stored generated
  std::string definition;                  // the column's text in CREATE TABLE, original
  std::string normalized;                  // definition, normalized (see sql_text.hpp)
  bool generated() const { return hidden == 2 || hidden == 3; }
};

struct ForeignKey {
  std::string table;  // referenced table
  std::vector<std::string> from;
  std::vector<std::string> to;
  std::string on_update;
  std::string on_delete;
};

struct Table {
  std::string name;
  std::string sql;                    // CREATE TABLE text as stored
  bool is_virtual = false;            // CREATE VIRTUAL TABLE (FTS5)
  std::string virtual_content;        // fts5 content= table, "" when none
  std::vector<Column> columns;        // declaration order
  std::set<std::string> constraints;  // normalized table constraints
  std::string options;                // normalized: STRICT, WITHOUT ROWID
  std::vector<ForeignKey> foreign_keys;

  const Column* column(const std::string& name) const;
  bool strict() const;
  bool withoutRowid() const;
  // True when the table has an INTEGER PRIMARY KEY (a rowid alias).
  bool hasRowidAlias() const;
};

struct IndexInfo {
  std::string name;
  std::string table;
  std::string sql;         // CREATE INDEX text as stored
  std::string normalized;  // normalized sql
  bool unique = false;
  bool partial = false;
  std::vector<std::string> columns;  // "" for expression parts
};

struct Trigger {
  std::string name;
  std::string table;
  std::string sql;
  std::string normalized;
};

struct View {
  std::string name;
  std::string sql;
  std::string normalized;
};

struct Snapshot {
  std::map<std::string, Table> tables;  // by name; includes FTS virtual tables
  std::map<std::string, IndexInfo> indexes;
  std::map<std::string, Trigger> triggers;
  std::map<std::string, View> views;
  std::vector<std::string> order;  // table names in creation order (sqlite_schema rowid)

  const Table* table(const std::string& name) const;
  bool empty() const { return tables.empty() && indexes.empty() && triggers.empty() && views.empty(); }
  // A stable JSON form: the comparison basis of tests and `verify --json`.
  json toJson() const;
};

// What a snapshot leaves out besides SQLite's own objects (sqlite_*),
// litestone's bookkeeping (_litestone_migrations) and FTS5 shadow tables.
struct SnapshotFilter {
  std::set<std::string> ignore_tables;  // e.g. the tables of @@external models
};

// Reads the main schema of db. Throws DatabaseError on SQLite failures.
Snapshot takeSnapshot(engine::Connection& db, const SnapshotFilter& filter = {});

// Builds the statements in a fresh :memory: database and snapshots it.
Snapshot snapshotOfStatements(const std::vector<std::string>& statements, const SnapshotFilter& filter = {});

// The bookkeeping table of applied migrations, one per database.
inline constexpr const char* kMigrationsTable = "_litestone_migrations";

// True for names a snapshot never shows (sqlite_*, _litestone_migrations).
bool isInternalTable(const std::string& name);

}  // namespace litestone::migrate
