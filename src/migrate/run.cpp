// apply and status: walking pending migrations of every database in name
// order, and reporting what ran.

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "common/error_codes.hpp"
#include "litestone/error.hpp"
#include "migrate/apply.hpp"
#include "migrate/blocks.hpp"
#include "migrate/files.hpp"

namespace litestone::migrate {

namespace {

constexpr const char* kProgramChecksum = "program";

struct Item {
  std::string name;
  const Block* block = nullptr;
  std::optional<MigrationFile> file;
  const Program* program = nullptr;
  bool copies = false;  // copies rows from another database: runs first among equal names
};

std::map<std::string, AppliedRow> appliedIn(const Block& b) {
  std::map<std::string, AppliedRow> out;
  b.engine->withWriter([&](engine::Connection& c) {
    for (auto& r : appliedMigrations(c)) out[r.name] = r;
  });
  return out;
}

std::string displayName(const Item& item) {
  return item.block->is_main ? item.name : item.block->database->name + "/" + item.name;
}

// A .json data migration: one wire batch, [{"model", "action", "args"}].
json parseBatch(const MigrationFile& f) {
  json batch;
  try {
    batch = json::parse(f.text);
  } catch (const json::parse_error& e) {
    throw MigrationError(codes::kMigrationBadDataFile,
                         "data migration " + f.name + " is not valid JSON: " + e.what(),
                         {{"migration", f.name}});
  }
  if (batch.is_object()) batch = json::array({batch});
  if (!batch.is_array())
    throw MigrationError(
        codes::kMigrationBadDataFile,
        "data migration " + f.name + " must hold an array of {\"model\", \"action\", \"args\"} calls",
        {{"migration", f.name}});
  for (size_t i = 0; i < batch.size(); ++i) {
    auto& call = batch[i];
    if (!call.is_object() || !call.contains("model") || !call["model"].is_string() ||
        !call.contains("action") || !call["action"].is_string())
      throw MigrationError(codes::kMigrationBadDataFile,
                           "data migration " + f.name + ": call " + std::to_string(i) +
                               " needs string \"model\" and \"action\" fields",
                           {{"migration", f.name}, {"index", i}});
  }
  return batch;
}

int runItem(const Client& db, const Item& item, const Options& options,
            const std::map<std::string, std::string>& paths) {
  if (item.file && item.file->kind == FileKind::Sql) {
    int n = 0;
    item.block->engine->withWriter(
        [&](engine::Connection& c) { n = applySqlFile(c, *item.file, options.allow_destructive, paths); });
    return n;
  }
  // Data and program migrations run through the client, inside one
  // transaction of their database; ORM calls nest as savepoints.
  item.block->engine->withWriter([&](engine::Connection& c) { ensureMigrationsTable(c); });
  int n = 0;
  auto sys = db.asSystem();
  item.block->engine->transaction([&](engine::Connection& c) {
    if (item.program) {
      item.program->fn(sys);
      n = 1;
      recordMigration(c, item.name, kProgramChecksum);
      return;
    }
    for (auto& call : parseBatch(*item.file)) {
      sys[call["model"].get<std::string>()].call(call["action"].get<std::string>(),
                                                 call.value("args", json::object()));
      ++n;
    }
    recordMigration(c, item.name, item.file->checksum);
  });
  return n;
}

}  // namespace

std::vector<Applied> apply(const Client& db, const Options& options) {
  auto blocks = sqliteBlocks(db, options.dir);
  std::map<std::string, std::string> paths;
  for (auto& b : blocks) paths[b.database->name] = b.engine->path();
  std::vector<Item> items;
  for (auto& b : blocks) {
    auto applied = appliedIn(b);
    for (auto& f : listMigrations(b.folder)) {
      auto it = applied.find(f.name);
      if (it != applied.end()) {
        if (it->second.checksum != f.checksum && options.progress)
          options.progress("warning: " + f.name + " changed after it was applied; its new text is not run");
        continue;
      }
      bool copies = f.kind == FileKind::Sql && !parseDirectives(f.text).copy_from.empty();
      items.push_back({f.name, &b, f, nullptr, copies});
    }
    if (b.is_main)
      for (auto& p : options.programs)
        if (!applied.count(p.name)) items.push_back({p.name, &b, std::nullopt, &p, false});
  }
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    if (a.name != b.name) return a.name < b.name;
    return a.copies && !b.copies;
  });
  std::vector<Applied> out;
  for (auto& item : items) {
    auto label = displayName(item);
    try {
      int n = runItem(db, item, options, paths);
      auto kind = item.program ? "program" : item.file->kind == FileKind::Sql ? "sql" : "json";
      if (options.progress)
        options.progress("applying " + label + " ... ok (" + std::to_string(n) +
                         (item.program ? " program" : "") + (n == 1 ? " statement)" : " statements)"));
      out.push_back({item.block->database->name, item.name, kind, n});
    } catch (...) {
      if (options.progress) options.progress("applying " + label + " ... failed");
      throw;
    }
  }
  return out;
}

Status status(const Client& db, const Options& options) {
  Status s;
  for (auto& b : sqliteBlocks(db, options.dir)) {
    auto applied = appliedIn(b);
    std::set<std::string> seen;
    for (auto& f : listMigrations(b.folder)) {
      seen.insert(f.name);
      auto it = applied.find(f.name);
      if (it == applied.end())
        s.entries.push_back({b.database->name, f.name, "pending", ""});
      else
        s.entries.push_back({b.database->name, f.name,
                             it->second.checksum == f.checksum ? "applied" : "modified",
                             it->second.applied_at});
    }
    if (b.is_main)
      for (auto& p : options.programs) {
        seen.insert(p.name);
        auto it = applied.find(p.name);
        s.entries.push_back({b.database->name, p.name, it == applied.end() ? "pending" : "applied",
                             it == applied.end() ? "" : it->second.applied_at});
      }
    for (auto& [name, row] : applied)
      if (!seen.count(name)) s.entries.push_back({b.database->name, name, "missing", row.applied_at});
  }
  std::stable_sort(s.entries.begin(), s.entries.end(), [](auto& a, auto& b) { return a.name < b.name; });
  return s;
}

bool Status::clean() const {
  return std::none_of(entries.begin(), entries.end(),
                      [](const Entry& e) { return e.state == "pending" || e.state == "modified"; });
}

json Status::toJson() const {
  json list = json::array();
  for (auto& e : entries) {
    json j = {{"database", e.database}, {"name", e.name}, {"state", e.state}};
    if (!e.applied_at.empty()) j["appliedAt"] = e.applied_at;
    list.push_back(j);
  }
  return {{"clean", clean()}, {"migrations", list}};
}

}  // namespace litestone::migrate
