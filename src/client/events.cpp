#include "client/events.hpp"

#include "client/state.hpp"
#include "schema/schema.hpp"

namespace litestone::detail {

QueryEvent makeQueryEvent(const ClientState& state, const schema::Model* model, std::string_view operation,
                          const json& auth, std::string_view sql, json params, double duration_ms,
                          int64_t row_count, json args) {
  QueryEvent e;
  if (model != nullptr) {
    e.model = model->name;
    e.database = model->database != nullptr ? model->database->name : "main";
  } else {
    e.database = state.schema->mainDatabase().name;
  }
  e.operation = std::string(operation);
  e.actor_id = auth.is_object() ? auth.value("id", json()) : json();
  e.sql = std::string(sql);
  e.params = std::move(params);
  e.duration_ms = duration_ms;
  e.row_count = row_count;
  e.args = std::move(args);
  return e;
}

}  // namespace litestone::detail
