#pragma once

// The sqlite database blocks of a client, as the public migrate calls walk
// them: the main block first, each with its open engine::Database and its
// migrations folder.

#include <string>
#include <vector>

#include "engine/database.hpp"
#include "litestone/migrate.hpp"
#include "schema/schema.hpp"

namespace litestone::migrate {

struct Block {
  const schema::Database* database = nullptr;
  engine::Database* engine = nullptr;
  std::string folder;
  bool is_main = false;
};

std::vector<Block> sqliteBlocks(const Client& db, const std::string& dir);

// The block a migration file's directives name, for copies between databases.
const Block* findBlock(const std::vector<Block>& blocks, const std::string& name);

// Every migration name already present in any folder, plus program names.
std::string lastMigrationName(const std::vector<Block>& blocks, const Options& options);

}  // namespace litestone::migrate
