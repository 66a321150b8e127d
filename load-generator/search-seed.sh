#!/usr/bin/env bash
# Seeds the search scenario's corpus (docs/benchmark.md, "search") straight into a database, then lets the
# server's own migrations index it, as they would index the history of a server upgraded to search:
#
#   load-generator/search-seed.sh <messages> <rooms> sqlite <data dir>
#   load-generator/search-seed.sh <messages> <rooms> postgresql <database name>   (127.0.0.1:5432, user postgres)
#
# 1. starts the server jar on the empty database with migrations up to V4 only (the schema before search,
#    mentions and the change log), and stops it;
# 2. loads the corpus (load-generator search-corpus) as rooms search-corpus-0 .. <rooms>-1, public, with
#    one sender, in seconds instead of the hour that posting a million messages takes;
# 3. starts the server on it again with every migration: V6 keys the rooms, V7 writes the change log, V9 and
#    V13 build the search index with the domain's SearchText exactly as live posts are indexed. The time this
#    takes is printed: it is what an upgrade of a server with that history costs.
# The server is left running on port ${PORT:-18741} (pid in <data dir>/server.pid or /tmp/search-seed-<db>.pid)
# for `load-generator search --corpus=0 ...`. Needs sqlite3 or psql on the PATH; builds nothing: run
# `./mvnw -DskipTests package` first. The corpus file is cached in ${CORPUS_DIR:-/tmp}.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 4 ]; then
  sed -n '2,17p' "$0"
  exit 2
fi
MESSAGES=$1
ROOMS=$2
KIND=$3
TARGET=$4
PORT=${PORT:-18741}
JAVA=$(. .mvn/select-jdk.sh >/dev/null 2>&1; echo "${JAVA_HOME:-}/bin/java")
[ -x "$JAVA" ] || JAVA=$(ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*21* 2>/dev/null | head -n 1)/bin/java
SERVER=bootstrap/target/bootstrap-0.1.0-SNAPSHOT-exec.jar
TOOL=load-generator/target/load-generator-0.1.0-SNAPSHOT-exec.jar
CORPUS=${CORPUS_DIR:-/tmp}/search-corpus-$MESSAGES-$ROOMS.tsv

case "$KIND" in
  sqlite)
    mkdir -p "$TARGET"
    if [ -e "$TARGET/chat.db" ]; then echo "$TARGET/chat.db exists: give an empty data dir"; exit 2; fi
    DB_ARGS=(--chat.data-dir="$TARGET")
    PIDFILE=$TARGET/server.pid
    LOG=$TARGET/server.log
    ;;
  postgresql)
    if psql -X -h 127.0.0.1 -U postgres -d postgres -Atc "select 1 from pg_database where datname = '$TARGET'" | grep -q 1; then
      echo "database $TARGET exists: give a new name"; exit 2
    fi
    psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "create database \"$TARGET\""
    DATA_DIR=$(mktemp -d /tmp/search-seed-files.XXXXXX)
    DB_ARGS=(--chat.data-dir="$DATA_DIR" --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$TARGET"
      --spring.datasource.username=postgres)
    PIDFILE=/tmp/search-seed-$TARGET.pid
    LOG=/tmp/search-seed-$TARGET.log
    ;;
  *) echo "kind must be sqlite or postgresql"; exit 2 ;;
esac

start_server() { # extra arguments...
  MALLOC_ARENA_MAX=2 "$JAVA" -Xms256m -Xmx1g --enable-native-access=ALL-UNNAMED -jar "$SERVER" \
    --server.port="$PORT" --management.server.port=0 "${DB_ARGS[@]}" \
    --chat.websocket.frames-per-second=100000 --chat.websocket.frame-burst=100000 \
    --chat.limits.rest-posts-per-second=100000 --chat.limits.rest-post-burst=100000 \
    --chat.limits.rooms-per-hour=100000 --chat.limits.room-burst=100000 \
    --chat.auth.signup-free-attempts=100000 --server.tomcat.max-connections=20000 "$@" >"$LOG" 2>&1 &
  echo $! >"$PIDFILE"
}
wait_started() {
  for _ in $(seq 1 3600); do
    if grep -q 'Started ChatServerApplication\|Started .* in ' "$LOG"; then return 0; fi
    if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then echo "the server stopped:"; tail -n 30 "$LOG"; exit 1; fi
    sleep 1
  done
  echo "the server did not start within an hour"; exit 1
}

[ -s "$CORPUS" ] || "$JAVA" -jar "$TOOL" search-corpus "$MESSAGES" "$ROOMS" "$CORPUS"

echo "schema up to V4..."
start_server --spring.flyway.target=4
wait_started
kill "$(cat "$PIDFILE")"
while kill -0 "$(cat "$PIDFILE")" 2>/dev/null; do sleep 0.5; done

echo "loading $MESSAGES messages into $ROOMS rooms..."
NOW="2026-01-01 00:00:00"
if [ "$KIND" = sqlite ]; then
  sqlite3 "$TARGET/chat.db" <<SQL
.bail on
create temp table corpus (room integer, seq integer, text text);
.mode tabs
.import '$CORPUS' corpus
begin;
insert into users (username, canonical_name, password_hash, created_at)
values ('corpus-sender', 'corpus-sender', '!', '$NOW+00:00');
with recursive r(n) as (select 0 union all select n + 1 from r where n + 1 < $ROOMS)
insert into rooms (name, canonical_name, is_private, created_by, created_at)
select 'search-corpus-' || n, 'search-corpus-' || n, 0, (select id from users where username = 'corpus-sender'), '$NOW+00:00' from r;
insert into room_members (room_id, user_id, joined_at, role)
select id, created_by, created_at, 'owner' from rooms where name like 'search-corpus-%';
insert into messages (room_id, sender_id, content, message_type, created_at)
select r.id, r.created_by, c.text, 'TEXT', strftime('%Y-%m-%d %H:%M:%f', '$NOW', '+' || (c.seq / 1000.0) || ' seconds') || '+00:00'
from corpus c join rooms r on r.name = 'search-corpus-' || c.room order by c.seq;
commit;
SQL
else
  psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d "$TARGET" <<SQL
create temp table corpus (room integer, seq bigint, text text);
\copy corpus from '$CORPUS'
begin;
insert into users (username, canonical_name, password_hash, created_at)
values ('corpus-sender', 'corpus-sender', '!', timestamptz '$NOW+00');
insert into rooms (name, canonical_name, is_private, created_by, created_at)
select 'search-corpus-' || n, 'search-corpus-' || n, false, (select id from users where username = 'corpus-sender'),
       timestamptz '$NOW+00' from generate_series(0, $ROOMS - 1) n;
insert into room_members (room_id, user_id, joined_at, role)
select id, created_by, created_at, 'owner' from rooms where name like 'search-corpus-%';
insert into messages (room_id, sender_id, content, message_type, created_at)
select r.id, r.created_by, c.text, 'TEXT', timestamptz '$NOW+00' + c.seq * interval '1 millisecond'
from corpus c join rooms r on r.name = 'search-corpus-' || c.room order by c.seq;
commit;
analyze;
SQL
fi

echo "migrating and indexing (every migration after V4)..."
START=$(date +%s.%N)
start_server
wait_started
END=$(date +%s.%N)
echo "the server migrated $MESSAGES messages and started in $(echo "$END - $START" | bc) s; migrations:"
if [ "$KIND" = sqlite ]; then
  sqlite3 -readonly "$TARGET/chat.db" "select version, description, execution_time || ' ms' from flyway_schema_history where cast(version as integer) > 4"
else
  psql -X -A -t -h 127.0.0.1 -U postgres -d "$TARGET" -c "select version, description, execution_time || ' ms' from flyway_schema_history where version::int > 4 order by installed_rank"
fi
if [ "$KIND" = postgresql ]; then
  # V7/V13 rewrote every row (the change log, the search text): a million dead row versions that each index
  # lookup steps over until a vacuum clears them, and stale statistics. Autovacuum would get there on its own
  # within minutes, but is off on some machines (`show autovacuum`): vacuum here so every run starts alike.
  psql -X -q -h 127.0.0.1 -U postgres -d "$TARGET" -c "vacuum (analyze) messages" -c "analyze"
fi
echo "server running on port $PORT, pid $(cat "$PIDFILE"), log $LOG"
