#include "query/lower/write.hpp"

#include "query/lower/where.hpp"

namespace litestone::query {

Write lowerWrite(LowerContext& ctx, const schema::Model& model, WriteKind kind, SoftDeleteMode rows,
                 const json& args, const std::vector<const schema::Field*>& fields) {
  Write w;
  w.kind = kind;
  w.model = &model;
  for (const auto* f : fields) {
    Assignment a;
    a.field = f;
    a.value.source = ParamSource::Value;
    a.value.field = f;
    a.value.path = {PathStep{f->name, -1}};
    w.values.push_back(std::move(a));
  }
  if (kind == WriteKind::Insert) return w;
  auto s = std::make_unique<Select>();
  s->model = &model;
  s->alias = ctx.aliases.take();
  s->soft_delete = rows;
  for (const auto* f : model.primary_key) {
    Output o;
    o.kind = Output::Kind::Key;
    o.name = f->name;
    o.field = f;
    s->outputs.push_back(std::move(o));
  }
  if (auto it = args.find("where"); it != args.end()) {
    s->where = lowerWhere(ctx, model, s->alias, *it, child(ArgPath{}, "where"));
  }
  w.target = std::move(s);
  return w;
}

}  // namespace litestone::query
