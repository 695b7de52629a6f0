// Schema evolutions end to end: seed rows, edit the schema, create + apply a
// migration, and check that the rows survive, verify passes and status is
// clean (Project::migrate checks the last two).

#include <gtest/gtest.h>

#include "litestone/error.hpp"
#include "project.hpp"

namespace litestone::migrate::test {
namespace {

const char* kUsers = R"(
model users {
  id    Integer @id
  email Text
  name  Text?
}
)";

void seedUsers(Project& p) {
  p.migrate(kUsers);
  p.exec("INSERT INTO users (id, email, name) VALUES (1, 'a@x.co', 'Ann'), (2, 'b@x.co', NULL)");
}

std::string expectCode(Project& p, const std::string& schema, const std::string& code) {
  auto db = p.open(schema);
  create(db, "step", p.options());
  try {
    apply(db, p.options());
  } catch (const MigrationError& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "expected " << code;
  return "";
}

TEST(EvolutionTest, AddOptionalColumn) {
  Project p;
  seedUsers(p);
  auto changes = p.migrate(R"(model users {
  id    Integer @id
  email Text
  name  Text?
  bio   Text?
})");
  EXPECT_EQ(changes, "~ table users: add column bio\n");
  EXPECT_EQ(p.rows("SELECT id, email, name, bio FROM users"), "1|a@x.co|Ann|NULL\n2|b@x.co|NULL|NULL\n");
}

TEST(EvolutionTest, AddRequiredColumnWithDefault) {
  Project p;
  seedUsers(p);
  p.migrate(R"(model users {
  id     Integer @id
  email  Text
  name   Text?
  points Integer @default(10)
})");
  EXPECT_EQ(p.rows("SELECT id, points FROM users"), "1|10\n2|10\n");
}

TEST(EvolutionTest, AddRequiredColumnWithoutDefaultFailsOnRows) {
  Project p;
  seedUsers(p);
  auto msg = expectCode(p, R"(model users {
  id    Integer @id
  email Text
  name  Text?
  age   Integer
})",
                        "MIGRATION_REQUIRED_COLUMN");
  EXPECT_NE(msg.find("users.age"), std::string::npos);
  EXPECT_EQ(p.rows("SELECT count(*) FROM users"), "2\n");
}

TEST(EvolutionTest, DropColumnIsRefusedWithoutAllowDestructive) {
  Project p;
  seedUsers(p);
  const char* next = R"(model users {
  id    Integer @id
  email Text
})";
  auto msg = expectCode(p, next, "MIGRATION_DESTRUCTIVE");
  EXPECT_NE(msg.find("users.name"), std::string::npos) << msg;
  EXPECT_EQ(p.rows("SELECT name FROM users ORDER BY id"), "Ann\nNULL\n");
  auto db = p.open(next);
  apply(db, p.options(true));
  EXPECT_TRUE(verify(db).ok);
  EXPECT_EQ(p.rows("SELECT * FROM users"), "1|a@x.co\n2|b@x.co\n");
}

TEST(EvolutionTest, DropEmptyColumnNeedsNoPermission) {
  Project p;
  p.migrate(kUsers);
  p.exec("INSERT INTO users (id, email) VALUES (1, 'a@x.co')");
  p.migrate(R"(model users {
  id    Integer @id
  email Text
})");
  EXPECT_EQ(p.rows("SELECT * FROM users"), "1|a@x.co\n");
}

TEST(EvolutionTest, MakeRequiredFieldOptional) {
  Project p;
  seedUsers(p);
  p.migrate(R"(model users {
  id    Integer @id
  email Text?
  name  Text?
})");
  p.exec("INSERT INTO users (id, email) VALUES (3, NULL)");
  EXPECT_EQ(p.rows("SELECT id, email FROM users"), "1|a@x.co\n2|b@x.co\n3|NULL\n");
}

TEST(EvolutionTest, MakeOptionalFieldRequiredFillsDefault) {
  Project p;
  seedUsers(p);
  p.migrate(R"(model users {
  id    Integer @id
  email Text
  name  Text    @default("anonymous")
})");
  EXPECT_EQ(p.rows("SELECT id, name FROM users"), "1|Ann\n2|anonymous\n");
}

TEST(EvolutionTest, MakeOptionalFieldRequiredWithoutDefaultFailsClearly) {
  Project p;
  seedUsers(p);
  auto msg = expectCode(p, R"(model users {
  id    Integer @id
  email Text
  name  Text
})",
                        "MIGRATION_NULL_VALUES");
  EXPECT_NE(msg.find("users.name"), std::string::npos);
  EXPECT_EQ(p.rows("SELECT count(*) FROM users WHERE name IS NULL"), "1\n");
}

TEST(EvolutionTest, WideningTypeChangeKeepsValues) {
  Project p;
  p.migrate("model items {\n  id Integer @id\n  price Integer\n}\n");
  p.exec("INSERT INTO items VALUES (1, 5), (2, 7)");
  p.migrate("model items {\n  id Integer @id\n  price Real\n}\n");
  EXPECT_EQ(p.rows("SELECT id, typeof(price), price FROM items"), "1|real|5.0\n2|real|7.0\n");
}

TEST(EvolutionTest, NarrowingTypeChangeIsDestructive) {
  Project p;
  p.migrate("model items {\n  id Integer @id\n  code Text\n}\n");
  p.exec("INSERT INTO items VALUES (1, '42')");
  const char* next = "model items {\n  id Integer @id\n  code Integer\n}\n";
  expectCode(p, next, "MIGRATION_DESTRUCTIVE");
  auto db = p.open(next);
  apply(db, p.options(true));
  EXPECT_TRUE(verify(db).ok);
  EXPECT_EQ(p.rows("SELECT typeof(code), code FROM items"), "integer|42\n");
}

TEST(EvolutionTest, DefaultChange) {
  Project p;
  p.migrate("model items {\n  id Integer @id\n  qty Integer @default(1)\n}\n");
  p.exec("INSERT INTO items (id) VALUES (1)");
  p.migrate("model items {\n  id Integer @id\n  qty Integer @default(5)\n}\n");
  p.exec("INSERT INTO items (id) VALUES (2)");
  EXPECT_EQ(p.rows("SELECT id, qty FROM items"), "1|1\n2|5\n");
}

const char* kAuthors = R"(
model authors {
  id   Integer @id
  name Text
}
)";

TEST(EvolutionTest, AddAndDropForeignKey) {
  Project p;
  p.migrate(std::string(kAuthors) + "model books {\n  id Integer @id\n  authorId Integer\n}\n");
  p.exec("INSERT INTO authors VALUES (1, 'Le Guin'); INSERT INTO books VALUES (10, 1)");
  auto with_fk = std::string(R"(
model authors {
  id    Integer @id
  name  Text
  books books[]
}
model books {
  id       Integer @id
  author   authors @relation(fields: [authorId], references: [id], onDelete: Cascade)
  authorId Integer
}
)");
  auto changes = p.migrate(with_fk);
  EXPECT_NE(changes.find("~ table books: rebuild"), std::string::npos) << changes;
  EXPECT_EQ(p.rows("SELECT \"table\", \"from\", on_delete FROM pragma_foreign_key_list('books')"),
            "authors|authorId|CASCADE\n");
  EXPECT_EQ(p.rows("SELECT id, authorId FROM books"), "10|1\n");
  p.migrate(std::string(kAuthors) + "model books {\n  id Integer @id\n  authorId Integer\n}\n");
  EXPECT_EQ(p.rows("SELECT count(*) FROM pragma_foreign_key_list('books')"), "0\n");
  EXPECT_EQ(p.rows("SELECT id, authorId FROM books"), "10|1\n");
}

TEST(EvolutionTest, AddForeignKeyOverOrphansFails) {
  Project p;
  p.migrate(std::string(kAuthors) + "model books {\n  id Integer @id\n  authorId Integer\n}\n");
  p.exec("INSERT INTO books VALUES (10, 99)");
  expectCode(p, R"(
model authors {
  id    Integer @id
  name  Text
  books books[]
}
model books {
  id       Integer @id
  author   authors @relation(fields: [authorId], references: [id])
  authorId Integer
}
)",
             "MIGRATION_FOREIGN_KEY");
  EXPECT_EQ(p.rows("SELECT count(*) FROM pragma_foreign_key_list('books')"), "0\n");
}

TEST(EvolutionTest, AddAndDropIndex) {
  Project p;
  seedUsers(p);
  auto changes = p.migrate(R"(model users {
  id    Integer @id
  email Text
  name  Text?
  @@index([name])
})");
  EXPECT_EQ(changes.substr(0, 8), "+ index ");
  EXPECT_EQ(p.rows("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'users' AND sql "
                   "IS NOT NULL"),
            "1\n");
  p.migrate(kUsers);
  EXPECT_EQ(p.rows("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'users' AND sql "
                   "IS NOT NULL"),
            "0\n");
  EXPECT_EQ(p.rows("SELECT count(*) FROM users"), "2\n");
}

TEST(EvolutionTest, AddAndDropUnique) {
  Project p;
  seedUsers(p);
  p.migrate(R"(model users {
  id    Integer @id
  email Text    @unique
  name  Text?
})");
  EXPECT_THROW(p.exec("INSERT INTO users (id, email) VALUES (3, 'a@x.co')"), Error);
  p.migrate(R"(model users {
  id    Integer @id
  email Text
  name  Text?
  @@unique([email, name])
})");
  p.exec("INSERT INTO users (id, email, name) VALUES (3, 'a@x.co', 'Other')");
  p.migrate(kUsers);
  EXPECT_EQ(p.rows("SELECT count(*) FROM users"), "3\n");
}

TEST(EvolutionTest, EnumValuesAddedAndRemoved) {
  Project p;
  p.migrate("enum Role { admin member }\nmodel users {\n  id Integer @id\n  role Role @default(member)\n}\n");
  p.exec("INSERT INTO users VALUES (1, 'admin'), (2, 'member')");
  p.migrate(
      "enum Role { admin member viewer }\nmodel users {\n  id Integer @id\n  role Role "
      "@default(member)\n}\n");
  p.exec("INSERT INTO users VALUES (3, 'viewer')");
  p.exec("DELETE FROM users WHERE role = 'admin'");
  p.migrate(
      "enum Role { member viewer }\nmodel users {\n  id Integer @id\n  role Role @default(member)\n}\n");
  EXPECT_EQ(p.rows("SELECT id, role FROM users"), "2|member\n3|viewer\n");
  EXPECT_THROW(p.exec("INSERT INTO users VALUES (4, 'admin')"), Error);
}

TEST(EvolutionTest, RemovingAnEnumValueStillInUseFails) {
  Project p;
  p.migrate("enum Role { admin member }\nmodel users {\n  id Integer @id\n  role Role\n}\n");
  p.exec("INSERT INTO users VALUES (1, 'admin')");
  auto db = p.open("enum Role { member }\nmodel users {\n  id Integer @id\n  role Role\n}\n");
  create(db, "step", p.options());
  try {
    apply(db, p.options());
    ADD_FAILURE() << "expected MIGRATION_FAILED";
  } catch (const MigrationError& e) {
    // The failing statement with sqlite's own codes: a CHECK constraint.
    EXPECT_EQ(e.code(), "MIGRATION_FAILED");
    EXPECT_EQ(e.meta()["sqlite_code"], 19);            // SQLITE_CONSTRAINT
    EXPECT_EQ(e.meta()["sqlite_extended_code"], 275);  // SQLITE_CONSTRAINT_CHECK
    EXPECT_EQ(e.meta()["constraint"], "check");
    EXPECT_GE(e.meta()["statement"].get<int>(), 1);
    EXPECT_NE(e.meta()["sql"].get<std::string>().find("INSERT INTO"), std::string::npos) << e.meta();
  }
  EXPECT_EQ(p.rows("SELECT role FROM users"), "admin\n");
}

TEST(EvolutionTest, AddSoftDeleteWithPartialIndexes) {
  Project p;
  p.migrate("model posts {\n  id Integer @id\n  slug Text @unique\n}\n");
  p.exec("INSERT INTO posts VALUES (1, 'hello')");
  p.migrate(R"(model posts {
  id        Integer   @id
  slug      Text      @unique
  deletedAt DateTime?
  @@softDelete
})");
  EXPECT_EQ(p.rows("SELECT id, slug, deletedAt FROM posts"), "1|hello|NULL\n");
  // The unique index covers live rows only.
  p.exec("UPDATE posts SET deletedAt = '2026-01-01T00:00:00.000Z' WHERE id = 1");
  p.exec("INSERT INTO posts (id, slug) VALUES (2, 'hello')");
  EXPECT_EQ(p.rows("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql LIKE '%WHERE%'"), "1\n");
}

TEST(EvolutionTest, AddFtsIndexesExistingRows) {
  Project p;
  p.migrate("model notes {\n  id Integer @id\n  title Text\n  body Text\n}\n");
  p.exec("INSERT INTO notes VALUES (1, 'Gardening', 'tomatoes and basil'), (2, 'Cooking', 'pasta')");
  p.migrate("model notes {\n  id Integer @id\n  title Text\n  body Text\n  @@fts([title, body])\n}\n");
  auto fts = p.rows("SELECT name FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL TABLE%'");
  ASSERT_FALSE(fts.empty());
  fts.pop_back();
  EXPECT_EQ(p.rows("SELECT rowid FROM \"" + fts + "\" WHERE \"" + fts + "\" MATCH 'basil'"), "1\n");
  p.exec("INSERT INTO notes VALUES (3, 'More', 'basil pesto')");
  EXPECT_EQ(p.rows("SELECT rowid FROM \"" + fts + "\" WHERE \"" + fts + "\" MATCH 'basil' ORDER BY rowid"),
            "1\n3\n");
}

TEST(EvolutionTest, RenamedModelWithMapKeepsItsTable) {
  Project p;
  seedUsers(p);
  auto changes = p.migrate(R"(model members {
  id    Integer @id
  email Text
  name  Text?
  @@map("users")
})");
  EXPECT_EQ(changes, "");
  EXPECT_EQ(p.rows("SELECT id, email FROM users"), "1|a@x.co\n2|b@x.co\n");
}

TEST(EvolutionTest, AddGeneratedColumn) {
  Project p;
  p.migrate("model seats {\n  id Integer @id\n  rows Integer\n  perRow Integer\n}\n");
  p.exec("INSERT INTO seats VALUES (1, 10, 20)");
  p.migrate(
      "model seats {\n  id Integer @id\n  rows Integer\n  perRow Integer\n  total Integer "
      "@generated(\"\\\"rows\\\" * "
      "\\\"perRow\\\"\")\n}\n");
  EXPECT_EQ(p.rows("SELECT id, total FROM seats"), "1|200\n");
}

TEST(EvolutionTest, AddModel) {
  Project p;
  seedUsers(p);
  auto changes = p.migrate(std::string(kUsers) + "model tags {\n  id Integer @id\n  label Text @unique\n}\n");
  EXPECT_NE(changes.find("+ table tags"), std::string::npos);
  p.exec("INSERT INTO tags VALUES (1, 'x')");
  EXPECT_EQ(p.rows("SELECT count(*) FROM users"), "2\n");
}

TEST(EvolutionTest, DropModelIsDestructive) {
  Project p;
  p.migrate(std::string(kUsers) + "model tags {\n  id Integer @id\n  label Text\n}\n");
  p.exec("INSERT INTO tags VALUES (1, 'x')");
  auto msg = expectCode(p, kUsers, "MIGRATION_DESTRUCTIVE");
  EXPECT_NE(msg.find("drops table tags"), std::string::npos) << msg;
  auto db = p.open(kUsers);
  apply(db, p.options(true));
  EXPECT_TRUE(verify(db).ok);
  EXPECT_EQ(p.rows("SELECT count(*) FROM sqlite_schema WHERE name = 'tags'"), "0\n");
}

TEST(EvolutionTest, ManyToManyAdded) {
  Project p;
  p.migrate(
      "model posts {\n  id Integer @id\n  title Text\n}\nmodel tags {\n  id Integer @id\n  label Text\n}\n");
  p.exec("INSERT INTO posts VALUES (1, 'Hi'); INSERT INTO tags VALUES (1, 'x')");
  auto changes = p.migrate(
      "model posts {\n  id Integer @id\n  title Text\n  tags tags[]\n}\nmodel tags {\n  id Integer @id\n  "
      "label "
      "Text\n  posts posts[]\n}\n");
  EXPECT_NE(changes.find("+ table"), std::string::npos) << changes;
  EXPECT_EQ(p.rows("SELECT count(*) FROM posts"), "1\n");
}

TEST(EvolutionTest, SplitModelToAnotherDatabase) {
  Project p;
  std::string head = "database main { path \"app.db\" }\ndatabase metrics { path \"metrics.db\" }\n";
  p.migrate(head + std::string(kUsers) + "model events {\n  id Integer @id\n  kind Text\n}\n");
  p.exec("INSERT INTO events VALUES (1, 'login'), (2, 'logout')");
  auto changes = p.migrate(head + std::string(kUsers) +
                           "model events {\n  id Integer @id\n  kind Text\n  @@db(metrics)\n}\n");
  EXPECT_NE(changes.find("moved to database metrics"), std::string::npos) << changes;
  EXPECT_EQ(p.rows("SELECT id, kind FROM events", p.dir.file("metrics.db")), "1|login\n2|logout\n");
  EXPECT_EQ(p.rows("SELECT count(*) FROM sqlite_schema WHERE name = 'events'"), "0\n");
}

TEST(EvolutionTest, ExternalModelsAreNeverTouched) {
  Project p;
  p.migrate(kUsers);
  p.exec("CREATE TABLE legacy (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO legacy VALUES (1, 'keep')");
  auto changes = p.migrate(std::string(kUsers) +
                           "model legacy {\n  id Integer @id\n  note Text\n  extra Text\n  @@external\n}\n");
  EXPECT_EQ(changes, "");
  EXPECT_EQ(p.rows("SELECT * FROM legacy"), "1|keep\n");
}

TEST(EvolutionTest, NothingToDoWritesNoFile) {
  Project p;
  p.migrate(kUsers);
  auto db = p.open(kUsers);
  EXPECT_TRUE(create(db, "again", p.options()).empty());
  EXPECT_TRUE(dryRun(db).empty());
}

TEST(EvolutionTest, CreateCountsPendingMigrations) {
  Project p;
  auto db = p.open(kUsers);
  auto first = create(db, "init", p.options());
  ASSERT_EQ(first.databases.size(), 1u);
  EXPECT_TRUE(create(db, "again", p.options()).empty());
  EXPECT_FALSE(status(db, p.options()).clean());
  auto ran = apply(db, p.options());
  ASSERT_EQ(ran.size(), 1u);
  EXPECT_EQ(ran[0].name, first.databases[0].name);
  EXPECT_TRUE(status(db, p.options()).clean());
}

}  // namespace
}  // namespace litestone::migrate::test
