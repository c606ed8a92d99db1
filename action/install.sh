#!/usr/bin/env bash
# Step 1 of the GitHub Action (action.yml): puts debrief-ls on PATH. With no `version`, or
# the version of the action's own checkout, it builds that checkout (the ref in `uses:`);
# with another version, it installs that release from crates.io (cargo binstall when the
# job has it). A binary of that version installed earlier in the job is kept.
set -euo pipefail

root="${RUNNER_TEMP:?}/debrief-ls"
own=$(sed -n 's/^version = "\([^"]*\)"$/\1/p' "$GITHUB_ACTION_PATH/Cargo.toml" | head -n 1)
want=${DEBRIEF_VERSION:-$own}
want=${want#v}

if [[ -x $root/bin/debrief-ls ]] && [[ $("$root/bin/debrief-ls" --version) == "debrief-ls $want" ]]; then
  echo "debrief-ls $want is already installed"
elif ! command -v cargo >/dev/null; then
  echo "::error title=debrief-ls::cargo is needed to install debrief-ls: add a Rust toolchain step (e.g. dtolnay/rust-toolchain@stable) before this action"
  exit 2
elif [[ $want == "$own" ]]; then
  echo "Building debrief-ls $own from the action's checkout"
  cargo install --locked --root "$root" --path "$GITHUB_ACTION_PATH/server"
elif command -v cargo-binstall >/dev/null; then
  cargo binstall --no-confirm --locked --root "$root" "debrief-ls@$want"
else
  cargo install --locked --root "$root" debrief-ls --version "$want"
fi

echo "$root/bin" >>"$GITHUB_PATH"
"$root/bin/debrief-ls" --version
