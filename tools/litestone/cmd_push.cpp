// litestone push: make the databases match the schema (development). Creates
// what is missing, adds the columns ALTER TABLE can add, and lists what needs
// `litestone migrate` instead. Never drops or rewrites data.

#include <iostream>
#include <memory>

#include "command.hpp"
#include "litestone/client.hpp"

namespace litestone::cli {

namespace {

void printHuman(const json& report) {
  for (const auto& d : report["databases"]) {
    std::string where = d["database"].get<std::string>() + " (" + d["path"].get<std::string>() + ")";
    if (d["applied"].empty() && d["pending"].empty()) std::cout << where << ": up to date\n";
    for (const auto& a : d["applied"]) {
      if (a["kind"] == "rebuild") continue;  // part of creating the FTS table
      std::cout << where << ": " << a["description"].get<std::string>() << "\n";
    }
    for (const auto& p : d["pending"]) {
      std::string what = p["model"].get<std::string>();
      if (p.contains("field")) what += "." + p["field"].get<std::string>();
      std::cout << where << ": pending " << what << ": " << p["reason"].get<std::string>() << "\n";
    }
  }
}

Runner setupPush(CLI::App& app, Globals& g) {
  app.description(
      "Create the tables, columns, indexes, FTS tables and triggers the schema needs and the databases "
      "lack. Never drops or rewrites; changes that need a table rebuild are listed as pending.");
  auto as_json = std::make_shared<bool>(false);
  app.add_flag("--json", *as_json, "Print the report as JSON");
  return [&g, as_json]() -> int {
    ClientOptions options;
    options.path = g.schema.empty() ? "schema.lite" : g.schema;
    options.db = g.db;
    options.encryption_key = g.encryption_key;
    auto db = createClient(options);
    json report = autoMigrate(db);
    db.close();
    if (*as_json) {
      std::cout << report.dump(2) << "\n";
    } else {
      printHuman(report);
    }
    return 0;
  };
}

const bool kRegistered = registerCommand({"push", setupPush});

}  // namespace
}  // namespace litestone::cli
