#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml) through real pre-commit, on a temporary
# repository holding a flagged debrief, a clean one, and a README that is not a debrief:
#   0. `pre-commit validate-manifest` on .pre-commit-hooks.yaml;
#   1. `pre-commit try-repo` on this checkout (with its uncommitted changes);
#   2. the README's `repos:` entry (repo: this checkout, rev: its HEAD commit) through
#      `pre-commit run --all-files`, then `pre-commit install` and real `git commit`s: one
#      staging the flagged debrief is refused, one staging the clean one goes through.
# Each install is pre-commit's own `cargo install --path .` of the repository root.
# Env: PRE_COMMIT (the pre-commit to run); CARGO_TARGET_DIR and CARGO_PROFILE_* as run.sh sets.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pc=${PRE_COMMIT:?PRE_COMMIT names the pre-commit to run}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/pre-commit-home"

fail() {
  printf '    FAIL: %s\n' "$*" >&2
  exit 1
}
expect_findings() { # $1: what ran, $2: its exit code, $3: its output
  [[ $2 == 1 ]] || fail "$1 exits 1 on the flagged debrief (got $2): $3"
  grep -q 'postmortems/flagged.md:5:1: warning\[blame-counterfactual\]' <<<"$3" || fail "$1 names the finding: $3"
  grep -q 'postmortems/flagged.md:5:56: error\[cause-human-error\]' <<<"$3" || fail "$1 names the error: $3"
  ! grep -q 'README.md:\|clean.md:' <<<"$3" || fail "$1 checks only debriefs: $3"
}

"$pc" validate-manifest "$root/.pre-commit-hooks.yaml" || fail "pre-commit validate-manifest .pre-commit-hooks.yaml"

repo="$work/repo"
mkdir -p "$repo/postmortems"
cd "$repo"
git init -q .
git config user.email ci@example.com
git config user.name ci
printf '# Incident debrief: cache\n\n## Summary\n\nDana should have noticed the alert. The root cause was human error.\n\n## Timeline (all times UTC)\n\n- 10:00 alert fired\n- 10:05 incident declared\n- 10:10 rolled back\n- 10:20 resolved\n' >postmortems/flagged.md
sed 's/Dana should have noticed the alert. The root cause was human error./The cache was cold./' postmortems/flagged.md >postmortems/clean.md
printf '# Our service\n\nDana should have noticed the alert.\n' >README.md
git add -A
git commit -q -m "debriefs"

t=$(date +%s)
set +e
out=$("$pc" try-repo "$root" debrief-ls --all-files 2>&1)
code=$?
set -e
expect_findings "pre-commit try-repo" "$code" "$out"
echo "    try-repo: the hook built and flagged the debrief ($(($(date +%s) - t))s)"

t=$(date +%s)
rev=$(git -C "$root" rev-parse HEAD)
[[ -z $(git -C "$root" status --porcelain) ]] || echo "    note: the repos: entry tests the committed HEAD ($rev), not uncommitted changes"
python3 - "$root" "$rev" >.pre-commit-config.yaml <<'PY'
import sys
sys.path.insert(0, sys.argv[1] + "/tests/integrations")
from snippets import snippet
text = snippet("ci-pre-commit")
assert "repo: https://github.com/debrief-ls/debrief-ls\n" in text and "rev: v0.1.0\n" in text, text
print(text.replace("https://github.com/debrief-ls/debrief-ls", sys.argv[1]).replace("v0.1.0", sys.argv[2]), end="")
PY
"$pc" validate-config .pre-commit-config.yaml || fail "pre-commit validate-config (the README's entry)"
set +e
out=$("$pc" run --all-files 2>&1)
code=$?
set -e
expect_findings "pre-commit run (the README's repos: entry)" "$code" "$out"
echo "    repos: entry: the hook built and flagged the debrief ($(($(date +%s) - t))s)"

"$pc" install >/dev/null
git add .pre-commit-config.yaml
printf '\nDana should have noticed it sooner.\n' >>postmortems/flagged.md
git add postmortems/flagged.md
set +e
out=$(git commit -q -m "more blame" 2>&1)
code=$?
set -e
[[ $code != 0 ]] || fail "the hook refuses a commit with a flagged debrief"
grep -q 'debrief-ls\.*Failed' <<<"$out" || fail "and says which hook: $out"
git reset -q
git checkout -q postmortems/flagged.md
printf '\nThe consumer restarted at 10:10.\n' >>postmortems/clean.md
git add .pre-commit-config.yaml postmortems/clean.md README.md
git commit -q -m "a clean debrief" >/dev/null 2>&1 || fail "the hook lets a clean debrief through"
echo "    git commit: refused with a flagged debrief, accepted with a clean one"
