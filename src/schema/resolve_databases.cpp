// Database blocks (path, driver, retention) and schema functions.

#include <cstdlib>
#include <filesystem>

#include "schema/messages.hpp"
#include "schema/resolve.hpp"

namespace litestone::schema::detail {

namespace {

// env("VAR", "default") or a string. Returns false when reported.
bool pathValue(const Setting& s, std::string& out, Context& ctx) {
  const Expr& v = s.value;
  if (v.kind == ExprKind::String) {
    out = v.text;
    return true;
  }
  if (v.kind == ExprKind::Call && v.text == "env" && !v.args.empty() && v.args.size() <= 2 &&
      v.args[0].kind == ExprKind::String && (v.args.size() == 1 || v.args[1].kind == ExprKind::String)) {
    const char* env = std::getenv(v.args[0].text.c_str());
    if (env != nullptr && *env != '\0') {
      out = env;
    } else {
      out = v.args.size() == 2 ? v.args[1].text : std::string();
    }
    return true;
  }
  ctx.report(msg::invalidDatabaseSetting("path", "a string or env(\"VAR\", \"default\")", v.span));
  return false;
}

bool isRelativeFilePath(const std::string& p) {
  if (p.empty() || p == ":memory:" || p.rfind("file:", 0) == 0) return false;
  return std::filesystem::path(p).is_relative();
}

void buildDatabase(const Decl& decl, Database& db, Context& ctx) {
  db.name = decl.name;
  db.span = decl.span;
  db.driver = "sqlite";
  for (const auto& s : decl.settings) {
    if (s.key == "path") {
      std::string path;
      if (!pathValue(s, path, ctx)) continue;
      const std::string& dir = decl.span.file < ctx.dirs.size() ? ctx.dirs[decl.span.file] : std::string();
      if (isRelativeFilePath(path) && !dir.empty()) {
        bool trailing_slash = path.back() == '/';
        path = (std::filesystem::path(dir) / path).lexically_normal().string();
        if (trailing_slash && path.back() != '/') path += '/';
      }
      db.path = path;
    } else if (s.key == "driver") {
      if (s.value.kind != ExprKind::Ident && s.value.kind != ExprKind::String) {
        ctx.report(msg::invalidDatabaseSetting("driver", "one of sqlite, jsonl, logger", s.value.span));
        continue;
      }
      if (s.value.text != "sqlite" && s.value.text != "jsonl" && s.value.text != "logger") {
        ctx.report(msg::unknownDriver(s.value.text, s.value.span));
        continue;
      }
      db.driver = s.value.text;
    } else if (s.key == "retention") {
      const std::string& t = s.value.text;
      bool ok = (s.value.kind == ExprKind::Duration || s.value.kind == ExprKind::String) && t.size() >= 2 &&
                (t.back() == 'd' || t.back() == 'w') && t.find_first_not_of("0123456789") == t.size() - 1;
      if (!ok) {
        ctx.report(msg::invalidDatabaseSetting("retention", "a number of days like 30d (or weeks like 4w)",
                                               s.value.span));
        continue;
      }
      int n = std::atoi(t.substr(0, t.size() - 1).c_str());
      db.retention_days = t.back() == 'w' ? n * 7 : n;
    } else {
      ctx.report(msg::unknownDatabaseSetting(s.key, s.key_span));
    }
  }
}

}  // namespace

void resolveDatabases(Context& ctx) {
  const Decl* main_decl = nullptr;
  for (const Decl* d : ctx.database_decls) {
    if (d->name == "main") main_decl = d;
  }
  Database& main = ctx.schema.databases.emplace_back();
  if (main_decl != nullptr) {
    buildDatabase(*main_decl, main, ctx);
  } else {
    main.name = "main";
    main.driver = "sqlite";
  }
  for (const Decl* d : ctx.database_decls) {
    if (d != main_decl) buildDatabase(*d, ctx.schema.databases.emplace_back(), ctx);
  }
}

void resolveFunctions(Context& ctx) {
  for (const Decl* d : ctx.function_decls) {
    Function& fn = ctx.schema.functions.emplace_back();
    fn.name = d->name;
    fn.span = d->span;
    fn.return_type = d->return_type.name;
    std::vector<std::string> params;
    for (const auto& p : d->params) {
      fn.params.emplace_back(p.name, p.type.name);
      params.push_back(p.name);
      if (!scalarFromName(p.type.name) && ctx.schema.enumType(p.type.name) == nullptr) {
        ctx.report(msg::unknownType(p.type.name, {"Integer", "Real", "Text", "Boolean", "DateTime", "Json"},
                                    p.type.span));
      }
    }
    if (!d->return_type.name.empty() && !scalarFromName(d->return_type.name)) {
      ctx.report(msg::unknownType(d->return_type.name,
                                  {"Integer", "Real", "Text", "Boolean", "DateTime", "Json"},
                                  d->return_type.span));
    }
    const Attribute* expr = nullptr;
    for (const auto& a : d->attrs) {
      if (a.name == "expr") expr = &a;
    }
    if (expr == nullptr || expr->args.size() != 1 || expr->args[0].value.kind != ExprKind::String) {
      ctx.report(msg::functionMissingExpr(d->name, expr != nullptr ? expr->span : d->name_span));
      continue;
    }
    fn.expr = expr->args[0].value.text;
    // Every {placeholder} must name a parameter.
    size_t pos = 0;
    while ((pos = fn.expr.find('{', pos)) != std::string::npos) {
      size_t close = fn.expr.find('}', pos);
      if (close == std::string::npos) break;
      std::string name = fn.expr.substr(pos + 1, close - pos - 1);
      if (std::find(params.begin(), params.end(), name) == params.end()) {
        ctx.report(msg::unknownPlaceholder(d->name, name, params, expr->args[0].value.span));
      }
      pos = close + 1;
    }
  }
}

}  // namespace litestone::schema::detail
