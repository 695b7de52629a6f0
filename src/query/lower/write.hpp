#pragma once

// The args of a write → Write IR. The client's write pipeline has already
// prepared the row data (validate, transform, defaults, stamps); lowering
// only needs which fields it sets, and the `where` the rows are found by.

#include <vector>

#include "query/ir/write.hpp"
#include "query/lower/context.hpp"

namespace litestone::query {

// An Update / Delete of the rows matching args["where"] (absent = every
// row) among `rows` (live, with deleted, only deleted), setting `fields`
// (Update) to their prepared values. The where is lowered by the read path
// (same errors, same paths), so the target is a Select the passes rewrite.
Write lowerWrite(LowerContext& ctx, const schema::Model& model, WriteKind kind, SoftDeleteMode rows,
                 const json& args, const std::vector<const schema::Field*>& fields);

}  // namespace litestone::query
