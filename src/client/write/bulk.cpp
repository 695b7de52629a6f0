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

namespace litestone::detail::write {

namespace {

// The stored fields present in a row, as a bit per field in schema order.
// Fills `mask` in place: rows of a bulk call reuse one buffer.
void presentMask(const schema::Model& m, const json& row, std::vector<bool>& mask) {
  mask.clear();
  for (const auto& f : m.fields) mask.push_back(f.stored() && row.contains(f.name));
}

std::string insertSql(const schema::Model& m, const std::vector<bool>& mask, const std::string& tail) {
  std::string columns, marks;
  size_t i = 0;
  for (const auto& f : m.fields) {
    if (mask[i++]) {
      columns += (columns.empty() ? "" : ", ") + quote(f.column);
      marks += marks.empty() ? "?" : ", ?";
    }
  }
  if (columns.empty()) return "INSERT INTO " + quote(m.table) + " DEFAULT VALUES" + tail;
  return "INSERT INTO " + quote(m.table) + " (" + columns + ") VALUES (" + marks + ")" + tail;
}

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

// Inserts every item with one statement per column set; `tail` is the
// conflict clause. extra_binds binds values after the row's own (upsert SET).
int64_t insertAll(const WriteCall& w, engine::Connection& conn, const json& items, std::string_view action,
                  const std::string& tail, const std::function<void(Exec&, const json& row)>& extra_binds) {
  const auto& m = w.model;
  std::unique_ptr<Exec> exec;
  std::vector<bool> mask, row_mask;
  int64_t count = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    json row = prepareItem(w, conn, items[i], i, action);
    presentMask(m, row, row_mask);
    if (!exec || row_mask != mask) {
      exec.reset();  // return the old lease before taking another
      mask = row_mask;
      exec = std::make_unique<Exec>(w, conn, insertSql(m, mask, tail));
    } else {
      exec->reset();
    }
    size_t k = 0;
    for (const auto& f : m.fields)
      if (mask[k++]) exec->bindRef(f, row[f.name]);  // row outlives run()
    if (extra_binds) extra_binds(*exec, row);
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
    count = insertAll(w, conn, data, "createMany", skip ? " ON CONFLICT DO NOTHING" : "", nullptr);
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
  std::string target_sql;
  for (const auto* f : target) target_sql += (target_sql.empty() ? "" : ", ") + quote(f->column);

  int64_t count = 0;
  ctx.state.databaseFor(model).transaction([&](engine::Connection& conn) {
    CallClock clock;
    WriteCall w{ctx, model, clock, args};
    json update = args.value("update", json(nullptr));
    std::string sets;
    std::function<void(Exec&, const json&)> extra;
    if (update.is_object()) {
      prepareRow(w.rowContext(WriteOp::Update), update);
      for (const auto& f : model.fields) {
        if (!f.stored() || !update.contains(f.name)) continue;
        sets += (sets.empty() ? "" : ", ") + quote(f.column) + " = ?";
      }
      extra = [&](Exec& e, const json&) {
        for (const auto& f : model.fields)
          if (f.stored() && update.contains(f.name)) e.bind(f, update[f.name]);
      };
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
      for (const auto* f : copy)
        sets += (sets.empty() ? "" : ", ") + quote(f->column) + " = excluded." + quote(f->column);
    }
    std::string tail =
        " ON CONFLICT (" + target_sql + ") DO " + (sets.empty() ? "NOTHING" : "UPDATE SET " + sets);
    count = insertAll(w, conn, data, "upsertMany", tail, extra);
  });
  return {{"count", count}};
}

}  // namespace litestone::detail::write
