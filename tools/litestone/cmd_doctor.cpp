// litestone doctor [--json]: load the schema (global --schema, default
// ./schema.lite) and report every diagnostic. Exit 0 with a short summary when
// it is valid, 1 with the diagnostics on stderr otherwise. Then the health
// of each existing database (migrate/health.hpp): exit 1 on integrity
// errors, foreign-key violations and modified migrations.

#include <unistd.h>

#include <iostream>

#include "command.hpp"
#include "migrate/health.hpp"
#include "schema/load.hpp"

namespace litestone::cli {
namespace {

struct DoctorOptions {
  bool json_output = false;
};

json summary(const schema::Schema& s) {
  json dbs = json::array();
  for (const auto& db : s.databases) {
    dbs.push_back({{"name", db.name}, {"driver", db.driver}, {"path", db.path}});
  }
  return {{"models", s.models.size()},       {"enums", s.enums.size()},         {"types", s.types.size()},
          {"functions", s.functions.size()}, {"relations", s.relations.size()}, {"databases", dbs}};
}

int runDoctor(const Globals& g, const DoctorOptions& opts) {
  std::string path = g.schema.empty() ? "schema.lite" : g.schema;
  schema::LoadResult r = schema::loadFile(path);
  size_t errors = 0;
  size_t warnings = 0;
  for (const auto& d : r.diagnostics.list()) (d.severity == schema::Severity::Error ? errors : warnings)++;

  if (opts.json_output) {
    json out = {{"ok", r.ok()}, {"schema", path}, {"diagnostics", json::array()}};
    for (const auto& d : r.diagnostics.list()) out["diagnostics"].push_back(r.sources->toJson(d));
    if (r.ok()) {
      json sum = summary(*r.schema);  // items() of a temporary would dangle
      for (auto& [key, value] : sum.items()) out[key] = value;
      out["health"] = migrate::databaseHealth(
          {path, g.db, g.migrations.empty() ? "migrations" : g.migrations, g.encryption_key});
      out["ok"] = out["health"]["errors"].empty();
    }
    // A schema that is not UTF-8 is quoted in its diagnostics: U+FFFD for bad bytes.
    std::cout << out.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return out["ok"].get<bool>() ? 0 : 1;
  }

  bool color = g.useColor(isatty(STDERR_FILENO) != 0);
  for (const auto& d : r.diagnostics.list()) std::cerr << r.sources->render(d, color) << "\n";
  if (!r.ok()) {
    std::cerr << path << ": " << errors << " error" << (errors == 1 ? "" : "s");
    if (warnings > 0) std::cerr << ", " << warnings << " warning" << (warnings == 1 ? "" : "s");
    std::cerr << "\n";
    return 1;
  }
  const schema::Schema& s = *r.schema;
  std::cout << path << ": ok — " << s.models.size() << " model" << (s.models.size() == 1 ? "" : "s") << ", "
            << s.enums.size() << " enum" << (s.enums.size() == 1 ? "" : "s") << ", " << s.relations.size()
            << " relation side" << (s.relations.size() == 1 ? "" : "s") << "\n";
  for (const auto& db : s.databases) {
    std::cout << "  database " << db.name << " (" << db.driver << ")"
              << (db.path.empty() ? std::string(" path from --db") : " " + db.path) << "\n";
  }
  json health = migrate::databaseHealth(
      {path, g.db, g.migrations.empty() ? "migrations" : g.migrations, g.encryption_key});
  std::cout << migrate::renderHealth(health);
  return health["errors"].empty() ? 0 : 1;
}

const bool kRegistered = registerCommand(
    {"doctor", [](CLI::App& app, Globals& g) -> Runner {
       app.description("Validate the schema and report every problem");
       auto opts = std::make_shared<DoctorOptions>();
       app.add_flag("--json", opts->json_output, "Print {ok, diagnostics, models, ...} as JSON on stdout");
       return [&g, opts] { return runDoctor(g, *opts); };
     }});

}  // namespace
}  // namespace litestone::cli
