// upsert: update the row where matches, else create one.

#include "client/write/actions.hpp"
#include "client/write/write.hpp"

namespace litestone::detail::write {

json upsertAction(CallContext& ctx, const json& args) {
  checkArgs("upsert", args, {"where", "create", "update", "select", "include"});
  const json& where = requireArg("upsert", args, "where");
  const json& create = requireArg("upsert", args, "create");
  json update = args.value("update", json::object());
  const auto& model = *ctx.model;
  json result = nullptr;
  ctx.state.databaseFor(model).transaction([&](engine::Connection& conn) {
    CallClock clock;
    WriteCall w{ctx, model, clock, args};
    auto targets = findTargets(w, where, Deleted::Live, 1);
    json pk;
    if (!targets.empty()) {
      pk = targets.front();
      updateRow(w, conn, pk, update);
    } else {
      pk = pkOf(model, createRow(w, conn, create, true, true));
    }
    if (!noReturn(args)) result = readBack(w, pk, args, Deleted::Any);
  });
  return result;
}

}  // namespace litestone::detail::write
