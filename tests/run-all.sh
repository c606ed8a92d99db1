#!/usr/bin/env bash
# Every test of debrief-ls, as CI runs it (.ci/run calls this script). On a fresh machine it
# installs what the editor tests need first. Each step prints a header; the first failure
# stops the run with its exit code.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "format (cargo fmt --check)"
cargo fmt --all -- --check

step "lint (clippy, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "unit, rule, corpus, CLI and language-server tests"
cargo test --workspace --locked

step "report page in headless Chromium: no console message, no request, rows as the JSON"
tests/report/run.sh

# Editor tests: each installs what it needs (apt, npm, PyPI) and drives the real editor.
step "VS Code extension: unit tests, .vsix, end to end in code-server (headless Chromium)"
tests/editors/vscode/run.sh

step "Neovim plugin in Neovim 0.7.2 and 0.11.4 (headless), README snippets"
tests/editors/neovim/run.sh

step "Emacs 28 + eglot 1.9 (batch), README snippets"
tests/editors/emacs/run.sh

# Integrations: each installs what it needs (PyPI, npm) and runs the real tools.
step "pre-commit hook, GitHub Action, GitLab/reviewdog reports, packages (cargo publish, vsce)"
tests/integrations/run.sh

step "done: every test passed"
