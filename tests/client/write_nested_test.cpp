// Nested writes on every relation kind, and their atomicity.

#include "write_fixture.hpp"

namespace litestone::write_test {
namespace {

json ids(const json& rows) {
  json out = json::array();
  for (const auto& r : rows) out.push_back(r["email"]);
  return out;
}

TEST_F(WriteTest, NestedCreateOfChildrenWithInclude) {
  json a =
      m("accounts")
          .create(
              {{"data",
                {{"name", "Acme"}, {"users", {{"create", {{{"email", "a@x.io"}}, {{"email", "b@x.io"}}}}}}}},
               {"include", {{"users", true}}}});
  ASSERT_EQ(a["users"].size(), 2u);
  EXPECT_EQ(a["users"][0]["accountId"], a["id"]);
}

TEST_F(WriteTest, NestedCreateMany) {
  json a =
      m("accounts")
          .create(
              {{"data",
                {{"name", "Acme"},
                 {"users", {{"createMany", {{"data", {{{"email", "a@x.io"}}, {{"email", "b@x.io"}}}}}}}}}}});
  EXPECT_EQ(m("users").count({{"where", {{"accountId", a["id"]}}}}), 2);
}

TEST_F(WriteTest, FailingNestedChildLeavesNoParent) {
  json before = dump();
  EXPECT_THROW(
      m("accounts")
          .create({{"data",
                    {{"name", "Acme"},
                     {"users", {{"create", {{{"email", "ok@x.io"}}, {{"email", "not an email"}}}}}}}}}),
      ValidationError);
  EXPECT_EQ(dump(), before);
  EXPECT_EQ(m("accounts").count(), 0);
}

TEST_F(WriteTest, BelongsToCreateConnectAndConnectOrCreate) {
  json u = m("users").create({{"data", {{"email", "a@x.io"}, {"account", {{"create", {{"name", "New"}}}}}}},
                              {"include", {{"account", true}}}});
  EXPECT_EQ(u["account"]["name"], "New");
  json v = m("users").create(
      {{"data", {{"email", "b@x.io"}, {"account", {{"connect", {{"id", u["accountId"]}}}}}}}});
  EXPECT_EQ(v["accountId"], u["accountId"]);
  json w = m("users").create(
      {{"data",
        {{"email", "c@x.io"},
         {"account",
          {{"connectOrCreate", {{"where", {{"id", 99}}}, {"create", {{"id", 99}, {"name", "C"}}}}}}}}}});
  EXPECT_EQ(w["accountId"], 99);
  LITESTONE_EXPECT_REJECTED_UNCHANGED(
      NotFoundError,
      m("users").create({{"data", {{"email", "d@x.io"}, {"account", {{"connect", {{"id", 12345}}}}}}}}));
}

TEST_F(WriteTest, HasManyConnectDisconnectSetUpdate) {
  json a = account("A");
  json b = account("B");
  json u1 = user(a["id"], "1@x.io");
  json u2 = user(a["id"], "2@x.io");
  json p1 = m("posts").create({{"data", {{"authorId", u1["id"]}, {"title", "one"}}}});
  json p2 = m("posts").create({{"data", {{"authorId", u1["id"]}, {"title", "two"}}}});
  // connect: move u2 under b.
  json r = m("accounts")
               .update({{"where", {{"id", b["id"]}}},
                        {"data", {{"users", {{"connect", {{"id", u2["id"]}}}}}}},
                        {"include", {{"users", true}}}});
  EXPECT_EQ(ids(r["users"]), json({"2@x.io"}));
  // update through the relation, restricted to this account's users.
  m("accounts")
      .update({{"where", {{"id", a["id"]}}},
               {"data",
                {{"users",
                  {{"update", {{"where", {{"email", {{"contains", "@"}}}}}, {"data", {{"score", 7}}}}}}}}}});
  EXPECT_EQ(m("users").findUnique({{"where", {{"id", u1["id"]}}}})["score"], 7);
  EXPECT_EQ(m("users").findUnique({{"where", {{"id", u2["id"]}}}})["score"], 0);
  // set on posts: u2 gets exactly p2.
  json s = m("users").update({{"where", {{"id", u2["id"]}}},
                              {"data", {{"posts", {{"set", {{{"id", p2["id"]}}}}}}}},
                              {"include", {{"posts", true}}}});
  ASSERT_EQ(s["posts"].size(), 1u);
  EXPECT_EQ(s["posts"][0]["id"], p2["id"]);
  EXPECT_EQ(m("posts").findUnique({{"where", {{"id", p1["id"]}}}})["authorId"], u1["id"]);
  // disconnect of a required foreign key is rejected and changes nothing.
  LITESTONE_EXPECT_REJECTED_UNCHANGED(
      ValidationError, m("users").update({{"where", {{"id", u2["id"]}}},
                                          {"data", {{"posts", {{"disconnect", {{"id", p2["id"]}}}}}}}}));
}

TEST_F(WriteTest, ManyToManyCreateConnectDisconnectSet) {
  json a = account();
  json u = user(a["id"], "a@x.io");
  m("tags").create({{"data", {{"name", "red"}}}});
  m("tags").create({{"data", {{"name", "blue"}}}});
  auto tagNames = [&] {
    json r = m("users").findUnique({{"where", {{"id", u["id"]}}}, {"include", {{"tags", true}}}});
    std::vector<std::string> names;
    for (const auto& t : r["tags"]) names.push_back(t["name"]);
    std::sort(names.begin(), names.end());
    return names;
  };
  m("users").update(
      {{"where", {{"id", u["id"]}}},
       {"data",
        {{"tags",
          {{"connect", {{{"name", "red"}}, {{"name", "blue"}}}}, {"create", {{"name", "green"}}}}}}}});
  EXPECT_EQ(tagNames(), (std::vector<std::string>{"blue", "green", "red"}));
  m("users").update(
      {{"where", {{"id", u["id"]}}}, {"data", {{"tags", {{"disconnect", {{"name", "blue"}}}}}}}});
  EXPECT_EQ(tagNames(), (std::vector<std::string>{"green", "red"}));
  m("users").update({{"where", {{"id", u["id"]}}}, {"data", {{"tags", {{"set", {{{"name", "blue"}}}}}}}}});
  EXPECT_EQ(tagNames(), (std::vector<std::string>{"blue"}));
  m("users").update(
      {{"where", {{"id", u["id"]}}},
       {"data",
        {{"tags",
          {{"connectOrCreate", {{{"where", {{"name", "pink"}}}, {"create", {{"name", "pink"}}}}}}}}}}});
  EXPECT_EQ(tagNames(), (std::vector<std::string>{"blue", "pink"}));
}

TEST_F(WriteTest, UnknownNestedOperationIsAQueryError) {
  json a = account();
  LITESTONE_EXPECT_REJECTED_UNCHANGED(
      QueryError,
      m("accounts").update({{"where", {{"id", a["id"]}}}, {"data", {{"users", {{"explode", true}}}}}}));
}

}  // namespace
}  // namespace litestone::write_test
