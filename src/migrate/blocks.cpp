#include "migrate/blocks.hpp"

#include <algorithm>

#include "migrate/files.hpp"

namespace litestone::migrate {

std::vector<Block> sqliteBlocks(const Client& db, const std::string& dir) {
  auto& state = db.state();
  std::vector<Block> out;
  for (const auto& block : state.schema->databases) {
    auto it = state.databases.find(block.name);
    if (it == state.databases.end()) continue;
    bool is_main = &block == &state.schema->mainDatabase();
    out.push_back({&block, it->second.get(), migrationsFolder(dir, block.name, is_main), is_main});
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
