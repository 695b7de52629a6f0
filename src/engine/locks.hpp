#pragma once

// Application-level named locks kept in the table _litestone_locks of one
// database, so that they hold across every process that opens the file. A
// lock has an owner token and an expiry: a holder that dies without
// releasing it blocks others only until the expiry, after which anyone may
// take it over. Every statement runs in a BEGIN IMMEDIATE transaction, which
// makes taking a lock atomic across processes.

#include <cstdint>
#include <string>

#include "engine/database.hpp"

namespace litestone::engine {

// Name of the lock table.
inline constexpr const char* kLockTable = "_litestone_locks";

// Takes `name` for `owner` until now + ttl_ms when it is free, expired, or
// already held by owner (which renews it). Returns whether owner holds it.
bool tryAcquireLock(Database& db, const std::string& name, const std::string& owner, int64_t ttl_ms);

// Releases `name` if owner still holds it. Returns whether a row was removed.
// Never throws (called from destructors); a failure leaves the lock to expire.
bool releaseLock(Database& db, const std::string& name, const std::string& owner) noexcept;

// A token unique to this process and call: "<host>:<pid>:<start>:<n>".
std::string newLockOwner();

}  // namespace litestone::engine
