# Environment shared by ./bench, the bootstrap parts and the target build scripts.
# Everything the project installs lives under $BENCH_CACHE, never in the machine's own configuration.
BENCH_ROOT=${BENCH_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
export BENCH_ROOT
export BENCH_CACHE=${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bench}
export BENCH_CLI_DLL="$BENCH_ROOT/harness/Bench.Cli/bin/Release/net10.0/bench.dll"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# toolchains the bootstrap unpacked (Go from Debian's packages when the machine has none)
if [ -d "$BENCH_CACHE/toolchains/go/bin" ] && ! command -v go >/dev/null 2>&1; then
  export PATH="$BENCH_CACHE/toolchains/go/bin:$PATH"
fi
[ -d "$HOME/.cargo/bin" ] && case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) export PATH="$HOME/.cargo/bin:$PATH" ;; esac
# The engine the Docker scripts use when DOCKER_HOST names none (./bench sets it from --docker-host).
BENCH_LOCAL_DOCKER_HOST=unix:///var/run/docker.sock
true
