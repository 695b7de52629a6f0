#pragma once

// Internal to ddl/: the generators generate() assembles. One file each.

#include <vector>

#include "ddl/ddl.hpp"

namespace litestone::ddl::detail {

// @@index, @@unique and (on soft-delete models) @unique as indexes of the model.
void appendIndexes(const schema::Model& model, std::vector<SchemaObject>& out);
// The FTS5 external-content table of a @@fts model and its three triggers.
void appendFts(const schema::Model& model, std::vector<SchemaObject>& out);
// Implicit many-to-many join tables whose `from` model lives in `database`,
// each once, plus the index on their second column.
void appendJoinTables(const schema::Schema& schema, const schema::Database& database,
                      std::vector<SchemaObject>& tables, std::vector<SchemaObject>& indexes);
// The column holding the rowid of the model's rows: its INTEGER PRIMARY KEY
// column, or "rowid" when it has none.
std::string rowidColumn(const schema::Model& model);
// The BelongsTo relations of the model that become FOREIGN KEY clauses.
std::vector<const schema::Relation*> foreignKeys(const schema::Model& model);

}  // namespace litestone::ddl::detail
