//! The regular expressions that read dates, times and zones before [`super::reader`] did,
//! kept as its oracle: the property tests hold the reader's parts to these patterns'
//! captures.

use std::ops::Range;
use std::sync::LazyLock;

use regex_automata::meta::Regex;
use regex_automata::util::primitives::PatternID;
use regex_automata::{Anchored, Input};

use super::reader::{DateParts, Parts, TimeParts};
use super::ZONES;
use crate::pattern;

fn zone_alternatives() -> String {
    let mut names: Vec<&str> = ZONES.iter().map(|(n, _)| *n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.join("|")
}

static ZONE_WORD_RE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(&format!(
        r"(?x-u)\b(?:(?:UTC|GMT)[+-]\d{{1,2}}(?::?\d{{2}})?|{}|(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc|US|Canada|Brazil|Mexico|Chile)/[A-Z][A-Za-z_]+)\b|(?i:\b(?:pacific|eastern|central|mountain)\s+(?:standard\s+|daylight\s+)?time\b)|(?i:\butc\b)",
        zone_alternatives()
    ))
});

/// Where the first zone named in `text` is, as the pattern finds it.
pub(super) fn zone_word(text: &str) -> Option<Range<usize>> {
    ZONE_WORD_RE.find(text).map(|m| m.range())
}

const MONTH: &str = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

/// The time-of-day part, with its groups suffixed so it can appear twice in one pattern
/// (after a date, or alone).
fn time_pattern(p: &str) -> String {
    format!(
        r"(?:(?P<{p}h>\d{{1,2}})[:h](?P<{p}m>\d{{2}})(?::(?P<{p}s>\d{{2}})(?:\.\d+)?(?P<{p}off>Z|[+-]\d{{2}}:?\d{{2}})?)?(?:\s*(?P<{p}ap>[ap]\.?m\b\.?))?
          | (?P<{p}h2>\d{{1,2}})\s*(?P<{p}ap2>[ap]m)\b)"
    )
}

/// One pattern for every shape: a date with an optional time, or a time alone; then an
/// optional zone and range end. It never matches the empty string, so the regex engine
/// can skip quickly to the digits and month names where a match may start.
static TIME_RE: LazyLock<Regex> = LazyLock::new(|| {
    let zone = format!(
        r"(?:UTC|GMT)[+-]\d{{1,2}}(?::?\d{{2}})?|(?-i:{}|(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc|US|Canada|Brazil|Mexico|Chile)/[A-Z][A-Za-z_]+)",
        zone_alternatives()
    );
    // ASCII classes (`(?-u)`): digits, spaces and word boundaries here are ASCII, and
    // Unicode classes would make the pattern several times larger to compile.
    let pattern = format!(
        r"(?ix-u)
        (?:\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?
        (?:
          (?:
            (?P<iy>\d{{4}})[-/](?P<im>\d{{1,2}})[-/](?P<id>\d{{1,2}})(?:\s+(?P<h4>[01]\d|2[0-3])(?P<m4>[0-5]\d)\b)?
          | \b(?P<um>\d{{1,2}})[/-](?P<ud>\d{{1,2}})[/-](?P<uy>\d{{4}}|\d{{2}})\b
          | \b(?P<mon>{MONTH})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<my>\d{{4}})\b)?
          | \b(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dmon>{MONTH})\b\.?(?:,?\s+(?P<dy>\d{{4}})\b)?
          )
          (?:(?:T|[,:]?\s+(?:(?:at|from)\s+)?){date_time})?
        | \b{time}
        )
        (?:\s*\(?\s*(?P<zone>{zone})\b\)?|\s*\(\s*(?P<pzone>[+-]\d{{2}}:?\d{{2}})\s*\)|\s+(?P<bzone>\+\d{{2}}:?\d{{2}}|-\d{{4}})\b)?
        (?:\s*(?:-|(?u:–|—)|to|until)\s*(?:\b(?P<eh>\d{{1,2}})[:h](?P<em>\d{{2}})(?::\d{{2}})?(?:\s*(?P<eap>[ap]\.?m\b\.?))?))?
        ",
        date_time = time_pattern(""),
        time = time_pattern("t"),
    );
    pattern::build(&pattern)
});

/// Every expression in `text` as the pattern reads it: each match found with the lazy
/// DFA, then its groups read on that stretch (as the analysis did), in order.
pub(super) fn all_parts(text: &str) -> Vec<Parts> {
    let names: std::collections::HashMap<&str, usize> = TIME_RE
        .group_info()
        .pattern_names(PatternID::ZERO)
        .enumerate()
        .filter_map(|(i, n)| n.map(|n| (n, i)))
        .collect();
    let mut caps = TIME_RE.create_captures();
    let mut input = Input::new(text);
    let mut out = Vec::new();
    while let Some(found) = TIME_RE.find(input.clone()) {
        input.set_start(found.end().max(found.start() + 1));
        let span = Input::new(&text[..found.end()]).range(found.start()..).anchored(Anchored::Yes);
        TIME_RE.search_captures(&span, &mut caps);
        let get = |n: &str| caps.get_group(names[n]).map(|s| s.range());
        // Time groups appear twice (after a date, or alone); take whichever matched.
        let either = |n: &str| get(n).or_else(|| get(&format!("t{n}")));
        let whole = caps.get_group(0).expect("a match has a whole").range();
        let date = if let Some(year) = get("iy") {
            Some(DateParts::Iso { year, month: get("im").unwrap(), day: get("id").unwrap() })
        } else if let Some(month) = get("um") {
            Some(DateParts::Us { month, day: get("ud").unwrap(), year: get("uy").unwrap() })
        } else if let Some(month) = get("mon") {
            Some(DateParts::Named { month, day: get("md").unwrap(), year: get("my") })
        } else {
            get("dmon").map(|month| DateParts::Named { month, day: get("dd").unwrap(), year: get("dy") })
        };
        let time = if let Some(hour) = either("h") {
            Some(TimeParts {
                hour,
                minute: either("m"),
                second: either("s"),
                offset: either("off"),
                meridiem: either("ap"),
            })
        } else {
            either("h2").map(|hour| TimeParts {
                hour,
                minute: None,
                second: None,
                offset: None,
                meridiem: either("ap2"),
            })
        };
        out.push(Parts {
            whole,
            date,
            four: get("h4").zip(get("m4")),
            time,
            zone: get("zone").or_else(|| get("pzone")).or_else(|| get("bzone")),
            end: get("eh").map(|hour| TimeParts {
                hour,
                minute: get("em"),
                second: None,
                offset: None,
                meridiem: get("eap"),
            }),
        });
    }
    out
}
