#include "migrate/health.hpp"

#include <filesystem>
#include <system_error>

#include "client/state.hpp"
#include "engine/backup.hpp"
#include "engine/maintenance.hpp"
#include "litestone/migrate.hpp"

namespace litestone::migrate {

namespace fs = std::filesystem;

namespace {

// A WAL this large means checkpoints are not keeping up (a reader that never
// finishes, or autocheckpoint off): worth a warning, not an error.
constexpr int64_t kLargeWalBytes = 64LL * 1024 * 1024;

int64_t fileSize(const std::string& path) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  return ec ? 0 : static_cast<int64_t>(size);
}

std::string plural(size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

json databaseHealth(const HealthOptions& options) {
  auto parsed = parseFile(options.schema_path);
  const schema::Schema& s = *parsed->impl().schema;
  json report = {{"databases", json::array()}, {"errors", json::array()}, {"warnings", json::array()}};
  auto add_error = [&](const std::string& m) { report["errors"].push_back(m); };
  auto add_warning = [&](const std::string& m) { report["warnings"].push_back(m); };

  bool all_exist = true;
  for (const auto& block : s.databases) {
    if (!block.driver.empty() && block.driver != "sqlite") continue;
    std::string path = block.name == s.mainDatabase().name && !options.db.empty() ? options.db : block.path;
    json d = {{"database", block.name}, {"path", path}, {"exists", !path.empty() && fs::exists(path)}};
    if (!d["exists"].get<bool>()) {
      all_exist = false;
      report["databases"].push_back(d);
      continue;
    }
    engine::Connection conn(
        engine::ConnectionOptions{.path = path, .read_only = true, .statement_cache_size = 0});
    auto problems = engine::integrityProblems(conn, true);
    d["integrity"] = problems;
    for (const auto& p : problems) add_error(block.name + ": integrity: " + p);
    d["foreign_key_violations"] = engine::foreignKeyViolations(conn);
    for (const auto& v : d["foreign_key_violations"]) {
      add_error(block.name + ": foreign key violation: " + v["table"].get<std::string>() + " rowid " +
                v["rowid"].dump() + " has no parent in " + v["parent"].get<std::string>());
    }
    d["unindexed_foreign_keys"] = engine::unindexedForeignKeys(conn);
    for (const auto& u : d["unindexed_foreign_keys"]) {
      add_warning(block.name + ": foreign key " + u["table"].get<std::string>() + "." +
                  u["column"].get<std::string>() + " -> " + u["references"].get<std::string>() +
                  " has no index: deleting or updating a parent row scans the table");
    }
    d["wal_bytes"] = fileSize(path + "-wal");
    if (d["wal_bytes"].get<int64_t>() > kLargeWalBytes) {
      add_warning(block.name + ": the WAL is " +
                  std::to_string(d["wal_bytes"].get<int64_t>() / (1024 * 1024)) +
                  " MiB; run `litestone optimize` or look for a reader that never finishes");
    }
    d["migrations"] = {{"pending", json::array()}, {"modified", json::array()}, {"missing", json::array()}};
    report["databases"].push_back(d);
  }

  // Migration status opens a client, which would create missing files.
  if (all_exist && !report["databases"].empty()) {
    ClientOptions co;
    co.parsed = parsed;
    co.db = options.db;
    co.encryption_key = options.encryption_key;
    co.read_pool_size = 1;
    Client db = createClient(co);
    Options mo;
    mo.dir = options.dir;
    auto st = status(db, mo);
    db.close();
    for (const auto& e : st.entries) {
      if (e.state == "applied") continue;
      for (auto& d : report["databases"]) {
        if (d["database"] == e.database) d["migrations"][e.state].push_back(e.name);
      }
      if (e.state == "modified")
        add_error(e.database + ": migration " + e.name + " was modified after it was applied");
      if (e.state == "pending") add_warning(e.database + ": migration " + e.name + " is pending");
      if (e.state == "missing")
        add_warning(e.database + ": migration " + e.name + " was applied but its file is gone");
    }
  }
  return report;
}

std::string renderHealth(const json& report) {
  std::string out;
  for (const auto& d : report["databases"]) {
    std::string name = d["database"].get<std::string>();
    if (!d["exists"].get<bool>()) {
      out += "  " + name + ": no database file yet (" + d["path"].get<std::string>() + ")\n";
      continue;
    }
    out += "  " + name + ": integrity " + (d["integrity"].empty() ? "ok" : "FAILED") + ", " +
           plural(d["foreign_key_violations"].size(), "foreign-key violation") + ", WAL " +
           std::to_string(d["wal_bytes"].get<int64_t>() / 1024) + " KiB, " +
           plural(d["migrations"]["pending"].size(), "pending migration") + "\n";
  }
  for (const auto& w : report["warnings"]) out += "warning: " + w.get<std::string>() + "\n";
  for (const auto& e : report["errors"]) out += "error: " + e.get<std::string>() + "\n";
  return out;
}

}  // namespace litestone::migrate
