#!/usr/bin/env bash
# Installs what the project needs and is missing; idempotent, and quick once everything is there.
# Each part in scripts/bootstrap/ handles one ecosystem and decides for itself whether the public
# registry is reachable (normal path) or Debian's packaged sources must stand in (air-gapped path).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
quiet=0; [ "${1:-}" = "--quiet" ] && quiet=1
log() { [ $quiet -eq 1 ] || echo "bootstrap: $*" >&2; }

mkdir -p "$BENCH_CACHE"
for part in "$BENCH_ROOT"/scripts/bootstrap/*.sh; do
  log "$(basename "$part" .sh)"
  if ! bash "$part"; then
    echo "bootstrap: $(basename "$part") failed; see the messages above. Nothing else was changed." >&2
    exit 1
  fi
done
