// The write pipeline (src/client/write) holds no SQL text: its statements
// come from query/emit (query/statements.hpp, query/compile.hpp). A string
// literal opening with a statement keyword there fails this test.

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "testing.hpp"

namespace litestone::testing {
namespace {

namespace fs = std::filesystem;

TEST(WriteSqlTextTest, ClientWriteHasNoSqlLiterals) {
  fs::path dir = fs::path(sourceDir()) / "src" / "client" / "write";
  static const std::regex sql(R"re("\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|REPLACE|WITH) )re");
  int files = 0;
  for (auto& entry : fs::directory_iterator(dir)) {
    ++files;
    std::string text = readFile(entry.path().string());
    std::smatch m;
    EXPECT_FALSE(std::regex_search(text, m, sql)) << entry.path().filename() << ": " << m.str();
  }
  EXPECT_GT(files, 5);
}

}  // namespace
}  // namespace litestone::testing
