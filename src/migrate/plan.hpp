#pragma once

// Turns a Diff into ordered SQL steps. Changes ALTER TABLE cannot make are
// done with SQLite's table rebuild: create "_new_<t>" from the desired
// definition, copy the common columns, drop the old table, rename, then
// recreate its indexes and triggers and check foreign keys. Steps that could
// lose data are listed as hazards, which apply re-checks against the data it
// finds (see apply.hpp).

#include <string>
#include <vector>

#include "litestone/json.hpp"
#include "migrate/diff.hpp"
#include "migrate/snapshot.hpp"

namespace litestone::migrate {

enum class HazardKind {
  DropTable,       // destructive when the table holds rows
  DropColumn,      // destructive when the column holds non-NULL values
  NarrowType,      // destructive when the column holds non-NULL values
  NotNull,         // fails when the column holds NULLs (no default to fill them)
  RequiredColumn,  // a new NOT NULL column without default: fails when the table holds rows
};

struct Hazard {
  HazardKind kind = HazardKind::DropTable;
  std::string table;
  std::string column;  // "" for DropTable
  std::string detail;  // e.g. "TEXT -> INTEGER"

  bool destructive() const;
  std::string describe() const;
  json toJson() const;
  static Hazard fromJson(const json& j);  // throws MigrationError on a malformed directive
};

struct Step {
  std::string comment;  // one line for people, "" when none
  std::string sql;      // one statement, no trailing semicolon
};

struct Plan {
  std::vector<Step> steps;
  std::vector<std::string> summary;  // Diff::describe()
  std::vector<Hazard> hazards;
  bool foreign_keys_off = false;  // run with PRAGMA foreign_keys=OFF (rebuilds, drops)
  // Databases whose rows a step copies (a model moved between databases);
  // apply attaches each under attachAlias(name) around the transaction.
  std::vector<std::string> copy_from;
  bool empty() const { return steps.empty(); }
};

Plan makePlan(const Diff& d, const Snapshot& live, const Snapshot& desired);

// True when every value of type `from` converts to `to` without loss
// (INTEGER → REAL/TEXT/NUMERIC, REAL → TEXT, anything → ANY/BLOB/"").
bool isWidening(const std::string& from, const std::string& to);

}  // namespace litestone::migrate
