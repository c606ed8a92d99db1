//! `timeline-gap`: a silence between consecutive entries longer than the gap limit.

use std::sync::LazyLock;

use crate::config::RuleLevel;
use crate::diagnostic::Related;
use crate::followups::format_minutes;
use crate::rules::{no_phrase, Context, Report, Rule, RuleDocs, RuleMeta};
use crate::word_index::PrefixIndex;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "timeline-gap",
        default_level: RuleLevel::Info,
        summary: "A silence between timeline entries longer than the gap limit",
        docs: RuleDocs {
            what: "Two consecutive timed entries further apart than 60 minutes or 25 % of the timeline's span, \
                   whichever is larger (`[limits] gap-minutes`, `gap-share`). Entries with only a date are not \
                   compared.",
            why: "Long silences in a timeline are where the interesting work hides: the hour spent finding who had \
                  access, the wait for a vendor, the dashboard nobody trusted. Writing down what happened in the gap, \
                  even \"nothing changed; we were reading logs\", is often the most useful line of the debrief.",
            flagged: &["# Incident debrief\n\n## Timeline\n\n- 10:00 alert fired\n- 10:05 investigating\n- 10:10 cause found\n- 13:30 fix deployed\n"],
            fine: &["# Incident debrief\n\n## Timeline\n\n- 10:00 alert fired\n- 10:40 investigating\n- 11:30 fix deployed\n"],
            reframe: "Add what happened during the gap, or a line saying that nothing did and why.",
            fix: "None.",
        },
    },
    triggers: &[],
    on_phrase: no_phrase,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Report<'_>) {
    let limits = &ctx.config.limits;
    for timeline in ctx.timelines {
        let Some(span) = timeline.span() else {
            continue;
        };
        let limit = (f64::from(limits.gap_minutes)).max(span.as_mins() as f64 * limits.gap_share);
        let timed: Vec<_> = timeline.timed().collect();
        for pair in timed.windows(2) {
            let (pi, prev, pm) = pair[0];
            let (ci, cur, cm) = pair[1];
            // An entry without a time in between (or a placeholder to fill) means the
            // silence is not silent: something is written there.
            if ci > pi + 1 {
                continue;
            }
            // Across a date that reads two ways, the length of the silence is not known.
            if (pm.undecided || cm.undecided) && pm.at.date() != cm.at.date() {
                continue;
            }
            let from = pm.until.unwrap_or(pm.at).max(pm.at);
            if cm.at <= from {
                continue;
            }
            let gap = from.duration_until(cm.at).as_mins();
            if (gap as f64) <= limit {
                continue;
            }
            // A silence the timeline explains is not one: "waiting for the vendor", "paused
            // until the morning", "the canary soaks for two hours".
            if explains_silence(&ctx.doc.masked[prev.range.clone()])
                || explains_silence(&ctx.doc.masked[cur.head.clone()])
            {
                continue;
            }
            let gap = format_minutes(gap);
            let d = out.add(
                cur.head.clone(),
                format!("{gap} with no timeline entries before this one: add what happened in between, or say that nothing did."),
            );
            d.related.push(Related { range: prev.head.clone(), message: format!("the entry before the {gap} gap") });
        }
    }
}

/// Words that say why nothing happened for a while: waiting, a pause, a planned soak.
const EXPLANATIONS: &[&str] = &[
    "wait",
    "paused until",
    "work paused",
    "we paused",
    "paused work",
    "paused the",
    "until",
    "overnight",
    "stood down",
    "stand down",
    "handed over",
    "hand over",
    "depriorit",
    "soak",
    "canary",
    "takes about",
    "took about",
    "takes around",
    "business hours",
    "nothing more",
    "nothing further",
    "next morning",
    "the morning",
    "kept an eye",
    "keep an eye",
    "monitoring",
    "monitored",
    "staying on",
    "for the night",
    "over the next",
    "scheduled",
    "planned",
    "next day",
    "weekend",
    "no further",
    "no action",
    "watch",
    "observ",
    "holiday",
    "runs for",
    "run for",
    "for about",
    "for around",
    "takes",
];

/// Whether an entry's text says why nothing happened after it.
fn explains_silence(text: &str) -> bool {
    static INDEX: LazyLock<PrefixIndex<()>> = LazyLock::new(|| PrefixIndex::new(EXPLANATIONS.iter().map(|&w| (w, ()))));
    INDEX.any_at_word_start(text)
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::rules::test_support::flagged;

    const ID: &str = "timeline-gap";

    #[test]
    fn flags_gaps_over_the_limit() {
        assert_eq!(flagged(ID, "# D\n\n## Timeline\n\n- 10:00 a\n- 10:05 b\n- 10:10 c\n- 13:30 d\n"), ["13:30 d"]);
        // 90 minutes in a 10-hour timeline is under 25 % of the span.
        assert!(flagged(ID, "# D\n\n## Timeline\n\n- 08:00 a\n- 09:30 b\n- 18:00 c\n").len() == 1);
        assert!(flagged(ID, "# D\n\n## Timeline\n\n- 10:00 a\n- 10:59 b\n").is_empty());
        assert!(
            flagged(ID, "# D\n\n## Timeline\n\n- 10:00-11:30 a\n- 11:45 b\n").is_empty(),
            "a range ends the silence"
        );
    }

    #[test]
    fn the_limit_is_configurable() {
        let text = "# D\n\n## Timeline\n\n- 10:00 a\n- 10:45 b\n";
        let (config, _) = Config::from_toml("[limits]\ngap-minutes = 30\n");
        let found: Vec<_> = crate::analyse(text, &config).into_iter().filter(|d| d.rule == ID).collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].related.len(), 1);
    }
}
