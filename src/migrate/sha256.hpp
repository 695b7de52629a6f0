#pragma once

#include <string>
#include <string_view>

namespace litestone::migrate {

// SHA-256 of data as 64 lower-case hex characters (FIPS 180-4). Used for
// migration checksums; self-contained so the layer needs no crypto library.
std::string sha256Hex(std::string_view data);

}  // namespace litestone::migrate
