// JSON Schema 2020-12 for rows and create inputs. One document; every model,
// enum and typed Json `type` is a $defs entry named as in the C++ header
// (PascalCase): Users (a row as the client returns it), UsersCreate (the
// data of create), Role (an enum), Location (a type). Validator attributes
// become keywords, the same rules src/client/write/validate.cpp enforces.

#include <string>

#include "codegen/codegen.hpp"
#include "codegen/fields.hpp"
#include "litestone/error.hpp"

namespace litestone::codegen {

namespace {

using schema::Field;
using schema::FieldKind;

constexpr const char* kUrlPattern = R"(^[A-Za-z][A-Za-z0-9+.\-]*://[^\s/?#]+[^\s]*$)";
constexpr const char* kPhonePattern = R"(^\+?[0-9][0-9 ().\-]{5,22}[0-9]$)";

std::string escapeRegex(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\^$.|?*+()[]{}/").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// Adds keyword: value to s, or to a new allOf entry when s already has it.
void addKeyword(json& s, const std::string& keyword, const json& value) {
  if (!s.contains(keyword)) {
    s[keyword] = value;
    return;
  }
  if (!s.contains("allOf")) s["allOf"] = json::array();
  s["allOf"].push_back({{keyword, value}});
}

void applyValidators(const Field& f, json& s) {
  for (const auto& v : f.validators) {
    const std::string& r = v.rule;
    auto value = [&] { return v.args.contains("value") ? v.args["value"] : json(); };
    if (r == "email") addKeyword(s, "format", "email");
    if (r == "url") addKeyword(s, "pattern", kUrlPattern);
    if (r == "date") addKeyword(s, "format", "date");
    if (r == "datetime") addKeyword(s, "format", "date-time");
    if (r == "phone") addKeyword(s, "pattern", kPhonePattern);
    if (r == "regex" && v.args.contains("pattern")) addKeyword(s, "pattern", v.args["pattern"]);
    if (r == "length") {
      if (v.args.contains("min") && !v.args["min"].is_null()) addKeyword(s, "minLength", v.args["min"]);
      if (v.args.contains("max") && !v.args["max"].is_null()) addKeyword(s, "maxLength", v.args["max"]);
    }
    if (r == "gt") addKeyword(s, "exclusiveMinimum", value());
    if (r == "gte") addKeyword(s, "minimum", value());
    if (r == "lt") addKeyword(s, "exclusiveMaximum", value());
    if (r == "lte") addKeyword(s, "maximum", value());
    if (r == "startsWith") addKeyword(s, "pattern", "^" + escapeRegex(value().get<std::string>()));
    if (r == "endsWith") addKeyword(s, "pattern", escapeRegex(value().get<std::string>()) + "$");
    if (r == "contains") addKeyword(s, "pattern", escapeRegex(value().get<std::string>()));
  }
}

json ref(const std::string& name) { return {{"$ref", "#/$defs/" + pascalCase(name)}}; }

json scalarSchema(const std::string& type_name) {
  if (type_name == "Integer") return {{"type", "integer"}};
  if (type_name == "Real") return {{"type", "number"}};
  if (type_name == "Boolean") return {{"type", "boolean"}};
  if (type_name == "Text" || type_name == "DateTime") return {{"type", "string"}};
  if (type_name == "Blob")
    return {{"type", "object"},
            {"properties", {{"$blob", {{"type", "string"}, {"contentEncoding", "base64"}}}}},
            {"required", {"$blob"}},
            {"additionalProperties", false}};
  return json::object();  // Json, File: any JSON value
}

json valueSchema(const Field& f) {
  json base;
  if (f.kind == FieldKind::Enum) {
    base = ref(f.enum_type->name);
  } else if (f.kind == FieldKind::TypedJson) {
    base = ref(f.json_type->name);
  } else {
    base = scalarSchema(f.type_name);
  }
  json item = base;
  if (!f.list) applyValidators(f, item);
  json s = f.list ? json{{"type", "array"}, {"items", base}} : item;
  if (f.optional) s = {{"anyOf", {s, {{"type", "null"}}}}};
  if (!f.docs.empty()) {
    std::string d;
    for (const auto& line : f.docs) d += (d.empty() ? "" : "\n") + line;
    s["description"] = d;
  }
  return s;
}

json rowSchema(const schema::Model& m, const std::vector<const schema::Model*>& kept) {
  json props = json::object();
  json required = json::array();
  for (const auto& f : m.fields) {
    if (f.kind == FieldKind::Relation) {
      // A relation to a model left out (--model) is any object.
      json target = keepRelation(f, kept) ? ref(f.relation->to->name) : json{{"type", "object"}};
      props[f.name] = isToMany(*f.relation) ? json{{"type", "array"}, {"items", target}}
                                            : json{{"anyOf", {target, {{"type", "null"}}}}};
      continue;
    }
    json s = valueSchema(f);
    if (isDerived(f) && !f.optional) s = {{"anyOf", {s, {{"type", "null"}}}}};
    if (isDerived(f)) s["readOnly"] = true;
    props[f.name] = s;
    if (!isDerived(f) && !mayBeAbsent(f) && !f.optional) required.push_back(f.name);
  }
  return {{"title", m.name},
          {"type", "object"},
          {"properties", props},
          {"required", required},
          {"additionalProperties", false}};
}

json createSchema(const schema::Model& m) {
  json props = json::object();
  json required = json::array();
  for (const auto& f : m.fields) {
    if (f.kind == FieldKind::Relation) {
      props[f.name] = {{"type", "object"}, {"description", "nested write"}};
      continue;
    }
    if (!isWritable(f)) continue;
    props[f.name] = valueSchema(f);
    if (!createMayOmit(f)) required.push_back(f.name);
  }
  return {{"title", m.name + " create input"},
          {"type", "object"},
          {"properties", props},
          {"required", required},
          {"additionalProperties", false}};
}

json typeSchema(const schema::TypeDecl& t) {
  json props = json::object();
  json required = json::array();
  for (const auto& f : t.fields) {
    props[f.name] = valueSchema(f);
    if (!f.optional) required.push_back(f.name);
  }
  return {{"title", t.name}, {"type", "object"}, {"properties", props}, {"required", required}};
}

}  // namespace

json generateJsonSchema(const schema::Schema& s, const std::string& model) {
  std::vector<std::string> only;
  if (!model.empty()) only.push_back(model);
  auto models = selectModels(s, only);
  json defs = json::object();
  for (const auto& e : s.enums)
    defs[pascalCase(e.name)] = {{"title", e.name}, {"type", "string"}, {"enum", e.values}};
  for (const auto& t : s.types) defs[pascalCase(t.name)] = typeSchema(t);
  for (const auto* m : models) {
    defs[pascalCase(m->name)] = rowSchema(*m, models);
    defs[pascalCase(m->name) + "Create"] = createSchema(*m);
  }
  json out = {{"$schema", "https://json-schema.org/draft/2020-12/schema"}};
  if (models.size() == 1) out["$ref"] = "#/$defs/" + pascalCase(models.front()->name);
  out["$defs"] = defs;
  return out;
}

}  // namespace litestone::codegen
