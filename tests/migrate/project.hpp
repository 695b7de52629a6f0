#pragma once

// A scratch project for migration tests: a schema file, a database and a
// migrations folder in a temporary directory. migrate() does what a user
// does after editing the schema (create + apply) and checks that verify and
// status are clean afterwards.

#include <gtest/gtest.h>

#include <string>

#include "litestone/client.hpp"
#include "litestone/migrate.hpp"
#include "migrate/sqlite_util.hpp"
#include "testing.hpp"

namespace litestone::migrate::test {

class Project {
 public:
  litestone::testing::TempDir dir;

  std::string dbPath() const { return dir.file("app.db"); }
  std::string migrationsDir() const { return dir.file("migrations"); }

  Client open(const std::string& schema_text) {
    auto path = dir.write("schema.lite", schema_text);
    ClientOptions o;
    o.path = path;
    o.db = dbPath();
    return createClient(o);
  }
  Options options(bool allow_destructive = false) const {
    Options o;
    o.dir = migrationsDir();
    o.allow_destructive = allow_destructive;
    return o;
  }
  // create + apply; returns the changes of the main database ("" if none).
  std::string migrate(const std::string& schema_text, bool allow_destructive = false) {
    auto db = open(schema_text);
    auto created = create(db, "step", options(allow_destructive));
    apply(db, options(allow_destructive));
    auto v = verify(db);
    EXPECT_TRUE(v.ok) << v.report();
    EXPECT_TRUE(status(db, options()).clean()) << status(db, options()).toJson().dump(2);
    std::string out;
    for (auto& d : created.databases)
      for (auto& c : d.changes) out += c + "\n";
    return out;
  }
  // Raw SQL on the main database file.
  void exec(const std::string& sql, const std::string& path = "") {
    auto h = openDb(path.empty() ? dbPath() : path);
    execSql(h.get(), sql);
  }
  std::string rows(const std::string& sql, const std::string& path = "") {
    auto h = openDb(path.empty() ? dbPath() : path);
    Stmt st(h.get(), sql);
    std::string out;
    while (st.step()) {
      for (int i = 0; i < sqlite3_column_count(st.handle()); ++i)
        out += (i ? "|" : "") + (st.isNull(i) ? std::string("NULL") : st.text(i));
      out += "\n";
    }
    return out;
  }
};

}  // namespace litestone::migrate::test
