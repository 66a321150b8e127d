#!/usr/bin/env bash
# Two production nodes of our server on this machine, for `fanout` spread over both (docs/benchmark.md, "fanout"):
#
#   load-generator/two-nodes.sh start     drops and creates the database, starts both nodes, waits until both are ready
#   load-generator/two-nodes.sh stop      stops the nodes this script started
#
# Both run the production profile (application-production.yml): PostgreSQL at 127.0.0.1:5432 as user postgres,
# database ${DB:-twonode} (dropped and created afresh by `start`), room events, presence and the login throttle
# in the Redis at ${REDIS_URL:-redis://127.0.0.1:6379} under keys and channels of their own (prefix "<DB>:"; nothing
# else in that Redis is touched), one signing key made up for the pair. Attachments go to a local folder
# (chat.storage.type=fs, the supported alternative to S3; fanout uploads nothing). Ports ${PORT1:-18801} and
# ${PORT2:-18802}, management ports ${MANAGEMENT_PORT1:-18811} and ${MANAGEMENT_PORT2:-18812}; the benchmark's raised limits
# (docs/benchmark.md, "Build and run") and bcrypt cost 4 (sign-ups are not measured). Logs, pids and files in
# ${WORK_DIR:-/tmp/two-nodes-<DB>}. Java: ${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}, -Xms256m -Xmx1g each.
# Needs psql and curl on the PATH; builds nothing: run `./mvnw -DskipTests package` first.
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${DB:-twonode}
PORTS=("${PORT1:-18801}" "${PORT2:-18802}")
MANAGEMENT_PORTS=("${MANAGEMENT_PORT1:-18811}" "${MANAGEMENT_PORT2:-18812}")
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
WORK_DIR=${WORK_DIR:-/tmp/two-nodes-$DB}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
SERVER=bootstrap/target/bootstrap-0.1.0-SNAPSHOT-exec.jar

stop_nodes() {
  for n in 1 2; do
    local pidfile=$WORK_DIR/node$n.pid
    [ -s "$pidfile" ] || continue
    local pid
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      if kill -0 "$pid" 2>/dev/null; then echo "node $n (pid $pid) did not stop within 30 s: killing it"; kill -9 "$pid"; fi
      echo "node $n (pid $pid) stopped"
    fi
    rm -f "$pidfile"
  done
}

start_node() { # node number (1 or 2)
  local n=$1 port=${PORTS[$1 - 1]} management=${MANAGEMENT_PORTS[$1 - 1]}
  mkdir -p "$WORK_DIR/data$n"
  MALLOC_ARENA_MAX=2 "$JAVA" -Xms256m -Xmx1g --enable-native-access=ALL-UNNAMED -jar "$SERVER" \
    --spring.profiles.active=production \
    --server.port="$port" --management.server.port="$management" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" --spring.datasource.username=postgres \
    --spring.datasource.hikari.connection-timeout=30000 \
    --chat.security.signing-key="$KEY" \
    --chat.fanout.redis.url="$REDIS_URL" --chat.fanout.redis.channel-prefix="$DB:" \
    --chat.presence.redis.key-prefix="$DB:presence:" --chat.throttle.redis.key-prefix="$DB:throttle:" \
    --chat.storage.type=fs --chat.storage.fs.root="$WORK_DIR/files" --chat.data-dir="$WORK_DIR/data$n" \
    --chat.websocket.frames-per-second=100000 --chat.websocket.frame-burst=100000 \
    --chat.limits.rest-posts-per-second=100000 --chat.limits.rest-post-burst=100000 \
    --chat.limits.rooms-per-hour=100000 --chat.limits.room-burst=100000 \
    --chat.websocket.max-connections-per-user=200 --chat.auth.signup-free-attempts=100000 \
    --chat.security.bcrypt-cost=4 --chat.auth.access-token-ttl=2h \
    --server.tomcat.max-connections=20000 >"$WORK_DIR/node$n.log" 2>&1 &
  echo $! >"$WORK_DIR/node$n.pid"
}

wait_ready() { # node number
  local n=$1 port=${PORTS[$1 - 1]}
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null; then
      echo "node $n ready: http://127.0.0.1:$port (pid $(cat "$WORK_DIR/node$n.pid"), log $WORK_DIR/node$n.log)"
      return 0
    fi
    if ! kill -0 "$(cat "$WORK_DIR/node$n.pid")" 2>/dev/null; then
      echo "node $n stopped:"; tail -n 30 "$WORK_DIR/node$n.log"; stop_nodes; exit 1
    fi
    sleep 0.5
  done
  echo "node $n was not ready within 2 minutes:"; tail -n 30 "$WORK_DIR/node$n.log"; stop_nodes; exit 1
}

case "${1:-}" in
  start)
    [ -f "$SERVER" ] || { echo "$SERVER is missing: run ./mvnw -DskipTests package first"; exit 2; }
    ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" # one descriptor per connection
    mkdir -p "$WORK_DIR"
    stop_nodes
    rm -rf "$WORK_DIR/files" "$WORK_DIR/data1" "$WORK_DIR/data2"
    psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists \"$DB\"" -c "create database \"$DB\""
    KEY=$(head -c 32 /dev/urandom | base64 -w0)
    # the first node migrates the fresh database; the second starts on the migrated schema
    start_node 1
    wait_ready 1
    start_node 2
    wait_ready 2
    echo "fanout over both: --base-url=http://127.0.0.1:${PORTS[0]},http://127.0.0.1:${PORTS[1]}"
    echo "stop them with: $0 stop"
    ;;
  stop)
    stop_nodes
    ;;
  *)
    sed -n '2,16p' "$0"
    exit 2
    ;;
esac
