#!/usr/bin/env bash
# `debrief-ls report` in a real browser (tests/run-all.sh calls this): the page of the
# fixtures and of the public corpus opened in headless Chromium (Debian's package,
# installed with apt when missing), checked for console messages, network requests and
# the table's rows against the report's JSON (check_page.py), with light and dark
# screenshots kept under tests/artifacts/report/ for CI to publish.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/tests/artifacts/report"
mkdir -p "$out"

if ! command -v chromium >/dev/null 2>&1; then
    echo "installing chromium (apt)…" >&2
    (apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; })
fi

timeout 1200 cargo build --release --locked -p debrief-ls --quiet
bin="$root/target/release/debrief-ls"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The fixtures, then the corpus (every Markdown file there is a debrief).
(cd "$here/fixtures" && "$bin" report . -o "$work/fixtures.html" && "$bin" report . --format json -o "$work/fixtures.json")
mkdir -p "$work/corpus"
(cd "$root/tests/corpus" && find . -name '*.md' ! -name README.md -exec cp --parents {} "$work/corpus/" \;)
printf 'include = ["**/*.md"]\n' > "$work/corpus/debrief.toml"
(cd "$work/corpus" && "$bin" report . -o "$work/corpus.html" && "$bin" report . --format json -o "$work/corpus.json")

python3 "$here/check_page.py" "$work/fixtures.html" "$work/fixtures.json" "$out/fixtures"
python3 "$here/check_page.py" "$work/corpus.html" "$work/corpus.json" "$out/corpus"
