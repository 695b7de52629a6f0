#pragma once

// @encrypted fields: the client's key and the binding of each sealed value
// to its place. Values are sealed by the write pipeline (encryptFields, the
// last step, after validators saw the plaintext) and opened by the read
// executor right after a row is decoded (decryptRow).
//
// Associated data: "litestone/v1/" + table + "/" + column. A value copied to
// another column or table fails to open. It does not include the row key: an
// autoincrement id is assigned by SQLite after the value is sealed (create,
// createMany, upsert), updateMany seals one value for many rows, and a read
// whose select leaves out the key could not open the value. See the README's
// "Protecting data" section.

#include <memory>
#include <mutex>
#include <string>

#include "common/crypto.hpp"
#include "litestone/json.hpp"
#include "query/emit/compiled.hpp"
#include "schema/schema.hpp"

namespace litestone::detail {

class FieldCipher {
 public:
  // key_hex empty: no key (writes and reads of encrypted fields throw
  // ENCRYPTION_KEY_MISSING). Malformed: throws ENCRYPTION_KEY_INVALID now.
  explicit FieldCipher(const std::string& key_hex);

  bool hasKey() const { return current() != nullptr; }
  // Replaces the key (rotateKey, after its transaction committed). Calls
  // already running keep the key they started with.
  void setKey(const crypto::Key& key);
  // The sealed text of a plaintext value of model.field.
  std::string seal(const schema::Model& model, const schema::Field& field, std::string_view plain) const;
  // The plaintext of a stored value. `row` names the row in errors (its
  // primary key when known, else null). Throws DECRYPTION_FAILED.
  std::string open(const schema::Model& model, const schema::Field& field, std::string_view stored,
                   const json& row) const;

  // The same with an explicit key (rotateKey opens with the old key and
  // seals with the new one).
  static std::string sealWith(const crypto::Key& key, const schema::Model& model, const schema::Field& field,
                              std::string_view plain);
  static std::string openWith(const crypto::Key& key, const schema::Model& model, const schema::Field& field,
                              std::string_view stored, const json& row);

  static std::string associatedData(const schema::Model& model, const schema::Field& field);
  // The current key, or throws ENCRYPTION_KEY_MISSING naming model.field.
  std::shared_ptr<const crypto::Key> key(const schema::Model& model, const schema::Field& field) const;

 private:
  std::shared_ptr<const crypto::Key> current() const;
  mutable std::mutex mutex_;
  std::shared_ptr<const crypto::Key> key_;
};

// True when some model of the schema has an @encrypted (or @secret) field.
bool hasEncryptedFields(const schema::Model& model);

// Opens every encrypted column of a decoded row in place, and those of
// includes inlined as JSON (batched includes are opened at their own level).
void decryptRow(json& row, const query::CompiledSelect& select, const FieldCipher& cipher);

}  // namespace litestone::detail
