// Golden diagnostics: every tests/schema/cases/*.lite ends with the
// diagnostics it must produce, one `// expect: LINE:COL CODE message` line
// each. Files named *_valid.lite expect none. LITESTONE_UPDATE_EXPECT=1
// rewrites the expectations from the current output.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "schema/load.hpp"
#include "testing.hpp"

namespace litestone::schema {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kExpectPrefix = "// expect: ";

std::vector<std::string> actualLines(const LoadResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics.list()) {
    LineCol lc = r.sources->lineCol(d.span.file, d.span.begin);
    out.push_back(std::to_string(lc.line) + ":" + std::to_string(lc.column) + " " + d.code + " " + d.message);
  }
  return out;
}

// Splits a case file into its schema text and its expected lines.
void splitCase(const std::string& text, std::string& body, std::vector<std::string>& expected) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(kExpectPrefix, 0) == 0) {
      expected.push_back(line.substr(kExpectPrefix.size()));
    } else {
      body += line + "\n";
    }
  }
}

std::vector<fs::path> caseFiles() {
  std::vector<fs::path> out;
  fs::path dir = fs::path(testing::sourceDir()) / "tests/schema/cases";
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".lite") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(CasesTest, EveryCaseMatchesItsExpectations) {
  bool update = std::getenv("LITESTONE_UPDATE_EXPECT") != nullptr;
  auto files = caseFiles();
  size_t invalid = 0;
  for (const auto& path : files) {
    std::string text = testing::readFile(path.string());
    std::string body;
    std::vector<std::string> expected;
    splitCase(text, body, expected);
    LoadResult r = loadFile(path.string());
    std::vector<std::string> actual = actualLines(r);
    bool valid_case = path.stem().string().ends_with("_valid");
    if (!valid_case) ++invalid;
    if (update) {
      while (body.size() >= 2 && body.ends_with("\n\n")) body.pop_back();
      std::ofstream out(path, std::ios::binary);
      out << body;
      if (!actual.empty()) out << "\n";
      for (const auto& a : actual) out << kExpectPrefix << a << "\n";
      continue;
    }
    EXPECT_EQ(actual, expected) << path.filename().string();
    if (valid_case) {
      EXPECT_TRUE(r.ok()) << path.filename().string() << " should be valid";
    } else {
      EXPECT_FALSE(actual.empty()) << path.filename().string() << " should report an error";
    }
  }
  EXPECT_GE(invalid, 45u);
}

}  // namespace
}  // namespace litestone::schema
