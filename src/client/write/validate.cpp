// Validators: the type of each value, enum membership, nullability, required
// fields on create, and the validator attributes (@email ... @contains).
// Every failure is collected; prepareRow throws once with all of them.

#include <cctype>
#include <memory>
#include <mutex>
#include <regex>
#include <string>
#include <unordered_map>

#include "client/write/pipeline.hpp"
#include "common/base64.hpp"

namespace litestone::detail::write {

namespace {

bool isSpaceChar(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

bool digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return false;
  for (size_t i = pos; i < pos + n; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

int number(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// YYYY-MM-DD with a real day of the month.
bool isDate(std::string_view s) {
  if (s.size() != 10 || !digits(s, 0, 4) || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' ||
      !digits(s, 8, 2))
    return false;
  int y = number(s, 0, 4), m = number(s, 5, 2), d = number(s, 8, 2);
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

// YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH:MM] (a space may replace the T).
bool isDateTime(std::string_view s) {
  if (s.size() < 16 || !isDate(s.substr(0, 10)) || (s[10] != 'T' && s[10] != ' ')) return false;
  if (!digits(s, 11, 2) || s[13] != ':' || !digits(s, 14, 2)) return false;
  if (number(s, 11, 2) > 23 || number(s, 14, 2) > 59) return false;
  size_t i = 16;
  if (i < s.size() && s[i] == ':') {
    if (!digits(s, i + 1, 2) || number(s, i + 1, 2) > 60) return false;
    i += 3;
    if (i < s.size() && s[i] == '.') {
      size_t start = ++i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      if (i == start) return false;
    }
  }
  if (i == s.size()) return true;
  if (s[i] == 'Z') return i + 1 == s.size();
  if (s[i] != '+' && s[i] != '-') return false;
  return s.size() == i + 6 && digits(s, i + 1, 2) && s[i + 3] == ':' && digits(s, i + 4, 2);
}

// local@domain.tld: one '@', no spaces, a dot inside the domain. Checked by
// hand: bulk loads validate every row, and std::regex is slow.
bool isEmail(std::string_view s) {
  auto at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : s)
    if (isSpaceChar(c)) return false;
  std::string_view domain = s.substr(at + 1);
  auto dot = domain.rfind('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size() && domain.front() != '.';
}

// Compiled patterns, shared by every thread (matching a const std::regex is
// thread-safe). Schemas hold a handful of patterns, so the cache stays small.
std::shared_ptr<const std::regex> compiled(const std::string& pattern) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const std::regex>> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(pattern);
  if (it != cache.end()) return it->second;
  std::shared_ptr<const std::regex> re;
  try {
    re = std::make_shared<const std::regex>(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error&) {
    re = nullptr;  // reported as a failed match below
  }
  cache.emplace(pattern, re);
  return re;
}

bool matches(const std::string& pattern, const std::string& s) {
  auto re = compiled(pattern);
  return re && std::regex_search(s, *re);
}

size_t utf8Length(std::string_view s) {
  size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::string numberText(const json& v) {
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  return v.dump();
}

std::string withCustom(const schema::Validator& v, std::string message) {
  return v.message.empty() ? message : v.message;
}

std::string checkLength(const schema::Validator& v, const json& value) {
  size_t n = value.is_string() ? utf8Length(value.get_ref<const std::string&>()) : value.size();
  auto min = v.args.find("min");
  auto max = v.args.find("max");
  bool has_min = min != v.args.end() && min->is_number();
  bool has_max = max != v.args.end() && max->is_number();
  bool too_short = has_min && static_cast<double>(n) < min->get<double>();
  bool too_long = has_max && static_cast<double>(n) > max->get<double>();
  if (!too_short && !too_long) return "";
  const char* unit = value.is_string() ? " characters" : " items";
  if (has_min && has_max)
    return withCustom(v, "length must be between " + numberText(*min) + " and " + numberText(*max) + unit);
  if (has_min) return withCustom(v, "length must be at least " + numberText(*min) + unit);
  return withCustom(v, "length must be at most " + numberText(*max) + unit);
}

std::string checkBound(const schema::Validator& v, const json& value) {
  auto it = v.args.find("value");
  if (it == v.args.end() || !it->is_number() || !value.is_number()) return "";
  double x = value.get<double>(), bound = it->get<double>();
  const std::string& r = v.rule;
  if (r == "gt" && !(x > bound)) return withCustom(v, "must be greater than " + numberText(*it));
  if (r == "gte" && !(x >= bound)) return withCustom(v, "must be at least " + numberText(*it));
  if (r == "lt" && !(x < bound)) return withCustom(v, "must be less than " + numberText(*it));
  if (r == "lte" && !(x <= bound)) return withCustom(v, "must be at most " + numberText(*it));
  return "";
}

std::string checkText(const schema::Validator& v, const std::string& s) {
  const std::string& r = v.rule;
  auto arg = [&] {
    auto it = v.args.find("value");
    return it != v.args.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (r == "email") return isEmail(s) ? "" : withCustom(v, "must be a valid email address");
  if (r == "url") {
    static const std::regex kUrl(R"(^[A-Za-z][A-Za-z0-9+.\-]*://[^\s/?#]+[^\s]*$)");
    return std::regex_match(s, kUrl) ? "" : withCustom(v, "must be a valid URL");
  }
  if (r == "date") return isDate(s) ? "" : withCustom(v, "must be a date (YYYY-MM-DD)");
  if (r == "datetime") return isDateTime(s) ? "" : withCustom(v, "must be an ISO-8601 date-time");
  if (r == "phone") {
    static const std::regex kPhone(R"(^\+?[0-9][0-9 ().\-]{5,22}[0-9]$)");
    size_t n = 0;
    for (char c : s) n += std::isdigit(static_cast<unsigned char>(c)) ? 1 : 0;
    return n >= 7 && n <= 15 && std::regex_match(s, kPhone) ? ""
                                                            : withCustom(v, "must be a valid phone number");
  }
  if (r == "regex") {
    auto it = v.args.find("pattern");
    std::string pattern = it != v.args.end() && it->is_string() ? it->get<std::string>() : "";
    return matches(pattern, s) ? "" : withCustom(v, "must match /" + pattern + "/");
  }
  if (r == "startsWith")
    return s.starts_with(arg()) ? "" : withCustom(v, "must start with \"" + arg() + "\"");
  if (r == "endsWith") return s.ends_with(arg()) ? "" : withCustom(v, "must end with \"" + arg() + "\"");
  if (r == "contains")
    return s.find(arg()) != std::string::npos ? "" : withCustom(v, "must contain \"" + arg() + "\"");
  return "";
}

const char* typeMessage(const schema::Field& f) {
  if (f.kind == schema::FieldKind::Enum) return "must be a string";
  switch (f.scalar) {
    case schema::ScalarType::Integer:
      return "must be an integer";
    case schema::ScalarType::Real:
      return "must be a number";
    case schema::ScalarType::Text:
      return "must be a string";
    case schema::ScalarType::Boolean:
      return "must be a boolean";
    case schema::ScalarType::DateTime:
      return "must be an ISO-8601 date or date-time string";
    case schema::ScalarType::Blob:
      return "must be a string or {\"$blob\": base64} with valid base64";
    case schema::ScalarType::Json:
    case schema::ScalarType::File:
      break;
  }
  return "has the wrong type";
}

bool hasType(const schema::Field& f, const json& v) {
  if (f.kind == schema::FieldKind::Enum) return v.is_string();
  if (f.kind == schema::FieldKind::TypedJson) return v.is_object();
  switch (f.scalar) {
    case schema::ScalarType::Integer:
      return v.is_number_integer();
    case schema::ScalarType::Real:
      return v.is_number();
    case schema::ScalarType::Text:
      return v.is_string();
    case schema::ScalarType::Boolean:
      return v.is_boolean();
    case schema::ScalarType::DateTime:
      return v.is_string() &&
             (isDate(v.get_ref<const std::string&>()) || isDateTime(v.get_ref<const std::string&>()));
    case schema::ScalarType::Blob:
      if (v.is_object()) {
        auto it = v.find("$blob");
        return v.size() == 1 && it != v.end() && it->is_string() &&
               base64Decode(it->get_ref<const std::string&>()).has_value();
      }
      return v.is_string();
    case schema::ScalarType::Json:
    case schema::ScalarType::File:
      return true;
  }
  return true;
}

void validateElement(const schema::Field& f, const std::string& name, const json& v, FieldErrors& errors);

// A typed Json value: each declared field of the type, checked like a column.
void validateTyped(const schema::Field& f, const std::string& name, const json& v, FieldErrors& errors) {
  for (const auto& sub : f.json_type->fields) {
    auto it = v.find(sub.name);
    if (it == v.end() || it->is_null()) {
      if (!sub.optional && sub.default_value.kind == schema::DefaultValue::Kind::None)
        errors.push_back({name + "." + sub.name, "required", "is required"});
      continue;
    }
    size_t before = errors.size();
    validateValue(sub, *it, errors);
    for (size_t k = before; k < errors.size(); ++k) errors[k].field = name + "." + errors[k].field;
  }
  for (const auto& [key, value] : v.items())
    if (!f.json_type->field(key))
      errors.push_back({name + "." + key, "unknown", "is not a field of " + f.json_type->name});
}

void validateElement(const schema::Field& f, const std::string& name, const json& v, FieldErrors& errors) {
  if (!hasType(f, v)) {
    if (f.kind == schema::FieldKind::TypedJson)
      errors.push_back({name, "type", "must be an object of type " + f.json_type->name});
    else
      errors.push_back({name, "type", typeMessage(f)});
    return;
  }
  if (f.kind == schema::FieldKind::Enum && f.enum_type &&
      !f.enum_type->contains(v.get_ref<const std::string&>())) {
    std::string values;
    for (const auto& e : f.enum_type->values) values += (values.empty() ? "" : ", ") + e;
    errors.push_back({name, "enum", "must be one of: " + values});
    return;
  }
  if (f.kind == schema::FieldKind::TypedJson && f.json_type) validateTyped(f, name, v, errors);
  for (const auto& rule : f.validators) {
    if (rule.rule == "length" && f.list) continue;  // checked on the whole list
    std::string message = checkValidator(rule, v);
    if (!message.empty()) errors.push_back({name, rule.rule, message});
  }
}

}  // namespace

std::string checkValidator(const schema::Validator& v, const json& value) {
  if (value.is_null()) return "";
  if (v.rule == "length") return value.is_string() || value.is_array() ? checkLength(v, value) : "";
  if (v.rule == "gt" || v.rule == "gte" || v.rule == "lt" || v.rule == "lte") return checkBound(v, value);
  if (!value.is_string()) return "";
  return checkText(v, value.get_ref<const std::string&>());
}

void validateValue(const schema::Field& f, const json& value, FieldErrors& errors) {
  if (value.is_null()) {
    if (!f.optional) errors.push_back({f.name, "notNull", "cannot be null"});
    return;
  }
  if (f.list) {
    if (!value.is_array()) {
      errors.push_back({f.name, "type", "must be an array"});
      return;
    }
    for (const auto& rule : f.validators) {
      if (rule.rule != "length") continue;
      std::string message = checkValidator(rule, value);
      if (!message.empty()) errors.push_back({f.name, rule.rule, message});
    }
    for (size_t i = 0; i < value.size(); ++i) {
      size_t before = errors.size();
      validateElement(f, f.name, value[i], errors);
      for (size_t k = before; k < errors.size(); ++k)
        errors[k].message = "item " + std::to_string(i) + " " + errors[k].message;
    }
    return;
  }
  validateElement(f, f.name, value, errors);
}

void validateRow(const RowContext& ctx, json& data, FieldErrors& errors) {
  for (const auto& f : ctx.model.fields) {
    if (!isWritable(f)) continue;
    auto it = data.find(f.name);
    if (it == data.end()) {
      if (ctx.op == WriteOp::Create && !mayOmitOnCreate(f))
        errors.push_back({f.name, "required", "is required"});
      continue;
    }
    validateValue(f, *it, errors);
  }
}

}  // namespace litestone::detail::write
