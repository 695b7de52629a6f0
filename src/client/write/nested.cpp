// Nested writes: relation fields inside `data`. They run in the caller's
// transaction, so a failing child undoes its parent.
//   belongsTo (this row holds the foreign key): create, connect,
//     connectOrCreate, and on update also disconnect, update. They run first
//     and set the foreign key fields of the row.
//   hasMany / hasOne (the other row holds the key): create, createMany,
//     connect, connectOrCreate, disconnect, set, update. They run after the
//     row exists.
//   manyToMany (join table rows): create, connect, connectOrCreate,
//     disconnect, set, update.

#include <string>

#include "client/write/write.hpp"
#include "query/statements.hpp"

namespace litestone::detail::write {

namespace {

using schema::RelationKind;

std::vector<json> asList(const json& v) {
  if (v.is_array()) return v.get<std::vector<json>>();
  return {v};
}

void checkOps(const schema::Field& f, const json& op, std::initializer_list<std::string_view> allowed) {
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  if (!op.is_object())
    throw QueryError(
        "QUERY_INVALID_ARGUMENT",
        "nested write on " + f.model->name + "." + f.name + " must be an object with one of: " + list,
        {{"model", f.model->name}, {"field", f.name}});
  for (const auto& [key, value] : op.items()) {
    bool ok = false;
    for (auto a : allowed) ok = ok || key == a;
    if (!ok)
      throw QueryError("QUERY_UNKNOWN_ARGUMENT",
                       "unknown nested write \"" + key + "\" on " + f.model->name + "." + f.name +
                           "; expected one of: " + list,
                       {{"model", f.model->name}, {"field", f.name}, {"argument", key}});
  }
}

const json& member(const schema::Field& f, const json& v, const char* key, const char* op) {
  auto it = v.is_object() ? v.find(key) : v.end();
  if (it == v.end())
    throw QueryError("QUERY_MISSING_ARGUMENT",
                     std::string(op) + " on " + f.model->name + "." + f.name + " requires \"" + key + "\"",
                     {{"model", f.model->name}, {"field", f.name}, {"argument", key}});
  return *it;
}

json findOne(const WriteCall& cw, const schema::Field& f, const json& where, const char* op,
             const std::vector<const schema::Field*>& fields) {
  auto rows = findRows(cw, where, fields, 1);
  if (rows.empty())
    throw NotFoundError("NOT_FOUND",
                        std::string(op) + " on " + f.model->name + "." + f.name + ": no " + cw.model.name +
                            " row matches " + where.dump(),
                        {{"model", cw.model.name}, {"where", where}});
  return rows.front();
}

json findOneOrNull(const WriteCall& cw, const json& where, const std::vector<const schema::Field*>& fields) {
  auto rows = findRows(cw, where, fields, 1);
  return rows.empty() ? json(nullptr) : rows.front();
}

json andWhere(const json& a, const json& b) { return {{"AND", json::array({a, b})}}; }

// ---- belongsTo ------------------------------------------------------------

void parentOps(const WriteCall& w, engine::Connection& conn, const schema::Field& f, const json& op,
               json& data, WriteOp kind, const json* pk) {
  const schema::Relation& r = *f.relation;
  WriteCall cw = w.child(*r.to);
  if (kind == WriteOp::Create)
    checkOps(f, op, {"create", "connect", "connectOrCreate"});
  else
    checkOps(f, op, {"create", "connect", "connectOrCreate", "disconnect", "update"});
  auto setKey = [&](const json& parent) {
    for (size_t i = 0; i < r.local_fields.size(); ++i)
      data[r.local_fields[i]->name] = parent.at(r.foreign_fields[i]->name);
  };
  for (const auto& [key, value] : op.items()) {
    if (key == "create") {
      setKey(createRow(cw, conn, value, true));
    } else if (key == "connect") {
      setKey(findOne(cw, f, value, "connect", r.foreign_fields));
    } else if (key == "connectOrCreate") {
      json found = findOneOrNull(cw, member(f, value, "where", "connectOrCreate"), r.foreign_fields);
      setKey(found.is_null() ? createRow(cw, conn, member(f, value, "create", "connectOrCreate"), true)
                             : found);
    } else if (key == "disconnect") {
      if (value == true)
        for (const auto* lf : r.local_fields) data[lf->name] = nullptr;
    } else if (key == "update") {
      json current = selectRaw(w, conn, *pk);
      if (current.is_null()) continue;
      json where = json::object();
      for (size_t i = 0; i < r.local_fields.size(); ++i)
        where[r.foreign_fields[i]->name] = current[r.local_fields[i]->name];
      json parent = findOne(cw, f, where, "update", {});
      json parent_pk = pkOf(*r.to, parent);
      updateRow(cw, conn, parent_pk, value);
    }
  }
}

// ---- hasMany / hasOne ------------------------------------------------------

void childOps(const WriteCall& w, engine::Connection& conn, const schema::Field& f, const json& op,
              const json& row) {
  const schema::Relation& r = *f.relation;
  WriteCall cw = w.child(*r.to);
  bool many = r.kind == RelationKind::HasMany;
  checkOps(f, op, {"create", "createMany", "connect", "connectOrCreate", "disconnect", "set", "update"});
  json link = json::object();  // the child's foreign key pointing at this row
  json unlink = json::object();
  for (size_t i = 0; i < r.foreign_fields.size(); ++i) {
    link[r.foreign_fields[i]->name] = row.at(r.local_fields[i]->name);
    unlink[r.foreign_fields[i]->name] = nullptr;
  }
  auto createChild = [&](json child) {
    if (!child.is_object())
      throw QueryError("QUERY_INVALID_ARGUMENT", "nested create on " + f.name + " takes objects",
                       {{"model", f.model->name}, {"field", f.name}});
    for (const auto& [k, v] : link.items()) child[k] = v;
    createRow(cw, conn, std::move(child), false);
  };
  auto connectChild = [&](const json& where) {
    json pk = pkOf(*r.to, findOne(cw, f, where, "connect", {}));
    updateRow(cw, conn, pk, link);
  };
  for (const auto& [key, value] : op.items()) {
    if (key == "create") {
      for (const auto& item : asList(value)) createChild(item);
    } else if (key == "createMany") {
      for (const auto& item : asList(member(f, value, "data", "createMany"))) createChild(item);
    } else if (key == "connect") {
      for (const auto& where : asList(value)) connectChild(where);
    } else if (key == "connectOrCreate") {
      for (const auto& item : asList(value)) {
        json found = findOneOrNull(cw, member(f, item, "where", "connectOrCreate"), {});
        if (found.is_null())
          createChild(member(f, item, "create", "connectOrCreate"));
        else
          connectChild(member(f, item, "where", "connectOrCreate"));
      }
    } else if (key == "disconnect") {
      std::vector<json> wheres = value.is_boolean() ? std::vector<json>{} : asList(value);
      if (value == true) wheres.push_back(json::object());
      for (const auto& where : wheres)
        for (auto pk : findTargets(cw, andWhere(where, link), Deleted::Live)) updateRow(cw, conn, pk, unlink);
    } else if (key == "set") {
      for (auto pk : findTargets(cw, link, Deleted::Live)) updateRow(cw, conn, pk, unlink);
      for (const auto& where : asList(value)) connectChild(where);
    } else if (key == "update") {
      for (const auto& item : asList(value)) {
        json where = many ? member(f, item, "where", "update") : item.value("where", json::object());
        const json& data = many || item.contains("data") ? member(f, item, "data", "update") : item;
        for (auto pk : findTargets(cw, andWhere(where, link), Deleted::Live, many ? 0 : 1))
          updateRow(cw, conn, pk, data);
      }
    }
  }
}

// ---- manyToMany -----------------------------------------------------------

void joinOps(const WriteCall& w, engine::Connection& conn, const schema::Field& f, const json& op,
             const json& row) {
  const schema::Relation& r = *f.relation;
  WriteCall cw = w.child(*r.to);
  checkOps(f, op, {"create", "connect", "connectOrCreate", "disconnect", "set", "update"});
  const json ours = row.at(r.local_fields.front()->name);
  const std::string& theirs_field = r.foreign_fields.front()->name;
  auto join = [&](query::JoinOp which) {
    std::string key = "joinTable\x1f" + r.from->name + "\x1f" + r.field->name + "\x1f" +
                      std::to_string(static_cast<int>(which));
    return statement(w, key, [&] { return query::joinTable(r, which); });
  };
  auto run = [&](query::JoinOp which, const json* other) {
    auto c = join(which);
    Exec e(w, conn, c->sql);
    std::vector<json> keys{ours};
    if (other) keys.push_back(other->at(theirs_field));
    bindCompiled(e, w, *c, json(), keys);
    if (which != query::JoinOp::Linked) return e.run() > 0;
    bool yes = e.step();
    e.finish();
    return yes;
  };
  auto link = [&](const json& other) { run(query::JoinOp::Link, &other); };
  auto unlink = [&](const json& other) { run(query::JoinOp::Unlink, &other); };
  auto linked = [&](const json& other) { return run(query::JoinOp::Linked, &other); };
  for (const auto& [key, value] : op.items()) {
    if (key == "create") {
      for (const auto& item : asList(value)) link(createRow(cw, conn, item, true));
    } else if (key == "connect") {
      for (const auto& where : asList(value)) link(findOne(cw, f, where, "connect", r.foreign_fields));
    } else if (key == "connectOrCreate") {
      for (const auto& item : asList(value)) {
        json found = findOneOrNull(cw, member(f, item, "where", "connectOrCreate"), r.foreign_fields);
        link(found.is_null() ? createRow(cw, conn, member(f, item, "create", "connectOrCreate"), true)
                             : found);
      }
    } else if (key == "disconnect") {
      for (const auto& where : asList(value))
        for (const auto& other : findRows(cw, where, r.foreign_fields)) unlink(other);
    } else if (key == "set") {
      run(query::JoinOp::UnlinkAll, nullptr);
      for (const auto& where : asList(value)) link(findOne(cw, f, where, "set", r.foreign_fields));
    } else if (key == "update") {
      for (const auto& item : asList(value)) {
        for (const auto& other : findRows(cw, member(f, item, "where", "update"), r.foreign_fields)) {
          if (!linked(other)) continue;
          json pk = pkOf(*r.to, other);
          updateRow(cw, conn, pk, member(f, item, "data", "update"));
        }
      }
    }
  }
}

}  // namespace

NestedOps splitNested(const schema::Model& model, json& data) {
  NestedOps out;
  if (!data.is_object()) return out;
  for (auto it = data.begin(); it != data.end();) {
    const schema::Field* f = model.field(it.key());
    if (f && f->kind == schema::FieldKind::Relation) {
      out.ops.emplace_back(f, std::move(it.value()));
      it = data.erase(it);
    } else {
      ++it;
    }
  }
  return out;
}

void applyParentOps(const WriteCall& w, engine::Connection& conn, const NestedOps& ops, json& data,
                    WriteOp op, const json* pk) {
  for (const auto& [f, value] : ops.ops)
    if (f->relation && f->relation->kind == RelationKind::BelongsTo)
      parentOps(w, conn, *f, value, data, op, pk);
}

void applyChildOps(const WriteCall& w, engine::Connection& conn, const NestedOps& ops, const json& row,
                   WriteOp) {
  for (const auto& [f, value] : ops.ops) {
    if (!f->relation) continue;
    switch (f->relation->kind) {
      case RelationKind::BelongsTo:
        break;
      case RelationKind::HasMany:
      case RelationKind::HasOne:
        childOps(w, conn, *f, value, row);
        break;
      case RelationKind::ManyToMany:
        joinOps(w, conn, *f, value, row);
        break;
    }
  }
}

}  // namespace litestone::detail::write
