//! `debrief-ls check`, `rules` and `explain` end to end: the built binary on real files,
//! checking exit codes and every output format (SPEC 6).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_debrief-ls");

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().unwrap()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    if let Some(input) = stdin {
        // The command may exit without reading (a usage error): a closed pipe is fine.
        match child.stdin.take().unwrap().write_all(input) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => panic!("writing stdin: {e}"),
            _ => {}
        }
    }
    let Output { status, stdout, stderr } = child.wait_with_output().unwrap();
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

const BLAMEFUL: &str = "# Incident debrief: cache\n\n## Summary\n\nDana should have noticed the alert. The root cause was human error.\n\n## Timeline (all times UTC)\n\n- 10:00 alert fired\n- 10:05 incident declared\n- 10:10 rolled back\n- 10:20 resolved\n";
const CLEAN: &str = "# Incident debrief: queue\n\n## Summary\n\nThe queue filled because the consumer was paused.\n\n## Timeline (all times UTC)\n\n- 10:00 alert fired\n- 10:05 incident declared\n- 10:10 consumer restarted\n- 10:20 resolved\n";

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout, run.stderr))
}

#[test]
fn human_output_names_file_line_column_rule_and_underlines() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "d.md", BLAMEFUL);
    let r = run_in(dir.path(), &["check", "d.md"], None);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("d.md:5:1: warning[blame-counterfactual] "), "{}", r.stdout);
    assert!(r.stdout.contains("d.md:5:56: error[cause-human-error] "), "{}", r.stdout);
    assert!(r.stdout.contains("5 | Dana should have noticed the alert."), "{}", r.stdout);
    assert!(r.stdout.contains("  | ^^^^^^^^^^^^^^^^^^^^^^^^"), "{}", r.stdout);
    assert!(r.stdout.contains("= help: Rewrite as what happened: “did not notice” (unsafe fix)"), "{}", r.stdout);
    assert!(r.stdout.contains("findings (1 error, 1 warning, 1 info) in 1 debrief."), "{}", r.stdout);
    assert!(!r.stdout.contains('\u{1b}'), "no colour when not a terminal");
    let coloured = run_in(dir.path(), &["check", "d.md", "--color", "always"], None);
    assert!(coloured.stdout.contains('\u{1b}'));
}

#[test]
fn json_has_exactly_the_spec_shape() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", BLAMEFUL);
    // An emoji before the finding: columns count scalar values.
    write(dir.path(), "b.md", &CLEAN.replace("The queue", "🔥 The queue"));
    write(dir.path(), "c.md", &BLAMEFUL.replace("Dana should", "😀 Dana should"));
    let r = run_in(dir.path(), &["check", "--format", "json", "a.md", "b.md", "c.md"], None);
    assert_eq!(r.code, 1);
    let v = json(&r);
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&v), ["files", "summary", "version"]);
    assert_eq!(v["version"], 1);
    let files = v["files"].as_array().unwrap();
    assert_eq!(
        files.iter().map(|f| f["path"].as_str().unwrap()).collect::<Vec<_>>(),
        ["a.md", "b.md", "c.md"],
        "clean files are listed too"
    );
    assert_eq!(files[1]["diagnostics"].as_array().unwrap().len(), 0);
    let d = &files[0]["diagnostics"][0];
    assert_eq!(keys(d), ["fixes", "message", "range", "rule", "severity"]);
    assert_eq!(d["rule"], "blame-counterfactual");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["range"], serde_json::json!({"start": {"line": 5, "column": 1}, "end": {"line": 5, "column": 25}}));
    let fix = &d["fixes"][0];
    assert_eq!(keys(fix), ["edits", "safe", "title"]);
    assert_eq!(fix["safe"], false);
    assert_eq!(keys(&fix["edits"][0]), ["new_text", "range"]);
    assert_eq!(fix["edits"][0]["new_text"], "did not notice");
    assert_eq!(keys(&files[0]), ["diagnostics", "metrics", "path"]);
    let m = &files[0]["metrics"];
    // Printed in SPEC 8's order, not alphabetical (the parsed value sorts its keys).
    let first = &r.stdout[..r.stdout.find("\"path\": \"a.md\"").unwrap()];
    let at = |key: &str| first.find(&format!("\"{key}\":")).unwrap_or_else(|| panic!("no {key}"));
    let order = ["severity", "milestones", "detected", "responded", "mitigated", "resolved", "minutes", "followups"];
    assert!(order.windows(2).all(|w| at(w[0]) < at(w[1])), "{first}");
    assert!(at("followups") < first.rfind("\"findings\":").unwrap());
    assert!(m["milestones"].get("started").is_none(), "nothing says when impact began");
    assert_eq!(
        m["milestones"]["detected"],
        serde_json::json!({"at": "10:00:00", "precision": "time-of-day", "day": 0, "source": {"kind": "timeline", "line": 9}})
    );
    assert_eq!(
        m["minutes"],
        serde_json::json!({"to_respond": 5}),
        "no start of impact, no date: only detected → responded"
    );
    assert_eq!(m["followups"], serde_json::json!({"count": 0, "budget": 10}));
    assert_eq!(
        m["findings"],
        serde_json::json!({"blame": 1, "cause": 2, "followups": 0, "timeline": 0, "soak": 0, "term": 0, "front-matter": 0})
    );
    // "😀 " is two scalar values: the finding starts at column 3.
    assert_eq!(files[2]["diagnostics"][0]["range"]["start"], serde_json::json!({"line": 5, "column": 3}));
    assert_eq!(v["summary"], serde_json::json!({"files": 3, "diagnostics": 6, "errors": 2, "warnings": 2, "infos": 2}));
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let schema_path = repo().join("tests/schemas/sarif-schema-2.1.0.json");
    // The published schema's `run.language` pattern has a stray `]` (`…{2}]?$`), which a
    // strict validator refuses to compile; the intended pattern is `…{2})?$`. Only that
    // pattern is mended, in memory.
    let text = std::fs::read_to_string(&schema_path).unwrap();
    let text = text.replace("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$", "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    // This copy keeps the top-level rules under `definitions/Root`; validate against it.
    schema["$ref"] = "#/definitions/Root".into();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "post mortems/a.md", BLAMEFUL);
    write(
        dir.path(),
        "post mortems/gap.md",
        "# Incident debrief\n\n## Timeline (UTC)\n\n- 10:00 alert fired\n- 13:00 resolved\n",
    );
    write(dir.path(), "debrief.toml", "[rules]\nnot-a-rule = \"off\"\n");
    let r = run_in(dir.path(), &["check", "--format", "sarif", "post mortems"], None);
    assert_eq!(r.code, 2, "a config problem makes the exit code 2");
    let v = json(&r);
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF is not valid:\n{}", errors.join("\n"));
    // The validator is not vacuous: a level SARIF does not know is refused.
    let mut broken = v.clone();
    broken["runs"][0]["results"][0]["level"] = "severe".into();
    assert!(!validator.is_valid(&broken));
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), debrief_core::rules::REGISTRY.len());
    assert!(rules.iter().all(|r| r["helpUri"].as_str().is_some_and(|u| u.ends_with(".md"))));
    let results = run["results"].as_array().unwrap();
    let first = &results[0];
    assert_eq!(first["ruleId"], "blame-counterfactual");
    assert_eq!(rules[first["ruleIndex"].as_u64().unwrap() as usize]["id"], "blame-counterfactual");
    assert_eq!(first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "post%20mortems/a.md");
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "timeline-gap" && r["relatedLocations"].as_array().is_some_and(|l| !l.is_empty())));
    let notes = run["invocations"][0]["toolExecutionNotifications"].as_array().unwrap();
    assert!(notes[0]["message"]["text"].as_str().unwrap().contains("not-a-rule"));
    // Each debrief's metrics (SPEC 8) in the run's property bag, with its artifact's URI.
    let metrics = run["properties"]["metrics"].as_array().unwrap();
    let uris: Vec<&str> = metrics.iter().map(|m| m["uri"].as_str().unwrap()).collect();
    assert_eq!(uris, ["post%20mortems/a.md", "post%20mortems/gap.md"]);
    assert_eq!(metrics[1]["metrics"]["milestones"]["detected"]["source"]["line"], 5);
    assert_eq!(metrics[0]["metrics"]["findings"]["blame"], 1);
}

/// The metrics (SPEC 8) of the report fixtures, as `check --format json` prints them.
#[test]
fn json_metrics_of_the_report_fixtures() {
    let r =
        run_in(&repo().join("tests/report/fixtures"), &["check", "--format", "json", "--fail-on", "never", "."], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r);
    let mut out = String::new();
    for f in v["files"].as_array().unwrap() {
        out +=
            &format!("{}\n{}\n\n", f["path"].as_str().unwrap(), serde_json::to_string_pretty(&f["metrics"]).unwrap());
    }
    insta::assert_snapshot!("check_json_metrics", out);
}

#[test]
fn github_annotations() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "d.md", BLAMEFUL);
    let r = run_in(dir.path(), &["check", "--format", "github", "d.md"], None);
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.stdout);
    assert!(lines[0].starts_with("::warning file=d.md,line=5,col=1,endLine=5,endColumn=25,title=debrief-ls (blame-counterfactual)::Hindsight"), "{}", lines[0]);
    assert!(lines.iter().any(|l| l.starts_with("::error file=d.md,line=5,col=56,")));
    assert!(lines.iter().any(|l| l.starts_with("::notice file=d.md,")));
}

#[test]
fn stdin_with_and_without_a_name() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/debrief.toml", "[rules]\nblame-counterfactual = \"off\"\n");
    let r = run_in(dir.path(), &["check", "--format", "json", "-"], Some(BLAMEFUL.as_bytes()));
    assert_eq!(r.code, 1);
    let v = json(&r);
    assert_eq!(v["files"][0]["path"], "-");
    assert!(v["files"][0]["diagnostics"].as_array().unwrap().iter().any(|d| d["rule"] == "blame-counterfactual"));
    // The name picks the configuration that applies to that path.
    let r = run_in(
        dir.path(),
        &["check", "--format", "json", "--stdin-filename", "docs/x.md", "-"],
        Some(BLAMEFUL.as_bytes()),
    );
    let v = json(&r);
    assert_eq!(v["files"][0]["path"], "docs/x.md");
    assert!(!v["files"][0]["diagnostics"].as_array().unwrap().iter().any(|d| d["rule"] == "blame-counterfactual"));
}

#[test]
fn exit_codes_and_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "clean.md", CLEAN);
    write(dir.path(), "info-only.md", &CLEAN.replace("(all times UTC)", ""));
    write(dir.path(), "blame.md", BLAMEFUL);
    assert_eq!(run_in(dir.path(), &["check", "clean.md"], None).code, 0);
    assert_eq!(run_in(dir.path(), &["check", "info-only.md"], None).code, 0, "infos do not fail by default");
    assert_eq!(run_in(dir.path(), &["check", "--fail-on", "info", "info-only.md"], None).code, 1);
    assert_eq!(run_in(dir.path(), &["check", "blame.md"], None).code, 1);
    assert_eq!(run_in(dir.path(), &["check", "--fail-on", "error", "clean.md"], None).code, 0);
    assert_eq!(run_in(dir.path(), &["check", "--fail-on", "never", "blame.md"], None).code, 0);
    assert_eq!(run_in(dir.path(), &["check", "--format", "yaml", "blame.md"], None).code, 2, "usage error");
    let r = run_in(dir.path(), &["check", "--format", "json", "missing.md", "blame.md"], None);
    assert_eq!(r.code, 2, "an I/O problem wins over findings");
    assert!(r.stderr.contains("missing.md: error: no such file or folder"), "{}", r.stderr);
    assert_eq!(json(&r)["files"][0]["path"], "blame.md", "the other file is still reported");
}

#[test]
fn bad_files_are_named_and_the_rest_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "postmortems/good.md", BLAMEFUL);
    std::fs::write(dir.path().join("postmortems/latin1.md"), b"# Incident debrief\n\ncaf\xe9 closed\n").unwrap();
    std::fs::write(dir.path().join("postmortems/binary.md"), b"# x\0\x01\x02").unwrap();
    let r = run_in(
        dir.path(),
        &["check", "--format", "json", "postmortems/latin1.md", "postmortems/binary.md", "postmortems/good.md"],
        None,
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("postmortems/latin1.md: error: not valid UTF-8 (byte 0xe9 at line 3, column 4)"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("postmortems/binary.md: error: binary file"), "{}", r.stderr);
    assert_eq!(json(&r)["files"].as_array().unwrap().len(), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = write(dir.path(), "postmortems/locked.md", BLAMEFUL);
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&locked).is_err() {
            // Not running as root: the file really is unreadable.
            let r = run_in(dir.path(), &["check", "postmortems"], None);
            assert_eq!(r.code, 2);
            assert!(r.stderr.contains("locked.md: error: permission denied"), "{}", r.stderr);
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
}

#[test]
fn folder_walks_check_only_debriefs_and_honour_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/postmortems/2026-03-01.md", BLAMEFUL);
    write(dir.path(), "docs/guide.md", "# Guide\n\nThe operator should have known.\n");
    write(dir.path(), "docs/notes/review.md", "---\ndebrief: true\n---\n# Notes\n\nIt was a careless change.\n");
    write(dir.path(), "docs/other/title.md", "# Post-mortem: database\n\nOK.\n");
    write(dir.path(), "docs/postmortems/ignored/x.md", BLAMEFUL);
    write(dir.path(), ".gitignore", "ignored/\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("docs"), dir.path().join("docs/postmortems/loop")).unwrap();
    let r = run_in(dir.path(), &["check", "--format", "json", "docs"], None);
    let v = json(&r);
    let paths: Vec<&str> = v["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        ["docs/notes/review.md", "docs/other/title.md", "docs/postmortems/2026-03-01.md"],
        "{}",
        r.stderr
    );
    // A file named on the command line is always a debrief.
    let r = run_in(dir.path(), &["check", "--format", "json", "docs/guide.md"], None);
    assert_eq!(json(&r)["files"][0]["path"], "docs/guide.md");
}

#[test]
fn configuration_applies_and_bad_configuration_is_named() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "d.md", BLAMEFUL);
    write(dir.path(), "debrief.toml", "[rules]\ncause-human-error = \"off\"\nblame-counterfactual = \"error\"\n");
    let v = json(&run_in(dir.path(), &["check", "--format", "json", "d.md"], None));
    let rules: Vec<(&str, &str)> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    assert!(rules.contains(&("blame-counterfactual", "error")));
    assert!(!rules.iter().any(|(r, _)| *r == "cause-human-error"));

    write(
        dir.path(),
        "debrief.toml",
        "[rules]\nblame-judgment = \"off\"\ncause-human-error = \"off\"\n[limits]\ngap-share = 2\n",
    );
    let r = run_in(dir.path(), &["check", "d.md"], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(
            "debrief.toml:2:1: error: unknown rule `blame-judgment` in [rules]; did you mean `blame-judgement`?"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("debrief.toml:5:1: error: [limits] gap-share must be between 0 and 1"), "{}", r.stderr);
    assert!(!r.stdout.contains("cause-human-error"), "the valid part of the file still applies");

    write(dir.path(), "debrief.toml", "[rules\n");
    let r = run_in(dir.path(), &["check", "d.md"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("debrief.toml:1:"), "{}", r.stderr);
    assert!(r.stdout.contains("cause-human-error"), "the defaults apply when the file cannot be read");

    let r = run_in(dir.path(), &["check", "--config", "nope.toml", "d.md"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("nope.toml: error: no such configuration file"), "{}", r.stderr);
}

#[test]
fn suppression_comments() {
    let dir = tempfile::tempdir().unwrap();
    let text = BLAMEFUL.replace("Dana should", "<!-- debrief-ignore blame-counterfactual -->\nDana should");
    write(dir.path(), "d.md", &text);
    let v = json(&run_in(dir.path(), &["check", "--format", "json", "d.md"], None));
    let rules: Vec<&str> =
        v["files"][0]["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert!(!rules.contains(&"blame-counterfactual"));
    assert!(rules.contains(&"cause-human-error"));
}

#[test]
fn fix_writes_safe_fixes_atomically_and_diff_only_shows() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "debrief.toml", "[rules]\nterm-post-mortem = \"warning\"\n");
    let original = "# Post-mortem: login\n\n## Summary\n\nDana should have noticed the alert.\n";
    let path = write(dir.path(), "d.md", original);
    let r = run_in(dir.path(), &["check", "--diff", "d.md"], None);
    assert_eq!(r.code, 1, "a diff to show");
    assert!(
        r.stdout.contains("--- a/d.md")
            && r.stdout.contains("-# Post-mortem: login")
            && r.stdout.contains("+# Incident debrief: login"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("did not notice"), "unsafe rewrites only with --unsafe-fixes");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original, "--diff writes nothing");

    let r = run_in(dir.path(), &["check", "--fix", "d.md"], None);
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert!(fixed.starts_with("# Incident debrief: login\n"), "{fixed}");
    assert!(fixed.contains("## Timeline"), "the skeleton is a safe fix");
    assert!(fixed.contains("Dana should have noticed"), "reframing is not applied without --unsafe-fixes");
    assert_eq!(r.code, 1, "findings remain: {}", r.stdout);

    let r = run_in(dir.path(), &["check", "--fix", "--unsafe-fixes", "d.md"], None);
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert!(fixed.contains("Dana did not notice the alert."), "{fixed}\n{}", r.stdout);
    let again = run_in(dir.path(), &["check", "--fix", "--unsafe-fixes", "d.md"], None);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed, "a second --fix changes nothing: {}", again.stdout);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().starts_with(".debrief-ls-"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left: {leftovers:?}");
    assert_eq!(run_in(dir.path(), &["check", "--fix", "-"], Some(b"x")).code, 2, "--fix cannot write to stdin");
}

#[test]
fn rules_and_explain() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(dir.path(), &["rules"], None);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.lines().count(), debrief_core::rules::REGISTRY.len());
    assert!(r.stdout.lines().any(|l| l.starts_with("cause-human-error") && l.contains("error")));
    let r = run_in(dir.path(), &["rules", "--format", "json"], None);
    let v = json(&r);
    assert_eq!(v["rules"].as_array().unwrap().len(), debrief_core::rules::REGISTRY.len());
    assert_eq!(v["rules"][4]["id"], "cause-human-error");
    assert_eq!(v["rules"][4]["default"], "error");
    assert_eq!(v["limits"]["followup-budget"]["sev3"], 5);
    assert_eq!(v["limits"]["gap-share"], 0.25);
    let r = run_in(dir.path(), &["explain", "timeline-gap"], None);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("# `timeline-gap`") && r.stdout.contains("## Why it hurts learning"));
    let r = run_in(dir.path(), &["explain", "timeline-gaps"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `timeline-gap`?"));
}

#[test]
fn the_readme_quick_start_works() {
    let r = run_in(&repo(), &["check", "examples/postmortems"], None);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("examples/postmortems/2026-03-01-checkout-errors.md:"));
    assert!(!r.stdout.contains("2026-02-10-search-latency.md:"), "the second example is clean:\n{}", r.stdout);
}

fn validator(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join("tests/schemas").join(name)).unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).expect("schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, v: &Value) -> Vec<String> {
    validator.iter_errors(v).map(|e| format!("{e} at {}", e.instance_path())).collect()
}

#[test]
fn gitlab_code_quality_validates_and_fingerprints_survive_edits_above() {
    let validator = validator("gitlab-codeclimate.json");
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "postmortems/a.md", BLAMEFUL);
    write(dir.path(), "postmortems/b.md", CLEAN);
    let r = run_in(dir.path(), &["check", "--format", "gitlab", "postmortems"], None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let issues = json(&r);
    let issues = issues.as_array().expect("a JSON array");
    assert_eq!(issues.len(), 3, "{issues:#?}");
    for issue in issues {
        let errors = schema_errors(&validator, issue);
        assert!(errors.is_empty(), "not a valid Code Quality issue:\n{}", errors.join("\n"));
        // What GitLab's documentation asks beyond its schema.
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&issue["severity"].as_str().unwrap()));
        assert!(debrief_core::rules::by_id(issue["check_name"].as_str().unwrap()).is_some());
        assert_eq!(issue["location"]["path"], "postmortems/a.md");
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    let human_error = issues.iter().find(|i| i["check_name"] == "cause-human-error").unwrap();
    assert_eq!(human_error["severity"], "major");
    assert_eq!(human_error["location"]["lines"], serde_json::json!({"begin": 5, "end": 5}));
    // The validator is not vacuous: an issue without a fingerprint is refused.
    let mut broken = human_error.clone();
    broken.as_object_mut().unwrap().remove("fingerprint");
    assert!(!validator.is_valid(&broken));

    let prints =
        |issues: &[Value]| issues.iter().map(|i| i["fingerprint"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    let before = prints(issues);
    let unique: std::collections::HashSet<&String> = before.iter().collect();
    assert_eq!(unique.len(), before.len(), "fingerprints are unique");
    // Text added above the findings moves them down and keeps their fingerprints.
    write(dir.path(), "postmortems/a.md", &BLAMEFUL.replace("## Summary\n", "## Summary\n\nA new first paragraph.\n"));
    let again = json(&run_in(dir.path(), &["check", "--format", "gitlab", "postmortems"], None));
    assert_eq!(prints(again.as_array().unwrap()), before);
    assert!(again.as_array().unwrap().iter().all(|i| i["location"]["lines"]["begin"] == 7));

    // No findings: an empty array, which GitLab reads as "no issues".
    let r = run_in(dir.path(), &["check", "--format", "gitlab", "postmortems/b.md"], None);
    assert_eq!((r.code, r.stdout.trim()), (0, "[]"));
}

#[test]
fn rdjson_validates_against_reviewdogs_schema_with_fixes_as_suggestions() {
    let validator = validator("reviewdog-rdjson-DiagnosticResult.json");
    let dir = tempfile::tempdir().unwrap();
    // "😀 " is 5 bytes: reviewdog's columns count bytes, so the finding starts at column 6.
    write(dir.path(), "d.md", &BLAMEFUL.replace("Dana should", "😀 Dana should"));
    write(dir.path(), "no-timeline.md", "# Incident debrief\n\nThe cache was cold.\n");
    write(
        dir.path(),
        "untimed.md",
        "# Incident debrief\n\n## Timeline (UTC)\n\n- 10:00 alert fired\n- then it was fixed\n",
    );
    let r = run_in(dir.path(), &["check", "--format", "rdjson", "d.md", "no-timeline.md", "untimed.md"], None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = json(&r);
    let errors = schema_errors(&validator, &v);
    assert!(errors.is_empty(), "not valid rdjson:\n{}", errors.join("\n"));
    let mut broken = v.clone();
    broken["diagnostics"][0]["severity"] = "SEVERE".into();
    assert!(!validator.is_valid(&broken), "the validator is not vacuous");

    assert_eq!(v["source"]["name"], "debrief-ls");
    let diagnostics = v["diagnostics"].as_array().unwrap();
    let severities: Vec<&str> = diagnostics.iter().map(|d| d["severity"].as_str().unwrap()).collect();
    assert!(severities.contains(&"ERROR") && severities.contains(&"WARNING") && severities.contains(&"INFO"));
    let hindsight = diagnostics.iter().find(|d| d["code"]["value"] == "blame-counterfactual").unwrap();
    assert_eq!(hindsight["location"]["path"], "d.md");
    assert_eq!(
        hindsight["location"]["range"],
        serde_json::json!({"start": {"line": 5, "column": 6}, "end": {"line": 5, "column": 30}})
    );
    assert!(hindsight["code"]["url"].as_str().unwrap().ends_with("blame-counterfactual.md"));
    // The first fix, as reviewdog's suggestion: replacing "should have noticed".
    let suggestions = hindsight["suggestions"].as_array().unwrap();
    assert_eq!(suggestions.len(), 1);
    assert_eq!(suggestions[0]["text"], "did not notice");
    assert_eq!(suggestions[0]["range"]["start"]["line"], 5);
    // An insertion is an empty range: the timeline skeleton.
    let missing = diagnostics.iter().find(|d| d["code"]["value"] == "timeline-missing").unwrap();
    let insert = &missing["suggestions"][0];
    assert_eq!(insert["range"]["start"], insert["range"]["end"]);
    assert!(insert["text"].as_str().unwrap().contains("## Timeline"));
    // A finding with no fix has no suggestions.
    let untimed = diagnostics.iter().find(|d| d["code"]["value"] == "timeline-entry-no-time").unwrap();
    assert_eq!(untimed["location"]["path"], "untimed.md");
    assert!(untimed.get("suggestions").is_none(), "{untimed}");
}

#[test]
fn force_exclude_checks_only_debriefs_among_named_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "README.md", "# Our service\n\nDana should have noticed the alert.\n");
    write(dir.path(), "postmortems/a.md", BLAMEFUL);
    write(dir.path(), "postmortems/old/b.md", BLAMEFUL);
    write(dir.path(), "notes/c.md", &format!("---\ndebrief: true\n---\n{BLAMEFUL}"));
    write(dir.path(), "debrief.toml", "exclude = [\"**/old/**\"]\n");
    let files = ["README.md", "postmortems/a.md", "postmortems/old/b.md", "notes/c.md"];
    let checked = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        all.extend_from_slice(&files);
        let v = json(&run_in(dir.path(), &all, None));
        v["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap().to_string()).collect()
    };
    let mut all: Vec<String> = files.iter().map(|s| s.to_string()).collect();
    all.sort();
    assert_eq!(checked(&[]), all, "named files are always checked");
    assert_eq!(checked(&["--force-exclude"]), ["notes/c.md", "postmortems/a.md"]);
}

#[test]
fn init_writes_the_defaults_and_a_template_and_never_overwrites_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(dir.path(), &["init", "--template"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let config = std::fs::read_to_string(dir.path().join("debrief.toml")).unwrap();
    assert!(config.contains("\nterm-post-mortem = \"off\""), "{config}");
    assert!(config.contains("\ngap-minutes = 60\n"));
    let template = std::fs::read_to_string(dir.path().join("debrief-template.md")).unwrap();
    assert!(template.starts_with("---\n"));
    for section in ["## Summary", "## Timeline", "## Contributing factors", "## Follow-ups"] {
        assert!(template.contains(section), "{section}");
    }

    // The configuration reads with no problem; the template is not itself a debrief in a
    // walk, and a copy in postmortems/ is one, with no finding to fix.
    write(dir.path(), "postmortems/2026-01-31-queue.md", &template);
    let r = run_in(dir.path(), &["check", "--format", "json", "--fail-on", "info", "."], None);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let v = json(&r);
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
    assert_eq!(v["files"][0]["path"], "postmortems/2026-01-31-queue.md");
    // The rules read the template's front matter and sections: break each and they say so.
    let broken = template
        .replace("debriefed: 2026-02-03", "debriefed: 2026-01-31")
        .replace("- 14:40 Mitigated:\n", "")
        .replace("- [ ] @owner (TICKET-1)", "- [ ] Ensure this never happens again");
    write(dir.path(), "postmortems/2026-01-31-queue.md", &broken);
    let v = json(&run_in(dir.path(), &["check", "--format", "json", "postmortems"], None));
    let rules: Vec<&str> =
        v["files"][0]["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
    for rule in ["soak-too-soon", "timeline-missing-milestone", "followups-no-owner", "followups-prevention-only"] {
        assert!(rules.contains(&rule), "{rule} in {rules:?}");
    }

    // Existing files are named and left alone without --force.
    std::fs::write(dir.path().join("debrief.toml"), "# ours\n").unwrap();
    let r = run_in(dir.path(), &["init"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("debrief.toml already exists; pass --force"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(dir.path().join("debrief.toml")).unwrap(), "# ours\n");
    // The template existing refuses the whole run, before debrief.toml is touched.
    std::fs::remove_file(dir.path().join("debrief.toml")).unwrap();
    let r = run_in(dir.path(), &["init", "--template"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("debrief-template.md already exists"), "{}", r.stderr);
    assert!(!dir.path().join("debrief.toml").exists());
    let r = run_in(dir.path(), &["init", "--template", "--force"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(dir.path().join("debrief.toml")).unwrap(), config);
    // No temporary file is left behind; a missing folder is named.
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    let r = run_in(dir.path(), &["init", "no/such/folder"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot write no/such/folder/debrief.toml: no such folder"), "{}", r.stderr);
}

/// `report` (SPEC 9) on the fixtures in each format: the same debriefs in each.
#[test]
fn report_writes_json_markdown_and_one_self_contained_page() {
    let fixtures = repo().join("tests/report/fixtures");
    let r = run_in(&fixtures, &["report", "--format", "json", "."], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r);
    let debriefs = v["debriefs"].as_array().unwrap();
    assert_eq!(debriefs.len(), 4);
    assert_eq!(v["summary"]["debriefs"], 4);
    // Newest first; the date from the timeline, the file name or the meeting.
    let dates: Vec<&str> = debriefs.iter().map(|d| d["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2026-03-09", "2026-02-20", "2026-02-03", "2026-01-14"]);
    let mut snapshot = v.clone();
    snapshot["tool"] = "debrief-ls VERSION".into();
    insta::assert_snapshot!("report_json", serde_json::to_string_pretty(&snapshot).unwrap());

    let md = run_in(&fixtures, &["report", "--format", "markdown", "."], None);
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(md.stdout.starts_with("## Debrief report\n"), "{}", md.stdout);
    assert!(md.stdout.contains("| impact | 3 | 1 h 22 min | 2 h 5 min | 2 h 20 min |"), "{}", md.stdout);
    let rows = md.stdout.lines().filter(|l| l.starts_with("| 2026-")).count();
    assert_eq!(rows, 4, "{}", md.stdout);

    let out = tempfile::tempdir().unwrap();
    let page = out.path().join("report.html");
    let html = run_in(&fixtures, &["report", ".", "--output", page.to_str().unwrap()], None);
    assert_eq!((html.code, html.stdout.as_str()), (0, ""), "{}", html.stderr);
    let text = std::fs::read_to_string(&page).unwrap();
    assert!(text.starts_with("<!DOCTYPE html>"));
    let body = &text[text.find("<tbody>").unwrap()..text.find("</tbody>").unwrap()];
    assert_eq!(body.matches("<tr>").count(), 4, "a row per debrief");
    assert!(text.contains("prefers-color-scheme: dark"), "light and dark");
    // Nothing is fetched: no URL at all, no external script, style or font.
    assert!(!text.contains("http://") && !text.contains("https://") && !text.contains("src="), "self-contained");
    // Every chart has a title and a description, and every figure a data table under it.
    assert_eq!(text.matches("<svg ").count(), text.matches("<desc id=").count());
    assert_eq!(text.matches("<svg ").count(), 4 + 5 + 4, "4 charts, 5 durations, 4 strips");
    assert!(text.matches("<details><summary>Data:").count() >= 5);
    assert!(!text.contains("{{") && !text.contains("{%"), "the template is filled");
    let leftovers: Vec<_> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, [std::ffi::OsString::from("report.html")], "no temporary file left");
}

#[test]
fn report_names_bad_files_and_never_leaves_half_a_report() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "postmortems/good.md", BLAMEFUL);
    std::fs::write(dir.path().join("postmortems/latin1.md"), b"# Debrief\n\ncaf\xe9\n").unwrap();
    let r = run_in(dir.path(), &["report", "--format", "json", "postmortems", "postmortems/latin1.md"], None);
    assert_eq!(r.code, 2, "a file that cannot be read makes the exit code 2");
    assert!(
        r.stderr.contains("postmortems/latin1.md: error: not valid UTF-8 (byte 0xe9 at line 3, column 4)"),
        "{}",
        r.stderr
    );
    let v = json(&r);
    assert_eq!(v["debriefs"].as_array().unwrap().len(), 1, "the others are still reported");
    assert_eq!(v["problems"][0]["path"], "postmortems/latin1.md");

    // An output that cannot be written: named, and nothing left behind.
    let r = run_in(dir.path(), &["report", "postmortems/good.md", "--output", "missing/report.html"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("missing/report.html: cannot write the report"), "{}", r.stderr);
    assert!(!dir.path().join("missing").exists());
    // An existing report is replaced whole.
    write(dir.path(), "out.html", "old");
    let r = run_in(dir.path(), &["report", "postmortems/good.md", "-o", "out.html"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::read_to_string(dir.path().join("out.html")).unwrap().contains("Incident debrief: cache"));
    let r = run_in(dir.path(), &["report", "-"], None);
    assert_eq!(r.code, 2);
}
