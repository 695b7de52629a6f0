#pragma once

// A scratch project for migration tests: a schema file, a database and a
// migrations folder in a temporary directory. migrate() does what a user
// does after editing the schema (create + apply) and checks that verify and
// status are clean afterwards.

#include <gtest/gtest.h>

#include <string>

#include "engine/connection.hpp"
#include "litestone/client.hpp"
#include "litestone/migrate.hpp"
#include "testing.hpp"

namespace litestone::migrate {

// A connection to a file with SQLite's defaults (no WAL switch, foreign keys
// off): how a user's own tool would open it.
inline std::unique_ptr<engine::Connection> openPlain(const std::string& path, bool read_only = false) {
  return std::make_unique<engine::Connection>(
      engine::ConnectionOptions{.path = path, .read_only = read_only, .apply_pragmas = false});
}

namespace test {

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
    auto h = openPlain(path.empty() ? dbPath() : path);
    h->exec(sql);
  }
  std::string rows(const std::string& sql, const std::string& path = "") {
    auto h = openPlain(path.empty() ? dbPath() : path);
    auto st = h->prepare(sql);
    std::string out;
    while (st.step()) {
      for (int i = 0; i < st.columnCount(); ++i)
        out += (i ? "|" : "") + (st.columnType(i) == engine::ColumnType::Null ? std::string("NULL")
                                                                              : std::string(st.getText(i)));
      out += "\n";
    }
    return out;
  }
};

}  // namespace test
}  // namespace litestone::migrate
