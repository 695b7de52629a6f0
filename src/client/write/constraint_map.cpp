// SQLite reports constraint failures by table.column; callers know fields.
// The engine's ConstraintError carries the sqlite codes and the columns; here
// they become the model's field names, keeping the engine's code and codes.

#include <string>
#include <vector>

#include "client/write/write.hpp"

namespace litestone::detail::write {

namespace {

// "users.email" or "email" → "email".
std::string columnPart(std::string_view ref) {
  auto dot = ref.rfind('.');
  return std::string(dot == std::string_view::npos ? ref : ref.substr(dot + 1));
}

std::vector<std::string> columnsOf(const ConstraintError& e) {
  std::vector<std::string> out;
  const json& meta = e.meta();
  for (const char* key : {"columns", "fields"}) {
    auto it = meta.find(key);
    if (it != meta.end() && it->is_array()) {
      for (const auto& c : *it)
        if (c.is_string()) out.push_back(columnPart(c.get<std::string>()));
      if (!out.empty()) return out;
    }
  }
  // SQLite's text, "UNIQUE constraint failed: users.email, users.name", is
  // the only place it names the columns of UNIQUE and NOT NULL failures.
  std::string_view msg = e.what();
  auto at = msg.find("failed: ");
  if (at == std::string_view::npos) return out;
  std::string_view rest = msg.substr(at + 8);
  while (!rest.empty()) {
    auto comma = rest.find(", ");
    std::string_view part = rest.substr(0, comma);
    if (part.find(' ') == std::string_view::npos) out.push_back(columnPart(part));
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 2);
  }
  return out;
}

std::string kindOf(const ConstraintError& e) {
  auto it = e.meta().find("constraint");
  if (it != e.meta().end() && it->is_string()) return it->get<std::string>();
  std::string_view msg = e.what();
  if (msg.find("UNIQUE") != std::string_view::npos) return "unique";
  if (msg.find("FOREIGN KEY") != std::string_view::npos) return "foreign_key";
  if (msg.find("NOT NULL") != std::string_view::npos) return "not_null";
  if (msg.find("CHECK") != std::string_view::npos) return "check";
  if (msg.find("PRIMARY KEY") != std::string_view::npos) return "primary_key";
  return "constraint";
}

}  // namespace

ConstraintError mapConstraint(const schema::Model& model, const ConstraintError& e) {
  json fields = json::array();
  std::string names;
  for (const auto& column : columnsOf(e)) {
    std::string name = column;
    for (const auto& f : model.fields)
      if (f.stored() && f.column == column) name = f.name;
    fields.push_back(name);
    names += (names.empty() ? "" : ", ") + model.name + "." + name;
  }
  std::string kind = kindOf(e);
  std::string label = kind == "foreign_key" ? "foreign key" : kind == "not_null" ? "not null" : kind;
  std::string message = label + " constraint failed on " + (names.empty() ? model.name : names);
  json meta = e.meta();
  if (!meta.is_object()) meta = json::object();
  meta["constraint"] = kind;
  meta["model"] = model.name;
  meta["fields"] = fields;
  return ConstraintError(e.code(), message, meta);
}

}  // namespace litestone::detail::write
