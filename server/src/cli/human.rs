//! `check --format human`: each finding as `file:line:col: level[rule] message`, its
//! source line with a caret underline and its first fix, then a summary.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Effects, Style};
use debrief_core::{Applicability, Diagnostic, LineCounter, LineIndex, Severity};

use super::report::{location, plural, Color, Emitter, FileResult, Report};

/// The human format.
pub struct Human {
    color: Color,
    /// Without colour on stdout.
    plain: bool,
}

impl Human {
    pub fn new(color: Color) -> Human {
        Human { color, plain: stdout_choice(color) == anstream::ColorChoice::Never }
    }
}

impl Emitter for Human {
    fn file(&self, file: &FileResult) -> Vec<String> {
        vec![human_part(file, self.plain)]
    }

    fn write(&self, report: &Report<'_>) -> io::Result<()> {
        human(report, self.color)
    }
}

/// Whether `color` means colour on stdout.
fn stdout_choice(color: Color) -> anstream::ColorChoice {
    resolve_color(color, &|| anstream::AutoStream::choice(&io::stdout()))
}

fn resolve_color(color: Color, stream: &dyn Fn() -> anstream::ColorChoice) -> anstream::ColorChoice {
    match color {
        Color::Auto => stream(),
        Color::Always => anstream::ColorChoice::Always,
        Color::Never => anstream::ColorChoice::Never,
    }
}

/// The whole human report: findings on stdout, problems on stderr.
fn human(report: &Report<'_>, color: Color) -> io::Result<()> {
    // The report is built in memory and written once (many small unbuffered writes are
    // each a system call). Each file's part was rendered where it was checked, and the
    // parts are joined in path order.
    let bold = Style::new().effects(Effects::BOLD);
    let mut out = report.items().collect::<String>();
    let (errors, warnings, infos) = report.counts();
    let total = errors + warnings + infos;
    let fixed: usize = report.files.iter().map(|f| f.fixed).sum();
    let mut summary = String::new();
    if report.diff_mode {
        let changed = report.files.iter().filter(|f| f.changed).count();
        summary.push_str(&format!(
            "{} would change ({} in all).\n",
            plural(changed, "file", "files"),
            plural(fixed, "fix", "fixes")
        ));
    } else {
        if fixed > 0 {
            summary.push_str(&format!("Fixed {}.\n", plural(fixed, "finding", "findings")));
        }
        if total == 0 {
            summary.push_str(&format!("No findings in {}.\n", plural(report.files.len(), "debrief", "debriefs")));
        } else {
            summary.push_str(&format!(
                "{} ({}, {}, {}) in {}.\n",
                plural(total, "finding", "findings"),
                plural(errors, "error", "errors"),
                plural(warnings, "warning", "warnings"),
                plural(infos, "info", "infos"),
                plural(report.files.len(), "debrief", "debriefs")
            ));
        }
    }
    out.push_str(&summary);
    let mut stdout = io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    let stderr_choice = resolve_color(color, &|| anstream::AutoStream::choice(&io::stderr()));
    let mut err = anstream::AutoStream::new(io::stderr().lock(), stderr_choice);
    let red = Style::new().fg_color(Some(AnsiColor::BrightRed.into())).effects(Effects::BOLD);
    for p in report.problems {
        writeln!(err, "{bold}{}:{bold:#} {red}error{red:#}: {}", location(p), p.message)?;
    }
    if report.files.is_empty() && report.problems.is_empty() {
        writeln!(
            err,
            "No debriefs found. A Markdown file is a debrief when its folder is named like postmortems/ or incidents/ \
             (see `include` in debrief.toml), its front matter says `debrief: true`, or its first heading names a \
             post-mortem, incident review or debrief. Files named on the command line are always checked."
        )?;
    }
    Ok(())
}

/// One file's part of the human report. Without colour, nothing is styled, and escape
/// codes that came from the file itself are stripped.
fn human_part(file: &FileResult, plain: bool) -> String {
    let styled = human_file(file, plain);
    let styled = String::from_utf8_lossy(&styled);
    if plain {
        anstream::adapter::strip_str(&styled).to_string()
    } else {
        styled.into_owned()
    }
}

/// One file's part of the human report: its diff, or each finding with its snippet.
fn human_file(file: &FileResult, plain: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if let Some(diff) = &file.diff {
        out.extend_from_slice(diff.as_bytes());
        return out;
    }
    let paint = |style: Style| if plain { Style::new() } else { style };
    let renderer = if plain { Renderer::plain() } else { Renderer::styled() };
    let bold = paint(Style::new().effects(Effects::BOLD));
    let dim = paint(Style::new().fg_color(Some(AnsiColor::BrightBlack.into())));
    let index = LineIndex::new(&file.text);
    let mut lines = LineCounter::new(&file.text);
    for d in &file.diagnostics {
        let start = lines.line_col(d.range.start);
        let (color, level_name) = match d.severity {
            Severity::Error => (AnsiColor::BrightRed, "error"),
            Severity::Warning => (AnsiColor::Yellow, "warning"),
            Severity::Info => (AnsiColor::BrightBlue, "info"),
        };
        let level_style = paint(Style::new().fg_color(Some(color.into())).effects(Effects::BOLD));
        writeln!(
            out,
            "{bold}{}:{}:{}:{bold:#} {level_style}{level_name}{level_style:#}{dim}[{}]{dim:#} {}",
            file.path, start.line, start.column, d.rule, d.message
        )
        .expect("writing to memory");
        writeln!(out, "{}", renderer.render(&[snippet(&file.text, &index, d)])).expect("writing to memory");
    }
    out
}

/// The bytes of the finding's lines that its snippet shows. A very long line (minified
/// text, a pasted log) is shown around the finding only: rendering all of it for each of
/// its findings made many findings on one line quadratic.
fn shown(text: &str, index: &LineIndex, first: usize, last: usize, d: &Diagnostic) -> (usize, usize) {
    let (from, to) = (index.line_start(first), index.line_range(text, last).end);
    if first == last && to - from > 4 * LONG_LINE_CONTEXT {
        (
            text.floor_char_boundary(d.range.start.saturating_sub(LONG_LINE_CONTEXT).max(from)),
            text.ceil_char_boundary((d.range.end + LONG_LINE_CONTEXT).min(to)),
        )
    } else {
        (from, to)
    }
}

/// How much of a very long line is shown on each side of a finding, in bytes.
const LONG_LINE_CONTEXT: usize = 240;

/// The source line(s) of a finding with a caret underline, and the first fix as help.
fn snippet<'a>(text: &'a str, index: &LineIndex, d: &'a Diagnostic) -> Group<'a> {
    let first = index.line_of(d.range.start);
    let last = index.line_of(d.range.end.saturating_sub(1).max(d.range.start));
    let (from, to) = shown(text, index, first, last, d);
    let source = &text[from..to];
    let span = d.range.start - from..(d.range.end.min(to)).max(d.range.start) - from;
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let mut group = Group::with_level(level)
        .element(Snippet::source(source).line_start(first + 1).annotation(AnnotationKind::Primary.span(span)));
    if let Some(fix) = d.fixes.first() {
        let note = match fix.applicability {
            Applicability::Safe => "",
            Applicability::Unsafe => " (unsafe fix)",
            Applicability::DisplayOnly => " (suggestion)",
        };
        let new: Vec<&str> =
            fix.edits.iter().map(|e| e.new_text.trim()).filter(|t| !t.is_empty() && !t.contains('\n')).collect();
        let shown = match new.as_slice() {
            [one] if !fix.title.to_lowercase().contains(&one.to_lowercase()) => format!(": “{one}”"),
            _ => String::new(),
        };
        group = group.element(Level::HELP.message(format!("{}{shown}{note}", fix.title)));
    }
    group
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A finding deep in a very long line shows the text around it, not the whole line,
    /// and its header still gives the true column; a short line is shown whole.
    #[test]
    fn a_finding_in_a_very_long_line_shows_its_neighbourhood() {
        let filler = "The queue drained at its usual pace. ".repeat(200);
        let text = format!(
            "# Debrief\n\nDana should have noticed it.\n\n{filler}Dana should have noticed the alert. {filler}\n"
        );
        let (diagnostics, _) = debrief_core::analyse_with_metrics(&text, &debrief_core::Config::default());
        let index = LineIndex::new(&text);
        let hindsight: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.rule == "blame-counterfactual").collect();
        let [short, long] = hindsight[..] else { panic!("two findings of hindsight: {hindsight:?}") };
        let line = |d: &Diagnostic| index.line_of(d.range.start);
        assert_eq!(shown(&text, &index, line(short), line(short), short), (11, 39));
        let (from, to) = shown(&text, &index, line(long), line(long), long);
        assert!(to - from <= 2 * LONG_LINE_CONTEXT + 40, "{} bytes shown", to - from);
        assert!(text[from..to].contains("Dana should have noticed the alert."));
        let file = FileResult {
            path: "a.md".into(),
            text: text.clone(),
            diagnostics: vec![long.clone()],
            diff: None,
            fixed: 0,
            metrics: None,
        };
        let column = index.line_col(&text, long.range.start).column;
        let out = String::from_utf8(human_file(&file, true)).expect("UTF-8");
        assert!(out.starts_with(&format!("a.md:5:{column}: warning[blame-counterfactual]")), "{out}");
    }
}
