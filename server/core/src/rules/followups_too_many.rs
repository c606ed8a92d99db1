//! `followups-too-many`: more follow-ups than the incident's budget (SPEC 4).

use crate::config::RuleLevel;
use crate::followups;
use crate::rules::{no_phrase, Context, Report, Rule, RuleDocs, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "followups-too-many",
        default_level: RuleLevel::Warning,
        summary: "More follow-ups than the incident's budget",
        docs: RuleDocs {
            what: "More follow-ups than the budget for the incident's severity (SEV1 12, SEV2 8, SEV3 5, SEV4 and SEV5 \
                   3, unknown 10), and never more than one per 2 minutes of impact (at least 3) when the impact is \
                   known from front matter `started`/`resolved` or from the timeline. All numbers are configurable \
                   under `[limits]`.",
            why: "The classic: 37 action items for five minutes of downtime. A long list written in the meeting is a \
                  list of everything anyone thought of, not of what matters; most of it is never done, and the few \
                  items that would have helped are lost among the rest. A short list, chosen after some soak time, \
                  gets done.",
            flagged: &["---\nseverity: SEV3\n---\n# Incident debrief\n\n## Action items\n\n- one\n- two\n- three\n- four\n- five\n- six\n"],
            fine: &["---\nseverity: SEV1\n---\n# Incident debrief\n\n## Action items\n\n- one\n- two\n- three\n- four\n- five\n- six\n"],
            reframe: "Keep the few follow-ups that change what the team will notice, understand or be able to do next \
                      time; move the rest to a backlog to revisit after the debrief has soaked.",
            fix: "None: choosing which follow-ups matter is the team's call.",
        },
    },
    triggers: &[],
    on_phrase: no_phrase,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Report<'_>) {
    let Some(first) = ctx.followups.first() else {
        return;
    };
    let total: usize = ctx.followups.iter().map(|l| l.items.len()).sum();
    let budget = followups::budget(ctx.doc, ctx.look, &ctx.config.limits);
    if total <= budget.budget as usize {
        return;
    }
    out.add(
        first.heading.clone(),
        format!(
            "{total} follow-ups for this incident ({}); the budget is {}. Keep the few that matter most, and let the rest soak before committing to them.",
            budget.reason(),
            budget.budget
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::findings;

    const ID: &str = "followups-too-many";

    fn list(n: usize) -> String {
        (0..n).map(|i| format!("- item {i}\n")).collect()
    }

    #[test]
    fn budget_by_severity() {
        let doc =
            |sev: &str, n: usize| format!("---\nseverity: {sev}\n---\n# Debrief\n\n## Action items\n\n{}", list(n));
        assert_eq!(findings(ID, &doc("SEV3", 5)).len(), 0);
        assert_eq!(findings(ID, &doc("SEV3", 6)).len(), 1);
        assert_eq!(findings(ID, &doc("SEV2", 8)).len(), 0);
        assert_eq!(findings(ID, &doc("SEV4", 4)).len(), 1);
        assert_eq!(
            findings(ID, &format!("# Debrief\n\n## Action items\n\n{}", list(11))).len(),
            1,
            "unknown severity: 10"
        );
    }

    #[test]
    fn thirty_seven_items_for_five_minutes() {
        let text = format!(
            "---\nseverity: SEV1\nstarted: 2026-03-01T14:00:00Z\nresolved: 2026-03-01T14:05:00Z\n---\n# Debrief\n\n## Follow-ups\n\n{}",
            list(37)
        );
        let found = findings(ID, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "37 follow-ups for this incident (SEV1, 5 min of impact); the budget is 3. Keep the few that matter most, and let the rest soak before committing to them.");
    }

    #[test]
    fn counts_across_lists_and_tables() {
        let text = "---\nseverity: SEV4\n---\n# Debrief\n\n## Action items\n\n- a\n- b\n\n## Next steps\n\n| What | Owner |\n|---|---|\n| c | x |\n| d | y |\n";
        assert_eq!(findings(ID, text).len(), 1);
    }
}
