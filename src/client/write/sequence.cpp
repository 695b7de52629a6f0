// @sequence(scope: f): a counter per (model, field, scope value), kept in
// _litestone_sequences. The upsert below runs on the write connection inside
// the caller's BEGIN IMMEDIATE transaction, so two writers can never draw the
// same number. A scope seen for the first time starts after the highest value
// already in the table (rows written before the counter existed), else at 1.

#include <string>

#include "client/write/write.hpp"

namespace litestone::detail::write {

namespace {

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS \"_litestone_sequences\" ("
    "\"model\" TEXT NOT NULL, \"field\" TEXT NOT NULL, \"scope\" TEXT NOT NULL, "
    "\"value\" INTEGER NOT NULL, PRIMARY KEY (\"model\", \"field\", \"scope\")) STRICT";

std::string nextValueSql(const schema::Model& model, const schema::Field& f) {
  std::string seed = "SELECT COALESCE(MAX(" + quote(f.column) + "), 0) + 1 FROM " + quote(model.table);
  if (f.sequence_scope) seed += " WHERE " + quote(f.sequence_scope->column) + " IS ?";
  return "INSERT INTO \"_litestone_sequences\" (\"model\", \"field\", \"scope\", \"value\") "
         "VALUES (?, ?, ?, (" +
         seed +
         ")) ON CONFLICT (\"model\", \"field\", \"scope\") DO UPDATE SET \"value\" = \"value\" + 1 "
         "RETURNING \"value\"";
}

}  // namespace

void assignSequences(const WriteCall& w, engine::Connection& conn, json& data) {
  bool ensured = false;
  for (const auto& f : w.model.fields) {
    if (!f.sequence || data.contains(f.name)) continue;
    if (!ensured) {
      conn.cached(kCreateTable)->run();
      ensured = true;
    }
    json scope_value = nullptr;
    if (f.sequence_scope) {
      auto it = data.find(f.sequence_scope->name);
      if (it != data.end()) scope_value = *it;
    }
    Exec e(w, conn, nextValueSql(w.model, f));
    e.bindPlain(w.model.name);
    e.bindPlain(f.name);
    e.bindPlain(scope_value.dump());  // "5" and 5 are different scopes, null is its own
    if (f.sequence_scope) e.bindPlain(scope_value);
    e.step();
    data[f.name] = e.statement().getInt(0);
    e.finish();
  }
}

}  // namespace litestone::detail::write
