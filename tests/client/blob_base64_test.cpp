// {"$blob": base64} on writes goes through the one base64 decoder
// (common/base64): valid text round-trips, invalid text is a validation
// error that leaves the database unchanged.

#include <gtest/gtest.h>

#include "litestone/litestone.hpp"
#include "testing.hpp"

namespace litestone {
namespace {

TEST(BlobBase64Test, ValidBase64RoundTripsAndInvalidIsRefused) {
  testing::TempDir dir;
  ClientOptions options;
  options.schema = "model files {\n  id   Integer @id\n  data Blob\n}\n";
  options.db = dir.file("app.db");
  Client db = createClient(options);
  autoMigrate(db);
  json f = db["files"].create({{"data", {{"data", {{"$blob", "AP/+AA=="}}}}}});
  EXPECT_EQ(f["data"], json({{"$blob", "AP/+AA=="}}));
  EXPECT_EQ(db.sql("SELECT hex(data) AS h FROM files")[0]["h"], "00FFFE00");
  // URL-safe and unpadded input is accepted and shown in the standard form.
  json g = db["files"].create({{"data", {{"data", {{"$blob", "AP_-AA"}}}}}});
  EXPECT_EQ(g["data"], json({{"$blob", "AP/+AA=="}}));
  for (const char* bad : {"AP/+AA=!", "Zg==Zg==", "Z", "no base64 here!"}) {
    SCOPED_TRACE(bad);
    try {
      db["files"].create({{"data", {{"data", {{"$blob", bad}}}}}});
      FAIL() << "expected VALIDATION_FAILED";
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.code(), "VALIDATION_FAILED");
      EXPECT_EQ(e.meta()["errors"][0]["field"], "data");
    }
  }
  EXPECT_EQ(db["files"].count(), 2);
}

}  // namespace
}  // namespace litestone
