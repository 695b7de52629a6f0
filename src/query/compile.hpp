#pragma once

// The query layer's entry point: args of a read action → CompiledRead, through
// lower → passes → emit, memoized by the args' shape (args/shape.hpp).

#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

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
  // The caller's auth: its shape (keys and value types, never the values)
  // is part of the cache key, so a pass may bind auth values as
  // ParamSource::Auth params and one compilation serves every user.
  const json* auth = nullptr;
};

// Compiles without the cache. Throws QueryError.
std::shared_ptr<const CompiledRead> compileRead(const ReadRequest& request);

// A write of every row matching args["where"] in one statement: UPDATE
// setting `fields` (their prepared values are bound per call), or DELETE.
// Remove and Restore are Updates of deletedAt over live / deleted rows.
enum class WriteAction { UpdateMany, DeleteMany, RemoveMany, Restore };

struct WriteRequest {
  const schema::Schema* schema = nullptr;
  const schema::Model* model = nullptr;
  WriteAction action = WriteAction::UpdateMany;
  bool system = false;
  const json* args = nullptr;
  std::vector<const schema::Field*> fields;  // UpdateMany: the fields set, schema order
  bool return_keys = false;                  // RETURNING the primary key of each row
  const json* auth = nullptr;                // as ReadRequest::auth
};

// Compiles without the cache. Throws QueryError (a bad where).
std::shared_ptr<const CompiledWrite> compileWrite(const WriteRequest& request);

// Compiled reads by (model, operation, system, include strategy, shape). Thread-safe: lookups
// take a shared lock, inserts an exclusive one. Bounded: when full it is
// cleared (see query/config.hpp).
class CompileCache {
 public:
  // The cached compilation for this request, compiling it on a miss.
  std::shared_ptr<const CompiledRead> read(const ReadRequest& request);
  // Same for writes, keyed by (model, action, system, fields, shape of where).
  std::shared_ptr<const CompiledWrite> write(const WriteRequest& request);
  // A fixed statement of the write pipeline (query/statements.hpp), built by
  // `build` on a miss; key names the model, the statement and its shape.
  std::shared_ptr<const CompiledWrite> statement(const std::string& key,
                                                 const std::function<CompiledWrite()>& build);
  size_t size() const;
  void clear();

 private:
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const CompiledRead>> entries_;
  std::unordered_map<std::string, std::shared_ptr<const CompiledWrite>> writes_;
  std::unordered_map<std::string, std::shared_ptr<const CompiledWrite>> statements_;
};

}  // namespace litestone::query
