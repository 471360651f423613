#!/usr/bin/env bash
# Makes .venv, the environment `run.command` starts (.venv/bin/python server.py), and byte-compiles
# the app. Two ways, decided by scripts/bootstrap/50-python.sh:
#   - PyPI reachable: a plain venv with requirements.txt pip-installed into it;
#   - otherwise ($BENCH_CACHE/python-debian.env exists): a venv over Debian's interpreter that sees
#     the python3-* packages the bootstrap installed (--system-site-packages), nothing downloaded.
# Idempotent: the venv is remade only when the way or requirements.txt changed. Quiet on success.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ../../scripts/env.sh
debian_env="$BENCH_CACHE/python-debian.env"

if [ -f "$debian_env" ]; then
  source "$debian_env"   # sets BENCH_DEBIAN_PYTHON (Debian's /usr/bin/python3)
  kind=debian
else
  kind=pypi
fi
stamp=.venv/.bench-kind
if [ "$(cat "$stamp" 2>/dev/null)" != "$kind" ] || { [ "$kind" = pypi ] && [ requirements.txt -nt "$stamp" ]; }; then
  rm -rf .venv
  if [ "$kind" = debian ]; then
    # --without-pip: Debian's venv module has no ensurepip unless python3-venv is installed, and
    # nothing is installed into this venv anyway
    "$BENCH_DEBIAN_PYTHON" -m venv --without-pip --system-site-packages .venv
  else
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check --no-input -r requirements.txt
  fi
  # a venv that cannot import the stack is a failed build, not a failed start-up later
  .venv/bin/python -c 'import fastapi, uvicorn, uvloop, httptools, asyncpg, jwt' \
    || { echo "python-fastapi: the $kind environment lacks a dependency (above); run ./bench bootstrap" >&2; rm -rf .venv; exit 1; }
  echo "$kind" > "$stamp"
fi
# byte-compile ahead, as a deployment image would, so the first start does not pay for it
.venv/bin/python -m compileall -q server.py app >/dev/null
