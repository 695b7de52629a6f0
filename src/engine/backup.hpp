#pragma once

// Hot copies of a database file: sqlite's online-backup API (page by page
// inside one read snapshot, so writers keep writing and the copy is the
// database as it was when the backup began) or VACUUM INTO (a compacted
// copy). Every copy is integrity-checked before it takes the destination's
// name: a partial or corrupt copy never sits where a good one is expected.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/database.hpp"

namespace litestone::engine {

// Called after each batch of pages: (pages copied, total pages).
using BackupProgress = std::function<void(int64_t done, int64_t total)>;

struct BackupOptions {
  bool vacuum = false;      // VACUUM INTO instead of the page-by-page copy
  BackupProgress progress;  // optional
};

struct BackupResult {
  std::string source;
  std::string dest;
  bool vacuum = false;
  int64_t pages = 0;  // pages in the copy
  int64_t bytes = 0;  // size of the copy
  double ms = 0;      // wall time of the copy and its check
};

// Copies db into the file dest (replaced if it exists; its folder is
// created). The copy is written beside dest first, checked with
// PRAGMA integrity_check, then renamed over dest. Throws DatabaseError
// (BACKUP_INTEGRITY when the check fails; the bad copy is removed).
BackupResult backupDatabase(Database& db, const std::string& dest, const BackupOptions& options = {});

// PRAGMA integrity_check (or quick_check when quick) on conn: the problems
// it reports, empty when the database is sound. max_errors bounds the list.
std::vector<std::string> integrityProblems(Connection& conn, bool quick, int max_errors = 100);

}  // namespace litestone::engine
