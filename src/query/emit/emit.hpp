#pragma once

// IR → SQL. The only code that writes query SQL (DESIGN §3): identifiers
// come from the Schema and are quoted, every value is a ? placeholder whose
// source is recorded in the params list, in placeholder order.

#include <string>
#include <vector>

#include "common/quote.hpp"
#include "query/emit/compiled.hpp"
#include "query/ir/write.hpp"

namespace litestone::query {

// Builds the statement of a Select and, recursively, of its includes.
CompiledSelect emitSelect(const Select& select, IncludeStrategy strategy = IncludeStrategy::Batched);

// Builds the INSERT / UPDATE / DELETE of a Write (emit/write.cpp).
CompiledWrite emitWrite(const Write& write);

// Join-table statements: External 0 = the "from" key, 1 = the "to" key.
CompiledWrite emitJoinTable(const schema::Relation& r, JoinOp op);
// The @sequence counter upsert of field f of m (see query/statements.hpp).
CompiledWrite emitNextSequence(const schema::Model& m, const schema::Field& f);

// A filter alone, for statements built elsewhere in emit (and for writes:
// UPDATE "users" AS "t0" SET ... WHERE <this>). Appends to sql and params.
void emitFilter(const Node& node, std::string& sql, std::vector<Param>& params);

// "t<alias>"
std::string aliasName(int alias);

}  // namespace litestone::query
