#!/usr/bin/env bash
# Builds bin/go-nethttp. Module mode with the committed go.mod/go.sum when the Go module proxy is
# reachable; GOPATH mode over Debian's packaged sources when scripts/bootstrap/10-go.sh found it
# unreachable and wrote $BENCH_CACHE/go-offline.env. Quiet on success.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ../../scripts/env.sh
offline="$BENCH_CACHE/go-offline.env"
if [ -f "$offline" ]; then
  source "$offline"
elif [ ! -f go.sum ]; then
  # a checkout without go.sum (it can only be made with the proxy): write it once, verified
  # against the checksum database; commit it afterwards
  go mod tidy
fi
# go build's cache makes an up-to-date rebuild take a fraction of a second
CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o bin/go-nethttp .
