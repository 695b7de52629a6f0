#pragma once

// The filter on one stored field: `{age: 3}`, `{age: {gte: 18, lt: 65}}`,
// `{name: {contains: "x", mode: "insensitive"}}`, and paths inside typed Json
// columns `{address: {city: "NYC"}}`.

#include "query/lower/context.hpp"

namespace litestone::query {

NodePtr lowerFieldFilter(LowerContext& ctx, const schema::Model& model, int alias, const schema::Field& field,
                         const json& value, const ArgPath& path);

}  // namespace litestone::query
