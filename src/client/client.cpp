// Client handle basics: model access, auth scoping, query taps. The other
// members live beside the feature they expose (open.cpp, call.cpp,
// transaction.cpp).

#include "litestone/client.hpp"
#include "client/state.hpp"

namespace litestone {

Client::Client(std::shared_ptr<detail::ClientState> state, json auth, bool system)
    : state_(std::move(state)), auth_(std::move(auth)), system_(system) {}

ModelClient Client::operator[](std::string_view model) const {
  return ModelClient(*this, std::string(model));
}

Client Client::setAuth(json auth) const { return Client(state_, std::move(auth), false); }

Client Client::asSystem() const { return Client(state_, auth_, true); }

std::function<void()> Client::tapQuery(QueryObserver fn) const {
  auto id = state_->addTap(std::move(fn));
  std::weak_ptr<detail::ClientState> weak = state_;
  return [weak, id] {
    if (auto s = weak.lock()) s->removeTap(id);
  };
}

}  // namespace litestone
