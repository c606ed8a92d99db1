//! `blame-counterfactual`: hindsight about what a person or team should have done.

use crate::config::RuleLevel;
use crate::grammar::{self, Subject, Token};
use crate::lexicon;
use crate::rules::{no_check, reframe, Context, PhraseHit, Report, Rule, RuleDocs, RuleMeta, Sentence};
use crate::verbs;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "blame-counterfactual",
        default_level: RuleLevel::Warning,
        summary: "Hindsight about what a person should have done (\"should have\", \"failed to\", \"if only\")",
        docs: RuleDocs {
            what: "Counterfactuals about a person or team: \"X should have / could easily have / ought to have / \
                   needed to have / was supposed to / failed to / neglected to / didn't bother to / forgot to …\", \
                   \"if only X had …\", \"we would have caught it if we had …\", \"Had X checked …\", \"Shouldn't we \
                   have …?\", and list items that leave the subject out (\"- Should have paged the DBA\"). The subject decides: \"the alert should \
                   have fired\" is an expectation of a system and is not flagged; \"we should add a canary stage\" is a \
                   recommendation and is not flagged.",
            why: "A counterfactual describes a world that did not happen, judged with knowledge nobody had at the \
                  time. It tells readers what the author now knows, not what the people involved saw, and it ends the \
                  inquiry at the person instead of at the conditions that made the action reasonable. People who read \
                  it learn to say less in the next debrief.",
            flagged: &[
                "Dana should have noticed the alert before it paged twice.",
                "The on-call failed to escalate to the database team.",
                "If only the DBA had checked the replication lag.",
                "We should have tested the migration against production data.",
                "The reviewer neglected to run the integration suite.",
            ],
            fine: &[
                "The alert should have fired within two minutes.",
            "`results-mismatch` should have paged at 20:01.",
                "The load balancer failed to drain connections.",
                "We should add a canary stage to the deploy.",
                "Tom rolled back the deploy at 14:20.",
                "Users failed to connect for twelve minutes.",
                "Dana did not notice the alert: it looked like the daily flapping one.",
            ],
            reframe: "Say what happened (\"Dana did not notice the alert\"), then ask what made it hard at the time \
                      (\"What made the alert easy to miss?\"): the answer is where the follow-ups are.",
            fix: "Two rewrites, both unsafe because they change meaning: \"should have noticed\" → \"did not notice\", \
                  and the sentence → \"What made it hard to notice the alert?\". Applied by `check --fix` only with \
                  `--unsafe-fixes`.",
        },
    },
    triggers: TRIGGERS,
    on_phrase,
    check: no_check,
};

const TRIGGERS: &[&str] = &[
    "should have",
    "should've",
    "shouldn't have",
    "shouldn't",
    "couldn't",
    "should not have",
    "should had",
    "could had",
    "could have",
    "could've",
    "ought to have",
    "ought not to",
    "ought not",
    "should",
    "could",
    "ought to",
    "needed to have",
    "need to have",
    "supposed to",
    "meant to",
    "expected to",
    "obliged to",
    "obligated to",
    "was to have",
    "were to have",
    "needed to",
    "had every chance to",
    "had every opportunity to",
    "had ample time to",
    "had plenty of time to",
    "might have",
    "failed to",
    "fails to",
    "neglected to",
    "didn't bother to",
    "did not bother to",
    "never bothered to",
    "forgot to",
    "forgotten to",
    "neglects to",
    "didn't think to",
    "did not think to",
    "never thought to",
    "thought to",
    "omitted to",
    "if only",
    "responsible for",
    "would have",
    "would've",
    "would not have",
    "would never have",
    "wouldn't have",
    "would not be",
    "wouldn't be",
    // "If the on-call engineer had checked the timer, the checkpoints would still exist."
    "would still",
    "had we",
    "had i",
    "had they",
    "had he",
    "had she",
    "had someone",
    "had somebody",
    "had anyone",
    "had anybody",
    "had you",
    "had the",
    "had our",
    "need not have",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// "should have noticed"
    Should,
    /// "shouldn't have restarted"
    ShouldNot,
    /// "could have prevented"
    Could,
    /// "failed to escalate", "forgot to check"
    Failed,
    /// "was supposed to renew", "was meant to check", "was expected to review"
    Supposed,
    /// "if only the DBA had checked"
    IfOnly,
    /// "if the DBA had checked, … would not have …", "had we run a load test, …"
    Conditional,
}

fn kind(trigger: &str) -> Kind {
    match trigger {
        "shouldn't have" | "should not have" => Kind::ShouldNot,
        "could have" | "could've" | "could had" | "could" | "couldn't" => Kind::Could,
        "if only" => Kind::IfOnly,
        "supposed to" | "meant to" | "expected to" | "obliged to" | "obligated to" | "was to have" | "were to have"
        | "responsible for" => Kind::Supposed,
        t if t.starts_with("had ") && t.ends_with(" to") => Kind::Failed,
        "needed to" => Kind::Failed,
        t if t.starts_with("would") || t.starts_with("had ") || t == "might have" => Kind::Conditional,
        "shouldn't" | "ought not to" | "ought not" | "need not have" => Kind::ShouldNot,
        t if t.starts_with("should") || t.starts_with("ought") || t.starts_with("need") => Kind::Should,
        _ => Kind::Failed,
    }
}

/// Adverbs that may stand inside a modal group: "should *probably* have", "could
/// *easily* have".
fn is_group_adverb(t: &Token<'_>) -> bool {
    let l = t.lower();
    matches!(
        l.as_str(),
        "probably"
            | "really"
            | "definitely"
            | "certainly"
            | "also"
            | "easily"
            | "obviously"
            | "clearly"
            | "simply"
            | "just"
            | "perhaps"
            | "maybe"
            | "likely"
            | "surely"
            | "absolutely"
            | "ideally"
            | "arguably"
            | "at"
            | "least"
            | "all"
            | "both"
            | "then"
            | "still"
            | "have"
            | "already"
            | "possibly"
            | "quite"
            | "very"
            | "so"
            | "much"
            | "far"
            | "not"
            | "never"
            | "reasonably"
            | "potentially"
    ) || (l.len() > 4 && l.ends_with("ly") && !t.is_capitalised())
}

/// Words of an aside between a modal and "have": "should, *in hindsight*, have", "should
/// *at the very least* have".
const ASIDE_WORDS: &[&str] = &["in", "hindsight", "retrospect", "looking", "back", "the", "with", "benefit", "of"];

/// After a bare modal ("should", "could", "ought to"): the main verb of a perfect
/// ("should probably have noticed"), or `None` when the modal is not hindsight ("we
/// should add a canary").
fn perfect_after(tokens: &[Token<'_>], modal_last: usize) -> Option<usize> {
    let mut i = modal_last + 1;
    let mut saw_have = tokens[modal_last].lower().ends_with("'ve");
    while let Some(t) = tokens.get(i) {
        if !t.is_word() {
            // "should, in hindsight, have": an aside set off by commas before "have".
            if matches!(t.text, "*" | "_") || (t.text == "," && !saw_have && i < modal_last + 7) {
                i += 1;
                continue;
            }
            return None;
        }
        let l = t.lower();
        // "should of tested": the spelling of "should've" as it sounds.
        if l == "have" || l == "'ve" || (l == "of" && i == modal_last + 1) {
            saw_have = true;
            i += 1;
            continue;
        }
        if (is_group_adverb(t) || (!saw_have && ASIDE_WORDS.contains(&l.as_str()))) && i < modal_last + 7 {
            i += 1;
            continue;
        }
        return saw_have.then_some(i);
    }
    None
}

/// Verbs that are things happening to someone, not something they did or missed:
/// "users failed to connect", "Dana should have received the page".
const NOT_AGENTIVE: &[&str] = &[
    "receive",
    "received",
    "get",
    "got",
    "gotten",
    "had",
    "have",
    "lose",
    "lost",
    "experience",
    "experienced",
    "hear",
    "heard",
    "connect",
    "load",
    "log",
    "login",
    "access",
    "reach",
    "authenticate",
    "sign",
    "download",
    "upload",
    "open",
    "start",
    "boot",
    "happen",
    "happened",
    "occur",
    "occurred",
    "work",
    "worked",
];

/// What every finding of this rule says.
const HINDSIGHT_MESSAGE: &str =
    "Hindsight about what a person should have done: say what happened, and ask what made it hard at the time.";

/// Whether `verb`, with the word after it, is one of [`NOT_AGENTIVE`]: "sign in" happens to
/// users, "sign off" is done by someone.
fn not_agentive(verb: &str, next: Option<&str>) -> bool {
    NOT_AGENTIVE.contains(&verb) && !(matches!(verb, "sign" | "signed") && next == Some("off"))
}

/// Verbs after "could have" that say what might have happened, not a missed chance to
/// act: "we could have lost data", "customers could have seen stale pages".
const COULD_OUTCOMES: &[&str] = &[
    "lost",
    "taken",
    "been",
    "gone",
    "happened",
    "failed",
    "caused",
    "led",
    "resulted",
    "affected",
    "impacted",
    "hit",
    "cost",
    "broken",
    "become",
    "seen",
    "ended",
    "lasted",
    "turned",
    "corrupted",
    "crashed",
    "spread",
    "reached",
    "exposed",
    "leaked",
    "missed",
    "gotten",
    "got",
    "had",
    "run",
    "grown",
    "triggered",
    "meant",
    "included",
    "involved",
    "contributed",
    "played",
    "saved",
    "helped",
    "worked",
    "made",
];

/// Outcomes that are also chances missed: "customers could have *seen* stale pages", "the
/// reviewer could have *seen* the shifted column". Hindsight only about a role or a name.
fn is_perception(verb: &str) -> bool {
    matches!(verb, "seen" | "missed")
}

fn on_phrase(ctx: &Context<'_>, hit: &PhraseHit, out: &mut Report<'_>) {
    let trigger = TRIGGERS[hit.trigger];
    let kind = kind(trigger);
    // A bare modal is hindsight only with "have" after it: look before reading the sentence.
    if matches!(trigger, "should" | "could" | "ought to" | "shouldn't" | "couldn't") {
        let masked = &ctx.doc.masked;
        let end = masked.floor_char_boundary((hit.range.end + 40).min(hit.block.end));
        let after = masked[hit.range.end..end].to_ascii_lowercase();
        // "should of tested": "have" as it is heard.
        let of = trigger.len() < 7 && after.starts_with(" of ");
        if !(after.contains("have")
            || of
            || masked[hit.range.clone()].contains("'ve")
            || masked[hit.range.clone()].contains('\u{2019}'))
        {
            return;
        }
        // A bare "shouldn't" or "couldn't" is hindsight only opening a question
        // ("Shouldn't we have …?"): checked on bytes before the sentence is read.
        if trigger.ends_with("n't") {
            let before =
                masked[hit.block.start..hit.range.start].trim_end_matches([' ', '\t', '\n', '*', '_', '-', '>']);
            if !(before.is_empty() || before.ends_with(['.', '!', '?', ':'])) {
                return;
            }
        }
    }
    // "needed to" is hindsight only with a "sooner" after it: "the on-call needed to
    // escalate sooner" (not "we needed to restart the pod").
    if trigger == "needed to" {
        let masked = &ctx.doc.masked;
        let end = masked.floor_char_boundary((hit.range.end + 60).min(hit.block.end));
        // Within the clause: up to the first word with punctuation on it, that word included.
        let clause = &masked[hit.range.end..end];
        let clause = clause.find(['.', ';', ',', ':']).map_or(clause, |i| &clause[..i]);
        let sooner = clause
            .split_whitespace()
            .any(|w| ["sooner", "earlier", "faster", "quicker"].iter().any(|s| w.eq_ignore_ascii_case(s)));
        if !sooner {
            return;
        }
    }
    // "thought to" is hindsight only after "nobody", "never" or "no one": the word before,
    // on bytes, before the sentence is read.
    if trigger == "thought to" {
        let before = ctx.doc.masked[hit.block.start..hit.range.start].trim_end();
        let word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        if !["nobody", "never", "one", "noone"].iter().any(|w| word.eq_ignore_ascii_case(w)) {
            return;
        }
    }
    let sentence = ctx.sentence(hit);
    let Some(t_index) = sentence.token_at(hit.range.start) else {
        return;
    };
    if kind == Kind::IfOnly {
        if_only(ctx, &sentence, t_index, out);
        return;
    }
    if kind == Kind::Conditional {
        conditional(ctx, &sentence, t_index, trigger, out);
        return;
    }
    // "Shouldn't we have caught this?", "Should the reviewer not have asked?": the modal
    // before its subject, in a question that says what ought to have happened.
    let opens_sentence = sentence.tokens[..t_index].iter().all(|t| !t.is_word());
    if matches!(trigger, "should" | "could" | "shouldn't" | "couldn't")
        && opens_sentence
        && sentence.tokens.last().is_some_and(|t| t.text == "?")
    {
        inverted_question(ctx, &sentence, t_index, trigger, out);
        return;
    }
    if matches!(trigger, "shouldn't" | "couldn't") {
        return;
    }
    // "Nobody thought to check", "no one thought to ask": only a denied thought is hindsight
    // ("it is thought to be a race" is not).
    if trigger == "thought to" {
        let before = t_index.checked_sub(1).map(|i| sentence.tokens[i].lower());
        let denied = match before.as_deref() {
            Some("nobody" | "never" | "noone") => true,
            Some("one") => t_index >= 2 && sentence.tokens[t_index - 2].lower() == "no",
            _ => false,
        };
        if !denied {
            return;
        }
    }
    let last = sentence.tokens.iter().rposition(|t| t.start < hit.range.end).unwrap_or(t_index);
    let v_index = match trigger {
        // A bare modal: hindsight only in a perfect ("should probably have checked").
        "should" | "could" | "ought to" => {
            let Some(v) = perfect_after(&sentence.tokens, last) else { return };
            v
        }
        _ => {
            // "…; they should have.": the verb left out, said by the clause before.
            let elided = sentence.tokens.get(last + 1).is_none_or(|t| matches!(t.text, "." | "!" | ";"));
            if elided && matches!(kind, Kind::Should | Kind::Could) && trigger.ends_with("have") {
                elided_hindsight(ctx, &sentence, t_index, last, out);
                return;
            }
            let Some(mut v) = sentence.tokens.iter().position(|t| t.start >= hit.range.end && t.is_word()) else {
                return;
            };
            // "could have at least called", "should have easily seen".
            if matches!(kind, Kind::Should | Kind::ShouldNot | Kind::Could) {
                while v + 1 < sentence.tokens.len() && is_group_adverb(&sentence.tokens[v]) && v < last + 5 {
                    v += 1;
                }
            }
            v
        }
    };
    // "Had we run a load test we could have caught it": the conditional's finding says it.
    let inverted = sentence.tokens.iter().take_while(|t| t.start < hit.range.start).any(|t| {
        t.lower() == "had" && sentence.tokens.iter().find(|f| f.is_word()).is_some_and(|f| f.start == t.start)
    });
    if inverted {
        return;
    }
    let verb = sentence.tokens[v_index];
    let verb_lower = verb.lower();
    let who = ctx.who();
    // "was supposed to renew": an obligation of a person, missed; "the job was supposed to
    // run" is a system's.
    if kind == Kind::Supposed {
        supposed(&sentence, t_index, v_index, &who, trigger, out);
        return;
    }
    // "we should have had a test for it": hindsight about the team's safeguards;
    // "Dana should have had the page" is about what reached her.
    let team_had =
        verb_lower == "had" && t_index > 0 && matches!(sentence.tokens[t_index - 1].lower().as_str(), "we" | "team");
    let next_word = sentence.word_after(v_index + 1).map(|i| sentence.tokens[i].lower());
    if not_agentive(&verb_lower, next_word.as_deref()) && !team_had {
        return;
    }
    // "we should have a talk", "should have alerting": "have" is the main verb, a
    // recommendation, not hindsight. Hindsight takes a past participle.
    // "should have read access": an adjective before a noun of permission, not a verb.
    let next_after_verb = sentence.word_after(v_index + 1).map(|i| sentence.tokens[i].lower());
    let permission = next_after_verb
        .as_deref()
        .is_some_and(|n| matches!(n, "access" | "permission" | "permissions" | "rights" | "privileges"));
    // Writers of English as a second language put the base form after "have" ("should have
    // use the dry run"): a known verb followed by its object counts too.
    let base_with_object = verbs::lookup(&verb_lower).is_some_and(|f| f.base == verb_lower.as_str())
        && next_after_verb.as_deref().is_some_and(|n| {
            matches!(n, "the" | "a" | "an" | "this" | "that" | "it" | "our" | "their" | "his" | "her" | "them")
        });
    // "the dev should've ran the tests": the simple past where the participle belongs.
    let past_for_participle = verbs::lookup(&verb_lower).is_some_and(|f| f.past == verb_lower.as_str());
    if permission
        || matches!(kind, Kind::Should | Kind::ShouldNot | Kind::Could)
            && !(looks_like_participle(&verb_lower) || base_with_object || past_for_participle)
    {
        return;
    }
    match kind {
        // "could have seen": what customers might have met, or what someone missed (see
        // below, once the subject is known).
        Kind::Could if COULD_OUTCOMES.contains(&verb_lower.as_str()) && !is_perception(&verb_lower) => return,
        // "should have been reverted" is passive: no one is named as the actor.
        Kind::Should | Kind::ShouldNot | Kind::Could if verb_lower == "been" => {
            let next = sentence.word_after(v_index + 1).map(|i| sentence.tokens[i].lower());
            if next.as_deref().is_some_and(|n| verbs::is_participle(n) || n.ends_with("ed")) {
                return;
            }
        }
        _ => {}
    }
    let Some(subject) = grammar::subject_before(&sentence.tokens, t_index, Some(&verb_lower), &who) else {
        // Notes and list items leave the subject out: "- Should have paged the DBA",
        // "Could have rolled back at 14:10", under "In hindsight, the on-call:". Only with
        // something people do, so "Should have fired at 80%" stays an expectation.
        // "`results-mismatch` should have paged": code before the modal, blanked from the
        // prose, is its subject, a thing.
        let line_start = ctx.doc.text[..hit.range.start].rfind('\n').map_or(0, |i| i + 1);
        let code_before = ctx.doc.text[line_start..hit.range.start].contains('`');
        if opens_sentence
            && !code_before
            && kind != Kind::Failed
            && verb_lower != "been"
            && (is_response(&verb_lower) || lead_in_names_people(ctx, hit))
        {
            out.add(hit.range.start..verb.end, HINDSIGHT_MESSAGE);
        }
        return;
    };
    let Some((_, person)) = subject.person.clone() else {
        return;
    };
    if kind == Kind::Could {
        // "we could have noticed it much later": a worse world imagined, not hindsight.
        let rest = sentence.tokens[v_index + 1..].iter().take(8).map(|t| t.lower());
        if rest.into_iter().any(|w| matches!(w.as_str(), "later" | "worse" | "longer" | "more")) {
            return;
        }
        // "Nobody thought a person could have read it all": the possibility denied.
        let denied = sentence.tokens[..t_index].iter().any(|t| {
            let l = t.lower();
            matches!(l.as_str(), "nobody" | "no" | "not" | "never" | "none") || l.ends_with("n't")
        });
        if denied {
            return;
        }
        // "so they could have tested" is a purpose, not hindsight; "they could have" is
        // too vague to be about someone.
        let before = t_index.checked_sub(1).map(|i| sentence.tokens[i].lower());
        let who = ctx.doc.text[person.clone()].to_lowercase();
        let weak = ["they", "users", "user", "customers", "customer", "people"].iter().any(|w| who.ends_with(w))
            || (is_perception(&verb_lower)
                && !matches!(
                    subject.person,
                    Some((lexicon::PersonKind::Role, _)) | Some((lexicon::PersonKind::Name, _))
                ));
        if weak || matches!(before.as_deref(), Some("so" | "that")) || subject_follows_so(&sentence, &subject) {
            return;
        }
    }

    // "Customers who failed to check out received a voucher": the people the service
    // failed, not a person who failed it.
    if kind == Kind::Failed {
        let who = ctx.doc.text[person.clone()].to_lowercase();
        let served =
            ["users", "user", "customers", "customer", "clients", "players", "riders", "patients", "passengers"]
                .iter()
                .any(|w| who.ends_with(w));
        if served {
            return;
        }
    }
    let start = if subject.elided { hit.range.start } else { person.start.min(hit.range.start) };
    let range = start..verb.end;
    let message = match kind {
        Kind::Failed => "Frames a person as failing: say what happened, and ask what made it hard at the time.",
        _ => HINDSIGHT_MESSAGE,
    };
    let d = out.add(range, message);

    // Fix 1: what happened.
    let forms = verbs::lookup(&verb_lower);
    let happened = match (kind, forms) {
        (Kind::ShouldNot, Some(f)) => Some(f.past.clone()),
        (Kind::ShouldNot, None) => None,
        (_, _) if verb_lower == "been" => None,
        (_, Some(f)) => Some(format!("did not {}", f.base)),
        (Kind::Should | Kind::Could, None) if verb_lower.ends_with("ed") || verb_lower.ends_with("en") => {
            Some(format!("had not {verb_lower}"))
        }
        _ => None,
    };
    // "Dana should have checked" → "Dana did not check" names a person omitting a duty,
    // which blame-named-person flags: only the question is offered then.
    let names_someone = kind != Kind::ShouldNot && subject.person.as_ref().is_some_and(|(kind, _)| kind.is_named());
    let happened = happened.filter(|_| {
        !(names_someone && lexicon::is_duty(&forms.map_or(verb_lower.as_str().to_string(), |f| f.base.clone())))
    });
    if let Some(new) = happened {
        let span = hit.range.start..verb.end;
        let original = &ctx.doc.text[span.clone()];
        if let Some(fix) =
            reframe::rewrite(ctx.doc, "Rewrite as what happened", span, reframe::match_case(original, &new))
        {
            d.fixes.push(fix);
        }
    }
    // Fix 2: the question that leads somewhere.
    if let (Some(f), true) = (forms, verb_lower != "been" && kind != Kind::ShouldNot) {
        if let Some(fix) = question_fix(ctx, &sentence, &subject, verb.end, &f.base) {
            d.fixes.push(fix);
        }
    }
}

/// Things people do in a response, beyond the checks and duties of [`lexicon`]: what an
/// elided subject ("Should have paged the DBA") must be doing to be a person.
const RESPONSE_ACTIONS: &[&str] = &[
    "paged",
    "rolled",
    "reverted",
    "escalated",
    "waited",
    "staged",
    "pinned",
    "stopped",
    "paused",
    "declared",
    "involved",
    "pulled",
    "asked",
    "told",
    "merged",
    "deployed",
    "shipped",
    "pushed",
    "scheduled",
    "planned",
    "tested",
    "load-tested",
    "caught",
    "spotted",
    "noticed",
];

/// Whether the list holding `hit` is introduced by a line about people ending in a colon:
/// "In hindsight, the reporting team:" above "- should have split the query".
fn lead_in_names_people(ctx: &Context<'_>, hit: &PhraseHit) -> bool {
    let text = &ctx.doc.masked[..hit.block.start];
    // Back over the list's earlier items to the line that introduces it.
    let mut lines = text.lines().rev().map(str::trim).filter(|l| !l.is_empty());
    let Some(lead) = lines.find(|l| !(l.starts_with(['-', '*', '+']) || l.starts_with(|c: char| c.is_ascii_digit())))
    else {
        return false;
    };
    if !lead.ends_with(':') || lead.len() > 200 {
        return false;
    }
    // Roles, pronouns and handles; a name in the lead-in ("What Dana should have done:")
    // is a finding of its own.
    lead.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '@')).any(|w| {
        let l = w.to_lowercase();
        lexicon::is_role(&l) || lexicon::pronoun(&l).is_some() || w.starts_with('@')
    })
}

/// Whether `verb` (a participle) is something people do: a check, a duty or a response.
fn is_response(verb: &str) -> bool {
    RESPONSE_ACTIONS.contains(&verb)
        || lexicon::is_human_verb(verb)
        || lexicon::is_duty(verbs::lookup(verb).map_or(verb, |f| f.base.as_str()))
}

/// Whether the subject's clause is introduced by "so" ("so we could have…").
fn subject_follows_so(sentence: &Sentence<'_>, subject: &Subject) -> bool {
    let i = sentence.tokens.iter().position(|t| t.start == subject.range.start).unwrap_or(0);
    i > 0 && matches!(sentence.tokens[i - 1].lower().as_str(), "so" | "that")
}

/// Past participles: known ones, and regular or irregular-looking ones we do not know.
fn looks_like_participle(word: &str) -> bool {
    if verbs::is_participle(word) {
        return true;
    }
    if verbs::lookup(word).is_some() {
        return false;
    }
    word.len() > 3 && (word.ends_with("ed") || word.ends_with("en") || word.ends_with("wn"))
}

/// "Dana should have noticed the alert." → "What made it hard to notice the alert?"
fn question_fix(
    ctx: &Context<'_>,
    sentence: &Sentence<'_>,
    subject: &Subject,
    verb_end: usize,
    base: &str,
) -> Option<crate::diagnostic::Fix> {
    let first_word = sentence.tokens.iter().find(|t| t.is_word())?;
    if first_word.start != subject.range.start {
        return None;
    }
    let text = ctx.doc.text;
    let end = sentence.range.end;
    let object = text[verb_end..end].trim().trim_end_matches(['.', '!', '?', ';', ':']).trim();
    let question = if object.is_empty() {
        format!("What made it hard to {base}?")
    } else {
        format!("What made it hard to {base} {object}?")
    };
    reframe::rewrite(ctx.doc, "Ask what made it hard instead", sentence.range.clone(), question)
}

/// "Dana was supposed to renew the certificate": a person's duty, not done.
fn supposed(
    sentence: &Sentence<'_>,
    t_index: usize,
    v_index: usize,
    who: &grammar::Who<'_>,
    trigger: &str,
    out: &mut Report<'_>,
) {
    let tokens = &sentence.tokens;
    // The copula before: "was supposed to", "were meant to"; or its own: "was to have".
    let own_copula = trigger.starts_with("was ") || trigger.starts_with("were ");
    let copula_before = || t_index.checked_sub(1).filter(|&i| matches!(tokens[i].lower().as_str(), "was" | "were"));
    let Some(be) = (if own_copula { Some(t_index) } else { copula_before() }) else {
        return;
    };
    // "was supposed to have renewed": the perfect of the duty.
    let v_index = match tokens.get(v_index + 1) {
        Some(next) if tokens[v_index].lower() == "have" && looks_like_participle(&next.lower()) => v_index + 1,
        _ => v_index,
    };
    let verb = tokens[v_index].lower();
    let next = tokens.get(v_index + 1).filter(|t| t.is_word()).map(|t| t.lower());
    if not_agentive(&verb, next.as_deref()) || matches!(verb.as_str(), "be" | "have") {
        return;
    }
    // "was responsible for confirming the freeze and did not": a duty, with its omission said.
    if trigger == "responsible for" {
        let rest = &tokens[v_index..];
        let omitted = rest.windows(2).any(|w| w[0].lower() == "did" && w[1].lower() == "not")
            || rest.iter().any(|t| matches!(t.lower().as_str(), "didn't" | "didn\u{2019}t"));
        if !(verb.ends_with("ing") && omitted) {
            return;
        }
    }
    let Some(subject) = grammar::subject_before(tokens, be, Some(&verb), who) else { return };
    let Some((_, person)) = subject.person else { return };
    // "Users were expected to retry": what a design assumed of the people it serves.
    if trigger == "expected to"
        && tokens.iter().any(|t| {
            t.start >= subject.range.start
                && t.end <= subject.range.end
                && matches!(t.lower().as_str(), "user" | "users" | "customer" | "customers" | "client" | "clients")
        })
    {
        return;
    }
    let start = if subject.elided { tokens[be].start } else { person.start };
    out.add(start..tokens[v_index].end, HINDSIGHT_MESSAGE);
}

/// "If Dana had checked the lag, this would not have happened", "Had we run a load test,
/// we would have caught it": hindsight in a conditional about a person.
fn conditional(ctx: &Context<'_>, sentence: &Sentence<'_>, t_index: usize, trigger: &str, out: &mut Report<'_>) {
    let tokens = &sentence.tokens;
    let who = ctx.who();
    if trigger.starts_with("had ") {
        // Inverted: only at the start of the sentence or a clause.
        let starts = t_index == 0 || matches!(tokens[t_index - 1].text, "," | ";" | ":" | "(" | "\u{2014}");
        if starts {
            inverted_conditional(tokens, t_index, &who, out);
        }
        return;
    }
    // "would (not) have …" after "if X had <participle>" earlier in the sentence, or before
    // it: "we would have caught it if we had run the load test".
    let if_at = match tokens[..t_index].iter().rposition(|t| t.lower() == "if") {
        Some(i) => i,
        None => match tokens.iter().skip(t_index + 2).position(|t| t.text.eq_ignore_ascii_case("if")) {
            Some(k) => t_index + 2 + k,
            None => {
                // "Had Oluwatobi checked the lag, we would have caught it": an inverted
                // conditional led by a name, which no "had …" trigger phrase covers.
                let first = tokens.iter().position(|t| t.is_word());
                let named = first.filter(|&h| {
                    h + 1 < t_index
                        && tokens[h].lower() == "had"
                        && tokens[h + 1].is_capitalised()
                        && tokens[h + 1].text != "I"
                        && tokens[h + 1..t_index].iter().any(|t| t.text == ",")
                });
                match named {
                    Some(had) => inverted_conditional(tokens, had, &who, out),
                    None => hindsight_would(ctx, tokens, t_index, out),
                }
                return;
            }
        },
    };
    let limit = if if_at < t_index { t_index } else { tokens.len() };
    if_clause(ctx, tokens, if_at, limit, t_index, out);
}

/// "Had we run a load test, …", "Had the DBA checked the lag, …": a person's action
/// imagined in a conditional inverted at token `had`; flagged from "had" to the participle.
fn inverted_conditional(tokens: &[Token<'_>], had: usize, who: &grammar::Who<'_>, out: &mut Report<'_>) {
    let probe_end = (had + 6).min(tokens.len());
    let Some(v) = (had + 2..probe_end).find(|&i| {
        let l = tokens[i].lower();
        tokens[i].is_word() && (l.ends_with("ed") || crate::verbs::is_participle(&l)) && !lexicon::is_role(&l)
    }) else {
        return;
    };
    let verb = tokens[v].lower();
    if NOT_AGENTIVE.contains(&verb.as_str()) || verb == "been" {
        return;
    }
    // The subject between "had" and the verb: "Had *we* performed", "Had *the DBA* run".
    // "Had" stays before it, so a name there is not read as a sentence's first word
    // ("Had *Oluwatobi* checked").
    let probe: Vec<Token<'_>> = tokens[had..v].to_vec();
    let Some(subject) = grammar::subject_before(&probe_with_verb(&probe, tokens[v]), probe.len(), Some(&verb), who)
    else {
        return;
    };
    if subject.person.is_none() {
        return;
    }
    out.add(tokens[had].start..tokens[v].end, HINDSIGHT_MESSAGE);
}

/// "if Dana had checked the lag", "if we'd tested": a person's action imagined in an if
/// clause starting at token `if_at`; flagged from "if" to the participle.
fn if_clause(
    ctx: &Context<'_>,
    tokens: &[Token<'_>],
    if_at: usize,
    limit: usize,
    would_at: usize,
    out: &mut Report<'_>,
) {
    let who = ctx.who();
    let t_index = limit;
    // "if we had tested", or contracted: "if we'd tested".
    let contracted = |i: usize| {
        let l = tokens[i].lower();
        (l.ends_with("'d") || l.ends_with("\u{2019}d")) && l.len() > 2
    };
    let Some(had) = (if_at + 1..t_index.min(if_at + 8))
        .find(|&i| (i >= if_at + 2 && matches!(tokens[i].lower().as_str(), "had" | "'d")) || contracted(i))
    else {
        return;
    };
    // "if the night team had *only* escalated", "if we had *just* checked".
    let mut at = had + 1;
    while at < had + 3
        && tokens.get(at).is_some_and(|t| {
            let l = t.lower();
            l == "only" || l == "even" || (is_group_adverb(t) && !matches!(l.as_str(), "not" | "never" | "have"))
        })
    {
        at += 1;
    }
    let Some(v) = tokens.get(at).filter(|t| t.is_word()) else { return };
    let verb = v.lower();
    // "If the runbook had been followed", "if the change had been tested": a duty of
    // people, in the passive, whatever its subject.
    if verb == "been" {
        if let Some(duty) = tokens.get(had + 2).filter(|t| PASSIVE_DUTIES.contains(&t.lower().as_str())) {
            out.add(tokens[if_at].start..duty.end, HINDSIGHT_MESSAGE);
            return;
        }
    }
    if !(verb.ends_with("ed") || crate::verbs::is_participle(&verb)) || NOT_AGENTIVE.contains(&verb.as_str()) {
        return;
    }
    // "any of us would have made the same call if we had been on call": a state, said
    // after the outcome, excuses rather than judges.
    if if_at > would_at && verb == "been" {
        return;
    }
    let probe: Vec<Token<'_>> = if contracted(had) {
        // The subject is the contraction's own word: "we" of "we'd".
        let t = tokens[had];
        let cut = t.text.rfind(['\'', '\u{2019}']).unwrap_or(t.text.len());
        vec![Token { text: &t.text[..cut], start: t.start, end: t.start + cut }]
    } else {
        tokens[if_at + 1..had].to_vec()
    };
    let Some(subject) = grammar::subject_before(&probe_with_verb(&probe, *v), probe.len(), Some(&verb), &who) else {
        return;
    };
    if subject.person.is_none() {
        return;
    }
    out.add(tokens[if_at].start..v.end, HINDSIGHT_MESSAGE);
}

/// "Shouldn't we have caught this in review?", "Should the reviewer not have asked for a
/// test?": a question whose modal comes before its subject, negated, so it says what the
/// people ought to have done. A plain "Should we have rolled back sooner?" asks, and is
/// left alone.
fn inverted_question(ctx: &Context<'_>, sentence: &Sentence<'_>, t_index: usize, trigger: &str, out: &mut Report<'_>) {
    let tokens = &sentence.tokens;
    if tokens.last().is_none_or(|t| t.text != "?") {
        return;
    }
    let Some(have) = (t_index + 2..tokens.len().min(t_index + 9)).find(|&i| tokens[i].lower() == "have") else {
        return;
    };
    let Some(v) = tokens.get(have + 1).filter(|t| t.is_word()) else { return };
    let verb = v.lower();
    if !looks_like_participle(&verb) || NOT_AGENTIVE.contains(&verb.as_str()) || verb == "been" {
        return;
    }
    let negated_modal = trigger.ends_with("n't");
    let (subject_end, negated) = match tokens[have - 1].lower().as_str() {
        "not" => (have - 1, true),
        _ => (have, negated_modal),
    };
    if !negated || subject_end <= t_index + 1 {
        return;
    }
    let probe: Vec<Token<'_>> = tokens[t_index + 1..subject_end].to_vec();
    if probe.iter().any(|t| !t.is_word()) {
        return;
    }
    let Some(subject) = grammar::subject_before(&probe_with_verb(&probe, *v), probe.len(), Some(&verb), &ctx.who())
    else {
        return;
    };
    if subject.person.is_none() {
        return;
    }
    out.add(tokens[t_index].start..v.end, HINDSIGHT_MESSAGE);
}

/// "It would have been better for the on-call to page the DBA": the wiser course, said
/// afterwards, of a person. Whether it was found (and reported).
fn better_for(ctx: &Context<'_>, tokens: &[Token<'_>], t_index: usize, out: &mut Report<'_>) -> bool {
    let words: Vec<usize> = (t_index..tokens.len().min(t_index + 8)).filter(|&i| tokens[i].is_word()).collect();
    let word = |k: usize| words.get(k).map(|&i| tokens[i].lower());
    let been = (1..3).find(|&k| word(k).as_deref() == Some("been"));
    let Some(b) = been else { return false };
    let wiser = word(b + 1).is_some_and(|w| {
        matches!(w.as_str(), "better" | "wiser" | "safer" | "smarter" | "preferable" | "prudent" | "sensible")
            // "It would have been trivial for the on-call to roll back": how easy it was, said
            // afterwards.
            || matches!(w.as_str(), "trivial" | "easy" | "simple" | "straightforward")
    });
    if !wiser || word(b + 2).as_deref() != Some("for") {
        return false;
    }
    // The person between "for" and "to".
    let Some(to) = (words[b + 2] + 1..tokens.len().min(words[b + 2] + 6)).find(|&i| tokens[i].lower() == "to") else {
        return false;
    };
    let Some(v) = tokens.get(to + 1).filter(|t| t.is_word()) else { return false };
    let probe: Vec<Token<'_>> = tokens[words[b + 2] + 1..to].to_vec();
    if probe.is_empty() || probe.iter().any(|t| !t.is_word()) {
        return false;
    }
    let verb = v.lower();
    let Some(subject) = grammar::subject_before(&probe_with_verb(&probe, *v), probe.len(), Some(&verb), &ctx.who())
    else {
        return false;
    };
    if subject.person.is_none() {
        return false;
    }
    out.add(tokens[t_index].start..v.end, HINDSIGHT_MESSAGE);
    true
}

/// "The right call would have been to fail over", "the obvious thing to do would have been
/// to page the vendor": the course the people did not take, named afterwards.
fn wiser_course(tokens: &[Token<'_>], t_index: usize, out: &mut Report<'_>) -> bool {
    const WISE: &[&str] =
        &["right", "correct", "obvious", "better", "best", "sensible", "safe", "safer", "smart", "proper"];
    const COURSES: &[&str] =
        &["call", "move", "thing", "decision", "choice", "option", "step", "course", "approach", "response", "play"];
    let words: Vec<usize> = (t_index..tokens.len().min(t_index + 6)).filter(|&i| tokens[i].is_word()).collect();
    let word = |k: usize| words.get(k).map(|&i| tokens[i].lower());
    let shape =
        word(1).as_deref() == Some("have") && word(2).as_deref() == Some("been") && word(3).as_deref() == Some("to");
    let Some(verb) = words.get(4).filter(|_| shape) else { return false };
    // The subject: from the clause's start to "would".
    let start = tokens[..t_index].iter().rposition(|t| !t.is_word()).map_or(0, |i| i + 1);
    let subject = &tokens[start..t_index];
    let has = |set: &[&str]| subject.iter().any(|t| set.contains(&t.lower().as_str()));
    if subject.is_empty() || !has(WISE) || !has(COURSES) {
        return false;
    }
    out.add(subject[0].start..tokens[*verb].end, HINDSIGHT_MESSAGE);
    true
}

/// Words that mark a sentence as hindsight: "*Ideally*, someone would have double-checked
/// the hostname", "*In retrospect* we would have paged sooner".
const HINDSIGHT: &[&str] = &["ideally", "ideal", "hindsight", "retrospect", "retrospectively", "looking"];

/// "Ideally, someone would have double-checked the hostname": "would have" with no "if",
/// in a sentence marked as hindsight, about a person.
fn hindsight_would(ctx: &Context<'_>, tokens: &[Token<'_>], t_index: usize, out: &mut Report<'_>) {
    let been_follows = tokens.get(t_index + 1..t_index + 4).is_some_and(|w| w.iter().any(|t| t.text == "been"));
    if been_follows && (better_for(ctx, tokens, t_index, out) || wiser_course(tokens, t_index, out)) {
        return;
    }
    // "With a bit more care, the on-call would have …": more of a person's virtue.
    let more_virtue = tokens[..t_index].windows(2).any(|w| {
        w[0].lower() == "more"
            && matches!(w[1].lower().as_str(), "care" | "attention" | "diligence" | "caution" | "rigour")
    });
    let hindsight = more_virtue || tokens[..t_index].iter().any(|t| HINDSIGHT.contains(&t.lower().as_str()));
    let better = |t: &Token<'_>| BETTER_PERSON.contains(&t.lower().as_str());
    if !hindsight && !tokens[..t_index].iter().any(better) {
        return;
    }
    let Some(mut v) = (t_index + 1..tokens.len()).find(|&i| tokens[i].is_word() && tokens[i].lower() != "have") else {
        return;
    };
    while v + 1 < tokens.len() && is_group_adverb(&tokens[v]) && v < t_index + 5 {
        v += 1;
    }
    let verb = tokens[v].lower();
    if verb == "been" || NOT_AGENTIVE.contains(&verb.as_str()) || !looks_like_participle(&verb) {
        return;
    }
    let Some(subject) = grammar::subject_before(tokens, t_index, Some(&verb), &ctx.who()) else { return };
    if subject.person.is_none() {
        return;
    }
    // "With better monitoring, the on-call would have seen it": the better thing is not
    // the person. The clause before "would" is read whole: "experienced" ends a noun
    // phrase's reading as a past verb would.
    let clause_start = tokens[..t_index].iter().rposition(|t| !t.is_word()).map_or(0, |i| i + 1);
    let pictured = || tokens[clause_start..t_index].iter().any(better);
    if !hindsight && !pictured() {
        return;
    }
    let start = if subject.elided { tokens[t_index].start } else { subject.range.start.min(tokens[t_index].start) };
    out.add(start..tokens[v].end, HINDSIGHT_MESSAGE);
}

/// "Nobody stopped the rollout, though the on-call should have.": a modal perfect with its verb
/// left out, about a person.
fn elided_hindsight(ctx: &Context<'_>, sentence: &Sentence<'_>, t_index: usize, last: usize, out: &mut Report<'_>) {
    let tokens = &sentence.tokens;
    let Some(subject) = grammar::subject_before(tokens, t_index, None, &ctx.who()) else { return };
    if subject.person.is_none() {
        return;
    }
    let start = if subject.elided { tokens[t_index].start } else { subject.range.start };
    out.add(start..tokens[last].end, HINDSIGHT_MESSAGE);
}

/// What people do and a conditional may say was not done, in the passive: "if the runbook
/// had been *followed*".
const PASSIVE_DUTIES: &[&str] = &[
    "followed",
    "checked",
    "tested",
    "reviewed",
    "read",
    "noticed",
    "escalated",
    "verified",
    "double-checked",
    "heeded",
    "renewed",
    "rotated",
    "updated",
    "patched",
    "monitored",
    "communicated",
    "documented",
];

/// Words that picture a better person in the subject of "would have": "a *more careful*
/// engineer would have checked", "any *experienced* DBA would have known".
const BETTER_PERSON: &[&str] =
    &["careful", "experienced", "competent", "attentive", "diligent", "seasoned", "senior", "sharper", "better"];

/// `probe` with `verb` after it, for finding the subject of a clause cut out of a sentence.
fn probe_with_verb<'a>(probe: &[Token<'a>], verb: Token<'a>) -> Vec<Token<'a>> {
    let mut out = probe.to_vec();
    out.push(verb);
    out
}

/// "if only the DBA had checked" — the subject comes after "if only".
fn if_only(ctx: &Context<'_>, sentence: &Sentence<'_>, t_index: usize, out: &mut Report<'_>) {
    let tokens = &sentence.tokens;
    let start = t_index + 2;
    let Some(had) = (start..tokens.len().min(start + 8))
        .find(|&i| matches!(tokens[i].lower().as_str(), "had" | "would" | "could" | "did" | "were" | "was"))
    else {
        return;
    };
    if had == start {
        return;
    }
    let verb = tokens.get(had + 1).filter(|t| t.is_word()).map(|t| t.lower());
    // "If only the certificate had been renewed": a duty of people, in the passive.
    if verb.as_deref() == Some("been") {
        if let Some(duty) = tokens.get(had + 2).filter(|t| PASSIVE_DUTIES.contains(&t.lower().as_str())) {
            out.add(tokens[t_index].start..duty.end, HINDSIGHT_MESSAGE);
            return;
        }
    }
    // Classify the phrase between "if only" and "had" as if it were a subject.
    let probe: Vec<_> = tokens[start..=had].to_vec();
    let Some(subject) = grammar::subject_before(&probe, probe.len() - 1, verb.as_deref(), &ctx.who()) else {
        return;
    };
    // "If only the checkout squad had done …": hindsight is about people, so a group
    // ("squad", "desk", "vendor") is one here whatever the verb.
    let group = probe.len() >= 2 && lexicon::is_group(&probe[probe.len() - 2].lower());
    if subject.person.is_none() && !group {
        return;
    }
    let end = tokens.get(had + 1).map_or(tokens[had].end, |t| t.end);
    out.add(tokens[t_index].start..end, HINDSIGHT_MESSAGE);
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{first_fix_applicability, fixed, flagged};
    use crate::Applicability;

    const ID: &str = "blame-counterfactual";

    #[test]
    fn a_conditional_whose_main_clause_says_what_would_still_be() {
        let text = "If the on-call engineer had checked the purge timer before handing over, the checkpoints would \
                    still exist.";
        assert_eq!(flagged(ID, text).len(), 1);
        for fine in [
            "The old cluster would still be running today without the migration.",
            "We would still need the fallback if the vendor had failed again.",
            "If the disk had been larger, the job would still have finished.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn flags_people_in_many_shapes() {
        // A team named for its work.
        assert_eq!(flagged(ID, "Exam-ops should have blocked the batch jobs."), ["Exam-ops should have blocked"]);
        assert_eq!(flagged(ID, "Dana should have noticed the alert."), ["Dana should have noticed"]);
        // An office holder; a numbered report's section number is no part of the sentence.
        assert_eq!(flagged(ID, "The cashier should have counted the float.").len(), 1);
        assert_eq!(flagged(ID, "5.3 Had the board read the change record, this would not have happened.").len(), 1);
        // A participle after an article describes the subject; it opens no clause.
        assert_eq!(
            flagged(ID, "We note that an experienced engineer should have checked the index."),
            ["engineer should have checked"]
        );
        assert_eq!(
            flagged(ID, "The control room ought to have phoned the technician."),
            ["The control room ought to have phoned"]
        );
        assert_eq!(flagged(ID, "The engineer should had tested it."), ["The engineer should had tested"]);
        assert_eq!(flagged(ID, "The on-call failed to escalate."), ["The on-call failed to escalate"]);
        assert_eq!(flagged(ID, "If only the DBA had checked the lag."), ["If only the DBA had checked"]);
        assert_eq!(
            flagged(ID, "If only the checkout squad had done the test."),
            ["If only the checkout squad had done"]
        );
        assert_eq!(
            flagged(ID, "When the disk filled, the SRE team should've paged storage."),
            ["the SRE team should've paged"]
        );
        assert_eq!(flagged(ID, "He shouldn't have restarted the primary."), ["He shouldn't have restarted"]);
        assert_eq!(flagged(ID, "Dana restarted the pod and should have checked the logs."), ["should have checked"]);
        assert_eq!(flagged(ID, "Dana **should have** noticed\n  the alert."), ["Dana **should have** noticed"]);
        assert_eq!(flagged(ID, "We could have prevented this."), ["We could have prevented"]);
        assert_eq!(flagged(ID, "Someone should have been watching the dashboard."), ["Someone should have been"]);
        assert_eq!(flagged(ID, "We would have caught it if we had run the load test."), ["if we had run"]);
        assert_eq!(
            flagged(ID, "Had Oluwatobi checked the queue depth, we would have caught it."),
            ["Had Oluwatobi checked"]
        );
        assert_eq!(
            flagged(ID, "It would have been trivial for the on-call to roll back."),
            ["would have been trivial for the on-call to roll"]
        );
        assert_eq!(flagged(ID, "The SRE was obliged to page the database team."), ["The SRE was obliged to page"]);
        assert_eq!(
            flagged(ID, "With a bit more care, the on-call would have spotted it."),
            ["the on-call would have spotted"]
        );
        assert_eq!(
            flagged(ID, "We would have caught it if the change had been reviewed."),
            ["if the change had been reviewed"]
        );
        assert_eq!(
            flagged(ID, "The reviewer should, in hindsight, have asked for a second approver."),
            ["The reviewer should, in hindsight, have asked"]
        );
        assert_eq!(
            flagged(ID, "If the reviewer had opened the diff, we would not be here."),
            ["If the reviewer had opened"]
        );
        assert_eq!(
            flagged(ID, "Nobody stopped the rollout, though the on-call should have."),
            ["the on-call should have"]
        );
        assert_eq!(
            flagged(ID, "A more careful engineer would have checked the lag."),
            ["A more careful engineer would have checked"]
        );
        assert_eq!(flagged(ID, "The on-call needed to escalate much sooner."), ["The on-call needed to escalate"]);
        assert_eq!(
            flagged(ID, "The right call would have been to fail over at once."),
            ["The right call would have been to fail"]
        );
        assert_eq!(flagged(ID, "The on-call was to have checked the queue."), ["The on-call was to have checked"]);
        assert_eq!(
            flagged(ID, "In an ideal world, someone would have noticed the expiry."),
            ["someone would have noticed"]
        );
        assert_eq!(
            flagged(ID, "With hindsight, the team might have paused the rollout."),
            ["the team might have paused"]
        );
        assert_eq!(
            flagged(ID, "The engineer had every chance to stop the rollout."),
            ["The engineer had every chance to stop"]
        );
        assert_eq!(flagged(ID, "Anh was supposed to sign off the capacity plan."), ["Anh was supposed to sign"]);
        assert_eq!(
            flagged(ID, "Kemal was expected to review the change before the freeze."),
            ["Kemal was expected to review"]
        );
        assert_eq!(
            flagged(ID, "The DBA on call that night should have looked at the lag first."),
            ["The DBA on call that night should have looked"]
        );
        assert_eq!(flagged(ID, "Management should have staffed the weekend rota."), ["Management should have staffed"]);
        assert_eq!(
            flagged(ID, "The DBA was supposed to have renewed the certificate."),
            ["The DBA was supposed to have renewed"]
        );
        assert_eq!(
            flagged(ID, "The release team had forgotten to update the list."),
            ["The release team had forgotten to update"]
        );
        assert_eq!(flagged(ID, "Nobody thought to check the disk."), ["Nobody thought to check"]);
        assert_eq!(flagged(ID, "The platform team should of tested this."), ["The platform team should of tested"]);
        assert_eq!(flagged(ID, "Shouldn't we have caught this in review?"), ["Shouldn't we have caught"]);
        assert_eq!(flagged(ID, "- Should have checked the lag before the deploy."), ["Should have checked"]);
        assert_eq!(
            flagged(ID, "Ideally, someone would have double-checked the host."),
            ["someone would have double-checked"]
        );
        assert_eq!(flagged(ID, "Our DBAs ought not to have run the vacuum."), ["Our DBAs ought not to have run"]);
        assert_eq!(flagged(ID, "the dev should've ran the tests first"), ["the dev should've ran"]);
        assert_eq!(
            flagged(ID, "It would have been better for the on-call to page the DBA."),
            ["would have been better for the on-call to page"]
        );
        assert_eq!(
            flagged(ID, "In hindsight, the reporting team:\n\n- should have split the query by month\n"),
            ["should have split"]
        );
        assert_eq!(
            flagged(
                ID,
                "The platform team, who had moved the alert to the new channel in August,\nshould have told us."
            ),
            ["The platform team, who had moved the alert to the new channel in August,\nshould have told"]
        );
    }

    #[test]
    fn departments_and_an_if_clause_with_only() {
        for (text, want) in [
            ("Our NOC ought to have escalated to the vendor long before 20:00.", "NOC ought to have escalated"),
            (
                "Release engineering needed to have rehearsed the rollback.",
                "Release engineering needed to have rehearsed",
            ),
            (
                "If the night team had only escalated the first call, results would have been back within the hour.",
                "If the night team had only escalated",
            ),
        ] {
            let got = flagged(ID, text);
            assert!(got.len() == 1 && got[0].contains(want), "{text}: {got:?}");
        }
        for fine in [
            "The NOC dashboard should have shown the alarm.",
            "Security should have been tightened on the bucket.",
            "If the cache had only warmed up, latency would have stayed low.",
            "Finance needed to have the figures by Friday.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn departments_in_capitals_and_recognising() {
        for hit in [
            "IT should have waited for the storm to pass before deploying.",
            "The Service Desk should have recognised the pattern after the second call.",
        ] {
            assert_eq!(flagged(ID, hit).len(), 1, "{hit}: {:?}", flagged(ID, hit));
        }
        for fine in ["It should have waited for the lock.", "The IT dashboard should have shown the queue."] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn leaves_systems_recommendations_and_impact_alone() {
        for fine in [
            "The alert should have fired within two minutes.",
            "The load balancer failed to drain connections.",
            "We should add a canary stage.",
            "Users failed to connect for twelve minutes.",
            "The replica was expected to catch up within a minute.",
            "Users were supposed to sign in with the new key.",
            "The cache might have expired before the retry.",
            "Had Kafka rebalanced faster, we would have recovered sooner.",
            "It would have been easy for the scheduler to retry the job.",
            "Vendors are obliged to notify us within 24 hours.",
            "With more attention on the dashboards, the alert would have fired.",
            "If the alert had been routed to the right channel, we would have seen it sooner.",
            "If the disk had been bigger, the job would have finished.",
            "Had the alert fired, we would have caught it.",
            "We needed to restart the pod, and it came back sooner than expected.",
            "The replica needed to catch up faster than it could.",
            "We needed to drain the node before the upgrade.",
            "Dana might have restarted the pod; the logs do not say.",
            "The right call at 09:10 was to fail over, and we did.",
            "The best option would have been a cluster in another region.",
            "The job had every chance to finish before the cut-off.",
            "With better monitoring, the on-call would have seen it sooner.",
            "A better alert would have paged the DBA.",
            "If the cache had been warm, the page would not be slow.",
            "Customers were expected to retry after a minute.",
            "We expected to see the lag drop by noon.",
            "The job that night should have finished by 02:00.",
            "The deploy should have been rolled back sooner.",
            "We could have lost data if the replica had failed.",
            "Kubernetes failed to schedule the pods.",
            "The `on-call` script failed to start.",
            "Dana's change should have been reviewed by the pipeline.",
            "If only the cache had been warm.",
            "The migration could have taken hours.",
            "We should have a talk with the platform team.",
            "Engineers should have read access to production logs.",
            "We should have this ready before launching.",
            "Docs should have been communicated, so they could have tested their scenarios.",
            "Discussion about whether shadowforking could have caught the bug.",
            "Should we have rolled back sooner? We discuss it below.",
            "Could we have detected this sooner?",
            "Shouldn't the alert have fired earlier?",
            "It is thought to be a race in the scheduler.",
            "He is thought to have left the company in May.",
            "The new alert would have fired if it had existed.",
            "Any of us would have made the same call if we had been on call.",
            "Should have been caught in review.",
            "Should have fired at 80% but the threshold was 95%.",
            "We should, as a next step, add a canary.",
            "We had Hiroshi on the bridge by 09:00.",
            "It would have been better to wait for the canary.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn rewrites_read_well() {
        assert_eq!(
            fixed(ID, "Dana should have noticed the alert.", 0).as_deref(),
            Some("Dana did not notice the alert.")
        );
        assert_eq!(
            fixed(ID, "Dana should have noticed the alert.", 1).as_deref(),
            Some("What made it hard to notice the alert?")
        );
        assert_eq!(fixed(ID, "The on-call failed to escalate.", 0).as_deref(), Some("The on-call did not escalate."));
        assert_eq!(fixed(ID, "The on-call failed to escalate.", 1).as_deref(), Some("What made it hard to escalate?"));
        assert_eq!(
            fixed(ID, "He shouldn't have restarted the primary.", 0).as_deref(),
            Some("He restarted the primary.")
        );
        assert_eq!(
            fixed(ID, "We should have caught this in review.", 0).as_deref(),
            Some("We did not catch this in review.")
        );
        assert_eq!(first_fix_applicability(ID, "Dana should have noticed the alert."), Some(Applicability::Unsafe));
    }

    #[test]
    fn no_rewrite_over_markup() {
        assert_eq!(fixed(ID, "Dana **should have** noticed the alert.", 0), None);
    }
}
