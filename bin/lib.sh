# Shared helpers for bin/run and bin/test. Sourced, not executed.
# They make a fresh Debian machine with Python 3.11 ready: a virtualenv with
# the pinned requirements, and a reachable Redis (and PostgreSQL for tests).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root to run: $*"; return 1; fi
}

apt_install() {
  say "installing $* from Debian's packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

load_local_settings() {  # .env if present, and this checkout's generated secrets (kept in var/, out of git)
  [ -f .env ] && { set -a; source .env; set +a; }
  mkdir -p var
  local name file
  for name in SECRET_KEY ENCRYPTION_KEY; do
    file="var/${name,,}"
    if [ -z "${!name:-}" ] && [ -z "$(printenv "${name}_FILE" || true)" ]; then
      [ -s "$file" ] || (umask 077 && "$PY" -c "import secrets; print(secrets.token_urlsafe(48))" >"$file")
      export "${name}_FILE=$ROOT/$file"
    fi
  done
}

ensure_venv() {  # $1 = requirements file
  local req="$1" stamp="$VENV/.installed"
  if [ ! -x "$PY" ]; then
    command -v python3 >/dev/null || apt_install python3
    if ! python3 -m venv "$VENV" 2>/dev/null; then
      rm -rf "$VENV"
      apt_install python3-venv
      python3 -m venv "$VENV"
    fi
  fi
  local want
  want=$(cat "$ROOT/requirements.txt" "$ROOT/$req" | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing Python packages from $req"
    "$PY" -m pip install -q --disable-pip-version-check -r "$ROOT/$req"
    echo "$want" >"$stamp"
  fi
}

redis_answers() {  # $1 = URL
  "$PY" - "$1" <<'PYEOF' 2>/dev/null
import sys, redis
redis.Redis.from_url(sys.argv[1], socket_connect_timeout=1).ping()
PYEOF
}

wait_for() {  # $1 = seconds, rest = command
  local n="$1"; shift
  for _ in $(seq "$((n * 5))"); do "$@" && return 0; sleep 0.2; done
  return 1
}

# The browser tests drive Debian's chromium (Playwright's own download does not
# work everywhere); the package is the one system dependency they add.
ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium
}

ensure_redis_server_installed() {
  command -v redis-server >/dev/null || apt_install redis-server
}

postgres_answers() {  # $1 = URL
  "$PY" - "$1" <<'PYEOF' 2>/dev/null
import sys, psycopg
psycopg.connect(sys.argv[1], connect_timeout=2).close()
PYEOF
}

# Makes PostgreSQL reachable at $TEST_POSTGRES_URL, starting (or installing)
# the local cluster if needed. Exports the URL that works.
ensure_postgres() {
  local url="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
  if ! postgres_answers "$url"; then
    command -v pg_ctlcluster >/dev/null || apt_install postgresql
    say "starting PostgreSQL"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start || true
    if ! wait_for 30 postgres_answers "$url"; then
      # A freshly installed cluster asks for a password on TCP: give the
      # postgres role one, for this machine's tests only.
      as_root runuser -u postgres -- psql -qc "ALTER USER postgres PASSWORD 'postgres'" >/dev/null
      url="postgres://postgres:postgres@127.0.0.1:5432/postgres"
      wait_for 10 postgres_answers "$url" || { say "PostgreSQL is not reachable"; return 1; }
    fi
  fi
  TEST_POSTGRES_URL="$url"
  export TEST_POSTGRES_URL
}
