#pragma once

// Every QueryError the query layer raises, one factory per message so that
// their wording is reviewed in one place. Each message names the model, the
// offending key and its JSON path, and lists what is allowed there; meta()
// carries the same facts as data.
//
// Codes: QUERY_UNKNOWN_FIELD, QUERY_UNKNOWN_OPERATOR, QUERY_UNKNOWN_RELATION,
// QUERY_UNKNOWN_ARGUMENT, QUERY_ENCRYPTED_FIELD, QUERY_INVALID_ARGUMENT (meta.reason
// "notUnique" for a findUnique without a unique key).

#include <string>
#include <string_view>
#include <vector>

#include "litestone/error.hpp"
#include "query/ir/ir.hpp"

namespace litestone::query::errors {

QueryError unknownField(const schema::Model& model, std::string_view field, const ArgPath& path,
                        const std::vector<std::string>& allowed);
// findUnique: where: {a_b: {...}} naming no compound unique key of the model.
QueryError unknownCompoundKey(const schema::Model& model, std::string_view name, const ArgPath& path,
                              const std::vector<std::string>& allowed);
// A key inside a typed Json column that its `type` does not declare.
QueryError unknownJsonField(const schema::TypeDecl& type, std::string_view field, const ArgPath& path);
QueryError unknownOperator(const schema::Model& model, std::string_view field, std::string_view op,
                           const ArgPath& path, const std::vector<std::string>& allowed);
QueryError unknownRelation(const schema::Model& model, std::string_view name, const ArgPath& path,
                           const std::vector<std::string>& allowed);
// An unknown top-level argument of an action (e.g. `wher`).
QueryError unknownArgument(std::string_view action, std::string_view name, const ArgPath& path,
                           const std::vector<std::string>& allowed);
// A known key whose value has the wrong shape. `expected` says what fits.
QueryError invalidArgument(const ArgPath& path, std::string_view expected, const json& got);
// A where or orderBy on an @encrypted field: the column holds randomized
// ciphertext, so no comparison in SQL can mean anything (QUERY_ENCRYPTED_FIELD).
QueryError encryptedField(const schema::Model& model, std::string_view field, const ArgPath& path,
                          std::string_view use);
// A filter value whose JSON type does not fit the column (`{"age": {"gt": "x"}}`):
// QUERY_INVALID_ARGUMENT with meta {model, field, operator, expected, got,
// path, reason: "wrongType"}.
QueryError wrongFilterType(const schema::Model& model, std::string_view field, std::string_view op,
                           std::string_view expected, const json& got, const ArgPath& path);
// findUnique whose where names no unique key (QUERY_INVALID_ARGUMENT).
QueryError notUnique(const schema::Model& model, const std::vector<std::string>& unique_keys);

// Helpers for the lists in messages.
std::vector<std::string> storedFieldNames(const schema::Model& model);
std::vector<std::string> filterableNames(const schema::Model& model);
std::vector<std::string> relationNames(const schema::Model& model);

}  // namespace litestone::query::errors
