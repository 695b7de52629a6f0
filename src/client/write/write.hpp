#pragma once

// What the write actions share: the call being served, statement execution
// with binds and observers (sql.cpp), constraint errors mapped back to
// fields (constraint_map.cpp), the rows a where matches (targets.cpp), and
// row-level create/update used by both the actions and nested writes.
// Every function here runs inside the model database's write transaction.

#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "client/state.hpp"
#include "client/write/pipeline.hpp"
#include "engine/connection.hpp"
#include "litestone/error.hpp"
#include "query/compile.hpp"

namespace litestone::detail::write {

// One write call on one model (a nested write gets its own, for its model).
struct WriteCall {
  CallContext& call;
  const schema::Model& model;
  const CallClock& now;  // one timestamp for the whole call
  const json& args;

  WriteCall child(const schema::Model& m) const { return WriteCall{call, m, now, args}; }
  RowContext rowContext(WriteOp op) const {
    return RowContext{model, op, call.auth, now, call.state.cipher.get()};
  }
};

// ---- sql.cpp --------------------------------------------------------------

// A cached statement of the write connection with positional binds. Tells
// the client's observers about each run when there are any, and turns
// ConstraintError into one naming the model's fields.
class Exec {
 public:
  Exec(const WriteCall& w, engine::Connection& conn, const std::string& sql);
  Exec(const Exec&) = delete;
  Exec& operator=(const Exec&) = delete;

  void bind(const schema::Field& f, const json& value);  // column value by field type
  // bind, but a text value is not copied: value must stay alive until the
  // statement has run (the row of insertAll / insertPrepared / updatePrepared).
  void bindRef(const schema::Field& f, const json& value);
  void bindPlain(const json& value);  // JSON value as the engine binds it
  // Steps once: true when a row is available (RETURNING).
  bool step();
  // Steps to completion and returns the number of changed rows.
  int64_t run();
  // Ends a RETURNING run early and reports it; safe to call once after step().
  void finish();
  // Readies the statement for the next row (bulk inserts).
  void reset();
  engine::Statement& statement() { return *lease_; }

 private:
  void notify(int64_t rows);
  void bindValue(const schema::Field& f, const json& value, bool by_ref);
  const WriteCall& w_;
  engine::StatementLease lease_;
  int next_ = 1;
  bool observe_ = false;
  bool reported_ = false;
  int64_t rows_ = 0;
  json params_;
  std::chrono::steady_clock::time_point start_;
};

// Runs a statement compiled by the query layer: Value params bind the
// prepared row data by field type, the others resolve against the call's
// args. Returns the changed rows; with keys, collects the primary key of
// each row the statement RETURNS.
int64_t runCompiled(const WriteCall& w, engine::Connection& conn, const query::CompiledWrite& compiled,
                    const json& data, std::vector<json>* keys = nullptr);
// The cached compilation of a whole-set write of w.model (query/compile.hpp).
std::shared_ptr<const query::CompiledWrite> compiledWrite(const WriteCall& w, query::WriteAction action,
                                                          std::vector<const schema::Field*> fields = {},
                                                          bool return_keys = false);

// A fixed statement (query/statements.hpp) of this client, compiled once
// per key: the key names the statement, its model and its shape.
std::shared_ptr<const query::CompiledWrite> statement(const WriteCall& w, const std::string& key,
                                                      const std::function<query::CompiledWrite()>& build);
// Binds the params of a compiled statement: Value params from `row` (or,
// external 1, from `second`), External i from keys[i], constants, and args
// / auth values of the call.
void bindCompiled(Exec& e, const WriteCall& w, const query::CompiledWrite& c, const json& row,
                  std::span<const json> keys = {}, const json* second = nullptr);
// The primary key values of pk ({field: value}) in primary_key order.
std::vector<json> keyValues(const schema::Model& model, const json& pk);
// '1' / '0' per field of model: stored and present in data. Appends to key
// and fills fields with the present ones.
void appendMask(const schema::Model& model, const json& data, std::string& key,
                std::vector<const schema::Field*>& fields);
// The primary key fields of a row (field name → value).
json pkOf(const schema::Model& model, const json& row);
// A RETURNING row read back as {field: raw value}.
json rawRow(const schema::Model& model, engine::Statement& s);

// ---- constraint_map.cpp ---------------------------------------------------

// The same failure, naming the model and its fields instead of columns.
ConstraintError mapConstraint(const schema::Model& model, const ConstraintError& e);

// ---- targets.cpp ----------------------------------------------------------

enum class Deleted { Live, Any, Only };

// Primary keys of the rows matching where (as findMany sees them: policies,
// soft delete). limit 0 = all.
std::vector<json> findTargets(const WriteCall& w, const json& where, Deleted deleted, int64_t limit = 0);
// The number of rows matching where (as findTargets would list them).
int64_t countTargets(const WriteCall& w, const json& where, Deleted deleted);
// A fast path: when where is exactly the primary key (scalar values) on a
// model without soft delete or policies, the pk itself.
std::optional<json> directPk(const WriteCall& w, const json& where);
// The row with select/include/omit from args applied, read through the
// query layer inside the current transaction. Null when it is not visible.
json readBack(const WriteCall& w, const json& pk, const json& args, Deleted deleted);
// Checks that args only holds the named keys; else QueryError listing them.
void checkArgs(std::string_view action, const json& args, std::initializer_list<std::string_view> allowed);
const json& requireArg(std::string_view action, const json& args, std::string_view key);
// True when args asks for no returned row (select: false).
bool noReturn(const json& args);

// True when writing data to model is one statement: no relation keys (nested
// writes) and no @sequence fields (a counter statement first). Such a write
// needs no SAVEPOINT inside the caller's transaction
// (engine::Database::singleStatement).
bool isSingleStatement(const schema::Model& model, const json& data);
// Runs fn in the model database's write transaction, without a SAVEPOINT
// when `single` and the caller already holds a transaction.
void inWriteTransaction(CallContext& ctx, bool single, const std::function<void(engine::Connection&)>& fn);

// ---- sequence.cpp ---------------------------------------------------------

// Fills absent @sequence fields with the next number of their scope.
void assignSequences(const WriteCall& w, engine::Connection& conn, json& data);

// ---- create.cpp / update.cpp ----------------------------------------------

// Creates one row with its nested writes. Returns the raw row (RETURNING),
// or null when want_row is false and no nested write needs it. With key_only
// it may return just the primary key fields (no RETURNING needed).
json createRow(const WriteCall& w, engine::Connection& conn, json data, bool want_row = true,
               bool key_only = false);
// Inserts one row of scalar data that already went through prepareRow.
json insertPrepared(const WriteCall& w, engine::Connection& conn, const json& data, bool want_row);
// Updates the row with this primary key (and its nested writes). pk follows
// a primary key change. Returns false when there is no such row.
bool updateRow(const WriteCall& w, engine::Connection& conn, json& pk, json data);
// Runs UPDATE for scalar data already through prepareRow. Returns the raw row
// when want_row, else null; null too when no row has this pk.
json updatePrepared(const WriteCall& w, engine::Connection& conn, const json& pk, const json& data,
                    bool want_row);
// Reads the raw row with this pk (null when none).
json selectRaw(const WriteCall& w, engine::Connection& conn, const json& pk);
// Rows (raw values of `fields`) matching where, through the query layer.
std::vector<json> findRows(const WriteCall& w, const json& where,
                           const std::vector<const schema::Field*>& fields, int64_t limit = 0);

// ---- nested.cpp -----------------------------------------------------------

struct NestedOps {
  std::vector<std::pair<const schema::Field*, json>> ops;  // relation field → its op object
  bool empty() const { return ops.empty(); }
};
// Moves relation fields out of data.
NestedOps splitNested(const schema::Model& model, json& data);
// Runs the belongsTo ops (the row holds the foreign key): sets FK fields in
// data. pk is the row being updated, null on create.
void applyParentOps(const WriteCall& w, engine::Connection& conn, const NestedOps& ops, json& data,
                    WriteOp op, const json* pk);
// Runs the hasMany / hasOne / manyToMany ops once the row exists.
void applyChildOps(const WriteCall& w, engine::Connection& conn, const NestedOps& ops, const json& row,
                   WriteOp op);

}  // namespace litestone::detail::write
