#pragma once

// The HTTP server shared by `litestone serve` and the Studio: cpp-httplib with
// a thread pool and keep-alive, the wire protocol's routes, limits, and one
// access-log line per request.
//
//   Server s(db, opts);
//   s.mountApi([&](const httplib::Request& r) { return clientFor(r); });
//   int port = s.bind();  // port 0 picks a free one
//   s.listen();           // blocks until stop()

#include <httplib.h>

#include <cstddef>
#include <functional>
#include <string>

#include "litestone/client.hpp"

namespace litestone::server {

// Tuning defaults; each one is a flag of `litestone serve`.
struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::size_t max_body = std::size_t{16} << 20;  // bytes; larger bodies get 413
  std::size_t max_batch = 1000;                  // calls in one array; more get 413
  int timeout_s = 30;                            // socket read/write timeout per request
  int threads = 32;                              // workers; a keep-alive connection holds one while open
  bool quiet = false;                            // no access log
};

// Picks the Client a request runs as (auth from a token, a cookie...), or
// throws a litestone::Error that becomes the response (401...).
using ClientResolver = std::function<Client(const httplib::Request&)>;

class Server {
 public:
  explicit Server(ServerOptions options);
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // POST /api/call, POST /api/query, GET /api/schema, GET /healthz.
  void mountApi(ClientResolver resolve);
  // Adds a route whose handler returns JSON; errors become wire errors.
  using JsonHandler = std::function<json(const httplib::Request&)>;
  void postJson(const std::string& path, JsonHandler fn);
  void getJson(const std::string& path, JsonHandler fn);

  int bind();     // binds host:port; returns the bound port; throws on failure
  void listen();  // serves until stop(); in-flight requests finish first
  void stop();
  httplib::Server& http() { return http_; }
  const ServerOptions& options() const { return options_; }

  // Parses a request body as JSON or throws QUERY_INVALID_JSON.
  static json parseBody(const httplib::Request& req);

 private:
  void handle(const httplib::Request& req, httplib::Response& res, const JsonHandler& fn) const;
  ServerOptions options_;
  httplib::Server http_;
};

}  // namespace litestone::server
