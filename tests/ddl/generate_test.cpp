// DDL generation from hand-built catalogs: independent of the schema
// resolver, so these pin down the SQL ddl/ writes for each construct.

#include <gtest/gtest.h>

#include "common/quote.hpp"
#include "ddl/ddl.hpp"
#include "probe.hpp"
#include "testing.hpp"

namespace litestone::ddl {
namespace {

using schema::FieldKind;
using schema::ScalarType;

// A one-model schema built field by field.
struct Catalog {
  schema::Schema s;
  schema::Model* m = nullptr;

  explicit Catalog(std::string table) {
    auto& main = s.databases.emplace_back();
    main.name = "main";
    main.driver = "sqlite";
    m = &s.models.emplace_back();
    m->name = table;
    m->table = std::move(table);
  }
  schema::Field& add(std::string name, ScalarType type, bool optional = false) {
    auto& f = m->fields.emplace_back();
    f.name = name;
    f.column = std::move(name);
    f.model = m;
    f.scalar = type;
    f.optional = optional;
    return f;
  }
  schema::Field& id() {
    auto& f = add("id", ScalarType::Integer);
    f.id = true;
    m->primary_key = {&f};
    return f;
  }
  std::string sql() { return script(generate(s, s.databases.front())); }
};

TEST(QuoteTest, DoublesEmbeddedQuotes) {
  EXPECT_EQ(quoteIdent("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(quoteIdent("plain"), "\"plain\"");
  EXPECT_EQ(quoteLiteral("it's"), "'it''s'");
}

TEST(GenerateTest, IntegerIdIsRowidAliasWithoutAutoincrement) {
  Catalog c("users");
  c.id();
  c.add("email", ScalarType::Text);
  std::string sql = c.sql();
  EXPECT_NE(sql.find("\"id\" INTEGER PRIMARY KEY NOT NULL"), std::string::npos) << sql;
  EXPECT_EQ(sql.find("AUTOINCREMENT"), std::string::npos);
  EXPECT_NE(sql.find(") STRICT"), std::string::npos);
}

TEST(GenerateTest, NoStrictModelHasNoStrictKeyword) {
  Catalog c("loose");
  c.id();
  c.m->strict = false;
  EXPECT_EQ(c.sql().find("STRICT"), std::string::npos);
}

TEST(GenerateTest, OddIdentifiersAreQuotedAndUsable) {
  testing::TempDir dir;
  Catalog c("we\"ird table");
  c.id();
  auto& f = c.add("select", ScalarType::Text);
  f.column = "col \"x\"";
  auto& b = c.add("on", ScalarType::Boolean);
  b.default_value.kind = schema::DefaultValue::Kind::Literal;
  b.default_value.literal = true;
  auto& t = c.add("note", ScalarType::Text);
  t.default_value.kind = schema::DefaultValue::Kind::Literal;
  t.default_value.literal = "it's";
  testing::Probe p(dir.file("odd.db"));
  p.exec(c.sql());
  p.exec("INSERT INTO \"we\"\"ird table\" (\"col \"\"x\"\"\") VALUES ('v')");
  EXPECT_EQ(p.rows("SELECT \"col \"\"x\"\"\", \"on\", note FROM \"we\"\"ird table\""),
            json::parse(R"([["v", 1, "it's"]])"));
}

TEST(GenerateTest, ExternalModelGetsNothing) {
  Catalog c("legacy");
  c.id();
  c.m->external = true;
  EXPECT_TRUE(generate(c.s, c.s.databases.front()).empty());
}

TEST(GenerateTest, ModelOfAnotherDatabaseIsNotInMain) {
  Catalog c("views");
  c.id();
  auto& other = c.s.databases.emplace_back();
  other.name = "analytics";
  other.driver = "sqlite";
  c.m->database = &other;
  EXPECT_TRUE(generate(c.s, c.s.databases.front()).empty());
  EXPECT_EQ(generate(c.s, other).size(), 1u);
}

}  // namespace
}  // namespace litestone::ddl
