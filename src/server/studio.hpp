#pragma once

// The Studio's routes on a Server: the embedded web pages, a random access
// token (given once in the printed URL, then kept in an HttpOnly cookie) and
// the JSON API the pages use. Every /api route checks the token.

#include <string>

#include "server.hpp"

namespace litestone::server {

struct StudioOptions {
  std::string schema_path;  // the schema.lite the editor reads and saves
  std::string token;        // empty: a random one is made
};

// A 32-byte random token from OpenSSL, as hex.
std::string randomToken();

// Mounts the Studio on srv. Returns the token the printed URL must carry.
std::string mountStudio(Server& srv, Client db, StudioOptions options);

}  // namespace litestone::server
