#include "query/lower/projection.hpp"

#include "query/args/errors.hpp"
#include "query/lower/order_by.hpp"
#include "query/lower/where.hpp"

namespace litestone::query {

namespace {

bool isToMany(const schema::Relation& r) {
  return r.kind == schema::RelationKind::HasMany || r.kind == schema::RelationKind::ManyToMany;
}

bool hiddenAlways(const LowerContext& ctx, const schema::Field& f) {
  if (f.omit == schema::Visibility::All) return true;
  return f.guarded != schema::Visibility::Visible && !ctx.system;
}

Param limitParam(const json& v, const ArgPath& path) {
  if (!v.is_number_integer() || v.get<int64_t>() < 0) {
    throw errors::invalidArgument(path, "a non-negative integer", v);
  }
  Param p;
  p.path = path;
  return p;
}

void checkKeys(std::string_view what, const json& args, const ArgPath& path,
               const std::vector<std::string>& allowed) {
  if (!args.is_object()) throw errors::invalidArgument(path, "an object", args);
  for (auto it = args.begin(); it != args.end(); ++it) {
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
      throw errors::unknownArgument(what, it.key(), child(path, it.key()), allowed);
    }
  }
}

std::unique_ptr<Select> lowerInclude(LowerContext& ctx, const schema::Relation& rel, const json& v,
                                     const ArgPath& path) {
  auto s = std::make_unique<Select>();
  s->model = rel.to;
  s->alias = ctx.aliases.take();
  s->link = &rel;
  if (rel.kind == schema::RelationKind::ManyToMany) s->link_join_alias = ctx.aliases.take();
  json args = json::object();
  if (v.is_object()) {
    if (isToMany(rel)) {
      checkKeys("include", v, path, {"select", "include", "where", "orderBy", "limit", "offset"});
      lowerListArgs(ctx, *s, v, path);
    } else {
      checkKeys("include", v, path, {"select", "include"});
    }
    lowerProjection(ctx, *s, v, path, false);
  } else {
    lowerProjection(ctx, *s, args, path, false);
  }
  return s;
}

void addCounts(LowerContext& ctx, Select& select, const json& v, const ArgPath& path) {
  const schema::Model& model = *select.model;
  std::vector<const schema::Relation*> relations;
  std::vector<std::string> to_many;
  for (auto& f : model.fields) {
    if (f.kind == schema::FieldKind::Relation && isToMany(*f.relation)) to_many.push_back(f.name);
  }
  if (v == true) {
    for (auto& f : model.fields) {
      if (f.kind == schema::FieldKind::Relation && isToMany(*f.relation)) relations.push_back(f.relation);
    }
  } else if (v.is_object()) {
    checkKeys("_count", v, path, {"select"});
    const json& sel = v.at("select");
    ArgPath at = child(path, "select");
    if (!sel.is_object()) throw errors::invalidArgument(at, "{relation: true}", sel);
    for (auto it = sel.begin(); it != sel.end(); ++it) {
      const schema::Field* f = model.field(it.key());
      if (!f || f->kind != schema::FieldKind::Relation || !isToMany(*f->relation)) {
        throw errors::unknownRelation(model, it.key(), child(at, it.key()), to_many);
      }
      if (it.value() != true && it.value() != false) {
        throw errors::invalidArgument(child(at, it.key()), "true or false", it.value());
      }
      if (it.value() == true) relations.push_back(f->relation);
    }
  } else if (v != false) {
    throw errors::invalidArgument(path, "true or {select: {relation: true}}", v);
  }
  for (auto* rel : relations) {
    Output o;
    o.kind = Output::Kind::Count;
    o.name = rel->field->name;
    o.relation = rel;
    o.scope.outer_alias = select.alias;
    o.scope.alias = ctx.aliases.take();
    if (rel->kind == schema::RelationKind::ManyToMany) o.scope.join_alias = ctx.aliases.take();
    select.outputs.push_back(std::move(o));
  }
}

// The columns of this level that include stitching needs: the local side of
// each included relation.
void addKeys(Select& select) {
  for (auto& inc : select.includes) {
    for (auto* f : inc.relation->local_fields) {
      bool present = false;
      for (auto& o : select.outputs) {
        if ((o.kind == Output::Kind::Field || o.kind == Output::Kind::Key) && o.field == f) present = true;
      }
      if (!present) {
        Output o;
        o.kind = Output::Kind::Key;
        o.name = f->name;
        o.field = f;
        select.outputs.push_back(std::move(o));
      }
    }
  }
}

}  // namespace

void lowerListArgs(LowerContext& ctx, Select& select, const json& args, const ArgPath& path) {
  if (auto w = args.find("where"); w != args.end()) {
    select.where = andNodes(std::move(select.where),
                            lowerWhere(ctx, *select.model, select.alias, *w, child(path, "where")));
  }
  if (auto o = args.find("orderBy"); o != args.end()) lowerOrderBy(ctx, select, *o, child(path, "orderBy"));
  if (auto l = args.find("limit"); l != args.end() && !l->is_null())
    select.limit = limitParam(*l, child(path, "limit"));
  if (auto o = args.find("offset"); o != args.end() && !o->is_null()) {
    select.offset = limitParam(*o, child(path, "offset"));
  }
}

void lowerProjection(LowerContext& ctx, Select& select, const json& args, const ArgPath& path, bool top) {
  const schema::Model& model = *select.model;
  const json* sel = nullptr;
  const json* inc = nullptr;
  if (auto it = args.find("select"); it != args.end() && !it->is_null()) sel = &*it;
  if (auto it = args.find("include"); it != args.end() && !it->is_null()) inc = &*it;
  if (sel && inc)
    throw errors::invalidArgument(child(path, "include"), "either select or include, not both", *inc);
  const json* spec = sel ? sel : inc;
  ArgPath spec_path = child(path, sel ? "select" : "include");
  if (spec && !spec->is_object()) throw errors::invalidArgument(spec_path, "an object {field: true}", *spec);

  // Check every key first, so that a typo fails whatever its position.
  if (spec) {
    for (auto it = spec->begin(); it != spec->end(); ++it) {
      if (it.key() == "_count") continue;
      const schema::Field* f = model.field(it.key());
      bool ok = f && (f->stored() || f->kind == schema::FieldKind::Relation);
      if (!ok || (inc && f->kind != schema::FieldKind::Relation)) {
        if (inc)
          throw errors::unknownRelation(model, it.key(), child(spec_path, it.key()),
                                        errors::relationNames(model));
        std::vector<std::string> allowed = errors::storedFieldNames(model);
        for (auto& r : errors::relationNames(model)) allowed.push_back(r);
        allowed.emplace_back("_count");
        throw errors::unknownField(model, it.key(), child(spec_path, it.key()), allowed);
      }
      const json& v = it.value();
      if (f->kind != schema::FieldKind::Relation && !v.is_boolean()) {
        throw errors::invalidArgument(child(spec_path, it.key()), "true or false", v);
      }
      if (f->kind == schema::FieldKind::Relation && !v.is_boolean() && !v.is_object()) {
        throw errors::invalidArgument(child(spec_path, it.key()), "true, false or nested args", v);
      }
    }
  }

  bool hide_omitted = !top || ctx.operation == Operation::FindMany || ctx.operation == Operation::FindFirst;
  for (auto& f : model.fields) {
    const json* v = nullptr;
    if (spec) {
      if (auto it = spec->find(f.name); it != spec->end()) v = &*it;
    }
    bool wanted = v && *v != false;
    if (f.kind == schema::FieldKind::Relation) {
      if (!wanted) continue;
      Include i;
      i.relation = f.relation;
      i.name = f.name;
      i.child = lowerInclude(ctx, *f.relation, *v, child(spec_path, f.name));
      Output o;
      o.kind = Output::Kind::Include;
      o.name = f.name;
      o.include = static_cast<int>(select.includes.size());
      select.includes.push_back(std::move(i));
      select.outputs.push_back(std::move(o));
      continue;
    }
    if (!f.stored() || hiddenAlways(ctx, f)) continue;
    bool show = sel ? wanted : !(hide_omitted && f.omit == schema::Visibility::Default);
    if (sel && !wanted && v == nullptr) show = false;
    if (!show) continue;
    Output o;
    o.kind = Output::Kind::Field;
    o.name = f.name;
    o.field = &f;
    select.outputs.push_back(std::move(o));
  }
  if (spec) {
    if (auto it = spec->find("_count"); it != spec->end())
      addCounts(ctx, select, *it, child(spec_path, "_count"));
  }
  addKeys(select);
}

}  // namespace litestone::query
