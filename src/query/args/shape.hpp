#pragma once

// The shape of a call's args: the args with every bound value replaced by a
// one-letter type marker, keeping what changes the SQL (keys, orderBy
// directions, select flags, $raw text, mode, null). Two calls with the same
// shape compile to the same SQL, so the compile cache is keyed by it and a
// repeated query costs this walk, a hash lookup and the binds.
//
// Keys are length-prefixed, so no crafted key can make two different
// structures share a shape.

#include <string>

#include "litestone/json.hpp"

namespace litestone::query {

// Appends the shape of an action's args to out.
void appendShape(const json& args, std::string& out);

}  // namespace litestone::query
