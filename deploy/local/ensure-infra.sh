#!/usr/bin/env bash
# Make sure the local infrastructure Rapport needs is installed and running: nginx (gateway),
# RabbitMQ (events) and, when asked with --postgres, PostgreSQL. Installs with apt when root;
# otherwise says exactly what to run.
set -euo pipefail

want_postgres=0
[ "${1:-}" = "--postgres" ] && want_postgres=1

can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }
apt_install() {
  if can_install; then
    echo "installing $* with apt-get"
    [ -n "${APT_UPDATED:-}" ] || { apt-get update -qq; APT_UPDATED=1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "missing: $*. Install it with: sudo apt-get install -y $*" >&2
    exit 1
  fi
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() {
  for _ in $(seq 1 60); do port_open "$1" && return 0; sleep 1; done
  echo "$2 did not start listening on port $1" >&2
  exit 1
}

command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || apt_install nginx-light

if ! port_open 5672; then
  command -v rabbitmq-server >/dev/null || [ -x /usr/sbin/rabbitmq-server ] || apt_install rabbitmq-server
  echo "starting RabbitMQ"
  if [ "$(id -u)" = 0 ]; then rabbitmq-server -detached; else
    echo "RabbitMQ is not running. Start it with: sudo rabbitmq-server -detached" >&2; exit 1; fi
  wait_port 5672 RabbitMQ
fi

# The console's browser tests drive Debian's chromium (never a browser download).
[ "$want_postgres" = 1 ] && ! [ -x /usr/bin/chromium ] && apt_install chromium

if [ "$want_postgres" = 1 ] && ! port_open 5432; then
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  echo "starting PostgreSQL"
  if [ "$(id -u)" = 0 ]; then pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start; else
    echo "PostgreSQL is not running. Start it with: sudo pg_ctlcluster $(ls /etc/postgresql | head -1) main start" >&2; exit 1; fi
  wait_port 5432 PostgreSQL
fi
echo "infrastructure ready: nginx, RabbitMQ$([ "$want_postgres" = 1 ] && echo ', PostgreSQL')"
