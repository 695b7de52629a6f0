#!/usr/bin/env bash
# The layer rules a grep can check (src/README.md, STYLE 1.3 and SQLiteCpp's
# lesson in STYLE 11): only src/engine/ calls the sqlite3 C API or includes
# <sqlite3.h>. The include-path half of the layer rule is checked by the build
# itself (cmake/LitestoneCompiler.cmake) and by the layer_rule CTest case.
# Prints each offending line and exits 1 when there is one.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
hits=$(git grep -nE 'sqlite3_[a-z_0-9]+|<sqlite3\.h>' -- 'src/*.cpp' 'src/*.hpp' 'include/*.hpp' \
         ':!src/engine/' || true)
if [ -n "$hits" ]; then
  echo "error: only src/engine/ may call sqlite3_* or include <sqlite3.h>:" >&2
  echo "$hits" >&2
  status=1
fi
exit $status
