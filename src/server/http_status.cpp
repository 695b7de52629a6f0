#include "http_status.hpp"

#include <string_view>

#include "common/error_codes.hpp"
#include "litestone/error.hpp"

namespace litestone::server {

int httpStatus(const std::exception& e) {
  const auto* le = dynamic_cast<const Error*>(&e);
  return le == nullptr ? 500 : litestone::httpStatus(le->code());
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
