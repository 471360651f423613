#!/usr/bin/env bash
# Rust crates for targets/rust-axum. With crates.io reachable cargo fetches them itself and this part
# does nothing. Without it, Debian trixie's packaged crate sources (librust-*-dev, plain .rs files under
# /usr/share/cargo/registry) stand in: unpacked into $BENCH_CACHE/debian-rust and wired in with
# cargo source replacement in $BENCH_CACHE/cargo-offline.toml, which the target's build.sh picks up.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../env.sh"

if ! cargo --version >/dev/null 2>&1; then
  echo "rust: 'cargo' was not found on PATH. Install a Rust toolchain (rustup, or Debian's cargo/rustc" >&2
  echo "rust: packages) so that 'cargo --version' works, then run the bootstrap again." >&2
  exit 1
fi

offline_cfg="$BENCH_CACHE/cargo-offline.toml"
if curl -fsS --connect-timeout 3 --max-time 5 -o /dev/null https://index.crates.io/config.json 2>/dev/null; then
  # crates.io answers: the normal path. A config left by an earlier air-gapped run would keep
  # build.sh on Debian's crates, so it goes.
  rm -f "$offline_cfg"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "rust: crates.io is unreachable and this machine has no apt-get to fetch Debian's packaged" >&2
  echo "rust: crates instead; give cargo access to crates.io (or a mirror) and run the bootstrap again." >&2
  exit 1
fi
source "$BENCH_ROOT/scripts/lib/debian-sources.sh"
trixie_apt_update

# Crates the target names in its Cargo.toml. Debian collapses crate features into the main package
# (the "+feature" names are virtual, Provided by it), so the roots are the plain packages.
roots=(librust-axum-dev librust-tokio-dev librust-serde-dev librust-serde-json-dev
       librust-jsonwebtoken-dev librust-sqlx-dev librust-rand-dev)
# Transitive closure. apt-cache prints each real package it reaches unindented (virtual ones in <>,
# and it recurses into their providers); only librust-* matter: the rest are C libraries and tools
# that optional features of some crates would link to, not needed to compile this target.
mapfile -t pkgs < <(trixie_apt_cache depends --recurse --no-recommends --no-suggests --no-conflicts \
    --no-breaks --no-replaces --no-enhances "${roots[@]}" | grep -E '^librust-' | sort -u)
[ ${#pkgs[@]} -gt 0 ] || { echo "rust: could not resolve Debian's librust-* packages" >&2; exit 1; }

dest="$BENCH_CACHE/debian-rust"
stamp="$dest/.stamp"
sum=$(printf '%s\n' "${pkgs[@]}" | sha256sum | cut -d' ' -f1)
if [ -f "$offline_cfg" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$sum" ]; then
  exit 0
fi

echo "rust: crates.io unreachable; fetching ${#pkgs[@]} packaged crates from Debian trixie" >&2
trixie_fetch "$dest" "${pkgs[@]}"
registry="$dest/usr/share/cargo/registry"
[ -d "$registry" ] || { echo "rust: $registry is missing after unpacking" >&2; exit 1; }

cat > "$offline_cfg.tmp" <<CFG
# Written by scripts/bootstrap/20-rust.sh: crates.io was unreachable, so cargo takes the crates
# from Debian's packaged sources. Delete this file (or re-run the bootstrap with crates.io
# reachable) to go back to the normal path.
[source.crates-io]
replace-with = "debian"

[source.debian]
directory = "$registry"

[net]
offline = true
CFG
mv "$offline_cfg.tmp" "$offline_cfg"
echo "$sum" > "$stamp"
