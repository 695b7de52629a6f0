#pragma once

// The CLI is thin: each command lives in its own cmd_<name>.cpp, parses its
// flags with CLI11 and calls the library. Commands register themselves here.

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace litestone::cli {

// Flags every command accepts (DESIGN §2). Empty means "not given".
struct Globals {
  std::string config;          // --config litestone.config.json
  std::string schema;          // --schema path.lite
  std::string db;              // --db path (overrides the main database's path)
  std::string migrations;      // --migrations dir
  std::string encryption_key;  // --encryption-key HEX (or LITESTONE_ENCRYPTION_KEY)
  std::string color = "auto";  // --color auto|always|never
  bool useColor(bool is_tty) const;
};

// A command adds its subcommand to app and returns the function that runs it
// after parsing. The function returns the process exit code: 0 success,
// 1 user error (message already printed on stderr).
using Runner = std::function<int()>;
using Setup = std::function<Runner(CLI::App& app, Globals& globals)>;

struct CommandInfo {
  std::string name;
  Setup setup;
};

bool registerCommand(CommandInfo info);
std::vector<CommandInfo>& commands();

// Fills schema/db/migrations from the config file (when given or when
// litestone.config.json exists in the current folder) without overriding flags.
void applyConfig(Globals& g);
// Prints a litestone::Error (or any exception) on stderr as "error[CODE]: message".
int reportError(const std::exception& e);

}  // namespace litestone::cli
