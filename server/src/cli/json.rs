//! `check --format json`: the JSON document of SPEC 6.

use std::io;

use debrief_core::{Applicability, LineCounter};
use serde_json::json;

use super::frame::Frame;
use super::pretty::Pretty;
use super::report::{problems_to_stderr, write_out, Emitter, FileResult, Report};

/// The JSON format: the document on stdout, problems on stderr.
pub struct Json;

impl Emitter for Json {
    fn file(&self, file: &FileResult) -> Vec<String> {
        vec![json_file(file, JSON_DEPTH)]
    }

    fn write(&self, report: &Report<'_>) -> io::Result<()> {
        let files: Vec<&str> = report.items().collect();
        write_out(&json_frame(report).around(&files))?;
        problems_to_stderr(report.problems)
    }
}

/// How many levels in the report's file entries stand (held to its frame by a test).
const JSON_DEPTH: usize = 2;

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

/// One file's entry in the JSON report (SPEC 6), standing `depth` levels in. Members are
/// in alphabetical order, the key order the report has always had.
fn json_file(f: &FileResult, depth: usize) -> String {
    let mut lines = LineCounter::new(&f.text);
    let mut range = |p: &mut Pretty, r: &std::ops::Range<usize>| {
        let (start, end) = (lines.line_col(r.start), lines.line_col(r.end));
        p.open('{');
        for (key, at) in [("end", end), ("start", start)] {
            p.key(key);
            p.open('{');
            p.key("column");
            p.number(at.column);
            p.key("line");
            p.number(at.line);
            p.close('}');
        }
        p.close('}');
    };
    let mut p = Pretty::new(depth, 128 + f.diagnostics.len() * 512);
    p.open('{');
    p.key("diagnostics");
    p.open('[');
    for d in &f.diagnostics {
        p.item();
        p.open('{');
        p.key("fixes");
        p.open('[');
        for fix in &d.fixes {
            p.item();
            p.open('{');
            p.key("edits");
            p.open('[');
            for e in &fix.edits {
                p.item();
                p.open('{');
                p.key("new_text");
                p.string(&e.new_text);
                p.key("range");
                range(&mut p, &e.range);
                p.close('}');
            }
            p.close(']');
            p.key("safe");
            p.boolean(fix.applicability == Applicability::Safe);
            p.key("title");
            p.string(&fix.title);
            p.close('}');
        }
        p.close(']');
        p.key("message");
        p.string(&d.message);
        p.key("range");
        range(&mut p, &d.range);
        p.key("rule");
        p.string(d.rule);
        p.key("severity");
        p.string(d.severity.as_str());
        p.close('}');
    }
    p.close(']');
    p.key("path");
    p.string(&f.path);
    p.close('}');
    p.into_string()
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
            assert_eq!(json_frame(&report).depth(), JSON_DEPTH);
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
            let expected = frame.item(&json!({"diagnostics": diagnostics, "path": f.path}));
            assert_eq!(json_file(&f, frame.depth()), expected, "{}", f.path);
        }
        assert!(fixes > 0);
    }
}
