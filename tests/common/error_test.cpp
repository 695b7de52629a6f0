#include <gtest/gtest.h>

#include "litestone/error.hpp"

using litestone::json;

TEST(ErrorTest, WireShapeCarriesCodeMessageAndMeta) {
  litestone::QueryError e("QUERY_UNKNOWN_FIELD", "unknown field \"emial\"", {{"field", "emial"}});
  json j = e.toJson();
  EXPECT_EQ(j["error"]["code"], "QUERY_UNKNOWN_FIELD");
  EXPECT_EQ(j["error"]["message"], "unknown field \"emial\"");
  EXPECT_EQ(j["error"]["meta"]["field"], "emial");
}

TEST(ErrorTest, ForeignExceptionsBecomeInternal) {
  std::runtime_error e("boom");
  json j = litestone::errorToJson(e);
  EXPECT_EQ(j["error"]["code"], "INTERNAL");
  EXPECT_EQ(j["error"]["message"], "boom");
}
