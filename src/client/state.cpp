#include "client/state.hpp"

#include <algorithm>

#include "client/access.hpp"

namespace litestone::detail {

void ClientState::notify(const QueryEvent& e) {
  if (options.onQuery) options.onQuery(e);
  std::vector<QueryObserver> taps;
  {
    std::lock_guard lock(taps_mutex_);
    for (auto& [id, fn] : taps_) taps.push_back(fn);
  }
  // Called outside the lock so that an observer may add or remove taps.
  for (auto& fn : taps) fn(e);
}

uint64_t ClientState::addTap(QueryObserver fn) {
  std::lock_guard lock(taps_mutex_);
  uint64_t id = next_tap_++;
  taps_.emplace_back(id, std::move(fn));
  has_observers_ = true;
  return id;
}

void ClientState::removeTap(uint64_t id) {
  std::lock_guard lock(taps_mutex_);
  std::erase_if(taps_, [id](auto& t) { return t.first == id; });
  has_observers_ = !taps_.empty() || static_cast<bool>(options.onQuery);
}

const schema::Schema& schemaOf(const Client& c) { return *stateOf(c).schema; }

engine::Database* databaseOf(const Client& c, const std::string& block) {
  auto& databases = stateOf(c).databases;
  auto it = databases.find(block);
  return it == databases.end() ? nullptr : it->second.get();
}

}  // namespace litestone::detail
