//! `cause-human-error`: "human error" and its cousins given as a cause.

use crate::config::RuleLevel;
use crate::document::SectionKind;
use crate::rules::{no_check, reframe, Context, PhraseHit, Report, Rule, RuleDocs, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "cause-human-error",
        default_level: RuleLevel::Error,
        summary: "\"Human error\" (or operator error, PEBKAC, fat finger) given as a cause",
        docs: RuleDocs {
            what: "\"Human error\", \"operator error\", \"user error\", \"pilot error\", \"engineer error\", \
                   \"PEBKAC\", \"fat finger\" and \"the human factor\" given as the cause of an incident. A sentence \
                   that rejects the frame (\"this was not human error\") is left alone, and so are technical uses \
                   (\"the API returns a user error code\").",
            why: "Human error is where an investigation starts, not where it ends. Every incident involves people \
                  acting; calling it human error stops the inquiry exactly where the interesting question begins: \
                  what made the action possible, and what made it look reasonable at the time? A debrief that stops \
                  there produces \"be more careful\" and nothing the system can learn.",
            flagged: &[
                "The root cause was human error.",
                "The outage was caused by operator error during the failover.",
                "Classic PEBKAC: the wrong cluster was selected.",
                "Someone fat-fingered the CIDR range.",
            ],
            fine: &[
                "This was not human error: the tool allowed a destructive command without confirmation.",
                "The API returns a user error code for malformed requests.",
                "We studied the human factors literature on alarm fatigue.",
                "A configuration error in the template dropped the port.",
            ],
            reframe: "Describe the action and the conditions that made it possible and reasonable: what the person \
                      saw, what the tool allowed, what the runbook said, what time pressure there was.",
            fix:
                "Replaces the phrase with a prompt toward the conditions (\"a step that made sense at the time\"), or \
                  \"fat-fingered\" with \"mistyped\"; unsafe, because it changes meaning — finish the sentence with \
                  the conditions.",
        },
    },
    triggers: TRIGGERS,
    on_phrase,
    check: no_check,
};

const TRIGGERS: &[&str] = &[
    "human error",
    "human errors",
    "human-error",
    "operator error",
    "operator errors",
    "user error",
    "user errors",
    "pilot error",
    "engineer error",
    "human mistake",
    "human failure",
    "pebkac",
    "pebcak",
    "id10t",
    "layer 8 issue",
    "layer 8 problem",
    "fat finger",
    "fat fingers",
    "fat-finger",
    "fat fingered",
    "fat-fingered",
    "fat fingering",
    "fat-fingering",
    "human factor",
    "human factors",
    "operator mistake",
    "operator mistakes",
    "engineer mistake",
    "engineer mistakes",
    "engineer's mistake",
    "engineer's error",
    "operator's mistake",
    "operator's error",
    "manual error",
    "manual errors",
    "manual mistake",
    "staff error",
    "personnel error",
    "employee error",
    "admin error",
    "administrator error",
    "developer error",
    "developer mistake",
    "sysadmin error",
    "human slip",
    "human oversight",
    "operator oversight",
    "user mistake",
    "mistake by",
    "mistake made by",
    "mistakes made by",
    "error by",
    "error made by",
    "errors made by",
    "slip by",
    "typo by",
    "typo made by",
    "mistake on the part of",
    "operation mistake",
    "operation error",
    "operating mistake",
    "operational mistake",
    "operator's fault",
    "operator fault",
    "human fault",
    "made an error",
    "made a mistake",
    "made mistakes",
    "made errors",
    "made a typo",
    "made an operational error",
    "human's fault",
    "error on the part of",
    "oversight by",
    "oversight on the part of",
    "lapse in attention",
    "lapse of attention",
    "attention lapse",
    "human lapse",
    "a people problem",
    "a people issue",
];

/// Phrases whose cause is the person after them ("a mistake by the on-call engineer"):
/// a cause only when that is a person.
fn names_its_person(trigger: &str) -> bool {
    trigger.ends_with(" by") || trigger.ends_with(" of")
}

/// Words that reject the frame when they come before the phrase in its clause.
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "n't", "rather", "instead", "beyond", "avoid", "without", "isn't", "wasn't", "weren't",
    "aren't", "don't", "doesn't", "didn't", "stop", "blaming", "blame",
];

/// Words that, right after the phrase, make it a technical term.
const TECHNICAL_NEXT: &[&str] = &[
    "budget",
    "budgets",
    "code",
    "codes",
    "message",
    "messages",
    "rate",
    "rates",
    "response",
    "responses",
    "class",
    "classes",
    "type",
    "types",
    "page",
    "pages",
    "screen",
    "screens",
    "dialog",
    "dialogue",
    "popup",
    "banner",
    "state",
    "states",
    "handling",
    "handler",
    "path",
    "log",
    "logs",
    "count",
    "literature",
    "research",
    "work",
    "review",
    "reviews",
    "design",
    "principles",
    "engineering",
    "study",
    "studies",
    "team",
    "teams",
    "expert",
    "experts",
    "specialist",
    "specialists",
    "approach",
    "training",
    "perspective",
    "lens",
    "office",
    "group",
    "says",
    "tells",
    "suggests",
    "shows",
];

/// Words before "on"/"of"/"in" that make the phrase after them a field of study: "research
/// on human factors", "an expert in human factors".
const FIELD_BEFORE: &[&str] =
    &["research", "study", "studies", "literature", "field", "expert", "experts", "course", "training", "papers"];

/// What a study of the field is, after "human factors": "a human factors *assessment*".
const FIELD_AFTER: &[&str] = &[
    "assessment",
    "assessments",
    "review",
    "reviews",
    "study",
    "studies",
    "engineering",
    "expert",
    "experts",
    "specialist",
    "specialists",
    "analysis",
    "team",
    "training",
    "course",
    "lead",
    "survey",
    "audit",
    "report",
    "workshop",
    // "the human factors reading @zoe brought to the call": a way of looking.
    "reading",
    "lens",
    "perspective",
    "view",
    "framing",
    "thinking",
    "angle",
    "approach",
    "session",
    "discussion",
    "expertise",
    "background",
];

/// Whether `next`, the word after "human factors", is a noun the phrase describes: not a
/// verb ("were", "played", "contributed"), nor a word that joins or ends the phrase.
fn names_a_discipline_thing(next: &str) -> bool {
    let verb = crate::verbs::lookup(next).is_some_and(|f| f.base != next || f.past == next);
    next.starts_with(char::is_alphabetic)
        && !(verb
            || next.ends_with("ed")
            || crate::grammar::is_preposition(next)
            || crate::grammar::is_auxiliary(next)
            || matches!(next, "and" | "or" | "but" | "that" | "which" | "as" | "also" | "here" | "there")
            // The base forms of what causes do: "human factors contribute to …".
            || matches!(next, "contribute" | "cause" | "explain" | "play" | "matter" | "remain" | "account" | "drive" | "lead"))
}

/// Words that make a sentence about causes.
const CAUSE_WORDS: &[&str] = &[
    "down",
    "boils",
    "boiled",
    "cause",
    "caused",
    "causes",
    "due",
    "because",
    "result",
    "resulted",
    "attributed",
    "reason",
    "led",
    "blame",
    "root",
    "factor",
    "factors",
    "triggered",
    "problem",
    "issue",
    "culprit",
    "explanation",
];

fn on_phrase(ctx: &Context<'_>, hit: &PhraseHit, out: &mut Report<'_>) {
    let trigger = TRIGGERS[hit.trigger];
    let text = ctx.doc.text;
    let sentence = ctx.sentence(hit);
    let Some(t_index) = sentence.token_at(hit.range.start) else {
        return;
    };
    let tokens = &sentence.tokens;
    let next = tokens.iter().find(|t| t.start >= hit.range.end).map(|t| t.lower());
    if next.as_deref().is_some_and(|n| TECHNICAL_NEXT.contains(&n)) {
        return;
    }
    // "Q: Was this human error?": asked, not given as the cause.
    if text[sentence.range.clone()].trim_end_matches(['*', '_', ' ', '\n']).ends_with('?') {
        return;
    }
    // Quoted as a term ("we avoid the phrase “human error”") is a mention, not a cause.
    let before = text[..hit.range.start].chars().next_back();
    if matches!(before, Some('"' | '\u{201c}' | '\'' | '\u{2018}')) {
        return;
    }
    let clause_start = tokens[..t_index]
        .iter()
        .rposition(|t| matches!(t.text, ";" | ":" | "," | "(") || t.lower() == "but")
        .map_or(0, |i| i + 1);
    // "research on human factors": the field, not a cause.
    // "The human factors assessment of the control room recommended …": the discipline
    // that studies the conditions, not a cause.
    let field = t_index >= 2
        && matches!(tokens[t_index - 1].lower().as_str(), "on" | "of" | "in" | "about")
        && FIELD_BEFORE.contains(&tokens[t_index - 2].lower().as_str())
        || trigger.starts_with("human factor") && next.as_deref().is_some_and(|n| FIELD_AFTER.contains(&n))
        // "the human factors guidance for control rooms": the plural before a noun is the
        // discipline's name, whatever the noun ("were the cause" and "played a part" are
        // verbs).
        || trigger == "human factors" && next.as_deref().is_some_and(names_a_discipline_thing);
    // "Calling this human error explains nothing": the label rejected.
    let sentence_lower = text[sentence.range.clone()].to_lowercase();
    let rejected =
        ["explains nothing", "tells us nothing", "says nothing", "calling this", "calling it", "not an explanation"]
            .iter()
            .any(|p| sentence_lower.contains(p));
    // "We called it human error; that was wrong, because …": the label taken back.
    let after_hit = text[hit.range.end..sentence.range.end].to_lowercase().replace('\u{2019}', "'");
    let taken_back = ["that was", "this was", "which was", "we were", "that is", "this is"]
        .iter()
        .flat_map(|w| {
            ["wrong", "unfair", "incorrect", "a mistake", "not true", "not the case"].map(|x| format!("{w} {x}"))
        })
        .any(|p| after_hit.contains(&p));
    if field || rejected || taken_back {
        return;
    }
    let negated = tokens[clause_start..t_index].iter().any(|t| {
        let l = t.lower();
        NEGATIONS.contains(&l.as_str()) || l.ends_with("n't")
    });
    // Sentences that argue against the frame ("any operator error is a symptom of a
    // missing mechanism", "human error is where the inquiry starts").
    const REFRAMING: &[&str] =
        &["symptom", "instead", "starting", "starts", "myth", "label", "term", "phrase", "never"];
    // "Instead, any operator error is…" argues; "100 instead of 10" after the phrase does not.
    let reframed = tokens.iter().enumerate().any(|(i, t)| {
        let l = t.lower();
        REFRAMING.contains(&l.as_str()) && (l != "instead" || i < t_index)
    });
    if negated || reframed {
        return;
    }
    // "The engineer made an error when typing": a role's slip as the cause. (A named
    // person's is blame-named-person's.)
    if trigger.starts_with("made ") {
        let Some(subject) = crate::grammar::subject_before(tokens, t_index, Some("made"), &ctx.who()) else { return };
        let role = subject.person.is_some_and(|(kind, r)| {
            matches!(kind, crate::lexicon::PersonKind::Role)
                || (matches!(kind, crate::lexicon::PersonKind::Pronoun { .. })
                    && matches!(text[r].to_lowercase().as_str(), "someone" | "somebody" | "they"))
        });
        if role {
            out.add(
                subject.range.start..hit.range.end,
                "A person's slip given as the cause: describe what made the action possible and reasonable at the time.",
            );
        }
        return;
    }
    if names_its_person(trigger) {
        let who = ctx.who();
        let Some(next_at) = tokens.iter().position(|t| t.start >= hit.range.end && t.is_word()) else { return };
        let probe_end = (next_at + 5).min(tokens.len());
        // "by the engineer who…", "by an operator", "by Dana", "by someone".
        let person = (next_at..probe_end).find(|&i| {
            let t = &tokens[i];
            let l = t.lower();
            crate::lexicon::is_role(&l)
                || matches!(l.as_str(), "someone" | "somebody" | "him" | "her" | "them" | "whoever")
                || t.text.starts_with('@')
                || (t.is_capitalised() && who.is_name(t.text))
        });
        let Some(mut p) = person else { return };
        while tokens.get(p + 1).is_some_and(|t| crate::lexicon::is_role(&t.lower())) {
            p += 1;
        }
        // Only through a determiner or modifiers: "by the on-call engineer", not "by the
        // deploy, which the engineer ran".
        if tokens[next_at..p].iter().any(|t| !t.is_word() || matches!(t.lower().as_str(), "which" | "that" | "who")) {
            return;
        }
        out.add(
            hit.range.start..tokens[p].end,
            "A person's slip given as the cause: describe what made the action possible and reasonable at the time.",
        );
        return;
    }
    let is_fat_finger = trigger.starts_with("fat");
    let needs_cause_context =
        matches!(trigger, "user error" | "user errors" | "human factor" | "human factors" | "human failure");
    if needs_cause_context {
        let in_causes = ctx.doc.section_kind_at(hit.range.start) == SectionKind::Causes;
        let cause_words = tokens.iter().any(|t| CAUSE_WORDS.contains(&t.lower().as_str()));
        // "Classification for the quarterly report: user error": a label that files the
        // incident under it.
        let before = text[sentence.range.start..hit.range.start].trim_end().trim_end_matches(['*', '_']);
        let filed = before.ends_with(':') && {
            let label = before.to_ascii_lowercase();
            ["classification", "classified", "categor", "verdict", "type", "reason"].iter().any(|w| label.contains(w))
        };
        if !(in_causes || cause_words || filed) {
            return;
        }
    }
    let phrase = &text[hit.range.clone()];
    let d = out.add(
        hit.range.clone(),
        format!("“{phrase}” given as a cause: describe what made the action possible and reasonable at the time."),
    );

    if is_fat_finger {
        let lower = phrase.to_ascii_lowercase();
        let new = if lower.ends_with("ed") {
            "mistyped"
        } else if lower.ends_with("ing") {
            "mistyping"
        } else {
            "typo"
        };
        if let Some(fix) = reframe::rewrite(
            ctx.doc,
            &format!("Replace with “{new}”"),
            hit.range.clone(),
            reframe::match_case(phrase, new),
        ) {
            d.fixes.push(fix);
        }
        return;
    }
    // Replace only where a noun phrase reads well: at the end of a clause or before a verb.
    let fits = match next.as_deref() {
        None => true,
        Some(n) => matches!(
            n,
            "." | ","
                | ";"
                | ":"
                | ")"
                | "caused"
                | "causes"
                | "led"
                | "leads"
                | "resulted"
                | "was"
                | "is"
                | "and"
                | "meant"
                | "triggered"
        ),
    };
    if !fits {
        return;
    }
    // Take a preceding article along: "a human error" → "a step that…".
    let mut range = hit.range.clone();
    if let Some(prev) = t_index.checked_sub(1).map(|i| tokens[i]) {
        if matches!(prev.lower().as_str(), "a" | "an" | "the")
            && text[prev.end..hit.range.start].chars().all(char::is_whitespace)
        {
            range = prev.start..hit.range.end;
        }
    }
    let original = &text[range.clone()];
    let new = reframe::match_case(original, "a step that made sense at the time");
    if let Some(fix) = reframe::rewrite(ctx.doc, "Describe the step as reasonable at the time", range, new) {
        d.fixes.push(fix);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{fixed, flagged};

    const ID: &str = "cause-human-error";

    #[test]
    fn flags_human_error_as_a_cause() {
        assert_eq!(flagged(ID, "The root cause was human error."), ["human error"]);
        assert_eq!(flagged(ID, "Human error caused the outage."), ["Human error"]);
        assert_eq!(flagged(ID, "It was a simple case of operator error."), ["operator error"]);
        assert_eq!(flagged(ID, "The outage was due to user error."), ["user error"]);
        assert_eq!(flagged(ID, "Classification for the quarterly report: user error (newsroom)."), ["user error"]);
        assert_eq!(flagged(ID, "Someone fat-fingered the range."), ["fat-fingered"]);
        assert_eq!(flagged(ID, "PEBKAC."), ["PEBKAC"]);
        assert_eq!(flagged(ID, "The cause was a lapse in attention by the on-call."), ["lapse in attention"]);
        assert_eq!(flagged(ID, "It was an oversight by the engineer on shift."), ["oversight by the engineer"]);
        assert_eq!(flagged(ID, "Ultimately this was a people problem."), ["a people problem"]);
        assert_eq!(flagged(ID, "The issue occurred due to operator fault."), ["operator fault"]);
        assert_eq!(flagged(ID, "It was a mistake by the engineer who ran it."), ["mistake by the engineer"]);
        assert_eq!(flagged(ID, "The cause was an operator mistake."), ["operator mistake"]);
        for cause in [
            "Human factors contributed to the outage.",
            "Human factors were the main cause.",
            "The cause was human factors.",
            "Human factors played a part, as usual.",
        ] {
            assert!(!flagged(ID, cause).is_empty(), "{cause}");
        }
        assert_eq!(flagged(ID, "A typo by the on-call engineer took the site down."), ["typo by the on-call engineer"]);
    }

    #[test]
    fn leaves_rejections_mentions_and_technical_uses() {
        for fine in [
            "This was not human error.",
            "In our first update we called the problem human error; that was wrong, because the tool accepted two leaders.",
            "The ticket said operator error, which was unfair: the runbook named the wrong host.",
            "The app shows a user error screen for declined payments.",
            "Regulatory oversight by the central bank covers the ledger.",
            "The change had no oversight by a second reviewer.",
            "It was never a people problem: the tool allowed it.",
            "We don't stop at human error.",
            "Rather than human error, we looked at the tooling.",
            "The API returns a user error code.",
            "Response body: user error 409, retry with a new key.",
            "We read the human factors literature.",
            "A configuration error in the template.",
            "The team avoids the phrase \"human error\" in debriefs.",
            "Users saw a user error page.",
            "Instead, any operator error is a symptom of a missing mechanism.",
            "The error by the parser was logged.",
            "A mistake by the deploy tool removed the flag.",
            // The discipline's name before any noun it describes.
            "The regulator's human factors guidance describes this pattern.",
            "The panel refers to the human factors guide of the infrastructure manager.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn rewrites_toward_conditions() {
        assert_eq!(
            fixed(ID, "The root cause was human error.", 0).as_deref(),
            Some("The root cause was a step that made sense at the time.")
        );
        assert_eq!(
            fixed(ID, "Human error caused the outage.", 0).as_deref(),
            Some("A step that made sense at the time caused the outage.")
        );
        assert_eq!(fixed(ID, "Someone fat-fingered the range.", 0).as_deref(), Some("Someone mistyped the range."));
        assert_eq!(fixed(ID, "There was a human error in the config.", 0), None, "no clumsy rewrite");
    }
}
