#include "http_status.hpp"

#include <string_view>

#include "litestone/error.hpp"

namespace litestone::server {

int httpStatus(const std::exception& e) {
  const auto* le = dynamic_cast<const Error*>(&e);
  if (le == nullptr) return 500;
  std::string_view code = le->code();
  if (code.starts_with("AUTH_") || code == "STUDIO_TOKEN_REQUIRED") return 401;
  if (code == "HTTP_BODY_TOO_LARGE" || code == "HTTP_BATCH_TOO_LARGE") return 413;
  if (code == "HTTP_NOT_FOUND") return 404;
  if (code.starts_with("HTTP_") || code == "QUERY_INVALID_JSON") return 400;
  if (dynamic_cast<const QueryError*>(le) || dynamic_cast<const ValidationError*>(le) ||
      dynamic_cast<const SchemaError*>(le))
    return 400;
  if (dynamic_cast<const AccessDenied*>(le)) return 403;
  if (dynamic_cast<const NotFoundError*>(le)) return 404;
  if (dynamic_cast<const ConstraintError*>(le)) return 409;
  return 500;
}

json httpErrorBody(const std::exception& e, int status) {
  json body = errorToJson(e);
  if (status >= 500) {
    body["error"]["message"] = "internal error (see the server log)";
    body["error"]["meta"] = json::object();
    if (dynamic_cast<const Error*>(&e) == nullptr) body["error"]["code"] = "INTERNAL";
  }
  return body;
}

}  // namespace litestone::server
