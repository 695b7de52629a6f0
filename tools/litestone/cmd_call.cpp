// litestone call [--auth JSON] [--system] [--pretty] [JSON | -]
// Runs one wire-protocol call, or an array of calls in one transaction, and
// prints the result JSON on stdout. On failure prints the error JSON on
// stdout and a one-line message on stderr, and exits 1.

#include <iostream>
#include <iterator>
#include <memory>

#include "client/open.hpp"
#include "command.hpp"
#include "common/error_codes.hpp"
#include "litestone/litestone.hpp"

namespace litestone::cli {

namespace {

struct CallFlags {
  std::string request = "-";
  std::string auth;
  bool system = false;
  bool pretty = false;
};

json parseJson(const std::string& text, const std::string& what) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    throw QueryError(codes::kQueryInvalidJson, what + " is not valid JSON: " + e.what(), {{"input", what}});
  } catch (const json::out_of_range& e) {
    // 1e400: valid JSON text, but no double holds it.
    throw QueryError(codes::kQueryInvalidArgument,
                     what + " holds a number outside the range of a 64-bit double: " + e.what(),
                     {{"input", what}, {"reason", "notFinite"}});
  }
}

int runCall(const CallFlags& f, const Globals& g) {
  try {
    std::string text = f.request;
    if (text == "-") text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    json request = parseJson(text, "the request");
    ClientOptions opts;
    opts.path = g.schema.empty() ? "schema.lite" : g.schema;
    opts.db = g.db;
    opts.encryption_key = g.encryption_key;
    Client db = detail::openClient(opts, /*create_missing=*/false);
    if (!f.auth.empty()) db = db.setAuth(parseJson(f.auth, "--auth"));
    if (f.system) db = db.asSystem();
    json result = db.call(request);
    // Text read from a database another tool wrote may not be UTF-8.
    std::cout << result.dump(f.pretty ? 2 : -1, ' ', false, json::error_handler_t::replace) << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cout << errorToJson(e).dump(f.pretty ? 2 : -1) << "\n";
    return reportError(e);
  }
}

Runner setupCall(CLI::App& app, Globals& g) {
  auto flags = std::make_shared<CallFlags>();
  app.description(
      "Run a wire-protocol call {\"model\",\"action\",\"args\"} (or an array of them, in one transaction) "
      "and print the result JSON");
  app.add_option("request", flags->request, "The call as JSON, or - to read it from stdin (default)");
  app.add_option("--auth", flags->auth, "Run as this user: a JSON object such as {\"id\": 1}");
  app.add_flag("--system", flags->system, "Bypass policies and see @guarded fields (asSystem)");
  app.add_flag("--pretty", flags->pretty, "Indent the JSON output");
  return [flags, &g] { return runCall(*flags, g); };
}

const bool kRegistered = registerCommand({"call", setupCall});

}  // namespace

}  // namespace litestone::cli
