#pragma once

#include <nlohmann/json.hpp>

namespace litestone {

// Rows keep the schema's field order, so the JSON type is the ordered one.
using json = nlohmann::ordered_json;

}  // namespace litestone
