#include <unistd.h>
#include <cstdlib>
#include <iostream>
#include <map>

#include "command.hpp"
#include "litestone/error.hpp"
#include "litestone/version.hpp"

namespace litestone::cli {

std::vector<CommandInfo>& commands() {
  static std::vector<CommandInfo> list;
  return list;
}

bool registerCommand(CommandInfo info) {
  commands().push_back(std::move(info));
  return true;
}

bool Globals::useColor(bool is_tty) const {
  if (color == "always") return true;
  if (color == "never") return false;
  return is_tty && std::getenv("NO_COLOR") == nullptr;
}

int reportError(const std::exception& e) {
  auto j = litestone::errorToJson(e);
  std::cerr << "error[" << j["error"]["code"].get<std::string>() << "]: " << e.what() << "\n";
  return 1;
}

}  // namespace litestone::cli

int main(int argc, char** argv) {
  using namespace litestone::cli;
  CLI::App app{
      "litestone: a schema-first SQLite ORM.\n"
      "A .lite schema is the single source of truth for tables, migrations, "
      "queries and the Studio.",
      "litestone"};
  app.set_version_flag("--version", std::string(LITESTONE_VERSION_STRING));
  // At most one command; "none" is handled below with the usage text, so that
  // an unknown word is reported as an unknown command rather than a missing one.
  app.require_subcommand(0, 1);
  app.fallthrough();
  Globals g;
  if (const char* key = std::getenv("LITESTONE_ENCRYPTION_KEY")) g.encryption_key = key;
  app.add_option("--config", g.config, "Config file (default: ./litestone.config.json when present)");
  app.add_option("--schema", g.schema, "The .lite schema file (default from the config, else ./schema.lite)");
  app.add_option("--db", g.db, "Database file; overrides the path of the schema's main database");
  app.add_option("--migrations", g.migrations, "Migrations folder (default ./migrations)");
  app.add_option("--encryption-key", g.encryption_key,
                 "64 hex characters (32 bytes) for @encrypted fields; default $LITESTONE_ENCRYPTION_KEY");
  app.add_option("--color", g.color, "Colour in diagnostics: auto (TTY and no NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  std::map<CLI::App*, Runner> runners;
  for (auto& c : commands()) {
    auto* sub = app.add_subcommand(c.name);
    runners[sub] = c.setup(*sub, g);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ExtrasError& e) {
    // The first stray word is where a command was expected.
    std::cerr << "error: " << e.what() << "\n";
    std::string names;
    for (auto& c : commands()) names += (names.empty() ? "" : ", ") + c.name;
    std::cerr << "commands: " << names << "\nRun with --help for more information.\n";
    return 2;
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (app.get_subcommands().empty()) {
    std::cerr << app.help() << "\nerror: a command is required. Run with --help for more information.\n";
    return 2;
  }
  try {
    applyConfig(g);
    for (auto& [sub, run] : runners) {
      if (sub->parsed()) return run();
    }
  } catch (const std::exception& e) {
    return reportError(e);
  }
  return 2;
}
