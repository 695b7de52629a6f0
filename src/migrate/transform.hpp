#pragma once

// `litestone transform`: a development pipeline that copies the main
// database into new files, anonymizing fields deterministically and/or
// sharding rows by a key. The source is only read.
//
// Config (JSON):
//   {"target": "dev.db",                       // with "shard": must contain {shard}
//    "models": {"users": {"email": "email", "name": "name", "phone": "phone",
//                          "bio": "text", "age": {"range": [18, 90]},
//                          "notes": "null", "id": "keep"}},
//    "shard": {"count": 4, "by": {"accounts": "id", "users": "accountId"}}}
// Unlisted models and fields are copied as they are; models not named in
// shard.by are copied into every shard. The same input value always gives
// the same output value (a SHA-256 of model, field and value), so joins on
// anonymized columns still match. Each output is checked with
// foreign_key_check.

#include "litestone/client.hpp"
#include "litestone/json.hpp"

namespace litestone::migrate {

// Runs the config against db's main database. Returns
// {"targets": [{"path", "shard", "rows": {model: n}}]}. Throws QueryError
// TRANSFORM_BAD_CONFIG (naming the field and the allowed values),
// TRANSFORM_TARGET_EXISTS, and MigrationError TRANSFORM_FOREIGN_KEY when an
// output would break a foreign key (that output is removed).
json transform(const Client& db, const json& config);

}  // namespace litestone::migrate
