// Encryption (@encrypted, the last pipeline step): each present, non-null
// value of an encrypted field is replaced by its sealed text
// (client/field_cipher.hpp). Runs only when every earlier step passed, so a
// failed write never spends a seal and errors show what the caller sent.

#include "client/field_cipher.hpp"
#include "client/write/pipeline.hpp"

namespace litestone::detail::write {

void encryptFields(const RowContext& ctx, json& data, FieldErrors& errors) {
  if (!errors.empty() || !hasEncryptedFields(ctx.model)) return;
  static const FieldCipher kNoKey("");
  const FieldCipher& cipher = ctx.cipher != nullptr ? *ctx.cipher : kNoKey;
  for (const auto& f : ctx.model.fields) {
    if (!f.encrypted) continue;
    auto it = data.find(f.name);
    if (it == data.end() || it->is_null()) continue;
    if (!it->is_string()) {  // validateRow reports this first; never store it unsealed
      errors.push_back({f.name, "type", "must be a string"});
      continue;
    }
    *it = cipher.seal(ctx.model, f, it->get_ref<const std::string&>());
  }
}

}  // namespace litestone::detail::write
