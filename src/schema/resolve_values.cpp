// Field attributes that carry values: @default, validators, schema function
// calls (generated columns) and @from.

#include <algorithm>

#include "schema/messages.hpp"
#include "schema/resolve_attributes.hpp"

namespace litestone::schema::detail {

bool isText(const Field& f) { return f.kind == FieldKind::Scalar && f.scalar == ScalarType::Text && !f.list; }

bool isNumber(const Field& f) {
  return f.kind == FieldKind::Scalar && !f.list &&
         (f.scalar == ScalarType::Integer || f.scalar == ScalarType::Real);
}

bool requireType(FieldAttr& fa, bool ok, std::string_view allowed) {
  if (!ok)
    fa.ctx.report(msg::attributeOnWrongType(fa.name(), allowed, typeLabel(fa.field), fa.attr.name_span));
  return ok;
}

bool authPath(const Expr& e, std::string& out, std::string_view where, Context& ctx) {
  std::vector<std::string> parts;
  const Expr* cur = &e;
  while (cur->kind == ExprKind::Member && !cur->args.empty()) {
    parts.insert(parts.begin(), cur->text);
    cur = &cur->args[0];
  }
  bool is_auth = cur->kind == ExprKind::Call && cur->text == "auth";
  if (!is_auth) {
    if (cur->kind == ExprKind::Ident && cur->text == "auth") {
      ctx.report(msg::authMisuse("auth is a function: write auth()." + (parts.empty() ? "id" : parts[0]),
                                 cur->span));
    } else {
      ctx.report(msg::wrongArgumentType(where, "", "auth().field", exprDescription(e), e.span));
    }
    return false;
  }
  if (!cur->args.empty()) {
    ctx.report(msg::authMisuse("auth() takes no arguments; read a field with auth().field", cur->span));
    return false;
  }
  if (parts.empty()) {
    ctx.report(
        msg::authMisuse(std::string(where) + " needs a field of the auth subject, like auth().id", e.span));
    return false;
  }
  if (!checkAuthPath(parts, e.span, ctx)) return false;
  out.clear();
  for (const auto& p : parts) out += (out.empty() ? "" : ".") + p;
  return true;
}

namespace {

bool numberLiteral(const Expr& e, json& out) {
  const Expr* n = &e;
  std::string sign;
  if (e.kind == ExprKind::Unary && e.text == "-" && e.args.size() == 1) {
    n = &e.args[0];
    sign = "-";
  }
  if (n->kind != ExprKind::Number) return false;
  out = json::parse(sign + n->text, nullptr, false);
  return !out.is_discarded();
}

std::string fieldTypeName(const Field& f) {
  if (f.kind == FieldKind::Enum) return "enum " + f.type_name;
  return f.type_name;
}

// A literal default for a non-list field; false when the type does not match.
bool literalDefault(FieldAttr& fa, const Expr& e, json& out) {
  Field& f = fa.field;
  json number;
  if (numberLiteral(e, number)) {
    if (f.kind != FieldKind::Scalar) return false;
    if (f.scalar == ScalarType::Integer) {
      out = number;
      return number.is_number_integer();
    }
    out = number;
    return f.scalar == ScalarType::Real;
  }
  switch (e.kind) {
    case ExprKind::String:
      out = e.text;
      if (f.kind == FieldKind::Enum) return true;  // member checked by the caller
      return f.kind == FieldKind::Scalar &&
             (f.scalar == ScalarType::Text || f.scalar == ScalarType::DateTime ||
              f.scalar == ScalarType::Json);
    case ExprKind::Bool:
      out = e.text == "true";
      return f.kind == FieldKind::Scalar && f.scalar == ScalarType::Boolean;
    case ExprKind::Null:
      out = nullptr;
      return f.optional;
    default:
      return false;
  }
}

}  // namespace

void applyDefault(FieldAttr& fa) {
  std::vector<const Expr*> args;
  if (!bindArgs(fa.attr, {"value"}, 1, args, fa.ctx)) return;
  const Expr& e = *args[0];
  Field& f = fa.field;
  DefaultValue& dv = f.default_value;
  std::string type = fieldTypeName(f) + (f.list ? "[]" : "");
  if (e.kind == ExprKind::Call) {
    if (e.text == "auth") {
      fa.ctx.report(msg::authMisuse(
          "@default(auth()) needs a field of the auth subject, like @default(auth().id)", e.span));
      return;
    }
    static const std::vector<std::pair<std::string, DefaultValue::Kind>> kFns = {
        {"now", DefaultValue::Kind::Now},
        {"uuid", DefaultValue::Kind::Uuid},
        {"ulid", DefaultValue::Kind::Ulid},
        {"nanoid", DefaultValue::Kind::Nanoid}};
    auto it = std::find_if(kFns.begin(), kFns.end(), [&](const auto& p) { return p.first == e.text; });
    if (it == kFns.end()) {
      fa.ctx.report(msg::unknownDefaultFunction(e.text, e.span));
      return;
    }
    if (!e.args.empty()) {
      fa.ctx.report(msg::wrongArgumentCount(e.text + "()", "no arguments", e.args.size(), e.span));
      return;
    }
    bool is_now = it->second == DefaultValue::Kind::Now;
    bool ok = f.kind == FieldKind::Scalar && !f.list &&
              (is_now ? (f.scalar == ScalarType::DateTime || f.scalar == ScalarType::Text)
                      : f.scalar == ScalarType::Text);
    if (!ok) {
      fa.ctx.report(msg::defaultTypeMismatch(f.name, type, e.text + "()", e.span));
      return;
    }
    dv.kind = it->second;
    return;
  }
  if (e.kind == ExprKind::Member) {
    std::string path;
    if (!authPath(e, path, "@default", fa.ctx)) return;
    dv.kind = DefaultValue::Kind::AuthField;
    dv.ref = path;
    return;
  }
  if (e.kind == ExprKind::Ident) {
    if (f.kind == FieldKind::Enum && !f.list) {
      if (!f.enum_type->contains(e.text)) {
        fa.ctx.report(msg::enumDefaultNotMember(e.text, f.type_name, f.enum_type->values, e.span));
        return;
      }
      dv.kind = DefaultValue::Kind::Literal;
      dv.literal = e.text;
      return;
    }
    if (e.text == "auth") {
      fa.ctx.report(msg::authMisuse("auth is a function: write @default(auth().id)", e.span));
      return;
    }
    const Field* sibling = fa.model.model->field(e.text);
    if (sibling == nullptr || sibling == &f || !sibling->stored()) {
      fa.ctx.report(
          msg::unknownField("@default", e.text, fa.model.model->name, fieldNames(*fa.model.model), e.span));
      return;
    }
    dv.kind = DefaultValue::Kind::FieldRef;
    dv.ref = sibling->name;
    return;
  }
  json value;
  if (f.list) {
    bool ok = e.kind == ExprKind::Array;
    value = json::array();
    Field item = f;
    item.list = false;
    if (f.kind == FieldKind::Scalar) item.scalar = *scalarFromName(f.type_name);
    FieldAttr item_attr{fa.ctx, fa.model, item, fa.attr};
    for (size_t i = 0; ok && i < e.args.size(); ++i) {
      json v;
      const Expr& x = e.args[i];
      if (x.kind == ExprKind::Ident && f.kind == FieldKind::Enum) {
        v = x.text;
      } else {
        ok = literalDefault(item_attr, x, v);
      }
      if (ok && f.kind == FieldKind::Enum && !v.is_string()) ok = false;
      if (ok && f.kind == FieldKind::Enum && !f.enum_type->contains(v.get<std::string>())) {
        fa.ctx.report(
            msg::enumDefaultNotMember(v.get<std::string>(), f.type_name, f.enum_type->values, x.span));
        return;
      }
      value.push_back(v);
    }
    if (!ok) {
      fa.ctx.report(msg::defaultTypeMismatch(f.name, type, exprDescription(e), e.span));
      return;
    }
  } else {
    if (!literalDefault(fa, e, value)) {
      fa.ctx.report(msg::defaultTypeMismatch(f.name, type, exprDescription(e), e.span));
      return;
    }
    if (f.kind == FieldKind::Enum && value.is_string() && !f.enum_type->contains(value.get<std::string>())) {
      fa.ctx.report(msg::enumDefaultNotMember(e.text, f.type_name, f.enum_type->values, e.span));
      return;
    }
  }
  dv.kind = DefaultValue::Kind::Literal;
  dv.literal = value;
}

bool isValidatorName(std::string_view name) {
  static const std::vector<std::string_view> kNames = {"email", "url",        "date",     "datetime", "phone",
                                                       "regex", "length",     "gt",       "gte",      "lt",
                                                       "lte",   "startsWith", "endsWith", "contains"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

void applyValidator(FieldAttr& fa) {
  const std::string& rule = fa.attr.name;
  Validator v;
  v.rule = rule;
  v.span = fa.attr.span;
  std::vector<const Expr*> args;
  const Expr* message = nullptr;
  // `message:` is named only; positional arguments are the rule's own.
  size_t positional = 0;
  for (const auto& a : fa.attr.args) positional += a.name.empty() ? 1 : 0;
  size_t max_positional = 1;
  if (rule == "length") max_positional = 2;
  if (rule == "email" || rule == "url" || rule == "date" || rule == "datetime" || rule == "phone") {
    max_positional = 0;
  }
  if (positional > max_positional) {
    std::string expected = max_positional == 0   ? std::string("no arguments besides message:")
                           : max_positional == 1 ? std::string("1 argument (plus message:)")
                                                 : std::string("1 to 2 arguments (plus message:)");
    fa.ctx.report(msg::wrongArgumentCount(fa.name(), expected, positional, fa.attr.span));
    return;
  }
  auto expect = [&](const Expr* e, const char* arg, bool ok, const char* what) {
    if (!ok) fa.ctx.report(msg::wrongArgumentType(fa.name(), arg, what, exprDescription(*e), e->span));
    return ok;
  };
  if (rule == "email" || rule == "url" || rule == "date" || rule == "datetime" || rule == "phone") {
    if (!requireType(fa, isText(fa.field), "Text")) return;
    if (!bindArgs(fa.attr, {"message"}, 0, args, fa.ctx)) return;
    message = args[0];
  } else if (rule == "regex" || rule == "startsWith" || rule == "endsWith" || rule == "contains") {
    if (!requireType(fa, isText(fa.field), "Text")) return;
    if (!bindArgs(fa.attr, {rule == "regex" ? "pattern" : "value", "message"}, 1, args, fa.ctx)) return;
    if (!expect(args[0], "", args[0]->kind == ExprKind::String, "a string")) return;
    v.args[rule == "regex" ? "pattern" : "value"] = args[0]->text;
    message = args[1];
  } else if (rule == "length") {
    bool ok = isText(fa.field) || fa.field.list;
    if (!requireType(fa, ok, "Text and list")) return;
    if (!bindArgs(fa.attr, {"min", "max", "message"}, 1, args, fa.ctx)) return;
    for (int i = 0; i < 2; ++i) {
      if (args[i] == nullptr) continue;
      json n;
      if (!expect(args[i], i == 0 ? "min" : "max",
                  numberLiteral(*args[i], n) && n.is_number_integer() && n.get<int64_t>() >= 0,
                  "a whole number >= 0")) {
        return;
      }
      v.args[i == 0 ? "min" : "max"] = n;
    }
    message = args[2];
  } else {  // gt gte lt lte
    if (!requireType(fa, isNumber(fa.field), "Integer and Real")) return;
    if (!bindArgs(fa.attr, {"value", "message"}, 1, args, fa.ctx)) return;
    json n;
    if (!expect(args[0], "", numberLiteral(*args[0], n), "a number")) return;
    v.args["value"] = n;
    message = args[1];
  }
  if (message != nullptr) {
    if (!expect(message, "message", message->kind == ExprKind::String, "a string")) return;
    v.message = message->text;
  }
  fa.field.validators.push_back(std::move(v));
}

void applyFunctionCall(FieldAttr& fa, const Function& fn) {
  const Attribute& a = fa.attr;
  if (a.args.size() != fn.params.size()) {
    fa.ctx.report(msg::functionArity(fn.name, fn.params.size(), a.args.size(), a.span));
    return;
  }
  std::string sql = fn.expr;
  bool ok = true;
  for (size_t i = 0; i < a.args.size(); ++i) {
    const Expr& e = a.args[i].value;
    if (e.kind != ExprKind::Ident || !a.args[i].name.empty()) {
      fa.ctx.report(msg::functionArgumentNotField(fn.name, e.span));
      ok = false;
      continue;
    }
    const Field* arg = fa.model.model->field(e.text);
    if (arg == nullptr) {
      fa.ctx.report(msg::unknownField("@" + fn.name, e.text, fa.model.model->name,
                                      fieldNames(*fa.model.model), e.span));
      ok = false;
      continue;
    }
    const auto& [param, param_type] = fn.params[i];
    if (!arg->stored() || arg->list || arg->type_name != param_type) {
      fa.ctx.report(
          msg::functionArgumentType(fn.name, param, param_type, arg->name, typeLabel(*arg), e.span));
      ok = false;
      continue;
    }
    std::string quoted = "\"";
    for (char c : arg->column) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    quoted += "\"";
    std::string placeholder = "{" + param + "}";
    for (size_t pos = sql.find(placeholder); pos != std::string::npos;
         pos = sql.find(placeholder, pos + quoted.size())) {
      sql.replace(pos, placeholder.size(), quoted);
    }
  }
  if (!fn.return_type.empty() && fn.return_type != fa.field.type_name) {
    fa.ctx.report(msg::functionReturnMismatch(fn.name, fn.return_type, fa.field.name, typeLabel(fa.field),
                                              a.name_span));
    ok = false;
  }
  if (!ok) return;
  fa.field.generated_sql = sql;
  fa.field.generated_stored = true;
}

void applyFrom(FieldAttr& fa) {
  std::vector<const Expr*> args;
  static const std::vector<std::string> kParams = {"relation", "count", "sum",    "max",  "min",
                                                   "first",    "last",  "exists", "where"};
  if (!bindArgs(fa.attr, kParams, 1, args, fa.ctx)) return;
  const Expr& rel = *args[0];
  Model& m = *fa.model.model;
  const Field* rf = rel.kind == ExprKind::Ident ? m.field(rel.text) : nullptr;
  if (rf == nullptr || rf->kind != FieldKind::Relation) {
    fa.ctx.report(msg::fromUnknownRelation(rel.kind == ExprKind::Ident ? rel.text : exprDescription(rel),
                                           m.name, relationFieldNames(m), rel.span));
    return;
  }
  if (rf->relation == nullptr) return;  // the relation itself is already reported
  FromSpec spec;
  spec.relation = rf->relation;
  int aggregates = 0;
  for (size_t i = 1; i <= 7; ++i) {
    const Expr* e = args[i];
    if (e == nullptr) continue;
    ++aggregates;
    spec.aggregate = kParams[i];
    bool needs_field = i >= 2 && i <= 4;
    if (needs_field) {
      const Field* target = e->kind == ExprKind::Ident ? rf->relation->to->field(e->text) : nullptr;
      if (target == nullptr || !target->stored()) {
        fa.ctx.report(msg::unknownField("@from " + kParams[i],
                                        e->kind == ExprKind::Ident ? e->text : exprDescription(*e),
                                        rf->relation->to->name, fieldNames(*rf->relation->to), e->span));
        return;
      }
      spec.field = target;
    } else if (e->kind != ExprKind::Bool || e->text != "true") {
      fa.ctx.report(msg::wrongArgumentType("@from", kParams[i], "true", exprDescription(*e), e->span));
      return;
    }
  }
  if (aggregates != 1) {
    fa.ctx.report(msg::fromInvalidAggregate(fa.attr.span));
    return;
  }
  if (args[8] != nullptr) {
    if (args[8]->kind != ExprKind::String) {
      fa.ctx.report(
          msg::wrongArgumentType("@from", "where", "a SQL string", exprDescription(*args[8]), args[8]->span));
      return;
    }
    spec.where_sql = args[8]->text;
  }
  fa.field.from = spec;
  fa.field.column.clear();
}

}  // namespace litestone::schema::detail
