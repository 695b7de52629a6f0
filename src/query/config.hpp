#pragma once

// Tuning constants of the query layer.

#include <cstddef>

namespace litestone::query::config {

// Compiled shapes kept per client. An application has a few hundred distinct
// query shapes at most; a flood of unique shapes (generated $raw text) clears
// the cache rather than growing it without bound.
inline constexpr size_t kCompileCacheEntries = 2048;

// Deepest nesting of containers accepted in a request (args, or a batch of
// calls). Real queries nest a few levels per relation they follow (include →
// posts → include → comments …, or AND/OR/some/is); 64 leaves room for ~30
// relation hops while keeping every recursive walk of the args (lowering, the
// write pipeline, batches' savepoints) far from the stack's end and each
// error path short.
inline constexpr size_t kMaxArgsDepth = 64;

}  // namespace litestone::query::config
