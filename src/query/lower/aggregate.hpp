#pragma once

// The args of aggregate() / groupBy() → AggregateQuery. Checks every key
// against the Schema: unknown arguments, fields and aggregates are errors
// naming the allowed ones.

#include "query/ir/aggregate.hpp"
#include "query/lower/context.hpp"

namespace litestone::query {

std::unique_ptr<AggregateQuery> lowerAggregate(LowerContext& ctx, const schema::Model& model,
                                               const json& args, bool grouped);

}  // namespace litestone::query
