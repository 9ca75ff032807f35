#!/usr/bin/env bash
# Makes sure the local services Connect needs for development and tests are up:
# PostgreSQL (app metadata, and a customer database in tests), Redis (job queues),
# MariaDB (a customer database in tests), and the tools the tests use (shellcheck,
# caddy). Starts what is installed and stopped; installs with apt-get what is
# missing (needs root); then creates the app database.
# Safe to run again at any time.
set -euo pipefail

APP_DB="${APP_DB_NAME:-connect}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

say() { printf '[services] %s\n' "$*"; }
fail() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

apt_updated=""
apt_install() {
  command -v apt-get >/dev/null || fail "$1 is not installed and apt-get is not available. Install $1 yourself, then run this again."
  if [ -z "$apt_updated" ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  say "installing $* with apt-get"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

wait_for() { # name, command...
  local name=$1; shift
  for _ in $(seq 1 60); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  fail "$name did not come up. Check its log (PostgreSQL: /var/log/postgresql, Redis: /var/log/redis, MariaDB: /var/log/mysql)."
}

# --- PostgreSQL -------------------------------------------------------------
postgres_fresh=""
if ! command -v pg_isready >/dev/null || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
  apt_install postgresql
  postgres_fresh=1
fi
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  if [ ! -d "/etc/postgresql/$version/main" ]; then
    # initdb refuses to run as root; the cluster belongs to the postgres user.
    $SUDO pg_createcluster "$version" main >/dev/null
  fi
  if [ -n "$postgres_fresh" ]; then
    # A cluster we just created: let local tools connect without a password, as on the CI machines.
    hba="/etc/postgresql/$version/main/pg_hba.conf"
    $SUDO sed -i -E 's/^(local|host)(\s+all\s+all\s+.*)\s(peer|scram-sha-256|md5)$/\1\2 trust/' "$hba"
  fi
  say "starting PostgreSQL $version"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start
  wait_for PostgreSQL pg_isready -h 127.0.0.1 -p 5432
fi
say "PostgreSQL is up"

# --- Redis ------------------------------------------------------------------
command -v redis-server >/dev/null || apt_install redis-server
if ! redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
  say "starting Redis"
  $SUDO mkdir -p /var/lib/redis /var/log/redis
  $SUDO redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for Redis sh -c 'redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG'
fi
say "Redis is up"

# --- MariaDB ----------------------------------------------------------------
mariadb_fresh=""
if ! command -v mariadbd >/dev/null && [ ! -x /usr/sbin/mariadbd ]; then
  apt_install mariadb-server
  mariadb_fresh=1
fi
if ! mariadb-admin ping -h 127.0.0.1 --silent >/dev/null 2>&1; then
  say "starting MariaDB"
  $SUDO mkdir -p /run/mysqld && $SUDO chown mysql:mysql /run/mysqld 2>/dev/null || true
  $SUDO start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  wait_for MariaDB mariadb-admin ping -h 127.0.0.1 --silent
fi
if [ -n "$mariadb_fresh" ]; then
  # A fresh install lets root in only through the Unix socket; tests connect over TCP.
  $SUDO mariadb -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket; FLUSH PRIVILEGES;"
fi
say "MariaDB is up"

# --- Tools the tests use -----------------------------------------------------
# The tests run shellcheck on start.sh, update.sh and delete.sh; Debian's caddy validates the
# Caddyfile and fronts the production-path test. start.sh skips this part.
if [ -z "${CONNECT_SKIP_TEST_TOOLS:-}" ]; then
  command -v shellcheck >/dev/null || apt_install shellcheck
  if ! command -v caddy >/dev/null; then
    apt_install caddy
    # The package starts a Caddy on port 80 where systemd runs; the tests start their own.
    if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
      $SUDO systemctl disable --now caddy >/dev/null 2>&1 || true
    fi
  fi
  say "shellcheck and caddy are installed"
fi

# --- Databases --------------------------------------------------------------
pg_admin="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if ! psql "$pg_admin" -tAc "select 1 from pg_database where datname = '$APP_DB'" | grep -q 1; then
  psql "$pg_admin" -qc "create database \"$APP_DB\"" && say "created database $APP_DB"
fi
say "all services are ready"
