#include "query/lower/where.hpp"

#include "query/args/errors.hpp"
#include "query/args/raw_sql.hpp"
#include "query/lower/field_filter.hpp"

namespace litestone::query {

// Counted by the same scan that checks $raw, so quotes and comments agree.
size_t countPlaceholders(std::string_view sql) { return scanRawSql(sql).placeholders; }

namespace {

NodePtr lowerObject(LowerContext& ctx, const schema::Model& model, int alias, const json& where,
                    const ArgPath& path);

bool isToMany(const schema::Relation& r) {
  return r.kind == schema::RelationKind::HasMany || r.kind == schema::RelationKind::ManyToMany;
}

NodePtr constant(bool v) { return std::make_unique<ConstantNode>(v); }

NodePtr notNode(NodePtr inner, bool strict = false) {
  auto n = std::make_unique<NotNode>();
  n->child = inner ? std::move(inner) : constant(true);
  n->strict = strict;
  return n;
}

// $raw: "plain sql" or {"$sql": "price > ?", "params": [10]} (litestone::sql).
NodePtr lowerRaw(const json& raw, const ArgPath& path) {
  auto n = std::make_unique<RawNode>();
  if (raw.is_string()) {
    n->sql = raw.get<std::string>();
    checkRawSql(n->sql, pathText(path));
    if (countPlaceholders(n->sql) != 0) {
      throw errors::invalidArgument(
          path, "a parameterless SQL string, or {\"$sql\", \"params\"} for ? values", raw);
    }
    return n;
  }
  if (!raw.is_object() || !raw.contains("$sql") || !raw["$sql"].is_string()) {
    throw errors::invalidArgument(path, "a SQL string or {\"$sql\": string, \"params\": [values]}", raw);
  }
  for (auto& [k, v] : raw.items()) {
    if (k != "$sql" && k != "params")
      throw errors::unknownArgument("$raw", k, child(path, k), {"$sql", "params"});
  }
  n->sql = raw["$sql"].get<std::string>();
  checkRawSql(n->sql, pathText(child(path, "$sql")));
  size_t count = 0;
  if (auto p = raw.find("params"); p != raw.end()) {
    if (!p->is_array()) throw errors::invalidArgument(child(path, "params"), "an array", *p);
    count = p->size();
    for (size_t i = 0; i < count; ++i) {
      if ((*p)[i].is_object()) {
        throw errors::invalidArgument(child(child(path, "params"), static_cast<int>(i)), "a scalar", (*p)[i]);
      }
      Param param;
      param.path = child(child(path, "params"), static_cast<int>(i));
      n->params.push_back(std::move(param));
    }
  }
  if (countPlaceholders(n->sql) != count) {
    throw errors::invalidArgument(
        child(path, "params"), "one value per ? in $sql (" + std::to_string(countPlaceholders(n->sql)) + ")",
        raw.value("params", json::array()));
  }
  return n;
}

std::unique_ptr<ExistsNode> exists(LowerContext& ctx, const schema::Relation& rel, int outer_alias) {
  auto n = std::make_unique<ExistsNode>();
  n->relation = &rel;
  n->outer_alias = outer_alias;
  n->alias = ctx.aliases.take();
  if (rel.kind == schema::RelationKind::ManyToMany) n->join_alias = ctx.aliases.take();
  return n;
}

NodePtr lowerRelation(LowerContext& ctx, const schema::Model& model, int alias, const schema::Field& field,
                      const json& value, const ArgPath& path) {
  const schema::Relation& rel = *field.relation;
  if (isToMany(rel)) {
    if (!value.is_object() || value.empty()) {
      throw errors::invalidArgument(path, "{some|every|none: filter} for a to-many relation", value);
    }
    auto all = std::make_unique<AndNode>();
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string& op = it.key();
      ArgPath at = child(path, op);
      if (op != "some" && op != "every" && op != "none") {
        throw errors::unknownOperator(model, field.name, op, at, {"some", "every", "none"});
      }
      if (!it.value().is_object()) throw errors::invalidArgument(at, "a where object", it.value());
      auto e = exists(ctx, rel, alias);
      NodePtr inner = lowerObject(ctx, *rel.to, e->alias, it.value(), at);
      if (op == "every") {
        // No related row fails the filter; NULL counts as failing.
        if (!inner) continue;
        e->filter = notNode(std::move(inner), true);
        e->negated = true;
      } else {
        e->filter = std::move(inner);
        e->negated = op == "none";
      }
      all->children.push_back(std::move(e));
    }
    if (all->children.empty()) return nullptr;
    if (all->children.size() == 1) return std::move(all->children.front());
    return all;
  }
  // To-one: null, {is: ...}, {isNot: ...} or a filter on the related row.
  auto related = [&](const json& filter, const ArgPath& at, bool negated) -> NodePtr {
    auto e = exists(ctx, rel, alias);
    e->negated = negated;
    if (!filter.is_null()) e->filter = lowerObject(ctx, *rel.to, e->alias, filter, at);
    return e;
  };
  if (value.is_null()) return related(nullptr, path, true);
  if (!value.is_object()) throw errors::invalidArgument(path, "null or a where object", value);
  bool has_is = value.contains("is") || value.contains("isNot");
  if (!has_is) return related(value, path, false);
  auto all = std::make_unique<AndNode>();
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string& op = it.key();
    ArgPath at = child(path, op);
    if (op != "is" && op != "isNot")
      throw errors::unknownOperator(model, field.name, op, at, {"is", "isNot"});
    const json& v = it.value();
    if (!v.is_null() && !v.is_object()) throw errors::invalidArgument(at, "null or a where object", v);
    bool negated = op == "isNot";
    // is: null → no related row; isNot: null → a related row.
    if (v.is_null()) {
      all->children.push_back(related(nullptr, at, !negated));
    } else {
      all->children.push_back(related(v, at, negated));
    }
  }
  if (all->children.size() == 1) return std::move(all->children.front());
  return all;
}

NodePtr lowerList(LowerContext& ctx, const schema::Model& model, int alias, const json& value,
                  const ArgPath& path, bool any) {
  std::vector<NodePtr> parts;
  if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) {
      ArgPath at = child(path, static_cast<int>(i));
      if (!value[i].is_object()) throw errors::invalidArgument(at, "a where object", value[i]);
      NodePtr n = lowerObject(ctx, model, alias, value[i], at);
      parts.push_back(n ? std::move(n) : constant(true));
    }
  } else if (value.is_object()) {
    NodePtr n = lowerObject(ctx, model, alias, value, path);
    parts.push_back(n ? std::move(n) : constant(true));
  } else {
    throw errors::invalidArgument(path, "a where object or an array of them", value);
  }
  if (any) {
    auto n = std::make_unique<OrNode>();
    n->children = std::move(parts);
    return n;
  }
  auto n = std::make_unique<AndNode>();
  n->children = std::move(parts);
  return n;
}

NodePtr lowerObject(LowerContext& ctx, const schema::Model& model, int alias, const json& where,
                    const ArgPath& path) {
  if (!where.is_object()) throw errors::invalidArgument(path, "a where object", where);
  auto all = std::make_unique<AndNode>();
  for (auto it = where.begin(); it != where.end(); ++it) {
    const std::string& key = it.key();
    const json& v = it.value();
    ArgPath at = child(path, key);
    if (key == "AND") {
      all->children.push_back(lowerList(ctx, model, alias, v, at, false));
    } else if (key == "OR") {
      all->children.push_back(lowerList(ctx, model, alias, v, at, true));
    } else if (key == "NOT") {
      // NOT [a, b] keeps rows matching none of them.
      NodePtr inner = lowerList(ctx, model, alias, v, at, v.is_array());
      all->children.push_back(notNode(std::move(inner)));
    } else if (key == "$raw") {
      all->children.push_back(lowerRaw(v, at));
    } else {
      const schema::Field* field = model.field(key);
      if (!field || !(field->stored() || field->kind == schema::FieldKind::Relation)) {
        throw errors::unknownField(model, key, at, errors::filterableNames(model));
      }
      NodePtr n = field->kind == schema::FieldKind::Relation
                      ? lowerRelation(ctx, model, alias, *field, v, at)
                      : lowerFieldFilter(ctx, model, alias, *field, v, at);
      if (n) all->children.push_back(std::move(n));
    }
  }
  if (all->children.empty()) return nullptr;
  if (all->children.size() == 1) return std::move(all->children.front());
  return all;
}

}  // namespace

NodePtr lowerWhere(LowerContext& ctx, const schema::Model& model, int alias, const json& where,
                   const ArgPath& path) {
  if (where.is_null()) return nullptr;
  return lowerObject(ctx, model, alias, where, path);
}

NodePtr andNodes(NodePtr a, NodePtr b) {
  if (!a) return b;
  if (!b) return a;
  if (a->kind == NodeKind::And) {
    a->as<AndNode>().children.push_back(std::move(b));
    return a;
  }
  auto n = std::make_unique<AndNode>();
  n->children.push_back(std::move(a));
  n->children.push_back(std::move(b));
  return n;
}

}  // namespace litestone::query
