// litestone optimize [MODEL] [--json]
// Database upkeep (Client::optimize): FTS5 segment merge, ANALYZE where the
// statistics are stale, PRAGMA optimize, WAL checkpoint (TRUNCATE). Prints
// each step it took.

#include <iostream>
#include <memory>

#include "command.hpp"
#include "open_client.hpp"

namespace litestone::cli {

namespace {

struct OptimizeFlags {
  std::string model;
  bool json_output = false;
};

int runOptimize(const OptimizeFlags& f, const Globals& g) {
  Client db = createClient(clientOptions(g));
  json report = db.optimize(f.model);
  db.close();
  if (f.json_output) {
    std::cout << report.dump(2) << "\n";
    return 0;
  }
  for (const auto& d : report["databases"]) {
    std::string where = d["database"].get<std::string>();
    for (const auto& s : d["steps"]) {
      std::cout << where << ": " << s["step"].get<std::string>();
      if (s["target"].is_string()) std::cout << " " << s["target"].get<std::string>();
      std::cout << ": " << s["detail"].get<std::string>() << "\n";
    }
  }
  return 0;
}

Runner setupOptimize(CLI::App& app, Globals& g) {
  auto flags = std::make_shared<OptimizeFlags>();
  app.description(
      "Database upkeep: merge FTS5 index segments, ANALYZE tables whose statistics are stale, PRAGMA "
      "optimize, "
      "and checkpoint the WAL (TRUNCATE). Says what it did.");
  app.add_option("model", flags->model, "Only this model's table (and its FTS index)");
  app.add_flag("--json", flags->json_output, "Print {databases: [{database, steps}]} as JSON");
  return [flags, &g] { return runOptimize(*flags, g); };
}

const bool kRegistered = registerCommand({"optimize", setupOptimize});

}  // namespace
}  // namespace litestone::cli
