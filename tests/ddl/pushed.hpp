#pragma once

// A schema pushed into a fresh database file: write schema.lite in a temp
// folder, createClient, autoMigrate, close. Tests then look at the file with
// a Probe.

#include <string>

#include "litestone/client.hpp"
#include "testing.hpp"

namespace litestone::testing {

// ClientOptions from a schema file and a main database path.
inline ClientOptions fileOptions(std::string schema_path, std::string db_path = "") {
  ClientOptions o;
  o.path = std::move(schema_path);
  o.db = std::move(db_path);
  return o;
}

struct Pushed {
  TempDir dir;
  std::string schema_path;
  std::string db_path;
  json report;

  explicit Pushed(const std::string& schema_text) {
    schema_path = dir.write("schema.lite", schema_text);
    db_path = dir.file("app.db");
    report = push(schema_text);
  }
  // Rewrites the schema and pushes again into the same files.
  json push(const std::string& schema_text) {
    dir.write("schema.lite", schema_text);
    auto db = createClient(fileOptions(schema_path, db_path));
    json r = autoMigrate(db);
    db.close();
    return r;
  }
};

}  // namespace litestone::testing
