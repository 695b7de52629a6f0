// Golden cases: tests/query/cases/<name>.json ({model, action, args}) →
// <name>.expect holding the IR dump after passes, then each statement's SQL
// and params. Reads and the whole-set writes (updateMany, deleteMany,
// removeMany, restore; the fields set are the keys of args.data). LITESTONE_UPDATE_EXPECT=1 rewrites the
// .expect files.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>

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
    case ParamSource::Auth:
      return "auth." + pathText(p.path);
    case ParamSource::Value:
      return "value(" + p.field->name + ")";
  }
  return "";
}

void appendStatements(const CompiledSelect& s, const std::string& label, std::string& out) {
  out += "--- sql " + label + "\n" + s.sql + "\n";
  for (auto& p : s.params) out += "  ? " + paramText(p) + "\n";
  for (auto& inc : s.includes) appendStatements(*inc.child, label + "." + inc.name, out);
}

std::optional<WriteAction> writeActionOf(const std::string& action) {
  if (action == "updateMany") return WriteAction::UpdateMany;
  if (action == "deleteMany") return WriteAction::DeleteMany;
  if (action == "removeMany") return WriteAction::RemoveMany;
  if (action == "restore") return WriteAction::Restore;
  return std::nullopt;
}

std::string renderWrite(const schema::Schema& schema, const json& c, WriteAction action) {
  WriteRequest req;
  req.schema = &schema;
  req.model = schema.model(c.at("model").get<std::string>());
  req.action = action;
  req.args = &c.at("args");
  req.return_keys = c.value("returnKeys", false);
  if (auto d = req.args->find("data"); d != req.args->end())
    for (const auto& f : req.model->fields)
      if (d->contains(f.name)) req.fields.push_back(&f);
  auto compiled = compileWrite(req);
  std::string out = "--- ir\n" + compiled->ir + "--- sql " + req.model->name + "\n" + compiled->sql + "\n";
  for (auto& p : compiled->params) out += "  ? " + paramText(p) + "\n";
  return out;
}

std::string render(const schema::Schema& schema, const json& c) {
  if (auto w = writeActionOf(c.at("action"))) return renderWrite(schema, c, *w);
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

// The case names (file stems), sorted: one CTest test per file.
std::vector<std::string> caseNames() {
  std::vector<std::string> names;
  std::error_code ec;
  for (auto& entry : fs::directory_iterator(casesDir(), ec))
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

class QueryCaseTest : public ::testing::TestWithParam<std::string> {};

TEST_P(QueryCaseTest, ArgsToIrToSql) {
  auto schema = schema::loadTextOrThrow(testing::readFile((casesDir() / "schema.lite").string()));
  fs::path json_path = casesDir() / (GetParam() + ".json");
  json c = json::parse(testing::readFile(json_path.string()));
  std::string got = render(*schema, c);
  auto expect_path = fs::path(json_path).replace_extension(".expect");
  if (std::getenv("LITESTONE_UPDATE_EXPECT") != nullptr) {
    std::ofstream(expect_path) << got;
    return;
  }
  ASSERT_TRUE(fs::exists(expect_path)) << expect_path << " missing: run with LITESTONE_UPDATE_EXPECT=1";
  EXPECT_EQ(got, testing::readFile(expect_path.string())) << json_path.filename();
}

INSTANTIATE_TEST_SUITE_P(Cases, QueryCaseTest, ::testing::ValuesIn(caseNames()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

TEST(QueryCasesTest, EveryCaseHasItsExpectFile) {
  auto names = caseNames();
  EXPECT_GE(names.size(), 10u);
  for (const auto& n : names) EXPECT_TRUE(fs::exists(casesDir() / (n + ".expect"))) << n;
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
  json w = {{"model", "users"},
            {"action", "updateMany"},
            {"args",
             {{"where", {{"name", "Robert'); DROP TABLE users;--"}}},
              {"data", {{"name", "x'); DROP TABLE users;--"}, {"email", "secret"}}}}}};
  got = render(*schema, w);
  EXPECT_NE(got.find("UPDATE \"users\""), std::string::npos) << got;
  EXPECT_EQ(got.find("DROP"), std::string::npos);
  EXPECT_EQ(got.find("secret"), std::string::npos);
}

}  // namespace
}  // namespace litestone::query
