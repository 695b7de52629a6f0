#pragma once

// The resolved schema as JSON, for Client::schema() (and tools that show it).

#include "litestone/json.hpp"
#include "schema/schema.hpp"

namespace litestone::detail {

// {"models": {name: {table, database, strict, external, softDelete, fts,
//   primaryKey, fields: {name: {...}}, indexes}}, "enums": {name: [values]},
//  "types": {name: {fields}}, "databases": {name: {driver, path}}}
json schemaToJson(const schema::Schema& schema);

}  // namespace litestone::detail
