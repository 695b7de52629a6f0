// @@allow / @@deny / @allow: operation list, typed expression, message.
// Field paths follow to-one relations; check(relation, expr) evaluates expr
// on the related model.

#include "schema/messages.hpp"
#include "schema/resolve.hpp"

namespace litestone::schema::detail {

namespace {

std::optional<PolicyExpr> convert(const Expr& e, const Model& m, Context& ctx);

std::optional<PolicyExpr> literal(const Expr& e) {
  PolicyExpr p;
  p.kind = PolicyExprKind::Literal;
  p.span = e.span;
  switch (e.kind) {
    case ExprKind::Null:
      p.literal = nullptr;
      break;
    case ExprKind::Bool:
      p.literal = e.text == "true";
      break;
    case ExprKind::String:
      p.literal = e.text;
      break;
    case ExprKind::Number: {
      json n = json::parse(e.text, nullptr, false);
      if (n.is_discarded()) return std::nullopt;
      p.literal = n;
      break;
    }
    default:
      return std::nullopt;
  }
  return p;
}

// a.b.c → base expression and the names after it.
const Expr& unwindMembers(const Expr& e, std::vector<const Expr*>& names) {
  const Expr* cur = &e;
  while (cur->kind == ExprKind::Member && !cur->args.empty()) {
    names.insert(names.begin(), cur);
    cur = &cur->args[0];
  }
  return *cur;
}

std::optional<PolicyExpr> fieldPath(const Expr& base, const std::vector<const Expr*>& members, const Model& m,
                                    Context& ctx, Span span) {
  PolicyExpr p;
  p.kind = PolicyExprKind::Field;
  p.span = span;
  const Model* model = &m;
  std::vector<std::pair<std::string, Span>> steps = {{base.text, base.span}};
  for (const Expr* mem : members) steps.emplace_back(mem->text, mem->span);
  for (size_t i = 0; i < steps.size(); ++i) {
    const auto& [name, step_span] = steps[i];
    const Field* f = model->field(name);
    if (f == nullptr) {
      ctx.report(msg::policyUnknownField(name, model->name, fieldNames(*model), step_span));
      return std::nullopt;
    }
    p.path.push_back(f);
    bool last = i + 1 == steps.size();
    if (f->kind != FieldKind::Relation) {
      if (!last) {
        ctx.report(msg::policyInvalidExpression(
            "\"" + f->name + "\" is not a relation, so it has no field \"" + steps[i + 1].first + "\"",
            steps[i + 1].second));
        return std::nullopt;
      }
      continue;
    }
    if (f->relation == nullptr) return std::nullopt;  // reported with the relation
    if (f->relation->kind == RelationKind::HasMany || f->relation->kind == RelationKind::ManyToMany) {
      ctx.report(msg::policyPathThroughList(f->name, step_span));
      return std::nullopt;
    }
    if (last) {
      ctx.report(msg::policyInvalidExpression("relation \"" + f->name +
                                                  "\" must be followed by one of its fields, like " +
                                                  f->name + ".id, or used in check(" + f->name + ", ...)",
                                              step_span));
      return std::nullopt;
    }
    model = f->relation->to;
  }
  return p;
}

std::optional<PolicyExpr> call(const Expr& e, const Model& m, Context& ctx) {
  PolicyExpr p;
  p.span = e.span;
  if (e.text == "auth" || e.text == "now") {
    if (!e.args.empty()) {
      ctx.report(msg::authMisuse(e.text + "() takes no arguments", e.args[0].span));
      return std::nullopt;
    }
    p.kind = e.text == "auth" ? PolicyExprKind::Auth : PolicyExprKind::Now;
    return p;
  }
  if (e.text != "check") {
    ctx.report(msg::policyUnknownFunction(e.text, e.span));
    return std::nullopt;
  }
  if (e.args.size() != 2) {
    ctx.report(msg::wrongArgumentCount("check()", "2 arguments: a relation field and a condition",
                                       e.args.size(), e.span));
    return std::nullopt;
  }
  const Expr& rel = e.args[0];
  const Field* f = rel.kind == ExprKind::Ident ? m.field(rel.text) : nullptr;
  if (f == nullptr || f->kind != FieldKind::Relation) {
    ctx.report(msg::policyUnknownRelation(rel.kind == ExprKind::Ident ? rel.text : exprDescription(rel),
                                          m.name, relationFieldNames(m), rel.span));
    return std::nullopt;
  }
  if (f->relation == nullptr) return std::nullopt;
  auto inner = convert(e.args[1], *f->relation->to, ctx);
  if (!inner) return std::nullopt;
  p.kind = PolicyExprKind::Check;
  p.relation = f->relation;
  p.children.push_back(std::move(*inner));
  return p;
}

// A field compared with a literal: enum values must be members, and the
// literal's JSON type must suit the column.
bool fieldMatchesLiteral(const Field& f, const PolicyExpr& lit, Context& ctx) {
  const json& v = lit.literal;
  if (v.is_null()) return true;
  if (f.kind == FieldKind::Enum && !f.list) {
    if (v.is_string() && !f.enum_type->contains(v.get<std::string>())) {
      ctx.report(msg::policyEnumValue(v.get<std::string>(), f.type_name, f.enum_type->values, lit.span));
      return false;
    }
    if (v.is_string()) return true;
  } else if (f.kind == FieldKind::Scalar && !f.list) {
    bool ok = true;
    switch (f.scalar) {
      case ScalarType::Integer:
      case ScalarType::Real:
        ok = v.is_number();
        break;
      case ScalarType::Boolean:
        ok = v.is_boolean();
        break;
      case ScalarType::Text:
      case ScalarType::DateTime:
        ok = v.is_string();
        break;
      default:
        ok = true;
    }
    if (ok) return true;
  } else {
    return true;
  }
  std::string got = v.is_string() ? "the string \"" + v.get<std::string>() + "\"" : v.dump();
  ctx.report(msg::policyTypeMismatch(f.name, typeLabel(f), got, lit.span));
  return false;
}

bool comparable(const PolicyExpr& a, const PolicyExpr& b, Context& ctx) {
  if (a.kind == PolicyExprKind::Field && b.kind == PolicyExprKind::Literal) {
    return fieldMatchesLiteral(*a.path.back(), b, ctx);
  }
  if (b.kind == PolicyExprKind::Field && a.kind == PolicyExprKind::Literal) {
    return fieldMatchesLiteral(*b.path.back(), a, ctx);
  }
  return true;
}

std::optional<PolicyExpr> convert(const Expr& e, const Model& m, Context& ctx) {
  switch (e.kind) {
    case ExprKind::Null:
    case ExprKind::Bool:
    case ExprKind::String:
    case ExprKind::Number:
      return literal(e);
    case ExprKind::Duration:
    case ExprKind::Array:
      ctx.report(msg::policyInvalidExpression(exprDescription(e) + " cannot be used in a policy", e.span));
      return std::nullopt;
    case ExprKind::Unary: {
      if (e.args.size() != 1) return std::nullopt;
      if (e.text == "-" && e.args[0].kind == ExprKind::Number) {
        Expr neg = e.args[0];
        neg.text = "-" + neg.text;
        neg.span = e.span;
        return literal(neg);
      }
      auto inner = convert(e.args[0], m, ctx);
      if (!inner) return std::nullopt;
      if (e.text != "!") {
        ctx.report(msg::policyInvalidExpression("unary " + e.text + " applies to numbers only", e.span));
        return std::nullopt;
      }
      PolicyExpr p;
      p.kind = PolicyExprKind::Not;
      p.span = e.span;
      p.children.push_back(std::move(*inner));
      return p;
    }
    case ExprKind::Binary: {
      if (e.args.size() != 2) return std::nullopt;
      auto lhs = convert(e.args[0], m, ctx);
      auto rhs = convert(e.args[1], m, ctx);
      if (!lhs || !rhs) return std::nullopt;
      PolicyExpr p;
      p.span = e.span;
      if (e.text == "&&" || e.text == "||") {
        p.kind = e.text == "&&" ? PolicyExprKind::And : PolicyExprKind::Or;
      } else if (e.text == "==" || e.text == "!=" || e.text == "<" || e.text == "<=" || e.text == ">" ||
                 e.text == ">=") {
        p.kind = PolicyExprKind::Compare;
        p.op = e.text;
      } else {
        ctx.report(msg::policyInvalidExpression(
            "operator " + e.text + " is not allowed; use == != < <= > >= && || !", e.span));
        return std::nullopt;
      }
      if (p.kind == PolicyExprKind::Compare && !comparable(*lhs, *rhs, ctx)) return std::nullopt;
      p.children.push_back(std::move(*lhs));
      p.children.push_back(std::move(*rhs));
      return p;
    }
    case ExprKind::Ident:
      if (e.text == "auth" && m.field("auth") == nullptr) {
        ctx.report(msg::authMisuse("auth is a function: write auth() for the signed-in subject or auth().id",
                                   e.span));
        return std::nullopt;
      }
      return fieldPath(e, {}, m, ctx, e.span);
    case ExprKind::Call:
      return call(e, m, ctx);
    case ExprKind::Member: {
      std::vector<const Expr*> members;
      const Expr& base = unwindMembers(e, members);
      if (base.kind == ExprKind::Call && base.text == "auth") {
        if (!base.args.empty()) {
          ctx.report(msg::authMisuse("auth() takes no arguments; read a field with auth().field", base.span));
          return std::nullopt;
        }
        PolicyExpr p;
        p.kind = PolicyExprKind::Auth;
        p.span = e.span;
        for (const Expr* mem : members) p.auth_path.push_back(mem->text);
        if (!checkAuthPath(p.auth_path, e.span, ctx)) return std::nullopt;
        return p;
      }
      if (base.kind == ExprKind::Ident) {
        if (base.text == "auth" && m.field("auth") == nullptr) {
          ctx.report(msg::authMisuse("auth is a function: write auth()." + members.front()->text, base.span));
          return std::nullopt;
        }
        return fieldPath(base, members, m, ctx, e.span);
      }
      ctx.report(msg::policyInvalidExpression("only fields and auth() have members", e.span));
      return std::nullopt;
    }
  }
  return std::nullopt;
}

bool operations(const Expr& e, bool field_level, std::vector<PolicyOp>& out, Context& ctx) {
  const char* allowed = field_level
                            ? "'read', 'write' or 'all'"
                            : "'read', 'create', 'update', 'delete', 'all', or a list like 'create,update'";
  if (e.kind != ExprKind::String) {
    ctx.report(msg::invalidPolicyOperation(exprDescription(e), allowed, e.span));
    return false;
  }
  std::string item;
  std::vector<std::string> items;
  for (char c : e.text + ",") {
    if (c == ',') {
      items.push_back(item);
      item.clear();
    } else if (c != ' ') {
      item += c;
    }
  }
  auto add = [&](PolicyOp op) {
    if (std::find(out.begin(), out.end(), op) == out.end()) out.push_back(op);
  };
  for (const auto& op : items) {
    if (op == "all") {
      for (PolicyOp o : {PolicyOp::Read, PolicyOp::Create, PolicyOp::Update, PolicyOp::Delete}) add(o);
    } else if (op == "read") {
      add(PolicyOp::Read);
    } else if (op == "write" && field_level) {
      add(PolicyOp::Create);
      add(PolicyOp::Update);
    } else if (!field_level && op == "create") {
      add(PolicyOp::Create);
    } else if (!field_level && op == "update") {
      add(PolicyOp::Update);
    } else if (!field_level && op == "delete") {
      add(PolicyOp::Delete);
    } else {
      ctx.report(msg::invalidPolicyOperation(op, allowed, e.span));
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<Policy> resolvePolicy(const Attribute& attr, const Model& model, bool field_level,
                                    Context& ctx) {
  std::vector<const Expr*> args;
  if (!bindArgs(attr, {"operation", "condition", "message"}, 2, args, ctx)) return std::nullopt;
  Policy p;
  p.allow = attr.name == "allow";
  p.span = attr.span;
  bool ok = operations(*args[0], field_level, p.ops, ctx);
  auto expr = convert(*args[1], model, ctx);
  if (args[2] != nullptr) {
    if (args[2]->kind != ExprKind::String) {
      ctx.report(msg::wrongArgumentType(attrName(attr), "message", "a string", exprDescription(*args[2]),
                                        args[2]->span));
      ok = false;
    } else {
      p.message = args[2]->text;
    }
  }
  if (!ok || !expr) return std::nullopt;
  p.expr = std::move(*expr);
  return p;
}

}  // namespace litestone::schema::detail
