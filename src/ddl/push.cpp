// pushDatabase(): compare the live database with a pristine copy built in
// :memory: from the same DDL, then create what is missing and report what
// would need a rebuild. Comparing against SQLite's own reading of our DDL
// (PRAGMA table_xinfo on both sides) avoids re-deriving types and defaults.

#include "ddl/push.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "common/quote.hpp"
#include "ddl/ddl.hpp"
#include "ddl/introspect.hpp"
#include "ddl/parts.hpp"

namespace litestone::ddl {

namespace {

using detail::ColumnInfo;
using detail::MasterEntry;

const char* const kRebuildHint = "; push never rebuilds tables: run `litestone migrate create` to apply it";

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

std::string owner(const SchemaObject& o) { return o.model != nullptr ? o.model->name : o.table; }

const schema::Field* fieldForColumn(const schema::Model* m, const std::string& column) {
  if (m == nullptr) return nullptr;
  for (const auto& f : m->fields) {
    if (f.stored() && f.column == column) return &f;
  }
  return nullptr;
}

std::string describeDefault(const std::optional<std::string>& d) { return d ? *d : "none"; }

class Pusher {
 public:
  Pusher(const schema::Schema& schema, engine::Connection& live, engine::Connection& pristine,
         DatabasePush& report)
      : schema_(schema),
        live_(live),
        pristine_(pristine),
        report_(report),
        master_(detail::readMaster(live)) {}

  void run(const std::vector<SchemaObject>& objects) {
    for (const auto& o : objects) expected_.insert(o.name);
    for (const auto& o : objects) {
      switch (o.kind) {
        case ObjectKind::Table:
        case ObjectKind::JoinTable:
        case ObjectKind::Sequence:
          table(o);
          break;
        case ObjectKind::Index:
          other(o, "index", "created index ");
          break;
        case ObjectKind::Fts:
          fts(o);
          break;
        case ObjectKind::Trigger:
          other(o, "trigger", "created trigger ");
          break;
      }
    }
    leftovers();
  }

 private:
  void apply(std::string kind, std::string name, std::string table, std::string sql,
             std::string description) {
    live_.exec(sql);
    report_.applied.push_back(
        {std::move(kind), std::move(name), std::move(table), std::move(sql), std::move(description)});
  }

  void pending(std::string model, std::string field, std::string reason) {
    report_.pending.push_back({std::move(model), std::move(field), std::move(reason)});
  }

  void table(const SchemaObject& o) {
    if (!master_.count(o.name)) {
      apply("table", o.name, o.name, o.sql, "created table " + quoteIdent(o.name));
      return;
    }
    auto want = detail::readColumns(pristine_, o.name);
    auto have = detail::readColumns(live_, o.name);
    if (detail::isStrict(pristine_, o.name) != detail::isStrict(live_, o.name)) {
      pending(owner(o), "",
              std::string("table ") + quoteIdent(o.name) +
                  (detail::isStrict(pristine_, o.name) ? " should be STRICT" : " should not be STRICT") +
                  kRebuildHint);
    }
    std::string live_sql = master_[o.name].sql;
    for (const auto& w : want) {
      auto it = std::find_if(have.begin(), have.end(), [&](const ColumnInfo& h) { return h.name == w.name; });
      const schema::Field* f = fieldForColumn(o.model, w.name);
      if (it == have.end()) {
        addColumn(o, w, f);
        continue;
      }
      std::string change = compareColumn(w, *it);
      if (change.empty() && f != nullptr && o.model != nullptr) {
        // Pragmas do not show CHECK constraints (enum values, Boolean, JSON):
        // the column's definition text must still be in the table's SQL.
        std::string def = columnDefinition(*f, !o.model->soft_delete);
        if (live_sql.find(def) == std::string::npos) change = "its definition changed (CHECK or constraint)";
      }
      if (!change.empty())
        pending(owner(o), f != nullptr ? f->name : w.name,
                "column " + quoteIdent(o.name) + "." + quoteIdent(w.name) + ": " + change + kRebuildHint);
    }
    for (const auto& h : have) {
      bool wanted =
          std::any_of(want.begin(), want.end(), [&](const ColumnInfo& w) { return w.name == h.name; });
      if (!wanted)
        pending(
            owner(o), h.name,
            "column " + quoteIdent(o.name) + "." + quoteIdent(h.name) +
                " is not in the schema; push never drops columns: run `litestone migrate create` to drop it");
    }
  }

  static std::string compareColumn(const ColumnInfo& want, const ColumnInfo& have) {
    std::vector<std::string> changes;
    if (upper(want.type) != upper(have.type))
      changes.push_back("type " + (have.type.empty() ? "(none)" : have.type) + " → " + want.type);
    if (want.not_null != have.not_null)
      changes.push_back(want.not_null ? "now NOT NULL (required)" : "now nullable (optional)");
    if (want.default_sql != have.default_sql)
      changes.push_back("default " + describeDefault(have.default_sql) + " → " +
                        describeDefault(want.default_sql));
    if ((want.pk != 0) != (have.pk != 0))
      changes.push_back(want.pk != 0 ? "now part of the primary key" : "no longer part of the primary key");
    if (want.hidden != have.hidden) changes.push_back("generated clause changed");
    std::string out;
    for (const auto& c : changes) out += (out.empty() ? "" : ", ") + c;
    return out;
  }

  // Why ALTER TABLE ADD COLUMN cannot add this column, or "".
  static std::string cannotAdd(const schema::Field& f, const ColumnInfo& w) {
    if (w.pk != 0) return "it is part of the primary key";
    if (f.unique) return "it is @unique";
    if (w.hidden == 3) return "it is a STORED generated column";
    if (f.default_value.kind == schema::DefaultValue::Kind::Now)
      return "its default now() is an expression, which ALTER TABLE cannot add";
    if (w.not_null && !w.default_sql && w.hidden == 0)
      return "it is required and has no constant default for the existing rows";
    return "";
  }

  void addColumn(const SchemaObject& o, const ColumnInfo& w, const schema::Field* f) {
    std::string where = quoteIdent(o.name) + "." + quoteIdent(w.name);
    if (f == nullptr || o.model == nullptr) {
      pending(owner(o), w.name, "column " + where + " is missing" + kRebuildHint);
      return;
    }
    std::string reason = cannotAdd(*f, w);
    std::string references;
    for (const auto* r : detail::foreignKeys(*o.model)) {
      if (std::find(r->local_fields.begin(), r->local_fields.end(), f) == r->local_fields.end()) continue;
      if (r->local_fields.size() != 1 || w.not_null || w.default_sql) {
        if (reason.empty()) reason = "its foreign key needs a nullable single column without a default";
        continue;
      }
      references = " REFERENCES " + quoteIdent(r->to->table) + " (" +
                   quoteIdent(r->foreign_fields[0]->column) + ") ON DELETE " +
                   foreignKeyAction(r->on_delete) + " ON UPDATE " + foreignKeyAction(r->on_update);
    }
    if (!reason.empty()) {
      pending(o.model->name, f->name, "cannot add column " + where + " because " + reason + kRebuildHint);
      return;
    }
    std::string sql = "ALTER TABLE " + quoteIdent(o.name) + " ADD COLUMN " +
                      columnDefinition(*f, !o.model->soft_delete) + references;
    apply("column", w.name, o.name, sql, "added column " + where);
  }

  void other(const SchemaObject& o, const std::string& kind, const std::string& verb) {
    auto it = master_.find(o.name);
    if (it == master_.end()) {
      apply(kind, o.name, o.table, o.sql, verb + quoteIdent(o.name));
    } else if (it->second.sql != o.sql) {
      pending(owner(o), "",
              kind + " " + quoteIdent(o.name) +
                  " differs from the schema; push never replaces it: run "
                  "`litestone migrate create`");
    }
  }

  void fts(const SchemaObject& o) {
    if (master_.count(o.name)) {
      other(o, "fts", "");
      return;
    }
    apply("fts", o.name, o.table, o.sql, "created FTS table " + quoteIdent(o.name));
    // Index the rows the content table already holds.
    std::string q = quoteIdent(o.name);
    apply("rebuild", o.name, o.table, "INSERT INTO " + q + " (" + q + ") VALUES ('rebuild')",
          "indexed existing rows in " + q);
  }

  bool managedTable(const std::string& name) const { return expected_.count(name) > 0; }

  bool externalTable(const std::string& name) const {
    return std::any_of(schema_.models.begin(), schema_.models.end(),
                       [&](const schema::Model& m) { return m.external && m.table == name; });
  }

  bool shadowTable(const std::string& name) const {
    for (const auto& [vt, e] : master_) {
      if (e.type != "table" || e.sql.rfind("CREATE VIRTUAL TABLE", 0) != 0) continue;
      if (name.size() > vt.size() + 1 && name.compare(0, vt.size() + 1, vt + "_") == 0) return true;
    }
    return false;
  }

  // Objects in the database the schema no longer describes. Reported, never dropped.
  void leftovers() {
    for (const auto& [name, e] : master_) {
      if (expected_.count(name) || name.rfind("sqlite_", 0) == 0 || name.rfind("_litestone", 0) == 0)
        continue;
      if (e.type == "table" && !externalTable(name) && !shadowTable(name)) {
        pending(
            name, "",
            "table " + quoteIdent(name) +
                " is not in the schema; push never drops tables: run `litestone migrate create` to drop it");
      } else if (e.type == "index" && !e.sql.empty() && managedTable(e.table)) {
        pending(
            e.table, "",
            "index " + quoteIdent(name) + " on " + quoteIdent(e.table) +
                " is not in the schema; push never drops indexes: run `litestone migrate create` to drop it");
      }
    }
  }

  const schema::Schema& schema_;
  engine::Connection& live_;
  engine::Connection& pristine_;
  DatabasePush& report_;
  std::map<std::string, MasterEntry> master_;
  std::set<std::string> expected_;
};

}  // namespace

DatabasePush pushDatabase(const schema::Schema& schema, const schema::Database& block, engine::Database& db) {
  DatabasePush report;
  report.database = block.name;
  report.path = db.path();
  auto objects = generate(schema, block);
  // The pristine copy: SQLite's own reading of the DDL we would create.
  // Building it first also proves the DDL valid before the live file is touched.
  engine::Connection pristine({.path = ":memory:"});
  for (const auto& o : objects) pristine.exec(o.sql);
  db.transaction([&](engine::Connection& live) {
    DatabasePush attempt = report;
    Pusher(schema, live, pristine, attempt).run(objects);
    report = std::move(attempt);
  });
  return report;
}

json toJson(const PendingChange& change) {
  json j = {{"model", change.model}};
  if (!change.field.empty()) j["field"] = change.field;
  j["reason"] = change.reason;
  return j;
}

json toJson(const DatabasePush& push) {
  json applied = json::array();
  for (const auto& a : push.applied)
    applied.push_back({{"kind", a.kind},
                       {"name", a.name},
                       {"table", a.table},
                       {"sql", a.sql},
                       {"description", a.description}});
  json pending = json::array();
  for (const auto& p : push.pending) pending.push_back(toJson(p));
  return {{"database", push.database}, {"path", push.path}, {"applied", applied}, {"pending", pending}};
}

}  // namespace litestone::ddl
