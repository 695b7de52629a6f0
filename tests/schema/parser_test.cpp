#include "schema/parser.hpp"

#include <gtest/gtest.h>

#include "parse_helpers.hpp"

namespace litestone::schema {
namespace {

using test::parse;

const Decl& only(const test::Parsed& p) {
  EXPECT_EQ(p.file.decls.size(), 1u) << p.errors();
  return p.file.decls.at(0);
}

std::string slice(const test::Parsed& p, Span s) {
  return p.sources->text(p.id).substr(s.begin, s.end - s.begin);
}

// Expression tree as a compact s-expression, for readable assertions.
std::string tree(const Expr& e) {
  std::string args;
  for (size_t i = 0; i < e.args.size(); ++i) {
    args += " ";
    if (i < e.arg_names.size() && !e.arg_names[i].empty()) args += e.arg_names[i] + ":";
    args += tree(e.args[i]);
  }
  switch (e.kind) {
    case ExprKind::Null:
      return "null";
    case ExprKind::Bool:
    case ExprKind::Number:
    case ExprKind::Duration:
    case ExprKind::Ident:
      return e.text;
    case ExprKind::String:
      return "'" + e.text + "'";
    case ExprKind::Member:
      return "(." + e.text + args + ")";
    case ExprKind::Call:
      return "(call " + e.text + args + ")";
    case ExprKind::Array:
      return "[" + (args.empty() ? args : args.substr(1)) + "]";
    case ExprKind::Unary:
    case ExprKind::Binary:
      return "(" + e.text + args + ")";
  }
  return "?";
}

Expr exprOf(const std::string& src) {
  auto p = parse("model m {\n  @@allow('read', " + src + ")\n}\n");
  EXPECT_FALSE(p.diags.hasErrors()) << p.errors();
  return p.file.decls.at(0).attrs.at(0).args.at(1).value;
}

TEST(ParserTest, EveryFixtureParsesWithoutErrors) {
  auto paths = test::fixturePaths();
  ASSERT_GE(paths.size(), 8u);
  for (const auto& path : paths) {
    auto p = parse(litestone::testing::readFile(path), path);
    EXPECT_TRUE(p.diags.list().empty()) << path << "\n" << p.errors();
    EXPECT_FALSE(p.file.decls.empty()) << path;
  }
}

TEST(ParserTest, EnumValuesOnOneLineAndOnSeveral) {
  auto p = parse("enum Plan { starter  pro enterprise }\nenum Role {\n  admin\n  member @map(\"m\")\n}\n");
  ASSERT_EQ(p.file.decls.size(), 2u) << p.errors();
  const Decl& plan = p.file.decls[0];
  EXPECT_EQ(plan.kind, DeclKind::Enum);
  EXPECT_EQ(plan.name, "Plan");
  ASSERT_EQ(plan.values.size(), 3u);
  EXPECT_EQ(plan.values[2].name, "enterprise");
  EXPECT_EQ(slice(p, plan.values[1].span), "pro");
  const Decl& role = p.file.decls[1];
  ASSERT_EQ(role.values.size(), 2u);
  ASSERT_EQ(role.values[1].attrs.size(), 1u);
  EXPECT_EQ(role.values[1].attrs[0].name, "map");
  EXPECT_EQ(role.values[1].attrs[0].args[0].value.text, "m");
}

TEST(ParserTest, CommentsInsideAttributeArguments) {
  auto p = parse(
      "model m {\n"
      "  a Text @relation( // head\n"
      "    fields: [x, // inner\n"
      "      y], // after fields\n"
      "    // above references\n"
      "    references: [id] // after references\n"
      "    // before close\n"
      "  )\n"
      "}\n");
  ASSERT_TRUE(p.diags.list().empty()) << p.errors();
  const Attribute& a = only(p).fields[0].attrs[0];
  ASSERT_EQ(a.args.size(), 2u);
  std::vector<std::string> lead0;
  for (const auto& c : a.args[0].trivia.leading) lead0.push_back(c.text);
  EXPECT_EQ(lead0, (std::vector<std::string>{"head", "inner"}));
  EXPECT_EQ(a.args[0].trivia.trailing, "after fields");
  ASSERT_EQ(a.args[1].trivia.leading.size(), 1u);
  EXPECT_EQ(a.args[1].trivia.leading[0].text, "above references");
  EXPECT_EQ(a.args[1].trivia.trailing, "after references");
  ASSERT_EQ(a.end_comments.size(), 1u);
  EXPECT_EQ(a.end_comments[0].text, "before close");
  EXPECT_TRUE(a.hasComments());
}

TEST(ParserTest, SeveralFieldsOnOneLine) {
  auto p = parse("model accounts { id Integer @id  name Text?  tags Text[] @default([])  users users[] }\n");
  ASSERT_TRUE(p.diags.list().empty()) << p.errors();
  const Decl& d = only(p);
  std::vector<std::string> names;
  for (const auto& f : d.fields) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"id", "name", "tags", "users"}));
  EXPECT_EQ(d.fields[0].attrs.size(), 1u);
  EXPECT_TRUE(d.fields[1].type.optional);
  EXPECT_TRUE(d.fields[2].type.list);
  EXPECT_EQ(d.fields[2].attrs.size(), 1u);
  EXPECT_EQ(slice(p, d.fields[0].span), "id Integer @id");
  EXPECT_EQ(slice(p, d.fields[3].span), "users users[]");
}

TEST(ParserTest, SeveralFieldsOnOneLineKeepTheTrailingCommentOnTheLast) {
  auto p = parse("model m {\n  a Text  b Text // note\n  c Text\n}\n");
  ASSERT_TRUE(p.diags.list().empty()) << p.errors();
  const Decl& d = only(p);
  ASSERT_EQ(d.fields.size(), 3u);
  EXPECT_EQ(d.fields[0].trivia.trailing, "");
  EXPECT_EQ(d.fields[1].trivia.trailing, "note");
}

TEST(ParserTest, FieldTypesAttributesAndSpans) {
  auto p = parse(
      "model users {\n"
      "  id    Integer @id\n"
      "  tags  Text[]\n"
      "  bio   Text?   @length(1, 50) @trim\n"
      "  team  teams   @relation(fields: [teamId], references: [id], onDelete: Cascade)\n"
      "  files File[]?\n"
      "}\n");
  const Decl& m = only(p);
  EXPECT_EQ(m.kind, DeclKind::Model);
  ASSERT_EQ(m.fields.size(), 5u);
  EXPECT_EQ(m.fields[0].type.name, "Integer");
  EXPECT_FALSE(m.fields[0].type.optional);
  EXPECT_TRUE(m.fields[1].type.list);
  EXPECT_TRUE(m.fields[2].type.optional);
  EXPECT_TRUE(m.fields[4].type.list && m.fields[4].type.optional);
  EXPECT_EQ(slice(p, m.fields[4].type.span), "File[]?");
  EXPECT_EQ(slice(p, m.fields[2].span), "bio   Text?   @length(1, 50) @trim");
  EXPECT_EQ(slice(p, m.fields[2].name_span), "bio");
  const Attribute& len = m.fields[2].attrs[0];
  EXPECT_EQ(slice(p, len.span), "@length(1, 50)");
  EXPECT_EQ(slice(p, len.name_span), "@length");
  EXPECT_TRUE(len.has_parens);
  EXPECT_FALSE(len.block);
  ASSERT_EQ(len.args.size(), 2u);
  EXPECT_EQ(len.args[1].value.kind, ExprKind::Number);
  EXPECT_EQ(len.args[1].value.text, "50");
  EXPECT_FALSE(m.fields[2].attrs[1].has_parens);
  const Attribute& rel = m.fields[3].attrs[0];
  ASSERT_EQ(rel.args.size(), 3u);
  EXPECT_EQ(rel.args[0].name, "fields");
  EXPECT_EQ(slice(p, rel.args[0].name_span), "fields");
  EXPECT_EQ(tree(rel.args[0].value), "[teamId]");
  EXPECT_EQ(rel.args[2].name, "onDelete");
  EXPECT_EQ(rel.args[2].value.kind, ExprKind::Ident);
  EXPECT_EQ(slice(p, m.span), p.sources->text(p.id).substr(0, p.sources->text(p.id).size() - 1));
}

TEST(ParserTest, DefaultValuesOfEveryKind) {
  auto p = parse(
      "model t {\n"
      "  a DateTime @default(now())\n"
      "  b Text @default(\"x\\\"y\")\n"
      "  c Text @default('single')\n"
      "  d Integer @default(-42)\n"
      "  e Real @default(1.5)\n"
      "  f Boolean @default(true)\n"
      "  g Integer @default(auth().id)\n"
      "  h Text @default(title)\n"
      "  i Json? @default(null)\n"
      "}\n");
  const Decl& m = only(p);
  std::vector<std::string> got;
  for (const auto& f : m.fields) got.push_back(tree(f.attrs.at(0).args.at(0).value));
  EXPECT_EQ(got, (std::vector<std::string>{"(call now)", "'x\"y'", "'single'", "-42", "1.5", "true",
                                           "(.id (call auth))", "title", "null"}));
  EXPECT_EQ(m.fields[5].attrs[0].args[0].value.kind, ExprKind::Bool);
  EXPECT_EQ(m.fields[3].attrs[0].args[0].value.kind, ExprKind::Number);
}

TEST(ParserTest, OperatorPrecedence) {
  EXPECT_EQ(tree(exprOf("a == 1 || b && !c")), "(|| (== a 1) (&& b (! c)))");
  EXPECT_EQ(tree(exprOf("a || b || c")), "(|| (|| a b) c)");
  EXPECT_EQ(tree(exprOf("x < 1 && y >= 2 || z != 'q'")), "(|| (&& (< x 1) (>= y 2)) (!= z 'q'))");
  EXPECT_EQ(tree(exprOf("(a || b) && c <= d")), "(&& (|| a b) (<= c d))");
  EXPECT_EQ(tree(exprOf("!!a")), "(! (! a))");
  EXPECT_EQ(tree(exprOf("- x > 3")), "(> (- x) 3)");
}

TEST(ParserTest, CallsMembersAndParentheses) {
  EXPECT_EQ(tree(exprOf("check(project, ownerId == auth().id)")),
            "(call check project (== ownerId (.id (call auth))))");
  EXPECT_EQ(tree(exprOf("a.b.c")), "(.c (.b a))");
  EXPECT_EQ(tree(exprOf("env(\"A\", \"b\")")), "(call env 'A' 'b')");
  EXPECT_EQ(tree(exprOf("f(x: 1, 2)")), "(call f x:1 2)");
  Expr e = exprOf("(a || b) && c");
  EXPECT_FALSE(e.parenthesized);
  EXPECT_TRUE(e.args[0].parenthesized);
  EXPECT_EQ(tree(exprOf("[1, [2, 3], ]")), "[1 [2 3]]");
}

TEST(ParserTest, ExpressionsMaySpanLinesInsideParentheses) {
  auto p = parse("model m {\n  @@allow('read',\n    a == 1 // why\n    || b)\n  id Integer @id\n}\n");
  const Decl& m = only(p);
  ASSERT_EQ(m.attrs.size(), 1u) << p.errors();
  EXPECT_EQ(tree(m.attrs[0].args[1].value), "(|| (== a 1) b)");
  EXPECT_EQ(m.fields.size(), 1u);
}

TEST(ParserTest, ModelAttributes) {
  auto p = parse(
      "model posts {\n  id Integer @id\n\n  @@softDelete(cascade)\n  @@fts([title, body])\n"
      "  @@deny('delete', status == 'published', \"no\")\n  @@db(analytics)\n}\n");
  const Decl& m = only(p);
  ASSERT_EQ(m.attrs.size(), 4u);
  EXPECT_TRUE(m.attrs[0].block);
  EXPECT_EQ(m.attrs[0].name, "softDelete");
  EXPECT_EQ(slice(p, m.attrs[0].name_span), "@@softDelete");
  EXPECT_EQ(tree(m.attrs[1].args[0].value), "[title body]");
  EXPECT_EQ(m.attrs[2].args.size(), 3u);
  EXPECT_EQ(m.attrs[2].args[2].value.text, "no");
  EXPECT_TRUE(m.attrs[0].trivia.blank_before);
}

TEST(ParserTest, DatabaseSettings) {
  auto p = parse(
      "database logs { path \"./logs/\"; driver jsonl; retention 30d }\n"
      "database main {\n  path env(\"MAIN_DB\", \"./app.db\")\n  retention 12h\n}\n");
  ASSERT_EQ(p.file.decls.size(), 2u) << p.errors();
  const Decl& logs = p.file.decls[0];
  EXPECT_EQ(logs.kind, DeclKind::Database);
  ASSERT_EQ(logs.settings.size(), 3u);
  EXPECT_EQ(logs.settings[0].key, "path");
  EXPECT_EQ(logs.settings[0].value.text, "./logs/");
  EXPECT_EQ(logs.settings[1].value.kind, ExprKind::Ident);
  EXPECT_EQ(logs.settings[2].value.kind, ExprKind::Duration);
  EXPECT_EQ(logs.settings[2].value.text, "30d");
  EXPECT_EQ(slice(p, logs.settings[1].span), "driver jsonl");
  const Decl& main = p.file.decls[1];
  ASSERT_EQ(main.settings.size(), 2u);
  EXPECT_EQ(tree(main.settings[0].value), "(call env 'MAIN_DB' './app.db')");
}

TEST(ParserTest, FunctionsImportsTraitsAndTypes) {
  auto p = parse(
      "import \"./enums.lite\"\n"
      "function full(first: Text, last: Text?): Text {\n  @@expr(\"{first} || {last}\")\n}\n"
      "trait Stamped {\n  at DateTime @default(now())\n}\n"
      "type Address {\n  city Text\n}\n");
  ASSERT_EQ(p.file.decls.size(), 4u) << p.errors();
  EXPECT_EQ(p.file.decls[0].kind, DeclKind::Import);
  EXPECT_EQ(p.file.decls[0].name, "./enums.lite");
  EXPECT_EQ(slice(p, p.file.decls[0].name_span), "\"./enums.lite\"");
  const Decl& f = p.file.decls[1];
  EXPECT_EQ(f.kind, DeclKind::Function);
  ASSERT_EQ(f.params.size(), 2u);
  EXPECT_EQ(f.params[1].name, "last");
  EXPECT_TRUE(f.params[1].type.optional);
  EXPECT_EQ(f.return_type.name, "Text");
  ASSERT_EQ(f.attrs.size(), 1u);
  EXPECT_EQ(f.attrs[0].name, "expr");
  EXPECT_EQ(p.file.decls[2].kind, DeclKind::Trait);
  EXPECT_EQ(p.file.decls[3].kind, DeclKind::Type);
  EXPECT_EQ(p.file.decls[3].fields.at(0).name, "city");
}

TEST(ParserTest, StringsAndEscapes) {
  auto p = parse("model m {\n  a Text @regex(\"^\\d+\\.x$\") @default('it\\'s\\n')\n}\n");
  const Decl& m = only(p);
  EXPECT_EQ(m.fields[0].attrs[0].args[0].value.text, "^\\d+\\.x$");
  EXPECT_EQ(m.fields[0].attrs[1].args[0].value.text, "it's\n");
}

TEST(ParserTest, TriviaLeadingBlankTrailingAndEnd) {
  auto p = parse(
      "// header\n\n/// Users of the app.\nmodel users { // the table\n"
      "  id Integer @id // primary\n\n  // contact\n  /// where we write\n  email Text\n"
      "  // last words\n}\n// bye\n");
  const Decl& m = only(p);
  ASSERT_EQ(m.trivia.leading.size(), 2u);
  EXPECT_EQ(m.trivia.leading[0].text, "header");
  EXPECT_FALSE(m.trivia.leading[0].doc);
  EXPECT_TRUE(m.trivia.leading[0].blank_after);
  EXPECT_TRUE(m.trivia.leading[1].doc);
  EXPECT_EQ(m.trivia.leading[1].text, "Users of the app.");
  EXPECT_EQ(m.trivia.trailing, "the table");
  EXPECT_EQ(m.fields[0].trivia.trailing, "primary");
  const Trivia& t = m.fields[1].trivia;
  EXPECT_TRUE(t.blank_before);
  ASSERT_EQ(t.leading.size(), 2u);
  EXPECT_EQ(t.leading[0].text, "contact");
  EXPECT_TRUE(t.leading[1].doc);
  ASSERT_EQ(m.end_comments.size(), 1u);
  EXPECT_EQ(m.end_comments[0].text, "last words");
  ASSERT_EQ(p.file.end_comments.size(), 1u);
  EXPECT_EQ(p.file.end_comments[0].text, "bye");
  EXPECT_EQ(slice(p, p.file.end_comments[0].span), "// bye");
}

// ---- syntax errors -----------------------------------------------------------

struct Expected {
  std::string code;
  std::string message;
  uint32_t line;
  uint32_t column;
  std::string spanned;  // the source text under the span
};

void expectErrors(const std::string& src, const std::vector<Expected>& want) {
  auto p = parse(src);
  const auto& got = p.diags.list();
  ASSERT_EQ(got.size(), want.size()) << p.errors();
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(want[i].message);
    EXPECT_EQ(got[i].code, want[i].code);
    EXPECT_EQ(got[i].message, want[i].message);
    LineCol lc = p.at(got[i]);
    EXPECT_EQ(lc.line, want[i].line);
    EXPECT_EQ(lc.column, want[i].column);
    EXPECT_EQ(slice(p, got[i].span), want[i].spanned);
  }
}

TEST(ParserErrorTest, MissingFieldType) {
  expectErrors("model users {\n  email @unique\n}\n",
               {{"E0101", "expected a field type after \"email\", found \"@\"", 2, 9, "@"}});
}

TEST(ParserErrorTest, MissingFieldTypeAtEndOfLine) {
  expectErrors("model users {\n  email\n}\n",
               {{"E0101", "expected a field type after \"email\", found end of line", 2, 8, "\n"}});
}

TEST(ParserErrorTest, UnterminatedString) {
  expectErrors("model m {\n  a Text @default(\"abc)\n}\n",
               {{"E0102", "unterminated string: add a closing \"", 2, 19, "\"abc)"}});
}

TEST(ParserErrorTest, UnexpectedCharacter) {
  expectErrors("model m {\n  a Text # note\n}\n", {{"E0103", "unexpected character \"#\"", 2, 10, "#"}});
}

TEST(ParserErrorTest, SingleEqualsSuggestsDoubleEquals) {
  expectErrors("model m {\n  @@allow('read', a = 1)\n}\n",
               {{"E0103", "unexpected \"=\": compare with \"==\"; attribute arguments use \"name: value\"", 2,
                 21, "="}});
}

TEST(ParserErrorTest, UnclosedBlockAtEndOfFile) {
  expectErrors("model m {\n  a Text\n",
               {{"E0105", "expected \"}\" to close model \"m\", found end of file", 3, 1, ""}});
}

TEST(ParserErrorTest, UnclosedBlockBeforeNextDeclarationKeepsParsing) {
  auto p = parse("model a {\n  x Int\n\n// next\nmodel b {\n  y Int\n}\n");
  ASSERT_EQ(p.diags.list().size(), 1u) << p.errors();
  EXPECT_EQ(p.diags.list()[0].code, "E0105");
  EXPECT_EQ(p.diags.list()[0].message, "expected \"}\" to close model \"a\", found \"model\"");
  EXPECT_EQ(slice(p, p.diags.list()[0].span), "a");
  ASSERT_EQ(p.file.decls.size(), 2u);
  EXPECT_EQ(p.file.decls[1].name, "b");
  EXPECT_EQ(p.file.decls[1].trivia.leading.at(0).text, "next");
  EXPECT_EQ(p.file.decls[1].fields.at(0).name, "y");
}

TEST(ParserErrorTest, InvalidNumber) {
  expectErrors("database d { retention 12abc }\n", {{"E0106",
                                                     "invalid number \"12abc\": a duration is a whole number "
                                                     "followed by ms, s, m, h, d, w or y (e.g. 30d)",
                                                     1, 24, "12abc"}});
}

TEST(ParserErrorTest, ExpressionNestedTooDeeply) {
  std::string deep(300, '(');
  auto p = parse("model m {\n  @@allow('read', " + deep + "a" + std::string(300, ')') +
                 ")\n  id Integer @id\n}\n");
  ASSERT_EQ(p.diags.list().size(), 1u) << p.errors();
  EXPECT_EQ(p.diags.list()[0].code, "E0107");
  EXPECT_EQ(p.diags.list()[0].message, "expression nested too deeply (more than 200 levels)");
  EXPECT_EQ(p.at(p.diags.list()[0]).line, 2u);
  EXPECT_EQ(p.file.decls.at(0).fields.size(), 1u);
}

TEST(ParserErrorTest, LongOperatorChainCountsAsNesting) {
  std::string chain = "a";
  for (int i = 0; i < 300; ++i) chain += " || a";
  auto p = parse("model m {\n  @@allow('read', " + chain + ")\n}\n");
  ASSERT_EQ(p.diags.list().size(), 1u) << p.errors();
  EXPECT_EQ(p.diags.list()[0].code, "E0107");
  std::string ok = "a";
  for (int i = 0; i < 150; ++i) ok += ".b";
  EXPECT_FALSE(parse("model m {\n  @@allow('read', " + ok + " == 1)\n}\n").diags.hasErrors());
}

TEST(ParserErrorTest, UnknownDeclarationKeyword) {
  expectErrors(
      "modle users {\n  id Integer @id\n}\nenum E { a }\n",
      {{"E0108",
        "expected a declaration (model, enum, type, trait, function, database or import), found \"modle\"", 1,
        1, "modle"}});
}

TEST(ParserErrorTest, FieldAttributeOnItsOwnLine) {
  expectErrors(
      "model m {\n  id Integer\n    @id\n}\n",
      {{"E0109",
        "field attributes go on the same line as their field; attributes of the whole model start with "
        "\"@@\"",
        3, 5, "@"}});
}

TEST(ParserErrorTest, BlockAttributeOnAFieldLine) {
  expectErrors("model m {\n  id Integer @id @@map(\"x\")\n}\n",
               {{"E0109", "attributes of the whole model (\"@@\") go on their own line after the fields", 2,
                 18, "@@"}});
}

TEST(ParserErrorTest, UnclosedAttributeArguments) {
  expectErrors("model m {\n  a DateTime @default(now()\n  b Text\n}\n",
               {{"E0101", "expected \",\" or \")\" in the arguments of @default, found \"b\"", 3, 3, "b"}});
}

TEST(ParserErrorTest, MissingModelName) {
  expectErrors("model {\n  a Text\n}\nmodel ok {\n  id Integer @id\n}\n",
               {{"E0101", "expected a name after \"model\", found \"{\"", 1, 7, "{"}});
}

TEST(ParserErrorTest, BadEnumValue) {
  expectErrors("enum E { a 1 b }\n",
               {{"E0101", "expected an enum value or \"}\" in enum \"E\", found \"1\"", 1, 12, "1"}});
}

TEST(ParserErrorTest, SettingWithoutValue) {
  expectErrors("database d {\n  path\n  driver jsonl\n}\n",
               {{"E0101", "expected a value for setting \"path\", found end of line", 2, 7, "\n"}});
}

TEST(ParserErrorTest, FunctionWithoutReturnType) {
  expectErrors("function f(a: Text) {\n  @@expr(\"{a}\")\n}\n",
               {{"E0101", "expected \":\" and the return type of function \"f\", found \"{\"", 1, 21, "{"}});
}

TEST(ParserErrorTest, ExtraTokensAfterField) {
  expectErrors("model m {\n  a Text 1\n}\n",
               {{"E0101", "expected end of line after field \"a\", found \"1\"", 2, 10, "1"}});
}

// A name after a field begins the next field on the same line, so a lone
// word is a field without a type.
TEST(ParserErrorTest, NameAfterFieldIsAFieldWithoutType) {
  expectErrors("model m {\n  a Text b\n}\n",
               {{"E0101", "expected a field type after \"b\", found end of line", 2, 11, "\n"}});
}

TEST(ParserErrorTest, MissingValueInExpression) {
  expectErrors(
      "model m {\n  @@allow('read', a == )\n}\n",
      {{"E0101", "expected a value (a name, number, string, list or call), found \")\"", 2, 24, ")"}});
}

TEST(ParserErrorTest, ReportsEveryErrorInOneRun) {
  auto p = parse(
      "model users {\n"
      "  id Integer @id\n"
      "  email @unique\n"
      "  name Text @default(\n"
      "}\n"
      "enum Role { admin # }\n"
      "model posts {\n"
      "  title Text @length(1,)\n"
      "  body Text @@fts\n"
      "  ok Text\n"
      "}\n");
  std::vector<uint32_t> lines;
  std::vector<std::string> codes;
  for (const auto& d : p.diags.list()) {
    lines.push_back(p.at(d).line);
    codes.push_back(d.code);
  }
  EXPECT_EQ(lines, (std::vector<uint32_t>{3, 5, 6, 9})) << p.errors();
  EXPECT_EQ(codes, (std::vector<std::string>{"E0101", "E0101", "E0103", "E0109"})) << p.errors();
  ASSERT_EQ(p.file.decls.size(), 3u);
  EXPECT_EQ(p.file.decls[0].fields.size(), 1u);
  EXPECT_EQ(p.file.decls[2].fields.size(), 2u);
}

TEST(ParserErrorTest, HostileInputNeverHangsOrCrashes) {
  const std::vector<std::string> inputs = {"",
                                           "}",
                                           "{{{{",
                                           "model",
                                           "model x",
                                           "model x {",
                                           "@@",
                                           "model x { @@ }",
                                           "enum {",
                                           "database d { path ",
                                           "function f(",
                                           "function f(a:",
                                           "import",
                                           "model m { a Text @x(((((( }",
                                           std::string(1000, '!'),
                                           "model m { @@allow('r', " + std::string(5000, '[') + " }",
                                           std::string("\0\xff\xfe", 3),
                                           "'''",
                                           "\"\\",
                                           "model m { a b @c(d: e: f) }"};
  for (const auto& in : inputs) {
    auto p = parse(in);
    (void)p;
  }
  SUCCEED();
}

}  // namespace
}  // namespace litestone::schema
