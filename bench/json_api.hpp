#pragma once

// The workload through the JSON-shaped client API (litestone::Client): the
// same structs go in as for RawSqlite, JSON args are built inside the timed
// region (that is what a caller of this API writes), and the checksum is
// taken over the returned JSON.

#include <memory>
#include <optional>
#include <string>

#include "workload.hpp"

namespace litestone::bench {

class JsonApi {
 public:
  // createClient on the schema of workload.hpp with the database at `path`,
  // then autoMigrate. With `trace_sql`, prints each distinct SQL statement
  // the client runs to stderr (once). `include_strategy` is
  // ClientOptions::include_strategy ("" = the library's default). Throws
  // litestone::Error.
  JsonApi(const std::string& path, bool trace_sql, const std::string& include_strategy = "");
  ~JsonApi();
  JsonApi(const JsonApi&) = delete;
  JsonApi& operator=(const JsonApi&) = delete;

  // The step's checksum, or nullopt when the client lacks the step's action
  // (QueryError QUERY_UNKNOWN_ACTION) or the step failed (failed() is then
  // true). Either way it is reported as "n/a", never estimated.
  std::optional<uint64_t> run(Step step, const Workload& w);
  // Why the last run() returned nullopt.
  const std::string& missingReason() const { return missing_reason_; }
  bool failed() const { return failed_; }

  // False when the library was built without the ORM (LITESTONE_BENCH_ORM=OFF).
  static bool available();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string missing_reason_;
  bool failed_ = false;
};

}  // namespace litestone::bench
