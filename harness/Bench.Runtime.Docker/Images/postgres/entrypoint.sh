#!/bin/sh
# A fresh cluster per container, as the embedded PostgreSQL of the local runtime makes it: SCRAM
# password authentication, user bench, durability off (nothing here must survive a crash).
#   PORT               port to listen on (host networking)
#   POSTGRES_PASSWORD  the bench user's password
#   LISTEN             listen_addresses (127.0.0.1 unless the harness is on another machine)
set -eu
: "${PORT:?}" "${POSTGRES_PASSWORD:?}"
bin=/usr/lib/postgresql/15/bin
data=/tmp/pgdata
umask 077
printf '%s' "$POSTGRES_PASSWORD" > /tmp/pwfile
"$bin/initdb" -D "$data" -U bench --pwfile /tmp/pwfile --auth=scram-sha-256 -E UTF8 --locale=C --no-sync >/dev/null
rm -f /tmp/pwfile
# A remote harness connects from outside: allow password logins from any address (SCRAM still applies).
echo "host all all 0.0.0.0/0 scram-sha-256" >> "$data/pg_hba.conf"
exec "$bin/postgres" -D "$data" -p "$PORT" -k /tmp -c listen_addresses="${LISTEN:-127.0.0.1}" \
  -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=128MB
