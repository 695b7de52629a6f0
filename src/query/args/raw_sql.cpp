#include "query/args/raw_sql.hpp"

#include "litestone/error.hpp"

namespace litestone::query {

namespace {

RawSqlScan fail(std::string reason, size_t offset) {
  RawSqlScan s;
  s.ok = false;
  s.reason = std::move(reason);
  s.offset = offset;
  return s;
}

}  // namespace

RawSqlScan scanRawSql(std::string_view sql) {
  RawSqlScan out;
  size_t depth = 0;
  bool any_token = false;
  size_t i = 0;
  const size_t n = sql.size();
  while (i < n) {
    char c = sql[i];
    bool comment = c == '-' ? i + 1 < n && sql[i + 1] == '-' : c == '/' && i + 1 < n && sql[i + 1] == '*';
    if (!comment && c != ' ' && c != '\t' && c != '\n' && c != '\r') any_token = true;
    if (c == '\'' || c == '"' || c == '`') {
      // A doubled quote inside is an escaped quote, not the end.
      size_t start = i++;
      for (;;) {
        if (i >= n) return fail(std::string("unterminated ") + c + "-quoted text", start);
        if (sql[i] == c) {
          if (i + 1 < n && sql[i + 1] == c) {
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        ++i;
      }
    } else if (c == '[') {
      size_t end = sql.find(']', i + 1);
      if (end == std::string_view::npos) return fail("unterminated [identifier]", i);
      i = end + 1;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      // A line comment must end inside the text, or it would swallow the
      // closing parenthesis emit puts after it.
      size_t end = sql.find('\n', i + 2);
      if (end == std::string_view::npos) return fail("a -- comment that does not end with a newline", i);
      i = end + 1;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      size_t end = sql.find("*/", i + 2);
      if (end == std::string_view::npos) return fail("an unterminated /* comment", i);
      i = end + 2;
    } else if (c == '(') {
      ++depth;
      ++i;
    } else if (c == ')') {
      if (depth == 0) return fail("a ')' that closes more than it opened", i);
      --depth;
      ++i;
    } else if (c == ';') {
      return fail("a ';' (one expression only)", i);
    } else {
      if (c == '?') ++out.placeholders;
      ++i;
    }
  }
  if (depth != 0) return fail(std::to_string(depth) + " unclosed '('", n);
  if (!any_token) return fail("an empty expression", 0);
  return out;
}

size_t checkRawSql(std::string_view sql, const std::string& path) {
  RawSqlScan s = scanRawSql(sql);
  if (!s.ok) {
    throw QueryError("QUERY_RAW_INVALID",
                     "$raw SQL at " + path + " must be one balanced expression: found " + s.reason +
                         " at byte " + std::to_string(s.offset),
                     {{"path", path}, {"reason", s.reason}, {"offset", s.offset}});
  }
  return s.placeholders;
}

}  // namespace litestone::query
