// createClient, parse/parseFile and the introspection members of Client.

#include <gtest/gtest.h>

#include "client/access.hpp"
#include "client/state.hpp"
#include "litestone/client.hpp"
#include "testing.hpp"

namespace litestone {
namespace {

using testing::TempDir;

ClientOptions options(std::string schema_text, std::string db,
                      std::shared_ptr<const ParsedSchema> parsed = nullptr) {
  ClientOptions o;
  o.schema = std::move(schema_text);
  o.db = std::move(db);
  o.parsed = std::move(parsed);
  return o;
}

const char* const kSchema = R"(
enum Role { admin member }
model users {
  id        Integer   @id
  email     Text      @unique
  role      Role      @default(member)
  deletedAt DateTime?
  @@softDelete
}
model posts { id Integer @id }
model accounts { id Integer @id }
)";

TEST(OpenTest, IntrospectionReflectsTheSchema) {
  TempDir dir;
  auto db = createClient(options(kSchema, dir.file("app.db")));
  EXPECT_EQ(db.enums(), json::parse(R"({"Role": ["admin", "member"]})"));
  EXPECT_EQ(db.softDelete(), json::parse(R"({"users": true, "posts": false, "accounts": false})"));
  json dbs = db.databases();
  EXPECT_EQ(dbs["main"]["driver"], "sqlite");
  EXPECT_EQ(dbs["main"]["path"], dir.file("app.db"));
  json s = db.schema();
  EXPECT_EQ(s["models"]["users"]["fields"]["email"]["unique"], true);
  EXPECT_EQ(s["models"]["users"]["fields"]["role"]["values"], json::parse(R"(["admin", "member"])"));
  EXPECT_EQ(s["models"]["users"]["softDelete"], true);
  EXPECT_EQ(s["models"]["users"]["primaryKey"], json::parse(R"(["id"])"));
  json cache = db.cacheSize();
  EXPECT_TRUE(cache.contains("read") && cache.contains("write"));
  db.close();
}

TEST(OpenTest, UnknownModelListsTheModels) {
  TempDir dir;
  auto db = createClient(options(kSchema, dir.file("app.db")));
  try {
    detail::stateOf(db).model("usr");
    FAIL() << "no error for an unknown model";
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "QUERY_UNKNOWN_MODEL");
    EXPECT_STREQ(e.what(), "unknown model \"usr\"; models: accounts, posts, users");
  }
  EXPECT_EQ(detail::stateOf(db).model("posts").table, "posts");
  EXPECT_EQ(&detail::stateOf(db).databaseFor(detail::stateOf(db).model("posts")),
            &detail::stateOf(db).mainDatabase());
}

TEST(OpenTest, ParsedSchemaIsReusable) {
  TempDir dir;
  auto path = dir.write("schema.lite", kSchema);
  auto parsed = parseFile(path);
  auto a = createClient(options("", dir.file("a.db"), parsed));
  auto b = createClient(options("", dir.file("b.db"), parse(kSchema)));
  EXPECT_EQ(a.enums(), b.enums());
  autoMigrate(a);
  a.close();
  b.close();
  EXPECT_TRUE(std::filesystem::exists(dir.file("a.db")));
}

TEST(OpenTest, InvalidSchemaThrowsSchemaError) {
  EXPECT_THROW(createClient(options("model users { id Strng @id }", ":memory:")), SchemaError);
  EXPECT_THROW(parse("model {"), SchemaError);
  EXPECT_THROW(createClient(ClientOptions{}), SchemaError);
}

TEST(OpenTest, MemoryDatabaseWorks) {
  auto db = createClient(options("model users { id Integer @id }", ":memory:"));
  json r = autoMigrate(db);
  EXPECT_EQ(r["applied"].size(), 1u);
  EXPECT_EQ(autoMigrate(db)["applied"], json::array());
}

}  // namespace
}  // namespace litestone
