// Client::optimize: the upkeep `litestone optimize` runs. Which tables and
// FTS tables belong to which database comes from the schema (ddl::generate);
// the SQL is engine/maintenance's.

#include <algorithm>

#include "client/ops/ops.hpp"
#include "ddl/ddl.hpp"
#include "engine/maintenance.hpp"
#include "litestone/client.hpp"

namespace litestone {

json Client::optimize(std::string_view model) const {
  const schema::Schema& s = *state_->schema;
  const schema::Model* only = model.empty() ? nullptr : &state_->model(model);
  json out = {{"databases", json::array()}};
  for (const auto& block : s.databases) {
    auto it = state_->databases.find(block.name);
    if (it == state_->databases.end()) continue;
    if (only != nullptr && &state_->databaseFor(*only) != it->second.get()) continue;
    std::vector<std::string> fts;
    std::vector<std::string> tables;
    for (const auto& obj : ddl::generate(s, block)) {
      if (only != nullptr && obj.table != only->table) continue;
      if (obj.kind == ddl::ObjectKind::Fts) fts.push_back(obj.name);
      if (obj.kind == ddl::ObjectKind::Table || obj.kind == ddl::ObjectKind::JoinTable)
        tables.push_back(obj.name);
    }
    json steps;
    it->second->withWriter([&](engine::Connection& c) {
      // Only what exists: a schema ahead of its database is not an error here.
      auto live = engine::ftsTables(c);
      std::erase_if(
          fts, [&](const std::string& n) { return std::find(live.begin(), live.end(), n) == live.end(); });
      steps = engine::optimizeTables(c, fts, tables);
    });
    auto r = state_->wal_monitors.at(block.name)->checkpoint(engine::CheckpointMode::Truncate);
    steps.push_back({{"step", "checkpoint"},
                     {"target", nullptr},
                     {"detail", r.busy ? "wal_checkpoint(TRUNCATE) was kept busy by a reader"
                                       : "wal_checkpoint(TRUNCATE): " + std::to_string(r.checkpointed) +
                                             " frames copied, WAL truncated"}});
    out["databases"].push_back({{"database", block.name}, {"path", it->second->path()}, {"steps", steps}});
  }
  return out;
}

}  // namespace litestone
