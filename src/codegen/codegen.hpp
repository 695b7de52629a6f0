#pragma once

// Code generation from the resolved Schema: a C++ header of typed structs and
// accessors (cpp.cpp), TypeScript declarations of rows and wire shapes
// (typescript.cpp) and JSON Schema 2020-12 (json_schema.cpp). Every output is
// deterministic: the same schema gives byte-identical text.

#include <string>
#include <vector>

#include "litestone/json.hpp"
#include "schema/schema.hpp"

namespace litestone::codegen {

struct Options {
  std::string source_name = "schema.lite";  // named in the banner (a file name, not a path)
  std::string cpp_namespace = "models";     // C++ only
  std::vector<std::string> only;            // model names to keep; empty = all
};

// Throws QueryError CODEGEN_UNKNOWN_MODEL when `only` names a model the schema
// lacks, and CODEGEN_NAME_CLASH when two declarations map to one C++ name.
std::string generateCpp(const schema::Schema& s, const Options& opts);
std::string generateTypeScript(const schema::Schema& s, const Options& opts);
// {"$schema", "$defs": {Model: row schema, ModelCreate: create input, enums, types}}.
// With `model` non-empty, only that model (QueryError CODEGEN_UNKNOWN_MODEL if absent).
json generateJsonSchema(const schema::Schema& s, const std::string& model);

}  // namespace litestone::codegen
