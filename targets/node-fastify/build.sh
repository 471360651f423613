#!/usr/bin/env bash
# Installs the locked production dependencies; nothing to compile (plain JavaScript on Node 20).
# Idempotent: npm runs only when node_modules is missing or older than package-lock.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v node >/dev/null && command -v npm >/dev/null || { echo "node-fastify: Node.js 20+ with npm is required" >&2; exit 1; }
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || { echo "node-fastify: Node.js 20+ is required, found $(node --version)" >&2; exit 1; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  # npm ci installs exactly the lockfile (fails if package.json disagrees with it); its summary goes
  # to stdout and is dropped, warnings and errors still reach stderr.
  npm ci --omit=dev --no-audit --no-fund --loglevel=warn >/dev/null
  touch node_modules # npm keeps the folder's old mtime when it reuses it
fi
