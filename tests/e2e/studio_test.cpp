// `litestone studio` through the real binary over HTTP: the token in the
// printed URL, the cookie, every API route refusing a request without it, and
// the JSON routes the pages use. The pages themselves run in Chromium in
// tests/browser.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <regex>
#include <string>

#include "litestone/json.hpp"
#include "server_process.hpp"
#include "testing.hpp"

namespace litestone {
namespace {

using testing::runCli;
using testing::ServerProcess;
using testing::TempDir;

constexpr const char* kSchema = R"(model users {
  id    Integer @id
  email Text    @unique @email
  name  Text?
}
)";

struct Studio {
  TempDir dir;
  std::unique_ptr<ServerProcess> proc;
  std::string token;
  explicit Studio(std::vector<std::string> flags = {}) {
    dir.write("schema.lite", kSchema);
    auto r = runCli("push --schema schema.lite --db app.db", "", dir.path().string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    runCli(
        "call --schema schema.lite --db app.db "
        "'{\"model\":\"users\",\"action\":\"create\",\"args\":{\"data\":{\"email\":\"a@x.co\",\"name\":\"A\"}"
        "}}'",
        "", dir.path().string());
    std::vector<std::string> args{"studio", "--schema", "schema.lite", "--db", "app.db", "--port", "0"};
    args.insert(args.end(), flags.begin(), flags.end());
    proc = std::make_unique<ServerProcess>(args, dir.path().string());
    std::smatch m;
    std::string url = proc->url();
    if (std::regex_search(url, m, std::regex("token=([0-9a-f]+)"))) token = m[1];
  }
  httplib::Headers cookie() const { return {{"Cookie", "litestone_studio=" + token}}; }
  json get(const std::string& path) const {
    httplib::Client c("127.0.0.1", proc->port());
    auto res = c.Get(path, cookie());
    EXPECT_TRUE(res && res->status == 200) << path << " " << (res ? res->body : "no response");
    return res ? json::parse(res->body, nullptr, false) : json();
  }
  json post(const std::string& path, const json& body) const {
    httplib::Client c("127.0.0.1", proc->port());
    auto res = c.Post(path, cookie(), body.dump(), "application/json");
    EXPECT_TRUE(res && res->status == 200) << path << " " << (res ? res->body : "no response");
    return res ? json::parse(res->body, nullptr, false) : json();
  }
};

TEST(StudioTest, PrintsALocalUrlWithARandomToken) {
  Studio a, b;
  EXPECT_EQ(a.proc->url().rfind("http://127.0.0.1:", 0), 0u) << a.proc->url();
  EXPECT_EQ(a.token.size(), 64u) << a.proc->url();
  EXPECT_NE(a.token, b.token);
}

TEST(StudioTest, EveryApiRouteNeedsTheToken) {
  Studio s;
  httplib::Client c("127.0.0.1", s.proc->port());
  httplib::Headers wrong{{"Cookie", "litestone_studio=" + std::string(64, '0')}};
  for (const char* path :
       {"/api/schema", "/api/models", "/api/stats", "/api/migrations", "/api/schema-file"}) {
    auto none = c.Get(path);
    ASSERT_TRUE(none);
    EXPECT_EQ(none->status, 401) << path;
    EXPECT_NE(none->body.find("STUDIO_TOKEN_REQUIRED"), std::string::npos) << path << none->body;
    auto bad = c.Get(path, wrong);
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 401) << path;
  }
  for (const char* path : {"/api/call", "/api/query", "/api/sql", "/api/repl", "/api/explain",
                           "/api/schema-file", "/api/schema-file/check"}) {
    auto none = c.Post(path, R"({"sql":"DELETE FROM users","model":"users","action":"deleteMany"})",
                       "application/json");
    ASSERT_TRUE(none);
    EXPECT_EQ(none->status, 401) << path;
  }
  auto r = runCli("call --schema schema.lite --db app.db '{\"model\":\"users\",\"action\":\"count\"}'", "",
                  s.dir.path().string());
  EXPECT_EQ(r.out, "1\n");  // nothing was deleted
  auto page = c.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 401);
}

TEST(StudioTest, TheTokenUrlSetsAnHttpOnlyCookie) {
  Studio s;
  httplib::Client c("127.0.0.1", s.proc->port());
  auto wrong = c.Get("/?token=" + std::string(64, 'a'));
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  auto ok = c.Get("/?token=" + s.token);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 303);
  auto cookie = ok->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("litestone_studio=" + s.token), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  auto page = c.Get("/", s.cookie());
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("Litestone Studio"), std::string::npos);
  auto js = c.Get("/assets/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_NE(js->get_header_value("Content-Type").find("javascript"), std::string::npos);
}

TEST(StudioTest, ModelsStatsAndMigrations) {
  Studio s;
  json models = s.get("/api/models");
  ASSERT_EQ(models["models"].size(), 1u) << models;
  EXPECT_EQ(models["models"][0]["name"], "users");
  EXPECT_EQ(models["models"][0]["count"], 1);
  json stats = s.get("/api/stats");
  EXPECT_EQ(stats["main"]["journalMode"], "wal") << stats;
  EXPECT_GT(stats["main"]["pageSize"].get<int>(), 0);
  json mig = s.get("/api/migrations");
  EXPECT_TRUE(mig.contains("status")) << mig;
}

TEST(StudioTest, SqlRunsWithBoundParams) {
  Studio s;
  json r = s.post("/api/sql", {{"sql", "SELECT email FROM users WHERE name = ?"}, {"params", {"A"}}});
  ASSERT_EQ(r["result"].size(), 1u) << r;
  EXPECT_EQ(r["result"][0]["email"], "a@x.co");
  json inj = s.post(
      "/api/sql", {{"sql", "SELECT count(*) AS n FROM users WHERE name = ?"}, {"params", {"A' OR '1'='1"}}});
  EXPECT_EQ(inj["result"][0]["n"], 0) << inj;
  json bad = s.post("/api/sql", {{"sql", "SELEC nope"}});
  EXPECT_TRUE(bad.contains("error")) << bad;
}

TEST(StudioTest, ReplShowsTheSqlOfTheCall) {
  Studio s;
  json r = s.post("/api/repl",
                  {{"model", "users"}, {"action", "findMany"}, {"args", {{"where", {{"name", "A"}}}}}});
  ASSERT_EQ(r["result"].size(), 1u) << r;
  ASSERT_FALSE(r["queries"].empty()) << r;
  EXPECT_NE(r["queries"][0]["sql"].get<std::string>().find("SELECT"), std::string::npos);
  EXPECT_EQ(r["queries"][0]["params"], json::array({"A"}));
  json e = s.post("/api/repl", {{"model", "users"},
                                {"action", "update"},
                                {"args", {{"where", {{"id", 1}}}, {"data", {{"email", "nope"}}}}}});
  EXPECT_EQ(e["error"]["code"].get<std::string>().rfind("VALIDATION", 0), 0u) << e;
}

TEST(StudioTest, SchemaCheckGivesLineAndColumnAndSaveWritesTheFile) {
  Studio s;
  json file = s.get("/api/schema-file");
  EXPECT_EQ(file["text"], kSchema);
  std::string broken = std::string(kSchema);
  broken.replace(broken.find("email Text"), 10, "email Strng");
  json check = s.post("/api/schema-file/check", {{"text", broken}});
  EXPECT_FALSE(check["ok"].get<bool>());
  ASSERT_FALSE(check["diagnostics"].empty()) << check;
  EXPECT_EQ(check["diagnostics"][0]["line"], 3) << check;
  EXPECT_EQ(check["diagnostics"][0]["column"], 9) << check;
  json refused = s.post("/api/schema-file", {{"text", broken}});
  EXPECT_FALSE(refused["saved"].get<bool>());
  EXPECT_EQ(testing::readFile(s.dir.file("schema.lite")), kSchema);
  std::string better = std::string(kSchema) + "\nmodel tags {\n  id Integer @id\n}\n";
  json saved = s.post("/api/schema-file", {{"text", better}});
  EXPECT_TRUE(saved["saved"].get<bool>()) << saved;
  EXPECT_EQ(testing::readFile(s.dir.file("schema.lite")), better);
}

TEST(StudioTest, ExplainGivesThePlanAndIndexAdvice) {
  Studio s;
  json scan = s.post("/api/explain",
                     {{"model", "users"}, {"action", "findMany"}, {"args", {{"where", {{"name", "A"}}}}}});
  ASSERT_FALSE(scan["statements"].empty()) << scan;
  EXPECT_FALSE(scan["statements"][0]["plan"].empty());
  EXPECT_NE(scan["statements"][0]["advice"].dump().find("@@index([name])"), std::string::npos) << scan;
  json seek =
      s.post("/api/explain",
             {{"model", "users"}, {"action", "findUnique"}, {"args", {{"where", {{"email", "a@x.co"}}}}}});
  ASSERT_FALSE(seek["statements"].empty()) << seek;
  EXPECT_TRUE(seek["statements"][0]["advice"].empty()) << seek;
  json write = s.post("/api/explain", {{"model", "users"}, {"action", "deleteMany"}});
  EXPECT_TRUE(write.contains("error")) << write;
}

TEST(StudioTest, QuietAndHostFlags) {
  Studio loud;
  loud.get("/api/models");
  EXPECT_EQ(loud.proc->stop(), 0);
  EXPECT_NE(loud.proc->stderrText().find("GET /api/models 200"), std::string::npos)
      << loud.proc->stderrText();
  Studio quiet({"--quiet", "--host", "127.0.0.1"});
  quiet.get("/api/models");
  EXPECT_EQ(quiet.proc->stop(), 0);
  EXPECT_EQ(quiet.proc->stderrText().find("/api/models"), std::string::npos);
}

TEST(StudioTest, DefaultPortIs5001) {
  auto r = runCli("studio --help");
  EXPECT_NE(r.out.find("5001"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace litestone
