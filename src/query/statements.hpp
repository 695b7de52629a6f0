#pragma once

// The fixed statements of the write pipeline: one row by primary key (the
// row was already chosen by a read, or is being inserted), join-table links,
// and @sequence counters. Built as Write / Select IR and emitted by emit/,
// so query/emit stays the only writer of query SQL.
//
// Params: ParamSource::Value binds the prepared value of a field (external 0:
// the row written; 1: the `update` object of an upsertMany); External i binds
// the i-th key value the caller passes (primary key fields in order, or as
// each function says).

#include <string>
#include <vector>

#include "query/emit/compiled.hpp"
#include "query/ir/write.hpp"

namespace litestone::query {

// How an INSERT handles a unique conflict. No sets and no copies = DO NOTHING.
struct ConflictSpec {
  std::vector<const schema::Field*> target;  // empty: any constraint
  std::vector<const schema::Field*> sets;    // = the upsert's update value (Value, external 1)
  std::vector<const schema::Field*> copy;    // = excluded.column
};

// INSERT of `fields` (Values of external 0), RETURNING every stored field
// in schema order when returning_all.
CompiledWrite insertRow(const schema::Model& m, const std::vector<const schema::Field*>& fields,
                        bool returning_all, const ConflictSpec* conflict = nullptr);
// UPDATE of one row by key. An empty `fields` is not an UPDATE: callers
// read the row instead (selectByKey).
CompiledWrite updateByKey(const schema::Model& m, const std::vector<const schema::Field*>& fields,
                          bool returning_all);
// remove / restore of one row by key: sets deletedAt (Value of external 0)
// on a live row (remove) or a deleted one (restore); the soft-delete pass
// adds that condition.
CompiledWrite setDeletedByKey(const schema::Model& m, bool remove);
CompiledWrite deleteByKey(const schema::Model& m);
// SELECT of every stored field (schema order) of one row by key.
CompiledWrite selectByKey(const schema::Model& m);
// Primary keys of the soft-delete children of one parent row through r:
// External i = the parent's local field i; live children, or (deleted) those
// with deletedAt = External n.
CompiledWrite childKeys(const schema::Relation& r, bool deleted);

// Many-to-many links (JoinOp in ir/write.hpp). External 0 = our key, 1 = theirs.
CompiledWrite joinTable(const schema::Relation& r, JoinOp op);

// @sequence: the next value of field f of m in the scope (External 0 = the
// scope as text, 1 = the scope value), RETURNING it. The counter table is
// created by ddl::sequencesTable().
CompiledWrite nextSequence(const schema::Model& m, const schema::Field& f);

}  // namespace litestone::query
