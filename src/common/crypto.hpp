#pragma once

// The cryptographic primitives of field encryption, all from OpenSSL 3:
// AES-256-GCM with a fresh random 96-bit nonce per value, HMAC-SHA256 and
// HKDF-SHA256. Nothing here knows about models; client/field_cipher.* binds
// these to tables and columns.
//
// Sealed text format, version 1:
//   "v1:" + base64(nonce[12] ‖ ciphertext[n] ‖ tag[16])
// The version prefix lets a later format (another cipher, a key id) sit next
// to v1 values in the same column.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace litestone::crypto {

inline constexpr size_t kKeyBytes = 32;
inline constexpr size_t kNonceBytes = 12;
inline constexpr size_t kTagBytes = 16;
inline constexpr std::string_view kSealedPrefix = "v1:";

// 32 bytes of key material, wiped when destroyed.
class Key {
 public:
  Key() = default;
  explicit Key(const std::array<uint8_t, kKeyBytes>& bytes) : bytes_(bytes) {}
  Key(const Key&) = default;
  Key& operator=(const Key&) = default;
  ~Key();
  std::span<const uint8_t, kKeyBytes> bytes() const { return bytes_; }

 private:
  std::array<uint8_t, kKeyBytes> bytes_{};
};

// 64 hex characters (either case) → key. Throws Error ENCRYPTION_KEY_INVALID
// whose message and meta give the expected shape and what was wrong (length,
// position of a bad character) but never the text itself.
Key parseHexKey(std::string_view hex);

// Encrypts with a random nonce; `aad` is authenticated, not stored.
std::string seal(const Key& key, std::string_view plaintext, std::string_view aad);
// The plaintext, or nullopt when the text is not v1, is not base64, is too
// short, or fails authentication (wrong key, wrong aad, changed bytes).
std::optional<std::string> open(const Key& key, std::string_view sealed, std::string_view aad);
// True when text starts with the v1 prefix (cheap; does not authenticate).
bool looksSealed(std::string_view text);

// HMAC-SHA256(key, data).
std::array<uint8_t, 32> hmacSha256(std::span<const uint8_t> key, std::string_view data);
// HKDF-SHA256 (RFC 5869) with no salt: a 32-byte subkey for `info`, so that
// every purpose (searchable hashes, ...) gets a key of its own.
Key deriveKey(const Key& master, std::string_view info);

// Lowercase hex of bytes.
std::string toHex(std::span<const uint8_t> bytes);

}  // namespace litestone::crypto
