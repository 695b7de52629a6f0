// One emit function per filter node kind.

#include "query/emit/writer.hpp"

namespace litestone::query {

std::string quoteIdent(std::string_view name) {
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

std::string aliasName(int alias) { return "\"t" + std::to_string(alias) + "\""; }

void emitFilter(const Node& n, std::string& sql, std::vector<Param>& params) {
  emitter::Writer w{sql, params};
  emitter::node(w, n);
}

namespace emitter {

namespace {

void list(Writer& w, const std::vector<NodePtr>& children, std::string_view op, std::string_view empty) {
  if (children.empty()) {
    w << empty;
    return;
  }
  if (children.size() == 1) {
    node(w, *children.front());
    return;
  }
  w << "(";
  for (size_t i = 0; i < children.size(); ++i) {
    if (i) w << op;
    node(w, *children[i]);
  }
  w << ")";
}

void compare(Writer& w, const CompareNode& n) {
  static const char* kOps[] = {" = ", " <> ", " > ", " >= ", " < ", " <= ", " IS NOT "};
  columnRef(w, n.column);
  w << kOps[static_cast<int>(n.op)];
  w.param(n.value);
}

void isNull(Writer& w, const IsNullNode& n) {
  columnRef(w, n.column);
  w << (n.negated ? " IS NOT NULL" : " IS NULL");
}

void in(Writer& w, const InNode& n) {
  if (n.negated) {
    // NOT IN alone drops NULL rows; notIn keeps them (DESIGN §4).
    w << "(";
    columnRef(w, n.column);
    w << " NOT IN (SELECT value FROM json_each(";
    w.param(n.list);
    w << ")) OR ";
    columnRef(w, n.column);
    w << " IS NULL)";
    return;
  }
  columnRef(w, n.column);
  w << " IN (SELECT value FROM json_each(";
  w.param(n.list);
  w << "))";
}

void like(Writer& w, const LikeNode& n) {
  columnRef(w, n.column);
  if (n.insensitive) {
    w << " LIKE ";
    w.param(n.pattern);
    w << " ESCAPE '\\'";
  } else {
    // GLOB is case-sensitive; the pattern's own * ? [ are bracketed.
    w << " GLOB ";
    w.param(n.pattern);
  }
}

void raw(Writer& w, const RawNode& n) {
  w << "(" << n.sql << ")";
  for (auto& p : n.params) w.params.push_back(p);
}

void exists(Writer& w, const ExistsNode& n) {
  w << (n.negated ? "NOT EXISTS (SELECT 1 FROM " : "EXISTS (SELECT 1 FROM ");
  relatedFrom(w, *n.relation, n.alias, n.join_alias);
  w << " WHERE ";
  correlation(w, *n.relation, n.outer_alias, n.alias, n.join_alias);
  if (n.filter) {
    w << " AND ";
    node(w, *n.filter);
  }
  w << ")";
}

}  // namespace

void columnRef(Writer& w, const ColumnRef& c) {
  if (c.json_path.empty()) {
    w.column(c.alias, *c.field);
    return;
  }
  w << "json_extract(";
  w.column(c.alias, *c.field);
  w << ", '$";
  for (auto& p : c.json_path) {
    // Names come from the schema's type declarations; quoted as JSON keys.
    w << ".\"";
    for (char ch : p) {
      if (ch == '\'') w << "'";
      if (ch == '"' || ch == '\\') w << "\\";
      w.sql += ch;
    }
    w << "\"";
  }
  w << "')";
}

void node(Writer& w, const Node& n) {
  switch (n.kind) {
    case NodeKind::And:
      list(w, n.as<AndNode>().children, " AND ", "1");
      break;
    case NodeKind::Or:
      list(w, n.as<OrNode>().children, " OR ", "0");
      break;
    case NodeKind::Not: {
      auto& x = n.as<NotNode>();
      if (x.strict) {
        w << "(";
        node(w, *x.child);
        w << ") IS NOT 1";
      } else {
        w << "NOT (";
        node(w, *x.child);
        w << ")";
      }
      break;
    }
    case NodeKind::Compare:
      compare(w, n.as<CompareNode>());
      break;
    case NodeKind::IsNull:
      isNull(w, n.as<IsNullNode>());
      break;
    case NodeKind::In:
      in(w, n.as<InNode>());
      break;
    case NodeKind::Like:
      like(w, n.as<LikeNode>());
      break;
    case NodeKind::Raw:
      raw(w, n.as<RawNode>());
      break;
    case NodeKind::Exists:
      exists(w, n.as<ExistsNode>());
      break;
    case NodeKind::Constant:
      w << (n.as<ConstantNode>().value ? "1" : "0");
      break;
  }
}

void relatedFrom(Writer& w, const schema::Relation& rel, int alias, int join_alias) {
  if (rel.kind == schema::RelationKind::ManyToMany) {
    w << quoteIdent(rel.join_table) << " AS " << aliasName(join_alias) << " JOIN ";
    w.table(*rel.to, alias);
    w << " ON ";
    w.column(alias, *rel.foreign_fields.front());
    w << " = ";
    w.column(join_alias, rel.join_to_column);
    return;
  }
  w.table(*rel.to, alias);
}

void correlation(Writer& w, const schema::Relation& rel, int outer_alias, int alias, int join_alias) {
  if (rel.kind == schema::RelationKind::ManyToMany) {
    w.column(join_alias, rel.join_from_column);
    w << " = ";
    w.column(outer_alias, *rel.local_fields.front());
    return;
  }
  for (size_t i = 0; i < rel.local_fields.size(); ++i) {
    if (i) w << " AND ";
    w.column(alias, *rel.foreign_fields[i]);
    w << " = ";
    w.column(outer_alias, *rel.local_fields[i]);
  }
}

void relatedAggregate(Writer& w, const schema::Relation& rel, const RelatedScope& scope, Aggregate agg,
                      const schema::Field* field) {
  static const char* kFns[] = {"COUNT", "SUM", "AVG", "MIN", "MAX"};
  w << "(SELECT " << kFns[static_cast<int>(agg)] << "(";
  if (agg == Aggregate::Count || !field) {
    w << "*";
  } else {
    w.column(scope.alias, *field);
  }
  w << ") FROM ";
  relatedFrom(w, rel, scope.alias, scope.join_alias);
  w << " WHERE ";
  correlation(w, rel, scope.outer_alias, scope.alias, scope.join_alias);
  if (scope.filter) {
    w << " AND ";
    node(w, *scope.filter);
  }
  w << ")";
}

}  // namespace emitter
}  // namespace litestone::query
