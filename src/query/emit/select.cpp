// Select → SELECT statement (rows, count, exists), and its includes.

#include <map>

#include "common/quote.hpp"

#include "query/emit/writer.hpp"

namespace litestone::query {

DecodeAs decodeAs(const schema::Field& f) {
  if (f.list || f.kind == schema::FieldKind::TypedJson) return DecodeAs::Json;
  if (f.kind == schema::FieldKind::Enum) return DecodeAs::Text;
  switch (f.scalar) {
    case schema::ScalarType::Integer:
      return DecodeAs::Integer;
    case schema::ScalarType::Real:
      return DecodeAs::Real;
    case schema::ScalarType::Boolean:
      return DecodeAs::Boolean;
    case schema::ScalarType::Json:
    case schema::ScalarType::File:
      return DecodeAs::Json;
    case schema::ScalarType::Blob:
      return DecodeAs::Blob;
    case schema::ScalarType::Text:
    case schema::ScalarType::DateTime:
      return DecodeAs::Text;
  }
  return DecodeAs::Text;
}

namespace {

using emitter::Writer;

bool isToMany(const schema::Relation& r) {
  return r.kind == schema::RelationKind::HasMany || r.kind == schema::RelationKind::ManyToMany;
}

class SelectEmitter {
 public:
  explicit SelectEmitter(const Select& s, IncludeStrategy strategy, int outer_alias = -1)
      : s_(s), strategy_(strategy), outer_alias_(outer_alias), w_{out_.sql, out_.params} {
    out_.model = s.model;
    out_.mode = s.mode;
  }

  CompiledSelect run() {
    if (outer_alias_ >= 0) {
      jsonRows();
      return std::move(out_);
    }
    switch (s_.mode) {
      case ReadMode::Rows:
        rows();
        break;
      case ReadMode::Count:
        count();
        break;
      case ReadMode::Exists:
        w_ << "SELECT EXISTS (SELECT 1";
        from();
        where();
        w_ << ")";
        break;
    }
    return std::move(out_);
  }

 private:
  // Link columns (children), then one column per Field/Key/Count output.
  void columns(bool aliased) {
    int n = 0;
    auto sep = [&] {
      if (n) w_ << ", ";
    };
    auto as = [&] {
      if (aliased) w_ << " AS \"c" << std::to_string(n) << "\"";
      ++n;
    };
    if (s_.link) {
      for (auto& [alias, col] : linkColumns()) {
        sep();
        w_.column(alias, col);
        as();
      }
      out_.link_columns = n;
    }
    int counts_item = -1;
    for (auto& o : s_.outputs) {
      switch (o.kind) {
        case Output::Kind::Field:
        case Output::Kind::Key: {
          sep();
          w_.column(s_.alias, *o.field);
          column_of_[o.field] = n;
          if (o.kind == Output::Kind::Field) {
            RowItem item;
            item.name = o.name;
            item.field = o.field;
            item.decode = decodeAs(*o.field);
            item.column = n;
            out_.items.push_back(std::move(item));
          }
          as();
          break;
        }
        case Output::Kind::Count: {
          sep();
          emitter::relatedAggregate(w_, *o.relation, o.scope, Aggregate::Count, nullptr);
          if (counts_item < 0) {
            RowItem item;
            item.kind = RowItem::Kind::Counts;
            item.name = "_count";
            counts_item = static_cast<int>(out_.items.size());
            out_.items.push_back(std::move(item));
          }
          out_.items[static_cast<size_t>(counts_item)].counts.emplace_back(o.name, n);
          as();
          break;
        }
        case Output::Kind::Include: {
          RowItem item;
          item.kind = RowItem::Kind::Include;
          item.name = o.name;
          item.include = o.include;
          if (strategy_ == IncludeStrategy::Json) {
            sep();
            inlineInclude(o.include);
            item.column = n;
            as();
          }
          out_.items.push_back(std::move(item));
          break;
        }
      }
    }
    if (n == 0) w_ << "1";
  }

  // Json strategy: the include's rows as one JSON value, `(SELECT ...)`
  // correlated to this select's alias. Its params are spliced in place.
  void inlineInclude(int index) {
    const Include& inc = s_.includes[static_cast<size_t>(index)];
    CompiledSelect child = SelectEmitter(*inc.child, strategy_, s_.alias).run();
    w_ << "(" << child.sql << ")";
    for (auto& p : child.params) w_.params.push_back(std::move(p));
    child.sql.clear();
    child.params.clear();
    CompiledInclude ci;
    ci.name = inc.name;
    ci.relation = inc.relation;
    ci.to_many = isToMany(*inc.relation);
    ci.inline_json = true;
    ci.child = std::make_unique<CompiledSelect>(std::move(child));
    inline_includes_.emplace(index, std::move(ci));
  }

  // A child select as a JSON value: json_group_array of json_object per row
  // (to-many) or one json_object (to-one), with the row's items as keys.
  void jsonRows() {
    bool to_many = isToMany(*s_.link);
    if (to_many) w_ << "SELECT json_group_array(json(\"j\")) FROM (";
    w_ << (s_.distinct ? "SELECT DISTINCT " : "SELECT ");
    jsonObject();
    w_ << (to_many ? " AS \"j\"" : "");
    from();
    where();
    groupBy();
    if (!s_.order_by.empty()) {
      w_ << " ORDER BY ";
      orderTerms(false);
    }
    if (to_many) {
      limitOffset();
      w_ << ")";
    } else {
      w_ << " LIMIT 1";
    }
  }

  // json_object('name', value, ...) in the order of the row's items; values
  // the client fixes up (decodeJsonRow): Boolean 0/1, Real as %!.17g text
  // (json_object prints 15 digits), Blob as {"$blob": hex}.
  void jsonObject() {
    w_ << "json_object(";
    bool first = true;
    auto key = [&](std::string_view name) {
      w_ << (first ? "" : ", ") << quoteLiteral(name) << ", ";
      first = false;
    };
    bool counts_done = false;
    for (auto& o : s_.outputs) {
      switch (o.kind) {
        case Output::Kind::Key:
          break;
        case Output::Kind::Field: {
          key(o.name);
          jsonValue(*o.field);
          RowItem item;
          item.name = o.name;
          item.field = o.field;
          item.decode = decodeAs(*o.field);
          out_.items.push_back(std::move(item));
          break;
        }
        case Output::Kind::Count: {
          if (counts_done) break;
          counts_done = true;
          key("_count");
          w_ << "json_object(";
          RowItem item;
          item.kind = RowItem::Kind::Counts;
          item.name = "_count";
          bool first_count = true;
          for (auto& c : s_.outputs) {
            if (c.kind != Output::Kind::Count) continue;
            w_ << (first_count ? "" : ", ") << quoteLiteral(c.name) << ", ";
            first_count = false;
            emitter::relatedAggregate(w_, *c.relation, c.scope, Aggregate::Count, nullptr);
            item.counts.emplace_back(c.name, -1);
          }
          w_ << ")";
          out_.items.push_back(std::move(item));
          break;
        }
        case Output::Kind::Include: {
          key(o.name);
          RowItem item;
          item.kind = RowItem::Kind::Include;
          item.name = o.name;
          item.include = o.include;
          // json(): a subquery's value loses its JSON subtype.
          w_ << "json(";
          inlineInclude(o.include);
          w_ << ")";
          out_.items.push_back(std::move(item));
          break;
        }
      }
    }
    w_ << ")";
    includes();
  }

  void jsonValue(const schema::Field& f) {
    switch (decodeAs(f)) {
      case DecodeAs::Real:
        w_ << "iif(";
        w_.column(s_.alias, f);
        w_ << " IS NULL, NULL, printf('%!.17g', ";
        w_.column(s_.alias, f);
        w_ << "))";
        return;
      case DecodeAs::Json:
        w_ << "iif(json_valid(";
        w_.column(s_.alias, f);
        w_ << "), json(";
        w_.column(s_.alias, f);
        w_ << "), ";
        w_.column(s_.alias, f);
        w_ << ")";
        return;
      case DecodeAs::Blob:
        w_ << "iif(typeof(";
        w_.column(s_.alias, f);
        w_ << ") = 'blob', json_object('$blob', hex(";
        w_.column(s_.alias, f);
        w_ << ")), ";
        w_.column(s_.alias, f);
        w_ << ")";
        return;
      default:
        w_.column(s_.alias, f);
    }
  }

  std::vector<std::pair<int, std::string>> linkColumns() const {
    std::vector<std::pair<int, std::string>> cols;
    const schema::Relation& rel = *s_.link;
    if (rel.kind == schema::RelationKind::ManyToMany) {
      cols.emplace_back(s_.link_join_alias, rel.join_from_column);
    } else {
      for (auto* f : rel.foreign_fields) cols.emplace_back(s_.alias, f->column);
    }
    return cols;
  }

  void from() {
    w_ << " FROM ";
    if (s_.link && s_.link->kind == schema::RelationKind::ManyToMany) {
      emitter::relatedFrom(w_, *s_.link, s_.alias, s_.link_join_alias);
    } else {
      w_.table(*s_.model, s_.alias);
    }
    for (auto& j : s_.joins) {
      w_ << " LEFT JOIN ";
      w_.table(*j.relation->to, j.alias);
      w_ << " ON ";
      emitter::correlation(w_, *j.relation, j.from_alias, j.alias, -1);
    }
  }

  void where() {
    bool any = false;
    if (s_.link && outer_alias_ >= 0) {
      w_ << " WHERE ";
      emitter::correlation(w_, *s_.link, outer_alias_, s_.alias, s_.link_join_alias);
      any = true;
    } else if (s_.link) {
      w_ << " WHERE ";
      linkFilter();
      any = true;
    }
    if (s_.where) {
      w_ << (any ? " AND " : " WHERE ");
      emitter::node(w_, *s_.where);
    }
  }

  // The child rows of the parent keys bound (as a JSON array) to external 0.
  void linkFilter() {
    Param keys;
    keys.source = ParamSource::External;
    keys.external = 0;
    auto cols = linkColumns();
    if (cols.size() == 1) {
      w_.column(cols[0].first, cols[0].second);
      w_ << " IN (SELECT value FROM json_each(";
      w_.param(keys);
      w_ << "))";
      return;
    }
    w_ << "(";
    for (size_t i = 0; i < cols.size(); ++i) {
      if (i) w_ << ", ";
      w_.column(cols[i].first, cols[i].second);
    }
    w_ << ") IN (SELECT ";
    for (size_t i = 0; i < cols.size(); ++i) {
      if (i) w_ << ", ";
      w_ << "json_extract(value, '$[" << std::to_string(i) << "]')";
    }
    w_ << " FROM json_each(";
    w_.param(keys);
    w_ << "))";
  }

  void groupBy() {
    if (s_.distinct_on.empty()) return;
    w_ << " GROUP BY ";
    for (size_t i = 0; i < s_.distinct_on.size(); ++i) {
      if (i) w_ << ", ";
      w_.column(s_.alias, *s_.distinct_on[i]);
    }
  }

  void orderTerms(bool primary_key_fallback) {
    bool first = true;
    for (auto& o : s_.order_by) {
      w_ << (first ? "" : ", ");
      first = false;
      if (o.kind == OrderTerm::Kind::Column) {
        emitter::columnRef(w_, o.column);
      } else {
        emitter::relatedAggregate(w_, *o.relation, o.scope, o.aggregate, o.column.field);
      }
      w_ << (o.desc ? " DESC" : " ASC");
      if (o.nulls == Nulls::First) w_ << " NULLS FIRST";
      if (o.nulls == Nulls::Last) w_ << " NULLS LAST";
    }
    if (first && primary_key_fallback) {
      for (auto* f : s_.model->primary_key) {
        w_ << (first ? "" : ", ");
        first = false;
        w_.column(s_.alias, *f);
      }
      if (first) w_ << "rowid";
    }
  }

  void limitOffset() {
    if (!s_.limit && !s_.offset) return;
    w_ << " LIMIT ";
    if (s_.limit) {
      w_.param(*s_.limit);
    } else {
      w_ << "-1";
    }
    if (s_.offset) {
      w_ << " OFFSET ";
      w_.param(*s_.offset);
    }
  }

  void rows() {
    bool windowed = s_.link && (s_.limit || s_.offset);
    if (windowed) {
      // A limit per parent: number the rows of each parent and keep a range.
      w_ << "SELECT * FROM (SELECT ";
      columns(true);
      w_ << ", ROW_NUMBER() OVER (PARTITION BY ";
      auto cols = linkColumns();
      for (size_t i = 0; i < cols.size(); ++i) {
        if (i) w_ << ", ";
        w_.column(cols[i].first, cols[i].second);
      }
      w_ << " ORDER BY ";
      orderTerms(true);
      w_ << ") AS \"__rn\"";
      from();
      where();
      groupBy();
      w_ << ") WHERE \"__rn\" > ";
      offsetParam();
      if (s_.limit) {
        w_ << " AND \"__rn\" <= ";
        offsetParam();
        w_ << " + ";
        w_.param(*s_.limit);
      }
      w_ << " ORDER BY \"__rn\"";
    } else {
      w_ << (s_.distinct ? "SELECT DISTINCT " : "SELECT ");
      columns(false);
      from();
      where();
      groupBy();
      if (!s_.order_by.empty()) {
        w_ << " ORDER BY ";
        orderTerms(false);
      }
      limitOffset();
    }
    includes();
  }

  void offsetParam() {
    if (s_.offset) {
      w_.param(*s_.offset);
    } else {
      w_ << "0";
    }
  }

  void count() {
    if (s_.distinct || !s_.distinct_on.empty()) {
      w_ << "SELECT COUNT(*) FROM (SELECT " << (s_.distinct ? "DISTINCT " : "");
      bool first = true;
      for (auto& f : s_.model->fields) {
        if (!f.stored()) continue;
        w_ << (first ? "" : ", ");
        first = false;
        w_.column(s_.alias, f);
      }
      from();
      where();
      groupBy();
      w_ << ")";
      return;
    }
    w_ << "SELECT COUNT(*)";
    from();
    where();
  }

  void includes() {
    if (strategy_ == IncludeStrategy::Json) {
      // RowItem::include indexes this list as it does the IR's includes.
      out_.includes.resize(s_.includes.size());
      for (auto& [index, ci] : inline_includes_) out_.includes[static_cast<size_t>(index)] = std::move(ci);
      return;
    }
    for (auto& inc : s_.includes) {
      CompiledInclude ci;
      ci.name = inc.name;
      ci.relation = inc.relation;
      ci.to_many = isToMany(*inc.relation);
      for (auto* f : inc.relation->local_fields) ci.parent_key_columns.push_back(column_of_.at(f));
      ci.child = std::make_unique<CompiledSelect>(emitSelect(*inc.child));
      out_.includes.push_back(std::move(ci));
    }
  }

  const Select& s_;
  IncludeStrategy strategy_;
  int outer_alias_;  // >= 0: a Json-strategy child correlated to that alias
  CompiledSelect out_;
  Writer w_;
  std::map<const schema::Field*, int> column_of_;
  std::map<int, CompiledInclude> inline_includes_;  // by include index
};

}  // namespace

CompiledSelect emitSelect(const Select& select, IncludeStrategy strategy) {
  return SelectEmitter(select, strategy).run();
}

}  // namespace litestone::query
