#pragma once

// The query layer's entry point: args of a read action → CompiledRead, through
// lower → passes → emit, memoized by the args' shape (args/shape.hpp).

#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "query/emit/compiled.hpp"
#include "query/lower/context.hpp"

namespace litestone::query {

struct ReadRequest {
  const schema::Schema* schema = nullptr;
  const schema::Model* model = nullptr;
  Operation operation = Operation::FindMany;
  bool system = false;
  const json* args = nullptr;
  IncludeStrategy include_strategy = IncludeStrategy::Batched;
};

// Compiles without the cache. Throws QueryError.
std::shared_ptr<const CompiledRead> compileRead(const ReadRequest& request);

// Compiled reads by (model, operation, system, include strategy, shape). Thread-safe: lookups
// take a shared lock, inserts an exclusive one. Bounded: when full it is
// cleared (see query/config.hpp).
class CompileCache {
 public:
  // The cached compilation for this request, compiling it on a miss.
  std::shared_ptr<const CompiledRead> read(const ReadRequest& request);
  size_t size() const;
  void clear();

 private:
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const CompiledRead>> entries_;
};

}  // namespace litestone::query
