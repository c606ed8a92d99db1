#!/usr/bin/env bash
# What users install, checked with the real tools:
#   1. `cargo publish --dry-run` of debrief-core and debrief-ls (packages both, and builds
#      them from the packages as crates.io would): no warning beyond the two known ones,
#      and the .crate files hold the licence, the readme and the data the core embeds;
#      [package.metadata.binstall] is set.
#   2. `cargo install --path server` in a clean clone of the committed HEAD; the installed
#      binary checks the examples.
#   3. `vsce package` of the VS Code extension: no warning, and the Marketplace's and Open
#      VSX's fields (icon, categories, repository, changelog, licence) in the .vsix.
# Env: CARGO_TARGET_DIR (a throwaway one: run.sh sets it, with a cheap release profile).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target=${CARGO_TARGET_DIR:?run.sh sets a throwaway target folder}

fail() {
  printf '    FAIL: %s\n' "$*" >&2
  exit 1
}

# 1. crates.io
t=$(date +%s)
cd "$root"
rm -rf "$target/package"
# Cargo verifies debrief-ls against the debrief-core just packaged, through a local
# registry, and takes registry crates to never change: what an earlier run unpacked
# ($CARGO_HOME/registry/src) or built (the shared target's debug folder) for this same
# version would be used as it is, and debrief-ls built against an old debrief-core.
# These crates only ever get there from this dry run: clear them.
cargo_home=${CARGO_HOME:-$HOME/.cargo}
for stale in "$cargo_home"/registry/src/*/debrief-{core,ls}-* \
  "$target"/debug/.fingerprint/debrief-{core,ls}-* "$target"/debug/deps/*debrief_{core,ls}-*; do
  if [[ -e $stale ]]; then rm -rf "$stale"; fi
done
if ! cargo publish --dry-run --locked --allow-dirty -p debrief-core -p debrief-ls >"$work/publish.log" 2>&1; then
  tail -n 40 "$work/publish.log" >&2
  fail "cargo publish --dry-run"
fi
# The two end-to-end test files live in the repository's tests/, outside the crate: cargo
# leaves them out and says so. Any other warning is new and fails.
unexpected=$(grep '^warning' "$work/publish.log" |
  grep -v -e 'aborting upload due to dry run' \
    -e 'ignoring test `cli` as `../tests/cli.rs` is not included' \
    -e 'ignoring test `robust_check` as `../tests/robust_check.rs` is not included' || true)
[[ -z $unexpected ]] || fail "cargo publish warns: $unexpected"
core_crate=$(find "$target/package" -name 'debrief-core-*.crate' | head -n 1)
ls_crate=$(find "$target/package" -name 'debrief-ls-[0-9]*.crate' | head -n 1)
[[ -f $core_crate && -f $ls_crate ]] || fail "no .crate files under $target/package"
# (Listed first: `tar | grep -q` would fail under pipefail when grep stops reading early.)
core_files=$(tar tzf "$core_crate")
ls_files=$(tar tzf "$ls_crate")
for want in LICENSE README.md data/phrases.dfa data/first-names.txt src/lib.rs; do
  grep -qx "debrief-core-[0-9.]*/$want" <<<"$core_files" || fail "debrief-core's package lacks $want"
done
for want in LICENSE README.md src/main.rs src/cli/gitlab.rs; do
  grep -qx "debrief-ls-[0-9.]*/$want" <<<"$ls_files" || fail "debrief-ls's package lacks $want"
done
tar xzf "$ls_crate" -C "$work" --wildcards '*/LICENSE' '*/Cargo.toml'
cmp -s "$work"/debrief-ls-*/LICENSE LICENSE || fail "the packaged LICENSE is not the repository's"
grep -q '^license = "MIT"' "$work"/debrief-ls-*/Cargo.toml || fail "the licence is declared"
grep -q '^readme = "README.md"' "$work"/debrief-ls-*/Cargo.toml || fail "the readme is declared"
cargo metadata --format-version 1 --no-deps --locked | python3 -c '
import json, sys
meta = {p["name"]: p for p in json.load(sys.stdin)["packages"]}
b = meta["debrief-ls"]["metadata"]["binstall"]
assert b["pkg-url"].startswith("{ repo }/releases/download/v{ version }/") and b["bin-dir"] and b["pkg-fmt"] == "tgz", b
for name in ("debrief-ls", "debrief-core"):
    p = meta[name]
    for key in ("description", "license", "repository", "readme", "keywords", "categories"):
        assert p.get(key), (name, key)
assert meta["debrief-ls-pre-commit"]["publish"] == [], "the pre-commit package is never published"
' || fail "crate metadata"
echo "    cargo publish --dry-run: both crates package and build ($(($(date +%s) - t))s)"

# 2. cargo install --path server, from a clean checkout
t=$(date +%s)
git clone -q "$root" "$work/clone"
(cd "$work/clone" && cargo install --quiet --path server --root "$work/installed") || fail "cargo install --path server"
version=$("$work/installed/bin/debrief-ls" --version)
[[ $version == "debrief-ls $(sed -n 's/^version = "\([^"]*\)"$/\1/p' Cargo.toml | head -n 1)" ]] || fail "installed: $version"
set +e
out=$(cd "$work/clone" && "$work/installed/bin/debrief-ls" check examples/postmortems --color never)
code=$?
set -e
[[ $code == 1 ]] && grep -q 'examples/postmortems/2026-03-01-checkout-errors.md:' <<<"$out" ||
  fail "the installed binary checks the examples (exit $code): $out"
echo "    cargo install --path server: $version installed from a clean clone ($(($(date +%s) - t))s)"

# 3. the VS Code extension's package
t=$(date +%s)
cd "$root/editors/vscode"
[[ -x node_modules/.bin/vsce ]] || npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
npx --no-install vsce package --no-dependencies --out "$work/debrief-ls.vsix" </dev/null >"$work/vsce.log" 2>&1 ||
  { cat "$work/vsce.log" >&2; fail "vsce package"; }
! grep -qi -e 'warning' -e 'error' "$work/vsce.log" || fail "vsce warns: $(cat "$work/vsce.log")"
listing=$(unzip -l "$work/debrief-ls.vsix")
for want in extension/images/icon.png extension/changelog.md extension/LICENSE.txt extension/readme.md extension/dist/extension.js; do
  grep -q " $want\$" <<<"$listing" || fail "the .vsix lacks $want"
done
unzip -p "$work/debrief-ls.vsix" extension.vsixmanifest >"$work/manifest.xml"
unzip -p "$work/debrief-ls.vsix" extension/images/icon.png >"$work/icon.png"
python3 - "$work/manifest.xml" "$work/icon.png" <<'PY' || fail "the .vsix manifest"
import struct, sys, xml.etree.ElementTree as ET
ns = {"v": "http://schemas.microsoft.com/developer/vsx-schema/2011"}
m = ET.parse(sys.argv[1]).getroot()
meta = m.find("v:Metadata", ns)
assert "Linters" in meta.find("v:Categories", ns).text.split(","), "categories"
assert meta.find("v:Icon", ns).text == "extension/images/icon.png", "icon"
assert meta.find("v:License", ns).text == "extension/LICENSE.txt", "licence"
props = {p.get("Id"): p.get("Value") for p in meta.find("v:Properties", ns)}
assert props["Microsoft.VisualStudio.Services.Links.Source"].startswith("https://github.com/debrief-ls/debrief-ls"), props
assert "Microsoft.VisualStudio.Services.Content.Changelog" in {a.get("Type") for a in m.find("v:Assets", ns)}, "changelog"
png = open(sys.argv[2], "rb").read()
assert png[:8] == b"\x89PNG\r\n\x1a\n"
width, height = struct.unpack(">II", png[16:24])
assert width >= 128 and height >= 128, (width, height)  # the Marketplace's minimum
PY
echo "    vsce package: no warning; icon, categories, repository, changelog, licence ($(($(date +%s) - t))s)"
