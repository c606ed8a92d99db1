//! `soak-too-soon` and `soak-too-late`: when the debrief was held, against when the
//! incident was resolved (front matter `debriefed` and `resolved`).

use crate::config::RuleLevel;
use crate::front_matter::Located;
use crate::rules::{no_phrase, Context, Report, Rule, RuleDocs, RuleMeta};
use crate::times::TimeExpr;

pub static TOO_SOON: Rule = Rule {
    meta: RuleMeta {
        id: "soak-too-soon",
        default_level: RuleLevel::Info,
        summary: "Debrief held less than a day after the incident ended",
        docs: RuleDocs {
            what: "Front matter `debriefed` less than 1 day (`[limits] soak-min-days`) after `resolved`.",
            why: "People who have just resolved an incident are tired and still inside their own part of it. A day \
                  of soak time lets them rest, read the timeline and notice what surprised them; follow-ups agreed \
                  in the heat of the moment are the ones that pile up unfinished.",
            flagged: &[
                "---\nresolved: 2026-03-01T14:05:00Z\ndebriefed: 2026-03-01T16:00:00Z\n---\n# Incident debrief\n",
            ],
            fine: &["---\nresolved: 2026-03-01T14:05:00Z\ndebriefed: 2026-03-03\n---\n# Incident debrief\n"],
            reframe: "Hold the debrief one to seven days after the incident; share the timeline draft in between.",
            fix: "None.",
        },
    },
    triggers: &[],
    on_phrase: no_phrase,
    check: check_soon,
};

pub static TOO_LATE: Rule = Rule {
    meta: RuleMeta {
        id: "soak-too-late",
        default_level: RuleLevel::Info,
        summary: "Debrief held more than a week after the incident ended",
        docs: RuleDocs {
            what: "Front matter `debriefed` more than 7 days (`[limits] soak-max-days`) after `resolved`.",
            why: "Memory of what people saw and why they acted fades within days, and is replaced by the story that \
                  has been told since. A late debrief learns from the story, not from the incident.",
            flagged: &["---\nresolved: 2026-03-01T14:05:00Z\ndebriefed: 2026-03-20\n---\n# Incident debrief\n"],
            fine: &["---\nresolved: 2026-03-01T14:05:00Z\ndebriefed: 2026-03-05\n---\n# Incident debrief\n"],
            reframe: "Schedule the debrief when the incident is resolved, within the week; if it must be late, \
                      collect written accounts from responders first.",
            fix: "None.",
        },
    },
    triggers: &[],
    on_phrase: no_phrase,
    check: check_late,
};

/// Days from resolution to the debrief (fractional when both have times), and where
/// `debriefed` is written.
fn soak_days<'a>(ctx: &Context<'a>) -> Option<(f64, &'a Located<TimeExpr>)> {
    let fm = ctx.doc.front_matter.as_ref()?;
    let (resolved, debriefed) = (fm.resolved.as_ref()?, fm.debriefed.as_ref()?);
    let (r, d) = (&resolved.value, &debriefed.value);
    let (rd, dd) = (r.date?, d.date?);
    if r.time.is_some() && d.time.is_some() {
        let base = rd;
        let mut minutes = r.datetime_on(base).duration_until(d.datetime_on(base)).as_mins();
        if let (Some(a), Some(b)) =
            (r.zone.as_ref().and_then(|z| z.offset_minutes), d.zone.as_ref().and_then(|z| z.offset_minutes))
        {
            minutes += i64::from(a - b);
        }
        Some((minutes as f64 / (24.0 * 60.0), debriefed))
    } else {
        let days = rd.until(dd).ok()?.get_days();
        Some((f64::from(days), debriefed))
    }
}

fn describe(days: f64) -> String {
    if days < 0.0 {
        "before the incident was resolved".to_string()
    } else if days < 1.0 {
        let hours = (days * 24.0).round() as i64;
        if hours == 0 {
            "the same day the incident was resolved".to_string()
        } else {
            format!("{hours} h after the incident was resolved")
        }
    } else {
        let d = days.round() as i64;
        format!("{d} day{} after the incident was resolved", if d == 1 { "" } else { "s" })
    }
}

fn check_soon(ctx: &Context<'_>, out: &mut Report<'_>) {
    let Some((days, at)) = soak_days(ctx) else {
        return;
    };
    let min = f64::from(ctx.config.limits.soak_min_days);
    if days < min {
        out.add(
            at.range.clone(),
            format!(
                "Debrief held {}: give people at least {} of soak time before committing to follow-ups.",
                describe(days),
                plural_days(min)
            ),
        );
    }
}

fn check_late(ctx: &Context<'_>, out: &mut Report<'_>) {
    let Some((days, at)) = soak_days(ctx) else {
        return;
    };
    let max = f64::from(ctx.config.limits.soak_max_days);
    if days > max {
        out.add(
            at.range.clone(),
            format!("Debrief held {}: memory fades; hold it within {}.", describe(days), plural_days(max)),
        );
    }
}

fn plural_days(n: f64) -> String {
    if n == 1.0 {
        "a day".to_string()
    } else {
        format!("{n} days")
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::findings;

    fn fm(resolved: &str, debriefed: &str) -> String {
        format!("---\nresolved: {resolved}\ndebriefed: {debriefed}\n---\n# Debrief\n")
    }

    #[test]
    fn soon_and_late() {
        let soon = findings("soak-too-soon", &fm("2026-03-01T14:05:00Z", "2026-03-01T16:00:00Z"));
        assert_eq!(soon.len(), 1);
        assert_eq!(soon[0].message, "Debrief held 2 h after the incident was resolved: give people at least a day of soak time before committing to follow-ups.");
        assert_eq!(findings("soak-too-soon", &fm("2026-03-01T14:05:00Z", "2026-03-01")).len(), 1, "same date");
        assert!(findings("soak-too-soon", &fm("2026-03-01T14:05:00Z", "2026-03-02")).is_empty());
        assert!(findings("soak-too-late", &fm("2026-03-01T14:05:00Z", "2026-03-08")).is_empty());
        assert_eq!(findings("soak-too-late", &fm("2026-03-01T14:05:00Z", "2026-03-09")).len(), 1);
        assert!(findings("soak-too-soon", "---\nresolved: 2026-03-01T14:05:00Z\n---\n# D\n").is_empty());
    }
}
