#pragma once

// The write IR: one INSERT, UPDATE or DELETE statement, resolved against the
// Schema. A soft delete (remove) and a restore are Updates that set
// deletedAt. Like the read IR it holds no values: each written value is a
// Param (ParamSource::Value: the value the client's write pipeline prepared
// for that field — validated, transformed, defaulted, stamped), and the rows
// an Update or Delete touches are a Select lowered from the write's `where`
// by the read path and rewritten by the same passes (soft delete, ...).

#include <memory>
#include <optional>
#include <vector>

#include "query/ir/ir.hpp"

namespace litestone::query {

enum class WriteKind { Insert, Update, Delete };

// One column set by the statement.
struct Assignment {
  const schema::Field* field = nullptr;
  Param value;
};

// INSERT ... ON CONFLICT [(target)] DO NOTHING | DO UPDATE SET ...
// No sets and no copies = DO NOTHING.
struct OnConflict {
  std::vector<const schema::Field*> target;  // empty: any constraint
  std::vector<Assignment> sets;              // column = param
  std::vector<const schema::Field*> copy;    // column = excluded.column
};

// The statements on an implicit many-to-many join table (not a model).
enum class JoinOp { Link, Unlink, Linked, UnlinkAll };

struct Write {
  WriteKind kind = WriteKind::Update;
  const schema::Model* model = nullptr;
  std::vector<Assignment> values;  // Insert: the columns; Update: SET
  // Update / Delete: the rows touched, as a Select of the model (its alias
  // names the table in the statement; only its where is used). Null = every row.
  std::unique_ptr<Select> target;
  // Columns returned per written row (RETURNING), in order; empty = none.
  std::vector<const schema::Field*> returning;
  std::optional<OnConflict> on_conflict;  // Insert
};

}  // namespace litestone::query
