#include "query/args/errors.hpp"

namespace litestone::query::errors {

namespace {

std::string joinNames(const std::vector<std::string>& names) {
  std::string out;
  for (auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out.empty() ? "(none)" : out;
}

std::string typeName(const json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_array()) return "an array";
  return "an object";
}

}  // namespace

QueryError unknownField(const schema::Model& model, std::string_view field, const ArgPath& path,
                        const std::vector<std::string>& allowed) {
  return QueryError(
      "QUERY_UNKNOWN_FIELD",
      "unknown field \"" + std::string(field) + "\" on model \"" + model.name + "\" at " + pathText(path) +
          "; available: " + joinNames(allowed),
      {{"model", model.name}, {"field", field}, {"path", pathText(path)}, {"allowed", allowed}});
}

QueryError encryptedField(const schema::Model& model, std::string_view field, const ArgPath& path,
                          std::string_view use) {
  return QueryError("QUERY_ENCRYPTED_FIELD",
                    "field \"" + std::string(field) + "\" of model \"" + model.name +
                        "\" is @encrypted and cannot be " + std::string(use) + " (at " + pathText(path) +
                        "): its column holds ciphertext with a random nonce, so SQL cannot compare it; "
                        "read the rows and compare in code",
                    {{"model", model.name}, {"field", field}, {"path", pathText(path)}, {"use", use}});
}

QueryError unknownJsonField(const schema::TypeDecl& type, std::string_view field, const ArgPath& path) {
  std::vector<std::string> allowed;
  for (auto& f : type.fields) allowed.push_back(f.name);
  return QueryError("QUERY_UNKNOWN_FIELD",
                    "unknown field \"" + std::string(field) + "\" in type \"" + type.name + "\" at " +
                        pathText(path) + "; available: " + joinNames(allowed),
                    {{"type", type.name}, {"field", field}, {"path", pathText(path)}, {"allowed", allowed}});
}

QueryError unknownOperator(const schema::Model& model, std::string_view field, std::string_view op,
                           const ArgPath& path, const std::vector<std::string>& allowed) {
  return QueryError("QUERY_UNKNOWN_OPERATOR",
                    "unknown operator \"" + std::string(op) + "\" for field \"" + model.name + "." +
                        std::string(field) + "\" at " + pathText(path) + "; allowed: " + joinNames(allowed),
                    {{"model", model.name},
                     {"field", field},
                     {"operator", op},
                     {"path", pathText(path)},
                     {"allowed", allowed}});
}

QueryError unknownRelation(const schema::Model& model, std::string_view name, const ArgPath& path,
                           const std::vector<std::string>& allowed) {
  return QueryError(
      "QUERY_UNKNOWN_RELATION",
      "unknown relation \"" + std::string(name) + "\" on model \"" + model.name + "\" at " + pathText(path) +
          "; relations: " + joinNames(allowed),
      {{"model", model.name}, {"relation", name}, {"path", pathText(path)}, {"allowed", allowed}});
}

QueryError unknownArgument(std::string_view action, std::string_view name, const ArgPath& path,
                           const std::vector<std::string>& allowed) {
  return QueryError("QUERY_UNKNOWN_ARGUMENT",
                    "unknown argument \"" + std::string(name) + "\" of " + std::string(action) + " at " +
                        pathText(path) + "; allowed: " + joinNames(allowed),
                    {{"action", action}, {"argument", name}, {"path", pathText(path)}, {"allowed", allowed}});
}

QueryError invalidArgument(const ArgPath& path, std::string_view expected, const json& got) {
  return QueryError(
      "QUERY_INVALID_ARGUMENT",
      "invalid value at " + pathText(path) + ": expected " + std::string(expected) + ", got " + typeName(got),
      {{"path", pathText(path)}, {"expected", expected}, {"got", typeName(got)}});
}

QueryError wrongFilterType(const schema::Model& model, std::string_view field, std::string_view op,
                           std::string_view expected, const json& got, const ArgPath& path) {
  return QueryError("QUERY_INVALID_ARGUMENT",
                    "filter \"" + std::string(op) + "\" on \"" + model.name + "." + std::string(field) +
                        "\" at " + pathText(path) + " expects " + std::string(expected) + ", got " +
                        typeName(got),
                    {{"model", model.name},
                     {"field", field},
                     {"operator", op},
                     {"expected", expected},
                     {"got", typeName(got)},
                     {"path", pathText(path)},
                     {"reason", "wrongType"}});
}

QueryError unknownCompoundKey(const schema::Model& model, std::string_view name, const ArgPath& path,
                              const std::vector<std::string>& allowed) {
  return QueryError("QUERY_UNKNOWN_FIELD",
                    "unknown compound unique key \"" + std::string(name) + "\" at " + pathText(path) +
                        " on \"" + model.name + "\"; compound keys: " + joinNames(allowed),
                    {{"model", model.name},
                     {"field", name},
                     {"path", pathText(path)},
                     {"reason", "unknownCompoundKey"},
                     {"allowed", allowed}});
}

QueryError notUnique(const schema::Model& model, const std::vector<std::string>& unique_keys) {
  return QueryError(
      "QUERY_INVALID_ARGUMENT",
      "findUnique on \"" + model.name +
          "\" needs a where that sets every field of one unique key by equality; unique keys: " +
          joinNames(unique_keys),
      {{"model", model.name}, {"path", "where"}, {"reason", "notUnique"}, {"allowed", unique_keys}});
}

std::vector<std::string> storedFieldNames(const schema::Model& model) {
  std::vector<std::string> names;
  for (auto& f : model.fields) {
    if (f.stored()) names.push_back(f.name);
  }
  return names;
}

std::vector<std::string> filterableNames(const schema::Model& model) {
  std::vector<std::string> names;
  for (auto& f : model.fields) {
    if (f.stored() || f.kind == schema::FieldKind::Relation) names.push_back(f.name);
  }
  for (const char* k : {"AND", "OR", "NOT", "$raw"}) names.emplace_back(k);
  return names;
}

std::vector<std::string> relationNames(const schema::Model& model) {
  std::vector<std::string> names;
  for (auto& f : model.fields) {
    if (f.kind == schema::FieldKind::Relation) names.push_back(f.name);
  }
  return names;
}

}  // namespace litestone::query::errors
