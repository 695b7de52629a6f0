#include "engine/locks.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>

namespace litestone::engine {

namespace {

constexpr const char* kCreate =
    "CREATE TABLE IF NOT EXISTS \"_litestone_locks\" (\"name\" TEXT PRIMARY KEY, \"owner\" TEXT NOT NULL, "
    "\"expires_at\" INTEGER NOT NULL) STRICT";

// Inserts the lock, or takes over a row that is expired or already ours.
constexpr const char* kAcquire =
    "INSERT INTO \"_litestone_locks\" (\"name\", \"owner\", \"expires_at\") VALUES (?1, ?2, ?3) "
    "ON CONFLICT (\"name\") DO UPDATE SET \"owner\" = excluded.\"owner\", \"expires_at\" = "
    "excluded.\"expires_at\" "
    "WHERE \"_litestone_locks\".\"expires_at\" <= ?4 OR \"_litestone_locks\".\"owner\" = ?2";

constexpr const char* kRelease = "DELETE FROM \"_litestone_locks\" WHERE \"name\" = ?1 AND \"owner\" = ?2";

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

bool tryAcquireLock(Database& db, const std::string& name, const std::string& owner, int64_t ttl_ms) {
  bool taken = false;
  db.transaction([&](Connection& c) {
    c.cached(kCreate)->run();
    int64_t now = nowMs();
    auto stmt = c.cached(kAcquire);
    stmt->bindText(1, name);
    stmt->bindText(2, owner);
    stmt->bind(3, now + ttl_ms);
    stmt->bind(4, now);
    taken = stmt->run() == 1;
  });
  return taken;
}

bool releaseLock(Database& db, const std::string& name, const std::string& owner) noexcept {
  try {
    bool removed = false;
    db.transaction([&](Connection& c) {
      c.cached(kCreate)->run();
      auto stmt = c.cached(kRelease);
      stmt->bindText(1, name);
      stmt->bindText(2, owner);
      removed = stmt->run() == 1;
    });
    return removed;
  } catch (...) {
    return false;
  }
}

std::string newLockOwner() {
  static const int64_t kStart = nowMs();
  static std::atomic<uint64_t> counter{0};
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + std::to_string(kStart) + ":" +
         std::to_string(counter.fetch_add(1) + 1);
}

}  // namespace litestone::engine
