// litestone_bench: the workload of BENCHMARK.md through raw sqlite3 and
// through litestone's JSON client, in one binary, as ratios.
//
//   litestone_bench [--json] [--rounds N] [--scale F] [--seed N] [--steps S3,S4] [--dir PATH] [--keep]
//
// Each round starts from empty database files in a fresh temporary folder,
// runs S1..S7 on raw sqlite3, then S1..S7 on the client. Reported figures are
// the medians over the rounds of each step's total time.

#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "json_api.hpp"
#if LITESTONE_BENCH_TYPED
#include "typed_api.hpp"
#endif
#include "raw_sqlite.hpp"
#include "report.hpp"
#include "workload.hpp"

namespace fs = std::filesystem;
using namespace litestone::bench;

namespace {

struct Options {
  bool json = false;
  int rounds = 3;
  double scale = 1.0;
  uint64_t seed = 20240101;
  std::vector<bool> steps = std::vector<bool>(kStepCount, true);  // which to report
  std::string dir;                                                // parent of the temp folders
  bool keep = false;
  bool trace_sql = false;
  bool raw_include_per_user = false;
  bool raw_returning = false;
  std::string raw_pragmas;
};

constexpr const char* kUsage =
    "usage: litestone_bench [--json] [--rounds N] [--scale F] [--seed N] [--steps S1,S3,...]\n"
    "                       [--dir PATH] [--keep] [--trace-sql]\n"
    "  --json        print one JSON object {\"steps\": [...]} instead of the table\n"
    "  --rounds N    rounds to take medians over (default 3, at least 1)\n"
    "  --scale F     multiply every row and operation count by F (e.g. 0.1 for a quick run)\n"
    "  --seed N      seed of the data and id generator (default 20240101)\n"
    "  --steps LIST  steps to report (all run; S1 and S2 seed the later ones)\n"
    "  --dir PATH    where to create the temporary database folders (default: the system temp dir)\n"
    "  --keep        keep the database files\n"
    "  --trace-sql   print each distinct SQL statement the client runs (first round, stderr)\n"
    "  --raw-include-per-user  raw S5 runs one posts statement per user instead of one IN (...)\n"
    "  --raw-returning         raw S2/S7 use INSERT/UPDATE ... RETURNING instead of a read-back\n"
    "  --raw-pragmas SQL       extra PRAGMAs for the raw connection (experiments only)\n";

[[noreturn]] void usageError(const std::string& msg) {
  std::cerr << "litestone_bench: " << msg << "\n" << kUsage;
  std::exit(2);
}

Options parseArgs(int argc, char** argv) {
  Options o;
  auto value = [&](int& i) -> std::string {
    if (i + 1 >= argc) usageError(std::string(argv[i]) + " needs a value");
    return argv[++i];
  };
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    try {
      if (a == "--json")
        o.json = true;
      else if (a == "--keep")
        o.keep = true;
      else if (a == "--trace-sql")
        o.trace_sql = true;
      else if (a == "--raw-include-per-user")
        o.raw_include_per_user = true;
      else if (a == "--raw-returning")
        o.raw_returning = true;
      else if (a == "--raw-pragmas")
        o.raw_pragmas = value(i);
      else if (a == "--rounds")
        o.rounds = std::stoi(value(i));
      else if (a == "--scale")
        o.scale = std::stod(value(i));
      else if (a == "--seed")
        o.seed = std::stoull(value(i));
      else if (a == "--dir")
        o.dir = value(i);
      else if (a == "--steps") {
        std::fill(o.steps.begin(), o.steps.end(), false);
        std::string list = value(i);
        size_t pos = 0;
        while (pos <= list.size()) {
          size_t end = list.find(',', pos);
          std::string id = list.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
          auto it = std::find(kStepIds.begin(), kStepIds.end(), id);
          if (it == kStepIds.end()) usageError("unknown step \"" + id + "\" (S1..S7)");
          o.steps[static_cast<size_t>(it - kStepIds.begin())] = true;
          if (end == std::string::npos) break;
          pos = end + 1;
        }
      } else if (a == "--help" || a == "-h") {
        std::cout << kUsage;
        std::exit(0);
      } else
        usageError("unknown argument " + a);
    } catch (const std::logic_error&) {  // stoi/stod on a bad number
      usageError("bad value for " + a);
    }
  }
  if (o.rounds < 1) usageError("--rounds must be at least 1");
  if (!(o.scale > 0) || o.scale > 100) usageError("--scale must be in (0, 100]");
  return o;
}

// A fresh folder under `parent` (or the system temp dir), removed on
// destruction unless kept.
class TempDir {
 public:
  TempDir(const std::string& parent, bool keep) : keep_(keep) {
    fs::path base = parent.empty() ? fs::temp_directory_path() : fs::path(parent);
    std::string tmpl = (base / "litestone-bench-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp " + tmpl + ": " + std::strerror(errno));
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (keep_)
      std::cerr << "kept " << path_ << "\n";
    else
      fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const char* name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
  bool keep_;
};

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

// The include strategy that is not the client's default, measured as an
// extra S5 row (bench/README.md, "Include strategies").
constexpr const char* kAltIncludeStrategy = "json";
constexpr const char* kAltIncludeImpl = "json-agg";

// What one step measured over every round.
struct StepSamples {
  std::vector<double> raw_ms;
  std::vector<uint64_t> raw_checksums;
  std::vector<double> json_ms;
  std::vector<uint64_t> json_checksums;
  // S5 only: the other include strategy (impl "json-agg": json_group_array
  // subqueries, or "json-batched" when json_group_array is the default).
  std::vector<double> alt_ms;
  std::vector<uint64_t> alt_checksums;
  // impl "typed": the generated typed API (bench/typed_api.cpp).
  std::vector<double> typed_ms;
  std::vector<uint64_t> typed_checksums;
  bool json_missing = false;
  bool json_failed = false;
  std::string note;
};

void runRaw(const Options& opts, const Workload& w, std::vector<StepSamples>& samples, const TempDir& dir) {
  RawSqlite raw(dir.file("raw.db"), true, opts.raw_pragmas);
  raw.setIncludePerUser(opts.raw_include_per_user);
  raw.setReturning(opts.raw_returning);
  for (int i = 0; i < kStepCount; ++i) {
    auto t0 = Clock::now();
    uint64_t sum = raw.run(static_cast<Step>(i), w);
    samples[static_cast<size_t>(i)].raw_ms.push_back(msSince(t0));
    samples[static_cast<size_t>(i)].raw_checksums.push_back(sum);
  }
}

// S5 again through a client with the other include strategy on the same
// file, right after S5 (S7 later changes the users it reads).
void runAltInclude(const std::string& json_path, const Workload& w, StepSamples& s5, int round) {
  JsonApi alt(json_path, false, kAltIncludeStrategy);
  auto t0 = Clock::now();
  std::optional<uint64_t> sum = alt.run(Step::S5, w);
  double ms = msSince(t0);
  if (sum) {
    s5.alt_ms.push_back(ms);
    s5.alt_checksums.push_back(*sum);
  } else if (round == 0) {
    std::cerr << "  json S5 (" << kAltIncludeStrategy << " includes): " << alt.missingReason() << "\n";
  }
}

void runJson(const Options& opts, const Workload& w, std::vector<StepSamples>& samples, const TempDir& dir,
             int round) {
  if (!JsonApi::available()) {
    for (auto& s : samples) {
      s.json_missing = true;
      s.note = "ORM not built (LITESTONE_BENCH_ORM=OFF)";
    }
    return;
  }
  std::string json_path = dir.file("json.db");
  JsonApi api(json_path, opts.trace_sql && round == 0);
  for (int i = 0; i < kStepCount; ++i) {
    auto step = static_cast<Step>(i);
    auto& s = samples[static_cast<size_t>(i)];
    auto t0 = Clock::now();
    std::optional<uint64_t> sum = api.run(step, w);
    double ms = msSince(t0);
    if (sum) {
      s.json_ms.push_back(ms);
      s.json_checksums.push_back(*sum);
      if (step == Step::S5) runAltInclude(json_path, w, s, round);
      continue;
    }
    (api.failed() ? s.json_failed : s.json_missing) = true;
    s.note = api.missingReason();
    if (round == 0) std::cerr << "  json " << kStepIds[static_cast<size_t>(i)] << ": " << s.note << "\n";
    // The later steps read what S1 and S2 write: when the client cannot
    // write them, write them with raw sqlite3 (untimed) so that the reads
    // still see the same rows.
    if ((step == Step::S1 || step == Step::S2) && !api.failed()) {
      RawSqlite seed(json_path, false);
      seed.run(step, w);
    }
  }
}

#if LITESTONE_BENCH_TYPED
void runTyped(const Workload& w, std::vector<StepSamples>& samples, const TempDir& dir, int round) {
  TypedApi api(dir.file("typed.db"));
  for (int i = 0; i < kStepCount; ++i) {
    auto t0 = Clock::now();
    std::optional<uint64_t> sum = api.run(static_cast<Step>(i), w);
    double ms = msSince(t0);
    auto& s = samples[static_cast<size_t>(i)];
    if (sum) {
      s.typed_ms.push_back(ms);
      s.typed_checksums.push_back(*sum);
    } else if (round == 0) {
      std::cerr << "  typed " << kStepIds[static_cast<size_t>(i)] << ": " << api.missingReason() << "\n";
    }
  }
}
#else
void runTyped(const Workload&, std::vector<StepSamples>&, const TempDir&, int) {}
#endif

// Odd rounds run the client first, so that whatever the first runner pays
// (a cold OS cache, a busier machine) does not always land on the same side.
void runRound(const Options& opts, const Workload& w, std::vector<StepSamples>& samples, int round) {
  TempDir dir(opts.dir, opts.keep);
  if (round % 2 == 0) {
    runRaw(opts, w, samples, dir);
    runJson(opts, w, samples, dir, round);
    runTyped(w, samples, dir, round);
  } else {
    runTyped(w, samples, dir, round);
    runJson(opts, w, samples, dir, round);
    runRaw(opts, w, samples, dir);
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options opts = parseArgs(argc, argv);
  auto start = Clock::now();
  try {
    Counts counts = Counts::scaled(opts.scale);
    std::cerr << "generating workload (scale " << opts.scale << ", seed " << opts.seed << ")...\n";
    Workload w = makeWorkload(counts, opts.seed);

    std::vector<StepSamples> samples(kStepCount);
    for (int r = 0; r < opts.rounds; ++r) {
      auto t0 = Clock::now();
      runRound(opts, w, samples, r);
      std::cerr << "round " << r + 1 << "/" << opts.rounds << " done in " << msSince(t0) / 1000.0 << " s\n";
    }

    std::vector<StepReport> reports;
    for (int i = 0; i < kStepCount; ++i) {
      const StepSamples& s = samples[static_cast<size_t>(i)];
      if (!opts.steps[static_cast<size_t>(i)]) continue;
      StepReport rep;
      rep.step = static_cast<Step>(i);
      rep.ops = counts.ops(rep.step);
      rep.raw_ms = median(s.raw_ms);
      rep.raw_checksum = s.raw_checksums.front();
      rep.note = s.note;
      bool raw_stable = std::all_of(s.raw_checksums.begin(), s.raw_checksums.end(),
                                    [&](uint64_t c) { return c == s.raw_checksums.front(); });
      if (!raw_stable)
        rep.note += (rep.note.empty() ? "" : "; ") + std::string("raw checksum differs between rounds");
      if (s.json_failed) {
        rep.checksum_ok = false;  // an error is a failure, not a missing feature
      } else if (!s.json_missing && s.json_ms.size() == s.raw_ms.size()) {
        rep.ms = median(s.json_ms);
        rep.checksum = s.json_checksums.front();
        rep.checksum_ok = raw_stable && s.json_checksums == s.raw_checksums;
      }
      bool alt = !s.alt_ms.empty() && s.alt_ms.size() == s.raw_ms.size();
      StepReport alt_rep = rep;
      StepReport typed_rep = rep;
      reports.push_back(std::move(rep));
      if (!s.typed_ms.empty() && s.typed_ms.size() == s.raw_ms.size()) {
        typed_rep.impl = "typed";
        typed_rep.ms = median(s.typed_ms);
        typed_rep.checksum = s.typed_checksums.front();
        typed_rep.checksum_ok = raw_stable && s.typed_checksums == s.raw_checksums;
        typed_rep.note = typed_rep.step == Step::S6 ? "groupBy through untyped()" : "";
        reports.push_back(std::move(typed_rep));
      }
      if (alt) {
        alt_rep.impl = kAltIncludeImpl;
        alt_rep.ms = median(s.alt_ms);
        alt_rep.checksum = s.alt_checksums.front();
        alt_rep.checksum_ok = raw_stable && s.alt_checksums == s.raw_checksums;
        reports.push_back(std::move(alt_rep));
      }
    }

    RunInfo info{opts.rounds, opts.scale, opts.seed, sqlite3_libversion()};
    if (opts.json)
      std::cout << toJson(reports) << "\n";
    else
      printTable(std::cout, reports, info);
    std::cerr << "total " << msSince(start) / 1000.0 << " s\n";
    bool ok = std::all_of(reports.begin(), reports.end(),
                          [](const StepReport& r) { return !r.checksum_ok || *r.checksum_ok; });
    return ok ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "litestone_bench: " << e.what() << "\n";
    return 1;
  }
}
