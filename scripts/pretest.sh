#!/usr/bin/env bash
# `npm test` runs this first: it obtains what the suite needs and npm cannot install, or stops in
# one line that says what to do, before minutes of type checks and tests.
# - Debian's Chromium at /usr/bin/chromium for the browser tests, and Debian's nginx at
#   /usr/sbin/nginx for the deployment tests (its configuration is checked with `nginx -t`, and the
#   two-instance tests run it as the load balancer, as the tests' own process on loopback): apt-get
#   installs what is missing when this runs as root or with passwordless sudo. Installing nginx
#   does not start it where a policy-rc.d forbids it (containers); elsewhere Debian starts its
#   default site on port 80, which the tests do not use.
# - Under CI=true: Redis on 127.0.0.1:6379 (CI's suite fails without it, a developer's skips its
#   tests) and PostgreSQL on 127.0.0.1:5432 (optional: the suite always runs on the embedded
#   PostgreSQL too), each started when installed but down. A developer's services are left alone.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
NGINX=/usr/sbin/nginx

fail() {
  echo "npm test: $*" >&2
  exit 1
}

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

can_be_root() { [ "$(id -u)" -eq 0 ] || sudo -n true 2>/dev/null; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }

# Installs the Debian packages given as "package:path" pairs whose path is missing, in one apt run.
install_packages() {
  local packages=() paths=() pair
  for pair in "$@"; do
    if [ ! -x "${pair#*:}" ]; then
      packages+=("${pair%%:*}")
      paths+=("${pair#*:}")
    fi
  done
  [ "${#packages[@]}" -gt 0 ] || return 0
  local wanted="${packages[*]}"
  command -v apt-get >/dev/null ||
    fail "the tests need ${paths[*]} (Debian: $wanted), and without apt-get they cannot be installed here: install them there"
  can_be_root || fail "the tests need ${paths[*]}: run 'sudo apt-get install -y $wanted', then npm test"
  echo "npm test: installing Debian's $wanted for the tests (apt-get install, about 30 s)"
  local log
  log=$(mktemp)
  local apt=(apt-get -qq -o DPkg::Lock::Timeout=120)
  if ! { as_root "${apt[@]}" update && as_root env DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y "${packages[@]}"; } \
    >"$log" 2>&1; then
    local reason
    reason=$(grep -m1 -E '^E:' "$log" || tail -n1 "$log")
    rm -f "$log"
    fail "apt-get could not install $wanted (${reason:-no reason given}): install it, then npm test"
  fi
  rm -f "$log"
  for pair in "$@"; do
    [ -x "${pair#*:}" ] || fail "apt-get installed ${pair%%:*}, yet ${pair#*:} is missing"
  done
}

wait_for_port() {
  for _ in $(seq 50); do
    if answers "$1"; then return 0; fi
    sleep 0.1
  done
  return 1
}

start_services() {
  if ! answers 6379 && command -v redis-server >/dev/null; then
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
    wait_for_port 6379 || true
  fi
  answers 6379 ||
    fail "CI=true expects Redis on 127.0.0.1:6379: install it (apt-get install -y redis-server) or start it"
  local clusters=(/etc/postgresql/*)
  if ! answers 5432 && [ -d "${clusters[0]}" ] && can_be_root; then
    if as_root pg_ctlcluster --skip-systemctl-redirect "${clusters[0]##*/}" main start >/dev/null 2>&1; then
      wait_for_port 5432 || true
    fi
  fi
}

install_packages "chromium:$CHROMIUM" "nginx:$NGINX"
if [ "${CI:-}" = true ]; then start_services; fi

up() { if answers "$1"; then echo up; else echo down; fi; }
echo "npm test: Chromium at $CHROMIUM, nginx at $NGINX; Redis 127.0.0.1:6379 $(up 6379), PostgreSQL 127.0.0.1:5432 $(up 5432) (both optional outside CI)"
