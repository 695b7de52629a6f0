// litestone introspect [--out FILE]: reverse-engineer an existing database
// into .lite schema text (stdout unless --out).

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "command.hpp"
#include "common/error_codes.hpp"
#include "litestone/error.hpp"
#include "litestone/migrate.hpp"

namespace litestone::cli {

namespace {

struct IntrospectFlags {
  std::string out;
  bool force = false;
};

Runner setupIntrospect(CLI::App& app, Globals& g) {
  app.description(
      "Read the database given by --db (or the config's db) and print a .lite schema describing its tables.");
  auto flags = std::make_shared<IntrospectFlags>();
  app.add_option("--out", flags->out, "Write the schema to FILE instead of stdout");
  app.add_flag("--force", flags->force, "Overwrite FILE when it exists");
  return [&g, flags]() -> int {
    if (g.db.empty())
      throw Error(codes::kCliNoDatabase,
                  "introspect needs a database: pass --db FILE or set \"db\" in litestone.config.json");
    if (!std::filesystem::exists(g.db))
      throw Error(codes::kCliNoDatabase, "database " + g.db + " does not exist", {{"path", g.db}});
    auto text = migrate::introspect(g.db);
    if (flags->out.empty()) {
      std::cout << text;
      return 0;
    }
    if (std::filesystem::exists(flags->out) && !flags->force)
      throw Error(codes::kCliFileExists, flags->out + " already exists; pass --force to overwrite it",
                  {{"path", flags->out}});
    std::ofstream(flags->out) << text;
    std::cerr << "wrote " << flags->out << "\n";
    return 0;
  };
}

const bool kRegistered = registerCommand({"introspect", setupIntrospect});

}  // namespace
}  // namespace litestone::cli
