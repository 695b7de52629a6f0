// Registers the write actions under their wire names.

#include "client/write/actions.hpp"

namespace litestone::detail {

namespace {

// Absent args (null, as `{}` is in C++) mean "no arguments".
template <ActionFn Fn>
json objectArgs(CallContext& ctx, const json& args) {
  static const json kEmpty = json::object();
  return Fn(ctx, args.is_null() ? kEmpty : args);
}

}  // namespace

void registerWriteActions() {
  registerAction("create", objectArgs<write::createAction>);
  registerAction("update", objectArgs<write::updateAction>);
  registerAction("upsert", objectArgs<write::upsertAction>);
  registerAction("remove", objectArgs<write::removeAction>);
  registerAction("delete", objectArgs<write::deleteAction>);
  registerAction("restore", objectArgs<write::restoreAction>);
  registerAction("createMany", objectArgs<write::createManyAction>);
  registerAction("updateMany", objectArgs<write::updateManyAction>);
  registerAction("upsertMany", objectArgs<write::upsertManyAction>);
  registerAction("removeMany", objectArgs<write::removeManyAction>);
  registerAction("deleteMany", objectArgs<write::deleteManyAction>);
}

}  // namespace litestone::detail
