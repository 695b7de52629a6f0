#include "migrate/sha256.hpp"

#include <openssl/evp.h>

#include "common/error_codes.hpp"
#include "litestone/error.hpp"

namespace litestone::migrate {

std::string sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    // Only an allocation failure inside OpenSSL gets here.
    throw Error(codes::kInternal, "SHA-256 of a migration file failed in OpenSSL");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace litestone::migrate
