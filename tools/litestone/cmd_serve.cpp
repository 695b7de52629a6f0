// litestone serve [--port 8080] [--host 127.0.0.1] [--max-body N] [--max-batch N]
//                 [--timeout S] [--threads N] [--quiet]
// The wire protocol over HTTP: POST /api/call, POST /api/query, GET /api/schema,
// GET /healthz. Bearer JWTs (HS256) become auth(); the secret comes from
// LITESTONE_JWT_SECRET or "jwtSecret" in litestone.config.json. Runs until
// SIGINT/SIGTERM, lets in-flight requests finish, exits 0.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "command.hpp"
#include "litestone/litestone.hpp"
#include "server/serve.hpp"

namespace litestone::cli {

namespace {

struct ServeFlags {
  server::ServerOptions server;
};

// LITESTONE_JWT_SECRET wins over the config file's "jwtSecret".
std::string jwtSecret(const Globals& g) {
  if (const char* env = std::getenv("LITESTONE_JWT_SECRET"); env != nullptr && *env != '\0') return env;
  std::string path = g.config;
  if (path.empty()) {
    if (!std::filesystem::exists("litestone.config.json")) return "";
    path = "litestone.config.json";
  }
  std::ifstream in(path);
  json cfg = json::parse(in, nullptr, false);
  if (!cfg.is_object() || !cfg.contains("jwtSecret")) return "";
  if (!cfg["jwtSecret"].is_string())
    throw Error("CLI_CONFIG_INVALID", "config key \"jwtSecret\" must be a string",
                {{"path", path}, {"key", "jwtSecret"}});
  return cfg["jwtSecret"].get<std::string>();
}

int runServe(const ServeFlags& f, const Globals& g) {
  try {
    ClientOptions opts;
    opts.path = g.schema.empty() ? "schema.lite" : g.schema;
    opts.db = g.db;
    opts.encryption_key = g.encryption_key;
    std::string secret = jwtSecret(g);
    server::blockShutdownSignals();
    Client db = createClient(opts);
    server::Server srv(f.server);
    srv.mountApi(server::jwtResolver(db, secret));
    server::serveUntilSignal(srv, [&](int port) {
      std::cout << "litestone serve: listening on http://" << f.server.host << ":" << port << "/"
                << std::endl;
      if (secret.empty())
        std::cerr << "note: no JWT secret (LITESTONE_JWT_SECRET or \"jwtSecret\" in the config); "
                     "only anonymous requests are accepted\n";
    });
    std::cerr << "litestone serve: stopped\n";
    db.close();
    return 0;
  } catch (const std::exception& e) {
    return reportError(e);
  }
}

Runner setupServe(CLI::App& app, Globals& g) {
  auto flags = std::make_shared<ServeFlags>();
  auto& o = flags->server;
  app.description(
      "Serve the wire protocol over HTTP (POST /api/call, /api/query; GET /api/schema, /healthz)");
  app.add_option("--port", o.port, "TCP port (0 picks a free one)")
      ->default_val(8080)
      ->check(CLI::Range(0, 65535));
  app.add_option("--host", o.host, "Address to bind")->default_val("127.0.0.1");
  app.add_option("--max-body", o.max_body, "Largest request body in bytes (larger gets 413)")
      ->default_val(o.max_body)
      ->check(CLI::PositiveNumber);
  app.add_option("--max-batch", o.max_batch, "Most calls in one batch array (more gets 413)")
      ->default_val(o.max_batch)
      ->check(CLI::PositiveNumber);
  app.add_option("--timeout", o.timeout_s, "Seconds to wait on a client's socket before dropping the request")
      ->default_val(o.timeout_s)
      ->check(CLI::PositiveNumber);
  app.add_option("--threads", o.threads, "Worker threads (each open keep-alive connection holds one)")
      ->default_val(o.threads)
      ->check(CLI::PositiveNumber);
  app.add_flag("--quiet", o.quiet, "No access log on stderr");
  return [flags, &g] { return runServe(*flags, g); };
}

const bool kRegistered = registerCommand({"serve", setupServe});

}  // namespace

}  // namespace litestone::cli
