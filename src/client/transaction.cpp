// Client::transaction and Client::sql.

#include <chrono>
#include <string>

#include "client/events.hpp"
#include "client/state.hpp"
#include "common/error_codes.hpp"
#include "litestone/client.hpp"

namespace litestone {

namespace {

// Runs one statement with its binds: rows for statements that return
// columns (SELECT, PRAGMA, ... RETURNING), else {"changes": n}.
json runSql(engine::Connection& conn, std::string_view text, const json& params, int64_t& rows) {
  engine::Statement stmt = conn.prepare(text);
  int count = stmt.paramCount();
  if (params.is_array()) {
    if (static_cast<int>(params.size()) != count)
      throw QueryError(codes::kQuerySqlParams,
                       "sql: the statement has " + std::to_string(count) + " parameter(s), got " +
                           std::to_string(params.size()),
                       {{"expected", count}, {"got", params.size()}});
    for (int i = 0; i < count; ++i) stmt.bindJson(i + 1, params[static_cast<size_t>(i)]);
  } else if (params.is_object()) {
    // Named parameters: {"name": value} binds :name, @name or $name.
    for (const auto& [key, value] : params.items()) {
      int index = 0;
      for (const char* prefix : {":", "@", "$"}) {
        if (index == 0) index = stmt.paramIndex(prefix + key);
      }
      if (index == 0)
        throw QueryError(codes::kQuerySqlParams, "sql: the statement has no parameter named " + key,
                         {{"parameter", key}});
      stmt.bindJson(index, value);
    }
  } else if (!params.is_null()) {
    throw QueryError(codes::kQuerySqlParams, "sql: params must be an array or an object of named values");
  }
  if (stmt.columnCount() == 0) {
    int64_t changes = stmt.run();
    rows = changes;
    return {{"changes", changes}};
  }
  json out = json::array();
  while (stmt.step()) {
    json row = json::object();
    for (int i = 0; i < stmt.columnCount(); ++i) row[std::string(stmt.columnName(i))] = stmt.getJson(i);
    out.push_back(std::move(row));
  }
  rows = static_cast<int64_t>(out.size());
  return out;
}

}  // namespace

void Client::transaction(const std::function<void(Client& tx)>& fn) const {
  state_->mainDatabase().transaction([&](engine::Connection&) {
    Client tx(state_, auth_, system_);
    fn(tx);
  });
}

// Raw SQL runs on the main database's write connection inside a transaction
// (a savepoint when the caller is already in one), so that a failing
// statement leaves nothing behind and reads see the caller's own writes.
json Client::sql(std::string_view text, const json& params) const {
  json result;
  int64_t rows = 0;
  auto start = std::chrono::steady_clock::now();
  state_->mainDatabase().transaction(
      [&](engine::Connection& conn) { result = runSql(conn, text, params, rows); });
  if (state_->hasObservers()) {
    json bound = params.is_null() ? json::array() : params;
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    json args = {{"sql", std::string(text)}, {"params", bound}};
    state_->notify(detail::makeQueryEvent(*state_, nullptr, "sql", auth_, text, std::move(bound), ms, rows,
                                          std::move(args)));
  }
  return result;
}

}  // namespace litestone
