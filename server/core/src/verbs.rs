//! Verb forms for reframing fixes: "should have *noticed*" → "did not *notice*",
//! "why did you *restart* it" → "what made *restarting* it…".
//!
//! Forms are generated forward from base forms we know, so a rewrite only happens for
//! verbs whose forms are certain; an unknown verb gets no rewrite rather than a wrong one.

use std::sync::LazyLock;

use foldhash::{HashMap, HashMapExt};

/// Irregular verbs: base, past, past participle.
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("be", "was", "been"),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("buy", "bought", "bought"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("come", "came", "come"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drive", "drove", "driven"),
    ("fall", "fell", "fallen"),
    ("feel", "felt", "felt"),
    ("find", "found", "found"),
    ("foresee", "foresaw", "foreseen"),
    ("forget", "forgot", "forgotten"),
    ("get", "got", "gotten"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("have", "had", "had"),
    ("hear", "heard", "heard"),
    ("hide", "hid", "hidden"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("let", "let", "let"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("mean", "meant", "meant"),
    ("meet", "met", "met"),
    ("overlook", "overlooked", "overlooked"),
    ("overwrite", "overwrote", "overwritten"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("read", "read", "read"),
    ("rebuild", "rebuilt", "rebuilt"),
    ("rerun", "reran", "rerun"),
    ("rewrite", "rewrote", "rewritten"),
    ("ring", "rang", "rung"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shut", "shut", "shut"),
    ("sit", "sat", "sat"),
    ("speak", "spoke", "spoken"),
    ("spend", "spent", "spent"),
    ("split", "split", "split"),
    ("spot", "spotted", "spotted"),
    ("stand", "stood", "stood"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("understand", "understood", "understood"),
    ("undo", "undid", "undone"),
    ("upset", "upset", "upset"),
    ("wake", "woke", "woken"),
    ("withdraw", "withdrew", "withdrawn"),
    ("write", "wrote", "written"),
];

/// Regular verbs met in debriefs, as base forms. Those that double their last consonant
/// are marked with a trailing `+`.
const REGULAR: &[&str] = &[
    "acknowledge",
    "act",
    "add",
    "alert",
    "allow",
    "analyse",
    "analyze",
    "answer",
    "anticipate",
    "apply",
    "approve",
    "archive",
    "ask",
    "assess",
    "assign",
    "assume",
    "attempt",
    "audit",
    "automate",
    "avoid",
    "back",
    "backup",
    "block",
    "bother",
    "bump",
    "call",
    "cancel",
    "care",
    "change",
    "check",
    "clean",
    "clear",
    "close",
    "commit+",
    "communicate",
    "compare",
    "complete",
    "configure",
    "confirm",
    "consider",
    "consult",
    "contact",
    "control+",
    "coordinate",
    "copy",
    "correct",
    "create",
    "debug+",
    "decide",
    "delay",
    "delete",
    "deploy",
    "describe",
    "detect",
    "disable",
    "discover",
    "document",
    "double-check",
    "drain",
    "drop+",
    "edit",
    "email",
    "enable",
    "end",
    "ensure",
    "escalate",
    "estimate",
    "evaluate",
    "examine",
    "execute",
    "expect",
    "explain",
    "fail",
    "fix",
    "flag+",
    "follow",
    "handle",
    "help",
    "identify",
    "ignore",
    "implement",
    "improve",
    "inform",
    "inspect",
    "install",
    "investigate",
    "involve",
    "kill",
    "label",
    "launch",
    "limit",
    "listen",
    "load",
    "lock",
    "log+",
    "look",
    "manage",
    "mention",
    "merge",
    "migrate",
    "miss",
    "mitigate",
    "monitor",
    "move",
    "need",
    "note",
    "notice",
    "notify",
    "open",
    "order",
    "page",
    "patch",
    "pause",
    "pick",
    "ping",
    "plan+",
    "predict",
    "prepare",
    "prevent",
    "prioritise",
    "prioritize",
    "provision",
    "publish",
    "pull",
    "push",
    "question",
    "raise",
    "reach",
    "react",
    "realise",
    "realize",
    "reboot",
    "receive",
    "recognise",
    "recognize",
    "record",
    "reduce",
    "release",
    "reload",
    "remember",
    "remove",
    "renew",
    "repair",
    "replace",
    "reply",
    "report",
    "request",
    "require",
    "resolve",
    "respond",
    "restart",
    "restore",
    "retry",
    "return",
    "revert",
    "review",
    "revoke",
    "roll",
    "rotate",
    "save",
    "scale",
    "schedule",
    "scope",
    "search",
    "secure",
    "ship+",
    "shorten",
    "sign",
    "skip+",
    "start",
    "stop+",
    "submit+",
    "suspect",
    "switch",
    "tag+",
    "talk",
    "target",
    "test",
    "track",
    "trigger",
    "try",
    "turn",
    "update",
    "upgrade",
    "use",
    "validate",
    "verify",
    "wait",
    "walk",
    "want",
    "warn",
    "watch",
    "work",
];

/// The forms of one verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbForms {
    /// "notice"
    pub base: String,
    /// "noticed"
    pub past: String,
    /// "noticed"
    pub participle: String,
    /// "noticing"
    pub ing: String,
}

fn regular_forms(entry: &str) -> VerbForms {
    let doubles = entry.ends_with('+');
    let base = entry.trim_end_matches('+');
    let last = base.chars().last().unwrap_or('e');
    let stem_for_ed = if doubles { format!("{base}{last}") } else { base.to_string() };
    let past = if doubles {
        format!("{stem_for_ed}ed")
    } else if base.ends_with('e') {
        format!("{base}d")
    } else if base.ends_with('y') && !base.ends_with("ay") && !base.ends_with("ey") && !base.ends_with("oy") {
        format!("{}ied", &base[..base.len() - 1])
    } else {
        format!("{base}ed")
    };
    VerbForms { base: base.to_string(), participle: past.clone(), past, ing: ing_form(base, doubles) }
}

fn ing_form(base: &str, doubles: bool) -> String {
    if doubles {
        let last = base.chars().last().unwrap_or('t');
        format!("{base}{last}ing")
    } else if let Some(stem) = base.strip_suffix("ie") {
        format!("{stem}ying")
    } else if base.ends_with('e')
        && !base.ends_with("ee")
        && !base.ends_with("ye")
        && !base.ends_with("oe")
        && base != "be"
    {
        format!("{}ing", &base[..base.len() - 1])
    } else {
        format!("{base}ing")
    }
}

static BY_ANY_FORM: LazyLock<HashMap<String, VerbForms>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    let mut all: Vec<VerbForms> = REGULAR.iter().map(|e| regular_forms(e)).collect();
    let doubling_irregular = [
        "begin", "cut", "get", "hit", "let", "put", "rerun", "run", "set", "shut", "sit", "split", "spot", "upset",
        "forget",
    ];
    all.extend(IRREGULAR.iter().map(|(b, p, pp)| VerbForms {
        base: b.to_string(),
        past: p.to_string(),
        participle: pp.to_string(),
        ing: ing_form(b, doubling_irregular.contains(b)),
    }));
    for forms in all {
        for key in [&forms.base, &forms.past, &forms.participle, &forms.ing] {
            map.entry(key.clone()).or_insert_with(|| forms.clone());
        }
    }
    map
});

/// The forms of the verb that `word` (any form, any case) is, when known.
pub fn lookup(word: &str) -> Option<&'static VerbForms> {
    BY_ANY_FORM.get(word.to_lowercase().as_str())
}

/// Whether `word` is a known verb's past participle (for "should have *noticed*").
pub fn is_participle(word: &str) -> bool {
    lookup(word).is_some_and(|f| f.participle.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_regular_and_irregular_verbs() {
        let f = lookup("noticed").unwrap();
        assert_eq!((f.base.as_str(), f.ing.as_str()), ("notice", "noticing"));
        assert_eq!(lookup("escalated").unwrap().base, "escalate");
        assert_eq!(lookup("spotted").unwrap().base, "spot");
        assert_eq!(lookup("verified").unwrap().base, "verify");
        assert_eq!(lookup("caught").unwrap().base, "catch");
        assert_eq!(lookup("known").unwrap().base, "know");
        assert_eq!(lookup("restart").unwrap().ing, "restarting");
        assert_eq!(lookup("run").unwrap().ing, "running");
        assert_eq!(lookup("stop").unwrap().past, "stopped");
        assert_eq!(lookup("broke").unwrap().participle, "broken");
        assert_eq!(lookup("Approved").unwrap().participle, "approved");
        assert!(lookup("frobnicated").is_none());
        assert!(is_participle("taken") && !is_participle("took"));
    }
}
