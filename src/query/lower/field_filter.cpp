#include "query/lower/field_filter.hpp"

#include <array>

#include "query/args/errors.hpp"
#include "query/lower/where.hpp"

namespace litestone::query {

namespace {

constexpr std::array<std::string_view, 12> kOperators = {
    "equals", "not", "in", "notIn", "lt", "lte", "gt", "gte", "contains", "startsWith", "endsWith", "mode"};

bool isOperator(std::string_view key) {
  for (auto op : kOperators) {
    if (op == key) return true;
  }
  return false;
}

bool isTextual(const schema::Field& f) {
  if (f.kind == schema::FieldKind::Enum) return true;
  return f.scalar == schema::ScalarType::Text || f.scalar == schema::ScalarType::DateTime;
}

std::vector<std::string> allowedOperators(const schema::Field& f, bool in_json) {
  std::vector<std::string> ops;
  for (auto op : kOperators) {
    bool textual = op == "contains" || op == "startsWith" || op == "endsWith" || op == "mode";
    if (textual && !in_json && !isTextual(f)) continue;
    ops.emplace_back(op);
  }
  return ops;
}

Param argParam(const ArgPath& path, ValueTransform t = ValueTransform::None) {
  Param p;
  p.source = ParamSource::Args;
  p.path = path;
  p.transform = t;
  return p;
}

template <class T>
std::unique_ptr<T> make(const ColumnRef& col) {
  auto n = std::make_unique<T>();
  n->column = col;
  return n;
}

NodePtr compare(const ColumnRef& col, CompareOp op, const ArgPath& path) {
  auto n = make<CompareNode>(col);
  n->op = op;
  n->value = argParam(path);
  return n;
}

NodePtr isNull(const ColumnRef& col, bool negated) {
  auto n = make<IsNullNode>(col);
  n->negated = negated;
  return n;
}

// What a filter value on a column must be, as write values are checked:
// nullptr when any JSON value fits (Json, File and list columns).
const char* expectedType(const schema::Field& f) {
  if (f.list) return nullptr;
  if (f.kind == schema::FieldKind::Enum) return "a string (one of the enum's values)";
  if (f.kind != schema::FieldKind::Scalar) return nullptr;
  switch (f.scalar) {
    case schema::ScalarType::Integer:
      return "an integer";
    case schema::ScalarType::Real:
      return "a number";
    case schema::ScalarType::Text:
      return "a string";
    case schema::ScalarType::Boolean:
      return "a boolean";
    case schema::ScalarType::DateTime:
      return "an ISO-8601 date string";
    case schema::ScalarType::Blob:
    case schema::ScalarType::Json:
    case schema::ScalarType::File:
      break;
  }
  return nullptr;
}

bool fits(const schema::Field& f, const json& v) {
  if (v.is_null()) return true;
  if (f.kind == schema::FieldKind::Enum) return v.is_string();
  switch (f.scalar) {
    case schema::ScalarType::Integer:
      return v.is_number_integer();
    case schema::ScalarType::Real:
      return v.is_number();
    case schema::ScalarType::Text:
    case schema::ScalarType::DateTime:
      return v.is_string();
    case schema::ScalarType::Boolean:
      return v.is_boolean();
    default:
      return true;
  }
}

// The JSON type of a value is part of the compiled shape (args/shape.cpp),
// so checking it here holds for every call that reuses this compilation.
void checkValueType(const schema::Model& model, const schema::Field& f, std::string_view op, const json& v,
                    const ArgPath& path) {
  const char* expected = expectedType(f);
  if (!expected) return;
  if (v.is_array() && (op == "in" || op == "notIn")) {
    for (size_t i = 0; i < v.size(); ++i) {
      if (!fits(f, v[i])) {
        throw errors::wrongFilterType(model, f.name, op, std::string("an array of ") + expected, v[i],
                                      child(path, static_cast<int>(i)));
      }
    }
    return;
  }
  if (!fits(f, v)) throw errors::wrongFilterType(model, f.name, op, expected, v, path);
}

void requireScalar(const json& v, const ArgPath& path) {
  if (v.is_object() || v.is_array() || v.is_null()) throw errors::invalidArgument(path, "a scalar value", v);
}

class OperatorLowering {
 public:
  OperatorLowering(LowerContext& ctx, const schema::Model& model, const schema::Field& field, ColumnRef col,
                   bool in_json)
      : ctx_(ctx), model_(model), field_(field), col_(std::move(col)), in_json_(in_json) {}

  NodePtr lower(const json& ops, const ArgPath& path) {
    bool insensitive = false;
    if (auto m = ops.find("mode"); m != ops.end()) {
      if (!m->is_string() || (*m != "insensitive" && *m != "default")) {
        throw errors::invalidArgument(child(path, "mode"), "\"insensitive\" or \"default\"", *m);
      }
      insensitive = *m == "insensitive";
    }
    auto all = std::make_unique<AndNode>();
    for (auto it = ops.begin(); it != ops.end(); ++it) {
      const std::string& op = it.key();
      if (op == "mode") continue;
      auto allowed = allowedOperators(field_, in_json_);
      if (std::find(allowed.begin(), allowed.end(), op) == allowed.end()) {
        throw errors::unknownOperator(model_, fieldLabel(), op, child(path, op), allowed);
      }
      all->children.push_back(one(op, it.value(), child(path, op), insensitive));
    }
    if (all->children.size() == 1) return std::move(all->children.front());
    return all;
  }

 private:
  std::string fieldLabel() const {
    std::string label = field_.name;
    for (auto& p : col_.json_path) label += "." + p;
    return label;
  }

  NodePtr one(const std::string& op, const json& v, const ArgPath& path, bool insensitive) {
    if (op == "equals") {
      if (v.is_null()) return isNull(col_, false);
      if (v.is_object()) throw errors::invalidArgument(path, "a value or null", v);
      if (!in_json_) checkValueType(model_, field_, op, v, path);
      return compare(col_, CompareOp::Eq, path);
    }
    if (op == "not") {
      if (v.is_null()) return isNull(col_, true);
      if (v.is_object()) {
        auto n = std::make_unique<NotNode>();
        n->child = lower(v, path);
        return n;
      }
      // IS NOT keeps NULL rows, as notIn does (DESIGN §4).
      if (!in_json_) checkValueType(model_, field_, op, v, path);
      return compare(col_, CompareOp::IsNot, path);
    }
    if (op == "in" || op == "notIn") {
      if (!v.is_array()) throw errors::invalidArgument(path, "an array", v);
      if (!in_json_) checkValueType(model_, field_, op, v, path);
      auto n = make<InNode>(col_);
      n->list = argParam(path);
      n->negated = op == "notIn";
      return n;
    }
    if (op == "lt" || op == "lte" || op == "gt" || op == "gte") {
      requireScalar(v, path);
      if (!in_json_) checkValueType(model_, field_, op, v, path);
      CompareOp cmp = op == "lt"    ? CompareOp::Lt
                      : op == "lte" ? CompareOp::Lte
                      : op == "gt"  ? CompareOp::Gt
                                    : CompareOp::Gte;
      return compare(col_, cmp, path);
    }
    // contains / startsWith / endsWith
    if (!v.is_string()) throw errors::invalidArgument(path, "a string", v);
    auto n = make<LikeNode>(col_);
    n->insensitive = insensitive;
    ValueTransform t;
    if (op == "contains") {
      t = insensitive ? ValueTransform::LikeContains : ValueTransform::GlobContains;
    } else if (op == "startsWith") {
      t = insensitive ? ValueTransform::LikeStartsWith : ValueTransform::GlobStartsWith;
    } else {
      t = insensitive ? ValueTransform::LikeEndsWith : ValueTransform::GlobEndsWith;
    }
    n->pattern = argParam(path, t);
    return n;
  }

  LowerContext& ctx_;
  const schema::Model& model_;
  const schema::Field& field_;
  ColumnRef col_;
  bool in_json_;
};

// A filter on a value: a scalar means equality, null means IS NULL, an
// object holds operators.
NodePtr lowerValue(LowerContext& ctx, const schema::Model& model, const schema::Field& field,
                   const ColumnRef& col, const json& value, const ArgPath& path, bool in_json) {
  if (value.is_null()) return isNull(col, false);
  if (value.is_object()) return OperatorLowering(ctx, model, field, col, in_json).lower(value, path);
  if (value.is_array() && !field.list && field.scalar != schema::ScalarType::Json) {
    throw errors::invalidArgument(path, "a scalar value, null or an operator object", value);
  }
  if (!in_json) checkValueType(model, field, "equals", value, path);
  return compare(col, CompareOp::Eq, path);
}

// {address: {city: "NYC", zip: {startsWith: "10"}}} on a typed Json column.
NodePtr lowerJsonPath(LowerContext& ctx, const schema::Model& model, const schema::Field& field,
                      const schema::TypeDecl& type, ColumnRef col, const json& value, const ArgPath& path) {
  auto all = std::make_unique<AndNode>();
  json ops = json::object();
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string& key = it.key();
    const schema::Field* inner = type.field(key);
    if (!inner) {
      if (isOperator(key)) {
        ops[key] = it.value();
        continue;
      }
      throw errors::unknownJsonField(type, key, child(path, key));
    }
    ColumnRef sub = col;
    sub.json_path.push_back(inner->name);
    const json& v = it.value();
    if (inner->kind == schema::FieldKind::TypedJson && inner->json_type && v.is_object()) {
      all->children.push_back(lowerJsonPath(ctx, model, field, *inner->json_type, sub, v, child(path, key)));
    } else {
      all->children.push_back(lowerValue(ctx, model, field, sub, v, child(path, key), true));
    }
  }
  if (!ops.empty()) {
    // Operators on the column itself ({address: {equals: null}}): their
    // params must point at the original keys, so lower them one by one.
    for (auto& [op, v] : ops.items()) {
      json one = json::object({{op, v}});
      auto node = OperatorLowering(ctx, model, field, col, false).lower(one, path);
      all->children.push_back(std::move(node));
    }
  }
  if (all->children.size() == 1) return std::move(all->children.front());
  return all;
}

}  // namespace

NodePtr lowerFieldFilter(LowerContext& ctx, const schema::Model& model, int alias, const schema::Field& field,
                         const json& value, const ArgPath& path) {
  if (field.encrypted) throw errors::encryptedField(model, field.name, path, "filtered on");
  ColumnRef col{alias, &field, {}};
  if (field.kind == schema::FieldKind::TypedJson && field.json_type && value.is_object()) {
    return lowerJsonPath(ctx, model, field, *field.json_type, col, value, path);
  }
  return lowerValue(ctx, model, field, col, value, path, false);
}

}  // namespace litestone::query
