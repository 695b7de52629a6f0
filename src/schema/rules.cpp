// Rules that read the finished catalog, one line each in checkRules (STYLE 5.5).

#include "schema/messages.hpp"
#include "schema/resolve.hpp"

namespace litestone::schema::detail {

namespace {

// SQLite tables need a key to be addressed; jsonl/logger stores and external
// tables do not.
void modelHasPrimaryKey(const ModelSrc& ms, Context& ctx) {
  const Model& m = *ms.model;
  bool sqlite = m.database == nullptr || m.database->driver == "sqlite";
  if (sqlite && !m.external && m.primary_key.empty()) ctx.report(msg::missingId(m.name, ms.decl->name_span));
}

// A generated or derived value cannot also have a default.
void derivedFieldsHaveNoDefault(const ModelSrc& ms, Context& ctx) {
  for (const auto& [fd, f] : ms.fields) {
    if (f->default_value.kind == DefaultValue::Kind::None) continue;
    if (f->generated_sql)
      ctx.report(msg::conflictingAttributes("@default", "a generated column", fd->name_span));
    if (f->computed) ctx.report(msg::conflictingAttributes("@default", "@computed", fd->name_span));
    if (f->from) ctx.report(msg::conflictingAttributes("@default", "@from", fd->name_span));
  }
}

// A primary key is written once; generating it from other columns is not supported.
void idIsNotDerived(const ModelSrc& ms, Context& ctx) {
  for (const auto& [fd, f] : ms.fields) {
    if (f->id && (f->computed || f->from || f->generated_sql)) {
      ctx.report(msg::conflictingAttributes("@id",
                                            f->generated_sql ? "a generated column"
                                            : f->computed    ? "@computed"
                                                             : "@from",
                                            fd->name_span));
    }
  }
}

}  // namespace

void checkRules(Context& ctx) {
  for (const auto& ms : ctx.models) {
    modelHasPrimaryKey(ms, ctx);
    derivedFieldsHaveNoDefault(ms, ctx);
    idIsNotDerived(ms, ctx);
  }
}

}  // namespace litestone::schema::detail
