#pragma once

// Seed data, applied once per database (`litestone seed`).
//
// Seeds are JSON files in a folder (default `seeds/`, one file per seed, run
// in name order): each holds an array of wire calls
// ({"model", "action", "args"}). Library users can also register C++ seeders
// in ClientOptions::seeders. Each seed runs in one transaction together with
// its record in the table _litestone_seeds, so it is applied exactly once;
// `force` runs it again.
//
//   litestone::seed::run(db);                                  // every seed not yet applied
//   litestone::Seeder::once(db, "base-v1", [](litestone::Client& tx) { ... });

#include <functional>
#include <string>
#include <vector>

#include "litestone/client.hpp"
#include "litestone/export.hpp"

namespace litestone {

class LITESTONE_EXPORT Seeder {
 public:
  // Runs fn once for key in the main database: in one transaction with its
  // record; later calls (in any process) skip it. Returns whether fn ran.
  // fn's exception rolls everything back and propagates.
  static bool once(const Client& db, const std::string& key, const std::function<void(Client&)>& fn);
};

namespace seed {

struct Options {
  std::string dir = "seeds";  // seed files of the main database; block X reads dir/X
  std::string name;           // only this seed ("" = all)
  std::string database;       // database block whose seeds run and are recorded ("" = main)
  bool force = false;         // run seeds already applied again
};

struct Result {
  std::string name;
  std::string kind;   // file | cpp
  std::string state;  // applied | skipped
  int calls = 0;      // wire calls run (files)
};

// Runs the seeds. Throws QueryError SEED_NOT_FOUND (listing the seeds) for an
// unknown name, SEED_BAD_FILE for a file that is not an array of calls, and
// whatever a call throws (that seed is rolled back; earlier ones stay).
LITESTONE_EXPORT std::vector<Result> run(const Client& db, const Options& options = {});

}  // namespace seed
}  // namespace litestone
