#!/usr/bin/env bash
# Release build. Uses the offline (Debian-packaged crates) cargo config when the bootstrap wrote one,
# i.e. when crates.io was unreachable; otherwise the normal crates.io path.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ../../scripts/env.sh

args=(build --release --quiet)
source_kind=crates-io
if [ -f "$BENCH_CACHE/cargo-offline.toml" ]; then
  args+=(--offline --config "$BENCH_CACHE/cargo-offline.toml")
  source_kind=debian
fi

# Cargo.lock records each crate's checksum, and Debian's copies carry a different one than
# crates.io's: a lock written from one source makes cargo refuse the other, so it is re-resolved
# whenever the source changes.
mkdir -p target
if [ "$(cat target/.crate-source 2>/dev/null)" != "$source_kind" ]; then
  rm -f Cargo.lock
fi
cargo "${args[@]}"
echo "$source_kind" > target/.crate-source
