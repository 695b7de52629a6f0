#pragma once

// The syntax tree of a .lite file, exactly as written. Produced by parser.cpp,
// read by the resolver and by format.cpp. Comments and blank lines are kept
// (as Trivia) so that `litestone format` can reprint a file faithfully.

#include <cstdint>
#include <string>
#include <vector>

namespace litestone::schema {

// A byte range in one source file. line:column are computed only when a
// diagnostic is rendered (see SourceMap in diagnostics.hpp).
struct Span {
  uint32_t file = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
};

struct Comment {
  Span span;
  std::string text;          // without the leading // or ///, trimmed on the right
  bool doc = false;          // true for ///
  bool blank_after = false;  // a blank line follows it (kept by format)
};

// What surrounds a declaration or a member: the comment lines right above it,
// whether a blank line separated it from the previous item, and a comment at
// the end of its own line.
struct Trivia {
  std::vector<Comment> leading;
  bool blank_before = false;
  std::string trailing;  // text of a `// ...` comment after the item, "" if none
  bool trailing_doc = false;
};

enum class ExprKind {
  Null,      // null
  Bool,      // true / false (text holds "true"/"false")
  Number,    // 42, -1.5 (text holds the literal as written)
  String,    // "x" or 'x' (text holds the unescaped value)
  Duration,  // 30d, 12h (text holds "30d")
  Ident,     // name
  Member,    // args[0].text  (text holds the member name): auth().id, a.b
  Call,      // text(args...) with arg_names parallel to args ("" = positional)
  Array,     // [args...]
  Unary,     // text is "!" or "-", one operand in args[0]
  Binary,    // text is the operator: == != < <= > >= && ||, operands args[0], args[1]
};

struct Expr {
  ExprKind kind = ExprKind::Null;
  Span span;
  std::string text;
  std::vector<Expr> args;
  std::vector<std::string> arg_names;  // Call only; same length as args
  bool parenthesized = false;          // written inside ( ), kept for format
};

// One argument of an attribute: `name: value` or a positional value.
struct Arg {
  std::string name;  // "" when positional
  Span name_span;
  Expr value;
  // Comments of a multi-line argument list: the lines above the argument
  // (plus any written inside its value), and one at the end of its line.
  Trivia trivia;
};

// @name or @@name, with or without an argument list.
struct Attribute {
  std::string name;    // without the @ / @@
  Span span;           // whole attribute
  Span name_span;      // the name, including the @ / @@
  bool block = false;  // @@
  bool has_parens = false;
  std::vector<Arg> args;
  std::vector<Comment> end_comments;  // after the last argument, before ")"
  Trivia trivia;                      // used when the attribute is a member of a block (@@...)

  // True when comments sit inside the argument list; format then prints one
  // argument per line.
  bool hasComments() const {
    if (!end_comments.empty()) return true;
    for (const auto& a : args) {
      if (!a.trivia.leading.empty() || !a.trivia.trailing.empty()) return true;
    }
    return false;
  }
};

struct TypeRef {
  std::string name;
  Span span;
  bool optional = false;  // Type?
  bool list = false;      // Type[]
};

struct FieldDecl {
  std::string name;
  Span span;
  Span name_span;
  TypeRef type;
  std::vector<Attribute> attrs;
  Trivia trivia;
};

struct EnumValue {
  std::string name;
  Span span;
  std::vector<Attribute> attrs;
  Trivia trivia;
};

struct Param {
  std::string name;
  Span span;
  TypeRef type;
};

// `key value` inside a database block, separated by newlines or `;`.
struct Setting {
  std::string key;
  Span span;
  Span key_span;
  Expr value;
  Trivia trivia;
};

enum class DeclKind { Import, Enum, Function, Model, Trait, Type, Database };

struct Decl {
  DeclKind kind = DeclKind::Model;
  std::string name;  // for Import: the path as written
  Span span;
  Span name_span;
  Trivia trivia;
  std::vector<FieldDecl> fields;      // Model, Trait, Type
  std::vector<Attribute> attrs;       // @@ attributes of Model/Trait/Type; @@expr of Function
  std::vector<EnumValue> values;      // Enum
  std::vector<Param> params;          // Function
  TypeRef return_type;                // Function
  std::vector<Setting> settings;      // Database
  std::vector<Comment> end_comments;  // comments after the last member, before `}`
};

struct File {
  uint32_t id = 0;
  std::string path;
  std::vector<Decl> decls;
  std::vector<Comment> end_comments;  // comments after the last declaration
};

}  // namespace litestone::schema
