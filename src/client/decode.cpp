#include "client/decode.hpp"

namespace litestone::detail {

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
        obj.emplace_back(item.name, nullptr);
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
