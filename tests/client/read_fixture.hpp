#pragma once

// Optional Json columns hold JSON text in every row: the ddl's CHECK
// (json_valid) rejects NULL on SQLite 3.40 (reported to the ddl branch).
//
// A real database file with a small catalog for the read tests: accounts →
// users → posts (soft delete) ↔ tags (many-to-many), enums, typed Json,
// Json, Blob, Boolean, DateTime, @omit, @omit(all), @guarded.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "client/access.hpp"
#include "client/state.hpp"
#include "litestone/litestone.hpp"
#include "testing.hpp"

namespace litestone::testing {

inline const char* kReadSchema = R"(
enum Role { admin member guest }

type Address {
  city Text
  zip  Text?
}

model accounts {
  id    Integer @id
  name  Text
  plan  Text
  users users[]
}

model users {
  id         Integer  @id
  account    accounts @relation(fields: [accountId], references: [id])
  accountId  Integer
  email      Text     @unique
  name       Text?
  role       Role     @default(member)
  score      Real?
  active     Boolean  @default(true)
  createdAt  DateTime
  address    Address?
  meta       Json?
  avatar     Blob?
  note       Text?    @omit
  hash       Text?    @omit(all)
  salary     Integer? @guarded
  posts      posts[]

  @@index([accountId])
}

model posts {
  id        Integer   @id
  author    users     @relation(fields: [authorId], references: [id])
  authorId  Integer
  title     Text
  status    Text
  views     Integer   @default(0)
  tags      tags[]
  deletedAt DateTime?

  @@softDelete
  @@index([authorId])
}

model tags {
  id    Integer @id
  label Text    @unique
  posts posts[]
}
)";

// Runs SQL on the write connection of the main database.
inline void execSql(const Client& db, const std::string& sql) {
  detail::stateOf(db).mainDatabase().transaction([&](engine::Connection& c) { c.exec(sql); });
}

inline std::string joinTable(const Client& db, const std::string& model, const std::string& field) {
  auto* f = detail::stateOf(db).schema->model(model)->field(field);
  return f->relation->join_table;
}

class ReadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClientOptions o;
    o.schema = kReadSchema;
    o.db = dir_.file("app.db");
    o.include_strategy = include_strategy_;
    db_ = std::make_unique<Client>(createClient(o));
    autoMigrate(*db_);
    seed();
  }

  virtual void seed() {
    execSql(*db_,
            "INSERT INTO accounts (id, name, plan) VALUES (1, 'Acme', 'pro'), (2, 'Globex', 'free');"
            "INSERT INTO users (id, accountId, email, name, role, score, active, createdAt, address, meta, "
            "avatar, note, hash, salary) VALUES "
            "(1, 1, 'ann@acme.co', 'Ann', 'admin', 9.5, 1, '2024-01-01T00:00:00.000Z', "
            "'{\"city\":\"NYC\",\"zip\":\"10001\"}', '{\"tier\":3}', X'00FF10', 'n1', 'h1', 100),"
            "(2, 1, 'bob@acme.co', 'Bob', 'member', 7.0, 0, '2024-02-01T00:00:00.000Z', "
            "'{\"city\":\"LA\",\"zip\":null}', '[1,2]', NULL, NULL, NULL, 200),"
            "(3, 2, 'cy@globex.co', NULL, 'guest', NULL, 1, '2024-03-01T00:00:00.000Z', '{}', 'null', "
            "NULL, NULL, NULL, NULL),"
            "(4, 2, 'dee_100%@globex.co', 'Dee', 'admin', 8.25, 1, '2024-04-01T00:00:00.000Z', "
            "'{\"city\":\"NYC\"}', '\"x\"', NULL, NULL, NULL, NULL);"
            "INSERT INTO posts (id, authorId, title, status, views, deletedAt) VALUES "
            "(1, 1, 'Hello', 'published', 10, NULL),"
            "(2, 1, 'Draft', 'draft', 0, NULL),"
            "(3, 1, 'Gone', 'published', 5, '2024-05-01T00:00:00.000Z'),"
            "(4, 2, 'Bob post', 'published', 3, NULL),"
            "(5, 4, 'Dee post', 'draft', 7, NULL);"
            "INSERT INTO tags (id, label) VALUES (1, 'news'), (2, 'tech'), (3, 'misc');");
    std::string jt = joinTable(*db_, "posts", "tags");
    auto* rel = detail::stateOf(*db_).schema->model("posts")->field("tags")->relation;
    execSql(*db_, "INSERT INTO \"" + jt + "\" (\"" + rel->join_from_column + "\", \"" + rel->join_to_column +
                      "\") VALUES (1, 1), (1, 2), (2, 2), (4, 1), (3, 3);");
  }

  // Every statement run while fn runs.
  template <class Fn>
  std::vector<QueryEvent> capture(Fn fn) {
    std::vector<QueryEvent> events;
    auto stop = db_->tapQuery([&](const QueryEvent& e) { events.push_back(e); });
    fn();
    stop();
    return events;
  }

  static std::vector<int64_t> ids(const json& rows) {
    std::vector<int64_t> out;
    for (auto& r : rows) out.push_back(r.at("id").get<int64_t>());
    return out;
  }

  ModelClient users() { return (*db_)["users"]; }
  ModelClient posts() { return (*db_)["posts"]; }

  TempDir dir_;
  std::unique_ptr<Client> db_;
  std::string include_strategy_ = "batched";
};

// The include tests run under both ClientOptions::include_strategy values.
class IncludeTest : public ReadTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    include_strategy_ = GetParam();
    ReadTest::SetUp();
  }
};

}  // namespace litestone::testing
