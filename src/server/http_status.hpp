#pragma once

// The one place that turns an exception into an HTTP status and the wire
// error body. The status of each code comes from the error-code table
// (src/common/error_codes.hpp); an exception that is not a litestone::Error is 500.

#include <exception>

#include "litestone/json.hpp"

namespace litestone::server {

int httpStatus(const std::exception& e);

// The wire error {"error": {code, message, meta}} for e, except that a 500
// shows no internals: its message and meta are replaced by generic ones.
json httpErrorBody(const std::exception& e, int status);

}  // namespace litestone::server
