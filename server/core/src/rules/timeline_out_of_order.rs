//! `timeline-out-of-order`: an entry earlier than the one before it.

use crate::config::RuleLevel;
use crate::diagnostic::Related;
use crate::rules::{no_phrase, Context, Report, Rule, RuleDocs, RuleMeta};
use crate::timeline::{Moment, Timeline, TimelineEntry};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "timeline-out-of-order",
        default_level: RuleLevel::Warning,
        summary: "A timeline entry earlier than the one before it",
        docs: RuleDocs {
            what: "An entry whose time is earlier than the entry before it. Times without a date roll over at \
                   midnight (23:50 then 00:10 is in order); day headings and dates set the day.",
            why: "A timeline out of order misleads about cause and effect — an action seems to follow the signal that \
                  prompted it, or not — and it usually hides a typo in a date that someone will later rely on.",
            flagged: &["# Incident debrief\n\n## Timeline\n\n- 14:02 alert fired\n- 13:58 deploy finished\n"],
            fine: &["# Incident debrief\n\n## Timeline\n\n- 23:50 alert fired\n- 00:10 rolled back\n"],
            reframe: "Move the entry to where it belongs, or correct its time or date.",
            fix: "None: moving an entry may be wrong when the time is the mistake.",
        },
    },
    triggers: &[],
    on_phrase: no_phrase,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Report<'_>) {
    for timeline in ctx.timelines {
        // A date that reads two ways and nothing decides is not used for ordering.
        let dated: Vec<(&TimelineEntry, Moment)> =
            timeline.entries.iter().filter_map(|e| e.moment.filter(|m| !m.undecided).map(|m| (e, m))).collect();
        let mut i = 1;
        while i < dated.len() {
            let (cur, cm) = dated[i];
            let (prev, pm) = dated[i - 1];
            if !earlier(&cm, &pm) || repeated_hour(timeline, &pm, &cm) {
                i += 1;
                continue;
            }
            // One entry too late reads as its successor being early: 10:00, 11:00, 10:20.
            // When the entry before fits its own neighbours badly and this one fits after
            // the one before that, the entry before is the one out of place.
            // Only when it is later than the entry after this one too: otherwise the entry
            // written after is the one added out of place ("07:20 … (added after the call)").
            let prev_is_outlier = i >= 2
                && !earlier(&cm, &dated[i - 2].1)
                && dated.get(i + 1).is_none_or(|(_, nm)| !earlier(nm, &dated[i - 2].1))
                && dated.get(i + 1).is_some_and(|(_, nm)| earlier(nm, &pm));
            if prev_is_outlier {
                let d = out.add(
                    prev.head.clone(),
                    format!(
                        "This entry ({}) is later than the one after it ({}): move it or correct its time.",
                        show(&pm),
                        show(&cm)
                    ),
                );
                d.related.push(Related { range: cur.head.clone(), message: "the entry after it".into() });
            } else {
                let d = out.add(
                    cur.head.clone(),
                    format!(
                        "This entry ({}) is earlier than the one before it ({}): move it or correct its time.",
                        show(&cm),
                        show(&pm)
                    ),
                );
                d.related.push(Related { range: prev.head.clone(), message: "the entry before it".into() });
            }
            i += 1;
        }
    }
}

/// Whether `cur`, on the wall clock earlier than `prev`, may be later in fact: both dated
/// times of the hour the clocks went back in the timeline's zone ("02:30", then "02:05
/// (2nd)" after 03:00 became 02:00 again).
fn repeated_hour(timeline: &Timeline, prev: &Moment, cur: &Moment) -> bool {
    let Some(tz) = timeline.zone().and_then(|z| z.iana_name()).and_then(|name| jiff::tz::TimeZone::get(name).ok())
    else {
        return false;
    };
    let folded = |m: &Moment| m.dated && m.has_time && tz.to_ambiguous_timestamp(m.at).is_ambiguous();
    folded(prev) && folded(cur)
}

/// Whether `a` is earlier than `b`, at the precision both have.
fn earlier(a: &Moment, b: &Moment) -> bool {
    if a.has_time && b.has_time {
        a.at < b.at
    } else {
        a.at.date() < b.at.date()
    }
}

fn show(m: &Moment) -> String {
    if m.at.date().year() == 2000 {
        m.at.strftime("%H:%M").to_string()
    } else if m.has_time {
        m.at.strftime("%Y-%m-%d %H:%M").to_string()
    } else {
        m.at.strftime("%Y-%m-%d").to_string()
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{findings, flagged};

    const ID: &str = "timeline-out-of-order";

    #[test]
    fn the_hour_the_clocks_went_back_is_read_twice() {
        let text = "---\ntimezone: Europe/Amsterdam\n---\n# D\n\n## Timeline\n\n\
                    - 2025-10-26 02:05 dedupe runs\n- 2025-10-26 02:30 autoload starts\n\
                    - 2025-10-26 02:05 (2nd) dedupe runs again\n- 2025-10-26 03:05 next run\n";
        assert!(flagged(ID, text).is_empty());
        // Outside the repeated hour, or in a zone with no change that night, it is out of order.
        assert_eq!(flagged(ID, &text.replace("02:05 (2nd)", "01:05")).len(), 1);
        assert_eq!(flagged(ID, &text.replace("Europe/Amsterdam", "UTC")).len(), 1);
    }

    #[test]
    fn the_outlier_is_the_one_flagged() {
        let text = "# D\n\n## Timeline\n\n- 2022-02-02 17:58 a\n- 2022-02-20 19:30 b\n- 2022-02-02 20:21 c\n- 2022-02-02 21:50 d\n";
        assert_eq!(flagged(ID, text), ["2022-02-20 19:30 b"]);
    }

    #[test]
    fn flags_earlier_entries_with_the_one_before() {
        let text = "# Debrief\n\n## Timeline\n\n- 14:02 alert\n- 13:58 deploy\n- 14:10 fixed\n";
        assert_eq!(flagged(ID, text), ["13:58 deploy"]);
        let d = &findings(ID, text)[0];
        assert_eq!(d.related.len(), 1);
        assert_eq!(
            d.message,
            "This entry (13:58) is earlier than the one before it (14:02): move it or correct its time."
        );
    }

    #[test]
    fn dates_rollover_and_day_headings() {
        assert!(flagged(ID, "# D\n\n## Timeline\n\n- 23:50 a\n- 00:10 b\n- 00:20 c\n").is_empty());
        assert!(flagged(ID, "# D\n\n## Timeline\n\n### 2026-03-01\n\n- 23:00 a\n\n### 2026-03-02\n\n- 01:00 b\n")
            .is_empty());
        let text = "# D\n\n## Timeline\n\n| Date | Event |\n|---|---|\n| 2021-12-01 | report |\n| 2021-01-28 | report |\n| 2022-03-08 | report |\n";
        assert_eq!(flagged(ID, text), ["| 2021-01-28 | report |"]);
    }
}
