#pragma once

// The one place that turns an exception into an HTTP status and the wire
// error body. Until the error-code table carries HTTP statuses (src/common),
// the mapping lives here, by error class first and by code for the codes the
// server raises itself.

#include <exception>

#include "litestone/json.hpp"

namespace litestone::server {

// 400 query/validation/schema, 401 auth, 403 access denied, 404 not found,
// 409 constraint, 413 too large, 500 anything else.
int httpStatus(const std::exception& e);

// The wire error {"error": {code, message, meta}} for e, except that a 500
// shows no internals: its message and meta are replaced by generic ones.
json httpErrorBody(const std::exception& e, int status);

}  // namespace litestone::server
