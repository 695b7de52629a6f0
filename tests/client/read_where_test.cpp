// where: every operator, logical nesting, relation filters, typed Json paths,
// $raw, and injection attempts.

#include "litestone/sql.hpp"
#include "read_fixture.hpp"

namespace litestone::testing {

using Ids = std::vector<int64_t>;

class WhereTest : public ReadTest {
 protected:
  Ids find(const json& where) {
    return ids(users().findMany({{"where", where}, {"orderBy", {{"id", "asc"}}}}));
  }
  Ids findPosts(const json& where) {
    return ids(posts().findMany({{"where", where}, {"orderBy", {{"id", "asc"}}}}));
  }
};

TEST_F(WhereTest, EqualityAndNull) {
  EXPECT_EQ(find({{"role", "admin"}}), (Ids{1, 4}));
  EXPECT_EQ(find({{"name", nullptr}}), (Ids{3}));
  EXPECT_EQ(find({{"name", {{"equals", "Bob"}}}}), (Ids{2}));
  EXPECT_EQ(find({{"active", false}}), (Ids{2}));
  EXPECT_EQ(find({{"role", "admin"}, {"accountId", 2}}), (Ids{4}));
}

TEST_F(WhereTest, NotMatchesNullRowsForValuesAndNotNullForNull) {
  EXPECT_EQ(find({{"name", {{"not", "Bob"}}}}), (Ids{1, 3, 4}));
  EXPECT_EQ(find({{"name", {{"not", nullptr}}}}), (Ids{1, 2, 4}));
  EXPECT_EQ(find({{"score", {{"not", {{"gt", 8}}}}}}), (Ids{2}));
}

TEST_F(WhereTest, InAndNotIn) {
  EXPECT_EQ(find({{"id", {{"in", {2, 4}}}}}), (Ids{2, 4}));
  EXPECT_EQ(find({{"id", {{"in", json::array()}}}}), (Ids{}));
  EXPECT_EQ(find({{"role", {{"in", {"guest", "member"}}}}}), (Ids{2, 3}));
  // notIn keeps NULL rows (DESIGN §4).
  EXPECT_EQ(find({{"name", {{"notIn", {"Ann", "Bob"}}}}}), (Ids{3, 4}));
  EXPECT_EQ(find({{"id", {{"notIn", json::array()}}}}), (Ids{1, 2, 3, 4}));
}

TEST_F(WhereTest, Comparisons) {
  EXPECT_EQ(find({{"score", {{"gt", 8.25}}}}), (Ids{1}));
  EXPECT_EQ(find({{"score", {{"gte", 8.25}}}}), (Ids{1, 4}));
  EXPECT_EQ(find({{"score", {{"lt", 8.25}}}}), (Ids{2}));
  EXPECT_EQ(find({{"score", {{"lte", 8.25}}}}), (Ids{2, 4}));
  EXPECT_EQ(find({{"score", {{"gte", 7}, {"lt", 9}}}}), (Ids{2, 4}));
  EXPECT_EQ(find({{"createdAt", {{"gte", "2024-02-01"}, {"lt", "2024-04-01"}}}}), (Ids{2, 3}));
}

TEST_F(WhereTest, ContainsStartsWithEndsWithAreCaseSensitiveByDefault) {
  EXPECT_EQ(find({{"email", {{"contains", "acme"}}}}), (Ids{1, 2}));
  EXPECT_EQ(find({{"email", {{"contains", "ACME"}}}}), (Ids{}));
  EXPECT_EQ(find({{"email", {{"startsWith", "bo"}}}}), (Ids{2}));
  EXPECT_EQ(find({{"email", {{"endsWith", ".co"}}}}), (Ids{1, 2, 3, 4}));
  EXPECT_EQ(find({{"name", {{"startsWith", "a"}}}}), (Ids{}));
}

TEST_F(WhereTest, ModeInsensitive) {
  EXPECT_EQ(find({{"email", {{"contains", "ACME"}, {"mode", "insensitive"}}}}), (Ids{1, 2}));
  EXPECT_EQ(find({{"name", {{"startsWith", "a"}, {"mode", "insensitive"}}}}), (Ids{1}));
  EXPECT_EQ(find({{"name", {{"endsWith", "EE"}, {"mode", "insensitive"}}}}), (Ids{4}));
}

TEST_F(WhereTest, WildcardsInValuesAreLiteral) {
  EXPECT_EQ(find({{"email", {{"contains", "_"}}}}), (Ids{4}));
  EXPECT_EQ(find({{"email", {{"contains", "%"}}}}), (Ids{4}));
  EXPECT_EQ(find({{"email", {{"contains", "_"}, {"mode", "insensitive"}}}}), (Ids{4}));
  EXPECT_EQ(find({{"email", {{"contains", "%"}, {"mode", "insensitive"}}}}), (Ids{4}));
  EXPECT_EQ(find({{"email", {{"contains", "*"}}}}), (Ids{}));
  EXPECT_EQ(find({{"email", {{"contains", "?"}}}}), (Ids{}));
  EXPECT_EQ(find({{"email", {{"startsWith", "[a]"}}}}), (Ids{}));
}

TEST_F(WhereTest, AndOrNotNesting) {
  EXPECT_EQ(find({{"OR", {{{"id", 1}}, {{"id", 3}}}}}), (Ids{1, 3}));
  EXPECT_EQ(find({{"AND", {{{"role", "admin"}}, {{"accountId", 1}}}}}), (Ids{1}));
  EXPECT_EQ(find({{"NOT", {{"role", "admin"}}}}), (Ids{2, 3}));
  EXPECT_EQ(find({{"NOT", {{{"id", 1}}, {{"id", 2}}}}}), (Ids{3, 4}));
  EXPECT_EQ(find({{"OR", json::array()}}), (Ids{}));
  EXPECT_EQ(find({{"AND", json::array()}}), (Ids{1, 2, 3, 4}));
  EXPECT_EQ(find({{"OR", {{{"AND", {{{"role", "admin"}}, {{"accountId", 2}}}}}, {{"name", "Bob"}}}},
                  {"NOT", {{"id", 2}}}}),
            (Ids{4}));
}

TEST_F(WhereTest, ToManyRelationFilters) {
  EXPECT_EQ(find({{"posts", {{"some", {{"status", "draft"}}}}}}), (Ids{1, 4}));
  // Post 3 is soft-deleted: it counts for nobody.
  EXPECT_EQ(find({{"posts", {{"some", {{"title", "Gone"}}}}}}), (Ids{}));
  EXPECT_EQ(find({{"posts", {{"none", {{"status", "draft"}}}}}}), (Ids{2, 3}));
  // every: users with no posts qualify too.
  EXPECT_EQ(find({{"posts", {{"every", {{"status", "published"}}}}}}), (Ids{2, 3}));
  EXPECT_EQ(find({{"posts", {{"some", json::object()}}}}), (Ids{1, 2, 4}));
}

TEST_F(WhereTest, ManyToManyRelationFilters) {
  EXPECT_EQ(findPosts({{"tags", {{"some", {{"label", "tech"}}}}}}), (Ids{1, 2}));
  EXPECT_EQ(findPosts({{"tags", {{"none", json::object()}}}}), (Ids{5}));
  EXPECT_EQ(findPosts({{"tags", {{"every", {{"label", "news"}}}}}}), (Ids{4, 5}));
}

TEST_F(WhereTest, ToOneRelationFilters) {
  EXPECT_EQ(findPosts({{"author", {{"name", "Bob"}}}}), (Ids{4}));
  EXPECT_EQ(findPosts({{"author", {{"is", {{"role", "admin"}}}}}}), (Ids{1, 2, 5}));
  EXPECT_EQ(findPosts({{"author", {{"isNot", {{"role", "admin"}}}}}}), (Ids{4}));
  EXPECT_EQ(find({{"account", {{"plan", "pro"}}}}), (Ids{1, 2}));
  // Two hops.
  EXPECT_EQ(findPosts({{"author", {{"account", {{"name", "Globex"}}}}}}), (Ids{5}));
}

TEST_F(WhereTest, TypedJsonPaths) {
  EXPECT_EQ(find({{"address", {{"city", "NYC"}}}}), (Ids{1, 4}));
  EXPECT_EQ(find({{"address", {{"city", {{"in", {"LA", "SF"}}}}}}}), (Ids{2}));
  EXPECT_EQ(find({{"address", {{"zip", nullptr}}}}), (Ids{2, 3, 4}));
  EXPECT_EQ(find({{"address", {{"zip", {{"startsWith", "100"}}}}}}), (Ids{1}));
}

TEST_F(WhereTest, RawPlainStringAndSqlFragment) {
  EXPECT_EQ(find({{"$raw", "score > 8"}}), (Ids{1, 4}));
  EXPECT_EQ(find({{"$raw", sql("score > ?", {8})}}), (Ids{1, 4}));
  EXPECT_EQ(find({{"role", "admin"}, {"$raw", sql("json_extract(address, '$.city') = ?", {"NYC"})}}),
            (Ids{1, 4}));
  EXPECT_EQ(find({{"AND", {{{"accountId", 1}}, {{"$raw", sql("score < ?", {8})}}}}}), (Ids{2}));
  EXPECT_EQ(users().count({{"where", {{"$raw", sql("id IN (?, ?)", {1, 3})}}}}), 2);
}

TEST_F(WhereTest, RawParamCountMustMatchPlaceholders) {
  try {
    find({{"$raw", sql("score > ? AND id < ?", {8})}});
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "QUERY_INVALID_ARGUMENT");
    EXPECT_NE(std::string(e.what()).find("where.$raw.params"), std::string::npos) << e.what();
  }
  EXPECT_THROW(find({{"$raw", "id = ?"}}), QueryError);
  EXPECT_THROW(find({{"$raw", {{"sql", "1"}}}}), QueryError);
}

TEST_F(WhereTest, InjectionInValuesIsData) {
  for (std::string evil :
       std::vector<std::string>{"' OR 1=1 --", "\"; DROP TABLE users; --", "x'); DELETE FROM users; --",
                                "Ann' --", "\xF0\x9F\x92\xA3'\"`", std::string("a\0b", 3), "%", "_", "\\"}) {
    EXPECT_EQ(find({{"name", evil}}), (Ids{})) << evil;
    EXPECT_EQ(find({{"name", {{"contains", evil}}}}), (Ids{})) << evil;
    EXPECT_EQ(find({{"name", {{"in", {evil}}}}}), (Ids{})) << evil;
    EXPECT_EQ(find({{"address", {{"city", evil}}}}), (Ids{})) << evil;
  }
  EXPECT_EQ(users().count(), 4);
  EXPECT_EQ(posts().count({{"withDeleted", true}}), 5);
}

TEST_F(WhereTest, InjectionInKeysIsAnError) {
  for (std::string evil : std::vector<std::string>{"name\" = 'Ann' OR \"1", "name; DROP TABLE users",
                                                   "name--", "\"", "n\xC3\xA4me", "1=1", ""}) {
    try {
      find({{evil, "x"}});
      FAIL() << evil;
    } catch (const QueryError& e) {
      EXPECT_EQ(e.code(), "QUERY_UNKNOWN_FIELD") << evil;
    }
    EXPECT_THROW(find({{"name", {{evil, "x"}}}}), QueryError) << evil;
    EXPECT_THROW(find({{"address", {{evil, "x"}}}}), QueryError) << evil;
    EXPECT_THROW(users().findMany({{"orderBy", {{evil, "asc"}}}}), QueryError) << evil;
    EXPECT_THROW(users().findMany({{"select", {{evil, true}}}}), QueryError) << evil;
  }
  EXPECT_EQ(users().count(), 4);
}

TEST_F(WhereTest, UnknownFieldMessageNamesModelPathAndAllowed) {
  try {
    find({{"OR", {{{"id", 1}}, {{"emial", "x"}}}}});
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "QUERY_UNKNOWN_FIELD");
    std::string m = e.what();
    EXPECT_NE(m.find("\"emial\""), std::string::npos) << m;
    EXPECT_NE(m.find("\"users\""), std::string::npos) << m;
    EXPECT_NE(m.find("where.OR[1].emial"), std::string::npos) << m;
    EXPECT_NE(m.find("email"), std::string::npos) << m;
    EXPECT_EQ(e.meta()["path"], "where.OR[1].emial");
    EXPECT_EQ(e.meta()["model"], "users");
  }
}

TEST_F(WhereTest, UnknownOperatorMessageListsOperators) {
  try {
    find({{"score", {{"greater", 1}}}});
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "QUERY_UNKNOWN_OPERATOR");
    std::string m = e.what();
    EXPECT_NE(m.find("\"greater\""), std::string::npos) << m;
    EXPECT_NE(m.find("users.score"), std::string::npos) << m;
    EXPECT_NE(m.find("where.score.greater"), std::string::npos) << m;
    EXPECT_NE(m.find("gte"), std::string::npos) << m;
    // Text operators are not offered on a number.
    EXPECT_EQ(m.find("contains"), std::string::npos) << m;
  }
  try {
    find({{"posts", {{"any", json::object()}}}});
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "QUERY_UNKNOWN_OPERATOR");
    EXPECT_NE(std::string(e.what()).find("some, every, none"), std::string::npos) << e.what();
  }
}

TEST_F(WhereTest, InvalidValuesNameTheirPath) {
  try {
    find({{"id", {{"in", 3}}}});
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "QUERY_INVALID_ARGUMENT");
    EXPECT_NE(std::string(e.what()).find("where.id.in"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("an array"), std::string::npos) << e.what();
  }
  EXPECT_THROW(find({{"name", {{"contains", 3}}}}), QueryError);
  EXPECT_THROW(find({{"name", {{"contains", "a"}, {"mode", "loud"}}}}), QueryError);
  EXPECT_THROW(find({{"score", {{"gt", nullptr}}}}), QueryError);
  EXPECT_THROW(find({{"posts", "x"}}), QueryError);
  EXPECT_THROW(find({{"address", {{"country", "US"}}}}), QueryError);
  EXPECT_THROW(find(json::array()), QueryError);
}

}  // namespace litestone::testing
