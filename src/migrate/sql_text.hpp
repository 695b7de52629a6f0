#pragma once

// Small, tolerant helpers over SQLite DDL text as stored in sqlite_schema.
// They split and normalize statements that SQLite itself already accepted,
// so they only need to understand tokens, parentheses and quotes.

#include <string>
#include <string_view>
#include <vector>

#include "common/quote.hpp"

namespace litestone::migrate {

// One token per element: words, quoted identifiers/strings, numbers and
// punctuation. Comments and whitespace are dropped.
std::vector<std::string> tokenize(std::string_view sql);

// Canonical text for comparing two definitions: tokens joined by one space,
// keywords and identifiers upper-cased (SQLite compares them without case),
// identifier quotes removed when not needed. String literals keep their case.
std::string normalize(std::string_view sql);

// The parts of CREATE TABLE name (...) options.
struct CreateTableParts {
  std::string name;                       // unquoted
  std::vector<std::string> columns;       // column definitions, original text, in order
  std::vector<std::string> column_names;  // unquoted, same order
  std::vector<std::string> constraints;   // table constraints, original text
  std::string options;                    // after the closing parenthesis (STRICT, WITHOUT ROWID)
};
CreateTableParts parseCreateTable(std::string_view sql);

// The same CREATE TABLE statement creating `new_name` instead.
std::string renameCreateTable(std::string_view sql, std::string_view new_name);

}  // namespace litestone::migrate
