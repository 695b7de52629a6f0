#pragma once

// The resolver: parsed files → the read-only Schema catalog (schema.hpp).
// Passes run in order (STYLE 5.4), each in its own file:
//   resolve_names.cpp       declarations, duplicates, enums, traits spliced into models
//   resolve_types.cpp       field types: scalar, enum, typed Json, list, relation
//   resolve_databases.cpp   database blocks, drivers, paths, retention; functions
//   resolve_relations.cpp   @id/@unique keys, belongsTo / hasMany / hasOne / many-to-many
//   resolve_attributes.cpp  field attributes (defaults, validators, generated, @from...)
//   resolve_model_attrs.cpp model attributes (@@index, @@softDelete, @@gate, @@db...)
//   resolve_policies.cpp    @@allow / @@deny / @allow expressions
//   rules.cpp               cross-cutting checks that read the finished catalog
// Resolution stops after the name and type passes when they report errors,
// so one typo does not cascade. Nothing here throws.

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/ast.hpp"
#include "schema/diagnostics.hpp"
#include "schema/schema.hpp"

namespace litestone::schema {

// Resolves every parsed file (root first) into a Schema. dirs[file id] is the
// folder of that file, used for relative database paths. Returns null when
// any error was reported.
std::shared_ptr<Schema> resolve(const std::vector<File>& files, const std::vector<std::string>& dirs,
                                Diagnostics& diags);

namespace detail {

struct FieldSrc {
  const FieldDecl* decl = nullptr;
  Field* field = nullptr;
};

struct ModelSrc {
  const Decl* decl = nullptr;
  Model* model = nullptr;
  std::vector<FieldSrc> fields;
  std::vector<const Attribute*> attrs;  // @@ attributes, including the ones of spliced traits
};

struct TypeSrc {
  const Decl* decl = nullptr;
  TypeDecl* type = nullptr;
  std::vector<FieldSrc> fields;
};

struct Context {
  Context(Schema& s, Diagnostics& d, std::vector<std::string> folders)
      : schema(s), diags(d), dirs(std::move(folders)) {}
  Schema& schema;
  Diagnostics& diags;
  std::vector<std::string> dirs;
  std::vector<const Decl*> model_decls;
  std::vector<const Decl*> enum_decls;
  std::vector<const Decl*> type_decls;
  std::vector<const Decl*> function_decls;
  std::vector<const Decl*> database_decls;
  std::map<std::string, const Decl*, std::less<>> traits;
  std::deque<ModelSrc> models;
  std::deque<TypeSrc> types;

  void report(Diagnostic d) { diags.add(std::move(d)); }
  ModelSrc* find(const Model* m);
};

// Passes, in the order resolve() runs them.
void collectDeclarations(const std::vector<File>& files, Context& ctx);
void resolveFieldTypes(Context& ctx);
void resolveDatabases(Context& ctx);
void resolveFunctions(Context& ctx);
void resolveKeys(Context& ctx);
void resolveRelations(Context& ctx);
void resolveFieldAttributes(Context& ctx);
void resolveModelAttributes(Context& ctx);
void checkRules(Context& ctx);

// Policies are parsed by resolve_policies.cpp for both @@allow/@@deny and @allow.
std::optional<Policy> resolvePolicy(const Attribute& attr, const Model& model, bool field_level,
                                    Context& ctx);

// ---- helpers shared by the passes (resolve_util.cpp) ----

std::string attrName(const Attribute& a);    // "@unique" / "@@index"
std::string exprDescription(const Expr& e);  // "a string", "a number"...
std::string typeLabel(const Field& f);       // Integer, Text?, Role[]...
const char* scalarName(ScalarType t);
std::optional<ScalarType> scalarFromName(std::string_view name);
std::vector<std::string> fieldNames(const Model& m);
std::vector<std::string> relationFieldNames(const Model& m);
std::vector<std::string> databaseNames(const Schema& s);
Field* findField(Model& m, std::string_view name);
std::vector<std::string> docsOf(const Trivia& t);
// The model marked @@auth (read from the attributes, so it works before the
// model attribute pass), or nullptr.
const Model* authModel(Context& ctx);
// Checks the first segment of auth().a.b against the auth model's fields when
// the schema declares one. Reports and returns false when it is unknown.
bool checkAuthPath(const std::vector<std::string>& path, Span span, Context& ctx);

// Binds the arguments of attr to params (positional in order, or by name).
// out[i] is the value of params[i], nullptr when absent. Reports unknown or
// repeated names, too many arguments and missing required ones; returns false then.
bool bindArgs(const Attribute& attr, const std::vector<std::string>& params, size_t required,
              std::vector<const Expr*>& out, Context& ctx);
// Identifiers in [a, b] (or a single identifier). Reports and returns false otherwise.
bool identList(const Attribute& attr, std::string_view arg, const Expr& e, std::vector<const Expr*>& out,
               Context& ctx);

}  // namespace detail
}  // namespace litestone::schema
