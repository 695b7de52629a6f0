// The write pipeline, one line per step. Order matters:
//   1. unknown / read-only fields are argument errors, reported before any work;
//   2. transforms normalise what the caller sent (@trim before @email);
//   3. defaults fill what is absent (a @default(field) copy sees the
//      transformed sibling);
//   4. stamps (@updatedAt, @updatedBy) are system values, set before the
//      checks so that required stamped fields count as present;
//   5. validators see the final values and report every failing field at once;
//   6. encryption seals @encrypted values last, so that every step before it
//      (and every error message) works on the plaintext the caller sent, and
//      nothing after it (SQL, onQuery params) ever sees that plaintext.

#include "client/write/pipeline.hpp"

#include <string>

#include "litestone/error.hpp"

namespace litestone::detail::write {

namespace {

constexpr RowStep kSteps[] = {
    rejectUnknownFields, applyTransforms, applyDefaults, stampRow, validateRow, encryptFields,
};

std::string fieldList(const schema::Model& model) {
  std::string out;
  for (const auto& f : model.fields) {
    if (!isWritable(f) && f.kind != schema::FieldKind::Relation) continue;
    if (!out.empty()) out += ", ";
    out += f.name;
  }
  return out;
}

json fieldNames(const schema::Model& model) {
  json names = json::array();
  for (const auto& f : model.fields)
    if (isWritable(f) || f.kind == schema::FieldKind::Relation) names.push_back(f.name);
  return names;
}

}  // namespace

bool isWritable(const schema::Field& field) { return field.stored() && !field.generated_sql; }

bool mayOmitOnCreate(const schema::Field& field) {
  if (field.optional) return true;
  if (field.default_value.kind != schema::DefaultValue::Kind::None) return true;
  if (field.updated_at || field.sequence || field.generated_sql) return true;
  if (field.id && field.scalar == schema::ScalarType::Integer && field.model &&
      field.model->primary_key.size() == 1)
    return true;
  return false;
}

void rejectUnknownFields(const RowContext& ctx, json& data, FieldErrors&) {
  if (!data.is_object())
    throw QueryError(
        "QUERY_INVALID_ARGUMENT",
        "data for model " + ctx.model.name + " must be an object, got " + std::string(data.type_name()),
        {{"model", ctx.model.name}});
  for (const auto& [key, value] : data.items()) {
    const schema::Field* f = ctx.model.field(key);
    if (!f)
      throw QueryError("QUERY_UNKNOWN_FIELD",
                       "unknown field \"" + key + "\" in data for model " + ctx.model.name +
                           "; fields: " + fieldList(ctx.model),
                       {{"model", ctx.model.name}, {"field", key}, {"fields", fieldNames(ctx.model)}});
    if (!isWritable(*f))
      throw QueryError(
          "QUERY_READ_ONLY_FIELD",
          "field \"" + key + "\" of model " + ctx.model.name + " is derived and cannot be written",
          {{"model", ctx.model.name}, {"field", key}});
  }
}

void prepareRow(const RowContext& ctx, json& data) {
  FieldErrors errors;
  for (RowStep step : kSteps) step(ctx, data, errors);
  if (errors.empty()) return;
  json list = json::array();
  std::string message = "validation failed on " + ctx.model.name + ":";
  for (size_t i = 0; i < errors.size(); ++i) {
    const auto& e = errors[i];
    list.push_back({{"field", e.field}, {"rule", e.rule}, {"message", e.message}});
    message += (i ? "; " : " ") + e.field + " " + e.message;
  }
  throw ValidationError("VALIDATION_FAILED", message, {{"model", ctx.model.name}, {"errors", list}});
}

}  // namespace litestone::detail::write
