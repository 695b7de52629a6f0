#!/usr/bin/env bash
# Load test of `litestone serve` with wrk: 16 keep-alive connections on
# loopback, findUnique by id and a 20-row findMany, against 1000 users rows.
#   bench/serve_load.sh [path/to/litestone] [seconds]
# Not a CI test: it prints req/s and p50/p99 for people to read.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cli="$(realpath "${1:-$root/build/release/tools/litestone/litestone}")"
secs="${2:-10}"
rows=1000
dir="$(mktemp -d)"
trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "$dir"' EXIT
cd "$dir"
cat > schema.lite <<'LITE'
model users {
  id    Integer @id
  email Text    @unique
  name  Text?
}
LITE
"$cli" push --schema schema.lite --db app.db >/dev/null
python3 - "$rows" > seed.json <<'PY'
import json, sys
n = int(sys.argv[1])
print(json.dumps({"model": "users", "action": "createMany",
                  "args": {"data": [{"email": f"user{i}@example.com", "name": f"User {i}"} for i in range(1, n + 1)]}}))
PY
"$cli" call --schema schema.lite --db app.db - < seed.json >/dev/null
"$cli" serve --schema schema.lite --db app.db --port 0 --quiet --threads 20 > serve.out 2> serve.err &
pid=$!
for _ in $(seq 100); do grep -q http:// serve.out 2>/dev/null && break; sleep 0.1; done
url="$(grep -o 'http://[^/]*' serve.out)"
echo "litestone serve at $url ($(nproc) cores, 16 connections, ${secs}s each)"
for mode in findUnique findMany; do
  printf '%-10s ' "$mode"
  wrk -t2 -c16 -d"${secs}s" --latency -s "$root/bench/serve_load.lua" "$url" -- "$mode" "$rows" | tail -n 1
done
kill -TERM "$pid"; wait "$pid"
