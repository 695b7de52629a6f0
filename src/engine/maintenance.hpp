#pragma once

// Operational SQL that is neither a query nor schema DDL: health checks
// (foreign_key_check, unindexed foreign keys), upkeep (FTS5 optimize,
// ANALYZE where statistics are stale, PRAGMA optimize) and ATTACH/DETACH.
// Table names given here come from the resolved schema or from sqlite_schema,
// and are quoted; file paths are bound parameters.

#include <string>
#include <vector>

#include "engine/connection.hpp"
#include "litestone/json.hpp"

namespace litestone::engine {

// PRAGMA foreign_key_check: [{table, rowid, parent, fkid}], at most limit.
json foreignKeyViolations(Connection& conn, int limit = 100);

// Foreign keys whose (first) child column starts no index, so that each
// delete or update of a parent row scans the child table:
// [{table, column, references}].
json unindexedForeignKeys(Connection& conn);

// The names of the FTS5 tables in the database.
std::vector<std::string> ftsTables(Connection& conn);

// One step optimize() took: {"step": "fts-optimize"|"analyze"|"pragma-optimize", "target", "detail"}.
using OptimizeReport = json;

// Upkeep on the write connection: merges the segments of each FTS5 table in
// fts (INSERT INTO t(t) VALUES('optimize')), runs ANALYZE on each table of
// tables whose statistics are missing or off by more than 2x from its row
// count, then PRAGMA optimize. Returns the steps taken (array).
json optimizeTables(Connection& writer, const std::vector<std::string>& fts,
                    const std::vector<std::string>& tables);

// ATTACH the file path as alias (path bound; alias must be an identifier of
// letters, digits and _ not starting with a digit, and not main/temp).
// Throws QueryError QUERY_BAD_ALIAS, DatabaseError from sqlite.
void attachDatabase(Connection& conn, const std::string& path, const std::string& alias);
void detachDatabase(Connection& conn, const std::string& alias);

}  // namespace litestone::engine
