#include "migrate/transform.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <system_error>

#include "client/access.hpp"
#include "client/state.hpp"
#include "common/quote.hpp"
#include "ddl/ddl.hpp"
#include "engine/maintenance.hpp"
#include "migrate/sha256.hpp"

namespace litestone::migrate {

namespace fs = std::filesystem;

namespace {

constexpr const char* kStrategies[] = {"email", "name", "phone", "text", "keep", "null"};
constexpr const char* kFirstNames[] = {"Avery", "Jordan", "Riley", "Morgan",
                                       "Quinn", "Casey",  "Rowan", "Sage"};
constexpr const char* kLastNames[] = {"Lane", "Park", "Reyes", "Stone", "Hale", "Ford", "Maddox", "Ellis"};
constexpr const char* kLorem =
    "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et "
    "dolore ";

[[noreturn]] void bad(const std::string& message, json meta) {
  throw QueryError("TRANSFORM_BAD_CONFIG", "transform config: " + message, std::move(meta));
}

struct Rule {
  std::string kind;  // one of kStrategies or "range"
  json lo, hi;
};

uint64_t hash64(const std::string& text) { return std::stoull(sha256Hex(text).substr(0, 16), nullptr, 16); }

// The anonymized value of one column. NULL stays NULL.
json anonymize(const Rule& r, const std::string& salt, const json& value) {
  if (r.kind == "keep") return value;
  if (r.kind == "null" || value.is_null()) return nullptr;
  std::string h = sha256Hex(salt + value.dump());
  uint64_t n = std::stoull(h.substr(0, 16), nullptr, 16);
  if (r.kind == "email") return "user-" + h.substr(0, 12) + "@example.com";
  if (r.kind == "name") return std::string(kFirstNames[n % 8]) + " " + kLastNames[(n / 8) % 8];
  if (r.kind == "phone") {
    std::string digits = std::to_string(1000000 + n % 9000000);
    return "+1-555-" + digits.substr(0, 3) + "-" + digits.substr(3);
  }
  if (r.kind == "text") {
    size_t len = value.is_string() ? value.get<std::string>().size() : 8;
    std::string out;
    std::string lorem = kLorem;
    size_t start = n % lorem.size();
    while (out.size() < len) out += lorem.substr(out.empty() ? start : 0);
    out.resize(len);
    return out;
  }
  // range
  if (r.lo.is_number_integer() && r.hi.is_number_integer()) {
    int64_t lo = r.lo.get<int64_t>(), hi = r.hi.get<int64_t>();
    return lo + static_cast<int64_t>(n % static_cast<uint64_t>(hi - lo + 1));
  }
  double lo = r.lo.get<double>(), hi = r.hi.get<double>();
  return lo + (hi - lo) * static_cast<double>(n % 1000001) / 1000000.0;
}

Rule parseRule(const schema::Model& m, const schema::Field& f, const json& spec) {
  std::string where = m.name + "." + f.name;
  json allowed = {"email", "name", "phone", "text", "keep", "null", {{"range", {"LO", "HI"}}}};
  if (spec.is_object() && spec.size() == 1 && spec.contains("range")) {
    const json& range = spec["range"];
    if (!range.is_array() || range.size() != 2 || !range[0].is_number() || !range[1].is_number() ||
        range[0].get<double>() > range[1].get<double>())
      bad(where + ": range must be [LO, HI] with numbers LO <= HI", {{"field", where}, {"value", spec}});
    if (f.scalar != schema::ScalarType::Integer && f.scalar != schema::ScalarType::Real)
      bad(where + ": range needs an Integer or Real field", {{"field", where}, {"value", spec}});
    return {"range", range[0], range[1]};
  }
  if (spec.is_string()) {
    for (const char* s : kStrategies) {
      if (spec == s) {
        if (spec == "null" && !f.optional)
          bad(where + ": \"null\" needs an optional field", {{"field", where}, {"value", spec}});
        return {spec.get<std::string>(), nullptr, nullptr};
      }
    }
  }
  bad(where + ": " + spec.dump() + " is not one of " + allowed.dump(),
      {{"field", where}, {"value", spec}, {"allowed", allowed}});
}

struct Table {
  std::string name;
  const schema::Model* model = nullptr;
  std::vector<std::string> columns;  // copied columns
  std::vector<Rule*> rules;          // per column, null = copy
  int shard_column = -1;             // index in columns, -1 = every shard
};

void bindValue(engine::Statement& stmt, int i, engine::Statement& row, int col) {
  switch (row.columnType(col)) {
    case engine::ColumnType::Integer:
      stmt.bind(i, row.getInt(col));
      break;
    case engine::ColumnType::Real:
      stmt.bind(i, row.getDouble(col));
      break;
    case engine::ColumnType::Text:
      stmt.bindText(i, row.getText(col));
      break;
    case engine::ColumnType::Blob:
      stmt.bindBlob(i, row.getBlob(col));
      break;
    case engine::ColumnType::Null:
      stmt.bindNull(i);
      break;
  }
}

}  // namespace

json transform(const Client& db, const json& config) {
  auto& state = litestone::detail::stateOf(db);
  const schema::Schema& s = *state.schema;
  if (!config.is_object()) bad("must be a JSON object", {{"field", ""}});
  for (const auto& [key, value] : config.items()) {
    if (key != "target" && key != "models" && key != "shard")
      bad("unknown key \"" + key + "\"; allowed: target, models, shard",
          {{"field", key}, {"allowed", {"target", "models", "shard"}}});
  }
  if (!config.contains("target") || !config["target"].is_string() ||
      config["target"].get<std::string>().empty())
    bad("\"target\" must be a file path", {{"field", "target"}});
  std::string target = config["target"];

  // Rules by model and column.
  std::map<std::string, std::map<std::string, Rule>> rules;
  if (config.contains("models")) {
    if (!config["models"].is_object()) bad("\"models\" must be an object", {{"field", "models"}});
    for (const auto& [model_name, fields] : config["models"].items()) {
      const schema::Model& m = state.model(model_name);
      if (!fields.is_object()) bad("models." + model_name + " must be an object", {{"field", model_name}});
      for (const auto& [field_name, spec] : fields.items()) {
        const schema::Field* f = m.field(field_name);
        if (f == nullptr || !f->stored() || f->generated_sql) {
          json names = json::array();
          for (const auto& x : m.fields)
            if (x.stored() && !x.generated_sql) names.push_back(x.name);
          bad(model_name + "." + field_name + " is not a stored field; the fields are " + names.dump(),
              {{"field", model_name + "." + field_name}, {"allowed", names}});
        }
        rules[m.table][f->column] = parseRule(m, *f, spec);
      }
    }
  }

  int shards = 1;
  std::map<std::string, std::string> shard_by;  // table → column
  if (config.contains("shard")) {
    const json& sh = config["shard"];
    if (!sh.is_object() || !sh.contains("count") || !sh["count"].is_number_integer() || sh["count"] < 1 ||
        !sh.contains("by") || !sh["by"].is_object() || sh["by"].empty())
      bad("\"shard\" must be {\"count\": N >= 1, \"by\": {MODEL: FIELD, ...}}", {{"field", "shard"}});
    shards = sh["count"].get<int>();
    for (const auto& [model_name, field] : sh["by"].items()) {
      const schema::Model& m = state.model(model_name);
      const schema::Field* f = field.is_string() ? m.field(field.get<std::string>()) : nullptr;
      if (f == nullptr || !f->stored())
        bad("shard.by." + model_name + " must name a stored field", {{"field", model_name}});
      shard_by[m.table] = f->column;
    }
    if (target.find("{shard}") == std::string::npos)
      bad("with \"shard\", target must contain {shard}", {{"field", "target"}, {"value", target}});
  }

  engine::Database& source = state.mainDatabase();
  std::vector<std::string> paths;
  for (int k = 0; k < shards; ++k) {
    std::string path = target;
    if (auto at = path.find("{shard}"); at != std::string::npos) path.replace(at, 7, std::to_string(k));
    std::error_code ec;
    if (fs::exists(path, ec)) {
      if (fs::exists(source.path()) && fs::equivalent(path, source.path(), ec))
        throw QueryError("TRANSFORM_TARGET_EXISTS", "transform target " + path + " is the source database",
                         {{"target", path}});
      throw QueryError("TRANSFORM_TARGET_EXISTS", "transform target " + path + " exists; remove it first",
                       {{"target", path}});
    }
    paths.push_back(path);
  }

  // The tables of the main database, parents first (ddl's creation order).
  const schema::Database& main_db = s.mainDatabase();
  std::vector<Table> tables;
  for (const auto& obj : ddl::generate(s, main_db)) {
    if (obj.kind != ddl::ObjectKind::Table && obj.kind != ddl::ObjectKind::JoinTable &&
        obj.kind != ddl::ObjectKind::Sequence)
      continue;
    Table t{obj.name, obj.model, {}, {}, -1};
    if (obj.model != nullptr) {
      for (const auto& f : obj.model->fields)
        if (f.stored() && !f.generated_sql && !f.column.empty()) t.columns.push_back(f.column);
    } else {
      source.read([&](engine::Connection& c) {
        auto stmt = c.prepare("SELECT name FROM pragma_table_info(?)");
        stmt.bindText(1, obj.name);
        while (stmt.step()) t.columns.emplace_back(stmt.getText(0));
      });
    }
    for (size_t i = 0; i < t.columns.size(); ++i) {
      Rule* r = nullptr;
      auto mt = rules.find(t.name);
      if (mt != rules.end()) {
        auto it = mt->second.find(t.columns[i]);
        if (it != mt->second.end()) r = &it->second;
      }
      t.rules.push_back(r);
      auto sb = shard_by.find(t.name);
      if (sb != shard_by.end() && sb->second == t.columns[i]) t.shard_column = static_cast<int>(i);
    }
    tables.push_back(std::move(t));
  }

  json out = {{"targets", json::array()}};
  for (int k = 0; k < shards; ++k) {
    ClientOptions co;
    co.parsed = std::make_shared<const ParsedSchema>(
        std::make_shared<const ParsedSchema::Impl>(ParsedSchema::Impl{state.schema}));
    co.db = paths[static_cast<size_t>(k)];
    co.read_pool_size = 1;
    json counts = json::object();
    try {
      Client dest = createClient(co);
      autoMigrate(dest);
      engine::Database& dd = litestone::detail::stateOf(dest).mainDatabase();
      dd.transaction([&](engine::Connection& w) {
        for (const auto& t : tables) {
          if (t.columns.empty()) continue;
          std::string cols, marks;
          for (const auto& c : t.columns) {
            cols += (cols.empty() ? "" : ", ") + quoteIdent(c);
            marks += marks.empty() ? "?" : ", ?";
          }
          auto insert =
              w.prepare("INSERT INTO " + quoteIdent(t.name) + " (" + cols + ") VALUES (" + marks + ")");
          int64_t n = 0;
          source.read([&](engine::Connection& r) {
            auto rows = r.prepare("SELECT " + cols + " FROM " + quoteIdent(t.name));
            while (rows.step()) {
              if (t.shard_column >= 0 && static_cast<int>(hash64(rows.getJson(t.shard_column).dump()) %
                                                          static_cast<uint64_t>(shards)) != k)
                continue;
              for (size_t i = 0; i < t.columns.size(); ++i) {
                int col = static_cast<int>(i);
                if (t.rules[i] == nullptr) {
                  bindValue(insert, col + 1, rows, col);
                } else {
                  insert.bindJson(
                      col + 1, anonymize(*t.rules[i], t.name + "." + t.columns[i] + ":", rows.getJson(col)));
                }
              }
              insert.run();
              insert.tryReset();
              ++n;
            }
          });
          if (t.model != nullptr) counts[t.model->name] = n;
        }
        auto violations = engine::foreignKeyViolations(w);
        if (!violations.empty())
          throw MigrationError(
              "TRANSFORM_FOREIGN_KEY",
              "transform output " + co.db + " would break a foreign key: " + violations[0].dump(),
              {{"target", co.db}, {"violations", violations}});
      });
      dest.close();
    } catch (...) {
      std::error_code ec;
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(co.db + suffix, ec);
      throw;
    }
    out["targets"].push_back(
        {{"path", co.db}, {"shard", shards > 1 ? json(k) : json(nullptr)}, {"rows", counts}});
  }
  return out;
}

}  // namespace litestone::migrate
