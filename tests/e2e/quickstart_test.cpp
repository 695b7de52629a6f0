// The README's first look must stay true: build and run examples/quickstart.

#include <gtest/gtest.h>

#include <cstdlib>

#include "litestone/json.hpp"
#include "testing.hpp"

namespace litestone::testing {
namespace {

TEST(QuickstartTest, ReadmeProgramRunsAndPrintsWhatItWrote) {
  TempDir dir;
  std::string out = dir.file("out.json");
  std::string cmd = std::string("'") + LITESTONE_QUICKSTART_PATH + "' '" + sourceDir() +
                    "/examples/quickstart/schema.lite' '" + dir.file("app.db") + "' > '" + out + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  json rows = json::parse(readFile(out));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["email"], "ada@example.com");  // @lower applied
  EXPECT_EQ(rows[0]["role"], "member");            // @default(member)
  ASSERT_EQ(rows[0]["posts"].size(), 2u);          // include before the delete
  EXPECT_EQ(rows[1]["posts_left"], 1);             // the transaction removed the draft
}

}  // namespace
}  // namespace litestone::testing
