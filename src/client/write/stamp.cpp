// @updatedAt and @updatedBy: system stamps. On update they are always set
// (unless the caller sets them explicitly); on create they start out equal to
// the creation time / creator, as a row that was never updated was last
// touched when it was made.

#include "client/write/pipeline.hpp"

namespace litestone::detail::write {

void stampRow(const RowContext& ctx, json& data, FieldErrors&) {
  for (const auto& f : ctx.model.fields) {
    if (!f.updated_at && !f.updated_by) continue;
    if (data.contains(f.name)) continue;
    if (f.updated_at) {
      data[f.name] = ctx.now.now();
    } else {
      json who = authValue(ctx.auth, *f.updated_by);
      if (!who.is_null()) data[f.name] = std::move(who);
    }
  }
}

}  // namespace litestone::detail::write
