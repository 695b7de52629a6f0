// Indexes of a model: @@index, @@unique, and on @@softDelete models the
// partial indexes that cover live rows only.
//
// Soft delete: every index of a @@softDelete model is partial, WHERE
// "deletedAt" IS NULL. Queries on such models filter deletedAt IS NULL (the
// soft-delete pass adds it), so the partial index serves them and stays
// smaller. Unique indexes therefore enforce uniqueness among live rows: a
// removed row no longer blocks its email from being reused. For the same
// reason @unique fields of these models are unique indexes named
// <table>_<column>_key rather than UNIQUE column constraints.

#include <set>

#include "common/quote.hpp"
#include "ddl/ddl.hpp"
#include "ddl/parts.hpp"

namespace litestone::ddl::detail {

namespace {

std::string liveRowsClause(const schema::Model& m) {
  if (!m.soft_delete || m.deleted_at == nullptr) return "";
  return " WHERE " + quoteIdent(m.deleted_at->column) + " IS NULL";
}

SchemaObject makeIndex(const schema::Model& m, const std::string& name,
                       const std::vector<const schema::Field*>& fields, bool unique) {
  std::string cols;
  for (const auto* f : fields) {
    if (!cols.empty()) cols += ", ";
    cols += quoteIdent(f->column);
  }
  std::string sql = std::string(unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + quoteIdent(name) +
                    " ON " + quoteIdent(m.table) + " (" + cols + ")" + liveRowsClause(m);
  return {ObjectKind::Index, name, m.table, std::move(sql), &m};
}

}  // namespace

void appendIndexes(const schema::Model& m, std::vector<SchemaObject>& out) {
  std::set<std::string> names;
  for (const auto& idx : m.indexes) {
    if (idx.fields.empty() || !names.insert(idx.name).second) continue;
    out.push_back(makeIndex(m, idx.name, idx.fields, idx.unique));
  }
  if (!m.soft_delete) return;
  for (const auto& f : m.fields) {
    if (!f.unique || !f.stored() || f.id) continue;
    std::string name = m.table + "_" + f.column + "_key";
    if (!names.insert(name).second) continue;
    out.push_back(makeIndex(m, name, {&f}, true));
  }
}

}  // namespace litestone::ddl::detail
