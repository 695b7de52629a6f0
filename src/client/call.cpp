// The wire protocol: dispatch of one model action, Client::call (one call or
// an array of calls in one transaction) and Client::query (named reads in
// one snapshot).

#include <algorithm>

#include "client/read.hpp"
#include "client/read_exec.hpp"
#include "client/state.hpp"
#include "common/error_codes.hpp"
#include "query/args/limits.hpp"
#include "query/config.hpp"

namespace litestone {

namespace detail {

namespace {

[[noreturn]] void unknownAction(std::string_view model, std::string_view action) {
  auto names = actionNames();
  std::string list;
  for (auto& n : names) list += (list.empty() ? "" : ", ") + n;
  throw QueryError(codes::kQueryUnknownAction,
                   "unknown action \"" + std::string(action) + "\" on model \"" + std::string(model) +
                       "\"; actions: " + list,
                   {{"action", action}, {"model", model}, {"allowed", names}});
}

}  // namespace

json dispatch(ClientState& state, const json& auth, bool system, std::string_view model,
              std::string_view action, const json& args) {
  query::checkRequest(args, "", {query::config::kMaxArgsDepth, true});
  ActionFn fn = findAction(action);
  if (!fn) unknownAction(model, action);
  const schema::Model& m = state.model(model);
  CallContext ctx{state, &m, auth, system, action};
  return fn(ctx, args);
}

json dispatch(ClientState& state, const json& auth, bool system, const schema::Model& model,
              std::string_view action, const json& args) {
  query::checkRequest(args, "", {query::config::kMaxArgsDepth, true});
  ActionFn fn = findAction(action);
  if (!fn) unknownAction(model.name, action);
  CallContext ctx{state, &model, auth, system, action};
  return fn(ctx, args);
}

}  // namespace detail

namespace {

QueryError badRequest(const std::string& what, const json& got) {
  return QueryError(codes::kQueryInvalidArgument, "invalid call: " + what,
                    {{"path", "request"}, {"expected", what}, {"got", got.type_name()}});
}

// Aggregation keys route a query entry to aggregate (DESIGN: db.query).
// Aggregate keys: the built-in ones, or a named aggregate (`_countPaid:
// {count: true, filter: ...}`): any other `_name` whose value is an object
// naming an aggregate function.
bool isAggregate(const json& args) {
  for (auto& [k, v] : args.items()) {
    if (k == "_count" || k == "_sum" || k == "_avg" || k == "_min" || k == "_max" || k == "_stringAgg") {
      return true;
    }
    if (k.size() > 1 && k[0] == '_' && v.is_object()) {
      for (const char* fn : {"count", "sum", "avg", "min", "max"}) {
        if (v.contains(fn)) return true;
      }
    }
  }
  return false;
}

// Actions that only read. A batch made only of these runs in one read
// snapshot on a read connection, so it never waits for (or blocks) writers.
bool isReadCall(const json& r) {
  static constexpr std::string_view kReads[] = {
      "findMany", "findFirst",        "findUnique", "findFirstOrThrow", "findUniqueOrThrow",
      "count",    "findManyAndCount", "exists",     "aggregate",        "groupBy",
      "query"};
  if (!r.is_object()) return false;
  auto a = r.find("action");
  if (a == r.end() || !a->is_string()) return false;
  const auto& name = a->get_ref<const std::string&>();
  for (auto read : kReads) {
    if (read == name) return true;
  }
  return false;
}

}  // namespace

json Client::call(const json& request) const {
  // The wire: bounded nesting before anything recursive runs, and $raw only
  // for system callers (DESIGN: trusted SQL stays with trusted code).
  query::checkRequest(request, "request", {query::config::kMaxArgsDepth, system_});
  if (request.is_array()) {
    json results = json::array();
    engine::Database& db = state_->mainDatabase();
    if (!db.inTransaction() && std::all_of(request.begin(), request.end(), isReadCall)) {
      db.read([&](engine::Connection& conn) {
        detail::PinnedRead pin(db, conn);
        detail::ReadSnapshot snapshot(conn);
        for (const auto& r : request) results.push_back(call(r));
        snapshot.commit();
      });
      return results;
    }
    db.transaction([&](engine::Connection&) {
      for (const auto& r : request) results.push_back(call(r));
    });
    return results;
  }
  if (!request.is_object()) throw badRequest("an object {model, action, args} or an array of them", request);
  for (auto& [k, v] : request.items()) {
    if (k != "model" && k != "action" && k != "args") {
      throw QueryError(codes::kQueryUnknownArgument,
                       "unknown key \"" + k + "\" in call; allowed: model, action, args",
                       {{"argument", k}, {"path", k}, {"allowed", {"model", "action", "args"}}});
    }
  }
  auto action = request.find("action");
  if (action == request.end() || !action->is_string()) throw badRequest("\"action\" as a string", request);
  static const json kEmpty = json::object();
  auto a = request.find("args");
  const json& args = a == request.end() || a->is_null() ? kEmpty : *a;
  if (*action == "query") return query(args);
  auto model = request.find("model");
  if (model == request.end() || !model->is_string()) throw badRequest("\"model\" as a string", request);
  return detail::dispatch(*state_, auth_, system_, model->get<std::string>(), action->get<std::string>(),
                          args);
}

json Client::query(const json& spec) const {
  if (!spec.is_object()) throw badRequest("query: an object {name: {model?, ...args}}", spec);
  auto run = [&] {
    json out = json::object();
    for (auto& [name, entry] : spec.items()) {
      if (!entry.is_object()) {
        throw QueryError(codes::kQueryInvalidArgument,
                         "query entry \"" + name + "\" must be an object of arguments",
                         {{"path", name}, {"expected", "an object"}});
      }
      std::string model = name;
      json args = json::object();
      for (auto& [k, v] : entry.items()) {
        if (k == "model") {
          if (!v.is_string()) {
            throw QueryError(codes::kQueryInvalidArgument,
                             "query entry \"" + name + "\": model must be a string",
                             {{"path", name + ".model"}, {"expected", "a string"}});
          }
          model = v.get<std::string>();
        } else {
          args[k] = v;
        }
      }
      std::string action = args.contains("by") ? "groupBy" : isAggregate(args) ? "aggregate" : "findMany";
      out[name] = detail::dispatch(*state_, auth_, system_, model, action, args);
    }
    return out;
  };
  engine::Database& db = state_->mainDatabase();
  if (db.inTransaction()) return run();
  json out;
  db.read([&](engine::Connection& conn) {
    detail::PinnedRead pin(db, conn);
    detail::ReadSnapshot snapshot(conn);
    out = run();
    snapshot.commit();
  });
  return out;
}

}  // namespace litestone
