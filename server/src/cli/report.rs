//! The report of `check` (SPEC 6): what a format is given, and the [`Emitter`] each
//! format implements (`human`, `json`, `sarif`, `github`, `gitlab`, `rdjson`). Lines and
//! columns are 1-based; columns count Unicode scalar values (bytes in `rdjson`).

use std::io::{self, Write};

use clap::ValueEnum;
use debrief_core::{Diagnostic, Metrics, Severity};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `file:line:col: level[rule] message`, the source line and a caret underline.
    Human,
    /// The JSON document of SPEC 6.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// A GitLab Code Quality report (`artifacts: reports: codequality`).
    Gitlab,
    /// reviewdog's diagnostic format (`reviewdog -f=rdjson`), fixes as suggestions.
    Rdjson,
}

/// When to colour the human format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// When writing to a terminal.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// One checked file.
#[derive(Debug)]
pub struct FileResult {
    /// The path as shown to the user.
    pub path: String,
    /// The text analysed (after fixes, when fixing).
    pub text: String,
    /// Findings.
    pub diagnostics: Vec<Diagnostic>,
    /// A unified diff of the fixes (with --diff).
    pub diff: Option<String>,
    /// How many fixes were written (with --fix).
    pub fixed: usize,
    /// What the debrief measures (SPEC 8), for the formats that print it.
    pub metrics: Option<Metrics>,
}

/// A problem that is not a finding: a file that cannot be read or written, a bad config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file it is about.
    pub path: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

/// One report format, as ruff's `Emitter`: each checked file's part is printed where the
/// file was checked (in parallel; the file's text is let go then), and the report is
/// written around the parts, in path order, once every file is in.
pub trait Emitter: Sync {
    /// `file`'s part of the report, its items in order: its JSON entry, its SARIF
    /// results one by one, its human or GitHub lines.
    fn file(&self, file: &FileResult) -> Vec<String>;

    /// Writes the report to stdout, and the problems where the format puts them.
    fn write(&self, report: &Report<'_>) -> io::Result<()>;

    /// Whether the format prints each debrief's metrics (SPEC 8): only then are they
    /// computed.
    fn prints_metrics(&self) -> bool {
        false
    }

    /// `file`'s metrics, printed to stand around the files' parts rather than in them
    /// (see [`Rendered::metrics`]), for a format that puts them there.
    fn metrics_item(&self, _file: &FileResult) -> Option<String> {
        None
    }
}

/// The emitter of `format`.
fn emitter(format: Format, color: Color) -> Box<dyn Emitter> {
    match format {
        Format::Human => Box::new(super::human::Human::new(color)),
        Format::Json => Box::new(super::json::Json),
        Format::Sarif => Box::new(super::sarif::Sarif),
        Format::Github => Box::new(super::github::Github),
        Format::Gitlab => Box::new(super::gitlab::Gitlab),
        Format::Rdjson => Box::new(super::rdjson::Rdjson),
    }
}

/// Everything a format needs.
pub struct Report<'a> {
    /// Checked files, sorted by path.
    pub files: &'a [Rendered],
    /// Problems that are not findings.
    pub problems: &'a [Problem],
    /// Whether `--diff` was asked for.
    pub diff_mode: bool,
}

impl Report<'_> {
    /// The files' printed parts, in path order.
    pub(super) fn items(&self) -> impl Iterator<Item = &str> {
        self.files.iter().flat_map(|f| &f.items).map(String::as_str)
    }

    /// Findings by severity over every file: errors, warnings, infos.
    pub(super) fn counts(&self) -> (usize, usize, usize) {
        self.files.iter().fold((0, 0, 0), |(e, w, i), f| (e + f.counts[0], w + f.counts[1], i + f.counts[2]))
    }
}

/// One checked file as its report needs it: its part of the report, printed where it
/// was checked, and what the summary and the exit code count. Its text is not kept:
/// `check` holds what it prints, not every file it read.
pub struct Rendered {
    /// The path as shown to the user.
    pub path: String,
    /// The file's part of the report (see [`Emitter::file`]).
    items: Vec<String>,
    /// Findings by severity: errors, warnings, infos.
    counts: [usize; 3],
    /// How many fixes were written (with `--fix`) or would be (with `--diff`).
    pub(super) fixed: usize,
    /// Whether `--diff` has a change to show.
    pub changed: bool,
    /// The file's metrics, printed for a format that puts them around the files' parts
    /// (see [`Emitter::metrics_item`]).
    pub metrics: Option<String>,
}

impl Rendered {
    /// Whether a finding is at least as severe as `threshold`.
    pub fn has_finding_from(&self, threshold: Severity) -> bool {
        let [errors, warnings, infos] = self.counts;
        match threshold {
            Severity::Error => errors > 0,
            Severity::Warning => errors + warnings > 0,
            Severity::Info => errors + warnings + infos > 0,
        }
    }
}

/// The report in one format: each checked file's part as soon as it is checked, then
/// the whole.
pub struct Printer {
    emitter: Box<dyn Emitter>,
}

impl Printer {
    pub fn new(format: Format, color: Color) -> Printer {
        Printer { emitter: emitter(format, color) }
    }

    /// Whether the files' metrics are to be computed (see [`Emitter::prints_metrics`]).
    pub fn prints_metrics(&self) -> bool {
        self.emitter.prints_metrics()
    }

    /// `file`'s part of the report.
    pub fn render(&self, file: FileResult) -> Rendered {
        let items = self.emitter.file(&file);
        let mut counts = [0; 3];
        for d in &file.diagnostics {
            counts[match d.severity {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Info => 2,
            }] += 1;
        }
        let metrics = self.emitter.metrics_item(&file);
        Rendered { path: file.path, items, counts, fixed: file.fixed, changed: file.diff.is_some(), metrics }
    }

    /// Writes the whole report.
    pub fn write(&self, report: &Report<'_>) -> io::Result<()> {
        self.emitter.write(report)
    }
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(super) fn location(problem: &Problem) -> String {
    match (problem.line, problem.column) {
        (Some(l), Some(c)) => format!("{}:{l}:{c}", problem.path),
        (Some(l), None) => format!("{}:{l}", problem.path),
        _ => problem.path.clone(),
    }
}

/// Writes `doc` and a line break to stdout.
pub(super) fn write_out(doc: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(doc.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()
}

pub(super) fn problems_to_stderr(problems: &[Problem]) -> io::Result<()> {
    let mut err = io::stderr().lock();
    for p in problems {
        writeln!(err, "{}: error: {}", location(p), p.message)?;
    }
    Ok(())
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Every debrief of the corpus checked, for the formats' tests.
    pub(in crate::cli) fn corpus_results() -> Vec<FileResult> {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus");
        let config = debrief_core::Config::default();
        let mut files = Vec::new();
        for entry in ignore::Walk::new(&corpus) {
            let path = entry.unwrap().into_path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let (diagnostics, metrics) = debrief_core::analyse_with_metrics(&text, &config);
            let path = path.display().to_string();
            files.push(FileResult { path, text, diagnostics, diff: None, fixed: 0, metrics: Some(metrics) });
        }
        assert!(files.len() > 100, "{} files", files.len());
        files
    }

    #[test]
    fn a_finding_fails_every_threshold_up_to_its_severity() {
        let with = |counts| Rendered {
            path: "a.md".into(),
            items: Vec::new(),
            counts,
            fixed: 0,
            changed: false,
            metrics: None,
        };
        let thresholds = [Severity::Info, Severity::Warning, Severity::Error];
        let fails = |counts| thresholds.map(|t| with(counts).has_finding_from(t));
        assert_eq!(fails([1, 0, 0]), [true, true, true]);
        assert_eq!(fails([0, 2, 0]), [true, true, false]);
        assert_eq!(fails([0, 0, 3]), [true, false, false]);
        assert_eq!(fails([0, 0, 0]), [false, false, false]);
    }
}
