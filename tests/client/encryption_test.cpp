// @encrypted end to end on a real database file: what SQLite stores, every
// write path, reads with include/select, and every failure (missing key,
// malformed key, wrong key, changed or moved ciphertext).

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "litestone/litestone.hpp"
#include "testing.hpp"

namespace litestone {
namespace {

constexpr const char* kKey = "7f3c1a9e5b2d4c6f8a0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a";
constexpr const char* kOtherKey = "0000000000000000000000000000000000000000000000000000000000000001";

constexpr const char* kSchema = R"(
model accounts {
  id    Integer @id
  name  Text
  users users[]
}

model users {
  id        Integer  @id
  account   accounts @relation(fields: [accountId], references: [id])
  accountId Integer
  email     Text     @unique
  ssn       Text?    @encrypted
  note      Text?    @encrypted @trim @length(1, 40)
}

model tokens {
  id    Text @id @default(uuid())
  value Text @encrypted
}
)";

std::string fileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class EncryptionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<Client>(open(kKey));
    autoMigrate(*db_);
    account_ = (*db_)["accounts"].create({{"data", {{"name", "Acme"}}}})["id"];
  }

  Client open(const std::string& key, QueryObserver observer = {}, const std::string& strategy = "batched") {
    ClientOptions options;
    options.schema = kSchema;
    options.db = dir_.file("app.db");
    options.encryption_key = key;
    options.onQuery = std::move(observer);
    options.include_strategy = strategy;
    return createClient(options);
  }

  Client& db() { return *db_; }
  // What SQLite holds in users.<column> for email, bypassing the ORM.
  json raw(const std::string& column, const std::string& email) {
    json rows = db().sql("SELECT \"" + column + "\" AS v FROM users WHERE email = ?", {email});
    return rows.empty() ? json() : rows[0]["v"];
  }
  json user(const std::string& email) {
    return db().asSystem()["users"].findFirst({{"where", {{"email", email}}}});
  }
  json newUser(const std::string& email, const std::string& ssn) {
    return db().asSystem()["users"].create(
        {{"data", {{"accountId", account_}, {"email", email}, {"ssn", ssn}}}});
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
  std::unique_ptr<Client> db_;
  json account_;
};

void expectSealed(const json& v) {
  ASSERT_TRUE(v.is_string()) << v.dump();
  EXPECT_TRUE(v.get<std::string>().starts_with("v1:")) << v.dump();
}

TEST_F(EncryptionTest, ColumnHoldsCiphertextAndSystemReadsPlaintext) {
  json created = newUser("a@x.io", "123-45-6789");
  EXPECT_EQ(created["ssn"], "123-45-6789");  // RETURNING row, opened
  expectSealed(raw("ssn", "a@x.io"));
  EXPECT_EQ(raw("ssn", "a@x.io").get<std::string>().find("123-45"), std::string::npos);
  EXPECT_EQ(user("a@x.io")["ssn"], "123-45-6789");
  // @encrypted implies @guarded(all): a normal read does not show it.
  json plain = db()["users"].findFirst({{"where", {{"email", "a@x.io"}}}});
  EXPECT_FALSE(plain.contains("ssn"));
  EXPECT_EQ(plain["email"], "a@x.io");
}

TEST_F(EncryptionTest, SameValueSealsDifferentlyEachTime) {
  newUser("a@x.io", "same");
  newUser("b@x.io", "same");
  EXPECT_NE(raw("ssn", "a@x.io"), raw("ssn", "b@x.io"));
}

TEST_F(EncryptionTest, NullStaysNullAndValidatorsSeePlaintext) {
  auto sys = db().asSystem();
  sys["users"].create({{"data", {{"accountId", account_}, {"email", "n@x.io"}}}});
  EXPECT_TRUE(raw("ssn", "n@x.io").is_null());
  EXPECT_TRUE(user("n@x.io")["ssn"].is_null());
  // @trim ran on the plaintext, @length counted plaintext characters.
  sys["users"].update({{"where", {{"email", "n@x.io"}}}, {"data", {{"note", "  hello  "}}}});
  EXPECT_EQ(user("n@x.io")["note"], "hello");
  try {
    sys["users"].update({{"where", {{"email", "n@x.io"}}}, {"data", {{"note", std::string(41, 'x')}}}});
    FAIL() << "expected a validation error";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.meta()["errors"][0]["field"], "note");
  }
  EXPECT_EQ(user("n@x.io")["note"], "hello");
}

TEST_F(EncryptionTest, EveryWritePathSeals) {
  auto sys = db().asSystem();
  auto users = sys["users"];
  users.createMany(
      {{"data", json::array({{{"accountId", account_}, {"email", "m1@x.io"}, {"ssn", "many-1"}},
                             {{"accountId", account_}, {"email", "m2@x.io"}, {"ssn", "many-2"}}})}});
  newUser("u@x.io", "before");
  users.update({{"where", {{"email", "u@x.io"}}}, {"data", {{"ssn", "updated"}}}});
  users.updateMany({{"where", {{"email", {{"in", json::array({"m1@x.io", "m2@x.io"})}}}}},
                    {"data", {{"note", "bulk note"}}}});
  users.upsert({{"where", {{"email", "up@x.io"}}},
                {"create", {{"accountId", account_}, {"email", "up@x.io"}, {"ssn", "upsert-created"}}},
                {"update", {{"ssn", "upsert-updated"}}}});
  users.upsert({{"where", {{"email", "u@x.io"}}},
                {"create", {{"accountId", account_}, {"email", "u@x.io"}, {"ssn", "never"}}},
                {"update", {{"note", "upsert-updated"}}}});
  users.upsertMany(
      {{"data", json::array({{{"accountId", account_}, {"email", "um@x.io"}, {"ssn", "upsert-many"}}})},
       {"conflictTarget", "email"}});
  sys["accounts"].create(
      {{"data",
        {{"name", "Nested"},
         {"users", {{"create", json::array({{{"email", "nc@x.io"}, {"ssn", "nested-create"}}})}}}}}});
  sys["accounts"].update({{"where", {{"id", account_}}},
                          {"data",
                           {{"users",
                             {{"update", json::array({{{"where", {{"email", "m1@x.io"}}},
                                                       {"data", {{"ssn", "nested-update"}}}}})}}}}}});

  std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"m1@x.io", {"nested-update", "bulk note"}},
      {"m2@x.io", {"many-2", "bulk note"}},
      {"u@x.io", {"updated", "upsert-updated"}},
      {"up@x.io", {"upsert-created", ""}},
      {"um@x.io", {"upsert-many", ""}},
      {"nc@x.io", {"nested-create", ""}},
  };
  for (const auto& [email, values] : expected) {
    SCOPED_TRACE(email);
    expectSealed(raw("ssn", email));
    json u = user(email);
    EXPECT_EQ(u["ssn"], values.first);
    if (values.second.empty()) {
      EXPECT_TRUE(raw("note", email).is_null());
    } else {
      expectSealed(raw("note", email));
      EXPECT_EQ(u["note"], values.second);
    }
  }
  // Text primary keys from @default(uuid()) work the same.
  json t = db().asSystem()["tokens"].create({{"data", {{"value", "tok"}}}});
  EXPECT_EQ(t["value"], "tok");
  expectSealed(db().sql("SELECT value FROM tokens")[0]["value"]);
}

TEST_F(EncryptionTest, IncludeAndSelectOpenValuesWithEitherStrategy) {
  newUser("a@x.io", "111");
  newUser("b@x.io", "222");
  for (const char* strategy : {"batched", "json"}) {
    SCOPED_TRACE(strategy);
    auto sys = open(kKey, {}, strategy).asSystem();
    json acc = sys["accounts"].findFirst({{"include", {{"users", {{"select", {{"ssn", true}}}}}}}});
    ASSERT_EQ(acc["users"].size(), 2u);
    EXPECT_EQ(acc["users"][0], json({{"ssn", "111"}}));
    EXPECT_EQ(acc["users"][1], json({{"ssn", "222"}}));
    json u =
        sys["users"].findMany({{"select", {{"ssn", true}, {"account", {{"select", {{"name", true}}}}}}}});
    EXPECT_EQ(u[1]["ssn"], "222");
    EXPECT_EQ(u[1]["account"]["name"], "Acme");
  }
}

TEST_F(EncryptionTest, FileAndWalHoldNoPlaintext) {
  std::vector<std::string> secrets;
  for (int i = 0; i < 20; ++i) {
    secrets.push_back("PLAINTEXT-SECRET-" + std::to_string(1000 + i));
    newUser("u" + std::to_string(i) + "@x.io", secrets.back());
  }
  db().asSystem()["users"].update(
      {{"where", {{"email", "u0@x.io"}}}, {"data", {{"note", "NOTE-PLAINTEXT-X"}}}});
  secrets.push_back("NOTE-PLAINTEXT-X");
  std::string bytes = fileBytes(dir_.file("app.db")) + fileBytes(dir_.file("app.db-wal"));
  ASSERT_NE(bytes.find("u19@x.io"), std::string::npos);  // the scan sees unencrypted columns
  for (const auto& s : secrets) EXPECT_EQ(bytes.find(s), std::string::npos) << s;
  db().close();
  bytes = fileBytes(dir_.file("app.db")) + fileBytes(dir_.file("app.db-wal"));
  ASSERT_NE(bytes.find("u19@x.io"), std::string::npos);
  for (const auto& s : secrets) EXPECT_EQ(bytes.find(s), std::string::npos) << s;
}

TEST_F(EncryptionTest, OnQueryParamsNeverShowPlaintextOrKey) {
  std::vector<QueryEvent> events;
  auto observed = open(kKey, [&](const QueryEvent& e) { events.push_back(e); }).asSystem();
  observed["users"].create(
      {{"data", {{"accountId", account_}, {"email", "o@x.io"}, {"ssn", "OBSERVED-SSN"}}}});
  observed["users"].update({{"where", {{"email", "o@x.io"}}}, {"data", {{"ssn", "OBSERVED-2"}}}});
  ASSERT_FALSE(events.empty());
  bool saw_sealed = false;
  for (const auto& e : events) {
    std::string params = e.params.dump();
    EXPECT_EQ(params.find("OBSERVED"), std::string::npos) << params;
    EXPECT_EQ(params.find(kKey), std::string::npos);
    EXPECT_EQ(e.sql.find("OBSERVED"), std::string::npos) << e.sql;  // bound, never inlined
    EXPECT_EQ(e.sql.find("v1:"), std::string::npos) << e.sql;
    saw_sealed = saw_sealed || params.find("\"v1:") != std::string::npos;
  }
  EXPECT_TRUE(saw_sealed);
}

TEST_F(EncryptionTest, TamperedCiphertextFailsNamingModelFieldAndRow) {
  json u = newUser("t@x.io", "original");
  std::string sealed = raw("ssn", "t@x.io").get<std::string>();
  std::string changed = sealed;
  changed[10] = changed[10] == 'A' ? 'B' : 'A';
  db().sql("UPDATE users SET ssn = ? WHERE email = ?", {changed, "t@x.io"});
  try {
    user("t@x.io");
    FAIL() << "expected DECRYPTION_FAILED";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "DECRYPTION_FAILED");
    EXPECT_EQ(e.meta()["model"], "users");
    EXPECT_EQ(e.meta()["field"], "ssn");
    EXPECT_EQ(e.meta()["row"], json({{"id", u["id"]}}));
    EXPECT_NE(std::string(e.what()).find("users"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find(kKey), std::string::npos);
  }
  // Not base64 at all, or plaintext left from before encryption: same error.
  for (std::string bad : {std::string("v1:***"), std::string("legacy plaintext"), sealed.substr(0, 12)}) {
    db().sql("UPDATE users SET ssn = ? WHERE email = ?", {bad, "t@x.io"});
    EXPECT_EQ(codeOf([&] { user("t@x.io"); }), "DECRYPTION_FAILED") << bad;
  }
  db().sql("UPDATE users SET ssn = ? WHERE email = ?", {sealed, "t@x.io"});
  EXPECT_EQ(user("t@x.io")["ssn"], "original");
}

TEST_F(EncryptionTest, CiphertextMovedToAnotherColumnFails) {
  newUser("m@x.io", "moved");
  db().sql("UPDATE users SET note = ssn WHERE email = ?", {"m@x.io"});
  EXPECT_EQ(codeOf([&] { user("m@x.io"); }), "DECRYPTION_FAILED");
  // A table with the same column name is a different place too.
  db().asSystem()["tokens"].create({{"data", {{"value", "tok"}}}});
  db().sql("UPDATE users SET ssn = (SELECT value FROM tokens) WHERE email = ?", {"m@x.io"});
  db().sql("UPDATE users SET note = NULL WHERE email = ?", {"m@x.io"});
  EXPECT_EQ(codeOf([&] { user("m@x.io"); }), "DECRYPTION_FAILED");
}

TEST_F(EncryptionTest, WrongKeyFailsToReadAndNormalReadsStillWork) {
  newUser("w@x.io", "secret");
  Client other = open(kOtherKey);
  EXPECT_EQ(codeOf([&] { other.asSystem()["users"].findMany(); }), "DECRYPTION_FAILED");
  EXPECT_EQ(other["users"].findFirst()["email"], "w@x.io");  // guarded field not read
}

TEST_F(EncryptionTest, MissingKeyRefusesWritesAndSystemReadsAndChangesNothing) {
  newUser("k@x.io", "secret");
  Client keyless = open("");
  json before = db().sql("SELECT * FROM users ORDER BY id");
  try {
    keyless.asSystem()["users"].create(
        {{"data", {{"accountId", account_}, {"email", "z@x.io"}, {"ssn", "x"}}}});
    FAIL() << "expected ENCRYPTION_KEY_MISSING";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "ENCRYPTION_KEY_MISSING");
    EXPECT_EQ(e.meta()["model"], "users");
    EXPECT_EQ(e.meta()["field"], "ssn");
  }
  EXPECT_EQ(codeOf([&] {
              keyless["users"].updateMany({{"where", json::object()}, {"data", {{"ssn", "x"}}}});
            }),
            "ENCRYPTION_KEY_MISSING");
  EXPECT_EQ(db().sql("SELECT * FROM users ORDER BY id"), before);
  EXPECT_EQ(codeOf([&] { keyless.asSystem()["users"].findMany(); }), "ENCRYPTION_KEY_MISSING");
  // Writes and reads that do not touch encrypted values need no key.
  keyless["users"].create({{"data", {{"accountId", account_}, {"email", "plain@x.io"}}}});
  EXPECT_EQ(keyless["users"].count(), 2);
}

TEST_F(EncryptionTest, MalformedKeyIsRefusedAtOpenWithoutEchoingIt) {
  std::string short_key = std::string(kKey).substr(0, 40);
  std::string bad_char = std::string(kKey).substr(0, 63) + "x";
  for (const auto& key : {short_key, bad_char}) {
    try {
      open(key);
      FAIL() << "expected ENCRYPTION_KEY_INVALID";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), "ENCRYPTION_KEY_INVALID");
      EXPECT_EQ(std::string(e.what()).find(key.substr(0, 20)), std::string::npos) << e.what();
      EXPECT_EQ(e.meta().dump().find(key.substr(0, 20)), std::string::npos);
    }
  }
}

TEST_F(EncryptionTest, FiltersSortsAndAggregatesOnEncryptedFieldsAreRefused) {
  newUser("f@x.io", "123");
  auto users = db().asSystem()["users"];
  EXPECT_EQ(codeOf([&] { users.findMany({{"where", {{"ssn", "123"}}}}); }), "QUERY_ENCRYPTED_FIELD");
  EXPECT_EQ(codeOf([&] {
              users.findMany({{"where", {{"OR", json::array({{{"ssn", {{"contains", "1"}}}}})}}}});
            }),
            "QUERY_ENCRYPTED_FIELD");
  EXPECT_EQ(codeOf([&] { users.findMany({{"orderBy", {{"ssn", "asc"}}}}); }), "QUERY_ENCRYPTED_FIELD");
  EXPECT_EQ(codeOf([&] { users.count({{"where", {{"note", nullptr}}}}); }), "QUERY_ENCRYPTED_FIELD");
  EXPECT_EQ(codeOf([&] {
              users.updateMany({{"where", {{"ssn", "123"}}}, {"data", {{"note", "x"}}}});
            }),
            "QUERY_ENCRYPTED_FIELD");
  EXPECT_EQ(codeOf([&] {
              db().asSystem()["accounts"].findMany({{"where", {{"users", {{"some", {{"ssn", "123"}}}}}}}});
            }),
            "QUERY_ENCRYPTED_FIELD");
  EXPECT_EQ(codeOf([&] {
              users.call("groupBy", {{"by", json::array({"ssn"})}, {"_count", true}});
            }),
            "QUERY_ENCRYPTED_FIELD");
  try {
    users.findMany({{"where", {{"ssn", "123"}}}});
  } catch (const QueryError& e) {
    EXPECT_EQ(e.meta()["field"], "ssn");
    EXPECT_NE(std::string(e.what()).find("@encrypted"), std::string::npos);
  }
}

TEST(EncryptionSchemaTest, UnbuiltProtectionFeaturesAreRefusedAtOpen) {
  testing::TempDir dir;
  auto codeFor = [&](const std::string& model_body) {
    ClientOptions options;
    options.schema = "model things {\n  id Integer @id\n" + model_body + "\n}\n";
    options.db = dir.file("x.db");
    options.encryption_key = kKey;
    try {
      createClient(options);
    } catch (const Error& e) {
      return e.code() + ": " + e.what();
    }
    return std::string("accepted");
  };
  EXPECT_TRUE(codeFor("  code Text @encrypted(searchable: true)").starts_with("FEATURE_UNSUPPORTED"));
  EXPECT_TRUE(codeFor("  code Text @secret").starts_with("FEATURE_UNSUPPORTED"));
  EXPECT_TRUE(codeFor("  code Text @unique @encrypted").starts_with("FEATURE_UNSUPPORTED"));
  EXPECT_TRUE(
      codeFor("  a Text @encrypted\n  b Text\n  @@unique([a, b])").starts_with("FEATURE_UNSUPPORTED"));
  EXPECT_EQ(codeFor("  code Text @encrypted"), "accepted");
}

}  // namespace
}  // namespace litestone
