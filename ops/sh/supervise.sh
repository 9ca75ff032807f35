#!/bin/sh
# Keeps one native Connect process running, as docker compose's
# `restart: unless-stopped` does: started by start.sh --native, one per process.
#
#   sh ops/sh/supervise.sh NAME FOLDER COMMAND [ARGUMENTS...]
#
# Runs COMMAND in FOLDER with its output appended to LOG_DIR/NAME.log. When it
# exits, for whatever reason (a crash, out of memory, kill -9), it is started
# again after 1 second, then 2, 4, ... up to 30 seconds while it keeps exiting;
# once it has stayed up for a minute the wait is back to 1 second. Each restart is
# logged with the time, the exit code or signal and the attempt number, to
# NAME.log and to supervisor.log, and counted in RUN_DIR/NAME.restarts for
# `sh start.sh status`. RUN_DIR/NAME.pid always names the running process.
#
# SIGTERM (sh start.sh stop) passes SIGTERM on to the process, waits for it to
# exit and exits without restarting it.
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=ops/sh/common.sh
. "$ROOT/ops/sh/common.sh"

[ $# -ge 3 ] || fail "usage: sh ops/sh/supervise.sh NAME FOLDER COMMAND [ARGUMENTS...]"
name=$1
folder=$2
shift 2

first_delay=1
max_delay=30
# Up this long, a process counts as having started fine: the next exit is a new story.
stable_seconds=60

log="$LOG_DIR/$name.log"
restarts_file="$RUN_DIR/$name.restarts"
child=""
signalled=""
sleeper=""
stopping=""

now() { date -u '+%Y-%m-%dT%H:%M:%SZ'; }

# A line in the process's own log and in the supervisor log.
note() {
  line="$(now) [supervisor] $name: $*"
  printf '%s\n' "$line" >>"$log"
  printf '%s\n' "$line" >>"$LOG_DIR/supervisor.log"
}

# "code 1", or "signal KILL" for a process a signal ended (the shell reports 128+N).
describe_exit() {
  if [ "$1" -gt 128 ] && signal=$(kill -l "$1" 2>/dev/null); then
    printf 'signal %s' "$signal"
  else
    printf 'code %s' "$1"
  fi
}

# Passes the stop on to the process once (a second SIGTERM could cut the
# worker's graceful shutdown short).
stop_child() {
  [ -n "$child" ] && [ "$signalled" != "$child" ] || return 0
  signalled=$child
  kill -TERM "$child" 2>/dev/null || true
}

on_stop() {
  stopping=1
  stop_child
  [ -z "$sleeper" ] || kill "$sleeper" 2>/dev/null || true
}
trap on_stop TERM INT

mkdir -p "$RUN_DIR" "$LOG_DIR"
rm -f "$restarts_file"
restarts=0
attempt=0
delay=$first_delay
while [ -z "$stopping" ]; do
  started=$(date +%s)
  (cd "$folder" && exec "$@") </dev/null >>"$log" 2>&1 &
  child=$!
  printf '%s\n' "$child" >"$RUN_DIR/$name.pid"
  # A stop that arrived while it was being started.
  [ -z "$stopping" ] || stop_child
  status=0
  wait "$child" || status=$?
  # A signal to this script ends `wait` early: wait on until the process is gone.
  while kill -0 "$child" 2>/dev/null; do
    status=0
    wait "$child" || status=$?
  done
  [ -z "$stopping" ] || break

  up=$(($(date +%s) - started))
  if [ "$up" -ge "$stable_seconds" ]; then
    attempt=0
    delay=$first_delay
  fi
  attempt=$((attempt + 1))
  restarts=$((restarts + 1))
  how=$(describe_exit "$status")
  # For `sh start.sh status`: how many restarts, when the last one was, and why.
  printf '%s\t%s\t%s\n' "$restarts" "$(now)" "$how" >"$restarts_file.tmp"
  mv "$restarts_file.tmp" "$restarts_file"
  note "exited ($how) after ${up}s; restart attempt $attempt in ${delay}s"

  sleep "$delay" &
  sleeper=$!
  wait "$sleeper" 2>/dev/null || true
  sleeper=""
  [ -z "$stopping" ] || break
  delay=$((delay * 2))
  [ "$delay" -le "$max_delay" ] || delay=$max_delay
  note "starting again (attempt $attempt)"
done
note "stopped"
