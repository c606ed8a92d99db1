//! Document symbols (sections, timeline entries, follow-ups) and code lenses (follow-ups
//! against their budget, the timeline's span), from the core's outline.

use debrief_core::followups::format_minutes;
use debrief_core::{Outline, SectionKind};
use ropey::Rope;
use tower_lsp::lsp_types::{
    self as lsp, CodeLens, Command, DocumentSymbol, Location, SymbolInformation, SymbolKind, Url,
};

use super::position::{to_range, Encoding};

/// The longest symbol name; longer entries are cut with an ellipsis.
const MAX_NAME_CHARS: usize = 80;

/// Nested symbols: sections by heading level, with timeline entries and follow-ups
/// under their sections.
pub fn document_symbols(outline: &Outline, rope: &Rope, enc: Encoding) -> Vec<DocumentSymbol> {
    // Each open section on the path from the root, with its level.
    let mut stack: Vec<(u8, DocumentSymbol)> = Vec::new();
    let mut roots: Vec<DocumentSymbol> = Vec::new();
    let close = |stack: &mut Vec<(u8, DocumentSymbol)>, roots: &mut Vec<DocumentSymbol>| {
        let (_, done) = stack.pop().expect("an open section");
        match stack.last_mut() {
            Some((_, parent)) => parent.children.get_or_insert_with(Vec::new).push(done),
            None => roots.push(done),
        }
    };
    for section in &outline.sections {
        while stack.last().is_some_and(|(level, _)| *level >= section.level) {
            close(&mut stack, &mut roots);
        }
        let mut children = Vec::new();
        for t in outline.timelines.iter().filter(|t| t.heading == section.heading) {
            for e in &t.entries {
                let name = if e.time.is_empty() || e.summary.starts_with(&e.time) {
                    e.summary.clone()
                } else {
                    format!("{} {}", e.time, e.summary)
                };
                // What was read: the time as resolved, and the milestones the entry marks.
                let mut detail = e.read_as.clone();
                if !e.milestones.is_empty() {
                    if !detail.is_empty() {
                        detail.push_str(" · ");
                    }
                    detail.push_str(&e.milestones.join(", "));
                }
                let detail = (!detail.is_empty()).then_some(detail);
                children.push(symbol(&name, SymbolKind::EVENT, detail, &e.range, &e.head, rope, enc));
            }
        }
        for f in outline.followups.iter().filter(|f| f.heading == section.heading) {
            for (range, text) in &f.items {
                children.push(symbol(text, SymbolKind::FIELD, None, range, range, rope, enc));
            }
        }
        let mut s = symbol(
            &section.title,
            SymbolKind::STRING,
            section_detail(section.kind),
            &section.range,
            &section.heading,
            rope,
            enc,
        );
        s.children = (!children.is_empty()).then_some(children);
        stack.push((section.level, s));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots);
    }
    roots
}

/// The same symbols, flat, for clients without hierarchical symbol support.
pub fn flat_symbols(symbols: Vec<DocumentSymbol>, uri: &Url) -> Vec<SymbolInformation> {
    fn walk(s: DocumentSymbol, container: Option<&str>, uri: &Url, out: &mut Vec<SymbolInformation>) {
        #[allow(deprecated)] // `deprecated` is a required field of the struct
        out.push(SymbolInformation {
            name: s.name.clone(),
            kind: s.kind,
            tags: None,
            deprecated: None,
            location: Location::new(uri.clone(), s.range),
            container_name: container.map(str::to_string),
        });
        for child in s.children.into_iter().flatten() {
            walk(child, Some(&s.name), uri, out);
        }
    }
    let mut out = Vec::new();
    for s in symbols {
        walk(s, None, uri, &mut out);
    }
    out
}

/// Display-only lenses: over each follow-up heading the count against the budget, over
/// each timeline heading its span and largest gap.
pub fn code_lenses(outline: &Outline, rope: &Rope, enc: Encoding) -> Vec<CodeLens> {
    let mut lenses = Vec::new();
    let lists = outline.followups.len();
    for f in &outline.followups {
        let count = if lists > 1 {
            format!("{} of {} {}", f.items.len(), f.total, plural(f.total, "follow-up", "follow-ups"))
        } else {
            format!("{} {}", f.total, plural(f.total, "follow-up", "follow-ups"))
        };
        let title = format!("{count} · budget {} ({})", f.budget.budget, f.budget.reason());
        lenses.push(lens(title, to_range(rope, &f.heading, enc)));
    }
    for t in &outline.timelines {
        let title = match (t.span_minutes, &t.largest_gap) {
            _ if t.entries.is_empty() => "Timeline has no entries yet".to_string(),
            (None, _) => "Timeline has no timed entries yet".to_string(),
            (Some(span), Some((gap, _, _))) => {
                format!("Timeline spans {} · largest gap {}", format_minutes(span), format_minutes(*gap))
            }
            (Some(span), None) => format!("Timeline spans {}", format_minutes(span)),
        };
        lenses.push(lens(title, to_range(rope, &t.heading, enc)));
    }
    lenses.sort_by_key(|l| (l.range.start.line, l.range.start.character));
    lenses
}

fn lens(title: String, range: lsp::Range) -> CodeLens {
    // An empty command id: shown as text, nothing to run (VS Code renders such lenses
    // as plain labels; other clients show the title).
    CodeLens { range, command: Some(Command { title, command: String::new(), arguments: None }), data: None }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn section_detail(kind: SectionKind) -> Option<String> {
    let label = match kind {
        SectionKind::Timeline => "timeline",
        SectionKind::FollowUps => "follow-ups",
        SectionKind::Causes => "contributing factors",
        SectionKind::Summary => "summary",
        SectionKind::Impact => "impact",
        SectionKind::Learnings => "learnings",
        _ => return None,
    };
    Some(label.to_string())
}

#[allow(deprecated)] // `deprecated` is a required field of the struct
fn symbol(
    name: &str,
    kind: SymbolKind,
    detail: Option<String>,
    range: &std::ops::Range<usize>,
    selection: &std::ops::Range<usize>,
    rope: &Rope,
    enc: Encoding,
) -> DocumentSymbol {
    let full = range.start.min(selection.start)..range.end.max(selection.end);
    DocumentSymbol {
        name: symbol_name(name),
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: to_range(rope, &full, enc),
        selection_range: to_range(rope, selection, enc),
        children: None,
    }
}

/// One line, not empty (clients reject empty names), not too long.
fn symbol_name(name: &str) -> String {
    let one_line: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.is_empty() {
        return "(untitled)".to_string();
    }
    if one_line.chars().count() <= MAX_NAME_CHARS {
        return one_line;
    }
    let cut: String = one_line.chars().take(MAX_NAME_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_one_line_and_never_empty() {
        assert_eq!(symbol_name("a\n  b"), "a b");
        assert_eq!(symbol_name("  "), "(untitled)");
        let long = "x".repeat(200);
        assert_eq!(symbol_name(&long).chars().count(), MAX_NAME_CHARS);
    }

    #[test]
    fn sections_nest_by_level_with_entries_and_follow_ups_inside() {
        let text = "# Incident debrief\n\n## Timeline\n\n- 14:02 UTC alert fired\n- 14:10 UTC paged\n- 14:40 UTC resolved\n\n### Notes\n\ntext\n\n## Follow-ups\n\n- Add an alert @dana\n";
        let a = debrief_core::analyse_full(text, &debrief_core::Config::default());
        let rope = Rope::from_str(text);
        let symbols = document_symbols(&a.outline, &rope, Encoding::Utf16);
        assert_eq!(symbols.len(), 1);
        let top = &symbols[0];
        let names: Vec<&str> = top.children.iter().flatten().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Timeline", "Follow-ups"]);
        let timeline = &top.children.as_ref().unwrap()[0];
        let inner: Vec<&str> = timeline.children.iter().flatten().map(|s| s.name.as_str()).collect();
        assert_eq!(inner, ["14:02 UTC alert fired", "14:10 UTC paged", "14:40 UTC resolved", "Notes"]);
        let flat = flat_symbols(symbols, &Url::parse("file:///a.md").unwrap());
        assert_eq!(flat.len(), 8);
        assert_eq!(flat[2].container_name.as_deref(), Some("Timeline"));

        let lenses = code_lenses(&a.outline, &rope, Encoding::Utf16);
        let titles: Vec<&str> = lenses.iter().map(|l| l.command.as_ref().unwrap().title.as_str()).collect();
        assert_eq!(
            titles,
            ["Timeline spans 38 min · largest gap 30 min", "1 follow-up · budget 10 (severity unknown)"]
        );
    }
}
