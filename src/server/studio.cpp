#include "studio.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "litestone/error.hpp"
#include "litestone/migrate.hpp"
#include "studio_assets.hpp"

namespace litestone::server {

namespace {

constexpr const char* kCookie = "litestone_studio";

std::string cookieValue(const httplib::Request& req) {
  const std::string header = req.get_header_value("Cookie");
  const std::string key = std::string(kCookie) + "=";
  size_t at = 0;
  while ((at = header.find(key, at)) != std::string::npos) {
    if (at == 0 || header[at - 1] == ' ' || header[at - 1] == ';') {
      size_t begin = at + key.size();
      size_t end = header.find(';', begin);
      return header.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
    }
    at += key.size();
  }
  return "";
}

bool sameToken(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

const Asset* findAsset(std::string_view name) {
  for (const auto& a : embeddedAssets())
    if (a.name == name) return &a;
  return nullptr;
}

void sendAsset(httplib::Response& res, const Asset& a) {
  res.set_content(std::string(a.data, a.size), std::string(a.content_type));
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Content-Type-Options", "nosniff");
}

// A read-only action whose plan EXPLAIN QUERY PLAN can show.
bool isRead(const std::string& action) {
  return action.starts_with("find") || action == "count" || action == "exists" || action == "aggregate" ||
         action == "groupBy";
}

std::string readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("STUDIO_SCHEMA_UNREADABLE", "cannot read " + path, {{"path", path}});
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// {ok, diagnostics: [{line, column, code, message}]} for schema text.
json checkSchema(const std::string& text, const std::string& path) {
  try {
    parse(text, path);
    return {{"ok", true}, {"diagnostics", json::array()}};
  } catch (const SchemaError& e) {
    json list = e.meta().value("diagnostics", json::array());
    return {{"ok", false}, {"diagnostics", list}};
  }
}

// Runs fn while recording every statement the client runs.
struct Recorded {
  json result;
  json queries = json::array();
  double ms = 0;
};

std::mutex g_tap_mutex;  // taps see every statement of the client: one recorder at a time

Recorded record(const Client& db, const std::function<json()>& fn) {
  std::lock_guard lock(g_tap_mutex);
  Recorded r;
  auto untap = db.tapQuery([&r](const QueryEvent& e) {
    r.queries.push_back({{"sql", e.sql},
                         {"params", e.params},
                         {"ms", e.duration_ms},
                         {"rows", e.row_count},
                         {"model", e.model},
                         {"operation", e.operation},
                         {"database", e.database}});
  });
  auto start = std::chrono::steady_clock::now();
  try {
    r.result = fn();
  } catch (...) {
    untap();
    throw;
  }
  r.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  untap();
  return r;
}

// Advice for one plan line: a full scan of a table that has a filter.
json adviceFor(const std::string& detail, const json& call) {
  if (!detail.starts_with("SCAN ") || detail.find("USING") != std::string::npos) return nullptr;
  json where = call.contains("args") ? call["args"].value("where", json::object()) : json::object();
  std::vector<std::string> fields;
  if (where.is_object())
    for (auto& [k, v] : where.items())
      if (!k.empty() && k[0] != '$' && k != "AND" && k != "OR" && k != "NOT") fields.push_back(k);
  std::string table = detail.substr(5);
  if (fields.empty()) return "full scan of " + table + " (no filter: expected for listing every row)";
  std::string list;
  for (auto& f : fields) list += (list.empty() ? "" : ", ") + f;
  return "full scan of " + table + ": add @@index([" + list + "]) to model " + call.value("model", "") +
         " so this filter can use an index";
}

// For the pages' own endpoints: an Error from the database or the arguments is
// a result the page shows ({"error": ...}, status 200), so that the browser does
// not log an expected refusal as a failed request. The token check stays 401.
Server::JsonHandler softErrors(Server::JsonHandler fn) {
  return [fn = std::move(fn)](const httplib::Request& req) -> json {
    try {
      return fn(req);
    } catch (const Error& e) {
      if (e.code() == "STUDIO_TOKEN_REQUIRED") throw;
      return json{{"error", e.toJson()["error"]}};
    }
  };
}

}  // namespace

std::string randomToken() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw Error("INTERNAL", "no randomness for the Studio token");
  std::string hex;
  char buf[3];
  for (unsigned char b : bytes) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    hex += buf;
  }
  return hex;
}

std::string mountStudio(Server& srv, Client db, StudioOptions options) {
  std::string token = options.token.empty() ? randomToken() : options.token;
  Client system = db.asSystem();
  auto authorized = [token](const httplib::Request& req) { return sameToken(cookieValue(req), token); };
  auto require = [authorized](const httplib::Request& req) {
    if (!authorized(req))
      throw Error("STUDIO_TOKEN_REQUIRED",
                  "open the URL that `litestone studio` printed: the Studio needs its token");
  };
  // The client a page call runs as: the acting-as user if the page set one.
  auto clientFor = [system, require](const httplib::Request& req) -> Client {
    require(req);
    std::string act = req.get_header_value("X-Litestone-Act-As");
    if (act.empty()) return system;
    json auth = json::parse(act, nullptr, false);
    if (auth.is_discarded() || !auth.is_object())
      throw QueryError("QUERY_INVALID_JSON", "X-Litestone-Act-As must be a JSON object",
                       {{"input", "X-Litestone-Act-As"}});
    return system.setAuth(std::move(auth));
  };

  auto& http = srv.http();
  http.Get("/", [token, authorized](const httplib::Request& req, httplib::Response& res) {
    if (req.has_param("token")) {
      if (!sameToken(req.get_param_value("token"), token)) {
        res.status = 401;
        res.set_content("wrong Studio token: open the URL printed by litestone studio\n", "text/plain");
        return;
      }
      res.set_header("Set-Cookie",
                     std::string(kCookie) + "=" + token + "; HttpOnly; SameSite=Strict; Path=/");
      res.set_redirect("/", 303);
      return;
    }
    if (!authorized(req)) {
      res.status = 401;
      res.set_content("the Studio needs its token: open the URL printed by litestone studio\n", "text/plain");
      return;
    }
    if (const Asset* a = findAsset("index.html")) sendAsset(res, *a);
  });
  http.Get(R"(/assets/([a-z0-9_.-]+))", [](const httplib::Request& req, httplib::Response& res) {
    const Asset* a = findAsset(req.matches[1].str());
    if (a == nullptr) {
      res.status = 404;
      return;
    }
    sendAsset(res, *a);
  });

  srv.mountApi(clientFor);
  srv.getJson("/api/models", [system, require](const httplib::Request& req) {
    require(req);
    json schema = system.schema();
    json out = json::array();
    for (auto& [name, m] : schema["models"].items()) {
      json row = {{"name", name},
                  {"database", m["database"]},
                  {"softDelete", m["softDelete"]},
                  {"auth", m["auth"]},
                  {"count", nullptr}};
      try {
        row["count"] = system[name].count();
      } catch (const Error& e) {
        row["error"] = e.code();
      }
      out.push_back(row);
    }
    return json{{"models", out}, {"databases", system.databases()}};
  });
  srv.postJson(
      "/api/sql", softErrors([system, require](const httplib::Request& req) {
        require(req);
        json body = Server::parseBody(req);
        if (!body.is_object() || !body.contains("sql") || !body["sql"].is_string())
          throw QueryError("QUERY_INVALID_ARGUMENT", "the body must be {\"sql\": \"...\", \"params\": [...]}",
                           {{"field", "sql"}});
        auto start = std::chrono::steady_clock::now();
        json rows = system.sql(body["sql"].get<std::string>(), body.value("params", json::array()));
        double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        return json{{"result", rows}, {"ms", ms}};
      }));
  srv.postJson("/api/repl", [clientFor](const httplib::Request& req) {
    Client c = clientFor(req);
    json request = Server::parseBody(req);
    try {
      Recorded r = record(c, [&] { return c.call(request); });
      return json{{"result", r.result}, {"queries", r.queries}, {"ms", r.ms}};
    } catch (const Error& e) {
      return json{{"error", e.toJson()["error"]}};
    }
  });
  srv.postJson(
      "/api/explain", softErrors([system, require](const httplib::Request& req) {
        require(req);
        json call = Server::parseBody(req);
        if (!call.is_object() || !call.value("action", json("")).is_string() ||
            !isRead(call.value("action", "")))
          throw QueryError(
              "QUERY_INVALID_ARGUMENT",
              "Performance explains one read call: {\"model\", \"action\": find*/count/exists, \"args\"}",
              {{"field", "action"}});
        Recorded r = record(system, [&] { return system.call(call); });
        json plans = json::array();
        for (auto& q : r.queries) {
          // EXPLAIN QUERY PLAN of the very statement the call ran, same bound values.
          json plan = system.sql("EXPLAIN QUERY PLAN " + q["sql"].get<std::string>(), q["params"]);
          json advice = json::array();
          for (auto& step : plan) {
            json a = adviceFor(step.value("detail", ""), call);
            if (!a.is_null()) advice.push_back(a);
          }
          plans.push_back({{"sql", q["sql"]},
                           {"params", q["params"]},
                           {"ms", q["ms"]},
                           {"plan", plan},
                           {"advice", advice}});
        }
        return json{{"statements", plans}, {"ms", r.ms}};
      }));
  srv.getJson("/api/stats", [system, require](const httplib::Request& req) {
    require(req);
    json out = json::object();
    auto pragma = [&](const char* name) -> json {
      json rows = system.sql(std::string("PRAGMA ") + name);
      return rows.empty() ? json(nullptr) : rows[0].begin().value();
    };
    json dbs = system.databases();
    for (auto& [name, d] : dbs.items()) {
      json entry = {{"driver", d.value("driver", "")}, {"path", d.value("path", "")}};
      std::error_code ec;
      std::string path = d.value("path", "");
      auto wal = std::filesystem::file_size(path + "-wal", ec);
      entry["walBytes"] = ec ? 0 : wal;
      auto size = std::filesystem::file_size(path, ec);
      entry["fileBytes"] = ec ? 0 : size;
      out[name] = entry;
    }
    // The PRAGMAs read the main database's connection.
    json main = {{"pageSize", pragma("page_size")},
                 {"pageCount", pragma("page_count")},
                 {"journalMode", pragma("journal_mode")},
                 {"cacheSize", pragma("cache_size")},
                 {"freelistCount", pragma("freelist_count")}};
    return json{{"databases", out}, {"main", main}, {"statementCache", system.cacheSize()}};
  });
  srv.getJson("/api/migrations", [system, require](const httplib::Request& req) {
    require(req);
    json out = {{"status", nullptr}, {"diff", nullptr}};
    try {
      out["status"] = migrate::status(system).toJson();
    } catch (const Error& e) {
      out["statusError"] = e.toJson()["error"];
    }
    try {
      out["diff"] = migrate::verify(system).toJson();
    } catch (const Error& e) {
      out["diffError"] = e.toJson()["error"];
    }
    return out;
  });
  const std::string schema_path = options.schema_path;
  srv.getJson("/api/schema-file", [schema_path, require](const httplib::Request& req) {
    require(req);
    return json{{"path", schema_path}, {"text", readText(schema_path)}};
  });
  srv.postJson("/api/schema-file/check", [schema_path, require](const httplib::Request& req) {
    require(req);
    json body = Server::parseBody(req);
    return checkSchema(body.value("text", ""), schema_path);
  });
  srv.postJson("/api/schema-file", [schema_path, require](const httplib::Request& req) {
    require(req);
    json body = Server::parseBody(req);
    if (!body.contains("text") || !body["text"].is_string())
      throw QueryError("QUERY_INVALID_ARGUMENT", "the body must be {\"text\": \"...\"}", {{"field", "text"}});
    std::string text = body["text"].get<std::string>();
    json check = checkSchema(text, schema_path);
    if (!check["ok"].get<bool>()) return json{{"saved", false}, {"diagnostics", check["diagnostics"]}};
    std::ofstream(schema_path, std::ios::binary | std::ios::trunc) << text;
    return json{{"saved", true}, {"diagnostics", json::array()}};
  });
  return token;
}

}  // namespace litestone::server
