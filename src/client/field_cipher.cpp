#include "client/field_cipher.hpp"

#include "litestone/error.hpp"

namespace litestone::detail {

namespace {

json rowKey(const schema::Model& model, const json& row) {
  if (!row.is_object() || model.primary_key.empty()) return nullptr;
  json key = json::object();
  for (const auto* f : model.primary_key) {
    auto it = row.find(f->name);
    if (it == row.end()) return nullptr;
    key[f->name] = *it;
  }
  return key;
}

}  // namespace

FieldCipher::FieldCipher(const std::string& key_hex) {
  if (!key_hex.empty()) key_ = std::make_shared<const crypto::Key>(crypto::parseHexKey(key_hex));
}

void FieldCipher::setKey(const crypto::Key& key) {
  auto next = std::make_shared<const crypto::Key>(key);
  std::lock_guard lock(mutex_);
  key_ = std::move(next);
}

std::shared_ptr<const crypto::Key> FieldCipher::current() const {
  std::lock_guard lock(mutex_);
  return key_;
}

std::string FieldCipher::associatedData(const schema::Model& model, const schema::Field& field) {
  return "litestone/v1/" + model.table + "/" + field.column;
}

std::shared_ptr<const crypto::Key> FieldCipher::key(const schema::Model& model,
                                                    const schema::Field& field) const {
  auto k = current();
  if (!k)
    throw Error("ENCRYPTION_KEY_MISSING",
                "field \"" + field.name + "\" of model \"" + model.name +
                    "\" is @encrypted and no key is set: pass ClientOptions::encryption_key, "
                    "--encryption-key HEX, or set LITESTONE_ENCRYPTION_KEY (64 hex characters)",
                {{"model", model.name}, {"field", field.name}});
  return k;
}

std::string FieldCipher::seal(const schema::Model& model, const schema::Field& field,
                              std::string_view plain) const {
  return sealWith(*key(model, field), model, field, plain);
}

std::string FieldCipher::open(const schema::Model& model, const schema::Field& field, std::string_view stored,
                              const json& row) const {
  return openWith(*key(model, field), model, field, stored, row);
}

std::string FieldCipher::sealWith(const crypto::Key& key, const schema::Model& model,
                                  const schema::Field& field, std::string_view plain) {
  return crypto::seal(key, plain, associatedData(model, field));
}

std::string FieldCipher::openWith(const crypto::Key& key, const schema::Model& model,
                                  const schema::Field& field, std::string_view stored, const json& row) {
  auto plain = crypto::open(key, stored, associatedData(model, field));
  if (!plain) {
    std::string where = row.is_null() ? std::string() : " (row " + row.dump() + ")";
    throw Error("DECRYPTION_FAILED",
                "cannot decrypt field \"" + field.name + "\" of model \"" + model.name + "\"" + where +
                    ": the value was not written with this key, or it was changed or moved",
                {{"model", model.name}, {"field", field.name}, {"row", row}});
  }
  return std::move(*plain);
}

bool hasEncryptedFields(const schema::Model& model) {
  for (const auto& f : model.fields)
    if (f.encrypted) return true;
  return false;
}

void decryptRow(json& row, const query::CompiledSelect& select, const FieldCipher& cipher) {
  if (!row.is_object()) return;
  for (const auto& item : select.items) {
    if (item.kind == query::RowItem::Kind::Column) {
      if (item.field == nullptr || !item.field->encrypted) continue;
      auto it = row.find(item.name);
      if (it == row.end() || !it->is_string()) continue;  // null stays null
      *it = cipher.open(*select.model, *item.field, it->get_ref<const std::string&>(),
                        rowKey(*select.model, row));
    } else if (item.kind == query::RowItem::Kind::Include) {
      const auto& inc = select.includes[static_cast<size_t>(item.include)];
      if (!inc.inline_json) continue;
      auto it = row.find(item.name);
      if (it == row.end()) continue;
      if (it->is_array()) {
        for (auto& child : *it) decryptRow(child, *inc.child, cipher);
      } else {
        decryptRow(*it, *inc.child, cipher);
      }
    }
  }
}

}  // namespace litestone::detail
