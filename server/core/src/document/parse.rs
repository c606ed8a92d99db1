//! Parsing the text into parts, a new one at each top-level ATX heading, on one core or
//! two: a long text is cut into pieces parsed side by side, then settled into the parts a
//! parse of the whole would have made.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{Event, Parser, Tag};
use unicase::UniCase;

use super::reuse::{is_atx_heading_at, line_end, Apart, Definition, Outside};
use super::walk::Walk;
use super::{Comment, Heading, Link, ListItem, Paragraph, ProseBlock, Table, MARKDOWN_OPTIONS};

/// A stretch of a document parsed as one: from its start (the body's start, or an ATX
/// heading at the top level) to the next such heading. Its ranges are offsets in the text
/// it was parsed from, starting at `range.start`; a later version of the document that
/// holds the same stretch elsewhere reuses it moved (see [`Reuse`]).
#[derive(Debug, Default)]
pub(crate) struct Part {
    pub(super) range: Range<usize>,
    pub(super) blocks: Vec<ProseBlock>,
    pub(super) headings: Vec<Heading>,
    pub(super) items: Vec<ListItem>,
    pub(super) tables: Vec<Table>,
    pub(super) paragraphs: Vec<Paragraph>,
    pub(super) comments: Vec<Comment>,
    pub(super) links: Vec<Link>,
    /// Lists started in it; list numbers in `items` count from 1 within the part.
    pub(super) lists: usize,
    /// Top-level ATX headings inside it, where it would have been cut had it been parsed
    /// for reuse: phrases are found between them, so that a document's findings do not
    /// depend on how it was parsed.
    pub(super) cuts: Vec<usize>,
    /// Link reference definitions in it, which links anywhere in the document may use.
    pub(super) definitions: Vec<Definition>,
    /// Labels of the footnotes defined in it, which references anywhere may use.
    pub(super) footnotes: Vec<String>,
    /// How many `]` it holds: at most that many links use a definition.
    pub(super) brackets: usize,
    pub(super) raw_tail: Option<usize>,
    /// Names it while the process runs; see [`PartId`].
    pub(crate) id: PartId,
}

/// Names a part for as long as the process runs. The layers above keep what they found
/// in a part by its id (the engine its phrases and findings, `people` what its prose says
/// of names, `memo` its severity line), so that a part the next version reuses is not read
/// again; the part itself stays a plain value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct PartId(u64);

impl PartId {
    /// An id no part had before, newer than every id handed out so far.
    pub(super) fn fresh() -> PartId {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        PartId(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

/// A part where it sits in the document now.
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    pub(crate) part: Arc<Part>,
    /// Its start in the document.
    pub(crate) start: usize,
}

impl Placed {
    /// Its range in the document.
    pub(crate) fn range(&self) -> Range<usize> {
        self.start..self.start + self.part.range.len()
    }

    /// The stretches of it phrases are found in, relative to its start: between its
    /// top-level headings.
    pub(crate) fn segments(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let base = self.part.range.start;
        let bounds = std::iter::once(0).chain(self.part.cuts.iter().map(move |c| c - base));
        bounds.clone().zip(bounds.skip(1).chain(std::iter::once(self.part.range.len()))).map(|(a, b)| a..b)
    }
}

/// Parses `text` from `from` (the body's start, or a top-level ATX heading) into parts, a
/// new one at each top-level ATX heading, and appends their masked prose to `masked`.
/// With `stop`, parsing ends at the heading that starts there. Fails if that line is not
/// a top-level ATX heading once the text before it is parsed (a code or HTML block opened
/// earlier swallows it), or if the stretch's links could read the definitions `outside`
/// it differently than a parse of the whole document would.
///
/// With `cut` false, the text is one part to the end, with the headings it would have been
/// cut at marked in [`Part::cuts`]: the same model, for a parse that will not be reused.
pub(super) fn parse_parts(
    text: &str,
    from: usize,
    stop: Option<usize>,
    masked: &mut Vec<u8>,
    cut: bool,
    outside: &Outside<'_>,
) -> Result<Vec<Placed>, Apart> {
    // Without cutting, the text is one part.
    let mut parts: Vec<Part> = Vec::with_capacity(if cut { 4 } else { 1 });
    if stop == Some(from) {
        return Ok(Vec::new());
    }
    let end = stop.map_or(text.len(), |s| line_end(text, s));
    let slice = &text[from..end];
    if outside.footnotes && memchr::memmem::find(slice.as_bytes(), b"[^").is_some() {
        return Err(Apart);
    }
    let callback = |link: pulldown_cmark::BrokenLink<'_>| {
        outside.resolve(&link.reference).map(|d| (d.dest.clone().into(), d.title.clone().into()))
    };
    let events = Parser::new_with_broken_link_callback(slice, MARKDOWN_OPTIONS, Some(callback)).into_offset_iter();
    // What reuse needs to know of definitions; a parse that will not be reused skips it.
    let mut definitions: Vec<(usize, Definition)> = events
        .reference_definitions()
        .iter()
        .filter(|_| cut || outside.unresolved.is_some())
        .map(|(label, def)| {
            let title = def.title.as_deref().unwrap_or_default().to_string();
            (def.span.start + from, Definition { label: label.to_string(), dest: def.dest.to_string(), title })
        })
        .collect();
    definitions.sort_by_key(|d| d.0);
    let mut definitions = definitions.into_iter().peekable();
    // A parse for reuse is cut into parts as it goes: sizing them up front would only
    // leave room unused in the parts kept.
    let lines = if cut { 0 } else { memchr::memchr_iter(b'\n', slice.as_bytes()).count() };
    let mut walk = Walk::new(text, from, cut, lines);
    let mut stopped = false;
    for (event, r) in events {
        let range = r.start + from..r.end + from;
        if walk.stack.is_empty()
            && matches!(event, Event::Start(Tag::Heading { .. }))
            && range.start > walk.part.range.start
            && is_atx_heading_at(text, range.start)
        {
            if cut || stop == Some(range.start) {
                while let Some((_, d)) = definitions.next_if(|d| d.0 < range.start) {
                    walk.part.definitions.push(d);
                }
                parts.push(walk.finish(range.start, masked));
                if stop == Some(range.start) {
                    stopped = true;
                    break;
                }
            } else {
                walk.part.cuts.push(range.start);
            }
        }
        if let Event::Start(Tag::FootnoteDefinition(label)) = &event {
            walk.part.footnotes.push(label.to_string());
        }
        walk.event(event, range);
    }
    if stop.is_some() && !stopped {
        return Err(Apart);
    }
    if stop.is_none() {
        walk.part.definitions.extend(definitions.map(|d| d.1));
        parts.push(walk.finish(text.len(), masked));
    }
    Ok(parts.into_iter().map(|p| Placed { start: p.range.start, part: Arc::new(p) }).collect())
}

/// Pieces of a long text parsed at once are at least this long: below it, handing a
/// piece to another core costs more than it gives back.
pub(super) const PIECE_FROM: usize = 32 << 10;

/// Whether work may be shared with the other cores: a parameter of each step that can
/// share it (parsing here, then the analysis's steps), never a switch set beside them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cores {
    /// On the calling thread only.
    One,
    /// On rayon's threads; a text parsed afresh is cut into pieces of at least
    /// `min_piece` bytes ([`PIECE_FROM`] but in tests), parsed at once.
    Both { min_piece: usize },
}

impl Cores {
    /// Both cores, in pieces of [`PIECE_FROM`].
    pub(crate) const BOTH: Cores = Cores::Both { min_piece: PIECE_FROM };

    /// Whether the work may be shared.
    pub(crate) fn shared(self) -> bool {
        matches!(self, Cores::Both { .. })
    }

    pub(super) fn min_piece(self) -> Option<usize> {
        match self {
            Cores::One => None,
            Cores::Both { min_piece } => Some(min_piece),
        }
    }
}

/// Parses `text` from `from` (the body's start) into parts, as [`parse_parts`] does. With
/// a `min_piece` (the cores are free for it), a text of at least two pieces that long is
/// parsed in pieces at once, cut at top-level ATX headings, and they are kept when they
/// read as the whole text would (see [`settle`]); otherwise it is parsed in one go.
pub(super) fn parse_fresh(
    text: &str,
    from: usize,
    masked: &mut Vec<u8>,
    cut: bool,
    min_piece: Option<usize>,
) -> Vec<Placed> {
    if let Some(min_piece) = min_piece.filter(|&min| text.len() - from >= 2 * min) {
        let pieces = parse_pieces(text, from..text.len(), masked, cut, min_piece);
        if let Some(parts) = pieces.ok().and_then(|pieces| settle(text, pieces, masked, cut)) {
            return parts;
        }
        masked.truncate(from);
    }
    parse_parts(text, from, None, masked, cut, &Outside::default()).expect("the whole text parses alone")
}

/// A stretch of a text parsed apart from the rest, which was parsed at the same time.
pub(super) struct Piece {
    pub(super) range: Range<usize>,
    pub(super) parts: Vec<Placed>,
    /// The references it did not define itself.
    pub(super) unresolved: Vec<String>,
}

/// Parses `range` of `text` (from the body's start or a top-level ATX heading, to the
/// text's end or another) into pieces, halving it at a heading near its middle while the
/// halves stay at least `min_piece` long, the halves at once; appends their masked prose
/// to `masked`. Where a heading cut at turns out not to be a top-level heading (a `#`
/// line in a code block), the stretch it halved is parsed as one piece instead. Fails
/// if `range` does not end at a top-level heading or the text's end.
pub(super) fn parse_pieces(
    text: &str,
    range: Range<usize>,
    masked: &mut Vec<u8>,
    cut: bool,
    min_piece: usize,
) -> Result<Vec<Piece>, Apart> {
    let fits = |at: &usize| *at - range.start >= min_piece && range.end - *at >= min_piece;
    let from_middle = &text.as_bytes()[range.start + range.len() / 2..range.end];
    let heading_after = |needle: &[u8]| {
        memchr::memmem::find_iter(from_middle, needle)
            .map(|i| range.end - from_middle.len() + i + needle.len() - 1)
            .find(|&at| is_atx_heading_at(text, at))
            .filter(fits)
    };
    // A heading after a blank line is less likely to be a comment in a code block.
    let at =
        (range.len() >= 2 * min_piece).then(|| heading_after(b"\n\n#").or_else(|| heading_after(b"\n#"))).flatten();
    let Some(at) = at else {
        let outside = Outside { unresolved: Some(RefCell::default()), ..Outside::default() };
        let stop = (range.end < text.len()).then_some(range.end);
        let parts = parse_parts(text, range.start, stop, masked, cut, &outside)?;
        let unresolved = outside.unresolved.unwrap_or_default().into_inner();
        return Ok(vec![Piece { range, parts, unresolved }]);
    };
    let mark = masked.len();
    let mut rest = Vec::with_capacity(range.end - at);
    let (head, tail) = rayon::join(
        || parse_pieces(text, range.start..at, masked, cut, min_piece),
        || parse_pieces(text, at..range.end, &mut rest, cut, min_piece),
    );
    if let (Ok(mut head), Ok(tail)) = (head, tail) {
        masked.extend_from_slice(&rest);
        head.extend(tail);
        return Ok(head);
    }
    masked.truncate(mark);
    parse_pieces(text, range, masked, cut, usize::MAX / 4)
}

/// The parts of `pieces` of a text, parsed apart at once, as a parse of the whole text
/// gives them, or `None` if that cannot be had from them.
///
/// Pieces that define a label differently (the first definition wins in the whole text),
/// and those from the first to the last that mentions a footnote when one defines a
/// footnote, are joined into one. A joined piece, and a piece that used a definition of
/// another, is parsed again knowing all the others' definitions (those pieces at once),
/// and its masked prose replaced in `masked`. `None` when so many links could use
/// definitions that pulldown-cmark's limit on expanding them could matter in a parse.
pub(super) fn settle(text: &str, mut pieces: Vec<Piece>, masked: &mut [u8], cut: bool) -> Option<Vec<Placed>> {
    // How far each piece must be joined with those after it.
    let mut reach: Vec<usize> = (0..pieces.len()).collect();
    let mut defined: Vec<(String, usize, &Definition)> = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        for d in piece.parts.iter().flat_map(|p| &p.part.definitions) {
            defined.push((UniCase::new(d.label.as_str()).to_folded_case(), i, d));
        }
    }
    defined.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    // A label defined again the same way in a later piece stays apart; only its first
    // definition counts, as in the whole text's parse, so the later ones are dropped.
    let mut repeated: Vec<(usize, String)> = Vec::new();
    for same in defined.chunk_by(|a, b| a.0 == b.0) {
        let (first, last) = (&same[0], &same[same.len() - 1]);
        if same.iter().any(|d| (&d.2.dest, &d.2.title) != (&first.2.dest, &first.2.title)) {
            reach[first.1] = reach[first.1].max(last.1);
        } else {
            repeated.extend(same.iter().filter(|d| d.1 != first.1).map(|d| (d.1, d.0.clone())));
        }
    }
    let longest = defined.iter().map(|d| d.2.dest.len() + d.2.title.len()).max().unwrap_or(0);
    drop(defined);
    for (i, label) in repeated {
        for placed in &mut pieces[i].parts {
            // Just parsed: nothing else holds the part yet.
            let part = Arc::get_mut(&mut placed.part)?;
            part.definitions.retain(|d| UniCase::new(d.label.as_str()).to_folded_case() != label);
        }
    }
    if pieces.iter().any(|p| p.parts.iter().any(|p| !p.part.footnotes.is_empty())) {
        let mentions = |p: &Piece| memchr::memmem::find(&text.as_bytes()[p.range.clone()], b"[^").is_some();
        let first = pieces.iter().position(mentions)?;
        let last = pieces.iter().rposition(mentions)?;
        reach[first] = reach[first].max(last);
    }
    // The pieces as joined, and whether each is to be parsed again.
    let mut joined: Vec<(Piece, bool)> = Vec::with_capacity(pieces.len());
    let mut pieces = pieces.into_iter().enumerate().peekable();
    while let Some((i, piece)) = pieces.next() {
        let mut end = reach[i];
        let mut range = piece.range.clone();
        let mut unresolved = piece.unresolved;
        let mut parts = piece.parts;
        while let Some((j, next)) = pieces.next_if(|(j, _)| *j <= end) {
            end = end.max(reach[j]);
            range.end = next.range.end;
            unresolved.extend(next.unresolved);
            parts.extend(next.parts);
        }
        let again = range != piece.range;
        joined.push((Piece { range, parts, unresolved }, again));
    }
    // Each link that uses a definition has a `]` and uses at most the longest one's length
    // of the parse's allowance, which is the text's length, or 100,000 bytes if more.
    if longest > 0 {
        let brackets = |range: Range<usize>| memchr::memchr_iter(b']', &text.as_bytes()[range]).count();
        let over = |range: Range<usize>| longest * brackets(range.clone()) >= range.len().max(100_000);
        if over(0..text.len()) || joined.iter().any(|(p, _)| over(p.range.clone())) {
            return None;
        }
    }
    let others =
        |i: usize| Outside::of(joined.iter().enumerate().filter(move |(j, _)| *j != i).flat_map(|(_, p)| &p.0.parts));
    let again: Vec<usize> = (0..joined.len())
        .filter(|&i| {
            let outside = others(i);
            joined[i].1 || joined[i].0.unresolved.iter().any(|label| outside.resolve(label).is_some())
        })
        .collect();
    let redone: Vec<Option<(Vec<Placed>, Vec<u8>)>> = {
        use rayon::prelude::*;
        again
            .par_iter()
            .map(|&i| {
                let range = joined[i].0.range.clone();
                let mut prose = Vec::with_capacity(range.len());
                let stop = (range.end < text.len()).then_some(range.end);
                let parts = parse_parts(text, range.start, stop, &mut prose, cut, &others(i)).ok()?;
                Some((parts, prose))
            })
            .collect()
    };
    for (i, redone) in again.into_iter().zip(redone) {
        let (parts, prose) = redone?;
        masked[joined[i].0.range.clone()].copy_from_slice(&prose);
        joined[i].0.parts = parts;
    }
    Some(joined.into_iter().flat_map(|(p, _)| p.parts).collect())
}
