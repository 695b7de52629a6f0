// Issue 13, run on the real binary: hostile and malformed input gets a clear
// error JSON (never a crash), deep nesting is refused, $raw stays in its
// predicate and off the wire, reads never create files.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "engine/connection.hpp"
#include "litestone/json.hpp"
#include "testing.hpp"

namespace litestone {
namespace {

using testing::runCli;

const char* kSchema = R"(model users {
  id        Integer   @id
  email     Text      @unique
  age       Integer?
  posts     posts[]
}

model posts {
  id        Integer   @id
  author    users     @relation(fields: [authorId], references: [id])
  authorId  Integer
  title     Text
  deletedAt DateTime?

  @@softDelete
}
)";

// A schema and a pushed database with one user, one live and one deleted post.
struct Project {
  testing::TempDir dir;
  std::string schema = dir.write("schema.lite", kSchema);
  std::string db = dir.file("app.db");

  Project() {
    auto p = runCli(flags() + "push");
    EXPECT_EQ(p.exit_code, 0) << p.out << p.err;
    call(R"({"model":"users","action":"create","args":{"data":{"id":1,"email":"a@b.co"}}})", true);
    call(R"({"model":"posts","action":"create","args":{"data":{"id":1,"authorId":1,"title":"live"}}})", true);
    call(R"({"model":"posts","action":"create","args":{"data":{"id":2,"authorId":1,"title":"gone"}}})", true);
    call(R"({"model":"posts","action":"remove","args":{"where":{"id":2}}})", true);
  }
  std::string flags() const { return "--schema '" + schema + "' --db '" + db + "' "; }
  testing::CommandResult call(const std::string& body, bool system = false) const {
    return runCli(flags() + "call" + (system ? " --system" : "") + " -", body);
  }
};

// The error JSON printed on stdout by a failed call.
json errorOf(const testing::CommandResult& r) {
  json out = json::parse(r.out, nullptr, false);
  if (out.is_discarded() || !out.is_object() || !out.contains("error")) return json();
  return out["error"];
}

// --- A1 -------------------------------------------------------------------

TEST(HardeningTest, DoctorJsonOnAValidSchemaPrintsTheSummary) {
  for (const std::string& schema :
       {testing::sourceDir() + "/examples/blog/schema.lite", std::string("inline")}) {
    testing::TempDir dir;
    std::string path = schema == "inline" ? dir.write("schema.lite", kSchema) : schema;
    auto r = runCli("--schema '" + path + "' doctor --json");
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    json out = json::parse(r.out, nullptr, false);
    ASSERT_FALSE(out.is_discarded()) << r.out;
    EXPECT_EQ(out["ok"], true) << r.out;
    EXPECT_GE(out["models"].get<int>(), 2) << r.out;
    EXPECT_TRUE(out["databases"].is_array()) << r.out;
  }
}

// --- A2 -------------------------------------------------------------------

TEST(HardeningTest, DeeplyNestedBatchIsRefusedWithTooDeep) {
  Project p;
  auto r = p.call(std::string(10000, '[') + std::string(10000, ']'));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  json e = errorOf(r);
  EXPECT_EQ(e.value("code", ""), "QUERY_TOO_DEEP") << r.out << r.err;
  EXPECT_EQ(e["meta"].value("limit", 0), 64) << r.out;
  EXPECT_EQ(e["meta"].value("path", "").rfind("request[0][0]", 0), 0u) << r.out;
}

TEST(HardeningTest, DeepWhereChainsAreRefusedWithThePath) {
  Project p;
  // 10,000 levels of posts.some → author.is, and 6,000 nested ORs.
  std::string chain;
  for (int i = 0; i < 5000; ++i) chain += R"({"posts":{"some":{"author":{"is":)";
  chain += R"({"id":1})";
  for (int i = 0; i < 5000; ++i) chain += "}}}}";
  std::string ors;
  for (int i = 0; i < 6000; ++i) ors += R"({"OR":[)";
  ors += R"({"id":1})";
  for (int i = 0; i < 6000; ++i) ors += "]}";
  for (const std::string& where : {chain, ors}) {
    auto r = p.call(R"({"model":"users","action":"findMany","args":{"where":)" + where + "}}");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    json e = errorOf(r);
    EXPECT_EQ(e.value("code", ""), "QUERY_TOO_DEEP") << r.out.substr(0, 500) << r.err.substr(0, 500);
    EXPECT_EQ(e["meta"].value("path", "").rfind("request.args.where.", 0), 0u) << r.out.substr(0, 300);
  }
}

TEST(HardeningTest, NestingUpToTheLimitStillRuns) {
  Project p;
  // 20 nested ORs: 2 levels each (object + array), well inside the limit.
  std::string ors;
  for (int i = 0; i < 20; ++i) ors += R"({"OR":[)";
  ors += R"({"id":1})";
  for (int i = 0; i < 20; ++i) ors += "]}";
  auto r = p.call(R"({"model":"users","action":"findMany","args":{"where":)" + ors + "}}");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  json rows = json::parse(r.out);
  ASSERT_EQ(rows.size(), 1u) << r.out;
  EXPECT_EQ(rows[0]["email"], "a@b.co");
}

// --- A3 -------------------------------------------------------------------

TEST(HardeningTest, RawIsRefusedOnTheWireForNonSystemCallers) {
  Project p;
  auto r = p.call(R"({"model":"posts","action":"findMany","args":{"where":{"$raw":"1 = 1"}}})");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  json e = errorOf(r);
  EXPECT_EQ(e.value("code", ""), "QUERY_RAW_NOT_ALLOWED") << r.out << r.err;
  EXPECT_EQ(e["meta"].value("path", ""), "request.args.where.$raw") << r.out;
  // Inside a batch too.
  auto b = p.call(R"([{"model":"posts","action":"count","args":{"where":{"AND":[{"$raw":"1"}]}}}])");
  EXPECT_EQ(errorOf(b).value("code", ""), "QUERY_RAW_NOT_ALLOWED") << b.out << b.err;
}

TEST(HardeningTest, RawCannotLeaveItsPredicate) {
  Project p;
  // A system caller may use $raw, but text that closes the parenthesis emit
  // puts around it would drop the soft-delete filter ANDed after it.
  for (const std::string& raw :
       {std::string("1) OR (1"), std::string("1 -- "), std::string("1; DELETE FROM posts"), std::string("(1"),
        std::string("'unterminated"), std::string("[id"), std::string("1 /* x"), std::string("")}) {
    json body = {{"model", "posts"}, {"action", "findMany"}, {"args", {{"where", {{"$raw", raw}}}}}};
    auto r = p.call(body.dump(), true);
    EXPECT_EQ(r.exit_code, 1) << raw << "\n" << r.out << r.err;
    EXPECT_EQ(errorOf(r).value("code", ""), "QUERY_RAW_INVALID") << raw << "\n" << r.out << r.err;
  }
  // Balanced text with quotes, brackets and comments holding parentheses is fine,
  // and the soft-deleted post stays hidden.
  json ok = {
      {"model", "posts"},
      {"action", "findMany"},
      {"args", {{"where", {{"$raw", "title <> ')' /* ( */ AND [id] > 0 -- )\n OR \"title\" = '('"}}}}}};
  auto r = p.call(ok.dump(), true);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  json rows = json::parse(r.out);
  ASSERT_EQ(rows.size(), 1u) << r.out;
  EXPECT_EQ(rows[0]["title"], "live");
}

// --- B4, B5 ---------------------------------------------------------------

TEST(HardeningTest, InvalidUtf8AndHugeNumbersGetAnErrorJson) {
  Project p;
  struct Case {
    std::string args, body, code;
  };
  const std::vector<Case> cases = {
      {"", "{\"model\":\"users\",\"action\":\"findMany\",\"args\":{\"where\":{\"email\":\"\xff\"}}}",
       "QUERY_INVALID_JSON"},
      {"--auth '{\"id\":\"\xfe\"}'", "{\"model\":\"users\",\"action\":\"count\"}", "QUERY_INVALID_JSON"},
      {"", "{\"model\":\"users\",\"action\":\"findMany\",\"args\":{\"limit\":1e400}}",
       "QUERY_INVALID_ARGUMENT"},
      {"", "{\"model\":\"users\",\"action\":\"findMany\",\"args\":{\"where\":{\"age\":{\"gt\":-1e400}}}}",
       "QUERY_INVALID_ARGUMENT"},
  };
  for (const auto& c : cases) {
    auto r = runCli(p.flags() + "call " + c.args + " -", c.body);
    EXPECT_EQ(r.exit_code, 1) << c.body << "\n" << r.out << r.err;
    EXPECT_EQ(errorOf(r).value("code", ""), c.code) << c.body << "\n" << r.out << r.err;
    EXPECT_EQ(r.err.find("INTERNAL"), std::string::npos) << r.err;
  }
  // A schema that is not UTF-8.
  testing::TempDir dir;
  std::string bad = dir.write("bad.lite", "model users {\n  id Integer @id\n  n\xffme Text\n}\n");
  auto d = runCli("--schema '" + bad + "' doctor --json");
  EXPECT_EQ(d.exit_code, 1) << d.out << d.err;
  EXPECT_FALSE(json::parse(d.out, nullptr, false).is_discarded()) << d.out << d.err;
  auto c = runCli("--schema '" + bad + "' --db :memory: call '{\"model\":\"users\",\"action\":\"count\"}'");
  EXPECT_EQ(c.exit_code, 1) << c.out << c.err;
  EXPECT_FALSE(errorOf(c).is_null()) << c.out << c.err;
  EXPECT_EQ(c.err.find("INTERNAL"), std::string::npos) << c.err;
}

// --- B7 -------------------------------------------------------------------

TEST(HardeningTest, AFolderAsSchemaIsAnError) {
  testing::TempDir dir;
  auto r = runCli("--schema '" + dir.path().string() + "' doctor");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find(dir.path().string()), std::string::npos) << r.err;
  auto j = runCli("--schema '" + dir.path().string() + "' doctor --json");
  EXPECT_EQ(j.exit_code, 1) << j.out << j.err;
}

// --- B10 ------------------------------------------------------------------

TEST(HardeningTest, ADbStartingWithFileIsAPathNotAUri) {
  testing::TempDir dir;
  std::string schema = dir.write("schema.lite", kSchema);
  // As a URI this would be an in-memory database that vanishes on exit.
  std::string name = "file:app.db?mode=memory&cache=shared";
  auto push = runCli("--schema '" + schema + "' --db '" + name + "' push", "", dir.path().string());
  ASSERT_EQ(push.exit_code, 0) << push.out << push.err;
  EXPECT_TRUE(std::filesystem::exists(dir.path() / name)) << "no file named " << name;
  auto r = runCli("--schema '" + schema + "' --db '" + name + "' call --system -",
                  R"({"model":"users","action":"create","args":{"data":{"id":7,"email":"x@y.z"}}})",
                  dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  auto again = runCli(
      "--schema '" + schema + "' --db '" + name + "' call '{\"model\":\"users\",\"action\":\"count\"}'", "",
      dir.path().string());
  EXPECT_EQ(again.out, "1\n") << again.err;
}

// --- B8 -------------------------------------------------------------------

TEST(HardeningTest, AReadOnAMissingDatabaseCreatesNothing) {
  testing::TempDir dir;
  std::string schema = dir.write("schema.lite", kSchema);
  auto missing = dir.path() / "no" / "such" / "app.db";
  auto r = runCli("--schema '" + schema + "' --db '" + missing.string() +
                  "' call '{\"model\":\"users\",\"action\":\"count\"}'");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  json e = errorOf(r);
  EXPECT_EQ(e.value("code", ""), "DATABASE_NOT_FOUND") << r.out << r.err;
  EXPECT_EQ(e["meta"].value("path", ""), missing.string()) << r.out;
  EXPECT_NE(e.value("message", "").find("push"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "no")) << "the read created folders";
}

TEST(HardeningTest, AFolderThatCannotBeCreatedIsNotInternal) {
  testing::TempDir dir;
  std::string schema = dir.write("schema.lite", kSchema);
  // A regular file where a folder is needed.
  std::string blocker = dir.write("blocker", "x");
  auto r = runCli("--schema '" + schema + "' --db '" + blocker + "/sub/app.db' push");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("DATABASE_CANNOT_CREATE"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("INTERNAL"), std::string::npos) << r.err;
}

// --- C16 ------------------------------------------------------------------

TEST(HardeningTest, IntrospectLeavesAForeignDatabaseUnchanged) {
  testing::TempDir dir;
  std::string db = dir.file("legacy.db");
  {
    engine::Connection c({.path = db});
    c.exec("PRAGMA journal_mode=DELETE");
    c.exec(
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL); INSERT INTO customers VALUES "
        "(1, 'a');");
  }
  std::string before = testing::readFile(db);
  auto r = runCli("--db '" + db + "' introspect");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("model customers"), std::string::npos) << r.out;
  EXPECT_EQ(testing::readFile(db), before) << "introspect changed the file";
  EXPECT_FALSE(std::filesystem::exists(db + "-wal"));
  EXPECT_EQ(before.substr(18, 2), std::string("\x01\x01", 2)) << "still a rollback-journal database";
}

}  // namespace
}  // namespace litestone
