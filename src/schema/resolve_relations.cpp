// Keys (@id, @unique, @@id, @@unique) and relations. A field with
// @relation(fields, references) is a belongsTo; the field on the other model
// that points back becomes hasMany (list) or hasOne; two list fields with no
// foreign key on either side form a many-to-many through an implicit join table.

#include <algorithm>
#include <map>

#include "schema/messages.hpp"
#include "schema/resolve.hpp"

namespace litestone::schema::detail {

namespace {

const Attribute* findAttr(const FieldDecl& fd, std::string_view name) {
  for (const auto& a : fd.attrs) {
    if (!a.block && a.name == name) return &a;
  }
  return nullptr;
}

ModelSrc* modelSrc(Context& ctx, std::string_view name) {
  for (auto& ms : ctx.models) {
    if (ms.model->name == name) return &ms;
  }
  return nullptr;
}

// Unique column sets of a model: the primary key, every @unique field and every @@unique.
std::vector<std::vector<const Field*>> uniqueSets(const ModelSrc& ms) {
  std::vector<std::vector<const Field*>> out;
  if (!ms.model->primary_key.empty()) out.push_back(ms.model->primary_key);
  for (const auto& f : ms.model->fields) {
    if (f.unique) out.push_back({&f});
  }
  for (const Attribute* a : ms.attrs) {
    if (a->name != "unique" || a->args.empty()) continue;
    const Expr& list = a->args[0].value;
    std::vector<const Field*> set;
    for (const auto& item : list.kind == ExprKind::Array ? list.args : std::vector<Expr>{list}) {
      if (const Field* f = ms.model->field(item.text)) set.push_back(f);
    }
    out.push_back(set);
  }
  return out;
}

bool isUniqueSet(const ModelSrc& ms, std::vector<const Field*> fields) {
  std::sort(fields.begin(), fields.end());
  for (auto set : uniqueSets(ms)) {
    std::sort(set.begin(), set.end());
    if (set == fields) return true;
  }
  return false;
}

bool referentialAction(const Expr* e, std::string& out, Context& ctx) {
  if (e == nullptr) return true;
  static const std::vector<std::string> kActions = {"Cascade", "SetNull", "Restrict", "NoAction",
                                                    "SetDefault"};
  if ((e->kind != ExprKind::Ident && e->kind != ExprKind::String) ||
      std::find(kActions.begin(), kActions.end(), e->text) == kActions.end()) {
    ctx.report(msg::unknownReferentialAction(
        e->kind == ExprKind::Ident || e->kind == ExprKind::String ? e->text : exprDescription(*e), e->span));
    return false;
  }
  out = e->text;
  return true;
}

struct RelInfo {
  std::string name;
  bool has_fields = false;
  bool failed = false;
};

const std::vector<std::string> kRelationParams = {"name",     "fields",   "references",
                                                  "onDelete", "onUpdate", "map"};

// Reads @relation of one field; creates the belongsTo side when it has fields.
RelInfo belongsTo(ModelSrc& ms, FieldSrc& fs, Context& ctx) {
  RelInfo info;
  const Attribute* attr = findAttr(*fs.decl, "relation");
  if (attr == nullptr) return info;
  std::vector<const Expr*> args;
  if (!bindArgs(*attr, kRelationParams, 0, args, ctx)) {
    info.failed = true;
    return info;
  }
  if (args[0] != nullptr) {
    if (args[0]->kind != ExprKind::String) {
      ctx.report(
          msg::wrongArgumentType("@relation", "name", "a string", exprDescription(*args[0]), args[0]->span));
      info.failed = true;
    }
    info.name = args[0]->text;
  }
  if (args[1] == nullptr && args[2] == nullptr) return info;
  info.has_fields = true;
  Field& f = *fs.field;
  if (f.list) {
    ctx.report(msg::relationFieldsOnList(f.name, attr->name_span));
    info.failed = true;
    return info;
  }
  std::vector<const Expr*> fields, refs;
  if (args[1] == nullptr || args[2] == nullptr) {
    ctx.report(msg::relationLengthMismatch(args[1] ? std::max<size_t>(1, args[1]->args.size()) : 0,
                                           args[2] ? std::max<size_t>(1, args[2]->args.size()) : 0,
                                           attr->span));
    info.failed = true;
    return info;
  }
  if (!identList(*attr, "fields", *args[1], fields, ctx) ||
      !identList(*attr, "references", *args[2], refs, ctx)) {
    info.failed = true;
    return info;
  }
  if (fields.size() != refs.size()) {
    ctx.report(msg::relationLengthMismatch(fields.size(), refs.size(), args[2]->span));
    info.failed = true;
    return info;
  }
  ModelSrc* target = modelSrc(ctx, f.type_name);
  Relation rel;
  rel.kind = RelationKind::BelongsTo;
  rel.name = info.name;
  rel.from = ms.model;
  rel.to = target->model;
  rel.field = &f;
  bool ok = true;
  for (size_t i = 0; i < fields.size(); ++i) {
    const Field* local = ms.model->field(fields[i]->text);
    const Field* foreign = target->model->field(refs[i]->text);
    if (local == nullptr) {
      ctx.report(msg::unknownField("@relation fields", fields[i]->text, ms.model->name, fieldNames(*ms.model),
                                   fields[i]->span));
      ok = false;
      continue;
    }
    if (local->kind == FieldKind::Relation) {
      ctx.report(msg::relationFieldIsRelation(local->name, fields[i]->span));
      ok = false;
      continue;
    }
    if (foreign == nullptr) {
      ctx.report(msg::unknownField("@relation references", refs[i]->text, target->model->name,
                                   fieldNames(*target->model), refs[i]->span));
      ok = false;
      continue;
    }
    if (foreign->kind == FieldKind::Relation) {
      ctx.report(msg::relationFieldIsRelation(foreign->name, refs[i]->span));
      ok = false;
      continue;
    }
    if (local->type_name != foreign->type_name || local->list != foreign->list) {
      ctx.report(msg::relationTypeMismatch(local->name, typeLabel(*local),
                                           target->model->name + "." + foreign->name, typeLabel(*foreign),
                                           fields[i]->span));
      ok = false;
    }
    rel.local_fields.push_back(local);
    rel.foreign_fields.push_back(foreign);
  }
  ok = referentialAction(args[3], rel.on_delete, ctx) && ok;
  ok = referentialAction(args[4], rel.on_update, ctx) && ok;
  if (ok && !isUniqueSet(*target, rel.foreign_fields)) {
    std::string names;
    for (const Field* r : rel.foreign_fields) names += (names.empty() ? "" : ", ") + r->name;
    ctx.report(msg::referencesNotUnique(target->model->name, names, args[2]->span));
    ok = false;
  }
  if (!ok) {
    info.failed = true;
    return info;
  }
  f.relation = &ctx.schema.relations.emplace_back(std::move(rel));
  return info;
}

void linkManyToMany(ModelSrc& a, Field& fa, ModelSrc& b, Field& fb, const std::string& name, Context& ctx) {
  if (a.model->primary_key.size() != 1) {
    ctx.report(msg::manyToManyNeedsSingleId(a.model->name, fa.span));
    return;
  }
  if (b.model->primary_key.size() != 1) {
    ctx.report(msg::manyToManyNeedsSingleId(b.model->name, fb.span));
    return;
  }
  // Column "A" holds the id of the model whose name sorts first (for a
  // self relation: the side whose field name sorts first).
  bool a_first = a.model->name != b.model->name ? a.model->name < b.model->name : fa.name < fb.name;
  const std::string& first = a_first ? a.model->name : b.model->name;
  const std::string& second = a_first ? b.model->name : a.model->name;
  std::string table = name.empty() ? "_" + first + "To" + second : "_" + name;
  auto make = [&](ModelSrc& from, Field& ff, ModelSrc& to, bool is_a) -> Relation& {
    Relation& r = ctx.schema.relations.emplace_back();
    r.kind = RelationKind::ManyToMany;
    r.name = name;
    r.from = from.model;
    r.to = to.model;
    r.field = &ff;
    r.local_fields = from.model->primary_key;
    r.foreign_fields = to.model->primary_key;
    r.join_table = table;
    r.join_from_column = is_a ? "A" : "B";
    r.join_to_column = is_a ? "B" : "A";
    ff.relation = &r;
    return r;
  };
  Relation& ra = make(a, fa, b, a_first);
  Relation& rb = make(b, fb, a, !a_first);
  ra.opposite = &rb;
  rb.opposite = &ra;
}

}  // namespace

void resolveKeys(Context& ctx) {
  for (auto& ms : ctx.models) {
    Model& m = *ms.model;
    for (auto& [fd, f] : ms.fields) {
      if (const Attribute* unique = findAttr(*fd, "unique")) {
        if (f->kind == FieldKind::Relation) {
          ctx.report(
              msg::attributeOnWrongType("@unique", "scalar and enum", typeLabel(*f), unique->name_span));
        } else {
          f->unique = true;
        }
      }
      const Attribute* id = findAttr(*fd, "id");
      if (id == nullptr) continue;
      if (f->kind == FieldKind::Relation) {
        ctx.report(msg::attributeOnWrongType("@id", "scalar and enum", typeLabel(*f), id->name_span));
        continue;
      }
      if (f->optional || f->list) {
        ctx.report(msg::idOnOptional(f->name, id->name_span));
      }
      if (!m.primary_key.empty()) {
        ctx.report(msg::duplicateId(m.name, m.primary_key.front()->name, id->name_span));
        continue;
      }
      f->id = true;
      m.primary_key.push_back(f);
    }
    for (const Attribute* a : ms.attrs) {
      if (a->name != "id") continue;
      std::vector<const Expr*> args, names;
      if (!bindArgs(*a, {"fields", "name"}, 1, args, ctx) || !identList(*a, "fields", *args[0], names, ctx))
        continue;
      if (!m.primary_key.empty()) {
        ctx.report(msg::duplicateId(m.name, m.primary_key.front()->name, a->name_span));
        continue;
      }
      std::vector<const Field*> key;
      for (const Expr* n : names) {
        Field* f = findField(m, n->text);
        if (f == nullptr) {
          ctx.report(msg::unknownField("@@id", n->text, m.name, fieldNames(m), n->span));
          key.clear();
          break;
        }
        if (!f->stored()) {
          ctx.report(msg::notIndexable("@@id", f->name, n->span));
          key.clear();
          break;
        }
        key.push_back(f);
      }
      for (const Field* f : key) const_cast<Field*>(f)->id = true;
      m.primary_key = key;
    }
  }
}

void resolveRelations(Context& ctx) {
  std::map<const Field*, RelInfo> infos;
  for (auto& ms : ctx.models) {
    for (auto& fs : ms.fields) {
      if (fs.field->kind == FieldKind::Relation) infos[fs.field] = belongsTo(ms, fs, ctx);
    }
  }
  for (auto& ms : ctx.models) {
    for (auto& fs : ms.fields) {
      Field& f = *fs.field;
      if (f.kind != FieldKind::Relation || f.relation != nullptr) continue;
      const RelInfo& info = infos[&f];
      if (info.failed || info.has_fields) continue;
      ModelSrc& target = *modelSrc(ctx, f.type_name);
      std::vector<FieldSrc*> belongs, others;
      std::vector<std::string> names;
      bool blocked = false;  // the other side failed and was reported already
      for (auto& other : target.fields) {
        const Field& o = *other.field;
        if (&o == &f || o.kind != FieldKind::Relation || o.type_name != ms.model->name) continue;
        const RelInfo& oi = infos[&o];
        if (oi.failed) blocked = true;
        if (oi.failed || oi.name != info.name) continue;
        names.push_back(o.name);
        (oi.has_fields ? belongs : others).push_back(&other);
      }
      if (blocked && belongs.empty() && others.empty()) continue;
      if (belongs.size() + others.size() > 1 ||
          (belongs.size() == 1 && belongs[0]->field->relation->opposite != nullptr)) {
        ctx.report(
            msg::ambiguousRelation(f.name, ms.model->name, target.model->name, names, fs.decl->name_span));
      } else if (belongs.size() == 1) {
        Relation& bt = const_cast<Relation&>(*belongs[0]->field->relation);
        Relation& r = ctx.schema.relations.emplace_back();
        r.kind = f.list ? RelationKind::HasMany : RelationKind::HasOne;
        r.name = info.name;
        r.from = ms.model;
        r.to = target.model;
        r.field = &f;
        r.opposite = &bt;
        r.local_fields = bt.foreign_fields;
        r.foreign_fields = bt.local_fields;
        bt.opposite = &r;
        f.relation = &r;
      } else if (others.size() == 1) {
        Field& o = *others[0]->field;
        if (f.list && o.list) {
          linkManyToMany(ms, f, target, o, info.name, ctx);
        } else {
          ctx.report(msg::relationNeedsFields(f.name, ms.model->name, fs.decl->name_span));
        }
      } else {
        ctx.report(
            msg::missingOppositeRelation(f.name, ms.model->name, target.model->name, fs.decl->name_span));
      }
    }
  }
}

}  // namespace litestone::schema::detail
