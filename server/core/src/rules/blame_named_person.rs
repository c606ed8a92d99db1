//! `blame-named-person`: a named person (or "he"/"she") as the one who broke, caused or
//! missed something.

use crate::config::RuleLevel;
use crate::grammar;
use crate::lexicon;
use crate::rules::{no_check, reframe, Context, PhraseHit, Report, Rule, RuleDocs, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "blame-named-person",
        default_level: RuleLevel::Warning,
        summary: "A named person as the one who broke, caused or missed something",
        docs: RuleDocs {
            what: "A person named (or \"he\"/\"she\", or an @handle) as the subject of breaking, causing or missing \
                   something — \"Dana broke the deploy\", \"Tom missed the page\", \"it was Dana's mistake\", \"Dana \
                   accidentally deleted the volume\". Names in a neutral role (\"Tom rolled back the deploy at 14:20\") \
                   are not flagged.",
            why: "Naming the person who \"caused\" an incident turns a debrief into a verdict. Everyone reading learns \
                  that being near a failure is dangerous, so the next debrief hears less. The same action by anyone \
                  in the same conditions would have had the same result: the conditions are what the team can change.",
            flagged: &[
                "Dana broke the deploy pipeline on Friday.",
                "Tom missed the page at 03:00.",
                "It was Dana's mistake.",
                "He caused the outage by running the script against production.",
                "@priya accidentally deleted the staging volume.",
            ],
            fine: &[
                "Tom rolled back the deploy at 14:20.",
                "Dana noticed the alert and paged the database team.",
                "The config change caused the outage.",
                "The on-call engineer missed the page because it was routed to the old rotation.",
                "The HTTP 500 error rate rose to 4 %.",
                "Dana is responsible for the on-call rotation schedule.",
            ],
            reframe: "Name the role, not the person (\"the on-call engineer\"), and describe the action and the \
                      conditions around it: what they saw, what they were told, what the tooling allowed.",
            fix: "\"Dana\" → \"the on-call engineer\" (unsafe: check the role is right); \"Dana's change\" → \"the \
                  change\".",
        },
    },
    triggers: TRIGGERS,
    on_phrase,
    check: no_check,
};

const TRIGGERS: &[&str] = &[
    "broke",
    "caused",
    "missed",
    "overlooked",
    "ignored",
    "forgot",
    "messed up",
    "screwed up",
    "botched",
    "made a mistake",
    "made an error",
    "made a bad call",
    "is to blame",
    "was to blame",
    "at fault",
    "responsible for",
    "accidentally",
    "mistakenly",
    "inadvertently",
    "mistake",
    "fault",
    "error",
    "oversight",
    "blunder",
    "slip-up",
];

/// Nouns that make "responsible for …" about the incident, not about a duty.
const INCIDENT_NOUNS: &[&str] = &[
    "outage",
    "incident",
    "failure",
    "breakage",
    "downtime",
    "bug",
    "issue",
    "problem",
    "mistake",
    "error",
    "loss",
    "deletion",
    "disruption",
];

/// Whether the prose of its block just before a hit could name someone: a capital letter
/// starting a word, an `@handle`, or he/she/his/her. Most hits of these common words
/// ("error", "caused") have none, and skip the sentence analysis. (Only the block: the
/// sentence is in it, and what the rules find in one part of a document must not depend
/// on the text of another.)
fn could_name_someone(masked: &str, block_start: usize, at: usize) -> bool {
    let from = masked.floor_char_boundary(at.saturating_sub(120).max(block_start));
    let before = &masked[from..at];
    let bytes = before.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        let word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        word_start && (b.is_ascii_uppercase() || b == b'@' || b >= 0x80)
    }) || before.split(|c: char| !c.is_alphanumeric()).any(|w| matches!(w, "he" | "she" | "his" | "her"))
}

fn on_phrase(ctx: &Context<'_>, hit: &PhraseHit, out: &mut Report<'_>) {
    let trigger = TRIGGERS[hit.trigger];
    if !could_name_someone(&ctx.doc.masked, hit.block.start, hit.range.start) {
        return;
    }
    let sentence = ctx.sentence(hit);
    let Some(t_index) = sentence.token_at(hit.range.start) else {
        return;
    };
    let tokens = &sentence.tokens;
    let user = ctx.config.lexicon();

    // Possessives: "Dana's mistake", "his fault".
    if matches!(trigger, "mistake" | "fault" | "error" | "oversight" | "blunder" | "slip-up") {
        let Some(prev) = t_index.checked_sub(1).map(|i| tokens[i]) else {
            return;
        };
        let lower = prev.lower();
        let owner = lower.strip_suffix("'s").map(|s| &prev.text[..s.len()]);
        let named = match owner {
            Some(name) => name.starts_with('@') || lexicon::is_first_name(name, user),
            None => lexicon::SINGLING_POSSESSIVES.contains(&lower.as_str()),
        };
        if !named {
            return;
        }
        let d = out.add(
            prev.start..hit.range.end,
            "Names a person as the one at fault: describe the action and the conditions around it.",
        );
        let article = reframe::article_for(&ctx.doc.text[hit.range.clone()]);
        let new = reframe::case_for_position(starts_sentence(&sentence.tokens, prev.start), article);
        if let Some(fix) = reframe::rewrite(ctx.doc, "Drop the person's name", prev.start..prev.end, new) {
            d.fixes.push(fix);
        }
        return;
    }

    if trigger == "responsible for" {
        let about_incident =
            tokens[t_index..].iter().skip(2).take(5).any(|t| INCIDENT_NOUNS.contains(&t.lower().as_str()));
        if !about_incident {
            return;
        }
    }
    let verb = tokens[t_index].lower();
    // The verb phrase may start with a copula ("Dana was to blame", "he is responsible").
    let mut start = t_index;
    if start > 0 && matches!(tokens[start - 1].lower().as_str(), "was" | "is" | "were" | "are" | "been") {
        start -= 1;
    }
    let Some(subject) = grammar::subject_before(tokens, start, Some(&verb), user) else {
        possessive_subject(ctx, &sentence.tokens, start, hit, out);
        return;
    };
    let Some((kind, person)) = subject.person.clone() else {
        possessive_subject(ctx, &sentence.tokens, start, hit, out);
        return;
    };
    if !kind.is_named() {
        return;
    }
    // "Liam pushed a config and caused the outage": the name stands in the earlier
    // clause; the finding points at what it is said to have done.
    let range = if subject.elided { hit.range.clone() } else { person.start..hit.range.end };
    let d = out.add(
        range,
        "Names a person as the one who broke or missed something: name the role and describe the conditions.",
    );
    // The role is a guess the author confirms; a pronoun gets the same wording.
    let new = reframe::case_for_position(starts_sentence(tokens, person.start), "the on-call engineer");
    if let Some(fix) = reframe::rewrite(ctx.doc, "Name the role instead of the person", person, new) {
        d.fixes.push(fix);
    }
}

fn starts_sentence(tokens: &[grammar::Token<'_>], at: usize) -> bool {
    tokens.iter().find(|t| t.is_word()).is_some_and(|t| t.start == at)
}

/// "Dana's change caused the outage": the possessor is named as the cause.
fn possessive_subject(
    ctx: &Context<'_>,
    tokens: &[grammar::Token<'_>],
    verb: usize,
    hit: &PhraseHit,
    out: &mut Report<'_>,
) {
    if !matches!(TRIGGERS[hit.trigger], "caused" | "broke") {
        return;
    }
    let user = ctx.config.lexicon();
    let Some(owner) = tokens[verb.saturating_sub(3)..verb].iter().find(|t| {
        let l = t.lower();
        l.strip_suffix("'s").is_some_and(|s| {
            let name = &t.text[..s.len()];
            name.starts_with('@') || lexicon::is_first_name(name, user)
        })
    }) else {
        return;
    };
    let d = out.add(
        owner.start..hit.range.end,
        "Names a person as the one who broke or caused something: describe the change and the conditions.",
    );
    if let Some(fix) = reframe::rewrite(
        ctx.doc,
        "Drop the person's name",
        owner.range(),
        reframe::case_for_position(starts_sentence(tokens, owner.start), "the"),
    ) {
        d.fixes.push(fix);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{fixed, flagged};

    const ID: &str = "blame-named-person";

    #[test]
    fn flags_names_pronouns_handles_and_possessives() {
        assert_eq!(flagged(ID, "Dana broke the deploy pipeline."), ["Dana broke"]);
        assert_eq!(flagged(ID, "Tom missed the page."), ["Tom missed"]);
        assert_eq!(flagged(ID, "It was Dana's mistake."), ["Dana's mistake"]);
        assert_eq!(flagged(ID, "It was his fault."), ["his fault"]);
        assert_eq!(flagged(ID, "@priya accidentally deleted the volume."), ["@priya accidentally"]);
        assert_eq!(flagged(ID, "Dana's change caused the outage."), ["Dana's change caused"]);
        assert_eq!(flagged(ID, "She was to blame for the outage."), ["She was to blame"]);
        assert_eq!(flagged(ID, "Liam pushed a config and caused the outage."), ["caused"]);
    }

    #[test]
    fn leaves_neutral_names_and_systems_alone() {
        for fine in [
            "Tom rolled back the deploy at 14:20.",
            "The deploy caused the outage.",
            "The on-call engineer missed the page.",
            "We missed the page.",
            "A configuration error in the template.",
            "The HTTP 500 error rate rose.",
            "Dana is responsible for the rotation.",
            "Kubernetes accidentally evicted the pods.",
            "The deploy went out at noon and caused errors.",
            "The error was caused by a stale cache.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn fixes_name_the_role() {
        assert_eq!(
            fixed(ID, "Dana broke the deploy pipeline.", 0).as_deref(),
            Some("The on-call engineer broke the deploy pipeline.")
        );
        assert_eq!(fixed(ID, "It was Dana's mistake.", 0).as_deref(), Some("It was a mistake."));
        assert_eq!(fixed(ID, "Dana's change caused the outage.", 0).as_deref(), Some("The change caused the outage."));
        assert_eq!(
            fixed(ID, "On Friday Dana broke the pipeline.", 0).as_deref(),
            Some("On Friday the on-call engineer broke the pipeline.")
        );
    }
}
