#pragma once

// IR passes: rewrites of a lowered Select that change which rows it touches
// (soft delete now; policies, the gate, global filters and scopes later).
// runPasses is the one list, in order; each pass has its own file.

#include <string_view>

#include "query/ir/ir.hpp"

namespace litestone::query {

enum class PassId { SoftDelete };

std::string_view passName(PassId id);

struct PassOptions {
  // Passes switched off (tests, --explain of the raw lowering).
  std::vector<PassId> disabled;
  bool enabled(PassId id) const;
};

// Runs every pass over the tree rooted at select.
void runPasses(Select& select, AliasAllocator& aliases, const PassOptions& options = {});

// Keeps live rows of @@softDelete models: the root follows its
// withDeleted / onlyDeleted flag, related rows (relation filters, includes,
// relation aggregates and _count) are always live only.
void applySoftDelete(Select& select);

}  // namespace litestone::query
