#include "litestone/error.hpp"
#include "common/error_codes.hpp"

namespace litestone {

// Codes are part of the public contract: never rename or reuse one.
// Prefixes: SCHEMA_*, QUERY_*, VALIDATION_*, CONSTRAINT_*, NOT_FOUND,
// ACCESS_DENIED, MIGRATION_*, DATABASE_*, INTERNAL. Each layer lists the codes
// it raises in its README.

Error::Error(std::string code, const std::string& message, json meta)
    : std::runtime_error(message), code_(std::move(code)), meta_(std::move(meta)) {}

json Error::toJson() const {
  return json{{"error", {{"code", code_}, {"message", what()}, {"meta", meta_}}}};
}

json errorToJson(const std::exception& e) {
  if (auto* le = dynamic_cast<const Error*>(&e)) return le->toJson();
  return json{{"error", {{"code", codes::kInternal}, {"message", e.what()}, {"meta", json::object()}}}};
}

}  // namespace litestone
