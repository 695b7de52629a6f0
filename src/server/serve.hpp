#pragma once

// What `litestone serve` adds to Server: JWT bearer auth and a run loop that
// drains on SIGINT/SIGTERM.

#include <string>

#include "server.hpp"

namespace litestone::server {

// No Authorization header: db as is (anonymous, policies apply). A bearer
// token: db.setAuth(claims) once verifyJwt accepts it, else 401. Never
// asSystem.
ClientResolver jwtResolver(Client db, std::string secret);

// Blocks SIGINT and SIGTERM in the calling thread (and in the threads it
// starts afterwards). Call before the Server starts its workers.
void blockShutdownSignals();
// Serves until SIGINT or SIGTERM, then lets in-flight requests finish.
// `ready` runs once the socket is bound (print the URL there). Needs
// blockShutdownSignals() first.
void serveUntilSignal(Server& server, const std::function<void(int port)>& ready);

}  // namespace litestone::server
