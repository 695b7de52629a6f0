#!/usr/bin/env bash
# Profiles one step of litestone_bench with callgrind, collecting only inside
# that step's function, and prints the top inclusive costs.
#   bench/profile.sh S3            json path of S3 at --scale 0.05
#   bench/profile.sh S3 raw 0.1    raw path, --scale 0.1
# Needs valgrind and a built build/bench/bench/litestone_bench.
set -euo pipefail
cd "$(dirname "$0")/.."
step="${1:?usage: bench/profile.sh S1..S7 [json|raw] [scale]}"
impl="${2:-json}"
scale="${3:-0.05}"
bin=${BENCH_BIN:-build/bench/bench/litestone_bench}
declare -A names=([S1]=S1BulkInsert [S2]=S2Create [S3]=S3PointRead [S4]=S4FilteredList
                  [S5]=S5Include [S6]=S6Aggregate [S7]=S7Update)
name="${names[$step]:?unknown step $step}"
if [ "$impl" = raw ]; then
  lower="s${name:1}"
  toggle="litestone::bench::RawSqlite::${lower}(litestone::bench::Workload const&)"
else
  # The exact signature: a wildcard would also match the step's lambdas and
  # toggle collection off inside them.
  toggle="litestone::bench::(anonymous namespace)::json${name}(litestone::Client const&, litestone::bench::Workload const&)"
fi
out="$(mktemp -d)/callgrind.out"
valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect="$toggle" \
  "$bin" --scale "$scale" --rounds 1 >/dev/null 2>"$out.log"
grep Collected "$out.log" >&2 || true
echo "profile: $out (callgrind_annotate --inclusive=yes --tree=calling $out)" >&2
callgrind_annotate --inclusive=yes "$out" | sed -n '/file:function/,$p' | head -40 | cut -c1-200
