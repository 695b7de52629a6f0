// remove (soft delete on @@softDelete models, else hard), delete (always
// hard), restore, and their *Many forms. @@softDelete(cascade) carries a
// remove to the soft-delete children of the row, and a restore brings back
// the children removed in the same cascade (same deletedAt stamp).

#include <string>

#include "client/write/actions.hpp"
#include "client/write/write.hpp"

namespace litestone::detail::write {

namespace {

bool isSoftChild(const schema::Relation& r, const schema::Model& parent) {
  return r.from == &parent &&
         (r.kind == schema::RelationKind::HasMany || r.kind == schema::RelationKind::HasOne) &&
         r.to->soft_delete && r.to->deleted_at && !r.to->primary_key.empty();
}

// Primary keys of the children of `row` through r whose deletedAt IS ? (null = live).
std::vector<json> childKeys(const WriteCall& w, engine::Connection& conn, const schema::Relation& r,
                            const json& row, const json& deleted_at) {
  const schema::Model& child = *r.to;
  std::string cols, cond;
  for (const auto* f : child.primary_key) cols += (cols.empty() ? "" : ", ") + quote(f->column);
  for (const auto* f : r.foreign_fields) cond += quote(f->column) + " = ? AND ";
  cond += quote(child.deleted_at->column) + " IS ?";
  WriteCall cw = w.child(child);
  Exec e(cw, conn, "SELECT " + cols + " FROM " + quote(child.table) + " WHERE " + cond);
  for (const auto* f : r.local_fields) e.bindPlain(row.at(f->name));
  e.bindPlain(deleted_at);
  std::vector<json> keys;
  while (e.step()) {
    json pk = json::object();
    int i = 0;
    for (const auto* f : child.primary_key) pk[f->name] = e.statement().getJson(i++);
    keys.push_back(std::move(pk));
  }
  e.finish();
  return keys;
}

// Sets deletedAt on one row (value = now to remove, null to restore) and
// cascades. Returns whether the row changed.
bool setDeleted(const WriteCall& w, engine::Connection& conn, const json& pk, bool remove) {
  const auto& m = w.model;
  json before = m.soft_delete_cascade ? selectRaw(w, conn, pk) : json(nullptr);
  Exec e(w, conn,
         "UPDATE " + quote(m.table) + " SET " + quote(m.deleted_at->column) + " = ? WHERE " + pkPredicate(m) +
             " AND " + quote(m.deleted_at->column) + (remove ? " IS NULL" : " IS NOT NULL"));
  e.bindPlain(remove ? json(w.now.now()) : json(nullptr));
  bindPk(e, m, pk);
  if (e.run() == 0) return false;
  if (!m.soft_delete_cascade || before.is_null()) return true;
  json stamp = remove ? json(nullptr) : before[m.deleted_at->name];
  for (const auto& r : w.call.state.schema->relations) {
    if (!isSoftChild(r, m)) continue;
    WriteCall cw = w.child(*r.to);
    for (const auto& child_pk : childKeys(w, conn, r, before, stamp)) setDeleted(cw, conn, child_pk, remove);
  }
  return true;
}

int64_t hardDelete(const WriteCall& w, engine::Connection& conn, const json& pk) {
  Exec e(w, conn, "DELETE FROM " + quote(w.model.table) + " WHERE " + pkPredicate(w.model));
  bindPk(e, w.model, pk);
  return e.run();
}

json oneRow(CallContext& ctx, const json& args, const char* action, bool soft) {
  checkArgs(action, args, {"where", "select", "include"});
  const json& where = requireArg(action, args, "where");
  const auto& model = *ctx.model;
  json result = nullptr;
  ctx.state.databaseFor(model).transaction([&](engine::Connection& conn) {
    CallClock clock;
    WriteCall w{ctx, model, clock, args};
    auto targets = findTargets(w, where, soft ? Deleted::Live : Deleted::Any, 1);
    if (targets.empty()) return;
    const json& pk = targets.front();
    bool returns = !noReturn(args);
    if (soft) {
      setDeleted(w, conn, pk, true);
      if (returns) result = readBack(w, pk, args, Deleted::Any);
    } else {
      if (returns) result = readBack(w, pk, args, Deleted::Any);  // before the row is gone
      hardDelete(w, conn, pk);
    }
  });
  return result;
}

json manyRows(CallContext& ctx, const json& args, const char* action, bool soft) {
  checkArgs(action, args, {"where"});
  json where = args.value("where", json::object());
  const auto& model = *ctx.model;
  int64_t count = 0;
  ctx.state.databaseFor(model).transaction([&](engine::Connection& conn) {
    CallClock clock;
    WriteCall w{ctx, model, clock, args};
    for (const auto& pk : findTargets(w, where, soft ? Deleted::Live : Deleted::Any))
      count += soft ? (setDeleted(w, conn, pk, true) ? 1 : 0) : hardDelete(w, conn, pk);
  });
  return {{"count", count}};
}

}  // namespace

json removeAction(CallContext& ctx, const json& args) {
  return oneRow(ctx, args, "remove", ctx.model->soft_delete && ctx.model->deleted_at);
}

json deleteAction(CallContext& ctx, const json& args) { return oneRow(ctx, args, "delete", false); }

json removeManyAction(CallContext& ctx, const json& args) {
  return manyRows(ctx, args, "removeMany", ctx.model->soft_delete && ctx.model->deleted_at);
}

json deleteManyAction(CallContext& ctx, const json& args) { return manyRows(ctx, args, "deleteMany", false); }

json restoreAction(CallContext& ctx, const json& args) {
  checkArgs("restore", args, {"where", "select", "include"});
  json where = args.value("where", json::object());
  const auto& model = *ctx.model;
  if (!model.soft_delete || !model.deleted_at)
    throw QueryError("QUERY_NOT_SOFT_DELETE",
                     "restore needs a @@softDelete model; " + model.name + " is not one",
                     {{"model", model.name}});
  json rows = json::array();
  ctx.state.databaseFor(model).transaction([&](engine::Connection& conn) {
    CallClock clock;
    WriteCall w{ctx, model, clock, args};
    auto targets = findTargets(w, where, Deleted::Only);
    for (const auto& pk : targets) setDeleted(w, conn, pk, false);
    if (noReturn(args)) return;
    for (const auto& pk : targets) {
      json row = readBack(w, pk, args, Deleted::Any);
      if (!row.is_null()) rows.push_back(std::move(row));
    }
  });
  return rows;
}

}  // namespace litestone::detail::write
