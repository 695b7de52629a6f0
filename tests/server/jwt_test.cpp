#include "server/jwt.hpp"

#include <gtest/gtest.h>

#include "litestone/error.hpp"

namespace litestone::server {
namespace {

constexpr const char* kSecret = "s3cret-for-tests";
constexpr std::int64_t kNow = 1'800'000'000;

std::string errorCode(const std::string& token, std::int64_t now = kNow,
                      const std::string& secret = kSecret) {
  try {
    verifyJwt(token, secret, now);
  } catch (const Error& e) {
    return e.code();
  }
  return "";
}

TEST(JwtTest, RoundTripGivesTheClaims) {
  json claims = {{"id", 42}, {"role", "admin"}, {"exp", kNow + 60}, {"nbf", kNow - 60}};
  json got = verifyJwt(signJwt(claims, kSecret), kSecret, kNow);
  EXPECT_EQ(got.size(), claims.size()) << got;
  for (auto& [k, v] : claims.items()) EXPECT_EQ(got[k], v) << k;
}

TEST(JwtTest, BadSignatureIsInvalid) {
  EXPECT_EQ(errorCode(signJwt({{"id", 1}}, "other-secret")), "AUTH_INVALID_TOKEN");
}

TEST(JwtTest, TamperedPayloadIsInvalid) {
  std::string token = signJwt({{"id", 1}}, kSecret);
  std::string forged = signJwt({{"id", 2}}, "x");
  // header.payload-of-forged.signature-of-original
  auto dot1 = token.find('.'), dot2 = token.rfind('.');
  auto fdot1 = forged.find('.'), fdot2 = forged.rfind('.');
  std::string mixed =
      token.substr(0, dot1 + 1) + forged.substr(fdot1 + 1, fdot2 - fdot1 - 1) + token.substr(dot2);
  EXPECT_EQ(errorCode(mixed), "AUTH_INVALID_TOKEN");
}

TEST(JwtTest, AlgNoneIsRefused) {
  // {"alg":"none","typ":"JWT"} . {"id":1} . (no signature)
  EXPECT_EQ(errorCode("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpZCI6MX0."), "AUTH_INVALID_TOKEN");
}

TEST(JwtTest, ExpiredAndNotYetValid) {
  EXPECT_EQ(errorCode(signJwt({{"exp", kNow}}, kSecret)), "AUTH_TOKEN_EXPIRED");
  EXPECT_EQ(errorCode(signJwt({{"exp", kNow + 1}}, kSecret)), "");
  EXPECT_EQ(errorCode(signJwt({{"nbf", kNow + 1}}, kSecret)), "AUTH_TOKEN_NOT_YET_VALID");
  EXPECT_EQ(errorCode(signJwt({{"nbf", kNow}}, kSecret)), "");
}

TEST(JwtTest, NonNumericExpIsInvalid) {
  EXPECT_EQ(errorCode(signJwt({{"exp", "tomorrow"}}, kSecret)), "AUTH_INVALID_TOKEN");
}

TEST(JwtTest, GarbageIsInvalid) {
  EXPECT_EQ(errorCode("abc"), "AUTH_INVALID_TOKEN");
  EXPECT_EQ(errorCode(""), "AUTH_INVALID_TOKEN");
}

TEST(JwtTest, NoSecretMeansNotConfigured) {
  EXPECT_EQ(errorCode(signJwt({{"id", 1}}, kSecret), kNow, ""), "AUTH_NOT_CONFIGURED");
}

}  // namespace
}  // namespace litestone::server
