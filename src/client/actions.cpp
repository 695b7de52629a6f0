// The action registry of the wire protocol. Each feature registers its
// actions in one function listed in registerAll().

#include <algorithm>
#include <mutex>
#include <unordered_map>

#include "client/state.hpp"

namespace litestone::detail {

// Defined beside the actions they register. Add one line per feature file.
void registerReadActions();
void registerWriteActions();
void registerAggregateActions();

namespace {

// Heterogeneous lookup: find(string_view) without building a std::string.
struct NameHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

struct Registry {
  std::unordered_map<std::string, ActionFn, NameHash, std::equal_to<>> actions;
};

Registry& registry() {
  static Registry r;
  return r;
}

void registerAll() {
  static std::once_flag once;
  std::call_once(once, [] {
    registerReadActions();
    registerWriteActions();
    registerAggregateActions();
  });
}

}  // namespace

void registerAction(std::string name, ActionFn fn) { registry().actions[std::move(name)] = fn; }

ActionFn findAction(std::string_view name) {
  registerAll();
  auto& a = registry().actions;
  auto it = a.find(name);
  return it == a.end() ? nullptr : it->second;
}

std::vector<std::string> actionNames() {
  registerAll();
  std::vector<std::string> names;
  for (auto& [n, fn] : registry().actions) names.push_back(n);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace litestone::detail
