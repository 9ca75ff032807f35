#!/bin/sh
# Starts Connect.
#
#   sh start.sh             with Docker when the engine and its compose plugin are
#                           here; otherwise natively (see below)
#   sh start.sh --docker    with Docker, or stop and say what is missing
#   sh start.sh --native    natively: the production build on this machine
#   sh start.sh configure   only create .env and docker-data/Caddyfile and fill in
#                           the secrets; start nothing
#   sh start.sh stop        stop Connect (containers or native processes)
#   sh start.sh status      show what runs and what /api/health says
#
# With Docker: Caddy (HTTPS for your domain), the web app, a worker, PostgreSQL and
# Redis from docker-compose.yml; data under docker-data/. Edit .env and
# docker-data/Caddyfile first (this script refuses to start while the domain or
# email are still the examples, and says which lines to change).
#
# Natively: PostgreSQL and Redis at DATABASE_URL and REDIS_URL (started or
# installed with apt-get when .env points at this machine), the web app on PORT
# and one worker in the background (logs in docker-data/logs), each started again
# when it exits, as docker compose does (ops/sh/supervise.sh). When
# docker-data/Caddyfile names a site and the `caddy` program is installed, Caddy
# runs in front of it too.
#
# Either way: .env is created from .env.example on first run and empty secrets
# (ENCRYPTION_KEY, POSTGRES_PASSWORD) get strong random values; nothing you set is
# ever overwritten.
set -eu

ROOT=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=ops/sh/common.sh
. "$ROOT/ops/sh/common.sh"

# --- With Docker -------------------------------------------------------------------------

start_docker() {
  [ -z "${CONNECT_DATA_DIR:-}${CONNECT_ENV_FILE:-}" ] ||
    fail "CONNECT_DATA_DIR and CONNECT_ENV_FILE apply to --native only; docker compose uses .env and docker-data/."
  require_caddy_edited
  mkdir -p "$DATA_DIR/postgres" "$DATA_DIR/redis" "$DATA_DIR/caddy/data" "$DATA_DIR/caddy/config" "$BACKUP_DIR" "$LOG_DIR"
  # Workers scaled with --scale worker=N stay that many across restarts.
  workers=$(compose ps -q worker 2>/dev/null | wc -l | tr -d ' ')
  [ "$workers" -ge 1 ] 2>/dev/null || workers=1

  say "building the Connect image (a few minutes the first time)"
  compose build || fail "the image did not build; the output above says why."
  say "starting PostgreSQL and Redis"
  compose up -d --wait postgres redis || fail "PostgreSQL or Redis did not become healthy. See: docker compose logs postgres redis"
  say "applying database migrations"
  compose run --rm --no-deps worker node --import tsx node_modules/@connect/store/src/cli/migrate.ts ||
    fail "migrations failed (output above). Nothing else was restarted."
  say "starting Caddy, the web app and $workers worker(s)"
  if ! compose up -d --remove-orphans --wait --wait-timeout 300 --scale "worker=$workers"; then
    compose ps >&2 || true
    compose logs --tail 30 web worker caddy >&2 || true
    fail "Connect did not become healthy (logs above). More: docker compose logs web worker caddy"
  fi
  say "Connect is running: $(caddy_url)"
  say "the certificate is issued on the first visit if needed (ports 80 and 443 must be reachable)"
  say "logs: docker compose logs -f web worker caddy; stop with: sh start.sh stop"
}

# --- Natively ----------------------------------------------------------------------------

start_native() {
  load_env
  PORT=${PORT:-3000}
  mkdir -p "$RUN_DIR" "$LOG_DIR"

  command -v node >/dev/null || fail "Node.js 20.19 or newer is required: https://nodejs.org (or your package manager)."
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
    fail "Node.js $(node -v) is too old: Connect needs 20.19 or newer."
  if ! command -v pnpm >/dev/null; then
    say "installing pnpm"
    npm install -g pnpm@12 >/dev/null || fail "could not install pnpm (npm install -g pnpm@12)."
  fi

  case "${DATABASE_URL:-}" in
    *@127.0.0.1* | *@localhost* | *//127.0.0.1* | *//localhost*)
      # Make sure the local services run and the app database exists.
      database=${DATABASE_URL##*/}
      APP_DB_NAME=${database%%\?*} CONNECT_SKIP_TEST_TOOLS=1 bash "$ROOT/scripts/services.sh" ;;
    *) say "using the database and Redis named in $(show_path "$ENV_FILE")" ;;
  esac

  stop_native
  cd "$ROOT"
  say "installing dependencies"
  pnpm install --frozen-lockfile >"$LOG_DIR/install.log" 2>&1 || fail "pnpm install failed; see $(show_path "$LOG_DIR")/install.log"
  say "building (this takes a minute the first time)"
  NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 pnpm build >"$LOG_DIR/build.log" 2>&1 ||
    fail "the build failed; see $(show_path "$LOG_DIR")/build.log"
  say "applying database migrations"
  pnpm db:migrate >"$LOG_DIR/migrate.log" 2>&1 || fail "migrations failed: $(tail -n 3 "$LOG_DIR/migrate.log")"

  # Started directly (not through pnpm) so the pid files name the processes themselves;
  # each under a supervisor that starts it again whenever it exits, until `stop`.
  export NEXT_TELEMETRY_DISABLED=1
  start_supervised web "$ROOT/apps/web" node --max-old-space-size=384 node_modules/next/dist/bin/next start --port "$PORT"
  start_supervised worker "$ROOT/apps/worker" node --max-old-space-size=256 --import tsx src/main.ts

  say "waiting for Connect to answer on port $PORT"
  wait_healthy "http://127.0.0.1:$PORT" web

  url=${APP_URL:-http://localhost:$PORT}
  if start_caddy; then url=$(caddy_url); fi
  say "Connect is running: $url"
  say "logs: $(show_path "$LOG_DIR")/web.log, worker.log, supervisor.log; stop with: sh start.sh stop"
  say "the web app and the worker are started again if they exit"
}

# Waits until BASE/api/health says ok (database, Redis and a worker); fails with the logs.
# A process that exits before then is a failed start: everything is stopped rather
# than left restarting in the background.
wait_healthy() {
  i=0
  until curl -fsS "$1/api/health" 2>/dev/null | grep -q '"status":"ok"'; do
    i=$((i + 1))
    [ $i -le 120 ] || fail "Connect did not become healthy in 60 seconds. Logs: $(show_path "$LOG_DIR")/web.log and worker.log"
    exited web "the web app"
    exited worker "the worker"
    [ "$2" = web ] || is_running caddy || fail "Caddy stopped: $(tail -n 5 "$LOG_DIR/caddy.log")"
    sleep 0.5
  done
}

# Fails (after stopping everything) when supervised process NAME has exited since it was started.
exited() {
  if [ -s "$RUN_DIR/$1.restarts" ] || ! is_running "$1.supervisor"; then
    tail_lines=$(tail -n 5 "$LOG_DIR/$1.log")
    stop_native >/dev/null
    fail "$2 stopped: $tail_lines"
  fi
}

# Runs Caddy in front of the native web app when the Caddyfile names a real site.
# Returns non-zero (and says why) when it does not run Caddy.
start_caddy() {
  if [ -n "$(caddy_placeholders | awk -F '\t' '$2 !~ /^email/')" ]; then
    say "no Caddy in front: $(show_path "$CADDYFILE") still names the example domain. To serve Connect through"
    say "Caddy, put your domain there (or http://localhost:8080 to try it locally) and run sh start.sh again."
    return 1
  fi
  command -v caddy >/dev/null 2>&1 || {
    warn "$(show_path "$CADDYFILE") names a site but caddy is not installed (apt-get install caddy); serving without it."
    return 1
  }
  require_caddy_edited
  mkdir -p "$DATA_DIR/caddy/data" "$DATA_DIR/caddy/config"
  say "starting Caddy for $(caddy_url)"
  # The same Caddyfile as under Docker, with the upstream pointed at the local port;
  # certificates go to docker-data/caddy as they do there; no admin API is needed.
  (exec nohup env CONNECT_UPSTREAM="127.0.0.1:$PORT" CADDY_ADMIN=off \
    XDG_DATA_HOME="$DATA_DIR/caddy/data" XDG_CONFIG_HOME="$DATA_DIR/caddy/config" \
    caddy run --config "$CADDYFILE" --adapter caddyfile) </dev/null >>"$LOG_DIR/caddy.log" 2>&1 &
  echo $! >"$RUN_DIR/caddy.pid"
  if caddy_http_only; then
    wait_healthy "$(caddy_url)" caddy
  else
    # An HTTPS site is checked by its first visitor (the certificate comes then).
    sleep 2
    is_running caddy || fail "Caddy stopped: $(tail -n 5 "$LOG_DIR/caddy.log")"
  fi
}

# --- Commands ------------------------------------------------------------------------------

status() {
  if compose_has_containers; then
    compose ps
    compose exec -T web node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>r.text()).then(console.log)" ||
      say "health: the web container did not answer"
    return
  fi
  load_env
  for name in web worker caddy; do
    restarts=$(restart_summary "$name")
    if is_running "$name"; then
      say "$name is running (pid $(cat "$RUN_DIR/$name.pid"))${restarts:+; $restarts}"
    elif is_running "$name.supervisor"; then
      say "$name is not running: its supervisor starts it again shortly${restarts:+; $restarts}"
    else
      say "$name is not running"
    fi
  done
  if ! curl -fsS "http://127.0.0.1:${PORT:-3000}/api/health" 2>/dev/null; then
    say "health: no answer on port ${PORT:-3000}"
  else
    echo
  fi
}

stop() {
  if compose_has_containers; then
    say "stopping the containers"
    compose stop
  fi
  stop_native
  say "stopped"
}

case "${1:-start}" in
  configure)
    configure
    edits=$(caddy_edits)
    if [ -n "$edits" ]; then
      say "before starting with Docker, edit:"
      printf '%s\n' "$edits"
    fi
    ;;
  stop) stop ;;
  status) status ;;
  --native)
    configure
    start_native
    ;;
  --docker)
    configure
    require_caddy_edited
    state=$(docker_state)
    [ "$state" = ready ] || fail "cannot start with Docker: $(docker_problem "$state")"
    start_docker
    ;;
  start)
    configure
    state=$(docker_state)
    case "$state" in
      ready) start_docker ;;
      no-client | no-engine)
        say "no Docker engine here ($(docker_problem "$state" | cut -d. -f1)): starting natively"
        start_native
        ;;
      *) fail "$(docker_problem "$state")" ;;
    esac
    ;;
  *) fail "unknown command '$1' (use: --docker, --native, configure, stop, status)" ;;
esac
