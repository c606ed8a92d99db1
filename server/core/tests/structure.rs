//! The timeline and follow-up model against debriefs written in every style teams use
//! (`tests/eval/structure/`, see `tests/eval/README.md`): each `NAME.toml` says what a
//! careful human reads in `NAME.md` — entries, times, zone, milestones, follow-ups and the
//! structure findings worth reporting — and this test compares the analyser's model with
//! it, printing every difference.
//!
//! The `[durations]` of each label are minutes worked out by hand (SPEC 8) from the
//! document alone; a duration left out is one a careful reader cannot know, and the
//! analyser must leave it out too.
//!
//! `cargo test -p debrief-core --test structure -- --nocapture` prints the figures;
//! `structure-fresh/` holds more authors' sets with their own floors. `STRUCTURE_SHOW=1`
//! lists every difference; `STRUCTURE_DIR=/dir` scores a set kept
//! outside the repository, without the floors.

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use debrief_core::document::Document;
use debrief_core::followups::followup_lists;
use debrief_core::timeline::{self, Milestone, UNKNOWN_DAY};
use debrief_core::{analyse, Config, LineIndex};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    #[serde(default)]
    styles: Vec<String>,
    #[serde(default)]
    timelines: Vec<ExpectedTimeline>,
    followups: Option<ExpectedFollowUps>,
    #[serde(default)]
    findings: ExpectedFindings,
    /// Durations in minutes, computed by hand; a key left out is one a careful reader
    /// cannot know (an end unknown, or two times that cannot be compared).
    durations: Option<ExpectedDurations>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedDurations {
    to_detect: Option<i64>,
    to_respond: Option<i64>,
    to_mitigate: Option<i64>,
    to_resolve: Option<i64>,
    impact: Option<i64>,
}

impl ExpectedDurations {
    fn minutes(&self) -> [(&'static str, Option<i64>); 5] {
        [
            ("to_detect", self.to_detect),
            ("to_respond", self.to_respond),
            ("to_mitigate", self.to_mitigate),
            ("to_resolve", self.to_resolve),
            ("impact", self.impact),
        ]
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedTimeline {
    heading: usize,
    utc_offset: String,
    entries: Vec<ExpectedEntry>,
    #[serde(default)]
    milestones: BTreeMap<String, usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedEntry {
    line: usize,
    at: String,
    date: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedFollowUps {
    count: usize,
    #[serde(default)]
    unowned: Vec<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ExpectedFindings {
    timeline_missing: Option<bool>,
    timeline_entry_no_time: Option<Vec<usize>>,
    timeline_out_of_order: Option<Vec<usize>>,
    timeline_gap: Option<Vec<usize>>,
    timeline_missing_milestone: Option<Vec<String>>,
    timeline_no_timezone: Option<bool>,
    followups_too_many: Option<bool>,
}

/// How a model entry's time reads in the expectation's notation.
fn written_at(m: Option<timeline::Moment>, seconds: bool) -> String {
    let Some(m) = m.filter(|m| m.has_time) else {
        return match m {
            Some(m) if m.dated => m.at.date().to_string(),
            _ => "none".into(),
        };
    };
    let time = format!("{:02}:{:02}", m.at.hour(), m.at.minute());
    let time = if m.at.second() != 0 || seconds { format!("{time}:{:02}", m.at.second()) } else { time };
    if m.undecided {
        return time;
    }
    if m.dated {
        return format!("{}T{time}", m.at.date());
    }
    let days = UNKNOWN_DAY.until(m.at.date()).map(|s| s.get_days()).unwrap_or(0);
    if days == 0 {
        time
    } else {
        format!("{time}+{days}d")
    }
}

fn offset_text(minutes: Option<i32>) -> String {
    match minutes {
        None => "none".into(),
        Some(m) => {
            let sign = if m < 0 { '-' } else { '+' };
            format!("{sign}{:02}:{:02}", m.abs() / 60, m.abs() % 60)
        }
    }
}

/// What one document's model differs from the expectation in, and how many entries it read right.
struct Compared {
    differences: Vec<String>,
    entries: usize,
    entries_right: usize,
    findings_expected: usize,
    findings_right: usize,
    findings_extra: usize,
    durations: DurationsCompared,
}

/// The durations of the documents labelled with them, against the hand-computed ones.
#[derive(Debug, Default)]
struct DurationsCompared {
    /// Durations a reader gives that the analyser gives the same.
    given_right: usize,
    /// Durations a reader gives.
    given: usize,
    /// Durations a reader cannot know, left absent by the analyser too.
    absent_right: usize,
    /// Durations a reader cannot know.
    absent: usize,
    /// Durations the analyser gives where a reader cannot know: guesses.
    guessed: usize,
    /// What differs, shown with the model's differences but counted apart.
    differences: Vec<String>,
}

impl std::ops::AddAssign for DurationsCompared {
    fn add_assign(&mut self, o: Self) {
        self.given_right += o.given_right;
        self.given += o.given;
        self.absent_right += o.absent_right;
        self.absent += o.absent;
        self.guessed += o.guessed;
        self.differences.extend(o.differences);
    }
}

fn compare(text: &str, expected: &Expected) -> Compared {
    let doc = Document::parse(text);
    let index = LineIndex::new(text);
    let line = |offset: usize| index.line_col(text, offset).line;
    let timelines = timeline::timelines(&doc, debrief_core::memo::Lookup::default());
    let mut out = Compared {
        differences: Vec::new(),
        entries: 0,
        entries_right: 0,
        findings_expected: 0,
        findings_right: 0,
        findings_extra: 0,
        durations: DurationsCompared::default(),
    };
    let diff = |out: &mut Compared, what: String| out.differences.push(what);

    if timelines.len() != expected.timelines.len() {
        diff(&mut out, format!("{} timelines read, {} expected", timelines.len(), expected.timelines.len()));
    }
    for (i, want) in expected.timelines.iter().enumerate() {
        out.entries += want.entries.len();
        let Some(got) = timelines.iter().find(|t| line(t.heading.start) == want.heading).or(timelines.get(i)) else {
            diff(&mut out, format!("timeline at line {} not read", want.heading));
            continue;
        };
        if line(got.heading.start) != want.heading {
            diff(&mut out, format!("timeline heading at line {}, expected {}", line(got.heading.start), want.heading));
        }
        let offset = got.zone_offset_minutes();
        if offset_text(offset) != want.utc_offset {
            diff(
                &mut out,
                format!("timeline {}: zone {} expected {}", want.heading, offset_text(offset), want.utc_offset),
            );
        }
        let got_entries: Vec<(usize, String, bool)> = got
            .entries
            .iter()
            .map(|e| {
                let l = line(e.range.start);
                // Seconds as the expectation writes them.
                let seconds = want.entries.iter().any(|w| w.line == l && w.at.matches(':').count() == 2);
                (l, written_at(e.moment, seconds), e.moment.is_some_and(|m| m.undecided))
            })
            .collect();
        for w in &want.entries {
            let undecidable = w.date.as_deref() == Some("undecidable");
            match got_entries.iter().find(|(l, ..)| *l == w.line) {
                None => diff(&mut out, format!("line {}: entry not read (expected at {})", w.line, w.at)),
                Some((_, at, undecided)) if *at != w.at || *undecided != undecidable => diff(
                    &mut out,
                    format!(
                        "line {}: at {at}{} expected {}{}",
                        w.line,
                        if *undecided { " (date undecided)" } else { "" },
                        w.at,
                        if undecidable { " (date undecidable)" } else { "" }
                    ),
                ),
                Some(_) => out.entries_right += 1,
            }
        }
        for (l, at, _) in &got_entries {
            if !want.entries.iter().any(|w| w.line == *l) {
                diff(&mut out, format!("line {l}: read as an entry at {at}, not one"));
            }
        }
        let picked = got.milestone_entries();
        for m in Milestone::ALL {
            let name = m.name();
            let got_line = picked.get(m).map(|e| line(e.range.start));
            let want_line = want.milestones.get(name).copied();
            if got_line != want_line {
                diff(&mut out, format!("milestone {name}: line {got_line:?}, expected {want_line:?}"));
            }
        }
    }

    if let Some(want) = &expected.followups {
        let lists = followup_lists(&doc, debrief_core::memo::Lookup::default());
        let items: Vec<_> = lists.iter().flat_map(|l| l.items.iter()).collect();
        if items.len() != want.count {
            let lines: Vec<usize> = items.iter().map(|f| line(f.range.start)).collect();
            diff(&mut out, format!("{} follow-ups read (lines {lines:?}), {} expected", items.len(), want.count));
        }
        let unowned: Vec<usize> = items.iter().filter(|f| f.needs_owner()).map(|f| line(f.range.start)).collect();
        if unowned != want.unowned {
            diff(&mut out, format!("follow-ups without owner at {unowned:?}, expected {:?}", want.unowned));
        }
    }

    if let Some(want) = &expected.durations {
        let got = debrief_core::durations::durations(&doc, &timelines);
        let d = &mut out.durations;
        for ((name, want), (_, got)) in want.minutes().into_iter().zip(got.minutes()) {
            match want {
                Some(_) => d.given += 1,
                None => d.absent += 1,
            }
            match (want, got) {
                (Some(w), Some(g)) if w == g => d.given_right += 1,
                (None, None) => d.absent_right += 1,
                (None, Some(_)) => d.guessed += 1,
                _ => {}
            }
            if want != got {
                d.differences.push(format!("{name}: {got:?} minutes, expected {want:?}"));
            }
        }
    }

    // The structure findings.
    let findings = analyse(text, &Config::default());
    let of = |rule: &str| -> Vec<usize> {
        findings.iter().filter(|d| d.rule == rule).map(|d| line(d.range.start)).collect()
    };
    let f = &expected.findings;
    let lines_rule = |out: &mut Compared, rule: &str, want: &Option<Vec<usize>>| {
        let Some(want) = want else { return };
        let got = of(rule);
        out.findings_expected += want.len();
        out.findings_right += want.iter().filter(|l| got.contains(l)).count();
        out.findings_extra += got.iter().filter(|l| !want.contains(l)).count();
        if got != *want {
            out.differences.push(format!("{rule} at {got:?}, expected {want:?}"));
        }
    };
    lines_rule(&mut out, "timeline-entry-no-time", &f.timeline_entry_no_time);
    lines_rule(&mut out, "timeline-out-of-order", &f.timeline_out_of_order);
    lines_rule(&mut out, "timeline-gap", &f.timeline_gap);
    let flag_rule = |out: &mut Compared, rule: &str, want: Option<bool>| {
        let Some(want) = want else { return };
        let got = !of(rule).is_empty();
        out.findings_expected += usize::from(want);
        out.findings_right += usize::from(want && got);
        out.findings_extra += usize::from(got && !want);
        if got != want {
            out.differences.push(format!("{rule}: {got}, expected {want}"));
        }
    };
    flag_rule(&mut out, "timeline-missing", f.timeline_missing);
    flag_rule(&mut out, "timeline-no-timezone", f.timeline_no_timezone);
    flag_rule(&mut out, "followups-too-many", f.followups_too_many);
    if let Some(want) = &f.timeline_missing_milestone {
        let got: Vec<String> = findings
            .iter()
            .filter(|d| d.rule == "timeline-missing-milestone")
            .filter_map(|d| Milestone::ALL.iter().find(|m| d.message.contains(m.label())).map(|m| m.name().to_string()))
            .collect();
        out.findings_expected += want.len();
        out.findings_right += want.iter().filter(|m| got.contains(m)).count();
        out.findings_extra += got.iter().filter(|m| !want.contains(m)).count();
        if got != *want {
            out.differences.push(format!("timeline-missing-milestone {got:?}, expected {want:?}"));
        }
    }
    out
}

/// A set's figures, summed over its documents.
#[derive(Default)]
struct SetScore {
    docs: usize,
    exact: usize,
    entries: usize,
    entries_right: usize,
    expected_findings: usize,
    right_findings: usize,
    extra_findings: usize,
    durations: DurationsCompared,
}

/// Compares every document of `dir` with its label, prints the set's figures (and with
/// `STRUCTURE_SHOW` every difference), and returns them.
fn score_set(dir: &Path) -> SetScore {
    let show = std::env::var_os("STRUCTURE_SHOW").is_some();
    let mut score = SetScore::default();
    let mut styles: BTreeMap<String, usize> = BTreeMap::new();
    let mut report = String::new();
    for (name, text) in support::markdown_under(dir).into_iter().filter(|(n, _)| !n.ends_with("STYLES.md")) {
        let toml_path = dir.join(name.replace(".md", ".toml"));
        let toml_text = std::fs::read_to_string(&toml_path).unwrap_or_else(|_| panic!("{name} has no .toml"));
        let expected: Expected = toml::from_str(&toml_text).unwrap_or_else(|e| panic!("{}: {e}", toml_path.display()));
        for s in &expected.styles {
            *styles.entry(s.clone()).or_default() += 1;
        }
        let mut c = compare(&text, &expected);
        score.docs += 1;
        score.exact += usize::from(c.differences.is_empty());
        score.entries += c.entries;
        score.entries_right += c.entries_right;
        score.expected_findings += c.findings_expected;
        score.right_findings += c.findings_right;
        score.extra_findings += c.findings_extra;
        let duration_differences = std::mem::take(&mut c.durations.differences);
        score.durations += c.durations;
        if show && !(c.differences.is_empty() && duration_differences.is_empty()) {
            report.push_str(&format!("{name}:\n"));
            for d in c.differences.iter().chain(&duration_differences) {
                report.push_str(&format!("  {d}\n"));
            }
        }
    }
    let s = &score;
    println!(
        "\nstructure ({}): {} documents, {} read exactly; entries {}/{} right; structure findings {}/{} expected \
         found, {} not wanted; {} styles",
        dir.file_name().map_or_else(Default::default, |n| n.to_string_lossy()),
        s.docs,
        s.exact,
        s.entries_right,
        s.entries,
        s.right_findings,
        s.expected_findings,
        s.extra_findings,
        styles.len()
    );
    let d = &s.durations;
    println!(
        "durations: {}/{} hand-computed durations given the same, {}/{} unknowable ones left absent, {} guessed",
        d.given_right, d.given, d.absent_right, d.absent, d.guessed
    );
    print!("{report}");
    score
}

#[test]
fn the_model_reads_every_style_as_written() {
    // `STRUCTURE_DIR=/some/set` scores a set kept outside the repository (one nobody has
    // read yet, say) the same way, without the floors.
    if let Some(outside) = std::env::var_os("STRUCTURE_DIR") {
        score_set(Path::new(&outside));
        return;
    }
    let s = score_set(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval/structure"));
    let d = &s.durations;
    assert!(s.docs >= 30, "the set lost documents: {}", s.docs);
    // Floors, raised as the reader improves.
    // 97 %: the `i` set (2026-12-07) brought a Slack export's follow-on lines, a bot's log
    // pasted as code and a timeline kept in an appendix, not read yet (1450 of 1492).
    assert!(
        s.entries_right * 100 >= s.entries * 97,
        "entries read right fell below 97%: {}/{}",
        s.entries_right,
        s.entries
    );
    assert!(s.exact * 100 >= s.docs * 95, "documents read exactly fell below 95%: {}/{}", s.exact, s.docs);
    assert!(s.right_findings * 100 >= s.expected_findings * 90, "wanted structure findings found fell below 90%");
    assert!(d.given >= 150, "the set lost hand-computed durations: {}", d.given);
    assert!(d.given_right * 100 >= d.given * 94, "durations given right fell below 94%: {}/{}", d.given_right, d.given);
    assert_eq!(d.guessed, 0, "a duration a careful reader cannot know was given");
    assert!(
        s.extra_findings * 10 <= s.right_findings.max(1),
        "more than one unwanted structure finding in ten: {} unwanted, {} wanted",
        s.extra_findings,
        s.right_findings
    );
}

/// More authors' documents (`tests/eval/structure-fresh/`, see its README): each set
/// scored before anyone read it, then studied. Their floors are what the reader reaches
/// on them now, lower than the first set's, so that a change that loses ground shows.
#[test]
fn other_authors_styles_are_read_too() {
    let s = score_set(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval/structure-fresh"));
    let d = &s.durations;
    assert!(s.docs >= 172, "the set lost documents: {}", s.docs);
    // 97 %: the `i` set (2026-12-07) brought a Slack export's follow-on lines, a bot's log
    // pasted as code and a timeline kept in an appendix, not read yet (1450 of 1492).
    assert!(
        s.entries_right * 100 >= s.entries * 97,
        "entries read right fell below 97%: {}/{}",
        s.entries_right,
        s.entries
    );
    assert!(s.exact * 100 >= s.docs * 50, "documents read exactly fell below 50%: {}/{}", s.exact, s.docs);
    assert!(s.right_findings * 100 >= s.expected_findings * 80, "wanted structure findings found fell below 80%");
    // Ten: one in `t04`, three in `c06`, whose times past midnight are written on a
    // 30-hour clock against the event day ("8/14 25:06"), a notation not read yet, a gap in
    // `d09` its author calls explained by a weekly job that alone reads the log, and five in
    // the `i` set (see its README): milestones told in words the reader does not take
    // (`i06`, `i07`, `i10`), a timeline that only points to an appendix (`i09`) and a gap
    // over a day of rounds the author times as "about 20 min per machine" (`i10`).
    assert!(s.extra_findings <= 10, "more than ten unwanted structure findings: {}", s.extra_findings);
    assert!(d.given_right * 100 >= d.given * 60, "durations given right fell below 60%: {}/{}", d.given_right, d.given);
    assert_eq!(d.guessed, 0, "a duration a careful reader cannot know was given");
}
