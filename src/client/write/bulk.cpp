// createMany and upsertMany: many rows, one transaction, {count}. The INSERT
// is prepared once per column set and reused row after row (a bulk load sends
// rows of one shape, so this is one statement for the whole call). No
// RETURNING: bulk calls return counts only.

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "client/write/actions.hpp"
#include "client/write/write.hpp"
#include "query/statements.hpp"

namespace litestone::detail::write {

namespace {

// How a bulk insert handles conflicts, and the part of the statement key
// that names it.
struct Conflict {
  const query::ConflictSpec* spec = nullptr;
  std::string key;
};

// Runs the pipeline on item `index`; failures name the item.
json prepareItem(const WriteCall& w, engine::Connection& conn, const json& item, size_t index,
                 std::string_view action) {
  if (!item.is_object())
    throw QueryError("QUERY_INVALID_ARGUMENT",
                     std::string(action) + " data[" + std::to_string(index) + "] must be an object",
                     {{"model", w.model.name}, {"index", index}});
  json row = item;
  if (!splitNested(w.model, row).empty())
    throw QueryError(
        "QUERY_INVALID_ARGUMENT",
        std::string(action) + " does not take nested relation writes (data[" + std::to_string(index) + "])",
        {{"model", w.model.name}, {"index", index}});
  try {
    prepareRow(w.rowContext(WriteOp::Create), row);
  } catch (const ValidationError& e) {
    json meta = e.meta();
    meta["index"] = index;
    throw ValidationError(e.code(), "data[" + std::to_string(index) + "]: " + e.what(), meta);
  }
  assignSequences(w, conn, row);
  return row;
}

// Inserts every item with one statement per column set (compiled once per
// set). `update` holds the values of an upsert's DO UPDATE SET, if any.
int64_t insertAll(const WriteCall& w, engine::Connection& conn, const json& items, std::string_view action,
                  const Conflict& conflict, const json* update) {
  const auto& m = w.model;
  std::unique_ptr<Exec> exec;
  std::shared_ptr<const query::CompiledWrite> compiled;
  std::string mask, row_mask;
  std::vector<const schema::Field*> fields;
  int64_t count = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    json row = prepareItem(w, conn, items[i], i, action);
    row_mask = "insert\x1f" + m.name + "\x1f-";
    fields.clear();
    appendMask(m, row, row_mask, fields);
    if (!exec || row_mask != mask) {
      exec.reset();  // return the old lease before taking another
      mask = row_mask;
      compiled = statement(w, mask + "\x1f" + conflict.key,
                           [&] { return query::insertRow(m, fields, false, conflict.spec); });
      exec = std::make_unique<Exec>(w, conn, compiled->sql);
    } else {
      exec->reset();
    }
    bindCompiled(*exec, w, *compiled, row, {}, update);  // row outlives run()
    count += exec->run();
  }
  return count;
}

const json& dataArray(std::string_view action, const json& args) {
  const json& data = requireArg(action, args, "data");
  if (!data.is_array())
    throw QueryError("QUERY_INVALID_ARGUMENT", std::string(action) + " data must be an array of objects",
                     {{"argument", "data"}});
  return data;
}

std::vector<const schema::Field*> fieldsNamed(const schema::Model& m, const json& names,
                                              std::string_view what) {
  std::vector<const schema::Field*> out;
  json list = names.is_array() ? names : json::array({names});
  for (const auto& n : list) {
    const schema::Field* f = n.is_string() ? m.field(n.get<std::string>()) : nullptr;
    if (!f || !f->stored())
      throw QueryError("QUERY_UNKNOWN_FIELD",
                       std::string(what) + ": " + n.dump() + " is not a stored field of " + m.name,
                       {{"model", m.name}, {"field", n}});
    out.push_back(f);
  }
  return out;
}

}  // namespace

json createManyAction(CallContext& ctx, const json& args) {
  checkArgs("createMany", args, {"data", "skipDuplicates"});
  const json& data = dataArray("createMany", args);
  bool skip = args.value("skipDuplicates", false);
  const auto& model = *ctx.model;
  int64_t count = 0;
  ctx.state.databaseFor(model).transaction([&](engine::Connection& conn) {
    CallClock clock;
    WriteCall w{ctx, model, clock, args};
    query::ConflictSpec nothing;
    Conflict conflict = skip ? Conflict{&nothing, "nothing"} : Conflict{};
    count = insertAll(w, conn, data, "createMany", conflict, nullptr);
  });
  return {{"count", count}};
}

// upsertMany({data, conflictTarget, update}): insert each row; when it
// collides on conflictTarget (default: the primary key) update the existing
// row instead. update is a list of fields to copy from the new row (default:
// every field it sets outside the target), or an object of values to set.
json upsertManyAction(CallContext& ctx, const json& args) {
  checkArgs("upsertMany", args, {"data", "conflictTarget", "update"});
  const json& data = dataArray("upsertMany", args);
  const auto& model = *ctx.model;
  std::vector<const schema::Field*> target = model.primary_key;
  if (args.contains("conflictTarget")) target = fieldsNamed(model, args["conflictTarget"], "conflictTarget");

  int64_t count = 0;
  ctx.state.databaseFor(model).transaction([&](engine::Connection& conn) {
    CallClock clock;
    WriteCall w{ctx, model, clock, args};
    json update = args.value("update", json(nullptr));
    query::ConflictSpec spec;
    spec.target = target;
    if (update.is_object()) {
      prepareRow(w.rowContext(WriteOp::Update), update);
      for (const auto& f : model.fields)
        if (f.stored() && update.contains(f.name)) spec.sets.push_back(&f);
    } else {
      std::vector<const schema::Field*> copy;
      if (update.is_array() || update.is_string()) {
        copy = fieldsNamed(model, update, "update");
      } else {
        for (const auto& f : model.fields) {
          bool in_target = std::find(target.begin(), target.end(), &f) != target.end();
          bool sent = false;
          for (const auto& item : data) sent = sent || (item.is_object() && item.contains(f.name));
          if (f.stored() && !in_target && !f.id && (sent || f.updated_at)) copy.push_back(&f);
        }
      }
      for (const auto& f : model.fields)
        if (f.updated_at && std::find(copy.begin(), copy.end(), &f) == copy.end()) copy.push_back(&f);
      spec.copy = copy;
    }
    Conflict conflict{&spec, "upsert"};
    for (const auto* list : {&spec.target, &spec.sets, &spec.copy}) {
      conflict.key += '\x1f';
      for (const auto* f : *list) conflict.key += f->name + ",";
    }
    count = insertAll(w, conn, data, "upsertMany", conflict, update.is_object() ? &update : nullptr);
  });
  return {{"count", count}};
}

}  // namespace litestone::detail::write
