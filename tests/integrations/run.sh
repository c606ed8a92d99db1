#!/usr/bin/env bash
# The integrations, against the real tools (tests/run-all.sh calls this):
#   1. installs pre-commit, PyYAML and jsonschema from PyPI into tests/.cache/integrations;
#   2. the GitHub Action's steps as a runner runs them, and the README's two workflows
#      (github_action.py);
#   3. the README's GitLab Code Quality job, reviewdog step and `init` lines, their reports
#      validated against the published schemas (reports.py);
#   4. the pre-commit hook through pre-commit: try-repo, the README's repos: entry, and
#      real commits (pre_commit.sh);
#   5. cargo publish --dry-run, cargo install --path server from a clean clone, vsce
#      package (packaging.sh).
# Each step prints how long it took. Measured in a whole ./tests/run-all.sh on the 2-core
# machine with one build job, from an empty tests/.cache/integrations (the release server
# left built by the VS Code tests): 1: 9 s; 2: 3 s; 3: under 1 s; 4: 96 s (try-repo 84 s,
# building the hook and its dependencies in the cheap profile below; the repos: entry 12 s,
# building only this repository's crates again in pre-commit's clone); 5: 147 s (cargo
# publish --dry-run 132 s, building both packaged crates and their dependencies as
# crates.io would; cargo install --path server 12 s; vsce 3 s). 4.3 minutes in all.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cache="$root/tests/.cache/integrations"
started=$(date +%s)
phase() { printf '  -- %s (%ss)\n' "$*" "$(($(date +%s) - started))"; }

phase "install: pre-commit, PyYAML, jsonschema (PyPI)"
venv="$cache/venv"
if ! "$venv/bin/python" -c 'import yaml, jsonschema' 2>/dev/null || [[ ! -x $venv/bin/pre-commit ]]; then
  rm -rf "$venv"
  mkdir -p "$cache"
  python3 -m venv "$venv"
  timeout 600 "$venv/bin/python" -m pip install -q --disable-pip-version-check \
    "pre-commit==4.7.0" "PyYAML==6.0.4" "jsonschema==4.26.0"
fi
export PATH="$venv/bin:$PATH"

# The server the action's install step finds already built (cargo install reuses it when
# it is current), and the one the README snippets run.
phase "build the release server (nothing to do after the VS Code tests)"
timeout 1800 cargo build --release --locked -p debrief-ls --quiet
export DEBRIEF_LS="$root/target/release/debrief-ls"

phase "GitHub Action: its steps as a runner runs them, and the README's workflows"
CARGO_TARGET_DIR="$root/target" timeout 1200 python3 "$here/github_action.py"

phase "GitLab Code Quality, reviewdog and init: the README's snippets, reports against their schemas"
timeout 300 python3 "$here/reports.py"

# Throwaway builds (pre-commit's installs, the clean-clone install, the package checks)
# share one target folder and a release profile that builds fast: what they prove does
# not depend on LTO or one codegen unit, which would take minutes longer each.
export CARGO_TARGET_DIR="$cache/target"
export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_INCREMENTAL=false

phase "pre-commit: try-repo, the README's repos: entry, git commit"
PRE_COMMIT="$venv/bin/pre-commit" timeout 1500 "$here/pre_commit.sh"

phase "packages: cargo publish --dry-run, cargo install --path server, vsce package"
timeout 1500 "$here/packaging.sh"

phase "integrations: done"
