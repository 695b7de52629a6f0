#include <filesystem>
#include <fstream>

#include "command.hpp"
#include "common/error_codes.hpp"
#include "litestone/error.hpp"
#include "litestone/json.hpp"

namespace litestone::cli {

// litestone.config.json: {"schema": "...", "db": "...", "migrations": "..."}.
// Paths in the file are relative to the file's folder. Flags win.
void applyConfig(Globals& g) {
  namespace fs = std::filesystem;
  std::string path = g.config;
  if (path.empty()) {
    if (!fs::exists("litestone.config.json")) return;
    path = "litestone.config.json";
  }
  std::ifstream in(path);
  if (!in) throw Error(codes::kCliConfigNotFound, "cannot read config file " + path, {{"path", path}});
  json cfg;
  try {
    cfg = json::parse(in);
  } catch (const json::parse_error& e) {
    throw Error(codes::kCliConfigInvalid, "config file " + path + " is not valid JSON: " + e.what(),
                {{"path", path}});
  }
  if (!cfg.is_object())
    throw Error(codes::kCliConfigInvalid, "config file " + path + " must hold a JSON object",
                {{"path", path}});
  auto base = fs::path(path).parent_path();
  auto take = [&](const char* key, std::string& target) {
    if (!target.empty() || !cfg.contains(key)) return;
    if (!cfg[key].is_string())
      throw Error(codes::kCliConfigInvalid, std::string("config key \"") + key + "\" must be a string",
                  {{"path", path}, {"key", key}});
    target = (base / cfg[key].get<std::string>()).lexically_normal().string();
  };
  take("schema", g.schema);
  take("db", g.db);
  take("migrations", g.migrations);
}

}  // namespace litestone::cli
