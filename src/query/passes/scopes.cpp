// forEachTableScope: the one walk over every place a Select reads a table,
// and the debug verifier runPasses calls after each pass.

#include <cstdio>
#include <cstdlib>

#include "query/passes/passes.hpp"

namespace litestone::query {

namespace {

void walkNode(Node* node, const std::function<void(TableScope&)>& fn);

void walkChildren(std::vector<NodePtr>& children, const std::function<void(TableScope&)>& fn) {
  for (auto& c : children) walkNode(c.get(), fn);
}

void walkNode(Node* node, const std::function<void(TableScope&)>& fn) {
  if (!node) return;
  switch (node->kind) {
    case NodeKind::And:
      walkChildren(node->as<AndNode>().children, fn);
      break;
    case NodeKind::Or:
      walkChildren(node->as<OrNode>().children, fn);
      break;
    case NodeKind::Not:
      walkNode(node->as<NotNode>().child.get(), fn);
      break;
    case NodeKind::Exists: {
      auto& e = node->as<ExistsNode>();
      walkNode(e.filter.get(), fn);
      TableScope s;
      s.kind = TableScope::Kind::Exists;
      s.model = e.relation->to;
      s.alias = e.alias;
      s.relation = e.relation;
      s.filter = &e.filter;
      s.prepend = true;
      fn(s);
      break;
    }
    default:
      break;
  }
}

void related(TableScope::Kind kind, const schema::Relation* rel, RelatedScope& scope,
             const std::function<void(TableScope&)>& fn) {
  if (!rel) return;
  walkNode(scope.filter.get(), fn);
  TableScope s;
  s.kind = kind;
  s.model = rel->to;
  s.alias = scope.alias;
  s.relation = rel;
  s.filter = &scope.filter;
  fn(s);
}

void walkSelect(Select& select, TableScope::Kind kind, const schema::Relation* via,
                const std::function<void(TableScope&)>& fn) {
  walkNode(select.where.get(), fn);
  TableScope root;
  root.kind = kind;
  root.model = select.model;
  root.alias = select.alias;
  root.relation = via;
  root.soft_delete = select.soft_delete;
  root.filter = &select.where;
  fn(root);
  for (auto& o : select.order_by)
    if (o.kind == OrderTerm::Kind::RelationAggregate)
      related(TableScope::Kind::OrderBy, o.relation, o.scope, fn);
  for (auto& o : select.outputs)
    if (o.kind == Output::Kind::Count) related(TableScope::Kind::Count, o.relation, o.scope, fn);
  for (auto& inc : select.includes) walkSelect(*inc.child, TableScope::Kind::Include, inc.relation, fn);
}

// ---- verifier ---------------------------------------------------------------

[[noreturn]] void broken(const char* what) {
  std::fprintf(stderr, "litestone: IR check failed after a pass: %s\n", what);
  std::abort();
}

void checkAlias(int alias, const AliasAllocator& aliases) {
  if (alias < 0 || alias >= aliases.next) broken("alias not allocated");
}

void checkColumn(const ColumnRef& c, const AliasAllocator& aliases) {
  if (!c.field) broken("column without a field");
  checkAlias(c.alias, aliases);
}

void checkNode(const Node& n, const AliasAllocator& aliases) {
  switch (n.kind) {
    case NodeKind::And:
      for (auto& c : n.as<AndNode>().children) {
        if (!c) broken("null child of And");
        checkNode(*c, aliases);
      }
      break;
    case NodeKind::Or:
      for (auto& c : n.as<OrNode>().children) {
        if (!c) broken("null child of Or");
        checkNode(*c, aliases);
      }
      break;
    case NodeKind::Not:
      if (!n.as<NotNode>().child) broken("Not without a child");
      checkNode(*n.as<NotNode>().child, aliases);
      break;
    case NodeKind::Compare:
      checkColumn(n.as<CompareNode>().column, aliases);
      break;
    case NodeKind::IsNull:
      checkColumn(n.as<IsNullNode>().column, aliases);
      break;
    case NodeKind::In:
      checkColumn(n.as<InNode>().column, aliases);
      break;
    case NodeKind::Like:
      checkColumn(n.as<LikeNode>().column, aliases);
      break;
    case NodeKind::Exists: {
      auto& e = n.as<ExistsNode>();
      if (!e.relation) broken("Exists without a relation");
      checkAlias(e.alias, aliases);
      checkAlias(e.outer_alias, aliases);
      if (e.filter) checkNode(*e.filter, aliases);
      break;
    }
    case NodeKind::Raw:
    case NodeKind::Constant:
      break;
  }
}

}  // namespace

void forEachTableScope(Select& select, const std::function<void(TableScope&)>& fn) {
  walkSelect(select, TableScope::Kind::Root, nullptr, fn);
}

void verifySelect(const Select& select, const AliasAllocator& aliases) {
  if (!select.model) broken("Select without a model");
  checkAlias(select.alias, aliases);
  if (select.where) checkNode(*select.where, aliases);
  for (auto& o : select.outputs)
    if ((o.kind == Output::Kind::Field || o.kind == Output::Kind::Key) && !o.field)
      broken("output without a field");
  for (auto& o : select.order_by)
    if (o.kind == OrderTerm::Kind::RelationAggregate && o.scope.filter) checkNode(*o.scope.filter, aliases);
  for (auto& inc : select.includes) {
    if (!inc.child || !inc.relation) broken("include without a child select");
    verifySelect(*inc.child, aliases);
  }
}

}  // namespace litestone::query
