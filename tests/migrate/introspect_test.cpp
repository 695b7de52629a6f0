// introspect round trips: push a fixture schema, introspect the database,
// load the text, push it onto a new file: both databases have the same
// snapshot.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

#include "ddl/ddl.hpp"
#include "litestone/client.hpp"
#include "litestone/migrate.hpp"
#include "migrate/snapshot.hpp"
#include "project.hpp"
#include "schema/load.hpp"
#include "testing.hpp"

namespace litestone::migrate {
namespace {

using litestone::testing::TempDir;

json snapshotJson(const std::string& path) {
  auto db = openPlain(path, true);
  auto j = takeSnapshot(*db).toJson();
  // @sequence support is not visible in a table; compare the model tables.
  j["tables"].erase("_litestone_sequences");
  return j;
}

std::string pushSchema(const ClientOptions& options) {
  auto db = createClient(options);
  autoMigrate(db);
  db.close();
  return options.db;
}

void roundTrip(const std::string& schema_text) {
  TempDir dir;
  ClientOptions first;
  first.path = dir.write("schema.lite", schema_text);
  first.db = dir.file("first.db");
  pushSchema(first);
  auto text = introspect(first.db);
  auto loaded = schema::loadText(text, dir.file("introspected.lite"));
  std::string diags;
  for (auto& d : loaded.diagnostics.list()) diags += loaded.sources->render(d) + "\n";
  ASSERT_TRUE(loaded.ok()) << diags << text;
  ClientOptions second;
  second.path = dir.write("introspected.lite", text);
  second.db = dir.file("second.db");
  pushSchema(second);
  EXPECT_EQ(snapshotJson(first.db).dump(2), snapshotJson(second.db).dump(2)) << text;
}

// One sqlite database file of a pushed schema: introspect it, load the text,
// push that onto a new empty file and compare both snapshots. Introspection
// is per database, so a schema with several database blocks is checked one
// file at a time.
void roundTripDatabase(const TempDir& dir, const std::string& db_path, const std::string& tag) {
  auto text = introspect(db_path);
  auto loaded = schema::loadText(text, dir.file(tag + ".introspected.lite"));
  std::string diags;
  for (auto& d : loaded.diagnostics.list()) diags += loaded.sources->render(d) + "\n";
  ASSERT_TRUE(loaded.ok()) << tag << "\n" << diags << text;
  ClientOptions second;
  second.path = dir.write(tag + ".introspected.lite", text);
  second.db = dir.file(tag + ".second.db");
  pushSchema(second);
  EXPECT_EQ(snapshotJson(db_path).dump(2), snapshotJson(second.db).dump(2)) << tag << "\n" << text;
}

// Constructs that leave no trace in SQLite (policies, validators, @encrypted,
// @omit, write-pipeline defaults, @updatedAt, enum names, @sequence, which
// only adds _litestone_sequences) read back as the plain column: the bar is
// snapshot equality after the second push (see src/migrate/README.md).
// Every fixture schema (tests/schema/fixtures/*.lite and imports/schema.lite)
// round-trips through introspect. The fixture folder is copied so that
// relative database paths (multi_db.lite) land in the temporary folder.
void roundTripFixture(const std::string& relative) {
  namespace fs = std::filesystem;
  TempDir dir;
  fs::copy(fs::path(litestone::testing::sourceDir()) / "tests/schema/fixtures", dir.path() / "fixtures",
           fs::copy_options::recursive);
  auto schema_path = (dir.path() / "fixtures" / relative).string();
  auto parsed = schema::loadFileOrThrow(schema_path);
  bool sqlite_only = std::all_of(parsed->databases.begin(), parsed->databases.end(),
                                 [](auto& d) { return d.driver == "sqlite"; });
  std::map<std::string, std::string> files;  // block → database file
  if (sqlite_only) {
    ClientOptions first;
    first.path = schema_path;
    first.db = dir.file("first.db");
    pushSchema(first);
    for (auto& database : parsed->databases)
      files[database.name] = database.name == "main" ? first.db : database.path;
  } else {
    // The client does not open jsonl / logger blocks yet (multi_db.lite), so
    // each sqlite block's DDL is run on an empty file: what a push does there.
    for (auto& database : parsed->databases) {
      if (database.driver != "sqlite") continue;  // no tables to introspect
      auto path = dir.file(database.name + ".first.db");
      auto db = openPlain(path);
      db->exec(ddl::script(ddl::generate(*parsed, database)));
      files[database.name] = path;
    }
  }
  int checked = 0;
  for (auto& [name, path] : files) {
    roundTripDatabase(dir, path, name);
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

class IntrospectFixtureTest : public ::testing::TestWithParam<std::string> {};

TEST_P(IntrospectFixtureTest, RoundTrips) { roundTripFixture(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Introspect, IntrospectFixtureTest,
                         ::testing::Values("enums_defaults.lite", "functions.lite", "lifecycle.lite",
                                           "multi_db.lite", "policies.lite", "relations.lite",
                                           "traits_types.lite", "validators.lite", "imports/schema.lite"),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           std::string name;
                           for (char c : param_info.param) {
                             if (c == '.') break;
                             name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           }
                           return name;
                         });

// Every fixture file is listed above.
TEST(IntrospectTest, CoversEveryFixture) {
  namespace fs = std::filesystem;
  std::vector<std::string> found;
  for (auto& e : fs::directory_iterator(fs::path(litestone::testing::sourceDir()) / "tests/schema/fixtures"))
    if (e.path().extension() == ".lite") found.push_back(e.path().filename().string());
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::string>{"enums_defaults.lite", "functions.lite", "lifecycle.lite",
                                             "multi_db.lite", "policies.lite", "relations.lite",
                                             "traits_types.lite", "validators.lite"}));
}

TEST(IntrospectTest, RoundTripsManyToManyAndOddNames) {
  roundTrip(R"(
model posts {
  id    Integer @id
  title Text
  tags  tags[]
}
model tags {
  id    Integer @id
  label Text    @unique
  posts posts[]
}
model odd {
  id      Integer @id
  weird   Text    @map("weird col")
  @@map("odd table")
}
)");
}

TEST(IntrospectTest, RoundTripsGeneratedColumns) {
  roundTrip(R"lite(
model lines {
  id    Integer @id
  qty   Integer
  price Real
  total Real    @generated("qty * (price + 0.5)", stored: false)
  label Text    @generated("'(' || CAST(\"qty\" AS TEXT) || ')'")
}
)lite");
}

TEST(IntrospectTest, ReadsTypesAndRelations) {
  TempDir dir;
  auto db = openPlain(dir.file("legacy.db"));
  db->exec(
      "CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1 "
      "CHECK (active IN (0, 1)));"
      "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL DEFAULT 'untitled', authorId INTEGER "
      "REFERENCES authors(id) ON DELETE CASCADE, price REAL);"
      "CREATE INDEX books_title ON books (title);");
  db.reset();
  auto text = introspect(dir.file("legacy.db"));
  EXPECT_NE(text.find("active Boolean @default(true)"), std::string::npos) << text;
  EXPECT_NE(text.find("@relation(fields: [authorId], references: [id], onDelete: Cascade)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("books  books[]"), std::string::npos) << text;
  EXPECT_NE(text.find("@@index([title], name: \"books_title\")"), std::string::npos) << text;
  EXPECT_NE(text.find("@@noStrict"), std::string::npos) << text;
  EXPECT_TRUE(schema::loadText(text).ok()) << text;
}

}  // namespace
}  // namespace litestone::migrate
