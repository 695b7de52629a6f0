// litestone types [OUT] [--only=a,b] [--namespace NS] [--lang cpp|ts]: write
// the typed C++ header (default) or TypeScript declarations for the schema,
// to OUT or stdout. The generators live in src/codegen.

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "codegen/codegen.hpp"
#include "command.hpp"
#include "litestone/error.hpp"
#include "schema/load.hpp"

namespace litestone::cli {

namespace {

struct TypesFlags {
  std::string out;
  std::vector<std::string> only;
  std::string ns = "models";
  std::string lang = "cpp";
  std::string depfile;
};

// Make-style: "OUT: schema.lite imported.lite", spaces escaped.
std::string depfileText(const std::string& out, const std::vector<std::string>& files) {
  auto esc = [](const std::string& p) {
    std::string r;
    for (char c : p) {
      if (c == ' ' || c == '#') r += '\\';
      if (c == '$') r += '$';
      r += c;
    }
    return r;
  };
  std::string text = esc(out) + ":";
  for (const auto& f : files) text += " " + esc(std::filesystem::absolute(f).lexically_normal().string());
  return text + "\n";
}

// A C++ namespace name: identifiers joined by "::".
bool validNamespace(const std::string& ns) {
  if (ns.empty()) return false;
  size_t start = 0;
  while (true) {
    size_t end = ns.find("::", start);
    std::string part = ns.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (part.empty() || std::isdigit(static_cast<unsigned char>(part[0]))) return false;
    for (char c : part) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    }
    if (end == std::string::npos) return true;
    start = end + 2;
  }
}

Runner setupTypes(CLI::App& app, Globals& g) {
  auto flags = std::make_shared<TypesFlags>();
  app.description(
      "Generate a C++ header of typed structs and accessors (or TypeScript declarations with --lang ts) "
      "from the schema, to OUT or stdout");
  app.add_option("out", flags->out, "File to write (default: stdout)");
  app.add_option("--only", flags->only, "Comma-separated model names to generate (default: all)")
      ->delimiter(',');
  app.add_option("--namespace", flags->ns, "C++ namespace of the generated code (default: models)");
  app.add_option("--lang", flags->lang, "Output language: cpp (default) or ts")
      ->check(CLI::IsMember({"cpp", "ts"}));
  app.add_option("--depfile", flags->depfile,
                 "Also write a Make depfile listing the schema and every file it imports (needs OUT)");
  return [&g, flags]() -> int {
    if (!validNamespace(flags->ns))
      throw QueryError(
          "CODEGEN_BAD_NAMESPACE",
          "--namespace \"" + flags->ns + "\" is not a C++ namespace name (identifiers joined by ::)",
          {{"namespace", flags->ns}});
    if (!flags->depfile.empty() && flags->out.empty())
      throw QueryError("CLI_DEPFILE_NEEDS_OUT",
                       "--depfile needs an output file: litestone types OUT --depfile FILE",
                       {{"flag", "--depfile"}});
    std::string path = g.schema.empty() ? "schema.lite" : g.schema;
    auto schema = schema::loadFileOrThrow(path);
    codegen::Options opts;
    opts.source_name = std::filesystem::path(path).filename().string();
    opts.cpp_namespace = flags->ns;
    opts.only = flags->only;
    std::string text = flags->lang == "ts" ? codegen::generateTypeScript(*schema, opts)
                                           : codegen::generateCpp(*schema, opts);
    if (flags->out.empty()) {
      std::cout << text;
      return 0;
    }
    std::ofstream os(flags->out, std::ios::binary | std::ios::trunc);
    os << text;
    if (!os.flush()) throw Error("CLI_WRITE_FAILED", "cannot write " + flags->out, {{"path", flags->out}});
    if (!flags->depfile.empty()) {
      std::ofstream dep(flags->depfile, std::ios::binary | std::ios::trunc);
      dep << depfileText(flags->out, schema->files);
      if (!dep.flush())
        throw Error("CLI_WRITE_FAILED", "cannot write " + flags->depfile, {{"path", flags->depfile}});
    }
    std::cerr << "wrote " << flags->out << "\n";
    return 0;
  };
}

const bool kRegistered = registerCommand({"types", setupTypes});

}  // namespace
}  // namespace litestone::cli
