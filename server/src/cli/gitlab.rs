//! `check --format gitlab`: a GitLab Code Quality report, the subset of the Code Climate
//! issue format that GitLab reads from a job's `artifacts: reports: codequality` and shows
//! in merge requests. Validated in tests against the schema GitLab checks reports with
//! (`tests/schemas/gitlab-codeclimate.json`).
//!
//! GitLab tells new findings from old ones by their fingerprints, so a fingerprint leaves
//! out line numbers: a finding keeps it while text above it is added or removed.

use std::collections::HashMap;
use std::hash::Hasher;
use std::io::{self, Write};

use debrief_core::{LineCounter, Severity};
use serde::Serialize;
use serde_json::value::RawValue;

use super::report::{problems_to_stderr, Emitter, FileResult, Report};

/// One Code Climate issue.
#[derive(Debug, Serialize)]
struct Issue<'a> {
    /// Always `issue` (Code Climate's only type).
    #[serde(rename = "type")]
    kind: &'static str,
    /// The rule id.
    check_name: &'a str,
    description: &'a str,
    /// `info`, `minor`, `major`, `critical` or `blocker`.
    severity: &'static str,
    fingerprint: String,
    location: Location<'a>,
}

#[derive(Debug, Serialize)]
struct Location<'a> {
    /// As shown in the other formats: relative to where `check` runs, `/`-separated.
    path: &'a str,
    lines: Lines,
}

/// 1-based, inclusive.
#[derive(Debug, Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

/// GitLab's severities, from our three: errors are `major`, so they rank above warnings in
/// the merge request; `critical` and `blocker` are left for tools that find broken builds.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// A fingerprint that stays while the file changes around a finding: the path, the rule,
/// the flagged text and how many times the same rule flagged the same text before it in
/// the file. FNV-1a, whose output is fixed by its definition (std's hashers may change).
fn fingerprint(path: &str, rule: &str, flagged: &str, occurrence: usize) -> String {
    let mut h = fnv::FnvHasher::default();
    for part in [path.as_bytes(), rule.as_bytes(), flagged.as_bytes(), occurrence.to_string().as_bytes()] {
        h.write(part);
        h.write(&[0]);
    }
    format!("{:016x}", h.finish())
}

/// One file's issues, each printed as compact JSON.
pub fn issues(file: &FileResult) -> Vec<String> {
    let mut lines = LineCounter::new(&file.text);
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    file.diagnostics
        .iter()
        .map(|d| {
            let flagged = file.text.get(d.range.clone()).unwrap_or_default();
            let count = seen.entry((d.rule, flagged)).or_default();
            let occurrence = *count;
            *count += 1;
            let begin = lines.line_col(d.range.start).line;
            // The line of the last flagged character: a range that ends with a line break
            // ends on that line, not the next.
            let end = lines.line_col(d.range.end.saturating_sub(1).max(d.range.start)).line;
            let issue = Issue {
                kind: "issue",
                check_name: d.rule,
                description: &d.message,
                severity: severity(d.severity),
                fingerprint: fingerprint(&file.path, d.rule, flagged, occurrence),
                location: Location { path: &file.path, lines: Lines { begin, end } },
            };
            serde_json::to_string(&issue).expect("an issue prints")
        })
        .collect()
}

/// The report: a JSON array of every file's issues, on stdout; problems go to stderr.
pub fn write(report: &Report<'_>) -> io::Result<()> {
    let issues: Vec<Box<RawValue>> =
        report.items().map(|i| RawValue::from_string(i.to_owned()).expect("an issue is JSON")).collect();
    let mut out = io::stdout().lock();
    serde_json::to_writer(&mut out, &issues)?;
    out.write_all(b"\n")?;
    out.flush()?;
    problems_to_stderr(report.problems)
}

/// The gitlab format.
pub struct Gitlab;

impl Emitter for Gitlab {
    fn file(&self, file: &FileResult) -> Vec<String> {
        issues(file)
    }

    fn write(&self, report: &Report<'_>) -> io::Result<()> {
        write(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_lines_and_tell_repeats_apart() {
        let text = "# Incident debrief\n\nDana was careless. Dana was careless.\n";
        let config = debrief_core::Config::default();
        let parse = |text: &str| -> Vec<serde_json::Value> {
            let diagnostics = debrief_core::analyse(text, &config);
            let f =
                FileResult { path: "a.md".into(), text: text.into(), diagnostics, diff: None, fixed: 0, metrics: None };
            issues(&f).iter().map(|i| serde_json::from_str(i).unwrap()).collect()
        };
        let before = parse(text);
        let careless: Vec<&serde_json::Value> =
            before.iter().filter(|i| i["check_name"] == "blame-judgement").collect();
        assert_eq!(careless.len(), 2, "{before:#?}");
        assert_ne!(careless[0]["fingerprint"], careless[1]["fingerprint"]);
        assert_eq!(careless[0]["location"]["lines"], serde_json::json!({"begin": 3, "end": 3}));
        // Two lines added above: every finding keeps its fingerprint, on its new line.
        let after = parse(&text.replace("\n\n", "\n\nA new paragraph.\n\n"));
        let prints = |v: &[serde_json::Value]| v.iter().map(|i| i["fingerprint"].clone()).collect::<Vec<_>>();
        assert_eq!(prints(&before), prints(&after));
        assert!(after.iter().any(|i| i["location"]["lines"]["begin"] == 5));
        // Fixed by FNV-1a's definition, not by this build (the value is what an independent
        // FNV-1a of the same bytes gives): a new release keeps GitLab's findings matched.
        assert_eq!(fingerprint("a.md", "blame-judgement", "careless", 0), "fe1942d27577ce2a");
    }
}
