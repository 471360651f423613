#!/usr/bin/env bash
# Installs the locked dependencies, the Deno runtime among them (the npm package `deno` carries the
# binary in @deno/linux-x64-glibc; its postinstall puts it at node_modules/.bin/deno). Nothing to
# compile: Deno runs the TypeScript sources as they are. Idempotent: npm runs only when node_modules
# is missing or older than package-lock.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v node >/dev/null && command -v npm >/dev/null || { echo "deno: Node.js with npm is required to install the Deno runtime from npm" >&2; exit 1; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  # npm ci installs exactly the lockfile (fails if package.json disagrees with it); its summary goes
  # to stdout and is dropped, warnings and errors still reach stderr.
  npm ci --omit=dev --no-audit --no-fund --loglevel=error >/dev/null
  touch node_modules # npm keeps the folder's old mtime when it reuses it
fi
# Without the platform package (another OS or libc) the `deno` package has no binary to run: say so
# here rather than when the harness starts the target.
node_modules/.bin/deno --version >/dev/null 2>&1 || {
  echo "deno: node_modules/.bin/deno does not run; this platform needs one of the @deno/* packages the lockfile lists (linux x64 glibc is locked)" >&2
  exit 1
}
