// Reads sqlite_master and table pragmas for push.

#include "ddl/introspect.hpp"

#include "ddl/quote.hpp"

namespace litestone::ddl::detail {

std::map<std::string, MasterEntry> readMaster(engine::Connection& conn) {
  std::map<std::string, MasterEntry> out;
  auto stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master");
  while (stmt.step()) {
    MasterEntry e;
    e.type = std::string(stmt.getText(0));
    e.name = std::string(stmt.getText(1));
    e.table = std::string(stmt.getText(2));
    if (stmt.columnType(3) != engine::ColumnType::Null) e.sql = std::string(stmt.getText(3));
    out[e.name] = std::move(e);
  }
  return out;
}

std::vector<ColumnInfo> readColumns(engine::Connection& conn, const std::string& table) {
  std::vector<ColumnInfo> out;
  auto stmt =
      conn.prepare("SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?)");
  stmt.bindText(1, table);
  while (stmt.step()) {
    ColumnInfo c;
    c.name = std::string(stmt.getText(0));
    c.type = std::string(stmt.getText(1));
    c.not_null = stmt.getInt(2) != 0;
    if (stmt.columnType(3) != engine::ColumnType::Null) c.default_sql = std::string(stmt.getText(3));
    c.pk = static_cast<int>(stmt.getInt(4));
    c.hidden = static_cast<int>(stmt.getInt(5));
    out.push_back(std::move(c));
  }
  return out;
}

bool isStrict(engine::Connection& conn, const std::string& table) {
  auto stmt = conn.prepare("SELECT strict FROM pragma_table_list WHERE schema = 'main' AND name = ?");
  stmt.bindText(1, table);
  return stmt.step() && stmt.getInt(0) != 0;
}

}  // namespace litestone::ddl::detail
