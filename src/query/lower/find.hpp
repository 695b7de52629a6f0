#pragma once

// The args of a read action → a Select. Checks the top-level keys against
// the action (unknown keys are errors, never ignored).

#include "query/lower/context.hpp"

namespace litestone::query {

std::unique_ptr<Select> lowerRead(LowerContext& ctx, const schema::Model& model, const json& args);

// The top-level argument names each read action accepts.
const std::vector<std::string>& allowedArguments(Operation op);

}  // namespace litestone::query
