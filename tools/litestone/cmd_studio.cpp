// litestone studio [--port 5001] [--host 127.0.0.1] [--quiet]
// The browser Studio, its pages embedded in the binary. Prints the URL with a
// random token (http://127.0.0.1:5001/?token=...); the page keeps the token in
// an HttpOnly cookie and every API call checks it. Runs until SIGINT/SIGTERM.

#include <iostream>
#include <memory>

#include "command.hpp"
#include "litestone/litestone.hpp"
#include "server/serve.hpp"
#include "server/studio.hpp"

namespace litestone::cli {

namespace {

struct StudioFlags {
  server::ServerOptions server;
};

int runStudio(const StudioFlags& f, const Globals& g) {
  try {
    ClientOptions opts;
    opts.path = g.schema.empty() ? "schema.lite" : g.schema;
    opts.db = g.db;
    opts.encryption_key = g.encryption_key;
    server::blockShutdownSignals();
    Client db = createClient(opts);
    server::Server srv(f.server);
    std::string token = server::mountStudio(srv, db, {.schema_path = opts.path, .token = ""});
    server::serveUntilSignal(srv, [&](int port) {
      std::cout << "litestone studio: http://" << f.server.host << ":" << port << "/?token=" << token
                << std::endl;
    });
    std::cerr << "litestone studio: stopped\n";
    db.close();
    return 0;
  } catch (const std::exception& e) {
    return reportError(e);
  }
}

Runner setupStudio(CLI::App& app, Globals& g) {
  auto flags = std::make_shared<StudioFlags>();
  auto& o = flags->server;
  o.port = 5001;
  o.threads = 8;
  app.description(
      "Open the browser Studio: browse and edit data, run SQL, edit the schema, see plans and stats");
  app.add_option("--port", o.port, "TCP port (0 picks a free one)")
      ->default_val(5001)
      ->check(CLI::Range(0, 65535));
  app.add_option("--host", o.host, "Address to bind (keep 127.0.0.1 unless you know why)")
      ->default_val("127.0.0.1");
  app.add_flag("--quiet", o.quiet, "No access log on stderr");
  return [flags, &g] { return runStudio(*flags, g); };
}

const bool kRegistered = registerCommand({"studio", setupStudio});

}  // namespace

}  // namespace litestone::cli
