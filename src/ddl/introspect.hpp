#pragma once

// Internal to ddl/: what push needs to know about a live database.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/connection.hpp"

namespace litestone::ddl::detail {

struct MasterEntry {
  std::string type;  // table index trigger view
  std::string name;
  std::string table;
  std::string sql;  // "" for automatic indexes
};

struct ColumnInfo {
  std::string name;
  std::string type;
  bool not_null = false;
  std::optional<std::string> default_sql;
  int pk = 0;      // position in the primary key, 0 when not part of it
  int hidden = 0;  // 0 normal, 2 virtual generated, 3 stored generated
};

// sqlite_master by object name.
std::map<std::string, MasterEntry> readMaster(engine::Connection& conn);
// PRAGMA table_xinfo, in column order.
std::vector<ColumnInfo> readColumns(engine::Connection& conn, const std::string& table);
// PRAGMA table_list's strict flag.
bool isStrict(engine::Connection& conn, const std::string& table);

}  // namespace litestone::ddl::detail
