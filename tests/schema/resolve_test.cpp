// Resolved catalog tests: every construct asserted on the Schema itself.

#include <gtest/gtest.h>

#include "litestone/error.hpp"
#include "schema/load.hpp"

namespace litestone::schema {
namespace {

std::shared_ptr<const Schema> load(const std::string& text) {
  LoadResult r = loadText(text);
  if (!r.ok()) {
    std::string all;
    for (const auto& d : r.diagnostics.list()) all += r.sources->render(d);
    ADD_FAILURE() << all;
  }
  return r.schema;
}

std::string firstError(const std::string& text) {
  LoadResult r = loadText(text);
  if (r.diagnostics.list().empty()) return "";
  const auto& d = r.diagnostics.list().front();
  return d.code + " " + d.message;
}

const char* kBlog = R"(
enum Role { admin member viewer }

model accounts {
  id    Integer @id
  name  Text
  users users[]
}

model users {
  id        Integer  @id
  account   accounts @relation(fields: [accountId], references: [id], onDelete: Cascade)
  accountId Integer
  email     Text     @unique
  role      Role
  posts     posts[]
}

model posts {
  id       Integer @id
  author   users   @relation(fields: [authorId], references: [id])
  authorId Integer
  tags     tags[]
}

model tags {
  id    Integer @id
  name  Text    @unique
  posts posts[]
}
)";

TEST(ResolveTest, ModelsFieldsAndKinds) {
  auto s = load(kBlog);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->models.size(), 4u);
  const Model* users = s->model("users");
  ASSERT_TRUE(users);
  EXPECT_EQ(users->table, "users");
  ASSERT_EQ(users->primary_key.size(), 1u);
  EXPECT_EQ(users->primary_key[0]->name, "id");
  EXPECT_TRUE(users->field("email")->unique);
  EXPECT_EQ(users->field("email")->column, "email");
  EXPECT_EQ(users->field("role")->kind, FieldKind::Enum);
  EXPECT_EQ(users->field("role")->enum_type, s->enumType("Role"));
  EXPECT_EQ(users->field("account")->kind, FieldKind::Relation);
  EXPECT_EQ(users->field("account")->column, "");
  EXPECT_FALSE(users->field("account")->stored());
  EXPECT_EQ(s->databases.size(), 1u);
  EXPECT_EQ(s->mainDatabase().name, "main");
  EXPECT_EQ(users->database, &s->mainDatabase());
}

TEST(ResolveTest, BelongsToAndHasMany) {
  auto s = load(kBlog);
  ASSERT_TRUE(s);
  const Model* users = s->model("users");
  const Relation* bt = users->field("account")->relation;
  ASSERT_TRUE(bt);
  EXPECT_EQ(bt->kind, RelationKind::BelongsTo);
  EXPECT_EQ(bt->from, users);
  EXPECT_EQ(bt->to, s->model("accounts"));
  ASSERT_EQ(bt->local_fields.size(), 1u);
  EXPECT_EQ(bt->local_fields[0], users->field("accountId"));
  EXPECT_EQ(bt->foreign_fields[0], s->model("accounts")->field("id"));
  EXPECT_EQ(bt->on_delete, "Cascade");
  const Relation* hm = s->model("accounts")->field("users")->relation;
  ASSERT_TRUE(hm);
  EXPECT_EQ(hm->kind, RelationKind::HasMany);
  EXPECT_EQ(hm->opposite, bt);
  EXPECT_EQ(bt->opposite, hm);
  EXPECT_EQ(hm->foreign_fields[0], users->field("accountId"));
}

TEST(ResolveTest, ManyToManyJoinTable) {
  auto s = load(kBlog);
  ASSERT_TRUE(s);
  const Relation* pt = s->model("posts")->field("tags")->relation;
  const Relation* tp = s->model("tags")->field("posts")->relation;
  ASSERT_TRUE(pt && tp);
  EXPECT_EQ(pt->kind, RelationKind::ManyToMany);
  EXPECT_EQ(pt->join_table, "_postsTotags");
  EXPECT_EQ(tp->join_table, "_postsTotags");
  EXPECT_EQ(pt->join_from_column, "A");
  EXPECT_EQ(pt->join_to_column, "B");
  EXPECT_EQ(tp->join_from_column, "B");
  EXPECT_EQ(pt->opposite, tp);
}

// The schema of /work/shared/BENCHMARK.md, as written there: the first model
// keeps all its fields on one line.
const char* kBenchmark = R"(model accounts { id Integer @id  name Text  plan Text  users users[] }
model users {
  id Integer @id
  account accounts @relation(fields: [accountId], references: [id])
  accountId Integer
  email Text @unique
  name Text
  role Text
  score Real
  createdAt DateTime
  posts posts[]
  @@index([accountId])
}
model posts {
  id Integer @id
  author users @relation(fields: [authorId], references: [id])
  authorId Integer
  title Text
  body Text
  status Text
  createdAt DateTime
  @@index([authorId])
}
)";

std::vector<std::string> fieldNames(const Model& m) {
  std::vector<std::string> out;
  for (const auto& f : m.fields) out.push_back(f.name);
  return out;
}

TEST(ResolveTest, BenchmarkSchemaWithFieldsOnOneLine) {
  auto s = load(kBenchmark);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->models.size(), 3u);
  const Model* accounts = s->model("accounts");
  const Model* users = s->model("users");
  const Model* posts = s->model("posts");
  ASSERT_TRUE(accounts && users && posts);
  EXPECT_EQ(fieldNames(*accounts), (std::vector<std::string>{"id", "name", "plan", "users"}));
  EXPECT_EQ(fieldNames(*users), (std::vector<std::string>{"id", "account", "accountId", "email", "name",
                                                          "role", "score", "createdAt", "posts"}));
  EXPECT_EQ(fieldNames(*posts),
            (std::vector<std::string>{"id", "author", "authorId", "title", "body", "status", "createdAt"}));
  ASSERT_EQ(accounts->primary_key.size(), 1u);
  EXPECT_EQ(accounts->primary_key[0], accounts->field("id"));
  EXPECT_EQ(accounts->field("plan")->scalar, ScalarType::Text);
  EXPECT_TRUE(users->field("email")->unique);
  EXPECT_EQ(users->field("score")->scalar, ScalarType::Real);

  const Relation* has_users = accounts->field("users")->relation;
  ASSERT_TRUE(has_users);
  EXPECT_EQ(has_users->kind, RelationKind::HasMany);
  EXPECT_EQ(has_users->to, users);
  const Relation* account = users->field("account")->relation;
  ASSERT_TRUE(account);
  EXPECT_EQ(account->kind, RelationKind::BelongsTo);
  EXPECT_EQ(account->opposite, has_users);
  EXPECT_EQ(account->local_fields, (std::vector<const Field*>{users->field("accountId")}));
  const Relation* author = posts->field("author")->relation;
  ASSERT_TRUE(author);
  EXPECT_EQ(author->to, users);
  EXPECT_EQ(author->opposite, users->field("posts")->relation);

  ASSERT_EQ(users->indexes.size(), 1u);
  EXPECT_FALSE(users->indexes[0].unique);
  EXPECT_EQ(users->indexes[0].fields, (std::vector<const Field*>{users->field("accountId")}));
  ASSERT_EQ(posts->indexes.size(), 1u);
  EXPECT_EQ(posts->indexes[0].fields, (std::vector<const Field*>{posts->field("authorId")}));
}

TEST(ResolveTest, UnknownTypeStopsBeforeRelations) {
  EXPECT_EQ(firstError("model a {\n  id Integer @id\n  x Strng\n}\n"),
            "E0201 unknown type \"Strng\"; expected Integer, Real, Text, Boolean, DateTime, Json, Blob, "
            "File, an enum, a type or a model");
}

TEST(ResolveTest, NamedAndSelfManyToMany) {
  auto s = load(R"(
model users {
  id        Integer @id
  followers users[] @relation("follows")
  following users[] @relation("follows")
  liked     posts[] @relation("likes")
}

model posts {
  id    Integer @id
  fans  users[] @relation("likes")
}
)");
  ASSERT_TRUE(s);
  const Model* users = s->model("users");
  const Relation* followers = users->field("followers")->relation;
  const Relation* following = users->field("following")->relation;
  ASSERT_TRUE(followers && following);
  EXPECT_EQ(followers->kind, RelationKind::ManyToMany);
  EXPECT_TRUE(followers->self());
  EXPECT_EQ(followers->join_table, "_follows");
  EXPECT_EQ(followers->join_from_column, "A");
  EXPECT_EQ(following->join_from_column, "B");
  EXPECT_EQ(followers->opposite, following);
  const Relation* liked = users->field("liked")->relation;
  EXPECT_EQ(liked->join_table, "_likes");
  EXPECT_EQ(liked->join_from_column, "B");  // "posts" sorts before "users"
  EXPECT_EQ(liked->local_fields[0], users->field("id"));
}

TEST(ResolveTest, ListAndEnumDefaults) {
  auto s = load(R"(
enum Tag { a b c }

model items {
  id    Integer @id
  tags  Tag[]   @default([a, b])
  names Text[]  @default(["x"])
  score Real    @default(-2)
}
)");
  ASSERT_TRUE(s);
  const Model* m = s->model("items");
  EXPECT_EQ(m->field("tags")->default_value.literal, (json{"a", "b"}));
  EXPECT_EQ(m->field("tags")->kind, FieldKind::Enum);
  EXPECT_EQ(m->field("tags")->scalar, ScalarType::Json);
  EXPECT_EQ(m->field("names")->default_value.literal, json::array({"x"}));
  EXPECT_EQ(m->field("score")->default_value.literal, -2);
}

TEST(ResolveTest, CompositeIdAndDatabaseDefaults) {
  auto s = load(R"(
model memberships {
  userId  Integer
  groupId Integer
  @@id([userId, groupId])
}
)");
  ASSERT_TRUE(s);
  const Model* m = s->model("memberships");
  ASSERT_EQ(m->primary_key.size(), 2u);
  EXPECT_TRUE(m->field("groupId")->id);
  EXPECT_EQ(s->mainDatabase().path, "");
  EXPECT_EQ(s->mainDatabase().driver, "sqlite");
}

TEST(ResolveTest, ParseErrorsStopBeforeResolving) {
  LoadResult r = loadText("model a {\n  id Integer @id(\n}\n");
  EXPECT_FALSE(r.ok());
  ASSERT_FALSE(r.diagnostics.list().empty());
  EXPECT_EQ(r.diagnostics.list()[0].code.substr(0, 3), "E01");
}

}  // namespace
}  // namespace litestone::schema
