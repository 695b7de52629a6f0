#pragma once

// Runs compiled reads on a connection: binds params, decodes rows, loads
// includes one statement per relation per level (parent keys batched into
// one JSON array), and reports each statement to onQuery observers.
// Also the read-back the writes use (rows by primary key with select/include).

#include <functional>
#include <span>

#include "client/state.hpp"
#include "engine/connection.hpp"
#include "query/compile.hpp"

namespace litestone::detail {

// The params of a statement as bound (for events and for writes' own SQL).
// Auth params read the caller's auth JSON (`auth`, null for none).
json resolveParam(const query::Param& p, const json& args, std::span<const json> externals,
                  const json& auth = json());
// Binds params[i] to ? number first + i.
void bindParams(engine::Statement& stmt, const std::vector<query::Param>& params, const json& args,
                std::span<const json> externals, int first = 1, const std::string* external_text = nullptr,
                const json& auth = json());

class ReadExecutor {
 public:
  ReadExecutor(CallContext& ctx, engine::Connection& conn, const json& args)
      : ctx_(ctx), conn_(conn), args_(args) {}

  // The rows of a Rows select with its includes stitched in.
  json rows(const query::CompiledSelect& select);
  // The single integer of a Count / Exists select.
  int64_t scalar(const query::CompiledSelect& select);

 private:
  struct Keys;
  // external_text: the parent keys as JSON text (external 0 of a child level).
  json level(const query::CompiledSelect& select, std::span<const json> externals,
             const std::string* external_text, Keys* link_keys);
  void loadIncludes(const query::CompiledSelect& select, json& rows, std::vector<Keys>& parent_keys);
  void notify(const query::CompiledSelect& select, std::span<const json> externals, double ms, int64_t rows);

  CallContext& ctx_;
  engine::Connection& conn_;
  const json& args_;
};

// Runs fn on a read connection of db: the one pinned by an enclosing
// snapshot (Client::query) on this thread, else db.read().
void withReadConnection(engine::Database& db, const std::function<void(engine::Connection&)>& fn);

// Pins conn as the read connection of db for this thread while alive.
class PinnedRead {
 public:
  PinnedRead(engine::Database& db, engine::Connection& conn);
  ~PinnedRead();
  PinnedRead(const PinnedRead&) = delete;
  PinnedRead& operator=(const PinnedRead&) = delete;

 private:
  engine::Database* db_;
};

// The database name of a model for events ("main" by default).
const std::string& databaseName(const schema::Model& model);

}  // namespace litestone::detail
