#include <algorithm>

#include "query/passes/passes.hpp"

namespace litestone::query {

std::string_view passName(PassId id) {
  switch (id) {
    case PassId::SoftDelete:
      return "applySoftDelete";
  }
  return "";
}

bool PassOptions::enabled(PassId id) const {
  return std::find(disabled.begin(), disabled.end(), id) == disabled.end();
}

void runPasses(Select& select, AliasAllocator& /*aliases*/, const PassOptions& options) {
  // 1. Soft delete first: later passes (policies, gate) filter the rows that
  //    exist for the caller, and a deleted row exists for nobody unless asked.
  if (options.enabled(PassId::SoftDelete)) applySoftDelete(select);
}

}  // namespace litestone::query
