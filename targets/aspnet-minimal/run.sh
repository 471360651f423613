#!/bin/sh
# .NET reads its processor count once, when the runtime starts, from DOTNET_PROCESSOR_COUNT: set it
# from WORKERS before starting. Without WORKERS the runtime's own default (the CPUs the process may
# run on, CPU quotas included) stays.
set -eu
if [ -n "${WORKERS:-}" ]; then export DOTNET_PROCESSOR_COUNT="$WORKERS"; fi
# The published folder is the content root, where appsettings.json is.
cd "$(dirname "$0")/bin/publish"
exec dotnet aspnet-minimal.dll
