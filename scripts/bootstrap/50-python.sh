#!/usr/bin/env bash
# Python for targets/python-fastapi. With PyPI reachable, the target's build.sh pip-installs its
# requirements.txt into a venv and this part only checks for a Python 3.10+ with venv. Without it,
# Debian bookworm's packages stand in: python3-fastapi, python3-uvicorn, python3-asyncpg, python3-jwt,
# python3-uvloop and python3-httptools, installed by name with apt-get (from the machine's own bookworm
# sources, never another suite) when missing, and $BENCH_CACHE/python-debian.env tells build.sh so.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"

debian_env="$BENCH_CACHE/python-debian.env"
packages=(python3-fastapi python3-uvicorn python3-asyncpg python3-jwt python3-uvloop python3-httptools)

pypi_reachable() {
  curl -fsS --connect-timeout 3 --max-time 5 -o /dev/null https://pypi.org/simple/fastapi/ 2>/dev/null
}

if [ ! -f "$debian_env" ] && pypi_reachable; then
  python3 -c 'import sys, venv; sys.exit(sys.version_info < (3, 10))' 2>/dev/null && exit 0
  echo "50-python: python-fastapi needs python3 3.10 or newer with the venv module on PATH (found: $(python3 --version 2>&1))" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || { echo "50-python: PyPI is unreachable and there is no apt-get to install ${missing[*]} with" >&2; exit 1; }
  [ "$(id -u)" -eq 0 ] || { echo "50-python: PyPI is unreachable; install Debian's packages as root: apt-get install ${missing[*]}" >&2; exit 1; }
  echo "50-python: PyPI unreachable; installing Debian's ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # a fresh machine may have no package lists yet: update once, then retry
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>"$BENCH_CACHE/python-install.err" \
      || { echo "50-python: apt-get install ${missing[*]} failed: $(tail -n1 "$BENCH_CACHE/python-install.err")" >&2; exit 1; }
  fi
fi
# decided and installed on an earlier run: done (build.sh checks the venv imports the stack)
[ -f "$debian_env" ] && [ ${#missing[@]} -eq 0 ] && exit 0
# Debian's packages serve Debian's own interpreter, whatever python3 comes first on PATH (pyenv...)
/usr/bin/python3 -c 'import fastapi, uvicorn, uvloop, httptools, asyncpg, jwt' \
  || { echo "50-python: Debian's /usr/bin/python3 cannot import the packages above" >&2; exit 1; }
[ -f "$debian_env" ] && exit 0
cat > "$debian_env.tmp" <<ENV
# written by scripts/bootstrap/50-python.sh: PyPI was unreachable, so targets/python-fastapi runs on
# Debian's python3-* packages. Delete this file to make the next bootstrap try PyPI again.
export BENCH_DEBIAN_PYTHON=/usr/bin/python3
ENV
mv "$debian_env.tmp" "$debian_env"
