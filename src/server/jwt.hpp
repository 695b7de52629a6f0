#pragma once

// JSON Web Tokens, HS256 only, through libjwt: the claims of a bearer token
// become the caller's auth() under `litestone serve`.

#include <cstdint>
#include <string>

#include "litestone/json.hpp"

namespace litestone::server {

// Checks the signature (HS256 with secret), then exp and nbf against now
// (seconds since the epoch). Returns the claims. Throws litestone::Error with
// code AUTH_INVALID_TOKEN, AUTH_TOKEN_EXPIRED, AUTH_TOKEN_NOT_YET_VALID or
// AUTH_NOT_CONFIGURED (no secret to check against).
json verifyJwt(const std::string& token, const std::string& secret, std::int64_t now);

// Signs claims with HS256 (used by tests and the load-test script).
std::string signJwt(const json& claims, const std::string& secret);

}  // namespace litestone::server
