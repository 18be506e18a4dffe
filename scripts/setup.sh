#!/usr/bin/env bash
# Shared set-up for scripts/demo.sh and scripts/test.sh: system packages (when root),
# a virtual environment in .venv, and copydesk installed into it.  Idempotent.
#   setup.sh demo   - what the service needs
#   setup.sh test   - plus the test tools, Chromium, and the local PostgreSQL/Redis
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-demo}

python=${PYTHON:-python3}

# What is missing, as Debian packages: each check looks for the thing itself (a command,
# a file), so a machine that has it from elsewhere (Node.js from NodeSource, Python from
# pyenv) is left alone.
missing=()
"$python" -c "import ensurepip, venv" 2>/dev/null || missing+=(python3-venv)
[ -f /usr/share/hunspell/en_US.dic ] || missing+=(hunspell-en-us)
[ -f /usr/share/hunspell/en_GB.dic ] || missing+=(hunspell-en-gb)
[ -f /usr/share/hunspell/en_AU.dic ] || missing+=(hunspell-en-au)
[ -f /usr/share/hunspell/en_CA.dic ] || missing+=(hunspell-en-ca)
[ -f /usr/share/hunspell/uk_UA.dic ] || missing+=(hunspell-uk)
[ -f /usr/share/hunspell/ru_RU.dic ] || missing+=(hunspell-ru)
if [ "$mode" = test ]; then
  command -v chromium >/dev/null || missing+=(chromium)
  command -v haproxy >/dev/null || missing+=(haproxy)  # the cluster test's front
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: please install these Debian packages first (as root):" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if [ "$mode" = test ] && [ "$(id -u)" = 0 ]; then
  # The local services the storage, rate-limit and notification tests use.
  if command -v pg_ctlcluster >/dev/null && ! pg_isready -q -h 127.0.0.1 2>/dev/null; then
    echo "setup: starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
  if command -v redis-server >/dev/null && ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
    echo "setup: starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" \
      --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
extra=""
[ "$mode" = test ] && extra="[test]"
stamp=".venv/.installed-$mode-$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".$extra"
  touch "$stamp"
fi

if [ "$mode" = test ]; then
  # axe-core for the dashboard's accessibility tests (tests/dashboard/test_a11y.py).
  axe=tests/dashboard/axe
  if [ ! "$axe/node_modules/.package-lock.json" -nt "$axe/package-lock.json" ]; then
    (cd "$axe" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
