#!/usr/bin/env bash
# The VS Code extension's tests, as CI runs them (tests/run-all.sh calls this):
#   1. installs what they need (setup.sh: chromium, libkrb5-dev, Node 24, code-server; cached
#      under tests/.cache/vscode), builds the release server;
#   2. unit tests of the extension (node:test): settings mapping, server discovery, check
#      report positions, package.json and the debrief.toml schema against the rule registry;
#   3. packages the .vsix with the server bundled (npm run package);
#   4. end to end in real VS Code (code-server in headless Chromium): e2e.mjs.
# Every step is bounded by a timeout so a hung install, browser or server cannot stall CI.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
EXT="$ROOT/editors/vscode"
START=$(date +%s)

phase() { printf '  -- %s (%ss)\n' "$*" "$(($(date +%s) - START))"; }

phase "install: apt packages, Node 24, code-server"
timeout 900 "$HERE/setup.sh"

phase "build the release server"
timeout 1200 cargo build --release --locked -p debrief-ls --quiet
export DEBRIEF_LS_BIN="$ROOT/target/release/debrief-ls"

phase "npm ci (extension)"
(cd "$EXT" && timeout 300 npm ci --no-audit --no-fund --loglevel=error)

phase "unit tests (node --test)"
(cd "$EXT" && timeout 300 npm test --silent)

phase "package the .vsix"
rm -f "$EXT"/debrief-ls-*.vsix
(cd "$EXT" && timeout 300 npm run package --silent)
VSIX="$(ls "$EXT"/debrief-ls-*.vsix)"

phase "npm ci (end-to-end driver)"
(cd "$HERE" && timeout 300 npm ci --no-audit --no-fund --loglevel=error)

phase "end to end in code-server (VS Code for the browser) and headless Chromium"
(cd "$HERE" && E2E_TIMEOUT_S=300 timeout 360 node e2e.mjs "$VSIX")

phase "VS Code extension: done"
