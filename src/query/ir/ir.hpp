#pragma once

// The query IR: what a read asks for, resolved against the Schema. lower/
// builds it from JSON args, passes/ rewrite it (soft delete first), emit/
// turns it into SQL text plus parameter slots. Nodes point at schema objects,
// never at names (STYLE 5.8), and every node carries a kind tag with a
// checked as<T>() (STYLE 7.2).
//
// Values never live in the IR: a Param says where the value comes from (a
// path inside the call's args, a constant, or an external list supplied at
// run time such as the parent keys of an include), so one compiled query
// serves every call of the same shape.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "litestone/json.hpp"
#include "schema/schema.hpp"

namespace litestone::query {

// One step of a JSON path inside the args: an object key or an array index.
struct PathStep {
  std::string key;
  int index = -1;  // >= 0 for an array element
};
using ArgPath = std::vector<PathStep>;

// Renders a path as `where.author.is.name` / `orderBy[1].createdAt`.
std::string pathText(const ArgPath& path);
// The value at path inside root, or null when a step is missing.
const json* resolvePath(const json& root, const ArgPath& path);

// How a value is turned into the bound parameter.
enum class ValueTransform {
  None,
  LikeContains,    // %v% with % _ \ escaped (ESCAPE '\')
  LikeStartsWith,  // v%
  LikeEndsWith,    // %v
  GlobContains,    // *v* with * ? [ bracketed (case-sensitive match)
  GlobStartsWith,  // v*
  GlobEndsWith,    // *v
};

enum class ParamSource {
  Args,      // the value at `path` inside the call's args
  Constant,  // `constant`
  External,  // externals[external] supplied by the executor (parent keys)
  Value,     // writes: the prepared value of `field` (the write pipeline's row data)
  Auth,      // the value at `path` inside the caller's auth JSON (null when absent)
};

struct Param {
  ParamSource source = ParamSource::Args;
  ArgPath path;
  json constant;
  int external = 0;
  const schema::Field* field = nullptr;  // Value: the column written
  ValueTransform transform = ValueTransform::None;
};

// A column of a table alias, optionally a path inside a (typed) JSON column.
struct ColumnRef {
  int alias = 0;
  const schema::Field* field = nullptr;
  std::vector<std::string> json_path;  // field names inside a typed Json column
};

enum class NodeKind {
  And,       // children, all true (empty And is TRUE)
  Or,        // children, any true (empty Or is FALSE)
  Not,       // NOT child; with strict, "child IS NOT 1" (NULL counts as not true)
  Compare,   // column op param
  IsNull,    // column IS [NOT] NULL
  In,        // column [NOT] IN (the JSON array param); NOT IN also matches NULL
  Like,      // column LIKE/GLOB param
  Raw,       // a trusted or user SQL fragment with its params ($raw)
  Exists,    // [NOT] EXISTS (related rows matching filter)
  Constant,  // TRUE / FALSE
};

// Aborts: a pass or emitter asked a node for the wrong kind (a bug, never
// reachable from user input).
[[noreturn]] void kindMismatch(NodeKind actual, NodeKind wanted);

struct Node {
  explicit Node(NodeKind k) : kind(k) {}
  virtual ~Node() = default;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
  const NodeKind kind;

  template <class T>
  T& as() {
    if (kind != T::kKind) kindMismatch(kind, T::kKind);
    return static_cast<T&>(*this);
  }
  template <class T>
  const T& as() const {
    if (kind != T::kKind) kindMismatch(kind, T::kKind);
    return static_cast<const T&>(*this);
  }
};
using NodePtr = std::unique_ptr<Node>;

struct AndNode : Node {
  static constexpr NodeKind kKind = NodeKind::And;
  AndNode() : Node(kKind) {}
  std::vector<NodePtr> children;
};

struct OrNode : Node {
  static constexpr NodeKind kKind = NodeKind::Or;
  OrNode() : Node(kKind) {}
  std::vector<NodePtr> children;
};

struct NotNode : Node {
  static constexpr NodeKind kKind = NodeKind::Not;
  NotNode() : Node(kKind) {}
  NodePtr child;
  bool strict = false;  // NULL counts as "not true" (used by `every`)
};

enum class CompareOp { Eq, Ne, Gt, Gte, Lt, Lte, IsNot };

struct CompareNode : Node {
  static constexpr NodeKind kKind = NodeKind::Compare;
  CompareNode() : Node(kKind) {}
  ColumnRef column;
  CompareOp op = CompareOp::Eq;
  Param value;
};

struct IsNullNode : Node {
  static constexpr NodeKind kKind = NodeKind::IsNull;
  IsNullNode() : Node(kKind) {}
  ColumnRef column;
  bool negated = false;  // IS NOT NULL
};

struct InNode : Node {
  static constexpr NodeKind kKind = NodeKind::In;
  InNode() : Node(kKind) {}
  ColumnRef column;
  Param list;  // a JSON array, expanded by json_each so the SQL is length-independent
  bool negated = false;
};

struct LikeNode : Node {
  static constexpr NodeKind kKind = NodeKind::Like;
  LikeNode() : Node(kKind) {}
  ColumnRef column;
  Param pattern;             // transform says LIKE vs GLOB and where the wildcards go
  bool insensitive = false;  // LIKE (ASCII case-insensitive) instead of GLOB
};

struct RawNode : Node {
  static constexpr NodeKind kKind = NodeKind::Raw;
  RawNode() : Node(kKind) {}
  std::string sql;  // the fragment, wrapped in parentheses when emitted
  std::vector<Param> params;
};

// Related rows exist. The inner alias names the related table (or, for
// many-to-many, the target table joined through the join table).
struct ExistsNode : Node {
  static constexpr NodeKind kKind = NodeKind::Exists;
  ExistsNode() : Node(kKind) {}
  const schema::Relation* relation = nullptr;
  int outer_alias = 0;
  int alias = 0;
  int join_alias = -1;  // many-to-many: the join table's alias
  NodePtr filter;       // may be null (any related row)
  bool negated = false;
};

struct ConstantNode : Node {
  static constexpr NodeKind kKind = NodeKind::Constant;
  explicit ConstantNode(bool v) : Node(kKind), value(v) {}
  bool value;
};

// ---- the query itself -----------------------------------------------------

enum class ReadMode { Rows, Count, Exists };
enum class SoftDeleteMode { Live, WithDeleted, OnlyDeleted };
enum class Nulls { Default, First, Last };
enum class Aggregate { Count, Sum, Avg, Min, Max };

// LEFT JOIN of a belongsTo relation (orderBy on a related field).
struct Join {
  int alias = 0;
  int from_alias = 0;
  const schema::Relation* relation = nullptr;
};

// The related rows of a correlated subquery (relation aggregates, _count):
// aliases of the related table (and join table), and a filter passes may add
// to (soft delete keeps only live rows).
struct RelatedScope {
  int outer_alias = 0;
  int alias = -1;
  int join_alias = -1;  // many-to-many
  NodePtr filter;
};

struct OrderTerm {
  enum class Kind { Column, RelationAggregate };
  Kind kind = Kind::Column;
  ColumnRef column;                            // Column; the field for _sum/_avg/_min/_max
  const schema::Relation* relation = nullptr;  // RelationAggregate
  Aggregate aggregate = Aggregate::Count;
  RelatedScope scope;  // RelationAggregate
  bool desc = false;
  Nulls nulls = Nulls::Default;
};

// One value of a result row.
struct Output {
  enum class Kind {
    Field,    // a stored column
    Include,  // the rows of includes[include] (no SQL column)
    Count,    // _count of a to-many relation (correlated subquery)
    Key,      // a column needed to stitch includes, not shown
  };
  Kind kind = Kind::Field;
  std::string name;
  const schema::Field* field = nullptr;
  const schema::Relation* relation = nullptr;  // Count
  RelatedScope scope;                          // Count
  int include = -1;
};

struct Select;

// A relation loaded with its parent level: one statement per relation per
// level, whatever the number of parent rows.
struct Include {
  const schema::Relation* relation = nullptr;
  std::string name;
  std::unique_ptr<Select> child;
};

struct Select {
  const schema::Model* model = nullptr;
  int alias = 0;
  ReadMode mode = ReadMode::Rows;
  SoftDeleteMode soft_delete = SoftDeleteMode::Live;
  bool distinct = false;
  std::vector<const schema::Field*> distinct_on;  // distinct: [fields] → GROUP BY
  std::vector<Output> outputs;                    // schema order
  NodePtr where;                                  // null = every row
  std::vector<Join> joins;
  std::vector<OrderTerm> order_by;
  std::optional<Param> limit;
  std::optional<Param> offset;
  std::vector<Include> includes;
  // Set on the child of an Include: rows are those related to the parent keys
  // given as external 0 (a JSON array of keys, or of key arrays when composite).
  const schema::Relation* link = nullptr;
  int link_join_alias = -1;  // many-to-many: alias of the join table
};

// Number of aliases used by a Select tree, for allocating new ones in passes.
struct AliasAllocator {
  int next = 0;
  int take() { return next++; }
};

}  // namespace litestone::query
