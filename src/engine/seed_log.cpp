#include "engine/seed_log.hpp"

namespace litestone::engine {

namespace {

const std::string kCreate =
    "CREATE TABLE IF NOT EXISTS \"_litestone_seeds\" (\"name\" TEXT PRIMARY KEY, \"kind\" TEXT NOT NULL, "
    "\"applied_at\" TEXT NOT NULL) STRICT";
const std::string kFind = "SELECT 1 FROM \"_litestone_seeds\" WHERE \"name\" = ?";
const std::string kRecord =
    "INSERT INTO \"_litestone_seeds\" (\"name\", \"kind\", \"applied_at\") "
    "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) "
    "ON CONFLICT (\"name\") DO UPDATE SET \"kind\" = excluded.\"kind\", \"applied_at\" = "
    "excluded.\"applied_at\"";

}  // namespace

bool seedApplied(Connection& conn, const std::string& name) {
  conn.cached(kCreate)->run();
  auto stmt = conn.cached(kFind);
  stmt->bindText(1, name);
  return stmt->step();
}

void recordSeed(Connection& conn, const std::string& name, const std::string& kind) {
  conn.cached(kCreate)->run();
  auto stmt = conn.cached(kRecord);
  stmt->bindText(1, name);
  stmt->bindText(2, kind);
  stmt->run();
}

}  // namespace litestone::engine
