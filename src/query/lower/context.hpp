#pragma once

// State shared by the lower/ functions while one call's args become IR.

#include <string_view>

#include "query/ir/ir.hpp"

namespace litestone::query {

// The read operations the query layer compiles.
// Total is the count half of findManyAndCount: findMany's arguments, counted
// without limit/offset/orderBy/select.
enum class Operation { FindMany, FindFirst, FindUnique, Count, Exists, Total };

std::string_view operationName(Operation op);

struct LowerContext {
  const schema::Schema& schema;
  Operation operation = Operation::FindMany;
  bool system = false;  // asSystem(): @guarded fields are visible
  AliasAllocator aliases;
};

// Appends one step to a path (returns a new path: paths are short).
inline ArgPath child(const ArgPath& path, std::string key) {
  ArgPath p = path;
  p.push_back(PathStep{std::move(key), -1});
  return p;
}
inline ArgPath child(const ArgPath& path, int index) {
  ArgPath p = path;
  p.push_back(PathStep{{}, index});
  return p;
}

}  // namespace litestone::query
