#pragma once

// where → filter IR. Used by every read, and by the writes (update, delete,
// ...) to find their rows.

#include <cstddef>
#include <string_view>

#include "query/lower/context.hpp"

namespace litestone::query {

// Lowers `where` (found at `path` inside the args) for rows of `model` bound
// to table alias `alias`. Returns null when the filter keeps every row.
// Throws QueryError naming the bad key, its path and the allowed keys.
NodePtr lowerWhere(LowerContext& ctx, const schema::Model& model, int alias, const json& where,
                   const ArgPath& path);

// Counts the ? placeholders of a raw SQL fragment outside quoted strings and
// identifiers, so a wrong number of params fails early with a clear message.
size_t countPlaceholders(std::string_view sql);

// Combines filters with AND, dropping nulls; null when both are null.
NodePtr andNodes(NodePtr a, NodePtr b);

}  // namespace litestone::query
