#pragma once

// A real database file with the write tests' schema, pushed, plus a dump of
// every table to prove that rejected writes change nothing.

#include <gtest/gtest.h>

#include <string>

#include "litestone/litestone.hpp"
#include "testing.hpp"

namespace litestone::write_test {

inline constexpr const char* kSchema = R"(
enum Role { admin member }

model accounts {
  id     Integer  @id
  name   Text     @trim
  users  users[]
  quotes quotes[]
}

model users {
  id        Integer  @id
  account   accounts @relation(fields: [accountId], references: [id])
  accountId Integer
  email     Text     @unique @email @lower @trim
  name      Text?
  role      Role     @default(member)
  score     Real     @default(0)
  active    Boolean  @default(true)
  createdAt DateTime @default(now())
  updatedAt DateTime @updatedAt
  posts     posts[]
  tags      tags[]
}

model posts {
  id        Integer   @id
  author    users     @relation(fields: [authorId], references: [id])
  authorId  Integer
  title     Text      @length(1, 100)
  deletedAt DateTime?

  @@softDelete
}

model tags {
  id    Integer @id
  name  Text    @unique
  users users[]
}

model quotes {
  id        Integer  @id
  account   accounts @relation(fields: [accountId], references: [id])
  accountId Integer
  number    Integer  @sequence(scope: accountId)
}
)";

class WriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClientOptions options;
    options.schema = kSchema;
    options.db = dir_.file("app.db");
    db_ = std::make_unique<Client>(createClient(options));
    autoMigrate(*db_);
  }

  Client& db() { return *db_; }
  ModelClient m(const char* name) { return (*db_)[name]; }

  // Every table, every row, in rowid order.
  json dump() {
    json out = json::object();
    for (const auto& t : db().sql("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
      out[t["name"].get<std::string>()] =
          db().sql("SELECT * FROM \"" + t["name"].get<std::string>() + "\" ORDER BY rowid");
    return out;
  }

  json account(const char* name = "Acme") { return m("accounts").create({{"data", {{"name", name}}}}); }
  json user(int64_t account_id, const std::string& email) {
    return m("users").create({{"data", {{"accountId", account_id}, {"email", email}}}});
  }

  testing::TempDir dir_;
  std::unique_ptr<Client> db_;
};

// Runs fn, expects it to throw E, and checks the database did not change.
#define LITESTONE_EXPECT_REJECTED_UNCHANGED(E, stmt) \
  do {                                               \
    json before_ = dump();                           \
    EXPECT_THROW(stmt, E);                           \
    EXPECT_EQ(dump(), before_);                      \
  } while (0)

}  // namespace litestone::write_test
