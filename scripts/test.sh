#!/usr/bin/env bash
# ./bench test: build every target (the conformance tests run them for real), then the whole suite.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
dotnet "$BENCH_CLI_DLL" build
exec dotnet test "$BENCH_ROOT/bench.sln" -c Release --no-build -nologo "$@"
