#pragma once

// A plain sqlite3 handle for tests to look at what ddl/ created: rows as
// JSON, pragmas, and statements expected to fail. Independent of engine/ on
// purpose, so the checks do not share code with what they check.

#include <sqlite3.h>

#include <stdexcept>
#include <string>

#include "litestone/json.hpp"

namespace litestone::testing {

class Probe {
 public:
  explicit Probe(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("cannot open " + path);
    exec("PRAGMA foreign_keys = ON");
  }
  ~Probe() { sqlite3_close_v2(db_); }
  Probe(const Probe&) = delete;
  Probe& operator=(const Probe&) = delete;

  // Runs sql; throws with SQLite's message when it fails.
  void exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "?";
      sqlite3_free(err);
      throw std::runtime_error(msg);
    }
  }
  // True when sql fails (a constraint, a STRICT type check...).
  bool fails(const std::string& sql) {
    try {
      exec(sql);
      return false;
    } catch (const std::runtime_error&) {
      return true;
    }
  }
  // Rows as arrays of JSON values (integer, real, text, null).
  json rows(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
      throw std::runtime_error(sqlite3_errmsg(db_));
    json out = json::array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      json row = json::array();
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        switch (sqlite3_column_type(st, i)) {
          case SQLITE_INTEGER:
            row.push_back(sqlite3_column_int64(st, i));
            break;
          case SQLITE_FLOAT:
            row.push_back(sqlite3_column_double(st, i));
            break;
          case SQLITE_NULL:
            row.push_back(nullptr);
            break;
          default:
            row.push_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, i))));
        }
      }
      out.push_back(std::move(row));
    }
    std::string err = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db_);
    sqlite3_finalize(st);
    if (!err.empty()) throw std::runtime_error(err);
    return out;
  }
  json value(const std::string& sql) {
    auto r = rows(sql);
    return r.empty() ? json(nullptr) : r[0][0];
  }
  // Names from sqlite_master of one type, sorted.
  json names(const std::string& type) {
    json out = json::array();
    for (auto& r : rows("SELECT name FROM sqlite_master WHERE type = '" + type + "' ORDER BY name"))
      out.push_back(r[0]);
    return out;
  }
  // PRAGMA table_xinfo as {column: {type, notnull, dflt, pk, hidden}}.
  json columns(const std::string& table) {
    json out = json::object();
    for (auto& r : rows("SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo('" +
                        table + "')"))
      out[r[0].get<std::string>()] = {
          {"type", r[1]}, {"notnull", r[2]}, {"dflt", r[3]}, {"pk", r[4]}, {"hidden", r[5]}};
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace litestone::testing
