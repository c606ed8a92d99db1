#!/usr/bin/env bash
# Throughput of `debrief-ls check` over the public corpus copied N times (default 8, about
# 10 MB and 1,264 files), the whole-process time of checking one small file, and — with
# --peers — proselint and alex on the same files in the same run, with the ratios.
#
#   tests/bench/throughput.sh            # debrief-ls only
#   tests/bench/throughput.sh --peers    # also installs and times proselint and alex
#
# Installs what it needs (hyperfine from apt; proselint from PyPI and alex from npm under
# tests/.cache/peers) the first time. Prints medians; see tests/bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
copies=${N:-8}
peers=false
[ "${1:-}" = "--peers" ] && peers=true

need_apt() {
    command -v "$1" >/dev/null 2>&1 && return
    echo "installing $2 (apt)…" >&2
    (apt-get install -y -q "$2" >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "$2" >/dev/null; })
}
need_apt hyperfine hyperfine
need_apt jq jq

cargo build --release -q -p debrief-ls
bin="$root/target/release/debrief-ls"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$copies"); do
    mkdir -p "$work/copy$i"
    (cd tests/corpus && find . -name '*.md' ! -name README.md -exec cp --parents {} "$work/copy$i/" \;)
done
# Every Markdown file here is a debrief (the folders are not named postmortems/).
printf 'include = ["**/*.md"]\n' > "$work/debrief.toml"
files=$(find "$work" -name '*.md' | wc -l)
bytes=$(find "$work" -name '*.md' -exec cat {} + | wc -c)
echo "input: $files files, $bytes bytes (tests/corpus × $copies); $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"

median_of() { jq -r '.results[0].median' "$1"; }
spread_of() { jq -r '.results[0] | "\(.min * 1000 | floor) … \(.max * 1000 | ceil) ms"' "$1"; }

# Every report format: JSON is the one the peers are compared with.
for format in json human sarif github; do
    hyperfine -N --style none --warmup 2 --runs "${RUNS:-10}" --export-json "$work/check-$format.json" \
        "$bin check $work --format $format --fail-on never --color never" >/dev/null
    awk -v t="$(median_of "$work/check-$format.json")" -v b="$bytes" -v f="$format" -v s="$(spread_of "$work/check-$format.json")" \
        'BEGIN { printf "debrief-ls check --format %s: median %.1f ms (%s), %.1f MB/s\n", f, t * 1000, s, b / t / 1e6 }'
done
check=$(median_of "$work/check-json.json")

small="$root/examples/postmortems/2026-02-10-search-latency.md"
hyperfine -N --style none --warmup 5 --runs 100 --export-json "$work/small.json" "$bin check $small" >/dev/null
awk -v t="$(median_of "$work/small.json")" -v s="$(spread_of "$work/small.json")" \
    'BEGIN { printf "debrief-ls check, one small file, whole process: median %.2f ms (%s)\n", t * 1000, s }'

$peers || exit 0

cache="$root/tests/.cache/peers"
mkdir -p "$cache"
if [ ! -x "$cache/venv/bin/proselint" ]; then
    echo "installing proselint 0.16.0 (PyPI)…" >&2
    python3 -m venv "$cache/venv" && "$cache/venv/bin/pip" install -q proselint==0.16.0
fi
if [ ! -x "$cache/node_modules/.bin/alex" ]; then
    echo "installing alex 11.0.1 (npm)…" >&2
    (cd "$cache" && npm install --silent --no-audit --no-fund alex@11.0.1 >/dev/null)
fi
echo '{"max_errors": 100000}' > "$work/proselint.json"
list="$work/files.txt"
find "$work" -name '*.md' | sort > "$list"

# The peers are slow: one timed run each (a second would not change the order of magnitude).
hyperfine --style none --runs 1 --ignore-failure --export-json "$work/proselint.json.out" \
    "xargs -a $list $cache/venv/bin/proselint check --config $work/proselint.json > /dev/null 2>&1" >/dev/null
hyperfine --style none --runs 1 --ignore-failure --export-json "$work/alex.json.out" \
    "xargs -a $list $cache/node_modules/.bin/alex > /dev/null 2>&1" >/dev/null
proselint=$(median_of "$work/proselint.json.out")
alex=$(median_of "$work/alex.json.out")
awk -v p="$proselint" -v a="$alex" -v c="$check" -v b="$bytes" 'BEGIN {
    printf "proselint: %.1f s (%.2f MB/s) — debrief-ls is %.0f× faster\n", p, b / p / 1e6, p / c
    printf "alex:      %.1f s (%.2f MB/s) — debrief-ls is %.0f× faster\n", a, b / a / 1e6, a / c
}'
