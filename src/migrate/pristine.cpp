#include "migrate/pristine.hpp"

#include <set>

#include "ddl/ddl.hpp"

namespace litestone::migrate {

SnapshotFilter filterFor(const schema::Schema& schema, const schema::Database& database) {
  SnapshotFilter filter;
  for (const auto& m : schema.models) {
    const auto* block = m.database != nullptr ? m.database : &schema.mainDatabase();
    if (m.external && block == &database) filter.ignore_tables.insert(m.table);
  }
  return filter;
}

Snapshot pristineSnapshot(const schema::Schema& schema, const schema::Database& database) {
  std::vector<std::string> statements;
  for (const auto& object : ddl::generate(schema, database)) statements.push_back(object.sql);
  return snapshotOfStatements(statements, filterFor(schema, database));
}

void replaySchema(engine::Connection& src, engine::Connection& dst) {
  std::vector<std::pair<std::string, std::string>> rows;  // name, sql
  std::set<std::string> shadow;
  {
    auto st = src.prepare("SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid");
    while (st.step()) rows.emplace_back(std::string(st.getText(0)), std::string(st.getText(1)));
  }
  for (auto& [name, sql] : rows)
    if (sql.rfind("CREATE VIRTUAL TABLE", 0) == 0)
      for (auto suffix : {"_data", "_idx", "_content", "_docsize", "_config"}) shadow.insert(name + suffix);
  for (auto& [name, sql] : rows) {
    if (isInternalTable(name) || shadow.count(name)) continue;
    dst.exec(sql);
  }
}

}  // namespace litestone::migrate
