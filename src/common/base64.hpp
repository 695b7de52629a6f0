#pragma once

// Base64 (RFC 4648) through OpenSSL's EVP block coder: the one copy used by
// blob decoding, blob binding and the encrypted value format.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace litestone {

// Standard alphabet with '=' padding, no line breaks.
std::string base64Encode(std::span<const uint8_t> bytes);
std::string base64Encode(std::string_view bytes);

// Decodes standard or URL-safe base64 ('-' and '_'), padded or not. ASCII
// whitespace is ignored. Returns nullopt for anything else: a character
// outside the alphabet, padding in the middle, or a length that no encoding
// produces.
std::optional<std::vector<uint8_t>> base64Decode(std::string_view text);

}  // namespace litestone
