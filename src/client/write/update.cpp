// update: one row matched by where (usually unique), with nested writes.
// updateMany: the same data on every matching row.

#include <string>

#include "client/write/actions.hpp"
#include "client/write/write.hpp"

namespace litestone::detail::write {

json selectRaw(const WriteCall& w, engine::Connection& conn, const json& pk) {
  std::string cols;
  for (const auto& f : w.model.fields)
    if (f.stored()) cols += (cols.empty() ? "" : ", ") + quote(f.column);
  Exec e(w, conn, "SELECT " + cols + " FROM " + quote(w.model.table) + " WHERE " + pkPredicate(w.model));
  bindPk(e, w.model, pk);
  json row = e.step() ? rawRow(w.model, e.statement()) : json(nullptr);
  e.finish();
  return row;
}

json updatePrepared(const WriteCall& w, engine::Connection& conn, const json& pk, const json& data,
                    bool want_row) {
  const auto& m = w.model;
  std::string sets;
  for (const auto& f : m.fields) {
    if (!f.stored() || !data.contains(f.name)) continue;
    sets += (sets.empty() ? "" : ", ") + quote(f.column) + " = ?";
  }
  if (sets.empty()) {
    json existing = selectRaw(w, conn, pk);
    return want_row || existing.is_null() ? existing : json(true);
  }
  std::string sql = "UPDATE " + quote(m.table) + " SET " + sets + " WHERE " + pkPredicate(m);
  if (want_row) sql += returningAll(m);
  Exec e(w, conn, sql);
  for (const auto& f : m.fields) {
    if (!f.stored()) continue;
    auto it = data.find(f.name);
    if (it != data.end()) e.bindRef(f, *it);  // data outlives the step
  }
  bindPk(e, m, pk);
  if (!want_row) {
    int64_t changes = e.run();
    return changes > 0 ? json(true) : json(nullptr);
  }
  json row = e.step() ? rawRow(m, e.statement()) : json(nullptr);
  e.finish();
  return row;
}

bool updateRow(const WriteCall& w, engine::Connection& conn, json& pk, json data) {
  if (!data.is_object())
    throw QueryError("QUERY_INVALID_ARGUMENT", "data for " + w.model.name + " must be an object",
                     {{"model", w.model.name}});
  NestedOps nested = splitNested(w.model, data);
  applyParentOps(w, conn, nested, data, WriteOp::Update, &pk);
  prepareRow(w.rowContext(WriteOp::Update), data);
  json row = updatePrepared(w, conn, pk, data, !nested.empty());
  if (row.is_null()) return false;
  for (const auto* f : w.model.primary_key)  // the key itself may have changed
    if (data.contains(f->name)) pk[f->name] = data[f->name];
  applyChildOps(w, conn, nested, row, WriteOp::Update);
  return true;
}

json updateAction(CallContext& ctx, const json& args) {
  checkArgs("update", args, {"where", "data", "select", "include"});
  const json& where = requireArg("update", args, "where");
  const json& data = requireArg("update", args, "data");
  const auto& model = *ctx.model;
  json result = nullptr;
  inWriteTransaction(ctx, isSingleStatement(model, data), [&](engine::Connection& conn) {
    CallClock clock;
    WriteCall w{ctx, model, clock, args};
    json pk;
    if (auto direct = directPk(w, where)) {
      pk = *direct;
    } else {
      auto targets = findTargets(w, where, Deleted::Live, 1);
      if (targets.empty()) return;
      pk = targets.front();
    }
    if (!updateRow(w, conn, pk, data)) return;
    if (!noReturn(args)) result = readBack(w, pk, args, Deleted::Any);
  });
  return result;
}

json updateManyAction(CallContext& ctx, const json& args) {
  checkArgs("updateMany", args, {"where", "data"});
  json where = args.value("where", json::object());
  json data = requireArg("updateMany", args, "data");
  const auto& model = *ctx.model;
  int64_t count = 0;
  ctx.state.databaseFor(model).transaction([&](engine::Connection& conn) {
    CallClock clock;
    WriteCall w{ctx, model, clock, args};
    if (!data.is_object())
      throw QueryError("QUERY_INVALID_ARGUMENT", "updateMany data must be an object",
                       {{"model", model.name}});
    if (!splitNested(model, data).empty())
      throw QueryError("QUERY_INVALID_ARGUMENT", "updateMany does not take nested relation writes",
                       {{"model", model.name}});
    prepareRow(w.rowContext(WriteOp::Update), data);
    for (const auto& pk : findTargets(w, where, Deleted::Live))
      if (!updatePrepared(w, conn, pk, data, false).is_null()) ++count;
  });
  return {{"count", count}};
}

}  // namespace litestone::detail::write
