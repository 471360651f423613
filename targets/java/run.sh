#!/bin/sh
# The JVM reads its processor count once, at start: WORKERS becomes -XX:ActiveProcessorCount, from
# which it sizes its GC threads and Jetty its selector and acceptor threads. Without WORKERS the JVM's
# own count stays (the CPUs the process may run on; a container's CPU quota included). Heap and
# collector are the JVM's defaults (G1 from 2 processors up, Serial on 1; max heap a quarter of the
# memory, or of the container's limit).
set -eu
cd "$(dirname "$0")/build/dist"
if [ -n "${WORKERS:-}" ]; then
  exec java "-XX:ActiveProcessorCount=$WORKERS" -jar bench-java.jar
fi
exec java -jar bench-java.jar
