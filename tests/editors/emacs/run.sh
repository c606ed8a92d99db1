#!/usr/bin/env bash
# debrief-ls in real Emacs 28 + eglot 1.9 (Debian's emacs-nox, elpa-eglot,
# elpa-markdown-mode), batch mode, with the README's Emacs snippets: eglot-test.el.
# Installs what it needs (idempotent); builds target/release/debrief-ls unless DEBRIEF_LS
# names a binary.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
started=$(date +%s)

say() { printf '%s\n' "$*"; }

# apt packages, installed only when missing; the lists are refreshed only when an
# install fails without them (a brand-new machine has none).
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  say "installing with apt: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  local log
  log=$(mktemp)
  if ! timeout 600 "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
    if ! { timeout 300 "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 update -q &&
      timeout 600 "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
      tail -n 30 "$log" >&2
      rm -f "$log"
      return 1
    fi
  fi
  rm -f "$log"
}

apt_install emacs-nox elpa-eglot elpa-markdown-mode
say "$(emacs --version | head -n1), ready in $(($(date +%s) - started))s"

if [[ -n ${DEBRIEF_LS:-} ]]; then
  server=$DEBRIEF_LS
else
  (cd "$repo" && timeout 1800 cargo build --release --locked -q -p debrief-ls)
  server="${CARGO_TARGET_DIR:-$repo/target}/release/debrief-ls"
fi
server=$(cd "$(dirname "$server")" && pwd)/$(basename "$server")

scratch=$(mktemp -d "${TMPDIR:-/tmp}/debrief-emacs.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/bin" "$scratch/home" "$scratch/work"
# The README snippet runs "debrief-ls" from PATH.
ln -s "$server" "$scratch/bin/debrief-ls"

rc=0
HOME="$scratch/home" PATH="$scratch/bin:$PATH" DEBRIEF_REPO="$repo" DEBRIEF_WORK="$scratch/work" \
  timeout -k 5 180 emacs --batch -Q -l "$here/eglot-test.el" </dev/null >"$scratch/stdout" 2>"$scratch/stderr" || rc=$?
sed 's/^/    /' "$scratch/stdout"
if ((rc != 0)); then
  say "    exit code $rc$( ((rc == 124)) && echo ' (timed out)'); stderr:"
  tail -c 3000 "$scratch/stderr" | sed 's/^/    | /'
fi
say "  (Emacs part: $(($(date +%s) - started))s)"
if ! grep -qE '^emacs eglot: [0-9]+ passed, 0 failed$' "$scratch/stdout"; then
  ((rc != 0)) || rc=1
  grep -qE '^emacs eglot: ' "$scratch/stdout" || say "emacs: 0 passed, 1 failed"
fi
exit "$rc"
