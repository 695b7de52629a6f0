#pragma once

// The desired state of one database block: the schema's DDL (from ddl/)
// built into a fresh :memory: database and snapshotted.

#include "engine/connection.hpp"
#include "migrate/snapshot.hpp"
#include "schema/schema.hpp"

namespace litestone::migrate {

// Tables of @@external models in `database`: never compared or touched.
SnapshotFilter filterFor(const schema::Schema& schema, const schema::Database& database);
Snapshot pristineSnapshot(const schema::Schema& schema, const schema::Database& database);

// Copies the schema objects of src (not its rows) into dst, skipping SQLite's
// own tables, FTS shadow tables and _litestone_migrations.
void replaySchema(engine::Connection& src, engine::Connection& dst);

}  // namespace litestone::migrate
