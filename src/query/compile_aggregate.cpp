#include "query/compile_aggregate.hpp"

#include <mutex>

#include "query/args/shape.hpp"
#include "query/config.hpp"
#include "query/ir/dump.hpp"
#include "query/lower/aggregate.hpp"
#include "query/passes/passes.hpp"

namespace litestone::query {

namespace {

std::string dumpAggregate(const AggregateQuery& q) {
  static constexpr std::string_view kFns[] = {"countAll", "count", "countDistinct", "sum",
                                              "avg",      "min",   "max",           "stringAgg"};
  std::string out = std::string(q.grouped ? "GroupBy " : "Aggregate ") + q.rows.model->name + " t" +
                    std::to_string(q.rows.alias) + "\n";
  for (auto& g : q.by) {
    out += "  by " + g.field->name;
    if (g.interval != Interval::None) out += " interval " + std::to_string(static_cast<int>(g.interval));
    out += "\n";
  }
  for (size_t i = 0; i < q.exprs.size(); ++i) {
    auto& e = q.exprs[i];
    out += "  expr " + std::to_string(i) + " " + std::string(kFns[static_cast<int>(e.fn)]);
    if (e.field) out += " " + e.field->name;
    out += e.filter ? " filtered\n" : "\n";
  }
  for (auto& o : q.outputs) out += "  output " + o.group + (o.key.empty() ? "" : "." + o.key) + "\n";
  if (q.rows.where) out += "  where\n" + dumpNode(*q.rows.where);
  out += "  having " + std::to_string(q.having.size()) + (q.having_keys ? " +keys\n" : "\n");
  out += "  orderBy " + std::to_string(q.order_by.size()) + "\n";
  return out;
}

}  // namespace

std::shared_ptr<const CompiledAggregate> compileAggregate(const AggregateRequest& request) {
  LowerContext ctx{*request.schema, Operation::FindMany, request.system, {}};
  auto q = lowerAggregate(ctx, *request.model, *request.args, request.grouped);
  // Same pass list as every read: soft delete keeps live rows unless asked.
  runPasses(q->rows, ctx.aliases);
  // A named aggregate's filter may test related rows: the same passes keep
  // them live. The rows themselves are already filtered above.
  for (auto& e : q->exprs) {
    if (!e.filter) continue;
    Select scope;
    scope.model = q->rows.model;
    scope.alias = q->rows.alias;
    scope.soft_delete = SoftDeleteMode::WithDeleted;
    scope.where = std::move(e.filter);
    runPasses(scope, ctx.aliases);
    e.filter = std::move(scope.where);
  }
  auto out = std::make_shared<CompiledAggregate>(emitAggregate(*q));
  out->ir = dumpAggregate(*q);
  return out;
}

std::shared_ptr<const CompiledAggregate> AggregateCache::get(const AggregateRequest& request) {
  std::string key;
  key.reserve(96);
  key += request.model->name;
  key += request.grouped ? "\x1fG"
                         : "\x1f"
                           "A";
  key += request.system ? "\x1fS\x1f" : "\x1f-\x1f";
  appendShape(*request.args, key);
  {
    std::shared_lock lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end()) return it->second;
  }
  auto compiled = compileAggregate(request);
  std::unique_lock lock(mutex_);
  if (entries_.size() >= config::kCompileCacheEntries) entries_.clear();
  entries_.emplace(std::move(key), compiled);
  return compiled;
}

}  // namespace litestone::query
