// The resolver must never crash or throw on schemas the parser accepts:
// every case and fixture is loaded again with each single line removed.

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "schema/load.hpp"
#include "testing.hpp"

namespace litestone::schema {
namespace {

TEST(RobustnessTest, EveryCaseWithOneLineRemovedLoadsWithoutThrowing) {
  namespace fs = std::filesystem;
  size_t variants = 0;
  for (const char* dir : {"tests/schema/cases", "tests/schema/fixtures"}) {
    for (const auto& e : fs::directory_iterator(fs::path(testing::sourceDir()) / dir)) {
      if (e.path().extension() != ".lite") continue;
      std::vector<std::string> lines;
      std::istringstream in(testing::readFile(e.path().string()));
      for (std::string l; std::getline(in, l);) lines.push_back(l);
      for (size_t skip = 0; skip < lines.size(); ++skip) {
        std::string text;
        for (size_t i = 0; i < lines.size(); ++i) {
          if (i != skip) text += lines[i] + "\n";
        }
        ++variants;
        EXPECT_NO_THROW({
          LoadResult r = loadText(text, e.path().string());
          for (const auto& d : r.diagnostics.list()) (void)r.sources->render(d);
        }) << e.path()
           << " without line " << skip + 1;
      }
    }
  }
  EXPECT_GT(variants, 500u);
}

}  // namespace
}  // namespace litestone::schema
