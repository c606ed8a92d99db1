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
use When::{AboutSomeoneElse, AboutWork, Always};

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
    Judgement { phrase: "didn't pay attention", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "did not pay attention", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "wasn't paying attention", when: Always, technical: NO_TECH, fix: FixKind::None },
    Judgement { phrase: "was not paying attention", when: Always, technical: NO_TECH, fix: FixKind::None },
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
        // "the team was lazy": a copula before it and a person as the subject.
        let predicative = t_index > 0
            && matches!(sentence.tokens[t_index - 1].lower().as_str(), "was" | "were" | "is" | "are" | "been")
            && grammar::subject_before(&sentence.tokens, t_index - 1, None, ctx.config.lexicon())
                .is_some_and(|s| s.person.is_some());
        if !(next_is_work || predicative) {
            return;
        }
    }
    if j.when == AboutSomeoneElse {
        let user = ctx.config.lexicon();
        // For "should have known" the verb is "known"; otherwise the word after.
        let next = sentence.tokens.get(t_index + 1).map(|t| t.lower());
        let verb = if j.phrase.contains("known") { Some("known") } else { next.as_deref() };
        let subject = grammar::subject_before(&sentence.tokens, t_index, verb, user);
        let someone_else = subject.as_ref().and_then(|s| s.person.clone()).is_some_and(|(kind, range)| {
            let word = text[range].to_lowercase();
            !(matches!(kind, PersonKind::Pronoun { .. }) && matches!(word.as_str(), "we" | "i" | "us" | "me"))
        });
        if !someone_else {
            return;
        }
        let phrase_has_obligation = j.phrase.contains("had to") || j.phrase.contains("known");
        let clause_has_obligation =
            sentence.tokens[t_index..].iter().take(6).any(|t| OBLIGATION.contains(&t.lower().as_str()));
        if !(phrase_has_obligation || clause_has_obligation) {
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

/// Team words from `[words] blame`: judgement in any context.
fn check(ctx: &Context<'_>, out: &mut Report<'_>) {
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
    fn flags_judgement_words() {
        assert_eq!(flagged(ID, "It was a careless change."), ["careless"]);
        assert_eq!(flagged(ID, "The plan was sloppy."), ["sloppy"]);
        assert_eq!(flagged(ID, "Dana should have known the flag was on."), ["should have known"]);
        assert_eq!(flagged(ID, "The engineer just had to run the script."), ["just had to"]);
        assert_eq!(flagged(ID, "He obviously should have checked."), ["obviously"]);
        assert_eq!(flagged(ID, "A lazy fix."), ["lazy"]);
        assert_eq!(flagged(ID, "The team was INCOMPETENT."), ["INCOMPETENT"]);
    }

    #[test]
    fn leaves_technical_terms_and_plain_adverbs_alone() {
        for fine in [
            "Cassandra uses a sloppy quorum.",
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
    fn team_words_and_allowed_words() {
        let text = "# Debrief\n\nA cowboy deploy on Friday. It was a careless change.\n";
        let (config, errors) = Config::from_toml("[words]\nblame = [\"cowboy\"]\nallow = [\"careless\"]\n");
        assert!(errors.is_empty());
        let found: Vec<&str> =
            crate::analyse(text, &config).iter().filter(|d| d.rule == ID).map(|d| &text[d.range.clone()]).collect();
        assert_eq!(found, ["cowboy"]);
    }
}
