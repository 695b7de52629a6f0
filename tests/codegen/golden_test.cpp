// Golden files of the three generators for the fixture schemas: the C++
// header (*.hpp.golden, so that the format check leaves it alone), the
// TypeScript declarations and the JSON Schema. Run with
// LITESTONE_UPDATE_EXPECT=1 to rewrite tests/codegen/golden/.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "codegen/codegen.hpp"
#include "codegen/fields.hpp"
#include "litestone/error.hpp"
#include "schema/load.hpp"
#include "testing.hpp"

namespace litestone {
namespace {

struct Fixture {
  std::string name;
  std::string path;  // relative to the repository root
};

std::vector<Fixture> fixtures() {
  return {{"shop", "tests/codegen/fixtures/shop.lite"},
          {"relations", "tests/schema/fixtures/relations.lite"},
          {"traits_types", "tests/schema/fixtures/traits_types.lite"},
          {"validators", "tests/schema/fixtures/validators.lite"},
          {"enums_defaults", "tests/schema/fixtures/enums_defaults.lite"}};
}

std::shared_ptr<const schema::Schema> load(const std::string& rel) {
  return schema::loadFileOrThrow(testing::sourceDir() + "/" + rel);
}

void expectGolden(const std::string& file, const std::string& actual) {
  std::string path = std::string(LITESTONE_CODEGEN_DIR) + "/golden/" + file;
  if (std::getenv("LITESTONE_UPDATE_EXPECT") != nullptr) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path << " (run with LITESTONE_UPDATE_EXPECT=1)";
  std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(actual, expected) << "generated output differs from " << path
                              << " (LITESTONE_UPDATE_EXPECT=1 rewrites it)";
}

class GoldenTest : public ::testing::TestWithParam<Fixture> {};

codegen::Options optionsFor(const Fixture& f) {
  codegen::Options o;
  o.source_name = f.name + ".lite";
  return o;
}

TEST_P(GoldenTest, Cpp) {
  auto s = load(GetParam().path);
  expectGolden(GetParam().name + ".hpp.golden", codegen::generateCpp(*s, optionsFor(GetParam())));
}

TEST_P(GoldenTest, TypeScript) {
  auto s = load(GetParam().path);
  expectGolden(GetParam().name + ".ts", codegen::generateTypeScript(*s, optionsFor(GetParam())));
}

TEST_P(GoldenTest, JsonSchema) {
  auto s = load(GetParam().path);
  expectGolden(GetParam().name + ".schema.json", codegen::generateJsonSchema(*s, "").dump(2) + "\n");
}

TEST_P(GoldenTest, SameSchemaGivesByteIdenticalOutput) {
  auto a = load(GetParam().path);
  auto b = load(GetParam().path);
  EXPECT_EQ(codegen::generateCpp(*a, optionsFor(GetParam())),
            codegen::generateCpp(*b, optionsFor(GetParam())));
  EXPECT_EQ(codegen::generateTypeScript(*a, optionsFor(GetParam())),
            codegen::generateTypeScript(*b, optionsFor(GetParam())));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, GoldenTest, ::testing::ValuesIn(fixtures()),
                         [](const auto& p) { return p.param.name; });

TEST(CodegenTest, PascalCaseKeepsTheNameAsWritten) {
  EXPECT_EQ(codegen::pascalCase("users"), "Users");
  EXPECT_EQ(codegen::pascalCase("blog_posts"), "BlogPosts");
  EXPECT_EQ(codegen::pascalCase("BlogPost"), "BlogPost");
  EXPECT_EQ(codegen::pascalCase("playerSkills"), "PlayerSkills");
}

TEST(CodegenTest, KeywordsGetAnUnderscore) {
  EXPECT_EQ(codegen::cppIdentifier("delete"), "delete_");
  EXPECT_EQ(codegen::cppIdentifier("class"), "class_");
  EXPECT_EQ(codegen::cppIdentifier("email"), "email");
}

TEST(CodegenTest, OnlyLeavesOutRelationsToExcludedModelsInBothLanguages) {
  auto s = load("tests/codegen/fixtures/shop.lite");
  codegen::Options o;
  o.only = {"blog_orders"};
  std::string cpp = codegen::generateCpp(*s, o);
  std::string ts = codegen::generateTypeScript(*s, o);
  EXPECT_NE(cpp.find("struct BlogOrders {"), std::string::npos);
  EXPECT_EQ(cpp.find("struct Customers"), std::string::npos) << cpp;
  EXPECT_EQ(cpp.find("customer{}"), std::string::npos) << cpp;
  EXPECT_NE(cpp.find("customerId{}"), std::string::npos);
  EXPECT_NE(ts.find("export interface BlogOrders {"), std::string::npos);
  EXPECT_EQ(ts.find("Customers"), std::string::npos) << ts;
}

TEST(CodegenTest, OnlyWithAnUnknownModelNamesTheModels) {
  auto s = load("tests/codegen/fixtures/shop.lite");
  codegen::Options o;
  o.only = {"nope"};
  try {
    codegen::generateCpp(*s, o);
    FAIL() << "expected CODEGEN_UNKNOWN_MODEL";
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "CODEGEN_UNKNOWN_MODEL");
    EXPECT_NE(std::string(e.what()).find("customers, blog_orders"), std::string::npos) << e.what();
  }
}

TEST(CodegenTest, TwoNamesMappingToOneCppNameAreRefused) {
  auto s = schema::loadTextOrThrow(
      "model blog_posts {\n  id Integer @id\n}\nmodel BlogPosts {\n  id Integer @id\n}\n");
  try {
    codegen::generateCpp(*s, {});
    FAIL() << "expected CODEGEN_NAME_CLASH";
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "CODEGEN_NAME_CLASH");
    EXPECT_NE(std::string(e.what()).find("model blog_posts and model BlogPosts"), std::string::npos)
        << e.what();
  }
}

TEST(CodegenTest, JsonSchemaMapsValidators) {
  auto s = load("tests/schema/fixtures/validators.lite");
  json j = codegen::generateJsonSchema(*s, "venues");
  const json& p = j["$defs"]["Venues"]["properties"];
  EXPECT_EQ(p["contact"]["format"], "email");
  EXPECT_EQ(p["name"]["minLength"], 1);
  EXPECT_EQ(p["name"]["maxLength"], 50);
  EXPECT_EQ(p["capacity"]["exclusiveMinimum"], 0);
  EXPECT_EQ(p["capacity"]["maximum"], 100000);
  EXPECT_EQ(p["ticketFee"]["minimum"], 0);
  EXPECT_EQ(p["ticketFee"]["exclusiveMaximum"], 50);
  EXPECT_EQ(p["postcode"]["pattern"], "^[A-Z]{2}[0-9]{3}$");
  EXPECT_EQ(p["sku"]["pattern"], "^ven_");
  EXPECT_EQ(p["domain"]["anyOf"][0]["pattern"], "\\.org$");
  EXPECT_EQ(j["$ref"], "#/$defs/Venues");
  // website is optional: not required, null allowed.
  const json& req = j["$defs"]["Venues"]["required"];
  EXPECT_EQ(std::find(req.begin(), req.end(), "website"), req.end());
  EXPECT_NE(std::find(req.begin(), req.end(), "contact"), req.end());
}

TEST(CodegenTest, JsonSchemaWithAnUnknownModelIsRefused) {
  auto s = load("tests/schema/fixtures/validators.lite");
  EXPECT_THROW(codegen::generateJsonSchema(*s, "nope"), QueryError);
}

}  // namespace
}  // namespace litestone
