// The aggregate actions of the wire protocol: aggregate and groupBy. Compiled
// through query/compile_aggregate.hpp (lower → passes → emit), run on a read
// connection, decoded into {_count, _sum: {field}, ...} objects.

#include <chrono>
#include <map>

#include "client/decode.hpp"
#include "client/events.hpp"
#include "client/read_exec.hpp"
#include "query/compile_aggregate.hpp"

namespace litestone::detail {

namespace {

// One cache per schema. ClientState is not ours to extend, so the cache lives
// here, keyed by the schema and dropped when that schema is gone.
struct SchemaCaches {
  std::mutex mutex;
  std::map<const schema::Schema*,
           std::pair<std::weak_ptr<const schema::Schema>, std::shared_ptr<query::AggregateCache>>>
      caches;
};

std::shared_ptr<query::AggregateCache> cacheFor(const std::shared_ptr<const schema::Schema>& schema) {
  static SchemaCaches all;
  std::lock_guard lock(all.mutex);
  auto& slot = all.caches[schema.get()];
  if (!slot.second || slot.first.lock() != schema) {
    slot = {schema, std::make_shared<query::AggregateCache>()};
    for (auto it = all.caches.begin(); it != all.caches.end();) {
      it = it->second.first.expired() ? all.caches.erase(it) : std::next(it);
    }
  }
  return slot.second;
}

json decodeAggregateRow(const engine::Statement& stmt, const query::CompiledAggregate& c) {
  json row = json::object();
  for (size_t i = 0; i < c.columns.size(); ++i) {
    const auto& col = c.columns[i];
    json v = decodeColumn(stmt, static_cast<int>(i), col.decode);
    if (col.key.empty()) {
      row[col.name] = std::move(v);
    } else {
      row[col.name][col.key] = std::move(v);
    }
  }
  return row;
}

json run(CallContext& ctx, const json& raw_args, bool grouped) {
  static const json kEmpty = json::object();
  const json& args = raw_args.is_null() ? kEmpty : raw_args;
  query::AggregateRequest req;
  req.schema = ctx.state.schema.get();
  req.model = ctx.model;
  req.grouped = grouped;
  req.system = ctx.system;
  req.args = &args;
  auto compiled = cacheFor(ctx.state.schema)->get(req);
  json out = grouped ? json::array() : json(nullptr);
  withReadConnection(ctx.state.databaseFor(*ctx.model), [&](engine::Connection& conn) {
    bool observed = ctx.state.hasObservers();
    auto start = std::chrono::steady_clock::now();
    auto stmt = conn.cached(compiled->sql);
    bindParams(*stmt, compiled->params, args, {});
    int64_t n = 0;
    while (stmt->step()) {
      ++n;
      if (grouped) {
        out.push_back(decodeAggregateRow(*stmt, *compiled));
      } else {
        out = decodeAggregateRow(*stmt, *compiled);
      }
    }
    if (observed) {
      std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - start;
      json params = json::array();
      for (auto& p : compiled->params) params.push_back(resolveParam(p, args, {}));
      ctx.state.notify(makeQueryEvent(ctx.state, ctx.model, ctx.action, ctx.auth, compiled->sql,
                                      std::move(params), ms.count(), n, args));
    }
  });
  return out;
}

json aggregateAction(CallContext& ctx, const json& args) { return run(ctx, args, false); }
json groupByAction(CallContext& ctx, const json& args) { return run(ctx, args, true); }

}  // namespace

void registerAggregateActions() {
  registerAction("aggregate", aggregateAction);
  registerAction("groupBy", groupByAction);
}

}  // namespace litestone::detail
