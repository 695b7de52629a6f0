// Write → INSERT / UPDATE / DELETE. The table carries the target's alias so
// the where (and its EXISTS subqueries) reads exactly as in a SELECT.

#include "common/quote.hpp"
#include "query/emit/writer.hpp"

namespace litestone::query {

CompiledWrite emitWrite(const Write& write) {
  CompiledWrite out;
  out.model = write.model;
  emitter::Writer w{out.sql, out.params};
  const schema::Model& m = *write.model;
  switch (write.kind) {
    case WriteKind::Insert: {
      w << "INSERT INTO " << quoteIdent(m.table);
      if (write.values.empty()) {
        w << " DEFAULT VALUES";
        break;
      }
      w << " (";
      for (size_t i = 0; i < write.values.size(); ++i) {
        if (i) w << ", ";
        w << quoteIdent(write.values[i].field->column);
      }
      w << ") VALUES (";
      for (size_t i = 0; i < write.values.size(); ++i) {
        if (i) w << ", ";
        w.param(write.values[i].value);
      }
      w << ")";
      if (write.on_conflict) {
        const OnConflict& c = *write.on_conflict;
        w << " ON CONFLICT";
        if (!c.target.empty()) {
          w << " (";
          for (size_t i = 0; i < c.target.size(); ++i)
            w << (i ? ", " : "") << quoteIdent(c.target[i]->column);
          w << ")";
        }
        if (c.sets.empty() && c.copy.empty()) {
          w << " DO NOTHING";
        } else {
          w << " DO UPDATE SET ";
          bool first = true;
          for (const auto& a : c.sets) {
            w << (first ? "" : ", ") << quoteIdent(a.field->column) << " = ";
            w.param(a.value);
            first = false;
          }
          for (const auto* f : c.copy) {
            w << (first ? "" : ", ") << quoteIdent(f->column) << " = excluded." << quoteIdent(f->column);
            first = false;
          }
        }
      }
      break;
    }
    case WriteKind::Update:
    case WriteKind::Delete: {
      int alias = write.target ? write.target->alias : 0;
      if (write.kind == WriteKind::Update) {
        w << "UPDATE ";
        w.table(m, alias);
        w << " SET ";
        for (size_t i = 0; i < write.values.size(); ++i) {
          if (i) w << ", ";
          w << quoteIdent(write.values[i].field->column) << " = ";
          w.param(write.values[i].value);
        }
      } else {
        w << "DELETE FROM ";
        w.table(m, alias);
      }
      if (write.target && write.target->where) {
        w << " WHERE ";
        emitter::node(w, *write.target->where);
      }
      break;
    }
  }
  for (size_t i = 0; i < write.returning.size(); ++i) {
    w << (i ? ", " : " RETURNING ") << quoteIdent(write.returning[i]->column);
  }
  return out;
}

namespace {

Param externalParam(int i) {
  Param p;
  p.source = ParamSource::External;
  p.external = i;
  return p;
}

Param constantParam(json v) {
  Param p;
  p.source = ParamSource::Constant;
  p.constant = std::move(v);
  return p;
}

}  // namespace

CompiledWrite emitJoinTable(const schema::Relation& r, JoinOp op) {
  CompiledWrite out;
  emitter::Writer w{out.sql, out.params};
  std::string table = quoteIdent(r.join_table), from = quoteIdent(r.join_from_column),
              to = quoteIdent(r.join_to_column);
  switch (op) {
    case JoinOp::Link:
      w << "INSERT INTO " << table << " (" << from << ", " << to << ") VALUES (";
      w.param(externalParam(0));
      w << ", ";
      w.param(externalParam(1));
      w << ") ON CONFLICT DO NOTHING";
      break;
    case JoinOp::Unlink:
    case JoinOp::Linked:
      w << (op == JoinOp::Unlink ? "DELETE FROM " : "SELECT 1 FROM ") << table << " WHERE " << from << " = ";
      w.param(externalParam(0));
      w << " AND " << to << " = ";
      w.param(externalParam(1));
      break;
    case JoinOp::UnlinkAll:
      w << "DELETE FROM " << table << " WHERE " << from << " = ";
      w.param(externalParam(0));
      break;
  }
  return out;
}

CompiledWrite emitNextSequence(const schema::Model& m, const schema::Field& f) {
  CompiledWrite out;
  out.model = &m;
  emitter::Writer w{out.sql, out.params};
  w << "INSERT INTO \"_litestone_sequences\" (\"model\", \"field\", \"scope\", \"value\") VALUES (";
  w.param(constantParam(m.name));
  w << ", ";
  w.param(constantParam(f.name));
  w << ", ";
  w.param(externalParam(0));
  w << ", (SELECT COALESCE(MAX(" << quoteIdent(f.column) << "), 0) + 1 FROM " << quoteIdent(m.table);
  if (f.sequence_scope) {
    w << " WHERE " << quoteIdent(f.sequence_scope->column) << " IS ";
    w.param(externalParam(1));
  }
  w << ")) ON CONFLICT (\"model\", \"field\", \"scope\") DO UPDATE SET \"value\" = \"value\" + 1 "
       "RETURNING \"value\"";
  return out;
}

}  // namespace litestone::query
