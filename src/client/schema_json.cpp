// Client::schema(): the resolved catalog as JSON.

#include "client/schema_json.hpp"

namespace litestone::detail {

namespace {

using schema::Field;
using schema::FieldKind;

const char* kindName(FieldKind k) {
  switch (k) {
    case FieldKind::Scalar:
      return "scalar";
    case FieldKind::Enum:
      return "enum";
    case FieldKind::TypedJson:
      return "json";
    case FieldKind::Relation:
      return "relation";
  }
  return "scalar";
}

const char* relationKindName(schema::RelationKind k) {
  switch (k) {
    case schema::RelationKind::BelongsTo:
      return "belongsTo";
    case schema::RelationKind::HasMany:
      return "hasMany";
    case schema::RelationKind::HasOne:
      return "hasOne";
    case schema::RelationKind::ManyToMany:
      return "manyToMany";
  }
  return "belongsTo";
}

const char* visibilityName(schema::Visibility v) {
  switch (v) {
    case schema::Visibility::Visible:
      return "none";
    case schema::Visibility::Default:
      return "default";
    case schema::Visibility::All:
      return "all";
  }
  return "none";
}

json defaultJson(const schema::DefaultValue& d) {
  using K = schema::DefaultValue::Kind;
  switch (d.kind) {
    case K::None:
      return nullptr;
    case K::Literal:
      return {{"kind", "literal"}, {"value", d.literal}};
    case K::Now:
      return {{"kind", "now"}};
    case K::Uuid:
      return {{"kind", "uuid"}};
    case K::Ulid:
      return {{"kind", "ulid"}};
    case K::Nanoid:
      return {{"kind", "nanoid"}};
    case K::AuthField:
      return {{"kind", "auth"}, {"ref", d.ref}};
    case K::FieldRef:
      return {{"kind", "field"}, {"ref", d.ref}};
  }
  return nullptr;
}

json names(const std::vector<const Field*>& fields) {
  json out = json::array();
  for (const auto* f : fields) out.push_back(f->name);
  return out;
}

json fieldJson(const Field& f) {
  json j = {{"column", f.column.empty() ? json(nullptr) : json(f.column)},
            {"type", f.type_name},
            {"kind", kindName(f.kind)},
            {"optional", f.optional},
            {"list", f.list},
            {"id", f.id},
            {"unique", f.unique},
            {"stored", f.stored()},
            {"default", defaultJson(f.default_value)}};
  if (f.kind == FieldKind::Enum && f.enum_type) j["values"] = f.enum_type->values;
  if (f.generated_sql) j["generated"] = {{"sql", *f.generated_sql}, {"stored", f.generated_stored}};
  if (f.computed) j["computed"] = true;
  if (f.from) {
    j["from"] = {{"relation", f.from->relation ? json(f.from->relation->field->name) : json(nullptr)},
                 {"aggregate", f.from->aggregate}};
  }
  if (f.updated_at) j["updatedAt"] = true;
  if (f.updated_by) j["updatedBy"] = *f.updated_by;
  if (f.sequence)
    j["sequence"] = {{"scope", f.sequence_scope ? json(f.sequence_scope->name) : json(nullptr)}};
  if (f.omit != schema::Visibility::Visible) j["omit"] = visibilityName(f.omit);
  if (f.guarded != schema::Visibility::Visible) j["guarded"] = visibilityName(f.guarded);
  if (f.encrypted) j["encrypted"] = {{"searchable", f.searchable}};
  if (f.secret) j["secret"] = true;
  if (f.markdown) j["markdown"] = true;
  if (f.hard_delete) j["hardDelete"] = true;
  if (f.relation != nullptr) {
    const auto& r = *f.relation;
    j["relation"] = {{"kind", relationKindName(r.kind)},
                     {"model", r.to ? json(r.to->name) : json(nullptr)},
                     {"fields", names(r.local_fields)},
                     {"references", names(r.foreign_fields)}};
    if (!r.on_delete.empty()) j["relation"]["onDelete"] = r.on_delete;
    if (!r.on_update.empty()) j["relation"]["onUpdate"] = r.on_update;
    if (!r.join_table.empty()) j["relation"]["joinTable"] = r.join_table;
  }
  return j;
}

}  // namespace

json schemaToJson(const schema::Schema& s) {
  json models = json::object();
  for (const auto& m : s.models) {
    json fields = json::object();
    for (const auto& f : m.fields) fields[f.name] = fieldJson(f);
    json indexes = json::array();
    for (const auto& idx : m.indexes)
      indexes.push_back({{"name", idx.name}, {"fields", names(idx.fields)}, {"unique", idx.unique}});
    models[m.name] = {{"table", m.table},
                      {"database", m.database ? m.database->name : s.mainDatabase().name},
                      {"strict", m.strict},
                      {"external", m.external},
                      {"auth", m.is_auth},
                      {"softDelete", m.soft_delete},
                      {"softDeleteCascade", m.soft_delete_cascade},
                      {"fts", names(m.fts_fields)},
                      {"primaryKey", names(m.primary_key)},
                      {"fields", fields},
                      {"indexes", indexes}};
  }
  json enums = json::object();
  for (const auto& e : s.enums) enums[e.name] = e.values;
  json types = json::object();
  for (const auto& t : s.types) {
    json fields = json::object();
    for (const auto& f : t.fields) fields[f.name] = fieldJson(f);
    types[t.name] = {{"fields", fields}};
  }
  json databases = json::object();
  for (const auto& d : s.databases)
    databases[d.name] = {{"driver", d.driver.empty() ? "sqlite" : d.driver}, {"path", d.path}};
  return {{"models", models}, {"enums", enums}, {"types", types}, {"databases", databases}};
}

}  // namespace litestone::detail
