//! Configuration (SPEC 5): what `debrief.toml` and editor settings may say, parsed from
//! text, validated, and resolved against the defaults.
//!
//! The core never reads files: the shells find `debrief.toml`, read it, and hand its text
//! here. A bad file yields [`ConfigError`]s with line and column, and the caller keeps
//! running on what could be used (or on the defaults).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use foldhash::HashSet;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::catalogue;
use crate::diagnostic::Severity;

/// The most words a `[words]` list may hold; configuration comes from cloned repositories
/// and must not be able to make the analysis slow.
pub const MAX_WORDS: usize = 2_000;
/// The longest word or phrase in a `[words]` list, in bytes.
pub const MAX_WORD_LEN: usize = 100;
/// The most `include` or `exclude` globs.
pub const MAX_GLOBS: usize = 256;

/// The default `include` globs: Markdown under a folder whose name says it holds debriefs.
pub const DEFAULT_INCLUDE: &[&str] =
    &["**/{postmortems,post-mortems,incidents,debriefs,retrospectives,retros}/**/*.{md,markdown}"];

/// A rule's configured level: one of the severities, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    /// The rule does not run.
    Off,
    /// Reported as information.
    Info,
    /// Reported as a warning.
    Warning,
    /// Reported as an error.
    Error,
}

impl RuleLevel {
    /// As written in `debrief.toml`: `off`, `info`, `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleLevel::Off => "off",
            RuleLevel::Info => "info",
            RuleLevel::Warning => "warning",
            RuleLevel::Error => "error",
        }
    }

    /// The severity, or `None` when off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Off => None,
            RuleLevel::Info => Some(Severity::Info),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Error => Some(Severity::Error),
        }
    }
}

/// Follow-up budget by incident severity (SPEC 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FollowUpBudgets {
    /// SEV1 / P1 / 1.
    pub sev1: u32,
    /// SEV2.
    pub sev2: u32,
    /// SEV3.
    pub sev3: u32,
    /// SEV4.
    pub sev4: u32,
    /// SEV5.
    pub sev5: u32,
    /// When the debrief does not say its severity.
    pub unknown: u32,
}

impl Default for FollowUpBudgets {
    fn default() -> Self {
        FollowUpBudgets { sev1: 12, sev2: 8, sev3: 5, sev4: 3, sev5: 3, unknown: 10 }
    }
}

impl FollowUpBudgets {
    /// The budget for a severity level 1..=5, or the unknown budget.
    pub fn for_level(&self, level: Option<u8>) -> u32 {
        match level {
            Some(1) => self.sev1,
            Some(2) => self.sev2,
            Some(3) => self.sev3,
            Some(4) => self.sev4,
            Some(5) => self.sev5,
            _ => self.unknown,
        }
    }
}

/// The numbers rules use (SPEC 4), all configurable under `[limits]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Follow-up budget by severity.
    pub followup_budget: FollowUpBudgets,
    /// At most one follow-up per this many minutes of impact.
    pub minutes_per_followup: u32,
    /// The impact-based budget never goes below this.
    pub min_followup_budget: u32,
    /// A gap is longer than this many minutes…
    pub gap_minutes: u32,
    /// …and longer than this share of the timeline's span (0.0–1.0).
    pub gap_share: f64,
    /// A debrief held sooner than this many days after `resolved` is too soon.
    pub soak_min_days: u32,
    /// A debrief held later than this many days after `resolved` is too late.
    pub soak_max_days: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            followup_budget: FollowUpBudgets::default(),
            minutes_per_followup: 2,
            min_followup_budget: 3,
            gap_minutes: 60,
            gap_share: 0.25,
            soak_min_days: 1,
            soak_max_days: 7,
        }
    }
}

/// `[limits]` as written: every key optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct LimitsLayer {
    /// Budgets by severity.
    pub followup_budget: Option<BudgetLayer>,
    /// See [`Limits::minutes_per_followup`].
    pub minutes_per_followup: Option<u32>,
    /// See [`Limits::min_followup_budget`].
    pub min_followup_budget: Option<u32>,
    /// See [`Limits::gap_minutes`].
    pub gap_minutes: Option<u32>,
    /// See [`Limits::gap_share`].
    pub gap_share: Option<f64>,
    /// See [`Limits::soak_min_days`].
    pub soak_min_days: Option<u32>,
    /// See [`Limits::soak_max_days`].
    pub soak_max_days: Option<u32>,
}

/// `[limits] followup-budget` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BudgetLayer {
    /// SEV1.
    pub sev1: Option<u32>,
    /// SEV2.
    pub sev2: Option<u32>,
    /// SEV3.
    pub sev3: Option<u32>,
    /// SEV4.
    pub sev4: Option<u32>,
    /// SEV5.
    pub sev5: Option<u32>,
    /// Unknown severity.
    pub unknown: Option<u32>,
}

/// Team-specific words (`[words]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Words {
    /// Extra judgement words or phrases to flag, matched literally and case-insensitively.
    pub blame: Vec<String>,
    /// Words and names never flagged: a service named like a person ("Jenkins"), or a team
    /// term that reads as judgement elsewhere.
    pub allow: Vec<String>,
    /// Extra first names of people, so `blame-named-person` recognises them.
    pub people: Vec<String>,
}

/// The configuration as written: every key optional, so layers can be merged.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConfigFile {
    /// Globs of files that are debriefs (replace the default).
    pub include: Option<Vec<String>>,
    /// Globs of files never checked in a walk.
    pub exclude: Option<Vec<String>>,
    /// Rule levels by rule id.
    pub rules: BTreeMap<String, RuleLevel>,
    /// Limits (each field falls back to its default).
    pub limits: Option<LimitsLayer>,
    /// Team words.
    pub words: Option<Words>,
    /// The milestones a timeline needs, by kind of debrief (front matter `type`).
    pub milestones: Option<BTreeMap<String, Vec<String>>>,
}

/// A problem in a configuration, with where it is when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// 1-based line in the configuration text, when known.
    pub line: Option<usize>,
    /// 1-based column (Unicode scalar values), when known.
    pub column: Option<usize>,
    /// What is wrong, in one line.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{l}:{c}: {}", self.message),
            (Some(l), None) => write!(f, "{l}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Finds the first `key =` (or `"key" =`) in TOML text, for errors serde cannot place.
fn find_key(text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let bare = trimmed.trim_start_matches(['"', '\'']);
        if let Some(rest) = bare.strip_prefix(key) {
            if rest.trim_start_matches(['"', '\'']).trim_start().starts_with('=') {
                return Some(offset + indent);
            }
        }
        offset += line.len();
    }
    None
}

impl ConfigFile {
    /// Parses `debrief.toml` text. Syntax errors and unknown keys come back with their
    /// line and column.
    pub fn from_toml(text: &str) -> Result<ConfigFile, ConfigError> {
        toml::from_str::<ConfigFile>(text).map_err(|e| {
            let (line, column) = match e.span() {
                Some(span) => {
                    let (l, c) = line_col(text, span.start);
                    (Some(l), Some(c))
                }
                None => (None, None),
            };
            ConfigError { line, column, message: e.message().trim().to_string() }
        })
    }

    /// Reads editor settings (the `debrief` section of `workspace/configuration`, or
    /// `initializationOptions`) written as JSON with the same keys as `debrief.toml`.
    pub fn from_json(value: &serde_json::Value) -> Result<ConfigFile, ConfigError> {
        // Editors send `null` for unset sections; treat them as absent.
        let cleaned = strip_nulls(value.clone());
        serde_json::from_value::<ConfigFile>(cleaned).map_err(|e| ConfigError {
            line: None,
            column: None,
            message: e.to_string(),
        })
    }
}

fn strip_nulls(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => serde_json::Value::Object(
            map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, strip_nulls(v))).collect(),
        ),
        other => other,
    }
}

/// A moment in an incident: detected, declared or responded, mitigated, resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Milestone {
    /// Someone or something noticed.
    Detected,
    /// The incident was declared, or responders engaged.
    Responded,
    /// Impact was reduced.
    Mitigated,
    /// Impact ended.
    Resolved,
}

impl Milestone {
    /// All four, in incident order.
    pub const ALL: [Milestone; 4] =
        [Milestone::Detected, Milestone::Responded, Milestone::Mitigated, Milestone::Resolved];

    /// Its name in configuration and reports: "detected", "responded", "mitigated", "resolved".
    pub fn name(self) -> &'static str {
        match self {
            Milestone::Detected => "detected",
            Milestone::Responded => "responded",
            Milestone::Mitigated => "mitigated",
            Milestone::Resolved => "resolved",
        }
    }

    /// How the milestone reads in a message.
    pub fn label(self) -> &'static str {
        match self {
            Milestone::Detected => "detected",
            Milestone::Responded => "declared or responded",
            Milestone::Mitigated => "mitigated",
            Milestone::Resolved => "resolved",
        }
    }
}

/// The team's words from configuration, ready to look up.
#[derive(Debug, Default)]
pub struct UserLexicon {
    /// Lowercase names of people.
    pub people: HashSet<String>,
    /// Lowercase words never flagged.
    pub allow: HashSet<String>,
    /// Extra judgement words, as configured.
    pub blame: Vec<String>,
    /// Matcher for `blame`, case-insensitive.
    pub blame_matcher: Option<AhoCorasick>,
}

impl UserLexicon {
    /// Builds the lookups from validated `[words]`.
    pub fn new(words: &Words) -> Self {
        let blame: Vec<String> = words.blame.iter().map(|w| w.to_lowercase()).collect();
        let blame_matcher = (!blame.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&blame)
                .expect("literal words always build")
        });
        UserLexicon {
            people: words.people.iter().map(|w| w.to_lowercase()).collect(),
            allow: words.allow.iter().map(|w| w.to_lowercase()).collect(),
            blame,
            blame_matcher,
        }
    }

    /// Whether the team allows this word or phrase (compared lowercase).
    pub fn allows(&self, phrase: &str) -> bool {
        !self.allow.is_empty() && self.allow.contains(&phrase.to_lowercase())
    }
}

/// Resolved configuration: defaults with every layer applied, globs compiled.
#[derive(Debug, Clone)]
pub struct Config {
    include: Vec<String>,
    exclude: Vec<String>,
    include_set: GlobSet,
    exclude_set: GlobSet,
    levels: Arc<[Option<Severity>]>,
    /// Numbers the rules use.
    pub limits: Limits,
    /// Team words, validated.
    pub words: Words,
    /// The milestones a timeline needs, by kind of debrief (front matter `type`, lowercase,
    /// words joined by `-`); kinds not listed need all four.
    pub milestones: BTreeMap<String, Vec<Milestone>>,
    lexicon: Arc<UserLexicon>,
}

/// Which milestones each kind of debrief needs when configuration does not say: an outage
/// all four; a security disclosure no mitigation; a near miss only its detection; a
/// release that did not go out none.
pub fn default_milestones() -> BTreeMap<String, Vec<Milestone>> {
    use Milestone::{Detected, Resolved, Responded};
    let mut kinds = BTreeMap::new();
    for kind in ["security", "security-incident", "vulnerability", "disclosure"] {
        kinds.insert(kind.to_string(), vec![Detected, Responded, Resolved]);
    }
    kinds.insert("near-miss".to_string(), vec![Detected]);
    kinds.insert("release".to_string(), vec![]);
    kinds
}

impl Default for Config {
    fn default() -> Self {
        let include: Vec<String> = DEFAULT_INCLUDE.iter().map(|s| s.to_string()).collect();
        Config {
            include_set: build_globs(&include).expect("default globs compile"),
            exclude_set: GlobSet::empty(),
            include,
            exclude: Vec::new(),
            levels: catalogue::RULES.iter().map(|(_, level)| level.severity()).collect(),
            limits: Limits::default(),
            words: Words::default(),
            milestones: default_milestones(),
            lexicon: Arc::new(UserLexicon::default()),
        }
    }
}

fn build_globs(globs: &[String]) -> Result<GlobSet, (usize, globset::Error)> {
    let mut builder = GlobSetBuilder::new();
    for (i, g) in globs.iter().enumerate() {
        let glob = GlobBuilder::new(g).case_insensitive(true).literal_separator(true).build().map_err(|e| (i, e))?;
        builder.add(glob);
    }
    builder.build().map_err(|e| (0, e))
}

impl Config {
    /// Applies one configuration layer on top of this one. Keys the layer sets replace
    /// ours; anything invalid is skipped and reported, so the rest still applies.
    /// `source` is the layer's text when it came from TOML, to place errors by line.
    pub fn apply(&mut self, layer: &ConfigFile, source: Option<&str>) -> Vec<ConfigError> {
        let mut errors = Vec::new();
        let at = |key: &str, message: String| {
            let (line, column) = source
                .and_then(|s| find_key(s, key).map(|o| line_col(s, o)))
                .map_or((None, None), |(l, c)| (Some(l), Some(c)));
            ConfigError { line, column, message }
        };

        for (key, globs, set) in [("include", &layer.include, 0usize), ("exclude", &layer.exclude, 1usize)] {
            let Some(globs) = globs else { continue };
            if globs.len() > MAX_GLOBS {
                errors.push(at(key, format!("`{key}` has {} globs; at most {MAX_GLOBS} are allowed", globs.len())));
                continue;
            }
            match build_globs(globs) {
                Ok(compiled) => {
                    if set == 0 {
                        self.include = globs.clone();
                        self.include_set = compiled;
                    } else {
                        self.exclude = globs.clone();
                        self.exclude_set = compiled;
                    }
                }
                Err((i, e)) => errors.push(at(key, format!("`{key}` glob {:?} is invalid: {}", globs[i], e.kind()))),
            }
        }

        let mut levels: Vec<Option<Severity>> = self.levels.to_vec();
        for (id, level) in &layer.rules {
            match catalogue::index_of(id) {
                Some(i) => levels[i] = level.severity(),
                None => {
                    let hint = catalogue::closest_id(id).map(|c| format!("; did you mean `{c}`?")).unwrap_or_default();
                    errors.push(at(id, format!("unknown rule `{id}` in [rules]{hint}")));
                }
            }
        }
        self.levels = levels.into();

        if let Some(limits) = &layer.limits {
            match merge_limits(self.limits, limits) {
                Ok(l) => self.limits = l,
                Err((key, message)) => errors.push(at(&key, message)),
            }
        }

        if let Some(kinds) = &layer.milestones {
            for (kind, names) in kinds {
                let mut needed = Vec::new();
                for name in names {
                    match Milestone::ALL.iter().find(|m| m.name() == name.trim()) {
                        Some(m) => needed.push(*m),
                        None => errors.push(at(
                            kind,
                            format!(
                                "[milestones] {kind}: unknown milestone {name:?}; use detected, responded, mitigated or resolved"
                            ),
                        )),
                    }
                }
                self.milestones.insert(kind.trim().to_ascii_lowercase().replace([' ', '_'], "-"), needed);
            }
        }

        if let Some(words) = &layer.words {
            let mut checked = Words::default();
            for (key, from, to) in [
                ("blame", &words.blame, &mut checked.blame),
                ("allow", &words.allow, &mut checked.allow),
                ("people", &words.people, &mut checked.people),
            ] {
                if from.len() > MAX_WORDS {
                    errors.push(at(
                        key,
                        format!("[words] {key} has {} entries; at most {MAX_WORDS} are allowed", from.len()),
                    ));
                    continue;
                }
                for w in from {
                    let w = w.trim();
                    if w.is_empty() {
                        continue;
                    }
                    if w.len() > MAX_WORD_LEN {
                        errors.push(at(
                            key,
                            format!("[words] {key} entry {:.20?}… is longer than {MAX_WORD_LEN} bytes", w),
                        ));
                        continue;
                    }
                    to.push(w.to_string());
                }
            }
            self.words = checked;
            self.lexicon = Arc::new(UserLexicon::new(&self.words));
        }
        errors
    }

    /// The defaults with one TOML layer applied; errors come back beside the result.
    pub fn from_toml(text: &str) -> (Config, Vec<ConfigError>) {
        let mut config = Config::default();
        match ConfigFile::from_toml(text) {
            Ok(file) => {
                let errors = config.apply(&file, Some(text));
                (config, errors)
            }
            Err(e) => (config, vec![e]),
        }
    }

    /// The severity of the rule at `index` in [`catalogue::RULES`], or `None` when off.
    pub fn severity_of(&self, index: usize) -> Option<Severity> {
        self.levels.get(index).copied().flatten()
    }

    /// The severity of a rule by id, or `None` when off or unknown.
    pub fn severity(&self, id: &str) -> Option<Severity> {
        catalogue::index_of(id).and_then(|i| self.severity_of(i))
    }

    /// Whether a path (relative to the configuration's folder, `/`-separated) matches
    /// the `include` globs and not the `exclude` globs.
    pub fn includes_path(&self, relative_path: &str) -> bool {
        self.include_set.is_match(relative_path) && !self.excludes_path(relative_path)
    }

    /// Whether a path matches the `exclude` globs.
    pub fn excludes_path(&self, relative_path: &str) -> bool {
        self.exclude_set.is_match(relative_path)
    }

    /// The `include` globs in force.
    pub fn include(&self) -> &[String] {
        &self.include
    }

    /// The `exclude` globs in force.
    pub fn exclude(&self) -> &[String] {
        &self.exclude
    }

    pub(crate) fn lexicon(&self) -> &UserLexicon {
        &self.lexicon
    }

    /// What the rules that look at phrases read of this configuration, to tell whether
    /// findings kept from an earlier analysis were made with the same.
    pub(crate) fn phrase_rules_key(&self) -> PhraseRulesKey {
        PhraseRulesKey { levels: Arc::clone(&self.levels), lexicon: Arc::clone(&self.lexicon) }
    }
}

/// The rule levels and team words of a configuration ([`Config::phrase_rules_key`]).
/// Two keys are equal when they hold the same allocations: a configuration and its
/// clones. Holding them keeps them from being freed and their addresses reused by another
/// configuration; a configuration built again from the same files is a new one (the
/// findings are made again once).
#[derive(Debug, Clone)]
pub(crate) struct PhraseRulesKey {
    levels: Arc<[Option<Severity>]>,
    lexicon: Arc<UserLexicon>,
}

impl PartialEq for PhraseRulesKey {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.levels, &other.levels) && Arc::ptr_eq(&self.lexicon, &other.lexicon)
    }
}

fn merge_limits(base: Limits, layer: &LimitsLayer) -> Result<Limits, (String, String)> {
    let mut l = base;
    if let Some(b) = &layer.followup_budget {
        let f = &mut l.followup_budget;
        for (slot, value) in [
            (&mut f.sev1, b.sev1),
            (&mut f.sev2, b.sev2),
            (&mut f.sev3, b.sev3),
            (&mut f.sev4, b.sev4),
            (&mut f.sev5, b.sev5),
            (&mut f.unknown, b.unknown),
        ] {
            if let Some(v) = value {
                *slot = v;
            }
        }
    }
    let set = |slot: &mut u32, value: Option<u32>| {
        if let Some(v) = value {
            *slot = v;
        }
    };
    set(&mut l.minutes_per_followup, layer.minutes_per_followup);
    set(&mut l.min_followup_budget, layer.min_followup_budget);
    set(&mut l.gap_minutes, layer.gap_minutes);
    set(&mut l.soak_min_days, layer.soak_min_days);
    set(&mut l.soak_max_days, layer.soak_max_days);
    if let Some(share) = layer.gap_share {
        if !(0.0..=1.0).contains(&share) {
            return Err(("gap-share".into(), format!("[limits] gap-share must be between 0 and 1, not {share}")));
        }
        l.gap_share = share;
    }
    if l.minutes_per_followup == 0 {
        return Err(("minutes-per-followup".into(), "[limits] minutes-per-followup must be at least 1".into()));
    }
    if l.soak_min_days > l.soak_max_days {
        return Err((
            "soak-min-days".into(),
            format!("[limits] soak-min-days ({}) is more than soak-max-days ({})", l.soak_min_days, l.soak_max_days),
        ));
    }
    Ok(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_spec() {
        let c = Config::default();
        assert_eq!(c.limits.followup_budget.for_level(Some(1)), 12);
        assert_eq!(c.limits.followup_budget.for_level(Some(3)), 5);
        assert_eq!(c.limits.followup_budget.for_level(None), 10);
        assert_eq!(c.severity("cause-human-error"), Some(Severity::Error));
        assert_eq!(c.severity("term-post-mortem"), None);
        assert!(c.includes_path("postmortems/2026-03-01.md"));
        assert!(c.includes_path("docs/Incidents/2026/db.md"));
        assert!(!c.includes_path("docs/readme.md"));
    }

    #[test]
    fn a_layer_sets_levels_limits_and_globs() {
        let (c, errors) = Config::from_toml(
            "include = [\"ops/**/*.md\"]\n[rules]\nblame-judgement = \"off\"\ncause-single-root = \"error\"\n[limits]\ngap-minutes = 30\nfollowup-budget = { sev3 = 7 }\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(c.severity("blame-judgement"), None);
        assert_eq!(c.severity("cause-single-root"), Some(Severity::Error));
        assert_eq!(c.limits.gap_minutes, 30);
        assert_eq!(c.limits.followup_budget.sev3, 7);
        assert_eq!(c.limits.followup_budget.sev1, 12, "unset keys keep their defaults");
        assert!(c.includes_path("ops/x/y.md"));
        assert!(!c.includes_path("postmortems/a.md"));
    }

    #[test]
    fn errors_name_the_line_and_the_rest_still_applies() {
        let text = "[rules]\nblame-judgment = \"off\"\ntimeline-gap = \"error\"\n";
        let (c, errors) = Config::from_toml(text);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(2));
        assert!(errors[0].message.contains("did you mean `blame-judgement`"), "{}", errors[0].message);
        assert_eq!(c.severity("timeline-gap"), Some(Severity::Error));
    }

    #[test]
    fn syntax_errors_and_bad_values_have_positions() {
        let e = ConfigFile::from_toml("[rules]\nblame-judgement = \"loud\"\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        let e = ConfigFile::from_toml("include = [\n").unwrap_err();
        assert!(e.line.is_some());
        let e = ConfigFile::from_toml("colour = 1\n").unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(e.message.contains("colour"), "{}", e.message);
        let (_, errors) = Config::from_toml("[limits]\ngap-share = 3.0\n");
        assert_eq!(errors[0].line, Some(2));
        let (_, errors) = Config::from_toml("[limits]\ngap-minutes = \"soon\"\n");
        assert_eq!(errors[0].line, Some(2), "{errors:?}");
    }

    #[test]
    fn oversized_word_lists_are_refused() {
        let words: Vec<String> = (0..MAX_WORDS + 1).map(|i| format!("\"w{i}\"")).collect();
        let (c, errors) = Config::from_toml(&format!("[words]\nblame = [{}]\n", words.join(",")));
        assert_eq!(errors.len(), 1);
        assert!(c.words.blame.is_empty());
    }

    #[test]
    fn json_settings_use_the_same_keys() {
        let v = serde_json::json!({"rules": {"timeline-gap": "off"}, "limits": {"gap-minutes": 90}, "include": null});
        let file = ConfigFile::from_json(&v).unwrap();
        let mut c = Config::default();
        assert!(c.apply(&file, None).is_empty());
        assert_eq!(c.severity("timeline-gap"), None);
        assert_eq!(c.limits.gap_minutes, 90);
    }
}
