#include "server/http_status.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "litestone/error.hpp"

namespace litestone::server {
namespace {

// Statuses come from the error-code table (src/common/error_codes.hpp).
TEST(HttpStatusTest, FromTheErrorCodeTable) {
  EXPECT_EQ(httpStatus(QueryError("QUERY_UNKNOWN_FIELD", "m")), 400);
  EXPECT_EQ(httpStatus(ValidationError("VALIDATION_FAILED", "m")), 400);
  EXPECT_EQ(httpStatus(SchemaError("SCHEMA_INVALID", "m")), 500);  // the server's own schema
  EXPECT_EQ(httpStatus(AccessDenied("ACCESS_DENIED", "m")), 403);
  EXPECT_EQ(httpStatus(NotFoundError("NOT_FOUND", "m")), 404);
  EXPECT_EQ(httpStatus(ConstraintError("CONSTRAINT_UNIQUE", "m")), 409);
  EXPECT_EQ(httpStatus(DatabaseError("DATABASE_BUSY", "m")), 503);
  EXPECT_EQ(httpStatus(QueryError("NO_SUCH_CODE", "m")), 500);
  EXPECT_EQ(httpStatus(std::runtime_error("boom")), 500);
}

TEST(HttpStatusTest, ServerCodes) {
  EXPECT_EQ(httpStatus(Error("AUTH_INVALID_TOKEN", "m")), 401);
  EXPECT_EQ(httpStatus(Error("AUTH_TOKEN_EXPIRED", "m")), 401);
  EXPECT_EQ(httpStatus(Error("STUDIO_TOKEN_REQUIRED", "m")), 401);
  EXPECT_EQ(httpStatus(Error("HTTP_BODY_TOO_LARGE", "m")), 413);
  EXPECT_EQ(httpStatus(Error("HTTP_BATCH_TOO_LARGE", "m")), 413);
  EXPECT_EQ(httpStatus(Error("HTTP_NOT_FOUND", "m")), 404);
}

TEST(HttpStatusTest, FiveHundredsHideInternals) {
  DatabaseError e("DATABASE_IO", "disk I/O error in SELECT secret FROM t", {{"sql", "SELECT secret FROM t"}});
  json body = httpErrorBody(e, 500);
  EXPECT_EQ(body["error"]["code"], "DATABASE_IO");
  EXPECT_EQ(body["error"]["message"].get<std::string>().find("secret"), std::string::npos);
  EXPECT_TRUE(body["error"]["meta"].empty());
  json other = httpErrorBody(std::runtime_error("std::bad_alloc at 0xdead"), 500);
  EXPECT_EQ(other["error"]["code"], "INTERNAL");
  EXPECT_EQ(other.dump().find("0xdead"), std::string::npos);
}

TEST(HttpStatusTest, FourHundredsKeepTheWireError) {
  QueryError e("QUERY_UNKNOWN_FIELD", "unknown field \"nme\"", {{"field", "nme"}});
  EXPECT_EQ(httpErrorBody(e, 400), e.toJson());
}

}  // namespace
}  // namespace litestone::server
