#include "engine/maintenance.hpp"

#include <cctype>
#include <cstdint>
#include <string>

#include "common/quote.hpp"
#include "litestone/error.hpp"

namespace litestone::engine {

namespace {

void checkAlias(const std::string& alias) {
  bool ok = !alias.empty() && std::isdigit(static_cast<unsigned char>(alias[0])) == 0;
  for (char c : alias) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_');
  std::string lower;
  for (char c : alias) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!ok || lower == "main" || lower == "temp") {
    throw QueryError("QUERY_BAD_ALIAS",
                     "attach alias \"" + alias +
                         "\" must be letters, digits and _ (not starting with a digit), and not main or temp",
                     {{"alias", alias}});
  }
}

// The row count sqlite_stat1 recorded for table (its first number), or -1.
int64_t recordedRows(Connection& conn, const std::string& table) {
  bool has_stat = false;
  {
    auto probe = conn.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat1'");
    has_stat = probe.step();
  }
  if (!has_stat) return -1;
  auto stmt = conn.prepare("SELECT stat FROM sqlite_stat1 WHERE tbl = ? LIMIT 1");
  stmt.bindText(1, table);
  if (!stmt.step()) return -1;
  std::string stat(stmt.getText(0));
  try {
    return std::stoll(stat);
  } catch (...) {
    return -1;
  }
}

bool hasIndex(Connection& conn, const std::string& table) {
  auto stmt = conn.prepare("SELECT 1 FROM pragma_index_list(?) LIMIT 1");
  stmt.bindText(1, table);
  return stmt.step();
}

}  // namespace

json foreignKeyViolations(Connection& conn, int limit) {
  json out = json::array();
  auto stmt = conn.prepare("PRAGMA foreign_key_check");
  while (stmt.step() && static_cast<int>(out.size()) < limit) {
    out.push_back({{"table", std::string(stmt.getText(0))},
                   {"rowid", stmt.getJson(1)},
                   {"parent", std::string(stmt.getText(2))},
                   {"fkid", stmt.getInt(3)}});
  }
  return out;
}

json unindexedForeignKeys(Connection& conn) {
  json out = json::array();
  auto stmt = conn.prepare(
      "SELECT m.name, f.\"from\", f.\"table\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f "
      "WHERE m.type = 'table' AND f.seq = 0 AND NOT EXISTS ("
      "SELECT 1 FROM pragma_index_list(m.name) il, pragma_index_info(il.name) ii "
      "WHERE ii.seqno = 0 AND ii.name = f.\"from\") "
      "AND NOT EXISTS (SELECT 1 FROM pragma_table_info(m.name) t WHERE t.pk = 1 AND t.name = f.\"from\") "
      "ORDER BY m.name, f.\"from\"");
  while (stmt.step()) {
    out.push_back({{"table", std::string(stmt.getText(0))},
                   {"column", std::string(stmt.getText(1))},
                   {"references", std::string(stmt.getText(2))}});
  }
  return out;
}

std::vector<std::string> ftsTables(Connection& conn) {
  std::vector<std::string> out;
  auto stmt = conn.prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%' "
      "ORDER BY name");
  while (stmt.step()) out.emplace_back(stmt.getText(0));
  return out;
}

json optimizeTables(Connection& writer, const std::vector<std::string>& fts,
                    const std::vector<std::string>& tables) {
  json steps = json::array();
  for (const auto& name : fts) {
    std::string q = quoteIdent(name);
    writer.exec("INSERT INTO " + q + " (" + q + ") VALUES ('optimize')");
    steps.push_back(
        {{"step", "fts-optimize"}, {"target", name}, {"detail", "merged the FTS5 index segments"}});
  }
  for (const auto& table : tables) {
    if (!hasIndex(writer, table)) continue;  // ANALYZE only informs index choice
    int64_t recorded = recordedRows(writer, table);
    int64_t rows = 0;
    {
      auto count = writer.prepare("SELECT count(*) FROM " + quoteIdent(table));
      if (count.step()) rows = count.getInt(0);
    }
    bool stale = recorded < 0 ? rows > 0 : (rows > 2 * recorded || 2 * rows < recorded);
    if (!stale) continue;
    writer.exec("ANALYZE " + quoteIdent(table));
    std::string why =
        recorded < 0 ? "no statistics" : "statistics said " + std::to_string(recorded) + " rows";
    steps.push_back({{"step", "analyze"},
                     {"target", table},
                     {"detail", why + ", table has " + std::to_string(rows) + " rows"}});
  }
  writer.exec("PRAGMA optimize");
  steps.push_back({{"step", "pragma-optimize"}, {"target", nullptr}, {"detail", "PRAGMA optimize"}});
  return steps;
}

void attachDatabase(Connection& conn, const std::string& path, const std::string& alias) {
  checkAlias(alias);
  // The file name is an expression in ATTACH, so it is bound like any value.
  auto stmt = conn.prepare("ATTACH DATABASE ? AS " + quoteIdent(alias));
  stmt.bindText(1, path);
  stmt.run();
}

void detachDatabase(Connection& conn, const std::string& alias) {
  checkAlias(alias);
  conn.exec("DETACH DATABASE " + quoteIdent(alias));
}

}  // namespace litestone::engine
