//! The report formats of `check` (SPEC 6): human, JSON, SARIF 2.1.0, GitHub annotations.
//! Lines and columns are 1-based; columns count Unicode scalar values.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Effects, Style};
use debrief_core::{Applicability, Diagnostic, LineCounter, LineIndex, Severity};
use serde_json::{json, Value};

use super::check::{Color, FileResult, Format, Problem};
use super::pretty::Pretty;

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
}

/// One checked file as its report needs it: its part of the report, printed where it
/// was checked, and what the summary and the exit code count. Its text is not kept:
/// `check` holds what it prints, not every file it read.
pub struct Rendered {
    /// The path as shown to the user.
    pub path: String,
    /// The file's part of the report: its JSON entry, its SARIF results one by one, or its
    /// human or GitHub lines.
    items: Vec<String>,
    /// Findings by severity: errors, warnings, infos.
    counts: [usize; 3],
    /// How many fixes were written (with `--fix`) or would be (with `--diff`).
    fixed: usize,
    /// Whether `--diff` has a change to show.
    pub changed: bool,
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

/// Prints each checked file's part of a report as soon as it is checked.
pub struct Printer {
    format: Format,
    /// Human report without colour.
    plain: bool,
}

impl Printer {
    pub fn new(format: Format, color: Color) -> Printer {
        let plain = format == Format::Human && stdout_choice(color) == anstream::ColorChoice::Never;
        Printer { format, plain }
    }

    /// `file`'s part of the report.
    pub fn render(&self, file: FileResult) -> Rendered {
        let items = match self.format {
            Format::Human => vec![human_part(&file, self.plain)],
            Format::Json => vec![json_file(&file, JSON_DEPTH)],
            Format::Sarif => sarif_results(&file, SARIF_DEPTH),
            Format::Github => vec![github_file(&file)],
            Format::Gitlab => super::gitlab::issues(&file),
            Format::Rdjson => super::rdjson::diagnostics(&file),
        };
        let mut counts = [0; 3];
        for d in &file.diagnostics {
            counts[match d.severity {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Info => 2,
            }] += 1;
        }
        Rendered { path: file.path, items, counts, fixed: file.fixed, changed: file.diff.is_some() }
    }
}

/// How many levels in the JSON report's file entries stand, and the SARIF report's
/// results (held to the reports' frames by a test).
const JSON_DEPTH: usize = 2;
const SARIF_DEPTH: usize = 4;

fn counts(files: &[Rendered]) -> (usize, usize, usize) {
    files.iter().fold((0, 0, 0), |(e, w, i), f| (e + f.counts[0], w + f.counts[1], i + f.counts[2]))
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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn location(problem: &Problem) -> String {
    match (problem.line, problem.column) {
        (Some(l), Some(c)) => format!("{}:{l}:{c}", problem.path),
        (Some(l), None) => format!("{}:{l}", problem.path),
        _ => problem.path.clone(),
    }
}

/// The human format: findings on stdout, problems on stderr.
pub fn human(report: &Report<'_>, color: Color) -> io::Result<()> {
    // The report is built in memory and written once (many small unbuffered writes are
    // each a system call). Each file's part was rendered where it was checked, and the
    // parts are joined in path order.
    let bold = Style::new().effects(Effects::BOLD);
    let mut out = report.items().collect::<String>();
    let (errors, warnings, infos) = counts(report.files);
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
    for d in &file.diagnostics {
        let start = index.line_col(&file.text, d.range.start);
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

/// The source line(s) of a finding with a caret underline, and the first fix as help.
fn snippet<'a>(text: &'a str, index: &LineIndex, d: &'a Diagnostic) -> Group<'a> {
    let first = index.line_of(d.range.start);
    let last = index.line_of(d.range.end.saturating_sub(1).max(d.range.start));
    let from = index.line_start(first);
    let to = index.line_range(text, last).end;
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

/// The JSON document of SPEC 6, on stdout; problems go to stderr.
pub fn json(report: &Report<'_>) -> io::Result<()> {
    let files: Vec<&str> = report.items().collect();
    write_out(&json_frame(report).around(&files))?;
    problems_to_stderr(report.problems)
}

/// The JSON report around its file entries.
fn json_frame(report: &Report<'_>) -> Frame {
    let (errors, warnings, infos) = counts(report.files);
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

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).expect("a JSON value prints")
}

fn write_out(doc: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(doc.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()
}

/// A pretty JSON document around one array whose items are printed on their own,
/// already indented, in parallel: for thousands of findings, building, printing and
/// indenting them is most of the work, and putting them in place is then one copy. The
/// text is what printing the whole document at once would give.
struct Frame {
    head: String,
    tail: String,
    /// The indentation of the array's items.
    indent: String,
}

impl Frame {
    /// `doc`, whose array at `pointer` is to hold the items.
    fn new(mut doc: Value, pointer: &str) -> Frame {
        const MARK: &str = "\u{0}debrief-ls: items go here\u{0}";
        *doc.pointer_mut(pointer).expect("the array is in the document") = Value::from(MARK);
        let mut whole = pretty(&doc);
        let quoted = serde_json::to_string(MARK).expect("a string prints");
        let at = whole.find(&quoted).expect("the mark is printed");
        let line_start = whole[..at].rfind('\n').map_or(0, |i| i + 1);
        let outer = &whole[line_start..at];
        let outer = &outer[..outer.len() - outer.trim_start_matches(' ').len()];
        let indent = format!("{outer}  ");
        let tail = whole.split_off(at + quoted.len());
        whole.truncate(at);
        Frame { head: whole, tail, indent }
    }

    /// `item` as pretty JSON, indented to stand in the array, through serde_json: what the
    /// items [`Pretty`] prints at [`Frame::depth`] are held to. Every line break in pretty
    /// JSON is between tokens (strings escape theirs), so each line is indented alike.
    #[cfg(test)]
    fn item(&self, item: &impl serde::Serialize) -> String {
        let printed = serde_json::to_string_pretty(item).expect("the report prints");
        let lines = memchr::memchr_iter(b'\n', printed.as_bytes()).count() + 1;
        let mut out = String::with_capacity(printed.len() + lines * self.indent.len());
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', printed.as_bytes()).chain([printed.len()]) {
            out.push_str(&self.indent);
            out.push_str(&printed[start..end]);
            if end < printed.len() {
                out.push('\n');
            }
            start = end + 1;
        }
        out
    }

    /// How many levels in the array's items stand.
    #[cfg(test)]
    fn depth(&self) -> usize {
        self.indent.len() / 2
    }

    /// The whole document, with `items` (each printed at [`Frame::depth`]) in the array.
    fn around(&self, items: &[impl AsRef<str>]) -> String {
        let closing = self.indent.len() - 2;
        let size =
            self.head.len() + self.tail.len() + items.iter().map(|i| i.as_ref().len() + 2).sum::<usize>() + closing + 3;
        let mut doc = String::with_capacity(size);
        doc.push_str(&self.head);
        doc.push('[');
        for (i, item) in items.iter().enumerate() {
            doc.push_str(if i == 0 { "\n" } else { ",\n" });
            doc.push_str(item.as_ref());
        }
        if !items.is_empty() {
            doc.push('\n');
            doc.push_str(&self.indent[..closing]);
        }
        doc.push(']');
        doc.push_str(&self.tail);
        doc
    }
}

pub(super) fn problems_to_stderr(problems: &[Problem]) -> io::Result<()> {
    let mut err = io::stderr().lock();
    for p in problems {
        writeln!(err, "{}: error: {}", location(p), p.message)?;
    }
    Ok(())
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: `/`-separated, reserved characters escaped.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// SARIF 2.1.0 with rule metadata in the driver, columns in Unicode code points.
pub fn sarif(report: &Report<'_>) -> io::Result<()> {
    let results: Vec<&str> = report.items().collect();
    write_out(&sarif_frame(report).around(&results))?;
    problems_to_stderr(report.problems)
}

/// The SARIF report around its results.
fn sarif_frame(report: &Report<'_>) -> Frame {
    let rules = debrief_core::rules::REGISTRY;
    let rule_meta: Vec<Value> = rules
        .iter()
        .map(|r| {
            let m = &r.meta;
            let level = match m.default_level {
                debrief_core::config::RuleLevel::Off => "none",
                debrief_core::config::RuleLevel::Info => "note",
                debrief_core::config::RuleLevel::Warning => "warning",
                debrief_core::config::RuleLevel::Error => "error",
            };
            json!({
                "id": m.id,
                "name": m.id.split('-').map(debrief_core_capitalise).collect::<String>(),
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": format!("{} {}", m.docs.what, m.docs.why)},
                "help": {"text": m.docs.reframe, "markdown": debrief_core::rules::render_docs(r)},
                "helpUri": debrief_core::rules::docs_url(m.id),
                "defaultConfiguration": {"enabled": level != "none", "level": if level == "none" { "note" } else { level }},
            })
        })
        .collect();
    let notifications: Vec<Value> = report
        .problems
        .iter()
        .map(|p| {
            let mut n = json!({"level": "error", "message": {"text": p.message}});
            let mut physical = json!({"artifactLocation": {"uri": uri(&p.path)}});
            if let Some(line) = p.line {
                physical["region"] = json!({"startLine": line, "startColumn": p.column.unwrap_or(1)});
            }
            n["locations"] = json!([{"physicalLocation": physical}]);
            n
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "debrief-ls",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/debrief-ls/debrief-ls",
                "rules": rule_meta,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": report.problems.is_empty(), "toolExecutionNotifications": notifications}],
            "results": [],
        }],
    });
    Frame::new(doc, "/runs/0/results")
}

/// One file's SARIF results, each printed as pretty JSON to stand `depth` levels in.
/// Members are in alphabetical order, the key order the report has always had.
fn sarif_results(f: &FileResult, depth: usize) -> Vec<String> {
    let mut lines = LineCounter::new(&f.text);
    let uri = uri(&f.path);
    let mut results = Vec::with_capacity(f.diagnostics.len());
    for d in &f.diagnostics {
        let mut p = Pretty::new(depth, 1024);
        p.open('{');
        if !d.fixes.is_empty() {
            p.key("fixes");
            p.open('[');
            for fix in &d.fixes {
                p.item();
                p.open('{');
                p.key("artifactChanges");
                p.open('[');
                p.item();
                p.open('{');
                p.key("artifactLocation");
                sarif_artifact(&mut p, &uri);
                p.key("replacements");
                p.open('[');
                for e in &fix.edits {
                    p.item();
                    p.open('{');
                    p.key("deletedRegion");
                    sarif_region(&mut p, &mut lines, &e.range);
                    p.key("insertedContent");
                    sarif_text(&mut p, &e.new_text);
                    p.close('}');
                }
                p.close(']');
                p.close('}');
                p.close(']');
                p.key("description");
                match fix.applicability {
                    Applicability::Safe => sarif_text(&mut p, &fix.title),
                    _ => sarif_text(&mut p, &format!("{} (unsafe: changes meaning)", fix.title)),
                }
                p.close('}');
            }
            p.close(']');
        }
        p.key("level");
        p.string(sarif_level(d.severity));
        p.key("locations");
        p.open('[');
        p.item();
        sarif_location(&mut p, &mut lines, &uri, &d.range, None);
        p.close(']');
        p.key("message");
        sarif_text(&mut p, &d.message);
        if !d.related.is_empty() {
            p.key("relatedLocations");
            p.open('[');
            for (i, r) in d.related.iter().enumerate() {
                p.item();
                sarif_location(&mut p, &mut lines, &uri, &r.range, Some((i, &r.message)));
            }
            p.close(']');
        }
        p.key("ruleId");
        p.string(d.rule);
        p.key("ruleIndex");
        p.number(debrief_core::rules::index_of(d.rule).unwrap_or(0));
        p.close('}');
        results.push(p.into_string());
    }
    results
}

/// A SARIF location in the file at `uri`, with its id and message when it is a related one.
fn sarif_location(
    p: &mut Pretty,
    lines: &mut LineCounter<'_>,
    uri: &str,
    range: &std::ops::Range<usize>,
    related: Option<(usize, &str)>,
) {
    p.open('{');
    if let Some((id, message)) = related {
        p.key("id");
        p.number(id);
        p.key("message");
        sarif_text(p, message);
    }
    p.key("physicalLocation");
    p.open('{');
    p.key("artifactLocation");
    sarif_artifact(p, uri);
    p.key("region");
    sarif_region(p, lines, range);
    p.close('}');
    p.close('}');
}

fn sarif_artifact(p: &mut Pretty, uri: &str) {
    p.open('{');
    p.key("uri");
    p.string(uri);
    p.close('}');
}

fn sarif_region(p: &mut Pretty, lines: &mut LineCounter<'_>, range: &std::ops::Range<usize>) {
    let (start, end) = (lines.line_col(range.start), lines.line_col(range.end));
    p.open('{');
    p.key("endColumn");
    p.number(end.column);
    p.key("endLine");
    p.number(end.line);
    p.key("startColumn");
    p.number(start.column);
    p.key("startLine");
    p.number(start.line);
    p.close('}');
}

fn sarif_text(p: &mut Pretty, text: &str) {
    p.open('{');
    p.key("text");
    p.string(text);
    p.close('}');
}

fn debrief_core_capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands: `::warning file=…,line=…::message`.
pub fn github(report: &Report<'_>) -> io::Result<()> {
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
    fn file_parts_stand_as_deep_as_their_reports_hold_them() {
        let problems = [Problem { path: "a.md".into(), line: Some(1), column: None, message: "cannot read".into() }];
        for problems in [&problems[..], &[]] {
            let report = Report { files: &[], problems, diff_mode: false };
            assert_eq!(json_frame(&report).depth(), JSON_DEPTH);
            assert_eq!(sarif_frame(&report).depth(), SARIF_DEPTH);
        }
    }

    #[test]
    fn a_finding_fails_every_threshold_up_to_its_severity() {
        let with = |counts| Rendered { path: "a.md".into(), items: Vec::new(), counts, fixed: 0, changed: false };
        let thresholds = [Severity::Info, Severity::Warning, Severity::Error];
        let fails = |counts| thresholds.map(|t| with(counts).has_finding_from(t));
        assert_eq!(fails([1, 0, 0]), [true, true, true]);
        assert_eq!(fails([0, 2, 0]), [true, true, false]);
        assert_eq!(fails([0, 0, 3]), [true, false, false]);
        assert_eq!(fails([0, 0, 0]), [false, false, false]);
    }

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(uri("post mortems/2026 #1.md"), "post%20mortems/2026%20%231.md");
    }

    /// The JSON report's entry and the SARIF results for each file of the corpus are what
    /// `serde_json` prints for the same values, placed with the line index.
    #[test]
    fn reports_print_as_serde_json_prints_them() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus");
        let config = debrief_core::Config::default();
        let frame = Frame::new(json!({"files": [], "summary": {}}), "/files");
        let (mut files, mut fixes, mut related) = (0, 0, 0);
        for entry in ignore::Walk::new(&corpus) {
            let path = entry.unwrap().into_path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let diagnostics = debrief_core::analyse(&text, &config);
            let f = FileResult { path: path.display().to_string(), text, diagnostics, diff: None, fixed: 0 };
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

            // The same file's SARIF results.
            let sarif_frame = Frame::new(json!({"runs": [{"results": []}]}), "/runs/0/results");
            let uri = uri(&f.path);
            let region = |r: &std::ops::Range<usize>| {
                let (s, e) = (index.line_col(&f.text, r.start), index.line_col(&f.text, r.end));
                json!({"startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column})
            };
            let location = |r: &std::ops::Range<usize>| json!({"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region(r)}});
            let expected: Vec<String> = f
                .diagnostics
                .iter()
                .map(|d| {
                    let mut result = json!({
                        "level": sarif_level(d.severity),
                        "locations": [location(&d.range)],
                        "message": {"text": d.message},
                        "ruleId": d.rule,
                        "ruleIndex": debrief_core::rules::index_of(d.rule).unwrap_or(0),
                    });
                    if !d.fixes.is_empty() {
                        result["fixes"] = d
                            .fixes
                            .iter()
                            .map(|x| {
                                let replacements: Vec<Value> = x
                                    .edits
                                    .iter()
                                    .map(|e| json!({"deletedRegion": region(&e.range), "insertedContent": {"text": e.new_text}}))
                                    .collect();
                                let description = match x.applicability {
                                    Applicability::Safe => x.title.clone(),
                                    _ => format!("{} (unsafe: changes meaning)", x.title),
                                };
                                json!({
                                    "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
                                    "description": {"text": description},
                                })
                            })
                            .collect();
                    }
                    if !d.related.is_empty() {
                        result["relatedLocations"] = d
                            .related
                            .iter()
                            .enumerate()
                            .map(|(i, r)| {
                                let mut l = location(&r.range);
                                l["id"] = json!(i);
                                l["message"] = json!({"text": r.message});
                                l
                            })
                            .collect();
                        related += 1;
                    }
                    sarif_frame.item(&result)
                })
                .collect();
            assert_eq!(sarif_results(&f, sarif_frame.depth()), expected, "{}", f.path);
            files += 1;
        }
        assert!(files > 100 && fixes > 0 && related > 0, "{files} files, {fixes} fixes, {related} with related places");
    }

    #[test]
    fn items_printed_apart_give_the_document_printed_whole() {
        let items = [
            json!({"path": "a.md", "diagnostics": [{"message": "two\nlines", "range": {"start": 1}}]}),
            json!({"path": "b.md", "diagnostics": []}),
            json!("a string"),
        ];
        for (doc, pointer) in [
            (json!({"files": [], "summary": {"files": 2}, "version": 1}), "/files"),
            (json!({"runs": [{"results": [], "tool": {"name": "x"}}], "version": "2.1.0"}), "/runs/0/results"),
        ] {
            for n in 0..=items.len() {
                let mut whole = doc.clone();
                *whole.pointer_mut(pointer).unwrap() = Value::from(items[..n].to_vec());
                let frame = Frame::new(doc.clone(), pointer);
                let printed: Vec<String> = items[..n].iter().map(|i| frame.item(i)).collect();
                assert_eq!(frame.around(&printed), pretty(&whole), "{n} items at {pointer}");
            }
        }
    }
}
