// The table of error codes: it only grows, docs/errors.md is generated from
// it, and every code a throw site in src/ or tools/ spells as a string
// literal is in it.

#include "common/error_codes.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "litestone/error.hpp"
#include "testing.hpp"

namespace litestone {
namespace {

using litestone::testing::readFile;
using litestone::testing::sourceDir;

std::set<std::string> tableCodes() {
  std::set<std::string> out;
  for (const auto& e : errorCodes()) out.insert(std::string(e.code));
  return out;
}

TEST(ErrorCodesTest, CodesAreUniqueAndComplete) {
  std::set<std::string> seen;
  for (const auto& e : errorCodes()) {
    EXPECT_TRUE(seen.insert(std::string(e.code)).second) << "duplicate code " << e.code;
    EXPECT_FALSE(e.meaning.empty()) << e.code;
    EXPECT_GE(e.http_status, 400) << e.code;
    EXPECT_LT(e.http_status, 600) << e.code;
  }
}

// tests/common/error_codes.txt lists every code ever published. A code may be
// added (append it there too) but never removed or renamed.
TEST(ErrorCodesTest, TableOnlyGrows) {
  std::istringstream pinned(readFile(sourceDir() + "/tests/common/error_codes.txt"));
  auto table = tableCodes();
  std::set<std::string> listed;
  for (std::string line; std::getline(pinned, line);) {
    if (line.empty() || line[0] == '#') continue;
    listed.insert(line);
    EXPECT_TRUE(table.count(line)) << "code " << line << " was removed or renamed; codes are public contract";
  }
  for (const auto& code : table)
    EXPECT_TRUE(listed.count(code)) << "new code " << code << ": append it to tests/common/error_codes.txt";
  EXPECT_GE(listed.size(), 42u);
}

TEST(ErrorCodesTest, HttpStatusComesFromTheTable) {
  EXPECT_EQ(httpStatus(codes::kQueryUnknownField), 400);
  EXPECT_EQ(httpStatus(codes::kConstraintUnique), 409);
  EXPECT_EQ(httpStatus(codes::kNotFound), 404);
  EXPECT_EQ(httpStatus(codes::kAccessDenied), 403);
  EXPECT_EQ(httpStatus(codes::kDatabaseBusy), 503);
  EXPECT_EQ(httpStatus(codes::kInternal), 500);
  EXPECT_EQ(httpStatus("NO_SUCH_CODE"), 500);
  ASSERT_NE(findErrorCode(codes::kMigrationFailed), nullptr);
  EXPECT_EQ(findErrorCode(codes::kMigrationFailed)->error_class, ErrorClass::MigrationError);
  EXPECT_EQ(findErrorCode("NO_SUCH_CODE"), nullptr);
}

// The constants are the codes an Error reports.
TEST(ErrorCodesTest, ConstantsAreTheWireCodes) {
  QueryError e(codes::kQueryUnknownModel, "unknown model \"usr\"", {{"model", "usr"}});
  EXPECT_EQ(e.code(), "QUERY_UNKNOWN_MODEL");
  EXPECT_EQ(e.toJson()["error"]["code"], "QUERY_UNKNOWN_MODEL");
  EXPECT_EQ(errorToJson(std::runtime_error("x"))["error"]["code"], codes::kInternal);
}

// docs/errors.md is the table rendered; LITESTONE_UPDATE_EXPECT=1 rewrites it.
TEST(ErrorCodesTest, DocIsCurrent) {
  auto path = sourceDir() + "/docs/errors.md";
  auto want = errorCodesMarkdown();
  if (std::getenv("LITESTONE_UPDATE_EXPECT") != nullptr) {
    std::filesystem::create_directories(sourceDir() + "/docs");
    std::ofstream(path, std::ios::binary) << want;
  }
  EXPECT_EQ(readFile(path), want) << "docs/errors.md is stale: rerun with LITESTONE_UPDATE_EXPECT=1";
}

// Throw sites that still spell their code as a literal (the old form, and
// the folders being rewritten elsewhere) must use a code of the table.
TEST(ErrorCodesTest, EveryLiteralCodeAtAThrowSiteIsInTheTable) {
  auto table = tableCodes();
  const std::regex throw_site(R"re((Error|Denied)\(\s*"([A-Z][A-Z0-9_]*)")re");
  int sites = 0;
  for (const char* dir : {"/src", "/tools"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(sourceDir() + dir)) {
      auto ext = entry.path().extension();
      if (ext != ".cpp" && ext != ".hpp") continue;
      auto text = readFile(entry.path().string());
      for (std::sregex_iterator it(text.begin(), text.end(), throw_site), end; it != end; ++it) {
        ++sites;
        EXPECT_TRUE(table.count((*it)[2].str())) << entry.path().string() << ": code " << (*it)[2].str()
                                                 << " is not in src/common/error_codes.hpp";
      }
    }
  }
  // The scan must see something, or the pattern is broken: query/ and
  // client/write/ still spell codes as literals.
  EXPECT_GT(sites, 0);
}

}  // namespace
}  // namespace litestone
