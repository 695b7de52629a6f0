#pragma once

// The public client: open a schema + database(s), then query with JSON args.
//
//   auto db = litestone::createClient({.path = "schema.lite", .db = "app.db"});
//   json rows = db["users"].findMany({{"where", {{"role", "admin"}}}, {"limit", 20}});
//
// A Client is a cheap handle (shared state plus an auth context). Copies share
// the same connections. It is safe to use from many threads at once: writes
// serialize on one write connection per database, reads run in parallel on a
// pool of read connections. Calls are synchronous and throw litestone::Error
// subclasses (see error.hpp).

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "litestone/error.hpp"
#include "litestone/export.hpp"
#include "litestone/json.hpp"

namespace litestone {

namespace detail {
struct ClientState;
struct ClientAccess;  // src/client/access.hpp: the library's own way in
}  // namespace detail
namespace schema {
struct Model;
}

// A schema already loaded and resolved, for ClientOptions::parsed. Opaque.
class LITESTONE_EXPORT ParsedSchema {
 public:
  struct Impl;
  explicit ParsedSchema(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  const Impl& impl() const { return *impl_; }

 private:
  std::shared_ptr<const Impl> impl_;
};

// Loads and resolves a schema file (and its imports). Throws SchemaError.
LITESTONE_EXPORT std::shared_ptr<const ParsedSchema> parseFile(const std::string& path);
// Same from text; `path` names it in diagnostics and anchors relative imports.
LITESTONE_EXPORT std::shared_ptr<const ParsedSchema> parse(const std::string& text,
                                                           const std::string& path = "schema.lite");

// What onQuery / tapQuery observers receive, once per SQL statement run by an
// ORM operation.
struct QueryEvent {
  std::string model;      // "" for raw sql()
  std::string operation;  // findMany, create, sql, ...
  std::string database;   // database block name, "main" by default
  json actor_id;          // auth().id or null
  std::string sql;
  json params = json::array();
  double duration_ms = 0;  // time inside SQLite only
  int64_t row_count = 0;
  json args;  // the call's arguments
};

using QueryObserver = std::function<void(const QueryEvent&)>;

// Every member has a default initializer so that designated initializers
// ({.path = ..., .db = ...}) compile cleanly under -Wextra.
struct ClientOptions {
  std::string path{};                            // .lite schema file
  std::string schema{};                          // schema text, used when path is empty
  std::string db{};                              // overrides the main database's path (":memory:" allowed)
  std::shared_ptr<const ParsedSchema> parsed{};  // use instead of path/schema
  std::string encryption_key{};                  // 64 hex chars, for @encrypted fields
  QueryObserver onQuery{};                       // called after every statement
  size_t read_pool_size = 4;                     // read connections per database
  // How include/select of relations loads: "batched" (one statement per
  // relation per level, parent keys bound as a list) or "json" (correlated
  // json_group_array subqueries, one statement). See bench/README.md.
  std::string include_strategy = "batched";
};

class Client;

// db["users"]: the operations of one model. Args and results are JSON shaped
// exactly as in the wire protocol (DESIGN §2).
class LITESTONE_EXPORT ModelClient {
 public:
  ModelClient(const Client& client, std::string model);

  json findMany(const json& args = json::object()) const;
  json findFirst(const json& args = json::object()) const;  // row or null
  json findUnique(const json& args) const;                  // row or null
  json findFirstOrThrow(const json& args = json::object()) const;
  json findUniqueOrThrow(const json& args) const;
  json findManyAndCount(const json& args = json::object()) const;  // {rows, total}
  int64_t count(const json& args = json::object()) const;
  bool exists(const json& args = json::object()) const;

  json create(const json& args) const;
  json update(const json& args) const;  // row or null
  json upsert(const json& args) const;
  json remove(const json& args) const;  // soft delete on @@softDelete models
  json del(const json& args) const;     // "delete": always hard
  json restore(const json& args) const;
  json createMany(const json& args) const;  // {count}
  json updateMany(const json& args) const;
  json upsertMany(const json& args) const;
  json removeMany(const json& args) const;
  json deleteMany(const json& args) const;

  // Any action by name, as the wire protocol does.
  json call(std::string_view action, const json& args = json::object()) const;
  const std::string& name() const { return model_; }

 private:
  std::shared_ptr<detail::ClientState> state_;
  json auth_;
  bool system_;
  std::string model_;
  // Resolved once at construction; null for an unknown name (the call throws).
  const schema::Model* resolved_ = nullptr;
};

class LITESTONE_EXPORT Client {
 public:
  explicit Client(std::shared_ptr<detail::ClientState> state, json auth = nullptr, bool system = false);

  ModelClient operator[](std::string_view model) const;

  // Runs one wire call {"model","action","args"} or an array of them in one
  // transaction. Returns the result, or the array of results. Throws.
  json call(const json& request) const;
  // db.query({name: {model?, ...args}}): many reads in one snapshot.
  json query(const json& spec) const;
  // Runs fn in a write transaction; nested calls are savepoints. Commits when
  // fn returns, rolls back and rethrows when it throws.
  void transaction(const std::function<void(Client& tx)>& fn) const;
  // Raw SQL with bound parameters; returns rows for statements that return
  // rows, else {"changes": n}.
  json sql(std::string_view text, const json& params = json::array()) const;

  // A handle whose calls run as this user: policies and field rules apply.
  Client setAuth(json auth) const;
  // A handle that bypasses policies and the gate and sees @guarded fields.
  Client asSystem() const;
  const json& auth() const { return auth_; }
  bool isSystem() const { return system_; }

  // Observes every statement until the returned function is called.
  std::function<void()> tapQuery(QueryObserver fn) const;

  // Introspection.
  json schema() const;      // the resolved schema as JSON
  json databases() const;   // {name: {driver, path}}
  json enums() const;       // {Enum: [values]}
  json softDelete() const;  // {model: bool}
  json cacheSize() const;   // {read, write} cached statements
  void close() const;

 private:
  friend struct detail::ClientAccess;

  std::shared_ptr<detail::ClientState> state_;
  json auth_;
  bool system_ = false;
};

// Opens the schema and its databases. Does not create tables: call
// autoMigrate (push) or apply migrations. Throws SchemaError, DatabaseError.
LITESTONE_EXPORT Client createClient(const ClientOptions& options);

// Creates what the schema needs and the databases lack (tables, columns ALTER
// can add, indexes, FTS, triggers). Returns a report: {"applied": [sql...],
// "pending": [{"model", "reason"}...]} where pending lists changes that need
// a migration.
LITESTONE_EXPORT json autoMigrate(const Client& db);

}  // namespace litestone
