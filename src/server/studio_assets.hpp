#pragma once

// The Studio's web assets, embedded at build time (cmake/EmbedFiles.cmake
// turns studio/*.{html,js,css} into a generated studio_assets.cpp).

#include <cstddef>
#include <string_view>
#include <vector>

namespace litestone::server {

struct Asset {
  std::string_view name;  // base name, e.g. "app.js"
  std::string_view content_type;
  const char* data;
  std::size_t size;
};

const std::vector<Asset>& embeddedAssets();

}  // namespace litestone::server
