//! Just enough sentence analysis for blame rules: tokens, sentences, clauses, and the
//! subject of a verb phrase.
//!
//! It works on the masked prose (see [`crate::document`]), where code, links and
//! comments are already blanked, so offsets are offsets in the original text.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use foldhash::HashSet;

use crate::lexicon::{self, PersonKind, UserLexicon};
use crate::people::People;

/// A word or punctuation mark, with its byte range in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token as written.
    pub text: &'a str,
    /// Start offset in the text.
    pub start: usize,
    /// End offset in the text.
    pub end: usize,
}

impl<'a> Token<'a> {
    /// Whether this is a word (letters, digits, inner hyphens and apostrophes, or an
    /// `@handle`).
    pub fn is_word(&self) -> bool {
        let mut chars = self.text.chars();
        match chars.next() {
            Some('@') => chars.next().is_some_and(char::is_alphanumeric),
            Some(c) => c.is_alphanumeric(),
            None => false,
        }
    }

    /// The token lowercased, with a curly apostrophe made straight; the token itself
    /// when it already is (most words are), without a copy.
    pub fn lower(&self) -> Lower<'a> {
        let bytes = self.text.as_bytes();
        if bytes.iter().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            Lower(Cow::Borrowed(self.text))
        } else if bytes.is_ascii() {
            Lower(Cow::Owned(self.text.to_ascii_lowercase()))
        } else {
            Lower(Cow::Owned(self.text.to_lowercase().replace('\u{2019}', "'")))
        }
    }

    /// Byte range in the text.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Whether the word starts with a capital letter.
    /// Whether the word starts with a capital, or with a letter of a script that has no
    /// case ("박지훈", "王芳"): in English prose such a word is a name as much as a
    /// capitalised one is.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(lexicon::is_name_initial)
    }
}

/// A token lowercased (see [`Token::lower`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lower<'a>(Cow<'a, str>);

impl Lower<'_> {
    /// The lowercase text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Lower<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining_mark(c)
}

/// Combining diacritics, which some names are written with after their letter: the grave
/// over "ọ̀" in "Adébáyọ̀" (Yoruba), Vietnamese tones typed apart from the vowel.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

/// The word a code span stands as among a sentence's tokens (see [`tokenize_prose`]): a
/// noun no word list holds, so that "human error `E42`" is not "human error code".
pub const CODE_WORD: &str = "codespan";

/// The tokens of `range` of the masked prose (see [`tokenize`]), with each code span the
/// text holds there, blanked in the prose, as one word, [`CODE_WORD`]: "@hjelm silenced
/// `ScanLagHigh` for 4h" has an object, as "silenced the alert" does.
pub fn tokenize_prose<'a>(text: &'a str, masked: &'a str, range: Range<usize>) -> Vec<Token<'a>> {
    let mut tokens = tokenize(masked, range.clone());
    let bytes = text.as_bytes();
    let mut at = range.start;
    while let Some(offset) = memchr::memchr(b'`', &bytes[at..range.end]) {
        let open = at + offset;
        let ticks = bytes[open..range.end].iter().take_while(|&&b| b == b'`').count();
        // A span of prose is not code (a backtick the masking kept is text).
        if masked.as_bytes()[open] != b' ' {
            at = open + ticks;
            continue;
        }
        // Closed by a run of as many backticks, on the same line.
        let inner = open + ticks;
        let line_end = memchr::memchr(b'\n', &bytes[inner..range.end]).map_or(range.end, |n| inner + n);
        let close = (inner..line_end.saturating_sub(ticks - 1))
            .find(|&k| bytes[k..k + ticks].iter().all(|&b| b == b'`') && bytes.get(k + ticks) != Some(&b'`'));
        let Some(close) = close else { break };
        let end = close + ticks;
        let place = tokens.partition_point(|t| t.start < open);
        tokens.insert(place, Token { text: CODE_WORD, start: open, end });
        at = end;
    }
    tokens
}

/// Splits `text[range]` into tokens: words (with inner `-`, `'` and `’`), `@handles`,
/// and single punctuation marks. Whitespace is dropped.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token<'_>> {
    let slice = &text[range.clone()];
    let bytes = slice.as_bytes();
    // The character at byte `i` and its length; ASCII, nearly all of a debrief, without
    // decoding.
    let char_at = |i: usize| -> Option<(char, usize)> {
        match *bytes.get(i)? {
            b if b < 0x80 => Some((char::from(b), 1)),
            _ => slice[i..].chars().next().map(|c| (c, c.len_utf8())),
        }
    };
    let word_at = |i: usize| char_at(i).is_some_and(|(c, _)| is_word_char(c));
    // About one token in five bytes of prose.
    let mut tokens = Vec::with_capacity(bytes.len() / 5 + 1);
    let mut i = 0;
    while let Some((c, len)) = char_at(i) {
        if c.is_whitespace() {
            i += len;
            continue;
        }
        let start = i;
        let mut end = i + len;
        if is_word_char(c) || (c == '@' && word_at(end)) {
            loop {
                // Most of a word is ASCII letters: stepped over without decoding.
                end += bytes[end..].iter().take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_').count();
                let Some((n, n_len)) = char_at(end) else { break };
                if is_word_char(n) {
                    end += n_len;
                    continue;
                }
                // Inner joiners: on-call, didn't, Dana's, v1.2, @k.osei (but not a final
                // period), and a time of day: 16:40.
                let digits = || bytes[start..end].iter().all(|&b| b.is_ascii_digit() || b == b':');
                let joins = matches!(n, '-' | '\'' | '\u{2019}' | '.' | ':')
                    && word_at(end + n_len)
                    && match n {
                        '.' => {
                            bytes[start] == b'@'
                                || bytes[start..end].iter().all(|&b| b.is_ascii_digit() || b == b'.' || b == b'v')
                                // "ana.clara", "config.yaml": a lowercase handle or file name.
                                || bytes[start..end].iter().all(|&b| b.is_ascii_lowercase() || b == b'.')
                                    && bytes.get(end + 1).is_some_and(u8::is_ascii_lowercase)
                        }
                        ':' => digits() && bytes.get(end + 1).is_some_and(u8::is_ascii_digit),
                        _ => true,
                    };
                if !joins {
                    break;
                }
                end += n_len;
            }
            // "of 07.02. left": a day and month written with points keeps its last point
            // when the sentence goes on (see [`sentence_around`]).
            if bytes.get(end) == Some(&b'.') && dotted_date_goes_on(&slice[start..end], &slice[end + 1..]) {
                end += 1;
            }
        }
        tokens.push(Token { text: &slice[start..end], start: range.start + start, end: range.start + end });
        i = end;
    }
    tokens
}

/// The owner a possessive names, with a straight or a curly apostrophe: "Akosua's" →
/// "Akosua".
pub fn possessive_owner(word: &str) -> Option<&str> {
    word.strip_suffix("'s").or_else(|| word.strip_suffix("\u{2019}s"))
}

/// Whether `word` (any case) makes what follows someone's: "Akosua's", "his", "her".
pub fn is_possessive(word: &str) -> bool {
    possessive_owner(word).is_some() || lexicon::SINGLING_POSSESSIVES.iter().any(|p| word.eq_ignore_ascii_case(p))
}

/// Whether `word` (before a full stop) is a day and month written with points ("07.02",
/// "11.02.2025") and `rest`, after the stop, goes on in lowercase: "of 07.02. left". The
/// stop ends no sentence, and the tokenizer keeps it with the date.
fn dotted_date_goes_on(word: &str, rest: &str) -> bool {
    word.contains('.')
        && word.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && rest.trim_start_matches([' ', '\t']).starts_with(char::is_lowercase)
}

const ABBREVIATIONS: &[&str] =
    &["e.g", "i.e", "etc", "vs", "approx", "mr", "mrs", "ms", "dr", "st", "no", "cf", "al", "inc", "ltd", "eg", "ie"];

/// The sentence around `offset` within `block` (a leaf block of prose): from after the
/// previous `.`, `!` or `?` that ends a sentence to the next one, inclusive.
pub fn sentence_around(text: &str, block: Range<usize>, offset: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let ends_sentence = |i: usize| -> bool {
        // `i` is the index of a `.`, `!` or `?`.
        let next = bytes.get(i + 1).copied();
        if !(i + 1 >= block.end || next.is_some_and(|b| b.is_ascii_whitespace() || b == b'"' || b == b')')) {
            return false;
        }
        if bytes[i] != b'.' {
            return true;
        }
        // An abbreviation or an initial ("e.g.", "J.") does not end a sentence.
        // After the space or bracket before the word, which may be a wide Unicode space.
        let word_start = text[block.start..i]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace() || c == '(')
            .map_or(block.start, |(p, c)| block.start + p + c.len_utf8());
        let word = &text[word_start..i];
        let mut chars = word.chars();
        let initial = chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none();
        // "Mr. Becker's change of 07.02. left …": a day and month written with points, the
        // sentence going on in lowercase.
        let dotted_date = dotted_date_goes_on(word, &text[i + 1..block.end]);
        !(initial || dotted_date || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)))
    };
    // A sentence is looked for at most this far from the offset, so a megabyte-long line
    // costs the same per finding as a short one.
    const REACH: usize = 400;
    let floor = offset.saturating_sub(REACH).max(block.start);
    let ceiling = (offset + REACH).min(block.end);
    let mut start = floor;
    let mut i = offset.min(block.end);
    while i > floor {
        // Only a mark or a line break can end the sentence before: the bytes between are
        // stepped over at once.
        let Some(k) = bytes[floor..i].iter().rposition(|&b| matches!(b, b'.' | b'!' | b'?' | b'\n')) else {
            break;
        };
        i = floor + k;
        if matches!(bytes[i], b'.' | b'!' | b'?') && i < offset && ends_sentence(i) {
            start = i + 1;
            break;
        }
        // A blank line inside a block (never, but defensive) or a line that is only
        // markup ends a sentence too.
        if bytes[i] == b'\n' && i > floor && bytes[i - 1] == b'\n' {
            start = i + 1;
            break;
        }
    }
    let mut end = ceiling;
    let mut j = offset;
    while j < ceiling {
        let Some(k) = bytes[j..ceiling].iter().position(|&b| matches!(b, b'.' | b'!' | b'?')) else {
            break;
        };
        j += k;
        if ends_sentence(j) {
            end = j + 1;
            break;
        }
        j += 1;
    }
    start = text.ceil_char_boundary(start);
    end = text.ceil_char_boundary(end);
    // Trim surrounding whitespace.
    while start < end && bytes[start].is_ascii_whitespace() {
        start += 1;
    }
    while end > start && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    // "4.3 The sync filter was rewritten …", "5.3 Had the board read it, …": a numbered
    // report's section number at the start of a line is not part of the sentence.
    if start == block.start || bytes[start - 1] == b'\n' {
        start += section_number_len(&text[start..end]);
    }
    start..end
}

/// The length of a section number and the space after it ("4.3 ", "4.11 ", "7) ") at the
/// start of `line`, before a capitalised word; 0 when there is none.
fn section_number_len(line: &str) -> usize {
    let number = line.bytes().take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b')')).count();
    let marks = &line.as_bytes()[..number];
    let dotted =
        marks.len() >= 3 && marks.contains(&b'.') && marks[0].is_ascii_digit() && marks[marks.len() - 1] != b'.';
    let closed = marks.len() >= 2 && marks[marks.len() - 1] == b')';
    let rest = &line[number..];
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    if (dotted || closed) && spaces > 0 && rest[spaces..].starts_with(char::is_uppercase) {
        number + spaces
    } else {
        0
    }
}

/// Words that end a clause when they come before a verb phrase.
const CLAUSE_BOUNDARIES: &[&str] = &[
    "and",
    "but",
    "or",
    "so",
    "because",
    "when",
    "whenever",
    "while",
    "after",
    "before",
    "since",
    "although",
    "though",
    "if",
    "unless",
    "once",
    "until",
    "that",
    "which",
    "who",
    "whom",
    "where",
    "as",
    "then",
    "however",
    "yet",
    "nor",
    "than",
    "whereas",
    "otherwise",
    "means",
    "meant",
    "like",
    "said",
    "says",
    "thinks",
    "think",
    "thought",
    "believe",
    "believes",
    "guess",
    "suspect",
    "suspects",
    "seems",
    "seemed",
    "appears",
    "appeared",
    "turns",
    "turned",
    "out",
    "noticed",
    "found",
    "learned",
    "learnt",
    "realised",
    "realized",
    "confirmed",
    "showed",
    "shows",
    "reported",
    "why",
    "whether",
    "how",
];

/// Prepositions: a noun phrase right after one is its object, not a subject ("the page
/// *from* Dana", "one *of* the engineers").
const PREPOSITIONS: &[&str] = &[
    "of", "from", "in", "on", "at", "for", "with", "by", "to", "during", "into", "onto", "about", "within", "without",
    "under", "over", "via", "behind", "across", "through", "between", "among", "against", "toward", "towards", "upon",
    "despite", "except", "besides", "beyond", "around", "per", "near", "inside", "outside", "off",
];

/// Whether `word` (lowercase) is an auxiliary or a modal: "was", "has", "could".
pub fn is_auxiliary(word: &str) -> bool {
    AUXILIARY_SET.contains(word)
}

/// Whether `word` (lower case) is a preposition, or a word of time that takes the same
/// place ("again", "ever", "until"): what follows it is not the object of a verb before.
pub fn is_preposition(word: &str) -> bool {
    PREPOSITION_SET.contains(word) || matches!(word, "before" | "after" | "until" | "again" | "ever")
}

/// Adverbs and fillers that may stand between a subject and its verb.
const FILLERS: &[&str] = &[
    "also",
    "probably",
    "clearly",
    "really",
    "certainly",
    "perhaps",
    "maybe",
    "arguably",
    "likely",
    "obviously",
    "ideally",
    "definitely",
    "ultimately",
    "simply",
    "just",
    "still",
    "then",
    "too",
    "all",
    "both",
    "themselves",
    "himself",
    "herself",
    "ourselves",
    "myself",
    "initially",
    "originally",
    "therefore",
    "thus",
    "instead",
    "again",
    "never",
    "not",
    "always",
    "immediately",
    "possibly",
    "honestly",
    "frankly",
    "accidentally",
    "mistakenly",
    "inadvertently",
    "apparently",
    "already",
    "even",
    "once",
    "later",
    "first",
    "unfortunately",
    "unknowingly",
    "unintentionally",
    "wrongly",
    "incorrectly",
    "erroneously",
    "carelessly",
    "somehow",
    "evidently",
    "actually",
    "basically",
    "essentially",
    "reportedly",
    "allegedly",
    "seemingly",
    "presumably",
    "surely",
    "easily",
    "quickly",
    "briefly",
    "manually",
    "personally",
    "directly",
    "only",
    "alone",
    "each",
    "who",
    "hindsight",
    "retrospect",
    "course",
    "of",
    "in",
    "with",
];

/// Auxiliaries and modals of a verb group ("Dana *had* deleted", "Ravi *may have* skipped").
const AUXILIARIES: &[&str] = &[
    "had",
    "has",
    "have",
    "'ve",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "being",
    "did",
    "does",
    "do",
    "would",
    "could",
    "should",
    "might",
    "may",
    "must",
    "will",
    "can",
    "shall",
    "ought",
    "to",
    "didn't",
    "doesn't",
    "don't",
    "wasn't",
    "weren't",
    "hadn't",
    "hasn't",
    "haven't",
    "couldn't",
    "wouldn't",
    "shouldn't",
    "mustn't",
    "won't",
    "can't",
    "cannot",
    "seems",
    "seemed",
    "appears",
    "appeared",
    "seem",
    "appear",
    "'d",
    "going",
    "got",
    "gets",
];

/// Quantifiers whose "of" phrase holds the real head ("one *of the engineers*").
const QUANTIFIERS: &[&str] = &[
    "one", "some", "none", "many", "all", "each", "any", "several", "most", "both", "either", "neither", "few", "two",
    "three", "nobody", "someone",
];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "our", "their", "its", "my", "your", "his", "her", "every",
    "each", "some", "any", "no",
];

/// Roles that are not staff: only a verb that people do makes them the one blamed
/// ("users failed to connect" is impact; "users failed to read the notice" is blame).
const WEAK_PERSONS: &[&str] =
    &["they", "them", "user", "users", "customer", "customers", "people", "humans", "human", "one", "you"];

/// The word lists above, hashed on first use: they are asked of each word of a subject,
/// where a scan compared the word with every entry.
type HashedList = LazyLock<HashSet<&'static str>>;
static CLAUSE_BOUNDARY_SET: HashedList = LazyLock::new(|| CLAUSE_BOUNDARIES.iter().copied().collect());
static PREPOSITION_SET: HashedList = LazyLock::new(|| PREPOSITIONS.iter().copied().collect());
static FILLER_SET: HashedList = LazyLock::new(|| FILLERS.iter().copied().collect());
static AUXILIARY_SET: HashedList = LazyLock::new(|| AUXILIARIES.iter().copied().collect());
static DETERMINER_SET: HashedList = LazyLock::new(|| DETERMINERS.iter().copied().collect());

/// Whether `lower` is a determiner ("the", "this", "every", "his").
pub fn is_determiner(lower: &str) -> bool {
    DETERMINER_SET.contains(lower)
}

/// How the grammar tells who a word refers to: the team's words, and, in a document, the
/// document's own evidence about capitalised words (see [`crate::people`]).
#[derive(Clone, Copy)]
pub struct Who<'a> {
    /// The team's `[words]`.
    pub user: &'a UserLexicon,
    /// The document's people, with its masked prose to read evidence from.
    pub document: Option<&'a People<'a>>,
}

impl<'a> Who<'a> {
    /// Word lists and team words only, no document.
    pub fn lists(user: &'a UserLexicon) -> Who<'a> {
        Who { user, document: None }
    }

    /// Whether the document writes anyone as a lowercase handle (see [`Who::is_handle`]).
    pub fn has_handles(&self) -> bool {
        self.document.is_some_and(crate::people::People::has_handles)
    }

    /// Whether a lowercase word is a person the document writes as a handle or a chat
    /// speaker ("jaro-k" after "@jaro-k", "rafiq" of "[10:16] rafiq: …").
    pub fn is_handle(&self, word: &str) -> bool {
        self.document.is_some_and(|people| people.is_handle(word)) && !self.user.allow.contains(&word.to_lowercase())
    }

    /// Whether a capitalised word (or `Name's`) names a person.
    pub fn is_name(&self, word: &str) -> bool {
        let bare = possessive_owner(word).unwrap_or(word);
        if bare.chars().next().is_some_and(char::is_uppercase) && has_honorific(bare) {
            return !self.user.allow.contains(&bare.to_lowercase());
        }
        if !bare.chars().next().is_some_and(char::is_uppercase) || bare.chars().count() < 2 {
            return false;
        }
        let lower = bare.to_lowercase();
        if self.user.allow.contains(&lower) {
            return false;
        }
        if self.user.people.contains(&lower) {
            return true;
        }
        // "RB did not compare …": a person's initials, when the document writes the name
        // whole too ("Engr. Rodel Bautista") and never uses them as a thing's.
        if lexicon::initials_shaped(bare.as_bytes()) && !lexicon::is_team_acronym(&lower) {
            return self.document.is_some_and(|people| people.is_initials_of_a_name(bare) && !people.is_thing(bare));
        }
        // All-caps words are acronyms (DNS, SRE); mixed case is a product (GitHub).
        if !lexicon::has_name_capitals(bare) || lexicon::is_not_name(&lower) {
            return false;
        }
        // An unknown word that reads as a common noun ("Notification") is not a name.
        let class = crate::people::name_class(bare);
        if class == crate::people::NameClass::Unknown && looks_like_common_noun(&lower) {
            return false;
        }
        match self.document {
            // "Li reverted the wrong commit": a two-letter name no list can hold as one,
            // read as a name unless the document writes it as a thing or in lowercase.
            Some(people) if class != crate::people::NameClass::Thing && lexicon::is_short_name(bare) => {
                let ev = people.evidence(bare);
                people.is_person(bare) || (ev.thing == 0 && ev.lowercase == 0)
            }
            Some(people) => people.is_person(bare),
            None => crate::people::is_person(class, crate::people::Evidence::default()),
        }
    }

    /// Whether a capitalised word could name a person by any reading the rules make of
    /// it: `false` only where [`Who::is_name`] is false and no unknown word is taken for
    /// a name (an acronym, a product, a month, a word the team allows), whatever the
    /// document says. Cheaper than either, for deciding whether a sentence is worth
    /// reading.
    pub fn may_be_name(&self, word: &str) -> bool {
        let bare = possessive_owner(word).unwrap_or(word);
        let mut chars = bare.chars();
        if !chars.next().is_some_and(lexicon::is_name_initial) || chars.as_str().is_empty() {
            return false;
        }
        let mixed_case = chars.any(char::is_uppercase)
            && !lexicon::has_name_capitals(bare)
            // ("RB", where the document writes Rodel Bautista whole: see [`Who::is_name`].)
            && !self.document.is_some_and(|people| people.is_initials_of_a_name(bare));
        // Most words are short and ASCII: lowercased on the stack.
        let mut buffer = [0u8; 24];
        let owned;
        let lower = if bare.is_ascii() && bare.len() <= buffer.len() {
            let lower = &mut buffer[..bare.len()];
            lower.copy_from_slice(bare.as_bytes());
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower).unwrap_or_default()
        } else {
            owned = bare.to_lowercase();
            owned.as_str()
        };
        if self.user.people.contains(lower) {
            return true;
        }
        !(mixed_case || lexicon::is_not_name(lower) || self.user.allow.contains(lower))
    }

    /// Whether the document shows a capitalised word is a thing ("the Prow job",
    /// "restarted prow"): an unknown word is not taken for a name then, whatever its verb.
    fn is_thing(&self, word: &str) -> bool {
        match self.document {
            Some(people) => people.is_thing(word),
            None => false,
        }
    }

    /// Whether a capitalised word is one the word lists do not know but could be an
    /// unknown person's name (not a sentence word, not a product, not allowed by the team).
    fn could_be_name(&self, word: &str) -> bool {
        lexicon::could_be_name(word, self.user)
            && matches!(crate::people::name_class(word), crate::people::NameClass::Unknown)
    }
}

/// Whether a word ends in an honorific ("Sato-san", "Kim-ssi"), which says a person is
/// meant.
pub fn has_honorific(word: &str) -> bool {
    const HONORIFICS: &[&str] = &["-san", "-sama", "-kun", "-chan", "-sensei", "-ssi", "-nim", "-ji", "-bhai", "-ji's"];
    HONORIFICS.iter().any(|h| word.ends_with(h))
}

/// The subject of a verb phrase, and whether it refers to people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The whole subject phrase.
    pub range: Range<usize>,
    /// The person reference within it (the name, pronoun or role noun), when a person.
    pub person: Option<(PersonKind, Range<usize>)>,
    /// A person the subject belongs to ("*Akosua's* migration"), when it is a thing.
    pub possessor: Option<(PersonKind, Range<usize>)>,
    /// Whether the subject stands in an earlier clause ("Dana restarted it and should
    /// have…") rather than right before the verb.
    pub elided: bool,
}

/// Finds the subject of the verb phrase starting at token `verb` in `tokens` (one
/// sentence): the noun phrase right before it, past adverbs and auxiliaries, or, where
/// the clause has none of its own, the earlier clause's or the relative pronoun's.
/// `verb_word` is the main verb (lowercase) when known, to settle ambiguous subjects
/// like "they".
pub fn subject_before(tokens: &[Token<'_>], verb: usize, verb_word: Option<&str>, who: &Who<'_>) -> Option<Subject> {
    subject_within(tokens, verb, verb_word, who, 0)
}

/// Days and parts of a day that stand in a verb group: "had on *Thursday* revoked".
const TIMES_OF_DAY: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "night",
    "morning",
    "evening",
    "afternoon",
    "weekend",
    "midnight",
    "noon",
];

/// How many clauses back an elided subject is looked for ("X did a, b and c, and should
/// have…"); bounded so a very long sentence costs little.
const MAX_CLAUSES_BACK: usize = 3;

fn is_filler(t: &Token<'_>) -> bool {
    let l = t.lower();
    FILLER_SET.contains(l.as_str()) || (!t.is_capitalised() && l.len() > 4 && l.ends_with("ly") && !l.ends_with("ply"))
}

fn subject_within(
    tokens: &[Token<'_>],
    verb: usize,
    verb_word: Option<&str>,
    who: &Who<'_>,
    depth: usize,
) -> Option<Subject> {
    // Step left over the verb group's adverbs, auxiliaries and negations.
    let mut end = verb;
    while end > 0 {
        let t = &tokens[end - 1];
        let l = t.lower();
        if t.is_word() && (AUXILIARY_SET.contains(l.as_str()) || is_filler(t)) && !t.text.starts_with('@') {
            // "who" is a relative pronoun, handled below, not a filler.
            // "Will skipped …", "Will might have …": a name, not the modal (see
            // [`crate::people::modal_name_before`]).
            if l == "who" || crate::people::modal_name_before(t.text, tokens[end].text) {
                break;
            }
            // "Mehmet's restart of both nodes *at once* wiped …": an adverbial of two words.
            if matches!(l.as_str(), "once" | "first" | "last" | "all") && end >= 2 && tokens[end - 2].lower() == "at" {
                end -= 2;
                continue;
            }
            end -= 1;
            continue;
        }
        // Inner punctuation of the group: "Dana – apparently – deleted", markup gaps.
        if matches!(t.text, "*" | "_") {
            end -= 1;
            continue;
        }
        // "Dana had already *on Thursday* revoked …": a time inside the verb group.
        if end >= 3
            && TIMES_OF_DAY.contains(&l.as_str())
            && matches!(tokens[end - 2].lower().as_str(), "on" | "at" | "last" | "that" | "this")
            && tokens[end - 3].is_word()
            && (AUXILIARY_SET.contains(tokens[end - 3].lower().as_str()) || is_filler(&tokens[end - 3]))
        {
            end -= 2;
            continue;
        }
        break;
    }
    let last = end.checked_sub(1)?;
    let t = &tokens[last];
    let l = t.lower();
    if !t.is_word() {
        // "Oluwaseun, the DBA on call, extends …": the name before an appositive.
        if t.text == "," {
            let Some(before) = appositive_before(tokens, last) else {
                return named_after_role(tokens, last, verb_word, who);
            };
            let found = noun_phrase_ending_at(tokens, before, verb_word, who)?;
            // "Liam's cron change, which he pushed on Monday, set …": a thing's relative
            // clause; the thing is a person's.
            // "Nour's change to the thresholds, made without a review, left …": likewise.
            let aside = tokens[before + 2].lower();
            let of_a_thing = aside == "which" || is_past_verb(&aside);
            return (found.person.is_some() || (of_a_thing && found.possessor.is_some())).then_some(found);
        }
        // "Pablo (DBA) deleted …", "Pablo — on call that night — deleted …": the name
        // before a short aside in brackets or dashes, with no verb in it.
        let open = match t.text {
            ")" => Some("("),
            "\u{2014}" | "\u{2013}" | "--" => Some(t.text),
            _ => None,
        };
        if let Some(open) = open {
            let o = (last.saturating_sub(8)..last).rev().find(|&i| tokens[i].text == open)?;
            let aside = &tokens[o + 1..last];
            let verbless = aside.iter().all(|w| {
                let l = w.lower();
                !AUXILIARY_SET.contains(l.as_str()) && !is_past_verb(&l)
                    || matches!(l.as_str(), "was" | "is")
                        && aside.iter().any(|a| matches!(a.lower().as_str(), "on" | "on-call" | "the" | "a" | "our"))
            });
            if o == 0 || aside.is_empty() || !verbless {
                return None;
            }
            let found = noun_phrase_ending_at(tokens, o - 1, verb_word, who)?;
            // "the on-call (Sadia) ignored …": the name in brackets after a role.
            if let Some(named) = name_beside_role(aside, &found, who) {
                return Some(named);
            }
            return found.person.is_some().then_some(found);
        }
        // A clause that starts right at the verb ("…; deleted the table"): no subject.
        return None;
    }
    // "the engineer who deployed it", "the engineer that should have…": the antecedent;
    // "… by Selam, who marked …": a name's, after its comma.
    if matches!(l.as_str(), "who" | "that") && last > 0 {
        let end = if l == "who" && last > 1 && tokens[last - 1].text == "," { last - 2 } else { last - 1 };
        // "so we knew exactly who paid twice", "asked who approved it": a question of who,
        // with no one before it.
        let asked = |t: &Token<'_>| {
            let b = t.lower();
            !t.is_capitalised()
                && (matches!(
                    b.as_str(),
                    "know"
                        | "knew"
                        | "known"
                        | "ask"
                        | "asked"
                        | "asking"
                        | "wondered"
                        | "sure"
                        | "see"
                        | "saw"
                        | "tell"
                        | "told"
                        | "check"
                        | "checked"
                        | "find"
                        | "found"
                        | "out"
                        | "about"
                        | "decide"
                        | "decided"
                ) || (b.len() > 4 && b.ends_with("ly")))
        };
        if l == "who" && asked(&tokens[end]) {
            return None;
        }
        let antecedent = noun_phrase_ending_at(tokens, end, verb_word, who)?;
        let possessor = match (&antecedent.person, &antecedent.possessor) {
            (None, None) if l == "that" && depth < MAX_CLAUSES_BACK => {
                author_of_object(tokens, &antecedent, who, depth)
            }
            _ => antecedent.possessor.clone(),
        };
        return Some(Subject { elided: true, possessor, ..antecedent });
    }
    // "Mateusz's headline edit is what broke the schedule": what the copula names.
    if l == "what" && last >= 2 && matches!(tokens[last - 1].lower().as_str(), "is" | "was") {
        return noun_phrase_ending_at(tokens, last - 2, verb_word, who);
    }
    if l == "which" {
        return None;
    }
    // "Dana restarted the pod and forgot to…": the earlier clause's subject.
    if matches!(l.as_str(), "and" | "but" | "then" | "or" | "so" | "yet") {
        if depth >= MAX_CLAUSES_BACK {
            return None;
        }
        let earlier = earlier_verb(tokens, last)?;
        return subject_within(tokens, earlier, verb_word, who, depth + 1).map(|s| Subject { elided: true, ..s });
    }
    if CLAUSE_BOUNDARY_SET.contains(l.as_str()) || PREPOSITION_SET.contains(l.as_str()) {
        return None;
    }
    // "The migration that Hamid wrote locked …", "the script which Björn ran against the
    // cluster wiped …": the thing is the subject, and the relative clause's person owns it.
    if let Some(owned) = owner_in_relative_clause(tokens, last, verb_word, who) {
        return Some(owned);
    }
    // "The change Ciarán wrote skipped …": a reduced relative clause; the thing is the
    // subject, and it is the named person's.
    if last >= 2 && is_past_verb(&l) && tokens[last - 1].is_capitalised() && who.is_name(tokens[last - 1].text) {
        let thing = &tokens[last - 2];
        if thing.is_word() && !thing.is_capitalised() && !CLAUSE_BOUNDARY_SET.contains(thing.lower().as_str()) {
            if let Some(head) = noun_phrase_ending_at(tokens, last - 2, verb_word, who) {
                if head.person.is_none() {
                    let owner = tokens[last - 1].range();
                    return Some(Subject { possessor: Some((PersonKind::Name, owner)), ..head });
                }
            }
        }
    }
    let found = noun_phrase_ending_at(tokens, last, verb_word, who)?;
    // "Joaquín and his team shipped …": the person named leads the group.
    if let Some(leader) = name_and_their_group(tokens, &found, verb_word, who) {
        return Some(leader);
    }
    // "The engineer who deployed it should have…": the phrase found is the relative
    // clause's object; the subject is what the clause is about.
    if let Some(rel) = relative_clause_before(tokens, &found) {
        // "Whoever merged the PR should have…": the pronoun is the subject.
        if tokens[rel].lower() == "whoever" {
            let t = &tokens[rel];
            return Some(Subject {
                range: t.range(),
                person: Some((PersonKind::Pronoun { singles_out: false }, t.range())),
                possessor: None,
                elided: false,
            });
        }
        if let Some(antecedent) = rel.checked_sub(1).and_then(|a| noun_phrase_ending_at(tokens, a, verb_word, who)) {
            return Some(antecedent);
        }
    }
    Some(found)
}

/// "Joaquín and his team", "@mei and her squad": a named person and the group they lead,
/// as one subject; the person is the one named.
fn name_and_their_group(
    tokens: &[Token<'_>],
    found: &Subject,
    verb_word: Option<&str>,
    who: &Who<'_>,
) -> Option<Subject> {
    if found.person.as_ref().is_some_and(|(kind, _)| kind.is_named()) {
        return None;
    }
    let first = tokens.iter().position(|t| t.start == found.range.start)?;
    let and = first.checked_sub(1)?;
    if !matches!(tokens[first].lower().as_str(), "his" | "her" | "their") || tokens[and].lower() != "and" {
        return None;
    }
    let head = tokens.iter().rposition(|t| t.end <= found.range.end)?;
    if !lexicon::is_group(&tokens[head].lower()) && !matches!(tokens[head].lower().as_str(), "colleagues" | "team") {
        return None;
    }
    let leader = noun_phrase_ending_at(tokens, and.checked_sub(1)?, verb_word, who)?;
    let named = leader.person.as_ref().is_some_and(|(kind, _)| matches!(kind, PersonKind::Name | PersonKind::Handle));
    named.then_some(Subject { range: leader.range.start..found.range.end, ..leader })
}

/// Verbs of a relative clause that do not make the thing the person's work: "the bug
/// that Dana *found* crashed the worker" is not Dana's doing.
const NOT_AUTHORED: &[&str] = &[
    "found",
    "spotted",
    "noticed",
    "reported",
    "flagged",
    "saw",
    "fixed",
    "reviewed",
    "caught",
    "raised",
    "filed",
    "investigated",
    "traced",
    "diagnosed",
    "identified",
    "discovered",
    "inherited",
    "owned",
    "maintained",
    "managed",
    "mentioned",
    "described",
    "watched",
    "monitored",
    "checked",
    "needed",
    "wanted",
    "expected",
    "requested",
    "asked",
    "opened",
    "escalated",
    "suspected",
    "predicted",
    "warned",
    "feared",
    "described",
];

/// Acts that make a thing a person's: what they wrote, shipped or ran.
const MADE_OR_RAN: &[&str] = &[
    "wrote",
    "made",
    "pushed",
    "shipped",
    "merged",
    "deployed",
    "added",
    "created",
    "built",
    "introduced",
    "authored",
    "ran",
    "applied",
    "committed",
    "submitted",
    "scheduled",
    "launched",
    "started",
];

/// "Radu wrote *the query* that took the database down": the named person whose past act
/// made or ran the thing `object` (the object of that act), so the thing is theirs.
fn author_of_object(
    tokens: &[Token<'_>],
    object: &Subject,
    who: &Who<'_>,
    depth: usize,
) -> Option<(PersonKind, Range<usize>)> {
    let start = tokens.iter().position(|t| t.start == object.range.start)?;
    let verb = start.checked_sub(1)?;
    let l = tokens[verb].lower();
    if !tokens[verb].is_word() || tokens[verb].is_capitalised() || !MADE_OR_RAN.contains(&l.as_str()) {
        return None;
    }
    let subject = subject_within(tokens, verb, Some(&l), who, depth + 1)?;
    subject.person.filter(|(kind, _)| kind.is_named() && subject.possessor.is_none())
}

/// "The migration that Hamid wrote", "the rule Anjali added", "the script which Björn
/// ran against the cluster", ending at token `last`: a thing, owned by the person who is
/// the subject of the relative clause after it (like a possessor: "Hamid's migration").
fn owner_in_relative_clause(
    tokens: &[Token<'_>],
    last: usize,
    verb_word: Option<&str>,
    who: &Who<'_>,
) -> Option<Subject> {
    // The clause's verb, past a few words after it ("ran *against the cluster*").
    let floor = last.saturating_sub(5);
    let verb = (floor..=last).rev().find(|&i| {
        let l = tokens[i].lower();
        tokens[i].is_word() && !tokens[i].is_capitalised() && is_past_verb(&l)
    })?;
    if tokens[verb..=last].iter().any(|t| !t.is_word()) {
        return None;
    }
    if NOT_AUTHORED.contains(&tokens[verb].lower().as_str()) {
        return None;
    }
    // "that Hamid had written": auxiliaries between the person and the verb.
    let mut p = verb.checked_sub(1)?;
    while p > 0 && matches!(tokens[p].lower().as_str(), "had" | "has" | "have" | "just" | "only" | "also") {
        p -= 1;
    }
    let person = &tokens[p];
    // "that María José re-enabled", "that Ms Ilse Vermeulen saved": a name of a few words,
    // any of them one the document shows is a person's, or a title.
    let mut first = p;
    while first > 0 && p - first < 3 && tokens[first - 1].is_word() && tokens[first - 1].is_capitalised() {
        first -= 1;
    }
    let name = &tokens[first..=p];
    let named = person.text.starts_with('@')
        || (person.is_capitalised()
            && name.iter().any(|t| who.is_name(t.text) || lexicon::is_title(t.lower().as_str())));
    if !named || person.lower().ends_with("'s") {
        return None;
    }
    // "that"/"which" before the person, or nothing (a reduced relative, only straight
    // before the verb: "the rule Anjali added").
    let mut thing = first.checked_sub(1)?;
    if matches!(tokens[thing].lower().as_str(), "that" | "which") {
        thing = thing.checked_sub(1)?;
    } else if verb != last {
        return None;
    }
    let t = &tokens[thing];
    if !t.is_word()
        || t.is_capitalised()
        || CLAUSE_BOUNDARY_SET.contains(t.lower().as_str())
        || is_past_verb(&t.lower())
    {
        return None;
    }
    let head = noun_phrase_ending_at(tokens, thing, verb_word, who)?;
    if head.person.is_some() || head.possessor.is_some() {
        return None;
    }
    let kind = if person.text.starts_with('@') { PersonKind::Handle } else { PersonKind::Name };
    Some(Subject { possessor: Some((kind, tokens[first].start..person.end)), ..head })
}

/// The last token before an appositive that ends with the comma at `comma`: ", the DBA on
/// call," — a comma, a determiner and a few words with no verb.
fn appositive_before(tokens: &[Token<'_>], comma: usize) -> Option<usize> {
    let open = (comma.saturating_sub(16)..comma).rev().find(|&i| !tokens[i].is_word())?;
    let words = &tokens[open + 1..comma];
    let determiner = words.first().is_some_and(|w| {
        matches!(w.lower().as_str(), "the" | "a" | "an" | "our" | "their" | "his" | "her" | "its" | "one")
    });
    let verbless = words.iter().all(|w| !AUXILIARY_SET.contains(w.lower().as_str()) && !is_past_verb(&w.lower()));
    // ", who had approved similar changes before,": a relative clause set off the same way.
    // ", as reviewers,": a role the subject acted in.
    // ", which he pushed before heading off,": a thing's (see [`subject_within`]).
    let relative = words.first().is_some_and(|w| matches!(w.lower().as_str(), "who" | "as" | "which"));
    // ", in a hurry,", ", late on Friday,": an adverbial aside with no verb.
    let adverbial = words.first().is_some_and(|w| {
        matches!(
            w.lower().as_str(),
            "in" | "at" | "on" | "late" | "early" | "during" | "apparently" | "unfortunately"
                // ", for her part,", ", once again,", ", without a second look,".
                | "for" | "once" | "without"
        )
    }) && verbless
        && words.len() <= 5
        // ", it seems,", ", it appears,".
        || words.len() == 2
            && words[0].lower() == "it"
            && matches!(words[1].lower().as_str(), "seems" | "appears" | "turns" | "seemed" | "appeared");
    // ", the contractor who reviews our Jenkins changes,": a role with its relative clause.
    let role_with_clause = |w: &[Token<'_>]| {
        w.iter().take(4).position(|t| matches!(t.lower().as_str(), "who" | "that")).is_some_and(|k| {
            k > 0 && w[..k].iter().all(|t| !AUXILIARY_SET.contains(t.lower().as_str()) && !is_past_verb(&t.lower()))
        })
    };
    let appositive = determiner && (verbless && words.len() <= 6 || role_with_clause(words));
    // ", covering for the quote team,": a participle's phrase about the subject.
    let participial = words.first().is_some_and(|w| {
        let l = w.lower();
        l.len() > 5
            && l.ends_with("ing")
            && !matches!(l.as_str(), "morning" | "evening" | "nothing" | "something" | "everything" | "anything")
    }) && verbless
        && words.len() <= 6;
    // ", made without a review,", ", pushed late on Friday,": a thing's past participle
    // with how or when, not a verb with its object ("…, deleted the table, …").
    let past_participial = words.len() <= 7
        && words.first().is_some_and(|w| is_past_verb(&w.lower()))
        && words.get(1).is_some_and(|w| {
            let l = w.lower();
            (PREPOSITION_SET.contains(l.as_str()) && l != "to")
                || matches!(l.as_str(), "last" | "earlier" | "late" | "early" | "twice")
                || (l.len() > 4 && l.ends_with("ly"))
        })
        && words[1..].iter().all(|w| !AUXILIARY_SET.contains(w.lower().as_str()) && !is_past_verb(&w.lower()));
    // ", however,", ", meanwhile,": one word of discourse.
    let discourse = words.len() == 1
        && matches!(
            words[0].lower().as_str(),
            "however" | "meanwhile" | "though" | "again" | "too" | "also" | "apparently"
        );
    (tokens[open].text == ","
        && open > 0
        && (appositive || relative || adverbial || discourse || participial || past_participial)
        && (words.len() >= 2 || discourse))
        .then(|| open - 1)
}

/// "The on-call, Ikaika, ignored …", "our DBA, Svetlana, truncated …": a name set off by
/// commas after a person's role is the subject; the comma after it is at `comma`.
fn named_after_role(tokens: &[Token<'_>], comma: usize, verb_word: Option<&str>, who: &Who<'_>) -> Option<Subject> {
    let open = (comma.saturating_sub(4)..comma).rev().find(|&i| !tokens[i].is_word())?;
    if tokens[open].text != "," || open == 0 {
        return None;
    }
    let role = noun_phrase_ending_at(tokens, open - 1, verb_word, who)?;
    name_beside_role(&tokens[open + 1..comma], &role, who)
}

/// The words `name`, set off beside `role` (by commas or brackets), as the subject: a
/// person's name when `role` is a role and they are one to three capitalised words no
/// word list rules out (an acronym, a product, a word the team allows). Standing beside a
/// role is the evidence that they name a person.
fn name_beside_role(name: &[Token<'_>], role: &Subject, who: &Who<'_>) -> Option<Subject> {
    let (first, last) = (name.first()?, name.last()?);
    let named = name.len() <= 3
        && matches!(role.person, Some((PersonKind::Role, _)))
        && name.iter().all(|t| t.is_capitalised() && who.may_be_name(t.text));
    let range = first.start..last.end;
    named.then(|| Subject {
        range: range.clone(),
        person: Some((PersonKind::Name, range)),
        possessor: None,
        elided: false,
    })
}

/// Where a "who"/"that" starts a relative clause that ends with the noun phrase `np`:
/// the pronoun, then a verb, then words up to the phrase, with no punctuation between.
fn relative_clause_before(tokens: &[Token<'_>], np: &Subject) -> Option<usize> {
    let start = tokens.iter().position(|t| t.start == np.range.start)?;
    let mut saw_verb = false;
    for i in (start.saturating_sub(8)..start).rev() {
        let t = &tokens[i];
        if !t.is_word() {
            return None;
        }
        let l = t.lower();
        if matches!(l.as_str(), "who" | "that" | "whoever") {
            return saw_verb.then_some(i);
        }
        // Any verb: "anyone who *read* the notice" (a past like its base); not a participle
        // after an article, which describes the noun ("that *an experienced* engineer").
        let attributive = i > 0
            && matches!(
                tokens[i - 1].lower().as_str(),
                "a" | "an" | "the" | "our" | "their" | "his" | "her" | "its" | "my"
            );
        if !attributive
            && (is_past_verb(&l) || AUXILIARY_SET.contains(l.as_str()) || crate::verbs::lookup(&l).is_some())
        {
            saw_verb = true;
        }
    }
    None
}

/// The subject of the clause that ends before token `end` (a comma before "which"):
/// "*Sione* bumped the pool size, which took the primary down".
pub fn clause_subject_before(tokens: &[Token<'_>], end: usize, who: &Who<'_>) -> Option<Subject> {
    let verb = earlier_verb(tokens, end)?;
    let word = tokens[verb].lower();
    subject_within(tokens, verb, Some(&word), who, 1).map(|s| Subject { elided: true, ..s })
}

/// The verb of the clause before token `boundary` (a conjunction): the nearest word
/// before it that reads as a verb in the past or an auxiliary.
fn earlier_verb(tokens: &[Token<'_>], boundary: usize) -> Option<usize> {
    let floor = boundary.saturating_sub(30);
    let mut i = boundary;
    let mut found = None;
    while i > floor {
        i -= 1;
        let t = &tokens[i];
        if !t.is_word() {
            if matches!(t.text, ";" | ":" | "(" | ")" | "\u{2014}") {
                break;
            }
            continue;
        }
        let l = t.lower();
        // "set", "put", "cut": a past the same as its base, after a noun or name.
        let same_past = crate::verbs::lookup(&l).is_some_and(|f| f.past == l.as_str())
            && i > 0
            && tokens[i - 1].is_word()
            && !DETERMINER_SET.contains(tokens[i - 1].lower().as_str())
            && !PREPOSITION_SET.contains(tokens[i - 1].lower().as_str());
        // "to" marks an infinitive inside the clause ("bumped the size to 500"), not its verb.
        let auxiliary = AUXILIARY_SET.contains(l.as_str()) && !matches!(l.as_str(), "to" | "going");
        if is_past_verb(&l) || auxiliary || (same_past && found.is_none()) {
            found = Some(i);
        } else if found.is_some() {
            break;
        }
    }
    found
}

/// Past-tense verbs ("deployed", "ran"): the end of a subject in an earlier clause.
fn is_past_verb(lower: &str) -> bool {
    (lower.len() > 4 && lower.ends_with("ed"))
        || crate::verbs::lookup(lower).is_some_and(|f| f.past == lower && f.base != lower)
}

/// The noun phrase ending at token `end` (inclusive), classified; through a chain of
/// prepositional phrases to its head ("the alert *from the on-call engineer*" is about an
/// alert; "one *of the engineers*" is about engineers).
fn noun_phrase_ending_at(tokens: &[Token<'_>], end: usize, verb_word: Option<&str>, who: &Who<'_>) -> Option<Subject> {
    let mut phrase_end = end;
    let mut hops = 0;
    loop {
        let start = phrase_start(tokens, phrase_end, who)?;
        let before = start.checked_sub(1).map(|i| &tokens[i]);
        let before_lower = before.filter(|t| t.is_word()).map(|t| t.lower());
        let is_prep = before_lower.as_deref().is_some_and(|b| PREPOSITION_SET.contains(b));
        if is_prep && hops < 3 && start >= 2 {
            // "one of the engineers": the quantifier's object is the head.
            let prep = before_lower.as_deref().unwrap_or("");
            let head_before = start - 2;
            if prep == "of" && QUANTIFIERS.contains(&tokens[head_before].lower().as_str()) {
                let range = tokens[head_before].start..tokens[end].end;
                let inner = classify(tokens, start..=phrase_end, verb_word, who, false);
                return Some(Subject { range, ..inner });
            }
            if tokens[head_before].is_word() {
                // "the force-push of João Victor", "the fix of Thaís": the person whose
                // thing it is.
                // "a change by Ravi", "a bad config from Ravi", "the config pushed by Ravi".
                let named_after = tokens[start].is_capitalised() || tokens[start].text.starts_with('@');
                let of_person = (prep == "of" || (matches!(prep, "by" | "from") && named_after))
                    .then(|| classify(tokens, start..=phrase_end, verb_word, who, false))
                    .and_then(|s| s.person)
                    .filter(|(kind, _)| kind.is_named());
                if let Some(owner) = of_person {
                    let participle = prep == "by" && head_before > 0 && is_past_verb(&tokens[head_before].lower());
                    let head_end = if participle { head_before - 1 } else { head_before };
                    if prep != "of" && !participle && is_past_verb(&tokens[head_before].lower()) {
                        return None;
                    }
                    let head = noun_phrase_ending_at(tokens, head_end, verb_word, who)?;
                    if head.person.is_none() {
                        let range = head.range.start..tokens[end].end;
                        return Some(Subject { range, possessor: Some(owner), ..head });
                    }
                    return Some(head);
                }
                phrase_end = head_before;
                hops += 1;
                continue;
            }
        }
        if is_prep {
            return None;
        }
        // "the DBA on call *that night* should have…": a time after the subject, not it.
        if hops < 3 && start >= 1 && tokens[start - 1].is_word() && is_time_adverbial(&tokens[start..=phrase_end]) {
            phrase_end = start - 1;
            hops += 1;
            continue;
        }
        // "the person doing the deploy", "the engineer running the migration": the phrase
        // found is the object of a participle after the real subject.
        if let Some(b) = before.filter(|b| b.is_word() && !b.is_capitalised()) {
            let l = b.lower();
            if l.len() > 4 && l.ends_with("ing") && hops < 3 && start >= 2 {
                if let Some(head) = noun_phrase_ending_at(tokens, start - 2, verb_word, who) {
                    if head.person.is_some() {
                        return Some(head);
                    }
                }
            }
        }
        let sentence_start = start == 0 || tokens[..start].iter().all(|t| !t.is_word());
        return Some(classify(tokens, start..=phrase_end, verb_word, who, sentence_start));
    }
}

/// Whether words are a time said as a noun phrase: "that night", "last week", "this
/// morning".
fn is_time_adverbial(words: &[Token<'_>]) -> bool {
    let [first, second] = words else { return false };
    matches!(first.lower().as_str(), "that" | "last" | "this" | "same" | "earlier")
        && matches!(
            second.lower().as_str(),
            "night" | "morning" | "afternoon" | "evening" | "day" | "week" | "weekend" | "shift" | "time" | "sprint"
        )
}

/// Where the noun phrase ending at token `end` starts: back over its words to a
/// determiner, a clause boundary, a preposition, a verb-like word or punctuation.
fn phrase_start(tokens: &[Token<'_>], end: usize, who: &Who<'_>) -> Option<usize> {
    let last = &tokens[end];
    if !last.is_word() {
        return None;
    }
    // (A lowercase handle too: "At 08:12 duc.tran pushed …".)
    if last.text.starts_with('@') || lexicon::pronoun(&last.lower()).is_some() || who.is_handle(last.text) {
        return Some(end);
    }
    // A name: a run of capitalised words ("Juan Pablo", "Siobhán Kelly"), not counting a
    // sentence's first words ("On Friday Dana…").
    // An acronym or a keyword in capitals ("the manual UPDATE") heads a common noun phrase.
    let acronym = last.text.chars().count() > 1 && !last.text.chars().any(char::is_lowercase);
    if last.is_capitalised() && !acronym && !last.lower().ends_with("'s") {
        let mut start = end;
        while start > 0 && end - start < 3 && tokens[start - 1].is_word() && tokens[start - 1].is_capitalised() {
            let l = tokens[start - 1].lower();
            if DETERMINER_SET.contains(l.as_str())
                || CLAUSE_BOUNDARY_SET.contains(l.as_str())
                || PREPOSITION_SET.contains(l.as_str())
                || lexicon::is_not_name(&l)
                || l.ends_with("'s")
            {
                break;
            }
            start -= 1;
        }
        // "T. Wróbel": an initial before the surname; "Dr. Ishikawa": a title.
        if start >= 2
            && tokens[start - 1].text == "."
            && tokens[start - 2].is_capitalised()
            && (tokens[start - 2].text.chars().count() == 1 || lexicon::is_title(tokens[start - 2].lower().as_str()))
        {
            start -= 2;
        }
        // "the Hermes queue" never ends at a capital; "the Hermes" keeps its determiner
        // ("that" before a name is a conjunction: "show that Oksana forgot").
        let before = start.checked_sub(1).map(|i| tokens[i].lower());
        if before.as_deref().is_some_and(|b| b != "that" && DETERMINER_SET.contains(b)) {
            start -= 1;
        }
        return Some(start);
    }
    let mut start = end;
    while start > 0 && end - start < 6 {
        let t = &tokens[start - 1];
        if !t.is_word() {
            break;
        }
        let l = t.lower();
        // "of *both* nodes", "to *all* three regions": after a preposition, "all" and
        // "both" start the phrase as a determiner would ("we all", "they both" stay fillers).
        let predeterminer = matches!(l.as_str(), "all" | "both")
            && start >= 2
            && tokens[start - 2].is_word()
            && PREPOSITION_SET.contains(tokens[start - 2].lower().as_str());
        if DETERMINER_SET.contains(l.as_str()) || predeterminer {
            start -= 1;
            break;
        }
        if CLAUSE_BOUNDARY_SET.contains(l.as_str())
            || PREPOSITION_SET.contains(l.as_str())
            || AUXILIARY_SET.contains(l.as_str())
            || lexicon::pronoun(&l).is_some()
            || is_past_verb(&l)
            || (FILLER_SET.contains(l.as_str()) && !l.ends_with("'s"))
        {
            break;
        }
        start -= 1;
    }
    Some(start)
}

fn classify(
    tokens: &[Token<'_>],
    span: std::ops::RangeInclusive<usize>,
    verb_word: Option<&str>,
    who: &Who<'_>,
    sentence_start: bool,
) -> Subject {
    let (first, last) = (*span.start(), *span.end());
    let range = tokens[first].start..tokens[last].end;
    let part: Vec<usize> = span.filter(|&i| tokens[i].is_word()).collect();
    let person = classify_head(tokens, &part, verb_word, who, sentence_start);
    // "Akosua's migration", "his change": a thing that belongs to a person.
    let possessor = if person.is_none() {
        part.iter().find_map(|&i| {
            let t = &tokens[i];
            let l = t.lower();
            if (t.text.starts_with('@') || who.is_handle(t.text)) && l.ends_with("'s") {
                return Some((PersonKind::Handle, t.range()));
            }
            if lexicon::SINGLING_POSSESSIVES.contains(&l.as_str()) {
                return Some((PersonKind::Pronoun { singles_out: true }, t.range()));
            }
            if l.ends_with("'s") && t.is_capitalised() && who.is_name(t.text) {
                return Some((PersonKind::Name, t.range()));
            }
            None
        })
    } else {
        None
    };
    Subject { range, person, possessor, elided: false }
}

fn classify_head(
    tokens: &[Token<'_>],
    part: &[usize],
    verb_word: Option<&str>,
    who: &Who<'_>,
    sentence_start: bool,
) -> Option<(PersonKind, Range<usize>)> {
    let &head = part.last()?;
    let t = &tokens[head];
    let lower = t.lower();
    let human_verb = verb_word.is_some_and(lexicon::is_human_verb);
    if who.user.allows(t.text) {
        return None;
    }
    if t.text.starts_with('@') || who.is_handle(t.text) {
        return Some((PersonKind::Handle, t.range()));
    }
    // A possessive head ("Dana's change") is about the thing, not the person.
    if lower.ends_with("'s") || lower.ends_with('\'') {
        return None;
    }
    if lower == "whoever" {
        return Some((PersonKind::Pronoun { singles_out: false }, t.range()));
    }
    // "users failed to read the notice" is about what they did; "customers failed to
    // see the confirmation" is what happened to them.
    let weak = WEAK_PERSONS.contains(&lower.as_str());
    if weak && !verb_word.is_some_and(|v| lexicon::is_duty(v) || (lower == "they" && human_verb)) {
        return None;
    }
    if let Some(singles_out) = lexicon::pronoun(&lower) {
        // Only a lone pronoun is the subject ("we", not "we the people").
        if part.len() == 1 {
            return Some((PersonKind::Pronoun { singles_out }, t.range()));
        }
    }
    // "A. Kowalczyk-Nowak": an initial, not the article.
    let initial = tokens[part[0]].text.len() == 1
        && tokens[part[0]].is_capitalised()
        && tokens.get(part[0] + 1).is_some_and(|t| t.text == ".");
    let determiner = DETERMINER_SET.contains(tokens[part[0]].lower().as_str()) && !initial;
    if lexicon::is_role(&lower) {
        return Some((PersonKind::Role, tokens[part[0]].start..t.end));
    }
    // ("IT should have noticed": the department, in capitals, not the pronoun.)
    if (lexicon::is_group(&lower) || t.text == "IT") && human_verb {
        return Some((PersonKind::Role, tokens[part[0]].start..t.end));
    }
    // "Our SRE Paulo", "the on-call engineer Dana": a role, then the person's name.
    if determiner && part.len() >= 3 && t.is_capitalised() && who.is_name(t.text) {
        let role = &tokens[part[part.len() - 2]];
        if lexicon::is_role(&role.lower()) {
            return Some((PersonKind::Name, t.range()));
        }
    }
    // Names: "Dana", "Dana Smith", "Juan Pablo"; never after a determiner ("the Hermes").
    if determiner || !t.is_capitalised() {
        return None;
    }
    // (From the name's first capital: not a time before it, "14:20 JK".)
    let from = part.iter().copied().find(|&i| tokens[i].is_capitalised()).unwrap_or(part[0]);
    let span = tokens[from].start..t.end;
    // "Priya's manual UPDATE" is Priya's thing (see `classify`), not Priya.
    let owned = part.iter().any(|&i| tokens[i].lower().ends_with("'s"));
    if !owned && part.iter().any(|&i| who.is_name(tokens[i].text)) {
        return Some((PersonKind::Name, span));
    }
    // An initial and a surname ("T. Wróbel") or a title ("Mr Okafor") name a person.
    let first = &tokens[part[0]];
    let titled = lexicon::is_title(first.lower().as_str());
    if part.len() >= 2
        && ((first.text.chars().count() == 1 && first.is_capitalised()) || titled)
        && !who.is_thing(t.text)
    {
        return Some((PersonKind::Name, span));
    }
    // An unknown word taken as a name because only people do what it did ("Mariko
    // should have checked"); not a sentence's first word when it reads as a common noun.
    let unknown = part.iter().all(|&i| who.could_be_name(tokens[i].text) && !who.is_thing(tokens[i].text));
    if human_verb && unknown && !looks_like_common_noun(&lower) && !(sentence_start && part.len() > 1) {
        return Some((PersonKind::ProperNoun, span));
    }
    None
}

/// Capitalised common nouns at the start of a sentence ("Discussion", "Monitoring")
/// are not names; their endings give them away.
pub(crate) fn looks_like_common_noun(lower: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "tion", "sion", "ment", "ness", "ity", "ing", "ance", "ence", "ship", "ism", "ure", "ery", "ogy", "ics",
        "ings", "ers", "ors", "ists", "age", "ware", "work", "ions", "ents", "ties", "ies", "able", "ible", "ful",
        "less",
    ];
    SUFFIXES.iter().any(|s| lower.ends_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn may_be_name_is_false_only_where_is_name_is() {
        let user = UserLexicon {
            people: ["jj".to_string()].into_iter().collect(),
            allow: ["hermes".to_string()].into_iter().collect(),
            ..UserLexicon::default()
        };
        let who = Who::lists(&user);
        for word in ["UTC", "AWS", "PRs", "GitHub", "October", "Monday", "Hermes", "I", "X", "kafka"] {
            assert!(!who.may_be_name(word), "{word}");
            assert!(!who.is_name(word), "{word}");
        }
        for word in ["Dana", "Dana's", "Siobhán", "JJ", "Xyzzorb", "Sato-san"] {
            assert!(who.may_be_name(word), "{word}");
        }
    }

    fn subject_of(sentence: &str, verb_at: &str) -> Option<PersonKind> {
        let tokens = tokenize(sentence, 0..sentence.len());
        let at = sentence.find(verb_at).unwrap();
        let idx = tokens.iter().position(|t| t.start == at).unwrap();
        let verb = tokens[idx + 2..].iter().find(|t| t.is_word()).map(|t| t.lower());
        subject_before(&tokens, idx, verb.as_deref(), &Who::lists(&UserLexicon::default()))
            .and_then(|s| s.person.map(|p| p.0))
    }

    /// The tokenizer as first written, char by char: the reference the byte-wise one
    /// must agree with.
    fn tokenize_by_chars(text: &str) -> Vec<Token<'_>> {
        let mut tokens = Vec::new();
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if c.is_whitespace() {
                continue;
            }
            let start = i;
            let mut end = i + c.len_utf8();
            if is_word_char(c) || (c == '@' && iter.peek().is_some_and(|&(_, n)| is_word_char(n))) {
                while let Some(&(j, n)) = iter.peek() {
                    if is_word_char(n) {
                        end = j + n.len_utf8();
                        iter.next();
                    } else if matches!(n, '-' | '\'' | '\u{2019}' | '.' | ':') {
                        let after = text[j + n.len_utf8()..].chars().next();
                        let joins = after.is_some_and(is_word_char)
                            && match n {
                                '.' => {
                                    text[start..end].starts_with('@')
                                        || text[start..end].chars().all(|c| c.is_ascii_digit() || c == '.' || c == 'v')
                                        || text[start..end].chars().all(|c| c.is_ascii_lowercase() || c == '.')
                                            && after.is_some_and(|c| c.is_ascii_lowercase())
                                }
                                ':' => {
                                    text[start..end].chars().all(|c| c.is_ascii_digit() || c == ':')
                                        && after.is_some_and(|c| c.is_ascii_digit())
                                }
                                _ => true,
                            };
                        if !joins {
                            break;
                        }
                        end = j + n.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
                let word = &text[start..end];
                if text[end..].starts_with('.')
                    && word.contains('.')
                    && word.chars().all(|c| c.is_ascii_digit() || c == '.')
                    && text[end + 1..].trim_start_matches([' ', '\t']).starts_with(char::is_lowercase)
                {
                    end += 1;
                    iter.next();
                }
            }
            tokens.push(Token { text: &text[start..end], start, end });
        }
        tokens
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]
        #[test]
        fn tokenize_agrees_with_the_char_by_char_reference(
            text in "([a-zA-Z0-9_@.'\u{2019}\\-]|[ \t\n]|[,;:!?()]|[é日\u{2000}\u{a0}]){0,40}"
        ) {
            proptest::prop_assert_eq!(tokenize(&text, 0..text.len()), tokenize_by_chars(&text));
        }
    }

    #[test]
    fn tokens_of_a_range_carry_offsets_in_the_whole_text() {
        let text = "Intro. Dana’s v1.2 fix — rolled back.";
        let start = text.find("Dana").unwrap();
        let tokens = tokenize(text, start..text.len());
        let reference = tokenize_by_chars(&text[start..]);
        assert_eq!(tokens.len(), reference.len());
        for (t, r) in tokens.iter().zip(&reference) {
            assert_eq!((t.text, t.start, t.end), (r.text, r.start + start, r.end + start));
        }
        assert_eq!(tokens[0].text, "Dana’s");
    }

    #[test]
    fn tokens_keep_inner_joiners() {
        let text = "The on-call didn't see Dana's @page, v1.2.";
        let words: Vec<&str> = tokenize(text, 0..text.len()).iter().map(|t| t.text).collect();
        assert_eq!(words, ["The", "on-call", "didn't", "see", "Dana's", "@page", ",", "v1.2", "."]);
    }

    #[test]
    fn sentences_skip_abbreviations() {
        let text = "We paged e.g. the DBA. Dana should have noticed. Then it ended";
        let s = sentence_around(text, 0..text.len(), text.find("should").unwrap());
        assert_eq!(&text[s], "Dana should have noticed.");
        let s = sentence_around(text, 0..text.len(), 5);
        assert_eq!(&text[s], "We paged e.g. the DBA.");
    }

    #[test]
    fn a_word_after_a_wide_unicode_space_is_cut_at_a_character_boundary() {
        // Found by fuzzing: U+2000 is three bytes; the word after it started inside it.
        for space in ['\u{2000}', '\u{3000}', '\u{a0}', ' '] {
            let text = format!("It broke{space}e.g. here. Dana should have noticed.");
            let s = sentence_around(&text, 0..text.len(), text.find("should").unwrap());
            assert_eq!(&text[s], "Dana should have noticed.");
        }
        let text = "~\u{2000}=1. error a";
        assert_eq!(
            sentence_around(text, 0..text.len(), text.find("error").unwrap()),
            text.find("error").unwrap()..text.len()
        );
    }

    #[test]
    fn subjects_that_are_people() {
        assert_eq!(subject_of("Dana should have noticed the alert", "should"), Some(PersonKind::Name));
        assert_eq!(subject_of("The on-call failed to escalate", "failed"), Some(PersonKind::Role));
        assert_eq!(subject_of("When the disk filled, the DBA should have checked", "should"), Some(PersonKind::Role));
        assert_eq!(
            subject_of("Someone on the team should have reviewed it", "should"),
            Some(PersonKind::Pronoun { singles_out: false })
        );
        assert_eq!(subject_of("One of the engineers should have checked", "should"), Some(PersonKind::Role));
        assert_eq!(subject_of("The engineer who deployed it should have checked", "should"), Some(PersonKind::Role));
        assert_eq!(subject_of("Dana restarted the pod and should have checked", "should"), Some(PersonKind::Name));
        assert_eq!(subject_of("He should have known", "should"), Some(PersonKind::Pronoun { singles_out: true }));
        assert_eq!(subject_of("Xyzzorb should have checked", "should"), Some(PersonKind::ProperNoun));
        assert_eq!(subject_of("the engineer who should have checked", "should"), Some(PersonKind::Role));
    }

    #[test]
    fn subjects_that_are_systems() {
        assert_eq!(subject_of("The alert should have fired within two minutes", "should"), None);
        assert_eq!(subject_of("The load balancer failed to drain connections", "failed"), None);
        assert_eq!(subject_of("The alert from the on-call engineer should have fired", "should"), None);
        assert_eq!(subject_of("One of the nodes failed to restart", "failed"), None);
        assert_eq!(subject_of("Users failed to connect", "failed"), None);
        assert_eq!(subject_of("Dana's change should have been reverted", "should"), None);
        assert_eq!(subject_of("Kubernetes should have restarted the pod", "should"), None);
        assert_eq!(subject_of("They failed to start", "failed"), None);
    }
}
