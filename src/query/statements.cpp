#include "query/statements.hpp"

#include "common/quote.hpp"
#include "query/emit/emit.hpp"
#include "query/lower/where.hpp"
#include "query/passes/passes.hpp"

namespace litestone::query {

namespace {

Param external(int i) {
  Param p;
  p.source = ParamSource::External;
  p.external = i;
  return p;
}

NodePtr equalsExternal(int alias, const schema::Field* f, int i) {
  auto c = std::make_unique<CompareNode>();
  c->column = ColumnRef{alias, f, {}};
  c->value = external(i);
  return c;
}

// pk field i = External i.
NodePtr keyWhere(const schema::Model& m, int alias) {
  NodePtr where;
  int i = 0;
  for (const auto* f : m.primary_key) where = andNodes(std::move(where), equalsExternal(alias, f, i++));
  return where;
}

std::vector<Assignment> assignments(const std::vector<const schema::Field*>& fields, int row) {
  std::vector<Assignment> out;
  for (const auto* f : fields) {
    Assignment a;
    a.field = f;
    a.value.source = ParamSource::Value;
    a.value.field = f;
    a.value.external = row;
    a.value.path = {PathStep{f->name, -1}};
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<const schema::Field*> storedFields(const schema::Model& m) {
  std::vector<const schema::Field*> out;
  for (const auto& f : m.fields)
    if (f.stored()) out.push_back(&f);
  return out;
}

// The rows of m by key among `rows`, through the passes (soft delete) as
// the operation `op`.
std::unique_ptr<Select> byKey(const schema::Model& m, SoftDeleteMode rows, QueryOp op) {
  auto s = std::make_unique<Select>();
  s->model = &m;
  AliasAllocator aliases;
  s->alias = aliases.take();
  s->soft_delete = rows;
  s->where = keyWhere(m, s->alias);
  runPasses(*s, aliases, op);
  return s;
}

CompiledWrite fromSelect(const Select& s) {
  CompiledSelect c = emitSelect(s);
  CompiledWrite out;
  out.model = s.model;
  out.sql = std::move(c.sql);
  out.params = std::move(c.params);
  return out;
}

CompiledWrite finish(const Write& w) {
  CompiledWrite out = emitWrite(w);
  return out;
}

}  // namespace

CompiledWrite insertRow(const schema::Model& m, const std::vector<const schema::Field*>& fields,
                        bool returning_all, const ConflictSpec* conflict) {
  Write w;
  w.kind = WriteKind::Insert;
  w.model = &m;
  w.values = assignments(fields, 0);
  if (returning_all) w.returning = storedFields(m);
  if (conflict) {
    OnConflict c;
    c.target = conflict->target;
    c.sets = assignments(conflict->sets, 1);
    c.copy = conflict->copy;
    w.on_conflict = std::move(c);
  }
  return finish(w);
}

CompiledWrite updateByKey(const schema::Model& m, const std::vector<const schema::Field*>& fields,
                          bool returning_all) {
  Write w;
  w.kind = WriteKind::Update;
  w.model = &m;
  w.values = assignments(fields, 0);
  w.target = byKey(m, SoftDeleteMode::WithDeleted, QueryOp::Update);
  if (returning_all) w.returning = storedFields(m);
  return finish(w);
}

CompiledWrite setDeletedByKey(const schema::Model& m, bool remove) {
  Write w;
  w.kind = WriteKind::Update;
  w.model = &m;
  w.values = assignments({m.deleted_at}, 0);
  w.target = byKey(m, remove ? SoftDeleteMode::Live : SoftDeleteMode::OnlyDeleted, QueryOp::Update);
  return finish(w);
}

CompiledWrite deleteByKey(const schema::Model& m) {
  Write w;
  w.kind = WriteKind::Delete;
  w.model = &m;
  w.target = byKey(m, SoftDeleteMode::WithDeleted, QueryOp::Delete);
  return finish(w);
}

CompiledWrite selectByKey(const schema::Model& m) {
  auto s = byKey(m, SoftDeleteMode::WithDeleted, QueryOp::Read);
  for (const auto* f : storedFields(m)) {
    Output o;
    o.kind = Output::Kind::Field;
    o.name = f->name;
    o.field = f;
    s->outputs.push_back(std::move(o));
  }
  return fromSelect(*s);
}

CompiledWrite childKeys(const schema::Relation& r, bool deleted) {
  const schema::Model& child = *r.to;
  Select s;
  s.model = &child;
  AliasAllocator aliases;
  s.alias = aliases.take();
  s.soft_delete = deleted ? SoftDeleteMode::WithDeleted : SoftDeleteMode::Live;
  for (const auto* f : child.primary_key) {
    Output o;
    o.kind = Output::Kind::Key;
    o.name = f->name;
    o.field = f;
    s.outputs.push_back(std::move(o));
  }
  int i = 0;
  for (const auto* f : r.foreign_fields)
    s.where = andNodes(std::move(s.where), equalsExternal(s.alias, f, i++));
  if (deleted) s.where = andNodes(std::move(s.where), equalsExternal(s.alias, child.deleted_at, i));
  runPasses(s, aliases, QueryOp::Read);
  return fromSelect(s);
}

CompiledWrite joinTable(const schema::Relation& r, JoinOp op) { return emitJoinTable(r, op); }

CompiledWrite nextSequence(const schema::Model& m, const schema::Field& f) { return emitNextSequence(m, f); }

}  // namespace litestone::query
