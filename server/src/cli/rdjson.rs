//! `check --format rdjson`: reviewdog's Diagnostic Format (`reviewdog -f=rdjson`), so
//! reviewdog can post findings as pull-request review comments, with each finding's first
//! fix as a suggested change. Validated in tests against reviewdog's published schema
//! (`tests/schemas/reviewdog-rdjson-DiagnosticResult.json`).
//!
//! Unlike the other formats, columns count UTF-8 bytes, as the format defines them; ranges
//! end where the flagged text ends (exclusive).

use std::io::{self, Write};

use debrief_core::{LineIndex, Severity};
use serde::Serialize;
use serde_json::value::RawValue;

use super::report::{problems_to_stderr, Emitter, FileResult, Report};

/// Where the findings come from, for the report and each finding.
#[derive(Debug, Serialize)]
struct Source {
    name: &'static str,
    url: &'static str,
}

const SOURCE: Source = Source { name: "debrief-ls", url: "https://github.com/debrief-ls/debrief-ls" };

/// The whole report.
#[derive(Debug, Serialize)]
struct DiagnosticResult {
    source: Source,
    diagnostics: Vec<Box<RawValue>>,
}

#[derive(Debug, Serialize)]
struct Diagnostic<'a> {
    message: &'a str,
    location: Location<'a>,
    /// `ERROR`, `WARNING` or `INFO`.
    severity: &'static str,
    source: Source,
    code: Code<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion<'a>>,
}

#[derive(Debug, Serialize)]
struct Location<'a> {
    path: &'a str,
    range: Range,
}

/// `end` is exclusive.
#[derive(Debug, Serialize)]
struct Range {
    start: Position,
    end: Position,
}

/// 1-based line; 1-based column in UTF-8 bytes.
#[derive(Debug, Serialize)]
struct Position {
    line: usize,
    column: usize,
}

/// The rule, and its page.
#[derive(Debug, Serialize)]
struct Code<'a> {
    value: &'a str,
    url: String,
}

/// A replacement of a range: what reviewdog offers as a suggested change.
#[derive(Debug, Serialize)]
struct Suggestion<'a> {
    range: Range,
    text: &'a str,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

/// The position of a byte offset, its column in bytes from the line's start.
fn position(text: &str, index: &LineIndex, offset: usize) -> Position {
    let offset = text.floor_char_boundary(offset.min(text.len()));
    let line = index.line_of(offset);
    Position { line: line + 1, column: offset - index.line_start(line) + 1 }
}

fn range(text: &str, index: &LineIndex, r: &std::ops::Range<usize>) -> Range {
    Range { start: position(text, index, r.start), end: position(text, index, r.end) }
}

/// One file's diagnostics, each printed as compact JSON. A finding's first fix becomes its
/// suggestions (its edits, applied together); the other fixes are alternatives that
/// reviewdog has no way to offer beside it.
pub fn diagnostics(file: &FileResult) -> Vec<String> {
    let index = LineIndex::new(&file.text);
    file.diagnostics
        .iter()
        .map(|d| {
            let suggestions = d.fixes.first().map_or_else(Vec::new, |fix| {
                fix.edits
                    .iter()
                    .map(|e| Suggestion { range: range(&file.text, &index, &e.range), text: &e.new_text })
                    .collect()
            });
            let diagnostic = Diagnostic {
                message: &d.message,
                location: Location { path: &file.path, range: range(&file.text, &index, &d.range) },
                severity: severity(d.severity),
                source: SOURCE,
                code: Code { value: d.rule, url: debrief_core::rules::docs_url(d.rule) },
                suggestions,
            };
            serde_json::to_string(&diagnostic).expect("a diagnostic prints")
        })
        .collect()
}

/// The report, on stdout; problems go to stderr.
pub fn write(report: &Report<'_>) -> io::Result<()> {
    let diagnostics =
        report.items().map(|i| RawValue::from_string(i.to_owned()).expect("a diagnostic is JSON")).collect();
    let mut out = io::stdout().lock();
    serde_json::to_writer(&mut out, &DiagnosticResult { source: SOURCE, diagnostics })?;
    out.write_all(b"\n")?;
    out.flush()?;
    problems_to_stderr(report.problems)
}

/// The rdjson format.
pub struct Rdjson;

impl Emitter for Rdjson {
    fn file(&self, file: &FileResult) -> Vec<String> {
        diagnostics(file)
    }

    fn write(&self, report: &Report<'_>) -> io::Result<()> {
        write(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf8_bytes_and_ends_are_exclusive() {
        let text = "ab\n😀 xyz\n";
        let index = LineIndex::new(text);
        let at = |o| {
            let p = position(text, &index, o);
            (p.line, p.column)
        };
        assert_eq!(at(0), (1, 1));
        assert_eq!(at(3), (2, 1));
        // After the 4-byte emoji and a space: byte column 6.
        assert_eq!(at(8), (2, 6));
        // Inside the emoji: its start. Past the end: clamped.
        assert_eq!(at(5), (2, 1));
        assert_eq!(at(100), (3, 1));
    }
}
