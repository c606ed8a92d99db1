"""The GitHub Action (action.yml) run here as a runner runs a composite action: each step's
`run` in `bash --noprofile --norc -eo pipefail`, with the environment GitHub provides
(GITHUB_ACTION_PATH, GITHUB_OUTPUT, GITHUB_PATH, GITHUB_STEP_SUMMARY, RUNNER_TEMP, …) and
`${{ }}` expressions evaluated; then the README's two workflows, with the action's checkout
being this repository. What needs GitHub itself is not run: `actions/checkout` (the
workspace is prepared here) and `upload-sarif` (its `sarif_file` is resolved and checked to
be a valid SARIF file). An expression this runner does not know fails the test.

Needs PyYAML and jsonschema; `debrief-ls` is built by the action's install step (with
CARGO_TARGET_DIR pointing at an existing build, it is only copied).
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema
import yaml

from snippets import ROOT, snippet

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
FLAGGED = (
    "# Incident debrief: cache\n\n## Summary\n\nDana should have noticed the alert. The root cause was human error.\n\n"
    "## Timeline (all times UTC)\n\n- 10:00 alert fired\n- 10:05 incident declared\n- 10:10 rolled back\n- 10:20 resolved\n"
)
CLEAN = FLAGGED.replace("Dana should have noticed the alert. The root cause was human error.", "The cache was cold.")
FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print(f"    FAIL: {message}")


def evaluate(expr, ctx):
    """The expressions action.yml and the README's workflows use, as GitHub evaluates them."""
    if expr in ("!cancelled()", "always()"):
        return True
    if m := re.fullmatch(r"inputs\.([\w-]+)", expr):
        return ctx["inputs"][m.group(1)]
    if m := re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr):
        return ctx["steps"].get(m.group(1), {}).get(m.group(2), "")
    if expr == "github.action_path":
        return ctx["action_path"]
    raise SystemExit(f"github_action.py does not evaluate `${{{{ {expr} }}}}`: teach it, or keep it out of action.yml")


def substitute(value, ctx):
    if isinstance(value, bool):
        return "true" if value else "false"
    return EXPR.sub(lambda m: str(evaluate(m.group(1), ctx)), str(value))


def read_file_commands(path):
    """`name=value` lines and `name<<DELIMITER` blocks, as in GITHUB_OUTPUT."""
    values, lines = {}, Path(path).read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, i + 1)
            values[name] = "\n".join(lines[i + 1 : end])
            i = end + 1
            continue
        if "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
        i += 1
    return values


class Job:
    """One job's runner state: its workspace, temp folder, PATH additions and summary."""

    def __init__(self, workspace):
        self.workspace = Path(workspace)
        self.temp = Path(tempfile.mkdtemp(prefix="runner-temp-"))
        self.summary = self.temp / "step_summary.md"
        self.summary.touch()
        self.path = []
        self.stdout = ""

    def env(self, action_path):
        env = dict(os.environ)
        env.update(
            CI="true",
            GITHUB_ACTIONS="true",
            GITHUB_WORKSPACE=str(self.workspace),
            GITHUB_ACTION_PATH=str(action_path),
            RUNNER_TEMP=str(self.temp),
            RUNNER_OS="Linux",
            GITHUB_STEP_SUMMARY=str(self.summary),
        )
        env["PATH"] = os.pathsep.join([*self.path, env["PATH"]])
        return env

    def run_action(self, action_dir, with_):
        """Runs the composite action in `action_dir`; returns (exit code, outputs)."""
        action = yaml.safe_load((Path(action_dir) / "action.yml").read_text(encoding="utf-8"))
        assert action["runs"]["using"] == "composite"
        declared = action.get("inputs", {})
        unknown = set(with_) - set(declared)
        check(not unknown, f"inputs the action does not declare: {unknown}")
        inputs = {name: str(spec.get("default", "")) for name, spec in declared.items()}
        inputs.update({k: str(v) for k, v in with_.items()})
        ctx = {"inputs": inputs, "steps": {}, "action_path": str(action_dir)}
        code = 0
        for step in action["runs"]["steps"]:
            if code != 0 and not str(step.get("if", "")).strip("${} ") in ("always()", "!cancelled()"):
                continue
            assert step.get("shell") == "bash", "composite steps say their shell"
            env = self.env(action_dir)
            env.update({k: substitute(v, ctx) for k, v in step.get("env", {}).items()})
            output, path_file = self.temp / "output", self.temp / "path"
            output.write_text("")
            path_file.write_text("")
            env.update(GITHUB_OUTPUT=str(output), GITHUB_PATH=str(path_file))
            script = self.temp / "step.sh"
            script.write_text(substitute(step["run"], ctx), encoding="utf-8")
            print(f"    step: {step.get('name', step['run'])}", flush=True)
            done = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=self.workspace,
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            self.stdout += done.stdout
            code = done.returncode
            if "id" in step:
                ctx["steps"][step["id"]] = read_file_commands(output)
            self.path[:0] = [p for p in reversed(path_file.read_text().splitlines()) if p]
        outputs = {name: substitute(spec["value"], ctx) for name, spec in action.get("outputs", {}).items()}
        return code, outputs

    def run_workflow(self, text):
        """Runs the README workflow's one job; returns (failed, skipped uses, upload-sarif inputs)."""
        workflow = yaml.safe_load(text)
        (job,) = workflow["jobs"].values()
        ctx = {"inputs": {}, "steps": {}, "action_path": ""}
        failed, skipped, uploads = False, [], []
        for step in job["steps"]:
            uses = step.get("uses", "")
            if failed and str(step.get("if", "")).strip("${} ") not in ("always()", "!cancelled()"):
                continue
            with_ = {k: substitute(v, ctx) for k, v in step.get("with", {}).items()}
            if uses.startswith("debrief-ls/debrief-ls@"):
                code, outputs = self.run_action(ROOT, with_)
                ctx["steps"][step.get("id", "")] = outputs
                failed = failed or code != 0
            elif uses.startswith("actions/checkout@"):
                skipped.append(uses)
            elif uses.startswith("github/codeql-action/upload-sarif@"):
                uploads.append(with_)
            else:
                raise SystemExit(f"the README's workflow has a step this test cannot run: {step}")
        return failed, skipped, uploads


def workspace():
    ws = Path(tempfile.mkdtemp(prefix="workspace-"))
    (ws / "docs/postmortems").mkdir(parents=True)
    (ws / "docs/postmortems/flagged.md").write_text(FLAGGED)
    (ws / "docs/postmortems/clean.md").write_text(CLEAN)
    # Not under docs/postmortems: the README's workflows do not check it.
    (ws / "notes.md").write_text("# Incident debrief\n\nDana should have noticed.\n")
    return ws


def sarif_validator():
    text = (ROOT / "tests/schemas/sarif-schema-2.1.0.json").read_text(encoding="utf-8")
    # As tests/cli.rs does: mend the published schema's one broken pattern, and validate
    # against its top-level rules, kept under definitions/Root in this copy.
    text = text.replace("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$", "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$")
    schema = json.loads(text)
    schema["$ref"] = "#/definitions/Root"
    return jsonschema.Draft7Validator(schema)


def annotations_workflow():
    print("  README: annotations on the pull request (format: github)")
    job = Job(workspace())
    failed, skipped, uploads = job.run_workflow(snippet("ci-github-annotations"))
    check(failed, "warnings fail the job by default (fail-on: warning)")
    check(skipped == ["actions/checkout@v4"], f"only the checkout is left to GitHub: {skipped}")
    lines = [l for l in job.stdout.splitlines() if l.startswith("::")]
    check(
        any(l.startswith("::warning file=docs/postmortems/flagged.md,line=5,col=1,endLine=5,endColumn=25,title=debrief-ls (blame-counterfactual)::") for l in lines),
        f"a warning annotation on line 5: {lines}",
    )
    check(any(l.startswith("::error file=docs/postmortems/flagged.md,line=5,col=56,") for l in lines), "an error annotation")
    check(any(l.startswith("::notice file=docs/postmortems/flagged.md,") for l in lines), "a notice annotation")
    check(len(lines) == 3, f"three annotations, none for clean.md or notes.md: {lines}")
    summary = job.summary.read_text()
    check("3 findings (1 error, 1 warning, 1 info) in 2 debriefs." in summary, f"the job summary's counts: {summary!r}")
    check("<details><summary>Findings</summary>" in summary and "Dana should have noticed" in summary, "the findings in the summary")
    installed = Path(job.path[0]) / "debrief-ls"
    check(installed.is_file() and str(installed).startswith(str(job.temp)), f"debrief-ls on PATH from RUNNER_TEMP: {job.path}")


def sarif_workflow():
    print("  README: SARIF for code scanning (format: sarif, upload-sarif)")
    job = Job(workspace())
    failed, _, uploads = job.run_workflow(snippet("ci-github-sarif"))
    check(failed, "findings fail the check step; the upload still runs (if: !cancelled())")
    check(len(uploads) == 1, f"the upload step runs after the failed check: {uploads}")
    if not uploads:
        return
    sarif_file = Path(uploads[0]["sarif_file"])
    check(uploads[0].get("category") == "debrief-ls", "the upload's category")
    check(sarif_file.is_file() and sarif_file.parent == job.temp, f"sarif_file names the action's file: {sarif_file}")
    if sarif_file.is_file():
        sarif = json.loads(sarif_file.read_text())
        errors = [f"{e.message} at {list(e.path)}" for e in sarif_validator().iter_errors(sarif)]
        check(not errors, f"the SARIF file is valid SARIF 2.1.0: {errors[:5]}")
        results = sarif["runs"][0]["results"]
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
        check(len(results) == 3 and uris == {"docs/postmortems/flagged.md"}, f"three results in flagged.md: {uris}")
    check(not [l for l in job.stdout.splitlines() if l.startswith("::")], "no annotations with format: sarif")


def inputs():
    print("  inputs: paths one per line, fail-on, version, a bad format")
    ws = workspace()
    job = Job(ws)
    paths = "docs/postmortems/clean.md\n\n   docs/postmortems/flagged.md  \n"
    code, outputs = job.run_action(ROOT, {"paths": paths, "fail-on": "error"})
    check(code == 1, f"an error fails fail-on: error (exit {code})")
    check(outputs["findings"] == "3" and outputs["sarif-file"] == "", f"outputs: {outputs}")
    code, outputs = job.run_action(ROOT, {"paths": paths, "fail-on": "never"})
    check(code == 0, f"fail-on: never passes (exit {code})")
    code, outputs = job.run_action(ROOT, {"paths": "docs/postmortems/clean.md", "version": "v0.1.0"})
    check(code == 0 and outputs["findings"] == "0", f"a clean debrief passes: {code} {outputs}")
    check("debrief-ls 0.1.0 is already installed" in job.stdout, "a second run in the job keeps the binary")
    check("No findings in 1 debrief." in job.summary.read_text(), "the summary of a clean run")
    code, _ = job.run_action(ROOT, {"format": "xml"})
    check(code == 2, f"an unknown format is a usage error (exit {code})")
    check("::error title=debrief-ls::the format input is `xml`; it must be `github` or `sarif`" in job.stdout, "and says so")


def main():
    # Every workspace and runner folder under one folder, removed at the end.
    scratch = tempfile.TemporaryDirectory(prefix="debrief-integrations-")
    tempfile.tempdir = scratch.name
    for test in (annotations_workflow, sarif_workflow, inputs):
        test()
    if FAILURES:
        print(f"github_action.py: {len(FAILURES)} failed")
        sys.exit(1)
    print("github_action.py: every check passed")


if __name__ == "__main__":
    main()
