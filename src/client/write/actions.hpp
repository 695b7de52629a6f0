#pragma once

// The write actions of the wire protocol, registered in register.cpp. Each
// runs in one transaction of its model's database.

#include "client/state.hpp"

namespace litestone::detail::write {

json createAction(CallContext& ctx, const json& args);
json updateAction(CallContext& ctx, const json& args);
json upsertAction(CallContext& ctx, const json& args);
json removeAction(CallContext& ctx, const json& args);
json deleteAction(CallContext& ctx, const json& args);
json restoreAction(CallContext& ctx, const json& args);
json createManyAction(CallContext& ctx, const json& args);
json updateManyAction(CallContext& ctx, const json& args);
json upsertManyAction(CallContext& ctx, const json& args);
json removeManyAction(CallContext& ctx, const json& args);
json deleteManyAction(CallContext& ctx, const json& args);

}  // namespace litestone::detail::write
