#pragma once

// Every diagnostic the resolver reports, one factory per message, each with
// its own stable code (STYLE 5.3). Codes are never reused or renamed:
//   E02xx names and types      E03xx attributes      E04xx relations
//   E05xx rules and policies   E06xx imports, databases, functions
// Messages say what is wrong and what is allowed.

#include <string>
#include <string_view>
#include <vector>

#include "schema/diagnostics.hpp"

namespace litestone::schema::msg {

using Names = std::vector<std::string>;

// The closest name to `name` among candidates by edit distance, "" if none is
// close enough to be a useful suggestion.
std::string suggest(std::string_view name, const Names& candidates);
// "a", "b" or "c" (quoted); "none" when empty.
std::string quotedList(const Names& names, std::string_view last_sep = " or ");

// E02xx: names and types
Diagnostic unknownType(std::string_view name, const Names& in_scope, Span span);
Diagnostic duplicateDeclaration(std::string_view kind, std::string_view name, std::string_view other_kind,
                                Span span);
Diagnostic duplicateField(std::string_view model, std::string_view field, Span span);
Diagnostic duplicateEnumValue(std::string_view enum_name, std::string_view value, Span span);
Diagnostic unknownTrait(std::string_view name, const Names& traits, Span span);
Diagnostic optionalList(std::string_view field, Span span);
Diagnostic relationInType(std::string_view type, std::string_view field, std::string_view model, Span span);
Diagnostic unknownField(std::string_view context, std::string_view name, std::string_view model,
                        const Names& fields, Span span);
Diagnostic emptyEnum(std::string_view name, Span span);
Diagnostic traitCycle(std::string_view name, Span span);

// E03xx: attributes
Diagnostic unknownAttribute(std::string_view shown, const Names& known, Span span);
Diagnostic wrongArgumentCount(std::string_view attr, std::string_view expected, size_t got, Span span);
Diagnostic wrongArgumentType(std::string_view attr, std::string_view arg, std::string_view expected,
                             std::string_view got, Span span);
Diagnostic attributeOnWrongType(std::string_view attr, std::string_view allowed, std::string_view got,
                                Span span);
Diagnostic duplicateAttribute(std::string_view attr, Span span);
Diagnostic duplicateId(std::string_view model, std::string_view first, Span span);
Diagnostic missingId(std::string_view model, Span span);
Diagnostic defaultTypeMismatch(std::string_view field, std::string_view type, std::string_view got,
                               Span span);
Diagnostic enumDefaultNotMember(std::string_view value, std::string_view enum_name, const Names& values,
                                Span span);
Diagnostic unknownArgument(std::string_view attr, std::string_view arg, const Names& allowed, Span span);
Diagnostic softDeleteNeedsDeletedAt(std::string_view model, Span span);
Diagnostic ftsNonText(std::string_view field, std::string_view type, Span span);
Diagnostic invalidGate(std::string_view value, Span span);
Diagnostic attributeWrongLevel(std::string_view written, std::string_view meant, Span span);
Diagnostic invalidArgumentValue(std::string_view attr, std::string_view got, std::string_view allowed,
                                Span span);
Diagnostic unknownDefaultFunction(std::string_view name, Span span);
Diagnostic idOnOptional(std::string_view field, Span span);
Diagnostic notIndexable(std::string_view attr, std::string_view field, Span span);
Diagnostic conflictingAttributes(std::string_view a, std::string_view b, Span span);
Diagnostic duplicateArgument(std::string_view attr, std::string_view arg, Span span);

// E04xx: relations
Diagnostic relationLengthMismatch(size_t fields, size_t references, Span span);
Diagnostic referencesNotUnique(std::string_view model, std::string_view field, Span span);
Diagnostic unknownReferentialAction(std::string_view action, Span span);
Diagnostic ambiguousRelation(std::string_view field, std::string_view model, std::string_view target,
                             const Names& candidates, Span span);
Diagnostic missingOppositeRelation(std::string_view field, std::string_view model, std::string_view target,
                                   Span span);
Diagnostic relationTypeMismatch(std::string_view fk, std::string_view fk_type, std::string_view ref,
                                std::string_view ref_type, Span span);
Diagnostic relationNeedsFields(std::string_view field, std::string_view model, Span span);
Diagnostic manyToManyNeedsSingleId(std::string_view model, Span span);
Diagnostic fromUnknownRelation(std::string_view name, std::string_view model, const Names& relations,
                               Span span);
Diagnostic fromInvalidAggregate(Span span);
Diagnostic relationFieldsOnList(std::string_view field, Span span);
Diagnostic relationFieldIsRelation(std::string_view field, Span span);

// E05xx: rules and policies
Diagnostic policyUnknownField(std::string_view name, std::string_view model, const Names& fields, Span span);
Diagnostic authMisuse(std::string_view why, Span span);
Diagnostic invalidPolicyOperation(std::string_view op, std::string_view allowed, Span span);
Diagnostic policyUnknownRelation(std::string_view name, std::string_view model, const Names& relations,
                                 Span span);
Diagnostic policyUnknownFunction(std::string_view name, Span span);
Diagnostic policyInvalidExpression(std::string_view why, Span span);
Diagnostic policyPathThroughList(std::string_view field, Span span);
Diagnostic unknownAuthField(std::string_view name, std::string_view auth_model, const Names& fields,
                            Span span);
Diagnostic policyEnumValue(std::string_view value, std::string_view enum_name, const Names& values,
                           Span span);
Diagnostic policyTypeMismatch(std::string_view field, std::string_view type, std::string_view got, Span span);
Diagnostic multipleAuthModels(std::string_view model, std::string_view first, Span span);

// E06xx: imports, databases, functions
Diagnostic importNotFound(std::string_view path, std::string_view importer, Span span);
Diagnostic unknownDatabase(std::string_view name, const Names& declared, Span span);
Diagnostic unknownDriver(std::string_view driver, Span span);
Diagnostic unknownFunction(std::string_view name, const Names& functions, Span span);
Diagnostic functionArity(std::string_view name, size_t expected, size_t got, Span span);
Diagnostic functionArgumentType(std::string_view name, std::string_view param, std::string_view param_type,
                                std::string_view field, std::string_view field_type, Span span);
Diagnostic unknownPlaceholder(std::string_view function, std::string_view placeholder, const Names& params,
                              Span span);
Diagnostic functionMissingExpr(std::string_view name, Span span);
Diagnostic unknownDatabaseSetting(std::string_view key, Span span);
Diagnostic invalidDatabaseSetting(std::string_view key, std::string_view expected, Span span);
Diagnostic functionArgumentNotField(std::string_view name, Span span);
Diagnostic functionReturnMismatch(std::string_view name, std::string_view returns, std::string_view field,
                                  std::string_view field_type, Span span);
Diagnostic logTargetNotLogger(std::string_view name, std::string_view driver, Span span);
Diagnostic importReadFailed(std::string_view path, Span span);
Diagnostic schemaFileUnreadable(std::string_view path);

}  // namespace litestone::schema::msg
