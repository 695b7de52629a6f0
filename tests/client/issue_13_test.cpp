// Issue 13 through the C++ API: bad values get typed errors with a path,
// $raw is kept for C++ and system callers but cannot leave its predicate,
// read-only batches never wait for a writer, every error serializes.

#include <chrono>
#include <future>
#include <thread>

#include "read_fixture.hpp"

namespace litestone::testing {

// The code and meta of the QueryError fn throws ("" when it does not throw).
template <class Fn>
std::pair<std::string, json> queryError(Fn fn) {
  try {
    fn();
  } catch (const QueryError& e) {
    return {e.code(), e.meta()};
  }
  return {"", json()};
}

TEST_F(ReadTest, Issue13FilterValuesAreTypeChecked) {
  struct Case {
    json where;
    std::string field, op, path;
  };
  const std::vector<Case> cases = {
      {{{"id", "abc"}}, "id", "equals", "where.id"},
      {{{"score", {{"gt", "x"}}}}, "score", "gt", "where.score.gt"},
      {{{"active", {{"equals", 1}}}}, "active", "equals", "where.active.equals"},
      {{{"email", {{"not", 5}}}}, "email", "not", "where.email.not"},
      {{{"id", {{"in", {1, "two"}}}}}, "id", "in", "where.id.in[1]"},
      {{{"role", 3}}, "role", "equals", "where.role"},
      {{{"OR", {{{"accountId", {{"lte", true}}}}}}}, "accountId", "lte", "where.OR[0].accountId.lte"},
  };
  for (const auto& c : cases) {
    auto [code, meta] = queryError([&] { users().findMany({{"where", c.where}}); });
    EXPECT_EQ(code, "QUERY_INVALID_ARGUMENT") << c.where.dump();
    EXPECT_EQ(meta.value("field", ""), c.field) << c.where.dump() << meta.dump();
    EXPECT_EQ(meta.value("operator", ""), c.op) << meta.dump();
    EXPECT_EQ(meta.value("path", ""), c.path) << meta.dump();
    EXPECT_FALSE(meta.value("expected", "").empty()) << meta.dump();
  }
  // The type is part of the compiled shape: a good call first does not let a
  // bad one through afterwards.
  EXPECT_EQ(users().findMany({{"where", {{"id", {{"in", {1, 2}}}}}}}).size(), 2u);
  EXPECT_EQ(queryError([&] {
              users().findMany({{"where", {{"id", {{"in", {"x"}}}}}}});
            }).first,
            "QUERY_INVALID_ARGUMENT");
  // Integers fit Real columns; null fits anything.
  EXPECT_EQ(users().count({{"where", {{"score", {{"gt", 8}}}}}}), 2);
  EXPECT_EQ(users().count({{"where", {{"name", nullptr}}}}), 1);
}

TEST_F(ReadTest, Issue13InfiniteNumbersAreBadInput) {
  for (double inf : {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()}) {
    auto [code, meta] = queryError([&] { users().findMany({{"where", {{"score", {{"gt", inf}}}}}}); });
    EXPECT_EQ(code, "QUERY_INVALID_ARGUMENT");
    EXPECT_EQ(meta.value("reason", ""), "notFinite") << meta.dump();
    EXPECT_EQ(meta.value("path", ""), "where.score.gt") << meta.dump();
    EXPECT_EQ(queryError([&] { users().findMany({{"limit", inf}}); }).first, "QUERY_INVALID_ARGUMENT");
  }
  // Through the wire entry.
  json req = {{"model", "users"},
              {"action", "findMany"},
              {"args", {{"limit", -std::numeric_limits<double>::infinity()}}}};
  auto [code, meta] = queryError([&] { db_->call(req); });
  EXPECT_EQ(code, "QUERY_INVALID_ARGUMENT");
  EXPECT_EQ(meta.value("path", ""), "request.args.limit") << meta.dump();
}

TEST_F(ReadTest, Issue13InvalidUtf8IsBadInputAndEveryErrorSerializes) {
  std::string bad = "a\xff\xfe";
  auto [code, meta] = queryError([&] { users().findMany({{"where", {{"email", bad}}}}); });
  EXPECT_EQ(code, "QUERY_INVALID_ARGUMENT");
  EXPECT_EQ(meta.value("reason", ""), "invalidUtf8")
      << meta.dump(-1, ' ', false, json::error_handler_t::replace);
  // A key that is not UTF-8, on the wire.
  json req = {{"model", "users"}, {"action", "findMany"}, {"args", {{"where", {{bad, 1}}}}}};
  try {
    db_->call(req);
    FAIL();
  } catch (const std::exception& e) {
    json j = errorToJson(e);
    EXPECT_NO_THROW(j.dump());
    EXPECT_EQ(j["error"]["code"], "QUERY_INVALID_ARGUMENT");
  }
  // An error whose message and meta hold bad bytes still dumps.
  json j = errorToJson(QueryError("QUERY_UNKNOWN_FIELD", "field " + bad, {{"field", bad}}));
  EXPECT_NO_THROW(j.dump());
  EXPECT_EQ(j["error"]["code"], "QUERY_UNKNOWN_FIELD");
  EXPECT_NO_THROW(errorToJson(std::runtime_error(bad)).dump());
}

TEST_F(ReadTest, Issue13DeepArgsAreRefusedInTheCppApiToo) {
  json where = {{"id", 1}};
  // Built by moves (a copy per level would be quadratic), and 1,000 levels
  // deep: far past the limit of 64, yet within what nlohmann's recursive copy
  // of the args survives on an ASan stack.
  for (int i = 0; i < 1000; ++i) {
    json next;
    next["OR"] = json::array();
    next["OR"].push_back(std::move(where));
    where = std::move(next);
  }
  auto [code, meta] = queryError([&] { users().findMany({{"where", where}}); });
  EXPECT_EQ(code, "QUERY_TOO_DEEP");
  EXPECT_EQ(meta.value("limit", 0), 64);
  EXPECT_EQ(meta.value("path", "").rfind("where.OR[0].OR[0]", 0), 0u) << meta.value("path", "");
}

TEST_F(ReadTest, Issue13RawStaysInItsPredicate) {
  // The C++ API keeps $raw; the soft-deleted post 3 stays hidden.
  EXPECT_EQ(posts().count({{"where", {{"$raw", "views >= 0"}}}}), 4);
  auto [code, meta] = queryError([&] { posts().count({{"where", {{"$raw", "1) OR (1"}}}}); });
  EXPECT_EQ(code, "QUERY_RAW_INVALID");
  EXPECT_EQ(meta.value("path", ""), "where.$raw") << meta.dump();
  EXPECT_EQ(queryError([&] {
              posts().count({{"where", {{"$raw", {{"$sql", "views > ? ) OR (1"}, {"params", {0}}}}}}});
            }).first,
            "QUERY_RAW_INVALID");
  // Placeholders inside comments or strings are not counted.
  EXPECT_EQ(posts().count(
                {{"where", {{"$raw", {{"$sql", "views > ? /* ? */ AND title <> '?'"}, {"params", {4}}}}}}}),
            2);
  // On the wire, $raw needs the system.
  json req = {{"model", "posts"}, {"action", "count"}, {"args", {{"where", {{"$raw", "1"}}}}}};
  EXPECT_EQ(queryError([&] { db_->call(req); }).first, "QUERY_RAW_NOT_ALLOWED");
  EXPECT_EQ(db_->asSystem().call(req), 4);
}

TEST_F(ReadTest, Issue13ReadOnlyBatchDoesNotWaitForAWriter) {
  // A second client on the same file holds the write lock.
  ClientOptions o;
  o.schema = kReadSchema;
  o.db = dir_.file("app.db");
  Client writer = createClient(o);
  std::promise<void> locked;
  std::promise<void> release;
  std::thread t([&] {
    writer.transaction([&](Client& tx) {
      tx["tags"].create({{"data", {{"id", 9}, {"label", "held"}}}});
      locked.set_value();
      release.get_future().wait();
    });
  });
  locked.get_future().wait();
  auto start = std::chrono::steady_clock::now();
  json r;
  std::string error;
  try {
    r = db_->call(json::array({{{"model", "users"}, {"action", "count"}},
                               {{"model", "tags"}, {"action", "findMany"}},
                               {{"action", "query"}, {"args", {{"posts", json::object()}}}}}));
  } catch (const std::exception& e) {
    error = e.what();
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  release.set_value();
  t.join();
  ASSERT_EQ(error, "");
  EXPECT_LT(seconds, 2.0);
  EXPECT_EQ(r[0], 4);
  EXPECT_EQ(r[1].size(), 3u);  // the writer's uncommitted tag is not seen
  EXPECT_EQ(r[2]["posts"].size(), 4u);
}

}  // namespace litestone::testing
