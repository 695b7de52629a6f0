// @sequence(scope: f): a counter per (model, field, scope value), kept in
// _litestone_sequences. The upsert below runs on the write connection inside
// the caller's BEGIN IMMEDIATE transaction, so two writers can never draw the
// same number. A scope seen for the first time starts after the highest value
// already in the table (rows written before the counter existed), else at 1.

#include <string>

#include "client/write/write.hpp"
#include "ddl/ddl.hpp"
#include "query/statements.hpp"

namespace litestone::detail::write {

void assignSequences(const WriteCall& w, engine::Connection& conn, json& data) {
  bool ensured = false;
  for (const auto& f : w.model.fields) {
    if (!f.sequence || data.contains(f.name)) continue;
    if (!ensured) {
      conn.cached(ddl::kSequenceTableIfMissing)->run();
      ensured = true;
    }
    json scope_value = nullptr;
    if (f.sequence_scope) {
      auto it = data.find(f.sequence_scope->name);
      if (it != data.end()) scope_value = *it;
    }
    auto c = statement(w, "nextSequence\x1f" + w.model.name + "\x1f" + f.name,
                       [&] { return query::nextSequence(w.model, f); });
    Exec e(w, conn, c->sql);
    // "5" and 5 are different scopes, null is its own
    std::vector<json> keys{json(scope_value.dump()), scope_value};
    bindCompiled(e, w, *c, json(), keys);
    e.step();
    data[f.name] = e.statement().getInt(0);
    e.finish();
  }
}

}  // namespace litestone::detail::write
