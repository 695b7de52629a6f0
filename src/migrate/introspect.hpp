#pragma once

// Reverse engineering: a live database → .lite schema text. Reads a Snapshot
// and recognizes the shapes ddl/ writes (Boolean and enum CHECKs, json_valid,
// now() defaults, FTS5 external-content tables, soft-delete partial indexes,
// implicit many-to-many join tables). What it cannot tell apart is kept as
// the plain type (DateTime without a now() default reads as Text).

#include <string>

#include "migrate/snapshot.hpp"

namespace litestone::migrate {

std::string introspectSnapshot(const Snapshot& snap);

}  // namespace litestone::migrate
