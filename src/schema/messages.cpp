#include "schema/messages.hpp"

#include <algorithm>
#include <cctype>

namespace litestone::schema::msg {

namespace {

std::string q(std::string_view s) { return "\"" + std::string(s) + "\""; }

Diagnostic err(const char* code, std::string message, Span span) {
  return {Severity::Error, code, std::move(message), span};
}

size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      char ca = static_cast<char>(std::tolower(static_cast<unsigned char>(a[i - 1])));
      char cb = static_cast<char>(std::tolower(static_cast<unsigned char>(b[j - 1])));
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca == cb ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string didYouMean(std::string_view name, const Names& candidates, std::string_view prefix = "") {
  std::string s = suggest(name, candidates);
  if (s.empty()) return "";
  return " — did you mean " + q(std::string(prefix) + s) + "?";
}

}  // namespace

std::string suggest(std::string_view name, const Names& candidates) {
  std::string best;
  size_t best_distance = std::max<size_t>(2, name.size() / 3) + 1;
  for (const auto& c : candidates) {
    size_t d = editDistance(name, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string quotedList(const Names& names, std::string_view last_sep) {
  if (names.empty()) return "none";
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? std::string(last_sep) : ", ";
    out += q(names[i]);
  }
  return out;
}

// ---- E02xx: names and types ----

Diagnostic unknownType(std::string_view name, const Names& in_scope, Span span) {
  std::string hint = didYouMean(name, in_scope);
  if (!hint.empty()) return err("E0201", "unknown type " + q(name) + hint, span);
  return err(
      "E0201",
      "unknown type " + q(name) +
          "; expected Integer, Real, Text, Boolean, DateTime, Json, Blob, File, an enum, a type or a model",
      span);
}

Diagnostic duplicateDeclaration(std::string_view kind, std::string_view name, std::string_view other_kind,
                                Span span) {
  return err("E0202",
             "duplicate " + std::string(kind) + " " + q(name) +
                 ": the name is already taken by a declaration (" + std::string(other_kind) +
                 "); models, enums, types, traits and functions share one namespace",
             span);
}

Diagnostic duplicateField(std::string_view model, std::string_view field, Span span) {
  return err("E0203", "duplicate field " + q(field) + " in " + q(model) + "; field names must be unique",
             span);
}

Diagnostic duplicateEnumValue(std::string_view enum_name, std::string_view value, Span span) {
  return err("E0204", "duplicate value " + q(value) + " in enum " + q(enum_name), span);
}

Diagnostic unknownTrait(std::string_view name, const Names& traits, Span span) {
  std::string hint = didYouMean(name, traits);
  return err(
      "E0205",
      "unknown trait " + q(name) + (hint.empty() ? "; declared traits: " + quotedList(traits, ", ") : hint),
      span);
}

Diagnostic optionalList(std::string_view field, Span span) {
  return err("E0206",
             "field " + q(field) + " cannot be both a list and optional; write Type[] (an empty list)", span);
}

Diagnostic relationInType(std::string_view type, std::string_view field, std::string_view model, Span span) {
  return err("E0207",
             "field " + q(field) + " of type " + q(type) + " names the model " + q(model) +
                 "; fields of a type may be scalars, enums or other types, not models",
             span);
}

Diagnostic unknownField(std::string_view context, std::string_view name, std::string_view model,
                        const Names& fields, Span span) {
  std::string hint = didYouMean(name, fields);
  return err("E0208",
             std::string(context) + " names unknown field " + q(name) + " of " + q(model) +
                 (hint.empty() ? "; fields: " + quotedList(fields, ", ") : hint),
             span);
}

Diagnostic emptyEnum(std::string_view name, Span span) {
  return err("E0209", "enum " + q(name) + " has no values; declare at least one", span);
}

Diagnostic traitCycle(std::string_view name, Span span) {
  return err("E0210", "trait " + q(name) + " includes itself through @@trait", span);
}

// ---- E03xx: attributes ----

Diagnostic unknownAttribute(std::string_view shown, const Names& known, Span span) {
  std::string prefix = shown.substr(0, 2) == "@@" ? "@@" : "@";
  std::string bare(shown.substr(prefix.size()));
  std::string hint = didYouMean(bare, known, prefix);
  return err("E0301",
             "unknown attribute " + q(shown) +
                 (hint.empty() ? "; allowed: " + prefix +
                                     [&] {
                                       std::string all;
                                       for (const auto& k : known)
                                         all += (all.empty() ? "" : " " + prefix) + k;
                                       return all;
                                     }()
                               : hint),
             span);
}

Diagnostic wrongArgumentCount(std::string_view attr, std::string_view expected, size_t got, Span span) {
  return err("E0302", std::string(attr) + " takes " + std::string(expected) + ", got " + std::to_string(got),
             span);
}

Diagnostic wrongArgumentType(std::string_view attr, std::string_view arg, std::string_view expected,
                             std::string_view got, Span span) {
  std::string where = arg.empty() ? std::string(attr) : std::string(attr) + " argument " + q(arg);
  return err("E0303", where + " expects " + std::string(expected) + ", got " + std::string(got), span);
}

Diagnostic attributeOnWrongType(std::string_view attr, std::string_view allowed, std::string_view got,
                                Span span) {
  return err("E0304",
             std::string(attr) + " applies to " + std::string(allowed) + " fields, not " + std::string(got),
             span);
}

Diagnostic duplicateAttribute(std::string_view attr, Span span) {
  return err("E0305", std::string(attr) + " is given more than once; keep one", span);
}

Diagnostic duplicateId(std::string_view model, std::string_view first, Span span) {
  return err("E0306",
             "model " + q(model) + " already has @id on " + q(first) +
                 "; for a composite key use @@id([a, b]) instead",
             span);
}

Diagnostic missingId(std::string_view model, Span span) {
  return err("E0307",
             "model " + q(model) +
                 " has no primary key; mark a field with @id (e.g. `id Integer @id`), use @@id([...]), or "
                 "mark the model @@external",
             span);
}

Diagnostic defaultTypeMismatch(std::string_view field, std::string_view type, std::string_view got,
                               Span span) {
  return err(
      "E0308",
      "default for " + q(field) + " must be of type " + std::string(type) + ", got " + std::string(got),
      span);
}

Diagnostic enumDefaultNotMember(std::string_view value, std::string_view enum_name, const Names& values,
                                Span span) {
  return err("E0309",
             q(value) + " is not a value of enum " + q(enum_name) + "; allowed: " + quotedList(values, ", "),
             span);
}

Diagnostic unknownArgument(std::string_view attr, std::string_view arg, const Names& allowed, Span span) {
  std::string hint = didYouMean(arg, allowed);
  return err("E0310",
             std::string(attr) + " has no argument " + q(arg) +
                 (hint.empty() ? "; allowed: " + quotedList(allowed, ", ") : hint),
             span);
}

Diagnostic softDeleteNeedsDeletedAt(std::string_view model, Span span) {
  return err(
      "E0311",
      "@@softDelete on " + q(model) + " needs a field `deletedAt DateTime?` to record when a row was deleted",
      span);
}

Diagnostic ftsNonText(std::string_view field, std::string_view type, Span span) {
  return err("E0312", "@@fts indexes Text fields only; " + q(field) + " is " + std::string(type), span);
}

Diagnostic invalidGate(std::string_view value, Span span) {
  return err("E0313",
             "invalid @@gate " + q(value) +
                 "; expected one digit 0-9 for every operation or four as \"read.create.update.delete\", "
                 "e.g. \"2.5.5.6\"",
             span);
}

Diagnostic attributeWrongLevel(std::string_view written, std::string_view meant, Span span) {
  return err("E0314",
             q(written) + " is not allowed here; did you mean " + q(meant) +
                 "? Field attributes start with @, model attributes with @@",
             span);
}

Diagnostic invalidArgumentValue(std::string_view attr, std::string_view got, std::string_view allowed,
                                Span span) {
  return err(
      "E0315",
      std::string(attr) + " does not accept " + std::string(got) + "; allowed: " + std::string(allowed),
      span);
}

Diagnostic unknownDefaultFunction(std::string_view name, Span span) {
  return err(
      "E0316",
      "unknown default function " + q(std::string(name) + "()") +
          "; allowed: now(), uuid(), ulid(), nanoid(), auth().field, a literal, an enum value or a field",
      span);
}

Diagnostic idOnOptional(std::string_view field, Span span) {
  return err("E0317", "@id field " + q(field) + " cannot be optional or a list", span);
}

Diagnostic notIndexable(std::string_view attr, std::string_view field, Span span) {
  return err("E0318",
             std::string(attr) + " cannot use " + q(field) +
                 ": it has no column (relation, @computed or @from field); use its foreign key field instead",
             span);
}

Diagnostic conflictingAttributes(std::string_view a, std::string_view b, Span span) {
  return err("E0319", std::string(a) + " cannot be combined with " + std::string(b) + " on one field", span);
}

Diagnostic duplicateArgument(std::string_view attr, std::string_view arg, Span span) {
  return err("E0320", std::string(attr) + " argument " + q(arg) + " is given more than once", span);
}

// ---- E04xx: relations ----

Diagnostic relationLengthMismatch(size_t fields, size_t references, Span span) {
  return err("E0401",
             "@relation lists " + std::to_string(fields) + " field(s) but " + std::to_string(references) +
                 " reference(s); `fields` and `references` must pair up one to one",
             span);
}

Diagnostic referencesNotUnique(std::string_view model, std::string_view field, Span span) {
  return err("E0402",
             "@relation references " + q(field) + " of " + q(model) +
                 ", which is neither @id nor @unique; references must point at a unique key",
             span);
}

Diagnostic unknownReferentialAction(std::string_view action, Span span) {
  return err("E0403",
             "unknown referential action " + q(action) +
                 "; allowed: Cascade, SetNull, Restrict, NoAction, SetDefault",
             span);
}

Diagnostic ambiguousRelation(std::string_view field, std::string_view model, std::string_view target,
                             const Names& candidates, Span span) {
  return err("E0404",
             "relation field " + q(field) + " of " + q(model) + " is ambiguous: " + q(target) +
                 " has several matching fields (" + quotedList(candidates, ", ") +
                 "); give both sides the same name with @relation(\"name\")",
             span);
}

Diagnostic missingOppositeRelation(std::string_view field, std::string_view model, std::string_view target,
                                   Span span) {
  return err("E0405",
             "relation field " + q(field) + " of " + q(model) + " has no opposite: add a field of type " +
                 q(model) + " with @relation(fields: [...], references: [...]) to " + q(target),
             span);
}

Diagnostic relationTypeMismatch(std::string_view fk, std::string_view fk_type, std::string_view ref,
                                std::string_view ref_type, Span span) {
  return err("E0406",
             "foreign key " + q(fk) + " is " + std::string(fk_type) + " but references " + q(ref) +
                 " of type " + std::string(ref_type) + "; the types must match",
             span);
}

Diagnostic relationNeedsFields(std::string_view field, std::string_view model, Span span) {
  return err("E0407",
             "one of the sides of relation " + q(field) + " of " + q(model) +
                 " must hold the foreign key: add @relation(fields: [...], references: [...])",
             span);
}

Diagnostic manyToManyNeedsSingleId(std::string_view model, Span span) {
  return err("E0408", "many-to-many relations need a single-field @id on " + q(model) + " for the join table",
             span);
}

Diagnostic fromUnknownRelation(std::string_view name, std::string_view model, const Names& relations,
                               Span span) {
  std::string hint = didYouMean(name, relations);
  return err("E0409",
             "@from names " + q(name) + ", which is not a relation field of " + q(model) +
                 (hint.empty() ? "; relation fields: " + quotedList(relations, ", ") : hint),
             span);
}

Diagnostic fromInvalidAggregate(Span span) {
  return err(
      "E0410",
      "@from needs exactly one aggregate: count: true, sum: field, max: field, min: field, first: true, "
      "last: true or exists: true",
      span);
}

Diagnostic relationFieldsOnList(std::string_view field, Span span) {
  return err("E0411",
             "list field " + q(field) +
                 " cannot hold the foreign key; put @relation(fields, references) on the single side",
             span);
}

Diagnostic relationFieldIsRelation(std::string_view field, Span span) {
  return err("E0412",
             "@relation fields must be scalar columns of this model; " + q(field) + " is a relation field",
             span);
}

// ---- E05xx: rules and policies ----

Diagnostic policyUnknownField(std::string_view name, std::string_view model, const Names& fields, Span span) {
  std::string hint = didYouMean(name, fields);
  return err("E0501",
             "policy names unknown field " + q(name) + " of " + q(model) +
                 (hint.empty() ? "; fields: " + quotedList(fields, ", ") : hint),
             span);
}

Diagnostic authMisuse(std::string_view why, Span span) { return err("E0502", std::string(why), span); }

Diagnostic invalidPolicyOperation(std::string_view op, std::string_view allowed, Span span) {
  return err("E0503", "unknown policy operation " + q(op) + "; allowed: " + std::string(allowed), span);
}

Diagnostic policyUnknownRelation(std::string_view name, std::string_view model, const Names& relations,
                                 Span span) {
  std::string hint = didYouMean(name, relations);
  return err("E0504",
             "check() names " + q(name) + ", which is not a relation field of " + q(model) +
                 (hint.empty() ? "; relation fields: " + quotedList(relations, ", ") : hint),
             span);
}

Diagnostic policyUnknownFunction(std::string_view name, Span span) {
  return err("E0505",
             "unknown function " + q(std::string(name) + "()") +
                 " in a policy; allowed: auth(), now(), check(relation, expr)",
             span);
}

Diagnostic policyInvalidExpression(std::string_view why, Span span) {
  return err("E0506", "invalid policy expression: " + std::string(why), span);
}

Diagnostic policyPathThroughList(std::string_view field, Span span) {
  return err("E0507",
             "policy path goes through " + q(field) + ", a to-many relation; use check(" +
                 std::string(field) + ", expr) instead",
             span);
}

Diagnostic unknownAuthField(std::string_view name, std::string_view auth_model, const Names& fields,
                            Span span) {
  std::string hint = didYouMean(name, fields);
  return err("E0509",
             "auth()." + std::string(name) + " names no field of the auth model " + q(auth_model) +
                 (hint.empty() ? "; fields: " + quotedList(fields, ", ") : hint),
             span);
}

Diagnostic policyEnumValue(std::string_view value, std::string_view enum_name, const Names& values,
                           Span span) {
  return err("E0510",
             "policy compares with " + q(value) + ", which is not a value of enum " + q(enum_name) +
                 "; allowed: " + quotedList(values, ", "),
             span);
}

Diagnostic policyTypeMismatch(std::string_view field, std::string_view type, std::string_view got,
                              Span span) {
  return err("E0511",
             "policy compares " + q(field) + " (" + std::string(type) + ") with " + std::string(got) +
                 "; compare it with a value of the same type",
             span);
}

Diagnostic multipleAuthModels(std::string_view model, std::string_view first, Span span) {
  return err("E0508", "@@auth on " + q(model) + " but " + q(first) + " is already the auth model; keep one",
             span);
}

// ---- E06xx: imports, databases, functions ----

Diagnostic importNotFound(std::string_view path, std::string_view importer, Span span) {
  return err("E0601",
             "cannot find imported file " + q(path) + "; paths are relative to the folder of " + q(importer),
             span);
}

Diagnostic unknownDatabase(std::string_view name, const Names& declared, Span span) {
  std::string hint = didYouMean(name, declared);
  return err("E0602",
             "unknown database " + q(name) +
                 (hint.empty() ? "; declared databases: " + quotedList(declared, ", ") : hint),
             span);
}

Diagnostic unknownDriver(std::string_view driver, Span span) {
  return err("E0603", "unknown database driver " + q(driver) + "; allowed: sqlite, jsonl, logger", span);
}

Diagnostic unknownFunction(std::string_view name, const Names& functions, Span span) {
  std::string hint = didYouMean(name, functions);
  return err("E0604",
             "unknown function " + q(name) +
                 (hint.empty() ? "; declared functions: " + quotedList(functions, ", ") : hint),
             span);
}

Diagnostic functionArity(std::string_view name, size_t expected, size_t got, Span span) {
  return err("E0605",
             "function " + q(name) + " takes " + std::to_string(expected) + " argument(s), got " +
                 std::to_string(got),
             span);
}

Diagnostic functionArgumentType(std::string_view name, std::string_view param, std::string_view param_type,
                                std::string_view field, std::string_view field_type, Span span) {
  return err("E0606",
             "function " + q(name) + " parameter " + q(param) + " is " + std::string(param_type) + ", but " +
                 q(field) + " is " + std::string(field_type),
             span);
}

Diagnostic unknownPlaceholder(std::string_view function, std::string_view placeholder, const Names& params,
                              Span span) {
  return err("E0607",
             "@@expr of " + q(function) + " uses {" + std::string(placeholder) +
                 "}, which is not a parameter; parameters: " + quotedList(params, ", "),
             span);
}

Diagnostic functionMissingExpr(std::string_view name, Span span) {
  return err("E0608", "function " + q(name) + " needs a body @@expr(\"sql with {param}\")", span);
}

Diagnostic unknownDatabaseSetting(std::string_view key, Span span) {
  return err("E0609", "unknown database setting " + q(key) + "; allowed: path, driver, retention", span);
}

Diagnostic invalidDatabaseSetting(std::string_view key, std::string_view expected, Span span) {
  return err("E0610", "database setting " + q(key) + " expects " + std::string(expected), span);
}

Diagnostic functionArgumentNotField(std::string_view name, Span span) {
  return err("E0611", "arguments of function " + q(name) + " must be field names of this model", span);
}

Diagnostic functionReturnMismatch(std::string_view name, std::string_view returns, std::string_view field,
                                  std::string_view field_type, Span span) {
  return err("E0612",
             "function " + q(name) + " returns " + std::string(returns) + " but field " + q(field) + " is " +
                 std::string(field_type),
             span);
}

Diagnostic logTargetNotLogger(std::string_view name, std::string_view driver, Span span) {
  return err("E0613",
             "audit log target " + q(name) + " uses driver " + std::string(driver) +
                 "; @log and @@log need a database with driver logger",
             span);
}

Diagnostic importReadFailed(std::string_view path, Span span) {
  return err("E0614", "cannot read imported file " + q(path), span);
}

Diagnostic schemaFileUnreadable(std::string_view path) {
  return err("E0615", "cannot read schema file " + q(path) + "; pass another with --schema",
             Span{UINT32_MAX, 0, 0});
}

}  // namespace litestone::schema::msg
