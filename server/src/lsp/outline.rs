//! Document symbols (sections, timeline entries, follow-ups), code lenses (follow-ups
//! against their budget, the timeline's span, the incident's durations), inlay hints and
//! hovers on timeline times, from the core's outline.

use std::ops::Range;

use debrief_core::durations::{Durations, Marker, When};
use debrief_core::followups::format_minutes;
use debrief_core::{Outline, OutlineEntry, SectionKind};
use ropey::Rope;
use tower_lsp::lsp_types::{
    self as lsp, CodeLens, Command, DocumentSymbol, InlayHint, InlayHintLabel, InlayHintTooltip, Location,
    SymbolInformation, SymbolKind, Url,
};

use super::position::{to_position, to_range, Encoding};

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
    let main = outline.durations.timeline.and_then(|i| outline.timelines.get(i));
    if let Some((timeline, title)) = main.zip(durations_title(&outline.durations)) {
        lenses.push(lens(title, to_range(rope, &timeline.heading, enc)));
    }
    lenses.sort_by_key(|l| (l.range.start.line, l.range.start.character));
    lenses
}

/// "detected after 3 min · mitigated after 38 min · resolved after 1 h 8 min": each
/// milestone the debrief gives, after impact began; those whose time cannot be compared
/// with that start (a time of day against a date and zone) are named once at the end.
/// `None` when it gives no milestone.
fn durations_title(d: &Durations) -> Option<String> {
    let after = [Marker::Detected, Marker::Responded, Marker::Mitigated, Marker::Resolved];
    let known: Vec<(Marker, When)> = after.into_iter().filter_map(|m| Some((m, d.get(m)?.when))).collect();
    if known.is_empty() {
        return None;
    }
    let Some(started) = d.get(Marker::Started).map(|s| s.when) else {
        let names: Vec<&str> = known.iter().map(|(m, _)| m.name()).collect();
        return Some(format!("{} · durations need the time impact began", names.join(", ")));
    };
    let mut parts = Vec::new();
    let mut apart = Vec::new();
    for (m, when) in known {
        match started.minutes_until(when).filter(|&n| n >= 0) {
            Some(n) => parts.push(format!("{} after {}", m.name(), format_minutes(n))),
            None => apart.push(m.name()),
        }
    }
    if !apart.is_empty() {
        parts.push(format!("{} not comparable with the start", apart.join(", ")));
    }
    Some(parts.join(" · "))
}

/// Inlay hints at the end of each timed entry's first line that starts in `range`:
/// "+7 min" since the entry before, and on milestones "detected · T+3 min" since impact
/// began.
pub fn inlay_hints(outline: &Outline, rope: &Rope, enc: Encoding, range: Range<usize>) -> Vec<InlayHint> {
    let entries = outline.timelines.iter().flat_map(|t| &t.entries);
    entries
        .filter(|e| e.head.start < range.end && e.head.end >= range.start)
        .filter_map(|e| {
            let label = hint_label(e)?;
            let line = rope.byte_slice(e.head.clone()).to_string();
            let end = e.head.start + line.trim_end().len();
            Some(InlayHint {
                position: to_position(rope, end, enc),
                label: InlayHintLabel::String(label),
                kind: None,
                text_edits: None,
                tooltip: Some(InlayHintTooltip::String(timing_lines(e).join("\n"))),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
        })
        .collect()
}

/// "+7 min", "detected · T+3 min", or both; `None` for an entry with no time to compare.
fn hint_label(e: &OutlineEntry) -> Option<String> {
    let t = &e.timing;
    let mut parts = Vec::new();
    if let Some(m) = t.since_previous {
        parts.push(signed(m));
    }
    if !t.markers.is_empty() {
        parts.push(marker_names(&t.markers));
        if let Some(m) = t.since_impact {
            parts.push(format!("T{}", signed(m)));
        }
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The time of an entry and how long after what it came, one line each.
fn timing_lines(e: &OutlineEntry) -> Vec<String> {
    let t = &e.timing;
    let mut lines = Vec::new();
    match t.when {
        Some(When::Exact(ts)) => lines.push(format!("{} in UTC", ts.strftime("%Y-%m-%d %H:%M"))),
        Some(When::Local(_)) => lines.push(format!("{} (no time zone given)", e.read_as)),
        Some(w @ When::TimeOfDay { .. }) => match w.day().filter(|&d| d > 0) {
            Some(d) => {
                let days = format!("{d} {}", plural(d as usize, "day", "days"));
                lines.push(format!("{}, {days} after the timeline's first day (no date given)", e.read_as));
            }
            None => lines.push(format!("{} (no date given)", e.read_as)),
        },
        None => {}
    }
    if let Some(m) = t.since_impact {
        lines.push(format!("T{} since impact began", signed(m)));
    }
    if let Some(m) = t.since_previous {
        lines.push(format!("{} since the entry before", signed(m)));
    }
    if !t.markers.is_empty() {
        lines.push(format!("Marks the incident as {}", marker_names(&t.markers)));
    }
    lines
}

/// The hover of the timeline time at `offset`: the time in UTC when its zone is known,
/// and the time since impact began and since the entry before. The time's range, and
/// the Markdown.
pub fn time_hover(outline: &Outline, offset: usize) -> Option<(Range<usize>, String)> {
    let entry = outline.timelines.iter().flat_map(|t| &t.entries).find(|e| {
        e.time_range.as_ref().is_some_and(|r| r.start <= offset && offset <= r.end) && e.timing.when.is_some()
    })?;
    let lines = timing_lines(entry);
    let title = format!("**{}**", entry.time);
    Some((entry.time_range.clone()?, std::iter::once(title).chain(lines).collect::<Vec<_>>().join("\n\n")))
}

/// "detected, responded".
fn marker_names(markers: &[Marker]) -> String {
    markers.iter().map(|m| m.name()).collect::<Vec<_>>().join(", ")
}

/// "+7 min", "−5 min" (a true minus sign), "+0 min".
fn signed(m: i64) -> String {
    if m < 0 {
        format!("−{}", format_minutes(-m))
    } else {
        format!("+{}", format_minutes(m))
    }
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
            [
                "Timeline spans 38 min · largest gap 30 min",
                "detected, resolved · durations need the time impact began",
                "1 follow-up · budget 10 (severity unknown)"
            ]
        );
    }

    #[test]
    fn an_entry_out_of_order_shows_a_negative_time_and_an_untimed_one_none() {
        let text = "# Incident debrief\n\n## Timeline\n\n- 14:02 UTC alert fired\n- 13:50 UTC deploy started\n- later: paged\n- 14:40 UTC resolved\n";
        let a = debrief_core::analyse_full(text, &debrief_core::Config::default());
        let rope = Rope::from_str(text);
        let hints = inlay_hints(&a.outline, &rope, Encoding::Utf16, 0..text.len());
        let labels: Vec<(u32, String)> = hints
            .iter()
            .map(|h| match &h.label {
                InlayHintLabel::String(s) => (h.position.line, s.clone()),
                InlayHintLabel::LabelParts(_) => unreachable!("labels are plain strings"),
            })
            .collect();
        assert_eq!(
            labels,
            [(4, "detected".to_string()), (5, "−12 min".to_string()), (7, "+50 min · resolved".to_string())]
        );
    }
}
