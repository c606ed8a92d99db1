//! The pieces of the document model the rules read: headings, sections, list items,
//! tables, paragraphs, prose blocks, links and comments. Plain values, byte ranges into
//! the text.

use std::ops::Range;
use std::sync::Arc;

use super::SectionKind;

/// A heading, real (`#`) or a bold label standing for one (`**Timeline**` alone on a
/// line, or a list item `- **Key events**` with a nested list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1–6 for real headings; 7 for a bold paragraph label, 8 for a bold list-item label.
    pub level: u8,
    /// The whole heading line(s).
    pub range: Range<usize>,
    /// The heading's text (inline markup removed).
    pub text: Arc<str>,
    /// Whether it is a bold label rather than a Markdown heading.
    pub pseudo: bool,
    /// What its section is about, from its text.
    pub kind: SectionKind,
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
    /// Body rows: the row's range and where its cells are in `cells`.
    pub(super) rows: Vec<(Range<usize>, Range<usize>)>,
    /// The body rows' cells, row after row: one list rather than one per row, which a
    /// keystroke's copy of every table made anew.
    pub(super) cells: Vec<Range<usize>>,
}

impl Table {
    /// Body rows: the row's range and its cells.
    pub fn rows(&self) -> impl Iterator<Item = (&Range<usize>, &[Range<usize>])> {
        self.rows.iter().map(|(row, cells)| (row, &self.cells[cells.clone()]))
    }
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
    pub destination: Arc<str>,
}

/// An HTML comment (`<!-- … -->`) outside code, with its inner text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The whole comment.
    pub range: Range<usize>,
    /// Between `<!--` and `-->`, trimmed.
    pub body: Arc<str>,
}
