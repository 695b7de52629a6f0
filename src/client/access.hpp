#pragma once

// The library's way into a Client's shared state, kept out of the public
// header: the client layer itself, the layers above it (migrate), the CLI and
// tests use it. Users of litestone never see it.

#include <memory>
#include <string>

#include "litestone/client.hpp"

namespace litestone::engine {
class Database;
}
namespace litestone::schema {
struct Schema;
}

namespace litestone::detail {

struct ClientAccess {
  static ClientState& state(const Client& c) noexcept { return *c.state_; }
  static const std::shared_ptr<ClientState>& shared(const Client& c) noexcept { return c.state_; }
};

inline ClientState& stateOf(const Client& c) noexcept { return ClientAccess::state(c); }

// The resolved schema the client was opened with.
const schema::Schema& schemaOf(const Client& c);
// The open database of a sqlite block by name, or null when the block is not
// open (another driver, or no such block).
engine::Database* databaseOf(const Client& c, const std::string& block);

}  // namespace litestone::detail
