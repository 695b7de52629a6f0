#!/usr/bin/env bash
# The main job on this example project, with the real CLI:
#   scaffold a project folder → check the schema → create and apply a
#   migration → write rows through the wire protocol → query them back.
# Usage: run.sh [path/to/litestone]   (default: litestone on PATH)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
litestone="${1:-litestone}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

say() { printf '\n\033[1m$ %s\033[0m\n' "$*" >&2; }
run() { say "litestone $*"; "$litestone" "$@"; }

cd "$work"
run init .
cp "$here/schema.lite" schema.lite   # replace the scaffolded schema with the blog's
export BLOG_DB="$work/blog.db"
run doctor
run format --check schema.lite
run migrate create initial
run migrate apply
run migrate status

run call --system '[
  {"model": "accounts", "action": "create", "args": {"data": {"name": "  Acme  "}}},
  {"model": "users", "action": "create",
   "args": {"data": {"accountId": 1, "email": "Ada@Example.com", "name": "Ada", "role": "owner"}}},
  {"model": "posts", "action": "create",
   "args": {"data": {"authorId": 1, "title": "Hello SQLite", "slug": "Hello SQLite", "body": "# Hi", "status": "published",
                     "tags": {"create": [{"name": "SQLite"}, {"name": "CPP"}]}}}},
  {"model": "posts", "action": "create",
   "args": {"data": {"authorId": 1, "title": "Draft notes", "body": "...", "slug": "draft-notes"}}}
]' >/dev/null

run call --pretty '{"model": "users", "action": "findMany",
  "args": {"select": {"email": true, "name": true,
                      "posts": {"where": {"status": "published"},
                                "select": {"title": true, "slug": true, "tags": true}}}}}'
run call '{"model": "posts", "action": "count", "args": {"where": {"title": {"contains": "notes"}}}}'
run migrate verify
