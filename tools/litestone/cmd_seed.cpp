// litestone seed [--force] [--json]
// litestone seed run [NAME] [--database NAME] [--force] [--json]
// Applies the seed files in seeds/ (arrays of wire calls), each once per
// database (litestone/seed.hpp). Prints what it applied and what it skipped.

#include <iostream>
#include <memory>

#include "command.hpp"
#include "litestone/seed.hpp"
#include "open_client.hpp"

namespace litestone::cli {

namespace {

struct SeedFlags {
  std::string dir = "seeds";
  std::string name;
  std::string database;
  bool force = false;
  bool json_output = false;
};

int runSeed(const SeedFlags& f, const Globals& g) {
  Client db = createClient(clientOptions(g));
  auto results = seed::run(db, {.dir = f.dir, .name = f.name, .database = f.database, .force = f.force});
  db.close();
  if (f.json_output) {
    json out = json::array();
    for (const auto& r : results)
      out.push_back({{"name", r.name}, {"kind", r.kind}, {"state", r.state}, {"calls", r.calls}});
    std::cout << json{{"seeds", out}}.dump(2) << "\n";
    return 0;
  }
  if (results.empty()) std::cout << "no seeds in " << f.dir << "\n";
  for (const auto& r : results) {
    if (r.state == "applied")
      std::cout << "applied " << r.name << " (" << r.calls << " call" << (r.calls == 1 ? "" : "s") << ")\n";
    else
      std::cout << "skipped " << r.name << " (already applied; --force runs it again)\n";
  }
  return 0;
}

Runner setupSeed(CLI::App& app, Globals& g) {
  auto flags = std::make_shared<SeedFlags>();
  app.description(
      "Apply the seed files in seeds/ (JSON arrays of wire calls), each once per database and in one "
      "transaction; `seed run NAME` applies one.");
  app.add_option("--dir", flags->dir, "Folder of seed files (default seeds; database X reads seeds/X)");
  app.add_flag("--force", flags->force, "Run seeds that were already applied again");
  app.add_flag("--json", flags->json_output, "Print {seeds: [{name, kind, state, calls}]}");
  auto* run = app.add_subcommand("run", "Apply the named seed (or all) of one database");
  run->add_option("name", flags->name, "Seed name: the file name without .json");
  run->add_option("--database", flags->database, "Database block whose seeds run (default main)");
  run->add_flag("--force", flags->force, "Run the seed even if it was already applied");
  run->add_flag("--json", flags->json_output, "Print {seeds: [{name, kind, state, calls}]}");
  run->add_option("--dir", flags->dir, "Folder of seed files (default seeds)");
  return [flags, &g] { return runSeed(*flags, g); };
}

const bool kRegistered = registerCommand({"seed", setupSeed});

}  // namespace
}  // namespace litestone::cli
