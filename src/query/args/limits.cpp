#include "query/args/limits.hpp"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "litestone/error.hpp"

namespace litestone::query {

namespace {

// One open container on the walk: where it is and which child comes next.
struct Frame {
  const json* node;
  json::const_iterator next;
  size_t index;  // for arrays: the index of `next`
};

// The path of the child each frame is visiting, built only when reporting.
std::string pathOf(std::string_view root_name, const std::vector<Frame>& stack) {
  std::string out(root_name);
  if (stack.empty() && out.empty()) return "args";
  for (const Frame& f : stack) {
    if (f.node->is_array()) {
      out += '[' + std::to_string(f.index - 1) + ']';
    } else {
      auto it = f.next;
      --it;
      if (!out.empty()) out += '.';
      out += it.key();
    }
  }
  return out;
}

[[noreturn]] void tooDeep(std::string_view root_name, const std::vector<Frame>& stack, size_t limit) {
  std::string path = pathOf(root_name, stack);
  throw QueryError(
      "QUERY_TOO_DEEP",
      "the request nests deeper than " + std::to_string(limit) + " levels at " + path +
          "; flatten it (e.g. one OR/AND list instead of nested ones) or split it into several calls",
      {{"limit", limit}, {"path", path}});
}

[[noreturn]] void rawNotAllowed(std::string_view root_name, const std::vector<Frame>& stack) {
  std::string path = pathOf(root_name, stack);
  throw QueryError("QUERY_RAW_NOT_ALLOWED",
                   "$raw SQL is not accepted on the wire (at " + path +
                       "); use a where object, or call as the system (--system / asSystem) from trusted code",
                   {{"path", path}});
}

// UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates, at most U+10FFFF.
bool validUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > n) return false;
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 0x2) return false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

[[noreturn]] void badValue(std::string_view root_name, const std::vector<Frame>& stack, const char* reason,
                           const std::string& expected) {
  std::string path = pathOf(root_name, stack);
  throw QueryError("QUERY_INVALID_ARGUMENT", "invalid value at " + path + ": expected " + expected,
                   {{"path", path}, {"expected", expected}, {"reason", reason}});
}

// Values no column can hold, refused wherever they appear: numbers that
// overflowed to infinity (1e400) and text that is not UTF-8.
void checkScalar(const json& v, std::string_view root_name, const std::vector<Frame>& stack) {
  if (v.is_number_float() && !std::isfinite(v.get<double>())) {
    badValue(root_name, stack, "notFinite", "a finite number (this one overflows a 64-bit double)");
  }
  if (v.is_string() && !validUtf8(v.get_ref<const std::string&>())) {
    badValue(root_name, stack, "invalidUtf8", "text in valid UTF-8");
  }
}

}  // namespace

void checkRequest(const json& root, std::string_view root_name, const RequestLimits& limits) {
  if (!root.is_structured()) return checkScalar(root, root_name, {});
  std::vector<Frame> stack;
  stack.reserve(limits.max_depth + 1);
  stack.push_back({&root, root.cbegin(), 0});
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == top.node->cend()) {
      stack.pop_back();
      continue;
    }
    const json& child = *top.next;
    bool is_object = top.node->is_object();
    ++top.next;
    ++top.index;
    if (is_object) {
      auto it = top.next;
      --it;
      // Trusted SQL: `$raw`, a `{"$sql": ...}` value and a string `having`.
      if (!limits.allow_raw &&
          (it.key() == "$raw" || it.key() == "$sql" || (it.key() == "having" && child.is_string())))
        rawNotAllowed(root_name, stack);
      if (!validUtf8(it.key())) badValue(root_name, stack, "invalidUtf8", "keys in valid UTF-8");
    }
    checkScalar(child, root_name, stack);
    if (!child.is_structured() || child.empty()) continue;
    if (stack.size() >= limits.max_depth) tooDeep(root_name, stack, limits.max_depth);
    stack.push_back({&child, child.cbegin(), 0});
  }
}

}  // namespace litestone::query
