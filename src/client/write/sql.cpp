// Statement execution for writes: quoting, binds by field type, observers.
// Identifiers come from the schema only; every value is a bound parameter.

#include <cstdint>
#include <string>
#include <vector>

#include "client/read_exec.hpp"
#include "client/write/write.hpp"
#include "common/base64.hpp"

namespace litestone::detail::write {

namespace {

// Values kept as JSON text in their column: Json, typed Json, lists, files.
bool storedAsJson(const schema::Field& f) {
  return f.list || f.kind == schema::FieldKind::TypedJson || f.scalar == schema::ScalarType::Json ||
         f.scalar == schema::ScalarType::File;
}

json actorId(const json& auth) {
  if (auth.is_object()) {
    auto it = auth.find("id");
    if (it != auth.end()) return *it;
  }
  return nullptr;
}

}  // namespace

Exec::Exec(const WriteCall& w, engine::Connection& conn, const std::string& sql)
    : w_(w), lease_(conn.cached(sql)), observe_(w.call.state.hasObservers()) {
  if (observe_) params_ = json::array();
}

void Exec::bind(const schema::Field& f, const json& value) { bindValue(f, value, false); }

void Exec::bindRef(const schema::Field& f, const json& value) { bindValue(f, value, true); }

void Exec::bindValue(const schema::Field& f, const json& value, bool by_ref) {
  int i = next_++;
  auto& s = *lease_;
  if (value.is_null()) {
    s.bindNull(i);
  } else if (storedAsJson(f)) {
    s.bindText(i, value.dump());
  } else if (f.scalar == schema::ScalarType::Blob && value.is_object()) {
    auto bytes = base64Decode(value.value("$blob", std::string()));
    if (!bytes)  // validateRow already refuses these; a guard, not a path
      throw QueryError("QUERY_INVALID_ARGUMENT", "field \"" + f.name + "\": $blob is not valid base64",
                       {{"model", w_.model.name}, {"field", f.name}});
    s.bindBlob(i, *bytes);
  } else if (f.scalar == schema::ScalarType::Blob && value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    s.bindBlob(i, std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
  } else if (f.scalar == schema::ScalarType::Real && value.is_number()) {
    s.bind(i, value.get<double>());
  } else if (by_ref) {
    s.bindJsonRef(i, value);  // bool → 0/1, integer, text (not copied)
  } else {
    s.bindJson(i, value);  // bool → 0/1, integer, text
  }
  if (observe_) params_.push_back(value);
}

void Exec::bindPlain(const json& value) {
  lease_->bindJson(next_++, value);
  if (observe_) params_.push_back(value);
}

bool Exec::step() {
  if (observe_ && rows_ == 0) start_ = std::chrono::steady_clock::now();
  try {
    bool row = lease_->step();
    if (row) ++rows_;
    return row;
  } catch (const ConstraintError& e) {
    throw mapConstraint(w_.model, e);
  }
}

int64_t Exec::run() {
  if (observe_) start_ = std::chrono::steady_clock::now();
  int64_t changes;
  try {
    changes = lease_->run();
  } catch (const ConstraintError& e) {
    throw mapConstraint(w_.model, e);
  }
  notify(changes);
  return changes;
}

void Exec::finish() {
  if (!reported_) notify(rows_);
}

void Exec::reset() {
  lease_->tryReset();
  next_ = 1;
  rows_ = 0;
  reported_ = false;
  if (observe_) params_ = json::array();
}

void Exec::notify(int64_t rows) {
  reported_ = true;
  if (!observe_) return;
  QueryEvent e;
  e.model = w_.model.name;
  e.operation = std::string(w_.call.action);
  e.database = w_.model.database ? w_.model.database->name : "main";
  e.actor_id = actorId(w_.call.auth);
  e.sql = std::string(lease_->sql());
  e.params = params_;
  e.duration_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
  e.row_count = rows;
  e.args = w_.args;
  w_.call.state.notify(e);
}

int64_t runCompiled(const WriteCall& w, engine::Connection& conn, const query::CompiledWrite& compiled,
                    const json& data, std::vector<json>* keys) {
  Exec e(w, conn, compiled.sql);
  bindCompiled(e, w, compiled, data);
  if (!keys) return e.run();
  while (e.step()) {
    json pk = json::object();
    int i = 0;
    for (const auto* f : w.model.primary_key) pk[f->name] = e.statement().getJson(i++);
    keys->push_back(std::move(pk));
  }
  e.finish();
  return static_cast<int64_t>(keys->size());
}

std::shared_ptr<const query::CompiledWrite> compiledWrite(const WriteCall& w, query::WriteAction action,
                                                          std::vector<const schema::Field*> fields,
                                                          bool return_keys) {
  query::WriteRequest req;
  req.schema = w.call.state.schema.get();
  req.model = &w.model;
  req.action = action;
  req.system = w.call.system;
  req.args = &w.args;
  req.fields = std::move(fields);
  req.return_keys = return_keys;
  req.auth = &w.call.auth;
  return w.call.state.compile_cache.write(req);
}

bool isSingleStatement(const schema::Model& model, const json& data) {
  if (!data.is_object()) return false;
  for (const auto& f : model.fields)
    if (f.sequence) return false;
  for (const auto& [key, value] : data.items()) {
    const schema::Field* f = model.field(key);
    if (f && f->kind == schema::FieldKind::Relation) return false;
  }
  return true;
}

void inWriteTransaction(CallContext& ctx, bool single, const std::function<void(engine::Connection&)>& fn) {
  auto& db = ctx.state.databaseFor(*ctx.model);
  if (single) {
    db.singleStatement(fn);
  } else {
    db.transaction(fn);
  }
}

std::shared_ptr<const query::CompiledWrite> statement(const WriteCall& w, const std::string& key,
                                                      const std::function<query::CompiledWrite()>& build) {
  return w.call.state.compile_cache.statement(key, build);
}

void bindCompiled(Exec& e, const WriteCall& w, const query::CompiledWrite& c, const json& row,
                  std::span<const json> keys, const json* second) {
  static const json kNull;
  for (const auto& p : c.params) {
    switch (p.source) {
      case query::ParamSource::Value: {
        const json& from = p.external == 1 && second ? *second : row;
        auto it = from.find(p.field->name);
        e.bindRef(*p.field, it == from.end() ? kNull : *it);  // row outlives the step
        break;
      }
      case query::ParamSource::External:
        e.bindPlain(keys[static_cast<size_t>(p.external)]);
        break;
      case query::ParamSource::Constant:
        e.bindPlain(p.constant);
        break;
      case query::ParamSource::Args:
      case query::ParamSource::Auth:
        e.bindPlain(resolveParam(p, w.args, {}, w.call.auth));
        break;
    }
  }
}

std::vector<json> keyValues(const schema::Model& model, const json& pk) {
  std::vector<json> out;
  out.reserve(model.primary_key.size());
  for (const auto* f : model.primary_key) out.push_back(pk.at(f->name));
  return out;
}

void appendMask(const schema::Model& model, const json& data, std::string& key,
                std::vector<const schema::Field*>& fields) {
  for (const auto& f : model.fields) {
    bool on = f.stored() && data.contains(f.name);
    key += on ? '1' : '0';
    if (on) fields.push_back(&f);
  }
}

json pkOf(const schema::Model& model, const json& row) {
  json pk = json::object();
  for (const auto* f : model.primary_key) {
    auto it = row.find(f->name);
    pk[f->name] = it == row.end() ? json(nullptr) : *it;
  }
  return pk;
}

json rawRow(const schema::Model& model, engine::Statement& s) {
  json row = json::object();
  int i = 0;
  for (const auto& f : model.fields) {
    if (!f.stored()) continue;
    row[f.name] = s.getJson(i++);
  }
  return row;
}

}  // namespace litestone::detail::write
