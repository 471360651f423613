#!/usr/bin/env bash
# Compiles src/main/java with javac (release 17) against Debian's packaged jars and lays out the
# deployment in build/dist: bench-java.jar (Main-Class and a Class-Path naming lib/*) and lib/ with a
# copy of every jar it runs on, as `mvn package` with copy-dependencies (pom.xml) would. The jars come
# from Debian bookworm (scripts/bootstrap/60-java.sh installs them). Does nothing when build/dist is
# newer than every source. Quiet on success.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
jars=/usr/share/java
# the runtime class path: Jetty's server, servlet and the modules they load, the Servlet API, Jackson,
# the PostgreSQL JDBC driver, HikariCP and its logging API with the simple binding
deps=(jetty9-server jetty9-servlet jetty9-security jetty9-http jetty9-io jetty9-util servlet-api
      jackson-databind jackson-core jackson-annotations postgresql HikariCP slf4j-api slf4j-simple)
out=build/dist
app="$out/bench-java.jar"

if [ -f "$app" ] && [ -z "$(find src pom.xml build.sh -newer "$app" | head -n1)" ]; then
  exit 0
fi
command -v javac >/dev/null && command -v jar >/dev/null \
  || { echo "java: javac and jar (OpenJDK 17) are required; run ./bench bootstrap" >&2; exit 1; }
libs=()
for d in "${deps[@]}"; do
  [ -e "$jars/$d.jar" ] || { echo "java: $jars/$d.jar is missing; run ./bench bootstrap (it installs Debian's jars)" >&2; exit 1; }
  # copied under its versioned name (jetty9-server-9.4.57.v20241219.jar), as Maven would name it
  versioned=$(ls "$jars/$d"-[0-9]*.jar 2>/dev/null | head -n1)
  libs+=("${versioned:-$jars/$d.jar}")
done

rm -rf build
mkdir -p build/classes "$out/lib"
classpath=$(IFS=:; echo "${libs[*]}")
javac --release 17 -nowarn -Xlint:-options -d build/classes -cp "$classpath" $(find src/main/java -name '*.java')
cp -r src/main/resources/. build/classes/
cp -L "${libs[@]}" "$out/lib/"
# The Class-Path attribute; manifest lines hold at most 72 bytes, continued on lines that start with a space.
echo "Class-Path:$(for l in "${libs[@]}"; do printf ' lib/%s' "$(basename "$l")"; done)" \
  | fold -w 70 | sed '2,$s/^/ /' > build/manifest.txt
jar --create --file "$app" --main-class bench.Main --manifest build/manifest.txt -C build/classes .
