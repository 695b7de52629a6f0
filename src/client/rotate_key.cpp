// Client::rotateKey: every @encrypted value opened with the current key and
// sealed with the new one, in one write transaction, then the client
// switches keys. A crash or kill before the COMMIT leaves SQLite's rollback
// to restore every old value: the database stays readable with the old key.
//
// Rows are read in rowid order in pages (keyset: rowid > last), never while a
// statement over the same table is still stepping, so the UPDATEs cannot
// disturb the scan.

#include <limits>
#include <map>
#include <string>
#include <vector>

#include "client/state.hpp"
#include "common/quote.hpp"
#include "litestone/client.hpp"

namespace litestone {

namespace {

// Rows per page of the scan; also how often progress is reported.
constexpr int64_t kRotatePage = 256;

struct Target {
  const schema::Model* model;
  std::vector<const schema::Field*> fields;
};

json rowKey(const schema::Model& m, const engine::Statement& s, int first) {
  json key = json::object();
  for (size_t i = 0; i < m.primary_key.size(); ++i)
    key[m.primary_key[i]->name] = s.getJson(first + static_cast<int>(i));
  return key;
}

int64_t rotateModel(engine::Connection& conn, const Target& t, const crypto::Key& old_key,
                    const crypto::Key& new_key, const RotateProgress& progress, int64_t& values) {
  const schema::Model& m = *t.model;
  std::string table = quoteIdent(m.table);
  int64_t total = 0;
  {
    auto count = conn.cached("SELECT count(*) FROM " + table);
    if (count->step()) total = count->getInt(0);
  }
  std::string cols, sets;
  for (const auto* f : t.fields) {
    cols += ", " + quoteIdent(f->column);
    sets += (sets.empty() ? "" : ", ") + quoteIdent(f->column) + " = ?";
  }
  for (const auto* f : m.primary_key) cols += ", " + quoteIdent(f->column);
  std::string select = "SELECT rowid" + cols + " FROM " + table + " WHERE rowid > ? ORDER BY rowid LIMIT ?";
  std::string update = "UPDATE " + table + " SET " + sets + " WHERE rowid = ?";
  int pk_first = 1 + static_cast<int>(t.fields.size());

  int64_t done = 0, last = std::numeric_limits<int64_t>::min();
  while (true) {
    struct Row {
      int64_t rowid;
      std::vector<json> sealed;
    };
    std::vector<Row> page;
    {
      auto s = conn.cached(select);
      s->bind(1, last);
      s->bind(2, kRotatePage);
      while (s->step()) {
        Row r{s->getInt(0), {}};
        json key = rowKey(m, *s, pk_first);
        for (size_t i = 0; i < t.fields.size(); ++i) {
          int c = 1 + static_cast<int>(i);
          if (s->columnType(c) == engine::ColumnType::Null) {
            r.sealed.emplace_back(nullptr);
            continue;
          }
          std::string plain = detail::FieldCipher::openWith(old_key, m, *t.fields[i], s->getText(c), key);
          r.sealed.emplace_back(detail::FieldCipher::sealWith(new_key, m, *t.fields[i], plain));
          ++values;
        }
        page.push_back(std::move(r));
      }
    }
    if (page.empty()) break;
    auto u = conn.cached(update);
    for (const auto& r : page) {
      for (size_t i = 0; i < r.sealed.size(); ++i) u->bindJson(1 + static_cast<int>(i), r.sealed[i]);
      u->bind(1 + static_cast<int>(r.sealed.size()), r.rowid);
      u->run();
      u->tryReset();
    }
    last = page.back().rowid;
    done += static_cast<int64_t>(page.size());
    if (progress) progress({{"model", m.name}, {"done", done}, {"total", total}});
  }
  return done;
}

}  // namespace

json Client::rotateKey(const std::string& new_key_hex, const RotateProgress& progress) const {
  auto& st = *state_;
  crypto::Key new_key = crypto::parseHexKey(new_key_hex);
  // One transaction per database file cannot be atomic across files:
  // refuse rather than leave half the values under each key.
  std::map<std::string, std::vector<Target>> by_db;
  for (const auto& m : st.schema->models) {
    Target t{&m, {}};
    for (const auto& f : m.fields)
      if (f.encrypted && f.stored()) t.fields.push_back(&f);
    if (t.fields.empty()) continue;
    by_db[m.database != nullptr ? m.database->name : st.schema->mainDatabase().name].push_back(t);
  }
  if (by_db.size() > 1)
    throw Error("FEATURE_UNSUPPORTED",
                "rotateKey: @encrypted fields live in more than one database file, and one transaction "
                "cannot cover them all; rotating them is not supported yet",
                {{"databases", [&] {
                    json names = json::array();
                    for (const auto& [name, _] : by_db) names.push_back(name);
                    return names;
                  }()}});
  int64_t rows = 0, values = 0;
  for (const auto& entry : by_db) {
    // A plain reference, not a structured binding: clang 14 cannot capture
    // those in the lambda below.
    const auto& targets = entry.second;
    // The current key is required even when every value is null.
    auto old_key = st.cipher->key(*targets.front().model, *targets.front().fields.front());
    engine::Database& db = st.databaseFor(*targets.front().model);
    db.transaction([&](engine::Connection& conn) {
      for (const auto& t : targets) rows += rotateModel(conn, t, *old_key, new_key, progress, values);
    });
  }
  st.cipher->setKey(new_key);
  return {{"rows", rows}, {"values", values}};
}

}  // namespace litestone
