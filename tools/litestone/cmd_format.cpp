// litestone format [FILE...] [--check] [--stdout]: rewrite .lite files in the
// canonical layout (see src/schema/format.hpp). Only the parser runs, so a
// file that does not resolve yet can still be formatted.

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "command.hpp"
#include "schema/diagnostics.hpp"
#include "schema/format.hpp"
#include "schema/parser.hpp"

namespace litestone::cli {
namespace {

struct FormatOptions {
  std::vector<std::string> files;
  bool check = false;
  bool to_stdout = false;
};

// 0 when the file is (now) formatted, 1 on any problem or, with --check,
// when it is not formatted.
int formatOne(const std::string& path, const FormatOptions& opts, bool color) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "error: cannot read " << path << "\n";
    return 1;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  in.close();
  schema::SourceMap sources;
  uint32_t id = sources.add(path, buf.str());
  const std::string& text = sources.text(id);
  schema::Diagnostics diags;
  schema::File file = schema::parseFile(id, text, path, diags);
  if (diags.hasErrors()) {
    for (const auto& d : diags.list()) std::cerr << sources.render(d, color) << "\n";
    std::cerr << path << " has syntax errors; it was not formatted\n";
    return 1;
  }
  std::string out = schema::format(file);
  if (opts.to_stdout) {
    std::cout << out;
    return 0;
  }
  if (out == text) return 0;
  if (opts.check) {
    std::cerr << path << " is not formatted (run: litestone format " << path << ")\n";
    return 1;
  }
  std::ofstream os(path, std::ios::binary | std::ios::trunc);
  os << out;
  if (!os.flush()) {
    std::cerr << "error: cannot write " << path << "\n";
    return 1;
  }
  std::cout << "formatted " << path << "\n";
  return 0;
}

Runner setup(CLI::App& app, Globals& g) {
  auto opts = std::make_shared<FormatOptions>();
  app.description(
      "Rewrite .lite schema files in the canonical layout: two-space indents, aligned columns, "
      "one blank line between declarations, comments kept. Files with syntax errors are left alone.");
  app.add_option("files", opts->files, "Schema files to format (default: --schema, else ./schema.lite)");
  app.add_flag("--check", opts->check,
               "Change nothing; exit 1 and name each file that is not formatted (for CI)");
  app.add_flag("--stdout", opts->to_stdout, "Print the formatted text instead of rewriting the file");
  return [opts, &g]() {
    std::vector<std::string> files = opts->files;
    if (files.empty()) files.push_back(g.schema.empty() ? "schema.lite" : g.schema);
    bool color = g.useColor(isatty(STDERR_FILENO) != 0);
    int rc = 0;
    for (const auto& f : files) rc = std::max(rc, formatOne(f, *opts, color));
    return rc;
  };
}

const bool kRegistered = registerCommand({"format", setup});

}  // namespace
}  // namespace litestone::cli
