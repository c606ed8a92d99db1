//! `check --format json`: the JSON document of SPEC 6.

use std::io;
use std::sync::LazyLock;

use debrief_core::{Applicability, LineCounter};
use serde::Serialize;
use serde_json::json;

use super::frame::Frame;
use super::metrics::MetricsOut;
use super::report::{problems_to_stderr, write_out, Emitter, FileResult, Report};

/// The JSON format: the document on stdout, problems on stderr.
pub struct Json;

impl Emitter for Json {
    fn file(&self, file: &FileResult) -> Vec<String> {
        vec![json_file(file, &ENTRY_FRAME)]
    }

    fn write(&self, report: &Report<'_>) -> io::Result<()> {
        let files: Vec<&str> = report.items().collect();
        write_out(&json_frame(report).around(&files))?;
        problems_to_stderr(report.problems)
    }

    fn prints_metrics(&self) -> bool {
        true
    }
}

/// Where the report's file entries stand: what they are printed for, the frame of a
/// report with no problems (a test holds every report's frame to it).
static ENTRY_FRAME: LazyLock<Frame> =
    LazyLock::new(|| json_frame(&Report { files: &[], problems: &[], diff_mode: false }));

/// The JSON report around its file entries.
fn json_frame(report: &Report<'_>) -> Frame {
    let (errors, warnings, infos) = report.counts();
    let doc = json!({
        "version": 1,
        "files": [],
        "summary": {"files": report.files.len(), "diagnostics": errors + warnings + infos, "errors": errors, "warnings": warnings, "infos": infos},
    });
    Frame::new(doc, "/files")
}

/// One file's entry in the JSON report (SPEC 6), with its metrics (SPEC 8). Members are
/// in alphabetical order, the key order the report has always had.
#[derive(Serialize)]
struct Entry<'a> {
    diagnostics: Vec<Finding<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metrics: Option<MetricsOut>,
    path: &'a str,
}

#[derive(Serialize)]
struct Finding<'a> {
    fixes: Vec<FixOut<'a>>,
    message: &'a str,
    range: Span,
    rule: &'a str,
    severity: &'a str,
}

#[derive(Serialize)]
struct FixOut<'a> {
    edits: Vec<EditOut<'a>>,
    safe: bool,
    title: &'a str,
}

#[derive(Serialize)]
struct EditOut<'a> {
    new_text: &'a str,
    range: Span,
}

/// 1-based lines and columns (Unicode scalar values).
#[derive(Serialize)]
struct Span {
    end: At,
    start: At,
}

#[derive(Serialize)]
struct At {
    column: usize,
    line: usize,
}

/// One file's entry, printed to stand in the report's `files` (see [`Frame::item`]).
fn json_file(f: &FileResult, frame: &Frame) -> String {
    let mut lines = LineCounter::new(&f.text);
    let mut span = |r: &std::ops::Range<usize>| {
        let (start, end) = (lines.line_col(r.start), lines.line_col(r.end));
        Span { end: At { column: end.column, line: end.line }, start: At { column: start.column, line: start.line } }
    };
    let diagnostics = f
        .diagnostics
        .iter()
        .map(|d| Finding {
            fixes: d
                .fixes
                .iter()
                .map(|fix| FixOut {
                    edits: fix.edits.iter().map(|e| EditOut { new_text: &e.new_text, range: span(&e.range) }).collect(),
                    safe: fix.applicability == Applicability::Safe,
                    title: &fix.title,
                })
                .collect(),
            message: &d.message,
            range: span(&d.range),
            rule: d.rule,
            severity: d.severity.as_str(),
        })
        .collect();
    let metrics = f.metrics.as_ref().map(|m| MetricsOut::new(m, &f.text));
    frame.item(&Entry { diagnostics, metrics, path: &f.path })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::report::{tests::corpus_results, Problem};
    use debrief_core::LineIndex;
    use serde_json::Value;

    #[test]
    fn file_entries_stand_as_deep_as_the_report_holds_them() {
        let problems = [Problem { path: "a.md".into(), line: Some(1), column: None, message: "cannot read".into() }];
        for problems in [&problems[..], &[]] {
            let report = Report { files: &[], problems, diff_mode: false };
            assert_eq!(json_frame(&report).depth(), ENTRY_FRAME.depth());
        }
    }

    /// Each corpus file's entry is what `serde_json` prints for the same values, placed
    /// with the line index.
    #[test]
    fn entries_print_as_serde_json_prints_them() {
        let frame = Frame::new(json!({"files": [], "summary": {}}), "/files");
        let mut fixes = 0;
        for f in corpus_results() {
            let index = LineIndex::new(&f.text);
            let range = |r: &std::ops::Range<usize>| {
                let (s, e) = (index.line_col(&f.text, r.start), index.line_col(&f.text, r.end));
                json!({"start": {"line": s.line, "column": s.column}, "end": {"line": e.line, "column": e.column}})
            };
            let diagnostics: Vec<Value> = f
                .diagnostics
                .iter()
                .map(|d| {
                    let fixes: Vec<Value> = d
                        .fixes
                        .iter()
                        .map(|x| {
                            let edits: Vec<Value> = x
                                .edits
                                .iter()
                                .map(|e| json!({"new_text": e.new_text, "range": range(&e.range)}))
                                .collect();
                            json!({"edits": edits, "safe": x.applicability == Applicability::Safe, "title": x.title})
                        })
                        .collect();
                    json!({"fixes": fixes, "message": d.message, "range": range(&d.range), "rule": d.rule, "severity": d.severity.as_str()})
                })
                .collect();
            fixes += f.diagnostics.iter().map(|d| d.fixes.len()).sum::<usize>();
            // The metrics in their own (SPEC 8) order, which a `json!` object would sort.
            #[derive(Serialize)]
            struct Expected<'a> {
                diagnostics: Vec<Value>,
                metrics: MetricsOut,
                path: &'a str,
            }
            let metrics = MetricsOut::new(f.metrics.as_ref().expect("measured"), &f.text);
            let expected = frame.item(&Expected { diagnostics, metrics, path: &f.path });
            assert_eq!(json_file(&f, &ENTRY_FRAME), expected, "{}", f.path);
        }
        assert!(fixes > 0);
    }
}
