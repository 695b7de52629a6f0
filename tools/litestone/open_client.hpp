#pragma once

// The Client a command opens from the global flags (--schema, --db,
// --encryption-key). Shared by the operational commands.

#include "command.hpp"
#include "litestone/client.hpp"

namespace litestone::cli {

inline ClientOptions clientOptions(const Globals& g) {
  ClientOptions options;
  options.path = g.schema.empty() ? "schema.lite" : g.schema;
  options.db = g.db;
  options.encryption_key = g.encryption_key;
  return options;
}

}  // namespace litestone::cli
