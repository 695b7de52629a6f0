// Opening a client: schema loading, one engine::Database per sqlite database
// block, model routing, introspection, close, and autoMigrate.

#include <filesystem>

#include "client/access.hpp"
#include "client/open.hpp"
#include "client/schema_json.hpp"
#include "client/state.hpp"
#include "common/error_codes.hpp"
#include "ddl/push.hpp"
#include "schema/load.hpp"

namespace litestone {

namespace fs = std::filesystem;

namespace {

std::shared_ptr<const ParsedSchema> wrap(std::shared_ptr<const schema::Schema> s) {
  return std::make_shared<const ParsedSchema>(
      std::make_shared<const ParsedSchema::Impl>(ParsedSchema::Impl{std::move(s)}));
}

std::shared_ptr<const schema::Schema> loadSchema(const ClientOptions& options) {
  if (options.parsed) return options.parsed->impl().schema;
  if (!options.path.empty()) return schema::loadFileOrThrow(options.path);
  if (!options.schema.empty()) return schema::loadTextOrThrow(options.schema);
  throw SchemaError(codes::kSchemaNoSource,
                    "createClient needs a schema: set ClientOptions::path, ::schema or ::parsed",
                    {{"diagnostics", json::array()}});
}

// The resolver already made schema paths relative to the schema file's
// folder; ClientOptions::db replaces the main database's path as given.
std::string databasePath(const schema::Schema& s, const schema::Database& block,
                         const ClientOptions& options) {
  if (block.name == s.mainDatabase().name && !options.db.empty()) return options.db;
  return block.path;
}

// Drivers other than sqlite are refused up front: silently dropping the
// writes routed to them would lose data.
void checkDrivers(const schema::Schema& s) {
  for (const auto& block : s.databases) {
    if (block.driver.empty() || block.driver == "sqlite") continue;
    throw Error(codes::kDatabaseDriverUnsupported,
                "database \"" + block.name + "\" uses driver " + block.driver +
                    ", which is not supported yet; supported: sqlite",
                {{"database", block.name}, {"driver", block.driver}, {"supported", json::array({"sqlite"})}});
  }
}

// What of data protection is not built yet is refused here, before any
// value could be written in a way the schema does not promise.
void checkProtection(const schema::Schema& s) {
  for (const auto& m : s.models) {
    for (const auto& f : m.fields) {
      auto refuse = [&](const std::string& what, const std::string& code) {
        throw Error(code,
                    "field \"" + f.name + "\" of model \"" + m.name + "\": " + what +
                        " is not supported yet; plain @encrypted is",
                    {{"model", m.name}, {"field", f.name}});
      };
      if (f.secret) refuse("@secret (encryption plus an audit log)", "FEATURE_UNSUPPORTED");
      if (f.searchable) refuse("@encrypted(searchable: true)", "FEATURE_UNSUPPORTED");
      if (f.encrypted && f.unique)
        refuse("@unique on an @encrypted field (ciphertext is randomized, so SQLite cannot compare it)",
               "FEATURE_UNSUPPORTED");
    }
    for (const auto& index : m.indexes)
      for (const auto* f : index.fields)
        if (index.unique && f->encrypted)
          throw Error("FEATURE_UNSUPPORTED",
                      "model \"" + m.name + "\": @@unique on @encrypted field \"" + f->name +
                          "\" is not supported yet (ciphertext is randomized, so SQLite cannot compare it)",
                      {{"model", m.name}, {"field", f->name}});
  }
}

}  // namespace

std::shared_ptr<const ParsedSchema> parseFile(const std::string& path) {
  return wrap(schema::loadFileOrThrow(path));
}

std::shared_ptr<const ParsedSchema> parse(const std::string& text, const std::string& path) {
  return wrap(schema::loadTextOrThrow(text, path));
}

namespace {

// A missing file is created (with its folders) only when the caller will
// create tables in it; a read on a missing path would otherwise leave an
// empty database behind and fail later with "no such table".
void ensureDatabaseFile(const std::string& name, const std::string& path, bool create) {
  std::error_code ec;
  if (fs::exists(path, ec)) return;
  if (!create) {
    throw DatabaseError("DATABASE_NOT_FOUND",
                        "database \"" + name + "\" does not exist at " + path +
                            "; create it with `litestone push` (development) or `litestone migrate apply`",
                        {{"database", name}, {"path", path}});
  }
  auto parent = fs::path(path).parent_path();
  if (parent.empty()) return;
  fs::create_directories(parent, ec);
  if (ec) {
    throw DatabaseError(
        "DATABASE_CANNOT_CREATE",
        "cannot create the folder " + parent.string() + " for database \"" + name + "\": " + ec.message(),
        {{"database", name}, {"path", path}, {"reason", ec.message()}});
  }
}

}  // namespace

namespace detail {

Client openClient(const ClientOptions& options, bool create_missing) {
  auto state = std::make_shared<detail::ClientState>();
  state->schema = loadSchema(options);
  state->options = options;
  const schema::Schema& s = *state->schema;
  checkDrivers(s);
  checkProtection(s);
  state->cipher = std::make_unique<detail::FieldCipher>(options.encryption_key);
  for (const auto& m : s.models) state->any_encrypted = state->any_encrypted || detail::hasEncryptedFields(m);
  for (const auto& block : s.databases) {
    std::string path = databasePath(s, block, options);
    if (path.empty()) {
      throw Error(codes::kDatabaseNoPath,
                  "database \"" + block.name + "\" has no path: declare `database " + block.name +
                      " { path \"./app.db\" }` in the schema or pass ClientOptions::db",
                  {{"database", block.name}});
    }
    if (path != ":memory:") ensureDatabaseFile(block.name, path, create_missing);
    state->databases.emplace(block.name, std::make_unique<engine::Database>(engine::DatabaseOptions{
                                             .path = path, .read_pool_size = options.read_pool_size}));
    state->wal_monitors.emplace(block.name, std::make_unique<engine::WalMonitor>(
                                                *state->databases.at(block.name),
                                                static_cast<int64_t>(options.wal_limit_mib * 1024 * 1024)));
  }
  return Client(std::move(state));
}

}  // namespace detail

Client createClient(const ClientOptions& options) { return detail::openClient(options, true); }

json autoMigrate(const Client& db) {
  auto& state = detail::stateOf(db);
  json applied = json::array();
  json pending = json::array();
  json per_database = json::array();
  for (const auto& block : state.schema->databases) {
    auto it = state.databases.find(block.name);
    if (it == state.databases.end()) continue;
    auto report = ddl::pushDatabase(*state.schema, block, *it->second);
    for (const auto& a : report.applied) applied.push_back(a.sql);
    for (const auto& p : report.pending) pending.push_back(ddl::toJson(p));
    per_database.push_back(ddl::toJson(report));
  }
  return {{"applied", applied}, {"pending", pending}, {"databases", per_database}};
}

json Client::schema() const { return detail::schemaToJson(*state_->schema); }

json Client::databases() const {
  json out = json::object();
  for (const auto& block : state_->schema->databases) {
    auto it = state_->databases.find(block.name);
    std::string driver = block.driver.empty() ? "sqlite" : block.driver;
    out[block.name] = {{"driver", driver},
                       {"path", it != state_->databases.end() ? it->second->path() : block.path}};
  }
  return out;
}

json Client::enums() const {
  json out = json::object();
  for (const auto& e : state_->schema->enums) out[e.name] = e.values;
  return out;
}

json Client::softDelete() const {
  json out = json::object();
  for (const auto& m : state_->schema->models) out[m.name] = m.soft_delete;
  return out;
}

json Client::cacheSize() const {
  size_t read = 0, write = 0;
  for (const auto& [name, db] : state_->databases) {
    auto c = db->cacheSize();
    read += c.read;
    write += c.write;
  }
  return {{"read", read}, {"write", write}};
}

void Client::close() const {
  for (const auto& [name, db] : state_->databases) db->close();
}

namespace detail {

engine::Database& ClientState::databaseFor(const schema::Model& m) {
  const std::string& name = m.database != nullptr ? m.database->name : schema->mainDatabase().name;
  auto it = databases.find(name);
  if (it == databases.end())
    throw Error(codes::kDatabaseNotOpen, "database \"" + name + "\" of model \"" + m.name + "\" is not open",
                {{"database", name}, {"model", m.name}});
  return *it->second;
}

engine::Database& ClientState::mainDatabase() {
  const std::string& name = schema->mainDatabase().name;
  auto it = databases.find(name);
  if (it == databases.end())
    throw Error(codes::kDatabaseNotOpen, "database \"" + name + "\" is not open", {{"database", name}});
  return *it->second;
}

const schema::Model& ClientState::model(std::string_view name) const {
  std::vector<std::string> names;
  for (const auto& m : schema->models) {
    if (m.name == name) return m;
    names.push_back(m.name);
  }
  std::sort(names.begin(), names.end());
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  throw QueryError(codes::kQueryUnknownModel, "unknown model \"" + std::string(name) + "\"; models: " + list,
                   {{"model", name}, {"models", names}});
}

}  // namespace detail
}  // namespace litestone
