//! The shapes of SPEC 3's dates, times and zones, read by hand. These were regular
//! expressions (kept in the tests as this reader's oracle, with the property tests that
//! hold the two equal); reading a date's captures cost the backtracker about 12,000
//! instructions an entry, and building the patterns a third of a short `check`. The
//! reader follows the expressions' order of preference exactly: at each position the
//! first alternative that matches wins, optional parts are taken when they match, and a
//! repetition gives back what a later part needs, as a backtracking engine would.
//!
//! Everything here is ASCII: digits, spaces (`\t \n \x0B \x0C \r` and space, as the
//! expression's `\s`), word bytes (`[0-9A-Za-z_]`, for boundaries), and letters compared
//! without case except in the zone abbreviations and names.

use std::ops::Range;

/// Where each part of one date or time expression lies in the searched text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Parts {
    /// The whole expression.
    pub whole: Range<usize>,
    pub date: Option<DateParts>,
    pub four: Option<Four>,
    pub time: Option<TimeParts>,
    /// A zone after the time (`UTC`, `(PDT)`, `UTC+1`, `Europe/Berlin`, `(+02:00)`).
    pub zone: Option<Range<usize>>,
    /// The end of a range (`- 3:30 PM`): hour, minutes and meridiem.
    pub end: Option<TimeParts>,
}

/// Four digits right after an ISO date (`2022-02-02 1758`): hours and minutes.
pub(super) type Four = (Range<usize>, Range<usize>);

/// A date's numbers and names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum DateParts {
    /// `2026-03-01`, `2026/3/1`.
    Iso { year: Range<usize>, month: Range<usize>, day: Range<usize> },
    /// `07-27-2023`, `4/24/23`: month first, as the US writes it.
    Us { month: Range<usize>, day: Range<usize>, year: Range<usize> },
    /// `Mar 1`, `April 15, 2021`, `1 March 2026`, `5th MAY`.
    Named { month: Range<usize>, day: Range<usize>, year: Option<Range<usize>> },
}

/// A time of day: `14:32`, `14:32:05.123+01:00`, `2:32 p.m.`, or an hour and a meridiem
/// alone (`3pm`, where `minute` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TimeParts {
    pub hour: Range<usize>,
    pub minute: Option<Range<usize>>,
    pub second: Option<Range<usize>>,
    /// An ISO offset after the seconds (`Z`, `+01:00`).
    pub offset: Option<Range<usize>>,
    pub meridiem: Option<Range<usize>>,
}

/// Zone abbreviations as the reader tries them: longest first (`CEST` before `CET`), each
/// compared with its case; by their first letter, `A` to `Z`.
static ZONE_NAMES: std::sync::LazyLock<[Vec<&'static str>; 26]> = std::sync::LazyLock::new(|| {
    let mut names: Vec<&str> = super::ZONES.iter().map(|(n, _)| *n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    std::array::from_fn(|i| names.iter().copied().filter(|n| n.as_bytes()[0] == b'A' + i as u8).collect())
});

/// Each month's spellings, longest first.
const MONTHS: [&[&str]; 12] = [
    &["january", "jan"],
    &["february", "feb"],
    &["march", "mar"],
    &["april", "apr"],
    &["may"],
    &["june", "jun"],
    &["july", "jul"],
    &["august", "aug"],
    &["september", "sept", "sep"],
    &["october", "oct"],
    &["november", "nov"],
    &["december", "dec"],
];

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The first three letters of every spelling in [`MONTHS`] and [`WEEKDAYS`]: a word that
/// starts otherwise starts no date. Reading every word that began with one of their first
/// letters as a possible date took 1.0M of the 3.5M instructions `find_some` spent on the
/// test corpus's 158 debriefs.
const NAME_STARTS: [[u8; 3]; 19] = [
    *b"jan", *b"feb", *b"mar", *b"apr", *b"may", *b"jun", *b"jul", *b"aug", *b"sep", *b"oct", *b"nov", *b"dec",
    *b"mon", *b"tue", *b"wed", *b"thu", *b"fri", *b"sat", *b"sun",
];

/// Whether an expression may begin at `p` of `b`: a digit, or a month's or a weekday's
/// first three letters, in any case. [`Reader::may_start`] without the word boundary,
/// so true there (on the blanked text too: blanking only turns markers into spaces).
pub(super) fn may_begin(b: &[u8], p: usize) -> bool {
    b.get(p).is_some_and(u8::is_ascii_digit)
        || b.get(p..p + 3).is_some_and(|w| NAME_STARTS.contains(&[w[0] | 0x20, w[1] | 0x20, w[2] | 0x20]))
}

/// The first expression in `text` that starts at `from` or later: the leftmost start, and
/// there the expression's preferred reading.
pub(super) fn next(text: &str, from: usize) -> Option<Parts> {
    let reader = Reader { b: text.as_bytes() };
    (from..reader.b.len()).filter(|&p| reader.may_start(p)).find_map(|p| reader.at(p))
}

/// Where the first zone named in `text` is: an abbreviation (`PST`, as written), an
/// offset (`UTC+1`), an `Area/City` name, a region's time (`Pacific time`, `eastern
/// standard time`) or `utc` in any case, each as a whole word.
pub(super) fn zone_word(text: &str) -> Option<Range<usize>> {
    let reader = Reader { b: text.as_bytes() };
    // Each kind of name has its first letters: looking only where one may start is most
    // of the speed.
    (0..reader.b.len()).find_map(|p| {
        let first = reader.b[p];
        if !first.is_ascii_alphabetic() || !reader.boundary(p) {
            return None;
        }
        let mut end = None;
        if first.is_ascii_uppercase() {
            end = reader.zone_ends(p, false).find(|&end| reader.boundary(end));
        }
        if end.is_none() && b"pecmPECM".contains(&first) {
            end = reader.region_time(p);
        }
        if end.is_none() && reader.word_at(p, "utc") && reader.boundary(p + 3) {
            end = Some(p + 3);
        }
        end.map(|end| p..end)
    })
}

struct Reader<'t> {
    b: &'t [u8],
}

impl Reader<'_> {
    fn byte(&self, at: usize) -> Option<u8> {
        self.b.get(at).copied()
    }

    fn is(&self, at: usize, f: impl Fn(u8) -> bool) -> bool {
        self.byte(at).is_some_and(f)
    }

    fn digit(&self, at: usize) -> bool {
        self.is(at, |c| c.is_ascii_digit())
    }

    /// Whether `n` digits start at `at`.
    fn digits(&self, at: usize, n: usize) -> bool {
        (at..at + n).all(|k| self.digit(k))
    }

    fn word(&self, at: usize) -> bool {
        self.is(at, |c| c.is_ascii_alphanumeric() || c == b'_')
    }

    /// `\b` at `at`: a word byte on one side only.
    fn boundary(&self, at: usize) -> bool {
        let before = at.checked_sub(1).is_some_and(|k| self.word(k));
        before != self.word(at)
    }

    fn space(&self, at: usize) -> bool {
        self.is(at, |c| matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '))
    }

    /// Past the spaces from `at` (`\s*`).
    fn spaces(&self, mut at: usize) -> usize {
        while self.space(at) {
            at += 1;
        }
        at
    }

    /// Past one or more spaces from `at` (`\s+`).
    fn some_spaces(&self, at: usize) -> Option<usize> {
        let end = self.spaces(at);
        (end > at).then_some(end)
    }

    /// Whether `word` is written at `at`, in either case.
    fn word_at(&self, at: usize, word: &str) -> bool {
        self.b.get(at..at + word.len()).is_some_and(|w| w.eq_ignore_ascii_case(word.as_bytes()))
    }

    /// An ordinal suffix (`st`, `nd`, `rd`, `th`) at `at`.
    fn ordinal(&self, at: usize) -> bool {
        ["st", "nd", "rd", "th"].iter().any(|s| self.word_at(at, s))
    }

    /// Where a date or time may begin: a digit, or a word that starts as a month or a
    /// weekday does (see [`NAME_STARTS`]); no other word starts one.
    fn may_start(&self, p: usize) -> bool {
        // `| 0x20` lowercases a letter and turns no other byte into one.
        let name =
            || self.b.get(p..p + 3).is_some_and(|w| NAME_STARTS.contains(&[w[0] | 0x20, w[1] | 0x20, w[2] | 0x20]));
        self.digit(p) || self.is(p, |c| c.is_ascii_alphabetic()) && self.boundary(p) && name()
    }

    /// The expression starting at `p`, if one does.
    fn at(&self, p: usize) -> Option<Parts> {
        // `Monday, ` before a date: taken only when a date or time follows.
        self.weekday(p).and_then(|q| self.main(p, q)).or_else(|| self.main(p, p))
    }

    /// A weekday and what separates it from the date: `Wed `, `Monday, `.
    fn weekday(&self, p: usize) -> Option<usize> {
        if !self.boundary(p) || !WEEKDAYS.iter().any(|d| self.word_at(p, d)) {
            return None;
        }
        let mut q = p + 3;
        while self.is(q, |c| c.is_ascii_alphabetic()) {
            q += 1;
        }
        if self.byte(q) == Some(b',') {
            if let Some(end) = self.some_spaces(q + 1) {
                return Some(end);
            }
        }
        self.some_spaces(q)
    }

    /// A date (and the time after it) or a time alone at `q`, then a zone and a range's end;
    /// the expression spans from `start`.
    fn main(&self, start: usize, q: usize) -> Option<Parts> {
        let mut parts = Parts::default();
        let mut end = if let Some((date, four, e)) = self.date(q) {
            parts.date = Some(date);
            parts.four = four;
            match self.time_after_date(e) {
                Some((time, e)) => {
                    parts.time = Some(time);
                    e
                }
                None => e,
            }
        } else if self.boundary(q) {
            let (time, e) = self.time(q)?;
            parts.time = Some(time);
            e
        } else {
            return None;
        };
        if let Some((zone, e)) = self.zone(end) {
            parts.zone = Some(zone);
            end = e;
        }
        if let Some((range_end, e)) = self.range_end(end) {
            parts.end = Some(range_end);
            end = e;
        }
        parts.whole = start..end;
        Some(parts)
    }

    /// The four shapes of date, in the order they are preferred.
    fn date(&self, p: usize) -> Option<(DateParts, Option<Four>, usize)> {
        if let Some(found) = self.iso(p) {
            return Some(found);
        }
        self.us(p).or_else(|| self.month_day(p)).or_else(|| self.day_month(p)).map(|(date, e)| (date, None, e))
    }

    /// `2026-03-01` or `2026/3/1`, and four digits of time after it (`2022-02-02 1758`).
    fn iso(&self, p: usize) -> Option<(DateParts, Option<Four>, usize)> {
        if !self.digits(p, 4) || !self.date_separator(p + 4) {
            return None;
        }
        let m = p + 5;
        let (month, d) = [2, 1]
            .into_iter()
            .find_map(|n| (self.digits(m, n) && self.date_separator(m + n)).then(|| (m..m + n, m + n + 1)))?;
        let n = [2, 1].into_iter().find(|&n| self.digits(d, n))?;
        let (day, end) = (d..d + n, d + n);
        let date = DateParts::Iso { year: p..p + 4, month, day };
        // `\s+([01]\d|2[0-3])([0-5]\d)\b`
        let four = self.some_spaces(end).filter(|&h| {
            let hour = matches!(self.byte(h), Some(b'0' | b'1')) && self.digit(h + 1)
                || self.byte(h) == Some(b'2') && self.is(h + 1, |c| (b'0'..=b'3').contains(&c));
            hour && self.is(h + 2, |c| (b'0'..=b'5').contains(&c)) && self.digit(h + 3) && self.boundary(h + 4)
        });
        Some(match four {
            Some(h) => (date, Some((h..h + 2, h + 2..h + 4)), h + 4),
            None => (date, None, end),
        })
    }

    /// `07-27-2023`, `4/24/23`.
    fn us(&self, p: usize) -> Option<(DateParts, usize)> {
        if !self.boundary(p) {
            return None;
        }
        for m in [2, 1] {
            if !(self.digits(p, m) && self.date_separator(p + m)) {
                continue;
            }
            let d = p + m + 1;
            for n in [2, 1] {
                if !(self.digits(d, n) && self.date_separator(d + n)) {
                    continue;
                }
                let y = d + n + 1;
                if let Some(len) = [4, 2].into_iter().find(|&len| self.digits(y, len) && self.boundary(y + len)) {
                    return Some((DateParts::Us { month: p..p + m, day: d..d + n, year: y..y + len }, y + len));
                }
            }
        }
        None
    }

    /// The spellings of a month that start at `p`, preferred first.
    fn months(&self, p: usize) -> impl Iterator<Item = usize> + '_ {
        // Every spelling of a month starts with its shortest.
        let month = MONTHS.iter().find(|forms| forms.last().is_some_and(|short| self.word_at(p, short)));
        month.into_iter().flat_map(|forms| forms.iter()).filter(move |f| self.word_at(p, f)).map(move |f| p + f.len())
    }

    /// `, 2021` after a named date (`,?\s+\d{4}\b`).
    fn year_after(&self, at: usize) -> Option<Range<usize>> {
        let comma = (self.byte(at) == Some(b',')).then_some(at + 1);
        comma.into_iter().chain([at]).find_map(|c| {
            let y = self.some_spaces(c)?;
            (self.digits(y, 4) && self.boundary(y + 4)).then_some(y..y + 4)
        })
    }

    /// Day numbers at `at` with an optional ordinal (`1`, `12th`): where each reading
    /// ends, preferred first, with the day's range.
    fn days(&self, at: usize) -> impl Iterator<Item = (Range<usize>, usize)> + '_ {
        [2, 1].into_iter().filter(move |&n| self.digits(at, n)).flat_map(move |n| {
            let day = at..at + n;
            let ordinal = self.ordinal(at + n).then_some(at + n + 2);
            ordinal.into_iter().chain([at + n]).map(move |e| (day.clone(), e))
        })
    }

    /// `Mar 1`, `April 15, 2021`, `Sept. 3rd`.
    fn month_day(&self, p: usize) -> Option<(DateParts, usize)> {
        if !self.boundary(p) {
            return None;
        }
        for m in self.months(p) {
            let dot = (self.byte(m) == Some(b'.')).then_some(m + 1);
            for after in dot.into_iter().chain([m]) {
                let Some(d) = self.some_spaces(after) else { continue };
                if let Some((day, e)) = self.days(d).find(|(_, e)| self.boundary(*e)) {
                    let year = self.year_after(e);
                    let end = year.as_ref().map_or(e, |y| y.end);
                    return Some((DateParts::Named { month: p..m, day, year }, end));
                }
            }
        }
        None
    }

    /// `1 March 2026`, `5th MAY`, `4 Dec. 2019`.
    fn day_month(&self, p: usize) -> Option<(DateParts, usize)> {
        if !self.boundary(p) {
            return None;
        }
        for (day, e) in self.days(p) {
            // "14/Apr/25 9:12 AM", as an issue tracker exports it.
            if self.byte(e) == Some(b'/') {
                let slashed = self.months(e + 1).find(|&me| self.byte(me) == Some(b'/'));
                // (Not a web server log's "29/Jun/2022:03:28:53", which the pattern never read.)
                let year = slashed.and_then(|me| {
                    [4, 2]
                        .into_iter()
                        .find(|&n| {
                            self.digits(me + 1, n) && self.byte(me + 1 + n).is_none_or(|b| b == b' ' || b == b'|')
                        })
                        .map(|n| (me, n))
                });
                if let Some((me, n)) = year {
                    return Some((
                        DateParts::Named { month: e + 1..me, day, year: Some(me + 1..me + 1 + n) },
                        me + 1 + n,
                    ));
                }
            }
            let Some(m) = self.some_spaces(e) else { continue };
            if let Some(me) = self.months(m).find(|&me| self.boundary(me)) {
                let after = if self.byte(me) == Some(b'.') { me + 1 } else { me };
                let year = self.year_after(after);
                let end = year.as_ref().map_or(after, |y| y.end);
                return Some((DateParts::Named { month: m..me, day, year }, end));
            }
        }
        None
    }

    /// A time after a date: `T14:32`, ` 14:32`, `, at 2 pm`, `, from 14:40 to 16:10` (a
    /// range's start), `: 7:56am` (a date on a line of its own with the time after a
    /// colon: "February 15, 2024: 7:56am UTC").
    fn time_after_date(&self, e: usize) -> Option<(TimeParts, usize)> {
        if self.is(e, |c| c == b'T' || c == b't') {
            if let Some(found) = self.time(e + 1) {
                return Some(found);
            }
        }
        let comma = matches!(self.byte(e), Some(b',' | b':')).then_some(e + 1);
        comma.into_iter().chain([e]).find_map(|c| {
            let k = self.some_spaces(c)?;
            let at = match () {
                _ if self.word_at(k, "at") => self.some_spaces(k + 2),
                _ if self.word_at(k, "from") => self.some_spaces(k + 4),
                _ => None,
            };
            at.and_then(|a| self.time(a)).or_else(|| self.time(k))
        })
    }

    /// Hours and minutes (`14:32`, `14h32`, with seconds, a fraction and an ISO offset),
    /// then a meridiem; or an hour and a meridiem alone (`3pm`).
    fn time(&self, p: usize) -> Option<(TimeParts, usize)> {
        if let Some(n) = self.clock(p) {
            let mut end = p + n + 3;
            let mut time =
                TimeParts { hour: p..p + n, minute: Some(p + n + 1..end), second: None, offset: None, meridiem: None };
            if self.byte(end) == Some(b':') && self.digits(end + 1, 2) {
                time.second = Some(end + 1..end + 3);
                end += 3;
                if self.byte(end) == Some(b'.') && self.digit(end + 1) {
                    end += 1;
                    while self.digit(end) {
                        end += 1;
                    }
                }
                if let Some(e) = self.iso_offset(end) {
                    time.offset = Some(end..e);
                    end = e;
                }
            }
            if let Some(m) = self.meridiem(end) {
                end = m.end;
                time.meridiem = Some(m);
            }
            return Some((time, end));
        }
        // "9.40am", "10.05 p.m.": a dotted clock, only with its meridiem (a bare "9.40" is a
        // number).
        let dotted = [2, 1].into_iter().find(|&n| {
            self.digits(p, n) && self.byte(p + n) == Some(b'.') && self.digits(p + n + 1, 2) && !self.digit(p + n + 3)
        });
        if let Some((n, m)) = dotted.and_then(|n| self.meridiem(p + n + 3).map(|m| (n, m))) {
            let end = m.end;
            let time = TimeParts {
                hour: p..p + n,
                minute: Some(p + n + 1..p + n + 3),
                second: None,
                offset: None,
                meridiem: Some(m),
            };
            return Some((time, end));
        }
        [2, 1].into_iter().filter(|&n| self.digits(p, n)).find_map(|n| {
            let k = self.spaces(p + n);
            let ap =
                self.is(k, |c| matches!(c, b'a' | b'p' | b'A' | b'P')) && self.is(k + 1, |c| c == b'm' || c == b'M');
            (ap && !self.word(k + 2)).then(|| {
                let time =
                    TimeParts { hour: p..p + n, minute: None, second: None, offset: None, meridiem: Some(k..k + 2) };
                (time, k + 2)
            })
        })
    }

    /// `-` or `/` between a date's numbers.
    fn date_separator(&self, at: usize) -> bool {
        self.is(at, |c| c == b'-' || c == b'/')
    }

    /// Hours and minutes at `p` (`14:32`, `9h05`): how many digits the hour has.
    fn clock(&self, p: usize) -> Option<usize> {
        [2, 1].into_iter().find(|&n| {
            self.digits(p, n) && self.is(p + n, |c| matches!(c, b':' | b'h' | b'H')) && self.digits(p + n + 1, 2)
        })
    }

    /// `Z` or `+01:00` / `-0530` right after seconds.
    fn iso_offset(&self, at: usize) -> Option<usize> {
        match self.byte(at)? {
            b'Z' | b'z' => Some(at + 1),
            b'+' | b'-' if self.digits(at + 1, 2) => self.two_digits_after(at + 3),
            _ => None,
        }
    }

    /// `:?\d{2}` at `at`: the colon taken when two digits follow it.
    fn two_digits_after(&self, at: usize) -> Option<usize> {
        if self.byte(at) == Some(b':') && self.digits(at + 1, 2) {
            Some(at + 3)
        } else {
            self.digits(at, 2).then_some(at + 2)
        }
    }

    /// `\s*[ap]\.?m\b\.?` at `at`: ` PM`, `a.m.`.
    fn meridiem(&self, at: usize) -> Option<Range<usize>> {
        let k = self.spaces(at);
        if !self.is(k, |c| matches!(c, b'a' | b'p' | b'A' | b'P')) {
            return None;
        }
        let m = if self.byte(k + 1) == Some(b'.') { k + 2 } else { k + 1 };
        if !self.is(m, |c| c == b'm' || c == b'M') || self.word(m + 1) {
            return None;
        }
        let end = if self.byte(m + 1) == Some(b'.') { m + 2 } else { m + 1 };
        Some(k..end)
    }

    /// A zone after a time: ` UTC`, ` (PDT)`, `UTC+5:30`, ` Europe/Berlin`, ` (+02:00)`.
    fn zone(&self, e: usize) -> Option<(Range<usize>, usize)> {
        let k = self.spaces(e);
        let z = if self.byte(k) == Some(b'(') { self.spaces(k + 1) } else { k };
        if let Some(end) = self.zone_ends(z, true).find(|&end| self.boundary(end)) {
            let close = if self.byte(end) == Some(b')') { end + 1 } else { end };
            return Some((z..end, close));
        }
        // An offset alone after a space, as logs print it: `13:41 +0545`, `+05:45`; with a
        // minus only as four digits (`-0800`: ` -08:00` may end a range).
        if k > e && z == k {
            let end = match self.byte(z) {
                Some(b'+') if self.digits(z + 1, 2) => self.two_digits_after(z + 3),
                Some(b'-') if self.digits(z + 1, 4) => Some(z + 5),
                _ => None,
            };
            return end.filter(|&end| !self.word(end)).map(|end| (z..end, end));
        }
        // An offset in parentheses: `(+02:00)`.
        if self.byte(k) != Some(b'(') || !self.is(z, |c| c == b'+' || c == b'-') || !self.digits(z + 1, 2) {
            return None;
        }
        let end = self.two_digits_after(z + 3)?;
        let close = self.spaces(end);
        (self.byte(close) == Some(b')')).then_some((z..end, close + 1))
    }

    /// Where a zone starting at `z` may end, preferred first: `UTC+1`-like offsets (in
    /// any case when `any_case`), the abbreviations (as written), then `Area/City` names.
    fn zone_ends(&self, z: usize, any_case: bool) -> impl Iterator<Item = usize> + '_ {
        let named =
            |name: &str| if any_case { self.word_at(z, name) } else { self.b[z..].starts_with(name.as_bytes()) };
        let offset = (named("UTC") || named("GMT")) && self.is(z + 3, |c| c == b'+' || c == b'-');
        let offsets = [2, 1].into_iter().filter(move |&n| offset && self.digits(z + 4, n)).flat_map(move |n| {
            let h = z + 4 + n;
            let colon = (self.byte(h) == Some(b':') && self.digits(h + 1, 2)).then_some(h + 3);
            let plain = self.digits(h, 2).then_some(h + 2);
            colon.into_iter().chain(plain).chain([h])
        });
        let letter = self.byte(z).filter(u8::is_ascii_uppercase).map(|c| usize::from(c - b'A'));
        let names = letter.into_iter().flat_map(|i| ZONE_NAMES[i].iter());
        let names = names.filter(move |n| self.b[z..].starts_with(n.as_bytes())).map(move |n| z + n.len());
        offsets.chain(names).chain(self.area_city(z))
    }

    /// `[A-Z][a-z]+/[A-Z][A-Za-z_]+` or `US/[A-Z]…` at `z` (`Europe/Berlin`, `US/Pacific`): its end
    /// (shorter ends would have a word byte after them, where no boundary can be).
    fn area_city(&self, z: usize) -> Option<usize> {
        let upper = |at: usize| self.is(at, |c| c.is_ascii_uppercase());
        if !upper(z) {
            return None;
        }
        // The areas of the time zone database ("Date/Time" in a table header is none).
        const AREAS: &[&[u8]] = &[
            b"Africa",
            b"America",
            b"Antarctica",
            b"Arctic",
            b"Asia",
            b"Atlantic",
            b"Australia",
            b"Europe",
            b"Indian",
            b"Pacific",
            b"Etc",
            b"US",
            b"Canada",
            b"Brazil",
            b"Mexico",
            b"Chile",
        ];
        let area = AREAS.iter().find(|a| self.b[z..].starts_with(a) && self.byte(z + a.len()) == Some(b'/'))?;
        let k = z + area.len();
        if k == z + 1 || self.byte(k) != Some(b'/') || !upper(k + 1) {
            return None;
        }
        let city = k + 2;
        let mut end = city;
        while self.is(end, |c| c.is_ascii_alphabetic() || c == b'_') {
            end += 1;
        }
        (end > city).then_some(end)
    }

    /// A region's time at `p`: `Pacific time`, `eastern standard time`, in any case.
    fn region_time(&self, p: usize) -> Option<usize> {
        let region = ["pacific", "eastern", "central", "mountain"].into_iter().find(|w| self.word_at(p, w))?;
        let k = self.some_spaces(p + region.len())?;
        let kind = ["standard", "daylight"].into_iter().find(|w| self.word_at(k, w));
        let after_kind = kind.and_then(|w| self.some_spaces(k + w.len()));
        after_kind.into_iter().chain([k]).find(|&t| self.word_at(t, "time") && self.boundary(t + 4)).map(|t| t + 4)
    }

    /// The end of a range: ` - 3:30 PM`, `–14:40`, ` to 15:00`, ` until 9h15`.
    fn range_end(&self, e: usize) -> Option<(TimeParts, usize)> {
        let k = self.spaces(e);
        let sep = if self.byte(k) == Some(b'-') {
            k + 1
        } else if self.b[k..].starts_with("\u{2013}".as_bytes()) || self.b[k..].starts_with("\u{2014}".as_bytes()) {
            k + 3
        } else if self.word_at(k, "to") {
            k + 2
        } else if self.word_at(k, "until") {
            k + 5
        } else {
            return None;
        };
        let h = self.spaces(sep);
        if !self.boundary(h) {
            return None;
        }
        let n = self.clock(h)?;
        let mut end = h + n + 3;
        let minute = h + n + 1..end;
        if self.byte(end) == Some(b':') && self.digits(end + 1, 2) {
            end += 3;
        }
        let meridiem = self.meridiem(end);
        let end = meridiem.as_ref().map_or(end, |m| m.end);
        Some((TimeParts { hour: h..h + n, minute: Some(minute), second: None, offset: None, meridiem }, end))
    }
}

#[cfg(test)]
mod tests {
    use super::{MONTHS, NAME_STARTS, WEEKDAYS};

    #[test]
    fn every_month_and_weekday_starts_as_one_of_the_name_starts() {
        for name in MONTHS.iter().flat_map(|forms| forms.iter()).chain(&WEEKDAYS) {
            let start: [u8; 3] = name.as_bytes()[..3].try_into().expect("three letters");
            assert!(NAME_STARTS.contains(&start), "{name}");
        }
    }
}
