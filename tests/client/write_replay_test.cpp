// Replay: a fixed list of wire calls (tests/client/replay/calls.json: every
// write action, nested writes, @sequence, soft delete with and without
// cascade, failing calls, transactions, and reads in between) run against a
// real database file with replay/schema.lite. Each call's result (or error
// JSON), the row counts of every table after it, and a final dump of every
// table must equal replay/expected.json, recorded from an earlier
// implementation: a rewrite of the write path must not change what the wire
// returns. Timestamps made by the call (now()) are replaced by "<now>";
// calls run at least 2 ms apart so no two share a stamp.
// LITESTONE_UPDATE_EXPECT=1 rewrites expected.json.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "litestone/litestone.hpp"
#include "testing.hpp"

namespace litestone::testing {
namespace {

namespace fs = std::filesystem;

fs::path replayDir() { return fs::path(sourceDir()) / "tests" / "client" / "replay"; }

std::string utcDate(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// Strings that are date-times of today or yesterday (UTC) were made by the
// run (the calls only write dates from 2020).
void normalize(json& v, const std::vector<std::string>& days) {
  static const std::regex iso(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z)");
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    for (const auto& d : days) {
      if (s.rfind(d, 0) == 0 && std::regex_match(s, iso)) {
        v = "<now>";
        return;
      }
    }
  } else if (v.is_structured()) {
    for (auto& item : v) normalize(item, days);
  }
}

std::vector<std::string> tables(Client& db) {
  std::vector<std::string> out;
  for (const auto& t :
       db.sql("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
              "ORDER BY name"))
    out.push_back(t["name"].get<std::string>());
  return out;
}

TEST(WriteReplayTest, RecordedCallsGiveRecordedResults) {
  auto now = std::chrono::system_clock::now();
  std::vector<std::string> days{utcDate(now), utcDate(now - std::chrono::hours(24))};
  TempDir dir;
  ClientOptions options;
  options.path = (replayDir() / "schema.lite").string();
  options.db = dir.file("replay.db");
  Client db = createClient(options);
  autoMigrate(db);

  json calls = json::parse(readFile((replayDir() / "calls.json").string()));
  ASSERT_GT(calls.size(), 100u);
  json steps = json::array();
  for (const auto& request : calls) {
    json step = {{"request", request}};
    try {
      step["result"] = db.call(request);
    } catch (const std::exception& e) {
      step["error"] = errorToJson(e);
    }
    json counts = json::object();
    for (const auto& t : tables(db)) counts[t] = db.sql("SELECT count(*) AS n FROM \"" + t + "\"")[0]["n"];
    step["rows"] = counts;
    steps.push_back(std::move(step));
    // Each call in its own millisecond, as when recorded: a cascade restore
    // brings back the children removed with the parent's exact stamp.
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  json dump = json::object();
  for (const auto& t : tables(db)) dump[t] = db.sql("SELECT * FROM \"" + t + "\" ORDER BY rowid");
  json actual = {{"steps", steps}, {"final", dump}};
  normalize(actual, days);

  fs::path expected_path = replayDir() / "expected.json";
  if (const char* u = std::getenv("LITESTONE_UPDATE_EXPECT"); u && std::string(u) == "1") {
    std::ofstream(expected_path) << actual.dump(1) << "\n";
    GTEST_SKIP() << "rewrote " << expected_path;
  }
  json expected = json::parse(readFile(expected_path.string()));
  ASSERT_EQ(expected["steps"].size(), actual["steps"].size());
  for (size_t i = 0; i < actual["steps"].size(); ++i)
    EXPECT_EQ(actual["steps"][i], expected["steps"][i]) << "step " << i << ": " << calls[i].dump();
  EXPECT_EQ(actual["final"], expected["final"]);
}

}  // namespace
}  // namespace litestone::testing
