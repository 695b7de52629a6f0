// litestone init [dir]: scaffold a project (schema.lite, litestone.config.json
// and an empty migrations folder). Never overwrites without --force.

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "command.hpp"
#include "common/error_codes.hpp"
#include "litestone/error.hpp"
#include "litestone/json.hpp"

namespace litestone::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kSchema =
    R"(// The schema: the single source of truth for tables, migrations and queries.
// Edit it, then run `litestone migrate create <label>` and `litestone migrate apply`.

database main { path "./app.db" }

model users {
  id        Integer  @id
  email     Text     @unique @email @lower
  name      Text?
  createdAt DateTime @default(now())
}
)";

struct InitFlags {
  std::string dir = ".";
  bool force = false;
};

Runner setupInit(CLI::App& app, Globals&) {
  app.description("Create schema.lite, litestone.config.json and a migrations folder in DIR (default: .).");
  auto flags = std::make_shared<InitFlags>();
  app.add_option("dir", flags->dir, "Project folder, created when missing");
  app.add_flag("--force", flags->force, "Overwrite schema.lite and litestone.config.json when they exist");
  return [flags]() -> int {
    fs::path dir(flags->dir);
    fs::path schema = dir / "schema.lite";
    fs::path config = dir / "litestone.config.json";
    for (auto& p : {schema, config}) {
      if (fs::exists(p) && !flags->force)
        throw Error(codes::kCliFileExists, p.string() + " already exists; pass --force to overwrite it",
                    {{"path", p.string()}});
    }
    fs::create_directories(dir / "migrations");
    std::ofstream(schema) << kSchema;
    json cfg = {{"schema", "schema.lite"}, {"db", "app.db"}, {"migrations", "migrations"}};
    std::ofstream(config) << cfg.dump(2) << "\n";
    std::cout << schema.string() << "\n" << config.string() << "\n";
    std::cerr << "next: litestone migrate create initial && litestone migrate apply\n";
    return 0;
  };
}

const bool kRegistered = registerCommand({"init", setupInit});

}  // namespace
}  // namespace litestone::cli
