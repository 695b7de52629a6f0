// create: one row (with nested writes), returned shaped like a read.

#include <string>

#include "client/write/actions.hpp"
#include "client/write/write.hpp"
#include "query/statements.hpp"

namespace litestone::detail::write {

json insertPrepared(const WriteCall& w, engine::Connection& conn, const json& data, bool want_row) {
  const auto& m = w.model;
  std::string key = "insert\x1f" + m.name + (want_row ? "\x1fR" : "\x1f-");
  std::vector<const schema::Field*> fields;
  appendMask(m, data, key, fields);
  auto c = statement(w, key, [&] { return query::insertRow(m, fields, want_row); });
  Exec e(w, conn, c->sql);
  bindCompiled(e, w, *c, data);
  if (!want_row) {
    e.run();
    return nullptr;
  }
  e.step();
  json row = rawRow(m, e.statement());
  e.finish();
  return row;
}

namespace {

// True when the primary key of the row about to be inserted is known without
// RETURNING: every key field is in data, or the key is one INTEGER column
// (the rowid, read back with lastInsertRowid).
bool keyKnownWithoutReturning(const schema::Model& m, const json& data) {
  if (m.primary_key.empty()) return false;
  bool all_present = true;
  for (const auto* f : m.primary_key) {
    auto it = data.find(f->name);
    all_present = all_present && it != data.end() && !it->is_null();
  }
  if (all_present) return true;
  return m.primary_key.size() == 1 && m.primary_key.front()->scalar == schema::ScalarType::Integer &&
         !m.primary_key.front()->list;
}

json insertedKey(const schema::Model& m, engine::Connection& conn, const json& data) {
  json pk = json::object();
  for (const auto* f : m.primary_key) {
    auto it = data.find(f->name);
    pk[f->name] = it != data.end() && !it->is_null() ? *it : json(conn.lastInsertRowid());
  }
  return pk;
}

}  // namespace

json createRow(const WriteCall& w, engine::Connection& conn, json data, bool want_row, bool key_only) {
  if (!data.is_object())
    throw QueryError("QUERY_INVALID_ARGUMENT", "data for " + w.model.name + " must be an object",
                     {{"model", w.model.name}});
  NestedOps nested = splitNested(w.model, data);
  applyParentOps(w, conn, nested, data, WriteOp::Create, nullptr);
  prepareRow(w.rowContext(WriteOp::Create), data);
  assignSequences(w, conn, data);
  if (key_only && nested.empty() && keyKnownWithoutReturning(w.model, data)) {
    // A plain INSERT and the caller's read by key cost SQLite less than
    // INSERT … RETURNING, which runs through an ephemeral table.
    insertPrepared(w, conn, data, false);
    return insertedKey(w.model, conn, data);
  }
  json row = insertPrepared(w, conn, data, want_row || !nested.empty());
  applyChildOps(w, conn, nested, row, WriteOp::Create);
  return row;
}

json createAction(CallContext& ctx, const json& args) {
  checkArgs("create", args, {"data", "select", "include"});
  const json& data = requireArg("create", args, "data");
  const auto& model = *ctx.model;
  json result = nullptr;
  inWriteTransaction(ctx, isSingleStatement(model, data), [&](engine::Connection& conn) {
    CallClock clock;
    WriteCall w{ctx, model, clock, args};
    bool returns = !noReturn(args);
    json row = createRow(w, conn, data, returns, returns);
    if (returns) result = readBack(w, pkOf(model, row), args, Deleted::Any);
  });
  return result;
}

}  // namespace litestone::detail::write
