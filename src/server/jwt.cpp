#include "jwt.hpp"

#include <jwt.h>

#include <cstdlib>
#include <memory>

#include "litestone/error.hpp"

namespace litestone::server {

namespace {

struct FreeJwt {
  void operator()(jwt_t* j) const noexcept { jwt_free(j); }
};
using JwtPtr = std::unique_ptr<jwt_t, FreeJwt>;

struct FreeStr {
  void operator()(char* s) const noexcept { std::free(s); }
};
using CStr = std::unique_ptr<char, FreeStr>;

[[noreturn]] void invalid(const std::string& why) {
  throw Error("AUTH_INVALID_TOKEN", "the bearer token is not valid: " + why, {{"reason", why}});
}

// A NumericDate claim, or nothing when absent. Anything else is invalid.
bool numericClaim(const json& claims, const char* name, double& out) {
  auto it = claims.find(name);
  if (it == claims.end()) return false;
  if (!it->is_number()) invalid(std::string("claim \"") + name + "\" must be a number of seconds");
  out = it->get<double>();
  return true;
}

}  // namespace

json verifyJwt(const std::string& token, const std::string& secret, std::int64_t now) {
  if (secret.empty())
    throw Error("AUTH_NOT_CONFIGURED",
                "a bearer token was sent but the server has no JWT secret (set LITESTONE_JWT_SECRET or "
                "\"jwtSecret\" in litestone.config.json)");
  jwt_t* raw = nullptr;
  int rc = jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char*>(secret.data()),
                      static_cast<int>(secret.size()));
  JwtPtr jwt(raw);
  if (rc != 0 || !jwt) invalid("malformed token or bad signature");
  if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256) invalid("the algorithm must be HS256");
  CStr grants(jwt_get_grants_json(jwt.get(), nullptr));
  json claims = json::object();
  if (grants) {
    claims = json::parse(grants.get(), nullptr, false);
    if (claims.is_discarded() || !claims.is_object()) invalid("the claims are not a JSON object");
  }
  double t = 0;
  if (numericClaim(claims, "exp", t) && static_cast<double>(now) >= t)
    throw Error("AUTH_TOKEN_EXPIRED", "the bearer token has expired", {{"exp", claims["exp"]}, {"now", now}});
  if (numericClaim(claims, "nbf", t) && static_cast<double>(now) < t)
    throw Error("AUTH_TOKEN_NOT_YET_VALID", "the bearer token is not valid yet (nbf is in the future)",
                {{"nbf", claims["nbf"]}, {"now", now}});
  return claims;
}

std::string signJwt(const json& claims, const std::string& secret) {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) throw Error("INTERNAL", "jwt_new failed");
  JwtPtr jwt(raw);
  if (jwt_add_grants_json(jwt.get(), claims.dump().c_str()) != 0 ||
      jwt_set_alg(jwt.get(), JWT_ALG_HS256, reinterpret_cast<const unsigned char*>(secret.data()),
                  static_cast<int>(secret.size())) != 0)
    throw Error("INTERNAL", "cannot sign the token");
  CStr out(jwt_encode_str(jwt.get()));
  if (!out) throw Error("INTERNAL", "cannot encode the token");
  return out.get();
}

}  // namespace litestone::server
