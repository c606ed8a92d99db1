//! `followups-prevention-only`: "ensure this never happens again" framing.

use crate::config::RuleLevel;
use crate::rules::{no_check, reframe, Context, PhraseHit, Report, Rule, RuleDocs, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "followups-prevention-only",
        default_level: RuleLevel::Info,
        summary: "\"Ensure this never happens again\" prevention framing",
        docs: RuleDocs {
            what: "Promises that an incident will never recur: \"ensure this never happens again\", \"prevent this \
                   from ever happening again\", \"make sure it doesn't happen again\", \"avoid a recurrence\".",
            why: "Prevention is not the only outcome of a debrief. Complex systems fail in new ways; a promise that \
                  this exact failure never returns steers follow-ups toward guarding one path, and away from what \
                  pays off next time: noticing sooner, understanding faster, recovering more easily.",
            flagged: &[
                "We will add a lint rule to ensure this never happens again.",
                "These changes prevent this from ever happening again.",
                "Make sure this doesn't happen again.",
            ],
            fine: &[
                "We will add a lint rule and an alert, so a recurrence is caught within minutes.",
                "The same alert fired again at 14:40.",
                "This happens again every night at 02:00 when the backup runs.",
            ],
            reframe: "Say what the follow-up improves: detection (\"we would notice within five minutes\"), \
                      response (\"the runbook covers it\"), or recovery (\"rollback takes one command\").",
            fix: "\"ensure this never happens again\" → \"make a recurrence quicker to detect and easier to handle\"; \
                  unsafe, because it changes the commitment.",
        },
    },
    triggers: TRIGGERS,
    on_phrase,
    check: no_check,
};

const TRIGGERS: &[&str] = &[
    "happen again",
    "happens again",
    "happening again",
    "happened again",
    "occur again",
    "occurs again",
    "occurring again",
    "recur",
    "recurs",
    "recurring",
    "recurrence",
    "recurrences",
    "never again",
];

/// Words that turn a mention of recurrence into a promise of prevention.
const PREVENTION: &[&str] = &[
    "never",
    "prevent",
    "prevents",
    "preventing",
    "ensure",
    "ensures",
    "ensuring",
    "avoid",
    "avoids",
    "avoiding",
    "stop",
    "stops",
    "eliminate",
    "guarantee",
    "sure",
];

/// Verbs a rewrite can replace together with their object.
const LEAD_VERBS: &[&str] = &[
    "ensure",
    "ensures",
    "ensuring",
    "prevent",
    "prevents",
    "preventing",
    "avoid",
    "avoids",
    "avoiding",
    "make",
    "makes",
    "stop",
    "guarantee",
];

fn on_phrase(ctx: &Context<'_>, hit: &PhraseHit, out: &mut Report<'_>) {
    let trigger = TRIGGERS[hit.trigger];
    let sentence = ctx.sentence(hit);
    let tokens = &sentence.tokens;
    let Some(t_index) = sentence.token_at(hit.range.start) else {
        return;
    };
    let window_start = t_index.saturating_sub(8);
    let window = &tokens[window_start..t_index];
    // "so this doesn't happen again" promises too: "so" with a negation.
    let so_not = window.iter().any(|t| t.lower() == "so")
        && window.iter().any(|t| t.lower().ends_with("n't") || t.lower() == "not");
    let promise_at = window
        .iter()
        .position(|t| PREVENTION.contains(&t.lower().as_str()))
        .or_else(|| so_not.then(|| window.iter().position(|t| t.lower() == "so")).flatten());
    let Some(promise_at) = promise_at.map(|i| window_start + i).or((trigger == "never again").then_some(t_index))
    else {
        return;
    };
    // "recurring" as an adjective ("recurring outages") is a description, not a promise.
    if trigger == "recurring" && tokens.get(t_index + 1).is_some_and(|t| t.is_word()) {
        return;
    }
    // Start at the verb that carries the promise ("ensure", "prevent", "make sure").
    let lead = (window_start..=promise_at).rev().find(|&i| LEAD_VERBS.contains(&tokens[i].lower().as_str()));
    let start = lead.map_or(tokens[promise_at].start, |i| tokens[i].start);
    let range = start..hit.range.end;
    let d = out.add(
        range.clone(),
        "Promises prevention only: say how the follow-ups make a recurrence quicker to detect and easier to handle.",
    );
    if lead.is_some() {
        let original = &ctx.doc.text[range.clone()];
        let new = reframe::match_case(original, "make a recurrence quicker to detect and easier to handle");
        if let Some(fix) = reframe::rewrite(ctx.doc, "Reframe toward detection and recovery", range, new) {
            d.fixes.push(fix);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{fixed, flagged};

    const ID: &str = "followups-prevention-only";

    #[test]
    fn flags_prevention_promises() {
        assert_eq!(
            flagged(ID, "We will add a lint to ensure this never happens again."),
            ["ensure this never happens again"]
        );
        assert_eq!(
            flagged(ID, "This prevents it from ever happening again."),
            ["prevents it from ever happening again"]
        );
        assert_eq!(flagged(ID, "Make sure this doesn't happen again."), ["Make sure this doesn't happen again"]);
        assert_eq!(flagged(ID, "We must avoid a recurrence."), ["avoid a recurrence"]);
        assert_eq!(flagged(ID, "Never again."), ["Never again"]);
        assert_eq!(flagged(ID, "We added a check so this won't happen again."), ["so this won't happen again"]);
    }

    #[test]
    fn leaves_descriptions_alone() {
        for fine in [
            "The alert fired again and it happened again at 14:40.",
            "This happens again every night.",
            "We saw recurring outages last week.",
            "A recurrence would be caught within minutes.",
            "The redeployment has not resulted in a recurrence of the issues.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn rewrites_toward_detection() {
        assert_eq!(
            fixed(ID, "We will add a lint to ensure this never happens again.", 0).as_deref(),
            Some("We will add a lint to make a recurrence quicker to detect and easier to handle.")
        );
    }
}
