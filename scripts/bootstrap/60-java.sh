#!/usr/bin/env bash
# Java for targets/java: OpenJDK 17 (javac, jar, java) and the jars build.sh compiles against, all from
# Debian bookworm by name: openjdk-17-jdk-headless, libjetty9-java (Jetty 9.4), libjackson2-databind-java,
# libpostgresql-jdbc-java, libhikaricp-java and libslf4j-java (slf4j-simple). apt-get installs what is
# missing from the machine's own sources; nothing else is touched. Maven Central is not used: the
# target's pom.xml is the registry path for machines that reach it (see targets/java/README.md).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"

packages=(openjdk-17-jdk-headless libjetty9-java libjackson2-databind-java libpostgresql-jdbc-java
          libhikaricp-java libslf4j-java)
missing=()
for p in "${packages[@]}"; do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || { echo "60-java: targets/java needs Debian's ${missing[*]}, and there is no apt-get here" >&2; exit 1; }
  [ "$(id -u)" -eq 0 ] || { echo "60-java: install Debian's packages as root: apt-get install ${missing[*]}" >&2; exit 1; }
  echo "60-java: installing Debian's ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # a fresh machine may have no package lists yet: update once, then retry
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>"$BENCH_CACHE/java-install.err" \
      || { echo "60-java: apt-get install ${missing[*]} failed: $(tail -n1 "$BENCH_CACHE/java-install.err")" >&2; exit 1; }
  fi
fi
# the JDK on PATH must be 17 or newer (a machine may put another one first)
v=$(javac -version 2>&1 | awk '{print $2}')
[ "${v%%.*}" -ge 17 ] 2>/dev/null || { echo "60-java: javac on PATH is '${v:-missing}'; targets/java needs 17 or newer first on PATH" >&2; exit 1; }
