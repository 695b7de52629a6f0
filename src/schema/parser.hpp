#pragma once

// Turns the text of one .lite file into its syntax tree. Syntax errors are
// reported to diags (codes E01xx) and parsing resumes at the next line,
// member or declaration, so one run reports every syntax error of the file.
// Never throws and never fails: the returned File holds whatever parsed.

#include <cstdint>
#include <string>
#include <string_view>

#include "schema/ast.hpp"
#include "schema/diagnostics.hpp"

namespace litestone::schema {

File parseFile(uint32_t file_id, std::string_view text, std::string path, Diagnostics& diags);

// Deepest nesting of expressions (parentheses, arrays, unary operators)
// accepted before E0107; keeps recursion bounded on hostile input.
inline constexpr int kMaxExprDepth = 200;

}  // namespace litestone::schema
