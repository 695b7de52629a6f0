// litestone replicate through the real binary with the real Litestream
// (npm @flydotio/litestream-linux-x64, installed under tests/ops/npm by
// scripts/install-deps.sh): write rows while replicating, restore into a
// fresh folder, compare. Once with a file replica, once with a local
// S3-compatible server (npm s3rver) on 127.0.0.1, and once stopped by SIGINT.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "engine/connection.hpp"
#include "litestone/json.hpp"
#include "testing.hpp"

extern char** environ;

namespace litestone {
namespace {

using testing::runCli;
using testing::TempDir;
namespace fs = std::filesystem;

std::string npmDir() { return testing::sourceDir() + "/tests/ops/npm/node_modules"; }
std::string litestream() { return npmDir() + "/@flydotio/litestream-linux-x64/litestream"; }

constexpr const char* kSchema = R"(database main { path "./app.db" }

model notes {
  id   Integer @id
  text Text
}
)";

// Inserts rows with the sqlite3 shell while Litestream runs beside it.
constexpr const char* kWriter = R"(sleep 1
sqlite3 -cmd ".timeout 5000" app.db "INSERT INTO notes (text) VALUES ('during 1'), ('during 2');"
sleep 3
)";

int64_t countNotes(const std::string& path) {
  engine::Connection c(engine::ConnectionOptions{.path = path, .read_only = true});
  auto stmt = c.prepare("SELECT count(*) FROM notes");
  EXPECT_TRUE(stmt.step());
  return stmt.getInt(0);
}

struct Project {
  TempDir dir;
  std::string cwd = dir.path().string();
  Project() {
    EXPECT_TRUE(fs::exists(litestream())) << "run scripts/install-deps.sh: " << litestream() << " is missing";
    dir.write("schema.lite", kSchema);
    dir.write("writer.sh", kWriter);
    EXPECT_EQ(runCli("push", "", cwd).exit_code, 0);
    auto r =
        runCli(R"(call '[{"model":"notes","action":"create","args":{"data":{"text":"before"}}}]')", "", cwd);
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }
  std::string bin() const { return " --litestream '" + litestream() + "'"; }
};

TEST(CliReplicateTest, FileReplicaRoundTrip) {
  Project p;
  p.dir.write("repl.json", R"({"replicas": {"main": "replica/main"}})");
  auto r = runCli("replicate repl.json --exec 'sh writer.sh'" + p.bin(), "", p.cwd);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("replicating main -> "), std::string::npos) << r.err;
  EXPECT_TRUE(fs::is_directory(p.dir.file("replica/main")));
  r = runCli("replicate restore --to restored repl.json" + p.bin(), "", p.cwd);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(countNotes(p.dir.file("restored/main.db")), 3);
  EXPECT_EQ(countNotes(p.dir.file("app.db")), 3);
  // A second restore refuses to overwrite.
  r = runCli("replicate restore --to restored repl.json" + p.bin(), "", p.cwd);
  EXPECT_EQ(r.exit_code, 1);
}

TEST(CliReplicateTest, StopsCleanlyOnSigint) {
  Project p;
  p.dir.write("repl.json", R"({"replicas": {"main": "replica/main"}})");
  // The shell runs replicate in the background, interrupts it, and reports
  // its exit code through `wait`.
  auto r =
      runCli("replicate repl.json" + p.bin() + " & pid=$!; sleep 3; kill -INT $pid; wait $pid", "", p.cwd);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  r = runCli("replicate restore --to restored repl.json" + p.bin(), "", p.cwd);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(countNotes(p.dir.file("restored/main.db")), 1);
}

int freePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

bool accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// s3rver on 127.0.0.1, stopped when the object goes away.
struct S3Server {
  pid_t pid = 0;
  int port = freePort();
  S3Server(const std::string& data_dir, const std::string& bucket) {
    std::vector<std::string> args = {"node",     npmDir() + "/s3rver/bin/s3rver.js",
                                     "-d",       data_dir,
                                     "-a",       "127.0.0.1",
                                     "-p",       std::to_string(port),
                                     "--silent", "--configure-bucket",
                                     bucket};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    EXPECT_EQ(posix_spawnp(&pid, "node", nullptr, nullptr, argv.data(), environ), 0);
    for (int i = 0; i < 100 && !accepts(port); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ~S3Server() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
  }
};

// TODO(ops): disabled: replicate to s3rver runs, but `litestream restore`
// then reports "no matching backups found"; not diagnosed yet (issue 18).
TEST(CliReplicateTest, DISABLED_S3ReplicaRoundTrip) {
  Project p;
  ASSERT_TRUE(fs::exists(npmDir() + "/s3rver/bin/s3rver.js"));
  S3Server s3(p.dir.file("s3data"), "backups");
  ASSERT_TRUE(accepts(s3.port)) << "s3rver did not start";
  json config = {{"replicas", {{"main", "s3://backups/app/main"}}},
                 {"s3",
                  {{"endpoint", "http://127.0.0.1:" + std::to_string(s3.port)},
                   {"access_key_id", "S3RVER"},
                   {"secret_access_key", "S3RVER"}}}};
  p.dir.write("repl.json", config.dump());
  auto r = runCli("replicate repl.json --exec 'sh writer.sh'" + p.bin(), "", p.cwd);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  r = runCli("replicate restore --to restored repl.json" + p.bin(), "", p.cwd);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(countNotes(p.dir.file("restored/main.db")), 3);
}

TEST(CliReplicateTest, BadConfigNamesTheDatabases) {
  Project p;
  p.dir.write("repl.json", R"({"replicas": {"nope": "x"}})");
  auto r = runCli("replicate repl.json --print-config", "", p.cwd);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("[\"main\"]"), std::string::npos) << r.err;
  p.dir.write("repl.json", R"({"replicas": {"main": "r"}, "sync": 1})");
  r = runCli("replicate repl.json --print-config", "", p.cwd);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("sync_interval"), std::string::npos) << r.err;
  // Paths with quotes reach Litestream's YAML escaped.
  p.dir.write("repl.json", R"({"replicas": {"main": "it's \"here\""}})");
  r = runCli("replicate repl.json --print-config", "", p.cwd);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("it's \\\"here\\\"\""), std::string::npos) << r.out;
}

}  // namespace
}  // namespace litestone
