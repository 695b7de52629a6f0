#pragma once

// Shared by the lexer, parser and format tests: parse text held by a
// SourceMap so diagnostics can be located by line and column.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "schema/diagnostics.hpp"
#include "schema/parser.hpp"
#include "testing.hpp"

namespace litestone::schema::test {

struct Parsed {
  std::unique_ptr<SourceMap> sources = std::make_unique<SourceMap>();
  Diagnostics diags;
  File file;
  uint32_t id = 0;

  LineCol at(const Diagnostic& d) const { return sources->lineCol(id, d.span.begin); }
  std::string errors() const {
    std::string out;
    for (const auto& d : diags.list()) out += sources->render(d) + "\n";
    return out;
  }
};

inline Parsed parse(std::string text, std::string path = "test.lite") {
  Parsed p;
  p.id = p.sources->add(path, std::move(text));
  p.file = parseFile(p.id, p.sources->text(p.id), path, p.diags);
  return p;
}

inline std::string fixtureDir() { return litestone::testing::sourceDir() + "/tests/schema/fixtures"; }

// Every .lite file under tests/schema/fixtures, sorted.
inline std::vector<std::string> fixturePaths() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(fixtureDir())) {
    if (e.is_regular_file() && e.path().extension() == ".lite") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace litestone::schema::test
