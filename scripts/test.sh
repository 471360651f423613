#!/usr/bin/env bash
# ./bench test: build every target (the conformance tests run them for real), then the whole suite.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
dotnet "$BENCH_CLI_DLL" build
# the report tests open report.html in headless chromium (Debian's, installed when missing; runs never need it)
bash "$BENCH_ROOT/scripts/bootstrap/tests/chromium.sh" || [ $? -eq 3 ]   # 3: no mirror reachable: those tests then skip, saying so
dotnet build "$BENCH_ROOT/bench.sln" -c Release -nologo -clp:ErrorsOnly -v:q
# One test assembly at a time (-m:1): they start real targets and PostgreSQL on a 2-core machine.
exec dotnet test "$BENCH_ROOT/bench.sln" -c Release --no-build -nologo -m:1 "$@"
