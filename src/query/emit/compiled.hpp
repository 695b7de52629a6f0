#pragma once

// What emit/ produces and the client executes: SQL text, the parameter slots
// in placeholder order, and how to turn each result column into JSON.
// Immutable once built, shared between threads through the compile cache.

#include <memory>
#include <string>
#include <vector>

#include "query/ir/ir.hpp"

namespace litestone::query {

// How includes are loaded. Batched: one statement per relation per level,
// parent keys bound as a list (`IN (SELECT value FROM json_each(?))`).
// Json: a correlated subquery per include in the parent's column list that
// builds the children with json_group_array(json_object(...)): one statement
// for the whole tree.
enum class IncludeStrategy { Batched, Json };

// How a column's SQLite value becomes JSON (DESIGN §4).
enum class DecodeAs {
  Integer,
  Real,
  Text,     // Text, DateTime (ISO-8601), enums
  Boolean,  // 0/1 → false/true
  Json,     // Json, typed Json, lists, File: parsed
  Blob,     // {"$blob": base64}
  Count,    // an integer aggregate
};

DecodeAs decodeAs(const schema::Field& field);

// One key of a result row, in order.
struct RowItem {
  enum class Kind {
    Column,   // the value of SQL column `column`
    Include,  // the rows of includes[include]; JSON text in `column` when inlined
    Counts,   // {"name": n, ...} from the columns in `counts`
  };
  Kind kind = Kind::Column;
  std::string name;
  const schema::Field* field = nullptr;
  DecodeAs decode = DecodeAs::Text;
  int column = -1;
  int include = -1;
  std::vector<std::pair<std::string, int>> counts;
};

struct CompiledSelect;

struct CompiledInclude {
  std::string name;
  const schema::Relation* relation = nullptr;
  bool to_many = false;
  // The parent columns holding the local side of the relation; their values
  // (distinct) are bound as a JSON array to the child's external 0.
  std::vector<int> parent_key_columns;
  // IncludeStrategy::Json: the rows come as JSON text in a column of the
  // parent (its RowItem's `column`); child holds only the items to decode
  // them (no SQL), recursively.
  bool inline_json = false;
  std::unique_ptr<CompiledSelect> child;
};

struct CompiledSelect {
  const schema::Model* model = nullptr;
  ReadMode mode = ReadMode::Rows;
  std::string sql;
  std::vector<Param> params;  // one per ?, in order
  // Children only: the first link_columns columns hold the parent key of
  // each row (not shown).
  int link_columns = 0;
  std::vector<RowItem> items;
  std::vector<CompiledInclude> includes;
};

// A compiled write: one INSERT / UPDATE / DELETE, its params in placeholder
// order, and the IR dump for tests and --explain.
struct CompiledWrite {
  const schema::Model* model = nullptr;
  std::string ir;
  std::string sql;
  std::vector<Param> params;
};

// A compiled read: the statement(s) of one action, plus the IR dump for
// tests and --explain.
struct CompiledRead {
  std::string ir;
  CompiledSelect select;
};

}  // namespace litestone::query
