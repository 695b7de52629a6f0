#pragma once

// The one builder of QueryEvent, what onQuery / tapQuery observers receive
// (include/litestone/client.hpp). Callers check ClientState::hasObservers()
// first so that a client without observers builds nothing.

#include <cstdint>
#include <string_view>

#include "litestone/client.hpp"

namespace litestone::schema {
struct Model;
}

namespace litestone::detail {

struct ClientState;

// An event for one statement. model is null for raw sql(), which runs on the
// main database; actor_id is auth's "id", or null.
QueryEvent makeQueryEvent(const ClientState& state, const schema::Model* model, std::string_view operation,
                          const json& auth, std::string_view sql, json params, double duration_ms,
                          int64_t row_count, json args);

}  // namespace litestone::detail
