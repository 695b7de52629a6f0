// Registers the write actions under their wire names.

#include "client/write/actions.hpp"

namespace litestone::detail {

void registerWriteActions() {
  registerAction("create", write::createAction);
  registerAction("update", write::updateAction);
  registerAction("upsert", write::upsertAction);
  registerAction("remove", write::removeAction);
  registerAction("delete", write::deleteAction);
  registerAction("restore", write::restoreAction);
  registerAction("createMany", write::createManyAction);
  registerAction("updateMany", write::updateManyAction);
  registerAction("upsertMany", write::upsertManyAction);
  registerAction("removeMany", write::removeManyAction);
  registerAction("deleteMany", write::deleteManyAction);
}

}  // namespace litestone::detail
