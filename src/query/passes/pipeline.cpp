// The pass list and its driver.

#include <algorithm>
#include <array>

#include "query/passes/passes.hpp"

namespace litestone::query {

namespace {

struct PassEntry {
  PassId id;
  std::string_view name;
  void (*run)(PassContext&);
};

// In order. 1. Soft delete first: later passes (policies, gate) filter the
// rows that exist for the caller, and a deleted row exists for nobody
// unless asked.
constexpr std::array kPasses{
    PassEntry{PassId::SoftDelete, "applySoftDelete", &applySoftDelete},
};

}  // namespace

std::string_view passName(PassId id) {
  for (const auto& p : kPasses)
    if (p.id == id) return p.name;
  return "";
}

std::string_view queryOpName(QueryOp op) {
  switch (op) {
    case QueryOp::Read:
      return "read";
    case QueryOp::Create:
      return "create";
    case QueryOp::Update:
      return "update";
    case QueryOp::Delete:
      return "delete";
  }
  return "";
}

bool PassOptions::enabled(PassId id) const {
  return std::find(disabled.begin(), disabled.end(), id) == disabled.end();
}

void runPasses(Select& select, AliasAllocator& aliases, QueryOp op, const PassOptions& options) {
  PassContext ctx{select, aliases, op};
  for (const auto& pass : kPasses) {
    if (!options.enabled(pass.id)) continue;
    auto start = std::chrono::steady_clock::now();
    pass.run(ctx);
    if (options.timings) options.timings->emplace_back(pass.id, std::chrono::steady_clock::now() - start);
#ifndef NDEBUG
    verifySelect(select, aliases);
#endif
  }
}

}  // namespace litestone::query
