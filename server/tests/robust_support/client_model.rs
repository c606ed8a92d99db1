//! What an editor holds: the document as UTF-16 code units, edited by LSP ranges the way
//! the protocol defines them, written independently of the server's rope code so the two
//! can be compared.
//!
//! - Lines end at `\n`, `\r\n` and `\r` (LSP 3.17 "Text Documents").
//! - A character past the end of its line means the end of the line (before its line
//!   break); a line past the last means the end of the text.
//! - A UTF-8 column counts bytes. A position inside a character (between the halves of a
//!   surrogate pair, or inside a UTF-8 sequence) moves back to the character's start;
//!   a real client never sends one, and the server snaps it there rather than refuse
//!   one change and apply every later one to the wrong text.
//! - An end before the start is the start.
//!
//! Shared with the fuzz targets (`fuzz/fuzz_targets/edits.rs` includes it by path).

#![allow(dead_code)] // each user takes part of it

/// How columns are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Columns {
    /// UTF-16 code units (the LSP default).
    Utf16,
    /// UTF-8 bytes.
    Utf8,
}

/// The client's copy of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientText {
    units: Vec<u16>,
}

impl ClientText {
    /// A document holding `text`.
    pub fn new(text: &str) -> Self {
        ClientText { units: text.encode_utf16().collect() }
    }

    /// The text; always valid, since edits never split a surrogate pair.
    pub fn text(&self) -> String {
        String::from_utf16(&self.units).expect("the model never splits a surrogate pair")
    }

    /// Start of each line and end of its content (before the line break), in units.
    fn lines(&self) -> Vec<(usize, usize)> {
        let u = &self.units;
        let mut lines = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while i < u.len() {
            match u[i] {
                0x0A => {
                    lines.push((start, i));
                    i += 1;
                    start = i;
                }
                0x0D => {
                    lines.push((start, i));
                    i += if u.get(i + 1) == Some(&0x0A) { 2 } else { 1 };
                    start = i;
                }
                _ => i += 1,
            }
        }
        lines.push((start, u.len()));
        lines
    }

    /// The unit offset of an LSP position, clamped and snapped as the module says.
    pub fn offset(&self, line: u32, character: u32, columns: Columns) -> usize {
        let lines = self.lines();
        let Some(&(start, end)) = lines.get(line as usize) else { return self.units.len() };
        let mut at = start;
        let mut counted: u64 = 0;
        while at < end {
            let unit = self.units[at];
            let (width_units, width_cols) = if (0xD800..0xDC00).contains(&unit) {
                (2, if columns == Columns::Utf16 { 2 } else { 4 })
            } else {
                let cols = match columns {
                    Columns::Utf16 => 1,
                    Columns::Utf8 => char::from_u32(u32::from(unit)).map_or(3, char::len_utf8) as u64,
                };
                (1, cols)
            };
            if counted + width_cols > u64::from(character) {
                // Inside (or at the start of) this character: its start.
                return at;
            }
            counted += width_cols;
            at += width_units;
        }
        end
    }

    /// Replaces the range from one position to another with `new_text`.
    pub fn replace(&mut self, start: (u32, u32), end: (u32, u32), new_text: &str, columns: Columns) {
        let a = self.offset(start.0, start.1, columns);
        let b = self.offset(end.0, end.1, columns).max(a);
        self.units.splice(a..b, new_text.encode_utf16());
    }

    /// Replaces the whole text.
    pub fn set(&mut self, new_text: &str) {
        *self = ClientText::new(new_text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_clamps_and_snaps() {
        let mut t = ClientText::new("a😀b\r\nc");
        assert_eq!(t.offset(0, 2, Columns::Utf16), 1, "inside the pair: its start");
        assert_eq!(t.offset(0, 99, Columns::Utf16), 4, "before \\r\\n");
        assert_eq!(t.offset(1, 0, Columns::Utf16), 6);
        assert_eq!(t.offset(9, 0, Columns::Utf16), 7);
        assert_eq!(t.offset(0, 5, Columns::Utf8), 3, "after the 4-byte emoji");
        t.replace((0, 3), (1, 0), "", Columns::Utf16);
        assert_eq!(t.text(), "a😀c");
    }
}
