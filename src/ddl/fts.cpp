// @@fts([fields]): an FTS5 table over the model's table (external content,
// so the text is stored once) and triggers that keep it in sync.
//
// For external-content tables FTS5 must be told the old values of a row to
// remove it from the index: the delete and update triggers insert the special
// 'delete' command with the old row before (for updates) inserting the new
// one. The update trigger fires only when an indexed column or the rowid
// changes, so soft deletes and unrelated updates cost nothing.

#include "common/quote.hpp"
#include "ddl/ddl.hpp"
#include "ddl/parts.hpp"

namespace litestone::ddl::detail {

std::string rowidColumn(const schema::Model& m) {
  if (m.primary_key.size() == 1) {
    const auto* pk = m.primary_key.front();
    if (pk->kind == schema::FieldKind::Scalar && pk->scalar == schema::ScalarType::Integer && !pk->list)
      return pk->column;
  }
  return "rowid";
}

void appendFts(const schema::Model& m, std::vector<SchemaObject>& out) {
  const std::string fts = m.table + "_fts";
  const std::string rowid = rowidColumn(m);
  const std::string qfts = quoteIdent(fts);
  const std::string qtable = quoteIdent(m.table);
  const std::string qrowid = rowid == "rowid" ? "rowid" : quoteIdent(rowid);

  std::string cols, new_vals, old_vals;
  for (const auto* f : m.fts_fields) {
    cols += ", " + quoteIdent(f->column);
    new_vals += ", new." + quoteIdent(f->column);
    old_vals += ", old." + quoteIdent(f->column);
  }
  std::string create = "CREATE VIRTUAL TABLE " + qfts + " USING fts5(" + cols.substr(2) +
                       ", content=" + quoteLiteral(m.table) + ", content_rowid=" + quoteLiteral(rowid) + ")";
  out.push_back({ObjectKind::Fts, fts, m.table, std::move(create), &m});

  const std::string insert_new =
      "INSERT INTO " + qfts + " (rowid" + cols + ") VALUES (new." + qrowid + new_vals + ");";
  const std::string delete_old = "INSERT INTO " + qfts + " (" + qfts + ", rowid" + cols +
                                 ") VALUES ('delete', old." + qrowid + old_vals + ");";
  std::string watched = cols.substr(2);
  if (rowid != "rowid") watched = quoteIdent(rowid) + ", " + watched;

  auto trigger = [&](const std::string& suffix, const std::string& event, const std::string& body) {
    std::string name = fts + "_" + suffix;
    out.push_back({ObjectKind::Trigger, name, m.table,
                   "CREATE TRIGGER " + quoteIdent(name) + " AFTER " + event + " ON " + qtable + " BEGIN\n  " +
                       body + "\nEND",
                   &m});
  };
  trigger("ai", "INSERT", insert_new);
  trigger("ad", "DELETE", delete_old);
  trigger("au", "UPDATE OF " + watched, delete_old + "\n  " + insert_new);
}

}  // namespace litestone::ddl::detail
