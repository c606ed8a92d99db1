//! The rule catalogue (SPEC 2). One file per rule; each holds its id, default level,
//! docs (the text `debrief-ls explain`, hover and the README show), its check and its
//! tests. Adding a rule touches its file, one line of [`REGISTRY`], and its fixtures.

use std::ops::Range;

use crate::config::{Config, RuleLevel};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::followups::FollowUpList;
use crate::grammar::{self, Token};
use crate::timeline::Timeline;

mod blame_counterfactual;
mod blame_interrogation;
mod blame_judgement;
mod blame_named_person;
mod cause_human_error;
mod cause_single_root;
mod followups_no_owner;
mod followups_prevention_only;
mod followups_too_many;
mod front_matter_invalid;
mod soak;
mod term_post_mortem;
mod timeline_entry_no_time;
mod timeline_gap;
mod timeline_missing;
mod timeline_missing_milestone;
mod timeline_no_timezone;
mod timeline_out_of_order;

pub(crate) mod reframe;

pub use reframe::capitalise;

/// A rule's documentation, in fixed sections (the published rule page).
#[derive(Debug, Clone, Copy)]
pub struct RuleDocs {
    /// What it flags.
    pub what: &'static str,
    /// Why it hurts learning.
    pub why: &'static str,
    /// Text it flags: sentences, or whole debriefs (starting with `#` or `---`).
    pub flagged: &'static [&'static str],
    /// Text it leaves alone, including near misses.
    pub fine: &'static [&'static str],
    /// How to reframe.
    pub reframe: &'static str,
    /// What the fixes do and how safe they are.
    pub fix: &'static str,
}

/// What every rule declares about itself.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    /// Stable kebab-case id.
    pub id: &'static str,
    /// Level when configuration says nothing.
    pub default_level: RuleLevel,
    /// One line: what it flags.
    pub summary: &'static str,
    /// The rule page.
    pub docs: RuleDocs,
}

/// A phrase found in the prose for a rule.
#[derive(Debug, Clone)]
pub struct PhraseHit {
    /// Index into the rule's trigger list.
    pub trigger: usize,
    /// Where the phrase is.
    pub range: Range<usize>,
    /// The prose block it is in.
    pub block: Range<usize>,
}

/// A rule: metadata, the phrases it wants to hear about, and its checks.
pub struct Rule {
    /// Id, level, docs.
    pub meta: RuleMeta,
    /// Phrases (lowercase, matched case-insensitively at word boundaries) this rule
    /// inspects. All rules' phrases are found in one pass over the prose.
    pub triggers: &'static [&'static str],
    /// Called for each trigger found in the prose.
    pub on_phrase: fn(&Context<'_>, &PhraseHit, &mut Report<'_>),
    /// Called once per document, for rules about structure.
    pub check: fn(&Context<'_>, &mut Report<'_>),
}

pub(crate) fn no_phrase(_: &Context<'_>, _: &PhraseHit, _: &mut Report<'_>) {}
pub(crate) fn no_check(_: &Context<'_>, _: &mut Report<'_>) {}

/// Every rule, in the order they are listed in docs.
pub static REGISTRY: &[&Rule] = &[
    &blame_named_person::RULE,
    &blame_judgement::RULE,
    &blame_counterfactual::RULE,
    &blame_interrogation::RULE,
    &cause_human_error::RULE,
    &cause_single_root::RULE,
    &followups_too_many::RULE,
    &followups_no_owner::RULE,
    &followups_prevention_only::RULE,
    &timeline_missing::RULE,
    &timeline_entry_no_time::RULE,
    &timeline_out_of_order::RULE,
    &timeline_gap::RULE,
    &timeline_missing_milestone::RULE,
    &timeline_no_timezone::RULE,
    &soak::TOO_SOON,
    &soak::TOO_LATE,
    &term_post_mortem::RULE,
    &front_matter_invalid::RULE,
];

/// Where each rule's page is published: `docs/rules/<id>.md` in the repository,
/// generated from the docs in the rule's file.
pub const DOCS_BASE_URL: &str = "https://github.com/debrief-ls/debrief-ls/blob/main/docs/rules/";

/// The URL of a rule's page.
pub fn docs_url(id: &str) -> String {
    format!("{DOCS_BASE_URL}{id}.md")
}

/// A rule's page in Markdown: what `debrief-ls explain`, hover and `docs/rules/` show.
pub fn render_docs(rule: &Rule) -> String {
    let m = &rule.meta;
    let d = &m.docs;
    let level = match m.default_level {
        RuleLevel::Off => "off (opt in)",
        level => level.as_str(),
    };
    let mut out = format!("# `{}`\n\n{}.\n\nDefault: **{level}**.\n\n", m.id, m.summary);
    out.push_str(&format!("## What it flags\n\n{}\n\n## Why it hurts learning\n\n{}\n\n", d.what, d.why));
    let examples = |title: &str, list: &[&str], out: &mut String| {
        out.push_str(&format!("## {title}\n\n"));
        for e in list {
            if e.contains('\n') {
                out.push_str(&format!("```markdown\n{}\n```\n\n", e.trim_end()));
            } else {
                out.push_str(&format!("- {e}\n"));
            }
        }
        if !out.ends_with("\n\n") {
            out.push('\n');
        }
    };
    examples("Flagged", d.flagged, &mut out);
    examples("Fine", d.fine, &mut out);
    out.push_str(&format!("## How to reframe\n\n{}\n\n## Fixes\n\n{}\n\n", d.reframe, d.fix));
    out.push_str(&format!(
        "## Configure\n\n```toml\n# debrief.toml\n[rules]\n{} = \"off\"   # or \"info\", \"warning\", \"error\"\n```\n\nSilence one line with `<!-- debrief-ignore {} -->` on the line before it.\n",
        m.id, m.id
    ));
    out
}

pub use crate::catalogue::{closest_id, index_of};

/// A rule by id.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    REGISTRY.iter().copied().find(|r| r.meta.id == id)
}

/// What a rule sees: the parsed debrief and the configuration.
pub struct Context<'a> {
    /// The parsed document.
    pub doc: &'a Document<'a>,
    /// Resolved configuration.
    pub config: &'a Config,
    /// Timelines, resolved.
    pub timelines: &'a [Timeline],
    /// Follow-up lists.
    pub followups: &'a [FollowUpList],
    /// Who the document's capitalised words are, looked up as the rules ask.
    pub people: &'a crate::people::People<'a>,
    /// What the document says of the words earlier versions looked up (see
    /// [`crate::people::People::digest`]): findings kept from a version with another digest are found again.
    pub people_digest: u64,
    /// The language layer's look-ups, remembered across versions when there is a memo.
    pub look: crate::memo::Lookup<'a>,
}

/// A sentence around a phrase hit, tokenised.
pub struct Sentence<'a> {
    /// The sentence's range.
    pub range: Range<usize>,
    /// Its tokens (from the masked prose).
    pub tokens: Vec<Token<'a>>,
}

impl<'a> Sentence<'a> {
    /// The index of the first token starting at or after `offset`.
    pub fn token_at(&self, offset: usize) -> Option<usize> {
        self.tokens.iter().position(|t| t.start >= offset)
    }

    /// The index of the first token starting at or after `offset` that is a word.
    pub fn word_after(&self, index: usize) -> Option<usize> {
        (index..self.tokens.len()).find(|&i| self.tokens[i].is_word())
    }
}

impl<'a> Context<'a> {
    /// How the grammar tells people from things in this document.
    pub fn who(&self) -> grammar::Who<'a> {
        grammar::Who { user: self.config.lexicon(), document: Some(self.people) }
    }

    /// The tokenised sentence holding a hit.
    pub fn sentence(&self, hit: &PhraseHit) -> Sentence<'a> {
        let masked: &'a str = &self.doc.masked;
        let range = grammar::sentence_around(masked, hit.block.clone(), hit.range.start);
        Sentence { tokens: grammar::tokenize_prose(self.doc.text, masked, range.clone()), range }
    }
}

/// Where a rule's findings go.
pub struct Report<'a> {
    rule: &'static str,
    severity: Severity,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Report<'a> {
    pub(crate) fn new(rule: &'static str, severity: Severity, out: &'a mut Vec<Diagnostic>) -> Self {
        Report { rule, severity, out }
    }

    /// Adds a finding and returns it for fixes and related places to be attached.
    pub fn add(&mut self, range: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        self.out.push(Diagnostic {
            rule: self.rule,
            severity: self.severity,
            range,
            message: message.into(),
            fixes: Vec::new(),
            related: Vec::new(),
        });
        self.out.last_mut().expect("just pushed")
    }

    /// Whether this rule already reported a range overlapping `range` (a second reading of
    /// the same sentence should not say it twice).
    pub fn has_overlapping(&self, range: &Range<usize>) -> bool {
        self.out.iter().any(|d| d.rule == self.rule && d.range.start < range.end && range.start < d.range.end)
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Helpers for rule tests: analyse a snippet as a debrief and look at one rule.

    use crate::config::Config;
    use crate::diagnostic::{Applicability, Diagnostic};

    /// Wraps a sentence in a minimal debrief unless it already is one.
    pub fn as_debrief(snippet: &str) -> String {
        if snippet.starts_with('#') || snippet.starts_with("---") || snippet.starts_with("+++") {
            snippet.to_string()
        } else {
            format!("# Incident debrief\n\n## Summary\n\n{snippet}\n")
        }
    }

    /// Findings of `rule` in `snippet` (the rule switched on whatever its default).
    pub fn findings(rule: &str, snippet: &str) -> Vec<Diagnostic> {
        let text = as_debrief(snippet);
        let (config, errors) = Config::from_toml(&format!("[rules]\n{rule} = \"warning\"\n"));
        assert!(errors.is_empty());
        crate::analyse(&text, &config).into_iter().filter(|d| d.rule == rule).collect()
    }

    /// The flagged text of each finding.
    pub fn flagged(rule: &str, snippet: &str) -> Vec<String> {
        let text = as_debrief(snippet);
        findings(rule, snippet).iter().map(|d| text[d.range.clone()].to_string()).collect()
    }

    /// The text after applying the first fix of the first finding, or `None`.
    pub fn fixed(rule: &str, snippet: &str, fix_index: usize) -> Option<String> {
        let text = as_debrief(snippet);
        let d = findings(rule, snippet).into_iter().next()?;
        let fix = d.fixes.get(fix_index)?;
        let out = crate::fix::apply_edits(&text, &fix.edits).ok()?;
        Some(out.strip_prefix("# Incident debrief\n\n## Summary\n\n").map_or(out.clone(), |s| s.trim_end().to_string()))
    }

    /// The applicability of the first fix of the first finding.
    pub fn first_fix_applicability(rule: &str, snippet: &str) -> Option<Applicability> {
        findings(rule, snippet).into_iter().next()?.fixes.first().map(|f| f.applicability)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_lists_every_rule_in_order_with_its_default_level() {
        let registry: Vec<_> = REGISTRY.iter().map(|r| (r.meta.id, r.meta.default_level)).collect();
        assert_eq!(registry, crate::catalogue::RULES, "catalogue.rs must follow REGISTRY");
    }

    #[test]
    fn every_rule_has_docs_and_a_unique_id() {
        let mut ids = std::collections::HashSet::new();
        for rule in REGISTRY {
            let m = &rule.meta;
            assert!(ids.insert(m.id), "duplicate id {}", m.id);
            assert!(m.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{} is not kebab-case", m.id);
            assert!(
                !m.summary.is_empty()
                    && !m.docs.what.is_empty()
                    && !m.docs.why.is_empty()
                    && !m.docs.reframe.is_empty(),
                "{} lacks docs",
                m.id
            );
            assert!(!m.docs.flagged.is_empty() && !m.docs.fine.is_empty(), "{} lacks examples", m.id);
            assert!(!m.docs.fix.is_empty(), "{} does not say what its fixes do", m.id);
        }
        for id in [
            "blame-named-person",
            "blame-judgement",
            "blame-counterfactual",
            "blame-interrogation",
            "cause-human-error",
            "cause-single-root",
            "followups-too-many",
            "followups-no-owner",
            "followups-prevention-only",
            "timeline-missing",
            "timeline-entry-no-time",
            "timeline-out-of-order",
            "timeline-gap",
            "timeline-missing-milestone",
            "timeline-no-timezone",
            "soak-too-soon",
            "soak-too-late",
            "term-post-mortem",
        ] {
            assert!(index_of(id).is_some(), "SPEC rule {id} is missing");
        }
    }

    /// The examples in each rule's docs are tests: flagged ones are flagged by that rule,
    /// fine ones are not.
    #[test]
    fn docs_examples_behave_as_documented() {
        for rule in REGISTRY {
            let id = rule.meta.id;
            for example in rule.meta.docs.flagged {
                assert!(!test_support::findings(id, example).is_empty(), "{id} should flag its example:\n{example}");
            }
            for example in rule.meta.docs.fine {
                let found = test_support::flagged(id, example);
                assert!(found.is_empty(), "{id} should not flag its fine example:\n{example}\nbut flagged {found:?}");
            }
        }
    }

    #[test]
    fn mistyped_ids_get_a_suggestion() {
        assert_eq!(closest_id("blame-judgment"), Some("blame-judgement"));
        assert_eq!(closest_id("timeline-gaps"), Some("timeline-gap"));
        assert_eq!(closest_id("something-else-entirely"), None);
    }
}
