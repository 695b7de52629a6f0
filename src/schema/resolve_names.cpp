// Pass 1: declarations. Registers every model, enum, type, trait, function
// and database; reports duplicates; builds enums; splices trait fields into
// models where @@trait(Name) appears.

#include <algorithm>
#include <set>

#include "schema/messages.hpp"
#include "schema/resolve.hpp"

namespace litestone::schema::detail {

namespace {

const char* kindName(DeclKind k) {
  switch (k) {
    case DeclKind::Model:
      return "model";
    case DeclKind::Enum:
      return "enum";
    case DeclKind::Type:
      return "type";
    case DeclKind::Trait:
      return "trait";
    case DeclKind::Function:
      return "function";
    case DeclKind::Database:
      return "database";
    case DeclKind::Import:
      return "import";
  }
  return "declaration";
}

std::vector<std::string> traitNames(const Context& ctx) {
  std::vector<std::string> out;
  for (const auto& [name, decl] : ctx.traits) out.push_back(name);
  return out;
}

// One member of a model body after splicing: a field or a model attribute.
struct Member {
  uint32_t file = 0;
  uint32_t offset = 0;
  const FieldDecl* field = nullptr;
  const Attribute* attr = nullptr;
};

// Expands the fields and @@ attributes of decl (a model or a trait) into out,
// replacing every @@trait(Name) with that trait's members, in place.
void splice(const Decl& decl, Context& ctx, std::vector<std::string>& stack, std::vector<Member>& out) {
  std::vector<Member> members;
  for (const auto& f : decl.fields) members.push_back({f.span.file, f.span.begin, &f, nullptr});
  for (const auto& a : decl.attrs) members.push_back({a.span.file, a.span.begin, nullptr, &a});
  std::stable_sort(members.begin(), members.end(),
                   [](const Member& a, const Member& b) { return a.offset < b.offset; });
  for (const auto& m : members) {
    if (m.attr == nullptr || m.attr->name != "trait") {
      out.push_back(m);
      continue;
    }
    const Attribute& a = *m.attr;
    if (a.args.size() != 1 || !a.args[0].name.empty() || a.args[0].value.kind != ExprKind::Ident) {
      ctx.report(
          msg::wrongArgumentCount("@@trait", "1 argument: the name of a trait", a.args.size(), a.span));
      continue;
    }
    const Expr& name = a.args[0].value;
    auto it = ctx.traits.find(name.text);
    if (it == ctx.traits.end()) {
      ctx.report(msg::unknownTrait(name.text, traitNames(ctx), name.span));
      continue;
    }
    if (std::find(stack.begin(), stack.end(), name.text) != stack.end()) {
      ctx.report(msg::traitCycle(name.text, name.span));
      continue;
    }
    stack.push_back(name.text);
    splice(*it->second, ctx, stack, out);
    stack.pop_back();
  }
}

Field makeField(const FieldDecl& fd, const Model* owner) {
  Field f;
  f.name = fd.name;
  f.model = owner;
  f.type_name = fd.type.name;
  f.optional = fd.type.optional;
  f.list = fd.type.list;
  f.span = fd.span;
  f.docs = docsOf(fd.trivia);
  return f;
}

void buildModel(const Decl& decl, Context& ctx) {
  Model& m = ctx.schema.models.emplace_back();
  m.name = decl.name;
  m.table = decl.name;
  m.span = decl.span;
  m.docs = docsOf(decl.trivia);
  ModelSrc& src = ctx.models.emplace_back();
  src.decl = &decl;
  src.model = &m;

  std::vector<std::string> stack{};
  std::vector<Member> members;
  splice(decl, ctx, stack, members);
  for (const auto& a : decl.attrs) {
    if (a.name == "trait" && a.args.size() == 1 && a.args[0].value.kind == ExprKind::Ident &&
        ctx.traits.count(a.args[0].value.text) != 0) {
      m.traits.push_back(a.args[0].value.text);
    }
  }
  std::set<std::string, std::less<>> seen;
  for (const auto& mem : members) {
    if (mem.attr != nullptr) {
      src.attrs.push_back(mem.attr);
      continue;
    }
    const FieldDecl& fd = *mem.field;
    if (!seen.insert(fd.name).second) {
      ctx.report(msg::duplicateField(decl.name, fd.name, fd.name_span));
      continue;
    }
    Field& f = m.fields.emplace_back(makeField(fd, &m));
    src.fields.push_back({&fd, &f});
  }
}

void buildType(const Decl& decl, Context& ctx) {
  TypeDecl& t = ctx.schema.types.emplace_back();
  t.name = decl.name;
  t.span = decl.span;
  TypeSrc& src = ctx.types.emplace_back();
  src.decl = &decl;
  src.type = &t;
  std::set<std::string, std::less<>> seen;
  for (const auto& fd : decl.fields) {
    if (!seen.insert(fd.name).second) {
      ctx.report(msg::duplicateField(decl.name, fd.name, fd.name_span));
      continue;
    }
    Field& f = t.fields.emplace_back(makeField(fd, nullptr));
    src.fields.push_back({&fd, &f});
  }
}

void buildEnum(const Decl& decl, Context& ctx) {
  Enum& e = ctx.schema.enums.emplace_back();
  e.name = decl.name;
  e.span = decl.span;
  e.docs = docsOf(decl.trivia);
  for (const auto& v : decl.values) {
    if (e.contains(v.name)) {
      ctx.report(msg::duplicateEnumValue(decl.name, v.name, v.span));
      continue;
    }
    e.values.push_back(v.name);
  }
  if (decl.values.empty()) ctx.report(msg::emptyEnum(decl.name, decl.name_span));
}

}  // namespace

void collectDeclarations(const std::vector<File>& files, Context& ctx) {
  // Models, enums, types, traits and functions share one namespace; databases
  // have their own.
  std::map<std::string, const Decl*, std::less<>> names;
  std::map<std::string, const Decl*, std::less<>> databases;
  for (const auto& file : files) {
    for (const auto& decl : file.decls) {
      if (decl.kind == DeclKind::Import) continue;
      auto& space = decl.kind == DeclKind::Database ? databases : names;
      auto [it, inserted] = space.emplace(decl.name, &decl);
      if (!inserted) {
        ctx.report(msg::duplicateDeclaration(kindName(decl.kind), decl.name, kindName(it->second->kind),
                                             decl.name_span));
        continue;
      }
      switch (decl.kind) {
        case DeclKind::Model:
          ctx.model_decls.push_back(&decl);
          break;
        case DeclKind::Enum:
          ctx.enum_decls.push_back(&decl);
          break;
        case DeclKind::Type:
          ctx.type_decls.push_back(&decl);
          break;
        case DeclKind::Trait:
          ctx.traits.emplace(decl.name, &decl);
          break;
        case DeclKind::Function:
          ctx.function_decls.push_back(&decl);
          break;
        case DeclKind::Database:
          ctx.database_decls.push_back(&decl);
          break;
        case DeclKind::Import:
          break;
      }
    }
  }
  for (const Decl* d : ctx.enum_decls) buildEnum(*d, ctx);
  for (const Decl* d : ctx.type_decls) buildType(*d, ctx);
  for (const Decl* d : ctx.model_decls) buildModel(*d, ctx);
}

}  // namespace litestone::schema::detail
