#include "migrate/snapshot.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "engine/connection.hpp"
#include "migrate/sql_text.hpp"

namespace litestone::migrate {

namespace {

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool startsWithCi(const std::string& s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

// fts5(..., content='x', ...) → x
std::string virtualContent(const std::string& sql) {
  auto toks = tokenize(sql);
  for (size_t i = 0; i + 2 < toks.size(); ++i) {
    if (upper(toks[i]) == "CONTENT" && toks[i + 1] == "=") {
      auto v = toks[i + 2];
      if (v.size() >= 2 && (v[0] == '\'' || v[0] == '"')) v = v.substr(1, v.size() - 2);
      return v;
    }
  }
  return "";
}

void readColumns(engine::Connection& db, Table& t) {
  auto parts = parseCreateTable(t.sql);
  auto st = db.prepare("SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?)");
  st.bindText(1, t.name);
  auto text = [&](int i) { return std::string(st.getText(i)); };
  while (st.step()) {
    Column c;
    c.name = text(0);
    c.type = upper(text(1));
    c.not_null = st.getInt(2) != 0;
    if (st.columnType(3) != engine::ColumnType::Null) c.default_sql = text(3);
    c.pk = static_cast<int>(st.getInt(4));
    c.hidden = static_cast<int>(st.getInt(5));
    for (size_t i = 0; i < parts.column_names.size(); ++i) {
      if (parts.column_names[i] == c.name) {
        c.definition = parts.columns[i];
        c.normalized = normalize(parts.columns[i]);
      }
    }
    // Hidden columns of virtual tables (fts5's table-named column and rank)
    // are not part of the definition.
    if (c.hidden == 1) continue;
    t.columns.push_back(std::move(c));
  }
  for (auto& k : parts.constraints) t.constraints.insert(normalize(k));
  t.options = normalize(parts.options);
}

void readForeignKeys(engine::Connection& db, Table& t) {
  auto st = db.prepare(
      "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?) "
      "ORDER BY id, seq");
  st.bindText(1, t.name);
  auto text = [&](int i) { return std::string(st.getText(i)); };
  int64_t last = -1;
  while (st.step()) {
    if (st.getInt(0) != last) {
      last = st.getInt(0);
      t.foreign_keys.push_back({text(1), {}, {}, text(4), text(5)});
    }
    auto& fk = t.foreign_keys.back();
    fk.from.push_back(text(2));
    fk.to.push_back(text(3));
  }
}

void readIndexColumns(engine::Connection& db, IndexInfo& ix) {
  auto st = db.prepare("SELECT name FROM pragma_index_info(?) ORDER BY seqno");
  st.bindText(1, ix.name);
  while (st.step()) ix.columns.push_back(std::string(st.getText(0)));
}

}  // namespace

const Column* Table::column(const std::string& n) const {
  for (auto& c : columns)
    if (c.name == n) return &c;
  return nullptr;
}

bool Table::strict() const { return options.find("STRICT") != std::string::npos; }
bool Table::withoutRowid() const { return options.find("WITHOUT ROWID") != std::string::npos; }

bool Table::hasRowidAlias() const {
  if (withoutRowid() || is_virtual) return false;
  int pk_count = 0;
  const Column* pk = nullptr;
  for (auto& c : columns)
    if (c.pk > 0) {
      ++pk_count;
      pk = &c;
    }
  return pk_count == 1 && pk->type == "INTEGER";
}

const Table* Snapshot::table(const std::string& n) const {
  auto it = tables.find(n);
  return it == tables.end() ? nullptr : &it->second;
}

bool isInternalTable(const std::string& name) {
  return startsWithCi(name, "sqlite_") || name == kMigrationsTable;
}

Snapshot takeSnapshot(engine::Connection& db, const SnapshotFilter& filter) {
  Snapshot snap;
  struct Row {
    std::string type, name, table, sql;
  };
  std::vector<Row> rows;
  {
    auto st = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid");
    auto text = [&](int i) { return std::string(st.getText(i)); };
    while (st.step()) rows.push_back({text(0), text(1), text(2), text(3)});
  }
  // FTS shadow tables belong to their virtual table.
  std::set<std::string> shadow;
  for (auto& r : rows) {
    if (r.type == "table" && startsWithCi(r.sql, "CREATE VIRTUAL TABLE")) {
      for (auto suffix :
           {"_data", "_idx", "_content", "_docsize", "_config", "_segments", "_segdir", "_stat"})
        shadow.insert(r.name + suffix);
    }
  }
  auto skip = [&](const std::string& table) {
    return isInternalTable(table) || shadow.count(table) || filter.ignore_tables.count(table);
  };
  for (auto& r : rows) {
    if (skip(r.table) || isInternalTable(r.name)) continue;
    if (r.type == "table") {
      Table t;
      t.name = r.name;
      t.sql = r.sql;
      t.is_virtual = startsWithCi(r.sql, "CREATE VIRTUAL TABLE");
      if (t.is_virtual) t.virtual_content = virtualContent(r.sql);
      readColumns(db, t);
      readForeignKeys(db, t);
      snap.order.push_back(t.name);
      snap.tables.emplace(t.name, std::move(t));
    } else if (r.type == "index") {
      if (r.sql.empty()) continue;  // automatic index of a UNIQUE/PRIMARY KEY constraint
      IndexInfo ix;
      ix.name = r.name;
      ix.table = r.table;
      ix.sql = r.sql;
      ix.normalized = normalize(r.sql);
      auto toks = tokenize(r.sql);
      ix.unique = toks.size() > 1 && upper(toks[1]) == "UNIQUE";
      ix.partial =
          std::find_if(toks.begin(), toks.end(), [](auto& t) { return upper(t) == "WHERE"; }) != toks.end();
      readIndexColumns(db, ix);
      snap.indexes.emplace(ix.name, std::move(ix));
    } else if (r.type == "trigger") {
      snap.triggers.emplace(r.name, Trigger{r.name, r.table, r.sql, normalize(r.sql)});
    } else if (r.type == "view") {
      snap.views.emplace(r.name, View{r.name, r.sql, normalize(r.sql)});
    }
  }
  return snap;
}

Snapshot snapshotOfStatements(const std::vector<std::string>& statements, const SnapshotFilter& filter) {
  auto db = engine::Connection::scratch();
  for (auto& s : statements) db->exec(s);
  return takeSnapshot(*db, filter);
}

json Snapshot::toJson() const {
  json out = json::object();
  json jt = json::object();
  for (auto& [name, t] : tables) {
    json cols = json::object();
    for (auto& c : t.columns) {
      cols[c.name] = {{"type", c.type},
                      {"notNull", c.not_null},
                      {"default", c.default_sql ? json(*c.default_sql) : json(nullptr)},
                      {"pk", c.pk},
                      {"generated", c.hidden == 2   ? "virtual"
                                    : c.hidden == 3 ? "stored"
                                                    : ""},
                      {"definition", c.normalized}};
    }
    json fks = json::array();
    auto sorted = t.foreign_keys;
    std::sort(sorted.begin(), sorted.end(),
              [](auto& a, auto& b) { return std::tie(a.from, a.table) < std::tie(b.from, b.table); });
    for (auto& fk : sorted)
      fks.push_back({{"table", fk.table},
                     {"from", fk.from},
                     {"to", fk.to},
                     {"onDelete", fk.on_delete},
                     {"onUpdate", fk.on_update}});
    json entry = {
        {"columns", cols}, {"constraints", t.constraints}, {"options", t.options}, {"foreignKeys", fks}};
    if (t.is_virtual) entry = {{"virtual", normalize(t.sql)}};
    jt[name] = entry;
  }
  out["tables"] = jt;
  json ji = json::object();
  for (auto& [name, ix] : indexes) ji[name] = ix.normalized;
  out["indexes"] = ji;
  json jtr = json::object();
  for (auto& [name, tr] : triggers) jtr[name] = tr.normalized;
  out["triggers"] = jtr;
  json jv = json::object();
  for (auto& [name, v] : views) jv[name] = v.normalized;
  out["views"] = jv;
  return out;
}

}  // namespace litestone::migrate
