#pragma once

// The read pipeline as functions other client code reuses (writes read back
// their rows, Client::query routes its entries here).

#include "client/state.hpp"
#include "engine/connection.hpp"
#include "query/compile.hpp"

namespace litestone::detail {

// Registers the read actions (called from actions.cpp).
void registerReadActions();

// Compiles (through the cache) and runs a Rows read of ctx.model.
json readRows(CallContext& ctx, query::Operation op, const json& args);
// Compiles and runs a Count / Exists read; returns the integer.
int64_t readScalar(CallContext& ctx, query::Operation op, const json& args);

// BEGIN ... COMMIT on a read connection so several statements see one
// snapshot. Does nothing when the connection is already in a transaction.
// Rolls back (harmless: nothing was written) if not committed.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(engine::Connection& conn);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  void commit();

 private:
  engine::Connection& conn_;
  bool open_ = false;
};

}  // namespace litestone::detail
