// Single-row and bulk write actions on a real database file.

#include "write_fixture.hpp"

namespace litestone::write_test {
namespace {

TEST_F(WriteTest, CreateReturnsTheDecodedRowWithDefaults) {
  json a = account("  Acme  ");
  EXPECT_EQ(a["name"], "Acme");
  json u = m("users").create({{"data", {{"accountId", a["id"]}, {"email", " Ann@X.io "}}}});
  EXPECT_EQ(u["email"], "ann@x.io");
  EXPECT_EQ(u["role"], "member");
  EXPECT_EQ(u["active"], true);  // stored 0/1, returned as bool
  EXPECT_EQ(u["score"], 0);
  EXPECT_EQ(u["createdAt"].get<std::string>().size(), 24u);
  EXPECT_EQ(u["createdAt"], u["updatedAt"]);
  EXPECT_TRUE(u["id"].is_number_integer());
}

TEST_F(WriteTest, CreateWithSelectFalseReturnsNullAndWrites) {
  json r = m("accounts").create({{"data", {{"name", "A"}}}, {"select", false}});
  EXPECT_TRUE(r.is_null());
  EXPECT_EQ(m("accounts").count(), 1);
}

TEST_F(WriteTest, CreateWithSelectAppliesIt) {
  json r = m("accounts").create({{"data", {{"name", "A"}}}, {"select", {{"name", true}}}});
  EXPECT_EQ(r, json({{"name", "A"}}));
}

TEST_F(WriteTest, UniqueViolationNamesTheField) {
  json a = account();
  user(a["id"], "a@b.co");
  json before = dump();
  try {
    user(a["id"], "A@B.CO");
    FAIL() << "duplicate accepted";
  } catch (const ConstraintError& e) {
    EXPECT_EQ(e.meta()["fields"], json::array({"email"}));
    EXPECT_EQ(e.meta()["model"], "users");
    EXPECT_NE(std::string(e.what()).find("unique constraint failed on users.email"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(dump(), before);
}

TEST_F(WriteTest, ForeignKeyViolationIsAConstraintError) {
  LITESTONE_EXPECT_REJECTED_UNCHANGED(ConstraintError, user(999, "a@b.co"));
}

TEST_F(WriteTest, ValidationFailureListsEveryFieldAndWritesNothing) {
  json a = account();
  json before = dump();
  try {
    m("users").create(
        {{"data", {{"accountId", a["id"]}, {"email", "nope"}, {"role", "boss"}, {"score", "x"}}}});
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.code(), "VALIDATION_FAILED");
    EXPECT_EQ(e.meta()["errors"].size(), 3u) << e.meta().dump();
  }
  EXPECT_EQ(dump(), before);
}

TEST_F(WriteTest, UnknownDataKeyAndArgumentAreQueryErrors) {
  json a = account();
  LITESTONE_EXPECT_REJECTED_UNCHANGED(
      QueryError, m("users").create({{"data", {{"accountId", a["id"]}, {"email", "a@b.co"}, {"emial", 1}}}}));
  LITESTONE_EXPECT_REJECTED_UNCHANGED(QueryError,
                                      m("accounts").create({{"data", {{"name", "x"}}}, {"dta", 1}}));
  LITESTONE_EXPECT_REJECTED_UNCHANGED(
      QueryError, m("accounts").create({{"data", {{"name\"); DROP TABLE accounts; --", "x"}}}}));
}

TEST_F(WriteTest, InjectionInValuesIsStoredAsData) {
  json a = account("x'); DROP TABLE users; --");
  EXPECT_EQ(a["name"], "x'); DROP TABLE users; --");
  json u =
      m("users").create({{"data", {{"accountId", a["id"]}, {"email", "a@b.co"}, {"name", "\" OR 1=1 --"}}}});
  EXPECT_EQ(u["name"], "\" OR 1=1 --");
  EXPECT_EQ(m("users").count(), 1);
  json found = m("users").findMany({{"where", {{"name", "\" OR 1=1 --"}}}});
  EXPECT_EQ(found.size(), 1u);
}

TEST_F(WriteTest, UpdateReturnsRowOrNull) {
  json a = account();
  json u = user(a["id"], "a@b.co");
  json r = m("users").update({{"where", {{"id", u["id"]}}}, {"data", {{"score", 9.5}, {"name", "Ann"}}}});
  EXPECT_EQ(r["score"], 9.5);
  EXPECT_EQ(r["name"], "Ann");
  EXPECT_GE(r["updatedAt"].get<std::string>(), u["updatedAt"].get<std::string>());
  EXPECT_TRUE(m("users").update({{"where", {{"id", 12345}}}, {"data", {{"score", 1}}}}).is_null());
  json by_email = m("users").update({{"where", {{"email", "a@b.co"}}}, {"data", {{"role", "admin"}}}});
  EXPECT_EQ(by_email["role"], "admin");
  EXPECT_TRUE(m("users")
                  .update({{"where", {{"id", u["id"]}}}, {"data", {{"score", 2}}}, {"select", false}})
                  .is_null());
  EXPECT_EQ(m("users").findUnique({{"where", {{"id", u["id"]}}}})["score"], 2);
}

TEST_F(WriteTest, RejectedUpdateChangesNothing) {
  json a = account();
  json u = user(a["id"], "a@b.co");
  user(a["id"], "c@d.co");
  LITESTONE_EXPECT_REJECTED_UNCHANGED(
      ValidationError, m("users").update({{"where", {{"id", u["id"]}}}, {"data", {{"email", "bad"}}}}));
  LITESTONE_EXPECT_REJECTED_UNCHANGED(
      ConstraintError, m("users").update({{"where", {{"id", u["id"]}}}, {"data", {{"email", "c@d.co"}}}}));
  LITESTONE_EXPECT_REJECTED_UNCHANGED(
      ValidationError, m("users").update({{"where", {{"id", u["id"]}}}, {"data", {{"email", nullptr}}}}));
}

TEST_F(WriteTest, UpsertCreatesThenUpdates) {
  json a = account();
  json args = {{"where", {{"email", "u@x.io"}}},
               {"create", {{"accountId", a["id"]}, {"email", "u@x.io"}, {"score", 1}}},
               {"update", {{"score", 2}}}};
  EXPECT_EQ(m("users").upsert(args)["score"], 1);
  EXPECT_EQ(m("users").upsert(args)["score"], 2);
  EXPECT_EQ(m("users").count(), 1);
}

TEST_F(WriteTest, RemoveIsSoftOnSoftDeleteModelsAndRestoreBringsBack) {
  json a = account();
  json u = user(a["id"], "a@b.co");
  json p = m("posts").create({{"data", {{"authorId", u["id"]}, {"title", "Hi"}}}});
  json removed = m("posts").remove({{"where", {{"id", p["id"]}}}});
  EXPECT_FALSE(removed["deletedAt"].is_null());
  EXPECT_EQ(m("posts").count(), 0);
  EXPECT_EQ(db().sql("SELECT count(*) AS n FROM posts")[0]["n"], 1);
  json restored = m("posts").restore({{"where", {{"id", p["id"]}}}});
  ASSERT_EQ(restored.size(), 1u);
  EXPECT_TRUE(restored[0]["deletedAt"].is_null());
  EXPECT_EQ(m("posts").count(), 1);
}

TEST_F(WriteTest, RemoveIsHardOnOtherModelsAndDeleteIsAlwaysHard) {
  json a = account();
  json b = account("B");
  json gone = m("accounts").remove({{"where", {{"id", a["id"]}}}});
  EXPECT_EQ(gone["name"], "Acme");
  EXPECT_EQ(db().sql("SELECT count(*) AS n FROM accounts")[0]["n"], 1);
  json u = user(b["id"], "a@b.co");
  json p = m("posts").create({{"data", {{"authorId", u["id"]}, {"title", "Hi"}}}});
  EXPECT_EQ(m("posts").del({{"where", {{"id", p["id"]}}}})["title"], "Hi");
  EXPECT_EQ(db().sql("SELECT count(*) AS n FROM posts")[0]["n"], 0);
  EXPECT_TRUE(m("accounts").del({{"where", {{"id", 777}}}}).is_null());
}

TEST_F(WriteTest, BulkOperationsReturnCounts) {
  json a = account();
  json rows = json::array();
  for (int i = 0; i < 5; ++i)
    rows.push_back({{"accountId", a["id"]}, {"email", "u" + std::to_string(i) + "@x.io"}, {"score", i}});
  EXPECT_EQ(m("users").createMany({{"data", rows}}), json({{"count", 5}}));
  EXPECT_EQ(m("users").updateMany({{"where", {{"score", {{"gte", 3}}}}}, {"data", {{"role", "admin"}}}}),
            json({{"count", 2}}));
  EXPECT_EQ(m("users").count({{"where", {{"role", "admin"}}}}), 2);
  json u0 = m("users").findFirst({{"where", {{"email", "u0@x.io"}}}});
  json posts = json::array();
  for (int i = 0; i < 4; ++i) posts.push_back({{"authorId", u0["id"]}, {"title", "t" + std::to_string(i)}});
  EXPECT_EQ(m("posts").createMany({{"data", posts}})["count"], 4);
  EXPECT_EQ(m("posts").removeMany({{"where", {{"title", {{"in", {"t0", "t1"}}}}}}})["count"], 2);
  EXPECT_EQ(m("posts").count(), 2);
  EXPECT_EQ(m("posts").deleteMany({})["count"], 4);  // hard: the removed ones too
  EXPECT_EQ(m("users").deleteMany({{"where", {{"role", "admin"}}}})["count"], 2);
  EXPECT_EQ(m("users").count(), 3);
}

TEST_F(WriteTest, CreateManyIsAllOrNothing) {
  json a = account();
  json rows = {{{"accountId", a["id"]}, {"email", "a@x.io"}}, {{"accountId", a["id"]}, {"email", "broken"}}};
  json before = dump();
  try {
    m("users").createMany({{"data", rows}});
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.meta()["index"], 1);
  }
  EXPECT_EQ(dump(), before);
  json dup = {{{"accountId", a["id"]}, {"email", "a@x.io"}}, {{"accountId", a["id"]}, {"email", "a@x.io"}}};
  LITESTONE_EXPECT_REJECTED_UNCHANGED(ConstraintError, m("users").createMany({{"data", dup}}));
}

TEST_F(WriteTest, CreateManySkipDuplicates) {
  json a = account();
  json dup = {{{"accountId", a["id"]}, {"email", "a@x.io"}}, {{"accountId", a["id"]}, {"email", "a@x.io"}}};
  EXPECT_EQ(m("users").createMany({{"data", dup}, {"skipDuplicates", true}})["count"], 1);
}

TEST_F(WriteTest, UpsertManyInsertsAndUpdatesOnConflict) {
  json a = account();
  user(a["id"], "a@x.io");
  json rows = {{{"accountId", a["id"]}, {"email", "a@x.io"}, {"score", 5}},
               {{"accountId", a["id"]}, {"email", "b@x.io"}, {"score", 6}}};
  EXPECT_EQ(
      m("users").upsertMany({{"data", rows}, {"conflictTarget", "email"}, {"update", {"score"}}})["count"],
      2);
  EXPECT_EQ(m("users").count(), 2);
  EXPECT_EQ(m("users").findFirst({{"where", {{"email", "a@x.io"}}}})["score"], 5);
  EXPECT_EQ(m("users").upsertMany(
                {{"data", rows}, {"conflictTarget", {"email"}}, {"update", {{"score", 1}}}})["count"],
            2);
  EXPECT_EQ(m("users").count({{"where", {{"score", 1}}}}), 2);
}

TEST_F(WriteTest, CreateManyLoadsManyRows) {
  json a = account();
  json rows = json::array();
  for (int i = 0; i < 20000; ++i)
    rows.push_back({{"accountId", a["id"]}, {"email", "u" + std::to_string(i) + "@x.io"}, {"name", "n"}});
  EXPECT_EQ(m("users").createMany({{"data", rows}})["count"], 20000);
  EXPECT_EQ(m("users").count(), 20000);
}

}  // namespace
}  // namespace litestone::write_test

namespace litestone::write_test {
namespace {

// create returns the row findFirst by key returns: the same visibility
// (@omit, @omit(all), @guarded for the system only) and decoding, whether the key is
// the rowid (no RETURNING, lastInsertRowid) or sent in data / defaulted.
TEST(CreateReadBackTest, CreatedRowEqualsFindUnique) {
  testing::TempDir dir;
  ClientOptions options;
  options.schema = R"(
model people {
  id     Integer  @id
  name   Text
  active Boolean  @default(true)
  note   Text?    @omit
  hash   Text?    @omit(all)
  salary Integer? @guarded
  born   DateTime @default(now())
}

model keys {
  code  Text    @id @default(uuid())
  label Text
  hash  Text?   @omit(all)
}
)";
  options.db = dir.file("app.db");
  Client db = createClient(options);
  autoMigrate(db);
  int next_id = 1000;  // above the rowids the loop creates
  for (Client c : {db, db.asSystem()}) {
    json made = c["people"].create({{"data", {{"name", "a"}, {"note", "n"}, {"hash", "h"}, {"salary", 5}}}});
    EXPECT_EQ(made, c["people"].findFirst({{"where", {{"id", made["id"]}}}}));
    EXPECT_FALSE(made.contains("hash"));
    EXPECT_EQ(made["active"], true);
    int id = next_id--;
    json given = c["people"].create({{"data", {{"id", id}, {"name", "b"}}}});
    EXPECT_EQ(given["id"], id);
    EXPECT_EQ(given, c["people"].findFirst({{"where", {{"id", id}}}}));
    json key = c["keys"].create({{"data", {{"label", "k"}, {"hash", "h"}}}});
    EXPECT_EQ(key, c["keys"].findFirst({{"where", {{"code", key["code"]}}}}));
    EXPECT_FALSE(key.contains("hash"));
    json sel = c["people"].create({{"data", {{"name", "c"}}}, {"select", {{"name", true}}}});
    EXPECT_EQ(sel, json({{"name", "c"}}));
  }
  EXPECT_FALSE(db["people"].create({{"data", {{"name", "d"}, {"salary", 1}}}}).contains("salary"));
  EXPECT_EQ(db.asSystem()["people"].create({{"data", {{"name", "e"}, {"salary", 2}}}})["salary"], 2);
}

}  // namespace
}  // namespace litestone::write_test
