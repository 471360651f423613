#!/usr/bin/env bash
# Headless Chromium for the report tests (Bench.Report.Tests opens report.html in a real browser).
# Only the tests need it, so ./bench test runs this part and ./bench run does not: a run never installs
# a browser. Debian's package, installed only when missing; exits 3 when apt cannot reach its mirror, so
# the test can say that rather than fail on a machine without network.
set -euo pipefail
command -v chromium >/dev/null && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium.sh: chromium is missing; install it with 'sudo apt-get install chromium'" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1; then
  # the lists may be stale or absent (a fresh machine): refresh them once, then try again
  apt-get update -q >/dev/null 2>&1 || { echo "chromium.sh: apt-get update failed: no Debian mirror reachable" >&2; exit 3; }
  apt-get install -y -q --no-install-recommends chromium >/dev/null || exit 1
fi
command -v chromium >/dev/null
