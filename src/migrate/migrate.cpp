// Public entry points that compare the schema with the databases:
// create, dryRun and verify (apply and status live in run.cpp).

#include <algorithm>
#include <set>

#include "client/access.hpp"
#include "migrate/apply.hpp"
#include "migrate/blocks.hpp"
#include "migrate/diff.hpp"
#include "migrate/files.hpp"
#include "migrate/plan.hpp"
#include "migrate/pristine.hpp"
#include "migrate/sql_text.hpp"

namespace litestone::migrate {

namespace {

struct BlockPlan {
  const Block* block = nullptr;
  Snapshot live;
  Snapshot want;
  Diff diff;
  Plan plan;
};

std::map<std::string, std::string> databasePaths(const std::vector<Block>& blocks) {
  std::map<std::string, std::string> out;
  for (auto& b : blocks) out[b.database->name] = b.engine->path();
  return out;
}

// The live schema as it will be once the pending files have run: replayed
// into :memory: so that nothing touches the real database.
Snapshot liveWithPending(const Block& b, const std::vector<Block>& blocks, const schema::Schema& s) {
  Snapshot snap;
  b.engine->withWriter([&](engine::Connection& c) {
    auto scratch = engine::Connection::scratch();
    replaySchema(c, *scratch);
    std::set<std::string> done;
    for (auto& a : appliedMigrations(c)) done.insert(a.name);
    for (auto& f : listMigrations(b.folder))
      if (f.kind == FileKind::Sql && !done.count(f.name))
        applySqlFile(*scratch, f, true, databasePaths(blocks));
    snap = takeSnapshot(*scratch, filterFor(s, *b.database));
  });
  return snap;
}

// A table created in one database and dropped from another moved: copy its
// rows instead of losing them.
void linkMoves(std::vector<BlockPlan>& plans) {
  for (auto& to : plans) {
    for (auto& t : to.diff.tables) {
      if (t.action != TableAction::Create || to.want.table(t.table)->is_virtual) continue;
      for (auto& from : plans) {
        if (&from == &to) continue;
        auto dropped = std::find_if(
            from.diff.tables.begin(), from.diff.tables.end(),
            [&](const TableChange& c) { return c.action == TableAction::Drop && c.table == t.table; });
        if (dropped == from.diff.tables.end()) continue;
        const auto& src = *from.live.table(t.table);
        std::string cols;
        for (auto& c : to.want.table(t.table)->columns)
          if (!c.generated() && src.column(c.name) && !src.column(c.name)->generated())
            cols += (cols.empty() ? "" : ", ") + quoteIdent(c.name);
        auto& from_name = from.block->database->name;
        Step copy{"copy the rows of " + t.table + " from database " + from_name,
                  "INSERT INTO " + quoteIdent(t.table) + " (" + cols + ") SELECT " + cols + " FROM " +
                      quoteIdent(attachAlias(from_name)) + "." + quoteIdent(t.table)};
        auto& steps = to.plan.steps;
        auto pos = (!steps.empty() && steps.back().sql == "PRAGMA foreign_key_check") ? steps.end() - 1
                                                                                      : steps.end();
        steps.insert(pos, copy);
        if (std::find(to.plan.copy_from.begin(), to.plan.copy_from.end(), from_name) ==
            to.plan.copy_from.end())
          to.plan.copy_from.push_back(from_name);
        auto& hz = from.plan.hazards;
        hz.erase(std::remove_if(
                     hz.begin(), hz.end(),
                     [&](const Hazard& h) { return h.kind == HazardKind::DropTable && h.table == t.table; }),
                 hz.end());
        for (auto& line : from.plan.summary)
          if (line == "- table " + t.table) line += " (moved to database " + to.block->database->name + ")";
      }
    }
  }
}

CreateResult plan(const Client& db, const std::string& label, const Options& options, bool write) {
  auto blocks = sqliteBlocks(db, options.dir);
  const auto& schema = detail::schemaOf(db);
  std::vector<BlockPlan> plans;
  for (auto& b : blocks) {
    BlockPlan p;
    p.block = &b;
    p.live = liveWithPending(b, blocks, schema);
    p.want = pristineSnapshot(schema, *b.database);
    p.diff = diff(p.live, p.want);
    if (p.diff.empty()) continue;
    p.plan = makePlan(p.diff, p.live, p.want);
    plans.push_back(std::move(p));
  }
  linkMoves(plans);
  CreateResult result;
  if (plans.empty()) return result;
  auto name = nextTimestamp(lastMigrationName(blocks, options)) + "_" + sanitizeLabel(label) + ".sql";
  for (auto& p : plans) {
    DatabaseChanges ch;
    ch.database = p.block->database->name;
    ch.name = name;
    ch.changes = p.plan.summary;
    for (auto& h : p.plan.hazards) ch.hazards.push_back(h.describe());
    ch.sql = renderSql(p.plan, name, ch.database);
    result.databases.push_back(std::move(ch));
  }
  if (write)
    for (size_t i = 0; i < plans.size(); ++i)
      result.databases[i].path = writeMigration(plans[i].block->folder, name, result.databases[i].sql);
  return result;
}

}  // namespace

json DatabaseChanges::toJson() const {
  json j = {{"database", database}, {"changes", changes}, {"hazards", hazards}, {"sql", sql}};
  if (!name.empty()) j["name"] = name;
  if (!path.empty()) j["path"] = path;
  return j;
}

CreateResult create(const Client& db, const std::string& label, const Options& options) {
  return plan(db, label, options, true);
}

CreateResult dryRun(const Client& db, const std::string& label, const Options& options) {
  return plan(db, label, options, false);
}

Verification verify(const Client& db) {
  Verification v;
  const auto& schema = detail::schemaOf(db);
  for (auto& b : sqliteBlocks(db, "")) {
    Snapshot live;
    b.engine->withWriter(
        [&](engine::Connection& c) { live = takeSnapshot(c, filterFor(schema, *b.database)); });
    auto want = pristineSnapshot(schema, *b.database);
    auto d = diff(live, want);
    if (d.empty()) continue;
    v.ok = false;
    auto p = makePlan(d, live, want);
    DatabaseChanges ch;
    ch.database = b.database->name;
    ch.changes = p.summary;
    for (auto& h : p.hazards) ch.hazards.push_back(h.describe());
    ch.sql = renderSql(p, "(verify)", ch.database);
    v.databases.push_back(std::move(ch));
  }
  return v;
}

std::string Verification::report() const {
  if (ok) return "every database matches the schema\n";
  std::string out;
  for (auto& d : databases) {
    out += "database " + d.database + " differs from the schema:\n";
    for (auto& c : d.changes) out += "  " + c + "\n";
  }
  return out;
}

json Verification::toJson() const {
  json dbs = json::array();
  for (auto& d : databases) dbs.push_back(d.toJson());
  return {{"ok", ok}, {"databases", dbs}};
}

}  // namespace litestone::migrate
