// introspect round trips: push a fixture schema, introspect the database,
// load the text, push it onto a new file: both databases have the same
// snapshot.

#include <gtest/gtest.h>

#include "litestone/client.hpp"
#include "litestone/migrate.hpp"
#include "migrate/snapshot.hpp"
#include "migrate/sqlite_util.hpp"
#include "schema/load.hpp"
#include "testing.hpp"

namespace litestone::migrate {
namespace {

using litestone::testing::TempDir;

json snapshotJson(const std::string& path) {
  auto db = openDb(path, true);
  auto j = takeSnapshot(db.get()).toJson();
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

std::string fixture(const std::string& name) {
  return litestone::testing::readFile(litestone::testing::sourceDir() + "/tests/schema/fixtures/" + name);
}

TEST(IntrospectTest, RoundTripsRelations) { roundTrip(fixture("relations.lite")); }
TEST(IntrospectTest, RoundTripsLifecycle) { roundTrip(fixture("lifecycle.lite")); }
TEST(IntrospectTest, RoundTripsEnumsAndDefaults) { roundTrip(fixture("enums_defaults.lite")); }

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

TEST(IntrospectTest, ReadsTypesAndRelations) {
  TempDir dir;
  auto db = openDb(dir.file("legacy.db"));
  execSql(
      db.get(),
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
  EXPECT_NE(text.find("@@index([title])"), std::string::npos) << text;
  EXPECT_NE(text.find("@@noStrict"), std::string::npos) << text;
  EXPECT_TRUE(schema::loadText(text).ok()) << text;
}

}  // namespace
}  // namespace litestone::migrate
