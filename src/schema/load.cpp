#include "schema/load.hpp"

#include <deque>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "common/error_codes.hpp"
#include "litestone/error.hpp"
#include "schema/messages.hpp"
#include "schema/parser.hpp"
#include "schema/resolve.hpp"

namespace litestone::schema {

namespace fs = std::filesystem;

namespace {

bool readText(const fs::path& path, std::string& out) {
  // An ifstream opens a folder and reads nothing: that is not an empty schema.
  std::error_code ec;
  if (fs::is_directory(path, ec)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return !in.bad();
}

std::string canonicalKey(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  return ec ? fs::absolute(p).lexically_normal().string() : c.string();
}

// Parses the root text and, breadth first, every file it imports. Each file
// is read once (by canonical path), so import cycles end by themselves.
LoadResult load(std::string root_path, std::string root_text) {
  LoadResult result;
  result.sources = std::make_shared<SourceMap>();
  std::vector<std::string> dirs;
  std::set<std::string> seen{canonicalKey(root_path)};

  struct Pending {
    std::string path;
    std::string text;
  };
  std::deque<Pending> queue;
  queue.push_back({std::move(root_path), std::move(root_text)});
  while (!queue.empty()) {
    Pending p = std::move(queue.front());
    queue.pop_front();
    uint32_t id = result.sources->add(p.path, p.text);
    File file = parseFile(id, result.sources->text(id), p.path, result.diagnostics);
    file.id = id;
    fs::path dir = fs::path(p.path).parent_path();
    dirs.push_back(dir.string());
    for (const auto& decl : file.decls) {
      if (decl.kind != DeclKind::Import) continue;
      fs::path target = (dir / decl.name).lexically_normal();
      Span where = decl.name_span.end > decl.name_span.begin ? decl.name_span : decl.span;
      if (!seen.insert(canonicalKey(target)).second) continue;
      std::error_code ec;
      if (!fs::is_regular_file(target, ec)) {
        result.diagnostics.add(msg::importNotFound(decl.name, fs::path(p.path).filename().string(), where));
        continue;
      }
      std::string text;
      if (!readText(target, text)) {
        result.diagnostics.add(msg::importReadFailed(target.string(), where));
        continue;
      }
      queue.push_back({target.string(), std::move(text)});
    }
    result.files.push_back(std::move(file));
  }

  // Syntax errors leave partial trees; resolving them would only add noise.
  if (!result.diagnostics.hasErrors()) {
    result.schema = resolve(result.files, dirs, result.diagnostics);
  }
  result.diagnostics.sort();
  if (result.diagnostics.hasErrors()) result.schema = nullptr;
  return result;
}

[[noreturn]] void throwSchemaError(const LoadResult& r) {
  std::string message;
  json list = json::array();
  for (const auto& d : r.diagnostics.list()) {
    if (d.severity != Severity::Error) continue;
    message += r.sources->render(d);
    list.push_back(r.sources->toJson(d));
  }
  if (!message.empty() && message.back() == '\n') message.pop_back();
  throw SchemaError(codes::kSchemaInvalid, message, json{{"diagnostics", list}});
}

}  // namespace

LoadResult loadFile(const std::string& path) {
  std::string text;
  if (!readText(path, text)) {
    LoadResult r;
    r.sources = std::make_shared<SourceMap>();
    r.diagnostics.add(msg::schemaFileUnreadable(path));
    return r;
  }
  return load(path, std::move(text));
}

LoadResult loadText(std::string text, std::string path) { return load(std::move(path), std::move(text)); }

std::shared_ptr<const Schema> loadFileOrThrow(const std::string& path) {
  LoadResult r = loadFile(path);
  if (!r.ok()) throwSchemaError(r);
  return r.schema;
}

std::shared_ptr<const Schema> loadTextOrThrow(std::string text, std::string path) {
  LoadResult r = loadText(std::move(text), std::move(path));
  if (!r.ok()) throwSchemaError(r);
  return r.schema;
}

}  // namespace litestone::schema
