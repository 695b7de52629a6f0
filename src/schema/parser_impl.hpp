#pragma once

// The recursive-descent parser behind parseFile, shared by parser.cpp
// (declarations and blocks) and parse_expr.cpp (attributes and expressions).

#include <string>
#include <vector>

#include "schema/ast.hpp"
#include "schema/diagnostics.hpp"
#include "schema/lexer.hpp"

namespace litestone::schema::detail {

// Thrown after a syntax error has been reported; caught where parsing can
// resume (a member or a declaration). Never leaves parseFile.
struct SyntaxError {};

class Parser {
 public:
  Parser(uint32_t file, std::vector<Token> tokens, Diagnostics& diags)
      : file_(file), toks_(std::move(tokens)), diags_(diags) {}

  File parseFile(std::string path);

  // parse_expr.cpp
  Expr parseExpr();
  Attribute parseAttribute();
  TypeRef parseType(const std::string& expected);

 private:
  // Tokens. Inside ( ) and [ ] newlines and comments do not matter, so cur()
  // skips them there.
  const Token& cur();
  const Token& raw(size_t ahead = 0) const;
  Token take();
  bool at(TokenKind k) { return cur().kind == k; }
  bool accept(TokenKind k);
  Token expect(TokenKind k, const std::string& what);
  [[noreturn]] void fail(const std::string& code, const std::string& message, Span span);
  [[noreturn]] void unexpected(const std::string& expected);
  Span from(Span begin) const;  // begin .. end of the last token taken

  // Trivia.
  Trivia leadingTrivia();
  void trailingComment(Trivia& t);
  bool atLineEnd();

  // Recovery.
  void skipLine();
  void skipToDecl();
  bool atDeclStart(bool strict) const;

  // Declarations (parser.cpp).
  void parseDecl(File& file, Trivia trivia);
  void parseImport(Decl& d);
  void parseBlockBody(Decl& d);
  void parseFieldMember(Decl& d, Trivia trivia);
  void parseEnumBody(Decl& d);
  void parseFunction(Decl& d);
  void parseDatabaseBody(Decl& d);
  bool closeBlock(Decl& d, Trivia& t, size_t trivia_pos);
  void endMember(const std::string& what);

  // Expressions (parse_expr.cpp).
  void enterLevel();  // one more level of expression nesting, E0107 beyond the limit
  Expr parseOr();
  Expr parseAnd();
  Expr parseCompare();
  Expr parseUnary();
  Expr parsePostfix();
  Expr parsePrimary();
  void parseCallArgs(Expr& call);
  void attachArgComments(Attribute& a, size_t open, size_t close);

  uint32_t file_;
  std::vector<Token> toks_;
  Diagnostics& diags_;
  size_t pos_ = 0;
  int nesting_ = 0;  // depth of ( and [ around the current token
  int depth_ = 0;    // expression recursion depth
  Span last_{};      // span of the last token taken
};

}  // namespace litestone::schema::detail
