#include "schema/parser.hpp"

#include <algorithm>

#include "schema/parser_impl.hpp"

// Declarations and blocks. Expressions and attributes are in parse_expr.cpp.

namespace litestone::schema {
namespace detail {
namespace {

bool isTrivia(TokenKind k) {
  return k == TokenKind::Newline || k == TokenKind::Comment || k == TokenKind::DocComment;
}

bool isComment(TokenKind k) { return k == TokenKind::Comment || k == TokenKind::DocComment; }

bool declKind(const std::string& word, DeclKind& kind) {
  static const std::pair<const char*, DeclKind> kKeywords[] = {
      {"import", DeclKind::Import},     {"enum", DeclKind::Enum},   {"function", DeclKind::Function},
      {"model", DeclKind::Model},       {"trait", DeclKind::Trait}, {"type", DeclKind::Type},
      {"database", DeclKind::Database},
  };
  for (const auto& [w, k] : kKeywords) {
    if (word == w) {
      kind = k;
      return true;
    }
  }
  return false;
}

std::string kindWord(DeclKind k) {
  switch (k) {
    case DeclKind::Import:
      return "import";
    case DeclKind::Enum:
      return "enum";
    case DeclKind::Function:
      return "function";
    case DeclKind::Model:
      return "model";
    case DeclKind::Trait:
      return "trait";
    case DeclKind::Type:
      return "type";
    case DeclKind::Database:
      return "database";
  }
  return "declaration";
}

std::string inQuotes(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

// ---- tokens ---------------------------------------------------------------

const Token& Parser::cur() {
  if (nesting_ > 0) {
    while (isTrivia(toks_[pos_].kind)) ++pos_;
  }
  return toks_[pos_];
}

const Token& Parser::raw(size_t ahead) const { return toks_[std::min(pos_ + ahead, toks_.size() - 1)]; }

Token Parser::take() {
  Token t = cur();
  if (t.kind != TokenKind::Eof) ++pos_;
  last_ = t.span;
  return t;
}

bool Parser::accept(TokenKind k) {
  if (cur().kind != k) return false;
  take();
  return true;
}

Token Parser::expect(TokenKind k, const std::string& what) {
  if (cur().kind != k) unexpected(what);
  return take();
}

void Parser::fail(const std::string& code, const std::string& message, Span span) {
  diags_.error(code, message, span);
  throw SyntaxError{};
}

void Parser::unexpected(const std::string& expected) {
  const Token& t = cur();
  if (t.kind == TokenKind::Error) throw SyntaxError{};  // the lexer already reported it
  fail("E0101", "expected " + expected + ", found " + describeToken(t), t.span);
}

Span Parser::from(Span begin) const { return {file_, begin.begin, std::max(begin.begin, last_.end)}; }

// ---- trivia ---------------------------------------------------------------

Trivia Parser::leadingTrivia() {
  Trivia t;
  int newlines = 0;
  while (true) {
    const Token& k = raw();
    if (k.kind == TokenKind::Newline) {
      if (++newlines == 2) {
        if (t.leading.empty()) {
          t.blank_before = true;
        } else {
          t.leading.back().blank_after = true;
        }
      }
    } else if (isComment(k.kind)) {
      t.leading.push_back({k.span, k.text, k.kind == TokenKind::DocComment});
      newlines = 0;
    } else if (k.kind != TokenKind::Semicolon) {
      break;
    }
    ++pos_;
  }
  return t;
}

void Parser::trailingComment(Trivia& t) {
  const Token& k = raw();
  if (isComment(k.kind) && t.trailing.empty()) {
    t.trailing = k.text.empty() ? " " : k.text;
    t.trailing_doc = k.kind == TokenKind::DocComment;
    ++pos_;
  }
}

bool Parser::atLineEnd() {
  TokenKind k = raw().kind;
  return isTrivia(k) || k == TokenKind::RBrace || k == TokenKind::Eof || k == TokenKind::Semicolon;
}

void Parser::endMember(const std::string& what) {
  if (!atLineEnd()) unexpected("end of line after " + what);
}

// ---- recovery -------------------------------------------------------------

void Parser::skipLine() {
  while (true) {
    TokenKind k = raw().kind;
    if (k == TokenKind::Newline || k == TokenKind::RBrace || k == TokenKind::Eof) return;
    ++pos_;
  }
}

bool Parser::atDeclStart(bool strict) const {
  const Token& k = raw();
  DeclKind kind{};
  if (k.kind != TokenKind::Ident || !declKind(k.text, kind)) return false;
  if (pos_ > 0 && toks_[pos_ - 1].kind != TokenKind::Newline) return false;
  if (kind == DeclKind::Import) return raw(1).kind == TokenKind::String;
  if (raw(1).kind != TokenKind::Ident) return false;
  if (!strict) return true;
  TokenKind open = kind == DeclKind::Function ? TokenKind::LParen : TokenKind::LBrace;
  return raw(2).kind == open;
}

void Parser::skipToDecl() {
  int depth = 0;
  while (raw().kind != TokenKind::Eof) {
    if (depth <= 0 && atDeclStart(false)) return;
    if (raw().kind == TokenKind::LBrace) ++depth;
    if (raw().kind == TokenKind::RBrace) --depth;
    ++pos_;
  }
}

// ---- declarations ---------------------------------------------------------

File Parser::parseFile(std::string path) {
  File file;
  file.id = file_;
  file.path = std::move(path);
  while (true) {
    Trivia t = leadingTrivia();
    if (raw().kind == TokenKind::Eof) {
      file.end_comments = std::move(t.leading);
      break;
    }
    size_t before = pos_;
    try {
      parseDecl(file, std::move(t));
    } catch (const SyntaxError&) {
      nesting_ = 0;
      depth_ = 0;
      if (pos_ == before) ++pos_;
      skipToDecl();
    }
    if (pos_ == before) ++pos_;
  }
  return file;
}

void Parser::parseDecl(File& file, Trivia trivia) {
  const Token& k = raw();
  Decl d;
  if (k.kind != TokenKind::Ident || !declKind(k.text, d.kind)) {
    if (k.kind == TokenKind::Error) throw SyntaxError{};
    fail("E0108",
         "expected a declaration (model, enum, type, trait, function, database or import), found " +
             describeToken(k),
         k.span);
  }
  d.trivia = std::move(trivia);
  Token kw = take();
  if (d.kind == DeclKind::Import) {
    Token p = expect(TokenKind::String, "the path of the imported file in quotes after \"import\"");
    d.name = p.text;
    d.name_span = p.span;
    d.span = from(kw.span);
    endMember("the import");
    trailingComment(d.trivia);
    file.decls.push_back(std::move(d));
    return;
  }
  Token name = expect(TokenKind::Ident, "a name after " + inQuotes(kw.text));
  d.name = name.text;
  d.name_span = name.span;
  if (d.kind == DeclKind::Function) parseFunction(d);
  expect(TokenKind::LBrace, "\"{\" to open " + kw.text + " " + inQuotes(d.name));
  trailingComment(d.trivia);
  switch (d.kind) {
    case DeclKind::Enum:
      parseEnumBody(d);
      break;
    case DeclKind::Database:
      parseDatabaseBody(d);
      break;
    default:
      parseBlockBody(d);
      break;
  }
  d.span = from(kw.span);
  trailingComment(d.trivia);
  file.decls.push_back(std::move(d));
}

void Parser::parseFunction(Decl& d) {
  expect(TokenKind::LParen, "\"(\" and the parameters of function " + inQuotes(d.name));
  ++nesting_;
  while (!at(TokenKind::RParen)) {
    Token p = expect(TokenKind::Ident, "a parameter name or \")\"");
    expect(TokenKind::Colon, "\":\" and a type after parameter " + inQuotes(p.text));
    Param param;
    param.name = p.text;
    param.type = parseType("a type for parameter " + inQuotes(p.text));
    param.span = from(p.span);
    d.params.push_back(std::move(param));
    if (!accept(TokenKind::Comma) && !at(TokenKind::RParen)) {
      unexpected("\",\" or \")\" in the parameters of function " + inQuotes(d.name));
    }
  }
  take();
  --nesting_;
  expect(TokenKind::Colon, "\":\" and the return type of function " + inQuotes(d.name));
  d.return_type = parseType("the return type of function " + inQuotes(d.name));
}

bool Parser::closeBlock(Decl& d, Trivia& t, size_t trivia_pos) {
  TokenKind k = raw().kind;
  if (k == TokenKind::RBrace) {
    d.end_comments = std::move(t.leading);
    take();
    return true;
  }
  if (k == TokenKind::Eof || atDeclStart(true)) {
    diags_.error("E0105",
                 "expected \"}\" to close " + kindWord(d.kind) + " " + inQuotes(d.name) + ", found " +
                     describeToken(raw()),
                 k == TokenKind::Eof ? raw().span : d.name_span);
    if (k == TokenKind::Eof) {
      d.end_comments = std::move(t.leading);
    } else {
      pos_ = trivia_pos;  // the comments belong to the next declaration
    }
    return true;
  }
  return false;
}

void Parser::parseBlockBody(Decl& d) {
  while (true) {
    size_t trivia_pos = pos_;
    Trivia t = leadingTrivia();
    if (closeBlock(d, t, trivia_pos)) return;
    size_t before = pos_;
    try {
      TokenKind k = raw().kind;
      if (k == TokenKind::AtAt) {
        Attribute a = parseAttribute();
        a.trivia = std::move(t);
        endMember("attribute @@" + a.name);
        trailingComment(a.trivia);
        d.attrs.push_back(std::move(a));
      } else if (d.kind == DeclKind::Function) {
        unexpected("@@expr(\"...\") in the body of function " + inQuotes(d.name));
      } else if (k == TokenKind::At) {
        fail("E0109",
             "field attributes go on the same line as their field; attributes of the whole " +
                 kindWord(d.kind) + " start with \"@@\"",
             raw().span);
      } else {
        parseFieldMember(d, std::move(t));
      }
    } catch (const SyntaxError&) {
      nesting_ = 0;
      depth_ = 0;
      skipLine();
    }
    if (pos_ == before && raw().kind != TokenKind::RBrace && raw().kind != TokenKind::Eof) ++pos_;
  }
}

void Parser::parseFieldMember(Decl& d, Trivia trivia) {
  if (raw().kind != TokenKind::Ident)
    unexpected("a field name or \"}\" in " + kindWord(d.kind) + " " + inQuotes(d.name));
  Token name = take();
  FieldDecl f;
  f.name = name.text;
  f.name_span = name.span;
  f.trivia = std::move(trivia);
  f.type = parseType("a field type after " + inQuotes(name.text));
  while (raw().kind == TokenKind::At) f.attrs.push_back(parseAttribute());
  if (raw().kind == TokenKind::AtAt) {
    fail("E0109",
         "attributes of the whole " + kindWord(d.kind) + " (\"@@\") go on their own line after the fields",
         raw().span);
  }
  f.span = from(name.span);
  // Several fields may share a line (`id Integer @id  name Text`): a name
  // right after the type and attributes begins the next field. The formatter
  // prints them one per line.
  if (raw().kind != TokenKind::Ident) endMember("field " + inQuotes(f.name));
  trailingComment(f.trivia);
  d.fields.push_back(std::move(f));
}

void Parser::parseEnumBody(Decl& d) {
  while (true) {
    size_t trivia_pos = pos_;
    Trivia t = leadingTrivia();
    if (closeBlock(d, t, trivia_pos)) return;
    size_t before = pos_;
    try {
      if (raw().kind == TokenKind::AtAt) {
        Attribute a = parseAttribute();
        a.trivia = std::move(t);
        endMember("attribute @@" + a.name);
        trailingComment(a.trivia);
        d.attrs.push_back(std::move(a));
      } else {
        if (raw().kind != TokenKind::Ident) unexpected("an enum value or \"}\" in enum " + inQuotes(d.name));
        Token name = take();
        EnumValue v;
        v.name = name.text;
        v.trivia = std::move(t);
        while (raw().kind == TokenKind::At) v.attrs.push_back(parseAttribute());
        v.span = from(name.span);
        accept(TokenKind::Comma);
        if (raw().kind != TokenKind::Ident) {
          if (!atLineEnd()) unexpected("an enum value or \"}\" in enum " + inQuotes(d.name));
          trailingComment(v.trivia);
        }
        d.values.push_back(std::move(v));
      }
    } catch (const SyntaxError&) {
      nesting_ = 0;
      depth_ = 0;
      skipLine();
    }
    if (pos_ == before && raw().kind != TokenKind::RBrace && raw().kind != TokenKind::Eof) ++pos_;
  }
}

void Parser::parseDatabaseBody(Decl& d) {
  while (true) {
    size_t trivia_pos = pos_;
    Trivia t = leadingTrivia();
    if (closeBlock(d, t, trivia_pos)) return;
    size_t before = pos_;
    try {
      if (raw().kind != TokenKind::Ident) {
        unexpected("a setting (path, driver, retention) or \"}\" in database " + inQuotes(d.name));
      }
      Token key = take();
      Setting s;
      s.key = key.text;
      s.key_span = key.span;
      s.trivia = std::move(t);
      if (atLineEnd()) unexpected("a value for setting " + inQuotes(key.text));
      s.value = parseExpr();
      s.span = from(key.span);
      endMember("the value of setting " + inQuotes(key.text));
      if (raw().kind != TokenKind::Semicolon) trailingComment(s.trivia);
      d.settings.push_back(std::move(s));
    } catch (const SyntaxError&) {
      nesting_ = 0;
      depth_ = 0;
      while (raw().kind != TokenKind::Semicolon && raw().kind != TokenKind::Newline &&
             raw().kind != TokenKind::RBrace && raw().kind != TokenKind::Eof) {
        ++pos_;
      }
    }
    if (pos_ == before && raw().kind != TokenKind::RBrace && raw().kind != TokenKind::Eof) ++pos_;
  }
}

}  // namespace detail

File parseFile(uint32_t file_id, std::string_view text, std::string path, Diagnostics& diags) {
  size_t first = diags.list().size();
  std::vector<Token> tokens = lex(file_id, text, diags);
  File file = detail::Parser(file_id, std::move(tokens), diags).parseFile(std::move(path));
  // Lexer errors were reported before the parser's; list them all by position.
  auto& list = diags.list();
  std::stable_sort(list.begin() + static_cast<std::ptrdiff_t>(first), list.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.span.begin < b.span.begin; });
  return file;
}

}  // namespace litestone::schema
