// Column definitions: type, nullability, default, CHECK and generated clause
// of one stored field.

#include <cmath>
#include <sstream>

#include "common/quote.hpp"
#include "ddl/ddl.hpp"

namespace litestone::ddl {

namespace {

using schema::DefaultValue;
using schema::Field;
using schema::FieldKind;
using schema::ScalarType;

// Lists, typed JSON, Json and File columns all hold JSON text.
bool holdsJson(const Field& f) {
  if (f.list) return true;
  if (f.kind == FieldKind::TypedJson) return true;
  return f.kind == FieldKind::Scalar && (f.scalar == ScalarType::Json || f.scalar == ScalarType::File);
}

// A schema literal as SQL text for a column of the field's type.
std::string literalSql(const Field& f, const json& v) {
  if (v.is_null()) return "NULL";
  if (v.is_boolean()) return v.get<bool>() ? "1" : "0";
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (!std::isfinite(d)) return "NULL";
    std::ostringstream os;
    os.precision(17);
    os << d;
    std::string s = os.str();
    // Keep a REAL default visibly REAL in the DDL (and in PRAGMA table_info).
    if (s.find_first_of(".eE") == std::string::npos && f.scalar == ScalarType::Real) s += ".0";
    return s;
  }
  if (v.is_string()) return quoteLiteral(v.get<std::string>());
  // Arrays and objects (Json defaults) are stored as their JSON text.
  return quoteLiteral(v.dump());
}

}  // namespace

std::string columnType(const Field& f) {
  if (holdsJson(f) || f.kind == FieldKind::Enum) return "TEXT";
  switch (f.scalar) {
    case ScalarType::Integer:
    case ScalarType::Boolean:
      return "INTEGER";
    case ScalarType::Real:
      return "REAL";
    case ScalarType::Blob:
      return "BLOB";
    case ScalarType::Text:
    case ScalarType::DateTime:
    case ScalarType::Json:
    case ScalarType::File:
      return "TEXT";
  }
  return "TEXT";
}

std::string defaultExpression(const Field& f) {
  const DefaultValue& d = f.default_value;
  switch (d.kind) {
    case DefaultValue::Kind::Literal:
      return literalSql(f, d.literal);
    case DefaultValue::Kind::Now:
      // ISO-8601 UTC with milliseconds, the same text the write pipeline stamps.
      return "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))";
    default:
      // uuid/ulid/nanoid/auth()/field copies are computed by the write pipeline.
      return "";
  }
}

std::string checkExpression(const Field& f) {
  std::string col = quoteIdent(f.column);
  // json_valid(NULL) is 0 on SQLite 3.40, so optional columns allow NULL explicitly.
  if (holdsJson(f))
    return f.optional ? col + " IS NULL OR json_valid(" + col + ")" : "json_valid(" + col + ")";
  if (f.kind == FieldKind::Enum && f.enum_type != nullptr) {
    std::string in;
    for (const auto& v : f.enum_type->values) {
      if (!in.empty()) in += ", ";
      in += quoteLiteral(v);
    }
    return col + " IN (" + in + ")";
  }
  if (f.kind == FieldKind::Scalar && f.scalar == ScalarType::Boolean) return col + " IN (0, 1)";
  return "";
}

std::string columnDefinition(const Field& f, bool inline_unique) {
  std::string sql = quoteIdent(f.column) + " " + columnType(f);
  const schema::Model* m = f.model;
  bool sole_pk = m != nullptr && f.id && m->primary_key.size() == 1 && m->primary_key.front() == &f;
  if (sole_pk) {
    // A lone INTEGER PRIMARY KEY is the rowid alias: no AUTOINCREMENT, so ids
    // may be reused after the highest one is deleted, as SQLite does by default.
    sql += " PRIMARY KEY";
  }
  if (!f.optional) sql += " NOT NULL";
  if (f.unique && inline_unique && !sole_pk) sql += " UNIQUE";
  if (f.generated_sql) {
    sql += " GENERATED ALWAYS AS (" + *f.generated_sql + ")";
    sql += f.generated_stored ? " STORED" : " VIRTUAL";
  } else if (std::string d = defaultExpression(f); !d.empty()) {
    sql += " DEFAULT " + d;
  }
  if (std::string c = checkExpression(f); !c.empty()) sql += " CHECK (" + c + ")";
  return sql;
}

}  // namespace litestone::ddl
