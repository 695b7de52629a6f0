#include "query/lower/find.hpp"

#include <algorithm>

#include "query/args/errors.hpp"
#include "query/lower/projection.hpp"
#include "query/lower/where.hpp"

namespace litestone::query {

namespace {

// Fields set by plain equality at the top level of a where.
std::vector<const schema::Field*> equalityFields(const schema::Model& model, const json& where) {
  std::vector<const schema::Field*> out;
  if (!where.is_object()) return out;
  for (auto it = where.begin(); it != where.end(); ++it) {
    const schema::Field* f = model.field(it.key());
    if (!f || !f->stored()) continue;
    const json& v = it.value();
    bool eq = !v.is_null() && !v.is_object() && !v.is_array();
    if (v.is_object() && v.size() == 1 && v.contains("equals") && !v["equals"].is_null()) eq = true;
    if (eq) out.push_back(f);
  }
  return out;
}

std::vector<std::vector<const schema::Field*>> uniqueKeys(const schema::Model& model) {
  std::vector<std::vector<const schema::Field*>> keys;
  if (!model.primary_key.empty()) keys.push_back(model.primary_key);
  for (auto& f : model.fields) {
    if (f.unique && !f.id) keys.push_back({&f});
  }
  for (auto& idx : model.indexes) {
    if (idx.unique) keys.push_back(idx.fields);
  }
  return keys;
}

// Compound unique keys (@@id / @@unique of several fields) by their
// Prisma-style name: the field names joined by "_".
std::vector<std::pair<std::string, std::vector<const schema::Field*>>> compoundKeys(
    const schema::Model& model) {
  std::vector<std::pair<std::string, std::vector<const schema::Field*>>> out;
  for (auto& key : uniqueKeys(model)) {
    if (key.size() < 2) continue;
    std::string name;
    for (auto* f : key) name += (name.empty() ? "" : "_") + f->name;
    out.emplace_back(std::move(name), key);
  }
  return out;
}

bool isWhereOperator(std::string_view key) {
  return key == "AND" || key == "OR" || key == "NOT" || (!key.empty() && key.front() == '$');
}

// Takes the compound keys out of a findUnique where ({a_b: {a: 1, b: 2}}),
// returning them by name. A key that is not a field, an operator or a
// compound key but holds an object is an unknown compound key.
std::vector<std::pair<std::string, json>> takeCompoundKeys(const schema::Model& model, json& where,
                                                           const ArgPath& path) {
  std::vector<std::pair<std::string, json>> out;
  if (!where.is_object()) return out;
  std::vector<std::string> names;
  for (auto it = where.begin(); it != where.end(); ++it) {
    if (model.field(it.key()) || isWhereOperator(it.key()) || !it.value().is_object()) continue;
    names.push_back(it.key());
  }
  if (names.empty()) return out;
  auto keys = compoundKeys(model);
  for (auto& name : names) {
    auto key = std::find_if(keys.begin(), keys.end(), [&](auto& k) { return k.first == name; });
    if (key == keys.end()) {
      std::vector<std::string> allowed;
      for (auto& k : keys) allowed.push_back(k.first);
      throw errors::unknownCompoundKey(model, name, child(path, name), allowed);
    }
    const json& value = where[name];
    for (auto* f : key->second) {
      if (!value.contains(f->name)) {
        throw errors::invalidArgument(child(path, name), "every field of " + name + " set", value);
      }
    }
    out.emplace_back(name, value);
    where.erase(name);
  }
  return out;
}

void requireUniqueWhere(const schema::Model& model, const json& where) {
  auto eq = equalityFields(model, where);
  auto keys = uniqueKeys(model);
  for (auto& key : keys) {
    bool covered = !key.empty();
    for (auto* f : key) {
      if (std::find(eq.begin(), eq.end(), f) == eq.end()) covered = false;
    }
    if (covered) return;
  }
  std::vector<std::string> names;
  for (auto& key : keys) {
    std::string n;
    for (auto* f : key) n += (n.empty() ? "" : "+") + f->name;
    names.push_back(n);
  }
  throw errors::notUnique(model, names);
}

}  // namespace

std::string_view operationName(Operation op) {
  switch (op) {
    case Operation::FindMany:
      return "findMany";
    case Operation::FindFirst:
      return "findFirst";
    case Operation::FindUnique:
      return "findUnique";
    case Operation::Count:
      return "count";
    case Operation::Exists:
      return "exists";
    case Operation::Total:
      return "findManyAndCount";
  }
  return "";
}

const std::vector<std::string>& allowedArguments(Operation op) {
  static const std::vector<std::string> kMany = {"where",   "orderBy",  "limit",       "offset",     "select",
                                                 "include", "distinct", "withDeleted", "onlyDeleted"};
  static const std::vector<std::string> kFirst = {"where",   "orderBy",  "offset",      "select",
                                                  "include", "distinct", "withDeleted", "onlyDeleted"};
  static const std::vector<std::string> kUnique = {"where", "select", "include", "withDeleted",
                                                   "onlyDeleted"};
  static const std::vector<std::string> kCount = {"where", "withDeleted", "onlyDeleted", "distinct"};
  switch (op) {
    case Operation::FindMany:
    case Operation::Total:
      return kMany;
    case Operation::FindFirst:
      return kFirst;
    case Operation::FindUnique:
      return kUnique;
    case Operation::Count:
    case Operation::Exists:
      return kCount;
  }
  return kMany;
}

std::unique_ptr<Select> lowerRead(LowerContext& ctx, const schema::Model& model, const json& args) {
  const ArgPath root;
  if (!args.is_object()) throw errors::invalidArgument(root, "an object of arguments", args);
  const auto& allowed = allowedArguments(ctx.operation);
  for (auto it = args.begin(); it != args.end(); ++it) {
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
      throw errors::unknownArgument(operationName(ctx.operation), it.key(), child(root, it.key()), allowed);
    }
  }
  auto s = std::make_unique<Select>();
  s->model = &model;
  s->alias = ctx.aliases.take();
  switch (ctx.operation) {
    case Operation::Count:
    case Operation::Total:
      s->mode = ReadMode::Count;
      break;
    case Operation::Exists:
      s->mode = ReadMode::Exists;
      break;
    default:
      s->mode = ReadMode::Rows;
  }

  for (const char* flag : {"withDeleted", "onlyDeleted"}) {
    auto it = args.find(flag);
    if (it == args.end() || it->is_null()) continue;
    if (!it->is_boolean()) throw errors::invalidArgument(child(root, flag), "true or false", *it);
    if (*it == true) {
      s->soft_delete =
          std::string_view(flag) == "withDeleted" ? SoftDeleteMode::WithDeleted : SoftDeleteMode::OnlyDeleted;
    }
  }
  if (auto d = args.find("distinct"); d != args.end() && !d->is_null()) {
    ArgPath at = child(root, "distinct");
    if (d->is_boolean()) {
      s->distinct = *d == true;
    } else if (d->is_array()) {
      for (size_t i = 0; i < d->size(); ++i) {
        const json& name = (*d)[i];
        const schema::Field* f = name.is_string() ? model.field(name.get<std::string>()) : nullptr;
        if (!f || !f->stored()) {
          throw errors::unknownField(model, name.is_string() ? name.get<std::string>() : name.dump(),
                                     child(at, static_cast<int>(i)), errors::storedFieldNames(model));
        }
        s->distinct_on.push_back(f);
      }
    } else {
      throw errors::invalidArgument(at, "true or an array of field names", *d);
    }
  }

  // findUnique by a compound key: its object is lowered as a where of its
  // own (params keep their path where.a_b.a) and the rest as usual.
  json unique_args;
  const json* list_args = &args;
  if (ctx.operation == Operation::FindUnique) {
    auto w = args.find("where");
    json where = w == args.end() ? json::object() : *w;
    ArgPath where_path = child(root, "where");
    auto compound = takeCompoundKeys(model, where, where_path);
    json covered = where;
    for (auto& [name, value] : compound) {
      for (auto& [k, v] : value.items()) covered[k] = v;
      s->where =
          andNodes(std::move(s->where), lowerWhere(ctx, model, s->alias, value, child(where_path, name)));
    }
    requireUniqueWhere(model, covered);
    if (!compound.empty()) {
      unique_args = args;
      unique_args["where"] = std::move(where);
      list_args = &unique_args;
    }
  }
  if (s->mode == ReadMode::Rows) {
    lowerListArgs(ctx, *s, *list_args, root);
  } else if (auto w = args.find("where"); w != args.end()) {
    s->where = lowerWhere(ctx, model, s->alias, *w, child(root, "where"));
  }
  if (ctx.operation == Operation::FindFirst) {
    Param one;
    one.source = ParamSource::Constant;
    one.constant = 1;
    s->limit = std::move(one);
  }
  if (s->mode == ReadMode::Rows) lowerProjection(ctx, *s, args, root, true);
  return s;
}

}  // namespace litestone::query
