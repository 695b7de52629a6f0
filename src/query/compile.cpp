#include "query/compile.hpp"

#include <mutex>

#include "query/args/shape.hpp"
#include "query/config.hpp"
#include "query/emit/emit.hpp"
#include "query/ir/dump.hpp"
#include "query/lower/find.hpp"
#include "query/passes/passes.hpp"

namespace litestone::query {

std::shared_ptr<const CompiledRead> compileRead(const ReadRequest& request) {
  LowerContext ctx{*request.schema, request.operation, request.system, {}};
  auto select = lowerRead(ctx, *request.model, *request.args);
  runPasses(*select, ctx.aliases);
  auto out = std::make_shared<CompiledRead>();
  out->ir = dumpSelect(*select);
  out->select = emitSelect(*select, request.include_strategy);
  return out;
}

std::shared_ptr<const CompiledRead> CompileCache::read(const ReadRequest& request) {
  // One key buffer per thread: a hit allocates nothing.
  thread_local std::string key;
  key.clear();
  key += request.model->name;
  key += '\x1f';
  key += static_cast<char>('0' + static_cast<int>(request.operation));
  key += request.system ? "\x1fS" : "\x1f-";
  key += request.include_strategy == IncludeStrategy::Json ? "J\x1f" : "B\x1f";
  appendShape(*request.args, key);
  {
    std::shared_lock lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end()) return it->second;
  }
  auto compiled = compileRead(request);
  std::unique_lock lock(mutex_);
  if (entries_.size() >= config::kCompileCacheEntries) entries_.clear();
  entries_.emplace(key, compiled);
  return compiled;
}

size_t CompileCache::size() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

void CompileCache::clear() {
  std::unique_lock lock(mutex_);
  entries_.clear();
}

}  // namespace litestone::query
