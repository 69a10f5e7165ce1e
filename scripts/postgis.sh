#!/usr/bin/env bash
# A throw-away PostgreSQL cluster with PostGIS for the tests: `scripts/postgis.sh start` initialises
# it (once) and starts it on a private port on 127.0.0.1, `scripts/postgis.sh stop` stops it,
# `scripts/postgis.sh url` prints the test database's URI (CRIMEMAP_PG_DB names another database of the
# cluster, made by start: a Debian root's rings run beside the host's). The packages come from apt (ensure-deps.sh).
# As root the cluster runs as the `postgres` user (initdb refuses root), in a folder that user can
# reach: build/postgres when the checkout is reachable by it, else a folder under /tmp.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${CRIMEMAP_PG_PORT:-55432}"
DB="${CRIMEMAP_PG_DB:-crimemap_test}"   # another database of the same cluster: CRIMEMAP_PG_DB
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$BIN" ] || { echo "PostgreSQL is not installed (scripts/ensure-deps.sh installs it)" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ]; then
  RUN=(runuser -u postgres --)
  OWNER=postgres
else
  RUN=()
  OWNER="$(id -un)"
fi

data_dir() {
  local here="$PWD/build/postgres"
  if [ "$(id -u)" -ne 0 ] || runuser -u postgres -- test -x "$PWD/build" 2>/dev/null; then
    echo "$here"
  else
    echo "/tmp/crimemap-postgres-$(echo "$PWD" | md5sum | cut -c1-8)"
  fi
}

PGDATA="$(data_dir)"
LOG="$PGDATA.log"

start() {
  mkdir -p build
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    rm -rf "$PGDATA"
    mkdir -p "$PGDATA"
    chown "$OWNER" "$PGDATA"
    chmod 700 "$PGDATA"
    "${RUN[@]}" "$BIN/initdb" -D "$PGDATA" -A trust -U postgres --no-locale -E UTF8 >/dev/null
  fi
  if ! "${RUN[@]}" "$BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    touch "$LOG" && chown "$OWNER" "$LOG"
    "${RUN[@]}" "$BIN/pg_ctl" -D "$PGDATA" -l "$LOG" -w -t 60 \
      -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PGDATA -c fsync=off \
          -c max_connections=60" start >/dev/null
  fi
  local psql=("$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qAt)
  if [ "$("${psql[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]; then
    "${psql[@]}" -d postgres -c "CREATE DATABASE $DB"
  fi
  "${psql[@]}" -d "$DB" -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
  echo "PostgreSQL with PostGIS on 127.0.0.1:$PORT ($PGDATA)"
}

stop() {
  if [ -s "$PGDATA/PG_VERSION" ]; then
    "${RUN[@]}" "$BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "postgresql://postgres@127.0.0.1:$PORT/$DB" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
