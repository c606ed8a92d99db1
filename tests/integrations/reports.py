"""The README's GitLab Code Quality job, reviewdog step and `init` lines, run on a workspace
with a flagged and a clean debrief: their reports validated against the published schemas
(tests/schemas/), as GitLab and reviewdog would read them.

The `cargo install --git …` line of the GitLab job and of the reviewdog step needs GitHub,
which is not reachable here: the test checks it names this package and puts the
debrief-ls built from this checkout ($DEBRIEF_LS) first on PATH instead. reviewdog itself
is on none of the registries CI installs from: the test runs the pipe up to it and checks
the flags it is given.
"""

import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema
import yaml

from github_action import CLEAN, FLAGGED, check, FAILURES
from snippets import ROOT, snippet

BIN = Path(os.environ["DEBRIEF_LS"]).resolve()
INSTALL = "cargo install --locked --git https://github.com/debrief-ls/debrief-ls debrief-ls"


def workspace():
    ws = Path(tempfile.mkdtemp(prefix="workspace-"))
    (ws / "docs/postmortems").mkdir(parents=True)
    (ws / "docs/postmortems/flagged.md").write_text(FLAGGED)
    (ws / "docs/postmortems/clean.md").write_text(CLEAN)
    bindir = ws.parent / (ws.name + "-bin")
    bindir.mkdir()
    (bindir / "debrief-ls").symlink_to(BIN)
    env = dict(os.environ, PATH=f"{bindir}{os.pathsep}{os.environ['PATH']}")
    return ws, env


def shell(line, ws, env):
    """One line as a CI shell runs it (errexit, pipefail)."""
    return subprocess.run(["bash", "-eo", "pipefail", "-c", line], cwd=ws, env=env, capture_output=True, text=True)


def validator(name):
    schema = json.loads((ROOT / "tests/schemas" / name).read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def gitlab():
    print("  README: GitLab Code Quality job")
    job = yaml.safe_load(snippet("ci-gitlab"))["debriefs"]
    ws, env = workspace()
    script = job["script"]
    check(script[0] == INSTALL, f"the job installs debrief-ls: {script[0]}")
    codes = []
    for line in script[1:]:
        done = shell(line, ws, env)
        codes.append(done.returncode)
        if done.returncode:
            break  # GitLab stops the script at the first failing line
    check(codes == [1], f"findings fail the job (exit codes {codes})")
    check(job["artifacts"]["when"] == "always", "the report is kept when the job fails")
    report = ws / job["artifacts"]["reports"]["codequality"]
    issues = json.loads(report.read_text())
    schema = validator("gitlab-codeclimate.json")
    for issue in issues:
        errors = [e.message for e in schema.iter_errors(issue)]
        check(not errors, f"a valid Code Quality issue: {errors}")
        check(issue["severity"] in ("info", "minor", "major", "critical", "blocker"), f"GitLab's severities: {issue}")
        check(issue["location"]["path"] == "docs/postmortems/flagged.md", f"paths from the repository root: {issue}")
        check(isinstance(issue["location"]["lines"]["begin"], int) and issue.get("check_name"), f"line and check: {issue}")
    check(len(issues) == 3, f"three issues: {issues}")
    check(len({i["fingerprint"] for i in issues}) == len(issues), "unique fingerprints")


def reviewdog():
    print("  README: reviewdog")
    steps = yaml.safe_load(snippet("ci-reviewdog"))
    check(steps[0] == {"uses": "reviewdog/action-setup@v1"}, f"reviewdog is set up: {steps[0]}")
    check(steps[1]["run"] == INSTALL, f"debrief-ls is installed: {steps[1]}")
    command = steps[2]["run"]
    before, after = command.split("|", 1)
    reviewdog_args = shlex.split(after)
    check(reviewdog_args[:2] == ["reviewdog", "-f=rdjson"], f"reviewdog reads rdjson: {reviewdog_args}")
    check("REVIEWDOG_GITHUB_API_TOKEN" in steps[2]["env"], "reviewdog gets a token")
    ws, env = workspace()
    done = shell(before, ws, env)
    check(done.returncode == 0, f"--fail-on never leaves failing to reviewdog (exit {done.returncode}): {done.stderr}")
    result = json.loads(done.stdout)
    errors = [f"{e.message} at {list(e.path)}" for e in validator("reviewdog-rdjson-DiagnosticResult.json").iter_errors(result)]
    check(not errors, f"valid rdjson: {errors}")
    diagnostics = result["diagnostics"]
    check(len(diagnostics) == 3, f"three diagnostics: {diagnostics}")
    check(all(d["location"]["path"] == "docs/postmortems/flagged.md" for d in diagnostics), "paths")
    check(any(s["text"] == "did not notice" for d in diagnostics for s in d.get("suggestions", [])), "fixes as suggestions")


def init():
    print("  README: debrief-ls init --template")
    ws, env = workspace()
    (ws / "docs/postmortems/flagged.md").unlink()
    for line in snippet("ci-init").splitlines():
        done = shell(line.split("#")[0], ws, env)
        check(done.returncode == 0, f"`{line}` runs: {done.stderr}")
    done = shell("debrief-ls check --format json .", ws, env)
    check(done.returncode == 0, f"the copied template has no finding to fix: {done.stdout}")
    paths = [f["path"] for f in json.loads(done.stdout)["files"]]
    check(paths == ["docs/postmortems/2026-03-01-checkout-errors.md", "docs/postmortems/clean.md"], f"checked: {paths}")
    done = shell("debrief-ls init", ws, env)
    check(done.returncode == 2 and "already exists" in done.stderr, "a second init refuses")


def main():
    # Every workspace and runner folder under one folder, removed at the end.
    scratch = tempfile.TemporaryDirectory(prefix="debrief-integrations-")
    tempfile.tempdir = scratch.name
    for test in (gitlab, reviewdog, init):
        test()
    if FAILURES:
        print(f"reports.py: {len(FAILURES)} failed")
        sys.exit(1)
    print("reports.py: every check passed")


if __name__ == "__main__":
    main()
