// Client::backup, walStatus, checkpoint, attach, detach: thin wrappers over
// engine/backup, engine/wal and engine/maintenance.

#include "client/ops/ops.hpp"

#include "engine/backup.hpp"
#include "engine/maintenance.hpp"
#include "litestone/client.hpp"

namespace litestone {

namespace detail {

std::string databaseName(const ClientState& state, std::string_view name) {
  return name.empty() ? state.schema->mainDatabase().name : std::string(name);
}

engine::Database& databaseNamed(ClientState& state, std::string_view name) {
  std::string key = databaseName(state, name);
  auto it = state.databases.find(key);
  if (it == state.databases.end()) {
    json names = json::array();
    for (const auto& [n, db] : state.databases) names.push_back(n);
    throw QueryError("QUERY_UNKNOWN_DATABASE",
                     "unknown database \"" + key + "\"; the sqlite databases are: " + names.dump(),
                     {{"database", key}, {"allowed", names}});
  }
  return *it->second;
}

engine::WalMonitor& walMonitor(ClientState& state, std::string_view name) {
  databaseNamed(state, name);  // throws for an unknown name
  return *state.wal_monitors.at(databaseName(state, name));
}

}  // namespace detail

json Client::backup(const std::string& dest, const BackupOptions& options) const {
  engine::Database& db = detail::databaseNamed(*state_, options.database);
  auto r = engine::backupDatabase(db, dest, {.vacuum = options.vacuum, .progress = options.progress});
  return {{"database", detail::databaseName(*state_, options.database)},
          {"source", r.source},
          {"dest", r.dest},
          {"vacuum", r.vacuum},
          {"pages", r.pages},
          {"bytes", r.bytes},
          {"ms", r.ms}};
}

json Client::walStatus(std::string_view database) const {
  json out = detail::walMonitor(*state_, database).status();
  out["database"] = detail::databaseName(*state_, database);
  return out;
}

json Client::checkpoint(std::string_view mode, std::string_view database) const {
  auto m = engine::parseCheckpointMode(mode);
  auto r = detail::walMonitor(*state_, database).checkpoint(m);
  return {{"database", detail::databaseName(*state_, database)},
          {"busy", r.busy},
          {"log", r.log},
          {"checkpointed", r.checkpointed}};
}

void Client::attach(const std::string& path, const std::string& alias) const {
  // sql() runs on the main database's write connection, so that is where the
  // attachment lives.
  state_->mainDatabase().withWriter([&](engine::Connection& c) { engine::attachDatabase(c, path, alias); });
}

void Client::detach(const std::string& alias) const {
  state_->mainDatabase().withWriter([&](engine::Connection& c) { engine::detachDatabase(c, alias); });
}

}  // namespace litestone
