//! Reusing a document's last version: which parts an edit left alone (moved, not parsed
//! again), what is parsed anew between them, and when a stretch must be parsed whole
//! because link definitions or open blocks outside it would read it differently.

use std::cell::RefCell;
use std::ops::Range;

use unicase::UniCase;

use super::parse::parse_parts;
use super::Placed;

/// What one parse of a document lends the parse of its next version: the text, the
/// masked prose and the parts. Parts the edit did not touch are used again, moved; only
/// the stretch between them is parsed.
#[derive(Debug, Clone)]
pub(crate) struct Reuse {
    pub(super) text: String,
    pub(super) masked: String,
    pub(super) body_start: usize,
    pub(super) parts: Vec<Placed>,
}

/// Which parts of the previous version stay, and what is parsed again.
pub(super) struct Plan<'r> {
    pub(super) prefix: &'r [Placed],
    /// The parts the middle replaces.
    pub(super) replaced: &'r [Placed],
    pub(super) suffix: &'r [Placed],
    /// Where the suffix's parts start now minus where they started.
    pub(super) moved_by: isize,
    pub(super) middle: Range<usize>,
}

impl Reuse {
    /// The text parsed.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Adds the text parsed, which the next version is compared with.
    pub(crate) fn with_text(self, text: String) -> Reuse {
        debug_assert_eq!(text.len(), self.masked.len());
        Reuse { text, ..self }
    }

    /// Which parts of `self` hold in `text`. Parts are only reused where parsing the
    /// whole text would give the same events: the text before each part's end and its
    /// next heading is unchanged, or, after the edit, the part is unchanged and the
    /// stretch parsed again ends at its heading (checked while parsing).
    pub(super) fn plan(&self, text: &str, body_start: usize) -> Plan<'_> {
        let (old, new) = (self.text.as_bytes(), text.as_bytes());
        let common = old.len().min(new.len());
        let same_start = common_prefix(old, new);
        let same_end = common_suffix(old, new).min(common - same_start);
        let prefix = if body_start == self.body_start {
            // The next part's heading line must be kept whole: its line break too, or, at
            // the end of the old text, nothing may follow it now ("#" becomes "#---").
            let heading_kept = |start: usize| {
                let end = line_end(&self.text, start);
                end <= same_start && (old[end - 1] == b'\n' || new.len() == end)
            };
            let n = self.parts.windows(2).take_while(|w| heading_kept(w[1].start)).count();
            &self.parts[..n]
        } else {
            &[]
        };
        let start = prefix.last().map_or(body_start, |p| p.range().end);
        let changed_from = old.len() - same_end;
        let moved_by = new.len() as isize - old.len() as isize;
        // Parts after the change, not swallowed by new front matter. A part the change
        // ends right at is kept only if its heading still starts a line: text typed at
        // the start of a heading makes it prose, and the part goes with the middle (else
        // the middle would not end at a heading, and all after it would be parsed again).
        let starts_line = |at: usize| at == 0 || new.get(at - 1) == Some(&b'\n');
        let first_kept = self.parts[prefix.len()..]
            .iter()
            .position(|p| {
                let now = p.start.wrapping_add_signed(moved_by);
                (p.start > changed_from || (p.start == changed_from && starts_line(now)))
                    && p.start > self.body_start
                    && now >= start
            })
            .map_or(self.parts.len(), |i| prefix.len() + i);
        let suffix = &self.parts[first_kept..];
        let end = suffix.first().map_or(new.len(), |p| p.start.wrapping_add_signed(moved_by));
        Plan { prefix, replaced: &self.parts[prefix.len()..first_kept], suffix, moved_by, middle: start..end }
    }
}

/// A link reference definition, `[label]: destination "title"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Definition {
    pub(super) label: String,
    pub(super) dest: String,
    pub(super) title: String,
}

/// What a stretch parsed apart needs from the rest of the document: the definitions its
/// links may use. When a stretch could parse differently apart than in the whole
/// document, parsing it fails with [`Apart`] and the caller parses more.
#[derive(Default)]
pub(super) struct Outside<'p> {
    pub(super) definitions: Vec<&'p Definition>,
    pub(super) footnotes: bool,
    /// When the rest of the document is parsed at the same time, so nothing is known of
    /// it yet: the references the stretch did not define itself, which the rest must not
    /// define either (see [`parse_fresh`]).
    pub(super) unresolved: Option<RefCell<Vec<String>>>,
    /// The longest definition (destination and title) anywhere, and the `]` outside.
    pub(super) longest: usize,
    pub(super) brackets: usize,
}

impl<'p> Outside<'p> {
    pub(super) fn of(parts: impl Iterator<Item = &'p Placed>) -> Self {
        let mut outside = Outside::default();
        for placed in parts {
            outside.definitions.extend(&placed.part.definitions);
            outside.footnotes |= !placed.part.footnotes.is_empty();
            outside.brackets += placed.part.brackets;
        }
        outside.longest = outside.definitions.iter().map(|d| d.dest.len() + d.title.len()).max().unwrap_or(0);
        outside
    }

    /// The definition a reference written in the stretch takes from outside it: labels
    /// match as pulldown-cmark matches them, by Unicode case folding.
    pub(super) fn resolve(&self, reference: &str) -> Option<&'p Definition> {
        if self.definitions.is_empty() {
            if let Some(unresolved) = &self.unresolved {
                unresolved.borrow_mut().push(reference.to_string());
            }
            return None;
        }
        let reference = UniCase::new(reference);
        self.definitions.iter().find(|d| UniCase::new(d.label.as_str()) == reference).copied()
    }
}

/// A stretch that would not parse apart as it does in the whole document.
#[derive(Debug)]
pub(super) struct Apart;

/// How many bytes `a` and `b` share at their start: compared a block at a time (with
/// `memcmp`), then byte by byte in the first block that differs.
pub(super) fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    pub(super) const BLOCK: usize = 256;
    let common = a.len().min(b.len());
    let mut at = 0;
    while at + BLOCK <= common && a[at..at + BLOCK] == b[at..at + BLOCK] {
        at += BLOCK;
    }
    at + a[at..common].iter().zip(&b[at..common]).take_while(|(x, y)| x == y).count()
}

/// How many bytes `a` and `b` share at their end.
pub(super) fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    pub(super) const BLOCK: usize = 256;
    let common = a.len().min(b.len());
    let (a, b) = (&a[a.len() - common..], &b[b.len() - common..]);
    let mut end = common;
    while end >= BLOCK && a[end - BLOCK..end] == b[end - BLOCK..end] {
        end -= BLOCK;
    }
    common - end + a[..end].iter().rev().zip(b[..end].iter().rev()).take_while(|(x, y)| x == y).count()
}

/// Where the line holding `at` ends, its line break included.
pub(super) fn line_end(text: &str, at: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i + 1)
}

/// Whether an ATX heading (`#` to `######`, then a space or the line's end) starts at `at`,
/// at the start of a line.
pub(super) fn is_atx_heading_at(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    if at > 0 && bytes[at - 1] != b'\n' {
        return false;
    }
    let hashes = bytes[at..].iter().take(7).take_while(|&&b| b == b'#').count();
    (1..=6).contains(&hashes) && bytes.get(at + hashes).is_none_or(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// Parses the middle of `plan` (or, if need be, all after its prefix) into parts that
/// read the same as a parse of the whole text would; `None` if only the whole text will
/// do.
pub(super) fn reparse(text: &str, previous: &Reuse, plan: &Plan<'_>, masked: &mut Vec<u8>) -> Option<Vec<Placed>> {
    let mut parts: Vec<Placed> = plan.prefix.to_vec();
    for placed in plan.prefix {
        masked.extend_from_slice(&previous.masked.as_bytes()[placed.range()]);
    }
    let stop = plan.suffix.first().map(|_| plan.middle.end);
    let outside = Outside::of(plan.prefix.iter().chain(plan.suffix));
    let parsed = parse_parts(text, plan.middle.start, stop, masked, true, &outside)
        .ok()
        .filter(|middle| reads_alike(text, &plan.middle, middle, plan.replaced, &outside));
    if let Some(middle) = parsed {
        parts.extend(middle);
        for placed in plan.suffix {
            masked.extend_from_slice(&previous.masked.as_bytes()[placed.range()]);
            parts.push(Placed { part: placed.part.clone(), start: placed.start.wrapping_add_signed(plan.moved_by) });
        }
        return Some(parts);
    }
    // The changed stretch swallows the heading the rest started at, or it changed a
    // definition: parse all after the prefix.
    masked.truncate(plan.middle.start);
    let outside = Outside::of(plan.prefix.iter());
    let rest = parse_parts(text, plan.middle.start, None, masked, true, &outside).ok()?;
    let replaced = &previous.parts[plan.prefix.len()..];
    reads_alike(text, &(plan.middle.start..text.len()), &rest, replaced, &outside).then(|| {
        parts.extend(rest);
        parts
    })
}

/// Whether the parts parsed apart (`middle`, from `range`) leave the definitions every
/// other part was parsed with as they were: the same as in the parts they replace, none
/// also defined outside, and few enough uses that pulldown-cmark's limit on expanding
/// them is not reached in either parse.
pub(super) fn reads_alike(
    text: &str,
    range: &Range<usize>,
    middle: &[Placed],
    replaced: &[Placed],
    outside: &Outside<'_>,
) -> bool {
    let new: Vec<&Definition> = middle.iter().flat_map(|p| &p.part.definitions).collect();
    let old: Vec<&Definition> = replaced.iter().flat_map(|p| &p.part.definitions).collect();
    let new_notes: Vec<&String> = middle.iter().flat_map(|p| &p.part.footnotes).collect();
    let old_notes: Vec<&String> = replaced.iter().flat_map(|p| &p.part.footnotes).collect();
    if new != old || new_notes != old_notes {
        return false;
    }
    if new.iter().any(|d| outside.resolve(&d.label).is_some()) {
        return false;
    }
    let longest = new.iter().map(|d| d.dest.len() + d.title.len()).max().unwrap_or(0).max(outside.longest);
    let brackets: usize = middle.iter().map(|p| p.part.brackets).sum();
    longest == 0
        || (longest * (brackets + outside.brackets) < text.len().max(100_000)
            && longest * brackets < range.len().max(100_000))
}
