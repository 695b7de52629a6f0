#include "schema/lexer.hpp"

#include <gtest/gtest.h>

namespace litestone::schema {
namespace {

std::vector<TokenKind> kinds(std::string_view text, Diagnostics* out = nullptr) {
  Diagnostics diags;
  std::vector<TokenKind> k;
  for (const auto& t : lex(0, text, diags)) k.push_back(t.kind);
  if (out) *out = diags;
  return k;
}

TEST(LexerTest, Punctuation) {
  using K = TokenKind;
  EXPECT_EQ(kinds("{ } ( ) [ ] , : ; ? . @ @@ ! == != < <= > >= && || -"),
            (std::vector<K>{K::LBrace, K::RBrace, K::LParen,    K::RParen,   K::LBracket, K::RBracket,
                            K::Comma,  K::Colon,  K::Semicolon, K::Question, K::Dot,      K::At,
                            K::AtAt,   K::Bang,   K::EqEq,      K::NotEq,    K::Lt,       K::Le,
                            K::Gt,     K::Ge,     K::AndAnd,    K::OrOr,     K::Minus,    K::Eof}));
}

TEST(LexerTest, LiteralsAndSpans) {
  Diagnostics diags;
  auto toks = lex(3, "id 42 1.5 30d 500ms \"a\\tb\" 'c'", diags);
  ASSERT_EQ(toks.size(), 8u);
  EXPECT_EQ(toks[0].kind, TokenKind::Ident);
  EXPECT_EQ(toks[1].kind, TokenKind::Number);
  EXPECT_EQ(toks[2].text, "1.5");
  EXPECT_EQ(toks[3].kind, TokenKind::Duration);
  EXPECT_EQ(toks[3].text, "30d");
  EXPECT_EQ(toks[4].kind, TokenKind::Duration);
  EXPECT_EQ(toks[5].kind, TokenKind::String);
  EXPECT_EQ(toks[5].text, "a\tb");
  EXPECT_EQ(toks[5].span.begin, 20u);
  EXPECT_EQ(toks[5].span.end, 26u);
  EXPECT_EQ(toks[5].span.file, 3u);
  EXPECT_EQ(toks[6].text, "c");
  EXPECT_TRUE(diags.list().empty());
}

TEST(LexerTest, CommentsAndNewlines) {
  Diagnostics diags;
  auto toks = lex(0, "a // note  \n/// doc\n//// rule\n", diags);
  ASSERT_EQ(toks.size(), 8u);
  EXPECT_EQ(toks[1].kind, TokenKind::Comment);
  EXPECT_EQ(toks[1].text, "note");
  EXPECT_EQ(toks[2].kind, TokenKind::Newline);
  EXPECT_EQ(toks[3].kind, TokenKind::DocComment);
  EXPECT_EQ(toks[3].text, "doc");
  EXPECT_EQ(toks[5].kind, TokenKind::Comment);
  EXPECT_EQ(toks[5].text, "// rule");
}

TEST(LexerTest, BadInputBecomesErrorTokens) {
  Diagnostics diags;
  auto k = kinds("a $$$ b \"open", &diags);
  EXPECT_EQ(k, (std::vector<TokenKind>{TokenKind::Ident, TokenKind::Error, TokenKind::Ident, TokenKind::Error,
                                       TokenKind::Eof}));
  ASSERT_EQ(diags.list().size(), 2u);  // one for the run of "$", one for the string
  EXPECT_EQ(diags.list()[0].code, "E0103");
  EXPECT_EQ(diags.list()[1].code, "E0102");
}

TEST(LexerTest, Utf8OutsideStringsIsOneError) {
  Diagnostics diags;
  auto toks = lex(0, "\xC3\xA9 \"\xC3\xA9\"", diags);
  ASSERT_EQ(diags.list().size(), 1u);
  EXPECT_EQ(diags.list()[0].span.end - diags.list()[0].span.begin, 2u);
  EXPECT_EQ(toks[1].text, "\xC3\xA9");
}

}  // namespace
}  // namespace litestone::schema
