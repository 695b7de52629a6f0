// seed::run and Seeder::once: seed files (arrays of wire calls) and C++
// seeders, each applied once per database in one transaction with its
// record (engine/seed_log).

#include "litestone/seed.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "client/access.hpp"
#include "client/ops/ops.hpp"
#include "engine/seed_log.hpp"

namespace litestone {

namespace fs = std::filesystem;

namespace {

struct SeedSource {
  std::string name;
  std::string path;                 // file seeds
  std::function<void(Client&)> fn;  // C++ seeders
};

json readSeedFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  json calls;
  try {
    calls = json::parse(text.str());
  } catch (const json::parse_error& e) {
    throw QueryError("SEED_BAD_FILE", "seed file " + path + " is not valid JSON: " + e.what(),
                     {{"file", path}});
  }
  if (!calls.is_array()) {
    throw QueryError("SEED_BAD_FILE",
                     "seed file " + path + " must hold an array of calls {\"model\", \"action\", \"args\"}",
                     {{"file", path}});
  }
  for (const auto& c : calls) {
    if (!c.is_object() || !c.contains("action")) {
      throw QueryError("SEED_BAD_FILE",
                       "seed file " + path + ": every entry must be a call with an \"action\"",
                       {{"file", path}, {"entry", c}});
    }
  }
  return calls;
}

// Runs fn on db's write connection in one transaction, unless the seed is
// recorded and not forced. Returns whether it ran.
bool runOnce(const Client& db, engine::Database& database, const std::string& name, const std::string& kind,
             bool force, const std::function<void(Client&)>& fn) {
  bool ran = false;
  database.transaction([&](engine::Connection& c) {
    if (!force && engine::seedApplied(c, name)) return;
    Client tx = db;
    fn(tx);
    engine::recordSeed(c, name, kind);
    ran = true;
  });
  return ran;
}

}  // namespace

bool Seeder::once(const Client& db, const std::string& key, const std::function<void(Client&)>& fn) {
  if (key.empty()) throw QueryError("SEED_BAD_KEY", "Seeder::once needs a non-empty key", {{"field", "key"}});
  return runOnce(db, litestone::detail::stateOf(db).mainDatabase(), key, "cpp", false, fn);
}

namespace seed {

std::vector<Result> run(const Client& db, const Options& options) {
  auto& state = litestone::detail::stateOf(db);
  std::string database = detail::databaseName(state, options.database);
  engine::Database& target = detail::databaseNamed(state, database);
  bool is_main = database == state.schema->mainDatabase().name;
  fs::path folder = is_main ? fs::path(options.dir) : fs::path(options.dir) / database;

  std::vector<SeedSource> sources;
  if (fs::is_directory(folder)) {
    for (const auto& e : fs::directory_iterator(folder)) {
      if (e.is_regular_file() && e.path().extension() == ".json")
        sources.push_back({e.path().stem().string(), e.path().string(), {}});
    }
  }
  if (is_main) {
    for (const auto& [name, fn] : state.options.seeders) sources.push_back({name, "", fn});
  }
  std::stable_sort(sources.begin(), sources.end(),
                   [](const auto& a, const auto& b) { return a.name < b.name; });
  if (!options.name.empty()) {
    std::erase_if(sources, [&](const SeedSource& s) { return s.name != options.name; });
    if (sources.empty()) {
      throw QueryError("SEED_NOT_FOUND",
                       "no seed named \"" + options.name + "\" in " + folder.string() +
                           " (files <name>.json) or among the registered seeders",
                       {{"name", options.name}, {"dir", folder.string()}});
    }
  }

  std::vector<Result> results;
  for (const auto& s : sources) {
    Result r{s.name, s.fn ? "cpp" : "file", "skipped", 0};
    std::function<void(Client&)> fn = s.fn;
    if (!fn) {
      json calls = readSeedFile(s.path);  // parsed before the transaction: a bad file changes nothing
      r.calls = static_cast<int>(calls.size());
      fn = [calls](Client& tx) {
        for (const auto& c : calls) tx.call(c);
      };
    }
    if (runOnce(db, target, s.name, r.kind, options.force, fn)) r.state = "applied";
    results.push_back(r);
  }
  return results;
}

}  // namespace seed
}  // namespace litestone
