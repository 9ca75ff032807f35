# shellcheck shell=sh
# Shared by start.sh, update.sh and delete.sh (POSIX sh; sourced, not run).
# Expects ROOT (the repository folder) to be set by the caller.
#
# Overrides, for tests and for several copies of Connect on one machine (native runs only):
#   CONNECT_ENV_FILE   the settings file (default: .env)
#   CONNECT_DATA_DIR   logs, process ids, backups, Caddyfile (default: docker-data)

# shellcheck disable=SC2034 # used by the scripts that source this file
ENV_FILE=${CONNECT_ENV_FILE:-$ROOT/.env}
DATA_DIR=${CONNECT_DATA_DIR:-$ROOT/docker-data}
CADDYFILE=$DATA_DIR/Caddyfile
RUN_DIR=$DATA_DIR/run
LOG_DIR=$DATA_DIR/logs
BACKUP_DIR=$DATA_DIR/backups

# Shown in messages: paths relative to the repository when they are inside it.
show_path() { case "$1" in "$ROOT"/*) printf '%s' "${1#"$ROOT"/}" ;; *) printf '%s' "$1" ;; esac; }

say() { printf '[connect] %s\n' "$*"; }
warn() { printf '[connect] WARNING: %s\n' "$*" >&2; }
fail() {
  printf '[connect] ERROR: %s\n' "$*" >&2
  exit 1
}

# --- Settings file ----------------------------------------------------------------

# The value of NAME in the settings file (the last line wins, as with dotenv);
# empty if absent. One pair of surrounding quotes is removed.
env_value() {
  [ -f "$ENV_FILE" ] || return 0
  v=$(sed -n "s/^$1=//p" "$ENV_FILE" | tail -n 1)
  strip_quotes "$v"
}

# VALUE without one pair of surrounding double or single quotes.
strip_quotes() {
  case "$1" in
    \"*\" | \'*\') v=${1#?} && printf '%s' "${v%?}" ;;
    *) printf '%s' "$1" ;;
  esac
}

# Sets NAME=VALUE in the settings file: replaces the first NAME= line, or appends
# one. Other lines stay byte for byte. VALUE must not contain a newline.
env_set() {
  tmp="$ENV_FILE.tmp.$$"
  if grep -q "^$1=" "$ENV_FILE"; then
    awk -v name="$1" -v value="$2" '
      !done && index($0, name "=") == 1 { print name "=" value; done = 1; next }
      { print }
    ' "$ENV_FILE" >"$tmp"
  else
    cat "$ENV_FILE" >"$tmp"
    # Keep the file ending in a newline before appending.
    [ -z "$(tail -c 1 "$ENV_FILE")" ] || printf '\n' >>"$tmp"
    printf '%s=%s\n' "$1" "$2" >>"$tmp"
  fi
  chmod 600 "$tmp"
  mv "$tmp" "$ENV_FILE"
}

# N random bytes as 2N hex characters, from the kernel's generator (no openssl needed).
random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

# Exports every NAME=value of the settings file that the environment does not
# already set (the environment wins, as in the apps), so every process started
# from here, and every tool it runs, reads the same settings.
load_env() {
  [ -f "$ENV_FILE" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in '' | '#'*) continue ;; esac
    name=${line%%=*}
    value=${line#*=}
    case "$name" in '' | [0-9]* | *[!A-Za-z0-9_]*) continue ;; esac
    value=$(strip_quotes "$value")
    # $name is a checked identifier here, so eval only reads that variable.
    eval "already=\${$name+set}"
    [ -n "$already" ] || export "$name=$value"
  done <"$ENV_FILE"
}

# Creates the settings file and the Caddyfile from their templates when missing,
# and fills empty secrets with fresh random values. Never overwrites a value.
configure() {
  mkdir -p "$DATA_DIR"
  if [ ! -f "$ENV_FILE" ]; then
    cp "$ROOT/.env.example" "$ENV_FILE"
    chmod 600 "$ENV_FILE"
    say "created $(show_path "$ENV_FILE") from .env.example"
  fi
  if [ -z "$(env_value ENCRYPTION_KEY)" ]; then
    env_set ENCRYPTION_KEY "$(random_hex 32)"
    say "generated ENCRYPTION_KEY in $(show_path "$ENV_FILE"): keep a copy somewhere safe; without it stored secrets and backups cannot be read"
  fi
  if [ -z "$(env_value POSTGRES_PASSWORD)" ]; then
    env_set POSTGRES_PASSWORD "$(random_hex 24)"
    say "generated POSTGRES_PASSWORD in $(show_path "$ENV_FILE")"
  fi
  chmod 600 "$ENV_FILE"
  if [ ! -f "$CADDYFILE" ]; then
    cp "$ROOT/Caddyfile.example" "$CADDYFILE"
    say "created $(show_path "$CADDYFILE") from Caddyfile.example"
  fi
}

# --- Caddyfile -----------------------------------------------------------------------

# Lines of the Caddyfile still holding the template's example values, as
# "LINE<TAB>TEXT" (comments are skipped).
caddy_placeholders() {
  awk '{ line = $0; sub(/#.*/, "", line) } line ~ /example\.com/ { gsub(/^[ \t]+|[ \t]+$/, "", line); print NR "\t" line }' "$CADDYFILE"
}

# The site addresses of the Caddyfile: top-level lines that open a block.
caddy_sites() {
  awk '/^[^ \t#{][^{]*\{[ \t]*$/ { sub(/[ \t]*\{[ \t]*$/, ""); print }' "$CADDYFILE"
}

# True when every site is plain HTTP, so no certificate (and no email) is needed.
caddy_http_only() {
  sites=$(caddy_sites)
  [ -n "$sites" ] || return 1
  for site in $sites; do
    case "$site" in http://*) ;; *) return 1 ;; esac
  done
}

# The URL of the first site: as written for http:// addresses, https:// otherwise.
caddy_url() {
  site=$(caddy_sites | head -n 1)
  site=${site%%,*}
  case "$site" in http://* | https://*) printf '%s' "$site" ;; *) printf 'https://%s' "$site" ;; esac
}

# The lines to edit while the domain or the email is still the example, one per
# line (the email may stay when every site is plain HTTP: no certificate is requested).
caddy_edits() {
  caddy_placeholders | while IFS="$(printf '\t')" read -r number text; do
    case "$text" in
      email*) caddy_http_only || printf '  %s line %s: "%s": put your email address here (for the TLS certificate)\n' "$(show_path "$CADDYFILE")" "$number" "$text" ;;
      *) printf '  %s line %s: "%s": put your domain here (e.g. connect.yourcompany.com)\n' "$(show_path "$CADDYFILE")" "$number" "$text" ;;
    esac
  done
}

# Exits, naming the lines to edit, while the Caddyfile still has the example values.
require_caddy_edited() {
  edits=$(caddy_edits)
  [ -z "$edits" ] || fail "the Caddyfile still has the example values. Edit:
$edits
then run this again."
}

# --- Docker --------------------------------------------------------------------------

# What this machine offers: ready, no-client, no-engine, no-access or no-compose.
docker_state() {
  command -v docker >/dev/null 2>&1 || {
    echo no-client
    return
  }
  if ! out=$(docker info 2>&1); then
    case "$out" in *ermission*) echo no-access ;; *) echo no-engine ;; esac
    return
  fi
  docker compose version >/dev/null 2>&1 || {
    echo no-compose
    return
  }
  echo ready
}

# Why Docker cannot be used, and what to do about it.
docker_problem() {
  case "$1" in
    no-client) echo "Docker is not installed. Install Docker Engine and its compose plugin (https://docs.docker.com/engine/install/), or run: sh start.sh --native" ;;
    no-engine) echo "the Docker engine is not running or not reachable (docker info failed). Start it (sudo systemctl start docker), or run: sh start.sh --native" ;;
    no-access) echo "this user may not use Docker. Add it to the docker group (sudo usermod -aG docker \$USER, then log in again) or run with sudo" ;;
    no-compose) echo "the Docker compose plugin is missing (docker compose version failed). Install it (e.g. apt-get install docker-compose-plugin), or run: sh start.sh --native" ;;
  esac
}

compose() { (cd "$ROOT" && docker compose "$@"); }

# True when this folder's compose project has containers (running or stopped).
compose_has_containers() {
  [ "$(docker_state)" = ready ] && [ -n "$(compose ps -a -q 2>/dev/null)" ]
}

# --- Native processes ----------------------------------------------------------------

# True when the process in RUN_DIR/NAME.pid is alive (and still ours: a reused
# pid of another program does not count). NAME.supervisor is the supervisor
# (ops/sh/supervise.sh) that keeps NAME running.
is_running() {
  [ -f "$RUN_DIR/$1.pid" ] || return 1
  pid=$(cat "$RUN_DIR/$1.pid")
  kill -0 "$pid" 2>/dev/null || return 1
  case "$(ps -p "$pid" -o args= 2>/dev/null)" in *node* | *next-server* | *caddy* | *supervise.sh*) return 0 ;; *) return 1 ;; esac
}

# Starts NAME (COMMAND in FOLDER) in the background under its supervisor, which
# restarts it whenever it exits until `sh start.sh stop`.
start_supervised() {
  name=$1
  shift
  rm -f "$RUN_DIR/$name.pid"
  (exec nohup sh "$ROOT/ops/sh/supervise.sh" "$name" "$@") </dev/null >>"$LOG_DIR/supervisor.log" 2>&1 &
  echo $! >"$RUN_DIR/$name.supervisor.pid"
}

# "restarted 2 times, last at 2026-01-31T09:12:03Z (signal KILL)", or nothing when
# the supervisor has not had to restart NAME since it started.
restart_summary() {
  [ -s "$RUN_DIR/$1.restarts" ] || return 0
  IFS="$(printf '\t')" read -r count when how <"$RUN_DIR/$1.restarts" || return 0
  plural=s
  [ "$count" != 1 ] || plural=""
  printf 'restarted %s time%s, last at %s (%s)' "$count" "$plural" "$when" "$how"
}

# Stops the native processes: each supervisor first (it stops its process and
# restarts nothing after that), then anything left without one (Caddy, or a
# process whose supervisor was killed).
stop_native() {
  for name in caddy web worker; do
    if is_running "$name.supervisor"; then
      say "stopping $name"
      kill "$(cat "$RUN_DIR/$name.supervisor.pid")" 2>/dev/null || true
    elif is_running "$name"; then
      say "stopping $name"
      kill "$(cat "$RUN_DIR/$name.pid")" 2>/dev/null || true
    fi
  done
  # The worker finishes the batch it holds before it exits; give it time.
  for name in caddy web worker; do
    i=0
    while { is_running "$name.supervisor" || is_running "$name"; } && [ $i -lt 120 ]; do
      sleep 0.5
      i=$((i + 1))
    done
    # The supervisor first, so that nothing starts the process again.
    for process in "$name.supervisor" "$name"; do
      if is_running "$process"; then
        warn "$process did not stop within 60 seconds; killing it"
        kill -9 "$(cat "$RUN_DIR/$process.pid")" 2>/dev/null || true
      fi
    done
    rm -f "$RUN_DIR/$name.pid" "$RUN_DIR/$name.supervisor.pid" "$RUN_DIR/$name.restarts"
  done
}

# --- Backups ---------------------------------------------------------------------------

# Writes a backup of the app database (pg_dump custom format) and a copy of the
# settings file to BACKUP_DIR; prints the dump's path. $1: docker or native.
backup_database() {
  mkdir -p "$BACKUP_DIR"
  chmod 700 "$BACKUP_DIR"
  stamp=$(date +%Y%m%d-%H%M%S)
  # Two backups in one second (an update, then a removal) must not overwrite each other.
  n=1
  while [ -e "$BACKUP_DIR/connect-$stamp.dump" ]; do
    n=$((n + 1))
    stamp="$(date +%Y%m%d-%H%M%S)-$n"
  done
  file="$BACKUP_DIR/connect-$stamp.dump"
  if [ "$1" = docker ]; then
    compose up -d --wait postgres >&2 || fail "PostgreSQL did not start, so no backup was made. See: docker compose logs postgres"
    compose exec -T postgres pg_dump -U connect -d connect --format=custom >"$file" ||
      { rm -f "$file"; fail "the backup failed (pg_dump in the postgres container); nothing was changed."; }
  else
    command -v pg_dump >/dev/null 2>&1 || fail "pg_dump is not installed (apt-get install postgresql-client); nothing was changed."
    url=${DATABASE_URL:-$(env_value DATABASE_URL)}
    pg_dump --format=custom --file="$file" "$url" ||
      { rm -f "$file"; fail "the backup failed (pg_dump $(printf '%s' "$url" | sed 's|//[^@]*@|//***@|')); nothing was changed."; }
  fi
  # The key that decrypts the stored secrets belongs with the dump.
  cp "$ENV_FILE" "$BACKUP_DIR/connect-$stamp.env"
  chmod 600 "$file" "$BACKUP_DIR/connect-$stamp.env"
  if git -C "$ROOT" rev-parse HEAD >/dev/null 2>&1; then
    git -C "$ROOT" rev-parse HEAD >"$BACKUP_DIR/connect-$stamp.version"
  fi
  printf '%s' "$file"
}

# How to put a backup back, for messages.
restore_hint() {
  if [ "$1" = docker ]; then
    printf '  docker compose exec -T postgres pg_restore --clean --if-exists --no-owner -U connect -d connect < %s' "$(show_path "$2")"
  else
    # shellcheck disable=SC2016 # $DATABASE_URL is for the reader's shell to expand
    printf '  pg_restore --clean --if-exists --no-owner -d "$DATABASE_URL" %s' "$(show_path "$2")"
  fi
}
