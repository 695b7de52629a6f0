#pragma once

// AggregateQuery → one SELECT with GROUP BY / HAVING. Identifiers come from
// the Schema (quoted), every value is a ? placeholder.

#include "query/emit/compiled.hpp"
#include "query/ir/aggregate.hpp"

namespace litestone::query {

// One result column: row[name] when key is empty, else row[name][key].
struct AggregateColumn {
  std::string name;
  std::string key;
  DecodeAs decode = DecodeAs::Integer;
};

struct CompiledAggregate {
  const schema::Model* model = nullptr;
  bool grouped = false;
  std::string ir;
  std::string sql;
  std::vector<Param> params;
  std::vector<AggregateColumn> columns;  // in SQL column order
};

CompiledAggregate emitAggregate(const AggregateQuery& query);

}  // namespace litestone::query
