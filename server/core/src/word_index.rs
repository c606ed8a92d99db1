//! Lists of words found at the starts of a text's words, in any ASCII case, for the
//! short texts (timeline entries) read against a few dozen words each.

/// A letter, a digit or a byte of a non-ASCII character.
fn is_word_byte(b: u8) -> bool {
    static WORD: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = (b as u8).is_ascii_alphanumeric() || b >= 0x80;
            b += 1;
        }
        table
    };
    WORD[usize::from(b)]
}

/// Words or stems (two letters and at least one more byte, lowercase), grouped by how they
/// start (see [`stem_key`]), each with what it means. An entry has a few dozen words, and
/// most start like none in the index, which one look settles; an Aho-Corasick DFA of the
/// stems searched no faster and took longer to build, on every start, than `check` of a
/// small debrief spends on the debrief.
pub(crate) struct PrefixIndex<T> {
    /// The words, ordered by key.
    words: Vec<(&'static str, T)>,
    /// For each key, the range of `words` that starts so.
    starts: Vec<(u16, u16)>,
    /// For each key, whether any word starts so: a bit each, small enough to stay in the
    /// processor's nearest cache while `starts`, 73 kB, does not, and most words look
    /// no further.
    any: Vec<u64>,
}

impl<T> PrefixIndex<T> {
    pub(crate) fn new(words: impl IntoIterator<Item = (&'static str, T)>) -> PrefixIndex<T> {
        let mut keyed: Vec<(usize, &'static str, T)> = words
            .into_iter()
            .map(|(word, meaning)| {
                let b = word.as_bytes();
                assert!(
                    b.len() >= 3 && b[..2].iter().all(u8::is_ascii_lowercase) && !b.iter().any(u8::is_ascii_uppercase),
                    "an indexed word is lowercase and starts with two letters: {word}"
                );
                (stem_key(b).expect("two letters"), word, meaning)
            })
            .collect();
        keyed.sort_by_key(|w| w.0);
        let mut starts = vec![(0, 0); KEYS];
        let mut any = vec![0; KEYS.div_ceil(64)];
        for (i, (key, ..)) in keyed.iter().enumerate() {
            any[key / 64] |= 1 << (key % 64);
            let i = u16::try_from(i).expect("a few hundred words");
            let range = &mut starts[*key];
            if range.1 == 0 {
                range.0 = i;
            }
            range.1 = i + 1;
        }
        PrefixIndex { words: keyed.into_iter().map(|(_, word, meaning)| (word, meaning)).collect(), starts, any }
    }

    /// Calls `found(start, end, meaning)` for every indexed word that `text` has at the
    /// start of one of its words, in any ASCII case.
    pub(crate) fn each_at_word_start(&self, text: &str, mut found: impl FnMut(usize, usize, &T)) {
        let bytes = text.as_bytes();
        let mut i = 0;
        // Word by word: a word starts where a word byte follows one that is not.
        while i < bytes.len() {
            while bytes.get(i).is_some_and(|&b| !is_word_byte(b)) {
                i += 1;
            }
            let start = i;
            while bytes.get(i).is_some_and(|&b| is_word_byte(b)) {
                i += 1;
            }
            let rest = &bytes[start..];
            let Some(key) = stem_key(rest) else { continue };
            if self.any[key / 64] & (1 << (key % 64)) == 0 {
                continue;
            }
            let (from, to) = self.starts[key];
            for (word, meaning) in &self.words[usize::from(from)..usize::from(to)] {
                // The first two letters matched the key.
                let word = word.as_bytes();
                if rest.len() >= word.len()
                    && rest[2..word.len()].iter().zip(&word[2..]).all(|(a, w)| a.to_ascii_lowercase() == *w)
                {
                    found(start, start + word.len(), meaning);
                }
            }
        }
    }

    /// Whether `text` has any indexed word at the start of one of its words.
    pub(crate) fn any_at_word_start(&self, text: &str) -> bool {
        let mut any = false;
        self.each_at_word_start(text, |_, _, _| any = true);
        any
    }
}

/// How many keys [`stem_key`] gives.
const KEYS: usize = 26 * 26 * 27;

/// The key of text starting with two ASCII letters and one more byte, in either case: the
/// letters, and the third byte when a letter (any other byte shares one key).
fn stem_key(b: &[u8]) -> Option<usize> {
    let (&[first, second, third], _) = b.split_first_chunk::<3>()?;
    if !(first.is_ascii_alphabetic() && second.is_ascii_alphabetic()) {
        return None;
    }
    let letter = |c: u8| usize::from((c | 0x20) - b'a');
    let third = if third.is_ascii_alphabetic() { letter(third) } else { 26 };
    Some((letter(first) * 26 + letter(second)) * 27 + third)
}
