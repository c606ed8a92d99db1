//! Line bookkeeping for byte offsets: which line an offset is on, and 1-based
//! line/column pairs counted in Unicode scalar values (the CLI's output formats); and
//! words lowercased for a look-up without a copy on the heap.
//!
//! LSP positions are converted elsewhere (the server's one conversion module); this is
//! only what the core and the CLI need.

/// Start offsets of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

/// A 1-based line and column, the column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct LineCol {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in Unicode scalar values.
    pub column: usize,
}

impl LineIndex {
    /// Indexes `text`. Lines end at `\n`; a `\r` before it belongs to the line.
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        LineIndex { starts, len: text.len() }
    }

    /// Number of lines (a text ending in `\n` has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line of a byte offset (offsets past the end are on the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset.min(self.len)) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where a 0-based line starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// Byte range of a 0-based line without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_start(line);
        let mut end = self.starts.get(line + 1).map_or(self.len, |&s| s - 1);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end.max(start)
    }

    /// 1-based line and column of a byte offset; offsets inside a character count as
    /// that character, offsets past the end are clamped.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let end = text.floor_char_boundary(offset).max(start);
        LineCol { line: line + 1, column: text[start..end].chars().count() + 1 }
    }
}

/// 1-based lines and columns of offsets asked for mostly in document order, as
/// [`LineIndex::line_col`] gives them: each answer counts the line breaks from the last
/// offset asked for (backwards, for one before it), and on the same line the characters
/// between the two. A report places a file's findings in order, so the text is counted
/// through once, up to its last finding; indexing every line of every file first was
/// most of the work of placing them, and counting each column from its line's start
/// made a long line with many findings quadratic.
#[derive(Debug, Clone)]
pub struct LineCounter<'t> {
    text: &'t str,
    /// The offset asked for last, its 0-based line and its 0-based column.
    at: usize,
    line: usize,
    column: usize,
}

impl<'t> LineCounter<'t> {
    pub fn new(text: &'t str) -> Self {
        LineCounter { text, at: 0, line: 0, column: 0 }
    }

    /// 1-based line and column of a byte offset; offsets inside a character count as
    /// that character, offsets past the end are clamped.
    pub fn line_col(&mut self, offset: usize) -> LineCol {
        let offset = self.text.floor_char_boundary(offset);
        let bytes = self.text.as_bytes();
        let forward = offset >= self.at;
        let between = if forward { self.at..offset } else { offset..self.at };
        let breaks = memchr_newlines(&bytes[between.clone()]).count();
        if breaks == 0 {
            let chars = self.text[between].chars().count();
            self.column = if forward { self.column + chars } else { self.column - chars };
        } else {
            self.line = if forward { self.line + breaks } else { self.line - breaks };
            let start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1);
            self.column = self.text[start..offset].chars().count();
        }
        self.at = offset;
        LineCol { line: self.line + 1, column: self.column + 1 }
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', bytes)
}

/// `f` of `word` with its ASCII letters lowercased (what [`str::eq_ignore_ascii_case`]
/// ignores); most words are short, and lowercased on the stack.
pub fn with_ascii_lowercase<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    let mut buffer = [0u8; 24];
    if let Some(lower) = buffer.get_mut(..word.len()) {
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(lower) {
            return f(lower);
        }
    }
    f(&word.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_scalar_values() {
        let text = "ab\r\n😀x\ny";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 4), LineCol { line: 2, column: 1 });
        assert_eq!(idx.line_col(text, 8), LineCol { line: 2, column: 2 }, "after the emoji");
        assert_eq!(idx.line_col(text, 6), LineCol { line: 2, column: 1 }, "inside the emoji");
        assert_eq!(idx.line_col(text, 99), LineCol { line: 3, column: 2 });
        assert_eq!(idx.line_range(text, 0), 0..2);
        assert_eq!(&text[idx.line_range(text, 1)], "😀x");
    }

    proptest::proptest! {
        /// Offsets in any order, inside characters and past the end, are placed as the
        /// index places them.
        #[test]
        fn counted_lines_and_columns_are_the_indexed_ones(
            text in "[ab\\n\\r😀é]{0,40}",
            offsets in proptest::collection::vec(0usize..48, 0..12),
        ) {
            let index = LineIndex::new(&text);
            let mut counter = LineCounter::new(&text);
            for offset in offsets {
                proptest::prop_assert_eq!(counter.line_col(offset), index.line_col(&text, offset), "at {}", offset);
            }
        }
    }
}
