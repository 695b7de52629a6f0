// Which rows a write touches, and the rows it returns. Both go through the
// query layer's read actions so that a write sees exactly the rows a read
// with the same where would (soft delete, policies, scopes), and returns rows
// shaped like reads (select, include, omit, decoding).

#include <string>

#include "client/read.hpp"
#include "client/write/write.hpp"

namespace litestone::detail::write {

namespace {

void addDeleted(const schema::Model& model, json& args, Deleted deleted) {
  if (!model.soft_delete) return;
  if (deleted == Deleted::Any) args["withDeleted"] = true;
  if (deleted == Deleted::Only) args["onlyDeleted"] = true;
}

json read(const WriteCall& w, query::Operation op, const json& args) {
  CallContext ctx{w.call.state, &w.model, w.call.auth, w.call.system, "findMany"};
  return readRows(ctx, op, args);
}

json pkSelect(const schema::Model& model) {
  json select = json::object();
  for (const auto* f : model.primary_key) select[f->name] = true;
  return select;
}

}  // namespace

void checkArgs(std::string_view action, const json& args, std::initializer_list<std::string_view> allowed) {
  if (!args.is_object())
    throw QueryError("QUERY_INVALID_ARGUMENT",
                     std::string(action) + " expects an object of arguments, got " + args.type_name());
  for (const auto& [key, value] : args.items()) {
    bool ok = false;
    for (auto a : allowed) ok = ok || key == a;
    if (ok) continue;
    std::string list;
    json names = json::array();
    for (auto a : allowed) {
      list += (list.empty() ? "" : ", ") + std::string(a);
      names.push_back(a);
    }
    throw QueryError(
        "QUERY_UNKNOWN_ARGUMENT",
        "unknown argument \"" + key + "\" for " + std::string(action) + "; expected one of: " + list,
        {{"argument", key}, {"allowed", names}});
  }
}

const json& requireArg(std::string_view action, const json& args, std::string_view key) {
  auto it = args.find(std::string(key));
  if (it == args.end())
    throw QueryError("QUERY_MISSING_ARGUMENT", std::string(action) + " requires \"" + std::string(key) + "\"",
                     {{"argument", key}});
  return *it;
}

bool noReturn(const json& args) {
  auto it = args.find("select");
  return it != args.end() && it->is_boolean() && !it->get<bool>();
}

std::optional<json> directPk(const WriteCall& w, const json& where) {
  const auto& m = w.model;
  if (m.soft_delete || (m.hasPolicies() && !w.call.system) || m.primary_key.empty()) return std::nullopt;
  if (!where.is_object() || where.size() != m.primary_key.size()) return std::nullopt;
  for (const auto* f : m.primary_key) {
    auto it = where.find(f->name);
    if (it == where.end() || it->is_object() || it->is_array() || it->is_null()) return std::nullopt;
  }
  return pkOf(m, where);
}

std::vector<json> findTargets(const WriteCall& w, const json& where, Deleted deleted, int64_t limit) {
  json args = {{"where", where}, {"select", pkSelect(w.model)}};
  if (limit > 0) args["limit"] = limit;
  addDeleted(w.model, args, deleted);
  json rows = read(w, query::Operation::FindMany, args);
  std::vector<json> out;
  for (auto& r : rows) out.push_back(pkOf(w.model, r));
  return out;
}

int64_t countTargets(const WriteCall& w, const json& where, Deleted deleted) {
  json args = {{"where", where}};
  addDeleted(w.model, args, deleted);
  CallContext ctx{w.call.state, &w.model, w.call.auth, w.call.system, "findMany"};
  return readScalar(ctx, query::Operation::Count, args);
}

json readBack(const WriteCall& w, const json& pk, const json& args, Deleted deleted) {
  json args_read = {{"where", pk}};
  for (const char* key : {"select", "include"}) {
    auto it = args.find(key);
    if (it != args.end()) args_read[key] = *it;
  }
  addDeleted(w.model, args_read, deleted);
  json rows = read(w, query::Operation::FindFirst, args_read);
  return rows.empty() ? json(nullptr) : std::move(rows[0]);
}

}  // namespace litestone::detail::write

namespace litestone::detail::write {

std::vector<json> findRows(const WriteCall& w, const json& where,
                           const std::vector<const schema::Field*>& fields, int64_t limit) {
  json select = pkSelect(w.model);
  for (const auto* f : fields) select[f->name] = true;
  json args = {{"where", where}, {"select", select}};
  if (limit > 0) args["limit"] = limit;
  return read(w, query::Operation::FindMany, args).get<std::vector<json>>();
}

}  // namespace litestone::detail::write
