#pragma once

// aggregate() / groupBy() args → CompiledAggregate through lower → passes →
// emit, memoized by the args' shape like compile.hpp's reads.

#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "query/emit/aggregate.hpp"
#include "query/lower/context.hpp"

namespace litestone::query {

struct AggregateRequest {
  const schema::Schema* schema = nullptr;
  const schema::Model* model = nullptr;
  bool grouped = false;  // groupBy
  bool system = false;
  const json* args = nullptr;
};

// Compiles without the cache. Throws QueryError.
std::shared_ptr<const CompiledAggregate> compileAggregate(const AggregateRequest& request);

// Compiled aggregates by (model, grouped, system, shape). Thread-safe, bounded
// like CompileCache.
class AggregateCache {
 public:
  std::shared_ptr<const CompiledAggregate> get(const AggregateRequest& request);

 private:
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const CompiledAggregate>> entries_;
};

}  // namespace litestone::query
