//! The report's charts as shapes: scales and positions worked out here, the SVG written
//! by the page's template (`templates/report.html`), coloured by class from the page's
//! light or dark palette.

use debrief_core::followups::format_minutes;
use serde::Serialize;

use super::data::{Debrief, History, Spread, DURATIONS, SEVERITIES};

/// One chart: its size, its text alternative and its shapes.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Svg {
    /// Width, in user units.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// A one-line title.
    pub title: String,
    /// What the chart shows, in a sentence or two: its text alternative.
    pub desc: String,
    /// Bars and boxes.
    pub rects: Vec<Rect>,
    /// Axes, grid lines, medians.
    pub lines: Vec<Line>,
    /// Points.
    pub circles: Vec<Circle>,
    /// Labels.
    pub texts: Vec<Text>,
}

/// A rectangle.
#[derive(Debug, Clone, Serialize)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub class: &'static str,
    /// A tooltip.
    pub title: Option<String>,
}

/// A line.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
    pub class: &'static str,
}

/// A point.
#[derive(Debug, Clone, Serialize)]
pub struct Circle {
    pub cx: f64,
    pub cy: f64,
    pub r: f64,
    pub class: &'static str,
    /// A tooltip.
    pub title: Option<String>,
}

/// A label.
#[derive(Debug, Clone, Serialize)]
pub struct Text {
    pub x: f64,
    pub y: f64,
    pub text: String,
    /// `start`, `middle` or `end`.
    pub anchor: &'static str,
    pub class: &'static str,
}

/// Every chart of the page.
#[derive(Debug, Clone, Serialize)]
pub struct Charts {
    pub per_month: Svg,
    /// One per duration.
    pub durations: Vec<Svg>,
    pub followups: Svg,
    pub findings: Svg,
    pub soak: Svg,
    /// One per debrief, in the report's order.
    pub strips: Vec<Svg>,
}

/// A tenth of a unit is as fine as a screen needs: smaller pages.
fn r1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn line(x1: f64, y1: f64, x2: f64, y2: f64, class: &'static str) -> Line {
    Line { x1: r1(x1), y1: r1(y1), x2: r1(x2), y2: r1(y2), class }
}

fn text(x: f64, y: f64, text: impl Into<String>, anchor: &'static str, class: &'static str) -> Text {
    Text { x: r1(x), y: r1(y), text: text.into(), anchor, class }
}

fn rect(x: f64, y: f64, w: f64, h: f64, class: &'static str, title: Option<String>) -> Rect {
    Rect { x: r1(x), y: r1(y), w: r1(w), h: r1(h), class, title }
}

/// The class of a severity's colour.
fn severity_class(sev: &str) -> &'static str {
    match sev {
        "SEV1" => "sev1",
        "SEV2" => "sev2",
        "SEV3" => "sev3",
        "SEV4" => "sev4",
        "SEV5" => "sev5",
        _ => "sevx",
    }
}

/// Round steps for an axis from 0 to `max`: about five ticks.
fn ticks(max: f64) -> Vec<f64> {
    if max <= 0.0 {
        return vec![0.0, 1.0];
    }
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(magnitude * 10.0);
    let step = step.max(1.0);
    let mut out = Vec::new();
    let mut v = 0.0;
    while v < max + step {
        out.push(v);
        v += step;
    }
    out
}

const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 44.0;

/// A value axis up the left: grid lines and labels; the scale from value to y.
fn y_axis(svg: &mut Svg, max: f64) -> impl Fn(f64) -> f64 {
    let ticks = ticks(max);
    let top = *ticks.last().unwrap_or(&1.0);
    let (y0, y1) = (svg.height - BOTTOM, TOP);
    let scale = move |v: f64| y0 - (y0 - y1) * v / top;
    for t in ticks {
        let y = scale(t);
        svg.lines.push(line(LEFT, y, svg.width - RIGHT, y, "grid"));
        svg.texts.push(text(LEFT - 6.0, y + 4.0, format!("{t}"), "end", "tick"));
    }
    svg.lines.push(line(LEFT, y0, svg.width - RIGHT, y0, "axis"));
    scale
}

/// Debriefs per month, stacked by severity.
fn per_month(h: &History) -> Svg {
    let months = &h.charts.per_month;
    let mut svg = Svg {
        width: 720.0,
        height: 260.0,
        title: "Debriefs per month by severity".into(),
        desc: match (months.first(), months.last()) {
            (Some(a), Some(b)) => format!(
                "Stacked bars: {} dated debriefs from {} to {}, the busiest month {} with {}.",
                h.summary.dated,
                a.month,
                b.month,
                months.iter().max_by_key(|m| m.total).map_or("", |m| m.month.as_str()),
                months.iter().map(|m| m.total).max().unwrap_or(0)
            ),
            _ => "No debrief has a date.".into(),
        },
        ..Svg::default()
    };
    let max = months.iter().map(|m| m.total).max().unwrap_or(0) as f64;
    let y = y_axis(&mut svg, max);
    let band = (svg.width - LEFT - RIGHT) / months.len().max(1) as f64;
    let every = (months.len() / 12).max(1);
    for (i, m) in months.iter().enumerate() {
        let x = LEFT + band * i as f64 + band * 0.15;
        let mut base = 0usize;
        for (s, &n) in m.counts.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let (top, bottom) = (y((base + n) as f64), y(base as f64));
            let title = format!("{}: {n} {}", m.month, SEVERITIES[s]);
            svg.rects.push(rect(x, top, band * 0.7, bottom - top, severity_class(SEVERITIES[s]), Some(title)));
            base += n;
        }
        if i % every == 0 {
            svg.texts.push(text(x + band * 0.35, svg.height - BOTTOM + 16.0, m.month.clone(), "middle", "tick"));
        }
    }
    legend(&mut svg);
    svg
}

/// The severities' colours along the bottom.
fn legend(svg: &mut Svg) {
    let y = svg.height - 12.0;
    for (i, sev) in SEVERITIES.iter().enumerate() {
        let x = LEFT + i as f64 * 90.0;
        svg.rects.push(rect(x, y - 9.0, 10.0, 10.0, severity_class(sev), None));
        svg.texts.push(text(x + 14.0, y, *sev, "start", "legend"));
    }
}

/// The minutes at which the duration axis has ticks, and their labels.
const MINUTE_TICKS: [(f64, &str); 9] = [
    (1.0, "1 min"),
    (5.0, "5 min"),
    (15.0, "15 min"),
    (60.0, "1 h"),
    (240.0, "4 h"),
    (1440.0, "1 d"),
    (4320.0, "3 d"),
    (10080.0, "1 w"),
    (43200.0, "30 d"),
];

/// A spread's points on a logarithmic minute axis, one row per severity, with the
/// quartiles as a box and the median as a bar.
fn durations(h: &History, duration: &'static str) -> Svg {
    let spreads: Vec<&Spread> = h.charts.durations.iter().filter(|s| s.duration == duration).collect();
    let name = if duration == "impact" { "of impact".to_string() } else { duration.replace('_', " ") };
    let rows = spreads.len().max(1) as f64;
    let mut svg = Svg {
        width: 720.0,
        height: TOP + rows * 36.0 + BOTTOM,
        title: format!("Minutes {name}, per severity"),
        desc: if spreads.is_empty() {
            format!("No debrief gives both ends of “{name}”.")
        } else {
            spreads
                .iter()
                .map(|s| {
                    format!(
                        "{}: n = {}, median {}, quartiles {} to {}",
                        s.severity,
                        s.n,
                        minutes(s.median),
                        minutes(s.q1),
                        minutes(s.q3)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
                + "."
        },
        ..Svg::default()
    };
    let max = spreads.iter().flat_map(|s| s.values.iter()).copied().max().unwrap_or(60).max(60) as f64;
    let top = MINUTE_TICKS.iter().map(|t| t.0).find(|&t| t >= max).unwrap_or(max);
    let (x0, x1) = (LEFT + 30.0, svg.width - RIGHT);
    // log(1 + m): zero minutes sit at the axis' start.
    let x = move |m: f64| x0 + (x1 - x0) * (1.0 + m.max(0.0)).ln() / (1.0 + top).ln();
    let bottom = svg.height - BOTTOM;
    for &(t, label) in MINUTE_TICKS.iter().filter(|t| t.0 <= top) {
        svg.lines.push(line(x(t), TOP, x(t), bottom, "grid"));
        svg.texts.push(text(x(t), bottom + 16.0, label, "middle", "tick"));
    }
    svg.lines.push(line(x0, bottom, x1, bottom, "axis"));
    for (row, s) in spreads.iter().enumerate() {
        let mid = TOP + 18.0 + row as f64 * 36.0;
        svg.texts.push(text(x0 - 8.0, mid + 4.0, s.severity, "end", "tick"));
        if let (Some(q1), Some(q3), Some(median)) = (s.q1, s.q3, s.median) {
            let title = format!("{}: quartiles {} to {}", s.severity, minutes(Some(q1)), minutes(Some(q3)));
            svg.rects.push(rect(x(q1), mid - 10.0, (x(q3) - x(q1)).max(1.0), 20.0, "box", Some(title)));
            svg.lines.push(line(x(median), mid - 13.0, x(median), mid + 13.0, "median"));
        }
        for (i, &v) in s.values.iter().enumerate() {
            // A fixed spread up and down, so equal values do not hide each other.
            let jitter = ((i * 7) % 9) as f64 - 4.0;
            svg.circles.push(Circle {
                cx: r1(x(v as f64)),
                cy: r1(mid + jitter * 1.5),
                r: 3.0,
                class: severity_class(s.severity),
                title: Some(format!("{}: {}", s.severity, format_minutes(v))),
            });
        }
    }
    svg
}

/// Minutes in words, or a dash.
pub fn minutes(m: Option<f64>) -> String {
    m.map_or_else(|| "—".into(), |m| format_minutes(m.round() as i64))
}

/// Follow-ups against budget: each debrief a point, the budget a line.
fn followups(h: &History) -> Svg {
    let groups = &h.charts.followups;
    let mut svg = Svg {
        width: 720.0,
        height: 280.0,
        title: "Follow-ups against budget".into(),
        desc: format!(
            "Each debrief's follow-ups (up) against its budget (across); {} of {} debriefs are over budget, above the diagonal.",
            h.summary.over_budget, h.summary.debriefs
        ),
        ..Svg::default()
    };
    let max_count = groups.iter().flat_map(|g| g.counts.iter()).copied().max().unwrap_or(0);
    let max_budget = groups.iter().map(|g| g.budget).max().unwrap_or(0);
    let max = (max_count.max(max_budget as usize) as f64).max(5.0);
    let y = y_axis(&mut svg, max);
    let top = *ticks(max).last().unwrap_or(&max);
    let (x0, x1) = (LEFT + 10.0, svg.width - RIGHT - 10.0);
    let x = move |v: f64| x0 + (x1 - x0) * v / top;
    let bottom = svg.height - BOTTOM;
    for t in ticks(max) {
        svg.texts.push(text(x(t), bottom + 16.0, format!("{t}"), "middle", "tick"));
    }
    svg.texts.push(text((x0 + x1) / 2.0, bottom + 34.0, "budget", "middle", "tick"));
    svg.texts.push(text(LEFT + 4.0, TOP + 10.0, "follow-ups", "start", "tick"));
    svg.lines.push(line(x(0.0), y(0.0), x(top), y(top), "budget"));
    for g in groups {
        for (i, &c) in g.counts.iter().enumerate() {
            let jitter = ((i * 5) % 7) as f64 - 3.0;
            svg.circles.push(Circle {
                cx: r1(x(g.budget as f64) + jitter * 2.0),
                cy: r1(y(c as f64)),
                r: 3.5,
                class: if c > g.budget as usize { "over" } else { "within" },
                title: Some(format!("{c} follow-ups, budget {}", g.budget)),
            });
        }
    }
    svg
}

/// Horizontal bars with a label each.
fn bars(title: &str, desc: String, rows: &[(String, usize, &'static str)]) -> Svg {
    let mut svg = Svg {
        width: 720.0,
        height: TOP + rows.len().max(1) as f64 * 22.0 + 16.0,
        title: title.into(),
        desc,
        ..Svg::default()
    };
    let label = 210.0;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1) as f64;
    let width = svg.width - label - RIGHT - 40.0;
    for (i, (name, n, class)) in rows.iter().enumerate() {
        let y = TOP + i as f64 * 22.0;
        svg.texts.push(text(label - 8.0, y + 13.0, name.clone(), "end", "tick"));
        let w = width * *n as f64 / max;
        svg.rects.push(rect(label, y + 2.0, w.max(1.0), 15.0, class, Some(format!("{name}: {n}"))));
        svg.texts.push(text(label + w + 6.0, y + 13.0, n.to_string(), "start", "tick"));
    }
    svg
}

/// The timeline strip of one debrief: its entries as ticks, its markers as dots.
fn strip(d: &Debrief) -> Svg {
    let mut svg = Svg { width: 200.0, height: 22.0, title: format!("Timeline of {}", d.title), ..Svg::default() };
    let end = d.timeline.iter().map(|p| p.minute).max().unwrap_or(0).max(1) as f64;
    let x = |m: i64| 6.0 + (svg.width - 12.0) * m as f64 / end;
    svg.lines.push(line(6.0, 11.0, svg.width - 6.0, 11.0, "axis"));
    let mut said = Vec::new();
    for p in &d.timeline {
        if p.markers.is_empty() {
            svg.lines.push(line(x(p.minute), 6.0, x(p.minute), 16.0, "entry"));
        }
    }
    for p in d.timeline.iter().filter(|p| !p.markers.is_empty()) {
        let marks = p.markers.join(", ");
        said.push(format!("{marks} at +{}", format_minutes(p.minute)));
        let class = match p.markers.last().copied() {
            Some("started") => "m-started",
            Some("detected") => "m-detected",
            Some("responded") => "m-responded",
            Some("mitigated") => "m-mitigated",
            _ => "m-resolved",
        };
        svg.circles.push(Circle {
            cx: r1(x(p.minute)),
            cy: 11.0,
            r: 4.0,
            class,
            title: Some(format!("{marks}: +{}", format_minutes(p.minute))),
        });
    }
    svg.desc = if d.timeline.is_empty() {
        "No timed timeline entries.".into()
    } else {
        format!(
            "{} timed points over {}{}",
            d.timeline.len(),
            format_minutes(end as i64),
            if said.is_empty() { ".".into() } else { format!(": {}.", said.join("; ")) }
        )
    };
    svg
}

/// Every chart of `h`.
pub fn charts(h: &History) -> Charts {
    let rules: Vec<(String, usize, &'static str)> =
        h.charts.findings_by_rule.iter().map(|r| (r.name.to_string(), r.count, "bar")).collect();
    let soak: Vec<(String, usize, &'static str)> = h
        .charts
        .soak
        .iter()
        .map(|b| (b.label.to_string(), b.count, if b.within { "within" } else { "over" }))
        .collect();
    let soaked: usize = h.charts.soak.iter().map(|b| b.count).sum();
    let within: usize = h.charts.soak.iter().filter(|b| b.within).map(|b| b.count).sum();
    Charts {
        per_month: per_month(h),
        durations: DURATIONS.iter().map(|d| durations(h, d)).collect(),
        followups: followups(h),
        findings: bars(
            "Findings per rule",
            format!(
                "{} findings over {} rules; the most: {}.",
                h.summary.findings,
                rules.len(),
                rules.first().map_or("none".into(), |r| format!("{} ({})", r.0, r.1))
            ),
            &rules,
        ),
        soak: bars(
            "Soak time: days from resolution to the debrief meeting",
            format!("{soaked} debriefs give both dates; {within} met between 1 and 7 days after resolution."),
            &soak,
        ),
        strips: h.debriefs.iter().map(strip).collect(),
    }
}
