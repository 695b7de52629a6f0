#include "schema/format.hpp"

#include <gtest/gtest.h>

#include "parse_helpers.hpp"

namespace litestone::schema {
namespace {

using test::parse;

std::string formatted(const std::string& text) {
  auto p = parse(text);
  EXPECT_TRUE(p.diags.list().empty()) << p.errors();
  return format(p.file);
}

// Everything that carries meaning, without spans or layout.
std::string meaning(const File& f) {
  std::string out;
  for (const auto& d : f.decls) {
    out += std::to_string(static_cast<int>(d.kind)) + " " + d.name + "\n";
    for (const auto& p : d.params)
      out += " param " + p.name + ":" + p.type.name + (p.type.optional ? "?" : "") + "\n";
    out += " returns " + d.return_type.name + "\n";
    for (const auto& x : d.fields) {
      out +=
          " field " + x.name + " " + x.type.name + (x.type.list ? "[]" : "") + (x.type.optional ? "?" : "");
      for (const auto& a : x.attrs) out += " " + formatAttribute(a);
      out += "\n";
    }
    for (const auto& v : d.values) out += " value " + v.name + "\n";
    for (const auto& s : d.settings) out += " setting " + s.key + " " + formatExpr(s.value) + "\n";
    for (const auto& a : d.attrs) out += " attr " + formatAttribute(a) + "\n";
  }
  return out;
}

std::vector<std::string> allComments(const File& f) {
  std::vector<std::string> out;
  auto add = [&](const Trivia& t) {
    for (const auto& c : t.leading) out.push_back(c.text);
    if (!t.trailing.empty()) out.push_back(t.trailing);
  };
  for (const auto& d : f.decls) {
    add(d.trivia);
    for (const auto& x : d.fields) add(x.trivia);
    for (const auto& v : d.values) add(v.trivia);
    for (const auto& s : d.settings) add(s.trivia);
    for (const auto& a : d.attrs) add(a.trivia);
    auto add_args = [&](const Attribute& a) {
      for (const auto& arg : a.args) add(arg.trivia);
      for (const auto& c : a.end_comments) out.push_back(c.text);
    };
    for (const auto& x : d.fields)
      for (const auto& a : x.attrs) add_args(a);
    for (const auto& v : d.values)
      for (const auto& a : v.attrs) add_args(a);
    for (const auto& a : d.attrs) add_args(a);
    for (const auto& c : d.end_comments) out.push_back(c.text);
  }
  for (const auto& c : f.end_comments) out.push_back(c.text);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(FormatTest, GoldenOutputForMessyInput) {
  const std::string messy =
      "//   Shop schema\n"
      "import './enums.lite'\n"
      "import \"./more.lite\"\n\n\n\n"
      "enum Plan { free  pro // paid\n  team }\n"
      "database logs { path \"./logs/\"; driver jsonl; retention 30d }\n"
      "function kebab(v:Text):Text{ @@expr('lower({v})') }\n"
      "///  A customer.\n"
      "model customers {   // main table\n"
      "    @@index([email,plan])\n"
      "  id Integer @id\n"
      "  email     Text @unique   @email\n\n\n\n"
      "  // billing\n"
      "  plan Plan @default(free)\n"
      "  nick Text?\n"
      "  tags Text[]\n"
      "   @@allow('read',(id==auth().id||auth().role=='admin')&&!blocked)\n"
      "  // end of customers\n"
      "}\n"
      "model empty {}\n"
      "// the end\n";
  const std::string golden =
      "//   Shop schema\n"
      "import \"./enums.lite\"\n"
      "import \"./more.lite\"\n"
      "\n"
      "enum Plan {\n"
      "  free\n"
      "  pro // paid\n"
      "  team\n"
      "}\n"
      "\n"
      "database logs {\n"
      "  path      \"./logs/\"\n"
      "  driver    jsonl\n"
      "  retention 30d\n"
      "}\n"
      "\n"
      "function kebab(v: Text): Text {\n"
      "  @@expr(\"lower({v})\")\n"
      "}\n"
      "\n"
      "///  A customer.\n"
      "model customers { // main table\n"
      "  id    Integer @id\n"
      "  email Text    @unique @email\n"
      "\n"
      "  // billing\n"
      "  plan  Plan    @default(free)\n"
      "  nick  Text?\n"
      "  tags  Text[]\n"
      "\n"
      "  @@index([email, plan])\n"
      "  @@allow(\"read\", (id == auth().id || auth().role == \"admin\") && !blocked)\n"
      "  // end of customers\n"
      "}\n"
      "\n"
      "model empty {}\n"
      "\n"
      "// the end\n";
  EXPECT_EQ(formatted(messy), golden);
  EXPECT_EQ(formatted(golden), golden);
}

TEST(FormatTest, IdempotentAndMeaningPreservingOnEveryFixture) {
  for (const auto& path : test::fixturePaths()) {
    SCOPED_TRACE(path);
    auto original = parse(litestone::testing::readFile(path), path);
    ASSERT_TRUE(original.diags.list().empty()) << original.errors();
    std::string once = format(original.file);
    auto reparsed = parse(once, path);
    ASSERT_TRUE(reparsed.diags.list().empty()) << reparsed.errors() << once;
    EXPECT_EQ(format(reparsed.file), once);
    EXPECT_EQ(meaning(reparsed.file), meaning(original.file));
    EXPECT_EQ(allComments(reparsed.file), allComments(original.file));
  }
}

TEST(FormatTest, KeepsEveryComment) {
  const std::string src =
      "// a\n\n// b\n/// c\nmodel m { // d\n  // e\n  id Integer @id // f\n\n  /// g\n  @@map(\"x\") // h\n  "
      "// i\n}\n"
      "enum E {\n  // j\n  a // k\n}\n"
      "database d {\n  path \"p\" // l\n  // m\n}\n// n\n////// o\n//\n";
  auto p = parse(src);
  ASSERT_TRUE(p.diags.list().empty()) << p.errors();
  std::string out = format(p.file);
  for (const char* c : {"// a\n\n// b\n/// c\n", "{ // d", "// e", "// f", "/// g", "// h", "// i", "// j",
                        "// k", "// l", "// m", "// n", "////// o", "\n//\n"}) {
    EXPECT_NE(out.find(c), std::string::npos) << c << "\n" << out;
  }
  EXPECT_EQ(allComments(parse(out).file), allComments(p.file));
  EXPECT_EQ(formatted(out), out);
}

TEST(FormatTest, KeepsCommentsInsideAttributeArguments) {
  const std::string src =
      "model posts {\n"
      "  id Integer @id\n"
      "  author users @relation( // who wrote it\n"
      "    fields: [authorId], // the column\n"
      "    /// the key\n"
      "    references: [id]\n"
      "    // no onDelete yet\n"
      "  ) @map(\"a\") // trailing\n"
      "  authorId Integer\n"
      "  @@index([\n"
      "    authorId, // first\n"
      "    id\n"
      "  ])\n"
      "}\n";
  const std::string want =
      "model posts {\n"
      "  id       Integer @id\n"
      "  author   users   @relation(\n"
      "    // who wrote it\n"
      "    fields: [authorId], // the column\n"
      "    /// the key\n"
      "    references: [id]\n"
      "    // no onDelete yet\n"
      "  ) @map(\"a\") // trailing\n"
      "  authorId Integer\n"
      "\n"
      "  @@index(\n"
      "    // first\n"
      "    [authorId, id]\n"
      "  )\n"
      "}\n";
  auto p = parse(src);
  ASSERT_TRUE(p.diags.list().empty()) << p.errors();
  std::string out = format(p.file);
  EXPECT_EQ(out, want);
  EXPECT_EQ(formatted(out), out);
  EXPECT_EQ(allComments(parse(out).file), allComments(p.file));
  EXPECT_EQ(meaning(parse(out).file), meaning(p.file));
}

TEST(FormatTest, AttributeWithoutCommentsStaysOnOneLine) {
  EXPECT_EQ(formatted("model m {\n  id Integer @default(\n    1\n  )\n}\n"),
            "model m {\n  id Integer @default(1)\n}\n");
}

TEST(FormatTest, FieldsOnOneLinePrintOnePerLine) {
  const std::string one_line =
      "model accounts { id Integer @id  name Text  plan Text  users users[] }\n"
      "model users {\n"
      "  id Integer @id  account accounts @relation(fields: [accountId], references: [id])  accountId "
      "Integer\n"
      "  @@index([accountId])\n"
      "}\n";
  const std::string canonical =
      "model accounts {\n"
      "  id    Integer @id\n"
      "  name  Text\n"
      "  plan  Text\n"
      "  users users[]\n"
      "}\n"
      "\n"
      "model users {\n"
      "  id        Integer  @id\n"
      "  account   accounts @relation(fields: [accountId], references: [id])\n"
      "  accountId Integer\n"
      "\n"
      "  @@index([accountId])\n"
      "}\n";
  std::string once = formatted(one_line);
  EXPECT_EQ(once, canonical);
  EXPECT_EQ(formatted(once), once);
  EXPECT_EQ(meaning(parse(once).file), meaning(parse(one_line).file));
}

TEST(FormatTest, StringsUseDoubleQuotesAndEscapes) {
  auto p = parse("model m {\n  a Text @default('say \"hi\"\\n') @regex(\"^\\d+\\\\$\")\n}\n");
  ASSERT_TRUE(p.diags.list().empty()) << p.errors();
  std::string out = format(p.file);
  EXPECT_NE(out.find("@default(\"say \\\"hi\\\"\\n\")"), std::string::npos) << out;
  EXPECT_NE(out.find("@regex(\"^\\d+\\$\")"), std::string::npos) << out;  // \\ before $ is not needed
  auto again = parse(out);
  EXPECT_EQ(again.file.decls[0].fields[0].attrs[0].args[0].value.text, "say \"hi\"\n");
  EXPECT_EQ(again.file.decls[0].fields[0].attrs[1].args[0].value.text, "^\\d+\\$");
}

TEST(FormatTest, ExpressionsKeepTheirGrouping) {
  Expr e = parse("model m {\n  @@allow('read', a || (b || c) && -1 < - x)\n}\n")
               .file.decls[0]
               .attrs[0]
               .args[1]
               .value;
  EXPECT_EQ(formatExpr(e), "a || (b || c) && -1 < -x");
}

TEST(FormatCliTest, CheckWriteStdoutAndSyntaxErrors) {
  litestone::testing::TempDir dir;
  const std::string messy = "model a {\n id Integer @id\n  name Text?\n}\n";
  const std::string clean = "model a {\n  id   Integer @id\n  name Text?\n}\n";
  std::string path = dir.write("s.lite", messy);
  auto check = litestone::testing::runCli("format --check s.lite", "", dir.path().string());
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_NE(check.err.find("s.lite"), std::string::npos) << check.err;
  EXPECT_EQ(litestone::testing::readFile(path), messy);
  auto show = litestone::testing::runCli("format --stdout s.lite", "", dir.path().string());
  EXPECT_EQ(show.exit_code, 0);
  EXPECT_EQ(show.out, clean);
  auto write = litestone::testing::runCli("format s.lite", "", dir.path().string());
  EXPECT_EQ(write.exit_code, 0);
  EXPECT_EQ(write.out, "formatted s.lite\n");
  EXPECT_EQ(litestone::testing::readFile(path), clean);
  auto again = litestone::testing::runCli("format s.lite", "", dir.path().string());
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_EQ(again.out, "");
  EXPECT_EQ(litestone::testing::runCli("format --check s.lite", "", dir.path().string()).exit_code, 0);
  std::string bad = dir.write("bad.lite", "model a {\n  email @id\n}\n");
  auto broken = litestone::testing::runCli("format bad.lite", "", dir.path().string());
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.err.find("bad.lite:2:9: error[E0101]"), std::string::npos) << broken.err;
  EXPECT_EQ(litestone::testing::readFile(bad), "model a {\n  email @id\n}\n");
}

}  // namespace
}  // namespace litestone::schema
