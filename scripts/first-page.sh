#!/usr/bin/env bash
# Fresh clone to first page: clone this repository into a temporary folder, run `make serve`, and
# print the seconds until the home page and a seed page answer. Pass UV_CACHE_DIR=$(mktemp -d)
# for a cold package cache, REF=<commit> to measure another commit. Usage: bash scripts/first-page.sh [PORT]
set -euo pipefail
port=${1:-8765}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
serve=
stop() {  # Ctrl-C, as a person stops it; then SIGKILL if it is still there after 5 s
  if [ -n "$serve" ]; then
    kill -INT -- -"$serve" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$serve" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- -"$serve" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop EXIT
start=$(date +%s.%N)
git clone --quiet "$repo" "$work/clone"
cd "$work/clone"
if [ -n "${REF:-}" ]; then git checkout --quiet "$REF"; fi
set -m  # make serve in its own process group, stopped whole at the end
make serve SERVE_ADDR="127.0.0.1:$port" >"$work/serve.log" 2>&1 &
serve=$!
set +m
until curl -fsS -o /dev/null "http://127.0.0.1:$port/seeds/000_dfaa4f2b2677d4d0/" 2>/dev/null; do
  if ! kill -0 "$serve" 2>/dev/null; then cat "$work/serve.log"; echo "make serve stopped" >&2; exit 1; fi
  sleep 0.2
done
end=$(date +%s.%N)
grep -E "^seedwiki:|Installed|Resolved" "$work/serve.log" || true
printf 'fresh clone to first page: %.1f s (venv %s)\n' "$(echo "$end - $start" | bc)" "$(du -sh .venv | cut -f1)"
