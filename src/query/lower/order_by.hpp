#pragma once

// orderBy → OrderTerms (and the LEFT JOINs that relation fields need).
//   {createdAt: "desc"}, [{status: "asc"}, {id: "desc"}],
//   {deletedAt: {dir: "asc", nulls: "last"}},
//   {author: {name: "asc"}} (belongsTo, any number of hops),
//   {posts: {_count: "desc"}}, {posts: {_sum: {score: "asc"}}} (hasMany; _count also on many-to-many).

#include "query/lower/context.hpp"

namespace litestone::query {

void lowerOrderBy(LowerContext& ctx, Select& select, const json& order_by, const ArgPath& path);

}  // namespace litestone::query
