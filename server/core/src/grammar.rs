//! Just enough sentence analysis for blame rules: tokens, sentences, clauses, and the
//! subject of a verb phrase.
//!
//! It works on the masked prose (see [`crate::document`]), where code, links and
//! comments are already blanked, so offsets are offsets in the original text.

use std::borrow::Cow;
use std::ops::Range;

use crate::lexicon::{self, PersonKind, UserLexicon};

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
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
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
    c.is_alphanumeric() || c == '_'
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
            while let Some((n, n_len)) = char_at(end) {
                if is_word_char(n) {
                    end += n_len;
                    continue;
                }
                // Inner joiners: on-call, didn't, Dana's, v1.2 (but not a final period).
                let joins = matches!(n, '-' | '\'' | '\u{2019}' | '.')
                    && word_at(end + n_len)
                    && (n != '.' || bytes[start..end].iter().all(|&b| b.is_ascii_digit() || b == b'.' || b == b'v'));
                if !joins {
                    break;
                }
                end += n_len;
            }
        }
        tokens.push(Token { text: &slice[start..end], start: range.start + start, end: range.start + end });
        i = end;
    }
    tokens
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
        !(initial || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)))
    };
    // A sentence is looked for at most this far from the offset, so a megabyte-long line
    // costs the same per finding as a short one.
    const REACH: usize = 400;
    let floor = offset.saturating_sub(REACH).max(block.start);
    let ceiling = (offset + REACH).min(block.end);
    let mut start = floor;
    let mut i = offset.min(block.end);
    while i > floor {
        i -= 1;
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
        if matches!(bytes[j], b'.' | b'!' | b'?') && ends_sentence(j) {
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
    start..end
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
];

/// Words that start a prepositional phrase or relative clause; the head of a noun phrase
/// comes before them ("the alert *from* the on-call engineer").
const PHRASE_CUTS: &[&str] = &[
    "of", "from", "in", "on", "at", "for", "with", "by", "to", "during", "into", "onto", "who", "that", "which",
    "whose", "about", "within", "without", "under", "over", "via", "like", "behind", "across",
];

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
    "hindsight",
    "in",
    "with",
    "retrospect",
    "of",
    "course",
    "therefore",
    "thus",
    "instead",
    "again",
    "never",
    "not",
    "always",
    "immediately",
    "again",
    "possibly",
    "honestly",
    "frankly",
];

/// Quantifiers whose "of" phrase holds the real head ("one *of the engineers*").
const QUANTIFIERS: &[&str] = &[
    "one", "some", "none", "many", "all", "each", "any", "several", "most", "both", "either", "neither", "few", "two",
    "three",
];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "our", "their", "its", "my", "your", "his", "her", "every",
    "each", "some", "any", "no",
];

/// Roles that are not staff: only a verb that people do makes them the one blamed
/// ("users failed to connect" is impact; "users failed to read the notice" is blame).
const WEAK_PERSONS: &[&str] =
    &["they", "them", "user", "users", "customer", "customers", "people", "humans", "human", "one", "you"];

/// The subject of a verb phrase, and whether it refers to people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The whole subject phrase.
    pub range: Range<usize>,
    /// The person reference within it (the name, pronoun or role noun), when a person.
    pub person: Option<(PersonKind, Range<usize>)>,
    /// Whether the subject stands in an earlier clause ("Dana restarted it and should
    /// have…") rather than right before the verb.
    pub elided: bool,
}

/// Finds the subject of the verb phrase starting at token `verb` in `tokens` (one
/// sentence), looking back to the start of its clause. `verb_word` is the main verb
/// (lowercase) when known, to settle ambiguous subjects like "they".
pub fn subject_before(
    tokens: &[Token<'_>],
    verb: usize,
    verb_word: Option<&str>,
    user: &UserLexicon,
) -> Option<Subject> {
    subject_within(tokens, verb, verb_word, user, 0)
}

/// How many clauses back an elided subject is looked for ("X did a, b and c, and should
/// have…"); bounded so a very long sentence costs little.
const MAX_CLAUSES_BACK: usize = 3;

fn subject_within(
    tokens: &[Token<'_>],
    verb: usize,
    verb_word: Option<&str>,
    user: &UserLexicon,
    depth: usize,
) -> Option<Subject> {
    let (start, boundary) = clause_start(tokens, verb);
    let mut phrase: Vec<usize> = (start..verb).filter(|&i| tokens[i].is_word()).collect();
    if depth > 0 {
        // An earlier clause: its subject ends where its own verb starts.
        if let Some(v) = phrase.iter().position(|&i| is_past_verb(&tokens[i].lower())) {
            phrase.truncate(v);
        }
    }
    trim_fillers(tokens, &mut phrase);
    let relative = boundary.is_some_and(|b| matches!(tokens[b].lower().as_str(), "who" | "which" | "that"));
    let relative_clause = relative && (phrase.is_empty() || phrase.iter().any(|&i| is_past_verb(&tokens[i].lower())));
    if phrase.is_empty() || relative_clause {
        // "the engineer who should have…" / "the engineer who deployed it should have…":
        // the antecedent. "Dana restarted it and should have…": the earlier clause's subject.
        let b = boundary?;
        let word = tokens[b].lower();
        // "which" never stands for a person.
        if word == "which" {
            return None;
        }
        if word == "who" || (relative_clause && word == "that") {
            return noun_phrase_ending_at(tokens, b, verb_word, user).map(|s| Subject { elided: true, ..s });
        }
        if depth < MAX_CLAUSES_BACK && matches!(word.as_str(), "and" | "but" | "then" | "or" | "so" | "yet") {
            return subject_within(tokens, b, verb_word, user, depth + 1).map(|s| Subject { elided: true, ..s });
        }
        return None;
    }
    Some(classify_phrase(tokens, &phrase, verb_word, user))
}

/// Past-tense verbs ("deployed", "ran"): the end of a subject in an earlier clause.
fn is_past_verb(lower: &str) -> bool {
    (lower.len() > 4 && lower.ends_with("ed"))
        || crate::verbs::lookup(lower).is_some_and(|f| f.past == lower && f.base != lower)
}

fn trim_fillers(tokens: &[Token<'_>], phrase: &mut Vec<usize>) {
    // Drop fillers at either end ("Dana *probably* should have").
    while phrase.last().is_some_and(|&i| FILLERS.contains(&tokens[i].lower().as_str())) {
        phrase.pop();
    }
    while phrase.first().is_some_and(|&i| {
        let l = tokens[i].lower();
        FILLERS.contains(&l.as_str()) || tokens[i].text.chars().all(|c| c.is_ascii_digit())
    }) {
        phrase.remove(0);
    }
}

fn noun_phrase_ending_at(
    tokens: &[Token<'_>],
    end: usize,
    verb_word: Option<&str>,
    user: &UserLexicon,
) -> Option<Subject> {
    let mut phrase = Vec::new();
    let mut i = end;
    while i > end.saturating_sub(8) {
        i -= 1;
        let t = &tokens[i];
        if !t.is_word() || CLAUSE_BOUNDARIES.contains(&t.lower().as_str()) || lexicon::is_human_verb(&t.lower()) {
            break;
        }
        phrase.insert(0, i);
        if DETERMINERS.contains(&t.lower().as_str()) {
            break;
        }
    }
    (!phrase.is_empty()).then(|| classify_phrase(tokens, &phrase, verb_word, user))
}

/// Where the clause holding token `verb` starts, and the boundary token before it.
fn clause_start(tokens: &[Token<'_>], verb: usize) -> (usize, Option<usize>) {
    // Subjects are short; a clause with no boundary in 30 tokens has none we can use.
    const LOOK_BACK: usize = 30;
    let floor = verb.saturating_sub(LOOK_BACK);
    let mut i = verb;
    while i > floor {
        i -= 1;
        let t = &tokens[i];
        if !t.is_word() {
            if matches!(
                t.text,
                "," | ";"
                    | ":"
                    | "("
                    | ")"
                    | "\u{2014}"
                    | "\u{2013}"
                    | "\""
                    | "\u{201c}"
                    | "\u{201d}"
                    | "-"
                    | "!"
                    | "?"
            ) {
                return (i + 1, None);
            }
            continue;
        }
        if CLAUSE_BOUNDARIES.contains(&t.lower().as_str()) {
            return (i + 1, Some(i));
        }
    }
    (floor, None)
}

fn classify_phrase(tokens: &[Token<'_>], phrase: &[usize], verb_word: Option<&str>, user: &UserLexicon) -> Subject {
    let range = tokens[phrase[0]].start..tokens[*phrase.last().expect("non-empty")].end;
    // "Whoever merged the PR" is about a person, whatever follows.
    if tokens[phrase[0]].lower() == "whoever" {
        let t = &tokens[phrase[0]];
        return Subject { range, person: Some((PersonKind::Pronoun { singles_out: false }, t.range())), elided: false };
    }
    // The head comes before the first preposition; "one of the engineers" looks past it.
    let mut head_part: Vec<usize> = Vec::new();
    let mut k = 0;
    while k < phrase.len() {
        let i = phrase[k];
        let l = tokens[i].lower();
        if k > 0 && PHRASE_CUTS.contains(&l.as_str()) {
            let quantified =
                head_part.len() == 1 && QUANTIFIERS.contains(&tokens[head_part[0]].lower().as_str()) && l == "of";
            if quantified {
                head_part.clear();
                k += 1;
                continue;
            }
            break;
        }
        head_part.push(i);
        k += 1;
    }
    let person = classify_head(tokens, &head_part, verb_word, user);
    Subject { range, person, elided: false }
}

fn classify_head(
    tokens: &[Token<'_>],
    part: &[usize],
    verb_word: Option<&str>,
    user: &UserLexicon,
) -> Option<(PersonKind, Range<usize>)> {
    let &head = part.last()?;
    let t = &tokens[head];
    let lower = t.lower();
    let human_verb = verb_word.is_some_and(lexicon::is_human_verb);
    if user.allows(t.text) {
        return None;
    }
    if t.text.starts_with('@') {
        return Some((PersonKind::Handle, t.range()));
    }
    // A possessive head ("Dana's change") is about the thing, not the person.
    if lower.ends_with("'s") || lower.ends_with('\'') {
        return None;
    }
    let weak = WEAK_PERSONS.contains(&lower.as_str());
    if weak && !human_verb {
        return None;
    }
    if let Some(singles_out) = lexicon::pronoun(&lower) {
        // Only a lone pronoun is the subject ("we", not "we the people").
        if part.len() == 1 {
            return Some((PersonKind::Pronoun { singles_out }, t.range()));
        }
    }
    let first_lower = tokens[part[0]].lower();
    let determiner = DETERMINERS.contains(&first_lower.as_str());
    if lexicon::is_role(&lower) {
        return Some((PersonKind::Role, person_span(tokens, part)));
    }
    // Names: "Dana", "Dana Smith", "[Dana]".
    // Names: "Dana", "Dana Smith", "[Dana]"; a leading "On Friday" is not part of it.
    let name_run: Vec<usize> = part
        .iter()
        .rev()
        .take_while(|&&i| {
            tokens[i].is_capitalised()
                && (lexicon::is_first_name(tokens[i].text, user) || lexicon::could_be_name(tokens[i].text, user))
        })
        .copied()
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if let (Some(&first_name), true) = (name_run.first(), name_run.len() <= 3 && !determiner) {
        let span = tokens[first_name].start..t.end;
        let standalone = name_run.len() == part.len()
            || part[..part.len() - name_run.len()].iter().all(|&i| {
                let l = tokens[i].lower();
                tokens[i].is_capitalised() || FILLERS.contains(&l.as_str())
            });
        if standalone && (lexicon::is_first_name(tokens[first_name].text, user) || lexicon::is_first_name(t.text, user))
        {
            return Some((PersonKind::Name, span));
        }
        if standalone && human_verb && name_run.len() == part.len() && !looks_like_common_noun(&t.lower()) {
            return Some((PersonKind::ProperNoun, span));
        }
    }
    None
}

/// Capitalised common nouns at the start of a sentence ("Discussion", "Monitoring")
/// are not names; their endings give them away.
fn looks_like_common_noun(lower: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "tion", "sion", "ment", "ness", "ity", "ing", "ance", "ence", "ship", "ism", "ure", "ery", "ogy", "ics",
        "ings", "ers", "ors", "ists", "age", "ware", "work", "ions", "ents", "ties", "ies", "able", "ible", "ful",
        "less",
    ];
    SUFFIXES.iter().any(|s| lower.ends_with(s))
}

/// The span to replace when naming a role instead: from the determiner to the head.
fn person_span(tokens: &[Token<'_>], part: &[usize]) -> Range<usize> {
    tokens[part[0]].start..tokens[*part.last().expect("non-empty")].end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject_of(sentence: &str, verb_at: &str) -> Option<PersonKind> {
        let tokens = tokenize(sentence, 0..sentence.len());
        let at = sentence.find(verb_at).unwrap();
        let idx = tokens.iter().position(|t| t.start == at).unwrap();
        let verb = tokens[idx + 2..].iter().find(|t| t.is_word()).map(|t| t.lower());
        subject_before(&tokens, idx, verb.as_deref(), &UserLexicon::default()).and_then(|s| s.person.map(|p| p.0))
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
                    } else if matches!(n, '-' | '\'' | '\u{2019}' | '.') {
                        let after = text[j + n.len_utf8()..].chars().next();
                        let joins = after.is_some_and(is_word_char)
                            && (n != '.'
                                || text[start..end].chars().all(|c| c.is_ascii_digit() || c == '.' || c == 'v'));
                        if !joins {
                            break;
                        }
                        end = j + n.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
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
        assert_eq!(subject_of("Mariko should have checked", "should"), Some(PersonKind::ProperNoun));
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
