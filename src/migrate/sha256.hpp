#pragma once

#include <string>
#include <string_view>

namespace litestone::migrate {

// SHA-256 of data as 64 lower-case hex characters, computed by OpenSSL (EVP).
// Used for migration checksums.
std::string sha256Hex(std::string_view data);

}  // namespace litestone::migrate
