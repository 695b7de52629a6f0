#pragma once

// Diagnostics: what analysis found wrong, with where. Analysis code collects
// them and never throws; the public entry points throw one SchemaError holding
// all of them (STYLE 4.8).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "litestone/json.hpp"
#include "schema/ast.hpp"

namespace litestone::schema {

enum class Severity { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;  // "E0203": stable, one per message factory
  std::string message;
  Span span;
};

struct LineCol {
  uint32_t line = 1;    // 1-based
  uint32_t column = 1;  // 1-based, in characters (UTF-8 aware)
};

// Owns the text of every file read while loading a schema. File ids index it.
class SourceMap {
 public:
  uint32_t add(std::string path, std::string text);
  const std::string& path(uint32_t file) const { return files_.at(file).path; }
  const std::string& text(uint32_t file) const { return files_.at(file).text; }
  size_t size() const { return files_.size(); }
  LineCol lineCol(uint32_t file, uint32_t offset) const;
  // file:line:col: error[CODE]: message, the source line with a gutter and
  // a ^~~~ marker under the span. color adds ANSI colours.
  std::string render(const Diagnostic& d, bool color = false) const;
  // {file, line, column, endLine, endColumn, severity, code, message, excerpt}
  json toJson(const Diagnostic& d) const;

 private:
  struct Entry {
    std::string path;
    std::string text;
    std::vector<uint32_t> line_starts;
  };
  std::vector<Entry> files_;
};

class Diagnostics {
 public:
  void add(Diagnostic d) { list_.push_back(std::move(d)); }
  void error(std::string code, std::string message, Span span) {
    add({Severity::Error, std::move(code), std::move(message), span});
  }
  void warning(std::string code, std::string message, Span span) {
    add({Severity::Warning, std::move(code), std::move(message), span});
  }
  bool hasErrors() const;
  const std::vector<Diagnostic>& list() const { return list_; }
  std::vector<Diagnostic>& list() { return list_; }
  // Errors first by position (file, offset), then warnings by position.
  void sort();

 private:
  std::vector<Diagnostic> list_;
};

}  // namespace litestone::schema
