#include "schema/lexer.hpp"

namespace litestone::schema {
namespace {

bool isIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isIdentChar(char c) { return isIdentStart(c) || isDigit(c); }

bool isDurationUnit(std::string_view u) {
  return u == "ms" || u == "s" || u == "m" || u == "h" || u == "d" || u == "w" || u == "y";
}

class Lexer {
 public:
  Lexer(uint32_t file, std::string_view text, Diagnostics& diags) : file_(file), text_(text), diags_(diags) {}

  std::vector<Token> run() {
    while (pos_ < text_.size()) next();
    push(TokenKind::Eof, static_cast<uint32_t>(text_.size()), "");
    return std::move(out_);
  }

 private:
  Span span(size_t begin, size_t end) const {
    return {file_, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
  }
  void push(TokenKind kind, size_t begin, std::string text) {
    out_.push_back({kind, span(begin, pos_), std::move(text)});
  }
  char at(size_t i) const { return i < text_.size() ? text_[i] : '\0'; }

  void next() {
    size_t begin = pos_;
    char c = text_[pos_];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      ++pos_;
      return;
    }
    if (c == '\n') {
      ++pos_;
      push(TokenKind::Newline, begin, "");
      return;
    }
    if (c == '/' && at(pos_ + 1) == '/') return comment();
    if (isIdentStart(c)) {
      while (pos_ < text_.size() && isIdentChar(text_[pos_])) ++pos_;
      push(TokenKind::Ident, begin, std::string(text_.substr(begin, pos_ - begin)));
      return;
    }
    if (isDigit(c)) return number();
    if (c == '"' || c == '\'') return string(c);
    punct();
  }

  void comment() {
    size_t begin = pos_;
    bool doc = at(pos_ + 2) == '/' && at(pos_ + 3) != '/';
    pos_ += doc ? 3 : 2;
    size_t body = pos_;
    while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
    std::string_view t = text_.substr(body, pos_ - body);
    if (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r')) t.remove_suffix(1);
    push(doc ? TokenKind::DocComment : TokenKind::Comment, begin, std::string(t));
  }

  void number() {
    size_t begin = pos_;
    while (isDigit(at(pos_))) ++pos_;
    bool real = false;
    if (at(pos_) == '.' && isDigit(at(pos_ + 1))) {
      real = true;
      ++pos_;
      while (isDigit(at(pos_))) ++pos_;
    }
    if (isIdentChar(at(pos_))) {
      size_t unit = pos_;
      while (isIdentChar(at(pos_))) ++pos_;
      std::string_view u = text_.substr(unit, pos_ - unit);
      std::string whole(text_.substr(begin, pos_ - begin));
      if (!real && isDurationUnit(u)) {
        push(TokenKind::Duration, begin, whole);
        return;
      }
      diags_.error("E0106",
                   "invalid number \"" + whole +
                       "\": a duration is a whole number followed by ms, s, m, h, d, w or y (e.g. 30d)",
                   span(begin, pos_));
      push(TokenKind::Error, begin, whole);
      return;
    }
    push(TokenKind::Number, begin, std::string(text_.substr(begin, pos_ - begin)));
  }

  void string(char quote) {
    size_t begin = pos_++;
    std::string value;
    while (true) {
      if (pos_ >= text_.size() || text_[pos_] == '\n') {
        diags_.error("E0102", "unterminated string: add a closing " + std::string(1, quote),
                     span(begin, pos_));
        push(TokenKind::Error, begin, value);
        return;
      }
      char c = text_[pos_];
      if (c == quote) {
        ++pos_;
        break;
      }
      if (c == '\\' && pos_ + 1 < text_.size()) {
        char e = text_[pos_ + 1];
        char decoded = 0;
        switch (e) {
          case 'n':
            decoded = '\n';
            break;
          case 't':
            decoded = '\t';
            break;
          case 'r':
            decoded = '\r';
            break;
          case '\\':
            decoded = '\\';
            break;
          case '"':
            decoded = '"';
            break;
          case '\'':
            decoded = '\'';
            break;
          default:
            break;
        }
        if (decoded != 0) {
          value += decoded;
          pos_ += 2;
          continue;
        }
        // Unknown escapes (regex patterns such as \d) keep their backslash.
      }
      value += c;
      ++pos_;
    }
    push(TokenKind::String, begin, std::move(value));
  }

  void punct() {
    size_t begin = pos_;
    char c = text_[pos_];
    char n = at(pos_ + 1);
    auto two = [&](TokenKind k) {
      pos_ += 2;
      push(k, begin, "");
    };
    auto one = [&](TokenKind k) {
      pos_ += 1;
      push(k, begin, "");
    };
    switch (c) {
      case '{':
        return one(TokenKind::LBrace);
      case '}':
        return one(TokenKind::RBrace);
      case '(':
        return one(TokenKind::LParen);
      case ')':
        return one(TokenKind::RParen);
      case '[':
        return one(TokenKind::LBracket);
      case ']':
        return one(TokenKind::RBracket);
      case ',':
        return one(TokenKind::Comma);
      case ':':
        return one(TokenKind::Colon);
      case ';':
        return one(TokenKind::Semicolon);
      case '?':
        return one(TokenKind::Question);
      case '.':
        return one(TokenKind::Dot);
      case '-':
        return one(TokenKind::Minus);
      case '@':
        return n == '@' ? two(TokenKind::AtAt) : one(TokenKind::At);
      case '!':
        return n == '=' ? two(TokenKind::NotEq) : one(TokenKind::Bang);
      case '<':
        return n == '=' ? two(TokenKind::Le) : one(TokenKind::Lt);
      case '>':
        return n == '=' ? two(TokenKind::Ge) : one(TokenKind::Gt);
      case '=':
        if (n == '=') return two(TokenKind::EqEq);
        return bad(1, "unexpected \"=\": compare with \"==\"; attribute arguments use \"name: value\"");
      case '&':
        if (n == '&') return two(TokenKind::AndAnd);
        return bad(1, "unexpected \"&\": did you mean \"&&\"?");
      case '|':
        if (n == '|') return two(TokenKind::OrOr);
        return bad(1, "unexpected \"|\": did you mean \"||\"?");
      default:
        break;
    }
    unsigned char u = static_cast<unsigned char>(c);
    size_t len = 1;
    if (u >= 0xC0) len = u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : 2;
    len = std::min(len, text_.size() - pos_);
    std::string shown(text_.substr(pos_, len));
    if (u < 0x20 || u == 0x7F)
      shown = "\\x" + std::string(1, "0123456789abcdef"[u >> 4]) + "0123456789abcdef"[u & 15];
    bad(len, "unexpected character \"" + shown + "\"");
  }

  void bad(size_t len, std::string message) {
    size_t begin = pos_;
    pos_ += len;
    // Collapse a run of bad bytes into one diagnostic.
    if (!out_.empty() && out_.back().kind == TokenKind::Error && out_.back().span.end == begin &&
        out_.back().text == "?") {
      out_.back().span.end = static_cast<uint32_t>(pos_);
      return;
    }
    diags_.error("E0103", std::move(message), span(begin, pos_));
    push(TokenKind::Error, begin, "?");
  }

  uint32_t file_;
  std::string_view text_;
  Diagnostics& diags_;
  size_t pos_ = 0;
  std::vector<Token> out_;
};

}  // namespace

std::vector<Token> lex(uint32_t file, std::string_view text, Diagnostics& diags) {
  return Lexer(file, text, diags).run();
}

std::string_view tokenSpelling(TokenKind kind) {
  switch (kind) {
    case TokenKind::LBrace:
      return "{";
    case TokenKind::RBrace:
      return "}";
    case TokenKind::LParen:
      return "(";
    case TokenKind::RParen:
      return ")";
    case TokenKind::LBracket:
      return "[";
    case TokenKind::RBracket:
      return "]";
    case TokenKind::Comma:
      return ",";
    case TokenKind::Colon:
      return ":";
    case TokenKind::Semicolon:
      return ";";
    case TokenKind::Question:
      return "?";
    case TokenKind::Dot:
      return ".";
    case TokenKind::At:
      return "@";
    case TokenKind::AtAt:
      return "@@";
    case TokenKind::Bang:
      return "!";
    case TokenKind::Minus:
      return "-";
    case TokenKind::EqEq:
      return "==";
    case TokenKind::NotEq:
      return "!=";
    case TokenKind::Lt:
      return "<";
    case TokenKind::Le:
      return "<=";
    case TokenKind::Gt:
      return ">";
    case TokenKind::Ge:
      return ">=";
    case TokenKind::AndAnd:
      return "&&";
    case TokenKind::OrOr:
      return "||";
    default:
      return "";
  }
}

std::string describeToken(const Token& t) {
  switch (t.kind) {
    case TokenKind::Ident:
    case TokenKind::Number:
    case TokenKind::Duration:
      return "\"" + t.text + "\"";
    case TokenKind::String:
      return "a string";
    case TokenKind::Comment:
    case TokenKind::DocComment:
      return "a comment";
    case TokenKind::Newline:
      return "end of line";
    case TokenKind::Eof:
      return "end of file";
    case TokenKind::Error:
      return "invalid text";
    default:
      return "\"" + std::string(tokenSpelling(t.kind)) + "\"";
  }
}

}  // namespace litestone::schema
