// Client::rotateKey on a real file: round trip, failures that change
// nothing, and a kill -9 in the middle of the transaction.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <memory>
#include <string>

#include "litestone/litestone.hpp"
#include "testing.hpp"

namespace litestone {
namespace {

constexpr const char* kOld = "a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0";
constexpr const char* kNew = "0f0e0d0c0b0a09080706050403020100f0e0d0c0b0a090807060504030201000";

constexpr const char* kSchema = R"(
model people {
  id   Integer @id
  name Text
  ssn  Text?   @encrypted
  pin  Text?   @encrypted
}

model plain {
  id Integer @id
}
)";

// More rows than one page of the scan (256), so rotation takes several.
constexpr int kRows = 600;

class RotateKeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Client db = open(kOld);
    autoMigrate(db);
    json rows = json::array();
    for (int i = 0; i < kRows; ++i)
      rows.push_back({{"name", "p" + std::to_string(i)},
                      {"ssn", "ssn-" + std::to_string(i)},
                      {"pin", i % 3 == 0 ? json(nullptr) : json("pin-" + std::to_string(i))}});
    db.asSystem()["people"].createMany({{"data", rows}});
    db.close();
  }

  Client open(const std::string& key) {
    ClientOptions options;
    options.schema = kSchema;
    options.db = dir_.file("app.db");
    options.encryption_key = key;
    return createClient(options);
  }
  json rawColumn(Client& db) { return db.sql("SELECT ssn, pin FROM people ORDER BY id"); }
  // Every value read back through the ORM matches what SetUp wrote.
  void expectReadable(const std::string& key) {
    json rows = open(key).asSystem()["people"].findMany({{"orderBy", {{"id", "asc"}}}});
    ASSERT_EQ(rows.size(), static_cast<size_t>(kRows));
    for (int i = 0; i < kRows; ++i) {
      ASSERT_EQ(rows[i]["ssn"], "ssn-" + std::to_string(i));
      ASSERT_EQ(rows[i]["pin"], i % 3 == 0 ? json(nullptr) : json("pin-" + std::to_string(i)));
    }
  }
  static std::string codeOf(const std::function<void()>& fn) {
    try {
      fn();
    } catch (const Error& e) {
      return e.code();
    }
    return "no error";
  }

  testing::TempDir dir_;
};

TEST_F(RotateKeyTest, RoundTripReencryptsEveryValue) {
  Client db = open(kOld);
  json before = rawColumn(db);
  std::vector<json> reports;
  json result = db.rotateKey(kNew, [&](const json& p) { reports.push_back(p); });
  EXPECT_EQ(result["rows"], kRows);
  EXPECT_EQ(result["values"], kRows + kRows - kRows / 3);
  ASSERT_EQ(reports.size(), 3u);  // 256 + 256 + 88
  EXPECT_EQ(reports.back(), json({{"model", "people"}, {"done", kRows}, {"total", kRows}}));
  json after = rawColumn(db);
  for (int i = 0; i < kRows; ++i) {
    EXPECT_NE(after[i]["ssn"], before[i]["ssn"]);
    EXPECT_TRUE(after[i]["ssn"].get<std::string>().starts_with("v1:"));
    EXPECT_EQ(after[i]["pin"].is_null(), i % 3 == 0);
  }
  // The same client now writes and reads with the new key.
  db.asSystem()["people"].create({{"data", {{"name", "late"}, {"ssn", "late-ssn"}}}});
  EXPECT_EQ(db.asSystem()["people"].findFirst({{"where", {{"name", "late"}}}})["ssn"], "late-ssn");
  db.asSystem()["people"].deleteMany({{"where", {{"name", "late"}}}});
  expectReadable(kNew);
  EXPECT_EQ(codeOf([&] { open(kOld).asSystem()["people"].findMany(); }), "DECRYPTION_FAILED");
}

TEST_F(RotateKeyTest, BadNewKeyOrNoCurrentKeyChangesNothing) {
  Client db = open(kOld);
  json before = rawColumn(db);
  EXPECT_EQ(codeOf([&] { db.rotateKey("abc"); }), "ENCRYPTION_KEY_INVALID");
  EXPECT_EQ(codeOf([&] { open("").rotateKey(kNew); }), "ENCRYPTION_KEY_MISSING");
  EXPECT_EQ(rawColumn(db), before);
  expectReadable(kOld);
}

TEST_F(RotateKeyTest, UnreadableValueRollsBackEverything) {
  Client db = open(kOld);
  db.sql("UPDATE people SET ssn = 'v1:AAAA' WHERE id = ?", {kRows - 1});  // last page
  json before = rawColumn(db);
  try {
    db.rotateKey(kNew);
    FAIL() << "expected DECRYPTION_FAILED";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "DECRYPTION_FAILED");
    EXPECT_EQ(e.meta()["row"], json({{"id", kRows - 1}}));
  }
  EXPECT_EQ(rawColumn(db), before);
  // Still on the old key.
  EXPECT_EQ(db.asSystem()["people"].findFirst({{"where", {{"id", 1}}}})["ssn"], "ssn-0");
}

TEST_F(RotateKeyTest, KillNineMidRotationLeavesTheOldKeyWorking) {
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The child rotates and is killed after the first page was rewritten,
    // with the transaction still open.
    try {
      open(kOld).rotateKey(kNew, [](const json& p) {
        if (p["done"].get<int64_t>() >= 256) raise(SIGKILL);
      });
    } catch (...) {
    }
    _exit(3);  // not reached when the kill lands
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  expectReadable(kOld);
  EXPECT_EQ(codeOf([&] { open(kNew).asSystem()["people"].findMany(); }), "DECRYPTION_FAILED");
  // And a rotation after the crash completes.
  open(kOld).rotateKey(kNew);
  expectReadable(kNew);
}

}  // namespace
}  // namespace litestone
