#!/usr/bin/env bash
# Makes the image every runtime image of `bench run --runtime docker` starts FROM when no container
# registry is reachable: bench-base:bookworm, a `debootstrap --variant=minbase bookworm` root file
# system imported with `docker import`. Idempotent: nothing happens when the engine already has it.
# The root file system is cached as a tarball under $BENCH_CACHE/docker, so an engine that lost its
# images (a new machine's engine, `docker system prune -a`) gets it back in seconds.
# Needs: an engine that answers (scripts/docker/ensure-daemon.sh), the docker CLI, and Debian's
# package mirror (the one the machine's apt uses, or BENCH_DEBIAN_MIRROR).
set -euo pipefail
# shellcheck source=../env.sh
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"

image=${BENCH_BASE_IMAGE:-bench-base:bookworm}
suite=bookworm
cache="$BENCH_CACHE/docker"
tarball="$cache/rootfs-$suite-minbase.tar"
quiet=0; [ "${1:-}" = "--quiet" ] && quiet=1
say() { [ $quiet -eq 1 ] || echo "docker: $*" >&2; }
fail() { echo "docker: $*" >&2; exit 1; }

if ! command -v docker >/dev/null; then
  case "${DOCKER_HOST:-$BENCH_LOCAL_DOCKER_HOST}" in
    "$BENCH_LOCAL_DOCKER_HOST") fail "the docker CLI is needed to import $image (apt-get install docker.io)." ;;
    # a remote engine may have a registry (ordinary Dockerfiles) or the image already; bench says if not
    *) say "no docker CLI here to import $image into $DOCKER_HOST with; skipped"; exit 0 ;;
  esac
fi
docker image inspect "$image" >/dev/null 2>&1 && exit 0

mirror() {
  if [ -n "${BENCH_DEBIAN_MIRROR:-}" ]; then echo "$BENCH_DEBIAN_MIRROR"; return; fi
  # the Debian mirror the machine's own apt already uses (debootstrap's default otherwise)
  grep -rhE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
    | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -n1 | tr -d ' ' || true
}

if [ ! -s "$tarball" ]; then
  [ "$(id -u)" -eq 0 ] || fail "debootstrap needs root to build the $suite root file system for $image; run this script as root once, or import an image named $image yourself."
  if ! command -v debootstrap >/dev/null; then
    say "installing debootstrap"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq debootstrap >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 || true; apt-get install -y -qq debootstrap >/dev/null; } \
      || fail "cannot install debootstrap with apt-get."
  fi
  mkdir -p "$cache"
  rootfs=$(mktemp -d "$cache/rootfs.XXXXXX")
  trap 'rm -rf "$rootfs"' EXIT
  say "debootstrap --variant=minbase $suite (about 30 s)"
  m=$(mirror)
  if ! debootstrap --variant=minbase "$suite" "$rootfs" ${m:+"$m"} >"$cache/debootstrap.log" 2>&1; then
    fail "debootstrap failed; the last lines of $cache/debootstrap.log:
$(tail -n 10 "$cache/debootstrap.log")"
  fi
  # what an image never needs: downloaded packages, documentation, logs of the bootstrap itself
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
         "$rootfs"/usr/share/man/* "$rootfs"/var/log/* "$rootfs"/debootstrap
  # Keep apt lean in images built FROM this one, as the official Debian images do.
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' > "$rootfs/etc/apt/apt.conf.d/90bench"
  tar -C "$rootfs" --numeric-owner -cf "$tarball.tmp" .
  mv "$tarball.tmp" "$tarball"
fi

say "importing $image"
docker import --change 'CMD ["/bin/bash"]' --change 'ENV LANG=C.UTF-8' \
  --message "debootstrap --variant=minbase $suite" "$tarball" "$image" >/dev/null
