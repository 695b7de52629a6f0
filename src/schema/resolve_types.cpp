// Pass 2: field types. Each field's written type becomes a kind: a scalar,
// an enum, a typed Json `type`, or a relation to a model.

#include "schema/messages.hpp"
#include "schema/resolve.hpp"

namespace litestone::schema::detail {

namespace {

std::vector<std::string> typesInScope(const Context& ctx, bool with_models) {
  std::vector<std::string> out = {"Integer", "Real", "Text", "Boolean", "DateTime", "Json", "Blob", "File"};
  for (const auto& e : ctx.schema.enums) out.push_back(e.name);
  for (const auto& t : ctx.schema.types) out.push_back(t.name);
  if (with_models) {
    for (const auto& m : ctx.schema.models) out.push_back(m.name);
  }
  return out;
}

// Returns false when the type is unknown (already reported).
bool resolveType(const FieldDecl& fd, Field& f, bool in_type, std::string_view owner, Context& ctx) {
  if (fd.type.optional && fd.type.list) ctx.report(msg::optionalList(fd.name, fd.type.span));
  if (auto scalar = scalarFromName(fd.type.name)) {
    f.kind = FieldKind::Scalar;
    f.scalar = f.list ? ScalarType::Json : *scalar;
    return true;
  }
  if (const Enum* e = ctx.schema.enumType(fd.type.name)) {
    f.kind = FieldKind::Enum;
    f.enum_type = e;
    f.scalar = f.list ? ScalarType::Json : ScalarType::Text;
    return true;
  }
  if (const TypeDecl* t = ctx.schema.type(fd.type.name)) {
    f.kind = FieldKind::TypedJson;
    f.json_type = t;
    f.scalar = ScalarType::Json;
    return true;
  }
  if (ctx.schema.model(fd.type.name) != nullptr) {
    if (in_type) {
      ctx.report(msg::relationInType(owner, fd.name, fd.type.name, fd.type.span));
      return false;
    }
    f.kind = FieldKind::Relation;
    f.column.clear();
    return true;
  }
  ctx.report(msg::unknownType(fd.type.name, typesInScope(ctx, !in_type), fd.type.span));
  return false;
}

}  // namespace

void resolveFieldTypes(Context& ctx) {
  for (auto& ts : ctx.types) {
    for (auto& [fd, f] : ts.fields) resolveType(*fd, *f, true, ts.type->name, ctx);
  }
  for (auto& ms : ctx.models) {
    for (auto& [fd, f] : ms.fields) {
      f->column = f->name;
      resolveType(*fd, *f, false, ms.model->name, ctx);
    }
  }
}

}  // namespace litestone::schema::detail
