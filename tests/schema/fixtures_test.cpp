// Every valid fixture in tests/schema/fixtures/ must resolve without errors.

#include <gtest/gtest.h>

#include <filesystem>

#include "schema/load.hpp"
#include "testing.hpp"

namespace litestone::schema {
namespace {

TEST(FixturesTest, EveryFixtureResolves) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(testing::sourceDir()) / "tests/schema/fixtures";
  int count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".lite") continue;
    ++count;
    LoadResult r = loadFile(entry.path().string());
    std::string all;
    for (const auto& d : r.diagnostics.list()) all += r.sources->render(d);
    EXPECT_TRUE(r.ok()) << entry.path().filename() << "\n" << all;
  }
  LoadResult imports = loadFile((dir / "imports/schema.lite").string());
  std::string all;
  for (const auto& d : imports.diagnostics.list()) all += imports.sources->render(d);
  EXPECT_TRUE(imports.ok()) << all;
  EXPECT_GT(count, 0);
}

}  // namespace
}  // namespace litestone::schema
