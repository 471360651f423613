#!/usr/bin/env bash
# Makes sure a Docker engine answers, for `bench run --runtime docker` and the Docker tests.
# Idempotent and quick when one already answers. On a machine without one (the default socket, no
# DOCKER_HOST): installs Debian's docker.io when dockerd is missing, then starts
#   dockerd --iptables=false --bridge=none
# in the background (targets use host networking, so the daemon needs no bridge or NAT rules), logging
# to $BENCH_CACHE/docker/dockerd.log. A DOCKER_HOST that points elsewhere is only checked, never started.
# Exit 0 when an engine answers; otherwise a message on stderr saying what to do, and exit 1.
set -euo pipefail
# shellcheck source=../env.sh
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"

host=${DOCKER_HOST:-$BENCH_LOCAL_DOCKER_HOST}
log_dir="$BENCH_CACHE/docker"
log="$log_dir/dockerd.log"
quiet=0; [ "${1:-}" = "--quiet" ] && quiet=1
say() { [ $quiet -eq 1 ] || echo "docker: $*" >&2; }
fail() { echo "docker: $*" >&2; exit 1; }

# _ping answers OK on every engine version; curl speaks HTTP over the unix socket.
answers() {
  case "$host" in
    unix://*)
      local sock=${host#unix://}
      [ -S "$sock" ] || return 1
      if command -v curl >/dev/null; then
        [ "$(curl -s -m 5 --unix-socket "$sock" http://localhost/_ping 2>/dev/null)" = OK ]
      else
        docker version >/dev/null 2>&1
      fi ;;
    *)
      if ! command -v docker >/dev/null; then
        # the harness talks to the engine itself (Docker.DotNet, TLS included) and says plainly if it cannot
        say "no docker CLI here to check $host with; bench will check it when it connects"
        exit 0
      fi
      docker version >/dev/null 2>&1 ;;
  esac
}

answers && exit 0

if [ "$host" != "$BENCH_LOCAL_DOCKER_HOST" ]; then
  fail "no Docker engine answers at $host (from --docker-host or DOCKER_HOST). Start the engine there, fix the address (and DOCKER_CERT_PATH / DOCKER_TLS_VERIFY for TLS), or give neither to use a local engine."
fi

sock=${host#unix://}
if [ -S "$sock" ] && [ ! -w "$sock" ]; then
  fail "$sock exists but this user may not use it: add the user to the 'docker' group (then log in again), or run as root."
fi
if [ "$(id -u)" -ne 0 ]; then
  fail "no Docker engine answers on $sock and only root can start one here: start it (sudo dockerd --iptables=false --bridge=none &, or your service manager), or set DOCKER_HOST to an engine elsewhere."
fi

if ! command -v dockerd >/dev/null; then
  say "installing Debian's docker.io (dockerd, containerd, runc)"
  export DEBIAN_FRONTEND=noninteractive
  mkdir -p "$log_dir"   # a fresh machine has no cache yet; the install's errors go there
  # a fresh machine may not have package lists yet; update once, then retry the install
  if ! apt-get install -y -qq --no-install-recommends docker.io >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get install -y -qq --no-install-recommends docker.io >/dev/null 2>"$log_dir/install.err" \
      || fail "cannot install docker.io with apt-get ($(tail -n1 "$log_dir/install.err" 2>/dev/null)): install Docker yourself, or set DOCKER_HOST to an engine elsewhere."
  fi
  command -v dockerd >/dev/null || fail "docker.io installed, but dockerd is not on PATH."
fi

# A dockerd that runs: its pid file names a live process (not a zombie awaiting its parent) called dockerd.
daemon_alive() {
  local pid stat state
  pid=$(cat /var/run/docker.pid 2>/dev/null) || return 1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  state=${stat##*) }; state=${state%% *}
  [ "$state" != Z ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ]
}

# A daemon killed uncleanly leaves its pid file behind, and a new dockerd refuses to start over it; the
# containerd it managed may still run, and a new dockerd times out waiting to reconnect to it. Both go.
if [ -f /var/run/docker.pid ] && ! daemon_alive; then
  rm -f /var/run/docker.pid
  managed=/var/run/docker/containerd/containerd.pid
  if [ -f "$managed" ] && [ "$(cat "/proc/$(cat "$managed")/comm" 2>/dev/null)" = containerd ]; then
    say "stopping the containerd a killed dockerd left (pid $(cat "$managed"))"
    kill "$(cat "$managed")" 2>/dev/null || true
    for _ in $(seq 1 50); do [ -d "/proc/$(cat "$managed")" ] || break; sleep 0.1; done
  fi
  rm -f "$managed"
fi
if [ -f /var/run/docker.pid ]; then
  say "dockerd (pid $(cat /var/run/docker.pid)) runs but does not answer yet; waiting for it"
else
  mkdir -p "$log_dir"
  say "starting dockerd --iptables=false --bridge=none (log: $log)"
  # setsid: the daemon outlives this script and is not in the process group a Ctrl-C of ./bench reaches.
  setsid dockerd --iptables=false --bridge=none >>"$log" 2>&1 < /dev/null &
fi

for _ in $(seq 1 300); do
  answers && { say "engine ready"; exit 0; }
  sleep 0.1
done
fail "dockerd started but does not answer on $sock after 30 s; its log, $log, says:
$(tail -n 15 "$log" 2>/dev/null)"
