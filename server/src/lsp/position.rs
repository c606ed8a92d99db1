//! Every conversion between the core's byte offsets and LSP positions lives here, on
//! ropey: UTF-8 or UTF-16 columns (as negotiated), `\n`, `\r\n` and `\r` line ends,
//! positions past the end clamped, and positions inside a character (the middle of a
//! surrogate pair, or of a UTF-8 sequence) refused or snapped, never a panic.
//!
//! ropey is built without `unicode_lines`, so its lines are exactly the LSP's.

use std::cell::Cell;
use std::fmt;
use std::ops::Range;

use ropey::Rope;
use tower_lsp::lsp_types::{self as lsp, PositionEncodingKind, TextDocumentContentChangeEvent};

/// How the client counts columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Bytes of UTF-8; used when the client offers it.
    Utf8,
    /// UTF-16 code units: the LSP default, and all that older clients know.
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client lists it among `general.positionEncodings`, else UTF-16
    /// (which every client must support).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    /// The value for `ServerCapabilities::position_encoding`.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// A position that falls inside one character: between the two halves of a surrogate
/// pair in UTF-16, or inside a multi-byte sequence in UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InsideCharacter {
    /// The byte offset of the character the position points into.
    pub char_start: usize,
}

impl fmt::Display for InsideCharacter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "position falls inside a character (which starts at byte {})", self.char_start)
    }
}

impl std::error::Error for InsideCharacter {}

/// The byte offset of `pos`. A line past the end means the end of the text; a column
/// past the end of its line means the end of that line (before its line break). A
/// column inside a character is refused.
pub fn to_byte(rope: &Rope, pos: lsp::Position, enc: Encoding) -> Result<usize, InsideCharacter> {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return Ok(rope.len_bytes());
    }
    let line_start_char = rope.line_to_char(line);
    let content_end_char = line_start_char + line_content_chars(rope, line);
    let column = pos.character as usize;
    match enc {
        Encoding::Utf8 => {
            let line_start = rope.char_to_byte(line_start_char);
            let content_end = rope.char_to_byte(content_end_char);
            let target = line_start.saturating_add(column);
            if target >= content_end {
                return Ok(content_end);
            }
            let char_start = rope.char_to_byte(rope.byte_to_char(target));
            if char_start == target {
                Ok(target)
            } else {
                Err(InsideCharacter { char_start })
            }
        }
        Encoding::Utf16 => {
            let start_cu = rope.char_to_utf16_cu(line_start_char);
            let end_cu = rope.char_to_utf16_cu(content_end_char);
            let target = start_cu.saturating_add(column);
            if target >= end_cu {
                return Ok(rope.char_to_byte(content_end_char));
            }
            let ch = rope.utf16_cu_to_char(target);
            let char_start = rope.char_to_byte(ch);
            if rope.char_to_utf16_cu(ch) == target {
                Ok(char_start)
            } else {
                Err(InsideCharacter { char_start })
            }
        }
    }
}

/// Like [`to_byte`], but a position inside a character snaps to that character's start.
/// Used for edits from the client, where refusing one change would leave every later
/// change applied to the wrong text.
pub fn to_byte_snapped(rope: &Rope, pos: lsp::Position, enc: Encoding) -> usize {
    to_byte(rope, pos, enc).unwrap_or_else(|e| e.char_start)
}

/// The byte range of an LSP range, start and end each as [`to_byte`]; an end before the
/// start is taken as the start.
pub fn to_byte_range(rope: &Rope, range: lsp::Range, enc: Encoding) -> Result<Range<usize>, InsideCharacter> {
    let start = to_byte(rope, range.start, enc)?;
    let end = to_byte(rope, range.end, enc)?;
    Ok(start..end.max(start))
}

/// The LSP position of a byte offset. Offsets past the end are the end; an offset inside
/// a character, or between a `\r` and its `\n`, moves back to where that starts.
pub fn to_position(rope: &Rope, byte: usize, enc: Encoding) -> lsp::Position {
    // Few walks down the rope: this runs for every finding on every keystroke.
    let byte = byte.min(rope.len_bytes());
    // A chunk never splits a character, so the one holding `byte` has its start.
    let (chunk, chunk_start, _, _) = rope.chunk_at_byte(byte);
    let mut local = byte - chunk_start;
    while !chunk.is_char_boundary(local) {
        local -= 1;
    }
    let mut byte = chunk_start + local;
    if byte > 0 && chunk.as_bytes().get(local) == Some(&b'\n') && rope.byte(byte - 1) == b'\r' {
        byte -= 1;
    }
    let line = rope.byte_to_line(byte);
    let line_start = rope.line_to_byte(line);
    let character = match enc {
        Encoding::Utf8 => byte - line_start,
        Encoding::Utf16 => rope.byte_slice(line_start..byte).len_utf16_cu(),
    };
    lsp::Position::new(saturate(line), saturate(character))
}

/// The positions of many offsets in one text, as [`to_position`] gives them. For a
/// document's findings on every keystroke, where walking the rope for each of hundreds
/// of offsets cost more than the rest of converting and sending them.
pub struct Positions<'t> {
    text: &'t str,
    enc: Encoding,
    lines: Lines,
}

/// How [`Positions`] finds the line of an offset.
enum Lines {
    /// Counted from the offset placed last, given with its line, in a text whose lines
    /// all end in `\n`. Findings come in document order, so the text is counted through
    /// about once; a table of every line start took a search for each line, and twice
    /// the instructions for a 10,000-line debrief's findings.
    Counted(Cell<(usize, usize)>),
    /// Where each line starts (after `\n`, `\r\n` or a `\r` alone), for a text with `\r`.
    Starts(Vec<usize>),
}

impl<'t> Positions<'t> {
    /// Positions in `text`, whose columns are counted in `enc`.
    pub fn new(text: &'t str, enc: Encoding) -> Self {
        let bytes = text.as_bytes();
        if memchr::memchr(b'\r', bytes).is_none() {
            return Positions { text, enc, lines: Lines::Counted(Cell::new((0, 0))) };
        }
        let mut starts = vec![0];
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // A `\r` followed by `\n` ends its line at the `\n`.
            if bytes[at] == b'\n' || bytes.get(at + 1) != Some(&b'\n') {
                starts.push(at + 1);
            }
        }
        Positions { text, enc, lines: Lines::Starts(starts) }
    }

    /// The LSP position of a byte offset, as [`to_position`].
    pub fn position(&self, byte: usize) -> lsp::Position {
        let mut byte = self.text.floor_char_boundary(byte);
        let bytes = self.text.as_bytes();
        if byte > 0 && bytes.get(byte) == Some(&b'\n') && bytes[byte - 1] == b'\r' {
            byte -= 1;
        }
        let (line, start) = match &self.lines {
            Lines::Counted(last) => {
                let breaks = |r: Range<usize>| memchr::memchr_iter(b'\n', &bytes[r]).count();
                let (at, line) = last.get();
                let line = if byte >= at { line + breaks(at..byte) } else { line - breaks(byte..at) };
                last.set((byte, line));
                (line, memchr::memrchr(b'\n', &bytes[..byte]).map_or(0, |i| i + 1))
            }
            Lines::Starts(starts) => {
                let line = starts.partition_point(|&start| start <= byte) - 1;
                (line, starts[line])
            }
        };
        let within = &self.text[start..byte];
        let character = match self.enc {
            Encoding::Utf16 if !within.is_ascii() => within.chars().map(char::len_utf16).sum(),
            _ => within.len(),
        };
        lsp::Position::new(saturate(line), saturate(character))
    }

    /// The LSP range of a byte range.
    pub fn range(&self, range: &Range<usize>) -> lsp::Range {
        lsp::Range::new(self.position(range.start), self.position(range.end))
    }
}

/// The LSP range of a byte range.
pub fn to_range(rope: &Rope, range: &Range<usize>, enc: Encoding) -> lsp::Range {
    lsp::Range::new(to_position(rope, range.start, enc), to_position(rope, range.end, enc))
}

/// The position of a 1-based line and 1-based column counted in Unicode scalar values
/// (how configuration errors are placed), clamped to the text.
pub fn line_column_to_position(rope: &Rope, line: usize, column: usize, enc: Encoding) -> lsp::Position {
    let line = line.saturating_sub(1);
    if line >= rope.len_lines() {
        return to_position(rope, rope.len_bytes(), enc);
    }
    let start = rope.line_to_char(line);
    let ch = start + column.saturating_sub(1).min(line_content_chars(rope, line));
    to_position(rope, rope.char_to_byte(ch), enc)
}

/// The byte range of line `line` (0-based) without its line break, clamped.
pub fn line_content_bytes(rope: &Rope, line: usize) -> Range<usize> {
    if line >= rope.len_lines() {
        return rope.len_bytes()..rope.len_bytes();
    }
    let start = rope.line_to_char(line);
    let end = start + line_content_chars(rope, line);
    rope.char_to_byte(start)..rope.char_to_byte(end)
}

/// Applies one change from `textDocument/didChange`: a range edit, or (no range) the
/// whole new text.
pub fn apply_change(rope: &mut Rope, change: &TextDocumentContentChangeEvent, enc: Encoding) {
    match change.range {
        None => *rope = Rope::from_str(&change.text),
        Some(range) => {
            let start = to_byte_snapped(rope, range.start, enc);
            let end = to_byte_snapped(rope, range.end, enc).max(start);
            let start_char = rope.byte_to_char(start);
            let end_char = rope.byte_to_char(end);
            rope.remove(start_char..end_char);
            rope.insert(start_char, &change.text);
        }
    }
}

/// Characters on `line` before its line break (`\n`, `\r\n` or `\r`).
fn line_content_chars(rope: &Rope, line: usize) -> usize {
    let slice = rope.line(line);
    let len = slice.len_chars();
    let mut content = len;
    if content > 0 && slice.char(content - 1) == '\n' {
        content -= 1;
    }
    if content > 0 && slice.char(content - 1) == '\r' {
        content -= 1;
    }
    content
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp::Position;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs_as_two() {
        let rope = Rope::from_str("a😀b\r\nsecond");
        assert_eq!(to_byte(&rope, pos(0, 0), Encoding::Utf16), Ok(0));
        assert_eq!(to_byte(&rope, pos(0, 1), Encoding::Utf16), Ok(1));
        assert_eq!(to_byte(&rope, pos(0, 2), Encoding::Utf16), Err(InsideCharacter { char_start: 1 }));
        assert_eq!(to_byte(&rope, pos(0, 3), Encoding::Utf16), Ok(5));
        assert_eq!(to_byte(&rope, pos(0, 4), Encoding::Utf16), Ok(6));
        assert_eq!(to_position(&rope, 5, Encoding::Utf16), pos(0, 3));
        assert_eq!(to_position(&rope, 6, Encoding::Utf16), pos(0, 4));
        assert_eq!(to_position(&rope, 8, Encoding::Utf16), pos(1, 0));
    }

    #[test]
    fn utf8_columns_are_bytes_and_refuse_the_middle_of_a_character() {
        let rope = Rope::from_str("é😀x\n");
        assert_eq!(to_byte(&rope, pos(0, 2), Encoding::Utf8), Ok(2));
        assert_eq!(to_byte(&rope, pos(0, 1), Encoding::Utf8), Err(InsideCharacter { char_start: 0 }));
        assert_eq!(to_byte(&rope, pos(0, 4), Encoding::Utf8), Err(InsideCharacter { char_start: 2 }));
        assert_eq!(to_byte(&rope, pos(0, 6), Encoding::Utf8), Ok(6));
        assert_eq!(to_position(&rope, 6, Encoding::Utf8), pos(0, 6));
        assert_eq!(to_position(&rope, 3, Encoding::Utf8), pos(0, 2), "inside a character moves back");
    }

    #[test]
    fn past_the_end_is_clamped_to_the_line_or_the_text() {
        let rope = Rope::from_str("ab\r\ncd");
        assert_eq!(to_byte(&rope, pos(0, 99), Encoding::Utf16), Ok(2), "before the \\r\\n");
        assert_eq!(to_byte(&rope, pos(0, 3), Encoding::Utf16), Ok(2), "between \\r and \\n");
        assert_eq!(to_byte(&rope, pos(7, 0), Encoding::Utf16), Ok(6));
        assert_eq!(to_byte(&rope, pos(u32::MAX, u32::MAX), Encoding::Utf8), Ok(6));
        assert_eq!(to_byte(&rope, pos(1, u32::MAX), Encoding::Utf8), Ok(6));
        assert_eq!(to_position(&rope, 99, Encoding::Utf16), pos(1, 2));
        assert_eq!(to_position(&rope, 3, Encoding::Utf16), pos(0, 2), "between \\r and \\n");
    }

    #[test]
    fn lines_end_only_at_lf_crlf_and_cr() {
        let rope = Rope::from_str("a\rb\u{2028}c\u{c}d\ne");
        assert_eq!(rope.len_lines(), 3);
        assert_eq!(to_position(&rope, rope.len_bytes() - 1, Encoding::Utf16), pos(2, 0));
        assert_eq!(to_byte(&rope, pos(1, 2), Encoding::Utf16), Ok(6), "U+2028 is one unit on line 1");
    }

    #[test]
    fn an_empty_text_has_one_empty_line() {
        let rope = Rope::new();
        assert_eq!(to_byte(&rope, pos(0, 5), Encoding::Utf16), Ok(0));
        assert_eq!(to_position(&rope, 3, Encoding::Utf16), pos(0, 0));
    }

    #[test]
    fn changes_apply_in_order_and_snap_inside_characters() {
        let mut rope = Rope::from_str("x😀y\r\n");
        let change = |r: Option<lsp::Range>, t: &str| TextDocumentContentChangeEvent {
            range: r,
            range_length: None,
            text: t.to_string(),
        };
        apply_change(&mut rope, &change(Some(lsp::Range::new(pos(0, 3), pos(0, 4))), "Y"), Encoding::Utf16);
        assert_eq!(rope.to_string(), "x😀Y\r\n");
        apply_change(&mut rope, &change(Some(lsp::Range::new(pos(0, 2), pos(0, 2))), "!"), Encoding::Utf16);
        assert_eq!(rope.to_string(), "x!😀Y\r\n", "snapped to before the emoji");
        apply_change(&mut rope, &change(Some(lsp::Range::new(pos(5, 0), pos(9, 9))), "end"), Encoding::Utf16);
        assert_eq!(rope.to_string(), "x!😀Y\r\nend");
        apply_change(&mut rope, &change(None, "new"), Encoding::Utf16);
        assert_eq!(rope.to_string(), "new");
    }

    /// The plainest reading of a byte offset: the character holding it, back before a
    /// `\r` whose `\n` it points at, counted from its line's start one char at a time.
    fn counted(rope: &Rope, byte: usize, enc: Encoding) -> Position {
        let mut ch = rope.byte_to_char(byte.min(rope.len_bytes()));
        if ch > 0 && ch < rope.len_chars() && rope.char(ch) == '\n' && rope.char(ch - 1) == '\r' {
            ch -= 1;
        }
        let line = rope.char_to_line(ch);
        let width = |c: char| if enc == Encoding::Utf8 { c.len_utf8() } else { c.len_utf16() };
        let column: usize = rope.slice(rope.line_to_char(line)..ch).chars().map(width).sum();
        Position::new(line as u32, column as u32)
    }

    #[test]
    fn positions_across_the_ropes_chunks_are_counted_right() {
        // Many kilobytes, so the rope has many chunks, with `\r\n` and wide characters
        // falling on every offset against the chunk boundaries.
        let pieces = (0..6000).map(|i| ["ab\r\n", "😀", "é\r", "\n", "中x", "\r\n"][i % 6]);
        let text: String = pieces.clone().collect();
        // Built piece by piece, as typing builds it, and in one go.
        let mut typed = Rope::new();
        for piece in pieces {
            typed.insert(typed.len_chars(), piece);
        }
        for rope in [typed, Rope::from_str(&text)] {
            assert!(rope.chunks().count() > 10, "{}", rope.chunks().count());
            let at_once = [Encoding::Utf8, Encoding::Utf16].map(|enc| Positions::new(&text, enc));
            for byte in 0..=text.len() {
                for (enc, positions) in [Encoding::Utf8, Encoding::Utf16].into_iter().zip(&at_once) {
                    assert_eq!(to_position(&rope, byte, enc), counted(&rope, byte, enc), "byte {byte}");
                    assert_eq!(positions.position(byte), counted(&rope, byte, enc), "byte {byte}");
                }
            }
        }
    }

    /// Pieces random texts are made of: multi-byte characters, surrogate pairs, every
    /// line end.
    const PIECES: &[&str] = &["a", "é", "😀", "🚨🚨", "\n", "\r\n", "\r", " ", "中"];

    fn text_strategy() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(PIECES), 0..40).prop_map(|p| p.concat())
    }

    use proptest::prelude::*;

    proptest! {
        /// Every character boundary (not inside a `\r\n`) survives byte → position → byte,
        /// in both encodings.
        #[test]
        fn positions_round_trip(text in text_strategy()) {
            let rope = Rope::from_str(&text);
            for (b, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                if b > 0 && text.as_bytes()[b - 1] == b'\r' && text.as_bytes().get(b) == Some(&b'\n') {
                    continue;
                }
                for enc in [Encoding::Utf8, Encoding::Utf16] {
                    prop_assert_eq!(to_byte(&rope, to_position(&rope, b, enc), enc), Ok(b));
                }
            }
        }

        /// Every byte offset, inside characters and `\r\n` too, and past the end, gets the
        /// position [`counted`] gives.
        #[test]
        fn positions_are_those_counted_char_by_char(text in text_strategy()) {
            let rope = Rope::from_str(&text);
            for byte in 0..=text.len() + 1 {
                for enc in [Encoding::Utf8, Encoding::Utf16] {
                    prop_assert_eq!(to_position(&rope, byte, enc), counted(&rope, byte, enc));
                }
            }
        }

        /// The positions of many offsets found at once are [`to_position`]'s, offset by
        /// offset, past the end too.
        #[test]
        fn positions_at_once_are_positions_one_by_one(text in text_strategy()) {
            let rope = Rope::from_str(&text);
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                let positions = Positions::new(&text, enc);
                for byte in 0..=text.len() + 2 {
                    prop_assert_eq!(positions.position(byte), to_position(&rope, byte, enc), "byte {}", byte);
                }
                // Backwards and jumping about, as related places point before a finding.
                for byte in (0..=text.len() + 2).rev().chain((0..=text.len()).step_by(3)).chain([1, text.len(), 0]) {
                    prop_assert_eq!(positions.position(byte), to_position(&rope, byte, enc), "byte {}", byte);
                }
            }
        }

        /// Edits given as positions change the rope exactly as the same edits change a
        /// string.
        #[test]
        fn changes_match_a_string_model(
            text in text_strategy(),
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), text_strategy()), 1..8),
        ) {
            let mut model = text.clone();
            let mut rope = Rope::from_str(&text);
            for (a, b, new_text) in edits {
                let bounds: Vec<usize> = model
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain(std::iter::once(model.len()))
                    .filter(|&i| !(i > 0 && model.as_bytes()[i - 1] == b'\r' && model.as_bytes().get(i) == Some(&b'\n')))
                    .collect();
                let (x, y) = (*a.get(&bounds), *b.get(&bounds));
                let (start, end) = (x.min(y), x.max(y));
                let range = lsp::Range::new(to_position(&rope, start, Encoding::Utf16), to_position(&rope, end, Encoding::Utf16));
                let change = TextDocumentContentChangeEvent { range: Some(range), range_length: None, text: new_text.clone() };
                apply_change(&mut rope, &change, Encoding::Utf16);
                model.replace_range(start..end, &new_text);
                prop_assert_eq!(rope.to_string(), model.clone());
            }
        }
    }

    #[test]
    fn config_errors_are_placed_by_scalar_columns() {
        let rope = Rope::from_str("a = \"😀\"\nbad\n");
        assert_eq!(line_column_to_position(&rope, 1, 7, Encoding::Utf16), pos(0, 7));
        assert_eq!(line_column_to_position(&rope, 2, 99, Encoding::Utf16), pos(1, 3));
        assert_eq!(line_column_to_position(&rope, 9, 1, Encoding::Utf16), pos(2, 0));
    }
}
