// Pass: model attributes (@@map, @@db, @@index, @@unique, @@softDelete,
// @@fts, @@gate, @@allow, @@deny, @@log, @@auth, @@noStrict, @@external).

#include <algorithm>
#include <set>

#include "schema/messages.hpp"
#include "schema/resolve_attributes.hpp"

namespace litestone::schema::detail {

const std::vector<std::string>& modelAttributeNames() {
  static const std::vector<std::string> kNames = {"map",        "db",   "id",       "index",    "unique",
                                                  "softDelete", "fts",  "gate",     "allow",    "deny",
                                                  "log",        "auth", "noStrict", "external", "trait"};
  return kNames;
}

namespace {

bool noArgs(const Attribute& a, Context& ctx) {
  if (a.args.empty()) return true;
  ctx.report(msg::wrongArgumentCount(attrName(a), "no arguments", a.args.size(), a.args[0].value.span));
  return false;
}

// Fields named by an attribute's list, each a stored column of the model.
bool columnList(const Attribute& a, const Expr& list, Model& m, std::vector<const Field*>& out,
                Context& ctx) {
  std::vector<const Expr*> names;
  if (!identList(a, "fields", list, names, ctx)) return false;
  if (names.empty()) {
    ctx.report(msg::wrongArgumentType(attrName(a), "", "at least one field", "an empty list", list.span));
    return false;
  }
  for (const Expr* n : names) {
    const Field* f = m.field(n->text);
    if (f == nullptr) {
      ctx.report(msg::unknownField(attrName(a), n->text, m.name, fieldNames(m), n->span));
      return false;
    }
    if (!f->stored()) {
      ctx.report(msg::notIndexable(attrName(a), f->name, n->span));
      return false;
    }
    out.push_back(f);
  }
  return true;
}

void addIndex(const Attribute& a, Model& m, bool unique, Context& ctx) {
  std::vector<const Expr*> args;
  if (!bindArgs(a, {"fields", "name"}, 1, args, ctx)) return;
  Index idx;
  idx.unique = unique;
  if (!columnList(a, *args[0], m, idx.fields, ctx)) return;
  if (args[1] != nullptr && args[1]->kind == ExprKind::String) {
    idx.name = args[1]->text;
  } else {
    idx.name = m.table;
    for (const Field* f : idx.fields) idx.name += "_" + f->column;
    idx.name += unique ? "_key" : "_idx";
  }
  m.indexes.push_back(std::move(idx));
}

void softDelete(const Attribute& a, Model& m, Context& ctx) {
  std::vector<const Expr*> args;
  if (!bindArgs(a, {"cascade"}, 0, args, ctx)) return;
  if (args[0] != nullptr) {
    const Expr& e = *args[0];
    bool positional = !a.args.empty() && a.args[0].name.empty();
    if (positional ? (e.kind == ExprKind::Ident && e.text == "cascade") : e.kind == ExprKind::Bool) {
      m.soft_delete_cascade = positional || e.text == "true";
    } else {
      ctx.report(msg::invalidArgumentValue("@@softDelete", exprDescription(e), "cascade (or cascade: true)",
                                           e.span));
      return;
    }
  }
  const Field* f = m.field("deletedAt");
  if (f == nullptr || f->kind != FieldKind::Scalar || f->scalar != ScalarType::DateTime || !f->optional) {
    ctx.report(msg::softDeleteNeedsDeletedAt(m.name, a.name_span));
    return;
  }
  m.soft_delete = true;
  m.deleted_at = f;
}

void gate(const Attribute& a, Model& m, Context& ctx) {
  std::vector<const Expr*> args;
  if (!bindArgs(a, {"levels"}, 1, args, ctx)) return;
  const Expr& e = *args[0];
  if (e.kind != ExprKind::String && e.kind != ExprKind::Number) {
    ctx.report(msg::invalidGate(exprDescription(e), e.span));
    return;
  }
  const std::string& t = e.text;
  std::array<int, 4> levels{};
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (t.size() == 1 && digit(t[0])) {
    levels.fill(t[0] - '0');
  } else if (t.size() == 7 && digit(t[0]) && digit(t[2]) && digit(t[4]) && digit(t[6]) && t[1] == '.' &&
             t[3] == '.' && t[5] == '.') {
    for (int i = 0; i < 4; ++i) levels[i] = t[i * 2] - '0';
  } else {
    ctx.report(msg::invalidGate(t, e.span));
    return;
  }
  m.gate = levels;
}

void database(const Attribute& a, Model& m, Context& ctx) {
  std::vector<const Expr*> args;
  if (!bindArgs(a, {"name"}, 1, args, ctx)) return;
  const Expr& e = *args[0];
  if (e.kind != ExprKind::Ident && e.kind != ExprKind::String) {
    ctx.report(msg::wrongArgumentType("@@db", "", "a database name", exprDescription(e), e.span));
    return;
  }
  const Database* db = ctx.schema.database(e.text);
  if (db == nullptr) {
    ctx.report(msg::unknownDatabase(e.text, databaseNames(ctx.schema), e.span));
    return;
  }
  m.database = db;
}

void logDb(const Attribute& a, Model& m, Context& ctx) {
  std::vector<const Expr*> args;
  if (!bindArgs(a, {"database"}, 1, args, ctx)) return;
  const Expr& e = *args[0];
  const Database* db =
      e.kind == ExprKind::Ident || e.kind == ExprKind::String ? ctx.schema.database(e.text) : nullptr;
  if (db == nullptr) {
    ctx.report(msg::unknownDatabase(
        e.kind == ExprKind::Ident || e.kind == ExprKind::String ? e.text : exprDescription(e),
        databaseNames(ctx.schema), e.span));
    return;
  }
  if (db->driver != "logger") {
    ctx.report(msg::logTargetNotLogger(db->name, db->driver, e.span));
    return;
  }
  m.log_db = db->name;
}

void applyModelAttribute(const Attribute& a, ModelSrc& ms, Context& ctx) {
  Model& m = *ms.model;
  const std::string& n = a.name;
  if (!a.block) {
    ctx.report(msg::attributeWrongLevel("@" + n, "@@" + n, a.name_span));
    return;
  }
  if (n == "map") {
    std::vector<const Expr*> args;
    if (!bindArgs(a, {"name"}, 1, args, ctx)) return;
    if (args[0]->kind != ExprKind::String || args[0]->text.empty()) {
      ctx.report(msg::wrongArgumentType("@@map", "", "a table name string", exprDescription(*args[0]),
                                        args[0]->span));
      return;
    }
    m.table = args[0]->text;
  } else if (n == "db") {
    database(a, m, ctx);
  } else if (n == "index" || n == "unique") {
    addIndex(a, m, n == "unique", ctx);
  } else if (n == "softDelete") {
    softDelete(a, m, ctx);
  } else if (n == "fts") {
    std::vector<const Expr*> args;
    std::vector<const Field*> fields;
    if (!bindArgs(a, {"fields"}, 1, args, ctx) || !columnList(a, *args[0], m, fields, ctx)) return;
    for (size_t i = 0; i < fields.size(); ++i) {
      const Field* f = fields[i];
      if (!isText(*f)) {
        Span span = args[0]->kind == ExprKind::Array ? args[0]->args[i].span : args[0]->span;
        ctx.report(msg::ftsNonText(f->name, typeLabel(*f), span));
        return;
      }
    }
    m.fts_fields = fields;
  } else if (n == "gate") {
    gate(a, m, ctx);
  } else if (n == "allow" || n == "deny") {
    if (auto p = resolvePolicy(a, m, false, ctx)) m.policies.push_back(std::move(*p));
  } else if (n == "log") {
    logDb(a, m, ctx);
  } else if (n == "auth") {
    if (!noArgs(a, ctx)) return;
    for (const auto& other : ctx.schema.models) {
      if (other.is_auth && &other != &m) {
        ctx.report(msg::multipleAuthModels(m.name, other.name, a.name_span));
        return;
      }
    }
    m.is_auth = true;
  } else if (n == "noStrict") {
    if (noArgs(a, ctx)) m.strict = false;
  } else if (n == "external") {
    if (noArgs(a, ctx)) m.external = true;
  } else if (n == "id" || n == "trait") {
    // resolved with the keys / spliced with the declarations
  } else if (std::find(fieldAttributeNames().begin(), fieldAttributeNames().end(), n) !=
             fieldAttributeNames().end()) {
    ctx.report(msg::attributeWrongLevel("@@" + n, "@" + n, a.name_span));
  } else {
    ctx.report(msg::unknownAttribute("@@" + n, modelAttributeNames(), a.name_span));
  }
}

}  // namespace

void resolveModelAttributes(Context& ctx) {
  for (auto& ms : ctx.models) {
    ms.model->database = &ctx.schema.mainDatabase();
    // @@map first: generated index names use the table name.
    std::vector<const Attribute*> ordered;
    for (const Attribute* a : ms.attrs) {
      if (a->name == "map") ordered.push_back(a);
    }
    for (const Attribute* a : ms.attrs) {
      if (a->name != "map") ordered.push_back(a);
    }
    std::set<std::string, std::less<>> seen;
    static const std::set<std::string, std::less<>> kRepeatable = {"index", "unique", "allow", "deny",
                                                                   "trait"};
    for (const Attribute* a : ordered) {
      if (kRepeatable.count(a->name) == 0 && !seen.insert(a->name).second) {
        ctx.report(msg::duplicateAttribute(attrName(*a), a->name_span));
        continue;
      }
      applyModelAttribute(*a, ms, ctx);
    }
  }
}

}  // namespace litestone::schema::detail
