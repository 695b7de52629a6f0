#include "query/compile.hpp"

#include <mutex>

#include "query/args/shape.hpp"
#include "query/config.hpp"
#include "query/emit/emit.hpp"
#include "query/ir/dump.hpp"
#include "query/lower/find.hpp"
#include "query/lower/write.hpp"
#include "query/passes/passes.hpp"

namespace litestone::query {

namespace {

// Keys (length-prefixed) and value types of auth, never its values: one
// compilation serves every user whose auth has the same structure.
void appendTypes(const json& v, std::string& key) {
  switch (v.type()) {
    case json::value_t::object:
      key += '{';
      for (auto it = v.begin(); it != v.end(); ++it) {
        key += std::to_string(it.key().size());
        key += ':';
        key += it.key();
        appendTypes(it.value(), key);
      }
      key += '}';
      break;
    case json::value_t::array:
      key += "[]";
      break;
    case json::value_t::string:
      key += 's';
      break;
    case json::value_t::boolean:
      key += 'b';
      break;
    case json::value_t::number_float:
      key += 'f';
      break;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      key += 'i';
      break;
    default:
      key += 'n';
  }
}

// "\x1d" then the shape of auth when the call has one (a null auth adds nothing).
void appendAuthShape(const json* auth, std::string& key) {
  if (!auth || auth->is_null()) return;
  key += '\x1d';
  appendTypes(*auth, key);
}

}  // namespace

std::shared_ptr<const CompiledRead> compileRead(const ReadRequest& request) {
  LowerContext ctx{*request.schema, request.operation, request.system, {}};
  auto select = lowerRead(ctx, *request.model, *request.args);
  runPasses(*select, ctx.aliases);
  auto out = std::make_shared<CompiledRead>();
  out->ir = dumpSelect(*select);
  out->select = emitSelect(*select, request.include_strategy);
  return out;
}

std::shared_ptr<const CompiledWrite> compileWrite(const WriteRequest& request) {
  LowerContext ctx{*request.schema, Operation::FindMany, request.system, {}};
  WriteKind kind = request.action == WriteAction::DeleteMany ? WriteKind::Delete : WriteKind::Update;
  SoftDeleteMode rows = SoftDeleteMode::Live;
  if (request.action == WriteAction::DeleteMany) rows = SoftDeleteMode::WithDeleted;
  if (request.action == WriteAction::Restore) rows = SoftDeleteMode::OnlyDeleted;
  std::vector<const schema::Field*> fields = request.fields;
  if (request.action == WriteAction::RemoveMany || request.action == WriteAction::Restore)
    fields = {request.model->deleted_at};
  Write write = lowerWrite(ctx, *request.model, kind, rows, *request.args, fields);
  if (request.return_keys) write.returning = request.model->primary_key;
  if (write.target)
    runPasses(*write.target, ctx.aliases, kind == WriteKind::Delete ? QueryOp::Delete : QueryOp::Update);
  auto out = std::make_shared<CompiledWrite>(emitWrite(write));
  out->ir = dumpWrite(write);
  return out;
}

std::shared_ptr<const CompiledWrite> CompileCache::write(const WriteRequest& request) {
  thread_local std::string key;
  key.clear();
  key += request.model->name;
  key += '\x1f';
  key += static_cast<char>('0' + static_cast<int>(request.action));
  key += request.system ? "\x1fS" : "\x1f-";
  key += request.return_keys ? "K" : "-";
  for (const auto* f : request.fields) {
    key += '\x1f';
    key += f->name;
  }
  key += '\x1e';
  if (auto it = request.args->find("where"); it != request.args->end()) appendShape(*it, key);
  appendAuthShape(request.auth, key);
  {
    std::shared_lock lock(mutex_);
    auto it = writes_.find(key);
    if (it != writes_.end()) return it->second;
  }
  auto compiled = compileWrite(request);
  std::unique_lock lock(mutex_);
  if (writes_.size() >= config::kCompileCacheEntries) writes_.clear();
  writes_.emplace(key, compiled);
  return compiled;
}

std::shared_ptr<const CompiledWrite> CompileCache::statement(const std::string& key,
                                                             const std::function<CompiledWrite()>& build) {
  {
    std::shared_lock lock(mutex_);
    auto it = statements_.find(key);
    if (it != statements_.end()) return it->second;
  }
  auto compiled = std::make_shared<const CompiledWrite>(build());
  std::unique_lock lock(mutex_);
  if (statements_.size() >= config::kCompileCacheEntries) statements_.clear();
  statements_.emplace(key, compiled);
  return compiled;
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
  appendAuthShape(request.auth, key);
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
  return entries_.size() + writes_.size();
}

void CompileCache::clear() {
  std::unique_lock lock(mutex_);
  entries_.clear();
  writes_.clear();
  statements_.clear();
}

}  // namespace litestone::query
