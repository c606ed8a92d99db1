//! `timeline-gap`: a silence between consecutive entries longer than the gap limit.

use std::sync::LazyLock;

use jiff::civil::DateTime;
use jiff::SignedDuration;

use crate::config::RuleLevel;
use crate::diagnostic::Related;
use crate::followups::format_minutes;
use crate::rules::{no_phrase, Context, Report, Rule, RuleDocs, RuleMeta};
use crate::timeline::{Milestone, Timeline, TimelineEntry};
use crate::word_index::PrefixIndex;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "timeline-gap",
        default_level: RuleLevel::Info,
        summary: "A silence between timeline entries longer than the gap limit",
        docs: RuleDocs {
            what: "Two consecutive timed entries further apart than 60 minutes or 25 % of the timeline's span, \
                   whichever is larger (`[limits] gap-minutes`, `gap-share`). Entries with only a date are not \
                   compared, nor are the time before the entry that detects the incident (nobody knew yet), the \
                   time after the one that resolves it or between the mitigation and the resolution, a silence \
                   across a heading with a date (another day, or another incident of the review), and a list that only names the key events (\"Key events\": \
                   \"Incident declared 10:58\", \"Resolved 17:07\"), nor a silence an entry explains (\"waiting for \
                   the vendor\", \"held for the 13:30 change window\", \"about 75 minutes remaining\").",
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
        let detected = timeline.milestone_index(Milestone::Detected);
        let mitigated = timeline.milestone_index(Milestone::Mitigated);
        let resolved = timeline.milestone_index(Milestone::Resolved);
        // "Reported missing some metrics", "Discovered that the agent was still down" after
        // the entry that resolved the incident: it was taken up again, and its silences
        // count from there, but for the one that ends in its closing.
        let strong = |i: usize| timeline.entries[i].milestone_strength(ctx.doc.text).0;
        let reopened =
            resolved.and_then(|r| (r + 1..timeline.entries.len()).find(|&i| strong(i).has(Milestone::Detected)));
        let mut summary = None;
        for pair in timed.windows(2) {
            let (pi, prev, pm) = pair[0];
            let (ci, cur, cm) = pair[1];
            // An entry without a time in between (or a placeholder to fill) means the
            // silence is not silent: something is written there.
            if ci > pi + 1 {
                continue;
            }
            // Before anyone knew there was an incident there was nothing to write down: a
            // silence up to the entry that detects it is the time to detect, not a gap in
            // the response. After the resolution nothing is left to respond to, and between
            // the mitigation and the resolution that follows it the silence is the watching
            // (a silence after the mitigation that ends in more work is still one: "11:30
            // found menus still without prices").
            let watched = mitigated.is_some_and(|m| pi >= m) && resolved == Some(ci);
            let closed = resolved.is_some_and(|r| pi >= r)
                && (reopened.is_none_or(|k| ci <= k) || strong(ci).has(Milestone::Resolved));
            if detected.is_some_and(|d| ci <= d) || closed || watched {
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
            if explains_silence(read(ctx, prev.range.clone())) || explains_silence(read(ctx, cur.head.clone())) {
                continue;
            }
            // "Handoff to Bengaluru" in Dublin's log, and Bengaluru's own log goes on in
            // the meantime: the work went on, written down elsewhere.
            if logged_elsewhere(ctx.timelines, timeline, from, cm.at) {
                continue;
            }
            // A heading with a date between them ("### October 24 - Rate limiting") starts
            // another day or another incident of the review: the silence is the night, or
            // the time between incidents.
            if dated_heading_between(ctx, prev.range.end, cur.range.start) {
                continue;
            }
            // A list of milestones ("Team aware 07:36", "Resolved 17:07") sums the incident
            // up; it does not claim to tell all that happened, so it has no silences.
            if *summary.get_or_insert_with(|| is_milestone_summary(ctx, timeline)) {
                break;
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

/// Whether another timeline of the document has an entry strictly between `from` and `to`
/// (times of `timeline`): both dated, and in zones whose offsets are known or both unsaid.
fn logged_elsewhere(timelines: &[Timeline], timeline: &Timeline, from: DateTime, to: DateTime) -> bool {
    let dated = |t: &Timeline| t.timed().all(|(_, _, m)| m.dated);
    if timelines.len() < 2 || !dated(timeline) {
        return false;
    }
    let offset = timeline.zone_offset_minutes();
    timelines.iter().filter(|other| !std::ptr::eq(*other, timeline) && dated(other)).any(|other| {
        // The other timeline's times, moved into this one's zone.
        let shift = match (offset, other.zone_offset_minutes()) {
            (Some(here), Some(there)) => i64::from(here - there),
            (None, None) => 0,
            _ => return false,
        };
        other
            .timed()
            .any(|(_, _, m)| m.at.checked_add(SignedDuration::from_mins(shift)).is_ok_and(|at| from < at && at < to))
    })
}

/// Whether a heading that names a date stands between `from` and `to`.
fn dated_heading_between(ctx: &Context<'_>, from: usize, to: usize) -> bool {
    let headings = &ctx.doc.headings;
    let first = headings.partition_point(|h| h.range.start < from);
    headings[first..]
        .iter()
        .take_while(|h| h.range.start < to)
        .any(|h| ctx.look.first_time(&h.text).is_some_and(|t| t.date.is_some()))
}

/// Whether a timeline only lists the incident's milestones: called so ("Key events",
/// "Key dates", "Milestones"), and a few entries, each a short label beside its time
/// ("Incident declared 2020-02-25 10:58").
fn is_milestone_summary(ctx: &Context<'_>, timeline: &Timeline) -> bool {
    let heading = ctx.doc.text[timeline.heading.clone()].to_ascii_lowercase();
    let called_so =
        ["key event", "key date", "key time", "milestones", "at a glance"].iter().any(|k| heading.contains(k));
    let label = |e: &TimelineEntry| {
        let words = ctx.doc.masked[e.body.clone()].split_whitespace();
        words.filter(|w| w.bytes().any(|b| b.is_ascii_alphabetic())).count() <= 4
    };
    called_so && timeline.entries.len() <= 8 && timeline.entries.iter().all(label)
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
    "hand-over",
    "handover",
    "handoff",
    "hand-off",
    // "External forensics engaged; they expect four working days".
    "working days",
    "expected to take",
    // "rebuilding on the hot spare, estimate 2 h 10 min": a job of estimated length.
    "estimate",
    "expected to finish",
    "expected to complete",
    "depriorit",
    "soak",
    "canary",
    "takes about",
    "took about",
    "take about",
    "take around",
    // Someone on the way: "the contractor drives up from Calama, about two hours away".
    "hours away",
    "hour away",
    "minutes away",
    "on the way",
    "on their way",
    "en route",
    // A step held for its slot: "Deploy held for the 1:30 PM change window".
    "held for",
    // "the review with legal is booked for 16:30".
    "booked for",
    "change window",
    // A job of known length left to run: "rebuild left to finish, about 75 minutes remaining".
    "left to finish",
    "left to run",
    "minutes remaining",
    "hours remaining",
    "minutes left",
    "hours left",
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
    "week-end",
    // Resumed when it could be: "on reprend lundi", "se retoma el lunes", "wird am Montag fortgesetzt".
    "reprend",
    "retoma",
    "fortgesetzt",
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
    // Sent for a sign-off: "sent to the operations lead for approval".
    "for approval",
    "for sign-off",
    "await",
    // A call back promised ("their engineer to call back within 2 hours").
    "call back",
    "callback",
    // Waiting and a known length in the other languages of `Milestone::words_elsewhere`.
    "espera",
    "tarda",
    "demora",
    "aguard",
    "warte",
    "dauert",
    "wacht",
    "duurt",
    "venter",
    "attente",
    "pendant la nuit",
    "durante la noche",
    // Paused, or left until morning: "Arbeit bis morgen früh pausiert", "en pausa".
    "pausiert",
    "bis morgen",
    "en pausa",
    "pausad",
    "en pause",
];

/// An entry's prose; in a quoted chat export, which the prose leaves out as a quotation
/// ("> [00:11] jan.w: rebuilding, estimate 2 h"), its text.
fn read<'d>(ctx: &Context<'d>, range: std::ops::Range<usize>) -> &'d str {
    let masked = &ctx.doc.masked[range.clone()];
    if masked.bytes().all(|b| b.is_ascii_whitespace()) {
        &ctx.doc.text[range]
    } else {
        masked
    }
}

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
    fn an_estimated_job_explains_the_silence_even_in_a_quoted_export() {
        let text = "## Timeline (UTC)\n\n> [12.11.2025 23:41] FIRING DiskLatencyHigh\n\
                    > [12.11.2025 23:44] jan.w: ack, looking\n\
                    > [13.11.2025 00:11] jan.w: rebuilding on the hot spare, estimate 2 h 10 min\n\
                    > [13.11.2025 02:19] jan.w: rebuild finished\n> [13.11.2025 02:31] jan.w: closing the incident\n";
        assert!(flagged(ID, text).is_empty());
        assert_eq!(flagged(ID, &text.replace("estimate 2 h 10 min", "still slow")).len(), 1);
        let booked = text.replace("estimate 2 h 10 min", "the review is booked for 02:15");
        assert!(flagged(ID, &booked).is_empty());
    }

    #[test]
    fn another_timeline_logging_the_silence_or_an_expected_wait_explains_it() {
        // Dublin hands over at 23:40 UTC; Bengaluru (UTC+5:30) logs 09:15 and 10:30 IST
        // (03:45 and 05:00 UTC) before Dublin picks up again at 12:10 UTC.
        let dublin = "## Timeline — Dublin (UTC)\n\n- 2025-11-10 22:45 on-call notices the queue\n\
                      - 2025-11-10 22:58 acknowledged\n- 2025-11-10 23:40 handed to Bengaluru\n\
                      - 2025-11-11 12:10 Dublin picks up\n- 2025-11-11 12:40 rolled back\n";
        let bengaluru = "## Timeline — Bengaluru (IST, UTC+5:30)\n\n- 2025-11-11 09:15 takes over\n\
                         - 2025-11-11 10:30 cause found\n- 2025-11-11 11:05 workaround\n";
        assert!(flagged(ID, &format!("# D\n\n{dublin}")).len() == 1, "alone, Dublin's log has a silence");
        assert!(flagged(ID, &format!("# D\n\n{dublin}\n{bengaluru}")).is_empty());
        // Nothing else logged in it: still a silence.
        let later = bengaluru
            .replace("2025-11-11 09:15", "2025-11-11 18:15")
            .replace("2025-11-11 10:30", "2025-11-11 18:30")
            .replace("2025-11-11 11:05", "2025-11-11 19:05");
        assert_eq!(flagged(ID, &format!("# D\n\n{dublin}\n{later}")).len(), 1);
        let text = "# D\n\n## Timeline\n\n- 2025-05-06 08:31 alert\n- 2025-05-06 08:44 declared\n- 2025-05-06 09:10 token revoked\n\
                    - 2025-05-07 10:00 forensics engaged; they expect four working days\n- 2025-05-12 13:20 report\n- 2025-05-12 16:00 closed\n";
        assert!(flagged(ID, text).is_empty());
    }

    #[test]
    fn a_promised_call_back_or_a_wait_in_another_language_explains_a_silence() {
        let text = "# D\n\n## Timeline\n\n- 23:05 seen\n- 23:12 declared\n- 23:20 manual dispatch\n\
                    - 00:32 P1 with the vendor; their engineer to call back within 2 hours\n- 02:25 vendor calls back\n- 02:58 fixed\n";
        assert!(flagged(ID, text).is_empty());
        let text = text.replace("their engineer to call back within 2 hours", "nothing");
        assert!(flagged(ID, &text).contains(&"02:25 vendor calls back".to_string()));
        let text = "# D\n\n## Timeline\n\n- 09:20 llamadas\n- 09:34 toma el ticket\n- 10:18 reversión\n\
                    - 11:30 se lanza el script (tarda unas 2 h)\n- 13:45 script terminado\n- 14:10 cerrado\n";
        assert!(flagged(ID, text).is_empty());
        let text = "# D\n\n## Timeline\n\n- 13:40 reported\n- 13:52 declared\n- 14:30 fix deployed; wording sent to the lead for approval\n\
                    - 15:55 wording approved\n- 16:40 resolved\n";
        assert!(flagged(ID, text).is_empty());
        // A job of known length left to run.
        let text = "# D\n\n## Timeline\n\n- 23:05 seen\n- 23:12 declared\n- 23:20 rebuild left to finish, about 75 minutes remaining\n\
                    - 00:40 rebuild completes\n- 01:05 all clear\n";
        assert!(flagged(ID, text).is_empty());
        let text = text
            .replace("rebuild left to finish, about 75 minutes remaining", "deploy held for the 00:40 change window");
        assert!(flagged(ID, &text).is_empty());
        // Someone on the way, and a job of stated length in the plural.
        let text =
            text.replace("deploy held for the 00:40 change window", "the technician drives in, about an hour away");
        assert!(flagged(ID, &text).is_empty());
        let text = text
            .replace("the technician drives in, about an hour away", "new shards requested; they take about an hour");
        assert!(flagged(ID, &text).is_empty());
        // Closed for the weekend, resumed on Monday, in French.
        let text = "# D\n\n## Chronologie\n\n- 10h02 paiements refusés\n- 10h41 prise en charge\n- 11h32 retour à l'ancienne CSP\n\
                    - 12h15 service financier fermé le week-end : on reprend lundi\n- 18h20 remboursements lancés\n- 18h40 clos\n";
        assert!(flagged(ID, text).is_empty());
        let text = text.replace("fermé le week-end : on reprend lundi", "export reçu");
        assert_eq!(flagged(ID, &text), ["18h20 remboursements lancés"]);
    }

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
    fn silences_before_detection_and_after_the_mitigation_are_not_gaps() {
        // Before anyone knew: the change went out, hours passed, then the report.
        let before = "# D\n\n## Timeline\n\n- 06:00 config change merged\n- 11:20 customer reported errors\n\
                      - 11:25 on-call acknowledged\n- 11:50 rolled back\n- 12:10 resolved\n";
        assert!(flagged(ID, before).is_empty(), "{:?}", flagged(ID, before));
        // After the mitigation: watching, then the resolution.
        let mitigated = "# D\n\n## Timeline\n\n- 09:00 alert fired\n- 09:05 on-call acknowledged\n\
                         - 09:30 rolled back\n- 15:00 fixed build deployed, resolved\n";
        assert!(flagged(ID, mitigated).is_empty(), "{:?}", flagged(ID, mitigated));
        // After the mitigation, more work: the silence before it is still one.
        let more = "# D\n\n## Timeline\n\n- 09:00 alert fired\n- 09:05 on-call acknowledged\n\
                    - 09:30 rolled back\n- 12:30 found accounts still failing; purged the cache\n- 12:45 resolved\n";
        assert_eq!(flagged(ID, more), ["12:30 found accounts still failing; purged the cache"]);
        // After the resolution: the clean-up next day.
        let after = "# D\n\n## Timeline\n\n- 09:00 alert fired\n- 09:05 on-call acknowledged\n\
                     - 09:30 rolled back\n- 09:45 resolved\n- 16:00 stray jobs deleted\n";
        assert!(flagged(ID, after).is_empty(), "{:?}", flagged(ID, after));
        // Taken up again after the resolution: its silences count, but for the last one
        // before it is closed again.
        let reopened = "# D\n\n## Timeline\n\n- 09:00 alert fired\n- 09:05 on-call acknowledged\n\
                        - 09:30 rolled back\n- 09:45 resolved\n- 12:00 customers reported missing invoices\n\
                        - 12:05 investigating\n- 15:30 invoices regenerated\n- 20:00 incident closed\n";
        assert_eq!(flagged(ID, reopened), ["15:30 invoices regenerated"]);
        // Between detection and resolution a silence is still one.
        let during = "# D\n\n## Timeline\n\n- 09:00 alert fired\n- 09:05 on-call acknowledged\n\
                      - 12:30 rolled back\n- 12:45 resolved\n";
        assert_eq!(flagged(ID, during), ["12:30 rolled back"]);
    }

    #[test]
    fn a_heading_with_a_date_starts_another_day() {
        let days = "# D\n\n## Timeline\n\n### October 21\n\n- 20:00 alert fired\n- 20:05 acknowledged\n\
                    - 20:20 errors continue\n\n### October 22\n\n- 08:00 rolled back\n- 08:10 resolved\n";
        assert!(flagged(ID, days).is_empty(), "{:?}", flagged(ID, days));
        let same_day = days.replace("### October 22", "### Later");
        assert_eq!(flagged(ID, &same_day), ["08:00 rolled back"]);
    }

    #[test]
    fn a_list_of_key_events_has_no_silences() {
        let summary = "# D\n\n- **Key events**\n  - First detected 2024-03-01 10:15\n  \
                       - Incident declared 2024-03-01 10:41\n  - Repaired 2024-03-03 14:38\n  - Resolved 2024-03-03 15:00\n";
        assert!(flagged(ID, summary).is_empty(), "{:?}", flagged(ID, summary));
        // A terse log under a plain heading is a log, not a summary.
        let log = "# D\n\n## Timeline\n\n- 10:00 alert fired\n- 10:05 investigating\n- 13:30 fix deployed\n- 13:40 resolved\n";
        assert_eq!(flagged(ID, log), ["13:30 fix deployed"]);
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
