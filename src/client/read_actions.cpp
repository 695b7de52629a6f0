// The read actions of the wire protocol: findMany, findFirst, findUnique,
// their *OrThrow forms, findManyAndCount, count, exists.

#include "client/read.hpp"

#include "client/read_exec.hpp"
#include "common/error_codes.hpp"

namespace litestone::detail {

namespace {

using query::Operation;

query::IncludeStrategy includeStrategy(const ClientOptions& options) {
  const std::string& s = options.include_strategy;
  if (s.empty() || s == "batched") return query::IncludeStrategy::Batched;
  if (s == "json") return query::IncludeStrategy::Json;
  throw QueryError(codes::kQueryInvalidArgument,
                   "ClientOptions::include_strategy must be \"batched\" or \"json\", got \"" + s + "\"",
                   {{"path", "include_strategy"}, {"expected", "batched or json"}, {"got", s}});
}

std::shared_ptr<const query::CompiledRead> compiled(CallContext& ctx, Operation op, const json& args) {
  query::ReadRequest req;
  req.include_strategy = includeStrategy(ctx.state.options);
  req.schema = ctx.state.schema.get();
  req.model = ctx.model;
  req.operation = op;
  req.system = ctx.system;
  req.args = &args;
  req.auth = &ctx.auth;
  return ctx.state.compile_cache.read(req);
}

const json& orEmpty(const json& args) {
  static const json kEmpty = json::object();
  return args.is_null() ? kEmpty : args;
}

NotFoundError notFound(CallContext& ctx, const json& args) {
  return NotFoundError(
      codes::kNotFound,
      "no " + ctx.model->name + " row matches " + std::string(ctx.action) + " where " +
          args.value("where", json::object()).dump(),
      {{"model", ctx.model->name}, {"action", ctx.action}, {"where", args.value("where", json())}});
}

json findManyAction(CallContext& ctx, const json& args) {
  return readRows(ctx, Operation::FindMany, orEmpty(args));
}

json findFirstAction(CallContext& ctx, const json& args) {
  json rows = readRows(ctx, Operation::FindFirst, orEmpty(args));
  return rows.empty() ? json(nullptr) : std::move(rows[0]);
}

json findUniqueAction(CallContext& ctx, const json& args) {
  json rows = readRows(ctx, Operation::FindUnique, orEmpty(args));
  return rows.empty() ? json(nullptr) : std::move(rows[0]);
}

json findFirstOrThrowAction(CallContext& ctx, const json& args) {
  json row = findFirstAction(ctx, args);
  if (row.is_null()) throw notFound(ctx, orEmpty(args));
  return row;
}

json findUniqueOrThrowAction(CallContext& ctx, const json& args) {
  json row = findUniqueAction(ctx, args);
  if (row.is_null()) throw notFound(ctx, orEmpty(args));
  return row;
}

json countAction(CallContext& ctx, const json& args) {
  return readScalar(ctx, Operation::Count, orEmpty(args));
}

json existsAction(CallContext& ctx, const json& args) {
  return readScalar(ctx, Operation::Exists, orEmpty(args)) != 0;
}

json findManyAndCountAction(CallContext& ctx, const json& args) {
  const json& a = orEmpty(args);
  json out = json::object();
  // Both statements in one snapshot, so total agrees with rows.
  engine::Database& db = ctx.state.databaseFor(*ctx.model);
  withReadConnection(db, [&](engine::Connection& conn) {
    auto run = [&] {
      ReadExecutor exec(ctx, conn, a);
      out["rows"] = exec.rows(compiled(ctx, Operation::FindMany, a)->select);
      out["total"] = exec.scalar(compiled(ctx, Operation::Total, a)->select);
    };
    if (conn.inTransaction()) {
      run();
      return;
    }
    PinnedRead pin(db, conn);
    ReadSnapshot snapshot(conn);
    run();
    snapshot.commit();
  });
  return out;
}

}  // namespace

ReadSnapshot::ReadSnapshot(engine::Connection& conn) : conn_(conn) {
  if (!conn_.inTransaction()) {
    conn_.exec("BEGIN");
    open_ = true;
  }
}

ReadSnapshot::~ReadSnapshot() {
  if (open_) {
    try {
      conn_.exec("ROLLBACK");
    } catch (...) {
      // Nothing was written; the connection's next BEGIN would fail loudly.
    }
  }
}

void ReadSnapshot::commit() {
  if (open_) {
    open_ = false;
    conn_.exec("COMMIT");
  }
}

json readRows(CallContext& ctx, query::Operation op, const json& args) {
  auto plan = compiled(ctx, op, args);
  json rows;
  withReadConnection(ctx.state.databaseFor(*ctx.model), [&](engine::Connection& conn) {
    ReadExecutor exec(ctx, conn, args);
    rows = exec.rows(plan->select);
  });
  return rows;
}

int64_t readScalar(CallContext& ctx, query::Operation op, const json& args) {
  auto plan = compiled(ctx, op, args);
  int64_t value = 0;
  withReadConnection(ctx.state.databaseFor(*ctx.model), [&](engine::Connection& conn) {
    ReadExecutor exec(ctx, conn, args);
    value = exec.scalar(plan->select);
  });
  return value;
}

void registerReadActions() {
  registerAction("findMany", findManyAction);
  registerAction("findFirst", findFirstAction);
  registerAction("findUnique", findUniqueAction);
  registerAction("findFirstOrThrow", findFirstOrThrowAction);
  registerAction("findUniqueOrThrow", findUniqueOrThrowAction);
  registerAction("findManyAndCount", findManyAndCountAction);
  registerAction("count", countAction);
  registerAction("exists", existsAction);
}

}  // namespace litestone::detail
