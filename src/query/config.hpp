#pragma once

// Tuning constants of the query layer.

#include <cstddef>

namespace litestone::query::config {

// Compiled shapes kept per client. An application has a few hundred distinct
// query shapes at most; a flood of unique shapes (generated $raw text) clears
// the cache rather than growing it without bound.
inline constexpr size_t kCompileCacheEntries = 2048;

}  // namespace litestone::query::config
