#pragma once

// The resolved Schema: the read-only catalog that every later layer reads
// (ddl, query, client, migrate, codegen). Built by the resolver from the AST.
// Objects live in std::deque so pointers between them stay valid; later
// stages hold pointers to models and fields and never look names up again
// (STYLE 5.8). All names here are already validated.

#include <array>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "litestone/json.hpp"
#include "schema/ast.hpp"

namespace litestone::schema {

struct Model;
struct Field;
struct Relation;
struct Enum;
struct TypeDecl;
struct Database;

enum class ScalarType { Integer, Real, Text, Boolean, DateTime, Json, Blob, File };

enum class FieldKind {
  Scalar,     // one of ScalarType (list → JSON array in a TEXT column)
  Enum,       // TEXT + CHECK IN (values); list → JSON array
  TypedJson,  // a `type` declaration; stored as JSON TEXT (scalar == Json)
  Relation,   // model-typed field: no column of its own (see relation)
};

struct DefaultValue {
  enum class Kind {
    None,
    Literal,    // literal holds the JSON value (number, string, bool, enum member as string)
    Now,        // now()
    Uuid,       // uuid()
    Ulid,       // ulid()
    Nanoid,     // nanoid()
    AuthField,  // auth().<ref>: ref is the auth field path ("id", "account.id")
    FieldRef,   // copy a sibling field on create: ref is the field name
  };
  Kind kind = Kind::None;
  json literal;
  std::string ref;
};

enum class Transform { Trim, Lower, Upper, Slug };

// A validator attribute. rule is the attribute name: email url date datetime
// phone regex length gt gte lt lte startsWith endsWith contains.
// args: regex → {"pattern"}, length → {"min", "max"} (either may be absent),
// gt/gte/lt/lte → {"value": number}, startsWith/endsWith/contains → {"value": string}.
struct Validator {
  std::string rule;
  json args = json::object();
  std::string message;  // custom message when the schema gives one, else ""
  Span span;
};

enum class Visibility {
  Visible,
  Default,  // @omit / @guarded: hidden from findMany/findFirst (omit) or unless asSystem (guarded)
  All,      // @omit(all) / @guarded(all): hidden everywhere
};

// @from(relation, count: true | sum: field | max/min: field | first/last: true | exists: true, where: "sql")
struct FromSpec {
  const Relation* relation = nullptr;
  std::string aggregate;         // count sum max min first last exists
  const Field* field = nullptr;  // the target field for sum/max/min
  std::string where_sql;         // raw SQL fragment from the schema (trusted: schema author)
};

// Typed policy expression (from @@allow/@@deny/@allow and check()).
enum class PolicyExprKind {
  Literal,  // literal: null, bool, number, string
  Field,    // path: fields from the policy's model, following belongsTo relations
  Auth,     // auth_path: auth().a.b (empty path = auth() itself, "is logged in")
  Now,      // now()
  Not,      // children[0]
  And,      // children[0] && children[1]
  Or,       // children[0] || children[1]
  Compare,  // op is == != < <= > >=, children[0] op children[1]
  Check,    // check(relation, expr): relation; children[0] evaluated on the related model
};

struct PolicyExpr {
  PolicyExprKind kind = PolicyExprKind::Literal;
  Span span;
  json literal;
  std::vector<const Field*> path;
  std::vector<std::string> auth_path;
  std::string op;
  const Relation* relation = nullptr;
  std::vector<PolicyExpr> children;
};

enum class PolicyOp { Read, Create, Update, Delete };

struct Policy {
  bool allow = true;          // @@allow / @allow vs @@deny
  std::vector<PolicyOp> ops;  // 'all' expands to every op; field 'write' → Create, Update
  PolicyExpr expr;
  std::string message;  // custom error message, "" if none
  Span span;
};

struct Field {
  std::string name;              // API name
  std::string column;            // column name (@map), "" for relation / computed / @from fields
  const Model* model = nullptr;  // owner (nullptr for fields of a `type` declaration)
  FieldKind kind = FieldKind::Scalar;
  ScalarType scalar = ScalarType::Text;  // Json for TypedJson and lists
  const Enum* enum_type = nullptr;       // FieldKind::Enum
  const TypeDecl* json_type = nullptr;   // FieldKind::TypedJson
  const Relation* relation = nullptr;    // FieldKind::Relation
  std::string type_name;                 // as written, without ? and []
  bool optional = false;
  bool list = false;
  Span span;
  std::vector<std::string> docs;  // /// lines above the field

  bool id = false;      // @id
  bool unique = false;  // @unique
  DefaultValue default_value;
  std::vector<Transform> transforms;
  std::vector<Validator> validators;

  // @generated("sql") or a schema function call (@slug(name)): the SQL of a
  // generated column, identifiers already quoted.
  std::optional<std::string> generated_sql;
  bool generated_stored = true;

  bool computed = false;                  // @computed: supplied by a registered C++ function
  std::optional<FromSpec> from;           // @from(...): derived at query time
  bool updated_at = false;                // @updatedAt
  std::optional<std::string> updated_by;  // @updatedBy → auth path, default "id"
  const Field* sequence_scope = nullptr;  // @sequence(scope: field)
  bool sequence = false;

  Visibility omit = Visibility::Visible;  // @omit / @omit(all)
  Visibility guarded =
      Visibility::Visible;  // @guarded / @guarded(all) (also implied by @encrypted / @secret)
  bool encrypted = false;
  bool searchable = false;  // @encrypted(searchable: true)
  bool secret = false;
  std::string log_db;  // @log(db) (or implied by @secret)
  bool markdown = false;
  bool hard_delete = false;
  bool keep_versions = false;
  std::string accept;            // @accept("mime/*")
  std::vector<Policy> policies;  // field-level @allow

  // True when the field is a column of its model's table.
  bool stored() const { return kind != FieldKind::Relation && !computed && !from.has_value(); }
};

enum class RelationKind { BelongsTo, HasMany, HasOne, ManyToMany };

// One side of a relation, owned by Schema::relations. A row of `from` relates
// to the rows of `to` whose foreign_fields equal its local_fields:
//   BelongsTo:  local = the FK fields on `from`, foreign = the referenced fields on `to`
//   HasMany/HasOne: local = the referenced fields on `from`, foreign = the FK fields on `to`
//   ManyToMany: local/foreign = the ids of each side, linked through join_table
struct Relation {
  RelationKind kind = RelationKind::BelongsTo;
  std::string name;  // @relation("name") or @relation(name: "..."), "" if none
  const Model* from = nullptr;
  const Model* to = nullptr;
  const Field* field = nullptr;        // the relation field on `from`
  const Relation* opposite = nullptr;  // the other side, when declared
  std::vector<const Field*> local_fields;
  std::vector<const Field*> foreign_fields;
  std::string on_delete;  // Cascade SetNull Restrict NoAction SetDefault ("" = default)
  std::string on_update;
  // ManyToMany only: the implicit join table and its two columns. Column
  // join_from_column holds the id of `from`, join_to_column the id of `to`.
  std::string join_table;
  std::string join_from_column;
  std::string join_to_column;
  bool self() const { return from == to; }
};

struct Index {
  std::string name;  // generated, stable: <table>_<col>_<col>_idx / _key
  std::vector<const Field*> fields;
  bool unique = false;
};

struct Model {
  std::string name;
  std::string table;  // @@map or the name
  Span span;
  std::vector<std::string> docs;
  std::deque<Field> fields;                // declaration order, traits spliced where @@trait appears
  std::vector<const Field*> primary_key;   // the @id field(s)
  std::vector<Index> indexes;              // @@index and @@unique (unique == true)
  bool strict = true;                      // false with @@noStrict
  bool external = false;                   // @@external: no DDL, no migrations
  bool is_auth = false;                    // @@auth
  bool soft_delete = false;                // @@softDelete
  bool soft_delete_cascade = false;        // @@softDelete(cascade)
  const Field* deleted_at = nullptr;       // with soft_delete
  std::vector<const Field*> fts_fields;    // @@fts([...])
  std::optional<std::array<int, 4>> gate;  // @@gate("R.C.U.D") → read, create, update, delete levels
  std::vector<Policy> policies;            // @@allow / @@deny in order
  std::string log_db;                      // @@log(db)
  const Database* database = nullptr;      // @@db(name), else the main database
  std::vector<std::string> traits;         // names of spliced traits

  const Field* field(std::string_view name) const;
  bool hasPolicies() const { return !policies.empty(); }
};

struct Enum {
  std::string name;
  Span span;
  std::vector<std::string> docs;
  std::vector<std::string> values;
  bool contains(std::string_view v) const;
};

// A `type` declaration: the shape of a typed Json column.
struct TypeDecl {
  std::string name;
  Span span;
  std::deque<Field> fields;
  const Field* field(std::string_view name) const;
};

// function name(p: Type, ...): Type { @@expr("... {p} ...") }
struct Function {
  std::string name;
  Span span;
  std::vector<std::pair<std::string, std::string>> params;  // name, type name
  std::string return_type;
  std::string expr;  // the template with {param} placeholders
};

struct Database {
  std::string name;    // "main" when the schema declares none
  std::string path;    // env() resolved; relative paths are relative to the schema file's folder
  std::string driver;  // sqlite | jsonl | logger
  std::optional<int> retention_days;  // retention 30d
  Span span;
};

struct Schema {
  std::deque<Model> models;
  std::deque<Enum> enums;
  std::deque<TypeDecl> types;
  std::deque<Function> functions;
  std::deque<Database> databases;  // always holds "main" first
  std::deque<Relation> relations;
  std::vector<std::string> files;  // every source file read, the root first

  const Model* model(std::string_view name) const;
  const Enum* enumType(std::string_view name) const;
  const TypeDecl* type(std::string_view name) const;
  const Function* function(std::string_view name) const;
  const Database* database(std::string_view name) const;
  const Database& mainDatabase() const { return databases.front(); }
};

}  // namespace litestone::schema
