#include "schema/resolve.hpp"
namespace litestone::schema::detail {
void resolveFieldAttributes(Context&) {}
void resolveModelAttributes(Context& ctx) {
  for (auto& ms : ctx.models) ms.model->database = &ctx.schema.mainDatabase();
}
void checkRules(Context&) {}
}  // namespace litestone::schema::detail
