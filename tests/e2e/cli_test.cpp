// The CLI's manners with bad or missing flags, run on the real binary:
// usage errors exit 2, user errors exit 1 with a clear message, --help and
// --version exit 0.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "litestone/json.hpp"
#include "testing.hpp"

namespace litestone {
namespace {

using testing::runCli;

struct CommandFlags {
  std::string command;  // as typed after `litestone`
  std::vector<std::string> flags;
};

// Every command and the flags of its own (the global flags are tested once).
const std::vector<CommandFlags>& everyCommand() {
  static const std::vector<CommandFlags> kCommands = {
      {"call", {"--auth", "--system", "--pretty"}},
      {"doctor", {"--json"}},
      {"format", {"--check", "--stdout"}},
      {"init", {"--force"}},
      {"introspect", {"--out", "--force"}},
      {"push", {"--json"}},
      {"rotate-key", {"--new-key", "--json"}},
      {"migrate", {"create", "apply", "status", "verify", "dry-run"}},
      {"migrate create", {}},
      {"migrate apply", {"--allow-destructive"}},
      {"migrate status", {"--json"}},
      {"migrate verify", {"--json"}},
      {"migrate dry-run", {}},
  };
  return kCommands;
}

TEST(CliTest, NoArgumentsIsAUsageError) {
  auto r = runCli("");
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("--help"), std::string::npos) << r.err;
}

TEST(CliTest, NoArgumentsPrintsUsage) {
  auto r = runCli("");
  EXPECT_NE((r.out + r.err).find("Usage"), std::string::npos) << r.out << r.err;
}

TEST(CliTest, UnknownCommandIsAUsageError) {
  auto r = runCli("frobnicate");
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
}

TEST(CliTest, UnknownCommandIsNamed) {
  auto r = runCli("frobnicate");
  EXPECT_NE(r.err.find("frobnicate"), std::string::npos) << r.err;
}

TEST(CliTest, UnknownFlagIsAUsageErrorNamingTheFlag) {
  for (const char* args : {"--frobnicate doctor", "doctor --frobnicate", "call --frobnicate '{}'"}) {
    auto r = runCli(args);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.out << r.err;
    EXPECT_NE(r.err.find("--frobnicate"), std::string::npos) << args << "\n" << r.err;
  }
}

TEST(CliTest, HelpOnEveryCommandNamesItsFlags) {
  for (const auto& c : everyCommand()) {
    auto r = runCli(c.command + " --help");
    EXPECT_EQ(r.exit_code, 0) << c.command << "\n" << r.out << r.err;
    for (const auto& flag : c.flags) {
      EXPECT_NE(r.out.find(flag), std::string::npos) << c.command << " --help lacks " << flag << "\n"
                                                     << r.out;
    }
  }
}

TEST(CliTest, HelpOfTheProgramNamesGlobalFlagsAndCommands) {
  auto r = runCli("--help");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const char* word :
       {"--schema", "--db", "--config", "--migrations", "--encryption-key", "--color", "--version", "call",
        "doctor", "format", "init", "introspect", "migrate", "push"}) {
    EXPECT_NE(r.out.find(word), std::string::npos) << word << "\n" << r.out;
  }
}

TEST(CliTest, VersionPrintsAVersionNumber) {
  auto r = runCli("--version");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(r.out.empty());
  EXPECT_NE(r.out.find_first_of("0123456789"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find('.'), std::string::npos) << r.out;
}

TEST(CliTest, DoctorOnAMissingSchemaNamesThePath) {
  testing::TempDir dir;
  std::string missing = dir.file("nowhere.lite");
  auto r = runCli("--schema '" + missing + "' doctor");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;
}

TEST(CliTest, DoctorWithoutSchemaInTheFolderNamesTheDefaultPath) {
  testing::TempDir dir;
  auto r = runCli("doctor", "", dir.path().string());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("schema.lite"), std::string::npos) << r.err;
}

TEST(CliTest, CallWithInvalidJsonPrintsTheErrorJson) {
  testing::TempDir dir;
  std::string schema = dir.write("schema.lite", "model notes {\n  id Integer @id\n}\n");
  for (const std::string& args : {std::string("call '{\"model\": '"), std::string("call -")}) {
    auto r = runCli("--schema '" + schema + "' --db :memory: " + args, "{not json", dir.path().string());
    EXPECT_EQ(r.exit_code, 1) << args << "\n" << r.out << r.err;
    json out = json::parse(r.out, nullptr, false);
    ASSERT_FALSE(out.is_discarded()) << r.out;
    ASSERT_TRUE(out.contains("error")) << r.out;
    EXPECT_EQ(out["error"].value("code", ""), "QUERY_INVALID_JSON") << r.out;
    EXPECT_TRUE(out["error"].contains("message")) << r.out;
    EXPECT_FALSE(r.err.empty());
  }
}

TEST(CliTest, ColorTakesOnlyAutoAlwaysNever) {
  auto r = runCli("--color=sometimes doctor");
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("sometimes"), std::string::npos) << r.err;
  for (const char* ok : {"auto", "always", "never"}) {
    testing::TempDir dir;
    dir.write("schema.lite", "model notes {\n  id Integer @id\n}\n");
    auto good = runCli(std::string("--color=") + ok + " doctor", "", dir.path().string());
    EXPECT_EQ(good.exit_code, 0) << ok << "\n" << good.out << good.err;
  }
}

}  // namespace
}  // namespace litestone
