#include "migrate/sql_text.hpp"

#include <cctype>

namespace litestone::migrate {

namespace {

bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

bool isSimpleIdent(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!isWordChar(c)) return false;
  return true;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Length of the quoted token starting at sql[i] (which is the opening quote).
size_t quotedLength(std::string_view sql, size_t i) {
  char close = sql[i] == '[' ? ']' : sql[i];
  size_t j = i + 1;
  while (j < sql.size()) {
    if (sql[j] == close) {
      if (close != ']' && j + 1 < sql.size() && sql[j + 1] == close) {
        j += 2;
        continue;
      }
      return j + 1 - i;
    }
    ++j;
  }
  return sql.size() - i;
}

// Unquoted text of an identifier token.
std::string unquote(std::string_view tok) {
  if (tok.size() >= 2 && (tok[0] == '"' || tok[0] == '`' || tok[0] == '[' || tok[0] == '\'')) {
    char close = tok[0] == '[' ? ']' : tok[0];
    std::string out;
    for (size_t i = 1; i + 1 < tok.size(); ++i) {
      out += tok[i];
      if (tok[i] == close && close != ']' && i + 2 < tok.size() && tok[i + 1] == close) ++i;
    }
    return out;
  }
  return std::string(tok);
}

// Splits the text between the outer parentheses at top-level commas.
std::vector<std::string> splitTopLevel(std::string_view body) {
  std::vector<std::string> parts;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '"' || c == '\'' || c == '`' || c == '[') {
      i += quotedLength(body, i) - 1;
    } else if (c == '-' && i + 1 < body.size() && body[i + 1] == '-') {
      while (i < body.size() && body[i] != '\n') ++i;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == ',' && depth == 0) {
      parts.emplace_back(body.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.emplace_back(body.substr(start));
  for (auto& p : parts) {
    size_t b = p.find_first_not_of(" \t\r\n");
    size_t e = p.find_last_not_of(" \t\r\n");
    p = b == std::string::npos ? "" : p.substr(b, e - b + 1);
  }
  return parts;
}

// Byte offsets of the first token after CREATE [TEMP] TABLE [IF NOT EXISTS].
struct NameSpan {
  size_t begin = 0;
  size_t end = 0;
};

NameSpan tableNameSpan(std::string_view sql) {
  size_t i = 0;
  int words = 0;
  while (i < sql.size()) {
    while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
    size_t b = i;
    if (i < sql.size() && (sql[i] == '"' || sql[i] == '`' || sql[i] == '[' || sql[i] == '\'')) {
      i += quotedLength(sql, i);
    } else {
      while (i < sql.size() && isWordChar(sql[i])) ++i;
    }
    if (i == b) return {b, b};
    auto word = upper(sql.substr(b, i - b));
    ++words;
    bool keyword = word == "CREATE" || word == "TABLE" || word == "TEMP" || word == "TEMPORARY" ||
                   word == "VIRTUAL" || ((word == "IF" || word == "NOT" || word == "EXISTS") && words > 2);
    if (!keyword || sql[b] == '"' || sql[b] == '`' || sql[b] == '[') return {b, i};
  }
  return {i, i};
}

}  // namespace

std::vector<std::string> tokenize(std::string_view sql) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      auto end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 2;
    } else if (c == '"' || c == '\'' || c == '`' || c == '[') {
      size_t n = quotedLength(sql, i);
      out.emplace_back(sql.substr(i, n));
      i += n;
    } else if (isWordChar(c) ||
               (c == '.' && i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1])))) {
      size_t b = i;
      while (i < sql.size() && (isWordChar(sql[i]) || sql[i] == '.')) {
        // A dot separates schema.table unless it sits inside a number.
        if (sql[i] == '.' && !std::isdigit(static_cast<unsigned char>(sql[b]))) break;
        ++i;
      }
      out.emplace_back(sql.substr(b, i - b));
    } else {
      // Two-character operators stay together.
      static constexpr std::string_view kPairs[] = {"<=", ">=", "<>", "!=", "==", "||", "<<", ">>"};
      size_t n = 1;
      for (auto p : kPairs)
        if (sql.substr(i, 2) == p) n = 2;
      out.emplace_back(sql.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string normalize(std::string_view sql) {
  std::string out;
  for (auto& tok : tokenize(sql)) {
    std::string t;
    if (tok[0] == '\'') {
      t = tok;
    } else if (tok[0] == '"' || tok[0] == '`' || tok[0] == '[') {
      auto name = unquote(tok);
      t = isSimpleIdent(name) ? upper(name) : quoteIdent(upper(name));
    } else {
      t = upper(tok);
    }
    bool tight = t == "(" || t == ")" || t == "," || t == "." ||
                 (!out.empty() && (out.back() == '(' || out.back() == '.'));
    if (!out.empty() && !tight) out += ' ';
    out += t;
  }
  return out;
}

CreateTableParts parseCreateTable(std::string_view sql) {
  CreateTableParts parts;
  auto span = tableNameSpan(sql);
  parts.name = unquote(sql.substr(span.begin, span.end - span.begin));
  size_t open = sql.find('(', span.end);
  if (open == std::string_view::npos) return parts;
  // Find the matching close parenthesis.
  int depth = 0;
  size_t close = sql.size();
  for (size_t i = open; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '"' || c == '\'' || c == '`' || c == '[') {
      i += quotedLength(sql, i) - 1;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      close = i;
      break;
    }
  }
  for (auto& part : splitTopLevel(sql.substr(open + 1, close - open - 1))) {
    if (part.empty()) continue;
    auto toks = tokenize(part);
    auto first = toks.empty() ? std::string() : upper(toks[0]);
    bool is_constraint = toks[0][0] != '"' && (first == "CONSTRAINT" || first == "PRIMARY" ||
                                               first == "UNIQUE" || first == "CHECK" || first == "FOREIGN");
    if (is_constraint) {
      parts.constraints.push_back(part);
    } else {
      parts.columns.push_back(part);
      parts.column_names.push_back(unquote(toks[0]));
    }
  }
  if (close < sql.size()) {
    auto rest = sql.substr(close + 1);
    size_t b = rest.find_first_not_of(" \t\r\n");
    parts.options = b == std::string_view::npos ? "" : std::string(rest.substr(b));
  }
  return parts;
}

std::string renameCreateTable(std::string_view sql, std::string_view new_name) {
  auto span = tableNameSpan(sql);
  std::string out(sql.substr(0, span.begin));
  out += quoteIdent(new_name);
  out += sql.substr(span.end);
  return out;
}

}  // namespace litestone::migrate
