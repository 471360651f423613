#!/usr/bin/env bash
# Starts the server the way Deno's docs run one in production: `deno serve` with the permissions it
# needs and nothing more. `deno serve` takes the address as flags, so the contract's BIND and PORT
# become --host and --port; WORKERS > 1 becomes --parallel with DENO_JOBS workers (threads of one
# process, each with its own isolate and event loop, sharing the port through SO_REUSEPORT).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
workers=${WORKERS:-$(nproc)}
parallel=()
if [ "$workers" -gt 1 ]; then parallel=(--parallel); fi
export DENO_JOBS=$workers
exec node_modules/.bin/deno serve "${parallel[@]}" --host "${BIND:-127.0.0.1}" --port "${PORT:-8080}" \
  --allow-net --allow-env --cached-only --no-prompt src/main.ts
