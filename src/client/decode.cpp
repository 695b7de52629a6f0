#include "client/decode.hpp"

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "common/base64.hpp"

namespace litestone::detail {

namespace {

// json_object() renders a blob as hex text (the SQL asks for hex()); the
// row shows it as base64 like every other blob.
std::string hexToBase64(std::string_view hex) {
  std::vector<uint8_t> bytes;
  bytes.reserve(hex.size() / 2);
  auto nibble = [](char c) -> uint8_t {
    if (c >= '0' && c <= '9') return static_cast<uint8_t>(c - '0');
    if (c >= 'A' && c <= 'F') return static_cast<uint8_t>(c - 'A' + 10);
    if (c >= 'a' && c <= 'f') return static_cast<uint8_t>(c - 'a' + 10);
    return 0;
  };
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    bytes.push_back(static_cast<uint8_t>(nibble(hex[i]) << 4 | nibble(hex[i + 1])));
  return base64Encode(bytes);
}

void fixValue(json& v, query::DecodeAs as) {
  using query::DecodeAs;
  switch (as) {
    case DecodeAs::Boolean:
      if (v.is_number()) v = v.get<double>() != 0;
      break;
    case DecodeAs::Real:
      if (v.is_string()) v = std::strtod(v.get_ref<const std::string&>().c_str(), nullptr);
      break;
    case DecodeAs::Blob:
      if (v.is_object() && v.size() == 1 && v.contains("$blob") && v["$blob"].is_string()) {
        v["$blob"] = hexToBase64(v["$blob"].get_ref<const std::string&>());
      }
      break;
    default:
      break;
  }
}

}  // namespace

void decodeJsonRow(json& row, const query::CompiledSelect& select) {
  if (!row.is_object()) return;
  auto& obj = row.get_ref<json::object_t&>();
  size_t k = 0;
  for (const auto& item : select.items) {
    // json_object() wrote the keys in the order of the items.
    json* v = nullptr;
    auto entry = obj.begin() + static_cast<std::ptrdiff_t>(std::min(k, obj.size()));
    if (entry != obj.end() && entry->first == item.name) {
      v = &entry->second;
    } else {
      auto it = row.find(item.name);
      if (it == row.end()) continue;
      v = &*it;
    }
    ++k;
    switch (item.kind) {
      case query::RowItem::Kind::Column:
        fixValue(*v, item.decode);
        break;
      case query::RowItem::Kind::Include: {
        const auto& inc = select.includes[static_cast<size_t>(item.include)];
        if (inc.to_many && v->is_null()) *v = json::array();
        if (v->is_array()) {
          for (auto& child : *v) decodeJsonRow(child, *inc.child);
        } else {
          decodeJsonRow(*v, *inc.child);
        }
        break;
      }
      case query::RowItem::Kind::Counts:
        break;
    }
  }
}

json decodeColumn(const engine::Statement& stmt, int column, query::DecodeAs as) {
  using query::DecodeAs;
  engine::ColumnType type = stmt.columnType(column);
  if (type == engine::ColumnType::Null) return nullptr;
  switch (as) {
    case DecodeAs::Integer:
    case DecodeAs::Count:
      if (type == engine::ColumnType::Integer) return stmt.getInt(column);
      break;
    case DecodeAs::Real:
      if (type == engine::ColumnType::Integer || type == engine::ColumnType::Real)
        return stmt.getDouble(column);
      break;
    case DecodeAs::Boolean:
      if (type == engine::ColumnType::Integer) return stmt.getInt(column) != 0;
      break;
    case DecodeAs::Text:
      if (type == engine::ColumnType::Text) return std::string(stmt.getText(column));
      break;
    case DecodeAs::Json:
      if (type == engine::ColumnType::Text) {
        auto text = stmt.getText(column);
        // A value that is not JSON (a @@noStrict table, a hand-written row)
        // comes back as the string it is rather than failing the read.
        json parsed = json::parse(text.begin(), text.end(), nullptr, false);
        if (parsed.is_discarded()) return std::string(text);
        return parsed;
      }
      break;
    case DecodeAs::Blob:
      break;
  }
  // Whatever SQLite actually holds (non-STRICT tables can store any type).
  return stmt.getJson(column);
}

json decodeInlineInclude(const engine::Statement& stmt, const query::RowItem& item,
                         const query::CompiledSelect& select) {
  const auto& inc = select.includes[static_cast<size_t>(item.include)];
  if (stmt.columnType(item.column) != engine::ColumnType::Text) {
    return inc.to_many ? json::array() : json(nullptr);
  }
  auto text = stmt.getText(item.column);
  json v = json::parse(text.begin(), text.end());
  if (v.is_array()) {
    for (auto& child : v) decodeJsonRow(child, *inc.child);
  } else {
    decodeJsonRow(v, *inc.child);
  }
  return v;
}

json decodeRow(const engine::Statement& stmt, const query::CompiledSelect& select) {
  json row = json::object();
  auto& obj = row.get_ref<json::object_t&>();
  obj.reserve(select.items.size());
  for (const auto& item : select.items) {
    switch (item.kind) {
      case query::RowItem::Kind::Column:
        // Names are unique per row: append without ordered_map's search.
        obj.emplace_back(item.name, decodeColumn(stmt, item.column, item.decode));
        break;
      case query::RowItem::Kind::Include:
        if (item.column >= 0) {
          obj.emplace_back(item.name, decodeInlineInclude(stmt, item, select));
        } else {
          obj.emplace_back(item.name, nullptr);
        }
        break;
      case query::RowItem::Kind::Counts: {
        json counts = json::object();
        for (auto& [name, col] : item.counts) counts[name] = stmt.getInt(col);
        obj.emplace_back(item.name, std::move(counts));
        break;
      }
    }
  }
  return row;
}

}  // namespace litestone::detail
