//! A debrief's metrics as `check --format json` and SARIF print them (SPEC 8), and as the
//! `report` repeats them for each debrief: the core's byte ranges become 1-based lines.

use debrief_core::durations::{Marker, MarkerTime, Source, When};
use debrief_core::Metrics;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// The `metrics` object of one file (SPEC 8).
#[derive(Debug, Clone, Serialize)]
pub struct MetricsOut {
    /// `SEV1` … `SEV5`, or null when the debrief does not say.
    pub severity: Option<String>,
    /// The markers the debrief gives a time for, in incident order.
    pub milestones: Ordered<MilestoneOut>,
    /// The durations whose two ends are known, in minutes.
    pub minutes: Ordered<i64>,
    /// Follow-ups against their budget.
    pub followups: FollowUpsOut,
    /// Findings per rule family, every family listed.
    pub findings: Ordered<usize>,
}

/// Named values printed as a JSON object, in their order.
#[derive(Debug, Clone, PartialEq)]
pub struct Ordered<T>(pub Vec<(&'static str, T)>);

impl<T: Serialize> Serialize for Ordered<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// When a marker happened and where the debrief says so.
#[derive(Debug, Clone, Serialize)]
pub struct MilestoneOut {
    /// RFC 3339 in UTC when exact (`2026-03-01T14:03:00Z`), a civil date-time without a
    /// zone (`2026-03-01T14:03:00`), or a time of day (`14:03:00`).
    pub at: String,
    /// `exact`, `no-zone` or `time-of-day`.
    pub precision: &'static str,
    /// For a time of day: days after the timeline's first day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<i32>,
    /// Where it is written.
    pub source: SourceOut,
}

/// A front-matter key or a timeline line.
#[derive(Debug, Clone, Serialize)]
pub struct SourceOut {
    /// `front-matter` or `timeline`.
    pub kind: &'static str,
    /// The front-matter key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<&'static str>,
    /// 1-based line.
    pub line: usize,
}

/// Follow-ups against budget.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUpsOut {
    /// Follow-ups in all lists.
    pub count: usize,
    /// How many the incident warrants (SPEC 4).
    pub budget: u32,
}

impl MetricsOut {
    /// `metrics` of the file whose text is `text`.
    pub fn new(m: &Metrics, text: &str) -> MetricsOut {
        let mut sources: Vec<(Marker, &MarkerTime)> =
            Marker::ALL.into_iter().filter_map(|k| m.durations.get(k).map(|t| (k, t))).collect();
        // Lines counted once through the text, up to the last source.
        sources.sort_by_key(|(_, t)| t.source.range().start);
        let (mut at, mut line) = (0, 1);
        let mut milestones: Vec<(Marker, MilestoneOut)> = sources
            .into_iter()
            .map(|(k, t)| {
                let to = t.source.range().start.min(text.len());
                line += memchr::memchr_iter(b'\n', &text.as_bytes()[at..to]).count();
                at = to;
                (k, milestone(t, line))
            })
            .collect();
        milestones.sort_by_key(|(k, _)| *k);
        MetricsOut {
            severity: m.severity.map(|s| format!("SEV{s}")),
            milestones: Ordered(milestones.into_iter().map(|(k, o)| (k.name(), o)).collect()),
            minutes: Ordered(m.durations.minutes().into_iter().filter_map(|(k, v)| Some((k, v?))).collect()),
            followups: FollowUpsOut { count: m.followups, budget: m.budget.budget },
            findings: Ordered(m.findings_by_family().to_vec()),
        }
    }
}

fn milestone(t: &MarkerTime, line: usize) -> MilestoneOut {
    let (at, precision) = match t.when {
        When::Exact(ts) => (ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(), "exact"),
        When::Local(dt) => (dt.strftime("%Y-%m-%dT%H:%M:%S").to_string(), "no-zone"),
        When::TimeOfDay { at, .. } => (at.strftime("%H:%M:%S").to_string(), "time-of-day"),
    };
    let source = match &t.source {
        Source::FrontMatter { key, .. } => SourceOut { kind: "front-matter", key: Some(key), line },
        Source::Timeline { .. } => SourceOut { kind: "timeline", key: None, line },
    };
    MilestoneOut { at, precision, day: t.when.day(), source }
}
