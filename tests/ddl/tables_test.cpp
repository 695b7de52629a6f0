// Tables generated from .lite text and created in a real file: column types,
// nullability, defaults, CHECKs, STRICT, keys and names.

#include <gtest/gtest.h>

#include <regex>

#include "probe.hpp"
#include "pushed.hpp"

namespace litestone::testing {
namespace {

const char* const kKinds = R"(
enum Role { admin member }
type Address {
  city Text
}
model things {
  id       Integer  @id
  count    Integer
  ratio    Real
  label    Text
  active   Boolean
  seenAt   DateTime
  meta     Json
  bytes    Blob
  avatar   File
  photos   File[]
  tags     Text[]
  role     Role
  roles    Role[]
  address  Address
  nickname Text?
  extra    Json?
}
)";

TEST(TablesTest, EveryKindHasItsColumnType) {
  Pushed s(kKinds);
  Probe p(s.db_path);
  json cols = p.columns("things");
  auto type = [&](const char* c) { return cols[c]["type"].get<std::string>(); };
  EXPECT_EQ(type("id"), "INTEGER");
  EXPECT_EQ(type("count"), "INTEGER");
  EXPECT_EQ(type("ratio"), "REAL");
  EXPECT_EQ(type("label"), "TEXT");
  EXPECT_EQ(type("active"), "INTEGER");
  EXPECT_EQ(type("seenAt"), "TEXT");
  EXPECT_EQ(type("meta"), "TEXT");
  EXPECT_EQ(type("bytes"), "BLOB");
  EXPECT_EQ(type("avatar"), "TEXT");
  EXPECT_EQ(type("photos"), "TEXT");
  EXPECT_EQ(type("tags"), "TEXT");
  EXPECT_EQ(type("role"), "TEXT");
  EXPECT_EQ(type("roles"), "TEXT");
  EXPECT_EQ(type("address"), "TEXT");
  EXPECT_EQ(cols["id"]["pk"], 1);
  EXPECT_EQ(cols["label"]["notnull"], 1);
  EXPECT_EQ(cols["nickname"]["notnull"], 0);
  std::string sql = p.value("SELECT sql FROM sqlite_master WHERE name = 'things'");
  EXPECT_NE(sql.find("\"id\" INTEGER PRIMARY KEY"), std::string::npos) << sql;
  EXPECT_EQ(sql.find("AUTOINCREMENT"), std::string::npos);
}

TEST(TablesTest, ChecksRejectBadValues) {
  Pushed s(kKinds);
  Probe p(s.db_path);
  auto insert = [&](const std::string& active, const std::string& role, const std::string& meta,
                    const std::string& tags) {
    return "INSERT INTO things (count, ratio, label, active, seenAt, meta, bytes, avatar, photos, tags, "
           "role, roles, address) VALUES (1, 0.5, 'x', " +
           active + ", '2024-01-01', " + meta + ", x'00', '{}', '[]', " + tags + ", " + role +
           ", '[\"admin\"]', '{\"city\":\"Oslo\"}')";
  };
  p.exec(insert("1", "'admin'", "'{}'", "'[]'"));
  EXPECT_TRUE(p.fails(insert("2", "'admin'", "'{}'", "'[]'"))) << "Boolean accepts only 0/1";
  EXPECT_TRUE(p.fails(insert("0", "'root'", "'{}'", "'[]'"))) << "enum accepts only its values";
  EXPECT_TRUE(p.fails(insert("0", "'admin'", "'{bad'", "'[]'"))) << "Json must be valid";
  EXPECT_TRUE(p.fails(insert("0", "'admin'", "'{}'", "'not json'"))) << "lists are JSON";
  EXPECT_TRUE(p.fails("INSERT INTO things (label) VALUES ('missing required')"));
  EXPECT_EQ(p.value("SELECT count(*) FROM things"), 1);
  p.exec("UPDATE things SET extra = NULL");  // an optional Json column holds NULL
  EXPECT_TRUE(p.fails("UPDATE things SET extra = '{bad'")) << "optional Json must still be valid";
}

TEST(TablesTest, StrictRejectsWrongTypeAndNoStrictAllowsIt) {
  Pushed s(R"(
model strictOnes { id Integer @id
  n Integer }
model looseOnes { id Integer @id
  n Integer
  @@noStrict }
)");
  Probe p(s.db_path);
  EXPECT_TRUE(p.fails("INSERT INTO strictOnes (n) VALUES ('abc')"));
  p.exec("INSERT INTO looseOnes (n) VALUES ('abc')");
  EXPECT_EQ(p.value("SELECT n FROM looseOnes"), "abc");
}

TEST(TablesTest, DefaultsAreFilledBySqlite) {
  Pushed s(R"(
enum State { draft live }
model posts {
  id        Integer  @id
  title     Text     @default("it's new")
  views     Integer  @default(7)
  score     Real     @default(1.5)
  pinned    Boolean  @default(true)
  state     State    @default(draft)
  createdAt DateTime @default(now())
  publicId  Text     @default(uuid())
}
)");
  Probe p(s.db_path);
  p.exec("INSERT INTO posts (publicId) VALUES ('p1')");
  json row = p.rows("SELECT title, views, score, pinned, state, createdAt FROM posts")[0];
  EXPECT_EQ(row[0], "it's new");
  EXPECT_EQ(row[1], 7);
  EXPECT_EQ(row[2], 1.5);
  EXPECT_EQ(row[3], 1);
  EXPECT_EQ(row[4], "draft");
  EXPECT_TRUE(
      std::regex_match(row[5].get<std::string>(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")))
      << row[5];
  // uuid() is the write pipeline's job: no SQL default, so the column stays required.
  EXPECT_TRUE(p.fails("INSERT INTO posts (title) VALUES ('x')"));
}

TEST(TablesTest, UniqueAndIndexes) {
  Pushed s(R"(
model members {
  id      Integer @id
  email   Text    @unique
  orgId   Integer
  number  Integer
  city    Text
  @@unique([orgId, number])
  @@index([city])
}
)");
  Probe p(s.db_path);
  p.exec("INSERT INTO members (email, orgId, number, city) VALUES ('a@x', 1, 1, 'Oslo')");
  EXPECT_TRUE(p.fails("INSERT INTO members (email, orgId, number, city) VALUES ('a@x', 2, 1, 'Oslo')"));
  EXPECT_TRUE(p.fails("INSERT INTO members (email, orgId, number, city) VALUES ('b@x', 1, 1, 'Oslo')"));
  p.exec("INSERT INTO members (email, orgId, number, city) VALUES ('b@x', 1, 2, 'Oslo')");
  json uniques =
      p.rows("SELECT name FROM pragma_index_list('members') WHERE \"unique\" = 1 AND origin = 'c'");
  ASSERT_EQ(uniques.size(), 1u) << "the composite unique index";
  std::string name = uniques[0][0];
  EXPECT_EQ(p.rows("SELECT name FROM pragma_index_info('" + name + "') ORDER BY seqno"),
            json::parse(R"([["orgId"], ["number"]])"));
  json plain = p.rows("SELECT name FROM pragma_index_list('members') WHERE \"unique\" = 0");
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(p.rows("SELECT name FROM pragma_index_info('" + plain[0][0].get<std::string>() + "')"),
            json::parse(R"([["city"]])"));
}

TEST(TablesTest, ForeignKeysWithActions) {
  Pushed s(R"(
model accounts {
  id    Integer @id
  users users[]
  notes notes[]
}
model users {
  id        Integer  @id
  account   accounts @relation(fields: [accountId], references: [id], onDelete: Cascade)
  accountId Integer
}
model notes {
  id        Integer   @id
  account   accounts? @relation(fields: [accountId], references: [id], onDelete: SetNull, onUpdate: Restrict)
  accountId Integer?
}
)");
  Probe p(s.db_path);
  json fk = p.rows(
      "SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('users')");
  EXPECT_EQ(fk, json::parse(R"([["accounts", "accountId", "id", "NO ACTION", "CASCADE"]])"));
  json fk2 = p.rows("SELECT on_update, on_delete FROM pragma_foreign_key_list('notes')");
  EXPECT_EQ(fk2, json::parse(R"([["RESTRICT", "SET NULL"]])"));
  // Referenced tables come first.
  json order = p.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid");
  EXPECT_EQ(order[0][0], "accounts");
  p.exec("INSERT INTO accounts (id) VALUES (1)");
  p.exec("INSERT INTO users (accountId) VALUES (1)");
  p.exec("INSERT INTO notes (accountId) VALUES (1)");
  EXPECT_TRUE(p.fails("INSERT INTO users (accountId) VALUES (99)"));
  p.exec("DELETE FROM accounts WHERE id = 1");
  EXPECT_EQ(p.value("SELECT count(*) FROM users"), 0);
  EXPECT_EQ(p.rows("SELECT accountId FROM notes"), json::parse("[[null]]"));
}

TEST(TablesTest, GeneratedColumnFromSchemaFunction) {
  Pushed s(R"lite(
function kebab(words: Text): Text {
  @@expr("replace(lower({words}), ' ', '-')")
}
model posts {
  id    Integer @id
  title Text
  slug  Text    @kebab(title)
}
)lite");
  Probe p(s.db_path);
  p.exec("INSERT INTO posts (title) VALUES ('Hello Big World')");
  EXPECT_EQ(p.value("SELECT slug FROM posts"), "hello-big-world");
  EXPECT_EQ(p.columns("posts")["slug"]["hidden"], 3) << "STORED generated";
  EXPECT_TRUE(p.fails("INSERT INTO posts (title, slug) VALUES ('a', 'b')"));
}

TEST(TablesTest, MapNamesTablesAndColumns) {
  Pushed s(R"(
model people {
  id       Integer @id
  fullName Text    @map("full_name")
  @@map("persons")
}
)");
  Probe p(s.db_path);
  EXPECT_EQ(p.names("table"), json::parse(R"(["persons"])"));
  EXPECT_TRUE(p.columns("persons").contains("full_name"));
}

TEST(TablesTest, ExternalModelGetsNoTable) {
  Pushed s(R"(
model users { id Integer @id }
model activeUsers {
  id Integer @id
  @@external
}
)");
  Probe p(s.db_path);
  EXPECT_EQ(p.names("table"), json::parse(R"(["users"])"));
}

TEST(TablesTest, NewFileIsWalWithLargePages) {
  Pushed s("model users { id Integer @id }");
  Probe p(s.db_path);
  EXPECT_EQ(p.value("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(p.value("PRAGMA page_size"), 8192);
}

TEST(TablesTest, SequenceSupportTable) {
  Pushed s(R"(
model invoices {
  id       Integer @id
  tenantId Integer
  number   Integer @sequence(scope: tenantId)
}
)");
  Probe p(s.db_path);
  json cols = p.columns("_litestone_sequences");
  EXPECT_EQ(cols.size(), 4u);
  EXPECT_EQ(cols["value"]["type"], "INTEGER");
  EXPECT_EQ(cols["model"]["pk"], 1);
  EXPECT_EQ(cols["scope"]["pk"], 3);
  Pushed none("model invoices { id Integer @id }");
  EXPECT_EQ(Probe(none.db_path).names("table"), json::parse(R"(["invoices"])"));
}

}  // namespace
}  // namespace litestone::testing
