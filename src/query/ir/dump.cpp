#include "query/ir/dump.hpp"

#include "query/ir/write.hpp"

namespace litestone::query {

namespace {

class Dumper {
 public:
  std::string take() { return std::move(out_); }

  void write(const Write& w) {
    static const char* kKinds[] = {"Insert", "Update", "Delete"};
    line(0, std::string(kKinds[static_cast<int>(w.kind)]) + " " + w.model->name);
    for (auto& a : w.values) line(1, "set " + a.field->name + " = " + param(a.value));
    if (w.target) {
      line(1, "target");
      select(*w.target, 2);
    }
    if (w.on_conflict) {
      std::string target;
      for (auto* f : w.on_conflict->target) target += (target.empty() ? "" : ", ") + f->name;
      line(1, "onConflict (" + target + ")");
      for (auto& a : w.on_conflict->sets) line(2, "set " + a.field->name + " = " + param(a.value));
      for (auto* f : w.on_conflict->copy) line(2, "set " + f->name + " = excluded." + f->name);
    }
    if (!w.returning.empty()) {
      std::string cols;
      for (auto* f : w.returning) cols += (cols.empty() ? "" : ", ") + f->name;
      line(1, "returning " + cols);
    }
  }

  void select(const Select& s, int depth) {
    line(depth, "Select " + s.model->name + " as t" + std::to_string(s.alias) + " mode=" + modeName(s.mode) +
                    " softDelete=" + softDeleteName(s.soft_delete) + (s.distinct ? " distinct" : ""));
    if (s.link) {
      line(depth + 1,
           "link " + s.link->from->name + "." + s.link->field->name + " (parent keys = external 0)");
    }
    for (auto* f : s.distinct_on) line(depth + 1, "distinctOn " + f->name);
    for (auto& o : s.outputs) output(o, depth + 1);
    for (auto& j : s.joins) {
      line(depth + 1, "leftJoin t" + std::to_string(j.alias) + " = " + j.relation->to->name + " via t" +
                          std::to_string(j.from_alias) + "." + j.relation->field->name);
    }
    if (s.where) {
      line(depth + 1, "where");
      node(*s.where, depth + 2);
    }
    for (auto& o : s.order_by) order(o, depth + 1);
    if (s.limit) line(depth + 1, "limit " + param(*s.limit));
    if (s.offset) line(depth + 1, "offset " + param(*s.offset));
    for (auto& inc : s.includes) {
      line(depth + 1, "include " + inc.name);
      select(*inc.child, depth + 2);
    }
  }

  void node(const Node& n, int depth) {
    switch (n.kind) {
      case NodeKind::And:
        line(depth, "And");
        for (auto& c : n.as<AndNode>().children) node(*c, depth + 1);
        break;
      case NodeKind::Or:
        line(depth, "Or");
        for (auto& c : n.as<OrNode>().children) node(*c, depth + 1);
        break;
      case NodeKind::Not: {
        auto& x = n.as<NotNode>();
        line(depth, x.strict ? "NotTrue" : "Not");
        node(*x.child, depth + 1);
        break;
      }
      case NodeKind::Compare: {
        auto& x = n.as<CompareNode>();
        line(depth, "Compare " + column(x.column) + " " + opName(x.op) + " " + param(x.value));
        break;
      }
      case NodeKind::IsNull: {
        auto& x = n.as<IsNullNode>();
        line(depth, std::string(x.negated ? "IsNotNull " : "IsNull ") + column(x.column));
        break;
      }
      case NodeKind::In: {
        auto& x = n.as<InNode>();
        line(depth, std::string(x.negated ? "NotIn " : "In ") + column(x.column) + " " + param(x.list));
        break;
      }
      case NodeKind::Like: {
        auto& x = n.as<LikeNode>();
        line(depth,
             std::string(x.insensitive ? "Like " : "Glob ") + column(x.column) + " " + param(x.pattern));
        break;
      }
      case NodeKind::Raw: {
        auto& x = n.as<RawNode>();
        std::string text = "Raw \"" + x.sql + "\"";
        for (auto& p : x.params) text += " " + param(p);
        line(depth, text);
        break;
      }
      case NodeKind::Exists: {
        auto& x = n.as<ExistsNode>();
        line(depth, std::string(x.negated ? "NotExists " : "Exists ") + x.relation->to->name + " as t" +
                        std::to_string(x.alias) + " via t" + std::to_string(x.outer_alias) + "." +
                        x.relation->field->name);
        if (x.filter) node(*x.filter, depth + 1);
        break;
      }
      case NodeKind::Constant:
        line(depth, n.as<ConstantNode>().value ? "True" : "False");
        break;
    }
  }

 private:
  void line(int depth, const std::string& text) {
    out_.append(static_cast<size_t>(depth) * 2, ' ');
    out_ += text;
    out_ += '\n';
  }

  void output(const Output& o, int depth) {
    switch (o.kind) {
      case Output::Kind::Field:
        line(depth, "field " + o.name);
        break;
      case Output::Kind::Key:
        line(depth, "key " + o.field->name);
        break;
      case Output::Kind::Include:
        line(depth, "slot " + o.name);
        break;
      case Output::Kind::Count:
        line(depth, "count " + o.relation->field->name);
        break;
    }
  }

  void order(const OrderTerm& o, int depth) {
    std::string text = "orderBy ";
    if (o.kind == OrderTerm::Kind::Column) {
      text += column(o.column);
    } else {
      static const char* kNames[] = {"_count", "_sum", "_avg", "_min", "_max"};
      text += std::string(kNames[static_cast<int>(o.aggregate)]) + "(" + o.relation->field->name;
      if (o.column.field) text += "." + o.column.field->name;
      text += ")";
    }
    text += o.desc ? " desc" : " asc";
    if (o.nulls == Nulls::First) text += " nulls first";
    if (o.nulls == Nulls::Last) text += " nulls last";
    line(depth, text);
  }

  static std::string column(const ColumnRef& c) {
    std::string text = "t" + std::to_string(c.alias) + "." + c.field->name;
    for (auto& p : c.json_path) text += "->" + p;
    return text;
  }

  static std::string param(const Param& p) {
    std::string text;
    switch (p.source) {
      case ParamSource::Args:
        text = "$" + pathText(p.path);
        break;
      case ParamSource::Constant:
        text = "const(" + p.constant.dump() + ")";
        break;
      case ParamSource::External:
        text = "external(" + std::to_string(p.external) + ")";
        break;
      case ParamSource::Auth:
        text = "auth." + pathText(p.path);
        break;
      case ParamSource::Value:
        text = "value(" + (p.field ? p.field->name : std::string("?")) + ")";
        break;
    }
    static const char* kTransforms[] = {"",
                                        "likeContains",
                                        "likeStartsWith",
                                        "likeEndsWith",
                                        "globContains",
                                        "globStartsWith",
                                        "globEndsWith"};
    if (p.transform != ValueTransform::None) {
      text = std::string(kTransforms[static_cast<int>(p.transform)]) + "(" + text + ")";
    }
    return text;
  }

  static std::string opName(CompareOp op) {
    static const char* kNames[] = {"=", "<>", ">", ">=", "<", "<=", "IS NOT"};
    return kNames[static_cast<int>(op)];
  }
  static std::string modeName(ReadMode m) {
    static const char* kNames[] = {"rows", "count", "exists"};
    return kNames[static_cast<int>(m)];
  }
  static std::string softDeleteName(SoftDeleteMode m) {
    static const char* kNames[] = {"live", "withDeleted", "onlyDeleted"};
    return kNames[static_cast<int>(m)];
  }

  std::string out_;
};

}  // namespace

std::string dumpSelect(const Select& select) {
  Dumper d;
  d.select(select, 0);
  return d.take();
}

std::string dumpWrite(const Write& write) {
  Dumper d;
  d.write(write);
  return d.take();
}

std::string dumpNode(const Node& node) {
  Dumper d;
  d.node(node, 0);
  return d.take();
}

}  // namespace litestone::query
