#pragma once

// The record of which seeds ran in a database: the table _litestone_seeds
// (name, kind, applied_at). Used inside the transaction that runs the seed,
// so that a seed and its record commit or roll back together.

#include <string>

#include "engine/connection.hpp"

namespace litestone::engine {

inline constexpr const char* kSeedTable = "_litestone_seeds";

// Whether a seed of this name was recorded (creates the table if needed).
bool seedApplied(Connection& conn, const std::string& name);
// Records (or re-records, after --force) the seed with the current time.
void recordSeed(Connection& conn, const std::string& name, const std::string& kind);

}  // namespace litestone::engine
