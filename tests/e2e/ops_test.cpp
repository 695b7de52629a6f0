// backup, optimize and doctor's database health through the real binary, on
// real database files in a temporary folder.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "engine/backup.hpp"
#include "engine/connection.hpp"
#include "litestone/json.hpp"
#include "testing.hpp"

namespace litestone {
namespace {

using testing::runCli;
using testing::TempDir;
namespace fs = std::filesystem;

constexpr const char* kSchema = R"(database main { path "./app.db" }
database archive { path "./archive.db" }

model authors {
  id    Integer @id
  name  Text
  posts posts[]
}

model posts {
  id       Integer @id
  author   authors @relation(fields: [authorId], references: [id])
  authorId Integer
  title    Text
  @@fts([title])
}

model logs {
  id   Integer @id
  line Text
  @@db(archive)
}
)";

// A project folder with the schema pushed and a few rows in each database.
struct Project {
  TempDir dir;
  std::string cwd = dir.path().string();
  Project() {
    dir.write("schema.lite", kSchema);
    auto r = runCli("push", "", cwd);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    r = runCli("call",
               R"([{"model":"authors","action":"create","args":{"data":{"id":1,"name":"ann"}}},
                   {"model":"posts","action":"create","args":{"data":{"authorId":1,"title":"hello world"}}},
                   {"model":"posts","action":"create","args":{"data":{"authorId":1,"title":"second post"}}}])",
               cwd);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    r = runCli("call", R"({"model":"logs","action":"create","args":{"data":{"line":"booted"}}})", cwd);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  int64_t count(const std::string& file, const std::string& table) const {
    engine::Connection c(engine::ConnectionOptions{.path = file, .read_only = true});
    auto stmt = c.prepare("SELECT count(*) FROM \"" + table + "\"");
    EXPECT_TRUE(stmt.step());
    return stmt.getInt(0);
  }
  bool intact(const std::string& file) const {
    engine::Connection c(engine::ConnectionOptions{.path = file, .read_only = true});
    return engine::integrityProblems(c, false).empty();
  }
};

TEST(CliBackupTest, FolderReceivesEveryDatabase) {
  Project p;
  auto r = runCli("backup snap --json", "", p.cwd);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto js = json::parse(r.out);
  ASSERT_EQ(js["backups"].size(), 2u) << r.out;
  EXPECT_EQ(p.count(p.dir.file("snap/main.db"), "posts"), 2);
  EXPECT_EQ(p.count(p.dir.file("snap/archive.db"), "logs"), 1);
  EXPECT_TRUE(p.intact(p.dir.file("snap/main.db")));
  EXPECT_TRUE(p.intact(p.dir.file("snap/archive.db")));
  // Human output names each copy and its check.
  r = runCli("backup snap2", "", p.cwd);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("main -> "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("integrity ok"), std::string::npos) << r.out;
}

TEST(CliBackupTest, DatabaseFlagWritesThatFileAndVacuumCompacts) {
  Project p;
  auto r = runCli("backup one/archive-copy.db --database archive --vacuum --json", "", p.cwd);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto js = json::parse(r.out);
  ASSERT_EQ(js["backups"].size(), 1u);
  EXPECT_TRUE(js["backups"][0]["vacuum"].get<bool>());
  EXPECT_EQ(p.count(p.dir.file("one/archive-copy.db"), "logs"), 1);
  EXPECT_FALSE(fs::exists(p.dir.file("one/main.db")));
}

TEST(CliBackupTest, DefaultFolderIsUnderBackups) {
  Project p;
  auto r = runCli("backup", "", p.cwd);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(fs::is_directory(p.dir.file("backups")));
  auto it = fs::directory_iterator(p.dir.file("backups"));
  ASSERT_NE(it, fs::directory_iterator());
  EXPECT_TRUE(fs::exists(it->path() / "main.db"));
}

TEST(CliBackupTest, UnknownDatabaseIsAUserError) {
  Project p;
  auto r = runCli("backup x.db --database nope", "", p.cwd);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("nope"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("archive"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(p.dir.file("x.db")));
}

TEST(CliOptimizeTest, ReportsTheStepsItTook) {
  Project p;
  auto r = runCli("optimize --json", "", p.cwd);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto js = json::parse(r.out);
  ASSERT_EQ(js["databases"].size(), 2u);
  std::string all = js.dump();
  EXPECT_NE(all.find("\"fts-optimize\""), std::string::npos) << all;
  EXPECT_NE(all.find("\"posts_fts\""), std::string::npos) << all;
  EXPECT_NE(all.find("\"checkpoint\""), std::string::npos) << all;
  r = runCli("optimize posts", "", p.cwd);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("main: fts-optimize posts_fts"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("archive:"), std::string::npos) << r.out;
  r = runCli("optimize nothere", "", p.cwd);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("nothere"), std::string::npos) << r.err;
}

TEST(CliDoctorHealthTest, HealthyDatabaseWarnsAboutUnindexedForeignKey) {
  Project p;
  auto r = runCli("doctor --json", "", p.cwd);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  auto js = json::parse(r.out);
  ASSERT_TRUE(js.contains("health")) << r.out;
  auto& h = js["health"];
  EXPECT_TRUE(h["errors"].empty()) << r.out;
  ASSERT_EQ(h["databases"].size(), 2u);
  EXPECT_EQ(h["databases"][0]["integrity"], json::array());
  EXPECT_EQ(h["databases"][0]["unindexed_foreign_keys"][0]["column"], "authorId") << r.out;
  EXPECT_NE(h["warnings"].dump().find("posts.authorId"), std::string::npos) << r.out;
  r = runCli("doctor", "", p.cwd);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("main: integrity ok"), std::string::npos) << r.out;
}

TEST(CliDoctorHealthTest, ForeignKeyViolationExitsOne) {
  Project p;
  {
    engine::Connection c(engine::ConnectionOptions{.path = p.dir.file("app.db")});
    c.exec("PRAGMA foreign_keys=OFF; INSERT INTO posts (authorId, title) VALUES (99, 'orphan')");
  }
  auto r = runCli("doctor --json", "", p.cwd);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  auto js = json::parse(r.out);
  EXPECT_FALSE(js["ok"].get<bool>());
  EXPECT_EQ(js["health"]["databases"][0]["foreign_key_violations"][0]["parent"], "authors");
  r = runCli("doctor", "", p.cwd);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("foreign key violation"), std::string::npos) << r.out;
}

TEST(CliDoctorHealthTest, ModifiedMigrationIsAnErrorPendingIsAWarning) {
  TempDir dir;
  std::string cwd = dir.path().string();
  dir.write("schema.lite", "database main { path \"./app.db\" }\nmodel users {\n  id Integer @id\n}\n");
  ASSERT_EQ(runCli("migrate create first", "", cwd).exit_code, 0);
  ASSERT_EQ(runCli("migrate apply", "", cwd).exit_code, 0);
  dir.write("schema.lite",
            "database main { path \"./app.db\" }\nmodel users {\n  id Integer @id\n  name Text?\n}\n");
  ASSERT_EQ(runCli("migrate create second", "", cwd).exit_code, 0);

  auto r = runCli("doctor --json", "", cwd);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  auto js = json::parse(r.out);
  EXPECT_EQ(js["health"]["databases"][0]["migrations"]["pending"].size(), 1u) << r.out;
  EXPECT_NE(js["health"]["warnings"].dump().find("pending"), std::string::npos) << r.out;

  std::string first;
  for (auto& e : fs::directory_iterator(dir.file("migrations")))
    if (e.path().string().find("_first.sql") != std::string::npos) first = e.path().string();
  ASSERT_FALSE(first.empty());
  std::ofstream(first, std::ios::app) << "\n-- edited after it was applied\n";
  r = runCli("doctor --json", "", cwd);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  js = json::parse(r.out);
  EXPECT_EQ(js["health"]["databases"][0]["migrations"]["modified"].size(), 1u) << r.out;
  EXPECT_NE(js["health"]["errors"].dump().find("modified"), std::string::npos) << r.out;
}

TEST(CliDoctorHealthTest, NoDatabaseYetCreatesNothing) {
  TempDir dir;
  dir.write("schema.lite", kSchema);
  auto r = runCli("doctor --json", "", dir.path().string());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  auto js = json::parse(r.out);
  EXPECT_FALSE(js["health"]["databases"][0]["exists"].get<bool>());
  EXPECT_FALSE(fs::exists(dir.file("app.db")));
  EXPECT_FALSE(fs::exists(dir.file("archive.db")));
}

}  // namespace
}  // namespace litestone

namespace litestone {
namespace {

TEST(CliSeedTest, AppliesOnceAndForceAgain) {
  TempDir dir;
  std::string cwd = dir.path().string();
  dir.write("schema.lite",
            "database main { path \"./app.db\" }\nmodel tags {\n  id Integer @id\n  name Text\n}\n");
  dir.write("seeds/tags.json", R"([{"model":"tags","action":"create","args":{"data":{"name":"red"}}}])");
  ASSERT_EQ(runCli("push", "", cwd).exit_code, 0);
  auto r = runCli("seed", "", cwd);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("applied tags (1 call)"), std::string::npos) << r.out;
  r = runCli("seed --json", "", cwd);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["seeds"][0]["state"], "skipped") << r.out;
  r = runCli("seed run tags --force", "", cwd);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("applied tags"), std::string::npos) << r.out;
  r = runCli("call '{\"model\":\"tags\",\"action\":\"count\"}'", "", cwd);
  EXPECT_EQ(r.out, "2\n") << r.err;
  r = runCli("seed run nope", "", cwd);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("SEED_NOT_FOUND"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace litestone

namespace litestone {
namespace {

TEST(CliTransformTest, WritesAnAnonymizedCopyAndRefusesBadConfig) {
  Project p;
  p.dir.write("anon.json", R"({"target": "dev.db", "models": {"authors": {"name": "name"}}})");
  auto r = runCli("transform anon.json --json", "", p.cwd);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto js = json::parse(r.out);
  EXPECT_EQ(js["targets"][0]["rows"]["posts"], 2) << r.out;
  engine::Connection c(engine::ConnectionOptions{.path = p.dir.file("dev.db"), .read_only = true});
  auto stmt = c.prepare("SELECT name FROM authors");
  ASSERT_TRUE(stmt.step());
  EXPECT_NE(std::string(stmt.getText(0)), "ann");
  EXPECT_EQ(p.count(p.dir.file("app.db"), "authors"), 1);
  // Running again refuses to overwrite; a bad rule names the allowed ones.
  r = runCli("transform anon.json", "", p.cwd);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("exists"), std::string::npos) << r.err;
  p.dir.write("bad.json", R"({"target": "x.db", "models": {"authors": {"name": "shuffle"}}})");
  r = runCli("transform bad.json", "", p.cwd);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("\"email\""), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(p.dir.file("x.db")));
}

}  // namespace
}  // namespace litestone

namespace litestone {
namespace {

TEST(CliOpsHelpTest, EveryNewCommandNamesItsFlags) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> commands = {
      {"backup", {"--vacuum", "--database", "--json"}},
      {"optimize", {"--json"}},
      {"seed", {"--force", "--json", "run"}},
      {"seed run", {"--database", "--force"}},
      {"transform", {"--json"}},
      {"replicate", {"--litestream", "--exec", "--print-config", "restore"}},
      {"replicate restore", {"--to"}},
  };
  for (const auto& [command, flags] : commands) {
    auto r = runCli(command + " --help");
    EXPECT_EQ(r.exit_code, 0) << command << r.err;
    for (const auto& flag : flags)
      EXPECT_NE(r.out.find(flag), std::string::npos) << command << " lacks " << flag;
  }
  EXPECT_EQ(runCli("backup --frobnicate").exit_code, 2);
  EXPECT_EQ(runCli("transform").exit_code, 2);  // the config is required
}

}  // namespace
}  // namespace litestone
