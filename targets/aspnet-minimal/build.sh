#!/usr/bin/env bash
# Publishes the app (Release, framework-dependent) to bin/publish; does nothing when no source
# file is newer than the published assembly.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out=bin/publish/aspnet-minimal.dll
if [ -f "$out" ] && [ -z "$(find . -maxdepth 1 -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name 'appsettings*.json' \) -newer "$out" | head -n1)" ]; then
  exit 0
fi
dotnet publish aspnet-minimal.csproj -c Release -o bin/publish -nologo -v:q -clp:NoSummary >&2
touch "$out"
