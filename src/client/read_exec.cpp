#include "client/read_exec.hpp"

#include <chrono>
#include <unordered_map>
#include <vector>

#include "client/decode.hpp"

namespace litestone::detail {

namespace {

using query::ValueTransform;

std::string escapeLike(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string escapeGlob(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '*' || c == '?' || c == '[') {
      out += '[';
      out += c;
      out += ']';
    } else {
      out += c;
    }
  }
  return out;
}

json transform(const json& v, ValueTransform t) {
  if (!v.is_string()) return v;
  const auto& s = v.get_ref<const std::string&>();
  switch (t) {
    case ValueTransform::None:
      return v;
    case ValueTransform::LikeContains:
      return "%" + escapeLike(s) + "%";
    case ValueTransform::LikeStartsWith:
      return escapeLike(s) + "%";
    case ValueTransform::LikeEndsWith:
      return "%" + escapeLike(s);
    case ValueTransform::GlobContains:
      return "*" + escapeGlob(s) + "*";
    case ValueTransform::GlobStartsWith:
      return escapeGlob(s) + "*";
    case ValueTransform::GlobEndsWith:
      return "*" + escapeGlob(s);
  }
  return v;
}

// A key of the stitching maps: the typed values of some columns.
std::string keyOf(const engine::Statement& stmt, const std::vector<int>& columns, int count = -1) {
  std::string key;
  int n = count >= 0 ? count : static_cast<int>(columns.size());
  for (int i = 0; i < n; ++i) {
    int c = count >= 0 ? i : columns[static_cast<size_t>(i)];
    switch (stmt.columnType(c)) {
      case engine::ColumnType::Integer:
        key += 'i';
        key += std::to_string(stmt.getInt(c));
        break;
      case engine::ColumnType::Real:
        key += 'r';
        key += std::to_string(stmt.getDouble(c));
        break;
      case engine::ColumnType::Text:
        key += 's';
        key += stmt.getText(c);
        break;
      case engine::ColumnType::Blob: {
        auto b = stmt.getBlob(c);
        key += 'b';
        key.append(reinterpret_cast<const char*>(b.data()), b.size());
        break;
      }
      case engine::ColumnType::Null:
        return {};  // a NULL key relates to nothing
    }
    key += '\x1f';
  }
  return key;
}

thread_local std::vector<std::pair<engine::Database*, engine::Connection*>> tls_pinned;

}  // namespace

json resolveParam(const query::Param& p, const json& args, std::span<const json> externals) {
  switch (p.source) {
    case query::ParamSource::Constant:
      return p.constant;
    case query::ParamSource::External:
      return externals[static_cast<size_t>(p.external)];
    case query::ParamSource::Args: {
      const json* v = query::resolvePath(args, p.path);
      if (!v) return nullptr;
      return p.transform == ValueTransform::None ? *v : transform(*v, p.transform);
    }
  }
  return nullptr;
}

void bindParams(engine::Statement& stmt, const std::vector<query::Param>& params, const json& args,
                std::span<const json> externals, int first) {
  int i = first;
  for (const auto& p : params) {
    if (p.source == query::ParamSource::Args && p.transform == ValueTransform::None) {
      const json* v = query::resolvePath(args, p.path);
      if (v) {
        stmt.bindJson(i, *v);
      } else {
        stmt.bindNull(i);
      }
    } else if (p.source == query::ParamSource::External) {
      // Key lists go to json_each() as JSON text.
      stmt.bindText(i, externals[static_cast<size_t>(p.external)].dump());
    } else {
      stmt.bindJson(i, resolveParam(p, args, externals));
    }
    ++i;
  }
}

const std::string& databaseName(const schema::Model& model) {
  static const std::string kMain = "main";
  return model.database ? model.database->name : kMain;
}

void ReadExecutor::notify(const query::CompiledSelect& select, std::span<const json> externals, double ms,
                          int64_t rows) {
  QueryEvent e;
  e.model = select.model->name;
  e.operation = std::string(ctx_.action);
  e.database = databaseName(*select.model);
  e.actor_id = ctx_.auth.is_object() ? ctx_.auth.value("id", json()) : json();
  e.sql = select.sql;
  for (auto& p : select.params) e.params.push_back(resolveParam(p, args_, externals));
  e.duration_ms = ms;
  e.row_count = rows;
  e.args = args_;
  ctx_.state.notify(e);
}

json ReadExecutor::level(const query::CompiledSelect& select, std::span<const json> externals,
                         std::vector<std::string>* link_keys) {
  bool observed = ctx_.state.hasObservers();
  auto start = observed ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
  auto stmt = conn_.cached(select.sql);
  bindParams(*stmt, select.params, args_, externals);
  json rows = json::array();
  // Per include: each row's key, and the distinct keys to bind as a list.
  size_t n_inc = select.includes.size();
  std::vector<std::vector<std::string>> parent_keys(n_inc);
  std::vector<json> key_lists(n_inc, json::array());
  std::vector<std::unordered_map<std::string, bool>> seen(n_inc);
  while (stmt->step()) {
    rows.push_back(decodeRow(*stmt, select));
    if (link_keys) link_keys->push_back(keyOf(*stmt, {}, select.link_columns));
    for (size_t i = 0; i < n_inc; ++i) {
      const auto& cols = select.includes[i].parent_key_columns;
      std::string key = keyOf(*stmt, cols);
      if (!key.empty() && seen[i].emplace(key, true).second) {
        if (cols.size() == 1) {
          key_lists[i].push_back(stmt->getJson(cols[0]));
        } else {
          json tuple = json::array();
          for (int c : cols) tuple.push_back(stmt->getJson(c));
          key_lists[i].push_back(std::move(tuple));
        }
      }
      parent_keys[i].push_back(std::move(key));
    }
  }
  if (observed) {
    std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - start;
    notify(select, externals, ms.count(), static_cast<int64_t>(rows.size()));
  }
  if (n_inc) loadIncludes(select, rows, parent_keys, key_lists);
  return rows;
}

void ReadExecutor::loadIncludes(const query::CompiledSelect& select, json& rows,
                                const std::vector<std::vector<std::string>>& parent_keys,
                                const std::vector<json>& key_lists) {
  for (size_t i = 0; i < select.includes.size(); ++i) {
    const auto& inc = select.includes[i];
    json empty = inc.to_many ? json::array() : json(nullptr);
    if (key_lists[i].empty()) {
      for (auto& row : rows) row[inc.name] = empty;
      continue;
    }
    std::vector<std::string> child_keys;
    json externals[] = {key_lists[i]};
    json children = level(*inc.child, externals, &child_keys);
    std::unordered_map<std::string, std::vector<size_t>> by_key;
    for (size_t c = 0; c < child_keys.size(); ++c) by_key[child_keys[c]].push_back(c);
    for (size_t r = 0; r < rows.size(); ++r) {
      auto it = by_key.find(parent_keys[i][r]);
      json& slot = rows[r][inc.name];
      if (it == by_key.end()) {
        slot = empty;
      } else if (inc.to_many) {
        slot = json::array();
        for (size_t c : it->second) slot.push_back(children[c]);
      } else {
        slot = children[it->second.front()];
      }
    }
  }
}

json ReadExecutor::rows(const query::CompiledSelect& select) { return level(select, {}, nullptr); }

int64_t ReadExecutor::scalar(const query::CompiledSelect& select) {
  bool observed = ctx_.state.hasObservers();
  auto start = observed ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
  auto stmt = conn_.cached(select.sql);
  bindParams(*stmt, select.params, args_, {});
  int64_t value = stmt->step() ? stmt->getInt(0) : 0;
  if (observed) {
    std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - start;
    notify(select, {}, ms.count(), 1);
  }
  return value;
}

void withReadConnection(engine::Database& db, const std::function<void(engine::Connection&)>& fn) {
  for (auto& [d, c] : tls_pinned) {
    if (d == &db) {
      fn(*c);
      return;
    }
  }
  db.read(fn);
}

PinnedRead::PinnedRead(engine::Database& db, engine::Connection& conn) : db_(&db) {
  tls_pinned.emplace_back(&db, &conn);
}

PinnedRead::~PinnedRead() {
  for (auto it = tls_pinned.begin(); it != tls_pinned.end(); ++it) {
    if (it->first == db_) {
      tls_pinned.erase(it);
      break;
    }
  }
}

}  // namespace litestone::detail
