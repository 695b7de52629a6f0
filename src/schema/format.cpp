#include "schema/format.hpp"

#include <algorithm>
#include <vector>

namespace litestone::schema {
namespace {

constexpr const char* kIndent = "  ";

bool isEscapeLetter(char c) { return c == 'n' || c == 't' || c == 'r' || c == '\\' || c == '"' || c == '\''; }

std::string commentText(const std::string& text, bool doc) {
  std::string out = doc ? "///" : "//";
  if (text.empty()) return out;
  // "//// x" lexes as a plain comment holding "// x"; print it back unspaced.
  if (!doc && text.size() >= 2 && text[0] == '/' && text[1] == '/') return out + text;
  return out + " " + text;
}

std::string trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b);
}

std::string pad(const std::string& s, size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

std::string typeText(const TypeRef& t) { return t.name + (t.list ? "[]" : "") + (t.optional ? "?" : ""); }

// Appends " // comment" when there is one. GCC 12 at -O3 warns falsely
// (-Wrestrict / -Wstringop-overflow inside char_traits) on `" " + std::string&&`,
// so the printer appends piece by piece instead.
void appendTrailing(std::string& out, const std::string& trailing, bool doc) {
  if (trailing.empty()) return;
  out += ' ';
  out += commentText(trimmed(trailing), doc);
}

std::string argText(const Arg& arg) {
  return (arg.name.empty() ? "" : arg.name + ": ") + formatExpr(arg.value);
}

// An attribute as printed in a block whose members sit at `indent`. With
// comments among its arguments it takes one line per argument, so that every
// comment keeps its place; otherwise one line (formatAttribute).
std::string attrText(const Attribute& a, const std::string& indent) {
  if (!a.has_parens || !a.hasComments()) return formatAttribute(a);
  std::string inner = indent + kIndent;
  std::string out = (a.block ? "@@" : "@") + a.name + "(\n";
  for (size_t i = 0; i < a.args.size(); ++i) {
    const Arg& arg = a.args[i];
    for (const auto& c : arg.trivia.leading) out += inner + commentText(c.text, c.doc) + "\n";
    out += inner + argText(arg) + (i + 1 < a.args.size() ? "," : "");
    appendTrailing(out, arg.trivia.trailing, arg.trivia.trailing_doc);
    out += "\n";
  }
  for (const auto& c : a.end_comments) out += inner + commentText(c.text, c.doc) + "\n";
  return out + indent + ")";
}

std::string attrList(const std::vector<Attribute>& attrs, const std::string& indent) {
  std::string out;
  for (const auto& a : attrs) {
    if (!out.empty()) out += ' ';
    out += attrText(a, indent);
  }
  return out;
}

class Printer {
 public:
  std::string run(const File& file) {
    for (size_t i = 0; i < file.decls.size(); ++i) {
      const Decl& d = file.decls[i];
      if (i > 0) {
        bool grouped_import = d.kind == DeclKind::Import && file.decls[i - 1].kind == DeclKind::Import &&
                              !d.trivia.blank_before && d.trivia.leading.empty();
        if (!grouped_import) blank();
      }
      decl(d);
    }
    if (!file.end_comments.empty()) {
      if (!file.decls.empty()) blank();
      comments(file.end_comments, "");
    }
    return std::move(out_);
  }

 private:
  void line(const std::string& indent, const std::string& text, const std::string& trailing = "",
            bool trailing_doc = false) {
    out_ += indent;
    out_ += text;
    appendTrailing(out_, trailing, trailing_doc);
    out_ += '\n';
  }
  void blank() {
    if (!out_.empty() && out_.compare(out_.size() - std::min<size_t>(out_.size(), 2), 2, "\n\n") != 0) {
      out_ += '\n';
    }
  }
  void comments(const std::vector<Comment>& list, const std::string& indent) {
    for (const auto& c : list) {
      line(indent, commentText(c.text, c.doc));
      if (c.blank_after) blank();
    }
  }
  // Blank line (when kept) and leading comments of the member at index i.
  void memberStart(const Trivia& t, bool first) {
    if (t.blank_before && !first) blank();
    comments(t.leading, kIndent);
  }

  void decl(const Decl& d) {
    comments(d.trivia.leading, "");
    switch (d.kind) {
      case DeclKind::Import:
        line("", "import " + formatString(d.name), d.trivia.trailing, d.trivia.trailing_doc);
        return;
      case DeclKind::Enum:
        return block(d, "enum " + d.name);
      case DeclKind::Function: {
        std::string head = "function " + d.name + "(";
        for (size_t i = 0; i < d.params.size(); ++i) {
          if (i > 0) head += ", ";
          head += d.params[i].name + ": " + typeText(d.params[i].type);
        }
        return block(d, head + "): " + typeText(d.return_type));
      }
      case DeclKind::Model:
        return block(d, "model " + d.name);
      case DeclKind::Trait:
        return block(d, "trait " + d.name);
      case DeclKind::Type:
        return block(d, "type " + d.name);
      case DeclKind::Database:
        return block(d, "database " + d.name);
    }
  }

  void block(const Decl& d, const std::string& head) {
    bool empty = d.fields.empty() && d.values.empty() && d.settings.empty() && d.attrs.empty() &&
                 d.end_comments.empty();
    if (empty) {
      line("", head + " {}", d.trivia.trailing, d.trivia.trailing_doc);
      return;
    }
    line("", head + " {", d.trivia.trailing, d.trivia.trailing_doc);
    bool any = false;
    fields(d.fields, any);
    values(d.values, any);
    settings(d.settings, any);
    for (size_t i = 0; i < d.attrs.size(); ++i) {
      const Attribute& a = d.attrs[i];
      bool after_members = i == 0 && any;
      if (after_members) blank();
      memberStart(a.trivia, !any && i == 0);
      line(kIndent, attrText(a, kIndent), a.trivia.trailing, a.trivia.trailing_doc);
    }
    if (!d.end_comments.empty()) comments(d.end_comments, kIndent);
    line("", "}");
  }

  void fields(const std::vector<FieldDecl>& list, bool& any) {
    size_t name_w = 0;
    size_t type_w = 0;
    for (const auto& f : list) {
      name_w = std::max(name_w, f.name.size());
      if (!f.attrs.empty()) type_w = std::max(type_w, typeText(f.type).size());
    }
    for (size_t i = 0; i < list.size(); ++i) {
      const FieldDecl& f = list[i];
      memberStart(f.trivia, i == 0);
      std::string text = pad(f.name, name_w) + " ";
      text += f.attrs.empty() ? typeText(f.type)
                              : pad(typeText(f.type), type_w) + " " + attrList(f.attrs, kIndent);
      line(kIndent, text, f.trivia.trailing, f.trivia.trailing_doc);
      any = true;
    }
  }

  void values(const std::vector<EnumValue>& list, bool& any) {
    for (size_t i = 0; i < list.size(); ++i) {
      const EnumValue& v = list[i];
      memberStart(v.trivia, i == 0);
      std::string text = v.name;
      if (!v.attrs.empty()) {
        text += ' ';
        text += attrList(v.attrs, kIndent);
      }
      line(kIndent, text, v.trivia.trailing, v.trivia.trailing_doc);
      any = true;
    }
  }

  void settings(const std::vector<Setting>& list, bool& any) {
    size_t key_w = 0;
    for (const auto& s : list) key_w = std::max(key_w, s.key.size());
    for (size_t i = 0; i < list.size(); ++i) {
      const Setting& s = list[i];
      memberStart(s.trivia, i == 0);
      line(kIndent, pad(s.key, key_w) + " " + formatExpr(s.value), s.trivia.trailing, s.trivia.trailing_doc);
      any = true;
    }
  }

  std::string out_;
};

std::string joined(const std::vector<Expr>& args, const std::vector<std::string>* names) {
  std::string out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += ", ";
    if (names && i < names->size() && !(*names)[i].empty()) out += (*names)[i] + ": ";
    out += formatExpr(args[i]);
  }
  return out;
}

}  // namespace

std::string formatString(const std::string& value) {
  std::string out = "\"";
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\\':
        // A backslash before a letter that is no escape (regex \d) reads back as itself.
        out += (i + 1 == value.size() || isEscapeLetter(value[i + 1])) ? "\\\\" : "\\";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

std::string formatExpr(const Expr& e) {
  std::string s;
  switch (e.kind) {
    case ExprKind::Null:
      s = "null";
      break;
    case ExprKind::String:
      s = formatString(e.text);
      break;
    case ExprKind::Bool:
    case ExprKind::Number:
    case ExprKind::Duration:
    case ExprKind::Ident:
      s = e.text;
      break;
    case ExprKind::Member:
      s = (e.args.empty() ? "" : formatExpr(e.args[0])) + "." + e.text;
      break;
    case ExprKind::Call:
      s = e.text + "(" + joined(e.args, &e.arg_names) + ")";
      break;
    case ExprKind::Array:
      s = "[" + joined(e.args, nullptr) + "]";
      break;
    case ExprKind::Unary:
      s = e.text + (e.args.empty() ? "" : formatExpr(e.args[0]));
      break;
    case ExprKind::Binary:
      s = (e.args.size() == 2) ? formatExpr(e.args[0]) + " " + e.text + " " + formatExpr(e.args[1]) : e.text;
      break;
  }
  return e.parenthesized ? "(" + s + ")" : s;
}

std::string formatAttribute(const Attribute& a) {
  std::string out = (a.block ? "@@" : "@") + a.name;
  if (!a.has_parens) return out;
  out += "(";
  for (size_t i = 0; i < a.args.size(); ++i) {
    if (i > 0) out += ", ";
    out += argText(a.args[i]);
  }
  return out + ")";
}

std::string format(const File& file) { return Printer().run(file); }

}  // namespace litestone::schema
