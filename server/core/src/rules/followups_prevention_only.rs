//! `followups-prevention-only`: "ensure this never happens again" framing.

use crate::config::RuleLevel;
use crate::grammar::Token;
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
    "repetition",
    "repetitions",
    "never again",
    "never let",
    "never more",
    "repetition",
    "repetitions",
    "reoccur",
    "reoccurs",
    "reoccurrence",
    "re-occur",
    "re-occurrence",
    "appear again",
    "appears again",
    "occur again",
    "ever again",
    "do this again",
    "anymore",
    "any more",
    "possible again",
    "again",
    "a repeat",
    "repeat of",
    "repeats",
    "repeated",
    "happen twice",
    "repeat",
    "one more time",
    "a second time",
    "impossible in future",
    "impossible in the future",
    "impossible going forward",
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
    // "committed to eliminating any possibility of a repetition".
    "eliminates",
    "eliminating",
    "excludes",
    "excluding",
    "guarantee",
    "guarantees",
    "guaranteeing",
    "assure",
    "assures",
    "promise",
    "promises",
    "sure",
    "exclude",
    "zero",
    // A report's nominal style: "Objective of D7: exclusion of any recurrence".
    "exclusion",
    "elimination",
];

/// Verbs of happening: denied in the future tense they promise ("this will not happen again").
const HAPPENING: &[&str] = &[
    "happen", "happens", "occur", "occurs", "recur", "arise", "arises", "arrive", "arrives", "repeat", "return",
    "returns", "come",
];

/// Verbs of harm a promise denies: "expiry must never *take* down a service again".
const HARMING: &[&str] =
    &["take", "break", "fail", "delay", "cause", "hit", "affect", "bring", "impact", "lose", "corrupt", "page"];

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
    "making",
    "made",
    "stop",
    "guarantee",
    "eliminate",
    "eliminates",
    "eliminating",
];

fn on_phrase(ctx: &Context<'_>, hit: &PhraseHit, out: &mut Report<'_>) {
    let trigger = TRIGGERS[hit.trigger];
    // Common words promise only after a prevention word: look before reading the sentence.
    if matches!(
        trigger,
        "again"
            | "anymore"
            | "any more"
            | "ever again"
            | "repeat"
            | "repeats"
            | "repeated"
            | "a repeat"
            | "repeat of"
            | "one more time"
            | "a second time"
    ) {
        let masked = &ctx.doc.masked;
        let from = masked.floor_char_boundary(hit.range.start.saturating_sub(120).max(hit.block.start));
        let before = masked[from..hit.range.start].to_ascii_lowercase();
        const WORDS: &[&str] = &[
            "never",
            "prevent",
            "ensur",
            "sure",
            "avoid",
            "stop",
            "eliminat",
            "guarantee",
            "exclude",
            "rule out",
            "so ",
            "not ",
            "n't",
            "no way",
            "assur",
            "promis",
            "zero",
            "nothing",
        ];
        if !WORDS.iter().any(|w| before.contains(w)) {
            return;
        }
    }
    let sentence = ctx.sentence(hit);
    let tokens = &sentence.tokens;
    let Some(t_index) = sentence.token_at(hit.range.start) else {
        return;
    };
    // "again" ends long promises: "exclude any chance that the bucket fills up again".
    // "so that a DNS outage of this kind can't happen again": the promise's subject between.
    let window_start = t_index.saturating_sub(if trigger == "again" || trigger.ends_with(" again") { 12 } else { 8 });
    let window = &tokens[window_start..t_index];
    // "so this doesn't happen again" promises too: "so" with a negation.
    // ("so the job did not need to start again" tells what happened: a past is no promise.)
    let past = |l: &str| matches!(l, "did" | "didn't" | "was" | "wasn't" | "were" | "weren't" | "had" | "hadn't");
    let so_not = window.iter().any(|t| t.lower() == "so")
        && window.iter().enumerate().any(|(i, t)| {
            let l = t.lower();
            let denied = l.ends_with("n't") || matches!(l.as_str(), "not" | "cannot" | "never" | "nobody");
            denied && !past(&l) && !(i > 0 && past(&window[i - 1].lower()))
        });
    // "rule out any repeat": "rule" promises only with "out".
    let rule_out = window.windows(2).position(|w| w[0].lower() == "rule" && w[1].lower() == "out");
    // "there is no way for this to recur": "no way" or "no chance" denies it can.
    let no_way = window
        .windows(2)
        .position(|w| w[0].lower() == "no" && matches!(w[1].lower().as_str(), "way" | "chance" | "possibility"));
    // "this will not happen again": a denied happening in the future promises by itself.
    // The verb of happening is the trigger or one of the two words before it.
    // "this will never, ever happen to a customer again": after "again", the verb may
    // stand before what it happened to, in the same clause.
    let reach = if trigger == "again" { 6 } else { 2 };
    let happening = HAPPENING.iter().any(|h| trigger.starts_with(h))
        || window
            .iter()
            .rev()
            .take(reach)
            .take_while(|t| !opens_a_clause(t) && !matches!(t.lower().as_str(), "because" | "and" | ","))
            .any(|t| HAPPENING.contains(&t.lower().as_str()));
    let future_denial = happening
        .then(|| {
            window.windows(2).position(|w| {
                let (a, b) = (w[0].lower(), w[1].lower());
                matches!(a.as_str(), "will" | "shall" | "would" | "can") && matches!(b.as_str(), "not" | "never")
                    || matches!(a.as_str(), "won't" | "shan't")
            })
        })
        .flatten();
    // "Nothing like this will ever happen again": a denied subject and a future.
    let nothing_will = (trigger == "again" || trigger.ends_with(" again"))
        .then(|| {
            let said = |words: &[&str]| window.iter().position(|t| words.contains(&t.lower().as_str()));
            // The happening is what "again" repeats: no other clause between ("nothing will
            // happen to the data if the job runs again").
            let happens = window
                .iter()
                .rposition(|t| HAPPENING.contains(&t.lower().as_str()))
                .is_some_and(|h| !window[h..].iter().any(opens_a_clause));
            said(&["nothing", "nobody"]).filter(|_| happens && said(&["will", "shall", "can"]).is_some())
        })
        .flatten();
    // "the gates can't go down like this again": a contracted modal denying harm.
    let denied_harm = (trigger == "again" || trigger.ends_with(" again"))
        .then(|| {
            (0..window.len()).find(|&i| {
                let word = |k: usize| window.get(k).map(|t| t.lower());
                let harm = word(i + 1).is_some_and(|v| {
                    HAPPENING.contains(&v.as_str())
                        || HARMING.contains(&v.as_str())
                        || v == "go"
                            && word(i + 2).is_some_and(|p| matches!(p.as_str(), "down" | "offline" | "wrong" | "dark"))
                });
                harm && matches!(window[i].lower().as_str(), "can't" | "cannot" | "won't" | "mustn't" | "shan't")
            })
        })
        .flatten();
    let promise_at = window
        .iter()
        .position(|t| PREVENTION.contains(&t.lower().as_str()))
        .or(denied_harm)
        .or(nothing_will)
        .or(rule_out)
        .or(no_way)
        .or(future_denial)
        .or_else(|| so_not.then(|| window.iter().position(|t| t.lower() == "so")).flatten())
        // "such an incident cannot happen again": denied right before the happening.
        .or_else(|| {
            happening
                .then(|| window.iter().rposition(|t| matches!(t.lower().as_str(), "cannot" | "can't" | "won't")))
                .flatten()
        });
    let Some(promise_at) =
        promise_at
            .map(|i| window_start + i)
            .or((matches!(trigger, "never again" | "never let" | "never more") || trigger.starts_with("impossible"))
                .then_some(t_index))
    else {
        return;
    };
    // "anymore" promises only with a negation and a prevention word: "make sure such a
    // situation is not possible anymore" (not "we don't use that host anymore").
    if matches!(
        trigger,
        "anymore" | "any more" | "ever again" | "do this again" | "again" | "one more time" | "a second time"
    ) {
        let negated = window.iter().any(|t| {
            let l = t.lower();
            l.ends_with("n't")
                || matches!(l.as_str(), "not" | "no" | "never" | "nobody" | "nothing" | "cannot" | "zero")
        });
        // "expiry must never take down a service again": a modal denied.
        // (Of harm: "must never be renewed by hand again" is a rule of work, not a promise.)
        let modal_denial = window.windows(3).any(|w| {
            matches!(w[0].lower().as_str(), "must" | "will" | "shall" | "can" | "should")
                && matches!(w[1].lower().as_str(), "never" | "not")
                && (HAPPENING.contains(&w[2].lower().as_str()) || HARMING.contains(&w[2].lower().as_str()))
        });
        let promised = future_denial.is_some()
            || nothing_will.is_some()
            || denied_harm.is_some()
            || modal_denial
            || window.iter().any(|t| {
                matches!(
                    t.lower().as_str(),
                    "sure"
                        | "ensure"
                        | "guarantee"
                        | "guarantees"
                        | "assure"
                        | "promise"
                        | "prevent"
                        | "exclude"
                        | "so"
                        | "eliminate"
                )
            });
        // "exclude / eliminate / prevent any chance … again" denies by its verb.
        let denying =
            window.iter().any(|t| matches!(t.lower().as_str(), "exclude" | "eliminate" | "prevent" | "avoid"))
                || rule_out.is_some();
        if !((negated || denying) && (promised || rule_out.is_some())) {
            return;
        }
    }
    // "never more" is a promise only about happening: "never more happen".

    // "never let" promises only with "again" or "happen" after it: "never let this
    // happen again", "never let a bad deploy through again".
    if trigger == "never let" {
        let rest: Vec<String> = tokens[t_index..].iter().take(12).map(|t| t.lower().as_str().to_string()).collect();
        if !rest.iter().any(|w| w == "again" || w == "happen") {
            return;
        }
    }
    // "repeated", "repeats": a promise only with a prevention word before ("so this is
    // never repeated"), which the window check above demands.
    // "recurring" as an adjective ("recurring outages", "repeated calls") is a
    // description, not a promise.
    if matches!(trigger, "recurring" | "repeated" | "repeat" | "repeats")
        && tokens.get(t_index + 1).is_some_and(|t| t.is_word() && !crate::grammar::is_preposition(t.lower().as_str()))
    {
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
        // The same form of the verb: "ensuring" → "making", "ensures" → "makes".
        let lead_word = lead.map(|i| tokens[i].lower().as_str().to_string()).unwrap_or_default();
        let verb = if lead_word.ends_with("ing") {
            "making"
        } else if matches!(lead_word.as_str(), "made" | "ensured" | "prevented" | "avoided" | "stopped") {
            "made"
        } else if lead_word.ends_with('s') && lead_word != "ensure" {
            "makes"
        } else {
            "make"
        };
        let new = reframe::match_case(original, &format!("{verb} a recurrence quicker to detect and easier to handle"));
        if let Some(fix) = reframe::rewrite(ctx.doc, "Reframe toward detection and recovery", range, new) {
            d.fixes.push(fix);
        }
    }
}

/// Whether a word opens a clause of condition or time, whose happening is not the one a
/// promise denies: "nothing will happen to the data *if* the job runs again".
fn opens_a_clause(t: &Token<'_>) -> bool {
    matches!(t.lower().as_str(), "if" | "when" | "unless" | "while")
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{fixed, flagged};

    const ID: &str = "followups-prevention-only";

    #[test]
    fn the_happening_may_stand_before_what_it_happened_to() {
        assert_eq!(flagged(ID, "Bottom line: this will never, ever happen to a Loafly customer again.").len(), 1);
        for text in [
            "Nothing will happen to the data if the job runs again.",
            "The job did not happen on Monday, and we ran it again on Tuesday.",
        ] {
            assert!(flagged(ID, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn eliminating_a_repetition() {
        let text = "Taken together, the Authority is committed to eliminating any possibility of a repetition.";
        assert_eq!(flagged(ID, text).len(), 1);
        assert!(flagged(ID, "The repetition of the alert every minute flooded the channel.").is_empty());
    }

    #[test]
    fn so_with_a_past_denial_tells_what_happened() {
        assert_eq!(flagged(ID, "We added a lease so this doesn't happen again.").len(), 1);
        for text in [
            "The checkpoint worked, so the job did not need to start again from zero.",
            "The retry was idempotent, so the payment wasn't sent again.",
        ] {
            assert!(flagged(ID, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_denied_future_in_other_words_promises_too() {
        assert_eq!(flagged(ID, "Such an incident cannot happen again."), ["cannot happen again"]);
        assert_eq!(
            flagged(ID, "With two-person approval on key changes, the gates can't go down like this again.").len(),
            1
        );
        assert!(flagged(ID, "We can't go back to the old version again: its schema is gone.").is_empty());
        assert!(flagged(ID, "The gates couldn't go down again once the battery was in.").is_empty());
        assert_eq!(
            flagged(ID, "Nothing like this will ever happen on this cluster again."),
            ["Nothing like this will ever happen on this cluster again"]
        );
        assert!(flagged(ID, "Nothing will happen to the data if the job runs again.").is_empty());
        assert!(flagged(ID, "The job can run again after the fix.").is_empty());
    }

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
        assert_eq!(flagged(ID, "Objective of D7: exclusion of any recurrence of this failure at all plants.").len(), 1);
        assert!(flagged(ID, "The elimination of the recurring timeout needs a new pool size.").is_empty());
        assert_eq!(flagged(ID, "Never again."), ["Never again"]);
        assert_eq!(flagged(ID, "We added a check so this won't happen again."), ["so this won't happen again"]);
        assert_eq!(flagged(ID, "We will never let a bad deploy through again."), ["never let"]);
        assert_eq!(flagged(ID, "These steps eliminate any chance of a repeat."), ["eliminate any chance of a repeat"]);
        assert_eq!(flagged(ID, "We are making sure this never recurs."), ["making sure this never recurs"]);
    }

    #[test]
    fn flags_promises_made_without_a_prevention_verb() {
        assert_eq!(flagged(ID, "There is no way for this to recur."), ["no way for this to recur"]);
        assert_eq!(flagged(ID, "This problem will not happen again, we promise."), ["will not happen again"]);
        assert_eq!(flagged(ID, "The new lock guarantees zero recurrence."), ["guarantees zero recurrence"]);
        assert_eq!(flagged(ID, "It won't happen a second time."), ["won't happen a second time"]);
        assert_eq!(
            flagged(ID, "Add controls so that this kind of incident is impossible in future."),
            ["impossible in future"]
        );
        assert_eq!(flagged(ID, "We made sure this never repeats in the next sale."), ["made sure this never repeats"]);
    }

    #[test]
    fn leaves_denials_of_other_things_alone() {
        for fine in [
            "We will not restart the job a second time.",
            "We never repeat the load test before a release.",
            "It did not happen again that week.",
            "The alert will not fire again until the threshold is crossed.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
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
