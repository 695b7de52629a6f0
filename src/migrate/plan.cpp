#include "migrate/plan.hpp"

#include <algorithm>
#include <set>

#include "common/error_codes.hpp"
#include "litestone/error.hpp"
#include "migrate/sql_text.hpp"

namespace litestone::migrate {

namespace {

constexpr const char* kHazardNames[] = {"drop-table", "drop-column", "narrow-type", "not-null",
                                        "required-column"};

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Builds the steps of one table rebuild.
void rebuildTable(const Table& live, const Table& want, Plan& plan) {
  std::string tmp = "_new_" + want.name;
  plan.steps.push_back({"rebuild " + want.name + ": create the new table", renameCreateTable(want.sql, tmp)});
  std::string cols, exprs;
  auto add = [&](const std::string& col, const std::string& expr) {
    if (!cols.empty()) {
      cols += ", ";
      exprs += ", ";
    }
    cols += col;
    exprs += expr;
  };
  if (!want.withoutRowid() && !live.withoutRowid() && !want.hasRowidAlias()) add("rowid", "rowid");
  for (auto& c : want.columns) {
    if (c.generated()) continue;
    auto* old = live.column(c.name);
    if (!old) {
      if (c.not_null && !c.default_sql)
        plan.hazards.push_back({HazardKind::RequiredColumn, want.name, c.name, ""});
      continue;
    }
    std::string expr = quoteIdent(c.name);
    if (old->type != c.type && !c.type.empty() && c.type != "ANY") {
      expr = "CAST(" + expr + " AS " + c.type + ")";
      if (!isWidening(old->type, c.type))
        plan.hazards.push_back({HazardKind::NarrowType, want.name, c.name, old->type + " -> " + c.type});
    }
    if (c.not_null && !old->not_null) {
      if (c.default_sql)
        expr = "COALESCE(" + expr + ", " + *c.default_sql + ")";
      else
        plan.hazards.push_back({HazardKind::NotNull, want.name, c.name, ""});
    }
    add(quoteIdent(c.name), expr);
  }
  for (auto& c : live.columns)
    if (!want.column(c.name) && !c.generated())
      plan.hazards.push_back({HazardKind::DropColumn, want.name, c.name, ""});
  plan.steps.push_back({"rebuild " + want.name + ": copy the rows", "INSERT INTO " + quoteIdent(tmp) + " (" +
                                                                        cols + ") SELECT " + exprs +
                                                                        " FROM " + quoteIdent(live.name)});
  plan.steps.push_back(
      {"rebuild " + want.name + ": replace the old table", "DROP TABLE " + quoteIdent(live.name)});
  // Legacy rename leaves references to the name in other tables, triggers and
  // views alone: they already name the table we are putting back.
  plan.steps.push_back({"", "PRAGMA legacy_alter_table = ON"});
  plan.steps.push_back({"", "ALTER TABLE " + quoteIdent(tmp) + " RENAME TO " + quoteIdent(want.name)});
  plan.steps.push_back({"", "PRAGMA legacy_alter_table = OFF"});
}

}  // namespace

bool isWidening(const std::string& from, const std::string& to) {
  if (from == to || to.empty() || to == "ANY" || to == "BLOB") return true;
  if (from == "INTEGER" || from == "INT")
    return to == "REAL" || to == "TEXT" || to == "NUMERIC" || to == "INTEGER";
  if (from == "REAL") return to == "TEXT";
  return false;
}

bool Hazard::destructive() const {
  return kind == HazardKind::DropTable || kind == HazardKind::DropColumn || kind == HazardKind::NarrowType;
}

std::string Hazard::describe() const {
  switch (kind) {
    case HazardKind::DropTable:
      return "drops table " + table;
    case HazardKind::DropColumn:
      return "drops column " + table + "." + column;
    case HazardKind::NarrowType:
      return "narrows the type of " + table + "." + column + " (" + detail + ")";
    case HazardKind::NotNull:
      return "makes " + table + "." + column + " required without a default";
    case HazardKind::RequiredColumn:
      return "adds required column " + table + "." + column + " without a default";
  }
  return "";
}

json Hazard::toJson() const {
  json j = {{"kind", kHazardNames[static_cast<int>(kind)]}, {"table", table}};
  if (!column.empty()) j["column"] = column;
  if (!detail.empty()) j["detail"] = detail;
  return j;
}

Hazard Hazard::fromJson(const json& j) {
  Hazard h;
  if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string() || !j.contains("table"))
    throw MigrationError(codes::kMigrationBadDirective, "malformed litestone:check directive: " + j.dump(),
                         {{"directive", j}});
  auto kind = j["kind"].get<std::string>();
  auto it = std::find(std::begin(kHazardNames), std::end(kHazardNames), kind);
  if (it == std::end(kHazardNames))
    throw MigrationError(codes::kMigrationBadDirective, "unknown litestone:check kind \"" + kind + "\"",
                         {{"directive", j}});
  h.kind = static_cast<HazardKind>(it - std::begin(kHazardNames));
  h.table = j.value("table", "");
  h.column = j.value("column", "");
  h.detail = j.value("detail", "");
  return h;
}

Plan makePlan(const Diff& d, const Snapshot& live, const Snapshot& want) {
  Plan plan;
  plan.summary = d.describe();
  std::set<std::string> rebuilt;         // regular tables rebuilt
  std::vector<std::string> new_virtual;  // virtual tables to (re)create
  for (auto& t : d.tables) {
    bool is_virtual = (want.table(t.table) && want.table(t.table)->is_virtual) ||
                      (live.table(t.table) && live.table(t.table)->is_virtual);
    if (t.action == TableAction::Rebuild && !is_virtual) rebuilt.insert(t.table);
    if (is_virtual && t.action != TableAction::Drop) new_virtual.push_back(t.table);
    if (t.action == TableAction::Rebuild || t.action == TableAction::Drop) plan.foreign_keys_off = true;
  }

  for (auto& n : d.drop_views) plan.steps.push_back({"", "DROP VIEW IF EXISTS " + quoteIdent(n)});
  for (auto& n : d.drop_triggers) plan.steps.push_back({"", "DROP TRIGGER IF EXISTS " + quoteIdent(n)});
  for (auto& n : d.drop_indexes) plan.steps.push_back({"", "DROP INDEX IF EXISTS " + quoteIdent(n)});
  for (auto& t : d.tables) {
    auto* old = live.table(t.table);
    if (old && old->is_virtual && t.action != TableAction::AddColumns)
      plan.steps.push_back({"", "DROP TABLE IF EXISTS " + quoteIdent(t.table)});
  }
  for (auto& t : d.tables) {
    auto* w = want.table(t.table);
    if (t.action == TableAction::Create && !w->is_virtual)
      plan.steps.push_back({"+ table " + t.table, w->sql});
  }
  for (auto& t : d.tables) {
    if (t.action != TableAction::AddColumns) continue;
    auto* w = want.table(t.table);
    for (auto& n : t.added)
      plan.steps.push_back(
          {"", "ALTER TABLE " + quoteIdent(t.table) + " ADD COLUMN " + w->column(n)->definition});
  }
  for (auto& t : d.tables)
    if (rebuilt.count(t.table)) rebuildTable(*live.table(t.table), *want.table(t.table), plan);
  for (auto& t : d.tables) {
    auto* old = live.table(t.table);
    if (t.action != TableAction::Drop || old->is_virtual) continue;
    plan.hazards.push_back({HazardKind::DropTable, t.table, "", ""});
    plan.steps.push_back({"- table " + t.table, "DROP TABLE " + quoteIdent(t.table)});
  }
  // FTS tables: (re)create, and refill those whose content table changed.
  std::set<std::string> refill;
  for (auto& n : new_virtual) {
    plan.steps.push_back({"", want.table(n)->sql});
    if (!want.table(n)->virtual_content.empty()) refill.insert(n);
  }
  for (auto& [n, t] : want.tables)
    if (t.is_virtual && rebuilt.count(t.virtual_content)) refill.insert(n);
  for (auto& n : refill)
    plan.steps.push_back(
        {"refill " + n, "INSERT INTO " + quoteIdent(n) + " (" + quoteIdent(n) + ") VALUES ('rebuild')"});

  std::vector<std::string> indexes = d.create_indexes;
  for (auto& [n, ix] : want.indexes)
    if (rebuilt.count(ix.table) && !contains(indexes, n)) indexes.push_back(n);
  std::sort(indexes.begin(), indexes.end());
  for (auto& n : indexes) plan.steps.push_back({"", want.indexes.at(n).sql});
  std::vector<std::string> triggers = d.create_triggers;
  for (auto& [n, tr] : want.triggers)
    if (rebuilt.count(tr.table) && !contains(triggers, n)) triggers.push_back(n);
  std::sort(triggers.begin(), triggers.end());
  for (auto& n : triggers) plan.steps.push_back({"", want.triggers.at(n).sql});
  for (auto& n : d.create_views) plan.steps.push_back({"", want.views.at(n).sql});
  if (plan.foreign_keys_off)
    plan.steps.push_back({"every foreign key must still hold", "PRAGMA foreign_key_check"});
  return plan;
}

}  // namespace litestone::migrate
