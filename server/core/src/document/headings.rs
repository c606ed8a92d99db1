//! The heading vocabulary: which kind of section a heading names (SPEC 3), read from
//! its words whatever the team's wording ("Timeline", "What happened, hour by hour").

/// What a section is about, found from its heading (SPEC 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionKind {
    /// "Timeline", "Sequence of events", "Chronology".
    Timeline,
    /// "Follow-ups", "Action items", "Actions", "Next steps", "Remediation", "Corrective actions".
    FollowUps,
    /// "Contributing factors", "Root cause", "Causes", "What went wrong".
    Causes,
    /// "Summary".
    Summary,
    /// "Impact".
    Impact,
    /// "Lessons learned", "Learnings", "What went well".
    Learnings,
    /// Anything else.
    Other,
}

impl SectionKind {
    /// Classifies a heading's text.
    pub fn of_heading(text: &str) -> SectionKind {
        // Most headings name none of these: a cheap look at the words first.
        const FIRST: &[&str] = &[
            "sequence",
            "key",
            "events",
            "follow",
            "followup",
            "followups",
            "follow-up",
            "action",
            "actions",
            "next",
            "remediation",
            "remediations",
            "corrective",
            "preventive",
            "preventative",
            "resulting",
            "todo",
            "to",
            "todos",
            "future",
            "contributing",
            "root",
            "causes",
            "cause",
            "what",
            "trigger",
            "things",
            "summary",
            "overview",
            "issue",
            "executive",
            "tl",
            "tldr",
            "impact",
            "lessons",
            "learning",
            "learnings",
            "takeaway",
            "takeaways",
            "where",
            "timeline",
            "timelines",
            // "Rollout log", "Incident log", "Event log", "Log".
            "rollout",
            "incident",
            "event",
            "deploy",
            "deployment",
            "release",
            "response",
            "log",
            "recommendations",
            "recommendation",
            "improvements",
            "changes",
        ];
        // Case-blind, without a copy: most headings are looked at only here. The first
        // letter is compared before the rest (`| 0x20` lowers an ASCII letter and turns no
        // other byte into one; the words are lowercase).
        let same = |w: &[u8], word: &[u8]| w[0] | 0x20 == word[0] && w.eq_ignore_ascii_case(word);
        let holds = |word: &[u8]| text.as_bytes().windows(word.len()).any(|w| same(w, word));
        if !holds(b"timeline") && !holds(b"chronolog") {
            let first = text
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()));
            // With the headings in other languages by their first words ("plan" of "plan
            // daction"), gathered once: splitting every one for every heading was most of
            // the classifying.
            static FIRST_WORDS: std::sync::LazyLock<foldhash::HashSet<String>> = std::sync::LazyLock::new(|| {
                let elsewhere =
                    TIMELINES_ELSEWHERE.iter().chain(FOLLOW_UPS_ELSEWHERE).filter_map(|h| h.split(' ').next());
                FIRST.iter().copied().chain(elsewhere).map(str::to_lowercase).collect()
            });
            // Lowered on the stack when it is ASCII, as most first words are.
            let known = |w: &str| match w.is_ascii() {
                true => crate::text::with_ascii_lowercase(w, |lower| FIRST_WORDS.contains(lower)),
                false => FIRST_WORDS.contains(&w.to_lowercase()),
            };
            if !first.is_some_and(known) {
                return SectionKind::Other;
            }
        }
        let norm = normalise_heading(text);
        let t = norm.as_str();
        let has = |w: &str| t.split(' ').any(|x| x == w);
        let starts = |p: &str| t.starts_with(p);
        if has("timeline")
            || has("chronology")
            || starts("sequence of events")
            || t == "key events"
            || t == "key moments"
            || t == "events"
            || starts("timeline")
            || LOGS.contains(&t)
            || TIMELINES_ELSEWHERE.iter().any(|h| starts(h))
        {
            SectionKind::Timeline
        } else if starts("follow up")
            || starts("followup")
            || starts("action item")
            || t == "actions"
            || starts("next steps")
            || starts("remediation")
            || starts("corrective")
            || starts("preventive")
            || starts("preventative")
            || starts("action plan")
            || starts("resulting action")
            || t == "todo"
            || t == "to do"
            || t == "todos"
            || starts("follow-up")
            || t == "future actions"
            || t == "followup items"
            // "What we'll change", "What we're changing" (apostrophes dropped).
            || starts("what well change")
            || starts("what we will change")
            || starts("what were changing")
            || starts("what we are changing")
            || starts("what we re changing")
            || starts("recommendation")
            || starts("improvements")
            || starts("changes we")
            || FOLLOW_UPS_ELSEWHERE.iter().any(|h| starts(h))
        {
            SectionKind::FollowUps
        } else if starts("contributing factor")
            || starts("root cause")
            || t == "causes"
            || t == "cause"
            || starts("what went wrong")
            || starts("causes ")
            || t == "trigger"
            || starts("things that went poorly")
            || starts("what went poorly")
        {
            SectionKind::Causes
        } else if starts("summary")
            || t == "overview"
            || starts("issue summary")
            || starts("executive summary")
            || t == "tl dr"
            || t == "tldr"
        {
            SectionKind::Summary
        } else if starts("impact") {
            SectionKind::Impact
        } else if starts("lessons")
            || starts("learning")
            || starts("what went well")
            || starts("things that went well")
            || starts("takeaway")
            || starts("key takeaway")
            || starts("where we got lucky")
        {
            SectionKind::Learnings
        } else {
            SectionKind::Other
        }
    }
}

/// Timeline headings in the other languages teams write debriefs in (normalised): Dutch,
/// Spanish, Portuguese, German, Norwegian, Danish, Finnish, Polish, Italian. French
/// "Chronologie" is found by its stem, as "Chronology" is.
const TIMELINES_ELSEWHERE: &[&str] = &[
    "chronologie",
    "tijdlijn",
    "cronología",
    "cronologia",
    "línea de tiempo",
    "linea de tiempo",
    "linha do tempo",
    "zeitleiste",
    "zeitlinie",
    "zeitverlauf",
    "zeitablauf",
    "ablauf",
    "zeitlicher ablauf",
    "chronologischer ablauf",
    "verlauf",
    "déroulement",
    "deroulement",
    "déroulé",
    "deroule",
    "secuencia de eventos",
    "sequência de eventos",
    "sequencia de eventos",
    "hendelsesforløp",
    "hendelsesforlop",
    "tidslinje",
    "tidslinjen",
    "aikajana",
    "oś czasu",
    "przebieg zdarzeń",
    "przebieg zdarzen",
    "sequenza degli eventi",
];

/// Follow-up headings in those languages (normalised, apostrophes dropped).
const FOLLOW_UPS_ELSEWHERE: &[&str] = &[
    "actiepunten",
    "acties",
    "vervolgacties",
    "acciones",
    "ações",
    "acoes",
    "próximos pasos",
    "proximos pasos",
    "próximos passos",
    "proximos passos",
    "maßnahmen",
    "massnahmen",
    "folgemaßnahmen",
    "aktionspunkte",
    "tiltak",
    "oppfølging",
    "oppfolging",
    "opfølgning",
    "actions correctives",
    "plan daction",
    "azioni",
    "działania",
    "toimenpiteet",
];

/// Headings of a log of what happened, read as a timeline.
const LOGS: &[&str] = &[
    "log",
    "incident log",
    "event log",
    "events log",
    "rollout log",
    "deploy log",
    "deployment log",
    "release log",
    "response log",
    "log of events",
];

/// Lowercase, letters and digits only, words single-spaced, parentheticals and leading
/// numbering dropped: "2. Action Items (owners)" → "action items".
pub fn normalise_heading(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    let mut pending_space = false;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '\'' | '\u{2019}' => {}
            c if c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric()) => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    out.extend(c.to_lowercase());
                }
            }
            _ => pending_space = true,
        }
    }
    // Leading numbering ("2. Action items") is not part of the name.
    let mut start = 0;
    for word in out.split(' ') {
        if !word.bytes().all(|b| b.is_ascii_digit()) {
            break;
        }
        start += word.len() + 1;
    }
    if start == 0 {
        out
    } else {
        out.get(start..).unwrap_or("").to_string()
    }
}
