#pragma once

// The difference between a live snapshot and the desired (pristine) one:
// which tables to create, drop, extend with ALTER TABLE ADD COLUMN or rebuild,
// and which indexes, triggers and views to drop or create.

#include <string>
#include <vector>

#include "litestone/json.hpp"
#include "migrate/snapshot.hpp"

namespace litestone::migrate {

enum class TableAction {
  Create,      // only in the desired schema
  Drop,        // only in the live database
  AddColumns,  // new columns ALTER TABLE ADD COLUMN can add, nothing else
  Rebuild,     // anything else: the 12-step rebuild (or drop + create for FTS tables)
};

struct TableChange {
  TableAction action = TableAction::Create;
  std::string table;
  std::vector<std::string> added;    // columns only in the desired table
  std::vector<std::string> dropped;  // columns only in the live table
  std::vector<std::string> changed;  // columns whose definition differs
  std::vector<std::string> reasons;  // why a rebuild is needed, for people
};

struct Diff {
  std::vector<TableChange> tables;  // creates in desired order, then the rest
  std::vector<std::string> drop_indexes, create_indexes;
  std::vector<std::string> drop_triggers, create_triggers;
  std::vector<std::string> drop_views, create_views;

  bool empty() const;
  // One line per change ("+ table posts", "~ table users: add column bio").
  std::vector<std::string> describe() const;
  json toJson() const;
};

Diff diff(const Snapshot& live, const Snapshot& desired);

// Whether ALTER TABLE ADD COLUMN can add this column to a table with rows.
bool canAddColumn(const Column& column);

}  // namespace litestone::migrate
