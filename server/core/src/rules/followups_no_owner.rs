//! `followups-no-owner`: a follow-up with no owner and no ticket.

use crate::config::RuleLevel;
use crate::rules::{no_phrase, Context, Report, Rule, RuleDocs, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "followups-no-owner",
        default_level: RuleLevel::Info,
        summary: "A follow-up with no owner and no ticket",
        docs: RuleDocs {
            what: "A follow-up (list item, task, or table row under a follow-ups heading) that names no owner — an \
                   `@handle`, \"Owner: …\", a name or team at the end (\"— Platform team\"), a filled owner column — \
                   and links no ticket (a URL, `#123`, `ABC-123`). Items marked done (`[x]`, struck through, \"(done)\", \
                   or under a heading that says so: \"Immediate actions (completed)\", \"Actions taken\") are left \
                   alone, and so is a list that explains the values of the section's table (\"P1 - important\").",
            why: "A follow-up nobody owns is a wish. It will not be scheduled, and when the same conditions return, \
                  the debrief's readers will find the fix was written down and never made.",
            flagged: &["# Incident debrief\n\n## Action items\n\n- Add an alert on replication lag\n"],
            fine: &[
                "# Incident debrief\n\n## Action items\n\n- Add an alert on replication lag @dana\n- [x] Rotate the keys\n- Fix the runbook (OPS-123)\n- Owner: storage team — add a disk check\n",
            ],
            reframe: "Add an owner (\"@handle\" or \"Owner: team\") or a link to the ticket that tracks it.",
            fix: "None: the owner is the team's decision.",
        },
    },
    triggers: &[],
    on_phrase: no_phrase,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Report<'_>) {
    for item in ctx.followups.iter().flat_map(|l| &l.items) {
        if !item.needs_owner() {
            continue;
        }
        out.add(
            item.head.clone(),
            "Follow-up has no owner or ticket: name an owner (@handle or \"Owner:\") or link the ticket.",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::flagged;

    const ID: &str = "followups-no-owner";

    #[test]
    fn flags_items_without_owner_or_ticket() {
        let text = "# Debrief\n\n## Action items\n\n- Add an alert\n- Add a dashboard @tom\n- [ ] Fix runbook\n- [x] Done thing\n- Rotate keys (https://tracker.example/1)\n- Update docs — Platform team\n\n| Action | Owner |\n|---|---|\n| Add test | Tom |\n| Add probe | TBD |\n";
        assert_eq!(flagged(ID, text), ["- Add an alert", "- [ ] Fix runbook", "| Add probe | TBD |"]);
        // A numbered table's empty row ("| 5 | TBD | | |") is a placeholder, not a follow-up.
        let text = "# D\n\n## Action items\n\n| # | Action | Owner | Due |\n| --- | --- | --- | --- |\n\
                    | 1 | Reject short sensor lists | Colm | 31 Oct |\n| 2 | Pre-written notice | | |\n| 3 | TBD | | |\n";
        assert_eq!(flagged(ID, text), ["| 2 | Pre-written notice | | |"]);
    }

    #[test]
    fn items_outside_follow_ups_are_not_follow_ups() {
        assert!(flagged(ID, "# Debrief\n\n## Impact\n\n- Users saw errors\n").is_empty());
    }
}
