#pragma once

// What every Client handle shares: the resolved schema, one engine::Database
// per sqlite database block, options and observers. Internal.

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "client/field_cipher.hpp"
#include "engine/database.hpp"
#include "engine/wal.hpp"
#include "litestone/client.hpp"
#include "query/compile.hpp"
#include "schema/schema.hpp"

namespace litestone {

struct ParsedSchema::Impl {
  std::shared_ptr<const schema::Schema> schema;
};

namespace detail {

struct ClientState {
  std::shared_ptr<const schema::Schema> schema;
  ClientOptions options;
  // Compiled reads by args shape (query/compile.hpp), shared by every handle.
  query::CompileCache compile_cache;
  // WAL size and bound per database (engine/wal.hpp). Declared before
  // `databases` so that it outlives their write connections.
  std::map<std::string, std::unique_ptr<engine::WalMonitor>> wal_monitors;
  // Open databases by block name ("main" first). Only sqlite-driver blocks.
  std::map<std::string, std::unique_ptr<engine::Database>> databases;
  // options.encryption_key, parsed once (field_cipher.hpp); any_encrypted
  // lets reads of schemas without @encrypted skip the decrypt walk.
  std::unique_ptr<FieldCipher> cipher;
  bool any_encrypted = false;

  // The database a model lives in (its @@db block, else main).
  engine::Database& databaseFor(const schema::Model& model);
  engine::Database& mainDatabase();
  // The model by name, or throws QueryError QUERY_UNKNOWN_MODEL listing the models.
  const schema::Model& model(std::string_view name) const;

  // Observers: options.onQuery plus tapQuery() taps. notify() is cheap when
  // there are none (hasObservers() lets callers skip building events).
  bool hasObservers() const {
    return has_observers_.load(std::memory_order_relaxed) || static_cast<bool>(options.onQuery);
  }
  void notify(const QueryEvent& e);
  uint64_t addTap(QueryObserver fn);
  void removeTap(uint64_t id);

 private:
  std::mutex taps_mutex_;
  std::vector<std::pair<uint64_t, QueryObserver>> taps_;
  uint64_t next_tap_ = 1;
  std::atomic<bool> has_observers_{false};
};

// Who is calling: carried from the Client handle into every operation.
struct CallContext {
  ClientState& state;
  const schema::Model* model;  // null for model-less actions (query, sql)
  const json& auth;            // null when no setAuth
  bool system;                 // asSystem()
  std::string_view action;
};

// An action of the wire protocol (findMany, create, ...).
using ActionFn = json (*)(CallContext& ctx, const json& args);
// Registers an action under its wire name. Called from the register*
// functions listed in actions.cpp.
void registerAction(std::string name, ActionFn fn);
// The action, or null.
ActionFn findAction(std::string_view name);
// The names of every registered action, sorted (for error messages).
std::vector<std::string> actionNames();

// Runs one model action with the caller's context. Throws QueryError
// QUERY_UNKNOWN_ACTION (listing the actions) or whatever the action throws.
json dispatch(ClientState& state, const json& auth, bool system, std::string_view model,
              std::string_view action, const json& args);
// Same with the model already resolved (ModelClient).
json dispatch(ClientState& state, const json& auth, bool system, const schema::Model& model,
              std::string_view action, const json& args);

}  // namespace detail
}  // namespace litestone
