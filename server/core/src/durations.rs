//! Incident durations (SPEC 8): when impact began, was detected, responded to, mitigated
//! and resolved, each with where the debrief says so, and the minutes between them.
//!
//! Front matter (`started`, `detected`, `resolved`) wins over the timeline for each
//! marker it gives with a time; the others come from the timeline's milestones (see
//! [`crate::timeline::MilestoneEntries`]), and `started` from an entry up to detection that
//! says impact began ("errors started", "outage starts"). A duration is measured only
//! between two times that can be compared: both exact (date, time and zone known), both
//! with a date but no zone, or both times of day in one timeline without a date. Anything
//! else is absent, never guessed; so is a duration that would run backwards.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::DateTime;
use jiff::Timestamp;

use crate::document::Document;
use crate::front_matter::Located;
use crate::grammar::{self, Token};
use crate::lexicon::ROLE_NOUNS;
use crate::timeline::{Milestone, Timeline, TimelineEntry, UNKNOWN_DAY};
use crate::times::{TimeExpr, Zone};
use crate::word_index::PrefixIndex;

/// A point of an incident that durations are measured between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Marker {
    /// Impact began.
    Started,
    /// Someone or something noticed.
    Detected,
    /// The incident was declared or acknowledged; responders engaged.
    Responded,
    /// Impact was reduced.
    Mitigated,
    /// Impact ended.
    Resolved,
}

impl Marker {
    /// All five, in incident order.
    pub const ALL: [Marker; 5] =
        [Marker::Started, Marker::Detected, Marker::Responded, Marker::Mitigated, Marker::Resolved];

    /// Its name in reports: "started", "detected", "responded", "mitigated", "resolved".
    pub fn name(self) -> &'static str {
        match self {
            Marker::Started => "started",
            Marker::Detected => "detected",
            Marker::Responded => "responded",
            Marker::Mitigated => "mitigated",
            Marker::Resolved => "resolved",
        }
    }

    /// The marker a timeline milestone stands for.
    pub fn of(m: Milestone) -> Marker {
        match m {
            Milestone::Detected => Marker::Detected,
            Milestone::Responded => Marker::Responded,
            Milestone::Mitigated => Marker::Mitigated,
            Milestone::Resolved => Marker::Resolved,
        }
    }
}

/// When something happened, as exactly as the debrief says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Date, time of day and zone known: a point in time.
    Exact(Timestamp),
    /// Date and time of day known, the zone not: comparable with the debrief's other
    /// times without a zone.
    Local(DateTime),
    /// A time of day in a timeline that gives no date: `at` is on
    /// [`UNKNOWN_DAY`], or a day after it past midnight. Comparable only with times of
    /// the same timeline (`timeline`: where its section starts).
    TimeOfDay {
        /// The time, on the timeline's made-up first day or after.
        at: DateTime,
        /// The start of the timeline's section.
        timeline: usize,
    },
}

impl When {
    /// Whole minutes from `self` to `later` (negative when `later` is earlier), when the
    /// two can be compared.
    pub fn minutes_until(self, later: When) -> Option<i64> {
        let d = match (self, later) {
            (When::Exact(a), When::Exact(b)) => a.duration_until(b),
            (When::Local(a), When::Local(b)) => a.duration_until(b),
            (When::TimeOfDay { at: a, timeline: t }, When::TimeOfDay { at: b, timeline: u }) if t == u => {
                a.duration_until(b)
            }
            _ => return None,
        };
        Some(d.as_mins())
    }

    /// The days after the timeline's first day, for a time of day without a date.
    pub fn day(self) -> Option<i32> {
        match self {
            When::TimeOfDay { at, .. } => UNKNOWN_DAY.until(at.date()).ok().map(|s| s.get_days()),
            _ => None,
        }
    }
}

/// Where the debrief gives a marker's time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A front-matter key.
    FrontMatter {
        /// The key: `started`, `detected` or `resolved`.
        key: &'static str,
        /// The line holding it.
        range: Range<usize>,
    },
    /// A timeline entry.
    Timeline {
        /// Where the timeline's section starts.
        timeline: usize,
        /// The entry's index in [`Timeline::entries`].
        entry: usize,
        /// The entry's first line.
        range: Range<usize>,
    },
}

impl Source {
    /// The bytes where it is written.
    pub fn range(&self) -> &Range<usize> {
        match self {
            Source::FrontMatter { range, .. } | Source::Timeline { range, .. } => range,
        }
    }
}

/// A marker's time and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkerTime {
    /// When.
    pub when: When,
    /// The civil date and time as written (in the zone written, if any).
    pub local: DateTime,
    /// Where the debrief says it.
    pub source: Source,
}

/// The five markers of a debrief and the minutes between them (SPEC 8).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Durations {
    markers: [Option<MarkerTime>; 5],
    /// Started to detected.
    pub to_detect: Option<i64>,
    /// Detected to responded.
    pub to_respond: Option<i64>,
    /// Started to mitigated.
    pub to_mitigate: Option<i64>,
    /// Started to resolved.
    pub to_resolve: Option<i64>,
    /// Started to mitigated, or to resolved when nothing says when impact was mitigated.
    pub impact: Option<i64>,
    /// The timeline the milestones were read from (its index), if any.
    pub timeline: Option<usize>,
}

impl Durations {
    /// The time of `m`, when the debrief gives one.
    pub fn get(&self, m: Marker) -> Option<&MarkerTime> {
        self.markers[m as usize].as_ref()
    }

    /// The five durations by name, in SPEC 8's order: `to_detect`, `to_respond`,
    /// `to_mitigate`, `to_resolve`, `impact`.
    pub fn minutes(&self) -> [(&'static str, Option<i64>); 5] {
        [
            ("to_detect", self.to_detect),
            ("to_respond", self.to_respond),
            ("to_mitigate", self.to_mitigate),
            ("to_resolve", self.to_resolve),
            ("impact", self.impact),
        ]
    }

    /// Minutes from `a` to `b`, when both are known, comparable and in that order.
    fn between(&self, a: Marker, b: Marker) -> Option<i64> {
        let m = self.get(a)?.when.minutes_until(self.get(b)?.when)?;
        (m >= 0).then_some(m)
    }
}

/// The durations of the debrief `doc`, whose timelines are `timelines`.
pub fn durations(doc: &Document<'_>, timelines: &[Timeline]) -> Durations {
    let main = main_timeline(timelines);
    let timeline = main.map(|i| &timelines[i]);
    let mut markers: [Option<MarkerTime>; 5] = Default::default();
    if let Some(t) = timeline {
        let picked = t.milestone_entries();
        // Read once: it looks at every entry.
        let zone = t.zone();
        for m in Milestone::ALL {
            if let Some(e) = picked.get(m) {
                markers[Marker::of(m) as usize] = entry_time(t, zone, e);
            }
        }
        // Impact began at an entry that says so, no later than detection.
        let last = Milestone::ALL
            .iter()
            .find_map(|&m| picked.get(m))
            .and_then(|e| t.entries.iter().position(|x| std::ptr::eq(x, e)))
            .unwrap_or(t.entries.len().saturating_sub(1));
        let before = &t.entries[..t.entries.len().min(last + 1)];
        markers[Marker::Started as usize] = before
            .iter()
            .filter(|e| says_impact_began(&doc.text[e.body.clone()]))
            .find_map(|e| entry_time(t, zone, e))
            // "Sari sees 2,318 failed pushes since 21.40", said at detection or in the few
            // entries after it: the entry at that time, if it comes no later than detection.
            .or_else(|| {
                t.entries[..t.entries.len().min(last + 4)].iter().find_map(|e| {
                    let (h, m) = trouble_since(&doc.text[e.body.clone()])?;
                    let at = before
                        .iter()
                        .find(|x| x.moment.is_some_and(|mo| mo.has_time && mo.at.hour() == h && mo.at.minute() == m))?;
                    entry_time(t, zone, at)
                })
            })
            // An entry before detection that tells harm already being done.
            .or_else(|| {
                t.entries[..last]
                    .iter()
                    .filter(|e| tells_harm(&doc.text[e.body.clone()]))
                    .find_map(|e| entry_time(t, zone, e))
            });
    }
    if let Some(fm) = &doc.front_matter {
        let zone = fm.timezone.as_ref().map(|z| &z.value).or_else(|| timeline.and_then(Timeline::zone));
        for (marker, key, value) in [
            (Marker::Started, "started", &fm.started),
            (Marker::Detected, "detected", &fm.detected),
            (Marker::Resolved, "resolved", &fm.resolved),
        ] {
            if let Some(found) = value.as_ref().and_then(|v| front_matter_time(key, v, zone)) {
                markers[marker as usize] = Some(found);
            }
        }
    }
    let mut d = Durations { markers, timeline: main, ..Durations::default() };
    d.to_detect = d.between(Marker::Started, Marker::Detected);
    d.to_respond = d.between(Marker::Detected, Marker::Responded);
    d.to_mitigate = d.between(Marker::Started, Marker::Mitigated);
    d.to_resolve = d.between(Marker::Started, Marker::Resolved);
    d.impact = match d.get(Marker::Mitigated) {
        Some(_) => d.to_mitigate,
        None => d.to_resolve,
    };
    d
}

/// The timeline the milestones are read from: the one with most milestone entries, the
/// first of those.
fn main_timeline(timelines: &[Timeline]) -> Option<usize> {
    let count = |t: &Timeline| {
        let picked = t.milestone_entries();
        Milestone::ALL.iter().filter(|&&m| picked.get(m).is_some()).count()
    };
    let best = timelines.iter().map(count).max()?;
    timelines.iter().position(|t| count(t) == best)
}

/// What entries say when impact began, matched at word starts in any case.
const IMPACT_BEGAN: &[&str] = &[
    "impact began",
    "impact begins",
    "impact started",
    "impact starts",
    "start of impact",
    "start of the impact",
    "start of the outage",
    "start of outage",
    "outage began",
    "outage begins",
    "outage started",
    "outage starts",
    "errors began",
    "errors begin",
    "errors started",
    "errors start",
    "failures began",
    "failures started",
    "began failing",
    "begins failing",
    "started failing",
    "starts failing",
    "began to fail",
    "started to fail",
    "began degrading",
    "started degrading",
    "degradation began",
    "degradation started",
    "began returning errors",
    "started returning errors",
    "first errors",
    "first failures",
    "went down",
    // "Orders are affected from the first restarted pod at 23:20".
    "affected from",
    "affected since",
    // Spanish, Portuguese, French, German: "Empiezan los rechazos".
    "empiezan los",
    "empiezan a fallar",
    "comienzan los",
    "comienzan a fallar",
    "começam os",
    "começam a falhar",
    "commencent à échouer",
    "beginnen zu scheitern",
    // "begin van de impact", "inicio del impacto" ("début", its second letter not plain
    // ASCII, cannot be indexed).
    "begin van de",
    "inicio del impacto",
    "início do impacto",
    "beginn der",
];

/// [`IMPACT_BEGAN`], looked up word by word: searching each entry for each phrase was 4%
/// of `check --format json` of the corpus × 8.
static IMPACT_WORDS: LazyLock<PrefixIndex<()>> =
    LazyLock::new(|| PrefixIndex::new(IMPACT_BEGAN.iter().map(|&w| (w, ()))));

/// Verbs that start a phase ("began", "started") or end one ("stopped"): followed by
/// what the system did ("began rejecting", "started to time out", "stopped updating"),
/// they say when a symptom began.
const ONSET: &[&str] = &["began", "begin", "begins", "started", "start", "starts"];
const HALT: &[&str] = &["stopped", "stops", "stop"];

/// What people and changes do, not symptoms: "the on-call started investigating", "the
/// rollout began rolling back", "the backfill began processing". Matched at the start of
/// the word after the onset verb (or after its "to"), so each stem covers its forms.
const NOT_SYMPTOMS: &[&str] = &[
    "appl",
    "build",
    "call",
    "contact",
    "debug",
    "deploy",
    "escalat",
    "investigat",
    "look",
    "migrat",
    "monitor",
    "page",
    "paging",
    "prepar",
    "process",
    "reach",
    "rebuild",
    "receiv",
    "reindex",
    "releas",
    "replac",
    "restor",
    "review",
    "roll",
    "scal",
    "ship",
    "test",
    "triag",
    "troubleshoot",
    "updat",
    "upgrad",
    "work",
    "writ",
];

/// Trouble that stopping ends rather than starts: "the alert stopped firing", "errors
/// stopped appearing". Matched at the start of the subject of "stopped".
const TROUBLE: &[&str] = &[
    "alarm",
    "alert",
    "crash",
    "error",
    "exception",
    "failure",
    "flap",
    "page",
    "retr",
    "spike",
    "timeout",
    "warning",
];

/// [`NOT_SYMPTOMS`] too short to match as stems.
const NOT_SYMPTOMS_WHOLE: &[&str] = &["do", "doing", "run", "running"];

/// Who does things rather than suffers them, beside [`ROLE_NOUNS`] ("the user began
/// uploading", "we started rolling back"). A symptom's onset needs a subject, and not one
/// of these (nor an `@handle`): "Started replacing the nodes" is what the team did.
const DOERS: &[&str] = &["we", "i", "he", "she", "they", "someone", "support"];

/// Whether an entry's text says impact began: one of [`IMPACT_BEGAN`] ("errors started",
/// "(outage starts)"), or a symptom's onset ("checkout pods began crash-looping", "card
/// payments started to time out", "webhooks stopped firing"), and not that it did not ("no
/// errors started").
fn says_impact_began(text: &str) -> bool {
    // "**Start (08:40):** …", "**Impact (08:40):** …": a step labelled as the start.
    if let Some(label) = crate::times::bold_label(text) {
        let word = label.split(|c: char| !c.is_alphabetic()).next().unwrap_or("").to_ascii_lowercase();
        if matches!(word.as_str(), "start" | "impact" | "onset" | "trigger") {
            return true;
        }
    }
    let negated = |start: usize| {
        let word_before = text[..start].split(|c: char| !c.is_alphanumeric()).rfind(|w| !w.is_empty());
        word_before.is_some_and(|w| ["no", "not", "never"].iter().any(|n| n.eq_ignore_ascii_case(w)))
    };
    let mut says = false;
    IMPACT_WORDS.each_at_word_start(text, |start, _, ()| says |= !negated(start));
    says || symptom_onset(text, negated) || worse_measure(text)
}

/// Whether an entry before detection tells harm already done: a secret put where others
/// read it ("the CI run prints the key into a public log", "gist created with the token"),
/// or what users got wrong ("every SMS links to a page that returns 404").
fn tells_harm(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let has = |list: &[&str]| words.iter().any(|w| list.iter().any(|l| w.starts_with(l)));
    let secret = words.iter().any(|w| crate::lexicon::SECRETS.contains(w))
        && has(&["public", "gist", "exposed", "leaked", "pastebin"]);
    let broken =
        has(&["404", "5xx", "500s", "502s", "503s", "wrong", "broken", "duplicat", "twice", "garbled", "blank"])
            && !has(&["no", "not", "never"]);
    secret || broken
}

/// The clock time trouble is said to have run since: "2,318 failed pushes since 21.40",
/// "errors since 14:05". The hour and minute, when the text also names trouble.
fn trouble_since(text: &str) -> Option<(i8, i8)> {
    if !["since ", "Since ", "SINCE "].iter().any(|s| text.contains(s)) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let trouble = ["fail", "error", "timeout", "timed out", "reject", "declin", "crash", "down", "5xx", "stuck"]
        .iter()
        .any(|t| lower.contains(t));
    if !trouble {
        return None;
    }
    lower.match_indices("since ").find_map(|(at, w)| {
        let rest = &lower[at + w.len()..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let sep = rest.as_bytes().get(digits).copied();
        if !(1..=2).contains(&digits) || !matches!(sep, Some(b':' | b'.')) {
            return None;
        }
        let minutes = rest.get(digits + 1..digits + 3).filter(|m| m.bytes().all(|b| b.is_ascii_digit()))?;
        let (h, m): (i8, i8) = (rest[..digits].parse().ok()?, minutes.parse().ok()?);
        (h < 24 && m < 60).then_some((h, m))
    })
}

/// Measures that are worse when they go up ("error rate rises to 30 %") and ones that are
/// worse when they go down ("login success rate drops from 99 % to 20 %"); matched at the
/// start of the word before the movement, so each stem covers its forms.
const WORSE_UP: &[&str] = &["error", "latenc", "timeout", "5xx", "p99", "p95", "lag", "backlog", "queue", "retr"];
const WORSE_DOWN: &[&str] = &["success", "availability", "throughput", "conversion", "uptime", "hit"];
const RISES: &[&str] = &[
    "rises",
    "rose",
    "climbs",
    "climbed",
    "spikes",
    "spiked",
    "jumps",
    "jumped",
    "surges",
    "surged",
    "grows",
    "grew",
    "increases",
    "increased",
    "doubles",
    "doubled",
];
const FALLS: &[&str] = &[
    "drops",
    "dropped",
    "falls",
    "fell",
    "plunges",
    "plunged",
    "collapses",
    "collapsed",
    "sinks",
    "sank",
    "halves",
    "halved",
    "decreases",
    "decreased",
];

/// "Login success rate drops to 20 %", "p99 latency climbs past 4 s": a measure moving the
/// way that hurts, said of the measure (its word, or "rate" after it, right before the verb);
/// or trouble said to begin ("crashes starting with the first installs").
fn worse_measure(text: &str) -> bool {
    /// Trouble said to begin: "timeouts began".
    const BEGINS: &[&str] = &["starting", "beginning", "began", "begin", "started", "start"];
    /// The verbs it looks for, to pass over at once the many entries with none.
    static MOVES: LazyLock<PrefixIndex<()>> =
        LazyLock::new(|| PrefixIndex::new(RISES.iter().chain(FALLS).chain(BEGINS).map(|&w| (w, ()))));
    if !MOVES.any_at_word_start(text) {
        return false;
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|w| !w.is_empty()).collect();
    let measure = |i: usize, stems: &[&str]| {
        let at = |j: usize| words.get(j).is_some_and(|w| stems.iter().any(|s| w.starts_with(s)));
        at(i) || (i > 0 && matches!(words[i], "rate" | "rates" | "ratio" | "time" | "times") && at(i - 1))
    };
    words.iter().enumerate().skip(1).any(|(i, &w)| {
        // "the crashes starting with the first installs", "timeouts began".
        let trouble = || {
            ["crash", "error", "exception", "failure", "timeout", "5xx", "500s", "502s", "503s"]
                .iter()
                .any(|t| words[i - 1].starts_with(t))
                && (i < 2 || !matches!(words[i - 2], "no" | "not" | "never"))
        };
        (BEGINS.contains(&w) && trouble())
            || (RISES.contains(&w) && measure(i - 1, WORSE_UP))
            || (FALLS.contains(&w) && measure(i - 1, WORSE_DOWN))
    })
}

/// "began rejecting", "started to buffer", "stopped updating": an onset verb and what
/// followed it, the way [`says_impact_began`] reads them.
fn symptom_onset(text: &str, negated: impl Fn(usize) -> bool) -> bool {
    // Most entries hold no onset verb: pass them over without splitting them into words
    // (one look at each word's start; "restarted" and "laptop" hold none).
    static VERBS: LazyLock<PrefixIndex<()>> =
        LazyLock::new(|| PrefixIndex::new(ONSET.iter().chain(HALT).map(|&w| (w, ()))));
    if !VERBS.any_at_word_start(text) {
        return false;
    }
    let tokens = grammar::tokenize(text, 0..text.len());
    let words: Vec<&Token<'_>> = tokens.iter().filter(|t| t.is_word()).collect();
    words.windows(2).enumerate().any(|(i, pair)| {
        let (verb, next) = (pair[0].lower(), pair[1].lower());
        let is = |list: &[&str]| list.contains(&verb.as_str());
        let what = if is(ONSET) && next.as_str() == "to" {
            words.get(i + 2).map(|w| w.lower()).filter(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'))
        } else if is(ONSET) || is(HALT) {
            Some(next).filter(|w| w.len() > 4 && w.ends_with("ing"))
        } else {
            None
        };
        let by_something = i.checked_sub(1).map(|j| words[j]).is_some_and(|subject| {
            let w = subject.lower();
            let trouble_ends = is(HALT) && TROUBLE.iter().any(|t| w.starts_with(t));
            // "customers start getting NXDOMAIN": what users meet is the symptom.
            // ("customers started getting the new version" is a rollout).
            let object = words.get(i + 2).map(|o| o.lower());
            let met = is(ONSET)
                && matches!(w.as_str(), "customers" | "users" | "clients" | "players" | "riders" | "shoppers")
                && what.as_ref().is_some_and(|m| matches!(m.as_str(), "getting" | "seeing" | "receiving" | "hitting"))
                && object.is_none_or(|o| !matches!(o.as_str(), "the" | "new" | "their" | "our" | "updates"));
            let doer = ROLE_NOUNS.contains(&w.as_str()) || DOERS.contains(&w.as_str()) || w.starts_with('@');
            met || (!doer && !trouble_ends)
        });
        by_something
            // What people do is no symptom when it begins ("started updating the nodes"),
            // and is one when it stops ("positions stop updating", "orders stopped reaching
            // the queue").
            && what.is_some_and(|w| {
                is(HALT)
                    || !NOT_SYMPTOMS.iter().any(|n| w.starts_with(n)) && !NOT_SYMPTOMS_WHOLE.contains(&w.as_str())
            })
            && !negated(pair[0].start)
    })
}

/// The time of a timeline entry, as exactly as the timeline gives it; `None` for an entry
/// without a time of day or with a date that reads two ways. `zone` is the timeline's.
fn entry_time(t: &Timeline, zone: Option<&Zone>, e: &TimelineEntry) -> Option<MarkerTime> {
    let when = entry_when(t, zone, e)?;
    let index = t.entries.iter().position(|x| std::ptr::eq(x, e))?;
    let at = e.moment?.at;
    Some(MarkerTime {
        when,
        local: at,
        source: Source::Timeline { timeline: t.range.start, entry: index, range: e.head.clone() },
    })
}

/// [`entry_time`]'s [`When`]; `zone` is the timeline's (see [`Timeline::zone`]).
fn entry_when(t: &Timeline, zone: Option<&Zone>, e: &TimelineEntry) -> Option<When> {
    let m = e.moment.filter(|m| m.has_time && !m.undecided)?;
    if !m.dated {
        return Some(When::TimeOfDay { at: m.at, timeline: t.range.start });
    }
    // The timeline moved a time written with its own fixed offset into the declared zone's
    // when that has one, and left it in its own otherwise (see `timeline::build`).
    let own = e.time.as_ref().and_then(|x| x.zone.as_ref()).filter(|z| z.offset_minutes.is_some());
    let declared_fixed = t.declared_zone.as_ref().and_then(|z| z.offset_minutes);
    let offset = match own {
        Some(z) => declared_fixed.or_else(|| z.offset_at(Some(m.at))),
        None => zone.and_then(|z| z.offset_at(Some(m.at))),
    };
    Some(match offset.and_then(|o| exact(m.at, o)) {
        Some(ts) => When::Exact(ts),
        None => When::Local(m.at),
    })
}

/// The point in time of a civil time `offset_minutes` east of UTC.
fn exact(at: DateTime, offset_minutes: i32) -> Option<Timestamp> {
    jiff::tz::Offset::from_seconds(offset_minutes.checked_mul(60)?).ok()?.to_timestamp(at).ok()
}

/// A front-matter time: date and time needed; the zone written with it, else the
/// debrief's (front matter `timezone`, or the timeline's).
fn front_matter_time(key: &'static str, v: &Located<TimeExpr>, zone: Option<&Zone>) -> Option<MarkerTime> {
    let t = &v.value;
    let at = t.date?.to_datetime(t.time?);
    let offset = t.zone.as_ref().or(zone).and_then(|z| z.offset_at(Some(at)));
    let when = match offset.and_then(|o| exact(at, o)) {
        Some(ts) => When::Exact(ts),
        None => When::Local(at),
    };
    Some(MarkerTime { when, local: at, source: Source::FrontMatter { key, range: v.range.clone() } })
}

/// What an editor shows beside a timeline entry: the minutes since the timeline's
/// previous timed entry, and since impact began.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryTiming {
    /// The entry's index in [`Timeline::entries`].
    pub entry: usize,
    /// When it happened, when it has a time of day.
    pub when: Option<When>,
    /// Minutes since the previous entry with a time (negative when it is earlier), when
    /// both times can be compared.
    pub since_previous: Option<i64>,
    /// Minutes since impact began (negative before), when that is known and comparable.
    pub since_impact: Option<i64>,
    /// Minutes since the timeline's first entry with a time (negative before it).
    pub since_first: Option<i64>,
    /// The markers the entry gives (see [`Durations`]), in incident order.
    pub markers: Vec<Marker>,
}

/// The timing of each entry of `timeline`, against `durations` (the debrief's): a pure
/// function of the two, for inlay hints and timeline strips.
pub fn entry_timings(timeline: &Timeline, durations: &Durations) -> Vec<EntryTiming> {
    let started = durations.get(Marker::Started).map(|s| s.when);
    let zone = timeline.zone();
    let whens: Vec<Option<When>> = timeline.entries.iter().map(|e| entry_when(timeline, zone, e)).collect();
    let first = whens.iter().flatten().next().copied();
    let mut previous: Option<When> = None;
    let mut out = Vec::with_capacity(whens.len());
    for (i, when) in whens.into_iter().enumerate() {
        let markers = Marker::ALL
            .into_iter()
            .filter(|&m| {
                durations.get(m).is_some_and(|t| {
                    matches!(t.source, Source::Timeline { timeline: s, entry, .. } if s == timeline.range.start && entry == i)
                })
            })
            .collect();
        let since = |from: Option<When>| when.and_then(|w| from?.minutes_until(w));
        out.push(EntryTiming {
            entry: i,
            when,
            since_previous: since(previous),
            since_impact: since(started),
            since_first: since(first),
            markers,
        });
        if when.is_some() {
            previous = when;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> Durations {
        let doc = Document::parse(text);
        durations(&doc, &crate::timeline::timelines(&doc, crate::memo::Lookup::default()))
    }

    fn minutes(d: &Durations) -> [Option<i64>; 5] {
        d.minutes().map(|(_, m)| m)
    }

    fn at(d: &Durations, m: Marker) -> Option<String> {
        d.get(m).map(|t| match t.when {
            When::Exact(ts) => ts.to_string(),
            When::Local(dt) => format!("{dt} (no zone)"),
            When::TimeOfDay { at, .. } => format!("{} (day {})", at.time(), t.when.day().unwrap_or(0)),
        })
    }

    fn line(text: &str, d: &Durations, m: Marker) -> Option<String> {
        d.get(m).map(|t| text[t.source.range().clone()].to_string())
    }

    #[test]
    fn a_timeline_in_utc_gives_every_duration() {
        let text = "# Debrief\n\n## Timeline (UTC)\n\n### 2026-03-01\n\n- 13:58 errors started on checkout\n\
                    - 14:03 alert fired\n- 14:06 on-call acknowledged\n- 14:40 rolled back\n- 15:10 resolved\n";
        let d = of(text);
        assert_eq!(at(&d, Marker::Started).as_deref(), Some("2026-03-01T13:58:00Z"));
        assert_eq!(line(text, &d, Marker::Detected).as_deref(), Some("14:03 alert fired"));
        assert_eq!(minutes(&d), [Some(5), Some(3), Some(42), Some(72), Some(42)]);
    }

    #[test]
    fn a_timeline_crossing_midnight() {
        let text = "# Debrief\n\n## Timeline (all times UTC)\n\n- 23:50 outage starts\n- 23:55 alert fired\n\
                    - 00:05 incident declared\n- 00:20 rolled back\n- 01:10 resolved\n";
        let d = of(text);
        assert_eq!(at(&d, Marker::Resolved).as_deref(), Some("01:10:00 (day 1)"), "no date: times of day");
        assert_eq!(minutes(&d), [Some(5), Some(10), Some(30), Some(80), Some(30)]);
    }

    #[test]
    fn a_multi_day_timeline_with_day_headings() {
        let text = "# Debrief\n\n## Timeline (UTC)\n\n### 2026-03-01\n\n- 22:00 errors began for EU users\n\
                    - 23:00 alert fired\n\n### 2026-03-02\n\n- 09:00 incident declared\n- 18:00 failover to the \
                    standby region\n\n### 2026-03-04\n\n- 10:00 resolved\n";
        let d = of(text);
        assert_eq!(minutes(&d), [Some(60), Some(600), Some(20 * 60), Some(60 * 60), Some(20 * 60)]);
    }

    #[test]
    fn zones_make_times_exact_and_daylight_saving_counts() {
        // Pacific time in July is UTC-7.
        let text =
            "# Debrief\n\n## Timeline (Pacific time)\n\n### 2026-07-01\n\n- 10:00 alert fired\n- 10:30 resolved\n";
        let d = of(text);
        assert_eq!(at(&d, Marker::Detected).as_deref(), Some("2026-07-01T17:00:00Z"));
        // Entries with their own offsets, no zone declared: each read in its own.
        let text = "# Debrief\n\n## Timeline\n\n- 2026-03-01T10:00:00+01:00 errors started\n\
                    - 2026-03-01 09:20 UTC alert fired\n- 2026-03-01 09:50 UTC resolved\n";
        let d = of(text);
        assert_eq!(at(&d, Marker::Started).as_deref(), Some("2026-03-01T09:00:00Z"));
        assert_eq!((d.to_detect, d.to_resolve), (Some(20), Some(50)));
    }

    #[test]
    fn times_without_a_zone_compare_with_each_other_only() {
        let text = "---\nstarted: 2026-03-01T14:00:00Z\n---\n# Debrief\n\n## Timeline\n\n- 14:05 alert fired\n- 14:30 resolved\n";
        let d = of(text);
        assert_eq!(at(&d, Marker::Detected).as_deref(), Some("2026-03-01T14:05:00 (no zone)"));
        assert_eq!(d.to_detect, None, "an exact start and a time of unknown zone are not compared");
        assert_eq!(d.to_resolve, None);
        let text =
            "---\nstarted: 2026-03-01 14:00\n---\n# Debrief\n\n## Timeline\n\n- 14:05 alert fired\n- 14:30 resolved\n";
        let d = of(text);
        assert_eq!((d.to_detect, d.to_resolve), (Some(5), Some(30)), "neither has a zone");
    }

    #[test]
    fn times_without_a_date() {
        let text = "# Debrief\n\n## Timeline\n\n- 09:00 alert fired\n- 09:12 incident declared\n- 09:40 resolved\n";
        let d = of(text);
        assert_eq!(at(&d, Marker::Detected).as_deref(), Some("09:00:00 (day 0)"));
        assert_eq!(d.to_respond, Some(12));
        assert_eq!((d.to_detect, d.to_resolve, d.impact), (None, None, None), "nothing says when impact began");
    }

    #[test]
    fn missing_milestones_leave_their_durations_absent() {
        let text = "# Debrief\n\n## Timeline (UTC)\n\n- 2026-03-01 10:00 errors started\n- 2026-03-01 10:45 resolved\n";
        let d = of(text);
        assert!(d.get(Marker::Detected).is_none() && d.get(Marker::Mitigated).is_none());
        assert_eq!(minutes(&d), [None, None, None, Some(45), Some(45)], "impact falls back to resolution");
        let d = of("# Debrief\n\nNo timeline at all.\n");
        assert_eq!(d, Durations::default());
        let d = of("# Debrief\n\n## Timeline\n\n- the team talked\n- someone fixed it\n");
        assert_eq!(minutes(&d), [None; 5]);
    }

    #[test]
    fn front_matter_overrides_the_timeline() {
        let text = "---\nstarted: 2026-03-01T13:50:00Z\ndetected: 2026-03-01T14:01:00Z\nresolved: 2026-03-01T15:30:00Z\n---\n\
                    # Debrief\n\n## Timeline (UTC)\n\n- 2026-03-01 13:55 errors started\n- 2026-03-01 14:03 alert fired\n\
                    - 2026-03-01 14:06 incident declared\n- 2026-03-01 14:40 rolled back\n- 2026-03-01 15:10 resolved\n";
        let d = of(text);
        assert_eq!(line(text, &d, Marker::Started).as_deref(), Some("started: 2026-03-01T13:50:00Z"));
        assert!(matches!(d.get(Marker::Detected).unwrap().source, Source::FrontMatter { key: "detected", .. }));
        assert!(matches!(d.get(Marker::Responded).unwrap().source, Source::Timeline { entry: 2, .. }));
        assert_eq!(minutes(&d), [Some(11), Some(5), Some(50), Some(100), Some(50)]);
        // A date alone in front matter gives no time: the timeline's is used.
        let text = "---\nresolved: 2026-03-01\n---\n# Debrief\n\n## Timeline (UTC)\n\n- 10:00 errors started\n- 10:30 resolved\n";
        let d = of(text);
        assert_eq!(at(&d, Marker::Resolved).as_deref(), Some("2026-03-01T10:30:00Z"), "dated by the front matter");
        assert_eq!(d.to_resolve, Some(30));
        // Front matter without a zone is read in the timeline's.
        let text = "---\nstarted: 2026-03-01 09:55\n---\n# Debrief\n\n## Timeline (CET)\n\n- 10:00 alert fired\n";
        let d = of(text);
        assert_eq!(at(&d, Marker::Started).as_deref(), Some("2026-03-01T08:55:00Z"));
        assert_eq!(d.to_detect, Some(5));
    }

    #[test]
    fn a_duration_that_would_run_backwards_is_absent() {
        let text = "---\nstarted: 2026-03-01T14:30:00Z\n---\n# Debrief\n\n## Timeline (UTC)\n\n- 14:05 alert fired\n- 15:00 resolved\n";
        let d = of(text);
        assert_eq!((d.to_detect, d.to_resolve), (None, Some(30)));
    }

    #[test]
    fn impact_began_only_where_an_entry_says_so_before_detection() {
        for (entry, says) in [
            ("errors started on checkout", true),
            ("(**outage starts**)", true),
            ("crate builds started failing", true),
            ("no errors started", false),
            ("the terrors started", false),
            ("deploy started", false),
            // A symptom's onset, in words no list holds.
            ("Checkout pods began crash-looping in eu-west-1", true),
            ("card payments started to time out for some banks", true),
            ("Webhooks stopped firing for new orders", true),
            ("the mobile app begins showing a blank screen", true),
            ("Registrar places the hold. Customers start getting NXDOMAIN", true),
            ("Users started seeing 502s on login", true),
            // What people and changes start is not impact.
            ("The on-call started investigating", false),
            ("We began rolling back the release", false),
            ("Nightly backfill started processing March orders", false),
            ("Canary started to receive 5% of traffic", false),
            ("Rollout started to 10%", false),
            ("Dana started the migration", false),
            ("We stopped the deploy", false),
            ("Replication never stopped syncing", false),
            ("Started replacing the load balancers", false),
            ("@sam started doing the weekly patching", false),
            ("The customer began uploading files in a loop", false),
            ("Customers started getting the new app version", false),
            ("Support tickets began to reach the on-call", false),
            ("After the restart the alerts stopped firing", false),
            ("Timeouts stopped appearing in the logs", false),
            // A measure moving the way that hurts; trouble said to begin; a flow stopping.
            ("Login success rate drops from 99 % to about 20 %", true),
            ("p99 latency climbs past 4 s", true),
            ("Error rate falls to 0.3 %", false),
            ("Success rate rises back to 99.9 %", false),
            ("Crashlytics later showed the crashes starting with the first installs", true),
            ("Truck positions stop updating on the dispatch screen", true),
            ("New orders stopped reaching the dispensing queue", true),
        ] {
            assert_eq!(says_impact_began(entry), says, "{entry}");
        }
        let text = "# Debrief\n\n## Timeline (UTC)\n\n- 2026-03-01 10:00 alert fired\n- 2026-03-01 10:05 errors started again\n";
        assert!(of(text).get(Marker::Started).is_none(), "after detection it is not when impact began");
        // Trouble said to have run since an earlier entry's time: impact began there.
        let text = "# Debrief\n\n## Timeline (UTC)\n\n- 2026-03-01 21:40 roster published\n\
                    - 2026-03-01 23:55 crew control notices unacknowledged changes\n\
                    - 2026-03-02 00:45 on-call sees 2,318 failed pushes since 21.40\n";
        let started = of(text).get(Marker::Started).map(|s| s.local.hour());
        assert_eq!(started, Some(21));
        let text = text.replace("failed pushes", "pushes");
        assert!(of(&text).get(Marker::Started).is_none(), "no trouble named, no start");
        // Harm told before detection: a secret put where others read it, users sent
        // somewhere broken; a change told without harm is no start.
        for (entry, harm) in [
            ("CI run for PR 88 prints the deploy key into the public build log", true),
            ("Gist created with the API token in it", true),
            ("Reminder batch sends; every SMS links to a page that returns 404", true),
            ("The batch sends 2,310 reminders, each with the wrong time", true),
            ("Token rotated on schedule", false),
            ("Config v57 shipped with the weekly batch", false),
            ("Batch sends; no wrong links this time", false),
        ] {
            assert_eq!(tells_harm(entry), harm, "{entry}");
            let text = format!(
                "# Debrief\n\n## Timeline (UTC)\n\n- 2026-03-01 08:50 {entry}\n- 2026-03-01 09:12 alert fired\n"
            );
            assert_eq!(of(&text).get(Marker::Started).is_some(), harm, "{entry}");
        }
    }

    #[test]
    fn entry_timings_count_from_the_previous_entry_and_from_impact() {
        let text =
            "# Debrief\n\n## Timeline (UTC)\n\n- 2026-03-01 13:58 errors started\n- 2026-03-01 14:03 alert fired\n\
                    - people talked\n- 2026-03-01 14:10 incident declared\n- 2026-03-01 14:40 rolled back\n";
        let doc = Document::parse(text);
        let timelines = crate::timeline::timelines(&doc, crate::memo::Lookup::default());
        let d = durations(&doc, &timelines);
        let timings = entry_timings(&timelines[0], &d);
        let got: Vec<(Option<i64>, Option<i64>, Vec<Marker>)> =
            timings.iter().map(|t| (t.since_previous, t.since_impact, t.markers.clone())).collect();
        assert_eq!(
            got,
            [
                (None, Some(0), vec![Marker::Started]),
                (Some(5), Some(5), vec![Marker::Detected]),
                (None, None, vec![]),
                (Some(7), Some(12), vec![Marker::Responded]),
                (Some(30), Some(42), vec![Marker::Mitigated]),
            ]
        );
        assert_eq!(timings[4].since_first, Some(42));
    }
}
