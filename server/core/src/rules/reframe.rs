//! Helpers shared by the reframing fixes: keeping capitalisation, choosing "a" or "an",
//! and refusing to rewrite text that holds markup.

use std::ops::Range;

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::document::Document;

/// `replacement` with its first letter capitalised when `original`'s is.
pub fn match_case(original: &str, replacement: &str) -> String {
    let upper = original.chars().next().is_some_and(char::is_uppercase);
    let all_upper = original.len() > 1 && original.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    if all_upper {
        return replacement.to_uppercase();
    }
    if upper {
        capitalise(replacement)
    } else {
        replacement.to_string()
    }
}

/// `replacement` capitalised when it starts a sentence, lower case otherwise: for
/// replacing names, which are capitalised wherever they stand.
pub fn case_for_position(starts_sentence: bool, replacement: &str) -> String {
    if starts_sentence {
        capitalise(replacement)
    } else {
        replacement.to_string()
    }
}

/// The first letter in upper case.
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "a" or "an" for the word that follows.
pub fn article_for(next_word: &str) -> &'static str {
    let lower = next_word.to_ascii_lowercase();
    let vowel_sound = lower.starts_with(['a', 'e', 'i', 'o'])
        || (lower.starts_with('u')
            && !lower.starts_with("uni")
            && !lower.starts_with("use")
            && !lower.starts_with("usu"))
        || lower.starts_with("hour")
        || lower.starts_with("honest");
    if vowel_sound {
        "an"
    } else {
        "a"
    }
}

/// An unsafe (meaning-changing) fix replacing `range`, offered only when the range is
/// plain prose, so no link, code or emphasis inside it is lost.
pub fn rewrite(doc: &Document<'_>, title: &str, range: Range<usize>, new_text: String) -> Option<Fix> {
    doc.is_plain_prose(range.clone()).then(|| Fix::new(title, Edit::replace(range, new_text), Applicability::Unsafe))
}

/// The range of a word plus the space after it (or before it, at the end of a clause), to
/// drop a word cleanly.
pub fn word_with_space(text: &str, word: Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    if bytes.get(word.end) == Some(&b' ') {
        word.start..word.end + 1
    } else if word.start > 0 && bytes[word.start - 1] == b' ' {
        word.start - 1..word.end
    } else {
        word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_articles() {
        assert_eq!(match_case("Dana", "the on-call engineer"), "The on-call engineer");
        assert_eq!(match_case("dana", "the on-call engineer"), "the on-call engineer");
        assert_eq!(match_case("POST-MORTEM", "incident debrief"), "INCIDENT DEBRIEF");
        assert_eq!(article_for("outage"), "an");
        assert_eq!(article_for("user"), "a");
        assert_eq!(article_for("hour"), "an");
        assert_eq!(article_for("change"), "a");
    }
}
