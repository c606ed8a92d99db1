//! `timeline-missing-milestone`: no entry for detected, declared/responded, mitigated or
//! resolved.

use crate::config::RuleLevel;
use crate::rules::{no_phrase, Context, Report, Rule, RuleDocs, RuleMeta};
use crate::timeline::{Milestone, Milestones};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "timeline-missing-milestone",
        default_level: RuleLevel::Warning,
        summary: "No timeline entry for detected, declared/responded, mitigated or resolved",
        docs: RuleDocs {
            what: "A timeline with no entry that marks one of the four milestones: detected (alert, page, report, \
                   noticed), declared or responded (declared, acknowledged, escalated, investigating, joined), \
                   mitigated (rolled back, reverted, failed over, restarted, workaround), resolved (resolved, \
                   recovered, restored, back to normal). One finding per missing milestone, across all the \
                   debrief's timelines.",
            why: "The four milestones give the durations every debrief is asked about — time to detect, to respond, \
                  to mitigate, to resolve — and the space between them is where the learning is. A timeline missing \
                  one usually hides a slow or confused phase.",
            flagged: &["# Incident debrief\n\n## Timeline\n\n- 10:00 alert fired\n- 10:05 on-call acknowledged\n- 10:20 rolled back the deploy\n"],
            fine: &["# Incident debrief\n\n## Timeline\n\n- 10:00 alert fired\n- 10:05 on-call acknowledged\n- 10:20 rolled back the deploy\n- 10:30 error rate back to normal, resolved\n"],
            reframe: "Add the entry with its time, even if approximate (\"~10:30 error rate back to normal\").",
            fix: "None.",
        },
    },
    triggers: &[],
    on_phrase: no_phrase,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Report<'_>) {
    let Some(first) = ctx.timelines.iter().find(|t| !t.entries.is_empty()) else {
        return;
    };
    // What this kind of debrief needs: a near miss has no mitigation to time.
    let kind = ctx.doc.front_matter.as_ref().and_then(|f| f.kind.as_deref());
    let needed: &[Milestone] = kind.and_then(|k| ctx.config.milestones.get(k)).map_or(&Milestone::ALL, Vec::as_slice);
    // The entry a reader would pick, or any entry that hints at it: a timeline is only
    // said to lack what none of its entries mentions.
    let marked = ctx.timelines.iter().fold(Milestones::default(), |set, t| set.union(t.milestones_marked()));
    for m in needed {
        if !marked.has(*m) {
            out.add(
                first.heading.clone(),
                format!("The timeline has no entry for when the incident was {}: add it with its time.", m.label()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::findings;

    const ID: &str = "timeline-missing-milestone";

    #[test]
    fn one_finding_per_missing_milestone() {
        let found = findings(ID, "# D\n\n## Timeline\n\n- 10:00 alert fired\n- 10:30 everything back to normal\n");
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "The timeline has no entry for when the incident was declared or responded: add it with its time.",
                "The timeline has no entry for when the incident was mitigated: add it with its time."
            ]
        );
        assert!(findings(ID, "# D\n\n## Summary\n\nNo timeline.\n").is_empty(), "timeline-missing covers that");
    }
}
