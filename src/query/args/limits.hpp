#pragma once

// Checks that run on a whole request before anything recursive sees it: the
// nesting depth (so that lowering, the write pipeline and nested batches can
// recurse without overflowing the stack, and paths stay short), and on the
// wire the refusal of `$raw` for callers that are not the system.
//
// It also refuses, wherever they appear, values no column can hold: numbers
// that overflowed to infinity (1e400) and text or keys that are not UTF-8.
//
// Codes: QUERY_TOO_DEEP (meta: limit, path), QUERY_RAW_NOT_ALLOWED (meta: path),
// QUERY_INVALID_ARGUMENT (meta.reason notFinite / invalidUtf8).

#include <cstddef>
#include <string_view>

#include "litestone/json.hpp"

namespace litestone::query {

struct RequestLimits {
  size_t max_depth = 0;   // containers nested deeper than this are refused
  bool allow_raw = true;  // false: `$raw`, `$sql` or a string `having` anywhere is refused
};

// Walks `root` iteratively (memory O(max_depth), no recursion) and throws the
// first violation as a QueryError whose path starts with `root_name` ("" for
// paths relative to the args, as lower/ writes them: `where.OR[0].id`).
void checkRequest(const json& root, std::string_view root_name, const RequestLimits& limits);

}  // namespace litestone::query
