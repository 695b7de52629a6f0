#include "common/base64.hpp"

#include <openssl/evp.h>

namespace litestone {

std::string base64Encode(std::span<const uint8_t> bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  if (bytes.empty()) return out;
  // EVP_EncodeBlock writes a terminating NUL after the 4n characters.
  std::vector<unsigned char> buf(out.size() + 1);
  int n = EVP_EncodeBlock(buf.data(), bytes.data(), static_cast<int>(bytes.size()));
  out.assign(reinterpret_cast<const char*>(buf.data()), static_cast<size_t>(n));
  return out;
}

std::string base64Encode(std::string_view bytes) {
  return base64Encode(std::span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
}

std::optional<std::vector<uint8_t>> base64Decode(std::string_view text) {
  // Normalise to the padded standard alphabet that EVP_DecodeBlock takes.
  std::string s;
  s.reserve(text.size() + 3);
  size_t padding = 0;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '=') {
      ++padding;
      s += c;
      continue;
    }
    if (padding > 0) return std::nullopt;  // data after padding
    bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c == '-') c = '+';
    if (c == '_') c = '/';
    if (!alpha && c != '+' && c != '/') return std::nullopt;
    s += c;
  }
  if (padding > 2) return std::nullopt;
  if (padding == 0)
    while (s.size() % 4 != 0) s += '=', ++padding;
  if (s.size() % 4 != 0 || padding > 2) return std::nullopt;  // 4n+1 characters: not an encoding
  std::vector<uint8_t> out(s.size() / 4 * 3);
  if (s.empty()) return out;
  int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(s.data()),
                          static_cast<int>(s.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the bytes the padding stands for.
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

}  // namespace litestone
