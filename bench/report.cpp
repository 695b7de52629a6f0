#include "report.hpp"

#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace litestone::bench {

namespace {

// Three significant decimals are plenty for timings and keep the JSON short.
double round3(double v) { return std::round(v * 1000.0) / 1000.0; }

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace

void printTable(std::ostream& out, const std::vector<StepReport>& steps, const RunInfo& info) {
  char line[256];
  std::snprintf(line, sizeof line, "litestone bench: rounds=%d (medians) scale=%g seed=%llu sqlite=%s\n",
                info.rounds, info.scale, static_cast<unsigned long long>(info.seed),
                info.sqlite_version.c_str());
  out << line;
  std::snprintf(line, sizeof line, "%-4s %-14s %-5s %9s %10s %11s %10s %11s %7s  %s\n", "step", "work",
                "impl", "ops", "raw ms", "raw us/op", "ms", "us/op", "ratio", "checksum");
  out << line;
  for (const StepReport& s : steps) {
    const auto i = static_cast<size_t>(s.step);
    std::string checksum = !s.checksum_ok ? "-" : *s.checksum_ok ? "ok" : "MISMATCH";
    if (s.checksum_ok && !*s.checksum_ok && s.checksum) checksum += " (" + std::to_string(*s.checksum) + ")";
    checksum += " raw=" + std::to_string(s.raw_checksum);
    std::snprintf(line, sizeof line, "%-4s %-14s %-5s %9lld %10s %11s %10s %11s %7s  %s",
                  std::string(kStepIds[i]).c_str(), std::string(kStepNames[i]).c_str(), s.impl.c_str(),
                  static_cast<long long>(s.ops), fixed(s.raw_ms, 1).c_str(), fixed(s.rawUsPerOp(), 2).c_str(),
                  s.ms ? fixed(*s.ms, 1).c_str() : "n/a", s.ms ? fixed(*s.usPerOp(), 2).c_str() : "n/a",
                  s.ratio() ? (fixed(*s.ratio(), 2) + "x").c_str() : "n/a", checksum.c_str());
    out << line;
    if (!s.note.empty()) out << "  [" << s.note << "]";
    out << '\n';
  }
}

std::string toJson(const std::vector<StepReport>& steps) {
  using Json = nlohmann::ordered_json;
  Json list = Json::array();
  for (const StepReport& s : steps) {
    Json e;
    e["step"] = std::string(kStepIds[static_cast<size_t>(s.step)]);
    e["impl"] = s.impl;
    e["us_per_op"] = s.usPerOp() ? Json(round3(*s.usPerOp())) : Json(nullptr);
    e["raw_us_per_op"] = round3(s.rawUsPerOp());
    e["ratio"] = s.ratio() ? Json(round3(*s.ratio())) : Json(nullptr);
    e["checksum_ok"] = s.checksum_ok ? Json(*s.checksum_ok) : Json(nullptr);
    list.push_back(std::move(e));
  }
  return Json{{"steps", std::move(list)}}.dump();
}

}  // namespace litestone::bench
