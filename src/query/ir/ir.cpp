#include "query/ir/ir.hpp"

#include <cstdio>
#include <cstdlib>

namespace litestone::query {

std::string pathText(const ArgPath& path) {
  std::string out;
  for (auto& step : path) {
    if (step.index >= 0) {
      out += '[' + std::to_string(step.index) + ']';
    } else {
      if (!out.empty()) out += '.';
      out += step.key;
    }
  }
  return out.empty() ? "args" : out;
}

const json* resolvePath(const json& root, const ArgPath& path) {
  const json* at = &root;
  for (auto& step : path) {
    if (step.index >= 0) {
      if (!at->is_array() || static_cast<size_t>(step.index) >= at->size()) return nullptr;
      at = &(*at)[static_cast<size_t>(step.index)];
    } else {
      if (!at->is_object()) return nullptr;
      auto it = at->find(step.key);
      if (it == at->end()) return nullptr;
      at = &*it;
    }
  }
  return at;
}

void kindMismatch(NodeKind actual, NodeKind wanted) {
  std::fprintf(stderr, "litestone: IR node of kind %d used as kind %d\n", static_cast<int>(actual),
               static_cast<int>(wanted));
  std::abort();
}

}  // namespace litestone::query
