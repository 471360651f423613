#!/usr/bin/env bash
# Go for targets/go-nethttp. Toolchain: the machine's `go` when it is 1.22 or newer, otherwise
# Debian trixie's golang-1.24 unpacked (its binaries are static) into $BENCH_CACHE/toolchains/go.
# Modules: the Go module proxy when it answers; otherwise Debian's packaged module sources,
# built in GOPATH mode through $BENCH_CACHE/go-offline.env (which targets/go-nethttp/build.sh sources).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
source "$BENCH_ROOT/scripts/lib/debian-sources.sh"

go_ok() { # go on PATH, version 1.22 or newer
  local v
  v=$(go env GOVERSION 2>/dev/null) || return 1
  v=${v#go}; v=${v#devel go}
  local major=${v%%.*} rest=${v#*.}
  local minor=${rest%%[!0-9]*}
  [ "${major:-0}" -gt 1 ] || { [ "${major:-0}" -eq 1 ] && [ "${minor:-0}" -ge 22 ]; }
}

if ! go_ok; then
  trixie_apt_update
  trixie_fetch "$BENCH_CACHE/debian-go" golang-1.24-go golang-1.24-src
  mkdir -p "$BENCH_CACHE/toolchains"
  # the go command finds GOROOT from its own resolved path, so a symlink to Debian's GOROOT works
  ln -sfn "$BENCH_CACHE/debian-go/usr/lib/go-1.24" "$BENCH_CACHE/toolchains/go"
  export PATH="$BENCH_CACHE/toolchains/go/bin:$PATH"
  if ! go_ok; then
    if command -v go >/dev/null && [ "$(command -v go)" != "$BENCH_CACHE/toolchains/go/bin/go" ]; then
      echo "10-go: $(command -v go) is older than Go 1.22 and comes first on PATH;" \
           "remove it or put $BENCH_CACHE/toolchains/go/bin before it" >&2
    else
      echo "10-go: the unpacked Go toolchain does not run: $(go version 2>&1)" >&2
    fi
    exit 1
  fi
fi

offline_env="$BENCH_CACHE/go-offline.env"
[ -f "$offline_env" ] && exit 0   # decided on an earlier run; delete the file to decide again

proxy_reachable() { # the first URL in GOPROXY answers for a module this target needs
  local p url
  IFS=',|' read -ra p <<< "$(go env GOPROXY)"
  for url in "${p[@]}"; do
    case "$url" in
      off) return 1 ;;
      direct) return 0 ;;   # no proxy configured: trust the user's direct VCS access
      http://*|https://*)
        curl -fsS --max-time 5 -o /dev/null "$url/github.com/jackc/pgx/v4/@v/v4.18.1.info" 2>/dev/null
        return ;;
    esac
  done
  return 1
}
proxy_reachable && exit 0

# Offline: Debian's -dev packages hold the module sources under usr/share/gocode/src. Only the
# packages the target's imports reach are fetched (pgx's optional logging adapters and test-only
# modules are not built).
gocode="$BENCH_CACHE/debian-gocode"
trixie_apt_update
trixie_fetch "$gocode" \
  golang-github-golang-jwt-jwt-v5-dev \
  golang-github-jackc-pgx-v4-dev golang-github-jackc-pgconn-dev golang-github-jackc-pgtype-dev \
  golang-github-jackc-puddle-dev golang-github-jackc-pgio-dev golang-github-jackc-pgproto3-v2-dev \
  golang-github-jackc-chunkreader-v2-dev golang-github-jackc-pgpassfile-dev \
  golang-github-jackc-pgservicefile-dev golang-golang-x-crypto-dev golang-golang-x-text-dev
cat > "$offline_env.tmp" <<EOF
# written by scripts/bootstrap/10-go.sh: the Go module proxy was unreachable, so Go builds use
# Debian's packaged sources in GOPATH mode. Delete this file to try the proxy again.
export GO111MODULE=off
export GOPATH="$gocode/usr/share/gocode"
export GOTOOLCHAIN=local
EOF
mv "$offline_env.tmp" "$offline_env"
