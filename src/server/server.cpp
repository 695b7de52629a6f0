#include "server.hpp"

#include <chrono>
#include <cstdio>

#include "http_status.hpp"
#include "litestone/error.hpp"
#include "query/args/limits.hpp"
#include "query/config.hpp"

namespace litestone::server {

namespace {

using Clock = std::chrono::steady_clock;
// Each request runs start to end on one worker thread, so the pre-routing
// handler and the logger meet here.
thread_local Clock::time_point t_request_start{};

void sendJson(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void accessLog(const httplib::Request& req, const httplib::Response& res) {
  double ms = 0;
  if (t_request_start != Clock::time_point{})
    ms = std::chrono::duration<double, std::milli>(Clock::now() - t_request_start).count();
  t_request_start = Clock::time_point{};
  // One write per line so that lines from different workers do not interleave.
  std::string line =
      req.remote_addr + " " + req.method + " " + req.path + " " + std::to_string(res.status) + " ";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2fms\n", ms);
  line += buf;
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace

Server::Server(ServerOptions options) : options_(std::move(options)) {
  const int threads = options_.threads > 0 ? options_.threads : 1;
  // cpp-httplib owns the queue it gets from this factory.
  http_.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  http_.set_payload_max_length(options_.max_body);
  http_.set_read_timeout(options_.timeout_s, 0);
  http_.set_write_timeout(options_.timeout_s, 0);
  http_.set_keep_alive_max_count(100000);
  http_.set_keep_alive_timeout(2);
  http_.set_tcp_nodelay(true);
  http_.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    t_request_start = Clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Errors cpp-httplib raises itself (413 before routing, 404 with no route)
  // get the wire error shape too.
  http_.set_error_handler([max = options_.max_body](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413) {
      sendJson(
          res, 413,
          Error("HTTP_BODY_TOO_LARGE",
                "the request body is larger than the limit of " + std::to_string(max) + " bytes (--max-body)",
                {{"limit", max}})
              .toJson());
    } else if (res.status == 404) {
      sendJson(
          res, 404,
          Error("HTTP_NOT_FOUND", "no route " + req.method + " " + req.path, {{"path", req.path}}).toJson());
    } else {
      int status = res.status;
      sendJson(res, status,
               json{{"error",
                     {{"code", "HTTP_" + std::to_string(status)},
                      {"message", "HTTP error"},
                      {"meta", json::object()}}}});
    }
  });
  if (!options_.quiet) http_.set_logger(accessLog);
}

json Server::parseBody(const httplib::Request& req) {
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded())
    throw QueryError("QUERY_INVALID_JSON", "the request body is not valid JSON", {{"input", "body"}});
  return body;
}

void Server::handle(const httplib::Request& req, httplib::Response& res, const JsonHandler& fn) const {
  try {
    sendJson(res, 200, fn(req));
  } catch (const std::exception& e) {
    int status = httpStatus(e);
    if (status >= 500)
      std::fprintf(stderr, "error: %s %s: %s\n", req.method.c_str(), req.path.c_str(), e.what());
    sendJson(res, status, httpErrorBody(e, status));
  }
}

void Server::postJson(const std::string& path, JsonHandler fn) {
  http_.Post(path, [this, fn = std::move(fn)](const httplib::Request& req, httplib::Response& res) {
    handle(req, res, fn);
  });
}

void Server::getJson(const std::string& path, JsonHandler fn) {
  http_.Get(path, [this, fn = std::move(fn)](const httplib::Request& req, httplib::Response& res) {
    handle(req, res, fn);
  });
}

void Server::mountApi(ClientResolver resolve) {
  const std::size_t max_batch = options_.max_batch;
  postJson("/api/call", [resolve, max_batch](const httplib::Request& req) {
    json request = parseBody(req);
    if (request.is_array() && request.size() > max_batch)
      throw Error("HTTP_BATCH_TOO_LARGE",
                  "the batch holds " + std::to_string(request.size()) + " calls; the limit is " +
                      std::to_string(max_batch) + " (--max-batch)",
                  {{"limit", max_batch}, {"size", request.size()}});
    Client db = resolve(req);
    if (!db.isSystem()) query::checkRequest(request, "request", {query::config::kMaxArgsDepth, false});
    return db.call(request);
  });
  postJson("/api/query", [resolve](const httplib::Request& req) {
    json spec = parseBody(req);
    Client db = resolve(req);
    if (!db.isSystem()) query::checkRequest(spec, "request", {query::config::kMaxArgsDepth, false});
    return db.query(spec);
  });
  getJson("/api/schema", [resolve](const httplib::Request& req) { return resolve(req).schema(); });
  getJson("/healthz", [](const httplib::Request&) { return json{{"ok", true}}; });
}

int Server::bind() {
  int port = options_.port == 0 ? http_.bind_to_any_port(options_.host)
                                : (http_.bind_to_port(options_.host, options_.port) ? options_.port : -1);
  if (port < 0)
    throw Error("HTTP_BIND_FAILED",
                "cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                    " (address in use or not available)",
                {{"host", options_.host}, {"port", options_.port}});
  return port;
}

void Server::listen() { http_.listen_after_bind(); }

void Server::stop() { http_.stop(); }

}  // namespace litestone::server
