//! `check --format github`: GitHub Actions workflow commands,
//! `::warning file=…,line=…::message`, which show as annotations on the pull request.

use std::io::{self, Write};

use debrief_core::{LineCounter, Severity};

use super::report::{Emitter, FileResult, Report};

/// The GitHub format: annotations on stdout, problems as error annotations.
pub struct Github;

impl Emitter for Github {
    fn file(&self, file: &FileResult) -> Vec<String> {
        vec![github_file(file)]
    }

    fn write(&self, report: &Report<'_>) -> io::Result<()> {
        github(report)
    }
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The whole report: every file's annotations, then one for each problem.
fn github(report: &Report<'_>) -> io::Result<()> {
    let mut out = report.items().collect::<String>();
    for p in report.problems {
        let mut props = format!("file={}", escape_property(&p.path));
        if let Some(l) = p.line {
            props.push_str(&format!(",line={l}"));
        }
        if let Some(c) = p.column {
            props.push_str(&format!(",col={c}"));
        }
        out.push_str(&format!("::error {props},title=debrief-ls::{}\n", escape_data(&p.message)));
    }
    let mut stdout = io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()
}

/// One file's annotations.
fn github_file(f: &FileResult) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let mut lines = LineCounter::new(&f.text);
    for d in &f.diagnostics {
        let s = lines.line_col(d.range.start);
        let e = lines.line_col(d.range.end);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&f.path),
            s.line,
            s.column,
            e.line,
            e.column,
            escape_property(&format!("debrief-ls ({})", d.rule)),
            escape_data(&d.message)
        )
        .expect("writing to memory");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
