// Implicit many-to-many join tables. Both sides of a relation name the same
// join table; the side whose column sorts first ("A") defines it, so it is
// created once and its columns come in the same order whichever side is met
// first. Each column references one side's id with ON DELETE CASCADE
// (removing either row unlinks it), the pair is the primary key, and the
// second column gets its own index for lookups from the other side.

#include <set>

#include "common/quote.hpp"
#include "ddl/ddl.hpp"
#include "ddl/parts.hpp"

namespace litestone::ddl::detail {

void appendJoinTables(const schema::Schema& schema, const schema::Database& database,
                      std::vector<SchemaObject>& tables, std::vector<SchemaObject>& indexes) {
  std::set<std::string> seen;
  for (const auto& r : schema.relations) {
    if (r.kind != schema::RelationKind::ManyToMany || r.join_table.empty()) continue;
    if (r.join_from_column > r.join_to_column && r.opposite != nullptr) continue;
    if (!seen.insert(r.join_table).second) continue;
    if (r.from == nullptr || r.to == nullptr || !ownsTable(*r.from, database)) continue;
    if (r.local_fields.size() != 1 || r.foreign_fields.size() != 1) continue;
    const schema::Field& a = *r.local_fields.front();
    const schema::Field& b = *r.foreign_fields.front();
    const std::string qa = quoteIdent(r.join_from_column);
    const std::string qb = quoteIdent(r.join_to_column);
    bool fk_b = ownsTable(*r.to, database);
    std::string sql = "CREATE TABLE " + quoteIdent(r.join_table) + " (\n";
    sql += "  " + qa + " " + columnType(a) + " NOT NULL,\n";
    sql += "  " + qb + " " + columnType(b) + " NOT NULL,\n";
    sql += "  PRIMARY KEY (" + qa + ", " + qb + "),\n";
    sql += "  FOREIGN KEY (" + qa + ") REFERENCES " + quoteIdent(r.from->table) + " (" +
           quoteIdent(a.column) + ") ON DELETE CASCADE ON UPDATE CASCADE";
    if (fk_b) {
      sql += ",\n  FOREIGN KEY (" + qb + ") REFERENCES " + quoteIdent(r.to->table) + " (" +
             quoteIdent(b.column) + ") ON DELETE CASCADE ON UPDATE CASCADE";
    }
    sql += "\n) STRICT";
    tables.push_back({ObjectKind::JoinTable, r.join_table, r.join_table, std::move(sql), nullptr});
    std::string index = r.join_table + "_" + r.join_to_column + "_idx";
    indexes.push_back(
        {ObjectKind::Index, index, r.join_table,
         "CREATE INDEX " + quoteIdent(index) + " ON " + quoteIdent(r.join_table) + " (" + qb + ")", nullptr});
  }
}

}  // namespace litestone::ddl::detail
