// @encrypted through the real CLI binary: --encryption-key and
// LITESTONE_ENCRYPTION_KEY, the stored ciphertext, and the error JSON for a
// missing, malformed or wrong key.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>

#include "litestone/litestone.hpp"
#include "testing.hpp"

namespace litestone {
namespace {

using testing::runCli;

constexpr const char* kKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
constexpr const char* kWrongKey = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

class EncryptionCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    schema_ = dir_.write("schema.lite", R"(
model people {
  id   Integer @id
  name Text
  ssn  Text    @encrypted
}
)");
    db_ = dir_.file("app.db");
    auto r = runCli(base() + " push");
    ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  }
  void TearDown() override { unsetenv("LITESTONE_ENCRYPTION_KEY"); }

  std::string base() const { return "--schema '" + schema_ + "' --db '" + db_ + "'"; }
  static std::string createCall(const std::string& ssn) {
    return "'{\"model\":\"people\",\"action\":\"create\",\"args\":{\"data\":{\"name\":\"Ann\",\"ssn\":\"" +
           ssn + "\"}}}'";
  }
  static std::string readCall() { return "'{\"model\":\"people\",\"action\":\"findMany\"}'"; }
  // The stored column, read with the library's raw sql (no key involved).
  std::string storedSsn() {
    ClientOptions options;
    options.path = schema_;
    options.db = db_;
    return createClient(options)
        .sql("SELECT ssn FROM people ORDER BY id DESC LIMIT 1")[0]["ssn"]
        .get<std::string>();
  }

  testing::TempDir dir_;
  std::string schema_;
  std::string db_;
};

TEST_F(EncryptionCliTest, FlagRoundTripStoresCiphertext) {
  auto w = runCli(base() + " --encryption-key " + kKey + " call --system " + createCall("SSN-FLAG-1"));
  ASSERT_EQ(w.exit_code, 0) << w.out << w.err;
  EXPECT_EQ(json::parse(w.out)["ssn"], "SSN-FLAG-1");
  EXPECT_TRUE(storedSsn().starts_with("v1:"));
  EXPECT_EQ(storedSsn().find("SSN-FLAG"), std::string::npos);
  auto r = runCli(base() + " --encryption-key " + kKey + " call --system " + readCall());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(json::parse(r.out)[0]["ssn"], "SSN-FLAG-1");
  // Without --system the guarded field is not shown.
  auto plain = runCli(base() + " --encryption-key " + kKey + " call " + readCall());
  ASSERT_EQ(plain.exit_code, 0);
  EXPECT_FALSE(json::parse(plain.out)[0].contains("ssn"));
}

TEST_F(EncryptionCliTest, EnvironmentKeyRoundTrip) {
  setenv("LITESTONE_ENCRYPTION_KEY", kKey, 1);
  auto w = runCli(base() + " call --system " + createCall("SSN-ENV-1"));
  ASSERT_EQ(w.exit_code, 0) << w.out << w.err;
  EXPECT_TRUE(storedSsn().starts_with("v1:"));
  auto r = runCli(base() + " call --system " + readCall());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(json::parse(r.out)[0]["ssn"], "SSN-ENV-1");
  // The flag wins over the environment.
  setenv("LITESTONE_ENCRYPTION_KEY", kWrongKey, 1);
  auto flag = runCli(base() + " --encryption-key " + kKey + " call --system " + readCall());
  ASSERT_EQ(flag.exit_code, 0) << flag.out << flag.err;
  EXPECT_EQ(json::parse(flag.out)[0]["ssn"], "SSN-ENV-1");
}

TEST_F(EncryptionCliTest, KeyErrorsPrintTheirCodeAndExitOne) {
  auto missing = runCli(base() + " call --system " + createCall("x"));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(json::parse(missing.out)["error"]["code"], "ENCRYPTION_KEY_MISSING");

  auto malformed = runCli(base() + " --encryption-key 00112233zz call --system " + readCall());
  EXPECT_EQ(malformed.exit_code, 1);
  EXPECT_EQ(json::parse(malformed.out)["error"]["code"], "ENCRYPTION_KEY_INVALID");
  EXPECT_EQ(malformed.out.find("00112233zz"), std::string::npos);
  EXPECT_EQ(malformed.err.find("00112233zz"), std::string::npos);

  ASSERT_EQ(runCli(base() + " --encryption-key " + kKey + " call --system " + createCall("y")).exit_code, 0);
  auto wrong = runCli(base() + " --encryption-key " + kWrongKey + " call --system " + readCall());
  EXPECT_EQ(wrong.exit_code, 1);
  json err = json::parse(wrong.out)["error"];
  EXPECT_EQ(err["code"], "DECRYPTION_FAILED");
  EXPECT_EQ(err["meta"]["model"], "people");
  EXPECT_EQ(err["meta"]["field"], "ssn");
  EXPECT_EQ(wrong.out.find(kWrongKey), std::string::npos);
  EXPECT_EQ(wrong.err.find(kWrongKey), std::string::npos);
}

TEST_F(EncryptionCliTest, RotateKeyReencryptsAndTheOldKeyStopsWorking) {
  for (const char* ssn : {"R-1", "R-2", "R-3"})
    ASSERT_EQ(runCli(base() + " --encryption-key " + kKey + " call --system " + createCall(ssn)).exit_code,
              0);
  std::string before = storedSsn();
  auto r = runCli(base() + " --encryption-key " + kKey + " rotate-key --json --new-key " + kWrongKey);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(json::parse(r.out), json({{"rows", 3}, {"values", 3}}));
  EXPECT_NE(storedSsn(), before);
  EXPECT_EQ(r.err.find(kKey), std::string::npos);
  auto with_new = runCli(base() + " --encryption-key " + kWrongKey + " call --system " + readCall());
  ASSERT_EQ(with_new.exit_code, 0) << with_new.out;
  EXPECT_EQ(json::parse(with_new.out)[2]["ssn"], "R-3");
  auto with_old = runCli(base() + " --encryption-key " + kKey + " call --system " + readCall());
  EXPECT_EQ(json::parse(with_old.out)["error"]["code"], "DECRYPTION_FAILED");
  // The current key from the environment works the same.
  setenv("LITESTONE_ENCRYPTION_KEY", kWrongKey, 1);
  auto back = runCli(base() + " rotate-key --new-key " + std::string(kKey));
  ASSERT_EQ(back.exit_code, 0) << back.out << back.err;
  EXPECT_NE(back.out.find("re-encrypted 3 values"), std::string::npos) << back.out;
}

TEST_F(EncryptionCliTest, RotateKeyErrors) {
  EXPECT_EQ(runCli(base() + " --encryption-key " + kKey + " rotate-key").exit_code, 2);  // --new-key required
  auto bad = runCli(base() + " --encryption-key " + kKey + " rotate-key --new-key 1234");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("ENCRYPTION_KEY_INVALID"), std::string::npos) << bad.err;
  auto missing = runCli(base() + " rotate-key --new-key " + std::string(kKey));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("ENCRYPTION_KEY_MISSING"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace litestone
