#pragma once

// select / include → the outputs of a Select and its included relations,
// each a child Select loaded in one batched statement per level.
// Field visibility: @omit(all) never shows; @omit shows only when selected
// explicitly or in findUnique; @guarded shows only to asSystem().

#include "query/lower/context.hpp"

namespace litestone::query {

// Fills select.outputs and select.includes from args["select"] /
// args["include"] (args found at `path`). `top` is false for included levels.
void lowerProjection(LowerContext& ctx, Select& select, const json& args, const ArgPath& path, bool top);

// Lowers the standard list arguments shared by a find and a to-many include:
// where, orderBy, limit, offset.
void lowerListArgs(LowerContext& ctx, Select& select, const json& args, const ArgPath& path);

}  // namespace litestone::query
