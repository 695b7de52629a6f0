#pragma once

// Turns measured steps into the table for people and the --json object of
// BENCHMARK.md ("Output").

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "workload.hpp"

namespace litestone::bench {

// One step of one API, medians over the rounds.
struct StepReport {
  Step step = Step::S1;
  std::string impl = "json";
  int64_t ops = 0;
  double raw_ms = 0;
  std::optional<double> ms;         // nullopt: n/a
  std::optional<bool> checksum_ok;  // nullopt: nothing to compare (n/a)
  uint64_t raw_checksum = 0;
  std::optional<uint64_t> checksum;  // of the first round
  std::string note;                  // why n/a, or what went wrong

  double rawUsPerOp() const { return raw_ms * 1000.0 / static_cast<double>(ops); }
  std::optional<double> usPerOp() const {
    if (!ms) return std::nullopt;
    return *ms * 1000.0 / static_cast<double>(ops);
  }
  std::optional<double> ratio() const {
    if (!ms || raw_ms <= 0) return std::nullopt;
    return *ms / raw_ms;
  }
};

struct RunInfo {
  int rounds = 3;
  double scale = 1.0;
  uint64_t seed = 0;
  std::string sqlite_version;
};

void printTable(std::ostream& out, const std::vector<StepReport>& steps, const RunInfo& info);
// {"steps": [{"step", "impl", "us_per_op", "raw_us_per_op", "ratio", "checksum_ok"}, ...]}
std::string toJson(const std::vector<StepReport>& steps);

}  // namespace litestone::bench
