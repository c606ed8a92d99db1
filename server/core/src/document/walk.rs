//! The walk over pulldown-cmark's offset events that builds one part: headings, blocks,
//! list items, tables, links and comments, and the ranges of prose to keep. The walk is
//! iterative (no recursion), so deeply nested input cannot overflow the stack.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::mask::{build_masked, drop_quotations};
use super::{BlockKind, Comment, Heading, Link, ListItem, Paragraph, Part, PartId, ProseBlock, SectionKind, Table};

#[derive(Debug)]
pub(super) enum Open {
    Paragraph,
    Heading(usize, u8),
    Item(usize),
    List(usize),
    Quote(usize),
    Code,
    Html,
    Cell,
    Row,
    Head,
    Table,
    Link(bool),
    Image,
    Other,
}

/// The state of the walk over pulldown-cmark's events, and the part it is filling.
pub(super) struct Walk<'t> {
    pub(super) text: &'t str,
    /// Where the text's last non-blank byte ends: a code or HTML block reaching it holds
    /// the document's end.
    pub(super) content_end: usize,
    pub(super) part: Part,
    /// Whether its parts will be reused, so need what reuse checks.
    pub(super) for_reuse: bool,
    pub(super) stack: Vec<Open>,
    pub(super) block: Option<(Range<usize>, BlockKind)>,
    pub(super) heading_text: String,
    pub(super) in_code: usize,
    pub(super) in_html: usize,
    pub(super) in_image: usize,
    pub(super) in_autolink: usize,
    pub(super) in_heading: bool,
    pub(super) lists: usize,
    pub(super) top_start: usize,
    pub(super) prose: Vec<Range<usize>>,
    pub(super) quotes: Vec<Range<usize>>,
    pub(super) html: Vec<Range<usize>>,
}

impl<'t> Walk<'t> {
    /// A walk of `text` from `from`, over about `lines` lines: its lists are sized for
    /// what a debrief that long usually holds, so that they rarely grow.
    pub(super) fn new(text: &'t str, from: usize, for_reuse: bool, lines: usize) -> Self {
        let part = Part {
            range: from..from,
            blocks: Vec::with_capacity(lines + 8),
            paragraphs: Vec::with_capacity(lines / 3 + 4),
            items: Vec::with_capacity(lines / 2 + 4),
            headings: Vec::with_capacity(lines / 6 + 4),
            ..Part::default()
        };
        Walk {
            text,
            content_end: text.trim_end().len(),
            part,
            for_reuse,
            stack: Vec::with_capacity(16),
            block: None,
            heading_text: String::with_capacity(64),
            in_code: 0,
            in_html: 0,
            in_image: 0,
            in_autolink: 0,
            in_heading: false,
            lists: 0,
            top_start: from,
            prose: Vec::with_capacity(lines + lines / 4 + 8),
            quotes: Vec::new(),
            html: Vec::new(),
        }
    }

    /// Ends the part at `end` (nothing is open: it ends at a top-level heading or at the
    /// text's end), appends its masked prose, and starts the next one there.
    pub(super) fn finish(&mut self, end: usize, masked: &mut Vec<u8>) -> Part {
        if let Some((r, kind)) = self.block.take() {
            self.part.blocks.push(ProseBlock { range: r, kind });
        }
        let mut part = std::mem::replace(&mut self.part, Part { range: end..end, ..Part::default() });
        part.range.end = end;
        part.id = PartId::fresh();
        part.lists = std::mem::take(&mut self.lists);
        if self.for_reuse {
            part.brackets = memchr::memchr_iter(b']', &self.text.as_bytes()[part.range.clone()]).count();
        }
        part.comments = find_comments(self.text, &self.html);
        drop_quotations(self.text, &mut self.prose, &self.quotes);
        build_masked(self.text, part.range.clone(), &mut self.prose, masked);
        self.prose.clear();
        self.quotes.clear();
        self.html.clear();
        part
    }

    pub(super) fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        let block_kind = |stack: &[Open]| -> BlockKind {
            match stack.iter().rev().find(|o| !matches!(o, Open::Link(_) | Open::Image | Open::Other)) {
                Some(Open::Paragraph) => BlockKind::Paragraph,
                Some(Open::Heading(..)) => BlockKind::Heading,
                Some(Open::Item(_)) => BlockKind::Item,
                Some(Open::Cell) => BlockKind::TableCell,
                _ => BlockKind::Other,
            }
        };
        let is_block_boundary = match &event {
            Event::Start(tag) => !matches!(
                tag,
                Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Link { .. }
                    | Tag::Image { .. }
                    | Tag::Superscript
                    | Tag::Subscript
            ),
            Event::End(tag) => !matches!(
                tag,
                TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Link
                    | TagEnd::Image
                    | TagEnd::Superscript
                    | TagEnd::Subscript
            ),
            Event::Rule | Event::Html(_) | Event::DisplayMath(_) => true,
            _ => false,
        };
        if is_block_boundary {
            if let Some((r, kind)) = self.block.take() {
                self.part.blocks.push(ProseBlock { range: r, kind });
            }
        }
        if self.stack.is_empty() && !matches!(event, Event::End(_)) {
            self.top_start = range.start;
        }
        match event {
            Event::Start(tag) => {
                if matches!(tag, Tag::CodeBlock(_) | Tag::HtmlBlock) && range.end >= self.content_end {
                    // From the start of its line: an indented code block's range starts
                    // after the indentation, and text put there would join the block.
                    self.part.raw_tail = Some(self.text[..self.top_start].rfind('\n').map_or(0, |i| i + 1));
                }
                let open = match tag {
                    Tag::Paragraph => {
                        let nested = self.stack.iter().any(|o| matches!(o, Open::Item(_) | Open::Table));
                        self.part.paragraphs.push(Paragraph { range: range.clone(), nested });
                        Open::Paragraph
                    }
                    Tag::Heading { level, .. } => {
                        self.in_heading = true;
                        self.heading_text.clear();
                        Open::Heading(range.start, level as u8)
                    }
                    Tag::Item => {
                        let depth = self.stack.iter().filter(|o| matches!(o, Open::List(_))).count().saturating_sub(1);
                        let list = self.stack.iter().rev().find_map(|o| match o {
                            Open::List(id) => Some(*id),
                            _ => None,
                        });
                        let parent = self.stack.iter().rev().find_map(|o| match o {
                            Open::Item(i) => Some(*i),
                            _ => None,
                        });
                        let own_end = range.end;
                        if let Some(p) = parent {
                            let item: &mut ListItem = &mut self.part.items[p];
                            if !item.has_children {
                                item.has_children = true;
                                item.own = item.own.start..item.own.end.min(range.start);
                            }
                        }
                        self.part.items.push(ListItem {
                            range: range.clone(),
                            own: range.start..own_end,
                            depth,
                            parent,
                            task: None,
                            has_children: false,
                            list: list.unwrap_or(0),
                        });
                        Open::Item(self.part.items.len() - 1)
                    }
                    Tag::List(_) => {
                        if let Some(Open::Item(i)) = self.stack.last() {
                            let item = &mut self.part.items[*i];
                            item.own = item.own.start..item.own.end.min(range.start);
                        }
                        self.lists += 1;
                        Open::List(self.lists)
                    }
                    Tag::BlockQuote(_) => Open::Quote(range.start),
                    Tag::CodeBlock(_) => {
                        self.in_code += 1;
                        Open::Code
                    }
                    Tag::HtmlBlock => {
                        self.in_html += 1;
                        self.html.push(range.clone());
                        Open::Html
                    }
                    Tag::Table(alignments) => {
                        self.part.tables.push(sized_table(self.text, range.clone(), alignments.len()));
                        Open::Table
                    }
                    Tag::TableHead => Open::Head,
                    Tag::TableRow => {
                        if let Some(t) = self.part.tables.last_mut() {
                            t.rows.push((range.clone(), t.cells.len()..t.cells.len()));
                        }
                        Open::Row
                    }
                    Tag::TableCell => {
                        if let Some(t) = self.part.tables.last_mut() {
                            if matches!(self.stack.last(), Some(Open::Head)) {
                                t.header.push(range.clone());
                            } else if let Some(row) = t.rows.last_mut() {
                                t.cells.push(range.clone());
                                row.1.end = t.cells.len();
                            }
                        }
                        Open::Cell
                    }
                    Tag::Link { link_type, dest_url, .. } => {
                        let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                        if auto {
                            self.in_autolink += 1;
                        }
                        self.part.links.push(Link { range: range.clone(), destination: dest_url.as_ref().into() });
                        Open::Link(auto)
                    }
                    Tag::Image { .. } => {
                        self.in_image += 1;
                        Open::Image
                    }
                    _ => Open::Other,
                };
                self.stack.push(open);
            }
            Event::End(_) => {
                match self.stack.pop() {
                    Some(Open::Heading(start, level)) => {
                        self.in_heading = false;
                        // Copied straight into the heading, and the buffer kept for the
                        // next one, rather than a fresh buffer grown for each heading.
                        let text: std::sync::Arc<str> = self.heading_text.trim().into();
                        self.heading_text.clear();
                        // The heading's line, without the line break after it.
                        let end = trim_end_ws(self.text, start..range.end);
                        let kind = SectionKind::of_heading(&text);
                        self.part.headings.push(Heading { level, range: start..end, text, pseudo: false, kind });
                    }
                    Some(Open::Quote(start)) => self.quotes.push(start..range.end),
                    Some(Open::Code) => self.in_code -= 1,
                    Some(Open::Html) => self.in_html -= 1,
                    Some(Open::Link(true)) => self.in_autolink -= 1,
                    Some(Open::Image) => self.in_image -= 1,
                    Some(Open::Item(i)) => {
                        // Trailing blank lines belong to the list, not the item.
                        let end = trim_end_ws(self.text, self.part.items[i].range.clone());
                        let item = &mut self.part.items[i];
                        item.range.end = end;
                        item.own.end = item.own.end.min(end);
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if self.in_heading {
                    self.heading_text.push_str(&t);
                }
                if self.in_code == 0 && self.in_html == 0 && self.in_image == 0 && self.in_autolink == 0 {
                    self.prose.push(range.clone());
                    let kind = block_kind(&self.stack);
                    match &mut self.block {
                        Some((r, _)) => r.end = range.end,
                        None => self.block = Some((range, kind)),
                    }
                }
            }
            Event::Code(t) => {
                if self.in_heading {
                    self.heading_text.push_str(&t);
                }
                // Inline code is part of the block (sentences run through it) but not prose.
                if let Some((r, _)) = &mut self.block {
                    r.end = range.end;
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if self.in_heading {
                    self.heading_text.push(' ');
                }
                if let Some((r, _)) = &mut self.block {
                    r.end = range.end;
                }
            }
            Event::Html(_) => {
                self.html.push(range);
            }
            Event::InlineHtml(_) => {
                self.html.push(range.clone());
                if let Some((r, _)) = &mut self.block {
                    r.end = range.end;
                }
            }
            Event::TaskListMarker(done) => {
                if let Some(Open::Item(i)) = self.stack.iter().rev().find(|o| matches!(o, Open::Item(_))) {
                    self.part.items[*i].task = Some(done);
                }
            }
            _ => {}
        }
    }
}

/// An empty table over `range` with room for its cells: one row a line but the header
/// and its delimiter row, `columns` cells a row, but never more cells than the table has
/// bytes (a wide header over many short lines). Grown a cell at a time, a table's lists
/// were reallocated about ten times each.
fn sized_table(text: &str, range: Range<usize>, columns: usize) -> Table {
    let lines = memchr::memchr_iter(b'\n', &text.as_bytes()[range.clone()]).count() + 1;
    let rows = lines.saturating_sub(2);
    let cells = rows.saturating_mul(columns).min(range.len());
    Table {
        range,
        header: Vec::with_capacity(columns),
        rows: Vec::with_capacity(rows),
        cells: Vec::with_capacity(cells),
    }
}

pub(super) fn find_comments(text: &str, html: &[Range<usize>]) -> Vec<Comment> {
    let mut comments = Vec::new();
    for r in html {
        let chunk = &text[r.clone()];
        let mut from = 0;
        // memchr's searcher rather than `str::find`: most chunks are short tags (`<br>`),
        // where setting up the standard library's two-way search costs the most.
        while let Some(open) = memchr::memmem::find(&chunk.as_bytes()[from..], b"<!--") {
            let start = from + open;
            let Some(close) = memchr::memmem::find(&chunk.as_bytes()[start + 4..], b"-->") else {
                break;
            };
            let end = start + 4 + close + 3;
            let body = chunk[start + 4..end - 3].trim().to_string();
            comments.push(Comment { range: r.start + start..r.start + end, body: body.into() });
            from = end;
        }
    }
    comments.sort_by_key(|c| c.range.start);
    comments.dedup();
    comments
}

/// A list item's text without its marker (`- `, `* `, `+ `, `1. `, `1) `) and task box.
pub fn strip_list_marker(s: &str) -> &str {
    let t = s.trim_start();
    let rest = if let Some(r) = t.strip_prefix(['-', '*', '+']).filter(|r| r.starts_with([' ', '\t']) || r.is_empty()) {
        r
    } else {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        match t[digits..].strip_prefix(['.', ')']) {
            Some(r) if digits > 0 && digits < 10 => r,
            _ => t,
        }
    };
    let rest = rest.trim_start();
    for task in ["[ ] ", "[x] ", "[X] "] {
        if let Some(r) = rest.strip_prefix(task) {
            return r.trim_start();
        }
    }
    rest
}

pub(super) fn trim_end_ws(text: &str, r: Range<usize>) -> usize {
    r.start + text[r].trim_end().len()
}

/// `**Label**`, `**Label:**`, `**Label**:`, `__Label__` alone → "Label".
pub(super) fn bold_label(s: &str) -> Option<String> {
    let s = s.trim();
    let (open, rest) = if let Some(r) = s.strip_prefix("**") {
        ("**", r)
    } else if let Some(r) = s.strip_prefix("__") {
        ("__", r)
    } else {
        return None;
    };
    let rest = rest.strip_suffix(':').unwrap_or(rest);
    let inner = rest.strip_suffix(open)?;
    let inner = inner.trim().trim_end_matches(':').trim();
    if inner.is_empty() || inner.contains(open) || inner.contains('\n') || inner.len() > 60 {
        return None;
    }
    Some(inner.to_string())
}
