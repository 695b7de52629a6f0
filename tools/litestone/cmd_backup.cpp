// litestone backup [DEST] [--vacuum] [--database NAME] [--json]
// Hot backup of the schema's sqlite databases while writers keep writing.
// Without --database, DEST is a folder that receives <name>.db per database
// (default backups/<UTC time>); with --database, DEST is the file to write.
// Each copy is integrity-checked (Client::backup). Progress goes to stderr
// when it is a terminal.

#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>

#include "command.hpp"
#include "open_client.hpp"

namespace litestone::cli {

namespace {

namespace fs = std::filesystem;

struct BackupFlags {
  std::string dest;
  std::string database;
  bool vacuum = false;
  bool json_output = false;
};

std::string defaultFolder() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
  return (fs::path("backups") / buf).string();
}

std::string mib(int64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}

int runBackup(const BackupFlags& f, const Globals& g) {
  Client db = createClient(clientOptions(g));
  std::vector<std::string> names;
  if (!f.database.empty()) {
    names.push_back(f.database);
  } else {
    json databases = db.databases();
    for (auto it = databases.begin(); it != databases.end(); ++it) {
      if ((*it)["driver"] == "sqlite") names.push_back(it.key());
    }
  }
  std::string folder = f.dest.empty() ? defaultFolder() : f.dest;
  bool progress = !f.json_output && isatty(STDERR_FILENO) != 0;
  json results = json::array();
  for (const auto& name : names) {
    std::string dest = f.database.empty()
                           ? (fs::path(folder) / (name + ".db")).string()
                           : (f.dest.empty() ? (fs::path(folder) / (name + ".db")).string() : f.dest);
    BackupOptions options{.vacuum = f.vacuum, .database = name, .progress = {}};
    if (progress) {
      options.progress = [&name](int64_t done, int64_t total) {
        int pct = total > 0 ? static_cast<int>(100 * done / total) : 100;
        std::cerr << "\rbackup " << name << ": " << pct << "% (" << done << "/" << total << " pages)"
                  << std::flush;
      };
    }
    json r = db.backup(dest, options);
    if (progress) std::cerr << "\n";
    results.push_back(r);
    if (!f.json_output) {
      std::cout << name << " -> " << r["dest"].get<std::string>() << ": " << mib(r["bytes"].get<int64_t>())
                << ", " << r["pages"] << " pages, integrity ok" << (f.vacuum ? ", vacuumed" : "") << " ("
                << static_cast<int64_t>(r["ms"].get<double>()) << " ms)\n";
    }
  }
  db.close();
  if (f.json_output) std::cout << json{{"backups", results}}.dump(2) << "\n";
  return 0;
}

Runner setupBackup(CLI::App& app, Globals& g) {
  auto flags = std::make_shared<BackupFlags>();
  app.description(
      "Hot backup of the sqlite databases while writers keep writing; each copy is integrity-checked. "
      "DEST is a folder receiving <name>.db per database (default backups/<UTC time>), or with --database "
      "the file to write.");
  app.add_option("dest", flags->dest, "Destination folder (or file with --database)");
  app.add_flag("--vacuum", flags->vacuum, "Write a compacted copy (VACUUM INTO)");
  app.add_option("--database", flags->database, "Copy only this database block to DEST");
  app.add_flag("--json", flags->json_output, "Print {backups: [{database, dest, pages, bytes, ms}]} as JSON");
  return [flags, &g] { return runBackup(*flags, g); };
}

const bool kRegistered = registerCommand({"backup", setupBackup});

}  // namespace
}  // namespace litestone::cli
