//! `blame-judgement`: judgement words about people or their work.

use std::ops::Range;

use crate::config::RuleLevel;
use crate::grammar;
use crate::lexicon::PersonKind;
use crate::rules::{reframe, Context, PhraseHit, Report, Rule, RuleDocs, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "blame-judgement",
        default_level: RuleLevel::Warning,
        summary: "Judgement words about people or their work (careless, sloppy, \"should have known\")",
        docs: RuleDocs {
            what: "Words that judge people or their work: careless, sloppy, negligent, lazy, reckless, incompetent, \
                   stupid, \"should have known\", and — when they are about what a person had to do — \"obviously\", \
                   \"simply\", \"just had to\". Technical terms are left alone: \"sloppy quorum\", \"lazy \
                   initialisation\", \"just-in-time\". Teams add their own words with `[words] blame`.",
            why: "A judgement word closes the question it should open. \"A careless change\" tells the reader the \
                  author's verdict, not what made the change look safe at the time; \"obviously\" and \"simply\" \
                  claim that what was hard was easy, which is hindsight. People who are judged in writing stop \
                  volunteering the details a debrief needs.",
            flagged: &[
                "It was a careless change to the load balancer.",
                "The rollout plan was sloppy.",
                "Dana should have known the flag was still on.",
                "The engineer just had to run the migration script.",
                "Tom obviously should have checked the replica first.",
            ],
            fine: &[
                "Cassandra uses a sloppy quorum for hinted handoff.",
                "We use lazy initialisation for the client pool.",
                "The cache is filled just-in-time.",
                "The fix is simply a one-line config change.",
                "We just had to wait for the rollout to finish.",
            ],
            reframe: "Drop the word and describe the work: what the change did, what the reviewer saw, what the \
                      tooling checked. Replace \"should have known\" with what was known at the time and how.",
            fix:
                "Drops an attributive judgement word (\"a careless change\" → \"a change\") or rewrites \"should have \
                  known\" as \"did not know\"; unsafe, because it changes meaning.",
        },
    },
    triggers: TRIGGERS,
    on_phrase,
    check,
};

/// When a word is a judgement.
#[derive(Clone, Copy, PartialEq, Eq)]
enum When {
    /// Always, unless followed by one of the technical words of its entry.
    Always,
    /// Only in a clause about a person other than "we"/"I" that says what they had to do,
    /// should have done or failed to do.
    AboutSomeoneElse,
    /// Only before a word for people or their work ("lazy engineer", "lazy fix"), or said
    /// of a person ("the engineer was lazy"): as a technical term it qualifies anything.
    AboutWork,
    /// Only after a negation: "was not *adequately* tested", "didn't adequately review".
    Negated,
    /// "All Hemi *had to do was* check": only with "all" before it.
    AllTheyHadToDo,
    /// Only when a person is its subject: "the lead *made the wrong call*" (not "the
    /// broker made the wrong decision").
    BySomeone,
    /// Only after a negation, in a clause about a person: "Dana did not *properly* test it"
    /// (not "the flag was not properly set").
    NegatedAboutSomeone,
}

/// Each judgement phrase, when it counts, the technical words that make it not a
/// judgement when they follow, and what a fix does.
struct Judgement {
    phrase: &'static str,
    when: When,
    technical: &'static [&'static str],
    fix: FixKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FixKind {
    /// Drop the word when it modifies something ("a careless change", "carelessly ran").
    Drop,
    /// Replace with this text.
    Replace(&'static str),
    /// No fix.
    None,
}

use FixKind::{Drop, Replace};
use When::{AboutSomeoneElse, AboutWork, AllTheyHadToDo, Always, BySomeone, Negated, NegatedAboutSomeone};

/// Nouns for people and their work, after which a qualifying word is a judgement.
const WORK_NOUNS: &[&str] = &[
    "approach",
    "engineer",
    "engineers",
    "developer",
    "developers",
    "fix",
    "fixes",
    "testing",
    "test",
    "tests",
    "work",
    "review",
    "reviews",
    "reviewer",
    "attitude",
    "mistake",
    "coding",
    "programming",
    "job",
    "effort",
    "person",
    "people",
    "team",
    "response",
    "investigation",
    "analysis",
    "documentation",
    "practice",
    "practices",
    "habit",
    "habits",
    "code",
    "change",
    "changes",
    "deploy",
    "deployment",
    "operator",
    "operators",
    "admin",
    "admins",
    "oncall",
    "on-call",
];

const NO_TECH: &[&str] = &[];

const JUDGEMENTS: &[Judgement] = &[
    Judgement { phrase: "careless", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "carelessly", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "carelessness", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "sloppy", when: Always, technical: &["quorum", "quorums"], fix: Drop },
    Judgement { phrase: "sloppily", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "sloppiness", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "negligent", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "negligently", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "negligence", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "lazy", when: AboutWork, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "laziness", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "reckless", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "recklessly", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "recklessness", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "incompetent", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "incompetence", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "stupid", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "stupidly", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "stupidity", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "idiotic", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "foolish", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "foolishly", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "irresponsible", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "irresponsibly", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "thoughtless", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "thoughtlessly", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "boneheaded", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "inexcusable", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "no excuse", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "rookie mistake", when: Always, technical: NO_TECH, fix: Replace("mistake") },
    Judgement { phrase: "silly mistake", when: Always, technical: NO_TECH, fix: Replace("mistake") },
    Judgement { phrase: "dumb mistake", when: Always, technical: NO_TECH, fix: Replace("mistake") },
    Judgement { phrase: "amateurish", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "lack of attention", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "lack of care", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "should have known", when: AboutSomeoneElse, technical: NO_TECH, fix: Replace("did not know") },
    Judgement { phrase: "should've known", when: AboutSomeoneElse, technical: NO_TECH, fix: Replace("did not know") },
    Judgement { phrase: "should have known better", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement {
        phrase: "ought to have known",
        when: AboutSomeoneElse,
        technical: NO_TECH,
        fix: Replace("did not know"),
    },
    Judgement { phrase: "obviously", when: AboutSomeoneElse, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "simply", when: AboutSomeoneElse, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "clearly", when: AboutSomeoneElse, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "just had to", when: AboutSomeoneElse, technical: NO_TECH, fix: Replace("had to") },
    Judgement { phrase: "only had to", when: AboutSomeoneElse, technical: NO_TECH, fix: Replace("had to") },
    Judgement { phrase: "all they had to do", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "all he had to do", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "all she had to do", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "all you had to do", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "clueless", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "inept", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "ineptitude", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "slapdash", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "shoddy", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "shoddily", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "half-assed", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "half-baked", when: AboutWork, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "unprofessional", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "unprofessionally", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "unforgivable", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "shameful", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "embarrassing mistake", when: Always, technical: NO_TECH, fix: Replace("mistake") },
    Judgement { phrase: "lazily", when: AboutSomeoneElse, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "complacent", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "complacency", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "blindly", when: AboutSomeoneElse, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "without thinking", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "big mistake", when: Always, technical: NO_TECH, fix: Replace("mistake") },
    Judgement { phrase: "huge mistake", when: Always, technical: NO_TECH, fix: Replace("mistake") },
    Judgement { phrase: "massive mistake", when: Always, technical: NO_TECH, fix: Replace("mistake") },
    Judgement { phrase: "serious mistake", when: Always, technical: NO_TECH, fix: Replace("mistake") },
    Judgement { phrase: "terrible mistake", when: Always, technical: NO_TECH, fix: Replace("mistake") },
    Judgement { phrase: "glaring mistake", when: Always, technical: NO_TECH, fix: Replace("mistake") },
    Judgement { phrase: "basic mistake", when: Always, technical: NO_TECH, fix: Replace("mistake") },
    Judgement { phrase: "obvious mistake", when: Always, technical: NO_TECH, fix: Replace("mistake") },
    Judgement { phrase: "rookie error", when: Always, technical: NO_TECH, fix: Replace("error") },
    Judgement { phrase: "junior mistake", when: Always, technical: NO_TECH, fix: Replace("mistake") },
    Judgement { phrase: "beginner mistake", when: Always, technical: NO_TECH, fix: Replace("mistake") },
    Judgement { phrase: "beginner's mistake", when: Always, technical: NO_TECH, fix: Replace("mistake") },
    Judgement { phrase: "newbie mistake", when: Always, technical: NO_TECH, fix: Replace("mistake") },
    Judgement { phrase: "amateur mistake", when: Always, technical: NO_TECH, fix: Replace("mistake") },
    Judgement { phrase: "amateur error", when: Always, technical: NO_TECH, fix: Replace("error") },
    Judgement { phrase: "schoolboy error", when: Always, technical: NO_TECH, fix: Replace("error") },
    Judgement { phrase: "basic due diligence", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "embarrassing that", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "unacceptable that", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "baffling that", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "astonishing that", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "unbelievable that", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "inexplicable that", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "beggars belief", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "hard to understand how anyone", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "hard to understand how this was", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "hard to believe anyone", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "hard to believe nobody", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "hard to believe no one", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "hard to believe that anyone", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "hard to believe that nobody", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "easily preventable", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "easily avoidable", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "easily avoided", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "easily prevented", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "entirely preventable", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "entirely avoidable", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "completely avoidable", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "completely preventable", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "totally avoidable", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "nobody bothered", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "no one bothered", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "no-one bothered", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "didn't even bother", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "did not even bother", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "couldn't be bothered", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "could not be bothered", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "dropped the ball", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "asleep at the wheel", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "poor judgement", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "poor judgment", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "bad judgement", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "bad judgment", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "lapse in judgement", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "lapse in judgment", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "error of judgement", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "error of judgment", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "bad call", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "poor call", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "poor decision", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "bad decision", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "made the wrong call", when: BySomeone, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "made a wrong call", when: BySomeone, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "made the wrong decision", when: BySomeone, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "made a wrong decision", when: BySomeone, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "made wrong decision", when: BySomeone, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "poor choice", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "lack of diligence", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "lack of discipline", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "lack of professionalism", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "lack of ownership", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "should have been more careful", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "been more careful", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "not careful enough", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "wasn't careful", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "was not careful", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "weren't careful", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "pay more attention", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "paid more attention", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "inadequately", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "adequately", when: Negated, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "properly", when: NegatedAboutSomeone, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "of course", when: AboutSomeoneElse, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "surely", when: AboutSomeoneElse, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "blatantly", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "blatant", when: Always, technical: NO_TECH, fix: Drop },
    Judgement { phrase: "such a basic", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "rookie", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "amateur move", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "had to do was", when: AllTheyHadToDo, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "had to do is", when: AllTheyHadToDo, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "such basic", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "even a basic", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "didn't pay attention", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "did not pay attention", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "wasn't paying attention", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "was not paying attention", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "were not paying attention", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "weren't paying attention", when: Always, technical: NO_TECH, fix: FixKind::None },
];

const TRIGGERS: &[&str] = &{
    let mut out = [""; JUDGEMENTS.len()];
    let mut i = 0;
    while i < JUDGEMENTS.len() {
        out[i] = JUDGEMENTS[i].phrase;
        i += 1;
    }
    out
};

/// Words that show a clause is about what someone had to do, should have done, or
/// failed to do.
/// Verbs of knowing after "obviously", "clearly": "would obviously know that …".
const KNOWING: &[&str] = &[
    "know",
    "knew",
    "known",
    "see",
    "saw",
    "seen",
    "realise",
    "realised",
    "realize",
    "realized",
    "understand",
    "understood",
];

const OBLIGATION: &[&str] = &[
    "should",
    "could",
    "had",
    "needed",
    "must",
    "forgot",
    "failed",
    "missed",
    "ignored",
    "didn't",
    "did",
    "neglected",
    "overlooked",
    "wasn't",
    "weren't",
    "shouldn't",
    "have",
    "ought",
];

fn on_phrase(ctx: &Context<'_>, hit: &PhraseHit, out: &mut Report<'_>) {
    let j = &JUDGEMENTS[hit.trigger];
    let text = &ctx.doc.text;
    if ctx.config.lexicon().allows(&text[hit.range.clone()]) {
        return;
    }
    let sentence = ctx.sentence(hit);
    let Some(t_index) = sentence.token_at(hit.range.start) else {
        return;
    };
    let after = sentence.tokens.iter().find(|t| t.start >= hit.range.end);
    // "just-in-time", "lazy-loaded": a hyphen right after makes it a compound term.
    if text[hit.range.end..].starts_with('-') {
        return;
    }
    if let Some(next) = after {
        if j.technical.contains(&next.lower().as_str()) {
            return;
        }
    }
    if j.when == AboutWork {
        let next_is_work = after.is_some_and(|t| WORK_NOUNS.contains(&t.lower().as_str()));
        // "the team was lazy", "the review was lazy": a copula before it and a person or
        // a person's work as the subject.
        let tokens = &sentence.tokens;
        // "… is just lazy": an intensifier between.
        let mut copula = t_index.checked_sub(1);
        while let Some(c) = copula.filter(|&c| {
            c > 0 && matches!(tokens[c].lower().as_str(), "just" | "plain" | "simply" | "pretty" | "really" | "so")
        }) {
            copula = Some(c - 1);
        }
        // "Approving pricing changes from a phone is just lazy": an act as the subject.
        let predicative = copula.is_some_and(|c| {
            matches!(tokens[c].lower().as_str(), "was" | "were" | "is" | "are" | "been")
                && grammar::subject_before(tokens, c, None, &ctx.who()).is_some_and(|s| {
                    let first = tokens.iter().find(|t| t.start >= s.range.start && t.is_word());
                    s.person.is_some()
                        || tokens.iter().any(|t| t.end == s.range.end && WORK_NOUNS.contains(&t.lower().as_str()))
                        || first.is_some_and(|f| {
                            let l = f.lower();
                            l.len() > 5 && l.ends_with("ing") && crate::verbs::lookup(&l).is_some()
                        })
                })
        });
        if !(next_is_work || predicative) {
            return;
        }
    }
    if j.when == BySomeone
        && grammar::subject_before(&sentence.tokens, t_index, Some("made"), &ctx.who())
            .is_none_or(|s| s.person.is_none())
    {
        return;
    }
    // "All Hemi had to do was …" judges; "all we had to do was wait" is about ourselves.
    if j.when == AllTheyHadToDo {
        let before = &sentence.tokens[t_index.saturating_sub(4)..t_index];
        let ourselves = before.last().is_some_and(|t| matches!(t.lower().as_str(), "we" | "i"));
        if ourselves || !before.iter().any(|t| t.lower() == "all") {
            return;
        }
    }
    if matches!(j.when, Negated | NegatedAboutSomeone) {
        let before = &sentence.tokens[t_index.saturating_sub(4)..t_index];
        let negated = before.iter().any(|t| {
            let l = t.lower();
            matches!(l.as_str(), "not" | "never" | "nobody") || l.ends_with("n't")
        });
        if !negated {
            return;
        }
        if j.when == NegatedAboutSomeone {
            let verb = sentence.tokens.get(t_index + 1).map(|t| t.lower());
            let group = (0..t_index).rev().take(4).find(|&i| {
                let l = sentence.tokens[i].lower();
                matches!(l.as_str(), "did" | "didn't" | "was" | "wasn't" | "were" | "weren't" | "had" | "hadn't")
            });
            let Some(group) = group else { return };
            let person = grammar::subject_before(&sentence.tokens, group, verb.as_deref(), &ctx.who())
                .is_some_and(|s| s.person.is_some_and(|(kind, _)| kind != PersonKind::Pronoun { singles_out: false }));
            if !person {
                return;
            }
        }
    }
    if j.when == AboutSomeoneElse {
        let who = ctx.who();
        // For "should have known" the verb is "known"; otherwise the word after.
        let next = sentence.tokens.get(t_index + 1).map(|t| t.lower());
        let verb = if j.phrase.contains("known") { Some("known") } else { next.as_deref() };
        // "Obviously, the person running it should have seen …", "Of course the gateway team
        // should know …": a sentence adverb opening the sentence, with or without its comma;
        // the clause after it has the subject and the obligation.
        let words = j.phrase.split(' ').count();
        let opens = sentence.tokens[..t_index].iter().all(|t| !t.is_word());
        let modal = opens
            .then(|| {
                (t_index + words..sentence.tokens.len().min(t_index + 14))
                    .find(|&i| OBLIGATION.contains(&sentence.tokens[i].lower().as_str()))
            })
            .flatten();
        let modal_verb = modal.and_then(|m| sentence.word_after(m + 1)).and_then(|i| {
            let w = sentence.tokens[i].lower();
            if w == "have" {
                sentence.word_after(i + 1).map(|j| sentence.tokens[j].lower())
            } else {
                Some(w)
            }
        });
        let (at, verb) = match modal {
            Some(m) => (m, modal_verb.as_deref()),
            None => (t_index, verb),
        };
        let subject = grammar::subject_before(&sentence.tokens, at, verb, &who);
        let someone_else = subject.as_ref().and_then(|s| s.person.clone()).is_some_and(|(kind, range)| {
            let word = text[range].to_lowercase();
            !(matches!(kind, PersonKind::Pronoun { .. }) && matches!(word.as_str(), "we" | "i" | "us" | "me"))
        });
        if !someone_else {
            return;
        }
        let phrase_has_obligation = j.phrase.contains("had to") || j.phrase.contains("known");
        let clause_has_obligation = modal.is_some()
            || sentence.tokens[t_index..].iter().take(6).any(|t| OBLIGATION.contains(&t.lower().as_str()));
        // "would obviously know", "clearly saw": what a person is said to have known.
        let knowing = next.as_deref().is_some_and(|v| KNOWING.contains(&v));
        if !(phrase_has_obligation || clause_has_obligation || knowing) {
            return;
        }
    }
    let word = &text[hit.range.clone()];
    let d = out.add(
        hit.range.clone(),
        format!("“{word}” judges a person or their work: describe what happened and what made it reasonable."),
    );
    let fix = match j.fix {
        Drop => drop_fix(ctx, hit.range.clone(), after.map(|t| (t.text, t.is_word()))),
        Replace(new) => reframe::rewrite(
            ctx.doc,
            &format!("Replace with “{new}”"),
            hit.range.clone(),
            reframe::match_case(word, new),
        ),
        FixKind::None => None,
    };
    d.fixes.extend(fix);
}

/// Drops an attributive or adverbial word; fixes "an" → "a" before it when needed.
fn drop_fix(ctx: &Context<'_>, word: Range<usize>, next: Option<(&str, bool)>) -> Option<crate::diagnostic::Fix> {
    let (next_text, next_is_word) = next?;
    let text = ctx.doc.text;
    // Predicative ("was careless.") has nothing after it to keep: no clean drop.
    if !next_is_word || text[word.end..].trim_start().starts_with(['.', ',', ';', ':', '!', '?']) {
        return None;
    }
    let before = &text[..word.start];
    let article = before.trim_end().rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    if matches!(article.to_ascii_lowercase().as_str(), "a" | "an") && before.ends_with(' ') {
        let art_end = word.start - 1;
        let art_start = art_end - article.len();
        let new_article = reframe::match_case(article, reframe::article_for(next_text));
        let range = art_start..word.end + 1;
        let replacement = format!("{new_article} ");
        return reframe::rewrite(ctx.doc, "Drop the judgement word", range, replacement);
    }
    let range = reframe::word_with_space(text, word.clone());
    let mut replacement = String::new();
    // Capitalise the next word if the dropped one started the sentence.
    if text[word.clone()].chars().next().is_some_and(char::is_uppercase) && range.end == word.end + 1 {
        let next_start = range.end;
        let next_char = text[next_start..].chars().next()?;
        return reframe::rewrite(
            ctx.doc,
            "Drop the judgement word",
            range.start..next_start + next_char.len_utf8(),
            next_char.to_uppercase().collect(),
        );
    }
    replacement.push_str("");
    reframe::rewrite(ctx.doc, "Drop the judgement word", range, replacement)
}

/// Verdicts written on a timeline row: "14:05 restarted the wrong node - BAD",
/// "(bad call)", or a bullet that says only "BAD".
const VERDICTS: &[&str] = &[
    "bad",
    "bad call",
    "bad move",
    "bad idea",
    "poor call",
    "poor",
    "wrong",
    "wrong call",
    "wrong move",
    "mistake",
    "big mistake",
    "fail",
    "epic fail",
    "oops",
    "not good",
    "terrible",
    "facepalm",
];

/// The last word of each of [`VERDICTS`].
const VERDICT_ENDS: &[&str] =
    &["bad", "call", "move", "idea", "poor", "wrong", "mistake", "fail", "oops", "good", "terrible", "facepalm"];

/// The length in bytes of the longest of [`VERDICTS`].
const LONGEST_VERDICT: usize = {
    let (mut longest, mut i) = (0, 0);
    while i < VERDICTS.len() {
        if VERDICTS[i].len() > longest {
            longest = VERDICTS[i].len();
        }
        i += 1;
    }
    longest
};

/// The verdict at the end of a timeline row's first line, after a dash, colon or
/// bracket, or standing alone: its range.
fn verdict_at_end(text: &str, line: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let s = &text[line.clone()];
    let trimmed = s.trim_end().trim_end_matches([')', ']', '.', '!', '*', '_']).trim_end();
    // Most rows end in a word no verdict ends in: one look at it settles them.
    let word_start = trimmed.bytes().rposition(|b| !b.is_ascii_alphabetic()).map_or(0, |i| i + 1);
    let last_word = &trimmed[word_start..];
    if !VERDICT_ENDS.iter().any(|w| w.eq_ignore_ascii_case(last_word)) {
        return None;
    }
    // The verdict is short: look for where it starts only near the end (a line with no
    // mark there ends in far more than a verdict, unless it is one alone).
    let near_end = trimmed.floor_char_boundary(trimmed.len().saturating_sub(LONGEST_VERDICT + 32));
    let cut = match trimmed[near_end..].rfind(['-', '\u{2014}', '\u{2013}', ':', '(', '[']) {
        Some(i) => near_end + i + trimmed[near_end + i..].chars().next().map_or(1, char::len_utf8),
        None if near_end > 0 => return None,
        None => 0,
    };
    let tail = trimmed[cut..].trim().trim_matches(['*', '_']).trim();
    // Most rows end in a sentence, far longer than any verdict.
    if tail.len() > LONGEST_VERDICT + 2 {
        return None;
    }
    let alone = cut == 0 && trimmed.trim_start_matches(['-', '*', '+', ' ']).trim_matches(['*', '_']).trim() == tail;
    if tail.is_empty() || !(cut > 0 || alone) {
        return None;
    }
    let lower = tail.to_lowercase();
    let lower = lower.trim_end_matches(['!', '.']).trim();
    // Phrases the rule finds anywhere ("bad call") are found there.
    if !VERDICTS.contains(&lower) || JUDGEMENTS.iter().any(|j| j.phrase == lower) {
        return None;
    }
    // A verdict is shouted or set apart: "BAD", "(bad call)"; "- bad" alone on a bullet.
    let shouted = tail.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let bracketed = s.trim_end().ends_with([')', ']']);
    if !(shouted || bracketed || alone) {
        return None;
    }
    let start = line.start + s.find(tail)?;
    Some(start..start + tail.len())
}

/// Team words from `[words] blame`, and verdicts on timeline rows.
fn check(ctx: &Context<'_>, out: &mut Report<'_>) {
    {
        for item in &ctx.doc.items {
            let own = &ctx.doc.text[item.own.clone()];
            let line_end = own.find('\n').map_or(item.own.end, |i| item.own.start + i);
            // Read in the masked prose: a comment or code at the end is not the verdict.
            if let Some(range) = verdict_at_end(&ctx.doc.masked, item.own.start..line_end) {
                out.add(range, "A verdict on what someone did: describe what happened and what made it reasonable.");
            }
        }
        for (_, cells) in ctx.doc.tables.iter().flat_map(|t| t.rows()) {
            // The last cell, or any cell whose text ends in a verdict set apart ("| Decision
            // to wait instead of rolling back - BAD | Rafaela |"); a cell that is only
            // "FAIL" in a column of results is not one.
            let verdict = cells.iter().enumerate().find_map(|(i, cell)| {
                let range = verdict_at_end(&ctx.doc.masked, cell.clone())?;
                let set_apart = !ctx.doc.masked[cell.start..range.start].trim_end().is_empty();
                (i + 1 == cells.len() || set_apart).then_some(range)
            });
            if let Some(range) = verdict {
                out.add(range, "A verdict on what someone did: describe what happened and what made it reasonable.");
            }
        }
    }
    let user = ctx.config.lexicon();
    let Some(matcher) = &user.blame_matcher else {
        return;
    };
    let masked = ctx.doc.masked.as_bytes();
    for m in matcher.find_iter(masked) {
        let (s, e) = (m.start(), m.end());
        let word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
        if (s > 0 && word_byte(masked[s - 1])) || masked.get(e).is_some_and(|&b| word_byte(b)) {
            continue;
        }
        let word = &ctx.doc.text[s..e];
        let d = out
            .add(s..e, format!("“{word}” is on the team's list of judgement words: describe what happened instead."));
        let next = ctx.doc.masked[e..]
            .split_whitespace()
            .next()
            .map(|w| (w, w.chars().next().is_some_and(char::is_alphanumeric)));
        d.fixes.extend(drop_fix(ctx, s..e, next));
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::rules::test_support::{fixed, flagged};

    const ID: &str = "blame-judgement";

    #[test]
    fn every_verdict_ends_in_a_listed_word() {
        for v in super::VERDICTS {
            assert!(super::VERDICT_ENDS.contains(&v.rsplit(' ').next().unwrap()), "{v}");
        }
    }

    #[test]
    fn what_someone_obviously_knew_judges_them() {
        assert_eq!(flagged(ID, "Any operator would obviously know that a purge is dangerous."), ["obviously"]);
        assert_eq!(flagged(ID, "Dana clearly saw the warning."), ["clearly"]);
        assert!(flagged(ID, "We obviously knew the risk.").is_empty(), "about ourselves");
        assert!(flagged(ID, "The graph clearly shows the drop.").is_empty());
        assert_eq!(
            flagged(ID, "Clearly the reviewers of 4.2 were not paying attention."),
            ["were not paying attention"]
        );
        // Opening the sentence without a comma: the clause after it holds the obligation.
        assert_eq!(
            flagged(ID, "Of course the gateway team should know that enrolment day is the busiest day."),
            ["Of course"]
        );
        assert!(flagged(ID, "Of course the cache should have been warmed first.").is_empty());
        assert!(flagged(ID, "Of course we should know the busiest days by now.").is_empty());
        assert!(flagged(ID, "Of course, the cache was cold after the restart.").is_empty());
    }

    #[test]
    fn flags_judgement_words() {
        assert_eq!(flagged(ID, "It was a careless change."), ["careless"]);
        assert_eq!(flagged(ID, "The plan was sloppy."), ["sloppy"]);
        assert_eq!(flagged(ID, "Dana should have known the flag was on."), ["should have known"]);
        assert_eq!(flagged(ID, "The engineer just had to run the script."), ["just had to"]);
        assert_eq!(flagged(ID, "He obviously should have checked."), ["obviously"]);
        assert_eq!(flagged(ID, "A lazy fix."), ["lazy"]);
        assert_eq!(flagged(ID, "A junior mistake, frankly."), ["junior mistake"]);
        assert_eq!(flagged(ID, "The team lead made wrong decision to continue."), ["made wrong decision"]);
        assert_eq!(flagged(ID, "Basic due diligence would have caught it."), ["Basic due diligence"]);
        assert_eq!(flagged(ID, "It is embarrassing that this got through review."), ["embarrassing that"]);
        assert_eq!(flagged(ID, "It is baffling that the flag had no owner."), ["baffling that"]);
        assert_eq!(flagged(ID, "It is hard to understand how this was missed."), ["hard to understand how this was"]);
        assert_eq!(flagged(ID, "The review was lazy and rushed."), ["lazy"]);
        assert_eq!(flagged(ID, "The team was INCOMPETENT."), ["INCOMPETENT"]);
    }

    #[test]
    fn leaves_technical_terms_and_plain_adverbs_alone() {
        for fine in [
            "It is hard to understand how the retry and the cache interact.",
            "The cache was lazy-loaded on the first request.",
            "The lazy loading of the config hid the error.",
            "Cassandra uses a sloppy quorum.",
            "The scheduler made the wrong decision and evicted the pod.",
            "We use lazy initialisation.",
            "The module is lazy-loaded.",
            "The cache is filled just-in-time.",
            "The client uses lazy connection setup.",
            "Lazy evaluation kept the memory low.",
            "The fix is simply a config change.",
            "We simply restarted the service.",
            "We just had to wait for the rollout.",
            "The cause was obviously the deploy.",
            "The system should have known the node was down.",
            "`careless` is a variable name.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn fixes_drop_the_word_cleanly() {
        assert_eq!(fixed(ID, "It was a careless change.", 0).as_deref(), Some("It was a change."));
        assert_eq!(fixed(ID, "It was an incompetent fix.", 0).as_deref(), Some("It was a fix."));
        assert_eq!(fixed(ID, "It was a sloppy audit.", 0).as_deref(), Some("It was an audit."));
        assert_eq!(fixed(ID, "Dana carelessly ran the script.", 0).as_deref(), Some("Dana ran the script."));
        assert_eq!(
            fixed(ID, "Dana should have known the flag was on.", 0).as_deref(),
            Some("Dana did not know the flag was on.")
        );
        assert_eq!(fixed(ID, "The plan was sloppy.", 0), None, "no clean drop for a predicate");
    }

    #[test]
    fn verdicts_on_timeline_rows() {
        let text = "# Debrief\n\n## Timeline\n\n- 14:02 restarted the wrong node - BAD\n- 14:05 rolled back\n  - BAD\n\
                    - 14:09 paged storage (bad call)\n- 14:10 the bad node recovered\n- 14:12 took a bad route - bad\n";
        let found: Vec<&str> = crate::analyse(text, &Config::default())
            .iter()
            .filter(|d| d.rule == ID)
            .map(|d| &text[d.range.clone()])
            .collect();
        assert_eq!(found, ["BAD", "BAD", "bad call"]);
    }

    #[test]
    fn verdicts_inside_table_cells() {
        let text = "# Debrief\n\n## Timeline\n\n| Time | What | Who |\n| --- | --- | --- |\n\
                    | 11:02 | Held the rollback for one more batch — BAD | Ines |\n\
                    | 11:09 | Rolled back | Ines |\n\n## Tests\n\n| Result | Test |\n| --- | --- |\n\
                    | FAIL | login smoke test |\n";
        let found: Vec<&str> = crate::analyse(text, &Config::default())
            .iter()
            .filter(|d| d.rule == ID)
            .map(|d| &text[d.range.clone()])
            .collect();
        assert_eq!(found, ["BAD"]);
    }

    #[test]
    fn team_words_and_allowed_words() {
        let text = "# Debrief\n\nA cowboy deploy on Friday. It was a careless change.\n";
        let (config, errors) = Config::from_toml("[words]\nblame = [\"cowboy\"]\nallow = [\"careless\"]\n");
        assert!(errors.is_empty());
        let found: Vec<&str> =
            crate::analyse(text, &config).iter().filter(|d| d.rule == ID).map(|d| &text[d.range.clone()]).collect();
        assert_eq!(found, ["cowboy"]);
    }
}
