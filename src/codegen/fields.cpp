#include "codegen/fields.hpp"

#include <algorithm>
#include <string_view>

#include "litestone/error.hpp"

namespace litestone::codegen {

bool isDerived(const schema::Field& f) { return f.computed || f.from.has_value(); }

bool mayBeAbsent(const schema::Field& f) {
  return f.omit != schema::Visibility::Visible || f.guarded != schema::Visibility::Visible || f.encrypted ||
         f.secret;
}

bool isWritable(const schema::Field& f) { return f.stored() && !f.generated_sql.has_value(); }

bool createMayOmit(const schema::Field& f) {
  bool int_id = f.id && f.kind == schema::FieldKind::Scalar && f.scalar == schema::ScalarType::Integer;
  return f.optional || f.default_value.kind != schema::DefaultValue::Kind::None || f.updated_at ||
         f.updated_by.has_value() || f.sequence || int_id;
}

bool isFilterable(const schema::Field& f) {
  if (!f.stored() || f.list) return false;
  if (f.kind == schema::FieldKind::Enum) return true;
  if (f.kind != schema::FieldKind::Scalar) return false;
  return f.scalar != schema::ScalarType::Json && f.scalar != schema::ScalarType::Blob &&
         f.scalar != schema::ScalarType::File;
}

bool isToMany(const schema::Relation& r) {
  return r.kind == schema::RelationKind::HasMany || r.kind == schema::RelationKind::ManyToMany;
}

std::vector<const schema::Model*> selectModels(const schema::Schema& s,
                                               const std::vector<std::string>& only) {
  std::vector<std::string> all;
  for (const auto& m : s.models) all.push_back(m.name);
  for (const auto& name : only) {
    if (std::find(all.begin(), all.end(), name) == all.end()) {
      std::string list;
      for (const auto& a : all) list += (list.empty() ? "" : ", ") + a;
      throw QueryError("CODEGEN_UNKNOWN_MODEL", "unknown model \"" + name + "\" (models: " + list + ")",
                       {{"model", name}, {"allowed", all}});
    }
  }
  std::vector<const schema::Model*> kept;
  for (const auto& m : s.models) {
    if (only.empty() || std::find(only.begin(), only.end(), m.name) != only.end()) kept.push_back(&m);
  }
  return kept;
}

bool keepRelation(const schema::Field& f, const std::vector<const schema::Model*>& kept) {
  return f.kind == schema::FieldKind::Relation && f.relation != nullptr &&
         std::find(kept.begin(), kept.end(), f.relation->to) != kept.end();
}

std::string pascalCase(const std::string& name) {
  std::string out;
  bool up = true;
  for (char c : name) {
    if (c == '_') {
      up = true;
      continue;
    }
    out += up && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    up = false;
  }
  return out.empty() ? name : out;
}

std::string cppIdentifier(const std::string& name) {
  static constexpr std::string_view kKeywords[] = {
      "alignas",     "alignof",   "and",        "and_eq",    "asm",       "auto",         "bitand",
      "bitor",       "bool",      "break",      "case",      "catch",     "char",         "char8_t",
      "char16_t",    "char32_t",  "class",      "compl",     "concept",   "const",        "consteval",
      "constexpr",   "constinit", "const_cast", "continue",  "co_await",  "co_return",    "co_yield",
      "decltype",    "default",   "delete",     "do",        "double",    "dynamic_cast", "else",
      "enum",        "explicit",  "export",     "extern",    "false",     "float",        "for",
      "friend",      "goto",      "if",         "inline",    "int",       "long",         "mutable",
      "namespace",   "new",       "noexcept",   "not",       "not_eq",    "nullptr",      "operator",
      "or",          "or_eq",     "private",    "protected", "public",    "register",     "reinterpret_cast",
      "requires",    "return",    "short",      "signed",    "sizeof",    "static",       "static_assert",
      "static_cast", "struct",    "switch",     "template",  "this",      "thread_local", "throw",
      "true",        "try",       "typedef",    "typeid",    "typename",  "union",        "unsigned",
      "using",       "virtual",   "void",       "volatile",  "wchar_t",   "while",        "xor",
      "xor_eq",      "int64_t",   "json",       "std",       "litestone", "final",        "override"};
  for (auto k : kKeywords) {
    if (name == k) return name + "_";
  }
  return name;
}

}  // namespace litestone::codegen
