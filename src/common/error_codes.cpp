#include "common/error_codes.hpp"

namespace litestone {

namespace {

constexpr ErrorCodeInfo kTable[] = {
#define LITESTONE_ERROR_CODE_ENTRY(name, text, cls, status, meaning) {text, ErrorClass::cls, status, meaning},
    LITESTONE_ERROR_CODES(LITESTONE_ERROR_CODE_ENTRY)
#undef LITESTONE_ERROR_CODE_ENTRY
};

}  // namespace

std::span<const ErrorCodeInfo> errorCodes() noexcept { return kTable; }

const ErrorCodeInfo* findErrorCode(std::string_view code) noexcept {
  // A linear scan: the table has a few dozen entries and is read only when an
  // error is reported.
  for (const auto& e : kTable)
    if (e.code == code) return &e;
  return nullptr;
}

int httpStatus(std::string_view code) noexcept {
  const auto* e = findErrorCode(code);
  return e != nullptr ? e->http_status : 500;
}

std::string_view errorClassName(ErrorClass c) noexcept {
  switch (c) {
    case ErrorClass::Error:
      return "Error";
    case ErrorClass::SchemaError:
      return "SchemaError";
    case ErrorClass::QueryError:
      return "QueryError";
    case ErrorClass::ValidationError:
      return "ValidationError";
    case ErrorClass::ConstraintError:
      return "ConstraintError";
    case ErrorClass::NotFoundError:
      return "NotFoundError";
    case ErrorClass::AccessDenied:
      return "AccessDenied";
    case ErrorClass::MigrationError:
      return "MigrationError";
    case ErrorClass::DatabaseError:
      return "DatabaseError";
  }
  return "Error";
}

std::string errorCodesMarkdown() {
  std::string out =
      "<!-- generated from src/common/error_codes.hpp by tests/common/error_codes_test.cpp "
      "(LITESTONE_UPDATE_EXPECT=1 rewrites it); do not edit -->\n"
      "# Error codes\n\n"
      "Every failure is a `litestone::Error` (include/litestone/error.hpp) with one of these\n"
      "codes. On the wire it is `{\"error\": {\"code\", \"message\", \"meta\"}}`; `litestone serve`\n"
      "answers with the HTTP status below. Codes are never renamed, reused or removed.\n\n"
      "| Code | Class | HTTP | Meaning |\n"
      "|---|---|---|---|\n";
  for (const auto& e : kTable) {
    out += "| `" + std::string(e.code) + "` | " + std::string(errorClassName(e.error_class)) + " | " +
           std::to_string(e.http_status) + " | " + std::string(e.meaning) + " |\n";
  }
  return out;
}

}  // namespace litestone
