//! `blame-interrogation`: "why did you…", "who approved…", "whose fault".

use crate::config::RuleLevel;
use crate::grammar::Token;
use crate::lexicon;
use crate::rules::{no_check, reframe, Context, PhraseHit, Report, Rule, RuleDocs, RuleMeta};
use crate::verbs;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "blame-interrogation",
        default_level: RuleLevel::Warning,
        summary: "Questions that put a person on trial (\"why did you…\", \"who approved…\")",
        docs: RuleDocs {
            what: "Questions aimed at a person's choice rather than the situation: \"why did you …\", \"why didn't \
                   Dana …\", \"who approved …\", \"who pushed …\", \"whose fault …\", \"who is responsible …\". \
                   Questions about systems (\"why did the alert not fire?\") and about ourselves as a team (\"why \
                   didn't we catch this?\") are left alone.",
            why: "\"Why did you\" asks a person to defend a decision; the answer is a justification, not an account. \
                  \"Who approved this\" looks for someone to hold responsible. Both teach people to say less. Asking \
                  what made the choice make sense at the time gets the account of what they saw and knew.",
            flagged: &[
                "Why did you restart the primary without draining it?",
                "Who approved the change to the firewall rules?",
                "Whose fault was the expired certificate?",
                "Why didn't Dana page the database team?",
            ],
            fine: &[
                "Why did the alert not fire?",
                "Why didn't we catch this in staging?",
                "Who was on call: the platform rotation.",
                "What made restarting the primary make sense at the time?",
            ],
            reframe: "Ask what made the action make sense at the time: \"What made restarting the primary make sense \
                      at the time?\", \"How did the change come to be approved?\"",
            fix: "Rewrites the question in those shapes when the verb is known; unsafe, because it changes what is \
                  asked.",
        },
    },
    triggers: TRIGGERS,
    on_phrase,
    check: no_check,
};

const TRIGGERS: &[&str] = &[
    "why did",
    "why didn't",
    "why did not",
    "why would",
    "why were",
    "why weren't",
    "why wasn't",
    "why hadn't",
    "who approved",
    "who signed off",
    "who pushed",
    "who merged",
    "who deployed",
    "who broke",
    "who caused",
    "who made",
    "who forgot",
    "who missed",
    "who let",
    "who allowed",
    "who wrote",
    "who ran",
    "who did this",
    "who is responsible",
    "who was responsible",
    "who is to blame",
    "who was to blame",
    "who's to blame",
    "whose fault",
    "whose mistake",
    "whose idea",
    "whose change",
    "whose decision",
    "whose code",
    "whose call",
    "whose responsibility",
    "who's responsible",
    "who decided",
    "who thought",
    "who touched",
    "who changed",
    "who deleted",
    "who dropped",
    "who removed",
    "who disabled",
    "who skipped",
    "who ignored",
    "who configured",
    "who set",
    "who turned off",
    "who shipped",
    "who released",
    "who applied",
    "who introduced",
    "who committed",
    "who reviewed",
    "who okayed",
    "who ok'd",
    "what were you thinking",
    "what was he thinking",
    "what was she thinking",
    "what were they thinking",
    // Reported: "JM asked TK what he was thinking when he deployed".
    "what he was thinking",
    "what she was thinking",
    "what they were thinking",
    "what you were thinking",
    "how could you",
    "how could he",
    "how could she",
    "how could they",
    "how could anyone",
    "how could nobody",
    "how could no one",
    "how could",
    "what was",
    "what were",
    "how did nobody",
    "how did no one",
    "how did you not",
    "how did they not",
    "why on earth",
    "why nobody",
    "why no one",
    "why no-one",
    "why did nobody",
    "why did no one",
    "why was",
    "who",
    "why",
];

/// Verbs after "who" that ask about help, not fault: "who noticed it first?".
const CREDIT: &[&str] = &[
    "noticed",
    "spotted",
    "found",
    "caught",
    "fixed",
    "resolved",
    "restored",
    "helped",
    "saved",
    "reported",
    "raised",
    "flagged",
    "escalated",
    "paged",
    "investigated",
    "led",
    "coordinated",
    "remembered",
    "knew",
    "suggested",
];

/// Words after "who" that ask who does a job now, not who did wrong: "who is on call?",
/// "who owns the service?".
const NEUTRAL: &[&str] = &[
    "is",
    "are",
    "owns",
    "own",
    "handles",
    "maintains",
    "gets",
    "receives",
    "should",
    "will",
    "can",
    "knows",
    "to",
    "would",
    "could",
    "may",
    "might",
    "else",
    "else's",
    "we",
    "it",
    "the",
    "needs",
    "wants",
    "else?",
];

/// What sets a question of who aside: "whose change it was *does not matter*".
const SET_ASIDE: &[&str] = &[
    "does not matter",
    "doesn't matter",
    "did not matter",
    "didn't matter",
    "no matter",
    "is irrelevant",
    "was irrelevant",
    "is not important",
    "isn't important",
    "beside the point",
    "not the point",
    "not the question",
];

/// Whether a sentence (lowercase) advises against the question it quotes: "instead of
/// asking what he was thinking", "we no longer ask …", "don't ask …".
fn advised_against(said: &str) -> bool {
    ["instead of", "rather than", "not ask", "n't ask", "never ask", "no longer ask", "avoid"]
        .iter()
        .any(|p| said.contains(p))
}

/// Whether `text` is a paragraph's number ("5.6", "3.", "12)"): a question after it still
/// opens its sentence.
fn is_numbering(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit()) && text.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ')'))
}

fn on_phrase(ctx: &Context<'_>, hit: &PhraseHit, out: &mut Report<'_>) {
    let trigger = TRIGGERS[hit.trigger];
    // "who" and "why" are everywhere; only a question that starts with them is read.
    if matches!(trigger, "who" | "why") {
        let masked = &ctx.doc.masked;
        let end = masked.floor_char_boundary((hit.range.end + 300).min(hit.block.end));
        let rest = &masked[hit.range.end..end];
        let asked = rest.find('?').is_some_and(|q| !rest[..q].contains(['.', '!']));
        let from = masked.floor_char_boundary(hit.range.start.saturating_sub(40).max(hit.block.start));
        let before = &masked[from..hit.range.start];
        let clause_start = before.rsplit(['.', '!', '?', '\n', ':', ';']).next().unwrap_or("");
        let starts =
            clause_start.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '*' | '_' | '>')).is_empty()
                || matches!(clause_start.trim().to_ascii_lowercase().as_str(), "q" | "so" | "and" | "but")
                || is_numbering(before.trim());
        if !(asked && (starts || trigger == "why")) {
            return;
        }
    }
    let sentence = ctx.sentence(hit);
    let tokens = &sentence.tokens;
    let Some(t_index) = sentence.token_at(hit.range.start) else {
        return;
    };
    let after: Vec<&Token<'_>> = tokens.iter().filter(|t| t.start >= hit.range.end).collect();
    // The question runs to its "?" (or the end of the sentence).
    let q_end =
        tokens.iter().find(|t| t.start >= hit.range.end && t.text == "?").map_or(sentence.range.end, |t| t.start);
    let text = ctx.doc.text;
    let is_question = text[sentence.range.clone()].contains('?') || t_index == 0;
    // A title in title case ("Who Moved My Testnet?") is a name, not a question put to anyone.
    let words: Vec<&Token<'_>> = tokens.iter().filter(|t| t.is_word()).collect();
    if words.len() >= 3 && words.iter().all(|t| t.is_capitalised() || t.text.len() <= 2) {
        return;
    }

    // "whose fault domain", "whose fault tolerance", "a controller whose fault relay trips":
    // a technical term, not a question. The question goes on with what the fault was
    // ("whose fault it was", "whose fault is this", "whose fault the outage was") or ends.
    if trigger.starts_with("whose") {
        const ASKS_ON: &[&str] =
            &["it", "was", "is", "were", "are", "this", "that", "the", "really", "exactly", "then"];
        let next = after.first().filter(|t| t.is_word()).map(|t| t.lower());
        if next.as_deref().is_some_and(|n| lexicon::TECHNICAL_AFTER_FAULT.contains(&n) || !ASKS_ON.contains(&n)) {
            return;
        }
    }
    // "Whose change it was does not matter", "No matter who pushed it, …": the author
    // sets the question aside.
    let said = text[sentence.range.clone()].to_lowercase().replace('\u{2019}', "'");
    if SET_ASIDE.iter().any(|p| said.contains(p)) {
        return;
    }
    // "What was the team thinking when …?", "How could the board not have noticed …?":
    // about whoever is named between.
    if matches!(trigger, "what was" | "what were") {
        let thinking = after.iter().take(6).position(|t| t.lower() == "thinking");
        let between = thinking.map(|k| &after[..k]);
        let about_it = between.is_some_and(|b| b.iter().any(|t| matches!(t.lower().as_str(), "it" | "this" | "that")));
        if thinking.is_none() || about_it || !(is_question || text[sentence.range.clone()].trim_end().ends_with('!')) {
            return;
        }
        out.add(hit.range.start..q_end, "Asks a person to justify a choice: ask what made it make sense at the time.");
        return;
    }
    if trigger == "how could" {
        // The question is about a person when the act missed is one only people do.
        // "… not have noticed", or "… not notice".
        let have = after.iter().take(10).position(|t| matches!(t.lower().as_str(), "have" | "not"));
        let verb = have.and_then(|h| after.get(h + 1)).map(|t| t.lower());
        let verb = match verb.as_deref() {
            Some("have") => have.and_then(|h| after.get(h + 2)).map(|t| t.lower()),
            _ => verb,
        };
        let human = verb.as_deref().is_some_and(|v| lexicon::is_human_verb(v) || lexicon::is_duty(v));
        if !(is_question && human) {
            return;
        }
        out.add(hit.range.start..q_end, "Asks a person to justify a choice: ask what made it make sense at the time.");
        return;
    }
    // "JM asked TK what he was thinking when he deployed": the question reported, put to
    // the person by someone at the review (not "we no longer ask what she was thinking").
    if trigger.ends_with(" thinking") && !trigger.starts_with("what were") && !trigger.starts_with("what was") {
        let before: Vec<String> =
            tokens[t_index.saturating_sub(6)..t_index].iter().map(|t| t.lower().as_str().to_string()).collect();
        let asked = before.iter().any(|w| matches!(w.as_str(), "asked" | "asks" | "demanded" | "wondered"))
            || before.windows(2).any(|w| w[0] == "to" && w[1] == "know");
        if asked && !advised_against(&said) {
            out.add(
                hit.range.start..q_end,
                "Asks a person to justify a choice: ask what made it make sense at the time.",
            );
        }
        return;
    }
    if trigger.starts_with("what were") || trigger.starts_with("what was") || trigger.starts_with("how ") {
        // "like what were you thinking marco": put to someone, with or without its "?".
        let addressed = trigger == "what were you thinking" && !advised_against(&said);
        if !is_question && !text[sentence.range.clone()].trim_end().ends_with('!') && t_index != 0 && !addressed {
            return;
        }
        out.add(hit.range.start..q_end, "Asks a person to justify a choice: ask what made it make sense at the time.");
        return;
    }
    if trigger.starts_with("why no") || trigger.starts_with("why did no") {
        if !is_question {
            return;
        }
        out.add(hit.range.start..q_end, "Asks a person to justify a choice: ask what made it make sense at the time.");
        return;
    }
    // "Who gave the OK for a Friday deploy?", "who runs FLUSHALL at 3am??": a question that
    // looks for the one who did it.
    if trigger == "who" {
        // "The question we put to the team: who authorised …?": a question may open after
        // a colon.
        let starts = t_index == 0
            || tokens[t_index - 1].text == ":"
            || tokens[..t_index].iter().all(|t| {
                !t.is_word()
                    || is_numbering(t.text)
                    || matches!(t.lower().as_str(), "q" | "question" | "so" | "and" | "but")
            });
        // "who on earth thought …", "who exactly approved …": the verb after the stress.
        let word = |i: usize| after.get(i).map(|t| t.lower());
        let stress = match (word(0).as_deref(), word(1).as_deref()) {
            (Some("on"), Some("earth")) | (Some("the"), Some("hell")) => 2,
            (Some("exactly" | "actually" | "ever" | "really"), _) => 1,
            _ => 0,
        };
        let after = &after[stress..];
        // "Who within the supplier signed off …?": who among a group, then the act (not
        // "who at the bank was paged?").
        let among = after
            .first()
            .is_some_and(|t| matches!(t.lower().as_str(), "within" | "at" | "in" | "from" | "on" | "inside" | "among"));
        let act = (2..=4).find(|&k| {
            after.get(k).is_some_and(|t| {
                let l = t.lower();
                l.ends_with("ed") || verbs::lookup(&l).is_some_and(|f| f.past == l.as_str() && f.base != l.as_str())
            })
        });
        let after = match act {
            Some(k)
                if among
                    && after[1..k].iter().all(|t| {
                        t.is_word()
                            && !matches!(t.lower().as_str(), "was" | "were" | "is" | "are" | "has" | "had" | "been")
                    }) =>
            {
                &after[k..]
            }
            _ => after,
        };
        let Some(next) = after.first().map(|t| t.lower()) else { return };
        let asked = text[sentence.range.clone()].contains('?');
        if !starts || !asked || NEUTRAL.contains(&next.as_str()) || CREDIT.contains(&next.as_str()) {
            return;
        }
        // "Who was affected?", "who were paged?": a passive asks who it happened to.
        let passive = matches!(next.as_str(), "was" | "were")
            && after.get(1).is_some_and(|t| {
                let l = t.lower();
                l.ends_with("ed") || verbs::is_participle(&l)
            });
        if passive {
            return;
        }
        // "Who approve this change?": a base form, as second-language writers ask it.
        let base = verbs::lookup(&next).is_some_and(|f| f.base == next.as_str());
        let past = base
            || next.ends_with("ed")
            || verbs::lookup(&next).is_some_and(|f| f.past == next.as_str() && f.base != next.as_str())
            || (matches!(next.as_str(), "has" | "had")
                && after.get(1).is_some_and(|t| {
                    let l = t.lower();
                    l.ends_with("ed") || verbs::is_participle(&l) || l == "given"
                }));
        // A present tense only when the question is shouted: "who runs X at 3am??".
        let shouted = text[sentence.range.clone()].contains("??") || text[sentence.range.clone()].contains("?!");
        if !(past || (shouted && next.ends_with('s'))) {
            return;
        }
        out.add(hit.range.start..q_end, "Looks for someone to hold responsible: ask how it came about instead.");
        return;
    }
    // "Why Dmitri did not answer the page?": a question put without inversion.
    if trigger == "why" {
        let Some(first) = after.first() else { return };
        let l = first.lower();
        // "Why the release team did not wait …?": a role or a team after "the".
        let subject_end = if matches!(l.as_str(), "the" | "our") {
            after.iter().take(4).position(|t| {
                let w = t.lower();
                lexicon::is_role(&w) || lexicon::is_group(&w)
            })
        } else {
            None
        };
        let person = first.text.starts_with('@')
            || matches!(l.as_str(), "you" | "he" | "she")
            || (first.is_capitalised() && ctx.who().is_name(first.text))
            || subject_end.is_some();
        let verb_next = after.get(subject_end.unwrap_or(0) + 1).is_some_and(|t| {
            let v = t.lower();
            v.ends_with("ed")
                || matches!(v.as_str(), "did" | "didn't" | "was" | "wasn't" | "had" | "hadn't" | "never" | "not")
        });
        if person && verb_next && is_question {
            out.add(
                hit.range.start..q_end,
                "Asks a person to justify a choice: ask what made it make sense at the time.",
            );
        }
        return;
    }
    if trigger == "why on earth" {
        out.add(hit.range.start..q_end, "Asks a person to justify a choice: ask what made it make sense at the time.");
        return;
    }
    if trigger.starts_with("why") {
        // Who is asked about: the word after the trigger must be a person ("you", a
        // name, "the on-call"), not a system or "we".
        let Some(first) = after.first() else { return };
        let mut person_at = 0;
        if matches!(first.lower().as_str(), "the" | "our" | "your") {
            person_at = 1;
        }
        let Some(who) = after.get(person_at) else {
            return;
        };
        let lower = who.lower();
        let person = matches!(
            lower.as_str(),
            "you" | "he" | "she" | "they" | "anyone" | "anybody" | "nobody" | "someone" | "somebody"
        ) || (lower == "no" && trigger.starts_with("why did"))
            || lexicon::is_role(&lower)
            || (person_at == 0 && ctx.who().is_name(who.text))
            // "Why did Herr Trần close …": a title before a name.
            || (person_at == 0
                && lexicon::is_title(lower.trim_end_matches('.'))
                && after.get(1).is_some_and(|t| t.is_capitalised()))
            || who.text.starts_with('@')
            // "Why did IT not roll back …?": the department; "why did bao rotate …?": a
            // person the document writes in lowercase.
            || (person_at == 0 && (who.text == "IT" || ctx.who().is_handle(who.text)))
            // "Why did the on-call engineer …": a role after its modifiers.
            || (person_at == 1 && after.iter().skip(2).take(2).any(|t| lexicon::is_role(&t.lower())));
        if !person || !is_question {
            return;
        }
        let d = out
            .add(hit.range.start..q_end, "Asks a person to justify a choice: ask what made it make sense at the time.");
        // "why did you restart it" → "what made restarting it make sense at the time"
        let verb_at = person_at + 1 + usize::from(after.get(person_at + 1).is_some_and(|t| t.lower() == "not"));
        let negated = trigger.contains("n't") || trigger.contains(" not") || verb_at > person_at + 1;
        if !matches!(trigger, "why did" | "why didn't" | "why did not") {
            return;
        }
        let Some(verb) = after.get(verb_at) else {
            return;
        };
        let Some(forms) = verbs::lookup(verb.text).filter(|f| f.base.eq_ignore_ascii_case(verb.text)) else {
            return;
        };
        let rest = text[verb.end..q_end].trim_end();
        // A long question reads badly once rewritten; offer the rewrite for short ones.
        if rest.split_whitespace().count() > 8 || forms.base == "forget" {
            return;
        }
        let new = if negated {
            format!("what made {}{rest} seem unnecessary at the time", forms.ing)
        } else {
            format!("what made {}{rest} make sense at the time", forms.ing)
        };
        let range = hit.range.start..q_end;
        let original = &text[range.clone()];
        if let Some(fix) =
            reframe::rewrite(ctx.doc, "Ask what made it make sense", range, reframe::match_case(original, &new))
        {
            d.fixes.push(fix);
        }
        return;
    }

    if !is_question && !trigger.starts_with("whose") {
        return;
    }
    // "Who is responsible for the proxy now?": who owns it from here on, not who is to blame.
    if matches!(trigger, "who is responsible" | "who's responsible") {
        let asked = text[hit.range.end..q_end].to_ascii_lowercase();
        let words: Vec<&str> = asked.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).collect();
        let ahead = |phrase: &[&str]| words.windows(phrase.len()).any(|w| w == phrase);
        if ahead(&["now"]) || ahead(&["going", "forward"]) || ahead(&["in", "future"]) || ahead(&["from", "here"]) {
            return;
        }
    }
    let d = out.add(hit.range.start..q_end, "Looks for someone to hold responsible: ask how it came about instead.");
    let range = hit.range.start..q_end;
    let original = &text[range.clone()];
    let rest = text[hit.range.end..q_end].trim();
    let new = if trigger.starts_with("whose") || trigger.contains("blame") || trigger.contains("responsible") {
        // "who is responsible for the outage" → "what contributed to the outage"
        let object = rest.strip_prefix("for ").unwrap_or(if trigger.starts_with("whose") { "" } else { rest });
        if object.is_empty() || trigger.starts_with("whose") {
            Some("what contributed to this".to_string())
        } else {
            Some(format!("what contributed to {object}"))
        }
    } else {
        // "who approved the change" → "how did the change come to be approved"
        let verb_word = trigger.split(' ').nth(1).unwrap_or("");
        let participle = match verb_word {
            "signed" => Some("signed off".to_string()),
            _ => verbs::lookup(verb_word).map(|f| f.participle.clone()),
        };
        let object = rest.strip_prefix("off ").unwrap_or(rest).trim_start_matches("on ");
        match participle {
            Some(p)
                if !object.is_empty()
                    && !matches!(trigger, "who did this" | "who let" | "who allowed" | "who made") =>
            {
                Some(format!("how did {object} come to be {p}"))
            }
            _ => None,
        }
    };
    if let Some(new) = new {
        if let Some(fix) =
            reframe::rewrite(ctx.doc, "Ask how it came about", range, reframe::match_case(original, &new))
        {
            d.fixes.push(fix);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{fixed, flagged};

    const ID: &str = "blame-interrogation";

    #[test]
    fn who_among_a_group_then_the_act() {
        assert_eq!(flagged(ID, "Who within the supplier signed off the test plan when it held no tests?").len(), 1);
        assert_eq!(flagged(ID, "Who in the team approved the change?").len(), 1);
        for fine in ["Who at the bank was paged?", "Who at the vendor noticed the drift first?"] {
            assert!(flagged(ID, fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn a_question_after_a_colon_and_a_stressed_who() {
        for text in [
            "My first question was literally: who on earth thought retrying charges without a key was fine?",
            "7.4 The Panel put the following question to the Directorate: who authorised the release outside the window?",
            "Who exactly approved the Friday deploy?",
        ] {
            assert_eq!(flagged(ID, text).len(), 1, "{text}");
        }
        for text in [
            "The question for the review: who is on call next week?",
            "We asked one thing: who noticed the queue first?",
            "The runbook says who on earth to page: the duty manager.",
        ] {
            assert!(flagged(ID, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_thing_with_a_name_is_not_put_on_trial() {
        for text in [
            "Tula (pass scheduler) worked as designed.\n\nWhy did Tula accept a 45° mask for every station?",
            "Ernie, the certified random number generator appliance, drew the numbers.\n\nWhy did Ernie refuse \
             the seed bundle?",
        ] {
            assert!(flagged(ID, text).is_empty(), "{text}");
        }
        assert_eq!(
            flagged(ID, "Kofi (pass planning lead) signed it off.\n\nWhy did Kofi accept a 45° mask?"),
            ["Why did Kofi accept a 45° mask"]
        );
    }

    #[test]
    fn flags_questions_at_people() {
        // A title before a name no list holds.
        assert_eq!(
            flagged(ID, "Why did Herr Trần close the warning without looking?"),
            ["Why did Herr Trần close the warning without looking"]
        );
        assert_eq!(flagged(ID, "Why did you restart it?"), ["Why did you restart it"]);
        assert_eq!(flagged(ID, "Who approved the change?"), ["Who approved the change"]);
        assert_eq!(flagged(ID, "Whose fault was it?"), ["Whose fault was it"]);
        assert_eq!(flagged(ID, "And whose fault the outage was?").len(), 1);
        assert_eq!(flagged(ID, "Who is responsible for this outage?"), ["Who is responsible for this outage"]);
        assert_eq!(flagged(ID, "Why didn't the on-call page storage?"), ["Why didn't the on-call page storage"]);
        assert_eq!(flagged(ID, "Why didn't Dana page storage?"), ["Why didn't Dana page storage"]);
        // A numbered paragraph's question still opens its sentence.
        assert_eq!(flagged(ID, "5.6 Who authorised the release?"), ["Who authorised the release"]);
        assert!(flagged(ID, "Section 5.6 asks who authorised the release?").is_empty());
    }

    #[test]
    fn flags_more_shapes_of_trial() {
        for (q, want) in [
            ("Whose idea was it to deploy on Friday?", "Whose idea was it to deploy on Friday"),
            ("Who decided to skip the canary?", "Who decided to skip the canary"),
            ("What were you thinking?", "What were you thinking"),
            ("How could they not see the alert?", "How could they not see the alert"),
            ("Why did Oksana restart the primary?", "Why did Oksana restart the primary"),
        ] {
            assert_eq!(flagged(ID, q), [want], "{q}");
        }
    }

    #[test]
    fn reported_and_unmarked_questions_and_departments() {
        for hit in [
            "JM asked TK what he was thinking when he deployed on a storm-warning day.",
            "Dana wanted to know what she was thinking when she skipped the canary.",
            "like what were you thinking marco",
            "Why did IT not roll back as soon as the queue passed 500 requests?",
            "- people: @bao, @kylie\n\nWhy did bao rotate the keys on the night before the sale?",
        ] {
            assert_eq!(flagged(ID, hit).len(), 1, "{hit}: {:?}", flagged(ID, hit));
        }
        for fine in [
            "We no longer ask what she was thinking; we ask what she knew.",
            "Instead of asking what he was thinking, ask what the dashboard showed.",
            "He explained what he was thinking at the time: the queue looked normal.",
            "Don't ask \"what were you thinking\" in a review.",
            "Why did it not roll back?",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn leaves_questions_about_systems_and_ourselves() {
        for fine in [
            "The service is in a zone whose fault domain is the rack.",
            "A controller whose fault relay trips opens the gate.",
            "Who is responsible for the proxy now? This is follow-up 1.",
            "Who is responsible for renewals going forward?",
            "Who is paged for this service?",
            "**Q: Who was affected?**",
            "Who were notified, and when?",
            "Why did the alert not fire?",
            "Why didn't we catch this in staging?",
            "Why would the cache expire early?",
            "We asked who approved changes on weekends, and found no rule.",
            "Whose change it was does not matter; what matters is why the check passed.",
            "No matter who pushed the button, the pipeline should have stopped it.",
            "Who approved it is beside the point: the approval step could not show the diff.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn rewrites_ask_what_made_sense() {
        assert_eq!(
            fixed(ID, "Why did you restart it?", 0).as_deref(),
            Some("What made restarting it make sense at the time?")
        );
        assert_eq!(
            fixed(ID, "Why didn't you escalate?", 0).as_deref(),
            Some("What made escalating seem unnecessary at the time?")
        );
        assert_eq!(
            fixed(ID, "Who approved the change?", 0).as_deref(),
            Some("How did the change come to be approved?")
        );
        assert_eq!(fixed(ID, "Who broke the build?", 0).as_deref(), Some("How did the build come to be broken?"));
        assert_eq!(
            fixed(ID, "Who is responsible for the outage?", 0).as_deref(),
            Some("What contributed to the outage?")
        );
        assert_eq!(fixed(ID, "Whose fault was it?", 0).as_deref(), Some("What contributed to this?"));
    }
}
