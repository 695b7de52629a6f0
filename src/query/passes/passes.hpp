#pragma once

// IR passes: rewrites of a lowered Select that change which rows it touches
// (soft delete now; policies, the gate, global filters and scopes later).
// kPasses (pipeline.cpp) is the one list, in order; runPasses runs it. Each
// pass has its own file and reaches the tables of a query through
// forEachTableScope (scopes.cpp), so a new pass does not re-learn the IR.

#include <chrono>
#include <functional>
#include <string_view>
#include <vector>

#include "query/ir/ir.hpp"

namespace litestone::query {

enum class PassId { SoftDelete };

// What the statement the passes rewrite does to the rows of its root table.
// Reads, and the target rows of an update or delete. A later policy pass
// picks the rule (read / create / update / delete) by it.
enum class QueryOp { Read, Create, Update, Delete };

std::string_view passName(PassId id);
std::string_view queryOpName(QueryOp op);

struct PassOptions {
  // Passes switched off (tests, --explain of the raw lowering).
  std::vector<PassId> disabled;
  bool enabled(PassId id) const;
  // When set, runPasses appends how long each pass that ran took.
  std::vector<std::pair<PassId, std::chrono::nanoseconds>>* timings = nullptr;
};

// What a pass sees.
struct PassContext {
  Select& select;
  AliasAllocator& aliases;
  QueryOp op = QueryOp::Read;
};

// Runs every enabled pass over the tree rooted at select, in kPasses order,
// timing each and (debug builds) checking the IR after each.
void runPasses(Select& select, AliasAllocator& aliases, QueryOp op = QueryOp::Read,
               const PassOptions& options = {});

// ---- scopes.cpp -----------------------------------------------------------

// One place where the rows of a table are read: the root of a Select (and
// of each include's child), the related rows of a relation filter
// (EXISTS), of an orderBy relation aggregate, and of a _count. `filter` is
// the condition on those rows a pass may AND onto (it may be null = all).
struct TableScope {
  enum class Kind { Root, Include, Exists, OrderBy, Count };
  Kind kind = Kind::Root;
  const schema::Model* model = nullptr;
  int alias = 0;
  const schema::Relation* relation = nullptr;  // how it is reached (null for the root)
  // Root / Include: the Select's soft-delete flag; related rows are live only.
  SoftDeleteMode soft_delete = SoftDeleteMode::Live;
  NodePtr* filter = nullptr;
  // Exists: the new condition goes before the filter (for `every` the filter
  // is NOT(F), and a row the pass removes must not count as failing it).
  bool prepend = false;
};

// Calls fn for every table scope of select and of its includes, the nested
// ones (inside a filter) before the one holding them.
void forEachTableScope(Select& select, const std::function<void(TableScope&)>& fn);

// Debug check after each pass: every column and relation points at the
// schema, every alias was allocated, no And/Or holds a null child.
void verifySelect(const Select& select, const AliasAllocator& aliases);

// Keeps live rows of @@softDelete models: the root follows its
// withDeleted / onlyDeleted flag, related rows (relation filters, includes,
// relation aggregates and _count) are always live only.
void applySoftDelete(PassContext& ctx);

}  // namespace litestone::query
