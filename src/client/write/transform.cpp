// Transforms (@trim @lower @upper @slug): applied to the values a caller
// sends, before defaults and validators. ASCII case mapping only: bytes of
// multi-byte UTF-8 sequences pass through unchanged.

#include <cctype>
#include <string>

#include "client/write/pipeline.hpp"

namespace litestone::detail::write {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && isSpace(s[b])) ++b;
  while (e > b && isSpace(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

std::string mapCase(std::string s, bool upper) {
  for (char& c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x80) c = static_cast<char>(upper ? std::toupper(u) : std::tolower(u));
  }
  return s;
}

std::string applyOne(schema::Transform t, std::string s) {
  switch (t) {
    case schema::Transform::Trim:
      return trim(s);
    case schema::Transform::Lower:
      return mapCase(std::move(s), false);
    case schema::Transform::Upper:
      return mapCase(std::move(s), true);
    case schema::Transform::Slug:
      return slugify(s);
  }
  return s;
}

}  // namespace

// "  Hello, World! " → "hello-world": ASCII letters and digits kept (lower
// case), every other run of characters becomes one '-', none at either end.
std::string slugify(std::string_view text) {
  std::string out;
  bool dash = false;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && std::isalnum(u)) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += static_cast<char>(std::tolower(u));
    } else {
      dash = true;
    }
  }
  return out;
}

json transformValue(const schema::Field& field, json value) {
  if (field.transforms.empty()) return value;
  auto apply = [&](json& v) {
    if (!v.is_string()) return;
    std::string s = v.get<std::string>();
    for (auto t : field.transforms) s = applyOne(t, std::move(s));
    v = std::move(s);
  };
  if (value.is_array())
    for (auto& item : value) apply(item);
  else
    apply(value);
  return value;
}

void applyTransforms(const RowContext& ctx, json& data, FieldErrors&) {
  // Most models have no transform: one pass over the fields is cheaper than a
  // name lookup per key of every row.
  bool any = false;
  for (const auto& f : ctx.model.fields) any = any || !f.transforms.empty();
  if (!any) return;
  for (auto& [key, value] : data.items()) {
    const schema::Field* f = ctx.model.field(key);
    if (f && !f->transforms.empty()) value = transformValue(*f, std::move(value));
  }
}

}  // namespace litestone::detail::write
