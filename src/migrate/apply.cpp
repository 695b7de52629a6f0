#include "migrate/apply.hpp"

#include <cctype>

#include "litestone/error.hpp"
#include "migrate/snapshot.hpp"
#include "migrate/sql_text.hpp"
#include "migrate/sqlite_util.hpp"

namespace litestone::migrate {

namespace {

bool tableExists(sqlite3* db, const std::string& table) {
  Stmt st(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
  st.bind(1, table);
  return st.step();
}

bool columnExists(sqlite3* db, const std::string& table, const std::string& column) {
  Stmt st(db, "SELECT 1 FROM pragma_table_xinfo(?) WHERE name = ?");
  st.bind(1, table).bind(2, column);
  return st.step();
}

int64_t countWhere(sqlite3* db, const std::string& table, const std::string& where) {
  return scalarInt(db,
                   "SELECT count(*) FROM " + quoteIdent(table) + (where.empty() ? "" : " WHERE " + where));
}

// Restores PRAGMA foreign_keys when a migration that turned them off ends.
class ForeignKeysOff {
 public:
  ForeignKeysOff(sqlite3* db, bool active) : db_(db), active_(active) {
    if (!active_) return;
    was_on_ = scalarInt(db_, "PRAGMA foreign_keys") != 0;
    execSql(db_, "PRAGMA foreign_keys = OFF");
  }
  ~ForeignKeysOff() {
    if (active_ && was_on_) sqlite3_exec(db_, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

 private:
  sqlite3* db_;
  bool active_;
  bool was_on_ = false;
};

// Attaches the databases a migration copies rows from, detaching them after.
class Attachments {
 public:
  Attachments(sqlite3* db, const std::vector<std::string>& names,
              const std::map<std::string, std::string>& paths)
      : db_(db) {
    for (auto& n : names) {
      auto it = paths.find(n);
      if (it == paths.end())
        throw MigrationError(
            "MIGRATION_FAILED",
            "migration copies rows from database \"" + n + "\", which the schema does not declare",
            {{"database", n}});
      Stmt st(db_, "ATTACH DATABASE ? AS " + quoteIdent(attachAlias(n)));
      st.bind(1, it->second);
      st.step();
      attached_.push_back(attachAlias(n));
    }
  }
  ~Attachments() {
    for (auto& a : attached_)
      sqlite3_exec(db_, ("DETACH DATABASE " + quoteIdent(a)).c_str(), nullptr, nullptr, nullptr);
  }
  Attachments(const Attachments&) = delete;
  Attachments& operator=(const Attachments&) = delete;

 private:
  sqlite3* db_;
  std::vector<std::string> attached_;
};

bool isForeignKeyCheck(sqlite3_stmt* st) {
  auto n = normalize(sqlite3_sql(st));
  return n.rfind("PRAGMA FOREIGN_KEY_CHECK", 0) == 0;
}

// Runs every statement of sql; returns how many ran.
int runStatements(sqlite3* db, const MigrationFile& file) {
  const char* tail = file.text.c_str();
  int count = 0;
  while (tail && *tail) {
    sqlite3_stmt* raw = nullptr;
    const char* next = nullptr;
    int rc = sqlite3_prepare_v2(db, tail, -1, &raw, &next);
    std::string text(tail, next ? static_cast<size_t>(next - tail) : 0);
    tail = next;
    if (rc != SQLITE_OK)
      throw MigrationError("MIGRATION_FAILED",
                           "migration " + file.name + " failed at statement " + std::to_string(count + 1) +
                               ": " + sqlite3_errmsg(db),
                           {{"migration", file.name}, {"statement", count + 1}, {"sql", text}});
    if (!raw) continue;  // whitespace or comments only
    ++count;
    bool fk_check = isForeignKeyCheck(raw);
    json violations = json::array();
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
      if (fk_check) {
        auto col = [&](int i) {
          auto p = sqlite3_column_text(raw, i);
          return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
        };
        violations.push_back(
            {{"table", col(0)}, {"rowid", sqlite3_column_int64(raw, 1)}, {"parent", col(2)}});
      }
    }
    std::string err = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db);
    std::string sql = sqlite3_sql(raw);
    sqlite3_finalize(raw);
    if (!err.empty())
      throw MigrationError(
          "MIGRATION_FAILED",
          "migration " + file.name + " failed at statement " + std::to_string(count) + ": " + err,
          {{"migration", file.name}, {"statement", count}, {"sql", sql}});
    if (!violations.empty()) {
      auto& v = violations[0];
      throw MigrationError(
          "MIGRATION_FOREIGN_KEY",
          "migration " + file.name + " leaves " + std::to_string(violations.size()) +
              " row(s) whose foreign key points nowhere (first: " + v["table"].get<std::string>() +
              " rowid " + std::to_string(v["rowid"].get<int64_t>()) + " -> " +
              v["parent"].get<std::string>() + ")",
          {{"migration", file.name}, {"violations", violations}});
    }
  }
  return count;
}

}  // namespace

void ensureMigrationsTable(sqlite3* db) {
  execSql(db, std::string("CREATE TABLE IF NOT EXISTS ") + quoteIdent(kMigrationsTable) +
                  " (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)");
}

std::vector<AppliedRow> appliedMigrations(sqlite3* db) {
  std::vector<AppliedRow> rows;
  if (!tableExists(db, kMigrationsTable)) return rows;
  Stmt st(db, std::string("SELECT name, checksum, applied_at FROM ") + quoteIdent(kMigrationsTable) +
                  " ORDER BY name");
  while (st.step()) rows.push_back({st.text(0), st.text(1), st.text(2)});
  return rows;
}

void recordMigration(sqlite3* db, const std::string& name, const std::string& checksum) {
  Stmt st(db, std::string("INSERT INTO ") + quoteIdent(kMigrationsTable) +
                  " (name, checksum, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
  st.bind(1, name).bind(2, checksum);
  st.step();
}

std::vector<CheckFailure> failingChecks(sqlite3* db, const Directives& d, bool allow_destructive) {
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
          problems.push_back(
              {"MIGRATION_DESTRUCTIVE", h.describe() + ", which holds " + std::to_string(n) +
                                            (h.kind == HazardKind::DropTable ? " row(s)" : " value(s)")});
        }
        break;
      }
      case HazardKind::NotNull: {
        int64_t n = countWhere(db, h.table, col + " IS NULL");
        if (n > 0)
          problems.push_back(
              {"MIGRATION_NULL_VALUES",
               h.table + "." + h.column + " becomes required but " + std::to_string(n) +
                   " row(s) hold NULL and the field has no @default; fill them first or add a default"});
        break;
      }
      case HazardKind::RequiredColumn: {
        int64_t n = countWhere(db, h.table, "");
        if (n > 0)
          problems.push_back(
              {"MIGRATION_REQUIRED_COLUMN", "new required column " + h.table + "." + h.column +
                                                " has no @default to fill the " + std::to_string(n) +
                                                " existing row(s); add a default or make it optional"});
        break;
      }
    }
  }
  return problems;
}

int applySqlFile(sqlite3* db, const MigrationFile& file, bool allow_destructive,
                 const std::map<std::string, std::string>& attach) {
  auto directives = parseDirectives(file.text);
  ensureMigrationsTable(db);
  Attachments attachments(db, directives.copy_from, attach);
  ForeignKeysOff fk_off(db, directives.foreign_keys_off);
  execSql(db, "BEGIN IMMEDIATE");
  try {
    auto problems = failingChecks(db, directives, allow_destructive);
    if (!problems.empty()) {
      bool destructive = problems[0].code == "MIGRATION_DESTRUCTIVE";
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
    execSql(db, "COMMIT");
    return n;
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_exec(db, "PRAGMA legacy_alter_table = OFF", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace litestone::migrate
