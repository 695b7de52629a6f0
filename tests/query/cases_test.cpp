// Golden cases: tests/query/cases/<name>.json ({model, action, args}) →
// <name>.expect holding the IR dump after passes, then each statement's SQL
// and params. LITESTONE_UPDATE_EXPECT=1 rewrites the .expect files.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "query/compile.hpp"
#include "query/ir/dump.hpp"
#include "schema/load.hpp"
#include "testing.hpp"

namespace litestone::query {
namespace {

namespace fs = std::filesystem;

fs::path casesDir() { return fs::path(testing::sourceDir()) / "tests" / "query" / "cases"; }

Operation operationOf(const std::string& action) {
  if (action == "findFirst") return Operation::FindFirst;
  if (action == "findUnique") return Operation::FindUnique;
  if (action == "count") return Operation::Count;
  if (action == "exists") return Operation::Exists;
  return Operation::FindMany;
}

std::string paramText(const Param& p) {
  switch (p.source) {
    case ParamSource::Args:
      return "$" + pathText(p.path);
    case ParamSource::Constant:
      return p.constant.dump();
    case ParamSource::External:
      return "external(" + std::to_string(p.external) + ")";
  }
  return "";
}

void appendStatements(const CompiledSelect& s, const std::string& label, std::string& out) {
  out += "--- sql " + label + "\n" + s.sql + "\n";
  for (auto& p : s.params) out += "  ? " + paramText(p) + "\n";
  for (auto& inc : s.includes) appendStatements(*inc.child, label + "." + inc.name, out);
}

std::string render(const schema::Schema& schema, const json& c) {
  ReadRequest req;
  req.schema = &schema;
  req.model = schema.model(c.at("model").get<std::string>());
  req.operation = operationOf(c.at("action"));
  req.args = &c.at("args");
  auto compiled = compileRead(req);
  std::string out = "--- ir\n" + compiled->ir;
  appendStatements(compiled->select, c.at("model").get<std::string>(), out);
  return out;
}

TEST(QueryCasesTest, ArgsToIrToSql) {
  auto schema = schema::loadTextOrThrow(testing::readFile((casesDir() / "schema.lite").string()));
  bool update = std::getenv("LITESTONE_UPDATE_EXPECT") != nullptr;
  int n = 0;
  for (auto& entry : fs::directory_iterator(casesDir())) {
    if (entry.path().extension() != ".json") continue;
    ++n;
    json c = json::parse(testing::readFile(entry.path().string()));
    std::string got = render(*schema, c);
    auto expect_path = fs::path(entry.path()).replace_extension(".expect");
    if (update) {
      std::ofstream(expect_path) << got;
      continue;
    }
    ASSERT_TRUE(fs::exists(expect_path)) << expect_path << " missing: run with LITESTONE_UPDATE_EXPECT=1";
    EXPECT_EQ(got, testing::readFile(expect_path.string())) << entry.path().filename();
  }
  EXPECT_GE(n, 10);
}

TEST(QueryCasesTest, ValuesNeverReachTheSql) {
  auto schema = schema::loadTextOrThrow(testing::readFile((casesDir() / "schema.lite").string()));
  json c = {{"model", "users"},
            {"action", "findMany"},
            {"args",
             {{"where", {{"name", "Robert'); DROP TABLE users;--"}, {"email", {{"contains", "secret"}}}}}}}};
  std::string got = render(*schema, c);
  EXPECT_EQ(got.find("DROP"), std::string::npos);
  EXPECT_EQ(got.find("secret"), std::string::npos);
}

}  // namespace
}  // namespace litestone::query
