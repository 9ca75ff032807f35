#!/bin/sh
# Updates Connect to the newest version:
#   1. backs up the app database (and .env) into docker-data/backups,
#   2. takes the new version (git pull, when this folder is a git checkout),
#   3. rebuilds, applies migrations and restarts (sh start.sh),
# and if a step fails, says how to go back with the backup.
#
#   sh update.sh               Docker or native, as start.sh chooses
#   sh update.sh --docker      or --native, to say which
#   sh update.sh --no-pull     keep the files as they are (e.g. a new release
#                              already extracted over this folder)
#   sh update.sh --backup-only only make the backup
set -eu

ROOT=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=ops/sh/common.sh
. "$ROOT/ops/sh/common.sh"

mode=auto
pull=yes
backup_only=no
for arg in "$@"; do
  case "$arg" in
    --docker) mode=docker ;;
    --native) mode=native ;;
    --no-pull) pull=no ;;
    --backup-only) backup_only=yes ;;
    *) fail "unknown option '$arg' (use: --docker, --native, --no-pull, --backup-only)" ;;
  esac
done

[ -f "$ENV_FILE" ] || fail "$(show_path "$ENV_FILE") does not exist: Connect has not been started in this folder yet. Start it with: sh start.sh"

if [ "$mode" = auto ]; then
  state=$(docker_state)
  case "$state" in
    ready) mode=docker ;;
    no-client | no-engine) mode=native ;;
    *) fail "$(docker_problem "$state")" ;;
  esac
elif [ "$mode" = docker ]; then
  state=$(docker_state)
  [ "$state" = ready ] || fail "cannot update with Docker: $(docker_problem "$state")"
fi
[ "$mode" = docker ] || load_env

say "backing up the app database"
backup=$(backup_database "$mode")
say "backup written: $(show_path "$backup") (with a copy of the settings beside it)"
[ "$backup_only" = no ] || exit 0

previous=""
if git -C "$ROOT" rev-parse HEAD >/dev/null 2>&1; then previous=$(git -C "$ROOT" rev-parse HEAD); fi

rollback_help() {
  printf '[connect] ERROR: %s\n' "$1" >&2
  {
    echo "[connect] To go back to the version you had, with the data as it was before this update:"
    if [ -n "$previous" ]; then
      echo "  git checkout $previous"
    else
      echo "  extract the previous release over this folder"
    fi
    [ "$mode" = native ] || echo "  docker compose up -d --wait postgres"
    restore_hint "$mode" "$backup"
    echo
    echo "  sh start.sh --$mode"
  } >&2
  exit 1
}

if [ "$pull" = yes ]; then
  if [ -n "$previous" ]; then
    say "taking the new version (git pull)"
    git -C "$ROOT" pull --ff-only || rollback_help "could not take the new version (git pull failed; see above). Nothing else was changed."
    if [ "$(git -C "$ROOT" rev-parse HEAD)" = "$previous" ]; then
      say "already at the newest version; rebuilding and restarting anyway"
    fi
  else
    say "not a git checkout: the files in this folder are the new version (extract a new release over it first)"
  fi
fi

# start.sh builds, applies migrations (before restarting anything under Docker) and waits for health.
sh "$ROOT/start.sh" "--$mode" || rollback_help "the update did not complete (see above)."
say "updated$([ -z "$previous" ] || printf ' from %.12s to %.12s' "$previous" "$(git -C "$ROOT" rev-parse HEAD)")"
