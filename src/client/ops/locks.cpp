// Client::lock / tryLock and LockGuard over engine/locks (the lock table
// lives in the main database, shared by every process that opens it).

#include <thread>

#include "client/ops/ops.hpp"
#include "engine/locks.hpp"
#include "litestone/client.hpp"

namespace litestone {

namespace {

// Poll interval while lock() waits for a held lock. Short enough that a
// released lock is picked up quickly, long enough to leave the write
// connection to the holder.
constexpr auto kLockPoll = std::chrono::milliseconds(20);

void checkLockArgs(const std::string& name, std::chrono::milliseconds ttl) {
  if (name.empty()) throw QueryError("QUERY_BAD_LOCK", "lock name must not be empty", {{"field", "name"}});
  if (ttl.count() <= 0)
    throw QueryError("QUERY_BAD_LOCK",
                     "lock ttl must be positive, got " + std::to_string(ttl.count()) + " ms",
                     {{"field", "ttl"}, {"value", ttl.count()}});
}

}  // namespace

LockGuard::LockGuard(std::shared_ptr<detail::ClientState> state, std::string name, std::string owner)
    : state_(std::move(state)), name_(std::move(name)), owner_(std::move(owner)) {}

LockGuard::~LockGuard() { release(); }

LockGuard::LockGuard(LockGuard&& o) noexcept
    : state_(std::move(o.state_)), name_(std::move(o.name_)), owner_(std::move(o.owner_)) {}

LockGuard& LockGuard::operator=(LockGuard&& o) noexcept {
  if (this != &o) {
    release();
    state_ = std::move(o.state_);
    name_ = std::move(o.name_);
    owner_ = std::move(o.owner_);
  }
  return *this;
}

bool LockGuard::extend(std::chrono::milliseconds ttl) const {
  if (!state_) return false;
  checkLockArgs(name_, ttl);
  return engine::tryAcquireLock(state_->mainDatabase(), name_, owner_, ttl.count());
}

void LockGuard::release() noexcept {
  if (!state_) return;
  engine::releaseLock(state_->mainDatabase(), name_, owner_);
  state_.reset();
}

std::optional<LockGuard> Client::tryLock(const std::string& name, std::chrono::milliseconds ttl) const {
  checkLockArgs(name, ttl);
  std::string owner = engine::newLockOwner();
  if (!engine::tryAcquireLock(state_->mainDatabase(), name, owner, ttl.count())) return std::nullopt;
  return std::optional<LockGuard>(std::in_place, state_, name, std::move(owner));
}

LockGuard Client::lock(const std::string& name, std::chrono::milliseconds ttl,
                       std::chrono::milliseconds wait) const {
  checkLockArgs(name, ttl);
  std::string owner = engine::newLockOwner();
  auto deadline = std::chrono::steady_clock::now() + wait;
  while (!engine::tryAcquireLock(state_->mainDatabase(), name, owner, ttl.count())) {
    if (std::chrono::steady_clock::now() >= deadline) {
      throw DatabaseError("LOCK_TIMEOUT",
                          "lock \"" + name + "\" is held by another owner; gave up after " +
                              std::to_string(wait.count()) + " ms",
                          {{"lock", name}, {"wait_ms", wait.count()}});
    }
    std::this_thread::sleep_for(kLockPoll);
  }
  return LockGuard(state_, name, std::move(owner));
}

}  // namespace litestone
