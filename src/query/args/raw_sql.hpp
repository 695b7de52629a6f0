#pragma once

// `$raw` SQL is trusted text, but it must stay inside the predicate it is
// written for: emit wraps it in parentheses and ANDs it with the filters that
// passes add (soft delete, policies), so text that closes that parenthesis
// ("1) OR (1") or comments it away would bypass them. checkRawSql reads the
// text with SQLite's tokenizer rules for what can hide a character (strings
// '…' with '', identifiers "…", `…` and […], -- and /* */ comments) and
// accepts one balanced expression: parentheses never close below zero and
// end at zero, every quote and comment is closed, and there is no `;`.
//
// Code: QUERY_RAW_INVALID (meta: path, reason, offset).

#include <cstddef>
#include <string>
#include <string_view>

namespace litestone::query {

struct RawSqlScan {
  bool ok = true;
  std::string reason;       // when !ok: what is wrong, for the message
  size_t offset = 0;        // when !ok: byte offset of the problem
  size_t placeholders = 0;  // `?` outside strings, identifiers and comments
};

RawSqlScan scanRawSql(std::string_view sql);

// Throws QUERY_RAW_INVALID naming `path` (a JSON path as text) unless sql is
// one balanced expression; returns the number of `?` placeholders.
size_t checkRawSql(std::string_view sql, const std::string& path);

}  // namespace litestone::query
