#include "query/args/shape.hpp"

#include <algorithm>

namespace litestone::query {

namespace {

void appendKey(std::string_view key, std::string& out) {
  out += std::to_string(key.size());
  out += ':';
  out += key;
}

// One letter per bound value: the type decides validation and SQL (null →
// IS NULL), the value does not.
void appendMarker(const json& v, std::string& out) {
  switch (v.type()) {
    case json::value_t::null:
      out += 'N';
      break;
    case json::value_t::boolean:
      out += 'b';
      break;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      out += 'i';
      break;
    case json::value_t::number_float:
      out += 'f';
      break;
    case json::value_t::string:
      out += 's';
      break;
    case json::value_t::array: {
      // The element types decide validation (`in: ["x"]` on an Integer), the
      // elements and their count do not: one letter per type present.
      out += 'a';
      std::string kinds;
      for (const auto& e : v) {
        std::string one;
        appendMarker(e, one);
        if (kinds.find(one) == std::string::npos) kinds += one;
      }
      std::sort(kinds.begin(), kinds.end());
      out += kinds;
      out += '.';
      break;
    }
    default:
      out += 'o';
      break;
  }
}

void appendVerbatim(const json& v, std::string& out) { out += v.dump(); }

void appendWhere(const json& where, std::string& out);
void appendArgs(const json& args, std::string& out);

void appendWhereValue(const json& v, std::string& out) {
  if (v.is_object()) {
    appendWhere(v, out);
  } else {
    appendMarker(v, out);
  }
}

void appendWhere(const json& where, std::string& out) {
  if (!where.is_object()) {
    appendMarker(where, out);
    return;
  }
  out += '{';
  for (auto it = where.begin(); it != where.end(); ++it) {
    const std::string& key = it.key();
    const json& v = it.value();
    appendKey(key, out);
    out += '=';
    if (key == "$raw") {
      if (v.is_object()) {
        auto sql = v.find("$sql");
        out += '{';
        if (sql != v.end()) appendVerbatim(*sql, out);
        auto params = v.find("params");
        if (params != v.end()) {
          out += '|';
          if (params->is_array()) {
            for (auto& p : *params) appendMarker(p, out);
          } else {
            appendMarker(*params, out);
          }
        }
        for (auto& [k, x] : v.items()) {
          if (k != "$sql" && k != "params") appendKey(k, out);
        }
        out += '}';
      } else {
        appendVerbatim(v, out);
      }
    } else if (key == "mode") {
      appendVerbatim(v, out);
    } else if ((key == "AND" || key == "OR" || key == "NOT") && v.is_array()) {
      out += '[';
      for (auto& e : v) {
        appendWhereValue(e, out);
        out += ',';
      }
      out += ']';
    } else {
      appendWhereValue(v, out);
    }
    out += ';';
  }
  out += '}';
}

void appendSelection(const json& sel, std::string& out) {
  if (!sel.is_object()) {
    appendVerbatim(sel, out);
    return;
  }
  out += '{';
  for (auto it = sel.begin(); it != sel.end(); ++it) {
    appendKey(it.key(), out);
    out += '=';
    if (it.value().is_object()) {
      appendArgs(it.value(), out);
    } else {
      appendVerbatim(it.value(), out);
    }
    out += ';';
  }
  out += '}';
}

void appendArgs(const json& args, std::string& out) {
  if (!args.is_object()) {
    appendVerbatim(args, out);
    return;
  }
  out += '{';
  for (auto it = args.begin(); it != args.end(); ++it) {
    const std::string& key = it.key();
    const json& v = it.value();
    appendKey(key, out);
    out += '=';
    if (key == "where") {
      appendWhere(v, out);
    } else if (key == "select" || key == "include") {
      appendSelection(v, out);
    } else if (key == "limit" || key == "offset") {
      appendMarker(v, out);
    } else {
      appendVerbatim(v, out);
    }
    out += ';';
  }
  out += '}';
}

}  // namespace

void appendShape(const json& args, std::string& out) { appendArgs(args, out); }

}  // namespace litestone::query
