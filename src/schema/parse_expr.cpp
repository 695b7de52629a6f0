#include <string>

#include "schema/parser.hpp"
#include "schema/parser_impl.hpp"

// Attributes, types and expressions. Precedence, lowest first:
//   ||   &&   == != < <= > >=   unary ! -   postfix .name   primary

namespace litestone::schema::detail {
namespace {

// Counts one level of expression nesting for as long as it lives.
class DepthGuard {
 public:
  explicit DepthGuard(int& depth) : depth_(depth) { ++depth_; }
  ~DepthGuard() { --depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

 private:
  int& depth_;
};

// The spelling of a comparison operator token, or "" for any other token.
std::string_view compareOp(TokenKind k) {
  switch (k) {
    case TokenKind::EqEq:
    case TokenKind::NotEq:
    case TokenKind::Lt:
    case TokenKind::Le:
    case TokenKind::Gt:
    case TokenKind::Ge:
      return tokenSpelling(k);
    default:
      return {};
  }
}

Expr binary(std::string op, Expr lhs, Expr rhs) {
  Expr e;
  e.kind = ExprKind::Binary;
  e.text = std::move(op);
  e.span = {lhs.span.file, lhs.span.begin, rhs.span.end};
  e.args.push_back(std::move(lhs));
  e.args.push_back(std::move(rhs));
  return e;
}

}  // namespace

TypeRef Parser::parseType(const std::string& expected) {
  if (cur().kind != TokenKind::Ident) unexpected(expected);
  Token name = take();
  TypeRef t;
  t.name = name.text;
  if (cur().kind == TokenKind::LBracket) {
    take();
    expect(TokenKind::RBracket, "\"]\" after \"" + t.name + "[\" (a list type is written Type[])");
    t.list = true;
  }
  if (cur().kind == TokenKind::Question) {
    take();
    t.optional = true;
  }
  t.span = from(name.span);
  return t;
}

Attribute Parser::parseAttribute() {
  Token at_tok = take();
  Attribute a;
  a.block = at_tok.kind == TokenKind::AtAt;
  std::string sigil = a.block ? "@@" : "@";
  if (raw().kind != TokenKind::Ident) unexpected("an attribute name after \"" + sigil + "\"");
  Token name = take();
  a.name = name.text;
  a.name_span = {file_, at_tok.span.begin, name.span.end};
  if (raw().kind == TokenKind::LParen) {
    size_t open = pos_;
    take();
    a.has_parens = true;
    ++nesting_;
    while (!at(TokenKind::RParen)) {
      Arg arg;
      if (cur().kind == TokenKind::Ident && raw(1).kind == TokenKind::Colon) {
        Token n = take();
        take();
        arg.name = n.text;
        arg.name_span = n.span;
      }
      arg.value = parseExpr();
      a.args.push_back(std::move(arg));
      if (!accept(TokenKind::Comma) && !at(TokenKind::RParen)) {
        unexpected("\",\" or \")\" in the arguments of " + sigil + a.name);
      }
    }
    size_t close = pos_;
    take();
    --nesting_;
    attachArgComments(a, open, close);
  }
  a.span = from(at_tok.span);
  return a;
}

// cur() steps over the comments inside ( ), so they are placed afterwards, by
// position: one after an argument on its line trails it; one inside an
// argument's value, or on lines of its own, leads the next argument; the rest
// come before ")".
void Parser::attachArgComments(Attribute& a, size_t open, size_t close) {
  bool same_line = false;  // no newline since the last token that is not trivia
  bool after_open = true;  // that token is the "("
  for (size_t i = open + 1; i < close; ++i) {
    const Token& k = toks_[i];
    if (k.kind == TokenKind::Newline) {
      same_line = false;
      continue;
    }
    if (k.kind != TokenKind::Comment && k.kind != TokenKind::DocComment) {
      same_line = true;
      after_open = false;
      continue;
    }
    bool doc = k.kind == TokenKind::DocComment;
    Arg* before = nullptr;  // the last argument that ends before the comment
    Arg* next = nullptr;    // the first argument that ends after it
    for (auto& arg : a.args) {
      if (arg.value.span.end <= k.span.begin) {
        before = &arg;
      } else if (!next) {
        next = &arg;
      }
    }
    uint32_t next_begin = !next ? 0 : next->name.empty() ? next->value.span.begin : next->name_span.begin;
    bool inside_next = next && next_begin < k.span.begin;
    if (!inside_next && same_line && !after_open && before && before->trivia.trailing.empty()) {
      before->trivia.trailing = k.text.empty() ? " " : k.text;
      before->trivia.trailing_doc = doc;
    } else if (next) {
      next->trivia.leading.push_back({k.span, k.text, doc, false});
    } else {
      a.end_comments.push_back({k.span, k.text, doc, false});
    }
  }
}

void Parser::enterLevel() {
  if (++depth_ > kMaxExprDepth) {
    fail("E0107", "expression nested too deeply (more than " + std::to_string(kMaxExprDepth) + " levels)",
         cur().span);
  }
}

// Binary chains and member chains build left-deep trees, so each link counts
// as a level too: later code may walk the tree recursively.
Expr Parser::parseExpr() {
  DepthGuard guard(depth_);
  --depth_;
  enterLevel();
  return parseOr();
}

Expr Parser::parseOr() {
  int saved = depth_;
  Expr lhs = parseAnd();
  while (cur().kind == TokenKind::OrOr) {
    enterLevel();
    take();
    lhs = binary("||", std::move(lhs), parseAnd());
  }
  depth_ = saved;
  return lhs;
}

Expr Parser::parseAnd() {
  int saved = depth_;
  Expr lhs = parseCompare();
  while (cur().kind == TokenKind::AndAnd) {
    enterLevel();
    take();
    lhs = binary("&&", std::move(lhs), parseCompare());
  }
  depth_ = saved;
  return lhs;
}

Expr Parser::parseCompare() {
  int saved = depth_;
  Expr lhs = parseUnary();
  for (std::string_view op = compareOp(cur().kind); !op.empty(); op = compareOp(cur().kind)) {
    enterLevel();
    take();
    lhs = binary(std::string(op), std::move(lhs), parseUnary());
  }
  depth_ = saved;
  return lhs;
}

Expr Parser::parseUnary() {
  TokenKind k = cur().kind;
  if (k != TokenKind::Bang && k != TokenKind::Minus) return parsePostfix();
  DepthGuard guard(depth_);
  --depth_;
  enterLevel();
  Token op = take();
  if (k == TokenKind::Minus && (cur().kind == TokenKind::Number || cur().kind == TokenKind::Duration) &&
      cur().span.begin == op.span.end) {
    Token n = take();
    Expr e;
    e.kind = n.kind == TokenKind::Number ? ExprKind::Number : ExprKind::Duration;
    e.text = "-" + n.text;
    e.span = from(op.span);
    return e;
  }
  Expr e;
  e.kind = ExprKind::Unary;
  e.text = k == TokenKind::Bang ? "!" : "-";
  e.args.push_back(parseUnary());
  e.span = {file_, op.span.begin, e.args[0].span.end};
  return e;
}

Expr Parser::parsePostfix() {
  int saved = depth_;
  Expr e = parsePrimary();
  while (cur().kind == TokenKind::Dot) {
    enterLevel();
    take();
    if (cur().kind != TokenKind::Ident) unexpected("a field name after \".\"");
    Token name = take();
    Expr m;
    m.kind = ExprKind::Member;
    m.text = name.text;
    m.span = {file_, e.span.begin, name.span.end};
    m.args.push_back(std::move(e));
    e = std::move(m);
  }
  depth_ = saved;
  return e;
}

void Parser::parseCallArgs(Expr& call) {
  take();  // (
  ++nesting_;
  while (!at(TokenKind::RParen)) {
    std::string name;
    if (cur().kind == TokenKind::Ident && raw(1).kind == TokenKind::Colon) {
      name = take().text;
      take();
    }
    call.args.push_back(parseExpr());
    call.arg_names.push_back(std::move(name));
    if (!accept(TokenKind::Comma) && !at(TokenKind::RParen)) {
      unexpected("\",\" or \")\" in the arguments of " + call.text + "()");
    }
  }
  take();
  --nesting_;
}

Expr Parser::parsePrimary() {
  const Token& t = cur();
  Expr e;
  e.span = t.span;
  switch (t.kind) {
    case TokenKind::Number:
      e.kind = ExprKind::Number;
      e.text = take().text;
      return e;
    case TokenKind::Duration:
      e.kind = ExprKind::Duration;
      e.text = take().text;
      return e;
    case TokenKind::String:
      e.kind = ExprKind::String;
      e.text = take().text;
      return e;
    case TokenKind::Ident: {
      Token name = take();
      e.text = name.text;
      if (name.text == "true" || name.text == "false") {
        e.kind = ExprKind::Bool;
      } else if (name.text == "null") {
        e.kind = ExprKind::Null;
      } else if (cur().kind == TokenKind::LParen) {
        e.kind = ExprKind::Call;
        parseCallArgs(e);
        e.span = from(name.span);
      } else {
        e.kind = ExprKind::Ident;
      }
      return e;
    }
    case TokenKind::LBracket: {
      Token open = take();
      ++nesting_;
      e.kind = ExprKind::Array;
      while (!at(TokenKind::RBracket)) {
        e.args.push_back(parseExpr());
        if (!accept(TokenKind::Comma) && !at(TokenKind::RBracket)) unexpected("\",\" or \"]\" in a list");
      }
      take();
      --nesting_;
      e.span = from(open.span);
      return e;
    }
    case TokenKind::LParen: {
      Token open = take();
      ++nesting_;
      Expr inner = parseExpr();
      expect(TokenKind::RParen, "\")\" to close the \"(\"");
      --nesting_;
      inner.parenthesized = true;
      inner.span = from(open.span);
      return inner;
    }
    default:
      break;
  }
  unexpected("a value (a name, number, string, list or call)");
}

}  // namespace litestone::schema::detail
