#pragma once

// A deterministic text dump of the IR, one node per line, indented by depth.
// Used by the golden tests under tests/query/cases and by --explain.

#include <string>

#include "query/ir/ir.hpp"
#include "query/ir/write.hpp"

namespace litestone::query {

std::string dumpSelect(const Select& select);
std::string dumpWrite(const Write& write);
std::string dumpNode(const Node& node);

}  // namespace litestone::query
