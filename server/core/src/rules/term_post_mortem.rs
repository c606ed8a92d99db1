//! `term-post-mortem` (off by default): "post-mortem" where "incident debrief" is meant.

use crate::config::RuleLevel;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rules::{no_check, reframe, Context, PhraseHit, Report, Rule, RuleDocs, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "term-post-mortem",
        default_level: RuleLevel::Off,
        summary: "\"Post-mortem\" where \"incident debrief\" is meant (off by default)",
        docs: RuleDocs {
            what: "\"post-mortem\", \"postmortem\" and \"post mortem\" (and plurals). Off by default: turn it on with \
                   `term-post-mortem = \"info\"` if your team has chosen \"incident debrief\".",
            why: "\"Post-mortem\" borrows from the examination of a death to find its cause. Teams that want the \
                  meeting to feel like a conversation about learning, not an inquest, name it for what it is.",
            flagged: &["The post-mortem is on Thursday.", "We wrote postmortems for every SEV1."],
            fine: &["The incident debrief is on Thursday.", "See [the notes](../postmortems/2026-03-01.md)."],
            reframe: "Say \"incident debrief\" (or \"incident review\").",
            fix: "Replaces the word, keeping capitalisation and plural; safe, applied by `check --fix`.",
        },
    },
    triggers: &[
        "post-mortem",
        "post-mortems",
        "postmortem",
        "postmortems",
        "post mortem",
        "post mortems",
        "post-mortem's",
        "postmortem's",
    ],
    on_phrase,
    check: no_check,
};

fn on_phrase(ctx: &Context<'_>, hit: &PhraseHit, out: &mut Report<'_>) {
    let original = &ctx.doc.text[hit.range.clone()];
    // Link text that names the folder or file it points at is a name, not prose.
    let squashed = original.to_lowercase().replace([' ', '-'], "");
    if ctx.doc.link_at(hit.range.start).is_some_and(|l| {
        l.destination.to_lowercase().replace([' ', '-', '_'], "").contains(squashed.trim_end_matches("'s"))
    }) {
        return;
    }
    let lower = original.to_lowercase();
    let base = if lower.ends_with("'s") {
        "incident debrief's"
    } else if lower.ends_with('s') {
        "incident debriefs"
    } else {
        "incident debrief"
    };
    let title_case = original.split(['-', ' ']).all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && original.contains(['-', ' ']);
    let new = if title_case {
        base.split(' ').map(reframe::capitalise).collect::<Vec<_>>().join(" ")
    } else {
        reframe::match_case(original, base)
    };
    let d = out.add(hit.range.clone(), format!("Say “{}” rather than “{original}”.", new.to_lowercase()));
    if ctx.doc.is_plain_prose(hit.range.clone()) {
        d.fixes.push(Fix::new(
            format!("Replace with “{new}”"),
            Edit::replace(hit.range.clone(), new),
            Applicability::Safe,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{fixed, flagged};

    const ID: &str = "term-post-mortem";

    #[test]
    fn flags_and_replaces_every_spelling() {
        assert_eq!(flagged(ID, "The post-mortem and two postmortems."), ["post-mortem", "postmortems"]);
        assert_eq!(fixed(ID, "Post-Mortem notes.", 0).as_deref(), Some("Incident Debrief notes."));
        assert_eq!(fixed(ID, "Postmortem notes.", 0).as_deref(), Some("Incident debrief notes."));
        assert_eq!(fixed(ID, "Two postmortems.", 0).as_deref(), Some("Two incident debriefs."));
        assert!(flagged(ID, "See [notes](../postmortems/a.md) and `postmortem.md`.").is_empty());
    }
}
