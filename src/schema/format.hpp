#pragma once

// Prints a parsed .lite file in the canonical layout used by
// `litestone format`: two-space indents, one blank line between
// declarations, field names, types and attributes in aligned columns,
// block attributes after the fields, double-quoted strings, and every comment
// kept where it was (an attribute with comments among its arguments takes one
// line per argument). format(parse(format(f))) == format(f).
//
// Only format a File that parsed without errors: a file with syntax errors
// lost the parts that did not parse.

#include <string>

#include "schema/ast.hpp"

namespace litestone::schema {

std::string format(const File& file);

// Pieces of the printer, used by messages and tests that show schema text.
std::string formatExpr(const Expr& e);
std::string formatAttribute(const Attribute& a);     // on one line, without comments
std::string formatString(const std::string& value);  // with double quotes and escapes

}  // namespace litestone::schema
