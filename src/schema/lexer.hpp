#pragma once

// Splits .lite text into tokens. Comments and newlines are tokens too: the
// parser uses them for trivia (comments, blank lines) and to end fields and
// database settings. The lexer never fails; bad input becomes an Error token
// plus a diagnostic, and lexing goes on.

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "schema/ast.hpp"
#include "schema/diagnostics.hpp"

namespace litestone::schema {

enum class TokenKind {
  Ident,
  Number,    // 42, 1.5 (no sign: "-" is its own token)
  Duration,  // 30d, 12h, 500ms
  String,    // text holds the unescaped value
  Comment,   // text without the // (one leading space removed)
  DocComment,
  Newline,
  LBrace,
  RBrace,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Colon,
  Semicolon,
  Question,
  Dot,
  At,
  AtAt,
  Bang,
  Minus,
  EqEq,
  NotEq,
  Lt,
  Le,
  Gt,
  Ge,
  AndAnd,
  OrOr,
  Error,  // a character or literal that could not be read (already reported)
  Eof,
};

struct Token {
  TokenKind kind = TokenKind::Eof;
  Span span;
  std::string text;  // identifier, literal as written, unescaped string, comment text
};

// Always ends with one Eof token.
std::vector<Token> lex(uint32_t file, std::string_view text, Diagnostics& diags);

// How a token is named in messages: "model", "@", a string, end of line.
std::string describeToken(const Token& t);
// The fixed spelling of a punctuation kind ("{", "==").
std::string_view tokenSpelling(TokenKind kind);

}  // namespace litestone::schema
