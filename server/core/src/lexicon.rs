//! Who counts as a person: names, pronouns, roles and handles, as readable tables.
//!
//! Blame rules decide on the subject of a clause (SPEC 2): "Dana should have noticed" is
//! about a person, "the alert should have fired" is about a system. These tables say
//! which words refer to people.

use std::sync::LazyLock;

use foldhash::HashSet;

pub use crate::config::UserLexicon;
#[cfg(test)]
use crate::config::Words;

/// First names, lowercase (see the header of `data/first-names.txt` for the sources).
static FIRST_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/first-names.txt").lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect()
});

/// Pronouns that refer to people, with whether they single out one person
/// (`blame-named-person` treats "he" and "she" like a name).
pub const PERSON_PRONOUNS: &[(&str, bool)] = &[
    ("i", false),
    ("we", false),
    ("you", false),
    ("he", true),
    ("she", true),
    ("they", false),
    ("him", true),
    ("her", true),
    ("us", false),
    ("them", false),
    ("me", false),
    ("somebody", false),
    ("someone", false),
    ("nobody", false),
    ("anyone", false),
    ("anybody", false),
    ("everyone", false),
    ("everybody", false),
    ("whoever", false),
];

/// Words after "fault", "error" or "mistake" that make a technical term, not blame:
/// "fault domain", "error rate", "whose fault tolerance".
pub const TECHNICAL_AFTER_FAULT: &[&str] = &[
    "domain",
    "domains",
    "tolerance",
    "tolerant",
    "injection",
    "injections",
    "isolation",
    "line",
    "lines",
    "zone",
    "zones",
    "detector",
    "detection",
    "handling",
    "handler",
    "handlers",
    "model",
    "boundary",
    "boundaries",
    "rate",
    "rates",
    "code",
    "codes",
    "message",
    "messages",
    "budget",
    "budgets",
    "log",
    "logs",
    "page",
    "pages",
    "path",
    "paths",
    "count",
    "counts",
    "class",
    "classes",
    "type",
    "types",
    "response",
    "responses",
    "state",
    "states",
    "mode",
    "modes",
    "condition",
    "conditions",
    "bar",
    "ratio",
    "spike",
    "spikes",
    "threshold",
    "thresholds",
    "tree",
    "trees",
    "analysis",
    "correction",
    "checking",
    "reporting",
    "tracking",
    "signal",
    "signals",
    "status",
];

/// Possessive pronouns that single out one person ("his mistake").
pub const SINGLING_POSSESSIVES: &[&str] = &["his", "her"];

/// Nouns for people by their role; a clause whose subject's head is one of these is about
/// people ("the on-call engineer", "the platform team", "our DBA").
pub const ROLE_NOUNS: &[&str] = &[
    "on-call",
    "oncall",
    "on-caller",
    "on-callers",
    "engineer",
    "engineers",
    "developer",
    "developers",
    "dev",
    "devs",
    "operator",
    "operators",
    "admin",
    "admins",
    "administrator",
    "administrators",
    "sysadmin",
    "sysadmins",
    "dba",
    "dbas",
    "sre",
    "sres",
    "team",
    "teams",
    "reviewer",
    "reviewers",
    "author",
    "authors",
    "approver",
    "approvers",
    "manager",
    "managers",
    "lead",
    "leads",
    "ic",
    "commander",
    "responder",
    "responders",
    "user",
    "users",
    "customer",
    "customers",
    "staff",
    "employee",
    "employees",
    "contractor",
    "contractors",
    "intern",
    "interns",
    "person",
    "people",
    "colleague",
    "colleagues",
    "teammate",
    "teammates",
    "maintainer",
    "maintainers",
    "programmer",
    "programmers",
    "tester",
    "testers",
    "qa",
    "analyst",
    "analysts",
    "human",
    "humans",
    "member",
    "members",
    "individual",
    "individuals",
    "requester",
    "deployer",
    "committer",
    "submitter",
    "owner",
    "owners",
    "ops",
    "devops",
    "support",
    "crew",
    "crews",
    "squad",
    "squads",
    "one",
    "liaison",
    "liaisons",
    "leader",
    "leaders",
    "responsible",
    "nurse",
    "nurses",
    "doctor",
    "doctors",
    "clinician",
    "clinicians",
    "physician",
    "physicians",
    "pharmacist",
    "pharmacists",
    // Laboratory and ward staff: "The duty biomedical scientist ought to have checked …".
    "scientist",
    "scientists",
    "technologist",
    "technologists",
    "radiographer",
    "radiographers",
    "phlebotomist",
    "phlebotomists",
    "paramedic",
    "paramedics",
    "surgeon",
    "surgeons",
    "midwife",
    "midwives",
    "officer",
    "officers",
    "supervisor",
    "supervisors",
    "coordinator",
    "coordinators",
    "specialist",
    "specialists",
    "technician",
    "technicians",
    "director",
    "directors",
    "architect",
    "architects",
    "consultant",
    "consultants",
    "planner",
    "planners",
    "dispatcher",
    "dispatchers",
    "clerk",
    "clerks",
    "receptionist",
    "representative",
    "representatives",
    "rep",
    "reps",
    "auditor",
    "auditors",
    "executive",
    "executives",
    "founder",
    "founders",
    "cto",
    "ceo",
    "vp",
    "pm",
    "accountant",
    "accountants",
    "teacher",
    "lecturer",
    "staffer",
    "staffers",
    "folks",
    "colleague",
    "management",
    "leadership",
    "execs",
    // "The CAB chair should have returned the request".
    "chair",
    "chairs",
    "chairperson",
    "chairman",
    "chairwoman",
    // Office holders: "The treasurer should have checked the totals".
    "treasurer",
    "treasurers",
    "cashier",
    "cashiers",
    "registrar",
];

/// Nouns for groups of people that also name things ("the service *desk*", "the change
/// *board*", "the nurse *station*", "the *agent*"): a subject headed by one is people only
/// with a verb people do ("should have escalated", "was supposed to check").
pub const GROUP_NOUNS: &[&str] = &[
    "desk",
    "board",
    "station",
    "office",
    "department",
    "committee",
    "group",
    "squad",
    "unit",
    "ward",
    "agent",
    "agents",
    "management",
    "leadership",
    "cab",
    "vendor",
    "vendors",
    "supplier",
    "suppliers",
    "side",
    "shift",
    "worker",
    "workers",
    "driver",
    "drivers",
    "faculty",
    "room",
    "centre",
    "center",
    // Departments, and the centres that watch: "Release engineering needed to have
    // rehearsed …", "Our NOC ought to have escalated …" ("the NOC dashboard" is a thing).
    "noc",
    "soc",
    "operations",
    "engineering",
    "security",
    "infrastructure",
    "networking",
    "finance",
    "legal",
    "compliance",
    "procurement",
    "helpdesk",
];

/// What must not be exposed: "the deploy *token*", "the API *key*".
pub const SECRETS: &[&str] = &[
    "token",
    "tokens",
    "key",
    "keys",
    "secret",
    "secrets",
    "password",
    "passwords",
    "credential",
    "credentials",
    "passphrase",
    "apikey",
];

/// Verbs (in every form the rules meet) that only people do: knowing, noticing,
/// checking, asking. With one of these, an unknown capitalised subject ("Mariko should
/// have checked") or "they" is taken to be a person.
pub const HUMAN_VERBS: &[&str] = &[
    // "Release engineering needed to have rehearsed the rollback".
    "rehearse",
    "rehearsed",
    "practise",
    "practised",
    "practice",
    "practiced",
    "drill",
    "drilled",
    "notice",
    "noticed",
    "check",
    "checked",
    "know",
    "known",
    "knew",
    "realise",
    "realised",
    "realize",
    "realized",
    "recognise",
    "recognised",
    "recognize",
    "recognized",
    "catch",
    "caught",
    "test",
    "tested",
    "verify",
    "verified",
    "review",
    "reviewed",
    "escalate",
    "escalated",
    "ask",
    "asked",
    "read",
    "look",
    "looked",
    "pay",
    "paid",
    "think",
    "thought",
    "consider",
    "considered",
    "communicate",
    "communicated",
    "tell",
    "told",
    "inform",
    "informed",
    "follow",
    "followed",
    "double-check",
    "double-checked",
    "confirm",
    "confirmed",
    "wait",
    "waited",
    "see",
    "seen",
    "saw",
    "spot",
    "spotted",
    "remember",
    "remembered",
    "ensure",
    "ensured",
    "call",
    "called",
    "phone",
    "phoned",
    "ring",
    "rang",
    "investigate",
    "investigated",
    "respond",
    "responded",
    "acknowledge",
    "acknowledged",
    "approve",
    "approved",
    "document",
    "documented",
    "anticipate",
    "anticipated",
    "foresee",
    "foreseen",
    "predict",
    "predicted",
    "understand",
    "understood",
    "question",
    "questioned",
    "flag",
    "flagged",
    "raise",
    "raised",
    "report",
    "reported",
    "mention",
    "mentioned",
    "warn",
    "warned",
    "coordinate",
    "coordinated",
    "listen",
    "listened",
    "been",
    "asked",
    "noticing",
    "checking",
    "forget",
    "forgot",
    "forgotten",
    "bother",
    "bothered",
    "care",
    "cared",
    "think",
    "guess",
    "guessed",
    // Slips only a person makes: an unknown word before one is a name.
    "overlooked",
    "misread",
    "misjudged",
    "botched",
    "fat-fingered",
    "mistyped",
    "neglected",
    "mishandled",
];

/// Verbs of a duty whose omission is blame when a person is named ("did not *test*");
/// not perception ("did not notice"), which is an account of what happened.
pub const DUTIES: &[&str] = &[
    "run",
    "check",
    "checked",
    // "never looked at the outstation logs".
    "look",
    "looked",
    "test",
    "tested",
    "verify",
    "verified",
    "validate",
    "validated",
    "double-check",
    "double-checked",
    "review",
    "reviewed",
    "update",
    "updated",
    "read",
    "follow",
    "followed",
    "escalate",
    "escalated",
    "wait",
    "waited",
    "inform",
    "informed",
    "tell",
    "told",
    "communicate",
    "communicated",
    "document",
    "documented",
    "monitor",
    "monitored",
    "back",
    "confirm",
    "confirmed",
    "ask",
    "asked",
    "page",
    "paged",
    "notify",
    "notified",
    "lock",
    "locked",
    "rotate",
    "rotated",
    "renew",
    "renewed",
    "patch",
    "patched",
    "drain",
    "drained",
    "announce",
    "announced",
    "coordinate",
    "coordinated",
    "double-check",
    "double-checked",
    "re-enable",
    "re-enabled",
    "enable",
    "enabled",
    "revert",
    "reverted",
    "respond",
    "responded",
    "acknowledge",
    "acknowledged",
    "investigate",
    "investigated",
    "report",
    "reported",
    "raise",
    "raised",
    "flag",
    "flagged",
    "hand",
    "handed",
    // Passing a report on: "never passed it on to the integration team".
    "pass",
    "passed",
    "forward",
    "forwarded",
    "relay",
    "relayed",
    "deliver",
    "delivered",
    "remove",
    "removed",
    // Putting a thing back or on record: "did not return it to critical", "did not
    // record the change" ("did not register" and "log" take "for" and "in" too often).
    "return",
    "returned",
    "restore",
    "restored",
    "reset",
    "record",
    "recorded",
    "share",
    "shared",
    // Telling others: "did not mention the isolation in her handover note".
    "mention",
    "mentioned",
    "call",
    "called",
    // What was promised and not written: "never wrote the backfill runbook she promised".
    "write",
    "wrote",
    "written",
    // A step of a plan carried out: "the verification was not performed".
    "perform",
    "performed",
    "complete",
    "completed",
    // "did not execute the step 7.3 validation", "did not enter the change in the change
    // log", "never closed the action item".
    "execute",
    "executed",
    "enter",
    "entered",
    "close",
    "closed",
    // Indian English for informing: "did not intimate the batch team".
    "intimate",
    "intimated",
];

/// Whether `lower` is a duty whose omission is blame when a person is named.
pub fn is_duty(lower: &str) -> bool {
    static SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| DUTIES.iter().copied().collect());
    SET.contains(lower)
}

/// Capitalised words that start sentences or name things and are never people.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    // Offices that act as one: "rescheduled by Registry", "released by Treasury".
    "registry",
    "treasury",
    "payroll",
    "helpdesk",
    "legal",
    // Indefinite pronouns: "Nobody's bins were missed".
    "nobody",
    "everybody",
    "somebody",
    "anybody",
    "everyone",
    "someone",
    "anyone",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "there",
    "here",
    "then",
    "when",
    "after",
    "before",
    "during",
    "while",
    "because",
    "since",
    "if",
    "as",
    "at",
    "on",
    "in",
    "by",
    "for",
    "from",
    "with",
    "without",
    "also",
    "however",
    "but",
    "and",
    "or",
    "so",
    "what",
    "which",
    "who",
    "why",
    "how",
    "where",
    "our",
    "their",
    "your",
    "my",
    "all",
    "some",
    "no",
    "none",
    "each",
    "every",
    "both",
    "either",
    "neither",
    "one",
    "two",
    "three",
    "nothing",
    "something",
    "everything",
    "anything",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "github",
    "gitlab",
    "macbook",
    "mcafee",
    "google",
    "aws",
    "azure",
    "gcp",
    "kubernetes",
    "k8s",
    "prometheus",
    "grafana",
    "pagerduty",
    "opsgenie",
    "slack",
    "jenkins",
    "travis",
    "circleci",
    "argo",
    "argocd",
    "terraform",
    "helm",
    "docker",
    "linux",
    "redis",
    "postgres",
    "postgresql",
    "mysql",
    "kafka",
    "cassandra",
    "ruby",
    "python",
    "rust",
    "java",
    "node",
    "nginx",
    "cloudflare",
    "pingdom",
    "datadog",
    "sentry",
    "elasticsearch",
    "kibana",
    "vault",
    "consul",
    "nomad",
    "ansible",
    "puppet",
    "chef",
    "salt",
    "jira",
    "confluence",
    "zoom",
    "discord",
    "twitter",
    "statuspage",
    "heroku",
    "vercel",
    "netlify",
    "fastly",
    "akamai",
];

/// How a word refers to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonKind {
    /// A first name or a name in the team's `[words] people`.
    Name,
    /// An `@handle`.
    Handle,
    /// A pronoun; `singles_out` for he/she/him/her.
    Pronoun {
        /// Whether it points at one person (he, she).
        singles_out: bool,
    },
    /// A role noun ("the on-call", "the DBA").
    Role,
    /// An unknown capitalised word taken as a name because of a verb only people do.
    ProperNoun,
}

impl PersonKind {
    /// Whether this reference singles out one person (`blame-named-person`).
    pub fn is_named(self) -> bool {
        matches!(
            self,
            PersonKind::Name | PersonKind::Handle | PersonKind::ProperNoun | PersonKind::Pronoun { singles_out: true }
        )
    }
}

/// Whether `word` (as written) is a known first name.
pub fn is_first_name(word: &str, user: &UserLexicon) -> bool {
    let first = word.chars().next();
    if !first.is_some_and(char::is_uppercase) {
        return false;
    }
    let lower = word.to_lowercase();
    if user.allow.contains(&lower) {
        return false;
    }
    user.people.contains(&lower) || FIRST_NAMES.contains(lower.as_str())
}

/// Whether `lower` is a pronoun for people, and whether it singles one out.
pub fn pronoun(lower: &str) -> Option<bool> {
    PERSON_PRONOUNS.iter().find(|(p, _)| *p == lower).map(|(_, s)| *s)
}

/// Whether `lower` is a role noun.
pub fn is_role(lower: &str) -> bool {
    // Hashed: asked of the head of every subject.
    static SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| ROLE_NOUNS.iter().copied().collect());
    // "Exam-ops should have blocked …", "the release-team": a team named for its work.
    SET.contains(lower)
        || lower.rsplit_once('-').is_some_and(|(first, last)| !first.is_empty() && matches!(last, "ops" | "team"))
}

/// Whether `lower` is a noun for a group of people that also names things (see
/// [`GROUP_NOUNS`]).
pub fn is_group(lower: &str) -> bool {
    GROUP_NOUNS.contains(&lower)
}

/// Whether `lower` is a verb only people do.
pub fn is_human_verb(lower: &str) -> bool {
    static SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| HUMAN_VERBS.iter().copied().collect());
    SET.contains(lower)
}

/// Words that start sentences in debriefs and are never names (sorted by bytes), capitalised as written
/// there: looked up before the name lists, which most sentence starts would otherwise cost.
const SENTENCE_WORDS: &[&str] = &[
    "A",
    "Action",
    "Additionally",
    "After",
    "Alerts",
    "All",
    "Also",
    "Although",
    "An",
    "And",
    "As",
    "At",
    "Because",
    "Before",
    "Both",
    "But",
    "By",
    "Customers",
    "Date",
    "Detection",
    "Duration",
    "During",
    "Each",
    "Earlier",
    "Errors",
    "Every",
    "Finally",
    "First",
    "Follow",
    "For",
    "Fortunately",
    "From",
    "Further",
    "Here",
    "How",
    "However",
    "If",
    "Impact",
    "In",
    "Incident",
    "Instead",
    "It",
    "It's",
    "Its",
    "Latency",
    "Later",
    "Many",
    "Meanwhile",
    "Mitigation",
    "Monitoring",
    "Most",
    "Next",
    "No",
    "Not",
    "Now",
    "Of",
    "On",
    "Once",
    "One",
    "Only",
    "Or",
    "Our",
    "Overall",
    "Owner",
    "Requests",
    "Resolution",
    "Root",
    "Second",
    "Service",
    "Services",
    "Several",
    "Severity",
    "Since",
    "So",
    "Some",
    "Status",
    "Summary",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "Therefore",
    "These",
    "They",
    "Third",
    "This",
    "Those",
    "Though",
    "Thus",
    "Time",
    "Timeline",
    "To",
    "Traffic",
    "Two",
    "Unfortunately",
    "Until",
    "Users",
    "We",
    "What",
    "When",
    "Where",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Within",
    "Without",
    "You",
    "Your",
];

/// Whether `word` (as written) is a word that starts sentences and is never a name.
pub fn is_sentence_word(word: &str) -> bool {
    static SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| SENTENCE_WORDS.iter().copied().collect());
    SET.contains(word)
}

/// Whether `lower` is a capitalised word that is never a person: a sentence word, a
/// month or day, a well-known product.
pub fn is_not_name(lower: &str) -> bool {
    static SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| NOT_NAMES.iter().copied().collect());
    SET.contains(lower)
}

/// Whether `lower` is the letters of a team or a role, not a person's initials: "It was
/// QA who signed it off", "IT", "the NOC" (a role or a group noun, or one of the few
/// letters only those lists lack).
pub fn is_team_acronym(lower: &str) -> bool {
    is_role(lower)
        || is_group(lower)
        || matches!(
            lower,
            "it" | "hr"
                | "cfo"
                | "cio"
                | "ux"
                | "ui"
                | "bi"
                | "pr"
                | "csm"
                | "tam"
                | "mgr"
                | "eng"
                | "l1"
                | "l2"
                | "l3"
        )
}

/// Whether a word has the shape of a person's initials: two or three capitals ("TK").
pub fn initials_shaped(word: &[u8]) -> bool {
    (2..=3).contains(&word.len()) && word.iter().all(u8::is_ascii_uppercase)
}

/// Whether `lower` is a number written as a word ("two hours", "several days").
pub fn is_number_word(lower: &str) -> bool {
    matches!(
        lower,
        "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "eleven"
            | "twelve"
            | "fifteen"
            | "twenty"
            | "thirty"
            | "forty"
            | "fifty"
            | "several"
            | "half"
    )
}

/// Titles before a surname: "Mr Okafor", "Dr. Ishikawa", "Herr Srisuk", "Sra. Quispe".
pub fn is_title(lower: &str) -> bool {
    matches!(
        lower,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "mx"
            | "prof"
            | "herr"
            | "frau"
            | "sr"
            | "sra"
            | "mme"
            | "mlle"
            | "señor"
            | "señora"
            | "capt"
            | "cpt"
            | "eng"
            | "ing"
    )
}

/// Two-letter words that are English words, abbreviations or units, never a person's
/// name when capitalised in a debrief ("No", "Ok", "Db", "Mb").
const SHORT_WORDS: &[&str] = &[
    "ad", "ah", "am", "an", "as", "at", "aw", "ax", "be", "by", "cc", "cd", "ci", "db", "dc", "do", "dr", "eg", "eh",
    "em", "en", "er", "et", "eu", "ex", "gb", "go", "ha", "he", "hi", "hm", "hq", "hr", "id", "ie", "if", "in", "io",
    "ip", "is", "it", "js", "jr", "kb", "km", "lo", "mb", "me", "mm", "mr", "ms", "my", "nb", "no", "ns", "of", "oh",
    "ok", "on", "op", "or", "os", "ow", "ox", "pc", "pm", "pr", "ps", "py", "qa", "re", "rs", "sh", "so", "sr", "st",
    "tb", "to", "ts", "tv", "ui", "uh", "uk", "um", "up", "us", "vm", "vs", "we", "ya", "ye", "yo",
];

/// Whether a capitalised word of two letters could be a name ("Li", "Wu", "Jo", "Bo"):
/// no list holds such names as names, since most two-letter words are words or initials.
pub fn is_short_name(word: &str) -> bool {
    let mut chars = word.chars();
    let (Some(first), Some(second), None) = (chars.next(), chars.next(), chars.next()) else {
        return false;
    };
    if !(first.is_uppercase() && second.is_lowercase()) {
        return false;
    }
    let lower = word.to_lowercase();
    !SHORT_WORDS.contains(&lower.as_str()) && !is_not_name(&lower)
}

/// Whether a word's capitals are a name's: one at the start of each part ("Oksana",
/// "Al-Farsi", "O'Brien", "Sato-san") or after a surname prefix ("McKenzie", "DeShawn",
/// "LaToya"), never the inner capitals of a product ("GitHub", "PagerDuty") or an acronym.
pub fn has_name_capitals(word: &str) -> bool {
    /// Prefixes after which a name goes on with a capital.
    const PREFIXES: &[&str] = &["Mc", "Mac", "Fitz", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von"];
    let lower_after_first = |part: &str| part.chars().skip(1).all(|c| !c.is_uppercase());
    word.split(['-', '\'', '\u{2019}']).enumerate().all(|(i, part)| {
        lower_after_first(part)
            || (i == 0
                && PREFIXES.iter().any(|p| {
                    part.strip_prefix(p).is_some_and(|rest| {
                        rest.chars().next().is_some_and(char::is_uppercase)
                            && rest.chars().count() > 2
                            && lower_after_first(rest)
                    })
                }))
    })
}

/// Whether a capitalised `word` could be an unknown person's name: not a sentence word,
/// not a product, not allowed by the team.
pub fn could_be_name(word: &str, user: &UserLexicon) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    // "王芳", "박지훈": a name in a script without capitals, whole.
    if is_caseless_letter(first) {
        return word.chars().all(is_caseless_letter) && !user.allow.contains(word);
    }
    if !first.is_uppercase() || word.len() < 2 {
        return false;
    }
    // All-caps words are acronyms (DNS, CDN), mixed-case ones products (GitHub).
    if !has_name_capitals(word) || chars.any(|c| !c.is_alphabetic() && !matches!(c, '\'' | '-')) {
        return false;
    }
    let lower = word.to_lowercase();
    !is_not_name(&lower) && !user.allow.contains(&lower) && (!word.contains('-') || hyphenated_name(word))
}

/// Whether `c` is a letter of a script that has no capitals (Han, Hangul, Kana, Arabic,
/// Hebrew, Thai, Devanagari…).
pub fn is_caseless_letter(c: char) -> bool {
    !c.is_ascii() && c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase()
}

/// Whether a name may start with `c`: a capital, or a letter of a script without case
/// ("박지훈", "王芳").
pub fn is_name_initial(c: char) -> bool {
    c.is_uppercase() || is_caseless_letter(c)
}

/// Whether a hyphenated capitalised word reads as a name ("Bat-Erdene", "Al-Farsi",
/// "Jean-Pierre"): every part capitalised, and not every part a word of the language
/// ("Follow-Up", "Read-Only", "Sign-Off" are headings' words).
fn hyphenated_name(word: &str) -> bool {
    let parts: Vec<&str> = word.split('-').collect();
    let capitalised = |p: &&str| p.chars().count() >= 2 && p.chars().next().is_some_and(char::is_uppercase);
    let english = |p: &&str| {
        let l = p.to_lowercase();
        is_not_name(&l)
            || crate::verbs::lookup(&l).is_some()
            || crate::grammar::is_preposition(&l)
            || crate::grammar::looks_like_common_noun(&l)
            || matches!(l.as_str(), "up" | "down" | "off" | "on" | "out" | "in" | "over" | "back" | "away" | "only")
    };
    parts.iter().all(capitalised) && !parts.iter().all(english)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_their_capitals_and_products_do_not() {
        for name in ["Oksana", "Al-Farsi", "O'Brien", "D\u{2019}Souza", "Sato-san", "McKenzie", "MacLeod", "DeShawn"] {
            assert!(has_name_capitals(name), "{name}");
        }
        for word in ["GitHub", "PagerDuty", "DNS", "LaTeX", "DeepL", "McX", "CloudFront", "iOS"] {
            assert!(!has_name_capitals(word), "{word}");
        }
    }

    #[test]
    fn names_are_recognised_and_common_words_are_not() {
        let user = UserLexicon::default();
        for name in ["Dana", "Tom", "Priya", "Søren", "Mariano"] {
            assert!(is_first_name(name, &user), "{name}");
        }
        for word in ["May", "Will", "Grant", "Ruby", "Cassandra", "dana", "Jenkins"] {
            assert!(!is_first_name(word, &user), "{word}");
        }
        let user =
            UserLexicon::new(&Words { people: vec!["Zorblax".into()], allow: vec!["Tom".into()], blame: vec![] });
        assert!(is_first_name("Zorblax", &user));
        assert!(!is_first_name("Tom", &user));
    }

    #[test]
    fn unknown_capitalised_words() {
        let user = UserLexicon::default();
        assert!(could_be_name("Mariko", &user));
        assert!(!could_be_name("DNS", &user));
        assert!(!could_be_name("GitHub", &user));
        assert!(!could_be_name("The", &user));
        assert!(!could_be_name("Kubernetes", &user));
        for name in ["Bat-Erdene", "Al-Farsi", "Oyun-Erdene"] {
            assert!(could_be_name(name, &user), "{name}");
        }
        for word in ["Follow-Up", "Read-Only", "Sign-Off", "Follow-up", "Roll-Out", "Bat-", "-Erdene"] {
            assert!(!could_be_name(word, &user), "{word}");
        }
    }
}
