//! The debrief as the rules see it (SPEC 3), built once per analysis from pulldown-cmark's
//! offset events: headings and sections, list items, tables, paragraphs, HTML comments,
//! front matter, and the prose with everything that is not prose blanked out.
//!
//! The document is a plain value: the layers above keep what they find in it by part
//! ([`PartId`]). This file holds the model's entry points; the jobs are in files of their
//! own: `headings` (which kind of section a heading names), `model` (the pieces the rules
//! read), `parse` (text into parts, on one core or two), `walk` (pulldown-cmark's events
//! into one part), `mask` (blanking what is not prose) and `reuse` (parsing only what an
//! edit touched).

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use pulldown_cmark::Options;

use crate::front_matter::{self, FrontMatter};
use crate::text::LineIndex;

mod headings;
mod mask;
mod model;
mod parse;
mod reuse;
mod walk;

#[cfg(test)]
pub(crate) mod tests;

pub use headings::{normalise_heading, SectionKind};
pub use model::{BlockKind, Comment, Heading, Link, ListItem, Paragraph, ProseBlock, Section, Table};
pub(crate) use parse::{Cores, Part, PartId, Placed};
pub(crate) use reuse::Reuse;
pub use walk::strip_list_marker;

use mask::blank;
use parse::parse_fresh;
use reuse::reparse;
use walk::{bold_label, find_comments};

/// The parsed debrief.
#[derive(Debug)]
pub struct Document<'a> {
    /// The analysed text.
    pub text: &'a str,
    /// The text with every byte that is not prose replaced by a space (line breaks kept):
    /// code, link targets, URLs, HTML, front matter, markup and quoted log lines.
    pub masked: String,
    /// Line starts, computed on first use (most analyses never need them).
    lines: std::sync::OnceLock<LineIndex>,
    /// Prose blocks in document order.
    pub blocks: Vec<ProseBlock>,
    /// Headings in document order (bold labels included).
    pub headings: Vec<Heading>,
    /// One section per heading, in heading order.
    pub sections: Vec<Section>,
    /// List items in document order.
    pub items: Vec<ListItem>,
    /// Tables in document order.
    pub tables: Vec<Table>,
    /// Paragraph ranges in document order.
    pub paragraphs: Vec<Paragraph>,
    /// HTML comments.
    pub comments: Vec<Comment>,
    /// Links: their whole range and destination.
    pub links: Vec<Link>,
    /// Front matter, when present.
    pub front_matter: Option<FrontMatter>,
    /// Where each innermost known section kind starts (see `section_kind_at`).
    kind_spans: Vec<(usize, SectionKind)>,
    /// When the text ends inside a code or HTML block (an unclosed fence, comment or
    /// `<pre>`, or indented code, swallows anything appended), the start of the line where
    /// the top-level block holding it starts: text added for the reader must go before it.
    pub raw_tail: Option<usize>,
    /// The parts it was assembled from.
    parts: Vec<Placed>,
    /// Whether parts of an earlier version were reused: only the change was parsed.
    pub(crate) reused: bool,
    /// Whether its parts are kept for the parse of its next version.
    pub(crate) keeps_parts: bool,
}

impl<'a> Document<'a> {
    /// Parses `text`.
    pub fn parse(text: &'a str) -> Document<'a> {
        Self::parse_with(text, None, false, Cores::One)
    }

    /// Parses `text` as [`Document::parse`] does, on the `cores` given.
    pub(crate) fn parse_on(text: &'a str, cores: Cores) -> Document<'a> {
        Self::parse_with(text, None, false, cores)
    }

    /// Parses `text`, a new version of the text `previous` was parsed from, reusing the
    /// parts the change left alone, on the `cores` given for what it parses afresh. The
    /// result is the same as [`Document::parse`]'s.
    pub(crate) fn parse_reusing(text: &'a str, previous: Option<&Reuse>, cores: Cores) -> Document<'a> {
        Self::parse_with(text, previous, true, cores)
    }

    /// Parses `text`, reusing parts of `previous`, keeping its own parts whole if they
    /// are to be reused in turn.
    fn parse_with(text: &'a str, previous: Option<&Reuse>, keep: bool, cores: Cores) -> Document<'a> {
        let front_matter = front_matter::find(text);
        let body_start = front_matter.as_ref().map_or(0, |f| f.range.end);
        let mut doc = Document::empty(text, front_matter);
        let mut masked: Vec<u8> = Vec::with_capacity(text.len());
        blank(text.as_bytes(), 0..body_start, &mut masked);
        let reused =
            previous.and_then(|previous| reparse(text, previous, &previous.plan(text, body_start), &mut masked));
        match reused {
            Some(parts) => {
                doc.parts = parts;
                doc.reused = true;
            }
            None => {
                masked.truncate(body_start);
                doc.parts = parse_fresh(text, body_start, &mut masked, keep, cores.min_piece());
            }
        }
        // Only ASCII spaces replaced whole characters, so this cannot fail; fall back to a
        // lossless conversion rather than panic.
        doc.masked = String::from_utf8(masked).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        if body_start > 0 {
            // Comments before the front matter (a licence or source line) still count.
            let leading = 0..front_matter::leading_comments_end(text);
            doc.comments = find_comments(text, std::slice::from_ref(&leading));
        }
        doc.keeps_parts = keep;
        doc.assemble(keep);
        doc.find_bold_labels();
        doc.build_sections();
        doc.build_kind_spans();
        doc
    }

    /// A document with nothing found in it yet.
    fn empty(text: &'a str, front_matter: Option<FrontMatter>) -> Document<'a> {
        Document {
            text,
            masked: String::new(),
            lines: OnceLock::new(),
            blocks: Vec::new(),
            headings: Vec::new(),
            sections: Vec::new(),
            items: Vec::new(),
            tables: Vec::new(),
            paragraphs: Vec::new(),
            comments: Vec::new(),
            links: Vec::new(),
            front_matter,
            kind_spans: Vec::new(),
            raw_tail: None,
            parts: Vec::new(),
            reused: false,
            keeps_parts: false,
        }
    }

    /// What the next version's parse can reuse of this one; [`Reuse::with_text`] adds
    /// this document's text, once this no longer borrows it.
    pub(crate) fn into_reuse(self) -> Reuse {
        let body_start = self.front_matter.as_ref().map_or(0, |f| f.range.end);
        Reuse { text: String::new(), masked: self.masked, body_start, parts: self.parts }
    }

    /// The document's parts, where they sit now.
    pub(crate) fn parts(&self) -> &[Placed] {
        &self.parts
    }

    /// Copies the parts' findings into the document, moved to where the parts sit now.
    /// Unless the parts are to be `kept` for the next version, parts only this document
    /// holds are emptied into it instead of copied.
    fn assemble(&mut self, kept: bool) {
        if kept || self.parts.len() > 1 {
            // Room for every part's share at once, not grown part by part.
            let parts = &self.parts;
            let total = |count: fn(&Part) -> usize| parts.iter().map(|p| count(&p.part)).sum::<usize>();
            self.blocks.reserve(total(|p| p.blocks.len()));
            self.headings.reserve(total(|p| p.headings.len()));
            self.items.reserve(total(|p| p.items.len()));
            self.tables.reserve(total(|p| p.tables.len()));
            self.paragraphs.reserve(total(|p| p.paragraphs.len()));
            self.comments.reserve(total(|p| p.comments.len()));
            self.links.reserve(total(|p| p.links.len()));
        }
        let mut lists_before = 0;
        for Placed { part, start } in &mut self.parts {
            let (from, to) = (part.range.start, *start);
            if let Some(part) = Arc::get_mut(part).filter(|_| !kept && from == to) {
                let items_before = self.items.len();
                if items_before == 0 && lists_before == 0 {
                    self.items = std::mem::take(&mut part.items);
                } else {
                    self.items.extend(part.items.drain(..).map(|mut i| {
                        i.parent = i.parent.map(|p| p + items_before);
                        i.list += lists_before;
                        i
                    }));
                }
                move_all(&mut self.blocks, &mut part.blocks);
                move_all(&mut self.headings, &mut part.headings);
                move_all(&mut self.tables, &mut part.tables);
                move_all(&mut self.paragraphs, &mut part.paragraphs);
                move_all(&mut self.comments, &mut part.comments);
                move_all(&mut self.links, &mut part.links);
                self.raw_tail = part.raw_tail.or(self.raw_tail);
                lists_before += part.lists;
                continue;
            }
            let mv = |r: &Range<usize>| r.start - from + to..r.end - from + to;
            let items_before = self.items.len();
            self.blocks.extend(part.blocks.iter().map(|b| ProseBlock { range: mv(&b.range), kind: b.kind }));
            self.headings.extend(part.headings.iter().map(|h| Heading { range: mv(&h.range), ..h.clone() }));
            self.items.extend(part.items.iter().map(|i| ListItem {
                range: mv(&i.range),
                own: mv(&i.own),
                parent: i.parent.map(|p| p + items_before),
                list: i.list + lists_before,
                ..i.clone()
            }));
            self.tables.extend(part.tables.iter().map(|t| Table {
                range: mv(&t.range),
                header: t.header.iter().map(mv).collect(),
                rows: t.rows.iter().map(|(r, cells)| (mv(r), cells.clone())).collect(),
                cells: t.cells.iter().map(mv).collect(),
            }));
            self.paragraphs.extend(part.paragraphs.iter().map(|p| Paragraph { range: mv(&p.range), nested: p.nested }));
            self.comments.extend(part.comments.iter().map(|c| Comment { range: mv(&c.range), body: c.body.clone() }));
            self.links
                .extend(part.links.iter().map(|l| Link { range: mv(&l.range), destination: l.destination.clone() }));
            if let Some(t) = part.raw_tail {
                self.raw_tail = Some(t - from + to);
            }
            lists_before += part.lists;
        }
        self.comments.sort_by_key(|c| c.range.start);
        self.comments.dedup();
    }

    /// Bold labels that name a known section stand for headings: `**Timeline**` alone in
    /// a paragraph, or `- **Key events**` over a nested list.
    fn find_bold_labels(&mut self) {
        let mut labels = Vec::new();
        for p in self.paragraphs.iter().filter(|p| !p.nested) {
            if let Some(label) = bold_label(&self.text[p.range.clone()]) {
                let kind = SectionKind::of_heading(&label);
                if kind != SectionKind::Other {
                    labels.push(Heading { level: 7, range: p.range.clone(), text: label.into(), pseudo: true, kind });
                }
            }
        }
        for item in &self.items {
            if !item.has_children {
                continue;
            }
            if let Some(label) = bold_label(strip_list_marker(&self.text[item.own.clone()])) {
                let kind = SectionKind::of_heading(&label);
                if kind != SectionKind::Other {
                    // The heading is the label's line; its section is the whole item.
                    let line_end = self.text[item.own.clone()].find('\n').map_or(item.own.end, |i| item.own.start + i);
                    labels.push(Heading {
                        level: 8,
                        range: item.range.start..line_end,
                        text: label.into(),
                        pseudo: true,
                        kind,
                    });
                }
            }
        }
        if labels.is_empty() {
            return;
        }
        self.headings.extend(labels);
        self.headings.sort_by_key(|h| (h.range.start, h.level));
    }

    fn build_sections(&mut self) {
        let n = self.headings.len();
        for i in 0..n {
            let h = &self.headings[i];
            let end = if h.level == 8 {
                // A list-item label spans its item.
                let at = self.items.partition_point(|it| it.range.start < h.range.start);
                self.items.get(at).filter(|it| it.range.start == h.range.start).map_or(h.range.end, |it| it.range.end)
            } else {
                self.headings[i + 1..]
                    .iter()
                    .find(|next| next.level <= h.level || (h.level == 7 && next.level <= 7))
                    .map_or(self.text.len(), |next| next.range.start)
            };
            self.sections.push(Section { heading: i, kind: h.kind, range: h.range.start..end });
        }
        // A section under any heading whose sub-headings are times ("## What happened,
        // minute by minute", then "#### 19h47", "#### 19h58", …) is the timeline, when no
        // heading names one.
        if !self.sections.iter().any(|s| s.kind == SectionKind::Timeline) {
            self.find_timeline_by_its_times();
        }
    }

    /// Makes the timeline a section whose own sub-headings are mostly times (at least
    /// three), for a document where no heading names one.
    fn find_timeline_by_its_times(&mut self) {
        // Each heading looked at once: most documents have a few dozen.
        let timed: Vec<bool> = self
            .headings
            .iter()
            .map(|h| {
                !h.pseudo
                    && h.text.starts_with(|c: char| c.is_ascii_alphanumeric())
                    && crate::times::leading_time_of_day(
                        &h.text,
                        crate::times::find_first(&h.text[..h.text.floor_char_boundary(40)]),
                    )
                    .is_some()
            })
            .collect();
        if timed.iter().filter(|&&t| t).count() < 3 {
            self.find_timeline_by_its_entries();
            return;
        }
        for s in &mut self.sections {
            let h = &self.headings[s.heading];
            if s.kind != SectionKind::Other || h.pseudo || h.level > 3 || timed[s.heading] {
                continue;
            }
            // Its own sub-headings: the level right under it.
            let under = (s.heading + 1..self.headings.len())
                .take_while(|&i| self.headings[i].range.start < s.range.end)
                .filter(|&i| !self.headings[i].pseudo);
            let Some(top) = under.clone().map(|i| self.headings[i].level).min() else { continue };
            let (mut count, mut all) = (0, 0);
            for i in under.filter(|&i| self.headings[i].level == top) {
                all += 1;
                count += usize::from(timed[i]);
            }
            if count >= 3 && count * 2 > all {
                s.kind = SectionKind::Timeline;
                return;
            }
        }
        self.find_timeline_by_its_entries();
    }

    /// Makes the timeline the section whose own text (before any sub-heading) is mostly
    /// entries that start with a time: at least three list items, table rows or lines,
    /// more than half of them, under any heading ("What happened", "Tijdlijn"). The
    /// section with the most such entries wins.
    fn find_timeline_by_its_entries(&mut self) {
        let text = self.text;
        let starts_with_time = |r: Range<usize>, item: bool| {
            // The marker (a bullet, a number, a table's bar) is a suffix away; a line of a
            // paragraph has none ("6.00am" is no numbered item).
            let rest = text[r.clone()].trim_start_matches(|c: char| c.is_whitespace() || c == '|');
            let rest = if item { strip_list_marker(rest) } else { rest };
            let at = r.end - rest.len();
            let head = at..text.floor_char_boundary(r.end.min(at + 40));
            crate::times::find_first(&text[head.clone()]).is_some_and(|t| t.time.is_some() && t.range.start <= 3)
                || crate::times::four_digit_time(text, head.clone()).is_some()
                || (!item && crate::times::bold_label_time(&text[head]).is_some())
        };
        let item_starts: Vec<usize> = self.items.iter().map(|i| i.range.start).collect();
        let table_starts: Vec<usize> = self.tables.iter().map(|t| t.range.start).collect();
        let paragraph_starts: Vec<usize> = self.paragraphs.iter().map(|p| p.range.start).collect();
        let mut best: Option<(usize, usize)> = None;
        for (index, s) in self.sections.iter().enumerate() {
            let h = &self.headings[s.heading];
            if s.kind != SectionKind::Other || h.pseudo || h.level > 3 {
                continue;
            }
            // Its own text: up to its first sub-heading.
            let own_end = self.headings[s.heading + 1..]
                .iter()
                .map(|h| h.range.start)
                .find(|&start| start < s.range.end)
                .unwrap_or(s.range.end);
            let own = h.range.end..own_end;
            // Items, tables and paragraphs are in document order: only those in `own` are
            // looked at, so a document with many sections is read once, not once a section.
            let own_of = |starts: &[usize]| {
                let from = starts.partition_point(|&s| s < own.start);
                from..from + starts[from..].partition_point(|&s| s < own.end)
            };
            let ends_inside = |r: &Range<usize>| r.end <= own.end;
            let (mut timed, mut all) = (0, 0);
            let mut count = |r: Range<usize>, item: bool| {
                all += 1;
                timed += usize::from(starts_with_time(r, item));
            };
            for item in &self.items[own_of(&item_starts)] {
                if item.parent.is_none() && ends_inside(&item.range) {
                    count(item.own.clone(), true);
                }
            }
            for table in self.tables[own_of(&table_starts)].iter().filter(|t| ends_inside(&t.range)) {
                for (row, _) in table.rows() {
                    count(row.clone(), false);
                }
            }
            for p in self.paragraphs[own_of(&paragraph_starts)].iter().filter(|p| !p.nested && ends_inside(&p.range)) {
                let mut at = p.range.start;
                for line in text[p.range.clone()].split_inclusive('\n') {
                    count(at..at + line.trim_end().len(), false);
                    at += line.len();
                }
            }
            if timed >= 3 && timed * 2 > all && best.is_none_or(|(_, most)| timed > most) {
                best = Some((index, timed));
            }
        }
        if let Some((index, _)) = best {
            self.sections[index].kind = SectionKind::Timeline;
        }
    }

    /// Line starts of the text.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.text))
    }

    /// The innermost section of a known kind holding `offset`.
    pub fn section_kind_at(&self, offset: usize) -> SectionKind {
        let i = self.kind_spans.partition_point(|(start, _)| *start <= offset);
        i.checked_sub(1).map_or(SectionKind::Other, |i| self.kind_spans[i].1)
    }

    /// The kinds of section over `range`: where each starts, from the range's start (the
    /// first at 0), as [`Document::section_kind_at`] gives them.
    pub(crate) fn section_kinds_over(&self, range: Range<usize>) -> impl Iterator<Item = (usize, SectionKind)> + '_ {
        let first = self.kind_spans.partition_point(|(start, _)| *start <= range.start);
        let at_start = first.checked_sub(1).map_or(SectionKind::Other, |i| self.kind_spans[i].1);
        let later = self.kind_spans[first..].iter().take_while(move |(start, _)| *start < range.end);
        std::iter::once((0, at_start)).chain(later.map(move |&(start, kind)| (start - range.start, kind)))
    }

    /// Flattens the nested sections of known kinds into spans where one kind (the
    /// innermost) holds, so [`Document::section_kind_at`] is a binary search.
    fn build_kind_spans(&mut self) {
        let mut known: Vec<&Section> = self.sections.iter().filter(|s| s.kind != SectionKind::Other).collect();
        known.sort_by_key(|s| (s.range.start, std::cmp::Reverse(s.range.end)));
        let mut spans: Vec<(usize, SectionKind)> = Vec::new();
        let mut stack: Vec<(usize, SectionKind)> = Vec::new();
        let mark = |spans: &mut Vec<(usize, SectionKind)>, at: usize, kind: SectionKind| {
            if let Some(last) = spans.last_mut() {
                if last.0 == at {
                    last.1 = kind;
                    return;
                }
                if last.1 == kind {
                    return;
                }
            }
            spans.push((at, kind));
        };
        for s in known {
            while let Some(&(end, _)) = stack.last() {
                if end > s.range.start {
                    break;
                }
                stack.pop();
                mark(&mut spans, end, stack.last().map_or(SectionKind::Other, |t| t.1));
            }
            stack.push((s.range.end, s.kind));
            mark(&mut spans, s.range.start, s.kind);
        }
        while let Some((end, _)) = stack.pop() {
            mark(&mut spans, end, stack.last().map_or(SectionKind::Other, |t| t.1));
        }
        self.kind_spans = spans;
    }

    /// Sections of one kind, outermost first; a section nested in another of the same
    /// kind is left out (it is part of the outer one).
    pub fn sections_of(&self, kind: SectionKind) -> Vec<&Section> {
        let mut out: Vec<&Section> = Vec::new();
        for s in self.sections.iter().filter(|s| s.kind == kind) {
            if !out.iter().any(|o| o.range.start <= s.range.start && s.range.end <= o.range.end) {
                out.push(s);
            }
        }
        out
    }

    /// The heading of a section.
    pub fn heading_of(&self, section: &Section) -> &Heading {
        &self.headings[section.heading]
    }

    /// The prose block holding `offset`.
    pub fn block_at(&self, offset: usize) -> Option<&ProseBlock> {
        let i = self.blocks.partition_point(|b| b.range.end <= offset);
        self.blocks.get(i).filter(|b| b.range.start <= offset)
    }

    /// The text of a range with markup removed: the masked prose, single-spaced.
    pub fn plain(&self, range: Range<usize>) -> String {
        self.masked[range].split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Whether the bytes of `range` are all prose (no code, link target or markup
    /// inside), so a fix may rewrite them without losing anything.
    pub fn is_plain_prose(&self, range: Range<usize>) -> bool {
        self.text.get(range.clone()) == self.masked.get(range)
    }

    /// The link holding `offset`, if any.
    pub fn link_at(&self, offset: usize) -> Option<&Link> {
        self.links.iter().find(|l| l.range.start <= offset && offset < l.range.end)
    }

    /// The first heading of level 1 or 2, for deciding whether this is a debrief.
    pub fn first_heading(&self) -> Option<&Heading> {
        self.headings.iter().find(|h| !h.pseudo)
    }
}

/// Moves every element of `from` to the end of `to`: the vector itself when `to` is
/// empty (a fresh parse has one part), without copying.
fn move_all<T>(to: &mut Vec<T>, from: &mut Vec<T>) {
    if to.is_empty() {
        std::mem::swap(to, from);
    } else {
        to.append(from);
    }
}

/// The Markdown extensions a debrief is read with (GitHub's tables, task lists and
/// strikethrough, and footnotes). Public for the benchmark that times pulldown-cmark alone.
pub const MARKDOWN_OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_FOOTNOTES);
