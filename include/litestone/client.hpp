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

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

class Client;

// rotateKey progress: {"model", "done", "total"} after each page of rows.
using RotateProgress = std::function<void(const json& progress)>;

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
  // WAL bound, in MiB: when a commit leaves a database's WAL larger than
  // this, a TRUNCATE checkpoint waits for readers to move on (up to
  // busy_timeout) and cuts the WAL back to zero. 0 = sqlite's autocheckpoint only.
  double wal_limit_mib = 0;
  // C++ seeders by name, run by seed::run (litestone/seed.hpp) beside the
  // seed files, each once per database.
  std::vector<std::pair<std::string, std::function<void(Client&)>>> seeders{};
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

// --- Operations (backup, WAL, locks): see "Running it in production" in the README.
struct BackupOptions {
  bool vacuum = false;     // VACUUM INTO: a compacted copy instead of the page-by-page one
  std::string database{};  // database block to copy; "" = the main database
  std::function<void(int64_t done, int64_t total)> progress{};  // pages copied so far
};

// An application-level lock held in the database (Client::lock). Releases
// the lock when it goes out of scope; never throws from its destructor.
// Movable, not copyable.
class LITESTONE_EXPORT LockGuard {
 public:
  LockGuard(std::shared_ptr<detail::ClientState> state, std::string name, std::string owner);
  ~LockGuard();
  LockGuard(LockGuard&& o) noexcept;
  LockGuard& operator=(LockGuard&& o) noexcept;
  LockGuard(const LockGuard&) = delete;
  LockGuard& operator=(const LockGuard&) = delete;
  const std::string& name() const { return name_; }
  const std::string& owner() const { return owner_; }
  // Pushes the expiry to now + ttl. False when the lock was lost (expired and
  // taken over by someone else).
  bool extend(std::chrono::milliseconds ttl) const;
  // Releases now instead of at the end of the scope.
  void release() noexcept;

 private:
  std::shared_ptr<detail::ClientState> state_;
  std::string name_;
  std::string owner_;
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

  // Re-encrypts every @encrypted value with new_key_hex (64 hex characters)
  // in one write transaction, then uses the new key. Until it commits, the
  // database holds only old-key values (a crash or kill rolls back). Returns
  // {"rows", "values"}. Throws ENCRYPTION_KEY_INVALID (new key),
  // ENCRYPTION_KEY_MISSING (no current key), DECRYPTION_FAILED (a value the
  // current key cannot open; nothing changes), FEATURE_UNSUPPORTED when
  // encrypted fields live in more than one database file.
  json rotateKey(const std::string& new_key_hex, const RotateProgress& progress = {}) const;

  // Observes every statement until the returned function is called.
  std::function<void()> tapQuery(QueryObserver fn) const;

  // Introspection.
  json schema() const;      // the resolved schema as JSON
  json databases() const;   // {name: {driver, path}}
  json enums() const;       // {Enum: [values]}
  json softDelete() const;  // {model: bool}
  json cacheSize() const;   // {read, write} cached statements
  void close() const;

  // --- Operations (backup, WAL, locks, attach) ---
  // Hot copy of one database into the file dest while writers keep writing
  // (sqlite's online-backup API, or VACUUM INTO with options.vacuum). The
  // copy holds every row committed before the call and passes
  // integrity_check before it is renamed to dest. Returns {database, source,
  // dest, vacuum, pages, bytes, ms}. Throws DatabaseError.
  json backup(const std::string& dest, const BackupOptions& options = {}) const;
  // {path, wal_path, wal_bytes, frames, page_size, bound_bytes,
  // last_checkpoint, checkpoints} of a database ("" = main).
  json walStatus(std::string_view database = "") const;
  // PRAGMA wal_checkpoint(mode): mode is PASSIVE, FULL, RESTART or TRUNCATE.
  // Returns {busy, log, checkpointed}. Throws QueryError on another mode.
  json checkpoint(std::string_view mode = "PASSIVE", std::string_view database = "") const;
  // Upkeep of every database (or only the model's table): FTS5 optimize,
  // ANALYZE where statistics are stale, PRAGMA optimize, TRUNCATE checkpoint.
  // Returns {"databases": [{database, steps: [{step, target, detail}]}]}.
  json optimize(std::string_view model = "") const;
  // Takes the named lock, shared by every process using the main database,
  // waiting up to `wait` (throws DatabaseError LOCK_TIMEOUT). The lock
  // expires after ttl unless extended; an expired lock can be taken over.
  LockGuard lock(const std::string& name, std::chrono::milliseconds ttl = std::chrono::seconds(30),
                 std::chrono::milliseconds wait = std::chrono::seconds(30)) const;
  // Takes the lock if it is free (or expired); nullopt otherwise.
  std::optional<LockGuard> tryLock(const std::string& name,
                                   std::chrono::milliseconds ttl = std::chrono::seconds(30)) const;
  // ATTACH the file at path as alias on the connection db.sql() runs on, for
  // cross-database SQL ("SELECT ... FROM alias.table"). Not inside a
  // transaction. Throws QueryError QUERY_BAD_ALIAS, DatabaseError.
  void attach(const std::string& path, const std::string& alias) const;
  void detach(const std::string& alias) const;

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
