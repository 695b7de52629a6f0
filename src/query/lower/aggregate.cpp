#include "query/lower/aggregate.hpp"

#include <algorithm>

#include "query/args/errors.hpp"
#include "query/args/raw_sql.hpp"
#include "query/lower/where.hpp"

namespace litestone::query {

namespace {

const std::vector<std::string> kFunctions = {"_count", "_sum", "_avg", "_min", "_max", "_stringAgg"};

std::string joinNames(const std::vector<std::string>& names) {
  std::string out;
  for (auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "(none)" : out;
}

bool isNumeric(const schema::Field& f) {
  return f.stored() && !f.list && f.kind == schema::FieldKind::Scalar &&
         (f.scalar == schema::ScalarType::Integer || f.scalar == schema::ScalarType::Real);
}

// Min, max and string_agg: values SQLite orders meaningfully.
bool isComparable(const schema::Field& f) {
  if (!f.stored() || f.list) return false;
  if (f.kind == schema::FieldKind::Enum) return true;
  if (f.kind != schema::FieldKind::Scalar) return false;
  return f.scalar != schema::ScalarType::Json && f.scalar != schema::ScalarType::Blob &&
         f.scalar != schema::ScalarType::File;
}

std::string typeOf(const schema::Field& f) { return f.type_name + (f.list ? "[]" : ""); }

std::vector<std::string> namesWhere(const schema::Model& model, bool (*keep)(const schema::Field&)) {
  std::vector<std::string> out;
  for (auto& f : model.fields) {
    if (keep(f)) out.push_back(f.name);
  }
  return out;
}

QueryError wrongType(const schema::Model& model, std::string_view verb, const schema::Field& f,
                     const ArgPath& path, std::string_view kind, const std::vector<std::string>& allowed) {
  return QueryError("QUERY_INVALID_ARGUMENT",
                    "cannot " + std::string(verb) + " field \"" + f.name + "\" of type " + typeOf(f) +
                        " at " + pathText(path) + "; " + std::string(kind) + " fields: " + joinNames(allowed),
                    {{"model", model.name},
                     {"field", f.name},
                     {"type", typeOf(f)},
                     {"path", pathText(path)},
                     {"allowed", allowed}});
}

class AggregateLowering {
 public:
  AggregateLowering(LowerContext& ctx, const schema::Model& model, const json& args, bool grouped)
      : ctx_(ctx), model_(model), args_(args), q_(std::make_unique<AggregateQuery>()) {
    q_->grouped = grouped;
    q_->rows.model = &model;
    q_->rows.alias = ctx.aliases.take();
  }

  std::unique_ptr<AggregateQuery> run() {
    if (!args_.is_object()) throw errors::invalidArgument(root_, "an object of arguments", args_);
    checkArguments();
    softDeleteFlags();
    if (auto w = args_.find("where"); w != args_.end()) {
      q_->rows.where = lowerWhere(ctx_, model_, q_->rows.alias, *w, child(root_, "where"));
    }
    if (q_->grouped) groupKeys();
    for (auto it = args_.begin(); it != args_.end(); ++it) {
      if (it.key().starts_with("_")) aggregateArgument(it.key(), it.value());
    }
    if (!q_->grouped && q_->outputs.empty()) {
      throw QueryError("QUERY_INVALID_ARGUMENT",
                       "aggregate on \"" + model_.name + "\" asks for nothing; give one of " +
                           joinNames(kFunctions) + " or a named aggregate such as _paid: {count: true}",
                       {{"model", model_.name}, {"allowed", kFunctions}});
    }
    if (q_->grouped) {
      if (auto h = args_.find("having"); h != args_.end() && !h->is_null()) having(*h);
      if (auto o = args_.find("orderBy"); o != args_.end() && !o->is_null()) orderBy(*o);
      limitOffset();
    }
    return std::move(q_);
  }

 private:
  void checkArguments() {
    static const std::vector<std::string> kAggregate = {
        "where", "withDeleted", "onlyDeleted", "_count", "_sum", "_avg", "_min", "_max", "_stringAgg"};
    static const std::vector<std::string> kGroupBy = {
        "by",          "where",  "having", "orderBy", "limit", "offset", "interval",  "withDeleted",
        "onlyDeleted", "_count", "_sum",   "_avg",    "_min",  "_max",   "_stringAgg"};
    const auto& allowed = q_->grouped ? kGroupBy : kAggregate;
    for (auto it = args_.begin(); it != args_.end(); ++it) {
      const std::string& k = it.key();
      // Any other _-prefixed key is a named aggregate.
      if (k.size() > 1 && k[0] == '_') continue;
      if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
        auto list = allowed;
        list.push_back("_<name> (named aggregate)");
        throw errors::unknownArgument(q_->grouped ? "groupBy" : "aggregate", k, child(root_, k), list);
      }
    }
  }

  void softDeleteFlags() {
    for (const char* flag : {"withDeleted", "onlyDeleted"}) {
      auto it = args_.find(flag);
      if (it == args_.end() || it->is_null()) continue;
      if (!it->is_boolean()) throw errors::invalidArgument(child(root_, flag), "true or false", *it);
      if (*it == true) {
        q_->rows.soft_delete = std::string_view(flag) == "withDeleted" ? SoftDeleteMode::WithDeleted
                                                                       : SoftDeleteMode::OnlyDeleted;
      }
    }
  }

  const schema::Field& storedField(const json& name, const ArgPath& path) {
    const schema::Field* f = name.is_string() ? model_.field(name.get<std::string>()) : nullptr;
    if (!f || !f->stored()) {
      throw errors::unknownField(model_, name.is_string() ? name.get<std::string>() : name.dump(), path,
                                 errors::storedFieldNames(model_));
    }
    if (f->encrypted) throw errors::encryptedField(model_, f->name, path, "grouped or aggregated on");
    return *f;
  }

  void groupKeys() {
    auto by = args_.find("by");
    ArgPath at = child(root_, "by");
    if (by == args_.end() || by->is_null())
      throw errors::invalidArgument(at, "an array of field names", json());
    json names = by->is_string() ? json::array({*by}) : *by;
    if (!names.is_array() || names.empty())
      throw errors::invalidArgument(at, "a non-empty array of field names", *by);
    for (size_t i = 0; i < names.size(); ++i) {
      const schema::Field& f = storedField(names[i], by->is_string() ? at : child(at, static_cast<int>(i)));
      q_->by.push_back(GroupKey{&f, Interval::None});
    }
    auto iv = args_.find("interval");
    if (iv == args_.end() || iv->is_null()) return;
    ArgPath iv_at = child(root_, "interval");
    if (!iv->is_object()) throw errors::invalidArgument(iv_at, "an object {field: unit}", *iv);
    static const std::vector<std::pair<std::string, Interval>> kUnits = {
        {"year", Interval::Year}, {"quarter", Interval::Quarter}, {"month", Interval::Month},
        {"week", Interval::Week}, {"day", Interval::Day},         {"hour", Interval::Hour}};
    for (auto it = iv->begin(); it != iv->end(); ++it) {
      ArgPath key_at = child(iv_at, it.key());
      auto key =
          std::find_if(q_->by.begin(), q_->by.end(), [&](auto& g) { return g.field->name == it.key(); });
      if (key == q_->by.end()) {
        std::vector<std::string> names_by;
        for (auto& g : q_->by) names_by.push_back(g.field->name);
        throw errors::unknownField(model_, it.key(), key_at, names_by);
      }
      if (key->field->scalar != schema::ScalarType::DateTime ||
          key->field->kind != schema::FieldKind::Scalar) {
        throw wrongType(model_, "bucket", *key->field, key_at, "DateTime",
                        namesWhere(model_, [](const schema::Field& f) {
                          return f.stored() && f.kind == schema::FieldKind::Scalar &&
                                 f.scalar == schema::ScalarType::DateTime;
                        }));
      }
      auto unit = it->is_string()
                      ? std::find_if(kUnits.begin(), kUnits.end(),
                                     [&](auto& u) { return u.first == it->template get<std::string>(); })
                      : kUnits.end();
      if (unit == kUnits.end()) {
        throw errors::invalidArgument(key_at, "one of year, quarter, month, week, day, hour", *it);
      }
      key->interval = unit->second;
    }
  }

  int addExpr(AggregateExpr e) {
    q_->exprs.push_back(std::move(e));
    return static_cast<int>(q_->exprs.size()) - 1;
  }

  void output(std::string group, std::string key, AggregateExpr e) {
    int i = addExpr(std::move(e));
    q_->outputs.push_back(AggregateOutput{std::move(group), std::move(key), i});
  }

  // The field of _sum/_avg/_min/_max (`fn`), checked for its type.
  const schema::Field& fieldFor(AggregateFn fn, const json& name, const ArgPath& path) {
    const schema::Field& f = storedField(name, path);
    if ((fn == AggregateFn::Sum || fn == AggregateFn::Avg) && !isNumeric(f)) {
      throw wrongType(model_, fn == AggregateFn::Sum ? "sum" : "average", f, path, "numeric",
                      namesWhere(model_, isNumeric));
    }
    if ((fn == AggregateFn::Min || fn == AggregateFn::Max || fn == AggregateFn::StringAgg) &&
        !isComparable(f)) {
      throw wrongType(model_, fn == AggregateFn::StringAgg ? "concatenate" : "take min/max of", f, path,
                      "comparable", namesWhere(model_, isComparable));
    }
    return f;
  }

  static AggregateFn functionOf(std::string_view key) {
    if (key == "_sum") return AggregateFn::Sum;
    if (key == "_avg") return AggregateFn::Avg;
    if (key == "_min") return AggregateFn::Min;
    return AggregateFn::Max;
  }

  void aggregateArgument(const std::string& key, const json& v) {
    ArgPath at = child(root_, key);
    if (v.is_null() || v == false) return;
    if (key == "_count") {
      count(v, at);
    } else if (key == "_sum" || key == "_avg" || key == "_min" || key == "_max") {
      if (!v.is_object()) throw errors::invalidArgument(at, "an object {field: true}", v);
      for (auto it = v.begin(); it != v.end(); ++it) {
        ArgPath f_at = child(at, it.key());
        AggregateExpr e;
        e.fn = functionOf(key);
        e.field = &fieldFor(e.fn, json(it.key()), f_at);
        if (!it->is_boolean()) throw errors::invalidArgument(f_at, "true", *it);
        if (*it == true) output(key, it.key(), std::move(e));
      }
    } else if (key == "_stringAgg") {
      stringAgg(v, at);
    } else {
      named(key, v, at);
    }
  }

  void count(const json& v, const ArgPath& at) {
    if (v.is_boolean()) {
      output("_count", "", AggregateExpr{});
      return;
    }
    if (!v.is_object()) throw errors::invalidArgument(at, "true, {field: true} or {distinct: field}", v);
    bool only_distinct = v.size() == 1 && v.contains("distinct") && v["distinct"].is_string();
    for (auto it = v.begin(); it != v.end(); ++it) {
      ArgPath f_at = child(at, it.key());
      AggregateExpr e;
      if (it.key() == "_all") {
        e.fn = AggregateFn::CountAll;
      } else if (it.key() == "distinct" && it->is_string()) {
        e.fn = AggregateFn::CountDistinct;
        e.field = &storedField(*it, f_at);
        output("_count", only_distinct ? "" : "distinct", std::move(e));
        continue;
      } else {
        e.fn = AggregateFn::Count;
        e.field = &storedField(json(it.key()), f_at);
      }
      if (!it->is_boolean()) throw errors::invalidArgument(f_at, "true", *it);
      if (*it == true) output("_count", it.key(), std::move(e));
    }
  }

  void stringAgg(const json& v, const ArgPath& at) {
    if (!v.is_object() || !v.contains("field")) {
      throw errors::invalidArgument(at, "{field, separator?, orderBy?}", v);
    }
    AggregateExpr e;
    e.fn = AggregateFn::StringAgg;
    for (auto it = v.begin(); it != v.end(); ++it) {
      ArgPath k_at = child(at, it.key());
      if (it.key() == "field") {
        e.field = &fieldFor(AggregateFn::StringAgg, *it, k_at);
      } else if (it.key() == "separator") {
        if (!it->is_string()) throw errors::invalidArgument(k_at, "a string", *it);
        Param p;
        p.path = k_at;
        e.separator = std::move(p);
      } else if (it.key() == "orderBy") {
        stringAggOrder(e, *it, k_at);
      } else {
        throw errors::unknownArgument("_stringAgg", it.key(), k_at, {"field", "separator", "orderBy"});
      }
    }
    if (!e.separator) {
      Param p;
      p.source = ParamSource::Constant;
      p.constant = ",";
      e.separator = std::move(p);
    }
    output("_stringAgg", e.field->name, std::move(e));
  }

  void stringAggOrder(AggregateExpr& e, const json& v, const ArgPath& at) {
    if (v.is_string()) {
      e.order_field = &storedField(v, at);
      return;
    }
    if (!v.is_object() || v.size() != 1)
      throw errors::invalidArgument(at, "a field name or {field: 'asc'|'desc'}", v);
    e.order_field = &storedField(json(v.begin().key()), child(at, v.begin().key()));
    e.order_desc = direction(v.begin().value(), child(at, v.begin().key()));
  }

  static bool direction(const json& v, const ArgPath& at) {
    if (v == "asc") return false;
    if (v == "desc") return true;
    throw errors::invalidArgument(at, "'asc' or 'desc'", v);
  }

  // _name: {count: true | sum|avg|min|max: 'field', filter: where | sql}
  void named(const std::string& key, const json& v, const ArgPath& at) {
    static const std::vector<std::string> kKeys = {"count", "sum", "avg", "min", "max", "filter"};
    if (!v.is_object()) {
      throw QueryError("QUERY_UNKNOWN_ARGUMENT",
                       "\"" + key + "\" at " + pathText(at) + " is not an aggregate: use one of " +
                           joinNames(kFunctions) +
                           ", or a named aggregate {count: true | sum|avg|min|max: field, "
                           "filter?}",
                       {{"argument", key}, {"path", pathText(at)}, {"allowed", kFunctions}});
    }
    AggregateExpr e;
    int functions = 0;
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string& k = it.key();
      ArgPath k_at = child(at, k);
      if (k == "count") {
        if (*it != true) throw errors::invalidArgument(k_at, "true", *it);
        e.fn = AggregateFn::CountAll;
        ++functions;
      } else if (k == "sum" || k == "avg" || k == "min" || k == "max") {
        e.fn = functionOf("_" + k);
        e.field = &fieldFor(e.fn, *it, k_at);
        ++functions;
      } else if (k == "filter") {
        e.filter = filter(*it, k_at);
      } else {
        throw errors::unknownArgument("named aggregate " + key, k, k_at, kKeys);
      }
    }
    if (functions != 1) {
      throw errors::invalidArgument(at, "exactly one of count: true, sum, avg, min, max", v);
    }
    output(key, "", std::move(e));
  }

  // A where object, or SQL as in $raw: "status = 'paid'" / {"$sql", "params"}.
  NodePtr filter(const json& v, const ArgPath& at) {
    if (v.is_object() && !v.contains("$sql")) return lowerWhere(ctx_, model_, q_->rows.alias, v, at);
    auto n = std::make_unique<RawNode>();
    if (v.is_string()) {
      n->sql = v.get<std::string>();
      checkRawSql(n->sql, pathText(at));
      if (countPlaceholders(n->sql) != 0) {
        throw errors::invalidArgument(
            at, "a parameterless SQL string, or {\"$sql\", \"params\"} for ? values", v);
      }
      return n;
    }
    if (!v.is_object() || !v["$sql"].is_string()) {
      throw errors::invalidArgument(
          at, "a where object, a SQL string or {\"$sql\": string, \"params\": [values]}", v);
    }
    for (auto& [k, x] : v.items()) {
      if (k != "$sql" && k != "params")
        throw errors::unknownArgument("filter", k, child(at, k), {"$sql", "params"});
    }
    n->sql = v["$sql"].get<std::string>();
    checkRawSql(n->sql, pathText(child(at, "$sql")));
    size_t count = 0;
    if (auto p = v.find("params"); p != v.end()) {
      if (!p->is_array()) throw errors::invalidArgument(child(at, "params"), "an array", *p);
      count = p->size();
      for (size_t i = 0; i < count; ++i) {
        ArgPath p_at = child(child(at, "params"), static_cast<int>(i));
        if ((*p)[i].is_object() || (*p)[i].is_array())
          throw errors::invalidArgument(p_at, "a scalar", (*p)[i]);
        Param param;
        param.path = p_at;
        n->params.push_back(std::move(param));
      }
    }
    if (countPlaceholders(n->sql) != count) {
      throw errors::invalidArgument(
          child(at, "params"), "one value per ? in $sql (" + std::to_string(countPlaceholders(n->sql)) + ")",
          v.value("params", json::array()));
    }
    return n;
  }

  // The aggregate named by a having / orderBy key: _count, _count.field,
  // _sum.field..., or a named aggregate given in the args.
  int aggregateRef(const std::string& group, const std::string& field, const ArgPath& at) {
    for (auto& o : q_->outputs) {
      if (o.group == group && o.key == field) return o.expr;
    }
    AggregateExpr e;
    if (group == "_count") {
      e.fn = field.empty() || field == "_all" ? AggregateFn::CountAll : AggregateFn::Count;
      if (e.fn == AggregateFn::Count) e.field = &storedField(json(field), at);
    } else if (group == "_sum" || group == "_avg" || group == "_min" || group == "_max") {
      e.fn = functionOf(group);
      e.field = &fieldFor(e.fn, json(field), at);
    } else {
      std::vector<std::string> names = {"_count", "_sum", "_avg", "_min", "_max"};
      for (auto& o : q_->outputs) {
        if (o.key.empty() && o.group != "_count") names.push_back(o.group);
      }
      throw QueryError(
          "QUERY_UNKNOWN_ARGUMENT",
          "unknown aggregate \"" + group + "\" at " + pathText(at) + "; available: " + joinNames(names),
          {{"argument", group}, {"path", pathText(at)}, {"allowed", names}});
    }
    return addExpr(std::move(e));
  }

  bool isNamed(const std::string& group) const {
    return std::any_of(q_->outputs.begin(), q_->outputs.end(),
                       [&](auto& o) { return o.group == group && o.key.empty() && group != "_count"; });
  }

  int groupKeyIndex(const std::string& name) const {
    for (size_t i = 0; i < q_->by.size(); ++i) {
      if (q_->by[i].field->name == name) return static_cast<int>(i);
    }
    return -1;
  }

  std::vector<std::string> byNames() const {
    std::vector<std::string> out;
    for (auto& g : q_->by) out.push_back(g.field->name);
    return out;
  }

  void having(const json& h) {
    ArgPath at = child(root_, "having");
    if (!h.is_object()) throw errors::invalidArgument(at, "an object", h);
    for (auto it = h.begin(); it != h.end(); ++it) {
      const std::string& k = it.key();
      ArgPath k_at = child(at, k);
      if (!k.starts_with("_")) {
        if (groupKeyIndex(k) < 0) {
          auto allowed = byNames();
          for (auto& f : kFunctions) allowed.push_back(f);
          throw errors::unknownField(model_, k, k_at, allowed);
        }
        json one = json::object({{k, *it}});
        q_->having_keys =
            andNodes(std::move(q_->having_keys), lowerWhere(ctx_, model_, q_->rows.alias, one, at));
        continue;
      }
      bool direct = k == "_count" || isNamed(k);
      bool per_field = k == "_sum" || k == "_avg" || k == "_min" || k == "_max";
      if (!direct && !per_field) aggregateRef(k, "", k_at);  // throws: unknown aggregate
      if (!it->is_object()) throw errors::invalidArgument(k_at, "an object of conditions", *it);
      // _count: {gt: 5} compares COUNT(*); _count: {field: {gt: 5}} a field
      // count. A key with a non-object value is an operator.
      if (direct && !it->empty() && (isOperator(it->begin().key()) || !it->begin()->is_object())) {
        conditions(aggregateRef(k, "", k_at), *it, k_at);
        continue;
      }
      for (auto f = it->begin(); f != it->end(); ++f) {
        ArgPath f_at = child(k_at, f.key());
        if (!f->is_object()) throw errors::invalidArgument(f_at, "an object of conditions", *f);
        conditions(aggregateRef(k, f.key(), f_at), *f, f_at);
      }
    }
  }

  static bool isOperator(const std::string& k) {
    static const std::vector<std::string> kOps = {"equals", "not", "gt", "gte", "lt", "lte", "in", "notIn"};
    return std::find(kOps.begin(), kOps.end(), k) != kOps.end();
  }

  void conditions(int expr, const json& ops, const ArgPath& at) {
    static const std::vector<std::string> kOps = {"equals", "not", "gt", "gte", "lt", "lte", "in", "notIn"};
    if (!ops.is_object()) {
      HavingTerm t;
      t.expr = expr;
      t.value.path = at;
      if (ops.is_null()) t.kind = HavingTerm::Kind::IsNull;
      q_->having.push_back(std::move(t));
      return;
    }
    for (auto it = ops.begin(); it != ops.end(); ++it) {
      const std::string& op = it.key();
      ArgPath op_at = child(at, op);
      HavingTerm t;
      t.expr = expr;
      t.value.path = op_at;
      if (!isOperator(op)) {
        throw QueryError(
            "QUERY_UNKNOWN_OPERATOR",
            "unknown operator \"" + op + "\" at " + pathText(op_at) + "; allowed: " + joinNames(kOps),
            {{"operator", op}, {"path", pathText(op_at)}, {"allowed", kOps}});
      }
      if (op == "in" || op == "notIn") {
        if (!it->is_array()) throw errors::invalidArgument(op_at, "an array", *it);
        t.kind = HavingTerm::Kind::In;
        t.negated = op == "notIn";
      } else if (it->is_object() || it->is_array()) {
        throw errors::invalidArgument(op_at, "a number, string or null", *it);
      } else if (it->is_null() && (op == "equals" || op == "not")) {
        t.kind = HavingTerm::Kind::IsNull;
        t.negated = op == "not";
      } else {
        t.op = op == "equals" ? CompareOp::Eq
               : op == "not"  ? CompareOp::IsNot
               : op == "gt"   ? CompareOp::Gt
               : op == "gte"  ? CompareOp::Gte
               : op == "lt"   ? CompareOp::Lt
                              : CompareOp::Lte;
      }
      q_->having.push_back(std::move(t));
    }
  }

  void orderBy(const json& o) {
    ArgPath at = child(root_, "orderBy");
    if (o.is_array()) {
      for (size_t i = 0; i < o.size(); ++i) orderTerm(o[i], child(at, static_cast<int>(i)));
    } else {
      orderTerm(o, at);
    }
  }

  void orderTerm(const json& o, const ArgPath& at) {
    if (!o.is_object()) throw errors::invalidArgument(at, "an object {field: 'asc'|'desc'}", o);
    for (auto it = o.begin(); it != o.end(); ++it) {
      const std::string& k = it.key();
      ArgPath k_at = child(at, k);
      AggregateOrder term;
      if (!k.starts_with("_")) {
        term.key = groupKeyIndex(k);
        if (term.key < 0) {
          auto allowed = byNames();
          for (auto& f : kFunctions) allowed.push_back(f);
          throw errors::unknownField(model_, k, k_at, allowed);
        }
        direction(term, *it, k_at);
      } else if (it->is_string() || (it->is_object() && it->contains("sort"))) {
        term.expr = aggregateRef(k, "", k_at);
        direction(term, *it, k_at);
      } else if (it->is_object()) {
        for (auto f = it->begin(); f != it->end(); ++f) {
          AggregateOrder sub;
          sub.expr = aggregateRef(k, f.key(), child(k_at, f.key()));
          direction(sub, *f, child(k_at, f.key()));
          q_->order_by.push_back(sub);
        }
        continue;
      } else {
        throw errors::invalidArgument(k_at, "'asc', 'desc' or {field: 'asc'|'desc'}", *it);
      }
      q_->order_by.push_back(term);
    }
  }

  // 'asc' | 'desc' | {sort, nulls: 'first'|'last'}
  void direction(AggregateOrder& term, const json& v, const ArgPath& at) {
    if (v.is_object()) {
      for (auto& [k, x] : v.items()) {
        if (k == "sort") {
          term.desc = direction(x, child(at, "sort"));
        } else if (k == "nulls") {
          if (x != "first" && x != "last")
            throw errors::invalidArgument(child(at, "nulls"), "'first' or 'last'", x);
          term.nulls = x == "first" ? Nulls::First : Nulls::Last;
        } else {
          throw errors::unknownArgument("orderBy", k, child(at, k), {"sort", "nulls"});
        }
      }
      return;
    }
    term.desc = direction(v, at);
  }

  void limitOffset() {
    for (const char* k : {"limit", "offset"}) {
      auto it = args_.find(k);
      if (it == args_.end() || it->is_null()) continue;
      ArgPath at = child(root_, k);
      if (!it->is_number_integer() || it->get<int64_t>() < 0) {
        throw errors::invalidArgument(at, "a non-negative integer", *it);
      }
      Param p;
      p.path = at;
      (std::string_view(k) == "limit" ? q_->rows.limit : q_->rows.offset) = std::move(p);
    }
  }

  LowerContext& ctx_;
  const schema::Model& model_;
  const json& args_;
  std::unique_ptr<AggregateQuery> q_;
  const ArgPath root_;
};

}  // namespace

std::unique_ptr<AggregateQuery> lowerAggregate(LowerContext& ctx, const schema::Model& model,
                                               const json& args, bool grouped) {
  return AggregateLowering(ctx, model, args, grouped).run();
}

}  // namespace litestone::query
