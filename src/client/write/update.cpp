// update: one row matched by where (usually unique), with nested writes.
// updateMany: the same data on every matching row, in one UPDATE compiled
// by the query layer.

#include <string>

#include "client/write/actions.hpp"
#include "client/write/write.hpp"
#include "query/statements.hpp"

namespace litestone::detail::write {

json selectRaw(const WriteCall& w, engine::Connection& conn, const json& pk) {
  auto c = statement(w, "selectByKey\x1f" + w.model.name, [&] { return query::selectByKey(w.model); });
  Exec e(w, conn, c->sql);
  auto keys = keyValues(w.model, pk);
  bindCompiled(e, w, *c, json(), keys);
  json row = e.step() ? rawRow(w.model, e.statement()) : json(nullptr);
  e.finish();
  return row;
}

json updatePrepared(const WriteCall& w, engine::Connection& conn, const json& pk, const json& data,
                    bool want_row) {
  const auto& m = w.model;
  std::string key = "updateByKey\x1f" + m.name + (want_row ? "\x1fR" : "\x1f-");
  std::vector<const schema::Field*> fields;
  appendMask(m, data, key, fields);
  if (fields.empty()) {
    json existing = selectRaw(w, conn, pk);
    return want_row || existing.is_null() ? existing : json(true);
  }
  auto c = statement(w, key, [&] { return query::updateByKey(m, fields, want_row); });
  Exec e(w, conn, c->sql);
  auto keys = keyValues(m, pk);
  bindCompiled(e, w, *c, data, keys);
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
    std::vector<const schema::Field*> fields;
    for (const auto& f : model.fields)
      if (f.stored() && data.contains(f.name)) fields.push_back(&f);
    if (fields.empty()) {  // nothing to set: the rows that would be updated
      count = countTargets(w, where, Deleted::Live);
      return;
    }
    count = runCompiled(w, conn, *compiledWrite(w, query::WriteAction::UpdateMany, std::move(fields)), data);
  });
  return {{"count", count}};
}

}  // namespace litestone::detail::write
