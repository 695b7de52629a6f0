// jwtResolver: the claims of a verified token become auth(), no header is
// anonymous, and no request can reach asSystem.

#include <gtest/gtest.h>

#include "litestone/error.hpp"
#include "litestone/litestone.hpp"
#include "server/jwt.hpp"
#include "server/serve.hpp"

namespace litestone::server {
namespace {

constexpr const char* kSecret = "resolver-secret";

Client memoryClient() {
  ClientOptions o;
  o.schema = "model notes {\n  id Integer @id\n  body Text\n}\n";
  o.db = ":memory:";
  return createClient(o);
}

httplib::Request withAuth(const std::string& value) {
  httplib::Request r;
  r.headers.emplace("Authorization", value);
  return r;
}

TEST(ServeResolverTest, ClaimsBecomeAuth) {
  auto resolve = jwtResolver(memoryClient(), kSecret);
  json claims = {{"id", 9}, {"role", "editor"}};
  Client c = resolve(withAuth("Bearer " + signJwt(claims, kSecret)));
  EXPECT_EQ(c.auth(), claims);
  EXPECT_FALSE(c.isSystem());
}

TEST(ServeResolverTest, NoHeaderIsAnonymous) {
  auto resolve = jwtResolver(memoryClient(), kSecret);
  Client c = resolve(httplib::Request{});
  EXPECT_TRUE(c.auth().is_null());
  EXPECT_FALSE(c.isSystem());
}

TEST(ServeResolverTest, NeverSystemEvenFromASystemHandle) {
  auto resolve = jwtResolver(memoryClient().asSystem(), kSecret);
  EXPECT_FALSE(resolve(httplib::Request{}).isSystem());
  EXPECT_FALSE(resolve(withAuth("Bearer " + signJwt({{"system", true}}, kSecret))).isSystem());
}

TEST(ServeResolverTest, BadHeadersThrow401Codes) {
  auto resolve = jwtResolver(memoryClient(), kSecret);
  for (const char* h : {"Basic abc", "Bearer ", "bearer x.y.z", "Bearer x.y.z"}) {
    try {
      resolve(withAuth(h));
      ADD_FAILURE() << h;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), "AUTH_INVALID_TOKEN") << h;
    }
  }
}

}  // namespace
}  // namespace litestone::server
