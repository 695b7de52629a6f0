#include "schema/diagnostics.hpp"

#include <algorithm>
#include <string>

namespace litestone::schema {

namespace {

// Longest source line shown in full; longer lines are cut around the span.
constexpr size_t kMaxLineColumns = 120;

bool isContinuationByte(unsigned char c) { return (c & 0xC0) == 0x80; }

// Number of characters (code points) in text[begin, end).
uint32_t countChars(std::string_view text, size_t begin, size_t end) {
  uint32_t n = 0;
  for (size_t i = begin; i < end && i < text.size(); ++i) {
    if (!isContinuationByte(static_cast<unsigned char>(text[i]))) ++n;
  }
  return n;
}

// Splits a line into its characters (each a UTF-8 sequence).
std::vector<std::string_view> splitChars(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    size_t j = i + 1;
    while (j < line.size() && isContinuationByte(static_cast<unsigned char>(line[j]))) ++j;
    out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

const char* severityName(Severity s) { return s == Severity::Error ? "error" : "warning"; }

}  // namespace

uint32_t SourceMap::add(std::string path, std::string text) {
  Entry e;
  e.path = std::move(path);
  e.text = std::move(text);
  e.line_starts.push_back(0);
  for (size_t i = 0; i < e.text.size(); ++i) {
    if (e.text[i] == '\n') e.line_starts.push_back(static_cast<uint32_t>(i + 1));
  }
  files_.push_back(std::move(e));
  return static_cast<uint32_t>(files_.size() - 1);
}

LineCol SourceMap::lineCol(uint32_t file, uint32_t offset) const {
  if (file >= files_.size()) return {};
  const Entry& e = files_[file];
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(e.text.size()));
  auto it = std::upper_bound(e.line_starts.begin(), e.line_starts.end(), offset);
  size_t line_index = static_cast<size_t>(it - e.line_starts.begin()) - 1;
  uint32_t start = e.line_starts[line_index];
  return {static_cast<uint32_t>(line_index + 1), countChars(e.text, start, offset) + 1};
}

namespace {

// The text of line (1-based) without its line break.
std::string_view lineText(std::string_view text, const std::vector<uint32_t>& starts, uint32_t line) {
  if (line == 0 || line > starts.size()) return {};
  size_t begin = starts[line - 1];
  size_t end = line < starts.size() ? starts[line] - 1 : text.size();
  std::string_view s = text.substr(begin, end - begin);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

}  // namespace

std::string SourceMap::render(const Diagnostic& d, bool color) const {
  const char* bold = color ? "\033[1m" : "";
  const char* reset = color ? "\033[0m" : "";
  const char* sev_color = color ? (d.severity == Severity::Error ? "\033[1;31m" : "\033[1;33m") : "";
  const char* gutter_color = color ? "\033[1;34m" : "";

  std::string out;
  bool has_file = d.span.file < files_.size();
  LineCol start = lineCol(d.span.file, d.span.begin);
  if (has_file) {
    out += bold + path(d.span.file) + ":" + std::to_string(start.line) + ":" + std::to_string(start.column) +
           ": " + reset;
  }
  out += std::string(sev_color) + severityName(d.severity) + "[" + d.code + "]" + reset + bold + ": " +
         d.message + reset + "\n";
  if (!has_file) return out;

  const Entry& e = files_[d.span.file];
  std::vector<std::string_view> chars = splitChars(lineText(e.text, e.line_starts, start.line));
  LineCol stop = lineCol(d.span.file, std::max(d.span.end, d.span.begin));
  size_t first = start.column - 1;
  size_t last = stop.line == start.line ? stop.column - 1 : chars.size();  // exclusive
  if (last <= first) last = first + 1;

  // Cut long lines to a window around the marker.
  size_t window_begin = 0;
  size_t window_end = chars.size();
  bool cut_left = false;
  bool cut_right = false;
  if (chars.size() > kMaxLineColumns) {
    size_t budget = kMaxLineColumns - 6;
    if (first + 40 > budget) {
      window_begin = first > 40 ? first - 40 : 0;
      cut_left = window_begin > 0;
    }
    window_end = std::min(chars.size(), window_begin + budget);
    cut_right = window_end < chars.size();
  }

  std::string number = std::to_string(start.line);
  std::string pad(number.size(), ' ');
  std::string source;
  std::string marker;
  if (cut_left) {
    source += "...";
    marker += "   ";
  }
  for (size_t i = window_begin; i < window_end; ++i) {
    source += chars[i];
    if (i < first) {
      marker += chars[i] == "\t" ? '\t' : ' ';
    } else if (i < last) {
      marker += i == first ? '^' : '~';
    }
  }
  if (first >= window_end) marker += '^';  // span at the end of the line
  if (cut_right) source += "...";

  out += std::string(gutter_color) + " " + pad + " |" + reset + "\n";
  out += std::string(gutter_color) + " " + number + " |" + reset + " " + source + "\n";
  out += std::string(gutter_color) + " " + pad + " |" + reset + " " + sev_color + marker + reset + "\n";
  return out;
}

json SourceMap::toJson(const Diagnostic& d) const {
  json j = json::object();
  bool has_file = d.span.file < files_.size();
  LineCol start = lineCol(d.span.file, d.span.begin);
  LineCol stop = lineCol(d.span.file, std::max(d.span.end, d.span.begin));
  j["file"] = has_file ? path(d.span.file) : std::string();
  j["line"] = start.line;
  j["column"] = start.column;
  j["endLine"] = stop.line;
  j["endColumn"] = stop.column;
  j["severity"] = severityName(d.severity);
  j["code"] = d.code;
  j["message"] = d.message;
  j["excerpt"] =
      has_file ? std::string(lineText(files_[d.span.file].text, files_[d.span.file].line_starts, start.line))
               : std::string();
  return j;
}

bool Diagnostics::hasErrors() const {
  return std::any_of(list_.begin(), list_.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

void Diagnostics::sort() {
  std::stable_sort(list_.begin(), list_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.severity != b.severity) return a.severity == Severity::Error;
    if (a.span.file != b.span.file) return a.span.file < b.span.file;
    return a.span.begin < b.span.begin;
  });
  // The same problem found twice (e.g. through two traits) is reported once.
  list_.erase(std::unique(list_.begin(), list_.end(),
                          [](const Diagnostic& a, const Diagnostic& b) {
                            return a.code == b.code && a.message == b.message && a.span.file == b.span.file &&
                                   a.span.begin == b.span.begin;
                          }),
              list_.end());
}

}  // namespace litestone::schema
