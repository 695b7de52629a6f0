// litestone migrate create|apply|status|verify|dry-run: file-based
// migrations (see include/litestone/migrate.hpp). Data on stdout, progress
// and diagnostics on stderr.

#include <iostream>
#include <memory>

#include "command.hpp"
#include "litestone/client.hpp"
#include "litestone/migrate.hpp"

namespace litestone::cli {

namespace {

struct MigrateFlags {
  std::string label;
  bool allow_destructive = false;
  bool json = false;
};

Client openClient(const Globals& g) {
  ClientOptions options;
  options.path = g.schema.empty() ? "schema.lite" : g.schema;
  options.db = g.db;
  options.encryption_key = g.encryption_key;
  return createClient(options);
}

migrate::Options migrateOptions(const Globals& g, const MigrateFlags& f) {
  migrate::Options o;
  o.dir = g.migrations.empty() ? "migrations" : g.migrations;
  o.allow_destructive = f.allow_destructive;
  o.progress = [](const std::string& line) { std::cerr << line << "\n"; };
  return o;
}

int runCreate(const Globals& g, const MigrateFlags& f) {
  auto db = openClient(g);
  auto result = migrate::create(db, f.label.empty() ? "migration" : f.label, migrateOptions(g, f));
  if (result.empty()) {
    std::cerr << "nothing to migrate: the schema matches the databases (and pending migrations)\n";
    return 0;
  }
  for (auto& d : result.databases) {
    std::cout << d.path << "\n";
    for (auto& c : d.changes) std::cerr << "  " << c << "\n";
    for (auto& h : d.hazards) std::cerr << "  warning: " << h << "\n";
  }
  return 0;
}

int runDryRun(const Globals& g, const MigrateFlags& f) {
  auto db = openClient(g);
  auto result = migrate::dryRun(db, f.label.empty() ? "migration" : f.label, migrateOptions(g, f));
  if (result.empty()) {
    std::cerr << "nothing to migrate: the schema matches the databases (and pending migrations)\n";
    return 0;
  }
  for (size_t i = 0; i < result.databases.size(); ++i)
    std::cout << (i ? "\n" : "") << result.databases[i].sql;
  return 0;
}

int runApply(const Globals& g, const MigrateFlags& f) {
  auto db = openClient(g);
  auto applied = migrate::apply(db, migrateOptions(g, f));
  if (applied.empty()) std::cerr << "nothing to apply: every migration has run\n";
  return 0;
}

int runStatus(const Globals& g, const MigrateFlags& f) {
  auto db = openClient(g);
  auto s = migrate::status(db, migrateOptions(g, f));
  if (f.json) {
    std::cout << s.toJson().dump(2) << "\n";
    return 0;
  }
  if (s.entries.empty()) std::cout << "no migrations\n";
  for (auto& e : s.entries) {
    std::string state = e.state;
    state.resize(9, ' ');
    std::cout << state << (e.database == "main" ? "" : e.database + "/") << e.name
              << (e.applied_at.empty() ? "" : "  " + e.applied_at) << "\n";
  }
  return 0;
}

int runVerify(const Globals& g, const MigrateFlags& f) {
  auto db = openClient(g);
  auto v = migrate::verify(db);
  if (f.json)
    std::cout << v.toJson().dump(2) << "\n";
  else
    (v.ok ? std::cout : std::cerr) << v.report();
  return v.ok ? 0 : 1;
}

Runner setupMigrate(CLI::App& app, Globals& g) {
  app.description("File-based migrations: generate SQL from schema changes, apply them, report their state.");
  app.require_subcommand(1);
  auto flags = std::make_shared<MigrateFlags>();
  auto* create =
      app.add_subcommand("create", "Write migrations/<UTC timestamp>_<label>.sql for what changed");
  create->add_option("label", flags->label, "Short description used in the file name (default: migration)");
  auto* apply =
      app.add_subcommand("apply", "Run pending migrations in name order, each in its own transaction");
  apply->add_flag("--allow-destructive", flags->allow_destructive,
                  "Run steps that drop tables or columns holding data, or narrow a column's type");
  auto* status = app.add_subcommand("status", "List migrations as applied, pending, modified or missing");
  status->add_flag("--json", flags->json, "Print {clean, migrations: [{database, name, state, appliedAt}]}");
  auto* verify = app.add_subcommand(
      "verify", "Exit 1 and print the differences when a database does not match the schema");
  verify->add_flag("--json", flags->json, "Print {ok, databases: [{database, changes, hazards, sql}]}");
  auto* dry = app.add_subcommand("dry-run", "Print the SQL create would write, without writing anything");
  dry->add_option("label", flags->label, "Label used in the would-be file name");
  return [&g, flags, create, apply, status, verify, dry]() -> int {
    if (create->parsed()) return runCreate(g, *flags);
    if (apply->parsed()) return runApply(g, *flags);
    if (status->parsed()) return runStatus(g, *flags);
    if (verify->parsed()) return runVerify(g, *flags);
    if (dry->parsed()) return runDryRun(g, *flags);
    return 2;
  };
}

const bool kRegistered = registerCommand({"migrate", setupMigrate});

}  // namespace
}  // namespace litestone::cli
