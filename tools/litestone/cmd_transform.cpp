// litestone transform CONFIG.json [--json]
// Development pipeline: copies the main database (--db / the schema's path)
// into new files, anonymizing and/or sharding as the config says
// (migrate/transform.hpp). Never writes into the source.

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "command.hpp"
#include "migrate/transform.hpp"
#include "open_client.hpp"

namespace litestone::cli {

namespace {

struct TransformFlags {
  std::string config;
  bool json_output = false;
};

int runTransform(const TransformFlags& f, const Globals& g) {
  std::ifstream in(f.config);
  if (!in) {
    throw QueryError("TRANSFORM_BAD_CONFIG", "cannot read the transform config " + f.config,
                     {{"field", "config"}, {"value", f.config}});
  }
  std::stringstream text;
  text << in.rdbuf();
  json config;
  try {
    config = json::parse(text.str());
  } catch (const json::parse_error& e) {
    throw QueryError("TRANSFORM_BAD_CONFIG", f.config + " is not valid JSON: " + e.what(),
                     {{"field", "config"}});
  }
  Client db = createClient(clientOptions(g));
  json report = migrate::transform(db, config);
  db.close();
  if (f.json_output) {
    std::cout << report.dump(2) << "\n";
    return 0;
  }
  for (const auto& t : report["targets"]) {
    std::cout << t["path"].get<std::string>() << ":";
    for (auto it = t["rows"].begin(); it != t["rows"].end(); ++it) std::cout << " " << it.key() << "=" << *it;
    std::cout << "\n";
  }
  return 0;
}

Runner setupTransform(CLI::App& app, Globals& g) {
  auto flags = std::make_shared<TransformFlags>();
  app.description(
      "Copy the main database into new files, anonymizing fields deterministically and/or sharding rows by a "
      "key "
      "(development only; the source is never written)");
  app.add_option("config", flags->config, "Transform config: {target, models: {MODEL: {FIELD: RULE}}, shard}")
      ->required();
  app.add_flag("--json", flags->json_output, "Print {targets: [{path, shard, rows}]}");
  return [flags, &g] { return runTransform(*flags, g); };
}

const bool kRegistered = registerCommand({"transform", setupTransform});

}  // namespace
}  // namespace litestone::cli
