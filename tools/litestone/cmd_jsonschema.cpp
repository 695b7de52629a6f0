// litestone jsonschema [OUT] [--model M]: write JSON Schema 2020-12 for each
// model's row and create input (src/codegen/json_schema.cpp), to OUT or stdout.

#include <fstream>
#include <iostream>
#include <memory>

#include "codegen/codegen.hpp"
#include "command.hpp"
#include "litestone/error.hpp"
#include "schema/load.hpp"

namespace litestone::cli {

namespace {

struct JsonSchemaFlags {
  std::string out;
  std::string model;
};

Runner setupJsonSchema(CLI::App& app, Globals& g) {
  auto flags = std::make_shared<JsonSchemaFlags>();
  app.description(
      "Generate JSON Schema (2020-12) for each model's row and create input, validators included, "
      "to OUT or stdout");
  app.add_option("out", flags->out, "File to write (default: stdout)");
  app.add_option("--model", flags->model, "Only this model (default: every model)");
  return [&g, flags]() -> int {
    std::string path = g.schema.empty() ? "schema.lite" : g.schema;
    auto schema = schema::loadFileOrThrow(path);
    std::string text = codegen::generateJsonSchema(*schema, flags->model).dump(2) + "\n";
    if (flags->out.empty()) {
      std::cout << text;
      return 0;
    }
    std::ofstream os(flags->out, std::ios::binary | std::ios::trunc);
    os << text;
    if (!os.flush()) throw Error("CLI_WRITE_FAILED", "cannot write " + flags->out, {{"path", flags->out}});
    std::cerr << "wrote " << flags->out << "\n";
    return 0;
  };
}

const bool kRegistered = registerCommand({"jsonschema", setupJsonSchema});

}  // namespace
}  // namespace litestone::cli
