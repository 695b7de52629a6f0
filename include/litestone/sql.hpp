#pragma once

// A SQL fragment with bound values, for `where: {"$raw": ...}`:
//
//   db["products"].findMany({{"where", {{"$raw", litestone::sql("price > ?", {10})}}}});
//
// It is plain JSON, {"$sql": "price > ?", "params": [10]}, so the same
// fragment travels over the wire protocol and the CLI. Each ? takes the next
// value of params, bound by SQLite: values are never spliced into the text.
// The text itself is trusted SQL: never build it from user input.

#include <string>

#include "litestone/json.hpp"

namespace litestone {

inline json sql(std::string text, json params = json::array()) {
  if (!params.is_array()) params = json::array({std::move(params)});
  return json{{"$sql", std::move(text)}, {"params", std::move(params)}};
}

}  // namespace litestone
