// Opening a client: schema loading, one engine::Database per sqlite database
// block, model routing, introspection, close, and autoMigrate.

#include <filesystem>

#include "client/access.hpp"
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

}  // namespace

std::shared_ptr<const ParsedSchema> parseFile(const std::string& path) {
  return wrap(schema::loadFileOrThrow(path));
}

std::shared_ptr<const ParsedSchema> parse(const std::string& text, const std::string& path) {
  return wrap(schema::loadTextOrThrow(text, path));
}

Client createClient(const ClientOptions& options) {
  auto state = std::make_shared<detail::ClientState>();
  state->schema = loadSchema(options);
  state->options = options;
  const schema::Schema& s = *state->schema;
  checkDrivers(s);
  for (const auto& block : s.databases) {
    std::string path = databasePath(s, block, options);
    if (path.empty()) {
      throw Error(codes::kDatabaseNoPath,
                  "database \"" + block.name + "\" has no path: declare `database " + block.name +
                      " { path \"./app.db\" }` in the schema or pass ClientOptions::db",
                  {{"database", block.name}});
    }
    if (path != ":memory:") {
      auto parent = fs::path(path).parent_path();
      if (!parent.empty()) fs::create_directories(parent);
    }
    state->databases.emplace(block.name, std::make_unique<engine::Database>(engine::DatabaseOptions{
                                             .path = path, .read_pool_size = options.read_pool_size}));
  }
  return Client(std::move(state));
}

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
