#include "common/base64.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace litestone {
namespace {

std::vector<uint8_t> bytes(std::string_view s) { return {s.begin(), s.end()}; }

// RFC 4648 §10 test vectors, both ways.
TEST(Base64Test, EncodesRfc4648Vectors) {
  EXPECT_EQ(base64Encode(std::string_view("")), "");
  EXPECT_EQ(base64Encode(std::string_view("f")), "Zg==");
  EXPECT_EQ(base64Encode(std::string_view("fo")), "Zm8=");
  EXPECT_EQ(base64Encode(std::string_view("foo")), "Zm9v");
  EXPECT_EQ(base64Encode(std::string_view("foob")), "Zm9vYg==");
  EXPECT_EQ(base64Encode(std::string_view("fooba")), "Zm9vYmE=");
  EXPECT_EQ(base64Encode(std::string_view("foobar")), "Zm9vYmFy");
}

TEST(Base64Test, DecodesRfc4648Vectors) {
  EXPECT_EQ(base64Decode(""), bytes(""));
  EXPECT_EQ(base64Decode("Zg=="), bytes("f"));
  EXPECT_EQ(base64Decode("Zm8="), bytes("fo"));
  EXPECT_EQ(base64Decode("Zm9v"), bytes("foo"));
  EXPECT_EQ(base64Decode("Zm9vYg=="), bytes("foob"));
  EXPECT_EQ(base64Decode("Zm9vYmE="), bytes("fooba"));
  EXPECT_EQ(base64Decode("Zm9vYmFy"), bytes("foobar"));
}

TEST(Base64Test, RoundTripsEveryByteValue) {
  std::vector<uint8_t> all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<uint8_t>(i));
  for (size_t n = 0; n <= all.size(); n += 37) {
    std::vector<uint8_t> part(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_EQ(base64Decode(base64Encode(part)), part) << n;
  }
}

TEST(Base64Test, AcceptsUrlSafeUnpaddedAndWhitespace) {
  EXPECT_EQ(base64Decode("AP_-AA"), (std::vector<uint8_t>{0, 0xff, 0xfe, 0}));
  EXPECT_EQ(base64Decode("AP/+AA=="), (std::vector<uint8_t>{0, 0xff, 0xfe, 0}));
  EXPECT_EQ(base64Decode("Zm9v\nYmFy\n"), bytes("foobar"));
  EXPECT_EQ(base64Decode("Zg"), bytes("f"));
}

TEST(Base64Test, RefusesInvalidInput) {
  EXPECT_FALSE(base64Decode("Zm9v!"));     // outside the alphabet
  EXPECT_FALSE(base64Decode("Zg==Zg=="));  // data after padding
  EXPECT_FALSE(base64Decode("Z"));         // 4n+1 characters
  EXPECT_FALSE(base64Decode("Zm9vY"));     // 4n+1 characters
  EXPECT_FALSE(base64Decode("Zg==="));     // too much padding
  EXPECT_FALSE(base64Decode("Zm9=v"));     // padding in the middle
  EXPECT_FALSE(base64Decode("\xc3\xa9"));  // non-ASCII
}

}  // namespace
}  // namespace litestone
