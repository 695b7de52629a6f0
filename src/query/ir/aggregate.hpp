#pragma once

// The IR of aggregate() and groupBy(): the rows (a Select, so the passes
// filter them like any read), the group keys, and the aggregate expressions
// the outputs, having and orderBy refer to by index.

#include "query/ir/ir.hpp"

namespace litestone::query {

enum class AggregateFn { CountAll, Count, CountDistinct, Sum, Avg, Min, Max, StringAgg };

// Buckets of a DateTime group key (groupBy interval).
enum class Interval { None, Year, Quarter, Month, Week, Day, Hour };

struct AggregateExpr {
  AggregateFn fn = AggregateFn::CountAll;
  const schema::Field* field = nullptr;        // null for CountAll
  NodePtr filter;                              // FILTER (WHERE ...), may be null
  std::optional<Param> separator;              // StringAgg
  const schema::Field* order_field = nullptr;  // StringAgg ORDER BY
  bool order_desc = false;
};

struct GroupKey {
  const schema::Field* field = nullptr;
  Interval interval = Interval::None;
};

// One value of a result row: row[group] when key is empty, else row[group][key].
struct AggregateOutput {
  std::string group;
  std::string key;
  int expr = 0;
};

// having: <aggregate> op value, ANDed together.
struct HavingTerm {
  int expr = 0;
  CompareOp op = CompareOp::Eq;
  Param value;
  enum class Kind { Compare, IsNull, In } kind = Kind::Compare;
  bool negated = false;  // IS NOT NULL / NOT IN
};

struct AggregateOrder {
  int expr = -1;  // >= 0: an aggregate; else the group key `key`
  int key = -1;
  bool desc = false;
  Nulls nulls = Nulls::Default;
};

struct AggregateQuery {
  Select rows;  // model, alias, where, soft delete, limit, offset
  bool grouped = false;
  std::vector<GroupKey> by;
  std::vector<AggregateExpr> exprs;
  std::vector<AggregateOutput> outputs;
  std::vector<HavingTerm> having;
  NodePtr having_keys;  // having conditions on the group keys
  std::vector<AggregateOrder> order_by;
};

}  // namespace litestone::query
