// `litestone serve` over real HTTP against the real binary: auth with JWTs,
// wire errors with their statuses, limits, concurrency, graceful shutdown and
// every flag.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "litestone/json.hpp"
#include "server/jwt.hpp"
#include "server_process.hpp"
#include "testing.hpp"

namespace litestone {
namespace {

using testing::runCli;
using testing::ServerProcess;
using testing::TempDir;

constexpr const char* kSecret = "test-secret-0123456789";

constexpr const char* kSchema = R"(
model users {
  id    Integer @id
  email Text    @unique @email
  name  Text?
}

model notes {
  id     Integer @id
  author Integer
  body   Text
}
)";

std::int64_t nowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A folder with schema.lite and a pushed app.db.
struct App {
  TempDir dir;
  App() {
    dir.write("schema.lite", kSchema);
    auto r = runCli("push --schema schema.lite --db app.db", "", dir.path().string());
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  std::string db() const { return dir.file("app.db"); }
  ServerProcess serve(std::vector<std::string> flags = {}, std::vector<std::string> env = {}) const {
    std::vector<std::string> args{"serve", "--schema", "schema.lite", "--db", "app.db", "--port", "0"};
    args.insert(args.end(), flags.begin(), flags.end());
    env.push_back(std::string("LITESTONE_JWT_SECRET=") + kSecret);
    return ServerProcess(args, dir.path().string(), env);
  }
  // Reads through the CLI, straight from the file.
  json call(const std::string& request) const {
    auto r = runCli("call --schema schema.lite --db app.db '" + request + "'", "", dir.path().string());
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return json::parse(r.out);
  }
};

struct Reply {
  int status = 0;
  json body;
};

Reply post(httplib::Client& c, const std::string& path, const std::string& body,
           const std::string& token = "") {
  httplib::Headers h;
  if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
  auto res = c.Post(path, h, body, "application/json");
  if (!res) return {-1, nullptr};
  return {res->status, json::parse(res->body, nullptr, false)};
}

std::string code(const Reply& r) { return r.body.is_object() ? r.body["error"].value("code", "") : ""; }

TEST(ServeTest, HealthzAndAnonymousCallsWork) {
  App app;
  auto srv = app.serve();
  httplib::Client c("127.0.0.1", srv.port());
  auto h = c.Get("/healthz");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->status, 200);
  auto r =
      post(c, "/api/call", R"({"model":"users","action":"create","args":{"data":{"email":"ann@acme.co"}}})");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body["email"], "ann@acme.co");
  // The database file has it.
  EXPECT_EQ(app.call(R"({"model":"users","action":"count"})"), 1);
}

TEST(ServeTest, QueryAndSchemaRoutes) {
  App app;
  app.call(R"({"model":"users","action":"create","args":{"data":{"email":"a@x.co"}}})");
  auto srv = app.serve();
  httplib::Client c("127.0.0.1", srv.port());
  auto q = post(c, "/api/query", R"({"all":{"model":"users"},"n":{"model":"notes","limit":1}})");
  EXPECT_EQ(q.status, 200) << q.body;
  ASSERT_TRUE(q.body.contains("all")) << q.body;
  EXPECT_EQ(q.body["all"].size(), 1u);
  auto s = c.Get("/api/schema");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->status, 200);
  EXPECT_NE(s->body.find("\"notes\""), std::string::npos) << s->body;
}

TEST(ServeTest, GoodTokenIsAccepted) {
  App app;
  auto srv = app.serve();
  httplib::Client c("127.0.0.1", srv.port());
  auto token = server::signJwt({{"id", 7}, {"exp", nowSeconds() + 600}}, kSecret);
  auto r = post(c, "/api/call", R"({"model":"users","action":"findMany"})", token);
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST(ServeTest, BadSignatureIs401) {
  App app;
  auto srv = app.serve();
  httplib::Client c("127.0.0.1", srv.port());
  auto token = server::signJwt({{"id", 7}}, "another-secret");
  auto r = post(c, "/api/call", R"({"model":"users","action":"findMany"})", token);
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(code(r), "AUTH_INVALID_TOKEN");
}

TEST(ServeTest, ExpiredAndNotYetValidTokensAre401) {
  App app;
  auto srv = app.serve();
  httplib::Client c("127.0.0.1", srv.port());
  auto expired = server::signJwt({{"id", 7}, {"exp", nowSeconds() - 5}}, kSecret);
  auto r = post(c, "/api/call", R"({"model":"users","action":"findMany"})", expired);
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(code(r), "AUTH_TOKEN_EXPIRED");
  auto early = server::signJwt({{"id", 7}, {"nbf", nowSeconds() + 600}}, kSecret);
  r = post(c, "/api/call", R"({"model":"users","action":"findMany"})", early);
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(code(r), "AUTH_TOKEN_NOT_YET_VALID");
}

TEST(ServeTest, GarbageAndNonBearerAuthorizationAre401) {
  App app;
  auto srv = app.serve();
  httplib::Client c("127.0.0.1", srv.port());
  EXPECT_EQ(post(c, "/api/call", R"({"model":"users","action":"findMany"})", "not.a.jwt").status, 401);
  httplib::Headers h{{"Authorization", "Basic dXNlcjpwYXNz"}};
  auto res = c.Post("/api/call", h, R"({"model":"users","action":"findMany"})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
}

TEST(ServeTest, WithoutSecretATokenIs401AndAnonymousStillWorks) {
  App app;
  auto srv = ServerProcess({"serve", "--schema", "schema.lite", "--db", "app.db", "--port", "0"},
                           app.dir.path().string(), {"LITESTONE_JWT_SECRET="});
  httplib::Client c("127.0.0.1", srv.port());
  auto token = server::signJwt({{"id", 1}}, kSecret);
  auto r = post(c, "/api/call", R"({"model":"users","action":"findMany"})", token);
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(code(r), "AUTH_NOT_CONFIGURED");
  EXPECT_EQ(post(c, "/api/call", R"({"model":"users","action":"findMany"})").status, 200);
}

TEST(ServeTest, SecretFromTheConfigFile) {
  App app;
  app.dir.write("litestone.config.json",
                R"({"schema": "schema.lite", "db": "app.db", "jwtSecret": "from-config"})");
  auto srv = ServerProcess({"serve", "--port", "0"}, app.dir.path().string(), {"LITESTONE_JWT_SECRET="});
  httplib::Client c("127.0.0.1", srv.port());
  EXPECT_EQ(post(c, "/api/call", R"({"model":"users","action":"findMany"})",
                 server::signJwt({{"id", 1}}, "from-config"))
                .status,
            200);
  EXPECT_EQ(
      post(c, "/api/call", R"({"model":"users","action":"findMany"})", server::signJwt({{"id", 1}}, kSecret))
          .status,
      401);
}

TEST(ServeTest, ErrorsCarryWireJsonAndStatus) {
  App app;
  auto srv = app.serve();
  httplib::Client c("127.0.0.1", srv.port());
  auto bad = post(c, "/api/call", R"({"model":"users", "action":)");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(code(bad), "QUERY_INVALID_JSON");
  auto unknown = post(c, "/api/call", R"({"model":"nope","action":"findMany"})");
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_FALSE(code(unknown).empty());
  auto invalid =
      post(c, "/api/call", R"({"model":"users","action":"create","args":{"data":{"email":"not-an-email"}}})");
  EXPECT_EQ(invalid.status, 400) << invalid.body;
  EXPECT_EQ(code(invalid).rfind("VALIDATION", 0), 0u) << invalid.body;
  std::string create = R"({"model":"users","action":"create","args":{"data":{"email":"dup@x.co"}}})";
  EXPECT_EQ(post(c, "/api/call", create).status, 200);
  auto dup = post(c, "/api/call", create);
  EXPECT_EQ(dup.status, 409) << dup.body;
  auto missing =
      post(c, "/api/call", R"({"model":"users","action":"findUniqueOrThrow","args":{"where":{"id":999}}})");
  EXPECT_EQ(missing.status, 404) << missing.body;
  auto route = c.Get("/api/nothing-here");
  ASSERT_TRUE(route);
  EXPECT_EQ(route->status, 404);
  EXPECT_NE(route->body.find("HTTP_NOT_FOUND"), std::string::npos) << route->body;
}

TEST(ServeTest, ValuesAreBoundNotSpliced) {
  App app;
  auto srv = app.serve();
  httplib::Client c("127.0.0.1", srv.port());
  const std::string evil = "x'); DROP TABLE users; --";
  json req = {
      {"model", "notes"}, {"action", "create"}, {"args", {{"data", {{"author", 1}, {"body", evil}}}}}};
  auto r = post(c, "/api/call", req.dump());
  EXPECT_EQ(r.status, 200) << r.body;
  json find = {{"model", "notes"}, {"action", "findMany"}, {"args", {{"where", {{"body", evil}}}}}};
  auto f = post(c, "/api/call", find.dump());
  ASSERT_EQ(f.status, 200);
  ASSERT_EQ(f.body.size(), 1u);
  EXPECT_EQ(f.body[0]["body"], evil);
  EXPECT_EQ(app.call(R"({"model":"users","action":"count"})"), 0);  // the table is still there
}

TEST(ServeTest, TrustedSqlIsRefusedOverHttp) {
  App app;
  app.call(R"({"model":"users","action":"create","args":{"data":{"email":"a@x.co"}}})");
  auto srv = app.serve();
  httplib::Client c("127.0.0.1", srv.port());
  for (const char* body :
       {R"({"model":"users","action":"findMany","args":{"where":{"$raw":"1=1"}}})",
        R"({"model":"users","action":"findMany","args":{"where":{"AND":[{"$raw":{"$sql":"1=1"}}]}}})",
        R"([{"model":"users","action":"deleteMany","args":{"where":{"$raw":"1=1"}}}])"}) {
    auto r = post(c, "/api/call", body);
    EXPECT_EQ(r.status, 400) << body << r.body;
    EXPECT_EQ(code(r), "QUERY_RAW_NOT_ALLOWED") << body;
  }
  auto q = post(c, "/api/query", R"({"a":{"model":"users","where":{"$raw":"1=1"}}})");
  EXPECT_EQ(q.status, 400) << q.body;
  EXPECT_EQ(app.call(R"({"model":"users","action":"count"})"), 1);
}

TEST(ServeTest, MaxBodyFlagGives413) {
  App app;
  auto srv = app.serve({"--max-body", "1000"});
  httplib::Client c("127.0.0.1", srv.port());
  json big = {{"model", "notes"},
              {"action", "create"},
              {"args", {{"data", {{"author", 1}, {"body", std::string(2000, 'a')}}}}}};
  auto r = post(c, "/api/call", big.dump());
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(code(r), "HTTP_BODY_TOO_LARGE") << r.body;
  json small = {
      {"model", "notes"}, {"action", "create"}, {"args", {{"data", {{"author", 1}, {"body", "ok"}}}}}};
  EXPECT_EQ(post(c, "/api/call", small.dump()).status, 200);
  EXPECT_EQ(app.call(R"({"model":"notes","action":"count"})"), 1);
}

TEST(ServeTest, MaxBatchFlagGives413AndWritesNothing) {
  App app;
  auto srv = app.serve({"--max-batch", "2"});
  httplib::Client c("127.0.0.1", srv.port());
  json one = {{"model", "notes"}, {"action", "create"}, {"args", {{"data", {{"author", 1}, {"body", "b"}}}}}};
  auto r = post(c, "/api/call", json::array({one, one, one}).dump());
  EXPECT_EQ(r.status, 413) << r.body;
  EXPECT_EQ(code(r), "HTTP_BATCH_TOO_LARGE");
  EXPECT_EQ(app.call(R"({"model":"notes","action":"count"})"), 0);
  EXPECT_EQ(post(c, "/api/call", json::array({one, one}).dump()).status, 200);
  EXPECT_EQ(app.call(R"({"model":"notes","action":"count"})"), 2);
}

TEST(ServeTest, BatchIsOneTransaction) {
  App app;
  auto srv = app.serve();
  httplib::Client c("127.0.0.1", srv.port());
  json a = {{"model", "users"}, {"action", "create"}, {"args", {{"data", {{"email", "same@x.co"}}}}}};
  auto r = post(c, "/api/call", json::array({a, a}).dump());
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(app.call(R"({"model":"users","action":"count"})"), 0);
}

int connectTo(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

void sendAll(int fd, const std::string& s) {
  EXPECT_EQ(send(fd, s.data(), s.size(), 0), static_cast<ssize_t>(s.size()));
}

std::string recvAll(int fd, int timeout_ms) {
  std::string out;
  char buf[4096];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) break;
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

TEST(ServeTest, TimeoutFlagDropsAStalledRequest) {
  App app;
  auto srv = app.serve({"--timeout", "1"});
  int fd = connectTo(srv.port());
  ASSERT_GE(fd, 0);
  sendAll(fd, "POST /api/call HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"model\":");
  auto start = std::chrono::steady_clock::now();
  char c;
  pollfd p{fd, POLLIN, 0};
  ASSERT_EQ(poll(&p, 1, 5000), 1) << "the server kept the stalled request open";
  recv(fd, &c, 1, 0);
  auto waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(waited, 4.0);
  EXPECT_GE(waited, 0.5);
  close(fd);
}

TEST(ServeTest, AccessLogAndQuietFlag) {
  App app;
  {
    auto srv = app.serve();
    httplib::Client c("127.0.0.1", srv.port());
    post(c, "/api/call", R"({"model":"users","action":"findMany"})");
    post(c, "/api/call", R"({"model":"nope","action":"findMany"})");
    EXPECT_EQ(srv.stop(), 0);
    auto log = srv.stderrText();
    EXPECT_NE(log.find("POST /api/call 200 "), std::string::npos) << log;
    EXPECT_NE(log.find("POST /api/call 400 "), std::string::npos) << log;
    EXPECT_NE(log.find("ms\n"), std::string::npos) << log;
  }
  {
    auto srv = app.serve({"--quiet"});
    httplib::Client c("127.0.0.1", srv.port());
    post(c, "/api/call", R"({"model":"users","action":"findMany"})");
    EXPECT_EQ(srv.stop(), 0);
    EXPECT_EQ(srv.stderrText().find("/api/call"), std::string::npos) << srv.stderrText();
  }
}

TEST(ServeTest, PortAndHostFlags) {
  App app;
  // A port that was free a moment ago.
  int probe = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  ASSERT_EQ(::bind(probe, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  getsockname(probe, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  close(probe);
  auto srv = ServerProcess({"serve", "--schema", "schema.lite", "--db", "app.db", "--host", "127.0.0.1",
                            "--port", std::to_string(port)},
                           app.dir.path().string());
  EXPECT_EQ(srv.port(), port);
  EXPECT_NE(srv.url().find("http://127.0.0.1:"), std::string::npos);
  httplib::Client c("127.0.0.1", port);
  auto h = c.Get("/healthz");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->status, 200);
  // An address this machine does not have is a clear error, exit 1. (The
  // same port twice is not: cpp-httplib sets SO_REUSEPORT.)
  auto r = runCli("serve --schema schema.lite --db app.db --host 203.0.113.1 --port " + std::to_string(port),
                  "", app.dir.path().string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("HTTP_BIND_FAILED"), std::string::npos) << r.err;
}

TEST(ServeTest, BadFlagValuesAreUsageErrors) {
  App app;
  for (const char* flags : {"--port 70000", "--max-body 0", "--max-batch -1", "--timeout x", "--threads 0"}) {
    auto r =
        runCli(std::string("serve --schema schema.lite --db app.db ") + flags, "", app.dir.path().string());
    EXPECT_EQ(r.exit_code, 2) << flags << "\n" << r.err;
  }
}

TEST(ServeTest, SixteenConcurrentClientsLoseNoWrite) {
  App app;
  auto srv = app.serve({"--threads", "20", "--quiet"});
  constexpr int kClients = 16;
  constexpr int kWrites = 20;
  std::atomic<int> failures{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t) {
    clients.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", srv.port());
      c.set_keep_alive(true);
      for (int i = 0; i < kWrites; ++i) {
        json create = {{"model", "notes"},
                       {"action", "create"},
                       {"args", {{"data", {{"author", t}, {"body", std::to_string(i)}}}}}};
        if (post(c, "/api/call", create.dump()).status != 200) ++failures;
        json read = {{"model", "notes"}, {"action", "findMany"}, {"args", {{"where", {{"author", t}}}}}};
        auto r = post(c, "/api/call", read.dump());
        // Each client sees all of its own writes so far.
        if (r.status != 200 || r.body.size() != static_cast<size_t>(i + 1)) ++failures;
      }
    });
  }
  for (auto& th : clients) th.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(srv.stop(), 0);
  EXPECT_EQ(app.call(R"({"model":"notes","action":"count"})"), kClients * kWrites);
}

TEST(ServeTest, SigtermFinishesTheRequestInFlightThenExitsZero) {
  App app;
  auto srv = app.serve();
  int fd = connectTo(srv.port());
  ASSERT_GE(fd, 0);
  std::string body = R"({"model":"notes","action":"create","args":{"data":{"author":1,"body":"late"}}})";
  auto half = body.size() / 2;
  sendAll(fd, "POST /api/call HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                  std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, half));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  srv.signal(SIGTERM);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  sendAll(fd, body.substr(half));
  auto reply = recvAll(fd, 5000);
  close(fd);
  EXPECT_EQ(reply.rfind("HTTP/1.1 200", 0), 0u) << reply;
  EXPECT_EQ(srv.wait(), 0) << srv.stderrText();
  EXPECT_EQ(app.call(R"({"model":"notes","action":"count"})"), 1);
  // No new connection is accepted after the signal.
  EXPECT_LT(connectTo(srv.port()), 0);
}

TEST(ServeTest, SigintExitsZero) {
  App app;
  auto srv = app.serve();
  EXPECT_EQ(srv.stop(SIGINT), 0) << srv.stderrText();
  EXPECT_NE(srv.stderrText().find("stopped"), std::string::npos);
}

}  // namespace
}  // namespace litestone
