#include <algorithm>

#include "schema/messages.hpp"
#include "schema/resolve.hpp"

namespace litestone::schema::detail {

ModelSrc* Context::find(const Model* m) {
  for (auto& ms : models) {
    if (ms.model == m) return &ms;
  }
  return nullptr;
}

std::string attrName(const Attribute& a) { return (a.block ? "@@" : "@") + a.name; }

std::string exprDescription(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Null:
      return "null";
    case ExprKind::Bool:
      return "a boolean";
    case ExprKind::Number:
      return "the number " + e.text;
    case ExprKind::String:
      return "the string \"" + e.text + "\"";
    case ExprKind::Duration:
      return "a duration";
    case ExprKind::Ident:
      return "the name " + e.text;
    case ExprKind::Member:
      return "a member access";
    case ExprKind::Call:
      return "a call to " + e.text + "()";
    case ExprKind::Array:
      return "a list";
    case ExprKind::Unary:
      if (e.text == "-" && !e.args.empty() && e.args[0].kind == ExprKind::Number) {
        return "the number -" + e.args[0].text;
      }
      return "an expression";
    case ExprKind::Binary:
      return "an expression";
  }
  return "an expression";
}

const char* scalarName(ScalarType t) {
  switch (t) {
    case ScalarType::Integer:
      return "Integer";
    case ScalarType::Real:
      return "Real";
    case ScalarType::Text:
      return "Text";
    case ScalarType::Boolean:
      return "Boolean";
    case ScalarType::DateTime:
      return "DateTime";
    case ScalarType::Json:
      return "Json";
    case ScalarType::Blob:
      return "Blob";
    case ScalarType::File:
      return "File";
  }
  return "Text";
}

std::optional<ScalarType> scalarFromName(std::string_view name) {
  static const std::pair<std::string_view, ScalarType> kScalars[] = {
      {"Integer", ScalarType::Integer}, {"Real", ScalarType::Real},         {"Text", ScalarType::Text},
      {"Boolean", ScalarType::Boolean}, {"DateTime", ScalarType::DateTime}, {"Json", ScalarType::Json},
      {"Blob", ScalarType::Blob},       {"File", ScalarType::File},
  };
  for (const auto& [n, t] : kScalars) {
    if (n == name) return t;
  }
  return std::nullopt;
}

std::string typeLabel(const Field& f) { return f.type_name + (f.list ? "[]" : "") + (f.optional ? "?" : ""); }

std::vector<std::string> fieldNames(const Model& m) {
  std::vector<std::string> out;
  for (const auto& f : m.fields) out.push_back(f.name);
  return out;
}

std::vector<std::string> relationFieldNames(const Model& m) {
  std::vector<std::string> out;
  for (const auto& f : m.fields) {
    if (f.kind == FieldKind::Relation) out.push_back(f.name);
  }
  return out;
}

std::vector<std::string> databaseNames(const Schema& s) {
  std::vector<std::string> out;
  for (const auto& d : s.databases) out.push_back(d.name);
  return out;
}

Field* findField(Model& m, std::string_view name) {
  for (auto& f : m.fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::vector<std::string> docsOf(const Trivia& t) {
  std::vector<std::string> out;
  for (const auto& c : t.leading) {
    if (c.doc) out.push_back(c.text);
  }
  return out;
}

const Model* authModel(Context& ctx) {
  for (const auto& ms : ctx.models) {
    for (const Attribute* a : ms.attrs) {
      if (a->block && a->name == "auth") return ms.model;
    }
  }
  return nullptr;
}

bool checkAuthPath(const std::vector<std::string>& path, Span span, Context& ctx) {
  const Model* auth = authModel(ctx);
  if (auth == nullptr || path.empty() || auth->field(path[0]) != nullptr) return true;
  ctx.report(msg::unknownAuthField(path[0], auth->name, fieldNames(*auth), span));
  return false;
}

bool bindArgs(const Attribute& attr, const std::vector<std::string>& params, size_t required,
              std::vector<const Expr*>& out, Context& ctx) {
  out.assign(params.size(), nullptr);
  bool ok = true;
  size_t next_positional = 0;
  std::string name = attrName(attr);
  for (const auto& arg : attr.args) {
    size_t index = params.size();
    if (arg.name.empty()) {
      while (next_positional < params.size() && out[next_positional] != nullptr) ++next_positional;
      index = next_positional;
      if (index >= params.size()) {
        std::string expected =
            params.empty() ? std::string("no arguments")
            : required == params.size()
                ? std::to_string(params.size()) + " argument(s)"
                : std::to_string(required) + " to " + std::to_string(params.size()) + " argument(s)";
        ctx.report(msg::wrongArgumentCount(name, expected, attr.args.size(), arg.value.span));
        return false;
      }
    } else {
      auto it = std::find(params.begin(), params.end(), arg.name);
      if (it == params.end()) {
        ctx.report(msg::unknownArgument(name, arg.name, params, arg.name_span));
        ok = false;
        continue;
      }
      index = static_cast<size_t>(it - params.begin());
      if (out[index] != nullptr) {
        ctx.report(msg::duplicateArgument(name, arg.name, arg.name_span));
        ok = false;
        continue;
      }
    }
    out[index] = &arg.value;
  }
  if (!ok) return false;
  for (size_t i = 0; i < required; ++i) {
    if (out[i] == nullptr) {
      std::string expected = required == params.size() ? std::to_string(required) + " argument(s)"
                                                       : std::to_string(required) + " to " +
                                                             std::to_string(params.size()) + " argument(s)";
      ctx.report(msg::wrongArgumentCount(name, expected, attr.args.size(), attr.span));
      return false;
    }
  }
  return true;
}

bool identList(const Attribute& attr, std::string_view arg, const Expr& e, std::vector<const Expr*>& out,
               Context& ctx) {
  out.clear();
  if (e.kind == ExprKind::Ident) {
    out.push_back(&e);
    return true;
  }
  if (e.kind == ExprKind::Array) {
    for (const auto& item : e.args) {
      if (item.kind != ExprKind::Ident) {
        ctx.report(msg::wrongArgumentType(attrName(attr), arg, "a list of field names", exprDescription(item),
                                          item.span));
        return false;
      }
      out.push_back(&item);
    }
    return true;
  }
  ctx.report(msg::wrongArgumentType(attrName(attr), arg, "a list of field names like [a, b]",
                                    exprDescription(e), e.span));
  return false;
}

}  // namespace litestone::schema::detail
