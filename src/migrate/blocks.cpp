#include "migrate/blocks.hpp"

#include <algorithm>

#include "client/access.hpp"
#include "migrate/files.hpp"

namespace litestone::migrate {

std::vector<Block> sqliteBlocks(const Client& db, const std::string& dir) {
  const auto& schema = detail::schemaOf(db);
  std::vector<Block> out;
  for (const auto& block : schema.databases) {
    auto* engine = detail::databaseOf(db, block.name);
    if (engine == nullptr) continue;
    bool is_main = &block == &schema.mainDatabase();
    out.push_back({&block, engine, migrationsFolder(dir, block.name, is_main), is_main});
  }
  return out;
}

const Block* findBlock(const std::vector<Block>& blocks, const std::string& name) {
  for (auto& b : blocks)
    if (b.database->name == name) return &b;
  return nullptr;
}

std::string lastMigrationName(const std::vector<Block>& blocks, const Options& options) {
  std::string last;
  for (auto& b : blocks)
    for (auto& f : listMigrations(b.folder)) last = std::max(last, f.name);
  for (auto& p : options.programs) last = std::max(last, p.name);
  return last;
}

}  // namespace litestone::migrate
