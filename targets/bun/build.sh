#!/usr/bin/env bash
# Installs the locked dependencies, the Bun runtime among them (the npm package `bun` carries the binary
# in @oven/bun-linux-x64; its postinstall links it to node_modules/.bin/bun). Nothing to compile: Bun
# runs the TypeScript sources as they are. Idempotent: npm runs only when node_modules is missing or
# older than package-lock.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v node >/dev/null && command -v npm >/dev/null || { echo "bun: Node.js with npm is required to install the Bun runtime from npm" >&2; exit 1; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  # npm ci installs exactly the lockfile (fails if package.json disagrees with it); its summary goes
  # to stdout and is dropped, warnings and errors still reach stderr.
  npm ci --omit=dev --no-audit --no-fund --loglevel=error >/dev/null
  touch node_modules # npm keeps the folder's old mtime when it reuses it
fi
# The postinstall leaves a placeholder where it could not install the binary (no matching platform
# package, scripts disabled): say so here rather than when the harness starts the target.
node_modules/.bin/bun --version >/dev/null 2>&1 || {
  echo "bun: node_modules/.bin/bun does not run; this platform needs one of the @oven/bun-* packages the lockfile lists (linux x64 glibc is locked)" >&2
  exit 1
}
