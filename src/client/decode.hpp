#pragma once

// SQLite values → JSON, per the column's DecodeAs (DESIGN §4): Boolean 0/1 →
// bool, Json/typed Json/lists/File → parsed, DateTime and enums as strings,
// Blob → {"$blob": base64}. Used by the read executor and by writes'
// read-back.

#include "engine/statement.hpp"
#include "query/emit/compiled.hpp"

namespace litestone::detail {

json decodeColumn(const engine::Statement& stmt, int column, query::DecodeAs as);

// The row at the statement's cursor, shown items only (include slots are
// set to null / [] and filled by the executor).
json decodeRow(const engine::Statement& stmt, const query::CompiledSelect& select);

// IncludeStrategy::Json: the children of an inlined include, parsed from the
// JSON text in item.column and fixed up per item (decodeJsonRow).
json decodeInlineInclude(const engine::Statement& stmt, const query::RowItem& item,
                         const query::CompiledSelect& select);
// Fixes up a row built by json_object() to what decodeRow gives: Boolean
// 0/1 → bool, Real text → number, {"$blob": hex} → base64, nested includes.
void decodeJsonRow(json& row, const query::CompiledSelect& select);

}  // namespace litestone::detail
