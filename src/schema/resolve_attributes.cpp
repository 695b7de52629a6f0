// Pass: field attributes. Each attribute of each field goes to its handler;
// value-carrying ones live in resolve_values.cpp.

#include "schema/resolve_attributes.hpp"

#include <algorithm>
#include <set>

#include "schema/messages.hpp"

namespace litestone::schema::detail {

const std::vector<std::string>& fieldAttributeNames() {
  static const std::vector<std::string> kNames = {
      "id",           "unique",   "default",  "relation",   "map",       "generated", "computed", "updatedAt",
      "updatedBy",    "sequence", "omit",     "guarded",    "encrypted", "secret",    "allow",    "log",
      "keepVersions", "accept",   "markdown", "hardDelete", "from",      "email",     "url",      "date",
      "datetime",     "phone",    "regex",    "length",     "gt",        "gte",       "lt",       "lte",
      "startsWith",   "endsWith", "contains", "trim",       "lower",     "upper",     "slug"};
  return kNames;
}

namespace {

bool noArgs(FieldAttr& fa) {
  if (fa.attr.args.empty()) return true;
  fa.ctx.report(
      msg::wrongArgumentCount(fa.name(), "no arguments", fa.attr.args.size(), fa.attr.args[0].value.span));
  return false;
}

// @omit / @omit(all), @guarded / @guarded(all)
bool visibility(FieldAttr& fa, Visibility& out) {
  std::vector<const Expr*> args;
  if (!bindArgs(fa.attr, {"scope"}, 0, args, fa.ctx)) return false;
  if (args[0] == nullptr) {
    out = std::max(out, Visibility::Default);
    return true;
  }
  if (args[0]->kind != ExprKind::Ident || args[0]->text != "all") {
    fa.ctx.report(msg::invalidArgumentValue(fa.name(), exprDescription(*args[0]), "all (or no argument)",
                                            args[0]->span));
    return false;
  }
  out = Visibility::All;
  return true;
}

// A database name that must be a logger: @log(audit).
bool logTarget(Context& ctx, const Attribute& a, std::string& out) {
  std::vector<const Expr*> args;
  if (!bindArgs(a, {"database"}, 1, args, ctx)) return false;
  const Expr& e = *args[0];
  if (e.kind != ExprKind::Ident && e.kind != ExprKind::String) {
    ctx.report(msg::wrongArgumentType(attrName(a), "", "a database name", exprDescription(e), e.span));
    return false;
  }
  const Database* db = ctx.schema.database(e.text);
  if (db == nullptr) {
    ctx.report(msg::unknownDatabase(e.text, databaseNames(ctx.schema), e.span));
    return false;
  }
  if (db->driver != "logger") {
    ctx.report(msg::logTargetNotLogger(db->name, db->driver, e.span));
    return false;
  }
  out = db->name;
  return true;
}

// Where @secret sends its audit entries: the model's @@log, else the first logger.
std::string secretLogDb(const ModelSrc& ms, const Schema& s) {
  for (const Attribute* a : ms.attrs) {
    if (a->name == "log" && a->args.size() == 1) {
      if (const Database* db = s.database(a->args[0].value.text); db && db->driver == "logger")
        return db->name;
    }
  }
  for (const auto& db : s.databases) {
    if (db.driver == "logger") return db.name;
  }
  return "";
}

void transform(FieldAttr& fa, Transform t) {
  if (!requireType(fa, isText(fa.field), "Text") || !noArgs(fa)) return;
  fa.field.transforms.push_back(t);
}

std::vector<std::string> knownFieldAttributes(const Schema& s) {
  std::vector<std::string> names = fieldAttributeNames();
  for (const auto& fn : s.functions) names.push_back(fn.name);
  return names;
}

bool isFile(const Field& f) { return f.kind == FieldKind::Scalar && f.type_name == "File"; }

void applyAttribute(FieldAttr& fa) {
  const std::string& n = fa.attr.name;
  Field& f = fa.field;
  Context& ctx = fa.ctx;
  if (fa.attr.block) {
    ctx.report(msg::attributeWrongLevel("@@" + n, "@" + n, fa.attr.name_span));
    return;
  }
  if (n == "id" || n == "unique" || n == "relation") {
    if (n != "relation") noArgs(fa);  // resolved with the keys and relations
  } else if (n == "map") {
    std::vector<const Expr*> args;
    if (!bindArgs(fa.attr, {"name"}, 1, args, ctx)) return;
    if (args[0]->kind != ExprKind::String || args[0]->text.empty()) {
      ctx.report(msg::wrongArgumentType("@map", "", "a column name string", exprDescription(*args[0]),
                                        args[0]->span));
      return;
    }
    if (requireType(fa, f.kind != FieldKind::Relation, "scalar, enum and typed Json"))
      f.column = args[0]->text;
  } else if (n == "default") {
    applyDefault(fa);
  } else if (n == "generated") {
    std::vector<const Expr*> args;
    if (!bindArgs(fa.attr, {"sql", "stored"}, 1, args, ctx)) return;
    if (args[0]->kind != ExprKind::String) {
      ctx.report(
          msg::wrongArgumentType("@generated", "", "a SQL string", exprDescription(*args[0]), args[0]->span));
      return;
    }
    if (args[1] != nullptr && args[1]->kind != ExprKind::Bool) {
      ctx.report(msg::wrongArgumentType("@generated", "stored", "true or false", exprDescription(*args[1]),
                                        args[1]->span));
      return;
    }
    f.generated_sql = args[0]->text;
    f.generated_stored = args[1] == nullptr || args[1]->text == "true";
  } else if (n == "computed") {
    if (noArgs(fa) && requireType(fa, f.kind != FieldKind::Relation, "scalar, enum and typed Json")) {
      f.computed = true;
      f.column.clear();
    }
  } else if (n == "updatedAt") {
    bool ok = f.kind == FieldKind::Scalar && f.scalar == ScalarType::DateTime && !f.list;
    if (requireType(fa, ok, "DateTime") && noArgs(fa)) f.updated_at = true;
  } else if (n == "updatedBy") {
    std::vector<const Expr*> args;
    if (!bindArgs(fa.attr, {"value"}, 0, args, ctx)) return;
    std::string path = "id";
    if (args[0] != nullptr && !authPath(*args[0], path, "@updatedBy", ctx)) return;
    f.updated_by = path;
  } else if (n == "sequence") {
    bool ok = f.kind == FieldKind::Scalar && f.scalar == ScalarType::Integer && !f.list;
    if (!requireType(fa, ok, "Integer")) return;
    std::vector<const Expr*> args;
    if (!bindArgs(fa.attr, {"scope"}, 0, args, ctx)) return;
    f.sequence = true;
    if (args[0] == nullptr) return;
    const Expr& e = *args[0];
    const Field* scope = e.kind == ExprKind::Ident ? fa.model.model->field(e.text) : nullptr;
    if (scope == nullptr || !scope->stored() || scope == &f) {
      ctx.report(msg::unknownField("@sequence scope", e.kind == ExprKind::Ident ? e.text : exprDescription(e),
                                   fa.model.model->name, fieldNames(*fa.model.model), e.span));
      return;
    }
    f.sequence_scope = scope;
  } else if (n == "omit") {
    visibility(fa, f.omit);
  } else if (n == "guarded") {
    visibility(fa, f.guarded);
  } else if (n == "encrypted") {
    if (!requireType(fa, isText(f), "Text")) return;
    std::vector<const Expr*> args;
    if (!bindArgs(fa.attr, {"searchable"}, 0, args, ctx)) return;
    bool bare = args[0] != nullptr && args[0]->kind == ExprKind::Ident && args[0]->text == "searchable";
    if (args[0] != nullptr && args[0]->kind != ExprKind::Bool && !bare) {
      ctx.report(msg::wrongArgumentType("@encrypted", "searchable", "true or false",
                                        exprDescription(*args[0]), args[0]->span));
      return;
    }
    f.encrypted = true;
    f.searchable = bare || (args[0] != nullptr && args[0]->text == "true");
    f.guarded = Visibility::All;
  } else if (n == "secret") {
    if (!requireType(fa, isText(f), "Text") || !noArgs(fa)) return;
    f.secret = true;
    f.encrypted = true;
    f.guarded = Visibility::All;
    if (f.log_db.empty()) f.log_db = secretLogDb(fa.model, ctx.schema);
  } else if (n == "allow") {
    if (auto p = resolvePolicy(fa.attr, *fa.model.model, true, ctx)) f.policies.push_back(std::move(*p));
  } else if (n == "log") {
    logTarget(ctx, fa.attr, f.log_db);
  } else if (n == "keepVersions") {
    if (requireType(fa, isFile(f), "File") && noArgs(fa)) f.keep_versions = true;
  } else if (n == "accept") {
    if (!requireType(fa, isFile(f), "File")) return;
    std::vector<const Expr*> args;
    if (!bindArgs(fa.attr, {"types"}, 1, args, ctx)) return;
    if (args[0]->kind != ExprKind::String) {
      ctx.report(msg::wrongArgumentType("@accept", "", "a MIME type string like \"image/*\"",
                                        exprDescription(*args[0]), args[0]->span));
      return;
    }
    f.accept = args[0]->text;
  } else if (n == "markdown") {
    if (requireType(fa, isText(f), "Text") && noArgs(fa)) f.markdown = true;
  } else if (n == "hardDelete") {
    if (noArgs(fa)) f.hard_delete = true;
  } else if (n == "from") {
    applyFrom(fa);
  } else if (n == "trim" || n == "lower" || n == "upper" || (n == "slug" && !fa.attr.has_parens)) {
    transform(fa, n == "trim"    ? Transform::Trim
                  : n == "lower" ? Transform::Lower
                  : n == "upper" ? Transform::Upper
                                 : Transform::Slug);
  } else if (isValidatorName(n)) {
    applyValidator(fa);
  } else if (const Function* fn = ctx.schema.function(n)) {
    applyFunctionCall(fa, *fn);
  } else if (std::find(modelAttributeNames().begin(), modelAttributeNames().end(), n) !=
             modelAttributeNames().end()) {
    ctx.report(msg::attributeWrongLevel("@" + n, "@@" + n, fa.attr.name_span));
  } else if (fa.attr.has_parens && !fa.attr.args.empty() &&
             (n == "slug" || msg::suggest(n, fieldAttributeNames()).empty())) {
    // Written like a call of a schema function that is not declared.
    std::vector<std::string> functions;
    for (const auto& declared : ctx.schema.functions) functions.push_back(declared.name);
    ctx.report(msg::unknownFunction(n, functions, fa.attr.name_span));
  } else {
    ctx.report(msg::unknownAttribute("@" + n, knownFieldAttributes(ctx.schema), fa.attr.name_span));
  }
}

}  // namespace

void resolveFieldAttributes(Context& ctx) {
  // Fields of a `type` take value attributes (validators, transforms,
  // defaults); they are resolved against an empty stand-in model.
  for (auto& ts : ctx.types) {
    Model shape;
    shape.name = ts.type->name;
    ModelSrc stand_in;
    stand_in.model = &shape;
    for (auto& [fd, f] : ts.fields) {
      for (const auto& a : fd->attrs) {
        FieldAttr fa{ctx, stand_in, *f, a};
        applyAttribute(fa);
      }
    }
  }
  for (auto& ms : ctx.models) {
    // @map first: schema function calls quote the final column names.
    for (auto& [fd, f] : ms.fields) {
      for (const auto& a : fd->attrs) {
        if (a.name == "map" && !a.block) {
          FieldAttr fa{ctx, ms, *f, a};
          applyAttribute(fa);
        }
      }
    }
    for (auto& [fd, f] : ms.fields) {
      std::set<std::string, std::less<>> seen;
      for (const auto& a : fd->attrs) {
        bool repeatable = a.name == "allow";
        if (!repeatable && !seen.insert(a.name).second) {
          ctx.report(msg::duplicateAttribute(attrName(a), a.name_span));
          continue;
        }
        if (a.name == "map" && !a.block) continue;
        FieldAttr fa{ctx, ms, *f, a};
        applyAttribute(fa);
      }
      if (f->computed && f->from) ctx.report(msg::conflictingAttributes("@computed", "@from", f->span));
    }
  }
}

}  // namespace litestone::schema::detail
