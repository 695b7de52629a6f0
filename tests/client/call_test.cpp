// The wire protocol: dispatch, Client::call (single and arrays in one
// transaction), Client::query (named reads in one snapshot), litestone call.

#include "client/access.hpp"
#include "read_fixture.hpp"

namespace litestone::testing {

TEST_F(ReadTest, CallRunsOneAction) {
  json r =
      db_->call({{"model", "users"}, {"action", "findMany"}, {"args", {{"where", {{"role", "admin"}}}}}});
  EXPECT_EQ(r.size(), 2u);
  EXPECT_EQ(db_->call({{"model", "users"}, {"action", "count"}}), 4);
}

TEST_F(ReadTest, CallErrorsNameTheProblem) {
  try {
    db_->call({{"model", "users"}, {"action", "findAll"}});
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "QUERY_UNKNOWN_ACTION");
    EXPECT_NE(std::string(e.what()).find("findMany"), std::string::npos) << e.what();
  }
  try {
    db_->call({{"model", "user"}, {"action", "findMany"}});
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "QUERY_UNKNOWN_MODEL");
  }
  EXPECT_THROW(db_->call({{"model", "users"}}), QueryError);
  EXPECT_THROW(db_->call({{"model", "users"}, {"action", "count"}, {"argz", {}}}), QueryError);
  EXPECT_THROW(db_->call(42), QueryError);
  json err = errorToJson(QueryError("QUERY_UNKNOWN_ACTION", "m"));
  EXPECT_EQ(err["error"]["code"], "QUERY_UNKNOWN_ACTION");
}

TEST_F(ReadTest, CallArrayRunsInOneTransaction) {
  json r = db_->call(
      json::array({{{"model", "users"}, {"action", "count"}},
                   {{"model", "posts"}, {"action", "findFirst"}, {"args", {{"orderBy", {{"id", "asc"}}}}}},
                   {{"action", "query"}, {"args", {{"tags", json::object()}}}}}));
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0], 4);
  EXPECT_EQ(r[1]["id"], 1);
  EXPECT_EQ(r[2]["tags"].size(), 3u);
  auto events = capture([&] {
    EXPECT_THROW(db_->call(json::array(
                     {{{"model", "users"}, {"action", "count"}}, {{"model", "users"}, {"action", "nope"}}})),
                 QueryError);
  });
  EXPECT_EQ(events.size(), 1u);
}

TEST_F(ReadTest, QueryRunsNamedReadsInOneSnapshot) {
  json r = db_->query(
      {{"users", {{"where", {{"role", "admin"}}}}},
       {"drafts", {{"model", "posts"}, {"where", {{"status", "draft"}}}, {"orderBy", {{"id", "asc"}}}}},
       {"accounts", json::object()}});
  EXPECT_EQ(r["users"].size(), 2u);
  EXPECT_EQ(r["drafts"].size(), 2u);
  EXPECT_EQ(r["accounts"].size(), 2u);
  std::vector<std::string> keys;
  for (auto& [k, v] : r.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"users", "drafts", "accounts"}));
  json via_call = db_->call({{"action", "query"}, {"args", {{"tags", {{"where", {{"label", "news"}}}}}}}});
  EXPECT_EQ(via_call["tags"][0]["id"], 1);
  EXPECT_THROW(db_->query({{"nope", json::object()}}), QueryError);
  EXPECT_THROW(db_->query({{"users", 3}}), QueryError);
}

TEST_F(ReadTest, QueryInsideATransactionSeesUncommittedRows) {
  detail::stateOf(*db_).mainDatabase().transaction([&](engine::Connection& c) {
    c.exec("INSERT INTO tags (id, label) VALUES (9, 'fresh')");
    json r = db_->query({{"tags", {{"where", {{"id", 9}}}}}});
    EXPECT_EQ(r["tags"].size(), 1u);
    EXPECT_EQ((*db_)["tags"].count({{"where", {{"id", 9}}}}), 1);
  });
}

class CallCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    schema_ = dir_.write("schema.lite", kReadSchema);
    db_path_ = dir_.file("app.db");
    ClientOptions o;
    o.path = schema_;
    o.db = db_path_;
    Client db = createClient(o);
    autoMigrate(db);
    execSql(db,
            "INSERT INTO accounts (id, name, plan) VALUES (1, 'Acme', 'pro');"
            "INSERT INTO users (id, accountId, email, createdAt, address, meta, salary) VALUES "
            "(1, 1, 'a@x.co', '2024-01-01', '{}', '{}', 5), (2, 1, 'b@x.co', '2024-01-02', '{}', '{}', 6);");
    db.close();
  }
  std::string flags() const { return "--schema '" + schema_ + "' --db '" + db_path_ + "'"; }

  TempDir dir_;
  std::string schema_;
  std::string db_path_;
};

TEST_F(CallCliTest, PrintsTheResultJson) {
  auto r = runCli("call " + flags() +
                  " '{\"model\":\"users\",\"action\":\"findMany\",\"args\":{\"select\":{\"email\":true}}}'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out), json::parse(R"([{"email":"a@x.co"},{"email":"b@x.co"}])"));
}

TEST_F(CallCliTest, ReadsStdinAndTakesAuthAndSystem) {
  auto r = runCli("call " + flags() + " --system -",
                  R"({"model":"users","action":"findUnique","args":{"where":{"id":1}}})");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["salary"], 5);
  auto plain = runCli("call " + flags() + " --auth '{\"id\":1}'",
                      R"([{"model":"users","action":"count"},{"action":"query","args":{"accounts":{}}}])");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  json out = json::parse(plain.out);
  EXPECT_EQ(out[0], 2);
  EXPECT_EQ(out[1]["accounts"][0]["name"], "Acme");
  auto pretty = runCli("call " + flags() + " --pretty '{\"model\":\"users\",\"action\":\"count\"}'");
  EXPECT_EQ(pretty.out, "2\n");
}

TEST_F(CallCliTest, FailurePrintsErrorJsonAndExitsOne) {
  auto r = runCli("call " + flags() +
                  " '{\"model\":\"users\",\"action\":\"findMany\",\"args\":{\"where\":{\"nope\":1}}}'");
  EXPECT_EQ(r.exit_code, 1);
  json err = json::parse(r.out);
  EXPECT_EQ(err["error"]["code"], "QUERY_UNKNOWN_FIELD");
  EXPECT_NE(r.err.find("QUERY_UNKNOWN_FIELD"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
  auto bad = runCli("call " + flags() + " '{not json'");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(json::parse(bad.out)["error"]["code"], "QUERY_INVALID_JSON");
}

}  // namespace litestone::testing
