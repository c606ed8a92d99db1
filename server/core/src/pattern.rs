//! How the analysis builds its regular expressions. `check` of one small debrief is a
//! process that lives a few milliseconds, and building these patterns with the `regex`
//! crate took more of them than the analysis did: most of its build went to looking for
//! literals to search for first, which these patterns (alternations of digits, names and
//! words) do not have in a useful form. The lazy DFA alone searches them as fast.

use regex_automata::meta::Regex;

/// Builds `pattern` with every capture group, without a literal prefilter.
pub(crate) fn build(pattern: &str) -> Regex {
    let config = Regex::config().auto_prefilter(false).hybrid_cache_capacity(8 << 20);
    Regex::builder().configure(config).build(pattern).unwrap_or_else(|e| panic!("pattern {pattern:?}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_patterns_that_find_and_capture() {
        let re = build(r"(?-u)\b(?P<h>\d{1,2}):(?P<m>\d{2})\b");
        let text = "at 9:05 and 10:30";
        let found: Vec<_> = re.find_iter(text).map(|m| &text[m.range()]).collect();
        assert_eq!(found, ["9:05", "10:30"]);
        let mut caps = re.create_captures();
        re.captures(text, &mut caps);
        assert_eq!(caps.get_group_by_name("m").map(|s| &text[s.range()]), Some("05"));
    }
}
