// generate(): the CREATE statements of one database, in creation order.

#include <algorithm>
#include <map>
#include <set>

#include "common/quote.hpp"
#include "ddl/ddl.hpp"
#include "ddl/parts.hpp"

namespace litestone::ddl {

namespace {

using schema::Model;
using schema::Relation;
using schema::RelationKind;

const std::string& databaseName(const Model& m) {
  static const std::string kMain = "main";
  return m.database != nullptr ? m.database->name : kMain;
}

// Foreign keys are emitted only when both tables are ours and live in the
// same file: SQLite cannot reference a table in another database, and an
// @@external model may be a view.
bool emitsForeignKey(const Relation& r) {
  return r.kind == RelationKind::BelongsTo && r.from != nullptr && r.to != nullptr && !r.to->external &&
         databaseName(*r.from) == databaseName(*r.to) && !r.local_fields.empty() &&
         r.local_fields.size() == r.foreign_fields.size();
}

std::string columnList(const std::vector<const schema::Field*>& fields) {
  std::string out;
  for (const auto* f : fields) {
    if (!out.empty()) out += ", ";
    out += quoteIdent(f->column);
  }
  return out;
}

}  // namespace

std::vector<const Relation*> detail::foreignKeys(const Model& m) {
  std::vector<const Relation*> out;
  for (const auto& f : m.fields) {
    if (f.kind == schema::FieldKind::Relation && f.relation != nullptr && emitsForeignKey(*f.relation))
      out.push_back(f.relation);
  }
  return out;
}

namespace {

// Depth-first order so that a referenced table is created before the tables
// pointing at it. Cycles (and self references) keep declaration order.
void visit(const Model* m, const std::vector<const Model*>& owned, std::set<const Model*>& seen,
           std::vector<const Model*>& order) {
  if (!seen.insert(m).second) return;
  for (const auto* r : detail::foreignKeys(*m)) {
    if (r->to != m && std::find(owned.begin(), owned.end(), r->to) != owned.end())
      visit(r->to, owned, seen, order);
  }
  order.push_back(m);
}

bool usesSequence(const Model& m) {
  return std::any_of(m.fields.begin(), m.fields.end(), [](const auto& f) { return f.sequence; });
}

}  // namespace

std::string foreignKeyAction(const std::string& action) {
  static const std::map<std::string, std::string, std::less<>> kActions = {
      {"Cascade", "CASCADE"},    {"SetNull", "SET NULL"},       {"Restrict", "RESTRICT"},
      {"NoAction", "NO ACTION"}, {"SetDefault", "SET DEFAULT"},
  };
  auto it = kActions.find(action);
  return it == kActions.end() ? "NO ACTION" : it->second;
}

bool ownsTable(const Model& model, const schema::Database& database) {
  return !model.external && database.driver == "sqlite" && databaseName(model) == database.name;
}

std::string createTable(const Model& model) {
  std::vector<std::string> lines;
  // On soft-delete models uniqueness holds among live rows only, so @unique
  // becomes a partial unique index (see indexes.cpp) instead of a constraint.
  bool inline_unique = !model.soft_delete;
  for (const auto& f : model.fields) {
    if (f.stored()) lines.push_back(columnDefinition(f, inline_unique));
  }
  if (model.primary_key.size() > 1) lines.push_back("PRIMARY KEY (" + columnList(model.primary_key) + ")");
  for (const auto* r : detail::foreignKeys(model)) {
    lines.push_back("FOREIGN KEY (" + columnList(r->local_fields) + ") REFERENCES " +
                    quoteIdent(r->to->table) + " (" + columnList(r->foreign_fields) + ") ON DELETE " +
                    foreignKeyAction(r->on_delete) + " ON UPDATE " + foreignKeyAction(r->on_update));
  }
  std::string sql = "CREATE TABLE " + quoteIdent(model.table) + " (\n";
  for (size_t i = 0; i < lines.size(); ++i) {
    sql += "  " + lines[i];
    sql += i + 1 < lines.size() ? ",\n" : "\n";
  }
  sql += model.strict ? ") STRICT" : ")";
  return sql;
}

std::vector<SchemaObject> generate(const schema::Schema& schema, const schema::Database& database) {
  std::vector<const Model*> owned;
  for (const auto& m : schema.models) {
    if (ownsTable(m, database)) owned.push_back(&m);
  }
  std::vector<const Model*> order;
  std::set<const Model*> seen;
  for (const auto* m : owned) visit(m, owned, seen, order);

  std::vector<SchemaObject> tables, indexes, fts;
  bool sequences = false;
  for (const auto* m : order) {
    tables.push_back({ObjectKind::Table, m->table, m->table, createTable(*m), m});
    detail::appendIndexes(*m, indexes);
    if (!m->fts_fields.empty()) detail::appendFts(*m, fts);
    sequences = sequences || usesSequence(*m);
  }
  detail::appendJoinTables(schema, database, tables, indexes);
  if (sequences) {
    tables.push_back({ObjectKind::Sequence, kSequenceTable, kSequenceTable,
                      "CREATE TABLE " + quoteIdent(kSequenceTable) +
                          " (\n  \"model\" TEXT NOT NULL,\n  \"field\" TEXT NOT NULL,\n"
                          "  \"scope\" TEXT NOT NULL,\n  \"value\" INTEGER NOT NULL,\n"
                          "  PRIMARY KEY (\"model\", \"field\", \"scope\")\n) STRICT",
                      nullptr});
  }
  std::vector<SchemaObject> out = std::move(tables);
  for (auto& o : indexes) out.push_back(std::move(o));
  for (auto& o : fts) out.push_back(std::move(o));
  return out;
}

std::string script(const std::vector<SchemaObject>& objects) {
  std::string out;
  for (const auto& o : objects) out += o.sql + ";\n";
  return out;
}

}  // namespace litestone::ddl
