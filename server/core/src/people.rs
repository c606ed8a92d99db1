//! Who is a person in a debrief (SPEC 2): a capitalised word is a person's name when the
//! word lists say so and the document does not say otherwise, or when the document's own
//! evidence says so — the word declaring, paging, joining, saying, owning a follow-up,
//! being thanked or asked. Products, hosts and services named like people (Jenkins,
//! Hermes, Athena) are kept out by the same evidence: "the Hermes queue", "restarted
//! Kafka", "Jenkins 2.4".
//!
//! The word lists are in `data/names/` (sources and licences in its README): given names
//! from many languages, names that are also English words (a person only with evidence),
//! and names usually given to software (a thing unless the document shows a person).

use std::sync::{LazyLock, Mutex};

use foldhash::{HashMap, HashMapExt, HashSet};

use crate::document::{Document, PartId};

/// A list of lowercase words, kept readable in `data/names/NAME.txt` (one per line, after
/// `#` comment lines) and stored for lookups as a finite-state set, `NAME.fst`, read in
/// place: a process that checks one small file builds no table of a hundred thousand
/// names, and a lookup walks one path of the set. `UPDATE_NAMES=1 cargo test -p
/// debrief-core stored_name_sets_are_current` stores the sets again after a list changes.
pub(crate) struct WordSet {
    set: std::sync::LazyLock<fst::Set<&'static [u8]>>,
    #[cfg(test)]
    source: &'static str,
    #[cfg(test)]
    stored: &'static str,
}

impl WordSet {
    /// Whether `lower` (lowercase) is one of the words.
    pub(crate) fn contains(&self, lower: &str) -> bool {
        self.set.contains(lower)
    }

    /// The words of the readable list, for tests.
    #[cfg(test)]
    pub(crate) fn words(&self) -> impl Iterator<Item = &'static str> {
        self.source.lines().filter(|l| !l.is_empty() && !l.starts_with('#'))
    }
}

macro_rules! word_set {
    ($name:literal) => {
        WordSet {
            set: std::sync::LazyLock::new(|| {
                fst::Set::new(&include_bytes!(concat!("../data/names/", $name, ".fst"))[..]).expect(concat!(
                    "data/names/",
                    $name,
                    ".fst is a finite-state set"
                ))
            }),
            #[cfg(test)]
            source: include_str!(concat!("../data/names/", $name, ".txt")),
            #[cfg(test)]
            stored: concat!("data/names/", $name, ".fst"),
        }
    };
}

/// Given names from many languages (`data/names/given-names.txt`).
pub(crate) static GIVEN_NAMES: WordSet = word_set!("given-names");
/// Given names that are also English words: "Will", "Grant", "May" (`ambiguous.txt`).
pub(crate) static AMBIGUOUS_NAMES: WordSet = word_set!("ambiguous");
/// Names software, services and hosts go by: "Jenkins", "Hermes" (`not-people.txt`).
pub(crate) static THING_NAMES: WordSet = word_set!("not-people");

/// What the word lists say of a capitalised word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameClass {
    /// A given name that is not also a common word or a software name.
    Given,
    /// A given name that is also an English word ("Will", "Grant").
    Ambiguous,
    /// A name software, services and hosts commonly go by ("Jenkins", "Athena").
    Thing,
    /// In no list.
    Unknown,
}

/// Whether a word (as written) is in the list of given names: the one list a quick look
/// for people near a phrase asks.
pub fn is_given_name(word: &str) -> bool {
    // Most words are short and ASCII: lowercased on the stack.
    let mut buffer = [0u8; 24];
    if word.is_ascii() && word.len() <= buffer.len() {
        let lower = &mut buffer[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return GIVEN_NAMES.set.contains(&*lower);
    }
    GIVEN_NAMES.contains(&lowercase(word))
}

/// The class of a word (as written or lowercase).
pub fn name_class(word: &str) -> NameClass {
    with_lowercase(word, |lower| {
        if THING_NAMES.contains(lower) {
            NameClass::Thing
        } else if AMBIGUOUS_NAMES.contains(lower) {
            NameClass::Ambiguous
        } else if GIVEN_NAMES.contains(lower) {
            NameClass::Given
        } else {
            NameClass::Unknown
        }
    })
}

/// `f` of [`lowercase`]`(word)`, made on the stack for the short ASCII words most are.
fn with_lowercase<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    let bare = word.strip_suffix("'s").or_else(|| word.strip_suffix("\u{2019}s")).unwrap_or(word);
    if bare.is_ascii() {
        return crate::text::with_ascii_lowercase(bare, f);
    }
    f(&lowercase(word))
}

fn lowercase(word: &str) -> String {
    let word = word.strip_suffix("'s").or_else(|| word.strip_suffix("\u{2019}s")).unwrap_or(word);
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.to_lowercase()
    }
}

/// What a document says about a word: how often it is used as a person, and as a thing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Uses that only people fit: "Wen said", "paged Wen", "Owner: Wen".
    pub person: u32,
    /// Uses that only things fit: "the Hermes queue", "restarted Kafka".
    pub thing: u32,
    /// Uses in lowercase in prose ("restart kafka"), which things get and names do not.
    pub lowercase: u32,
}

impl Evidence {
    /// The evidence of a stretch without a part of it (`other` is part of `self`).
    fn minus(self, other: Evidence) -> Evidence {
        Evidence {
            person: self.person.saturating_sub(other.person),
            thing: self.thing.saturating_sub(other.thing),
            lowercase: self.lowercase.saturating_sub(other.lowercase),
        }
    }

    /// The evidence of two stretches of a document together.
    pub fn plus(self, other: Evidence) -> Evidence {
        Evidence {
            person: self.person + other.person,
            thing: self.thing + other.thing,
            lowercase: self.lowercase + other.lowercase,
        }
    }

    /// Signs of a thing, a few lowercase uses counting as much as one clear use.
    fn thing_weight(self) -> u32 {
        self.thing + self.lowercase.min(4)
    }
}

/// Verbs after a name that only people do (and how sure they make it).
const PERSON_VERBS_AFTER: &[(&str, u32)] = &[
    ("said", 2),
    ("says", 2),
    ("asked", 2),
    ("asks", 2),
    ("replied", 2),
    ("replies", 2),
    ("wrote", 2),
    ("writes", 2),
    ("volunteered", 2),
    ("agreed", 2),
    ("suggested", 2),
    ("proposed", 2),
    ("thinks", 2),
    ("thought", 2),
    ("felt", 2),
    ("feels", 2),
    ("explained", 2),
    ("mentioned", 2),
    ("realised", 2),
    ("realized", 2),
    ("remembered", 2),
    ("decided", 2),
    ("declared", 2),
    ("declares", 2),
    ("joined", 2),
    ("joins", 2),
    // (Alerting tools page people as often as people do: "Sentinel pages ledger on-call".)
    ("paged", 0),
    ("pages", 0),
    ("pinged", 2),
    ("messaged", 2),
    ("emailed", 2),
    ("phoned", 2),
    ("acknowledged", 1),
    ("acked", 1),
    ("confirmed", 1),
    ("noticed", 1),
    ("spotted", 1),
    ("escalated", 1),
    ("investigated", 1),
    ("took", 1),
    ("takes", 1),
    ("owns", 2),
    ("will", 1),
    ("is", 0),
    ("was", 0),
];

/// Labels at a line's start before a list of things: "Systems: Bilby, Bruce (our bot)".
const THING_LABELS: &[&str] = &[
    "systems",
    "systems involved",
    "systems affected",
    "affected systems",
    "services",
    "services affected",
    "affected services",
    "components",
    "affected components",
    "tools",
    "products",
    "applications",
    "bots",
];

/// Labels of a line that lists people: "Incident commander: Okonkwo".
const ROLE_LABELS: &[&str] = &[
    "incident commander",
    "commander",
    "ic",
    "author",
    "authors",
    "written by",
    "prepared by",
    "owner",
    "owners",
    "on-call",
    "on call",
    "oncall",
    "responders",
    "responder",
    "participants",
    "attendees",
    "contributors",
    "reviewers",
    "reviewer",
    "reviewed by",
    "scribe",
    "note taker",
    "people involved",
    "communications lead",
    "comms lead",
    "tech lead",
    "incident lead",
    "facilitator",
];

/// What a thing joins: "Lambda joined the cluster".
const THINGS_JOINED: &[&str] =
    &["cluster", "ring", "quorum", "pool", "mesh", "fleet", "network", "group", "replica", "set", "swarm", "shard"];

/// Words before a name that make it a person: "paged Wen", "thanks to Wen", "Owner: Wen".
const PERSON_WORDS_BEFORE: &[&str] = &[
    "paged",
    "pinged",
    "asked",
    "thanked",
    "thanks",
    "told",
    "called",
    "messaged",
    "emailed",
    "informed",
    "contacted",
    "phoned",
    "owner",
    "owners",
    "assignee",
    "assigned",
    "dri",
    "cc",
    "kudos",
    "and",
    "with",
    "mr",
    "mrs",
    "ms",
    "dr",
];

/// Nouns after a name that make it a thing: "the Hermes queue", "Kafka brokers".
const THING_NOUNS_AFTER: &[&str] = &[
    "service",
    "services",
    "cluster",
    "clusters",
    "server",
    "servers",
    "job",
    "jobs",
    "pipeline",
    "pipelines",
    "queue",
    "queues",
    "db",
    "database",
    "databases",
    "api",
    "apis",
    "worker",
    "workers",
    "pod",
    "pods",
    "host",
    "hosts",
    "instance",
    "instances",
    "node",
    "nodes",
    "broker",
    "brokers",
    "build",
    "builds",
    "bot",
    "agent",
    "agents",
    "proxy",
    "gateway",
    "plugin",
    "plugins",
    "dashboard",
    "dashboards",
    "topic",
    "topics",
    "consumer",
    "consumers",
    "producer",
    "client",
    "clients",
    "config",
    "configuration",
    "version",
    "versions",
    "upgrade",
    "deployment",
    "deployments",
    "release",
    "releases",
    "logs",
    "metrics",
    "alert",
    "alerts",
    "controller",
    "cron",
    "scheduler",
    "daemon",
    "process",
    "binary",
    "container",
    "containers",
    "image",
    "chart",
    "module",
    "library",
    "sdk",
    "endpoint",
    "endpoints",
    "app",
    "backend",
    "frontend",
    "ui",
    "stack",
    "shard",
    "shards",
    "replica",
    "replicas",
    "primary",
    "index",
    "indexes",
    "table",
    "tables",
    "bucket",
    "buckets",
    "repo",
    "repository",
    "branch",
    "runner",
    "runners",
    "task",
    "tasks",
    "workflow",
    "workflows",
    "instance's",
    "console",
    "cli",
    "plan",
    "tier",
    "region",
    "storage",
    "cache",
    "rule",
    "rules",
    "policy",
    "policies",
    "script",
    "scripts",
    "migration",
    "migrations",
    "feature",
    "flag",
    "flags",
    "integration",
    "provider",
    "operator",
    "helm",
    "manifest",
    "manifests",
    "pool",
    "store",
    "engine",
];

/// What people write as often as systems have: "Pablo's migration", "Ravi's config". After
/// a possessive they say nothing of whose it is (where "Kafka's brokers" says a thing).
const AUTHORED: &[&str] = &[
    "script",
    "scripts",
    "migration",
    "migrations",
    "config",
    "configuration",
    "deployment",
    "deployments",
    "release",
    "releases",
    "job",
    "jobs",
    "rule",
    "rules",
    "policy",
    "policies",
    "manifest",
    "manifests",
    "flag",
    "flags",
    "feature",
    "build",
    "builds",
    "upgrade",
    "version",
    "plan",
    "task",
    "tasks",
    "workflow",
    "workflows",
    "cron",
    "branch",
    "dashboard",
    "dashboards",
    "alert",
    "alerts",
    "chart",
    "module",
    "integration",
];

/// Verbs after a name that systems do by themselves: "Solomon reloaded", "Hermes crashed".
const THING_VERBS_AFTER: &[&str] = &[
    "restarted",
    "reloaded",
    "crashed",
    "rebooted",
    "recovered",
    "loaded",
    "started",
    "stopped",
    "hung",
    "timed",
    "oomed",
    "scaled",
    "synced",
    "replicated",
    "failed",
    "fell",
    "returned",
    "responded",
    "served",
    "threw",
    "logged",
    "emitted",
    "exported",
    "indexed",
    "rejected",
    "accepted",
    "processed",
    "queued",
    "retried",
    "evicted",
    "runs",
    "running",
    "serves",
    "returns",
    "uses",
    "stores",
];

/// Words before a name that make it a thing: "the Hermes queue", "restarted Kafka".
const THING_WORDS_BEFORE: &[&str] = &[
    "the",
    "a",
    "an",
    "our",
    "their",
    "its",
    "this",
    "that",
    "every",
    "each",
    "restarted",
    "restart",
    "restarting",
    "rebooted",
    "upgraded",
    "upgrade",
    "upgrading",
    "downgraded",
    "deployed",
    "redeployed",
    "scaled",
    "configured",
    "reconfigured",
    "installed",
    "uninstalled",
    "patched",
    "migrated",
    "provisioned",
    "decommissioned",
    "drained",
    "bounced",
    "in",
    "on",
    "into",
    "onto",
    "via",
    "through",
    "using",
    "use",
    "uses",
    "used",
    "run",
    "runs",
    "running",
];

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// The words of `text`, split at anything that is not a letter, digit, hyphen or
/// apostrophe.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '\u{2019}')).filter(|w| !w.is_empty())
}

/// Whether `word` is one of `list` (lowercase), in any case.
fn one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|l| l.eq_ignore_ascii_case(word))
}

/// Whether `word` is a past tense ("skipped", "forgot", "didn't") or a modal ("might"):
/// what cannot follow the modal "will", so a capitalised "Will" before it is a name.
/// Verbs whose past is their base ("set", "put") and bases ending in "-ed" ("need") are
/// not.
/// Whether `word` is "Will" read as a name because of the word after it (see
/// [`past_or_modal`]): "Will skipped …", "Will might have …".
pub(crate) fn modal_name_before(word: &str, next: &str) -> bool {
    word == "Will" && past_or_modal(next)
}

fn past_or_modal(word: &str) -> bool {
    crate::text::with_ascii_lowercase(word, |lower| {
        let lower = lower.replace('\u{2019}', "'");
        let lower = lower.as_str();
        const FORMS: &[&str] =
            &["was", "wasn't", "had", "hadn't", "did", "didn't", "might", "would", "could", "should", "must", "may"];
        if FORMS.contains(&lower) {
            return true;
        }
        match crate::verbs::lookup(lower) {
            Some(forms) => forms.past == lower && forms.base != lower,
            None => lower.len() > 4 && lower.ends_with("ed") && !lower.ends_with("eed"),
        }
    })
}
/// The long lists [`evidence_found`] asks of the words around every use of every word
/// looked up, hashed on first use: a scan compared the word with each entry.
type HashedList = LazyLock<HashSet<&'static str>>;
static THING_NOUNS: HashedList = LazyLock::new(|| THING_NOUNS_AFTER.iter().copied().collect());
static THING_WORDS: HashedList = LazyLock::new(|| THING_WORDS_BEFORE.iter().copied().collect());
static THING_VERBS: HashedList = LazyLock::new(|| THING_VERBS_AFTER.iter().copied().collect());
static AUTHORED_WORDS: HashedList = LazyLock::new(|| AUTHORED.iter().copied().collect());
static PERSON_VERBS: LazyLock<HashMap<&'static str, u32>> =
    LazyLock::new(|| PERSON_VERBS_AFTER.iter().copied().collect());

/// Whether `word` is in `set` (of lowercase words), in any case: [`one_of`] for a hashed
/// list.
fn listed(word: &str, set: &HashSet<&'static str>) -> bool {
    crate::text::with_ascii_lowercase(word, |lower| set.contains(lower))
}

/// What `masked` (a document's prose, everything else blanked) says of `word` (as
/// written, capitalised): each use is read for signs of a person or a thing.
pub fn evidence_in(masked: &str, word: &str) -> Evidence {
    evidence_found(masked, masked, word, &memchr::memmem::Finder::new(word.as_bytes()))
}

/// [`evidence_in`] with the searcher for `word` built once for every part of a document.
/// `raw` is the text `masked` was made from (the same length), for the table a use is in.
fn evidence_found(masked: &str, raw: &str, word: &str, finder: &memchr::memmem::Finder<'_>) -> Evidence {
    let mut ev = Evidence::default();
    let bytes = masked.as_bytes();
    for at in finder.find_iter(bytes) {
        let end = at + word.len();
        if at > 0 && (is_word_byte(bytes[at - 1]) || bytes[at - 1] == b'@') {
            continue;
        }
        // "Dana's" is a use; "Danatech" is not.
        let possessive = masked[end..].starts_with("'s") || masked[end..].starts_with("\u{2019}s");
        let after_word = if possessive { end + masked[end..].find('s').map_or(0, |i| i + 1) } else { end };
        if bytes.get(after_word).is_some_and(|&b| is_word_byte(b)) {
            continue;
        }
        let before = &masked[masked.floor_char_boundary(at.saturating_sub(40))..at];
        let after = &masked[after_word..masked.floor_char_boundary((after_word + 60).min(masked.len()))];
        // Only the clause around the use: stop at a sentence end or a line break.
        let before = before.rsplit(['.', '!', '?', '\n', ';']).next().unwrap_or("");
        let after_clause = after.split(['.', '!', '?', '\n', ';']).next().unwrap_or("");
        let prev = words_of(before).last();
        let after_words = || words_of(after_clause);
        let next = after_words().next();
        let raw_prev = before.trim_end().chars().next_back();
        let raw_next = after.trim_start().chars().next();

        // "**Aoife**: gateway logs…", "Wen: restarting now": a speaker in a chat log.
        // Only in a timestamped line: "Iris: refuse empty rotas" in a list is a component.
        // The line's start, looked for within 1 KiB: a word deep in a very long line has no
        // speaker, label or table cell before it, and a search back to the start for every
        // use made a long line quadratic.
        let reach = masked.floor_char_boundary(at.saturating_sub(1024));
        let line_start = match masked[reach..at].rfind('\n') {
            Some(i) => reach + i + 1,
            None if reach == 0 => 0,
            None => at,
        };
        let prefix = &masked[line_start..at];
        let timestamped = prefix.len() <= 24
            && prefix.as_bytes().windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
        let spoken = raw_next == Some(':') && after.trim_start()[1..].starts_with(' ') && timestamped;
        if spoken {
            ev.person += 2;
        }
        // The next word counts only right after it: not across "," or ":".
        let adjacent = raw_next.is_some_and(char::is_alphanumeric);
        // A thing: a noun after it, a determiner or a verb for systems before it, a version.
        if !possessive && adjacent && next.is_some_and(|n| listed(n, &THING_NOUNS)) {
            ev.thing += 2;
        } else if possessive && next.is_some_and(|n| listed(n, &THING_NOUNS) && !listed(n, &AUTHORED_WORDS)) {
            ev.thing += 1;
        }
        // ("This one is on Otieno", "that's on Priya": the blame put on a person, not a
        // thing something runs on.)
        let blame_on = prev.is_some_and(|p| p.eq_ignore_ascii_case("on")) && {
            let b = before.trim_end().to_ascii_lowercase();
            let b = b.strip_suffix("on").unwrap_or(&b).trim_end();
            b.ends_with(" is") || b.ends_with("'s") || b.ends_with("\u{2019}s") || b.ends_with(" was")
        };
        if prev.is_some_and(|p| listed(p, &THING_WORDS)) && !matches!(raw_prev, Some(',' | ':')) && !blame_on {
            ev.thing += 1;
        }
        // (In the same cell: "| Jin | 11.22 |" is a person and a due date.)
        let next_cell = raw.len() == masked.len()
            && raw.is_char_boundary(after_word)
            && raw[after_word..].trim_start_matches([' ', '\t']).starts_with('|');
        if !next_cell
            && next.is_some_and(|n| {
                n.starts_with(|c: char| c.is_ascii_digit())
                    || (n.starts_with('v') && n[1..].starts_with(|c: char| c.is_ascii_digit()))
            })
        {
            ev.thing += 1;
        }

        // "Solomon, our fraud engine", "Solomon restarted", "Solomon timed out": a thing's
        // apposition, or what only systems do by themselves.
        // "Ernie, the certified random number generator appliance", "Orla (pass scheduler)".
        const KINDS_OF_THING: &[&str] = &[
            "engine",
            "platform",
            "system",
            "tool",
            "product",
            "vendor",
            "software",
            "bot",
            "service",
            "scheduler",
            "generator",
            "appliance",
            "controller",
            "daemon",
        ];
        let kind_of_thing = |w: &str| listed(w, &THING_NOUNS) || one_of(w, KINDS_OF_THING);
        let of_people = |w: &str| {
            crate::lexicon::is_role(&w.to_ascii_lowercase()) || one_of(w, &["team", "squad", "lead", "sre", "ic"])
        };
        let apposed = match raw_next {
            // A determiner lets the noun phrase run longer.
            Some(',') => {
                let long = after_words().next().is_some_and(|w| one_of(w, &["the", "our", "a", "an", "their"]));
                after_words().take(if long { 6 } else { 4 }).any(kind_of_thing) && !after_words().take(6).any(of_people)
            }
            Some('(') => {
                let inside = || words_of(after.split(')').next().unwrap_or("")).take(4);
                inside().any(kind_of_thing) && !inside().any(of_people)
            }
            _ => false,
        };
        if apposed {
            ev.thing += 2;
        }
        // "Hyun-woo restarted the replica": an operator acting on a machine, not a machine
        // restarting by itself ("Solomon restarted at 14:02").
        let operated = next.is_some_and(|n| one_of(n, &["restarted", "rebooted", "started", "stopped", "reloaded"]))
            && after_words().nth(1).is_some_and(|w| one_of(w, &["the", "a", "an", "our", "every", "both"]));
        if !possessive && adjacent && next.is_some_and(|n| listed(n, &THING_VERBS)) && !operated {
            ev.thing += 1;
        }
        // A person: a verb only people do after it, a word for reaching people before it.
        if !possessive {
            if let Some(weight) =
                next.and_then(|n| crate::text::with_ascii_lowercase(n, |lower| PERSON_VERBS.get(lower).copied()))
            {
                // "Dana was on call", "Dana is the incident commander".
                let role_after = next.is_some_and(|n| one_of(n, &["is", "was"]))
                    && after_words()
                        .skip(1)
                        .take(3)
                        .any(|w| one_of(w, &["on-call", "oncall", "ic", "commander", "on", "lead", "dri"]));
                // "Kaveh was paged", "Dana is woken": things are not reached that way.
                let reached = next.is_some_and(|n| one_of(n, &["is", "was", "gets", "got"]))
                    && after_words()
                        .nth(1)
                        .is_some_and(|w| one_of(w, &["paged", "called", "woken", "pinged", "phoned"]));
                ev.person += if weight == 0 {
                    u32::from(role_after || reached) * 2
                } else {
                    // "Lambda joined the cluster": a thing joins a group of things.
                    let grouped = next.is_some_and(|n| one_of(n, &["joined", "joins"]))
                        && after_words().skip(1).take(3).any(|w| one_of(w, THINGS_JOINED));
                    weight - u32::from(grouped)
                };
            }
            // "Chiamaka never ran the linter before she merged v7": referred back to by he
            // or she in the same sentence.
            if after_words().skip(1).any(|w| matches!(w, "he" | "she" | "his" | "her" | "him")) {
                ev.person += 1;
            }
            // "It was Yaw who muted …", "Selam, who marked …": things take "which" or "that".
            if next == Some("who") && matches!(raw_next, Some('w' | ',')) {
                ev.person += 2;
            }
            // "Will skipped the checklist", "Will might have removed the record": the modal
            // takes a verb's base form, so a past tense or another modal after it shows
            // the name.
            if adjacent && next.is_some_and(|n| modal_name_before(word, n)) {
                ev.person += 2;
            }
        }
        // "Farid Haddad": a surname after a given name is a person's, wherever else it
        // stands alone ("Haddad skipped the dry run", "Okonkwo's migration").
        let spaced = before.ends_with(' ') && !before.ends_with("  ");
        if spaced
            && prev.is_some_and(|p| {
                p.starts_with(char::is_uppercase)
                    && p.len() > 1
                    && before.trim_end().ends_with(p)
                    && !crate::lexicon::is_sentence_word(p)
                    && is_given_name(p)
                    && name_class(p) == NameClass::Given
            })
        {
            ev.person += 2;
        }
        // "Thanks to Mensah", "kudos to Mensah".
        let thanked = prev.is_some_and(|p| p == "to")
            && words_of(before)
                .collect::<Vec<_>>()
                .iter()
                .rev()
                .nth(1)
                .is_some_and(|w| one_of(w, &["thanks", "kudos", "thank", "shout-out", "grateful"]));
        // The label at the line's start: a role's, then names ("Incident commander:
        // Okonkwo", "Responders: Okonkwo, Mensah"), or a list of things' ("Systems: shop
        // site, Bilby Payments, Bruce (our bot)").
        let line_label = prefix
            .split_once(':')
            .filter(|(label, _)| label.len() <= 40 && !label.bytes().any(|b| b.is_ascii_digit()))
            .map(|(label, names)| (label.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase(), names));
        let labelled = line_label.as_ref().is_some_and(|(label, names)| {
            ROLE_LABELS.contains(&label.as_str())
                && words_of(names).all(|w| w.starts_with(char::is_uppercase) || one_of(w, &["and"]))
        });
        if line_label.as_ref().is_some_and(|(label, _)| THING_LABELS.contains(&label.as_str())) {
            ev.thing += 2;
        }
        // "declared by Okonkwo", "acknowledged by Okonkwo": what only people are the agent of.
        let agent = prev.is_some_and(|p| p == "by")
            && words_of(before).collect::<Vec<_>>().iter().rev().nth(1).is_some_and(|w| {
                one_of(
                    w,
                    &["declared", "acknowledged", "acked", "led", "approved", "reviewed", "escalated", "reported"],
                )
            });
        if thanked
            || labelled
            || agent
            || (raw.len() == masked.len() && in_owner_column(raw, line_start, at, after_word))
        {
            ev.person += 2;
        }
        // (In any case: "Mr Okonkwo", "Owner: Wen" at a line's start.)
        if prev.is_some_and(|p| one_of(p, PERSON_WORDS_BEFORE))
            && !(matches!(prev, Some("and" | "with")) && next.is_some_and(|n| listed(n, &THING_NOUNS)))
        {
            // "Dana and Wen", "paired with Wen" only count next to another person: weakly.
            ev.person += if matches!(prev, Some("and" | "with")) { 0 } else { 2 };
        }
        // "Wen (SRE)", "Wen (on-call)", "Wen, our DBA", "Wen from the storage team".
        if raw_next == Some('(') {
            let mut inside = words_of(after.split(')').next().unwrap_or(""));
            if inside.any(|w| crate::lexicon::is_role(&w.to_ascii_lowercase()) || one_of(w, &["ic", "sre"])) {
                ev.person += 2;
            }
        }
        // "Otieno Ochieng, the on-call": a given name whose surname the role follows.
        let surname_then_comma = next.is_some_and(|n| n.starts_with(char::is_uppercase))
            && after_clause.trim_start().split_once(',').is_some_and(|(surname, _)| !surname.trim().contains(' '));
        if (next.is_some_and(|n| one_of(n, &["from", "on"])) || raw_next == Some(',') || surname_then_comma)
            && after_words()
                .skip(1)
                .take(4)
                .any(|w| one_of(w, &["team", "squad", "engineer", "manager", "lead", "dba", "sre", "on-call"]))
        {
            ev.person += 2;
        }
        // "… — Wen" at the end of a line (a follow-up's owner), "Owner: Wen".
        if matches!(raw_prev, Some('\u{2014}' | '\u{2013}' | '-' | ':')) && after_clause.trim().is_empty() {
            ev.person += 1;
        }
        if possessive
            && next.is_some_and(|n| {
                one_of(n, &["team", "manager", "laptop", "shift", "pager", "phone", "account", "pr", "review"])
            })
        {
            ev.person += 1;
        }
        // "Wen restarted it. She then…": referred back to by he or she.
        let rest = &masked[after_word..masked.floor_char_boundary((after_word + 200).min(masked.len()))];
        // Within the paragraph: a blank line or a heading ends the reference.
        let line_then =
            |next: u8| memchr::memchr_iter(b'\n', rest.as_bytes()).find(|&i| rest.as_bytes().get(i + 1) == Some(&next));
        let rest = &rest[..line_then(b'\n').or_else(|| line_then(b'#')).unwrap_or(rest.len())];
        if let Some(stop) = rest.find(['.', '!', '?']) {
            let next_sentence = rest[stop + 1..].trim_start();
            let first = next_sentence.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
            // "It" would be a thing's; "he" and "she" only a person's.
            ev.person += match first {
                "He" | "She" => 2,
                "They" => 1,
                _ => 0,
            };
        }
    }
    // Written in lowercase, in prose: a command, a package, a product ("restart kafka").
    let lower = word.to_lowercase();
    if lower != word {
        let lower_uses = memchr::memmem::find_iter(bytes, lower.as_bytes())
            .filter(|&at| {
                let end = at + lower.len();
                !(at > 0 && (is_word_byte(bytes[at - 1]) || matches!(bytes[at - 1], b'@' | b'/' | b'.' | b'-')))
                    && !bytes.get(end).is_some_and(|&b| is_word_byte(b) || b == b'@')
            })
            .count();
        ev.lowercase += u32::try_from(lower_uses).unwrap_or(u32::MAX);
    }
    ev
}

/// Columns of a table that hold people: "| Action | Owner | Due |".
const PEOPLE_COLUMNS: &[&str] = &["owner", "owners", "assignee", "assigned to", "responsible", "dri"];

/// Whether the word at `at..end` is alone in a table cell (with a surname) under a column
/// of people ([`PEOPLE_COLUMNS`]), the table's header being the first of the row's run of
/// `|` lines.
fn in_owner_column(raw: &str, line_start: usize, at: usize, end: usize) -> bool {
    let masked = raw;
    if !masked.is_char_boundary(at) || !masked.is_char_boundary(end) || !masked.is_char_boundary(line_start) {
        return false;
    }
    if !masked[line_start..].trim_start_matches([' ', '\t']).starts_with('|') {
        return false;
    }
    let line_end = masked[end..].find('\n').map_or(masked.len(), |i| end + i);
    let line = &masked[line_start..line_end];
    if !line.trim_start().starts_with('|') {
        return false;
    }
    let cell_start = masked[line_start..at].rfind('|').map_or(line_start, |i| line_start + i + 1);
    let cell_end = masked[end..line_end].find('|').map_or(line_end, |i| end + i);
    // The cell holds only the name: "| Okonkwo |", "| Chidi Okonkwo |".
    if !words_of(&masked[cell_start..cell_end]).all(|w| w.starts_with(crate::lexicon::is_name_initial)) {
        return false;
    }
    let column = masked[line_start..cell_start].matches('|').count();
    // The header: the first line of the run of table lines above.
    let mut header = line_start;
    while header > 0 {
        let prev_start = masked[..header - 1].rfind('\n').map_or(0, |i| i + 1);
        if !masked[prev_start..header - 1].trim_start().starts_with('|') {
            break;
        }
        header = prev_start;
    }
    let header_end = masked[header..].find('\n').map_or(masked.len(), |i| header + i);
    masked[header..header_end].split('|').nth(column).is_some_and(|name| {
        let name = name.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase();
        PEOPLE_COLUMNS.contains(&name.as_str())
    })
}

/// Whether a capitalised word names a person in this document, from the word lists and
/// the document's evidence.
pub fn is_person(class: NameClass, evidence: Evidence) -> bool {
    match class {
        NameClass::Given => evidence.thing_weight() <= evidence.person + 1,
        // A name that is also a word ("Will", "Grant") is written in lowercase as the word:
        // only its uses as a thing count against it.
        NameClass::Ambiguous => evidence.person > evidence.thing,
        NameClass::Thing => evidence.person > evidence.thing_weight(),
        // A word no list knows needs more than one sign.
        NameClass::Unknown => evidence.person >= 2 && evidence.person > evidence.thing_weight(),
    }
}

/// The people of one document, looked up as the rules ask. What each part of the document
/// says of each word asked about is kept, by part, so after an edit only the parts parsed
/// again are read (a use is read within its line and paragraph, which never cross a
/// part's edge, so the sum over parts is what the whole text says).
#[derive(Debug)]
pub struct People<'d> {
    doc: &'d Document<'d>,
    totals: Mutex<HashMap<Box<str>, Evidence>>,
    /// What each of the document's parts says, in its order.
    said: Vec<Mutex<Said>>,
    earlier: Option<Earlier>,
    /// The people the document writes in lowercase (see [`handles_in`]), found on first use.
    handles: std::sync::OnceLock<std::collections::HashSet<Box<str>>>,
    /// Initials asked about, and whether the document writes their name whole (see
    /// [`People::is_initials_of_a_name`]).
    initials: Mutex<Vec<([u8; 3], bool)>>,
}

/// Words that open a line before a colon and are not people: "note:", "update:".
const NOT_SPEAKERS: &[&str] = &[
    "note",
    "notes",
    "update",
    "updates",
    "status",
    "fyi",
    "eta",
    "todo",
    "action",
    "actions",
    "decision",
    "summary",
    "cause",
    "impact",
    "edit",
    "ps",
    "nb",
    "re",
    "info",
    "warn",
    "warning",
    "error",
    "debug",
    "alert",
    "owner",
    "ticket",
    "who",
    "what",
    "when",
    "where",
    "why",
    "how",
    "result",
    "next",
    "done",
    "resolved",
    "mitigated",
    "detected",
    "root",
];

/// Second parts of a dotted lowercase word that make it a file, host or address, not a
/// person's handle: "maria.db", "ana.yaml".
const NOT_SURNAMES: &[&str] = &[
    "db", "sql", "yaml", "yml", "json", "toml", "md", "txt", "log", "conf", "cfg", "ini", "sh", "py", "js", "ts", "rs",
    "go", "rb", "io", "com", "net", "org", "dev", "app", "local", "internal", "example", "env", "lock",
];

/// The names a document gives people in lowercase, as a chat writes them: its `@handles`
/// (without the `@`: "jaro-k bumped the cap" after "@jaro-k"), the speakers of lines that
/// open on a time ("[21:09] rafa.quintero: …", "**[10:16] rafiq:** …") or of a quoted chat
/// (two lines or more of "> kemi: who did this??"). First.last names are handles too, in a
/// document that has any (see [`People::is_handle`]).
fn handles_in(text: &str) -> std::collections::HashSet<Box<str>> {
    let is_handle_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-');
    let bytes = text.as_bytes();
    let mut found = std::collections::HashSet::new();
    let mut add = |word: &str| {
        let word = word.trim_end_matches(['.', '-', '_']);
        if word.len() >= 3
            && word.as_bytes()[0].is_ascii_alphabetic()
            && !NOT_SPEAKERS.contains(&word.to_ascii_lowercase().as_str())
        {
            found.insert(word.to_ascii_lowercase().into_boxed_str());
        }
    };
    for at in memchr::memchr_iter(b'@', bytes) {
        if at > 0 && (is_word_byte(bytes[at - 1]) || matches!(bytes[at - 1], b'.' | b'/')) {
            continue;
        }
        let end = (at + 1..bytes.len()).find(|&k| !is_handle_byte(bytes[k])).unwrap_or(bytes.len());
        // An address ("security@corp.example") has its `@` after a word: skipped above.
        add(&text[at + 1..end]);
    }
    let mut quoted_speakers = Vec::new();
    // Most lines are prose, opening on no marker, quote or time: passed over at once.
    let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|at| at + 1));
    for start in starts {
        let opening = bytes[start.min(bytes.len())..].iter().find(|b| !matches!(b, b' ' | b'\t'));
        if !opening.is_some_and(|b| b.is_ascii_digit() || matches!(b, b'-' | b'*' | b'>' | b'|' | b'_' | b'[')) {
            continue;
        }
        let line = text[start..].lines().next().unwrap_or("");
        let quoted = line.trim_start().strip_prefix('>').map(|q| q.trim_start().trim_start_matches(['*', '_']));
        if let Some(speaker) = quoted.and_then(|q| q.split_once(':')).map(|(w, _)| w.trim_end_matches(['*', '_'])) {
            if !speaker.is_empty() && speaker.bytes().all(|b| is_handle_byte(b) && !b.is_ascii_uppercase()) {
                quoted_speakers.push(speaker);
            }
        }
        let rest = line.trim_start_matches([' ', '-', '*', '>', '|']);
        let rest = rest.trim_start_matches(['*', '_', '[']);
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=2).contains(&digits) || rest.as_bytes().get(digits) != Some(&b':') {
            continue;
        }
        let after_time = rest[digits..].trim_start_matches(|c: char| c.is_ascii_digit() || c == ':');
        let after_time = after_time.trim_start_matches([']', ' ', '*', '_', '-', '\u{2014}', '\u{2013}']);
        let end = after_time.bytes().position(|b| !is_handle_byte(b)).unwrap_or(after_time.len());
        let word = &after_time[..end];
        if after_time[end..].starts_with(':') && word.bytes().all(|b| !b.is_ascii_uppercase()) {
            add(word);
        }
    }
    if quoted_speakers.len() >= 2 {
        quoted_speakers.into_iter().for_each(&mut add);
    }
    found
}

/// Whether `text` has words starting with the capitals of `initials` one after the other,
/// each a capital then lowercase letters ("Jun Takahashi" for `JT`, not "JSON Tools").
fn writes_name_of(text: &str, initials: &[u8]) -> bool {
    let bytes = text.as_bytes();
    // The end of a name's word at `at`: its capital, then lowercase letters (any byte of a
    // non-ASCII character counts: "Sepúlveda").
    let word_end = |at: usize, capital: u8| -> Option<usize> {
        if bytes.get(at) != Some(&capital) {
            return None;
        }
        let len = bytes[at + 1..].iter().take_while(|&&b| b.is_ascii_lowercase() || b >= 0x80).count();
        (len > 0).then_some(at + 1 + len)
    };
    memchr::memchr_iter(initials[0], bytes).any(|start| {
        if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] >= 0x80) {
            return false;
        }
        let mut at = start;
        for (i, &capital) in initials.iter().enumerate() {
            let Some(end) = word_end(at, capital) else { return false };
            if i + 1 < initials.len() {
                if bytes.get(end) != Some(&b' ') {
                    return false;
                }
                at = end + 1;
            }
        }
        true
    })
}

/// `word` with the accents of Latin letters taken off ("zoë" → "zoe", "tāne" → "tane");
/// any other character is kept, so that a word of another script stays what it was.
fn fold_accents(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ì'..='ï' | 'ī' | 'į' | 'ı' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ś' | 'š' | 'ş' => 's',
            'ź' | 'ż' | 'ž' => 'z',
            'ł' => 'l',
            'ğ' => 'g',
            'ř' => 'r',
            'ť' | 'ţ' => 't',
            'ď' => 'd',
            other => other,
        })
        .collect()
}

/// Whether a lowercase word is a first.last name ("ana.clara", not "maria.db"): its first
/// part a given name, its second no file, host or address ending.
fn dotted_name(word: &str) -> bool {
    let Some((first, second)) = word.split_once('.') else { return false };
    let lower = |p: &str| p.len() >= 2 && p.bytes().all(|b| b.is_ascii_lowercase());
    lower(first) && lower(second) && !NOT_SURNAMES.contains(&second) && is_given_name(first)
}

/// What one part's prose says of each word asked about.
type Said = HashMap<Box<str>, Evidence>;

/// What the last version of the document said of each word, with what the parts it had
/// then and has no longer said, and the parts it has now and had not: a word's total now
/// is its total then, less what the parts gone said of it, plus what the new ones say. A
/// keystroke in a long debrief otherwise read every part for every word (1.8M of the
/// 9.6M instructions of a keystroke in the 10,000-line benchmark debrief).
#[derive(Debug)]
struct Earlier {
    totals: HashMap<Box<str>, Evidence>,
    gone: Vec<Said>,
    new: Vec<usize>,
}

/// What [`People`] leaves for the document's next version (see [`People::new_after`]).
#[derive(Debug, Default)]
pub(crate) struct PeopleTotals {
    parts: Vec<(PartId, Said)>,
    totals: HashMap<Box<str>, Evidence>,
}

impl<'d> People<'d> {
    /// The people of `doc`, none looked up yet.
    pub fn new(doc: &'d Document<'d>) -> People<'d> {
        let said = doc.parts().iter().map(|_| Mutex::default()).collect();
        People {
            doc,
            totals: Mutex::new(HashMap::new()),
            said,
            earlier: None,
            handles: Default::default(),
            initials: Mutex::default(),
        }
    }

    /// The people of `doc`, a later version of the document `kept` was left by.
    pub(crate) fn new_after(doc: &'d Document<'d>, kept: Option<PeopleTotals>) -> People<'d> {
        let Some(kept) = kept.filter(|k| !k.totals.is_empty()) else { return People::new(doc) };
        let listed = kept.parts.len();
        let mut then: HashMap<PartId, Said> = kept.parts.into_iter().collect();
        let now: std::collections::HashSet<PartId> = doc.parts().iter().map(|p| p.part.id).collect();
        // A part listed twice would be counted once here: read such a document afresh.
        if then.len() != listed || now.len() != doc.parts().len() {
            return People::new(doc);
        }
        let mut said = Vec::with_capacity(doc.parts().len());
        let mut new = Vec::new();
        for (i, placed) in doc.parts().iter().enumerate() {
            said.push(Mutex::new(then.remove(&placed.part.id).unwrap_or_else(|| {
                new.push(i);
                Said::default()
            })));
        }
        let gone = then.into_values().collect();
        People {
            doc,
            totals: Mutex::new(HashMap::new()),
            said,
            earlier: Some(Earlier { totals: kept.totals, gone, new }),
            handles: Default::default(),
            initials: Mutex::default(),
        }
    }

    /// What to hand [`People::new_after`] for the document's next version.
    pub(crate) fn into_totals(self) -> PeopleTotals {
        let unpoisoned = |m: Mutex<Said>| m.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        let parts = self.doc.parts().iter().map(|p| p.part.id).zip(self.said.into_iter().map(unpoisoned)).collect();
        PeopleTotals { parts, totals: self.totals.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner) }
    }

    /// What the document's part `i` says of `key`, read once and kept.
    fn evidence_of(&self, i: usize, key: &str, finder: &memchr::memmem::Finder<'_>) -> Evidence {
        let mut kept = self.said[i].lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(&known) = kept.get(key) {
            return known;
        }
        let range = self.doc.parts()[i].range();
        let found = evidence_found(&self.doc.masked[range.clone()], &self.doc.text[range], key, finder);
        kept.insert(key.into(), found);
        found
    }

    /// `key`'s total from the last version's, when every part gone had read it.
    fn updated_from_earlier(&self, key: &str) -> Option<Evidence> {
        let earlier = self.earlier.as_ref()?;
        let mut total = *earlier.totals.get(key)?;
        for said in &earlier.gone {
            total = total.minus(*said.get(key)?);
        }
        let finder = memchr::memmem::Finder::new(key.as_bytes());
        for &i in &earlier.new {
            total = total.plus(self.evidence_of(i, key, &finder));
        }
        Some(total)
    }

    /// What the document says of `word` (capitalised, as written; "Dana's" is "Dana").
    pub fn evidence(&self, word: &str) -> Evidence {
        let key = word.strip_suffix("'s").or_else(|| word.strip_suffix("\u{2019}s")).unwrap_or(word);
        let lock = || self.totals.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(&known) = lock().get(key) {
            return known;
        }
        let total = self.updated_from_earlier(key).unwrap_or_else(|| {
            let finder = memchr::memmem::Finder::new(key.as_bytes());
            let parts = 0..self.doc.parts().len();
            parts.fold(Evidence::default(), |total, i| total.plus(self.evidence_of(i, key, &finder)))
        });
        lock().insert(key.into(), total);
        total
    }

    /// Whether `word` names a person in the document.
    pub fn is_person(&self, word: &str) -> bool {
        let key = word.strip_suffix("'s").or_else(|| word.strip_suffix("\u{2019}s")).unwrap_or(word);
        is_person(name_class(key), self.evidence(key))
    }

    /// Whether `word`, in lowercase as written ("jaro-k", "rafiq's"), is a person the
    /// document writes as a handle or a chat speaker (see [`handles_in`]).
    pub fn is_handle(&self, word: &str) -> bool {
        let key = word.strip_suffix("'s").or_else(|| word.strip_suffix("\u{2019}s")).unwrap_or(word);
        // "zoë" for "@zoe": handles are typed without the accents the name has.
        let folded;
        let key = if key.is_ascii() {
            key
        } else {
            folded = fold_accents(key);
            folded.as_str()
        };
        if key.len() < 3
            || !key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-'))
        {
            return false;
        }
        let handles = self.handles.get_or_init(|| handles_in(self.doc.text));
        // A first.last name is one in any document that writes people as handles.
        !handles.is_empty() && (handles.contains(key) || dotted_name(key))
    }

    /// Whether `word`, two or three capitals ("RB"), are the initials of a name the
    /// document writes whole ("Engr. Rodel Bautista"): how rosters and shift logs write
    /// the people they list.
    pub fn is_initials_of_a_name(&self, word: &str) -> bool {
        let b = word.as_bytes();
        if !crate::lexicon::initials_shaped(b) {
            return false;
        }
        let key = [b[0], b[1], b.get(2).copied().unwrap_or(0)];
        let mut asked = self.initials.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(&(_, named)) = asked.iter().find(|(k, _)| *k == key) {
            return named;
        }
        let named = writes_name_of(self.doc.text, b);
        asked.push((key, named));
        named
    }

    /// Whether the document shows anyone by a lowercase handle at all (see
    /// [`People::is_handle`]): most do not, and then no word needs looking up.
    pub fn has_handles(&self) -> bool {
        !self.handles.get_or_init(|| handles_in(self.doc.text)).is_empty()
    }

    /// Whether the document uses `word` as a thing more than as a person.
    pub fn is_thing(&self, word: &str) -> bool {
        let ev = self.evidence(word);
        ev.thing_weight() > ev.person
    }

    /// The words looked up so far.
    pub(crate) fn words(&self) -> Vec<Box<str>> {
        self.totals.lock().unwrap_or_else(std::sync::PoisonError::into_inner).keys().cloned().collect()
    }

    /// A digest of what the document says of `words`: findings kept from an earlier
    /// version are valid while it is unchanged (see `engine::PartFindings`).
    pub(crate) fn digest<'w>(&self, words: impl Iterator<Item = &'w str>) -> u64 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for word in words {
            let verdict = u8::from(self.is_person(word)) | (u8::from(self.is_thing(word)) << 1);
            for byte in word.bytes().chain([0, verdict]) {
                hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(text: &str, word: &str) -> Evidence {
        evidence_in(text, word)
    }

    /// Run with `UPDATE_NAMES=1` to store the sets again after a list changes.
    #[test]
    fn stored_name_sets_are_current() {
        for list in [&GIVEN_NAMES, &AMBIGUOUS_NAMES, &THING_NAMES] {
            let built = fst::Set::from_iter(list.words()).expect("sorted, distinct words").into_fst().into_inner();
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(list.stored);
            if std::env::var_os("UPDATE_NAMES").is_some() {
                let temporary = path.with_extension("fst.new");
                std::fs::write(&temporary, &built).expect("write the set");
                std::fs::rename(&temporary, &path).expect("replace the stored set");
                continue;
            }
            let stored = std::fs::read(&path).expect("the stored set");
            assert!(
                built == stored,
                "{} is not what its list builds: run `UPDATE_NAMES=1 cargo test -p debrief-core stored_name_sets_are_current`, then build again",
                path.display()
            );
        }
    }

    #[test]
    fn word_lists_are_sorted_lowercase_and_searchable() {
        for (name, list) in [("given", &GIVEN_NAMES), ("ambiguous", &AMBIGUOUS_NAMES), ("not-people", &THING_NAMES)] {
            let words: Vec<&str> = list.words().collect();
            assert!(words.len() > 50, "{name}: {} words", words.len());
            assert!(words.windows(2).all(|w| w[0] < w[1]), "{name} is not sorted (LC_ALL=C sort -u)");
            for w in &words {
                assert_eq!(w.to_lowercase(), *w, "{name}: {w} is not lowercase");
                assert!(list.contains(w), "{name}: {w} not found by the search");
                assert!(!list.contains(&format!("{w}#")), "{name}: {w}# found");
            }
            assert!(!list.contains(""), "{name}");
        }
    }

    #[test]
    fn names_from_many_languages() {
        for name in ["Gareth", "Oksana", "Olumide", "Thandiwe", "Mateus", "Siobhán", "Ngozi", "Søren", "Priya"] {
            assert_eq!(name_class(name), NameClass::Given, "{name}");
        }
        for word in ["Will", "Grant", "May"] {
            assert_eq!(name_class(word), NameClass::Ambiguous, "{word}");
        }
        for word in ["Jenkins", "Kafka", "Hermes", "Athena"] {
            assert_eq!(name_class(word), NameClass::Thing, "{word}");
        }
    }

    #[test]
    fn evidence_of_people_and_things() {
        let doc = "Wen said the disk was full. We paged Hermes at 14:02. Owner: Athena\n";
        assert!(evidence(doc, "Wen").person > 0);
        assert!(evidence(doc, "Hermes").person > 0);
        assert!(evidence(doc, "Athena").person > 0);
        let doc = "The Hermes queue backed up. We restarted Kafka and upgraded to Kafka 3.6. Then kafka-topics ran.\n";
        let hermes = evidence(doc, "Hermes");
        assert!(hermes.thing > hermes.person, "{hermes:?}");
        let kafka = evidence(doc, "Kafka");
        assert!(kafka.thing > kafka.person, "{kafka:?}");
        assert!(is_person(NameClass::Thing, evidence("Jenkins (SRE) said it was fine.", "Jenkins")));
        assert!(!is_person(NameClass::Thing, evidence("Jenkins deleted the workspace.", "Jenkins")));
        assert!(is_person(NameClass::Given, evidence("Ngozi took the primary down.", "Ngozi")));
        assert!(!is_person(NameClass::Given, evidence("The Iris service and the Iris queue.", "Iris")));
        // A title says person in any case; paging is done by alerting tools too.
        assert!(evidence("Mr Okonkwo logged the call. Mr Okonkwo left.", "Okonkwo").person >= 2);
        assert!(!is_person(NameClass::Thing, evidence("- 09:11 Sentinel pages ledger on-call", "Sentinel")));
    }
}
