//! Recognising times and dates in the shapes debriefs write them (SPEC 3):
//! `14:32`, `14:32:05`, `2:32 PM`, `14:32 UTC`, `2026-03-01 14:32`,
//! `2026-03-01T14:32:00Z`, `Mar 1 14:32`, `April 15, 2021`, `1 March 2026`, and ranges
//! such as `12:41 PM - 3:30 PM`. Calendar arithmetic is jiff's.

#[cfg(test)]
mod oracle;
mod reader;

use std::ops::Range;

use jiff::civil::{Date, DateTime, Time};

use reader::{DateParts, Parts, TimeParts};

/// A time zone as written next to a time or declared for a timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    /// The zone as written (`UTC`, `PDT`, `+01:00`, `Europe/Berlin`).
    pub name: String,
    /// Its offset from UTC in minutes, when the name fixes one.
    pub offset_minutes: Option<i32>,
}

impl Zone {
    /// The IANA name of a zone whose offset changes with daylight saving: an IANA name as
    /// written (`Europe/Berlin`, `US/Pacific`), a region's time ("Pacific time") or its
    /// two-letter abbreviation (PT, ET, CT, MT).
    pub fn iana_name(&self) -> Option<&str> {
        if self.name.contains('/') {
            return Some(&self.name);
        }
        let lower = self.name.to_ascii_lowercase();
        let region = |r: &str| lower.starts_with(r) && lower.ends_with("time");
        Some(if region("pacific") || self.name == "PT" {
            "America/Los_Angeles"
        } else if region("eastern") || self.name == "ET" {
            "America/New_York"
        } else if region("central") || self.name == "CT" {
            "America/Chicago"
        } else if region("mountain") || self.name == "MT" {
            "America/Denver"
        } else {
            return None;
        })
    }

    /// Its offset from UTC in minutes at `at` (a civil time in the zone), for a zone with
    /// daylight saving; a fixed offset (UTC, +02:00, PDT) whatever `at`. Without `at`, a
    /// zone with daylight saving gives its offset on 1 January.
    pub fn offset_at(&self, at: Option<DateTime>) -> Option<i32> {
        if let Some(name) = self.iana_name() {
            let tz = jiff::tz::TimeZone::get(name).ok()?;
            let at = at.unwrap_or(Date::constant(2000, 1, 1).to_datetime(Time::midnight()));
            let zoned = at.to_zoned_datetime(tz).ok()?;
            return Some(zoned.offset().seconds() / 60);
        }
        self.offset_minutes
    }
}

/// The zone a city names ("Helsinki", "new_york"): `Region/City` from the time-zone
/// database, the regions tried in the order below when two share a city. Read from the
/// database once: a note about the times asks of each of its capitalised words, and asking
/// the database for eight region names a word cost more than reading the note.
pub fn zone_of_city(city: &str) -> Option<&'static str> {
    const REGIONS: [&str; 8] = ["Europe", "America", "Asia", "Africa", "Australia", "Pacific", "Atlantic", "Indian"];
    static CITIES: std::sync::LazyLock<std::collections::HashMap<String, String>> = std::sync::LazyLock::new(|| {
        let names: Vec<String> = jiff::tz::db().available().map(|n| n.as_str().to_string()).collect();
        let mut cities = std::collections::HashMap::new();
        for region in REGIONS {
            for name in &names {
                if let Some(city) = name.strip_prefix(region).and_then(|r| r.strip_prefix('/')) {
                    if !city.contains('/') {
                        cities.entry(city.to_ascii_lowercase()).or_insert_with(|| name.clone());
                    }
                }
            }
        }
        cities
    });
    CITIES.get(&city.to_ascii_lowercase()).map(String::as_str)
}

/// A date and/or time found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpr {
    /// Where it was found, in bytes of the searched text.
    pub range: Range<usize>,
    /// The calendar date, when written. A date written without a year has `year_known`
    /// false and the year 2000.
    pub date: Option<Date>,
    /// Whether the date carried its year.
    pub year_known: bool,
    /// The time of day, when written.
    pub time: Option<Time>,
    /// The zone written next to it.
    pub zone: Option<Zone>,
    /// The end of a range (`14:20-14:40`), when written.
    pub end_time: Option<Time>,
    /// The date read the other way round, for a numeric date that reads both as month
    /// first and as day first (`03/04/2025`): `date` is the month-first reading, and the
    /// document's other dates decide (see [`DateOrder`]).
    pub day_first: Option<Date>,
    /// For a numeric date that reads only one way, which way that was.
    pub numeric_reading: Option<NumericReading>,
}

/// Which way a document writes numeric dates, from the ones that read only one way
/// (`13/03/2025` is day first, `03/13/2025` month first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// `03/04/2025` is 4 March.
    MonthFirst,
    /// `03/04/2025` is 3 April.
    DayFirst,
    /// Nothing says: a date that reads both ways is not used for ordering.
    Unknown,
}

impl DateOrder {
    /// The order the numeric dates of `text` show, if they show one and only one.
    pub fn of_text(text: &str) -> DateOrder {
        DateOrder::of_readings(
            find_all(text).into_iter().filter(|t| t.day_first.is_none()).filter_map(|t| t.numeric_reading),
        )
    }

    /// The order the one-way readings of numeric dates show, if they show one and only one.
    pub fn of_readings(readings: impl IntoIterator<Item = NumericReading>) -> DateOrder {
        let (mut month_first, mut day_first) = (false, false);
        for reading in readings {
            match reading {
                NumericReading::MonthFirst => month_first = true,
                NumericReading::DayFirst => day_first = true,
            }
        }
        match (month_first, day_first) {
            (true, false) => DateOrder::MonthFirst,
            (false, true) => DateOrder::DayFirst,
            _ => DateOrder::Unknown,
        }
    }
}

/// How a numeric date that reads only one way was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericReading {
    /// The month came first (`03/13/2025`).
    MonthFirst,
    /// The day came first (`13/03/2025`).
    DayFirst,
}

impl TimeExpr {
    /// A time of day alone, at `range`, in `zone` if one was written with it.
    pub fn time_of_day(range: Range<usize>, time: Time, zone: Option<Zone>) -> TimeExpr {
        TimeExpr {
            range,
            date: None,
            year_known: true,
            time: Some(time),
            zone,
            end_time: None,
            day_first: None,
            numeric_reading: None,
        }
    }

    /// The date and time, with the date defaulting to `fallback` and the time to midnight.
    pub fn datetime_on(&self, fallback: Date) -> DateTime {
        self.date.unwrap_or(fallback).to_datetime(self.time.unwrap_or(Time::midnight()))
    }
}

/// Zone abbreviations with fixed offsets (minutes east of UTC). Ambiguous ones
/// (IST, CST) take their most common meaning in English-language debriefs.
const ZONES: &[(&str, i32)] = &[
    ("UTC", 0),
    ("GMT", 0),
    ("Z", 0),
    ("WET", 0),
    ("BST", 60),
    ("IST", 330),
    ("CET", 60),
    ("CEST", 120),
    // German: Mitteleuropäische (Sommer)zeit.
    ("MEZ", 60),
    ("MESZ", 120),
    ("WEST", 60),
    ("EET", 120),
    ("EEST", 180),
    ("MSK", 180),
    ("PST", -480),
    ("PDT", -420),
    ("PT", -480),
    ("MST", -420),
    ("MDT", -360),
    ("CST", -360),
    ("CDT", -300),
    ("EST", -300),
    ("EDT", -240),
    ("ET", -300),
    ("AKST", -540),
    ("AKDT", -480),
    ("HST", -600),
    ("JST", 540),
    ("KST", 540),
    ("SGT", 480),
    ("HKT", 480),
    ("AEST", 600),
    ("AEDT", 660),
    ("AWST", 480),
    ("NZST", 720),
    ("NZDT", 780),
    ("BRT", -180),
    ("ART", -180),
    ("SAST", 120),
    ("CAT", 120),
    ("EAT", 180),
    ("WAT", 60),
    ("PKT", 300),
    ("NPT", 345),
    ("ICT", 420),
    ("WIB", 420),
    ("PHT", 480),
    ("AWDT", 540),
    ("ACST", 570),
    ("ACDT", 630),
    ("NST", -210),
    ("NDT", -150),
    ("AST", -240),
    ("ADT", -180),
];

fn month_number(name: &str) -> Option<i8> {
    let n = name.to_ascii_lowercase();
    let m = match n.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn parse_zone(name: &str) -> Zone {
    let offset = if let Some((_, off)) = ZONES.iter().find(|(n, _)| *n == name) {
        Some(*off)
    } else {
        let body = name.trim_start_matches("UTC").trim_start_matches("GMT");
        parse_offset(body)
    };
    Zone { name: name.to_string(), offset_minutes: offset }
}

fn parse_offset(s: &str) -> Option<i32> {
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = s[1..].chars().filter(|c| c.is_ascii_digit()).collect();
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 => (digits[..1].parse::<i32>().ok()?, digits[1..].parse::<i32>().ok()?),
        4 => (digits[..2].parse::<i32>().ok()?, digits[2..].parse::<i32>().ok()?),
        _ => return None,
    };
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

/// Words that only hedge or span a time written after them: "Tue 11 Feb, *between* 21:40 and
/// 22:05", "Wed 12 Feb, *around* 14:00".
pub(crate) const HEDGES: &[&str] =
    &["between", "around", "about", "approx.", "approximately", "circa", "ca.", "~", "from", "at"];

/// `found`, the first time in a heading or a line, when it gives a time of day near the
/// start: at most three words before it ("Tue 06:15", "Day 2, 09:40", "### 19h47").
pub fn leading_time_of_day(text: &str, found: Option<TimeExpr>) -> Option<TimeExpr> {
    // A word that only hedges or spans the time does not count (see [`HEDGES`]).
    found.filter(|t| {
        t.time.is_some()
            && text[..t.range.start]
                .split_whitespace()
                .filter(|w| !HEDGES.iter().any(|h| h.eq_ignore_ascii_case(w)))
                .count()
                <= 3
    })
}

/// The hour on the 24-hour clock of `h` written with `meridiem` ("am", "p.m.", …).
pub(crate) fn hour_with_meridiem(h: i8, meridiem: Option<&str>) -> Option<i8> {
    match meridiem.map(|m| m.to_ascii_lowercase().starts_with('p')) {
        None => (0..=24).contains(&h).then_some(h % 24),
        // "13:30 PM" is written in the wild; the hour already says it all.
        Some(true) if (13..=23).contains(&h) => Some(h),
        Some(pm) => {
            if !(1..=12).contains(&h) {
                return None;
            }
            Some(match (pm, h) {
                (false, 12) => 0,
                (false, h) => h,
                (true, 12) => 12,
                (true, h) => h + 12,
            })
        }
    }
}

/// The bold label that opens `text` and says what a step was, a word first: "Detection
/// (09:14):" of "**Detection (09:14):** …", "Resolution:" of "**Resolution:** …".
fn bold_label_text(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("**")?;
    let end = rest[..rest.floor_char_boundary(48)].find("**")?;
    Some(&rest[..end]).filter(|label| label.trim_start().starts_with(|c: char| c.is_alphabetic()))
}

/// The bold label that opens a paragraph and ends with a colon: "Resolution" of
/// "**Resolution:** Job configuration changed …", "Start (08:40)" of "**Start (08:40):**".
pub(crate) fn bold_label(text: &str) -> Option<&str> {
    bold_label_text(text)?.strip_suffix(':')
}

/// The time in a bold label that opens `text` and names a step: "**Detection (09:14):**",
/// "**Start — 08:40:**". Only the label is searched.
pub(crate) fn bold_label_time(text: &str) -> Option<TimeExpr> {
    let label = bold_label_text(text)?;
    find_first(label).filter(|t| t.time.is_some()).map(|t| TimeExpr { range: t.range.start + 2..t.range.end + 2, ..t })
}

/// Finds every date or time expression in `text`, in order.
pub fn find_all(text: &str) -> Vec<TimeExpr> {
    find_some(text, usize::MAX)
}

/// The first `limit` date or time expressions in `text`.
fn find_some(text: &str, limit: usize) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    // Every shape has a digit; most lines of prose have none.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    // Emphasis and code markers around a time ("_4/24/23_", "**14:02**", "`07:35`") are
    // not part of it: blank them (same length, so ranges stay valid).
    let cleaned;
    let text = if text.bytes().any(|b| matches!(b, b'_' | b'*' | b'`')) {
        // Byte for byte: an ASCII byte never sits inside a longer character.
        let blanked = text.bytes().map(|b| if matches!(b, b'_' | b'*' | b'`') { b' ' } else { b }).collect();
        cleaned = String::from_utf8(blanked).expect("ASCII swapped for ASCII");
        cleaned.as_str()
    } else {
        text
    };
    let mut from = 0;
    while let Some(parts) = reader::next(text, from) {
        // Expressions are never empty.
        from = parts.whole.end;
        if let Some(t) = expr(text, &parts) {
            let t = iso_with_offset(text, t);
            from = from.max(t.range.end);
            out.push(t);
        }
        if out.len() >= limit {
            break;
        }
    }
    out
}

/// A numeric date `first/second` in `year`, read month first when it can be: that date, the
/// day-first reading when it also can be and differs, and which way it was read when only
/// one way can be.
pub(crate) fn numeric_date(year: i16, first: i8, second: i8) -> Option<(Date, Option<Date>, Option<NumericReading>)> {
    match (Date::new(year, first, second).ok(), Date::new(year, second, first).ok()) {
        (Some(m), Some(d)) if m != d => Some((m, Some(d), None)),
        (Some(m), _) => Some((m, None, (first != second).then_some(NumericReading::MonthFirst))),
        (None, Some(d)) => Some((d, None, Some(NumericReading::DayFirst))),
        (None, None) => None,
    }
}

/// `t` as a whole ISO 8601 date-time with its offset when it starts one
/// (`2025-05-20T09:14-03:00`, `2025-05-20T09:40:12-03:00`), which the prose reader takes
/// for a time and the end of a range.
fn iso_with_offset(text: &str, t: TimeExpr) -> TimeExpr {
    if t.date.is_none() || text.as_bytes().get(t.range.start + 10) != Some(&b'T') {
        return t;
    }
    let rest = &text[t.range.start..];
    let token = rest
        [..rest.find(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ')' | ']' | '|')).unwrap_or(rest.len())]
        .trim_end_matches('.');
    match iso_value(token) {
        Some(whole) => TimeExpr { range: t.range.start..t.range.start + token.len(), ..whole },
        None => t,
    }
}

/// The date and time that `parts` spell out in `text`, if they make one.
fn expr(text: &str, parts: &Parts) -> Option<TimeExpr> {
    let num = |r: &Range<usize>| text[r.clone()].parse::<i16>().ok();
    let mut year_known = true;
    let mut day_first = None;
    let mut numeric_reading = None;
    let date = match &parts.date {
        Some(DateParts::Iso { year, month, day }) => {
            num(year).zip(num(month)).zip(num(day)).and_then(|((y, m), d)| Date::new(y, m as i8, d as i8).ok())
        }
        Some(DateParts::Us { month, day, year }) => num(month).zip(num(day)).zip(num(year)).and_then(|((m, d), y)| {
            let y = if y < 100 { 2000 + y } else { y };
            let (date, other, reading) = numeric_date(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?)?;
            (day_first, numeric_reading) = (other, reading);
            Some(date)
        }),
        Some(DateParts::Named { month, day, year }) => {
            year_known = year.is_some();
            let y = year.as_ref().and_then(num).unwrap_or(2000);
            // ("14/Apr/25": a two-digit year.)
            let y = if y < 100 { 2000 + y } else { y };
            month_number(&text[month.clone()]).zip(num(day)).and_then(|(m, d)| Date::new(y, m, d as i8).ok())
        }
        None => None,
    };
    let meridiem = |t: &TimeParts| t.meridiem.as_ref().map(|m| &text[m.clone()]);
    let clock = parts.time.as_ref().filter(|t| t.minute.is_some());
    let time = if let Some(t) = clock {
        let (h, m) = (num(&t.hour)?, t.minute.as_ref().and_then(num)?);
        let s = t.second.as_ref().and_then(num).unwrap_or(0);
        hour_with_meridiem(h as i8, meridiem(t)).and_then(|h| Time::new(h, m as i8, s.min(59) as i8, 0).ok())
    } else if let Some((h, m)) = &parts.four {
        // "2022-02-02 1758": four digits are a time only right after a date.
        Time::new(num(h)? as i8, num(m)? as i8, 0, 0).ok()
    } else if let Some(t) = &parts.time {
        hour_with_meridiem(num(&t.hour)? as i8, meridiem(t)).and_then(|h| Time::new(h, 0, 0, 0).ok())
    } else {
        None
    };
    let whole = &parts.whole;
    // A bare `5:30` inside a longer number or version string is not a time.
    if date.is_none() && (time.is_none() || is_embedded(text, whole.start, whole.end)) {
        return None;
    }
    let end_time = parts.end.as_ref().and_then(|e| {
        let end_meridiem = meridiem(e).or_else(|| parts.time.as_ref().and_then(meridiem));
        let (h, m) = (num(&e.hour)?, e.minute.as_ref().and_then(num)?);
        hour_with_meridiem(h as i8, end_meridiem).and_then(|h| Time::new(h, m as i8, 0, 0).ok())
    });
    let end = match (&end_time, &parts.zone) {
        (Some(_), _) => whole.end,
        (None, Some(z)) => whole.end.max(z.end),
        // Drop the trailing range separator if the range did not parse.
        (None, None) => whole.start + text[whole.clone()].trim_end_matches(|c: char| c.is_ascii_whitespace()).len(),
    };
    let zone = parts.zone.as_ref().or_else(|| parts.time.as_ref().and_then(|t| t.offset.as_ref()));
    Some(TimeExpr {
        range: whole.start..end,
        date,
        year_known,
        time,
        zone: zone.map(|z| parse_zone(&text[z.clone()])),
        end_time,
        day_first,
        numeric_reading,
    })
}

/// How many bytes of markup and space (`**`, `_`, a backtick, `[`, `~`, `|`) come before
/// a time at the start of a line, which the fast paths skip.
fn markup_before(b: &[u8]) -> usize {
    b.iter().position(|c| !matches!(c, b' ' | b'*' | b'_' | b'`' | b'[' | b'~' | b'|' | b'\t')).unwrap_or(b.len())
}

/// The common case in a few comparisons: a line that starts (after emphasis or code
/// markers) with `14:32`, `2:32 PM`, `14:32:05` or `14:32 UTC`. Anything it is not sure of
/// (dates, ranges, offsets, `14h32`) returns `None`, and the full reader decides.
fn fast_time(text: &str) -> Option<TimeExpr> {
    let b = text.as_bytes();
    let i = markup_before(b);
    let start = i;
    let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    let two = |k: usize| i16::from(b[k] - b'0') * 10 + i16::from(b[k + 1] - b'0');
    let (hour, mut j) = match (digit(i), digit(i + 1)) {
        (true, true) => (two(i), i + 2),
        (true, false) => (i16::from(b[i] - b'0'), i + 1),
        _ => return None,
    };
    if b.get(j) != Some(&b':') || !digit(j + 1) || !digit(j + 2) {
        return None;
    }
    let minute = two(j + 1);
    j += 3;
    let mut second = 0;
    if b.get(j) == Some(&b':') && digit(j + 1) && digit(j + 2) {
        second = two(j + 1);
        j += 3;
    }
    // Fractions, ISO offsets, more digits: leave them to the reader. A colon or a full
    // stop with no digit after it ends the time ("13:11: paged").
    if matches!(b.get(j), Some(b'Z' | b'z' | b'+' | b'-')) || digit(j) || number_goes_on(b, j) {
        return None;
    }
    let word_byte = |k: usize| b.get(k).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_');
    let skip_ws = |mut k: usize| {
        while b.get(k).is_some_and(u8::is_ascii_whitespace) {
            k += 1;
        }
        k
    };
    let mut end = j;
    // Meridiem: "am", "p.m." followed by a word boundary.
    let mut meridiem = None;
    let k = skip_ws(j);
    if let Some(c) = b.get(k).map(u8::to_ascii_lowercase).filter(|c| *c == b'a' || *c == b'p') {
        let mut m = k + 1;
        if b.get(m) == Some(&b'.') {
            m += 1;
        }
        if b.get(m).map(u8::to_ascii_lowercase) == Some(b'm') && !word_byte(m + 1) {
            m += 1;
            if b.get(m) == Some(&b'.') {
                m += 1;
            }
            meridiem = Some(if c == b'p' { "pm" } else { "am" });
            end = m;
        }
    }
    // A zone abbreviation, possibly in parentheses.
    let mut zone = None;
    let mut k = skip_ws(end);
    let paren = b.get(k) == Some(&b'(');
    if paren {
        k = skip_ws(k + 1);
    }
    let word_end = (k..b.len()).find(|&x| !b[x].is_ascii_alphabetic()).unwrap_or(b.len());
    if word_end > k {
        let word = &text[k..word_end];
        if matches!(b.get(word_end), Some(b'/' | b'+' | b'-')) {
            return None;
        }
        if !word_byte(word_end) && ZONES.iter().any(|(n, _)| *n == word) {
            zone = Some(parse_zone(word));
            end = word_end;
            // The reader takes a closing parenthesis whether one was opened or not.
            if b.get(end) == Some(&b')') {
                end += 1;
            }
        }
    }
    if paren && zone.is_none() && b.get(k).is_some_and(|c| matches!(c, b'+' | b'-')) {
        return None;
    }
    // An offset after a space ("22:00 +08:00") is the reader's.
    if zone.is_none() && b.get(k) == Some(&b'+') && digit(k + 1) {
        return None;
    }
    // A range ("14:20 - 14:40", "2 pm to 3 pm") is the reader's.
    let r = skip_ws(end);
    let rest = &text[r..];
    let dash = rest.starts_with('-') || rest.starts_with('\u{2013}') || rest.starts_with('\u{2014}');
    if dash
        || rest.starts_with("to")
        || rest.starts_with("until")
        || rest.starts_with("TO")
        || rest.starts_with("Until")
    {
        return None;
    }
    if is_embedded(text, start, end) {
        return None;
    }
    let h = hour_with_meridiem(hour as i8, meridiem)?;
    let time = Time::new(h, minute as i8, second.min(59) as i8, 0).ok()?;
    Some(TimeExpr::time_of_day(start..end, time, zone))
}

fn is_embedded(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    let trimmed_start = start + text[start..end].len() - text[start..end].trim_start().len();
    let before = trimmed_start.checked_sub(1).map(|i| bytes[i]);
    let after = bytes.get(end).copied();
    matches!(before, Some(b) if b.is_ascii_alphanumeric() || b == b'.' || b == b':')
        || after.is_some_and(|b| b.is_ascii_digit())
        || number_goes_on(bytes, end)
}

/// Whether a colon or full stop at `at` carries the number on (`5:30:12`, `1.2`), rather
/// than ending it (`13:11: paged`).
fn number_goes_on(b: &[u8], at: usize) -> bool {
    matches!(b.get(at), Some(b':' | b'.')) && b.get(at + 1).is_some_and(u8::is_ascii_digit)
}

/// Whether [`find_first`] may find an expression in `text` that starts at or before
/// `last`: every one starts at a digit or at the first letters of a month or a weekday.
/// Lines of prose fail this in a few comparisons, where the search reads to their end.
pub fn may_start_by(text: &str, last: usize) -> bool {
    (0..=last).any(|p| reader::may_begin(text.as_bytes(), p))
}

/// Whether `text` may hold a date: every date shape has a `-` or `/` between its numbers
/// or a month name, so a text with neither holds times at most. Cheaper than a search.
pub fn may_hold_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().any(|&c| c == b'-' || c == b'/')
        || b.windows(3).any(|w| {
            // `| 0x20` lowercases a letter and never turns anything else into one.
            matches!(
                [w[0] | 0x20, w[1] | 0x20, w[2] | 0x20],
                [b'j', b'a', b'n']
                    | [b'f', b'e', b'b']
                    | [b'm', b'a', b'r']
                    | [b'a', b'p', b'r']
                    | [b'm', b'a', b'y']
                    | [b'j', b'u', b'n']
                    | [b'j', b'u', b'l']
                    | [b'a', b'u', b'g']
                    | [b's', b'e', b'p']
                    | [b'o', b'c', b't']
                    | [b'n', b'o', b'v']
                    | [b'd', b'e', b'c']
            )
        })
}

/// The first date or time expression in `text`.
pub fn find_first(text: &str) -> Option<TimeExpr> {
    fast_time(text).or_else(|| fast_iso(text)).or_else(|| find_some(text, 1).into_iter().next())
}

/// The other common case in a few comparisons: an ISO date (`2026-03-01`) at the start,
/// alone or followed by a time (`2026-03-01 14:32`, `2026-03-01, 14:32 UTC`). Anything
/// else after the date (`T14:32`, `1758`, a range) returns `None` for the reader.
fn fast_iso(text: &str) -> Option<TimeExpr> {
    let b = text.as_bytes();
    let i = markup_before(b);
    let start = i;
    let digits = |from: usize, n: usize| from + n <= b.len() && b[from..from + n].iter().all(u8::is_ascii_digit);
    if !(digits(i, 4)
        && b.get(i + 4) == Some(&b'-')
        && digits(i + 5, 2)
        && b.get(i + 7) == Some(&b'-')
        && digits(i + 8, 2))
    {
        return None;
    }
    let num = |from: usize, n: usize| text[from..from + n].parse::<i16>().ok();
    let date = Date::new(num(i, 4)?, num(i + 5, 2)? as i8, num(i + 8, 2)? as i8).ok()?;
    let after = i + 10;
    if b.get(after).is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'/')) || number_goes_on(b, after) {
        return None;
    }
    // What follows: nothing time-like (a date alone), or a time the hand reader knows.
    let mut k = after;
    if b.get(k) == Some(&b',') {
        k += 1;
    }
    let ws_end = (k..b.len()).find(|&x| !b[x].is_ascii_whitespace()).unwrap_or(b.len());
    let next = b.get(ws_end).copied();
    if ws_end > k && next.is_some_and(|c| c.is_ascii_digit()) {
        // "2026-03-01 14:32…": the time must be one fast_time reads, right there.
        let t = fast_time(&text[ws_end..])?;
        if t.range.start != 0 {
            return None;
        }
        let end = ws_end + t.range.end;
        return Some(TimeExpr { range: start..end, date: Some(date), year_known: true, ..t });
    }
    // A date alone; a zone, "at", a range, a month name or a time after a colon
    // ("2026-03-01: 14:32 paged") after it is the reader's.
    let rest = text[after..].trim_start();
    let time_after_colon =
        rest.strip_prefix(':').is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()));
    let lower_start: String = rest.chars().take(6).flat_map(char::to_lowercase).collect();
    if rest.starts_with(['-', '\u{2013}', '\u{2014}', '(', 'T'])
        || lower_start.starts_with("at ")
        || lower_start.starts_with("to ")
        || lower_start.starts_with("until")
        || time_after_colon
        || find_zone(&rest[..rest.floor_char_boundary(12)]).is_some()
    {
        return None;
    }
    Some(TimeExpr {
        range: start..after,
        date: Some(date),
        year_known: true,
        time: None,
        zone: None,
        end_time: None,
        day_first: None,
        numeric_reading: None,
    })
}

/// Whether `text` names a time zone ("all times UTC", "in PST", "Europe/Berlin",
/// "Pacific time"), returning the zone.
pub fn find_zone(text: &str) -> Option<Zone> {
    reader::zone_word(text).map(|range| {
        let name = &text[range];
        if name.eq_ignore_ascii_case("utc") {
            parse_zone("UTC")
        } else {
            parse_zone(name)
        }
    })
}

/// Parses a front-matter date-time (`2026-03-01T14:32:00Z`, `2026-03-01 14:32 UTC`,
/// `2026-03-01`). Returns the expression only when the whole value is one.
pub fn parse_value(value: &str) -> Option<TimeExpr> {
    let value = value.trim();
    // ISO 8601 with the seconds left out and an offset (`2025-06-14T17:40+02:00`), which
    // the prose reader takes for a range ("09:02-06:00"): jiff reads the whole value.
    if value.len() > 10 && value.as_bytes()[10] == b'T' {
        if let Some(t) = iso_value(value) {
            return Some(t);
        }
    }
    let t = find_first(value)?;
    let rest = value[t.range.end..].trim();
    (t.range.start == 0 && (rest.is_empty() || find_zone(rest).is_some()) && t.date.is_some()).then(|| {
        let mut t = t;
        if t.zone.is_none() {
            t.zone = find_zone(rest);
        }
        t
    })
}

/// A whole ISO 8601 date-time value, as jiff reads it: its date, time and offset.
fn iso_value(value: &str) -> Option<TimeExpr> {
    use jiff::fmt::temporal::{Pieces, PiecesOffset};
    let pieces = Pieces::parse(value).ok()?;
    let zone = match pieces.offset()? {
        PiecesOffset::Zulu => parse_zone("Z"),
        PiecesOffset::Numeric(n) => {
            let minutes = n.offset().seconds() / 60;
            let sign = if minutes < 0 { '-' } else { '+' };
            parse_zone(&format!("{sign}{:02}:{:02}", minutes.abs() / 60, minutes.abs() % 60))
        }
        _ => return None,
    };
    Some(TimeExpr {
        range: 0..value.len(),
        date: Some(pieces.date()),
        time: pieces.time(),
        zone: Some(zone),
        year_known: true,
        end_time: None,
        day_first: None,
        numeric_reading: None,
    })
}

/// A time written as four (or three) digits, `0930` or `945`, filling `r` (a time cell or
/// the start of an entry): hours below 24, minutes below 60.
pub(crate) fn four_digit_time(text: &str, r: Range<usize>) -> Option<TimeExpr> {
    let s = &text[r.clone()];
    // ("[12.11.2025 23:41:07] jan.w: …": a chat export's bracket.)
    let trimmed = s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '`' | '['));
    let start = r.start + (s.len() - trimmed.len());
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if let Some(t) = dotted_date_then_time(trimmed) {
        return Some(TimeExpr { range: start + t.range.start..start + t.range.end, ..t });
    }
    if let Some(dotted) = dotted_time(trimmed, digits) {
        let (time, len) = dotted;
        return Some(TimeExpr::time_of_day(start..start + len, time, doc_zone_after(&trimmed[len..])));
    }
    // "0640H", "1545h", "2214hrs": the military hours mark.
    let mark = ["hrs", "h"]
        .iter()
        .find(|m| trimmed[digits..].get(..m.len()).is_some_and(|w| w.eq_ignore_ascii_case(m)))
        .map_or(0, |m| m.len());
    let after = trimmed[digits + mark..].chars().next();
    // "14h — crash spike": an hour alone, as French and others write it.
    if (1..=2).contains(&digits) && mark == 1 && after.is_none_or(char::is_whitespace) {
        let time = Time::new(trimmed[..digits].parse().ok()?, 0, 0, 0).ok()?;
        return Some(TimeExpr::time_of_day(start..start + digits + 1, time, doc_zone_after(&trimmed[digits + 1..])));
    }
    let clock = |d: &str| -> Option<Time> {
        let n: u16 = d.parse().ok()?;
        Time::new(i8::try_from(n / 100).ok()?, i8::try_from(n % 100).ok()?, 0, 0).ok()
    };
    // A range, "0010–0040": the entry starts at the first.
    if digits == 4 && mark == 0 && after.is_some_and(|c| matches!(c, '-' | '\u{2013}' | '\u{2014}')) {
        let dash = after?.len_utf8();
        let rest = &trimmed[digits + dash..];
        let end_digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if end_digits == 4 && rest[end_digits..].chars().next().is_none_or(char::is_whitespace) {
            let (time, end) = (clock(&trimmed[..4])?, clock(&rest[..4])?);
            let len = digits + dash + end_digits;
            let mut t = TimeExpr::time_of_day(start..start + len, time, doc_zone_after(&trimmed[len..]));
            t.end_time = Some(end);
            return Some(t);
        }
    }
    // "0905Z": the military mark for UTC.
    let zulu = &trimmed[digits..];
    if digits == 4
        && mark == 0
        && zulu.starts_with('Z')
        && zulu[1..].chars().next().is_none_or(|c| !c.is_alphanumeric())
    {
        return Some(TimeExpr::time_of_day(start..start + 5, clock(&trimmed[..4])?, Some(parse_zone("Z"))));
    }
    // Alone, or before a space: "0930", "0930 UTC", "0930 — paged" (not "2022-02-??").
    if !(3..=4).contains(&digits) || after.is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    let time = clock(&trimmed[..digits])?;
    let rest = &trimmed[digits + mark..];
    Some(TimeExpr::time_of_day(start..start + digits + mark, time, doc_zone_after(rest)))
}

/// A day-first date with dots and its year, then a time, at the start of `s`, as Europe
/// writes an entry: `03.09.2025 kl. 10.14`, `03.09.2025 10:14`, `03.09.2025, um 10:14`.
fn dotted_date_then_time(s: &str) -> Option<TimeExpr> {
    let b = s.as_bytes();
    let shape = b.len() > 11
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[2] == b'.'
        && b[3..5].iter().all(u8::is_ascii_digit)
        && b[5] == b'.'
        && b[6..10].iter().all(u8::is_ascii_digit)
        && !b[10].is_ascii_alphanumeric();
    if !shape {
        return None;
    }
    let (date, _) = dotted_date(&s[..10])?;
    // What joins them: a comma, "kl." (Nordic), "klo" (Finnish), "um", "om", "at", "à".
    let mut k = 10;
    let rest = s[k..].trim_start_matches([',', ' ']);
    k = s.len() - rest.len();
    for word in ["kl.", "klo", "um", "om", "at", "\u{e0}"] {
        if rest.len() > word.len()
            && rest.as_bytes()[..word.len()].eq_ignore_ascii_case(word.as_bytes())
            && rest.as_bytes()[word.len()] == b' '
        {
            k += word.len() + 1;
            break;
        }
    }
    let rest = &s[k..];
    let time = match find_first(rest) {
        Some(t) if t.range.start == 0 && t.time.is_some() && t.date.is_none() => {
            TimeExpr { range: k..k + t.range.end, ..t }
        }
        _ => {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let (time, len) = dotted_time(rest, digits)?;
            TimeExpr::time_of_day(k..k + len, time, doc_zone_after(&rest[len..]))
        }
    };
    Some(TimeExpr { range: 0..time.range.end, date: Some(date), year_known: true, ..time })
}

/// A time written with a dot, as much of Europe writes it, `13.30` or `9.15pm`, at the
/// start of `s` (whose first `digits` bytes are digits): the time and its length. Read
/// only where a time is expected (a time cell, the start of entries written so).
pub(crate) fn dotted_time(s: &str, digits: usize) -> Option<(Time, usize)> {
    let b = s.as_bytes();
    if !(1..=2).contains(&digits) || b.get(digits) != Some(&b'.') {
        return None;
    }
    let minutes = &b[digits + 1..];
    if minutes.len() < 2
        || !minutes[..2].iter().all(u8::is_ascii_digit)
        || minutes.get(2).is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    let mut hour: i8 = s[..digits].parse().ok()?;
    let minute: i8 = s[digits + 1..digits + 3].parse().ok()?;
    let mut len = digits + 3;
    let rest = &s[len..];
    let meridiem = ["am", "pm", "a.m.", "p.m."]
        .iter()
        .find(|m| rest.trim_start().get(..m.len()).is_some_and(|w| w.eq_ignore_ascii_case(m)));
    if let Some(m) = meridiem {
        hour = hour_with_meridiem(hour, Some(m))?;
        len += (rest.len() - rest.trim_start().len()) + m.len();
    }
    // "14.05." is a date, "1.14.2" a version: the time must end there.
    if s[len..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '.') {
        return None;
    }
    Some((Time::new(hour, minute, 0, 0).ok()?, len))
}

/// A day and month written with dots, `12.6.` or `17.02.2025` (day first wherever dots are
/// used), as a date column gives it: the date and whether the year was written.
pub(crate) fn dotted_date(cell: &str) -> Option<(Date, bool)> {
    let at = cell.find(|c: char| c.is_ascii_digit())?;
    let mut parts = cell[at..].split('.');
    let day: i8 = parts.next()?.parse().ok()?;
    let month: i8 = parts.next()?.trim().parse().ok()?;
    let year = parts.next().map(str::trim).filter(|y| !y.is_empty());
    let (year, known) = match year {
        Some(y) if y.len() == 4 => (y.parse().ok()?, true),
        Some(_) => return None,
        None => (2000, false),
    };
    Some((Date::new(year, month, day).ok()?, known))
}

/// A zone written right after a time (`0930 UTC`).
fn doc_zone_after(rest: &str) -> Option<Zone> {
    let word = rest.trim_start().split(|c: char| !c.is_ascii_alphabetic()).next()?;
    (!word.is_empty() && rest.trim_start().starts_with(word))
        .then(|| find_zone(word))
        .flatten()
        .filter(|z| z.offset_minutes.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_city_names_its_zone_in_any_case_and_other_words_name_none() {
        assert_eq!(zone_of_city("Helsinki"), Some("Europe/Helsinki"));
        assert_eq!(zone_of_city("new_york"), Some("America/New_York"));
        assert_eq!(zone_of_city("Auckland"), Some("Pacific/Auckland"));
        for word in ["Timeline", "Time", "Local", "Events", "York"] {
            assert_eq!(zone_of_city(word), None, "{word}");
        }
    }

    /// Every line of the test corpus (and each line from each of its first bytes, as a
    /// line with markers or words cut off): when `may_start_by` says no expression starts
    /// by the fourth byte, `find_first` finds none there.
    #[test]
    fn may_start_by_never_rejects_an_expression_find_first_finds_there() {
        fn markdown(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("corpus").map(|e| e.expect("entry").path()) {
                if entry.is_dir() {
                    markdown(&entry, out);
                } else if entry.extension().is_some_and(|e| e == "md") {
                    out.push(std::fs::read_to_string(&entry).expect("read"));
                }
            }
        }
        let mut texts = Vec::new();
        markdown(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus"), &mut texts);
        assert!(texts.len() > 100);
        let mut checked = 0;
        for line in texts.iter().flat_map(|t| t.lines()) {
            for cut in (0..line.len().min(6)).filter(|&k| line.is_char_boundary(k)) {
                let line = &line[cut..];
                let line = &line[..line.floor_char_boundary(80)];
                if !may_start_by(line, 3) {
                    checked += 1;
                    assert!(find_first(line).is_none_or(|t| t.range.start > 3), "{line:?}");
                }
            }
        }
        assert!(checked > 1000);
        for line in ["_Mar 1", "**14:02** x", "`07:35`", "Mon 4 Mar", "ab 1:00 pm", "abcd 1:00"] {
            assert!(may_start_by(line, 3) || find_first(line).is_none_or(|t| t.range.start > 3), "{line:?}");
        }
    }

    fn one(text: &str) -> TimeExpr {
        find_first(text).unwrap_or_else(|| panic!("no time in {text:?}"))
    }

    fn hm(t: &TimeExpr) -> (i8, i8) {
        let time = t.time.expect("a time");
        (time.hour(), time.minute())
    }

    #[test]
    fn every_shape_in_the_spec() {
        assert_eq!(hm(&one("14:32 paged")), (14, 32));
        assert_eq!(hm(&one("14:32:05 paged")), (14, 32));
        assert_eq!(hm(&one("2:32 PM paged")), (14, 32));
        assert_eq!(hm(&one("12:05 am paged")), (0, 5));
        let t = one("14:32 UTC paged");
        assert_eq!(t.zone.as_ref().map(|z| z.offset_minutes), Some(Some(0)));
        assert_eq!(&"14:32 UTC paged"[t.range.clone()], "14:32 UTC");
        let t = one("2026-03-01 14:32 paged");
        assert_eq!(t.date, Some(Date::new(2026, 3, 1).unwrap()));
        assert_eq!(hm(&t), (14, 32));
        let t = one("2026-03-01T14:32:00Z paged");
        assert_eq!(t.zone.map(|z| z.name), Some("Z".to_string()));
        let t = one("Mar 1 14:32 paged");
        assert_eq!(t.date.map(|d| (d.month(), d.day())), Some((3, 1)));
        assert!(!t.year_known);
        assert_eq!(hm(&t), (14, 32));
        let t = one("April 15, 2021 (all times in UTC)");
        assert_eq!(t.date, Some(Date::new(2021, 4, 15).unwrap()));
        let t = one("Wednesday 4 December 2019 the nodes");
        assert_eq!(t.date, Some(Date::new(2019, 12, 4).unwrap()));
        let t = one("07-27-2023 2:14 pm - approved");
        assert_eq!(t.date, Some(Date::new(2023, 7, 27).unwrap()));
        assert_eq!(hm(&t), (14, 14));
        let t = one("2022-02-02 1758: confirmed");
        assert_eq!(hm(&t), (17, 58));
        assert_eq!(hm(&one("13:30 PM PST: first peak")), (13, 30));
        let t = one("_4/24/23_");
        assert_eq!(t.date, Some(Date::new(2023, 4, 24).unwrap()));
        let t = one("2018-08-22, 03:26pm: first noticed");
        assert_eq!(hm(&t), (15, 26));
        // A date on a line of its own, the time after a colon.
        let t = one("February 15, 2024: 7:56am UTC\nAn email arrived");
        assert_eq!(t.date, Some(Date::new(2024, 2, 15).unwrap()));
        assert_eq!(hm(&t), (7, 56));
        assert_eq!(t.zone.map(|z| z.name), Some("UTC".into()));
    }

    #[test]
    fn ranges_and_zones_in_parentheses() {
        let t = one("12:41 PM - 3:30 PM: Testing");
        assert_eq!(hm(&t), (12, 41));
        assert_eq!(t.end_time.map(|e| (e.hour(), e.minute())), Some((15, 30)));
        let t = one("12:48 (6:48 PDT): The last block");
        assert_eq!(hm(&t), (12, 48));
        let t = one("**16:58 UTC** - Writer database");
        assert_eq!(t.zone.map(|z| z.name), Some("UTC".into()));
        let t = one("11:00 (+02:00) restart");
        assert_eq!(t.zone.and_then(|z| z.offset_minutes), Some(120));
    }

    #[test]
    fn numbers_that_are_not_times() {
        for text in [
            "version 3.5.0 released",
            "a ratio of 2:1",
            "block 255105 farmed",
            "see 10:30:99:11",
            "v1.14:30",
            "no time here",
        ] {
            let found = find_first(text);
            assert!(
                found.is_none() || found.as_ref().unwrap().time.is_none() && found.as_ref().unwrap().date.is_none(),
                "{text:?} gave {found:?}"
            );
        }
        assert!(find_first("at 25:61 nothing").is_none());
    }

    #[test]
    fn a_date_then_a_range_from_one_time_to_another_starts_at_the_first() {
        let found = find_first("3 June, from 14:40 to 16:10 — audit log review").unwrap();
        assert_eq!(found.time, Some(Time::constant(14, 40, 0, 0)));
        assert_eq!(found.date.map(|d| (d.month(), d.day())), Some((6, 3)));
    }

    /// The fast path agrees with the full reader wherever it answers.
    #[test]
    fn the_fast_path_agrees_with_the_reader() {
        let heads = [
            "14:32 paged",
            "2:32 PM paged",
            "12:05 am x",
            "14:32:05 paged",
            "14:32 UTC paged",
            "**16:58 UTC** - Writer",
            "`07:35` Team",
            "9:41 AM: SentinelOne",
            "[14:43] @Random-Liu",
            "13:30 PM PST Sunday",
            "10:00 (UTC) a",
            "10:00 amazing",
            "23:59",
            "1:17: Mario",
            "24:00 end",
            "7:54: go-ethereum",
            "19:02 Root cause",
            "14:32 PST",
            "14:32 CEST x",
            "08:00 Ops",
            "14:32 Z",
            "9:00 a.m. call",
            "10:00 (PDT) x",
            "3:3 x",
            "12:00 PMx",
            "14:32 U",
            "11:45 ET",
            "11:45 Europe",
            "11:45 MST.",
            "13:11: I looked",
            "13:11:x",
            "13:11.",
            "13:11. Paged",
            "13:11:5 x",
        ];
        for head in heads {
            if let Some(fast) = fast_time(head) {
                assert_eq!(Some(fast), find_some(head, 1).into_iter().next(), "{head:?}");
            }
        }
        for head in [
            "2021-12-10   16:10 | IT",
            "2019-12-04 00:30 | Accidental",
            "2021-05-08 | Pull request",
            "| 2021-05-08 | x |",
            "2026-03-01, 14:32 UTC x",
            "2026-03-01 2:32 PM y",
            "2026-02-30 x",
            "2026-03-01 x 14:00",
            "2026-03-01: deploy",
            "2026-03-01. Paged",
            "2026-03-01: 14:32 paged",
            "2026-03-01:  9:05 UTC paged",
        ] {
            if let Some(fast) = fast_iso(head) {
                assert_eq!(Some(fast), find_some(head, 1).into_iter().next(), "{head:?}");
            }
        }
        for head in ["13:11: I looked", "7:54: go-ethereum", "13:11. Paged"] {
            assert!(fast_time(head).is_some(), "{head:?} is the fast path's");
        }
        assert!(fast_iso("2026-03-01: deploy").is_some());
        for fallback in [
            "14:20-14:40 x",
            "13:11:5 x",
            "13:11.5 x",
            "12:41 PM - 3:30 PM",
            "14:32:00Z x",
            "14h32 x",
            "10:00 (+02:00) x",
            "2026-03-01 14:32",
            "14:32 UTC+1 x",
            "14:32 Europe/Berlin x",
        ] {
            assert!(fast_time(fallback).is_none(), "{fallback:?} is the reader's");
        }
    }

    proptest::proptest! {
        /// Generated heads: wherever the fast path answers, the reader answers the same.
        #[test]
        fn iso_fast_path_matches_reader_on_generated_heads(
            head in "[ *_|]{0,2}20[0-9]{2}-[01][0-9]-[0-3][0-9](:|\\.|:[0-9]|: {0,2}[0-9]{1,2}:[0-9]{2}|,? {0,3}([0-9]{1,2}:[0-9]{2}( ?(am|PM|UTC|CET|\\(UTC\\)))?|[0-9]{4}|T[0-9]{2}:[0-9]{2}Z|at|to|-|x))?( {0,2}[a-zA-Z|:-]{0,5})?"
        ) {
            if let Some(fast) = fast_iso(&head) {
                proptest::prop_assert_eq!(Some(fast), find_some(&head, 1).into_iter().next(), "{:?}", head);
            }
        }

        #[test]
        fn fast_path_matches_reader_on_generated_heads(
            head in "[ *_`\\[]{0,2}[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?( {0,2}(am|pm|AM|PM|a\\.m\\.|p\\.m\\.|amx))?( {0,2}\\(?(UTC|PST|CET|EST|XYZ|Z|Europe/Paris|UTC\\+1)\\)?)?( {0,2}(-|to|x|:|\\.|,)? {0,2}[0-9a-zA-Z:]{0,6})?"
        ) {
            if let Some(fast) = fast_time(&head) {
                proptest::prop_assert_eq!(Some(fast), find_some(&head, 1).into_iter().next(), "{:?}", head);
            }
        }
    }

    /// Every expression the reader finds in `text`, in order, as the analysis searches.
    fn reader_parts(text: &str) -> Vec<Parts> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(parts) = reader::next(text, from) {
            from = parts.whole.end;
            out.push(parts);
        }
        out
    }

    /// The corpus, each line alone (as timeline entries are searched) and each debrief
    /// whole (spaces across lines): the reader finds what the pattern found, part by part.
    #[test]
    fn the_reader_reads_the_corpus_as_the_pattern_did() {
        let mut found = 0;
        for doc in crate::document::tests::corpus() {
            for text in doc.lines().chain([doc.as_str()]) {
                let parts = reader_parts(text);
                assert_eq!(parts, oracle::all_parts(text), "{text:?}");
                found += parts.len();
            }
        }
        assert!(found > 5_000, "only {found} expressions in the corpus");
    }

    #[test]
    fn the_reader_prefers_what_the_pattern_preferred() {
        for text in [
            "Sunday, March 5th, 2023 at 2 pm (UTC) - 3:30 PM",
            "Mon 12/10/2022 14:32:05.123+01:00 x",
            "1:00 UTC+05300, 1:00 UTC+5:30, 1:00 utc+1, 1:00 GMT-0530 and 1:00 GMT+05:3",
            "12026-03-01 1758 14:00",
            "4 Dec. 2019, 09h15 until 10h20 am",
            "14:00 (+02:00) and 14:00 ( +0200 ) and 14:00 (PSTX)",
            "Sept. 3rd 2021 and Septx 5 and 5 Marchx and Mar 123",
            "14:00 Europe/Berlin2, 14:00 Europe/Berlin, 14:00 A/Berlin, 2026-03-01T14:32:00z",
            "at 3pm, 11 AM, 12 p.m. and 9 a.m.",
            "14:20\u{2013}14:40, 14:20 \u{2014} 14:40, 14:00 to15:00, 14:00 tomorrow",
            "Wednesday4 December and Thursday, \x0b 5 May",
            "3 June, from 14:40 to 16:10 and 4 June from 9:05 and 5 June fromage 10:00",
        ] {
            assert_eq!(reader_parts(text), oracle::all_parts(text), "{text:?}");
        }
    }

    /// The corpus line by line, chosen cases and generated texts: the reader finds the
    /// zone the pattern found.
    #[test]
    fn the_reader_finds_the_zones_the_pattern_found() {
        let mut found = 0;
        for doc in crate::document::tests::corpus() {
            for line in doc.lines() {
                let zone = reader::zone_word(line);
                assert_eq!(zone, oracle::zone_word(line), "{line:?}");
                found += usize::from(zone.is_some());
            }
        }
        assert!(found > 300, "only {found} zones in the corpus");
        for text in [
            "all times Pacific  Standard time",
            "Eastern daylight Time, then central time",
            "mountain standard timex and MOUNTAIN TIME",
            "utc+1 vs UTC+1 vs UTC+0530 vs UTC+05300 vs GMT-5:30",
            "in utc, or _UTC or UTCX or Utc",
            "Europe/Berlin2 or Europe/Berlin or America/New_York",
            "PSTX then ESTs then PT.",
        ] {
            assert_eq!(reader::zone_word(text), oracle::zone_word(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4000))]
        #[test]
        fn the_reader_finds_zones_as_the_pattern_did(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                " ", "  ", "\t", "\x0b", "_", "x", "1", "5:30", "0530", "+", "-", ":", ".", "(", "/",
                "UTC", "utc", "Utc", "GMT", "gmt", "PST", "pst", "CEST", "ET", "Z", "PT",
                "Europe", "/Berlin", "Ab", "/C", "New_York",
                "pacific", "Eastern", "CENTRAL", "mountain", "standard", "Daylight", "time", "Time",
            ]), 1..12)
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(reader::zone_word(&text), oracle::zone_word(&text), "{:?}", text);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4000))]
        /// Texts put together from the pieces dates and times are made of, in any order:
        /// the reader finds what the pattern finds, part by part.
        #[test]
        fn the_reader_matches_the_pattern_on_generated_texts(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "1", "12", "2", "07", "23", "59", "2026", "123", "0", "5",
                "14:32", "9:05", "12:59:07", "12:59:07.25", "+01:00", "+0100", "-05",
                "2026-03-01", "4/24/23", "12-1-2026", "1758", "2459", "0960",
                "2026-03-01 1758", "2026/3/1 2459", "2026-1-02  0960", "2026-03-01 2360", "UTC+5:30", "utc+05", "GMT-0530",
                ":", "h", "H", "-", "/", ".", ",", "(", ")", "+", "_",
                " ", " ", " ", "  ", "\t", "\n", "\x0b",
                "T", "t", "Z", "z", "at ", "am", "PM", "p.m.", "a", "m", "M",
                "st", "nd", "TH", "x", "e", "ber",
                "Jan", "january", "Sept", "sep", "MAY", "jun", "Dec.", "mar", "March",
                "Mon", "tuesday", "Wed,", "sun",
                "UTC", "utc", "GMT", "PST", "CEST", "CET", "ET", "PT", "PSTX",
                "Europe/Berlin", "America/New_York", "Etc/GMT", "A/B", "Ab/Cd_e", "Ab/",
                "to", "until", "\u{2013}", "\u{2014}", "é",
            ]), 1..16)
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(reader_parts(&text), oracle::all_parts(&text), "{:?}", text);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(3000))]
        /// A text said to hold no date holds none the reader finds.
        #[test]
        fn no_date_where_none_may_be(
            text in "[a-z ]{0,3}(Mon,? )?([0-9]{1,4}[ /:-]{0,2}){0,3}( ?(Jan|feb|MAR|Sept|May|dec|june|Ma|x))?( ?[0-9]{1,4}(st|th)?)?(,? [0-9]{2,4})?[ ,.a-z]{0,3}"
        ) {
            if !may_hold_date(&text) {
                let dated: Vec<TimeExpr> = find_all(&text).into_iter().filter(|t| t.date.is_some()).collect();
                proptest::prop_assert!(dated.is_empty(), "{:?} holds {:?}", text, dated);
            }
        }
    }

    #[test]
    fn dates_are_told_apart_from_times_before_a_search() {
        for dated in ["2026-03-01", "(10-20-2022)", "on 3/4/23", "Jan 5", "5th MAY 2024", "Monday Sept 1st"] {
            assert!(may_hold_date(dated), "{dated:?}");
            assert!(find_all(dated).iter().any(|t| t.date.is_some()), "{dated:?} holds a date");
        }
        for undated in [" (6:48 PDT): The last tr", ": paged the SRE team", "14:32 UTC, 5 min later"] {
            assert!(!may_hold_date(undated), "{undated:?}");
        }
    }

    #[test]
    fn zones_declared_in_prose() {
        assert_eq!(find_zone("Timeline (all times UTC)").map(|z| z.offset_minutes), Some(Some(0)));
        assert_eq!(find_zone("All times listed in PST.").map(|z| z.name), Some("PST".into()));
        assert!(find_zone("Date and Time in CET").is_some());
        assert!(find_zone("times are in Europe/Berlin").is_some());
        assert!(find_zone("All times Pacific time").is_some());
        assert!(find_zone("All times approximate").is_none());
        assert!(find_zone("The EST database was slow").is_some(), "abbreviations are zones wherever they stand");
    }

    #[test]
    fn front_matter_values() {
        assert!(parse_value("2026-03-01T14:32:00Z").is_some());
        assert!(parse_value("2026-03-01 14:32 UTC").is_some());
        assert!(parse_value("2026-03-01").is_some());
        assert!(parse_value("yesterday").is_none());
        assert!(parse_value("14:32").is_none(), "a value needs a date");
        assert!(parse_value("2026-13-01").is_none());
        // Seconds left out, with an offset: the offset is not the end of a range.
        let t = parse_value("2025-04-07T09:02-06:00").expect("ISO without seconds");
        assert_eq!((t.time, t.end_time), (Some(Time::constant(9, 2, 0, 0)), None));
        assert_eq!(t.zone.and_then(|z| z.offset_minutes), Some(-360));
        assert_eq!(parse_value("2025-06-14T17:40+02:00").and_then(|t| t.zone?.offset_minutes), Some(120));
    }

    #[test]
    fn a_time_only_the_fallback_reads_at_the_start_of_an_entry() {
        let read = |s: &str| four_digit_time(s, 0..s.len()).map(|t| (t.date, t.time, t.range));
        let at = |h, m| Some(Time::constant(h, m, 0, 0));
        // A day-first date with dots, joined to its time by "kl." or nothing.
        let sept = Some(Date::constant(2025, 9, 3));
        assert_eq!(read("03.09.2025 kl. 10.14 — Email from a patron"), Some((sept, at(10, 14), 0..20)));
        assert_eq!(read("03.09.2025 10:14 — paged"), Some((sept, at(10, 14), 0..16)));
        assert_eq!(read("03.09.2025, um 10:14 — paged"), Some((sept, at(10, 14), 0..20)));
        // A dotted time with its meridiem; four digits.
        assert_eq!(read("6.00am Scheduled run starts"), Some((None, at(6, 0), 0..6)));
        assert_eq!(read("1.40pm Correction run"), Some((None, at(13, 40), 0..6)));
        assert_eq!(read("0930 paged"), Some((None, at(9, 30), 0..4)));
        assert_eq!(read("14h — crash spike"), Some((None, at(14, 0), 0..3)));
        assert_eq!(read("24h later"), None);
        // Not times: a date alone, a version, a count.
        assert_eq!(read("03.09.2025 — report"), None);
        assert_eq!(read("1.14.2 released"), None);
        assert_eq!(read("31 exports"), None);
    }
}
