//! The debrief as the rules see it (SPEC 3), built once per analysis from pulldown-cmark's
//! offset events: headings and sections, list items, tables, paragraphs, HTML comments,
//! front matter, and the prose with everything that is not prose blanked out.
//!
//! The walk is iterative (no recursion), so deeply nested input cannot overflow the stack.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::front_matter::{self, FrontMatter};
use crate::text::LineIndex;

/// What a section is about, found from its heading (SPEC 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionKind {
    /// "Timeline", "Sequence of events", "Chronology".
    Timeline,
    /// "Follow-ups", "Action items", "Actions", "Next steps", "Remediation", "Corrective actions".
    FollowUps,
    /// "Contributing factors", "Root cause", "Causes", "What went wrong".
    Causes,
    /// "Summary".
    Summary,
    /// "Impact".
    Impact,
    /// "Lessons learned", "Learnings", "What went well".
    Learnings,
    /// Anything else.
    Other,
}

impl SectionKind {
    /// Classifies a heading's text.
    pub fn of_heading(text: &str) -> SectionKind {
        // Most headings name none of these: a cheap look at the words first.
        const FIRST: &[&str] = &[
            "sequence",
            "key",
            "events",
            "follow",
            "followup",
            "followups",
            "follow-up",
            "action",
            "actions",
            "next",
            "remediation",
            "remediations",
            "corrective",
            "preventive",
            "preventative",
            "resulting",
            "todo",
            "to",
            "todos",
            "future",
            "contributing",
            "root",
            "causes",
            "cause",
            "what",
            "trigger",
            "things",
            "summary",
            "overview",
            "issue",
            "executive",
            "tl",
            "tldr",
            "impact",
            "lessons",
            "learning",
            "learnings",
            "takeaway",
            "takeaways",
            "where",
            "timeline",
            "timelines",
        ];
        let lower = text.to_ascii_lowercase();
        if !lower.contains("timeline") && !lower.contains("chronolog") {
            let first = lower
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()));
            if !first.is_some_and(|w| FIRST.contains(&w)) {
                return SectionKind::Other;
            }
        }
        let norm = normalise_heading(text);
        let t = norm.as_str();
        let has = |w: &str| t.split(' ').any(|x| x == w);
        let starts = |p: &str| t.starts_with(p);
        if has("timeline")
            || has("chronology")
            || starts("sequence of events")
            || t == "key events"
            || t == "events"
            || starts("timeline")
        {
            SectionKind::Timeline
        } else if starts("follow up")
            || starts("followup")
            || starts("action item")
            || t == "actions"
            || starts("next steps")
            || starts("remediation")
            || starts("corrective")
            || starts("preventive")
            || starts("preventative")
            || starts("action plan")
            || starts("resulting action")
            || t == "todo"
            || t == "to do"
            || t == "todos"
            || starts("follow-up")
            || t == "future actions"
            || t == "followup items"
        {
            SectionKind::FollowUps
        } else if starts("contributing factor")
            || starts("root cause")
            || t == "causes"
            || t == "cause"
            || starts("what went wrong")
            || starts("causes ")
            || t == "trigger"
            || starts("things that went poorly")
            || starts("what went poorly")
        {
            SectionKind::Causes
        } else if starts("summary")
            || t == "overview"
            || starts("issue summary")
            || starts("executive summary")
            || t == "tl dr"
            || t == "tldr"
        {
            SectionKind::Summary
        } else if starts("impact") {
            SectionKind::Impact
        } else if starts("lessons")
            || starts("learning")
            || starts("what went well")
            || starts("things that went well")
            || starts("takeaway")
            || starts("key takeaway")
            || starts("where we got lucky")
        {
            SectionKind::Learnings
        } else {
            SectionKind::Other
        }
    }
}

/// Lowercase, letters and digits only, words single-spaced, parentheticals and leading
/// numbering dropped: "2. Action Items (owners)" → "action items".
pub fn normalise_heading(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    let mut pending_space = false;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '\'' | '\u{2019}' => {}
            c if c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric()) => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    out.extend(c.to_lowercase());
                }
            }
            _ => pending_space = true,
        }
    }
    // Leading numbering ("2. Action items") is not part of the name.
    let mut start = 0;
    for word in out.split(' ') {
        if !word.bytes().all(|b| b.is_ascii_digit()) {
            break;
        }
        start += word.len() + 1;
    }
    if start == 0 {
        out
    } else {
        out.get(start..).unwrap_or("").to_string()
    }
}

/// A heading, real (`#`) or a bold label standing for one (`**Timeline**` alone on a
/// line, or a list item `- **Key events**` with a nested list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1–6 for real headings; 7 for a bold paragraph label, 8 for a bold list-item label.
    pub level: u8,
    /// The whole heading line(s).
    pub range: Range<usize>,
    /// The heading's text (inline markup removed).
    pub text: String,
    /// Whether it is a bold label rather than a Markdown heading.
    pub pseudo: bool,
}

/// A heading and everything under it up to the next heading of the same or a higher level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Index into [`Document::headings`].
    pub heading: usize,
    /// What it is about.
    pub kind: SectionKind,
    /// From the heading's start to the section's end.
    pub range: Range<usize>,
}

/// A list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// The whole item, nested lists included.
    pub range: Range<usize>,
    /// The item's own content, up to its first nested list.
    pub own: Range<usize>,
    /// 0 for items of a top-level list.
    pub depth: usize,
    /// Index of the item this one is nested in.
    pub parent: Option<usize>,
    /// `Some(done)` for task-list items.
    pub task: Option<bool>,
    /// Whether it holds a nested list.
    pub has_children: bool,
    /// Which list it belongs to (a number shared by the items of one list).
    pub list: usize,
}

/// A table: its header cells and its body rows of cells.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// The whole table.
    pub range: Range<usize>,
    /// Header cells.
    pub header: Vec<Range<usize>>,
    /// Body rows: the row's range and its cells.
    pub rows: Vec<(Range<usize>, Vec<Range<usize>>)>,
}

/// A paragraph, and whether it sits inside a list item or a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The paragraph.
    pub range: Range<usize>,
    /// Inside a list item or a table (so not a free-standing line of its own section).
    pub nested: bool,
}

/// What kind of block a run of prose sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph.
    Paragraph,
    /// A heading.
    Heading,
    /// The text of a tight list item.
    Item,
    /// A table cell.
    TableCell,
    /// Anything else (definition lists, footnotes).
    Other,
}

/// A leaf block of prose: sentences never cross its ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProseBlock {
    /// Byte range in the text (and in [`Document::masked`]).
    pub range: Range<usize>,
    /// Where it sits.
    pub kind: BlockKind,
}

/// A link, `[text](destination)` or a reference link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The whole link.
    pub range: Range<usize>,
    /// Where it points.
    pub destination: String,
}

/// An HTML comment (`<!-- … -->`) outside code, with its inner text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The whole comment.
    pub range: Range<usize>,
    /// Between `<!--` and `-->`, trimmed.
    pub body: String,
}

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
}

#[derive(Debug)]
enum Open {
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

impl<'a> Document<'a> {
    /// Parses `text`.
    pub fn parse(text: &'a str) -> Document<'a> {
        let front_matter = front_matter::find(text);
        let body_start = front_matter.as_ref().map_or(0, |f| f.range.end);
        let mut doc = Document {
            text,
            masked: String::new(),
            lines: std::sync::OnceLock::new(),
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
        };
        let mut prose: Vec<Range<usize>> = Vec::new();
        let mut quotes: Vec<Range<usize>> = Vec::new();
        let mut html: Vec<Range<usize>> = Vec::new();
        if body_start > 0 {
            // Comments before the front matter (a licence or source line) still count.
            html.push(0..front_matter::leading_comments_end(text));
        }
        doc.walk(body_start, &mut prose, &mut quotes, &mut html);
        doc.find_comments(&html);
        doc.drop_log_quotes(&mut prose, &quotes);
        doc.masked = build_masked(text, &mut prose);
        doc.find_bold_labels();
        doc.build_sections();
        doc.build_kind_spans();
        doc
    }

    fn walk(
        &mut self,
        body_start: usize,
        prose: &mut Vec<Range<usize>>,
        quotes: &mut Vec<Range<usize>>,
        html: &mut Vec<Range<usize>>,
    ) {
        let body = &self.text[body_start..];
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_FOOTNOTES;
        let mut stack: Vec<Open> = Vec::new();
        let mut block: Option<(Range<usize>, BlockKind)> = None;
        let mut heading_text = String::new();
        let mut in_code = 0usize;
        let mut in_html = 0usize;
        let mut in_image = 0usize;
        let mut in_autolink = 0usize;
        let mut in_heading = false;
        let mut lists = 0usize;
        let mut top_start = body_start;
        let content_end = self.text.trim_end().len();

        let block_kind = |stack: &[Open]| -> BlockKind {
            match stack.iter().rev().find(|o| !matches!(o, Open::Link(_) | Open::Image | Open::Other)) {
                Some(Open::Paragraph) => BlockKind::Paragraph,
                Some(Open::Heading(..)) => BlockKind::Heading,
                Some(Open::Item(_)) => BlockKind::Item,
                Some(Open::Cell) => BlockKind::TableCell,
                _ => BlockKind::Other,
            }
        };

        for (event, r) in Parser::new_ext(body, options).into_offset_iter() {
            let range = r.start + body_start..r.end + body_start;
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
                if let Some((r, kind)) = block.take() {
                    self.blocks.push(ProseBlock { range: r, kind });
                }
            }
            if stack.is_empty() && !matches!(event, Event::End(_)) {
                top_start = range.start;
            }
            match event {
                Event::Start(tag) => {
                    if matches!(tag, Tag::CodeBlock(_) | Tag::HtmlBlock) && range.end >= content_end {
                        // From the start of its line: an indented code block's range starts
                        // after the indentation, and text put there would join the block.
                        self.raw_tail = Some(self.text[..top_start].rfind('\n').map_or(0, |i| i + 1));
                    }
                    let open = match tag {
                        Tag::Paragraph => {
                            let nested = stack.iter().any(|o| matches!(o, Open::Item(_) | Open::Table));
                            self.paragraphs.push(Paragraph { range: range.clone(), nested });
                            Open::Paragraph
                        }
                        Tag::Heading { level, .. } => {
                            in_heading = true;
                            heading_text.clear();
                            Open::Heading(range.start, level as u8)
                        }
                        Tag::Item => {
                            let depth = stack.iter().filter(|o| matches!(o, Open::List(_))).count().saturating_sub(1);
                            let list = stack.iter().rev().find_map(|o| match o {
                                Open::List(id) => Some(*id),
                                _ => None,
                            });
                            let parent = stack.iter().rev().find_map(|o| match o {
                                Open::Item(i) => Some(*i),
                                _ => None,
                            });
                            let own_end = range.end;
                            if let Some(p) = parent {
                                let item: &mut ListItem = &mut self.items[p];
                                if !item.has_children {
                                    item.has_children = true;
                                    item.own = item.own.start..item.own.end.min(range.start);
                                }
                            }
                            self.items.push(ListItem {
                                range: range.clone(),
                                own: range.start..own_end,
                                depth,
                                parent,
                                task: None,
                                has_children: false,
                                list: list.unwrap_or(0),
                            });
                            Open::Item(self.items.len() - 1)
                        }
                        Tag::List(_) => {
                            if let Some(Open::Item(i)) = stack.last() {
                                let item = &mut self.items[*i];
                                item.own = item.own.start..item.own.end.min(range.start);
                            }
                            lists += 1;
                            Open::List(lists)
                        }
                        Tag::BlockQuote(_) => Open::Quote(range.start),
                        Tag::CodeBlock(_) => {
                            in_code += 1;
                            Open::Code
                        }
                        Tag::HtmlBlock => {
                            in_html += 1;
                            html.push(range.clone());
                            Open::Html
                        }
                        Tag::Table(_) => {
                            self.tables.push(Table { range: range.clone(), ..Table::default() });
                            Open::Table
                        }
                        Tag::TableHead => Open::Head,
                        Tag::TableRow => {
                            if let Some(t) = self.tables.last_mut() {
                                t.rows.push((range.clone(), Vec::new()));
                            }
                            Open::Row
                        }
                        Tag::TableCell => {
                            if let Some(t) = self.tables.last_mut() {
                                if matches!(stack.last(), Some(Open::Head)) {
                                    t.header.push(range.clone());
                                } else if let Some(row) = t.rows.last_mut() {
                                    row.1.push(range.clone());
                                }
                            }
                            Open::Cell
                        }
                        Tag::Link { link_type, dest_url, .. } => {
                            let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                            if auto {
                                in_autolink += 1;
                            }
                            self.links.push(Link { range: range.clone(), destination: dest_url.to_string() });
                            Open::Link(auto)
                        }
                        Tag::Image { .. } => {
                            in_image += 1;
                            Open::Image
                        }
                        _ => Open::Other,
                    };
                    stack.push(open);
                }
                Event::End(_) => {
                    match stack.pop() {
                        Some(Open::Heading(start, level)) => {
                            in_heading = false;
                            let text = std::mem::take(&mut heading_text).trim().to_string();
                            // The heading's line, without the line break after it.
                            let end = trim_end_ws(self.text, start..range.end);
                            self.headings.push(Heading { level, range: start..end, text, pseudo: false });
                        }
                        Some(Open::Quote(start)) => quotes.push(start..range.end),
                        Some(Open::Code) => in_code -= 1,
                        Some(Open::Html) => in_html -= 1,
                        Some(Open::Link(true)) => in_autolink -= 1,
                        Some(Open::Image) => in_image -= 1,
                        Some(Open::Item(i)) => {
                            // Trailing blank lines belong to the list, not the item.
                            let end = trim_end_ws(self.text, self.items[i].range.clone());
                            let item = &mut self.items[i];
                            item.range.end = end;
                            item.own.end = item.own.end.min(end);
                        }
                        _ => {}
                    }
                }
                Event::Text(t) => {
                    if in_heading {
                        heading_text.push_str(&t);
                    }
                    if in_code == 0 && in_html == 0 && in_image == 0 && in_autolink == 0 {
                        prose.push(range.clone());
                        let kind = block_kind(&stack);
                        match &mut block {
                            Some((r, _)) => r.end = range.end,
                            None => block = Some((range, kind)),
                        }
                    }
                }
                Event::Code(t) => {
                    if in_heading {
                        heading_text.push_str(&t);
                    }
                    // Inline code is part of the block (sentences run through it) but not prose.
                    if let Some((r, _)) = &mut block {
                        r.end = range.end;
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    if in_heading {
                        heading_text.push(' ');
                    }
                    if let Some((r, _)) = &mut block {
                        r.end = range.end;
                    }
                }
                Event::Html(_) => {
                    html.push(range);
                }
                Event::InlineHtml(_) => {
                    html.push(range.clone());
                    if let Some((r, _)) = &mut block {
                        r.end = range.end;
                    }
                }
                Event::TaskListMarker(done) => {
                    if let Some(Open::Item(i)) = stack.iter().rev().find(|o| matches!(o, Open::Item(_))) {
                        self.items[*i].task = Some(done);
                    }
                }
                _ => {}
            }
        }
        if let Some((r, kind)) = block.take() {
            self.blocks.push(ProseBlock { range: r, kind });
        }
    }

    fn find_comments(&mut self, html: &[Range<usize>]) {
        for r in html {
            let chunk = &self.text[r.clone()];
            let mut from = 0;
            while let Some(open) = chunk[from..].find("<!--") {
                let start = from + open;
                let Some(close) = chunk[start + 4..].find("-->") else {
                    break;
                };
                let end = start + 4 + close + 3;
                let body = chunk[start + 4..end - 3].trim().to_string();
                self.comments.push(Comment { range: r.start + start..r.start + end, body });
                from = end;
            }
        }
        self.comments.sort_by_key(|c| c.range.start);
        self.comments.dedup();
    }

    /// Block quotes that are mostly log lines are data, not prose (SPEC 2).
    fn drop_log_quotes(&self, prose: &mut Vec<Range<usize>>, quotes: &[Range<usize>]) {
        // Only innermost quotes are read: an outer quote's text holds all the ones inside
        // it, and reading each would be quadratic in the nesting depth.
        let mut sorted: Vec<&Range<usize>> = quotes.iter().collect();
        sorted.sort_by_key(|q| q.start);
        let mut log_quotes: Vec<Range<usize>> = Vec::new();
        for (i, q) in sorted.iter().enumerate() {
            let innermost = sorted.get(i + 1).is_none_or(|next| next.start >= q.end);
            if innermost && is_log_like(&self.text[(*q).clone()]) {
                log_quotes.push((*q).clone());
            }
        }
        if log_quotes.is_empty() {
            return;
        }
        // Innermost quotes do not overlap, so each prose range needs one binary search.
        prose.retain(|p| {
            let i = log_quotes.partition_point(|q| q.start <= p.start);
            !(i > 0 && p.end <= log_quotes[i - 1].end)
        });
    }

    /// Bold labels that name a known section stand for headings: `**Timeline**` alone in
    /// a paragraph, or `- **Key events**` over a nested list.
    fn find_bold_labels(&mut self) {
        let mut labels = Vec::new();
        for p in self.paragraphs.iter().filter(|p| !p.nested) {
            if let Some(label) = bold_label(&self.text[p.range.clone()]) {
                if SectionKind::of_heading(&label) != SectionKind::Other {
                    labels.push(Heading { level: 7, range: p.range.clone(), text: label, pseudo: true });
                }
            }
        }
        for item in &self.items {
            if !item.has_children {
                continue;
            }
            if let Some(label) = bold_label(strip_list_marker(&self.text[item.own.clone()])) {
                if SectionKind::of_heading(&label) != SectionKind::Other {
                    // The heading is the label's line; its section is the whole item.
                    let line_end = self.text[item.own.clone()].find('\n').map_or(item.own.end, |i| item.own.start + i);
                    labels.push(Heading { level: 8, range: item.range.start..line_end, text: label, pseudo: true });
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
            self.sections.push(Section {
                heading: i,
                kind: SectionKind::of_heading(&h.text),
                range: h.range.start..end,
            });
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

fn trim_end_ws(text: &str, r: Range<usize>) -> usize {
    r.start + text[r].trim_end().len()
}

/// `**Label**`, `**Label:**`, `**Label**:`, `__Label__` alone → "Label".
fn bold_label(s: &str) -> Option<String> {
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

fn build_masked(text: &str, prose: &mut [Range<usize>]) -> String {
    prose.sort_by_key(|r| r.start);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len());
    let mut cursor = 0;
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        out.extend(bytes[from..to].iter().map(|&b| if b == b'\n' || b == b'\r' { b } else { b' ' }));
    };
    for r in prose.iter() {
        if r.start < cursor {
            continue;
        }
        blank(&mut out, cursor, r.start);
        out.extend_from_slice(&bytes[r.clone()]);
        cursor = r.end;
    }
    blank(&mut out, cursor, text.len());
    mask_urls(&mut out);
    // Only ASCII spaces replaced whole characters, so this cannot fail; fall back to a
    // lossless conversion rather than panic.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Blanks bare URLs and e-mail addresses written in prose.
fn mask_urls(out: &mut [u8]) {
    let mut starts: Vec<usize> = memchr::memmem::find_iter(out, b"://").collect();
    starts.extend(memchr::memmem::find_iter(out, b"www.").filter(|&i| i == 0 || out[i - 1] == b' '));
    starts.sort_unstable();
    let mut done = 0;
    for i in starts {
        if i < done {
            continue;
        }
        let mut start = i;
        while start > 0 && out[start - 1].is_ascii_alphanumeric() {
            start -= 1;
        }
        let mut end = i;
        while end < out.len() && !out[end].is_ascii_whitespace() {
            end += 1;
        }
        out[start..end].fill(b' ');
        done = end;
    }
}

/// Whether a block quote reads as log output: most of its lines carry a timestamp, a log
/// level, JSON, or `key=value` pairs.
fn is_log_like(quote: &str) -> bool {
    let lines: Vec<&str> =
        quote.lines().map(|l| l.trim_start().trim_start_matches('>').trim()).filter(|l| !l.is_empty()).collect();
    if lines.is_empty() {
        return false;
    }
    let log_lines = lines.iter().filter(|l| is_log_line(l)).count();
    log_lines * 2 > lines.len()
}

fn is_log_line(line: &str) -> bool {
    let starts_with_stamp = line.bytes().take(4).all(|b| b.is_ascii_digit()) && line.len() > 10
        || line.starts_with('[')
        || line.starts_with('{');
    const LEVELS: &[&str] =
        &["ERROR", "WARN", "INFO", "DEBUG", "FATAL", "TRACE", "panic:", "Traceback", "Exception", "level="];
    let has_level = LEVELS.iter().any(|l| line.contains(l));
    let pairs = line.split_whitespace().filter(|w| w.contains('=') && !w.starts_with('=')).count();
    starts_with_stamp || has_level || pairs >= 2 || line.contains("\":")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_text_keeps_prose_at_its_offsets() {
        let text = "# Title\n\nDana ran `rm -rf` on [the host](http://x.example/should-have).\n\n```\nshould have\n```\n<!-- careless -->\nSee https://example.com/careless now.\n";
        let doc = Document::parse(text);
        assert_eq!(doc.masked.len(), text.len());
        assert!(doc.masked.contains("Dana ran"));
        assert!(!doc.masked.contains("rm -rf"));
        assert!(!doc.masked.contains("should-have"));
        assert!(doc.masked.contains("the host"));
        assert!(!doc.masked.contains("should have"));
        assert!(!doc.masked.contains("careless"));
        assert!(doc.masked.contains("See"));
        assert_eq!(doc.comments.len(), 1);
        assert_eq!(doc.comments[0].body, "careless");
    }

    #[test]
    fn sections_nest_and_bold_labels_count() {
        let text = "# Incident\n\n## Timeline\n\n### Day 1\n\n- 10:00 paged\n\n## Action Items\n\n- fix\n\n**Follow-ups:**\n\n- more\n\n- **Key events**\n  - 11:00 declared\n";
        let doc = Document::parse(text);
        let kinds: Vec<SectionKind> = doc.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SectionKind::Other,
                SectionKind::Timeline,
                SectionKind::Other,
                SectionKind::FollowUps,
                SectionKind::FollowUps,
                SectionKind::Timeline
            ]
        );
        let day1 = text.find("- 10:00").unwrap();
        assert_eq!(doc.section_kind_at(day1), SectionKind::Timeline);
        assert_eq!(doc.section_kind_at(text.find("- more").unwrap()), SectionKind::FollowUps);
        assert_eq!(doc.section_kind_at(text.find("11:00").unwrap()), SectionKind::Timeline);
        // The bold label sits inside "Action Items", so it is part of that section.
        assert_eq!(doc.sections_of(SectionKind::FollowUps).len(), 1);
    }

    #[test]
    fn section_kind_lookup_matches_the_plain_definition() {
        let text = "# Debrief\n\n## Timeline\n\n- 10:00 a\n\n**Root causes:**\n\n- b\n\n### Day 2\n\n- 11:00 c\n\n## Other\n\n### Action items\n\n- d\n\n#### Causes\n\nx\n\n- **Key events**\n  - 12:00 e\n\n## Summary\n\nend\n";
        let doc = Document::parse(text);
        for offset in 0..=text.len() {
            let naive = doc
                .sections
                .iter()
                .filter(|s| s.kind != SectionKind::Other && s.range.start <= offset && offset < s.range.end)
                .max_by_key(|s| s.range.start)
                .map_or(SectionKind::Other, |s| s.kind);
            assert_eq!(doc.section_kind_at(offset), naive, "at {offset}: {:?}", &text[offset.min(text.len())..]);
        }
    }

    #[test]
    fn list_items_know_their_own_text_and_depth() {
        let text = "- [ ] one\n  - child\n- [x] two\n";
        let doc = Document::parse(text);
        assert_eq!(doc.items.len(), 3);
        assert_eq!(&text[doc.items[0].own.clone()].trim_end(), &"- [ ] one");
        assert_eq!(doc.items[0].task, Some(false));
        assert!(doc.items[0].has_children);
        assert_eq!(doc.items[1].depth, 1);
        assert_eq!(doc.items[2].task, Some(true));
    }

    #[test]
    fn log_quotes_are_not_prose() {
        let text = "> 2021-01-23T16:08:30Z level=fatal msg=\"careless\"\n\n> Dana said it was careless.\n";
        let doc = Document::parse(text);
        assert_eq!(doc.masked.matches("careless").count(), 1);
    }

    #[test]
    fn headings_normalise() {
        assert_eq!(normalise_heading("2. Action Items (owners)"), "action items");
        assert_eq!(SectionKind::of_heading("Timeline (all times UTC)"), SectionKind::Timeline);
        assert_eq!(SectionKind::of_heading("Sequence of Events"), SectionKind::Timeline);
        assert_eq!(SectionKind::of_heading("Corrective and Preventative Measure"), SectionKind::FollowUps);
        assert_eq!(SectionKind::of_heading("Root Cause"), SectionKind::Causes);
        assert_eq!(SectionKind::of_heading("Actions taken"), SectionKind::Other);
    }
}
