// AggregateQuery → SELECT <group keys>, <aggregates> FROM ... WHERE ...
// GROUP BY ... HAVING ... ORDER BY ... LIMIT ? OFFSET ?

#include "query/emit/aggregate.hpp"

#include "query/emit/writer.hpp"

namespace litestone::query {

namespace {

using emitter::Writer;

// strftime formats are constants of this table, never user text.
void groupKey(Writer& w, int alias, const GroupKey& key) {
  auto fmt = [&](std::string_view f) {
    w << "strftime('" << f << "', ";
    w.column(alias, *key.field);
    w << ")";
  };
  switch (key.interval) {
    case Interval::None:
      w.column(alias, *key.field);
      break;
    case Interval::Year:
      fmt("%Y");
      break;
    case Interval::Quarter:
      w << "(";
      fmt("%Y");
      w << " || '-Q' || ((CAST(";
      fmt("%m");
      w << " AS INTEGER) + 2) / 3))";
      break;
    case Interval::Month:
      fmt("%Y-%m");
      break;
    case Interval::Week:
      fmt("%Y-W%W");
      break;
    case Interval::Day:
      fmt("%Y-%m-%d");
      break;
    case Interval::Hour:
      fmt("%Y-%m-%dT%H");
      break;
  }
}

void aggregate(Writer& w, int alias, const AggregateExpr& e) {
  switch (e.fn) {
    case AggregateFn::CountAll:
      w << "COUNT(*)";
      break;
    case AggregateFn::Count:
    case AggregateFn::CountDistinct:
      w << (e.fn == AggregateFn::Count ? "COUNT(" : "COUNT(DISTINCT ");
      w.column(alias, *e.field);
      w << ")";
      break;
    case AggregateFn::Sum:
    case AggregateFn::Avg:
    case AggregateFn::Min:
    case AggregateFn::Max: {
      static constexpr std::string_view kNames[] = {"SUM(", "AVG(", "MIN(", "MAX("};
      w << kNames[static_cast<int>(e.fn) - static_cast<int>(AggregateFn::Sum)];
      w.column(alias, *e.field);
      w << ")";
      break;
    }
    case AggregateFn::StringAgg:
      w << "group_concat(";
      w.column(alias, *e.field);
      w << ", ";
      w.param(*e.separator);
      w << ")";
      break;
  }
  if (e.filter) {
    w << " FILTER (WHERE ";
    emitter::node(w, *e.filter);
    w << ")";
  }
}

DecodeAs decodeOf(const AggregateExpr& e) {
  switch (e.fn) {
    case AggregateFn::CountAll:
    case AggregateFn::Count:
    case AggregateFn::CountDistinct:
      return DecodeAs::Count;
    case AggregateFn::Sum:
      return e.field->scalar == schema::ScalarType::Integer ? DecodeAs::Integer : DecodeAs::Real;
    case AggregateFn::Avg:
      return DecodeAs::Real;
    case AggregateFn::Min:
    case AggregateFn::Max:
      return decodeAs(*e.field);
    case AggregateFn::StringAgg:
      return DecodeAs::Text;
  }
  return DecodeAs::Text;
}

std::string_view compareOp(CompareOp op) {
  switch (op) {
    case CompareOp::Eq:
      return " = ";
    case CompareOp::Ne:
      return " <> ";
    case CompareOp::Gt:
      return " > ";
    case CompareOp::Gte:
      return " >= ";
    case CompareOp::Lt:
      return " < ";
    case CompareOp::Lte:
      return " <= ";
    case CompareOp::IsNot:
      return " IS NOT ";
  }
  return " = ";
}

void having(Writer& w, const AggregateQuery& q) {
  if (q.having.empty() && !q.having_keys) return;
  w << " HAVING ";
  bool first = true;
  if (q.having_keys) {
    emitter::node(w, *q.having_keys);
    first = false;
  }
  for (auto& t : q.having) {
    if (!first) w << " AND ";
    first = false;
    const AggregateExpr& e = q.exprs[static_cast<size_t>(t.expr)];
    switch (t.kind) {
      case HavingTerm::Kind::Compare:
        aggregate(w, q.rows.alias, e);
        w << compareOp(t.op);
        w.param(t.value);
        break;
      case HavingTerm::Kind::IsNull:
        aggregate(w, q.rows.alias, e);
        w << (t.negated ? " IS NOT NULL" : " IS NULL");
        break;
      case HavingTerm::Kind::In:
        w << "(";
        aggregate(w, q.rows.alias, e);
        w << (t.negated ? " NOT IN" : " IN");
        w << " (SELECT value FROM json_each(";
        w.param(t.value);
        w << "))";
        if (t.negated) {
          w << " OR ";
          aggregate(w, q.rows.alias, e);
          w << " IS NULL";
        }
        w << ")";
        break;
    }
  }
}

// SQLite 3.40 has no ORDER BY inside group_concat: an ordered string_agg
// reads its rows from a subquery sorted by the group keys then the field
// (an aggregate query never flattens a subquery that has an ORDER BY).
void orderedFrom(Writer& w, const AggregateQuery& q) {
  const AggregateExpr* ordered = nullptr;
  for (auto& e : q.exprs) {
    if (e.fn == AggregateFn::StringAgg && e.order_field) {
      ordered = &e;
      break;
    }
  }
  if (!ordered) {
    w.table(*q.rows.model, q.rows.alias);
    return;
  }
  w << "(SELECT * FROM " << quoteIdent(q.rows.model->table) << " ORDER BY ";
  for (auto& g : q.by) w << quoteIdent(g.field->column) << ", ";
  w << quoteIdent(ordered->order_field->column) << (ordered->order_desc ? " DESC" : " ASC");
  w << ") AS " << aliasName(q.rows.alias);
}

}  // namespace

CompiledAggregate emitAggregate(const AggregateQuery& q) {
  CompiledAggregate out;
  out.model = q.rows.model;
  out.grouped = q.grouped;
  Writer w{out.sql, out.params};
  const int alias = q.rows.alias;
  w << "SELECT ";
  bool first = true;
  for (auto& g : q.by) {
    if (!first) w << ", ";
    first = false;
    groupKey(w, alias, g);
    out.columns.push_back(AggregateColumn{
        g.field->name, "", g.interval == Interval::None ? decodeAs(*g.field) : DecodeAs::Text});
  }
  for (auto& o : q.outputs) {
    if (!first) w << ", ";
    first = false;
    const AggregateExpr& e = q.exprs[static_cast<size_t>(o.expr)];
    aggregate(w, alias, e);
    out.columns.push_back(AggregateColumn{o.group, o.key, decodeOf(e)});
  }
  if (first) w << "1";
  w << " FROM ";
  orderedFrom(w, q);
  if (q.rows.where) {
    w << " WHERE ";
    emitter::node(w, *q.rows.where);
  }
  if (!q.by.empty()) {
    w << " GROUP BY ";
    for (size_t i = 0; i < q.by.size(); ++i) {
      if (i) w << ", ";
      groupKey(w, alias, q.by[i]);
    }
  }
  having(w, q);
  if (q.grouped) {
    // Without an orderBy, groups come in key order so results are stable.
    w << " ORDER BY ";
    first = true;
    for (auto& o : q.order_by) {
      if (!first) w << ", ";
      first = false;
      if (o.expr >= 0) {
        aggregate(w, alias, q.exprs[static_cast<size_t>(o.expr)]);
      } else {
        groupKey(w, alias, q.by[static_cast<size_t>(o.key)]);
      }
      w << (o.desc ? " DESC" : " ASC");
      if (o.nulls == Nulls::First) w << " NULLS FIRST";
      if (o.nulls == Nulls::Last) w << " NULLS LAST";
    }
    for (size_t i = 0; first && i < q.by.size(); ++i) {
      if (i) w << ", ";
      groupKey(w, alias, q.by[i]);
    }
    if (first && q.by.empty()) w << "1";
  }
  if (q.rows.limit || q.rows.offset) {
    w << " LIMIT ";
    if (q.rows.limit) {
      w.param(*q.rows.limit);
    } else {
      w << "-1";
    }
    if (q.rows.offset) {
      w << " OFFSET ";
      w.param(*q.rows.offset);
    }
  }
  return out;
}

}  // namespace litestone::query
