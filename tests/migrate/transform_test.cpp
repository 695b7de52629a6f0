// transform on real database files: anonymized output that still passes the
// schema's validators and foreign keys, deterministic values, shards, and a
// source that is never written.

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "litestone/litestone.hpp"
#include "migrate/transform.hpp"
#include "testing.hpp"

namespace litestone::migrate {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

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
  email     Text     @unique @email
  name      Text     @length(1, 60)
  phone     Text?
  bio       Text?
  age       Integer  @gte(0) @lte(150)
}
)";

Client seeded(const TempDir& dir) {
  Client db = createClient({.schema = kSchema, .db = dir.file("src.db")});
  autoMigrate(db);
  for (int a = 1; a <= 4; ++a)
    db["accounts"].create({{"data", {{"id", a}, {"name", "acct" + std::to_string(a)}}}});
  for (int i = 1; i <= 40; ++i) {
    db["users"].create({{"data",
                         {{"accountId", 1 + i % 4},
                          {"email", "real" + std::to_string(i) + "@corp.com"},
                          {"name", "Real Person " + std::to_string(i)},
                          {"phone", "+44 20 7946 " + std::to_string(1000 + i)},
                          {"bio", i % 3 == 0 ? json(nullptr) : json("secret bio " + std::to_string(i))},
                          {"age", 20 + i}}}});
  }
  return db;
}

const json kRules = {{"email", "email"},
                     {"name", "name"},
                     {"phone", "phone"},
                     {"bio", "text"},
                     {"age", {{"range", {18, 90}}}}};

TEST(TransformTest, AnonymizesDeterministicallyAndOutputIsValid) {
  TempDir dir;
  Client src = seeded(dir);
  auto before = fs::last_write_time(dir.file("src.db"));
  json report = transform(src, {{"target", dir.file("dev.db")}, {"models", {{"users", kRules}}}});
  EXPECT_EQ(report["targets"][0]["rows"]["users"], 40);
  EXPECT_EQ(report["targets"][0]["rows"]["accounts"], 4);

  Client dev = createClient({.schema = kSchema, .db = dir.file("dev.db")});
  json rows = dev["users"].findMany({{"orderBy", {{"id", "asc"}}}});
  ASSERT_EQ(rows.size(), 40u);
  std::set<std::string> emails;
  for (const auto& r : rows) {
    std::string email = r["email"];
    EXPECT_EQ(email.find("corp.com"), std::string::npos) << email;
    EXPECT_EQ(r["name"].get<std::string>().find("Real"), std::string::npos);
    EXPECT_EQ(r["phone"].get<std::string>().find("7946"), std::string::npos);
    EXPECT_GE(r["age"].get<int64_t>(), 18);
    EXPECT_LE(r["age"].get<int64_t>(), 90);
    if (r["id"].get<int>() % 3 == 0) {
      EXPECT_TRUE(r["bio"].is_null());
    }
    emails.insert(email);
    // The schema's validators accept the anonymized values as they are.
    EXPECT_NO_THROW(
        dev["users"].update({{"where", {{"id", r["id"]}}},
                             {"data", {{"email", r["email"]}, {"name", r["name"]}, {"age", r["age"]}}}}));
  }
  EXPECT_EQ(emails.size(), 40u);
  EXPECT_EQ(dev.sql("PRAGMA foreign_key_check").size(), 0u);

  // Deterministic: a second run gives the same values.
  transform(src, {{"target", dir.file("dev2.db")}, {"models", {{"users", kRules}}}});
  Client dev2 = createClient({.schema = kSchema, .db = dir.file("dev2.db")});
  EXPECT_EQ(dev2["users"].findMany({{"orderBy", {{"id", "asc"}}}}), rows);
  // The source is untouched.
  EXPECT_EQ(src["users"].findFirst({{"where", {{"id", 1}}}})["email"], "real1@corp.com");
  EXPECT_EQ(fs::last_write_time(dir.file("src.db")), before);
}

TEST(TransformTest, ShardsRowsByKeyIntoNDatabases) {
  TempDir dir;
  Client src = seeded(dir);
  json report =
      transform(src, {{"target", dir.file("shard-{shard}.db")},
                      {"shard", {{"count", 2}, {"by", {{"accounts", "id"}, {"users", "accountId"}}}}}});
  ASSERT_EQ(report["targets"].size(), 2u);
  int64_t users = 0, accounts = 0;
  for (int k = 0; k < 2; ++k) {
    Client shard = createClient({.schema = kSchema, .db = dir.file("shard-" + std::to_string(k) + ".db")});
    users += shard["users"].count();
    accounts += shard["accounts"].count();
    EXPECT_EQ(shard.sql("PRAGMA foreign_key_check").size(), 0u);
    EXPECT_GT(shard["users"].count(), 0);
  }
  EXPECT_EQ(users, 40);
  EXPECT_EQ(accounts, 4);
}

TEST(TransformTest, BadConfigNamesTheFieldAndAllowedValuesAndWritesNothing) {
  TempDir dir;
  Client src = seeded(dir);
  auto expectBad = [&](const json& config, const std::string& needle) {
    try {
      transform(src, config);
      FAIL() << config.dump();
    } catch (const QueryError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(dir.file("out.db")));
  };
  std::string out = dir.file("out.db");
  expectBad({{"target", out}, {"models", {{"users", {{"email", "scramble"}}}}}}, "\"keep\"");
  expectBad({{"target", out}, {"models", {{"users", {{"nope", "keep"}}}}}}, "users.nope");
  expectBad({{"target", out}, {"models", {{"users", {{"email", "null"}}}}}}, "optional");
  expectBad({{"target", out}, {"models", {{"users", {{"email", {{"range", {1, 2}}}}}}}}}, "Integer or Real");
  expectBad({{"target", out}, {"extra", 1}}, "extra");
  expectBad({{"target", out}, {"shard", {{"count", 2}, {"by", {{"users", "accountId"}}}}}}, "{shard}");
  expectBad({{"target", dir.file("src.db")}}, "source");
}

}  // namespace
}  // namespace litestone::migrate
