#include "query/lower/order_by.hpp"

#include "query/args/errors.hpp"

namespace litestone::query {

namespace {

struct Direction {
  bool desc = false;
  Nulls nulls = Nulls::Default;
};

Direction lowerDirection(const json& v, const ArgPath& path) {
  Direction d;
  if (v.is_string()) {
    if (v != "asc" && v != "desc") throw errors::invalidArgument(path, "\"asc\" or \"desc\"", v);
    d.desc = v == "desc";
    return d;
  }
  if (!v.is_object()) throw errors::invalidArgument(path, "\"asc\", \"desc\" or {dir, nulls}", v);
  for (auto& [k, x] : v.items()) {
    ArgPath at = child(path, k);
    if (k == "dir" || k == "sort") {
      if (x != "asc" && x != "desc") throw errors::invalidArgument(at, "\"asc\" or \"desc\"", x);
      d.desc = x == "desc";
    } else if (k == "nulls") {
      if (x != "first" && x != "last") throw errors::invalidArgument(at, "\"first\" or \"last\"", x);
      d.nulls = x == "first" ? Nulls::First : Nulls::Last;
    } else {
      throw errors::unknownArgument("orderBy", k, at, {"dir", "nulls"});
    }
  }
  return d;
}

class OrderByLowering {
 public:
  OrderByLowering(LowerContext& ctx, Select& select) : ctx_(ctx), select_(select) {}

  void lowerEntry(const schema::Model& model, int alias, const json& entry, const ArgPath& path) {
    if (!entry.is_object()) throw errors::invalidArgument(path, "an object {field: direction}", entry);
    for (auto it = entry.begin(); it != entry.end(); ++it) {
      const std::string& key = it.key();
      ArgPath at = child(path, key);
      const schema::Field* field = model.field(key);
      if (!field || !(field->stored() || field->kind == schema::FieldKind::Relation)) {
        std::vector<std::string> allowed = errors::storedFieldNames(model);
        for (auto& r : errors::relationNames(model)) allowed.push_back(r);
        throw errors::unknownField(model, key, at, allowed);
      }
      if (field->encrypted) throw errors::encryptedField(model, key, at, "sorted on");
      if (field->kind != schema::FieldKind::Relation) {
        Direction d = lowerDirection(it.value(), at);
        OrderTerm t;
        t.column = ColumnRef{alias, field, {}};
        t.desc = d.desc;
        t.nulls = d.nulls;
        select_.order_by.push_back(std::move(t));
        continue;
      }
      const schema::Relation& rel = *field->relation;
      if (!it.value().is_object()) throw errors::invalidArgument(at, "an object for a relation", it.value());
      if (rel.kind == schema::RelationKind::BelongsTo) {
        lowerEntry(*rel.to, joinAlias(alias, rel), it.value(), at);
      } else if (rel.kind == schema::RelationKind::HasOne) {
        throw errors::invalidArgument(at, "a belongsTo relation (hasOne cannot be sorted on)", it.value());
      } else {
        lowerAggregate(model, alias, rel, it.value(), at);
      }
    }
  }

 private:
  int joinAlias(int from_alias, const schema::Relation& rel) {
    for (auto& j : select_.joins) {
      if (j.from_alias == from_alias && j.relation == &rel) return j.alias;
    }
    Join j;
    j.alias = ctx_.aliases.take();
    j.from_alias = from_alias;
    j.relation = &rel;
    select_.joins.push_back(j);
    return j.alias;
  }

  void lowerAggregate(const schema::Model& model, int alias, const schema::Relation& rel, const json& v,
                      const ArgPath& path) {
    bool many_to_many = rel.kind == schema::RelationKind::ManyToMany;
    std::vector<std::string> allowed = {"_count"};
    if (!many_to_many) allowed.insert(allowed.end(), {"_sum", "_avg", "_min", "_max"});
    if (v.size() != 1)
      throw errors::invalidArgument(path, "one aggregate: {_count: dir} or {_sum: {field: dir}}", v);
    auto it = v.begin();
    const std::string& agg = it.key();
    ArgPath at = child(path, agg);
    if (std::find(allowed.begin(), allowed.end(), agg) == allowed.end()) {
      throw errors::unknownOperator(model, rel.field->name, agg, at, allowed);
    }
    OrderTerm t;
    t.kind = OrderTerm::Kind::RelationAggregate;
    t.relation = &rel;
    t.scope.outer_alias = alias;
    t.scope.alias = ctx_.aliases.take();
    if (many_to_many) t.scope.join_alias = ctx_.aliases.take();
    if (agg == "_count") {
      Direction d = lowerDirection(it.value(), at);
      t.aggregate = Aggregate::Count;
      t.desc = d.desc;
      t.nulls = d.nulls;
    } else {
      t.aggregate = agg == "_sum"   ? Aggregate::Sum
                    : agg == "_avg" ? Aggregate::Avg
                    : agg == "_min" ? Aggregate::Min
                                    : Aggregate::Max;
      const json& inner = it.value();
      if (!inner.is_object() || inner.size() != 1) {
        throw errors::invalidArgument(at, "{field: \"asc\" | \"desc\"}", inner);
      }
      const std::string& fname = inner.begin().key();
      const schema::Field* f = rel.to->field(fname);
      if (!f || !f->stored())
        throw errors::unknownField(*rel.to, fname, child(at, fname), errors::storedFieldNames(*rel.to));
      t.column = ColumnRef{t.scope.alias, f, {}};
      Direction d = lowerDirection(inner.begin().value(), child(at, fname));
      t.desc = d.desc;
      t.nulls = d.nulls;
    }
    select_.order_by.push_back(std::move(t));
  }

  LowerContext& ctx_;
  Select& select_;
};

}  // namespace

void lowerOrderBy(LowerContext& ctx, Select& select, const json& order_by, const ArgPath& path) {
  OrderByLowering lowering(ctx, select);
  if (order_by.is_array()) {
    for (size_t i = 0; i < order_by.size(); ++i) {
      lowering.lowerEntry(*select.model, select.alias, order_by[i], child(path, static_cast<int>(i)));
    }
  } else {
    lowering.lowerEntry(*select.model, select.alias, order_by, path);
  }
}

}  // namespace litestone::query
