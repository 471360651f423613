#!/usr/bin/env bash
# Builds the CLI (what ./bench runs) when any harness source is newer than its assembly.
# The tests and benchmarks are built by ./bench test, so a broken benchmark never blocks a run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
command -v dotnet >/dev/null || { echo "the .NET SDK 10 is required: https://dot.net" >&2; exit 1; }
if [ -f "$BENCH_CLI_DLL" ] && [ -z "$(find "$BENCH_ROOT/harness" "$BENCH_ROOT"/Directory.*.props \
      \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -newer "$BENCH_CLI_DLL" -not -path '*/obj/*' -not -path '*/bin/*' | head -n1)" ]; then
  exit 0
fi
# dotnet build prints its summary whatever the logger options: keep the output, show it only on failure.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! dotnet build "$BENCH_ROOT/harness/Bench.Cli/Bench.Cli.csproj" -c Release -nologo -clp:ErrorsOnly -v:q >"$log" 2>&1; then
  cat "$log" >&2
  echo "building the harness failed (above)" >&2
  exit 1
fi
touch "$BENCH_CLI_DLL"
