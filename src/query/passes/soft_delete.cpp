#include "query/lower/where.hpp"
#include "query/passes/passes.hpp"

namespace litestone::query {

namespace {

NodePtr deletedFilter(const schema::Model& model, int alias, bool deleted) {
  auto n = std::make_unique<IsNullNode>();
  n->column = ColumnRef{alias, model.deleted_at, {}};
  n->negated = deleted;
  return n;
}

bool softDeletes(const schema::Model* model) { return model && model->soft_delete && model->deleted_at; }

void visitNode(Node* node);

void visitChildren(std::vector<NodePtr>& children) {
  for (auto& c : children) visitNode(c.get());
}

void visitNode(Node* node) {
  if (!node) return;
  switch (node->kind) {
    case NodeKind::And:
      visitChildren(node->as<AndNode>().children);
      break;
    case NodeKind::Or:
      visitChildren(node->as<OrNode>().children);
      break;
    case NodeKind::Not:
      visitNode(node->as<NotNode>().child.get());
      break;
    case NodeKind::Exists: {
      auto& e = node->as<ExistsNode>();
      visitNode(e.filter.get());
      if (softDeletes(e.relation->to)) {
        // For `every` the filter is NOT(F): a deleted row must not count as a
        // failing row, so the live condition goes outside it.
        e.filter = andNodes(deletedFilter(*e.relation->to, e.alias, false), std::move(e.filter));
      }
      break;
    }
    default:
      break;
  }
}

void scopeLive(const schema::Relation* rel, RelatedScope& scope) {
  if (rel && softDeletes(rel->to)) {
    scope.filter = andNodes(std::move(scope.filter), deletedFilter(*rel->to, scope.alias, false));
  }
}

}  // namespace

void applySoftDelete(Select& select) {
  visitNode(select.where.get());
  if (softDeletes(select.model) && select.soft_delete != SoftDeleteMode::WithDeleted) {
    bool only_deleted = select.soft_delete == SoftDeleteMode::OnlyDeleted;
    select.where =
        andNodes(std::move(select.where), deletedFilter(*select.model, select.alias, only_deleted));
  }
  for (auto& o : select.order_by) {
    if (o.kind == OrderTerm::Kind::RelationAggregate) scopeLive(o.relation, o.scope);
  }
  for (auto& o : select.outputs) {
    if (o.kind == Output::Kind::Count) scopeLive(o.relation, o.scope);
  }
  for (auto& inc : select.includes) applySoftDelete(*inc.child);
}

}  // namespace litestone::query
