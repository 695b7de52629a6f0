#include "client/read_exec.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <unordered_map>
#include <vector>

#include "client/decode.hpp"
#include "client/events.hpp"

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

json resolveParam(const query::Param& p, const json& args, std::span<const json> externals,
                  const json& auth) {
  switch (p.source) {
    case query::ParamSource::Constant:
      return p.constant;
    case query::ParamSource::External:
      return externals[static_cast<size_t>(p.external)];
    case query::ParamSource::Value:  // writes bind these from their row data
      return nullptr;
    case query::ParamSource::Auth: {
      const json* v = query::resolvePath(auth, p.path);
      return v ? *v : json();
    }
    case query::ParamSource::Args: {
      const json* v = query::resolvePath(args, p.path);
      if (!v) return nullptr;
      return p.transform == ValueTransform::None ? *v : transform(*v, p.transform);
    }
  }
  return nullptr;
}

void bindParams(engine::Statement& stmt, const std::vector<query::Param>& params, const json& args,
                std::span<const json> externals, int first, const std::string* external_text,
                const json& auth) {
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
      if (external_text) {
        stmt.bindText(i, *external_text);
      } else {
        stmt.bindText(i, externals[static_cast<size_t>(p.external)].dump());
      }
    } else {
      stmt.bindJson(i, resolveParam(p, args, externals, auth));
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
  json params = json::array();
  for (auto& p : select.params) params.push_back(resolveParam(p, args_, externals, ctx_.auth));
  ctx_.state.notify(makeQueryEvent(ctx_.state, select.model, ctx_.action, ctx_.auth, select.sql,
                                   std::move(params), ms, rows, args_));
}

namespace {

// Stitches children to parents by key: each parent gets the children of its
// key, moved on the last parent that uses them, copied before that.
template <class Key>
void stitch(json& rows, const std::string& name, bool to_many, const json& empty,
            const std::vector<Key>& parent_keys, const std::vector<uint8_t>& parent_has, json& children,
            const std::vector<Key>& child_keys, const std::vector<uint8_t>& child_has) {
  struct Group {
    std::vector<size_t> children;
    size_t uses = 0;
  };
  std::unordered_map<Key, Group> groups;
  groups.reserve(child_keys.size());
  for (size_t c = 0; c < child_keys.size(); ++c) {
    if (child_has[c]) groups[child_keys[c]].children.push_back(c);
  }
  std::vector<Group*> of_parent(rows.size(), nullptr);
  for (size_t r = 0; r < rows.size(); ++r) {
    if (!parent_has[r]) continue;
    auto it = groups.find(parent_keys[r]);
    if (it == groups.end()) continue;
    of_parent[r] = &it->second;
    ++it->second.uses;
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    json& slot = rows[r][name];
    Group* g = of_parent[r];
    if (!g) {
      slot = empty;
      continue;
    }
    bool last = --g->uses == 0;
    auto take = [&](size_t c) -> json { return last ? std::move(children[c]) : children[c]; };
    if (to_many) {
      json list = json::array();
      auto& arr = list.get_ref<json::array_t&>();
      arr.reserve(g->children.size());
      for (size_t c : g->children) arr.push_back(take(c));
      slot = std::move(list);
    } else {
      slot = take(g->children.front());
    }
  }
}

}  // namespace

// Per include of a level: each parent row's key, typed int64 when the key is
// one INTEGER column (the common case), else the string of keyOf().
struct ReadExecutor::Keys {
  bool int_mode = false;
  std::vector<int64_t> ints;
  std::vector<std::string> strings;
  std::vector<uint8_t> has;  // the key is not NULL
  // String mode, parents only: the distinct keys' values, bound as the list.
  bool collect = false;
  json values;  // null until the first key: no allocation in int mode
  std::unordered_map<std::string, bool> seen;

  void toStrings() {
    int_mode = false;
    strings.clear();
    for (size_t r = 0; r < ints.size(); ++r) {
      strings.push_back(has[r] ? "i" + std::to_string(ints[r]) + '\x1f' : std::string());
      if (collect && has[r] && seen.emplace(strings.back(), true).second) values.push_back(ints[r]);
    }
    ints.clear();
  }

  // The row at stmt's cursor; columns as keyOf() takes them.
  void add(const engine::Statement& stmt, const std::vector<int>& columns, int count) {
    if (int_mode) {
      int c = count >= 0 ? 0 : columns[0];
      switch (stmt.columnType(c)) {
        case engine::ColumnType::Integer:
          ints.push_back(stmt.getInt(c));
          has.push_back(1);
          return;
        case engine::ColumnType::Null:
          ints.push_back(0);
          has.push_back(0);
          return;
        default:
          toStrings();
      }
    }
    strings.push_back(keyOf(stmt, columns, count));
    has.push_back(!strings.back().empty());
    if (collect && has.back() && seen.emplace(strings.back(), true).second) {
      if (columns.size() == 1) {
        values.push_back(stmt.getJson(columns[0]));
      } else {
        json tuple = json::array();
        for (int c : columns) tuple.push_back(stmt.getJson(c));
        values.push_back(std::move(tuple));
      }
    }
  }
};

json ReadExecutor::level(const query::CompiledSelect& select, std::span<const json> externals,
                         const std::string* key_text, Keys* link_keys) {
  bool observed = ctx_.state.hasObservers();
  auto start = observed ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
  auto stmt = conn_.cached(select.sql);
  bindParams(*stmt, select.params, args_, externals, 1, key_text, ctx_.auth);
  json rows = json::array();
  auto& arr = rows.get_ref<json::array_t&>();
  size_t n_inc = select.includes.size();
  std::vector<Keys> parent_keys(n_inc);
  for (size_t i = 0; i < n_inc; ++i) {
    parent_keys[i].int_mode = select.includes[i].parent_key_columns.size() == 1;
    parent_keys[i].collect = true;
  }
  bool decrypt = ctx_.state.any_encrypted;
  while (stmt->step()) {
    arr.push_back(decodeRow(*stmt, select));
    if (decrypt) decryptRow(arr.back(), select, *ctx_.state.cipher);
    if (link_keys) link_keys->add(*stmt, {}, select.link_columns);
    for (size_t i = 0; i < n_inc; ++i) {
      if (!select.includes[i].inline_json)
        parent_keys[i].add(*stmt, select.includes[i].parent_key_columns, -1);
    }
  }
  if (observed) {
    std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - start;
    notify(select, externals, ms.count(), static_cast<int64_t>(rows.size()));
  }
  if (n_inc) loadIncludes(select, rows, parent_keys);
  return rows;
}

void ReadExecutor::loadIncludes(const query::CompiledSelect& select, json& rows,
                                std::vector<Keys>& parent_keys) {
  for (size_t i = 0; i < select.includes.size(); ++i) {
    const auto& inc = select.includes[i];
    if (inc.inline_json) continue;  // decoded with the row
    Keys& keys = parent_keys[i];
    json empty = inc.to_many ? json::array() : json(nullptr);
    // The distinct keys, as the JSON text json_each() reads.
    std::string key_text = "[";
    json key_list;
    size_t distinct = 0;
    if (keys.int_mode) {
      std::vector<int64_t> sorted;
      sorted.reserve(keys.ints.size());
      for (size_t r = 0; r < keys.ints.size(); ++r) {
        if (keys.has[r]) sorted.push_back(keys.ints[r]);
      }
      std::sort(sorted.begin(), sorted.end());
      sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
      distinct = sorted.size();
      char buf[24];
      for (size_t k = 0; k < sorted.size(); ++k) {
        if (k) key_text += ',';
        auto res = std::to_chars(buf, buf + sizeof buf, sorted[k]);
        key_text.append(buf, res.ptr);
      }
      key_text += ']';
      if (ctx_.state.hasObservers()) key_list = json(sorted);
    } else {
      key_list = std::move(keys.values);
      distinct = key_list.size();
      key_text = key_list.dump();
    }
    if (distinct == 0) {
      for (auto& row : rows) row[inc.name] = empty;
      continue;
    }
    Keys child_keys;
    child_keys.int_mode = keys.int_mode;
    json externals[] = {std::move(key_list)};
    json children = level(*inc.child, externals, &key_text, &child_keys);
    if (keys.int_mode) {
      if (!child_keys.int_mode) {
        keys.toStrings();
      } else {
        stitch(rows, inc.name, inc.to_many, empty, keys.ints, keys.has, children, child_keys.ints,
               child_keys.has);
        continue;
      }
    } else if (child_keys.int_mode) {
      child_keys.toStrings();
    }
    stitch(rows, inc.name, inc.to_many, empty, keys.strings, keys.has, children, child_keys.strings,
           child_keys.has);
  }
}

json ReadExecutor::rows(const query::CompiledSelect& select) { return level(select, {}, nullptr, nullptr); }

int64_t ReadExecutor::scalar(const query::CompiledSelect& select) {
  bool observed = ctx_.state.hasObservers();
  auto start = observed ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
  auto stmt = conn_.cached(select.sql);
  bindParams(*stmt, select.params, args_, {}, 1, nullptr, ctx_.auth);
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
