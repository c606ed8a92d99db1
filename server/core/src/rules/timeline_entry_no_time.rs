//! `timeline-entry-no-time`: a timeline entry with no recognisable time.

use crate::config::RuleLevel;
use crate::rules::{no_phrase, Context, Report, Rule, RuleDocs, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "timeline-entry-no-time",
        default_level: RuleLevel::Warning,
        summary: "A timeline entry with no recognisable time",
        docs: RuleDocs {
            what: "A list item or table row in a timeline with no time or date debrief-ls recognises (`14:32`, \
                   `2:32 PM`, `14:32 UTC`, `2026-03-01 14:32`, `Mar 1 14:32`, …), or one still holding the `HH:MM` \
                   placeholder. When no entry of a timeline has a time, one finding covers the timeline.",
            why: "An entry without a time cannot be ordered, and the durations between events — how long detection \
                  took, how long the team waited for access — are where the learning is.",
            flagged: &["# Incident debrief\n\n## Timeline\n\n- 14:02 alert fired\n- the team joined the call\n- 14:30 resolved\n"],
            fine: &["# Incident debrief\n\n## Timeline\n\n- 14:02 alert fired\n- 14:05 the team joined the call\n"],
            reframe: "Start the entry with its time; \"~14:10\" or \"around 14:10\" is fine when unsure.",
            fix: "None: only the author knows when it happened.",
        },
    },
    triggers: &[],
    on_phrase: no_phrase,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Report<'_>) {
    for timeline in ctx.timelines {
        let missing: Vec<_> = timeline.entries.iter().filter(|e| e.time.is_none()).collect();
        if missing.is_empty() {
            continue;
        }
        let placeholders = missing.iter().filter(|e| e.placeholder).count();
        if missing.len() == timeline.entries.len() && missing.len() >= 3 && placeholders < missing.len() {
            out.add(
                timeline.heading.clone(),
                format!(
                    "None of the {} timeline entries has a time: start each with one, such as 14:32 UTC.",
                    missing.len()
                ),
            );
            continue;
        }
        for e in missing {
            if e.placeholder {
                out.add(e.head.clone(), "Fill in this entry's time: it holds a placeholder.");
            } else {
                out.add(e.head.clone(), "Timeline entry has no time: start it with one, such as 14:32 UTC.");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{findings, flagged};

    const ID: &str = "timeline-entry-no-time";

    #[test]
    fn flags_entries_and_placeholders() {
        let text = "# Debrief\n\n## Timeline\n\n- 14:02 alert\n- the team joined\n- HH:MM Resolved:\n\n| Time | Event |\n|---|---|\n| 14:40 | ok |\n| later | more |\n";
        assert_eq!(flagged(ID, text), ["the team joined", "HH:MM Resolved:", "| later | more |"]);
    }

    #[test]
    fn one_finding_when_no_entry_has_a_time() {
        let text = "# Debrief\n\n## Timeline\n\n- alert\n- joined\n- fixed\n";
        assert_eq!(findings(ID, text).len(), 1);
    }
}
