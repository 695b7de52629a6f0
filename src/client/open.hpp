#pragma once

// Opening a client, for callers inside the project that must not create a
// database file: the CLI's `call` (a read on a missing path would otherwise
// leave an empty database and fail later with "no such table").

#include "litestone/client.hpp"

namespace litestone::detail {

// createClient(options) when create_missing; otherwise a database file that
// does not exist is DATABASE_NOT_FOUND (suggesting push / migrate apply) and
// nothing is created. A folder that cannot be created is DATABASE_CANNOT_CREATE.
Client openClient(const ClientOptions& options, bool create_missing);

}  // namespace litestone::detail
