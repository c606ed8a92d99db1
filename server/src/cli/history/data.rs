//! The report's data (SPEC 9): one record per debrief, and what the charts show of them,
//! as the JSON format prints it and the page and summary are drawn from.

use std::collections::BTreeMap;

use debrief_core::durations::{Marker, When};
use debrief_core::metrics::FAMILIES;
use debrief_core::Metrics;
use serde::Serialize;

use super::super::metrics::{MetricsOut, Ordered};
use super::super::report::Problem;

/// The most months the per-month chart spans with empty months shown.
pub const MAX_MONTHS: usize = 120;

/// The severities a report groups by, in order; debriefs that state none are `unknown`.
pub const SEVERITIES: [&str; 6] = ["SEV1", "SEV2", "SEV3", "SEV4", "SEV5", "unknown"];

/// The durations, in SPEC 8's order.
pub const DURATIONS: [&str; 5] = ["to_detect", "to_respond", "to_mitigate", "to_resolve", "impact"];

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct History {
    /// The format's version.
    pub version: u32,
    /// What wrote it.
    pub tool: String,
    /// Totals and medians.
    pub summary: Summary,
    /// Every debrief, newest first, undated ones last.
    pub debriefs: Vec<Debrief>,
    /// What the charts show.
    pub charts: Charts,
    /// Files that could not be read or configured.
    pub problems: Vec<ProblemOut>,
}

/// One debrief.
#[derive(Debug, Clone, Serialize)]
pub struct Debrief {
    /// As given, `/`-separated.
    pub path: String,
    /// The first heading, or the file name.
    pub title: String,
    /// The incident's day (`2026-03-01`): its first dated marker, else a date the file
    /// name starts with, else the debrief meeting's.
    pub date: Option<String>,
    /// Front matter `type`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Findings per rule id, rules with none left out.
    pub findings_by_rule: Ordered<usize>,
    /// All findings.
    pub findings_total: usize,
    /// Days from resolution to the debrief meeting.
    pub soak_days: Option<f64>,
    /// The timed entries and markers, in minutes from the strip's start (the first of
    /// impact's start and the first timed entry).
    pub timeline: Vec<StripPoint>,
    /// SPEC 8's metrics, as `check --format json` prints them.
    #[serde(flatten)]
    pub metrics: MetricsOut,
}

/// A point on a debrief's timeline strip.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StripPoint {
    /// Minutes from the strip's start.
    pub minute: i64,
    /// The markers it is (`started`, `detected` …); empty for an ordinary entry.
    pub markers: Vec<&'static str>,
}

/// Totals over every debrief.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Debriefs read.
    pub debriefs: usize,
    /// Of those, with a date.
    pub dated: usize,
    /// Findings in all.
    pub findings: usize,
    /// Debriefs with more follow-ups than their budget.
    pub over_budget: usize,
    /// Each duration's spread over every debrief that has it.
    pub durations: Vec<Spread>,
}

/// How a set of durations spreads: never a mean alone.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Spread {
    /// Which duration.
    pub duration: &'static str,
    /// Which severity (`all` over every debrief).
    pub severity: &'static str,
    /// How many debriefs have it.
    pub n: usize,
    /// The values, in minutes, ascending.
    pub values: Vec<i64>,
    /// First quartile, median, third quartile (linear interpolation between closest
    /// ranks, as NumPy's default), when `n > 0`.
    pub q1: Option<f64>,
    /// Median.
    pub median: Option<f64>,
    /// Third quartile.
    pub q3: Option<f64>,
}

/// What each chart shows.
#[derive(Debug, Clone, Serialize)]
pub struct Charts {
    /// Debriefs per month by severity, every month from the first to the last (only
    /// those with debriefs when they span more than [`MAX_MONTHS`]: a date mistyped by
    /// centuries would make the chart all gaps).
    pub per_month: Vec<Month>,
    /// Durations per severity: for each duration, one spread per severity that has any.
    pub durations: Vec<Spread>,
    /// Follow-ups against budget, grouped by budget.
    pub followups: Vec<BudgetGroup>,
    /// Findings per rule over every debrief, most first.
    pub findings_by_rule: Vec<RuleCount>,
    /// Findings per family over every debrief.
    pub findings_by_family: Vec<RuleCount>,
    /// Soak time: debriefs per day bucket.
    pub soak: Vec<SoakBucket>,
}

/// One month.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Month {
    /// `2026-03`.
    pub month: String,
    /// Debriefs per severity, in [`SEVERITIES`]' order.
    pub counts: Vec<usize>,
    /// All of them.
    pub total: usize,
}

/// Debriefs held to one follow-up budget.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BudgetGroup {
    /// The budget.
    pub budget: u32,
    /// Debriefs held to it.
    pub debriefs: usize,
    /// Of those, with more follow-ups than it.
    pub over: usize,
    /// Their follow-up counts, ascending.
    pub counts: Vec<usize>,
}

/// Findings of one rule or family.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RuleCount {
    /// The rule id or family.
    pub name: &'static str,
    /// How many.
    pub count: usize,
}

/// Debriefs whose soak time falls in one bucket.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SoakBucket {
    /// `< 1 d`, `1–2 d` … `> 7 d`.
    pub label: &'static str,
    /// Whether the bucket is within the configured soak limits' defaults (1 to 7 days).
    pub within: bool,
    /// How many.
    pub count: usize,
}

/// A problem, as the report lists it.
#[derive(Debug, Clone, Serialize)]
pub struct ProblemOut {
    /// The file.
    pub path: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

/// The record of one debrief, from its path, text and metrics.
pub fn debrief(path: &str, text: &str, m: &Metrics) -> Debrief {
    let metrics = MetricsOut::new(m, text);
    let file_name = path.rsplit('/').next().unwrap_or(path);
    let date = m.date.map(|d| d.to_string()).or_else(|| date_in_name(file_name)).or(m.debriefed.map(|d| d.to_string()));
    Debrief {
        path: path.to_string(),
        title: m.title.clone().unwrap_or_else(|| file_name.to_string()),
        date,
        kind: m.kind.clone(),
        findings_by_rule: Ordered(m.findings.clone()),
        findings_total: m.findings.iter().map(|(_, n)| n).sum(),
        soak_days: m.soak_days,
        timeline: strip(m),
        metrics,
    }
}

/// A date a file name starts with: `2026-03-01-checkout.md`.
fn date_in_name(name: &str) -> Option<String> {
    let head = name.get(..10)?;
    head.parse::<jiff::civil::Date>().ok().map(|d| d.to_string())
}

/// The strip of a debrief: its timed entries and markers (those from front matter too),
/// in minutes from the earliest of them that can be compared with the first.
fn strip(m: &Metrics) -> Vec<StripPoint> {
    let mut points: Vec<(When, Vec<&'static str>)> =
        m.entries.iter().filter_map(|e| Some((e.when?, e.markers.iter().map(|k| k.name()).collect()))).collect();
    for k in Marker::ALL {
        let Some(t) = m.durations.get(k) else { continue };
        if !points.iter().any(|(_, marks)| marks.contains(&k.name())) {
            points.push((t.when, vec![k.name()]));
        }
    }
    let Some(&(reference, _)) = points.first() else { return Vec::new() };
    let mut out: Vec<StripPoint> = points
        .into_iter()
        .filter_map(|(w, markers)| Some(StripPoint { minute: reference.minutes_until(w)?, markers }))
        .collect();
    let start = out.iter().map(|p| p.minute).min().unwrap_or(0);
    for p in &mut out {
        p.minute -= start;
    }
    out.sort_by_key(|p| p.minute);
    out
}

/// Quartiles and median of ascending `values` (linear interpolation between closest
/// ranks).
pub fn spread(duration: &'static str, severity: &'static str, mut values: Vec<i64>) -> Spread {
    values.sort_unstable();
    let quantile = |q: f64| {
        if values.is_empty() {
            return None;
        }
        let pos = q * (values.len() - 1) as f64;
        let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
        let v = values[lo] as f64 + (values[hi] - values[lo]) as f64 * (pos - lo as f64);
        Some((v * 10.0).round() / 10.0)
    };
    Spread {
        duration,
        severity,
        n: values.len(),
        q1: quantile(0.25),
        median: quantile(0.5),
        q3: quantile(0.75),
        values,
    }
}

/// The severity label of a record.
pub fn severity_of(d: &Debrief) -> &'static str {
    match d.metrics.severity.as_deref() {
        Some(s) => SEVERITIES.iter().find(|&&x| x == s).copied().unwrap_or("unknown"),
        None => "unknown",
    }
}

/// A duration of a record.
pub fn minutes_of(d: &Debrief, duration: &str) -> Option<i64> {
    d.metrics.minutes.0.iter().find(|(k, _)| *k == duration).map(|(_, v)| *v)
}

/// The report of `debriefs` (in any order) and `problems`.
pub fn history(mut debriefs: Vec<Debrief>, problems: &[Problem]) -> History {
    // Newest first; undated last; then by path.
    debriefs.sort_by(|a, b| match (&a.date, &b.date) {
        (Some(x), Some(y)) => y.cmp(x).then_with(|| a.path.cmp(&b.path)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.path.cmp(&b.path),
    });
    let charts = charts(&debriefs);
    let summary = Summary {
        debriefs: debriefs.len(),
        dated: debriefs.iter().filter(|d| d.date.is_some()).count(),
        findings: debriefs.iter().map(|d| d.findings_total).sum(),
        over_budget: debriefs
            .iter()
            .filter(|d| d.metrics.followups.count > d.metrics.followups.budget as usize)
            .count(),
        durations: DURATIONS
            .iter()
            .map(|&k| spread(k, "all", debriefs.iter().filter_map(|d| minutes_of(d, k)).collect()))
            .collect(),
    };
    History {
        version: 1,
        tool: format!("debrief-ls {}", env!("CARGO_PKG_VERSION")),
        summary,
        debriefs,
        charts,
        problems: problems
            .iter()
            .map(|p| ProblemOut { path: p.path.clone(), line: p.line, message: p.message.clone() })
            .collect(),
    }
}

fn charts(debriefs: &[Debrief]) -> Charts {
    // Months from the first to the last, empty ones included.
    let mut by_month: BTreeMap<(i16, i8), Vec<usize>> = BTreeMap::new();
    for d in debriefs {
        let Some(date) = d.date.as_deref().and_then(|s| s.parse::<jiff::civil::Date>().ok()) else { continue };
        let sev = SEVERITIES.iter().position(|&s| s == severity_of(d)).unwrap_or(SEVERITIES.len() - 1);
        by_month.entry((date.year(), date.month())).or_insert_with(|| vec![0; SEVERITIES.len()])[sev] += 1;
    }
    let month = |(y, m): (i16, i8), counts: Vec<usize>| Month {
        month: format!("{y:04}-{m:02}"),
        total: counts.iter().sum(),
        counts,
    };
    let span = match (by_month.keys().next(), by_month.keys().next_back()) {
        (Some(&(y0, m0)), Some(&(y1, m1))) => (i32::from(y1) - i32::from(y0)) * 12 + i32::from(m1 - m0) + 1,
        _ => 0,
    };
    let per_month: Vec<Month> = if span as usize > MAX_MONTHS {
        by_month.into_iter().map(|(k, counts)| month(k, counts)).collect()
    } else {
        let mut out = Vec::new();
        if let Some((&first, _)) = by_month.first_key_value() {
            let (mut y, mut m) = first;
            for _ in 0..span {
                out.push(month((y, m), by_month.get(&(y, m)).cloned().unwrap_or_else(|| vec![0; SEVERITIES.len()])));
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
        }
        out
    };
    let mut durations = Vec::new();
    for k in DURATIONS {
        for sev in SEVERITIES {
            let values: Vec<i64> =
                debriefs.iter().filter(|d| severity_of(d) == sev).filter_map(|d| minutes_of(d, k)).collect();
            if !values.is_empty() {
                durations.push(spread(k, sev, values));
            }
        }
    }
    let mut budgets: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for d in debriefs {
        budgets.entry(d.metrics.followups.budget).or_default().push(d.metrics.followups.count);
    }
    let followups = budgets
        .into_iter()
        .map(|(budget, mut counts)| {
            counts.sort_unstable();
            BudgetGroup {
                budget,
                debriefs: counts.len(),
                over: counts.iter().filter(|&&c| c > budget as usize).count(),
                counts,
            }
        })
        .collect();
    let mut rules: Vec<RuleCount> = debrief_core::rules::REGISTRY
        .iter()
        .map(|r| RuleCount {
            name: r.meta.id,
            count: debriefs
                .iter()
                .flat_map(|d| d.findings_by_rule.0.iter())
                .filter(|(id, _)| *id == r.meta.id)
                .map(|(_, n)| n)
                .sum(),
        })
        .filter(|r| r.count > 0)
        .collect();
    rules.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(b.name)));
    let findings_by_family = FAMILIES
        .iter()
        .map(|&f| RuleCount {
            name: f,
            count: debriefs
                .iter()
                .flat_map(|d| d.metrics.findings.0.iter())
                .filter(|(k, _)| *k == f)
                .map(|(_, n)| n)
                .sum(),
        })
        .collect();
    const BUCKETS: [(&str, f64, f64, bool); 6] = [
        ("< 1 d", f64::NEG_INFINITY, 1.0, false),
        ("1–2 d", 1.0, 2.0, true),
        ("2–3 d", 2.0, 3.0, true),
        ("3–5 d", 3.0, 5.0, true),
        ("5–7 d", 5.0, 7.0001, true),
        ("> 7 d", 7.0001, f64::INFINITY, false),
    ];
    let soak = BUCKETS
        .iter()
        .map(|&(label, lo, hi, within)| SoakBucket {
            label,
            within,
            count: debriefs.iter().filter_map(|d| d.soak_days).filter(|&s| lo <= s && s < hi).count(),
        })
        .collect();
    Charts { per_month, durations, followups, findings_by_rule: rules, findings_by_family, soak }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_interpolate_between_ranks() {
        let s = spread("impact", "all", vec![40, 10, 20, 30]);
        assert_eq!((s.q1, s.median, s.q3), (Some(17.5), Some(25.0), Some(32.5)));
        assert_eq!(s.values, [10, 20, 30, 40]);
        let s = spread("impact", "all", vec![7]);
        assert_eq!((s.q1, s.median, s.q3), (Some(7.0), Some(7.0), Some(7.0)));
        let s = spread("impact", "all", vec![]);
        assert_eq!((s.n, s.median), (0, None));
    }

    fn dated(path: &str, date: &str, severity: &str) -> Debrief {
        let text = format!(
            "---\nseverity: {severity}\nstarted: {date}T10:00:00Z\nresolved: {date}T10:30:00Z\n---\n# Debrief\n"
        );
        let (_, m) = debrief_core::analyse_with_metrics(&text, &debrief_core::Config::default());
        debrief(path, &text, &m)
    }

    #[test]
    fn months_run_from_the_first_to_the_last_unless_a_date_is_far_out() {
        let h = history(
            vec![
                dated("a.md", "2026-01-05", "SEV2"),
                dated("b.md", "2026-03-01", "SEV1"),
                dated("c.md", "2026-03-09", "SEV2"),
            ],
            &[],
        );
        let months: Vec<(&str, &[usize])> =
            h.charts.per_month.iter().map(|m| (m.month.as_str(), &m.counts[..])).collect();
        assert_eq!(
            months,
            [("2026-01", &[0, 1, 0, 0, 0, 0][..]), ("2026-02", &[0; 6][..]), ("2026-03", &[1, 1, 0, 0, 0, 0][..])]
        );
        assert_eq!(h.debriefs.iter().map(|d| d.path.as_str()).collect::<Vec<_>>(), ["c.md", "b.md", "a.md"]);
        let spread = h.charts.durations.iter().find(|s| s.duration == "impact" && s.severity == "SEV2").unwrap();
        assert_eq!((spread.n, spread.median), (2, Some(30.0)));
        // A year mistyped: only the months with debriefs.
        let h = history(vec![dated("a.md", "0202-01-17", "SEV2"), dated("b.md", "2026-03-01", "SEV1")], &[]);
        assert_eq!(h.charts.per_month.iter().map(|m| m.month.as_str()).collect::<Vec<_>>(), ["0202-01", "2026-03"]);
    }

    #[test]
    fn strips_start_at_the_earliest_point_front_matter_included() {
        let text = "---\nstarted: 2026-03-01T09:50:00Z\n---\n# Debrief\n\n## Timeline (UTC)\n\n- 10:00 alert fired\n- 10:20 deploy\n- 10:30 resolved\n";
        let (_, m) = debrief_core::analyse_with_metrics(text, &debrief_core::Config::default());
        let d = debrief("x.md", text, &m);
        let points: Vec<(i64, Vec<&str>)> = d.timeline.iter().map(|p| (p.minute, p.markers.clone())).collect();
        assert_eq!(points, [(0, vec!["started"]), (10, vec!["detected"]), (30, vec![]), (40, vec!["resolved"])]);
    }

    #[test]
    fn dates_in_file_names() {
        assert_eq!(date_in_name("2026-03-01-checkout.md").as_deref(), Some("2026-03-01"));
        assert_eq!(date_in_name("2026-13-01-x.md"), None);
        assert_eq!(date_in_name("notes.md"), None);
    }
}
