//! What a debrief measures (SPEC 8): its durations, follow-ups against their budget,
//! findings per rule and family, and the soak time, for `check --format json` and the
//! `report` of a whole history.

use jiff::civil::Date;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::durations::{self, Durations, EntryTiming, Marker, When};
use crate::followups::{self, FollowUpBudget, FollowUpList};
use crate::timeline::Timeline;
use crate::Config;

/// The families rules belong to: the start of their ids ("blame-judgement" is a
/// `blame` rule), in the order reports list them.
pub const FAMILIES: [&str; 7] = ["blame", "cause", "followups", "timeline", "soak", "term", "front-matter"];

/// The family of the rule `id` (see [`FAMILIES`]), `None` for an id that starts with none.
pub fn family_of(id: &str) -> Option<&'static str> {
    FAMILIES.into_iter().find(|f| id.strip_prefix(f).is_some_and(|rest| rest.starts_with('-')))
}

/// What one debrief measures.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// The first heading's text.
    pub title: Option<String>,
    /// Front matter `type`, lowercase (`outage`, `security`).
    pub kind: Option<String>,
    /// Severity 1 (worst) to 5, as the debrief states it.
    pub severity: Option<u8>,
    /// The day of the incident: of the first marker with a date.
    pub date: Option<Date>,
    /// The day of the debrief meeting (front matter `debriefed`).
    pub debriefed: Option<Date>,
    /// When impact began, was detected… and the minutes between.
    pub durations: Durations,
    /// The main timeline's entries, timed (see [`durations::entry_timings`]).
    pub entries: Vec<EntryTiming>,
    /// Follow-ups in all lists.
    pub followups: usize,
    /// The budget they are held to.
    pub budget: FollowUpBudget,
    /// Findings per rule id, in the registry's order, rules with none left out.
    pub findings: Vec<(&'static str, usize)>,
    /// Days from resolution to the debrief meeting (front matter `debriefed`), to a
    /// tenth of a day when both have times.
    pub soak_days: Option<f64>,
}

impl Metrics {
    /// Findings per family, every family listed, in [`FAMILIES`]'s order.
    pub fn findings_by_family(&self) -> [(&'static str, usize); FAMILIES.len()] {
        FAMILIES.map(|f| (f, self.findings.iter().filter(|(id, _)| family_of(id) == Some(f)).map(|(_, n)| n).sum()))
    }
}

/// The metrics of `doc` with its timelines, follow-ups and the findings left after
/// suppression.
pub(crate) fn metrics(
    doc: &Document<'_>,
    look: crate::memo::Lookup<'_>,
    timelines: &[Timeline],
    lists: &[FollowUpList],
    findings: &[Diagnostic],
    config: &Config,
) -> Metrics {
    let durations = durations::durations(doc, timelines);
    let entries = durations.timeline.map(|i| durations::entry_timings(&timelines[i], &durations)).unwrap_or_default();
    let fm = doc.front_matter.as_ref();
    let debriefed = fm.and_then(|f| f.debriefed.as_ref()).map(|d| &d.value);
    let date = Marker::ALL
        .iter()
        .filter_map(|&m| durations.get(m))
        .find(|t| !matches!(t.when, When::TimeOfDay { .. }))
        .map(|t| t.local.date());
    let soak_days = durations.get(Marker::Resolved).zip(debriefed).and_then(|(resolved, debriefed)| {
        let day = debriefed.date?;
        if matches!(resolved.when, When::TimeOfDay { .. }) {
            return None;
        }
        let days = match debriefed.time {
            Some(time) => {
                let at = day.to_datetime(time);
                let offset = debriefed
                    .zone
                    .as_ref()
                    .or(fm.and_then(|f| f.timezone.as_ref()).map(|z| &z.value))
                    .and_then(|z| z.offset_at(Some(at)));
                let when = match (resolved.when, offset) {
                    (When::Exact(_), Some(o)) => {
                        let ts = jiff::tz::Offset::from_seconds(o * 60).ok()?.to_timestamp(at).ok()?;
                        When::Exact(ts)
                    }
                    _ => When::Local(at),
                };
                let minutes = resolved.when.minutes_until(when)?;
                (minutes as f64 / (24.0 * 60.0) * 10.0).round() / 10.0
            }
            None => f64::from(resolved.local.date().until(day).ok()?.get_days()),
        };
        Some(days)
    });
    // The budget holds the severity: one look for it, not two.
    let budget = followups::budget(doc, look, &config.limits);
    let mut counts = vec![0usize; crate::rules::REGISTRY.len()];
    for d in findings {
        if let Some(i) = crate::rules::index_of(d.rule) {
            counts[i] += 1;
        }
    }
    Metrics {
        title: doc.first_heading().map(|h| h.text.trim().to_string()).filter(|t| !t.is_empty()),
        kind: fm.and_then(|f| f.kind.clone()),
        severity: budget.severity,
        date,
        debriefed: debriefed.and_then(|d| d.date),
        durations,
        entries,
        followups: lists.iter().map(|l| l.items.len()).sum(),
        budget,
        findings: crate::rules::REGISTRY
            .iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .map(|(r, n)| (r.meta.id, n))
            .collect(),
        soak_days,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_family() {
        for r in crate::rules::REGISTRY {
            assert!(family_of(r.meta.id).is_some(), "{} has no family", r.meta.id);
        }
        assert_eq!(family_of("front-matter-invalid"), Some("front-matter"));
        assert_eq!(family_of("timeline-missing-milestone"), Some("timeline"));
        assert_eq!(family_of("blameless"), None);
    }

    const DEBRIEF: &str = "---\nseverity: SEV3\nstarted: 2026-03-01T14:02:00Z\nresolved: 2026-03-01T14:08:00Z\n\
                           debriefed: 2026-03-03T10:00:00Z\n---\n# Post-mortem: checkout errors\n\n\
                           Dana should have noticed the alert. The root cause was human error.\n\n\
                           ## Timeline (UTC)\n\n- 14:03 alert fired\n- 14:06 on-call acknowledged the page\n\
                           - 14:07 config rolled back\n- 14:08 error rate back to normal\n\n## Action items\n\n\
                           - Add config validation @dana\n- Add a canary stage\n- Page the secondary\n- Write a runbook\n";

    #[test]
    fn follow_ups_against_budget_findings_per_family_and_soak() {
        let (findings, m) = crate::analyse_with_metrics(DEBRIEF, &Config::default());
        assert_eq!(m.title.as_deref(), Some("Post-mortem: checkout errors"));
        assert_eq!(m.severity, Some(3));
        assert_eq!(m.date, Some(jiff::civil::date(2026, 3, 1)));
        assert_eq!((m.followups, m.budget.budget, m.budget.set_by_impact), (4, 3, true), "6 min of impact: 3");
        assert_eq!(m.durations.minutes().map(|(_, v)| v), [Some(1), Some(3), Some(5), Some(6), Some(5)]);
        let families = m.findings_by_family();
        let count = |f: &str| families.iter().find(|(x, _)| *x == f).unwrap().1;
        for family in FAMILIES {
            let prefix = format!("{family}-");
            assert_eq!(count(family), findings.iter().filter(|d| d.rule.starts_with(&prefix)).count(), "{family}");
        }
        assert!(count("blame") >= 1 && count("cause") >= 1);
        assert!(count("followups") >= 1, "4 follow-ups over a budget of 3");
        assert_eq!(families.iter().map(|(_, n)| n).sum::<usize>(), findings.len());
        assert_eq!(m.soak_days, Some(1.8));
        assert_eq!(m.entries.len(), 4);
        assert_eq!(m.entries[0].markers, [Marker::Detected]);
    }

    #[test]
    fn soak_in_whole_days_when_the_meeting_has_only_a_date() {
        let text = DEBRIEF.replace("debriefed: 2026-03-03T10:00:00Z", "debriefed: 2026-03-05");
        let (_, m) = crate::analyse_with_metrics(&text, &Config::default());
        assert_eq!(m.soak_days, Some(4.0));
        let (_, m) = crate::analyse_with_metrics("# Debrief\n", &Config::default());
        assert_eq!((m.soak_days, m.date, m.severity, m.followups, m.budget.budget), (None, None, None, 0, 10));
        assert_eq!(m.debriefed, None);
    }
}
