#!/bin/sh
# Removes Connect from this machine. Asks you to type a confirmation, offers a
# final backup of the app database, stops and removes the containers (or the
# native processes), and deletes data only when you say so. Backups, .env (with
# the ENCRYPTION_KEY that backups need) and this folder are always left; delete
# the folder yourself to remove everything.
#
#   sh delete.sh              Docker or native, as start.sh chooses
#   sh delete.sh --docker     or --native, to say which
set -eu

ROOT=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=ops/sh/common.sh
. "$ROOT/ops/sh/common.sh"

mode=auto
for arg in "$@"; do
  case "$arg" in
    --docker) mode=docker ;;
    --native) mode=native ;;
    *) fail "unknown option '$arg' (use: --docker, --native)" ;;
  esac
done
if [ "$mode" = auto ]; then
  if compose_has_containers; then mode=docker; else mode=native; fi
elif [ "$mode" = docker ]; then
  state=$(docker_state)
  [ "$state" = ready ] || fail "cannot remove the containers: $(docker_problem "$state")"
fi
[ "$mode" = docker ] || load_env

# Reads one line of the answer (an empty answer when there is no input left).
ask() {
  printf '%s ' "$1"
  answer=""
  read -r answer || true
}

if [ "$mode" = docker ]; then
  say "This stops and removes Connect's containers and image (docker compose down)."
else
  database=${DATABASE_URL:-}
  database=${database##*/}
  database=${database%%\?*}
  [ -n "$database" ] || fail "DATABASE_URL is not set in $(show_path "$ENV_FILE"); nothing was changed."
  say "This stops Connect's web app, worker and Caddy on this machine."
fi
ask 'Type "delete connect" to continue:'
[ "$answer" = "delete connect" ] || fail "not confirmed; nothing was changed."

ask "Make a final backup of the app database first? [Y/n]"
case "$answer" in
  [nN]*) say "no final backup" ;;
  *)
    backup=$(backup_database "$mode")
    say "backup written: $(show_path "$backup")"
    ;;
esac

if [ "$mode" = docker ]; then
  ask "Also delete the data: the database, queues, certificates and logs in $(show_path "$DATA_DIR")? [y/N]"
else
  ask "Also delete the data: the database \"$database\", Connect's keys in Redis (${QUEUE_PREFIX:-connect}:*), certificates and logs? [y/N]"
fi
case "$answer" in [yY]*) remove_data=yes ;; *) remove_data=no ;; esac

if [ "$mode" = docker ]; then
  say "removing the containers"
  compose down --remove-orphans
  docker image rm connect:local >/dev/null 2>&1 || true
  if [ "$remove_data" = yes ]; then
    say "deleting the data"
    cd "$DATA_DIR"
    # The database files belong to the container's postgres user; if this user may
    # not delete them, a throwaway container (same image) does.
    rm -rf postgres redis caddy logs run 2>/dev/null ||
      docker run --rm -v "$DATA_DIR:/data" --entrypoint rm postgres:17-alpine -rf /data/postgres /data/redis /data/caddy /data/logs /data/run
  fi
else
  stop_native
  if [ "$remove_data" = yes ]; then
    say "dropping the database \"$database\""
    # Connect to the server's maintenance database to drop this one.
    admin_url=$(printf '%s' "$DATABASE_URL" | sed -E 's|/[^/?]*(\?.*)?$|/postgres\1|')
    psql "$admin_url" -v ON_ERROR_STOP=1 -qc "drop database if exists \"$database\" with (force)" ||
      fail "could not drop the database (see above). The processes are stopped."
    if command -v redis-cli >/dev/null 2>&1; then
      say "deleting Connect's keys in Redis"
      keys=$(redis-cli -u "$REDIS_URL" --scan --pattern "${QUEUE_PREFIX:-connect}:*")
      [ -z "$keys" ] || printf '%s\n' "$keys" | xargs -n 500 redis-cli -u "$REDIS_URL" del >/dev/null
    else
      warn "redis-cli is not installed: Connect's keys (${QUEUE_PREFIX:-connect}:*) are still in Redis."
    fi
    rm -rf "$LOG_DIR" "$RUN_DIR" "$DATA_DIR/caddy"
  fi
fi

say "Connect is removed."
say "Kept: $(show_path "$ENV_FILE") (its ENCRYPTION_KEY is needed to restore a backup), $(show_path "$BACKUP_DIR"), $(show_path "$CADDYFILE") and this folder."
