#include "migrate/diff.hpp"

#include <algorithm>
#include <cctype>

#include "migrate/sql_text.hpp"

namespace litestone::migrate {

namespace {

bool hasToken(const std::vector<std::string>& toks, std::string_view word) {
  return std::any_of(toks.begin(), toks.end(), [&](const std::string& t) {
    if (t.size() != word.size()) return false;
    for (size_t i = 0; i < t.size(); ++i)
      if (std::toupper(static_cast<unsigned char>(t[i])) != word[i]) return false;
    return true;
  });
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

void compareTable(const Table& live, const Table& want, std::vector<TableChange>& out) {
  TableChange ch;
  ch.table = want.name;
  if (live.is_virtual || want.is_virtual) {
    if (normalize(live.sql) != normalize(want.sql)) {
      ch.action = TableAction::Rebuild;
      ch.reasons.push_back("virtual table definition changed");
      out.push_back(std::move(ch));
    }
    return;
  }
  for (auto& c : want.columns) {
    auto* old = live.column(c.name);
    if (!old) {
      ch.added.push_back(c.name);
    } else if (old->normalized != c.normalized || old->type != c.type || old->not_null != c.not_null ||
               old->default_sql != c.default_sql || old->pk != c.pk || old->hidden != c.hidden) {
      ch.changed.push_back(c.name);
      ch.reasons.push_back("column " + c.name + ": " + old->definition + " -> " + c.definition);
    }
  }
  for (auto& c : live.columns)
    if (!want.column(c.name)) {
      ch.dropped.push_back(c.name);
      ch.reasons.push_back("drop column " + c.name);
    }
  if (live.constraints != want.constraints) ch.reasons.push_back("table constraints changed");
  if (live.options != want.options)
    ch.reasons.push_back("table options changed: '" + live.options + "' -> '" + want.options + "'");
  bool addable = std::all_of(ch.added.begin(), ch.added.end(),
                             [&](const std::string& n) { return canAddColumn(*want.column(n)); });
  if (ch.reasons.empty() && ch.added.empty()) return;
  if (ch.reasons.empty() && addable) {
    ch.action = TableAction::AddColumns;
  } else {
    ch.action = TableAction::Rebuild;
    for (auto& n : ch.added) ch.reasons.push_back("add column " + n);
  }
  out.push_back(std::move(ch));
}

template <class Map>
void diffObjects(const Map& live, const Map& want, std::vector<std::string>& drops,
                 std::vector<std::string>& creates) {
  for (auto& [name, obj] : live) {
    auto it = want.find(name);
    if (it == want.end() || it->second.normalized != obj.normalized) drops.push_back(name);
  }
  for (auto& [name, obj] : want) {
    auto it = live.find(name);
    if (it == live.end() || it->second.normalized != obj.normalized) creates.push_back(name);
  }
}

}  // namespace

bool canAddColumn(const Column& c) {
  auto toks = tokenize(c.definition);
  if (c.pk > 0 || hasToken(toks, "PRIMARY") || hasToken(toks, "UNIQUE")) return false;
  if (c.hidden == 3) return false;  // STORED generated columns need a rebuild
  bool null_default = !c.default_sql || normalize(*c.default_sql) == "NULL";
  if (c.not_null && null_default && !c.generated()) return false;
  if (c.default_sql) {
    auto d = normalize(*c.default_sql);
    if (!d.empty() && d[0] == '(') return false;  // expression defaults are not allowed
    if (d.rfind("CURRENT_", 0) == 0) return false;
  }
  if (hasToken(toks, "REFERENCES") && !null_default) return false;
  return true;
}

Diff diff(const Snapshot& live, const Snapshot& want) {
  Diff d;
  for (auto& name : want.order) {
    if (!live.table(name)) {
      TableChange ch;
      ch.action = TableAction::Create;
      ch.table = name;
      d.tables.push_back(std::move(ch));
    }
  }
  for (auto& name : want.order)
    if (auto* old = live.table(name)) compareTable(*old, want.tables.at(name), d.tables);
  for (auto& name : live.order) {
    if (!want.table(name)) {
      TableChange ch;
      ch.action = TableAction::Drop;
      ch.table = name;
      d.tables.push_back(std::move(ch));
    }
  }
  diffObjects(live.indexes, want.indexes, d.drop_indexes, d.create_indexes);
  diffObjects(live.triggers, want.triggers, d.drop_triggers, d.create_triggers);
  diffObjects(live.views, want.views, d.drop_views, d.create_views);
  return d;
}

bool Diff::empty() const {
  return tables.empty() && drop_indexes.empty() && create_indexes.empty() && drop_triggers.empty() &&
         create_triggers.empty() && drop_views.empty() && create_views.empty();
}

std::vector<std::string> Diff::describe() const {
  std::vector<std::string> lines;
  for (auto& t : tables) {
    switch (t.action) {
      case TableAction::Create:
        lines.push_back("+ table " + t.table);
        break;
      case TableAction::Drop:
        lines.push_back("- table " + t.table);
        break;
      case TableAction::AddColumns:
        lines.push_back("~ table " + t.table + ": add column " + join(t.added, ", "));
        break;
      case TableAction::Rebuild:
        lines.push_back("~ table " + t.table + ": rebuild (" + join(t.reasons, "; ") + ")");
        break;
    }
  }
  for (auto& n : drop_indexes)
    if (std::find(create_indexes.begin(), create_indexes.end(), n) == create_indexes.end())
      lines.push_back("- index " + n);
  for (auto& n : create_indexes)
    lines.push_back((std::find(drop_indexes.begin(), drop_indexes.end(), n) != drop_indexes.end()
                         ? "~ index "
                         : "+ index ") +
                    n);
  for (auto& n : drop_triggers)
    if (std::find(create_triggers.begin(), create_triggers.end(), n) == create_triggers.end())
      lines.push_back("- trigger " + n);
  for (auto& n : create_triggers) lines.push_back("+ trigger " + n);
  for (auto& n : drop_views)
    if (std::find(create_views.begin(), create_views.end(), n) == create_views.end())
      lines.push_back("- view " + n);
  for (auto& n : create_views) lines.push_back("+ view " + n);
  return lines;
}

json Diff::toJson() const {
  json jt = json::array();
  static constexpr const char* kActions[] = {"create", "drop", "addColumns", "rebuild"};
  for (auto& t : tables)
    jt.push_back({{"table", t.table},
                  {"action", kActions[static_cast<int>(t.action)]},
                  {"added", t.added},
                  {"dropped", t.dropped},
                  {"changed", t.changed},
                  {"reasons", t.reasons}});
  return {{"tables", jt},
          {"dropIndexes", drop_indexes},
          {"createIndexes", create_indexes},
          {"dropTriggers", drop_triggers},
          {"createTriggers", create_triggers},
          {"dropViews", drop_views},
          {"createViews", create_views}};
}

}  // namespace litestone::migrate
