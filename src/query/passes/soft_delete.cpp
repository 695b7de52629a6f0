// Soft delete: rows of @@softDelete models with deletedAt set exist for
// nobody unless the root asks (withDeleted / onlyDeleted).

#include "query/lower/where.hpp"
#include "query/passes/passes.hpp"

namespace litestone::query {

void applySoftDelete(PassContext& ctx) {
  forEachTableScope(ctx.select, [](TableScope& s) {
    if (!s.model || !s.model->soft_delete || !s.model->deleted_at) return;
    bool root = s.kind == TableScope::Kind::Root || s.kind == TableScope::Kind::Include;
    if (root && s.soft_delete == SoftDeleteMode::WithDeleted) return;
    auto n = std::make_unique<IsNullNode>();
    n->column = ColumnRef{s.alias, s.model->deleted_at, {}};
    n->negated = root && s.soft_delete == SoftDeleteMode::OnlyDeleted;
    *s.filter = s.prepend ? andNodes(std::move(n), std::move(*s.filter))
                          : andNodes(std::move(*s.filter), std::move(n));
  });
}

}  // namespace litestone::query
