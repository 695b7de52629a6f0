#pragma once

// Quoting for SQL text built from schema names and schema literals. Every
// identifier that reaches SQL goes through quoteIdent; every string literal
// that comes from the schema (enum values, defaults) through quoteLiteral.
// User values are never quoted: they are bound as parameters.

#include <string>
#include <string_view>

namespace litestone::ddl {

// "name" with embedded double quotes doubled: a"b → "a""b".
inline std::string quoteIdent(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 2);
  out += '"';
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

// 'text' with embedded single quotes doubled: it's → 'it''s'.
inline std::string quoteLiteral(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '\'';
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

}  // namespace litestone::ddl
