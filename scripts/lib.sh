# Shared shell helpers for ./scripts/*. Sourced, never run.
# Creates .venv on first use and (re)installs from requirements.lock only when it changed,
# so repeated runs cost nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
export PYTHONDONTWRITEBYTECODE=1
export PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

ensure_venv() {
    local python="${PYTHON:-python3.11}"
    command -v "$python" >/dev/null 2>&1 || python=python3
    "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
        || die "Python 3.11 is required ($python is $("$python" --version 2>&1))"
    if [ ! -x "$PY" ]; then
        say "Creating virtual environment in .venv"
        "$python" -m venv "$VENV"
    fi
    local stamp="$VENV/.udsyn-installed" want
    want="$(cat "$ROOT/requirements.lock" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "Installing pinned dependencies from requirements.lock"
        "$PY" -m pip install --quiet --upgrade pip
        # (grep drops warnings about local index folders this machine's pip config names)
        "$PY" -m pip install --quiet -r "$ROOT/requirements.lock" 2> >(grep -v "^WARNING: Location" >&2)
        "$PY" -m pip install --quiet --no-deps -e "$ROOT"
        echo "$want" >"$stamp"
    fi
}

# Pagefind (the site search, used by the build), axe-core and Lighthouse (the browser tests)
# and Netlify's redirect engine (netlify.toml's tests) come from npm, pinned in
# package-lock.json; Pagefind's extended binary ships inside its package.
ensure_node_modules() {
    local stamp="$ROOT/node_modules/.udsyn-installed" want
    want="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        command -v npm >/dev/null 2>&1 || die "npm is needed for Pagefind and the test tools (Node.js 20.6+)"
        say "Installing Pagefind and the test tools from package-lock.json"
        (cd "$ROOT" && npm ci --no-audit --no-fund --silent)
        echo "$want" >"$stamp"
    fi
}

# Debian packages the tests need: the browser tests drive Chromium through Playwright (no
# browser download), with a CJK font; the build benchmark's test runs Hugo, its baseline.
ensure_test_packages() {
    local missing=()
    command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-wqy-microhei)
    command -v hugo >/dev/null 2>&1 || missing+=(hugo)
    [ ${#missing[@]} = 0 ] && return
    say "Installing Debian packages for the tests: ${missing[*]}"
    [ "$(id -u)" = 0 ] || die "the tests need Debian's packages: apt-get install ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        "${missing[@]}" >/dev/null
}
