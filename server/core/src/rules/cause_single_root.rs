//! `cause-single-root`: "the root cause was…" framing one cause.

use crate::config::RuleLevel;
use crate::rules::{no_check, reframe, Context, PhraseHit, Report, Rule, RuleDocs, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "cause-single-root",
        default_level: RuleLevel::Info,
        summary: "\"The root cause was…\" framing one cause",
        docs: RuleDocs {
            what: "\"The root cause was …\", \"… was the root cause\", \"… was identified as / turned out to be the \
                   root cause\", \"Root cause: …\", \"**ROOT CAUSE** — …\", \"the single root cause\", \"it all comes down \
                   to one root cause\", \"the only cause\" and \"caused solely by\". Plural, analytical, rejected and \
                   open uses (\"root causes\", \"root cause analysis\", \"one of the root causes\", \"operator error is \
                   never a root cause\", \"Root cause: still under investigation\", \"the root cause is probably …\") and \
                   section headings are left alone.",
            why: "Incidents in complex systems come from several conditions meeting, not from one broken part. Naming \
                  a single root cause ends the search once one condition is found, and the follow-ups then fix that \
                  one thing while the others stay in place for the next incident.",
            flagged: &[
                "The root cause was an expired certificate.",
                "Root cause: the cache TTL was set to zero.",
                "The expired certificate was the root cause of the outage.",
            ],
            fine: &[
                "Contributing factors include an expired certificate and no expiry alert.",
                "One of the root causes was the missing alert.",
                "We ran a root cause analysis workshop.",
                "# Incident debrief\n\n## Root Cause\n\nSeveral factors met: an expired certificate and no alert.\n",
            ],
            reframe: "Write \"Contributing factors include …\" and list more than one: the trigger, what let it \
                      spread, what delayed detection.",
            fix: "\"The root cause was\" → \"Contributing factors include\", \"Root cause:\" → \"Contributing \
                  factors:\"; unsafe, because the list should then grow.",
        },
    },
    triggers: TRIGGERS,
    on_phrase,
    check: no_check,
};

const TRIGGERS: &[&str] = &[
    "root cause",
    "root-cause",
    "root issue",
    "root reason",
    "the only cause",
    "the sole cause",
    "the single cause",
    "the one cause",
    "one and only cause",
    "exactly one cause",
    "just one cause",
    "the only reason for the outage",
    "the only reason for the incident",
    "the only reason for the failure",
    "the sole reason for the outage",
    "the sole reason for the incident",
    "the sole reason for the failure",
    "the single reason for the outage",
    "the single reason for the incident",
    "the single reason for the failure",
    "the one reason for the outage",
    "the one reason for the incident",
    "the one reason for the failure",
    "stemmed from one",
    "stemmed from a single",
    "stems from one",
    "stems from a single",
    "all stemmed from",
    "everything stemmed from",
    "traced to a single",
    "traced to one",
    "traces to a single",
    "traces to one",
    "the real cause",
    "the true cause",
    "the actual cause",
    "comes down to one",
    "come down to one",
    "boils down to one",
    "comes down to a single",
    "boils down to a single",
    "the underlying cause",
    "the fundamental cause",
    "the ultimate cause",
    "root of the problem",
    "root of the issue",
    "it all comes down to",
    "it boils down to",
    "it boiled down to",
    "this boils down to",
    "it all came down to",
    "everything comes down to",
    "everything came down to",
    "it all boils down to",
    "it all boiled down to",
    "everything boils down to",
    "traces back to one",
    "traced back to one",
    "traces back to a single",
    "traced back to a single",
    "all traces back to",
    "all traced back to",
    "everything traces back to",
    "everything traced back to",
    "at the heart of it",
    "at the heart of this",
    "at the heart of all this",
    "at the heart of the incident",
    "at the heart of the outage",
    "at the heart of the problem",
    "at the heart of the issue",
    "caused solely by",
    "caused entirely by",
    "solely due to",
    "entirely due to",
];

/// Adverbs that make a cause the only one: "caused *solely* by", "*entirely* due to".
fn is_sole_cause(trigger: &str) -> bool {
    ["solely", "entirely", "purely", "wholly"].iter().any(|w| trigger.contains(w))
}

/// Words between a determiner and "root cause" that insist on one cause: "the *single*
/// root cause", "the *real* root cause".
const INSISTING: &[&str] = &[
    "single",
    "sole",
    "one",
    "only",
    "real",
    "true",
    "actual",
    "ultimate",
    "same",
    "fundamental",
    "underlying",
    "very",
];

/// Words that say the cause is not known yet: "the root cause is still unknown".
const UNKNOWN: &[&str] = &[
    "unknown",
    "unclear",
    "undetermined",
    "pending",
    "tbd",
    "tbc",
    "investigating",
    "investigation",
    "unconfirmed",
    "uncertain",
    "yet",
    "still",
    "being",
    "remains",
    "under",
];

/// Words that hedge a cause: "a possible root cause".
const HEDGES: &[&str] =
    &["possible", "potential", "probable", "likely", "suspected", "candidate", "plausible", "presumed", "apparent"];

/// Words right after the verb, or at the start of a label's value, that say the cause is
/// a guess or not found: "the root cause is *probably* the TTL", "Root cause: *not yet*
/// identified", "the root cause, *as far as we can tell*, was …".
const GUESSES: &[&str] = &[
    "probably",
    "likely",
    "possibly",
    "perhaps",
    "maybe",
    "presumably",
    "believed",
    "thought",
    "suspected",
    "assumed",
    "tentatively",
    "unknown",
    "unclear",
    "undetermined",
    "unconfirmed",
    "uncertain",
    "unsure",
    "unverified",
    "pending",
    "tbd",
    "tbc",
    "n/a",
    "not",
    "none",
    "still",
    "yet",
    "under",
    "investigating",
    "far",
    "tell",
    "think",
    "believe",
    "suspect",
    "guess",
    "seems",
    "appears",
];

/// First words of a label's value that point elsewhere or list several causes: "Root
/// cause — see below", "Root cause: several, listed under Contributing factors".
const NOT_CLAIMED: &[&str] = &["see", "refer", "below", "above", "several", "multiple", "various", "many", "n/a"];

/// Words after "pending" or "not" later in the sentence that leave the cause open: "the
/// root cause appears to be the TTL, *pending confirmation*".
const OPEN_AFTER: &[&str] =
    &["confirmation", "confirmed", "verification", "verified", "investigation", "review", "sure", "certain"];

/// Verbs before "as" or "to be" that name a cause: "was *identified as* the root cause",
/// "*turned out to be* the root cause", "*traced* the root cause *to* a stale record".
const NAMING: &[&str] = &[
    "identified",
    "named",
    "determined",
    "found",
    "declared",
    "confirmed",
    "established",
    "pinpointed",
    "diagnosed",
    "recognised",
    "recognized",
    "singled",
    "shown",
    "proved",
    "proven",
    "turned",
    "traced",
    "tracked",
    "pinned",
    "narrowed",
    "isolated",
];

/// Words before an insisting "one" or "single" that deny or question a single cause: "more
/// *than* one root cause", "there is *rarely* a single root cause", "*whether* there was a
/// single root cause".
const DOUBTS: &[&str] = &[
    "not", "never", "no", "nor", "rarely", "seldom", "hardly", "than", "least", "whether", "if", "avoid", "beyond",
    "without", "instead", "rather", "unlikely", "doubt", "myth", "search", "looking", "hunt", "hunting", "find",
    "idea", "notion", "concept", "resist",
];

const COPULAS: &[&str] = &[
    "was", "is", "were", "has", "had", "turned", "appears", "appeared", "seems", "seemed", "lies", "lay", "boils",
    "boiled", "came", "comes", "stems", "stemmed", "rests", "rested", "sits", "sat", "resides", "resided",
];

fn on_phrase(ctx: &Context<'_>, hit: &PhraseHit, out: &mut Report<'_>) {
    let trigger = TRIGGERS[hit.trigger];
    let text = ctx.doc.text;
    let message = "Frames one cause: list the contributing factors instead.";

    // A heading is a section's name: a template's "Root Cause" section often lists several
    // factors, and the claim, when there is one, is in the prose under it.
    // "## Root cause: missing capacity planning" states one in its heading.
    let in_heading = ctx.doc.headings.iter().find(|h| h.range.start <= hit.range.start && hit.range.end <= h.range.end);
    if let Some(h) = in_heading {
        let rest = text[hit.range.end..h.range.end].trim_start_matches(['*', '_', ' ', 's']);
        let claim = rest
            .strip_prefix([':', '\u{2014}', '\u{2013}', '-'])
            .map(str::trim)
            .is_some_and(|r| r.split_whitespace().count() >= 2);
        if claim {
            out.add(hit.range.clone(), message);
        }
        return;
    }

    let sentence = ctx.sentence(hit);
    let tokens = &sentence.tokens;
    let Some(t_index) = sentence.token_at(hit.range.start) else {
        return;
    };
    let after: Vec<_> = tokens.iter().filter(|t| t.start >= hit.range.end).collect();

    // A bold label with a dash: "**ROOT CAUSE** — the cache", "Root cause - the cache".
    let rest_after = text[hit.range.end..].trim_start_matches(['*', '_']);
    let dash_label = rest_after.trim_start().starts_with(['\u{2014}', '\u{2013}'])
        || rest_after.starts_with(" - ")
        || rest_after.trim_start().starts_with("-- ");
    let at_line_start = {
        let line_start = text[..hit.range.start].rfind('\n').map_or(0, |i| i + 1);
        let markers = ['-', '*', '+', ' ', '_', '>', '\t'];
        let before = text[line_start..hit.range.start].trim_start_matches(markers);
        // "4.9 **ROOT CAUSE** —", "3) Root cause -": a numbered report's section number.
        let numbered = before.strip_prefix(|c: char| c.is_ascii_digit()).is_some_and(|rest| {
            let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ')'));
            rest.starts_with(' ') && rest.trim_start_matches(markers).is_empty()
        });
        before.is_empty() || numbered
    };
    // "Root cause of the outage — a full disk", "Root cause? A stale cache entry."
    let late_dash = || {
        let line_end = text[hit.range.end..].find('\n').map_or(text.len(), |i| hit.range.end + i);
        let rest = &text[hit.range.end..line_end];
        let starts_of = rest.trim_start_matches(['*', '_']).trim_start().starts_with("of ");
        let dash = rest.find(['\u{2014}', '\u{2013}']).or_else(|| rest.find(" - "));
        dash.is_some_and(|d| {
            let label = &rest[..d];
            let value = rest[d..].trim_start_matches(['\u{2014}', '\u{2013}', '-', ' ']);
            starts_of
                && label.split_whitespace().count() <= 6
                && !label.split_whitespace().any(|w| COPULAS.contains(&w.to_ascii_lowercase().as_str()))
                && value.split_whitespace().count() >= 2
        })
    };
    let question_label = rest_after.starts_with('?')
        && rest_after[1..].lines().next().is_some_and(|v| v.split_whitespace().count() >= 2);
    // "**Root cause.** The batch had been moved …": a bold label closed by its full stop.
    let period_label = text[..hit.range.start].ends_with("**")
        && text[hit.range.end..].starts_with(".**")
        && text[hit.range.end + 3..].lines().next().is_some_and(|v| v.split_whitespace().count() >= 2);
    if at_line_start && trigger.starts_with("root") && (dash_label || question_label || period_label || late_dash()) {
        if !label_open(text, hit.range.end) {
            out.add(hit.range.clone(), message);
        }
        return;
    }
    // A table row labelled with it: "| Root cause | Rate limiting switched off |".
    let row_label = {
        let line_start = text[..hit.range.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[hit.range.end..].find('\n').map_or(text.len(), |i| hit.range.end + i);
        let before = text[line_start..hit.range.start].trim_matches(['*', '_', ' ', '\t']);
        let cell = text[hit.range.end..line_end].trim_start_matches(['*', '_', ' ', 's', ':']);
        let value = cell.strip_prefix('|').map(|v| v.split('|').next().unwrap_or("").trim());
        // A header row ("| Root cause | Contributing factors |") names columns.
        let next_line = text[line_end..].trim_start_matches('\n').lines().next().unwrap_or("");
        let header = next_line.trim_start().starts_with('|')
            && next_line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
        before == "|" && !header && value.is_some_and(|v| v.split_whitespace().count() >= 2)
    };
    if trigger.starts_with("root") && row_label {
        out.add(hit.range.clone(), message);
        return;
    }
    // "it all comes down to …", "everything traces back to …": one cause, whatever follows.
    let stems = trigger.contains("stemmed from") || trigger.contains("stems from");
    let traced = trigger.starts_with("traced to") || trigger.starts_with("traces to");
    if trigger.contains("down to") || trigger.contains("back to") || stems || traced {
        // "It all comes down to one …": the longer phrase before has the finding.
        // "What it boils down to for customers is …": a consequence, not a cause.
        let said_before =
            t_index.checked_sub(1).is_some_and(|i| matches!(tokens[i].lower().as_str(), "all" | "everything" | "what"));
        // "stems from a single hot partition and the missing backpressure": more than one.
        let more = (stems || traced) && after.iter().any(|t| t.lower() == "and");
        if !said_before && !more {
            out.add(hit.range.clone(), message);
        }
        return;
    }
    if !trigger.starts_with("root") {
        let doubt = tokens[t_index.saturating_sub(8)..t_index].iter().any(|t| {
            let l = t.lower();
            matches!(l.as_str(), "not" | "never" | "unlikely" | "doubt" | "no") || l.ends_with("n't")
        });
        if doubt {
            return;
        }
        // "the underlying cause is still unknown", "the real cause, we think, was …".
        let guessed = tokens[t_index..].iter().skip(trigger.split(' ').count()).take(4).any(|t| {
            let l = t.lower();
            UNKNOWN.contains(&l.as_str()) || GUESSES.contains(&l.as_str())
        }) || sentence.tokens.last().is_some_and(|t| t.text == "?");
        if guessed {
            return;
        }
        if is_sole_cause(trigger) {
            out.add(hit.range.clone(), message);
            return;
        }
        // "the underlying cause was …", "… is the underlying cause", but "we looked for the
        // underlying cause" names a search, not a claim.
        if !["only", "sole", "single", "one", "real", "true", "actual"].iter().any(|w| trigger.contains(w)) {
            let words = trigger.split(' ').count();
            let rest = &tokens[(t_index + words).min(tokens.len())..];
            let copula_after = match rest.first().map(|t| t.lower()) {
                Some(w) if COPULAS.contains(&w.as_str()) => Some(0),
                Some(w) if matches!(w.as_str(), "of" | "for" | "behind") => {
                    rest.iter().take(8).position(|t| COPULAS.contains(&t.lower().as_str()))
                }
                _ => None,
            };
            let copula_before = t_index.checked_sub(1).is_some_and(|i| COPULAS.contains(&tokens[i].lower().as_str()));
            // "… is still not understood": the words after the verb leave it open.
            let open = copula_after.is_some_and(|c| {
                rest.iter().skip(c + 1).take(2).any(|t| {
                    let l = t.lower();
                    UNKNOWN.contains(&l.as_str()) || GUESSES.contains(&l.as_str())
                })
            });
            if open || !(copula_after.is_some() || copula_before) {
                return;
            }
        }
        // "the only cause was" — replace with "a contributing factor"; "at the heart of it
        // was" has no noun of cause to replace.
        let d = out.add(hit.range.clone(), message);
        if !trigger.contains("cause") {
            return;
        }
        let original = &text[hit.range.clone()];
        if let Some(fix) = reframe::rewrite(
            ctx.doc,
            "Call it a contributing factor",
            hit.range.clone(),
            reframe::match_case(original, "a contributing factor"),
        ) {
            d.fixes.push(fix);
        }
        return;
    }

    let mut det = t_index.checked_sub(1).map(|i| tokens[i].lower());
    // "a possible root cause", "the suspected root cause": hedged, not a claim.
    if det.as_deref().is_some_and(|d| HEDGES.contains(&d)) {
        return;
    }
    // "the single root cause", "the same root cause": the determiner before the insistence.
    let insisting = det.as_deref().is_some_and(|d| INSISTING.contains(&d));
    if insisting {
        // Back over every insisting word: "the one and only root cause".
        let mut k = t_index - 1;
        while k > 0 && (INSISTING.contains(&tokens[k].lower().as_str()) || tokens[k].lower() == "and") {
            k -= 1;
        }
        det = (!INSISTING.contains(&tokens[k].lower().as_str())).then(|| tokens[k].lower());
        if det.as_deref().is_some_and(|d| HEDGES.contains(&d)) {
            return;
        }
    }
    // "the root cause (of the outage) is still unknown / under investigation / not yet
    // known / remains unclear": the words right after the verb.
    let verb_at = after.iter().take(8).position(|t| {
        matches!(t.lower().as_str(), "is" | "was" | "remains" | "remained" | "has" | "stays" | "isn't" | "wasn't")
    });
    let unknown = verb_at.is_some_and(|v| {
        after.iter().skip(v + 1).take(2).any(|t| {
            let l = t.lower();
            UNKNOWN.contains(&l.as_str()) || GUESSES.contains(&l.as_str())
        })
    });
    // "…, pending confirmation", "…, but we are not sure": the claim left open.
    let left_open = after.windows(2).any(|w| {
        ["pending", "not", "awaiting", "until", "be"].iter().any(|o| w[0].text.eq_ignore_ascii_case(o))
            && OPEN_AFTER.iter().any(|o| w[1].text.eq_ignore_ascii_case(o))
    });
    if left_open {
        return;
    }
    // Notes without a verb: "Root cause of the second spike still not clear, maybe GC".
    let clause: Vec<_> = after.iter().take_while(|t| !matches!(t.text, "," | ";" | "." | ":")).take(12).collect();
    let unsure = verb_at.is_none()
        && clause.iter().any(|t| {
            matches!(t.lower().as_str(), "unclear" | "unknown" | "clear" | "known" | "tbd" | "tbc" | "maybe" | "unsure")
        });
    if unknown || unsure {
        return;
    }
    // "one of the root causes" never reaches here (plural); "the root cause analysis" is
    // a method, not a claim.
    if after.first().is_some_and(|t| {
        matches!(
            t.lower().as_str(),
            "analysis" | "analyses" | "analysed" | "analyzed" | "analysing" | "analyzing" | "rca"
        )
    }) {
        return;
    }
    // "Root cause was the key…", "Root cause of the outage was…": no article, as notes write it.
    let at_start = t_index == 0 || tokens[..t_index].iter().all(|t| !t.is_word());
    // "Root cause:", "**Root cause**:", "Root cause of the incident:".
    let colon_at = after.iter().take(7).position(|t| t.text == ":");
    let label_end = colon_at.filter(|&c| {
        c == 0
            || (after[0].lower() == "of" && !after[..c].iter().any(|t| COPULAS.contains(&t.lower().as_str())))
            // "Root cause identified: …", "Root cause (confirmed): …".
            || (at_start
                && after[..c].iter().filter(|t| t.is_word()).count() == 1
                && after[..c].iter().any(|t| NAMING.contains(&t.lower().as_str())))
    });
    // "Root cause (as agreed by the meeting): …": an aside that settles it (not "(to be
    // confirmed)", "(suspected)").
    let settled_aside = || {
        let c = after.iter().take(12).position(|t| t.text == ":")?;
        let words = || after[..c].iter().map(|t| t.lower());
        (at_start
            && after[0].text == "("
            && c >= 2
            && after[c - 1].text == ")"
            && words().any(|w| NAMING.contains(&w.as_str()) || w == "agreed")
            && !words().any(|w| {
                matches!(w.as_str(), "to" | "not" | "suspected" | "pending" | "tentative" | "preliminary" | "likely")
            }))
        .then_some(c)
    };
    let label_end = label_end.or_else(settled_aside);
    let label = label_end.is_some()
        || (text[hit.range.end..].starts_with("**:") || text[hit.range.end..].starts_with(":**"))
        || (at_start && text[hit.range.end..].trim_start().starts_with('='));
    let determined = matches!(det.as_deref(), Some("the" | "a" | "its" | "our" | "their")) || (at_start && !insisting);
    // "The root cause (of the outage) was …": the copula right after, or after an "of" phrase.
    // "The fundamental root cause, therefore, is …": past a word set off by commas.
    let aside = match after.first() {
        Some(t) if t.text == "," => after.iter().skip(1).take(6).position(|t| t.text == ",").map_or(0, |k| k + 2),
        _ => 0,
    };
    // "The root cause, as far as we can tell, was …": the aside hedges it.
    if after[..aside.min(after.len())].iter().any(|t| GUESSES.contains(&t.lower().as_str())) {
        return;
    }
    let after = &after[aside.min(after.len())..];
    let copula_at = match after.first().map(|t| t.lower()) {
        Some(w) if COPULAS.contains(&w.as_str()) => Some(0),
        Some(w) if matches!(w.as_str(), "of" | "for" | "behind" | "here" | "in") => {
            after.iter().take(8).position(|t| COPULAS.contains(&t.lower().as_str()))
        }
        _ => None,
    };
    // "… was the root cause": the claim stated the other way round.
    let before_det = t_index.checked_sub(2).map(|i| tokens[i].lower());
    // "identified the root cause as the mismatch", "found the root cause to be …".
    let named_as = before_det.as_deref().is_some_and(|w| NAMING.contains(&w))
        && after.iter().take(6).any(|t| matches!(t.lower().as_str(), "as" | "to"));
    // "was identified as the root cause", "turned out to be the root cause".
    let named_before = before_det.as_deref().is_some_and(|w| matches!(w, "as" | "be"))
        && tokens[t_index.saturating_sub(5)..t_index.saturating_sub(2)]
            .iter()
            .any(|t| NAMING.contains(&t.lower().as_str()));
    // "That's the root cause", "here's the root cause": the copula contracted.
    let contracted = before_det.as_deref().is_some_and(|w| {
        w.strip_suffix("'s")
            .or_else(|| w.strip_suffix("\u{2019}s"))
            .is_some_and(|s| matches!(s, "that" | "it" | "this" | "here" | "which" | "what"))
    });
    // "is considered the root cause", "was deemed the root cause".
    let deemed = before_det.as_deref().is_some_and(|w| matches!(w, "considered" | "deemed" | "called" | "named"));
    let predicate = determined
        && (before_det.as_deref().is_some_and(|w| COPULAS.contains(&w))
            || named_as
            || named_before
            || contracted
            || deemed);
    // "is never a root cause", "was not the root cause": the frame rejected.
    let negation = |t: &crate::grammar::Token<'_>| {
        let l = t.lower();
        matches!(l.as_str(), "not" | "never" | "no" | "isn't" | "wasn't" | "nor" | "unlikely" | "doubt")
            || l.ends_with("n't")
    };
    let negated = tokens[t_index.saturating_sub(8)..t_index].iter().any(negation)
        // "the root cause was not identified until…": about finding it, not a claim.
        || copula_at.is_some_and(|c| after.get(c + 1).is_some_and(|t| negation(t)));
    // "primary root cause" admits others.
    if matches!(det.as_deref(), Some("primary" | "secondary" | "main" | "first" | "second" | "another")) {
        return;
    }
    let strong = insisting && matches!(tokens[t_index - 1].lower().as_str(), "single" | "sole" | "one" | "only");
    // "has exactly one root cause", "points to a single root cause": one cause insisted on,
    // whatever comes before, unless doubted ("more than one", "rarely a single") or asked.
    // A sentence that starts "One root cause was …" names one of several.
    let doubted = strong
        && (tokens[t_index.saturating_sub(8)..t_index].iter().any(|t| DOUBTS.contains(&t.lower().as_str()))
            || sentence.tokens.last().is_some_and(|t| t.text == "?"));
    let insisted = strong
        && !(tokens[t_index - 1].lower() == "one" && tokens[..t_index - 1].iter().all(|t| !t.is_word()))
        && !doubted;
    let framed = label || (determined && (copula_at.is_some() || predicate || (strong && !doubted))) || insisted;
    if !framed || negated {
        return;
    }
    // "Root cause: unknown", "**Root cause:** still under investigation".
    if label && label_open(text, hit.range.end) {
        return;
    }
    if copula_at.is_none() && !label {
        // "Everything points to a single root cause, the full disk": no verb to rewrite.
        if !predicate {
            out.add(start_of(&tokens[..], t_index, det.as_deref(), hit.range.start)..hit.range.end, message);
            return;
        }
    }
    if predicate && copula_at.is_none() && !label {
        out.add(tokens[t_index - 1].start..hit.range.end, message);
        return;
    }
    let start = if label || !matches!(det.as_deref(), Some("the" | "a" | "its" | "our")) {
        hit.range.start
    } else {
        tokens[t_index - 1].start
    };
    let d = out.add(start..hit.range.end, message);
    if label {
        // "Root cause of the incident:" → "Contributing factors to the incident:".
        let (range, new) = match label_end.filter(|&c| c > 0) {
            Some(c) => {
                let rest = text[after[1].start..after[c].start].trim_end();
                (hit.range.start..after[c].start, format!("contributing factors to {rest}"))
            }
            None => (hit.range.clone(), "contributing factors".to_string()),
        };
        let original = &text[range.clone()];
        if let Some(fix) =
            reframe::rewrite(ctx.doc, "Write “Contributing factors”", range, reframe::match_case(original, &new))
        {
            d.fixes.push(fix);
        }
        return;
    }
    // "The root cause of the outage was" → "Contributing factors to the outage include".
    let copula = after[copula_at.expect("framed by a copula")];
    if copula.lower() != "was" && copula.lower() != "is" {
        return;
    }
    let between = text[hit.range.end..copula.start].trim();
    let middle = match between.strip_prefix("of ") {
        Some(rest) => format!(" to {rest}"),
        None if between.is_empty() => String::new(),
        None => return,
    };
    let range = start..copula.end;
    let original = &text[range.clone()];
    let new = reframe::match_case(original, &format!("contributing factors{middle} include"));
    if let Some(fix) = reframe::rewrite(ctx.doc, "Write “Contributing factors include”", range, new) {
        d.fixes.push(fix);
    }
}

/// Where a single-cause finding without a verb starts: at its determiner when it has one.
fn start_of(tokens: &[crate::grammar::Token<'_>], t_index: usize, det: Option<&str>, hit_start: usize) -> usize {
    match det {
        Some("the" | "a" | "its" | "our") if t_index > 0 => tokens[t_index - 1].start,
        _ => hit_start,
    }
}

/// Whether a label's value (after "Root cause:", "— " or "?") says the cause is not
/// known: "unknown", "TBD", "still under investigation", "not yet identified", "probably …".
fn label_open(text: &str, label_end: usize) -> bool {
    let line_end = text[label_end..].find('\n').map_or(text.len(), |i| label_end + i);
    let line = &text[label_end..line_end];
    let value_at = line.find([':', '?', '=', '\u{2014}', '\u{2013}']).or_else(|| line.find(" - ")).unwrap_or(0);
    let words: Vec<String> = line[value_at..]
        .split(|c: char| !(c.is_alphanumeric() || c == '/'))
        .filter(|w| !w.is_empty())
        .take(3)
        .map(str::to_ascii_lowercase)
        .collect();
    let known = |w: &str| {
        matches!(w, "yet" | "known" | "found" | "identified" | "determined" | "clear" | "confirmed" | "established")
    };
    match words.first().map(String::as_str) {
        // "not yet identified", but "not enough disk space" states a cause.
        Some("not") => words.get(1).is_some_and(|w| known(w)),
        // "under investigation", but "under-provisioned pool" states a cause.
        Some("under") => words.get(1).is_some_and(|w| matches!(w.as_str(), "investigation" | "review" | "analysis")),
        Some(first) if NOT_CLAIMED.contains(&first) => true,
        Some(_) => words.iter().take(2).any(|w| w != "not" && GUESSES.contains(&w.as_str())),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{fixed, flagged};

    const ID: &str = "cause-single-root";

    #[test]
    fn a_bold_label_closed_by_its_full_stop() {
        assert_eq!(flagged(ID, "**Root cause.** The payment batch had been moved to 16:30."), ["Root cause"]);
        assert!(flagged(ID, "**Root cause.** Unknown.").is_empty());
        assert!(flagged(ID, "We looked for a root cause. The batch had been moved.").is_empty());
    }

    #[test]
    fn a_label_with_an_aside_that_settles_it() {
        assert_eq!(flagged(ID, "Root cause (as agreed by the meeting): legality cache disabled.").len(), 1);
        assert_eq!(flagged(ID, "Root cause (confirmed by the vendor): a firmware bug.").len(), 1);
        assert!(flagged(ID, "Root cause (suspected): the cache.").is_empty());
        assert!(flagged(ID, "Root cause (to be confirmed): the cache.").is_empty());
    }

    #[test]
    fn flags_single_cause_framing() {
        assert_eq!(flagged(ID, "The root cause was an expired certificate."), ["The root cause"]);
        assert_eq!(flagged(ID, "Root cause: the TTL was zero."), ["Root cause"]);
        assert_eq!(flagged(ID, "- **Root cause**: the TTL was zero."), ["Root cause"]);
        assert_eq!(flagged(ID, "We found the root cause of the outage was the TTL."), ["the root cause"]);
        assert_eq!(flagged(ID, "The only cause was the TTL."), ["The only cause"]);
        assert_eq!(flagged(ID, "The root reason was the expired token."), ["The root reason"]);
        assert_eq!(flagged(ID, "**ROOT CAUSE** — the TTL was zero."), ["ROOT CAUSE"]);
        // A numbered report's section number before the label.
        assert_eq!(flagged(ID, "3.2 **ROOT CAUSE** — a retry loop in the ingest worker."), ["ROOT CAUSE"]);
        assert_eq!(flagged(ID, "7) Root cause - the pool was sized for last year's peak."), ["Root cause"]);
        assert_eq!(flagged(ID, "There was a single root cause: the TTL."), ["root cause"]);
        assert_eq!(
            flagged(ID, "It all comes down to one root cause: the TTL."),
            ["It all comes down to", "root cause"]
        );
        assert_eq!(flagged(ID, "In the end everything traces back to the stale lease."), ["everything traces back to"]);
        assert_eq!(flagged(ID, "It all came down to how the pool was sized."), ["It all came down to"]);
        assert_eq!(flagged(ID, "Everything stemmed from one misconfigured flag."), ["Everything stemmed from"]);
        assert_eq!(flagged(ID, "The one and only cause was the expired certificate."), ["one and only cause"]);
        assert_eq!(
            flagged(ID, "The sole reason for the outage was a bad DNS record."),
            ["The sole reason for the outage"]
        );
        assert_eq!(flagged(ID, "The outage can be traced to a single line."), ["traced to a single"]);
        assert_eq!(flagged(ID, "The failures traced back to one bad node."), ["traced back to one"]);
        assert_eq!(flagged(ID, "At the heart of it was a single bad migration."), ["At the heart of it"]);
        assert_eq!(flagged(ID, "At the heart of the outage is the retry loop."), ["At the heart of the outage"]);
        assert_eq!(flagged(ID, "The stale record was identified as the root cause."), ["the root cause"]);
        assert_eq!(flagged(ID, "The token turned out to be the root cause of the outage."), ["the root cause"]);
        assert_eq!(flagged(ID, "We traced the root cause to a stale DNS record."), ["the root cause"]);
        assert_eq!(flagged(ID, "This incident has exactly one root cause, the missing index."), ["root cause"]);
        assert_eq!(flagged(ID, "Everything points to a single root cause, the full disk."), ["single root cause"]);
        assert_eq!(flagged(ID, "The root cause stems from a missing timeout."), ["The root cause"]);
        assert_eq!(flagged(ID, "Root cause of the outage — a full disk on the primary."), ["Root cause"]);
        assert_eq!(flagged(ID, "Root cause? A stale cache entry."), ["Root cause"]);
        assert_eq!(flagged(ID, "The root cause, in the end, was the lock timeout."), ["The root cause"]);
        assert_eq!(flagged(ID, "That's the root cause, right there."), ["the root cause"]);
        assert_eq!(flagged(ID, "Root cause identified: the TTL was zero."), ["Root cause"]);
        assert_eq!(flagged(ID, "The outage was caused solely by the retry logic."), ["caused solely by"]);
        assert_eq!(flagged(ID, "The underlying cause was a zero TTL."), ["The underlying cause"]);
        assert_eq!(flagged(ID, "The root of the problem was the retry."), ["The root of the problem"]);
        assert_eq!(flagged(ID, "Root cause: not enough disk space on the primary."), ["Root cause"]);
        assert_eq!(flagged(ID, "The root issue was a missing timeout."), ["The root issue"]);
    }

    #[test]
    fn leaves_open_and_doubted_causes_alone() {
        for fine in [
            "Root cause: unknown.",
            "Root cause: TBD",
            "**Root cause:** still under investigation.",
            "Root cause: not yet identified.",
            "Root cause — see the contributing factors below.",
            "The root cause is believed to be the TTL, but we are not sure.",
            "The root cause was most likely the TTL.",
            "The root cause is probably the TTL.",
            "The root cause appears to be the TTL, pending confirmation.",
            "The root cause, as far as we can tell, was the file size.",
            "One root cause was the missing alert; there were others.",
            "There is rarely one root cause in systems like this.",
            "More than one root cause played a part.",
            "Was there a single root cause? We do not think so.",
            "We resist the idea of a single root cause.",
            "The underlying cause of the slow restore is still not understood.",
            "We are still looking for the underlying cause of the gap.",
            "The root issue is still unknown.",
            "The duplicates were not solely due to the retry.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn leaves_plural_and_analysis_alone() {
        for fine in [
            "The only reason for the delay was the vendor's slow reply.",
            "The latency stems from a single hot partition and the missing backpressure.",
            "This issue stems from several conditions at once.",
            "There was no single reason for the outage; several things met.",
            "One of the root causes was the TTL.",
            "The root causes were the TTL and the alert.",
            "We ran a root cause analysis.",
            "We root-caused the issue in an hour.",
            "# Debrief\n\n## Root Causes\n\nx\n",
            "# Debrief\n\n## Root Cause\n\nx\n",
            "# Debrief\n\n## Root cause analysis\n\nx\n",
            "It took hours to find a root cause.",
            "Operator error is never a root cause, and this is not about blame.",
            "The deploy was not the root cause.",
            "The root cause was not identified until Tuesday.",
            "It seems unlikely to me that it's the sole cause.",
            "The root cause is still under investigation.",
            "A possible root cause is the TTL.",
            "The root cause remains unknown.",
            "- **Primary root cause: CPU undersizing**",
            "AWS said: \"The root cause was a latent race condition.\"",
            "At the heart of the platform is the ledger service.",
            "We traced the error back to the retry handler and the pool size.",
            "The request traces back to the mobile client.",
            "What it boils down to for customers is a slower checkout.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn rewrites_to_contributing_factors() {
        assert_eq!(
            fixed(ID, "The root cause was an expired certificate.", 0).as_deref(),
            Some("Contributing factors include an expired certificate.")
        );
        assert_eq!(
            fixed(ID, "The root cause of the outage was the TTL.", 0).as_deref(),
            Some("Contributing factors to the outage include the TTL.")
        );
        assert_eq!(fixed(ID, "Root cause: the TTL.", 0).as_deref(), Some("Contributing factors: the TTL."));
        assert_eq!(
            fixed(ID, "Root cause of the incident: the TTL.", 0).as_deref(),
            Some("Contributing factors to the incident: the TTL.")
        );
    }
}
