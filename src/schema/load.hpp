#pragma once

// Entry points of the schema layer: text or file → AST → resolved Schema.
// These never throw on bad schema text; they return every diagnostic.
// loadOrThrow wraps them for callers that want a SchemaError.

#include <memory>
#include <string>
#include <vector>

#include "schema/ast.hpp"
#include "schema/diagnostics.hpp"
#include "schema/schema.hpp"

namespace litestone::schema {

struct LoadResult {
  std::shared_ptr<const Schema> schema;  // null when there are errors
  Diagnostics diagnostics;               // errors and warnings, sorted
  std::shared_ptr<SourceMap> sources;    // owns the text of every file read
  std::vector<File> files;               // the ASTs, root file first
  bool ok() const { return schema != nullptr; }
};

// Reads path and every file it imports (relative to the importing file;
// each file once, cycles allowed).
LoadResult loadFile(const std::string& path);
// Parses text as if read from `path` (imports resolve relative to it).
LoadResult loadText(std::string text, std::string path = "schema.lite");

// Throws litestone::SchemaError listing every diagnostic when there are errors.
std::shared_ptr<const Schema> loadFileOrThrow(const std::string& path);
std::shared_ptr<const Schema> loadTextOrThrow(std::string text, std::string path = "schema.lite");

}  // namespace litestone::schema
