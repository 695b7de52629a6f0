#include "migrate/apply.hpp"

#include <cctype>

#include "common/error_codes.hpp"
#include "engine/script.hpp"
#include "litestone/error.hpp"
#include "migrate/snapshot.hpp"
#include "migrate/sql_text.hpp"

namespace litestone::migrate {

namespace {

bool tableExists(engine::Connection& db, const std::string& table) {
  auto st = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
  st.bindText(1, table);
  return st.step();
}

bool columnExists(engine::Connection& db, const std::string& table, const std::string& column) {
  auto st = db.prepare("SELECT 1 FROM pragma_table_xinfo(?) WHERE name = ?");
  st.bindText(1, table);
  st.bindText(2, column);
  return st.step();
}

int64_t countWhere(engine::Connection& db, const std::string& table, const std::string& where) {
  return db.scalarInt("SELECT count(*) FROM " + quoteIdent(table) + (where.empty() ? "" : " WHERE " + where));
}

// Restores PRAGMA foreign_keys when a migration that turned them off ends.
class ForeignKeysOff {
 public:
  ForeignKeysOff(engine::Connection& db, bool active) : db_(db), active_(active) {
    if (!active_) return;
    was_on_ = db_.scalarInt("PRAGMA foreign_keys") != 0;
    db_.exec("PRAGMA foreign_keys = OFF");
  }
  ~ForeignKeysOff() {
    if (active_ && was_on_) db_.tryExec("PRAGMA foreign_keys = ON");
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

 private:
  engine::Connection& db_;
  bool active_;
  bool was_on_ = false;
};

// Attaches the databases a migration copies rows from, detaching them after.
class Attachments {
 public:
  Attachments(engine::Connection& db, const std::vector<std::string>& names,
              const std::map<std::string, std::string>& paths)
      : db_(db) {
    for (auto& n : names) {
      auto it = paths.find(n);
      if (it == paths.end())
        throw MigrationError(
            codes::kMigrationFailed,
            "migration copies rows from database \"" + n + "\", which the schema does not declare",
            {{"database", n}});
      auto st = db_.prepare("ATTACH DATABASE ? AS " + quoteIdent(attachAlias(n)));
      st.bindText(1, it->second);
      st.step();
      attached_.push_back(attachAlias(n));
    }
  }
  ~Attachments() {
    for (auto& a : attached_) db_.tryExec("DETACH DATABASE " + quoteIdent(a));
  }
  Attachments(const Attachments&) = delete;
  Attachments& operator=(const Attachments&) = delete;

 private:
  engine::Connection& db_;
  std::vector<std::string> attached_;
};

bool isForeignKeyCheck(const engine::Statement& st) {
  auto n = normalize(std::string(st.sql()));
  return n.rfind("PRAGMA FOREIGN_KEY_CHECK", 0) == 0;
}

// A statement of the file failed: the migration's error, keeping sqlite's
// codes and the statement's number and text.
[[noreturn]] void throwStatementFailed(const MigrationFile& file, int index, const Error& e,
                                       std::string_view sql) {
  json meta = {{"migration", file.name}, {"statement", index}, {"sql", std::string(sql)}};
  for (const char* key : {"sqlite_code", "sqlite_extended_code"})
    if (e.meta().contains(key)) meta[key] = e.meta()[key];
  if (e.meta().contains("constraint")) meta["constraint"] = e.meta()["constraint"];
  throw MigrationError(
      codes::kMigrationFailed,
      "migration " + file.name + " failed at statement " + std::to_string(index) + ": " + e.what(),
      std::move(meta));
}

// Runs every statement of the file; returns how many ran.
int runStatements(engine::Connection& db, const MigrationFile& file) {
  engine::Script script(db, file.text);
  while (true) {
    engine::Statement st;
    try {
      st = script.next();
    } catch (const Error& e) {  // DatabaseError or ConstraintError from sqlite
      throwStatementFailed(file, script.index(), e, e.meta().value("sql", ""));
    }
    if (!st) break;
    bool fk_check = isForeignKeyCheck(st);
    json violations = json::array();
    try {
      while (st.step()) {
        if (fk_check) {
          auto col = [&](int i) { return std::string(st.getText(i)); };
          violations.push_back({{"table", col(0)}, {"rowid", st.getInt(1)}, {"parent", col(2)}});
        }
      }
    } catch (const Error& e) {  // DatabaseError or ConstraintError from sqlite
      throwStatementFailed(file, script.index(), e, st.sql());
    }
    if (!violations.empty()) {
      auto& v = violations[0];
      throw MigrationError(
          codes::kMigrationForeignKey,
          "migration " + file.name + " leaves " + std::to_string(violations.size()) +
              " row(s) whose foreign key points nowhere (first: " + v["table"].get<std::string>() +
              " rowid " + std::to_string(v["rowid"].get<int64_t>()) + " -> " +
              v["parent"].get<std::string>() + ")",
          {{"migration", file.name}, {"violations", violations}});
    }
  }
  return script.index();
}

}  // namespace

void ensureMigrationsTable(engine::Connection& db) {
  db.exec(std::string("CREATE TABLE IF NOT EXISTS ") + quoteIdent(kMigrationsTable) +
          " (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)");
}

std::vector<AppliedRow> appliedMigrations(engine::Connection& db) {
  std::vector<AppliedRow> rows;
  if (!tableExists(db, kMigrationsTable)) return rows;
  auto st = db.prepare(std::string("SELECT name, checksum, applied_at FROM ") + quoteIdent(kMigrationsTable) +
                       " ORDER BY name");
  auto text = [&](int i) { return std::string(st.getText(i)); };
  while (st.step()) rows.push_back({text(0), text(1), text(2)});
  return rows;
}

void recordMigration(engine::Connection& db, const std::string& name, const std::string& checksum) {
  auto st = db.prepare(std::string("INSERT INTO ") + quoteIdent(kMigrationsTable) +
                       " (name, checksum, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
  st.bindText(1, name);
  st.bindText(2, checksum);
  st.step();
}

std::vector<CheckFailure> failingChecks(engine::Connection& db, const Directives& d, bool allow_destructive) {
  std::vector<CheckFailure> problems;
  for (auto& h : d.checks) {
    if (!tableExists(db, h.table)) continue;
    bool new_column = h.kind == HazardKind::RequiredColumn;
    if (!new_column && !h.column.empty() && !columnExists(db, h.table, h.column)) continue;
    auto col = quoteIdent(h.column);
    switch (h.kind) {
      case HazardKind::DropTable:
      case HazardKind::DropColumn:
      case HazardKind::NarrowType: {
        int64_t n = countWhere(db, h.table, h.kind == HazardKind::DropTable ? "" : col + " IS NOT NULL");
        if (n > 0 && !allow_destructive) {
          problems.push_back({codes::kMigrationDestructive,
                              h.describe() + ", which holds " + std::to_string(n) +
                                  (h.kind == HazardKind::DropTable ? " row(s)" : " value(s)")});
        }
        break;
      }
      case HazardKind::NotNull: {
        int64_t n = countWhere(db, h.table, col + " IS NULL");
        if (n > 0)
          problems.push_back(
              {codes::kMigrationNullValues,
               h.table + "." + h.column + " becomes required but " + std::to_string(n) +
                   " row(s) hold NULL and the field has no @default; fill them first or add a default"});
        break;
      }
      case HazardKind::RequiredColumn: {
        int64_t n = countWhere(db, h.table, "");
        if (n > 0)
          problems.push_back(
              {codes::kMigrationRequiredColumn, "new required column " + h.table + "." + h.column +
                                                    " has no @default to fill the " + std::to_string(n) +
                                                    " existing row(s); add a default or make it optional"});
        break;
      }
    }
  }
  return problems;
}

int applySqlFile(engine::Connection& db, const MigrationFile& file, bool allow_destructive,
                 const std::map<std::string, std::string>& attach) {
  auto directives = parseDirectives(file.text);
  ensureMigrationsTable(db);
  Attachments attachments(db, directives.copy_from, attach);
  ForeignKeysOff fk_off(db, directives.foreign_keys_off);
  db.exec("BEGIN IMMEDIATE");
  try {
    auto problems = failingChecks(db, directives, allow_destructive);
    if (!problems.empty()) {
      bool destructive = problems[0].code == codes::kMigrationDestructive;
      std::string msg = "migration " + file.name + (destructive ? " would destroy data: " : " cannot run: ");
      json list = json::array();
      for (size_t i = 0; i < problems.size(); ++i) {
        msg += (i ? "; " : "") + problems[i].message;
        list.push_back(problems[i].message);
      }
      if (destructive)
        msg += ". Rerun with --allow-destructive (Options::allow_destructive) to accept the loss";
      throw MigrationError(problems[0].code, msg, {{"migration", file.name}, {"problems", list}});
    }
    int n = runStatements(db, file);
    recordMigration(db, file.name, file.checksum);
    db.exec("COMMIT");
    return n;
  } catch (...) {
    db.tryExec("ROLLBACK");
    db.tryExec("PRAGMA legacy_alter_table = OFF");
    throw;
  }
}

}  // namespace litestone::migrate
