// Feeds arbitrary bytes to the schema front end. Besides crashes, hangs and
// sanitizer reports, it checks two promises of the formatter: its output
// parses again, and formatting that output changes nothing.
//
//   schema_fuzzer -max_total_time=60 -max_len=4096 build/fuzz/corpus tests/fuzz/corpus

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "schema/diagnostics.hpp"
#include "schema/format.hpp"
#include "schema/load.hpp"
#include "schema/parser.hpp"

namespace {

[[noreturn]] void broken(const char* what, const std::string& text) {
  std::fprintf(stderr, "schema_fuzzer: %s\n--- text ---\n%s\n------------\n", what, text.c_str());
  __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace litestone::schema;
  std::string text(reinterpret_cast<const char*>(data), size);

  Diagnostics diags;
  File file = parseFile(0, text, "fuzz.lite", diags);
  if (!diags.hasErrors()) {
    std::string once = format(file);
    Diagnostics again;
    File reparsed = parseFile(0, once, "fuzz.lite", again);
    if (again.hasErrors()) broken("formatted text does not parse", once);
    if (format(reparsed) != once) broken("format is not idempotent", once);
  }

  // The resolver too, but never with imports: they would read arbitrary
  // paths (even /dev/stdin) from the fuzzer's machine.
  if (text.find("import") == std::string::npos) {
    LoadResult r = loadText(text, "fuzz.lite");
    for (const auto& d : r.diagnostics.list()) (void)r.sources->render(d);
  }
  return 0;
}
