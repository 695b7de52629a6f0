#pragma once

// Shared by the operational members of Client (backup, WAL, optimize, locks,
// attach): picking a database block by name.

#include <string>
#include <string_view>

#include "client/state.hpp"

namespace litestone::detail {

// The block name: "" means the main database.
std::string databaseName(const ClientState& state, std::string_view name);
// The open database named (or main), or throws QueryError
// QUERY_UNKNOWN_DATABASE listing the open ones.
engine::Database& databaseNamed(ClientState& state, std::string_view name);
engine::WalMonitor& walMonitor(ClientState& state, std::string_view name);

}  // namespace litestone::detail
