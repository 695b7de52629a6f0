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

struct Registry {
  std::unordered_map<std::string, ActionFn> actions;
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
  auto it = a.find(std::string(name));
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
