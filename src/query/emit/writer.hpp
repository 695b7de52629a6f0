#pragma once

// Internal to emit/: appends SQL and keeps the params in placeholder order.

#include <string>
#include <vector>

#include "query/emit/emit.hpp"

namespace litestone::query::emitter {

struct Writer {
  std::string& sql;
  std::vector<Param>& params;

  Writer& operator<<(std::string_view text) {
    sql += text;
    return *this;
  }
  void param(const Param& p) {
    sql += '?';
    params.push_back(p);
  }
  void column(int alias, const schema::Field& f) {
    sql += aliasName(alias);
    sql += '.';
    sql += quoteIdent(f.column);
  }
  void column(int alias, std::string_view column_name) {
    sql += aliasName(alias);
    sql += '.';
    sql += quoteIdent(column_name);
  }
  void table(const schema::Model& m, int alias) {
    sql += quoteIdent(m.table);
    sql += " AS ";
    sql += aliasName(alias);
  }
};

void columnRef(Writer& w, const ColumnRef& c);
void node(Writer& w, const Node& n);

// FROM part for the rows of a relation's target: `"posts" AS "t3"`, or for
// many-to-many `"_posts_tags" AS "t4" JOIN "tags" AS "t3" ON ...`.
void relatedFrom(Writer& w, const schema::Relation& rel, int alias, int join_alias);
// The condition tying those rows to the outer row.
void correlation(Writer& w, const schema::Relation& rel, int outer_alias, int alias, int join_alias);
// (SELECT <aggregate> FROM related WHERE correlation AND filter)
void relatedAggregate(Writer& w, const schema::Relation& rel, const RelatedScope& scope, Aggregate agg,
                      const schema::Field* field);

}  // namespace litestone::query::emitter
