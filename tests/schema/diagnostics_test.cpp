// SourceMap rendering, JSON shape, sorting; load entry points and SchemaError.

#include <gtest/gtest.h>

#include "litestone/error.hpp"
#include "schema/diagnostics.hpp"
#include "schema/load.hpp"
#include "testing.hpp"

namespace litestone::schema {
namespace {

TEST(DiagnosticsTest, LineAndColumnCountCharactersNotBytes) {
  SourceMap sm;
  uint32_t f = sm.add("a.lite", "model é {\n  naïve Strng\n}\n");
  std::string text = sm.text(f);
  uint32_t offset = static_cast<uint32_t>(text.find("Strng"));
  LineCol lc = sm.lineCol(f, offset);
  EXPECT_EQ(lc.line, 2u);
  EXPECT_EQ(lc.column, 9u);
}

TEST(DiagnosticsTest, RenderShowsGutterAndMarkerWithoutColour) {
  SourceMap sm;
  uint32_t f = sm.add("schema.lite", "model a {\n  x Strng\n}\n");
  Diagnostic d{Severity::Error, "E0201", "unknown type \"Strng\"", Span{f, 14, 19}};
  EXPECT_EQ(sm.render(d),
            "schema.lite:2:5: error[E0201]: unknown type \"Strng\"\n"
            "   |\n"
            " 2 |   x Strng\n"
            "   |     ^~~~~\n");
  EXPECT_NE(sm.render(d, true).find("\033["), std::string::npos);
  EXPECT_EQ(sm.render(d).find("\033["), std::string::npos);
}

TEST(DiagnosticsTest, LongLinesAreCut) {
  SourceMap sm;
  std::string line = "model a { " + std::string(200, 'x') + " Strng }";
  uint32_t f = sm.add("s.lite", line);
  uint32_t at = static_cast<uint32_t>(line.find("Strng"));
  std::string out = sm.render({Severity::Error, "E0201", "m", Span{f, at, at + 5}});
  std::string source_line = out.substr(out.find(" 1 | ") + 5);
  source_line = source_line.substr(0, source_line.find('\n'));
  EXPECT_LE(source_line.size(), 120u);
  EXPECT_EQ(source_line.substr(0, 3), "...");
  EXPECT_NE(source_line.find("Strng"), std::string::npos);
  std::string marker = out.substr(out.rfind("| ") + 2);
  EXPECT_EQ(marker.find('^'), source_line.find("Strng"));
}

TEST(DiagnosticsTest, JsonHasPositionAndExcerpt) {
  SourceMap sm;
  uint32_t f = sm.add("schema.lite", "model a {\n  x Strng\n}\n");
  json j = sm.toJson({Severity::Error, "E0201", "msg", Span{f, 14, 19}});
  EXPECT_EQ(j["file"], "schema.lite");
  EXPECT_EQ(j["line"], 2);
  EXPECT_EQ(j["column"], 5);
  EXPECT_EQ(j["endColumn"], 10);
  EXPECT_EQ(j["code"], "E0201");
  EXPECT_EQ(j["severity"], "error");
  EXPECT_EQ(j["excerpt"], "  x Strng");
}

TEST(DiagnosticsTest, SortPutsErrorsFirstByPosition) {
  Diagnostics d;
  d.warning("W1", "w", Span{0, 1, 2});
  d.error("E2", "b", Span{0, 50, 51});
  d.error("E1", "a", Span{0, 10, 11});
  d.error("E3", "c", Span{1, 0, 1});
  d.sort();
  ASSERT_EQ(d.list().size(), 4u);
  EXPECT_EQ(d.list()[0].code, "E1");
  EXPECT_EQ(d.list()[1].code, "E2");
  EXPECT_EQ(d.list()[2].code, "E3");
  EXPECT_EQ(d.list()[3].code, "W1");
  EXPECT_TRUE(d.hasErrors());
}

TEST(LoadTest, OrThrowCarriesEveryDiagnostic) {
  try {
    loadTextOrThrow("model a {\n  id Integer @id\n  x Strng\n  y Numbr\n}\n");
    FAIL() << "expected SchemaError";
  } catch (const SchemaError& e) {
    EXPECT_EQ(e.code(), "SCHEMA_INVALID");
    ASSERT_EQ(e.meta()["diagnostics"].size(), 2u);
    EXPECT_EQ(e.meta()["diagnostics"][0]["line"], 3);
    EXPECT_EQ(e.meta()["diagnostics"][1]["line"], 4);
    EXPECT_NE(std::string(e.what()).find("schema.lite:3:5: error[E0201]"), std::string::npos);
  }
}

TEST(LoadTest, MissingFileIsADiagnostic) {
  LoadResult r = loadFile("/nonexistent/schema.lite");
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.diagnostics.list().size(), 1u);
  EXPECT_EQ(r.diagnostics.list()[0].code, "E0615");
  EXPECT_NO_THROW(r.sources->render(r.diagnostics.list()[0]));
}

TEST(LoadTest, ImportsResolveRelativeToTheImportingFile) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "sub");
  dir.write("sub/enums.lite", "import \"../schema.lite\"\nenum Role { admin member }\n");
  std::string root = dir.write(
      "schema.lite", "import \"./sub/enums.lite\"\nmodel users {\n  id Integer @id\n  role Role\n}\n");
  LoadResult r = loadFile(root);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.files.size(), 2u);
  EXPECT_EQ(r.schema->model("users")->field("role")->enum_type, r.schema->enumType("Role"));
}

TEST(DoctorTest, ValidSchemaPrintsSummary) {
  auto res = testing::runCli("doctor --schema " + testing::sourceDir() + "/examples/blog/schema.lite");
  EXPECT_EQ(res.exit_code, 0) << res.err;
  EXPECT_NE(res.out.find("5 models"), std::string::npos) << res.out;
}

TEST(DoctorTest, InvalidSchemaFailsWithDiagnostics) {
  testing::TempDir dir;
  std::string path = dir.write("schema.lite", "model a {\n  id Integer @id\n  x Strng\n}\n");
  auto res = testing::runCli("--color never doctor --schema " + path);
  EXPECT_EQ(res.exit_code, 1);
  EXPECT_NE(res.err.find(":3:5: error[E0201]"), std::string::npos) << res.err;
  EXPECT_NE(res.err.find("^~~~~"), std::string::npos);
  auto js = testing::runCli("doctor --json --schema " + path);
  EXPECT_EQ(js.exit_code, 1);
  json j = json::parse(js.out);
  EXPECT_FALSE(j["ok"].get<bool>());
  EXPECT_EQ(j["diagnostics"][0]["code"], "E0201");
}

}  // namespace
}  // namespace litestone::schema
