//! The analysis core of debrief-ls: text and configuration in, findings with byte
//! ranges and fixes out. No I/O, no LSP types, no async: the language server and the
//! `check` command are thin shells over [`analyse`] and [`analyse_full`].
//!
//! A reader finds the whole rule catalogue under [`rules`], the Markdown model in
//! [`document`], and the debrief-specific structure in [`timeline`] and [`followups`].

pub mod catalogue;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod durations;
mod engine;
pub mod fix;
pub mod followups;
pub mod front_matter;
pub mod grammar;
pub mod lexicon;
pub mod memo;
pub mod metrics;
mod pattern;
pub mod people;
pub mod rules;
pub mod suppress;
pub mod text;
pub mod timeline;
pub mod times;
pub mod verbs;
mod word_index;

use std::ops::Range;

use document::Cores;
use memo::Lookup;

pub use config::{Config, ConfigError, ConfigFile};
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Related, Severity};
pub use document::{Document, SectionKind};
pub use followups::FollowUpBudget;
pub use metrics::Metrics;
pub use text::{LineCol, LineCounter, LineIndex};

/// Findings for `text` analysed as a debrief, sorted by position, suppressions applied.
pub fn analyse(text: &str, config: &Config) -> Vec<Diagnostic> {
    run(text, config, Wanted::FINDINGS).diagnostics
}

/// [`analyse`]'s findings when `text` declares itself a debrief (see
/// [`declares_debrief`]), `None` when it does not: one parse for both, for files found by
/// walking folders.
pub fn analyse_if_debrief(text: &str, config: &Config) -> Option<Vec<Diagnostic>> {
    on_both_cores(text.len(), |cores| {
        let doc = Document::parse_on(text, cores);
        declares_debrief(&doc).then(|| analysis_of(&doc, config, Wanted::FINDINGS, cores, None).0.diagnostics)
    })
}

/// [`analyse`]'s findings and the debrief's [`Metrics`] (SPEC 8), from one parse.
pub fn analyse_with_metrics(text: &str, config: &Config) -> (Vec<Diagnostic>, Metrics) {
    on_both_cores(text.len(), |cores| findings_and_metrics(&Document::parse_on(text, cores), config, cores))
}

/// [`analyse_with_metrics`] when `text` declares itself a debrief (see
/// [`analyse_if_debrief`]).
pub fn analyse_if_debrief_with_metrics(text: &str, config: &Config) -> Option<(Vec<Diagnostic>, Metrics)> {
    on_both_cores(text.len(), |cores| {
        let doc = Document::parse_on(text, cores);
        declares_debrief(&doc).then(|| findings_and_metrics(&doc, config, cores))
    })
}

fn findings_and_metrics(doc: &Document<'_>, config: &Config, cores: Cores) -> (Vec<Diagnostic>, Metrics) {
    let (analysis, metrics) = analysis_of(doc, config, Wanted::METRICS, cores, None);
    (analysis.diagnostics, metrics.expect("asked for"))
}

/// The [`Metrics`] of `text`, whose findings (`diagnostics`) are already known: after
/// `--fix`, which analyses the text it writes as it goes.
pub fn metrics_of(text: &str, config: &Config, diagnostics: &[Diagnostic]) -> Metrics {
    let doc = Document::parse(text);
    let timelines = timeline::timelines(&doc, Lookup::default());
    let lists = followups::followup_lists(&doc, Lookup::default());
    metrics::metrics(&doc, Lookup::default(), &timelines, &lists, diagnostics, config)
}

/// The findings and the debrief's outline (for editors: symbols, code lenses).
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Findings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Sections, timeline entries and follow-ups.
    pub outline: Outline,
    /// Whether the text says it is a debrief (front matter, or a first heading naming a
    /// post-mortem, incident review or debrief). Path globs are the shells' to check.
    pub declares_debrief: bool,
}

/// A section heading in the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineSection {
    /// Heading text.
    pub title: String,
    /// 1–6 for headings, 7–8 for bold labels.
    pub level: u8,
    /// What it is about.
    pub kind: SectionKind,
    /// The heading.
    pub heading: Range<usize>,
    /// The whole section.
    pub range: Range<usize>,
}

/// A timeline entry in the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineEntry {
    /// The time as written ("14:32 UTC"), or empty.
    pub time: String,
    /// The entry's text.
    pub summary: String,
    /// The whole entry.
    pub range: Range<usize>,
    /// Its first line.
    pub head: Range<usize>,
    /// How its time was read: "2025-03-04 14:07 UTC", "14:07", "14:07, date unsure",
    /// or empty when it has none.
    pub read_as: String,
    /// The milestones it marks, as a reader picks them ("detected", "resolved").
    pub milestones: Vec<&'static str>,
    /// Where its time is written, when it has one.
    pub time_range: Option<Range<usize>>,
    /// When it happened and how long after the entry before it and after impact began
    /// (against [`Outline::durations`]).
    pub timing: durations::EntryTiming,
}

/// A timeline in the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineTimeline {
    /// The heading.
    pub heading: Range<usize>,
    /// The whole section.
    pub range: Range<usize>,
    /// Entries.
    pub entries: Vec<OutlineEntry>,
    /// First to last timed entry, in minutes.
    pub span_minutes: Option<i64>,
    /// The longest silence between consecutive timed entries: minutes, and the two entries.
    pub largest_gap: Option<(i64, Range<usize>, Range<usize>)>,
}

/// A follow-up list in the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineFollowUps {
    /// The heading.
    pub heading: Range<usize>,
    /// The whole section.
    pub range: Range<usize>,
    /// Each follow-up: its range and text.
    pub items: Vec<(Range<usize>, String)>,
    /// The budget they are held to.
    pub budget: FollowUpBudget,
    /// Follow-ups in the whole document (all lists).
    pub total: usize,
}

/// The parts of a debrief an editor shows in its outline and code lenses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// Headings and bold labels, in order.
    pub sections: Vec<OutlineSection>,
    /// Timelines.
    pub timelines: Vec<OutlineTimeline>,
    /// Follow-up lists.
    pub followups: Vec<OutlineFollowUps>,
    /// The debrief's incident durations (SPEC 8).
    pub durations: durations::Durations,
}

/// Analyses `text` as a debrief and returns findings and outline.
pub fn analyse_full(text: &str, config: &Config) -> Analysis {
    run(text, config, Wanted::OUTLINE)
}

/// Findings and whether the text declares itself a debrief, without the outline (an
/// editor asks for the outline far less often than the text changes).
pub fn analyse_without_outline(text: &str, config: &Config) -> Analysis {
    run(text, config, Wanted::FINDINGS)
}

/// The outline alone: sections, timeline entries and follow-ups.
pub fn outline_of(text: &str, config: &Config) -> Outline {
    let doc = Document::parse(text);
    let timelines = timeline::timelines(&doc, Lookup::default());
    let followup_lists = followups::followup_lists(&doc, Lookup::default());
    outline(&doc, Lookup::default(), &timelines, &followup_lists, config)
}

/// Analyses successive versions of one document, reusing what parsing the last version
/// found in the stretches an edit left alone (between top-level headings), so an edit
/// costs the parse of the stretch it touched. The language server keeps one per open
/// document. The results are [`analyse_without_outline`]'s, whatever the edits.
#[derive(Debug, Default)]
pub struct Incremental {
    previous: Option<document::Reuse>,
    kept: Kept,
}

/// What the analyses of one document's versions keep for the next: the language layer's
/// look-ups and the engine's findings, by part.
#[derive(Debug, Default)]
struct Kept {
    /// Shared with the [`OutlineBase`]s taken from it.
    memo: std::sync::Arc<memo::Memo>,
    caches: engine::Caches,
}

impl Incremental {
    /// Analyses `text`, the document's new version, like [`analyse_without_outline`].
    pub fn analyse(&mut self, text: String, config: &Config) -> Analysis {
        // The first version is parsed whole, on both cores if it is long; later ones reuse
        // its parts and stay on one (see [`in_parallel`]).
        let first = self.previous.is_none();
        let mut analyse = |cores| {
            let doc = Document::parse_reusing(&text, self.previous.as_ref(), cores);
            let (analysis, _) = analysis_of(&doc, config, Wanted::FINDINGS, cores, Some(&mut self.kept));
            (analysis, doc.into_reuse())
        };
        let (analysis, reuse) = if first { on_both_cores(text.len(), analyse) } else { analyse(Cores::One) };
        self.previous = Some(reuse.with_text(text));
        analysis
    }

    /// The text of the version last analysed, if any.
    pub fn text(&self) -> Option<&str> {
        self.previous.as_ref().map(|previous| previous.text())
    }

    /// What the outline of the version last analysed is worked out from: its parse (the
    /// parts, shared) and the language layer's look-ups. Taken out, so the outline costs
    /// the caller's thread, not the next version's analysis.
    pub fn outline_base(&self) -> Option<OutlineBase> {
        Some(OutlineBase { previous: self.previous.clone()?, memo: self.kept.memo.clone() })
    }
}

/// The version an [`Incremental`] analysed last, for its outline: see
/// [`Incremental::outline_base`].
#[derive(Debug)]
pub struct OutlineBase {
    previous: document::Reuse,
    memo: std::sync::Arc<memo::Memo>,
}

impl OutlineBase {
    /// The text of the version.
    pub fn text(&self) -> &str {
        self.previous.text()
    }

    /// [`outline_of`] the version, from its parts rather than a fresh parse: on the
    /// 10,000-line debrief, an editor's inlay hints, symbols and lenses wait for this.
    pub fn outline(&self, config: &Config) -> Outline {
        let text = self.previous.text();
        let doc = Document::parse_reusing(text, Some(&self.previous), Cores::One);
        let look = Lookup::new(Some(&self.memo));
        let timelines = timeline::timelines(&doc, look);
        let lists = followups::followup_lists(&doc, look);
        outline(&doc, look, &timelines, &lists, config)
    }
}

/// From this many bytes on, a debrief's analysis uses a second core (below it, handing
/// work over costs more than it saves).
const PARALLEL_FROM: usize = 64 << 10;

/// Runs `analyse`, the analysis of a text `len` bytes long, telling it which [`Cores`] its
/// steps may share their work on: both, as one task on rayon's threads, when the text is
/// long and the cores are free; not when called on one of rayon's threads, as `check`
/// analyses its files, each on a core already (splitting one there only added work).
///
/// The analysis enters rayon's pool once rather than at each step that shares its work,
/// so it does not wait at each for a thread to wake. After an idle pause its first step
/// still waits for the other core (1.3–2 ms on the benchmarks' machine): see
/// `tests/bench/README.md`.
fn on_both_cores<R: Send>(len: usize, analyse: impl FnOnce(Cores) -> R + Send) -> R {
    if len < PARALLEL_FROM || rayon::current_thread_index().is_some() {
        return analyse(Cores::One);
    }
    rayon::scope(|_| analyse(Cores::BOTH))
}

/// Whether the analysis of `doc` shares its work with the other cores: when it may (see
/// [`on_both_cores`]), and not after a keystroke (parts of the last version reused):
/// what is left to do then is small, and waking the other core's thread, asleep between
/// keystrokes, cost more than it saved (the language server's 10,000-line keystroke
/// took 0.3 ms longer).
fn in_parallel(doc: &Document<'_>, cores: Cores) -> bool {
    cores.shared() && doc.text.len() >= PARALLEL_FROM && !doc.reused
}

/// What an analysis works out beyond the findings, when its caller asks: an editor's
/// outline, a report's metrics. Both come from the timelines and follow-ups the rules
/// read, so asking costs no second reading.
#[derive(Debug, Clone, Copy, Default)]
struct Wanted {
    outline: bool,
    metrics: bool,
}

impl Wanted {
    const FINDINGS: Wanted = Wanted { outline: false, metrics: false };
    const OUTLINE: Wanted = Wanted { outline: true, metrics: false };
    const METRICS: Wanted = Wanted { outline: false, metrics: true };
}

fn run(text: &str, config: &Config, wanted: Wanted) -> Analysis {
    on_both_cores(text.len(), |cores| analysis_of(&Document::parse_on(text, cores), config, wanted, cores, None).0)
}

/// The analysis of `doc`, and its metrics when `wanted`; `kept` is what the analysis of
/// its last version left, when the caller analyses version after version.
fn analysis_of(
    doc: &Document<'_>,
    config: &Config,
    wanted: Wanted,
    cores: Cores,
    kept: Option<&mut Kept>,
) -> (Analysis, Option<Metrics>) {
    let parallel = in_parallel(doc, cores);
    let (memo, mut caches) = match kept {
        Some(Kept { memo, caches }) => (Some(&**memo), Some(caches)),
        None => (None, None),
    };
    let look = Lookup::new(memo);
    let part_caches = caches.as_deref_mut().map_or_else(|| engine::Caches::default().take(doc), |c| c.take(doc));
    // In a long debrief, the timelines are read while the other core finds the trigger
    // phrases (kept in the engine's caches of the document's parts) and the follow-ups.
    let (timelines, followup_lists) = if parallel {
        rayon::join(
            || timeline::timelines(doc, look),
            || {
                engine::find_phrases(doc, &part_caches);
                followups::followup_lists(doc, look)
            },
        )
    } else {
        (timeline::timelines(doc, look), followups::followup_lists(doc, look))
    };
    let memo = memo.filter(|_| doc.keeps_parts);
    let people = match memo {
        Some(memo) => people::People::new_after(doc, memo.take_people_totals()),
        None => people::People::new(doc),
    };
    let kept_words = memo.map(memo::Memo::people_words).unwrap_or_default();
    let people_digest = people.digest(kept_words.iter().map(|w| &**w));
    let ctx = rules::Context {
        doc,
        config,
        timelines: &timelines,
        followups: &followup_lists,
        people: &people,
        people_digest,
        look,
    };
    let mut diagnostics = engine::run(&ctx, config, parallel, &part_caches);
    if let Some(caches) = caches {
        caches.keep(doc, part_caches);
    }
    if let Some(memo) = memo {
        memo.add_people_words(people.words());
        memo.keep_people_totals(people.into_totals());
    }
    suppress::filter(doc, &mut diagnostics);
    diagnostics.sort_by(|a, b| (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule)));
    diagnostics.dedup_by(|a, b| a.rule == b.rule && a.range == b.range && a.message == b.message);
    let outline =
        if wanted.outline { outline(doc, look, &timelines, &followup_lists, config) } else { Outline::default() };
    let metrics =
        wanted.metrics.then(|| metrics::metrics(doc, look, &timelines, &followup_lists, &diagnostics, config));
    (Analysis { diagnostics, outline, declares_debrief: declares_debrief(doc) }, metrics)
}

fn outline(
    doc: &Document<'_>,
    look: Lookup<'_>,
    timelines: &[timeline::Timeline],
    lists: &[followups::FollowUpList],
    config: &Config,
) -> Outline {
    let sections = doc
        .sections
        .iter()
        .map(|s| {
            let h = doc.heading_of(s);
            OutlineSection {
                title: h.text.to_string(),
                level: h.level,
                kind: s.kind,
                heading: h.range.clone(),
                range: s.range.clone(),
            }
        })
        .collect();
    let durations = durations::durations(doc, timelines);
    let timelines_out = timelines
        .iter()
        .map(|t| {
            let picked = t.milestone_entries();
            let timings = durations::entry_timings(t, &durations);
            let zone = t.zone().map(|z| z.name.clone());
            let timed: Vec<_> = t.timed().collect();
            let largest_gap = timed
                .windows(2)
                .filter_map(|w| {
                    let (_, a, ma) = w[0];
                    let (_, b, mb) = w[1];
                    let gap = ma.until.unwrap_or(ma.at).max(ma.at).duration_until(mb.at).as_mins();
                    (gap > 0).then(|| (gap, a.head.clone(), b.head.clone()))
                })
                .max_by_key(|g| g.0);
            OutlineTimeline {
                heading: t.heading.clone(),
                range: t.range.clone(),
                entries: t
                    .entries
                    .iter()
                    .zip(timings)
                    .map(|(e, timing)| OutlineEntry {
                        time: e.time.as_ref().map(|x| doc.text[x.range.clone()].trim().to_string()).unwrap_or_default(),
                        summary: doc.plain(e.text.clone()),
                        range: e.range.clone(),
                        head: e.head.clone(),
                        read_as: e.moment.map(|m| read_as(m, zone.as_deref())).unwrap_or_default(),
                        milestones: timeline::Milestone::ALL
                            .into_iter()
                            .filter(|&m| picked.get(m).is_some_and(|p| std::ptr::eq(p, e)))
                            .map(timeline::Milestone::name)
                            .collect(),
                        time_range: e.time.as_ref().map(|x| x.range.clone()),
                        timing,
                    })
                    .collect(),
                span_minutes: t.span().map(|s| s.as_mins()),
                largest_gap,
            }
        })
        .collect();
    let budget = followups::budget(doc, look, &config.limits);
    let total = lists.iter().map(|l| l.items.len()).sum();
    let followups_out = lists
        .iter()
        .map(|l| OutlineFollowUps {
            heading: l.heading.clone(),
            range: l.range.clone(),
            items: l.items.iter().map(|f| (f.range.clone(), doc.plain(f.head.clone()))).collect(),
            budget,
            total,
        })
        .collect();
    Outline { sections, timelines: timelines_out, followups: followups_out, durations }
}

/// How a resolved time reads in the outline: the date when known, the time, the zone.
fn read_as(m: timeline::Moment, zone: Option<&str>) -> String {
    let mut out = String::new();
    if m.dated && !m.undecided {
        out.push_str(&m.at.date().to_string());
    }
    if m.has_time {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&format!("{:02}:{:02}", m.at.hour(), m.at.minute()));
        if let Some(z) = zone {
            out.push(' ');
            out.push_str(z);
        }
    }
    if m.undecided {
        out.push_str(", date unsure");
    }
    out
}

/// Whether the document says it is a debrief: `debrief: true` or a debrief `type` in
/// front matter, or a first heading that names a post-mortem, incident review, incident
/// report or debrief.
pub fn declares_debrief(doc: &Document<'_>) -> bool {
    if doc.front_matter.as_ref().is_some_and(|f| f.marks_debrief) {
        return true;
    }
    // The names as words of the normalised heading, and the longer ones also run together
    // inside a word ("Postmortems", "Debriefing"); "PIR" only as a word ("Expiring" is not one).
    const NAMES: [&[&str]; 7] = [
        &["post", "mortem"],
        &["postmortem"],
        &["incident", "review"],
        &["incident", "report"],
        &["debrief"],
        &["post", "incident", "review"],
        &["pir"],
    ];
    const RUN_TOGETHER: [&str; 4] = ["postmortem", "incidentreview", "incidentreport", "debrief"];
    doc.first_heading().is_some_and(|h| {
        let t = document::normalise_heading(&h.text);
        let words: Vec<&str> = t.split(' ').collect();
        NAMES.iter().any(|name| words.windows(name.len()).any(|w| w == *name))
            || RUN_TOGETHER.iter().any(|name| t.contains(name))
    })
}

/// The edit that silences `rule` on the line holding `offset` (the "Ignore for this
/// line" action): a `debrief-ignore` comment above the line, or at the end of a table row.
pub fn ignore_edit(text: &str, rule: &str, offset: usize) -> Edit {
    suppress::ignore_edit_for(&Document::parse(text), rule, offset)
}

/// Builds the trigger phrases' automaton, the largest thing the analysis builds on first
/// use and the last it needs: on another thread, it overlaps with reading and parsing a
/// first document (`check` of one file).
pub fn prepare() {
    engine::prepare();
}

/// Builds the automata and word tables the analysis builds on first use (a few
/// milliseconds), so a caller can do it ahead of time: `check` does it while it walks
/// folders, instead of every thread waiting on the first file.
pub fn warm_up() {
    prepare();
    const SAMPLE: &str = "# Post-mortem\n\n## Timeline (UTC)\n\n- 2026-01-01 10:00 Alert fired; Dana should have \
                          checked.\n\n## Follow-ups\n\n- [ ] Add a canary (@sam, OPS-1)\n";
    analyse(SAMPLE, &Config::default());
}

/// Whether a document should be analysed: named explicitly, matched by the
/// configuration's globs, or declaring itself a debrief.
pub fn is_debrief(text: &str, relative_path: Option<&str>, config: &Config) -> bool {
    if relative_path.is_some_and(|p| config.includes_path(p)) {
        return true;
    }
    declares_debrief(&Document::parse(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_debrief_reads_the_same_on_one_core_and_on_two() {
        let mut debriefs = document::tests::corpus();
        debriefs.sort();
        let mut text = String::new();
        for debrief in debriefs.iter().cycle().take(400) {
            text.push_str(debrief);
            text.push('\n');
        }
        assert!(text.len() > 8 * PARALLEL_FROM, "{} bytes", text.len());
        let config = Config::default();
        let parts = on_both_cores(text.len(), |cores| Document::parse_on(&text, cores).parts().len());
        assert!(parts > 1, "the text was not parsed in pieces");
        assert_eq!(Document::parse(&text).parts().len(), 1, "parsed in pieces on one core");
        let two = run(&text, &config, Wanted::OUTLINE);
        let (one, _) = analysis_of(&Document::parse(&text), &config, Wanted::OUTLINE, Cores::One, None);
        assert!(one.diagnostics.len() > 500, "{} findings", one.diagnostics.len());
        let first_apart = two.diagnostics.iter().zip(&one.diagnostics).position(|(a, b)| a != b);
        assert!(
            two.diagnostics == one.diagnostics,
            "{} findings on two cores, {} on one, first apart: {:?}",
            two.diagnostics.len(),
            one.diagnostics.len(),
            first_apart.map(|i| (&two.diagnostics[i], &one.diagnostics[i]))
        );
        assert_eq!(format!("{:?}", two.outline), format!("{:?}", one.outline));
    }

    #[test]
    fn only_a_declared_debrief_is_analysed_when_found_by_walking() {
        let config = Config::default();
        let debrief = "# Post-mortem: DB outage\n\nDana should have noticed the alert.\n";
        let found = analyse_if_debrief(debrief, &config).expect("declares itself a debrief");
        assert!(!found.is_empty());
        assert_eq!(found, analyse(debrief, &config));
        assert_eq!(analyse_if_debrief("# README\n\nDana should have noticed the alert.\n", &config), None);
    }

    #[test]
    fn debriefs_declare_themselves() {
        for text in [
            "# Post-mortem: DB outage\n",
            "# Incident review — 2026-03-01\n",
            "# Postmortem\n",
            "---\ndebrief: true\n---\n# Anything\n",
            "---\ntype: incident-review\n---\n# Anything\n",
            "# Debrief of the March outage\n",
            "# PIR: checkout errors\n",
            "# Post incident review (PIR) — search\n",
            "# Postmortems/2026-03: cache\n",
        ] {
            assert!(declares_debrief(&Document::parse(text)), "{text}");
        }
        for text in [
            "# README\n\nA post-mortem is…\n",
            "# Sprint retrospective\n",
            "no heading\n",
            "# Expiring certificates\n",
            "# Inspiring the team\n",
            "# Incident response runbook\n",
        ] {
            assert!(!declares_debrief(&Document::parse(text)), "{text}");
        }
    }

    #[test]
    fn findings_are_sorted_and_have_valid_ranges() {
        let text = "# Debrief\n\nDana should have noticed. It was a careless change. The root cause was human error.\n";
        let found = analyse(text, &Config::default());
        assert!(found.len() >= 3);
        assert!(found.windows(2).all(|w| w[0].range.start <= w[1].range.start));
        for d in &found {
            assert!(text.get(d.range.clone()).is_some(), "{d:?}");
        }
    }
}
