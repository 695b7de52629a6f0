#include "engine/script.hpp"

#include <sqlite3.h>

#include <climits>

#include "engine/connection.hpp"
#include "engine/errors.hpp"

namespace litestone::engine {

Statement Script::next() {
  while (!rest_.empty()) {
    if (rest_.size() >= static_cast<size_t>(INT_MAX)) throwMisuse("SQL script too long", "");
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(conn_.handle(), rest_.data(), static_cast<int>(rest_.size()), &raw, &tail);
    size_t used = tail != nullptr ? static_cast<size_t>(tail - rest_.data()) : rest_.size();
    std::string_view text = rest_.substr(0, used);
    if (rc != SQLITE_OK) {
      ++index_;
      rest_ = {};
      throwSqliteError(conn_.handle(), rc, text);
    }
    rest_.remove_prefix(used);
    if (raw == nullptr) continue;  // whitespace or comments only
    ++index_;
    return Statement(conn_.handle(), raw);
  }
  return Statement();
}

}  // namespace litestone::engine
