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

namespace {

json rawErrorJson(const std::exception& e) {
  if (auto* le = dynamic_cast<const Error*>(&e)) return le->toJson();
  return json{{"error", {{"code", codes::kInternal}, {"message", e.what()}, {"meta", json::object()}}}};
}

}  // namespace

json errorToJson(const std::exception& e) {
  // Messages and meta may quote user input that is not valid UTF-8 (a bad
  // request, --auth or schema); dump() would throw on it. Serializing with
  // U+FFFD in place of bad bytes and reading it back gives JSON that always
  // serializes, at the cost of one round trip on the error path only.
  try {
    json j = rawErrorJson(e);
    return json::parse(j.dump(-1, ' ', false, json::error_handler_t::replace));
  } catch (...) {
    return json{
        {"error",
         {{"code", "INTERNAL"}, {"message", "the error could not be serialized"}, {"meta", json::object()}}}};
  }
}

}  // namespace litestone
