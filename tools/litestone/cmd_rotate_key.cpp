// litestone rotate-key --new-key HEX: re-encrypts every @encrypted value
// (current key from --encryption-key or LITESTONE_ENCRYPTION_KEY) in one
// transaction. Progress goes to stderr when it is a terminal.

#include <unistd.h>

#include <iostream>

#include "command.hpp"
#include "litestone/litestone.hpp"

namespace litestone::cli {

namespace {

struct RotateFlags {
  std::string new_key;
  bool as_json = false;
};

int runRotate(const RotateFlags& f, const Globals& g) {
  try {
    ClientOptions options;
    options.path = g.schema.empty() ? "schema.lite" : g.schema;
    options.db = g.db;
    options.encryption_key = g.encryption_key;
    Client db = createClient(options);
    bool tty = isatty(STDERR_FILENO) != 0;
    RotateProgress progress;
    if (tty)
      progress = [](const json& p) {
        std::cerr << "\rrotating " << p["model"].get<std::string>() << ": " << p["done"] << "/" << p["total"]
                  << " rows" << std::flush;
      };
    json report = db.rotateKey(f.new_key, progress);
    if (tty) std::cerr << "\n";
    if (f.as_json) {
      std::cout << report.dump() << "\n";
    } else {
      std::cout << "re-encrypted " << report["values"] << " values in " << report["rows"]
                << " rows; use the new key from now on\n";
    }
    return 0;
  } catch (const std::exception& e) {
    return reportError(e);
  }
}

Runner setupRotate(CLI::App& app, Globals& g) {
  auto flags = std::make_shared<RotateFlags>();
  app.description(
      "Re-encrypt every @encrypted value with a new key, in one transaction (the current key comes from "
      "--encryption-key or LITESTONE_ENCRYPTION_KEY)");
  app.add_option("--new-key", flags->new_key, "The new key: 64 hex characters (e.g. `openssl rand -hex 32`)")
      ->required();
  app.add_flag("--json", flags->as_json, "Print {rows, values} as JSON");
  return [flags, &g] { return runRotate(*flags, g); };
}

const bool kRegistered = registerCommand({"rotate-key", setupRotate});

}  // namespace

}  // namespace litestone::cli
