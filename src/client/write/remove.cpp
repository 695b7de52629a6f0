// remove (soft delete on @@softDelete models, else hard), delete (always
// hard), restore, and their *Many forms. @@softDelete(cascade) carries a
// remove to the soft-delete children of the row, and a restore brings back
// the children removed in the same cascade (same deletedAt stamp).

#include <string>

#include "client/write/actions.hpp"
#include "client/write/write.hpp"
#include "query/statements.hpp"

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
  bool deleted = !deleted_at.is_null();
  WriteCall cw = w.child(child);
  auto c = statement(w,
                     "childKeys\x1f" + r.from->name + "\x1f" + r.field->name +
                         (deleted ? "\x1f"
                                    "D"
                                  : "\x1f"
                                    "L"),
                     [&] { return query::childKeys(r, deleted); });
  Exec e(cw, conn, c->sql);
  std::vector<json> parent;
  for (const auto* f : r.local_fields) parent.push_back(row.at(f->name));
  if (deleted) parent.push_back(deleted_at);
  bindCompiled(e, cw, *c, json(), parent);
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
  auto c = statement(w, "setDeletedByKey\x1f" + m.name + (remove ? "\x1fR" : "\x1fU"),
                     [&] { return query::setDeletedByKey(m, remove); });
  Exec e(w, conn, c->sql);
  json data = {{m.deleted_at->name, remove ? json(w.now.now()) : json(nullptr)}};
  auto keys = keyValues(m, pk);
  bindCompiled(e, w, *c, data, keys);
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
  auto c = statement(w, "deleteByKey\x1f" + w.model.name, [&] { return query::deleteByKey(w.model); });
  Exec e(w, conn, c->sql);
  auto keys = keyValues(w.model, pk);
  bindCompiled(e, w, *c, json(), keys);
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
    if (soft && model.soft_delete_cascade) {  // each row carries its own cascade
      for (const auto& pk : findTargets(w, where, Deleted::Live))
        count += setDeleted(w, conn, pk, true) ? 1 : 0;
    } else if (soft) {
      json data = {{model.deleted_at->name, w.now.now()}};
      count = runCompiled(w, conn, *compiledWrite(w, query::WriteAction::RemoveMany), data);
    } else {
      count = runCompiled(w, conn, *compiledWrite(w, query::WriteAction::DeleteMany), json::object());
    }
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
    std::vector<json> targets;
    if (model.soft_delete_cascade) {  // each row brings back its own cascade
      targets = findTargets(w, where, Deleted::Only);
      for (const auto& pk : targets) setDeleted(w, conn, pk, false);
    } else {
      json data = {{model.deleted_at->name, nullptr}};
      bool keys = !noReturn(args);
      runCompiled(w, conn, *compiledWrite(w, query::WriteAction::Restore, {}, keys), data,
                  keys ? &targets : nullptr);
    }
    if (noReturn(args)) return;
    for (const auto& pk : targets) {
      json row = readBack(w, pk, args, Deleted::Any);
      if (!row.is_null()) rows.push_back(std::move(row));
    }
  });
  return rows;
}

}  // namespace litestone::detail::write
