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
    ("bind", "bound", "bound"),
    ("blow", "blew", "blown"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("buy", "bought", "bought"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("come", "came", "come"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("dig", "dug", "dug"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drive", "drove", "driven"),
    ("fall", "fell", "fallen"),
    ("feed", "fed", "fed"),
    ("feel", "felt", "felt"),
    ("find", "found", "found"),
    ("foresee", "foresaw", "foreseen"),
    ("forget", "forgot", "forgotten"),
    ("forgo", "forwent", "forgone"),
    ("freeze", "froze", "frozen"),
    ("get", "got", "gotten"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("grow", "grew", "grown"),
    ("hang", "hung", "hung"),
    ("have", "had", "had"),
    ("hear", "heard", "heard"),
    ("hide", "hid", "hidden"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("let", "let", "let"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("mean", "meant", "meant"),
    ("meet", "met", "met"),
    ("mislead", "misled", "misled"),
    ("misread", "misread", "misread"),
    ("mistake", "mistook", "mistaken"),
    ("overlook", "overlooked", "overlooked"),
    ("override", "overrode", "overridden"),
    ("overwrite", "overwrote", "overwritten"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("quit", "quit", "quit"),
    ("read", "read", "read"),
    ("rebuild", "rebuilt", "rebuilt"),
    ("rerun", "reran", "rerun"),
    ("reset", "reset", "reset"),
    ("rewrite", "rewrote", "rewritten"),
    ("rid", "rid", "rid"),
    ("ring", "rang", "rung"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shoot", "shot", "shot"),
    ("shrink", "shrank", "shrunk"),
    ("shut", "shut", "shut"),
    ("sit", "sat", "sat"),
    ("speak", "spoke", "spoken"),
    ("spend", "spent", "spent"),
    ("spin", "spun", "spun"),
    ("split", "split", "split"),
    ("spot", "spotted", "spotted"),
    ("stand", "stood", "stood"),
    ("stick", "stuck", "stuck"),
    ("strike", "struck", "struck"),
    ("sweep", "swept", "swept"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tear", "tore", "torn"),
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
    "abort",
    "accept",
    "ack",
    "acknowledge",
    "act",
    "activate",
    "add",
    "adjust",
    "alert",
    "allow",
    "alter",
    "analyse",
    "analyze",
    "announce",
    "answer",
    "anticipate",
    "apply",
    "approve",
    "archive",
    "ask",
    "assess",
    "assign",
    "assume",
    "attach",
    "attempt",
    "audit",
    "automate",
    "avoid",
    "back",
    "backup",
    "block",
    "botch",
    "bother",
    "bump",
    "bundle",
    "bypass",
    "call",
    "cancel",
    "care",
    "change",
    "check",
    "cherry-pick",
    "circumvent",
    "clean",
    "clear",
    "clobber",
    "close",
    "commit+",
    "communicate",
    "compare",
    "compile",
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
    "corrupt",
    "crash",
    "create",
    "damage",
    "deactivate",
    "debug+",
    "decide",
    "decrease",
    "defer+",
    "delay",
    "delete",
    "demote",
    "deploy",
    "describe",
    "destroy",
    "detach",
    "detect",
    "disable",
    "discover",
    "dismiss",
    "disregard",
    "document",
    "double-check",
    "download",
    "drain",
    "drop+",
    "dump",
    "duplicate",
    "edit",
    "email",
    "enable",
    "end",
    "ensure",
    "enter",
    "erase",
    "escalate",
    "estimate",
    "evaluate",
    "evict",
    "examine",
    "execute",
    "exhaust",
    "expect",
    "expire",
    "explain",
    "export",
    "expose",
    "extend",
    "fail",
    "fix",
    "flag+",
    "flip+",
    "flood",
    "flush",
    "follow",
    "format",
    "forward",
    "generate",
    "grant",
    "handle",
    "hard-code",
    "hardcode",
    "help",
    "identify",
    "ignore",
    "implement",
    "import",
    "improve",
    "increase",
    "inform",
    "insert",
    "inspect",
    "install",
    "invalidate",
    "investigate",
    "invoke",
    "involve",
    "issue",
    "kick",
    "kill",
    "label",
    "lapse",
    "launch",
    "leak",
    "limit",
    "listen",
    "load",
    "lock",
    "log+",
    "look",
    "lower",
    "manage",
    "mark",
    "mention",
    "merge",
    "migrate",
    "misconfigure",
    "mishandle",
    "misjudge",
    "mislabel",
    "miss",
    "mistype",
    "mitigate",
    "modify",
    "monitor",
    "mount",
    "move",
    "mute",
    "need",
    "neglect",
    "note",
    "notice",
    "notify",
    "nuke",
    "omit+",
    "open",
    "order",
    "overload",
    "overwhelm",
    "package",
    "page",
    "paste",
    "patch",
    "pause",
    "perform",
    "pick",
    "ping",
    "plan+",
    "point",
    "post",
    "postpone",
    "predict",
    "prepare",
    "prevent",
    "prioritise",
    "prioritize",
    "produce",
    "promote",
    "provision",
    "publish",
    "pull",
    "purge",
    "push",
    "question",
    "raise",
    "reach",
    "react",
    "reactivate",
    "realise",
    "realize",
    "rebase",
    "reboot",
    "receive",
    "recognise",
    "recognize",
    "reconfigure",
    "record",
    "recreate",
    "redeploy",
    "reduce",
    "regenerate",
    "reindex",
    "reinstall",
    "release",
    "reload",
    "remember",
    "remove",
    "rename",
    "renew",
    "repair",
    "replace",
    "replicate",
    "reply",
    "report",
    "request",
    "require",
    "resize",
    "resolve",
    "respond",
    "restart",
    "restore",
    "resume",
    "retry",
    "return",
    "revert",
    "review",
    "revoke",
    "roll",
    "rotate",
    "route",
    "rush",
    "saturate",
    "save",
    "scale",
    "schedule",
    "scope",
    "script",
    "search",
    "secure",
    "select",
    "share",
    "ship+",
    "shorten",
    "sign",
    "silence",
    "skip+",
    "snooze",
    "squash",
    "stall",
    "start",
    "stop+",
    "submit+",
    "suspect",
    "switch",
    "tag+",
    "talk",
    "target",
    "terminate",
    "test",
    "toggle",
    "track",
    "trash",
    "trigger",
    "truncate",
    "try",
    "tune",
    "turn",
    "tweak",
    "type",
    "uninstall",
    "unmount",
    "unpause",
    "unplug+",
    "update",
    "upgrade",
    "upload",
    "use",
    "validate",
    "verify",
    "wait",
    "walk",
    "want",
    "warn",
    "watch",
    "wipe",
    "work",
    "wreck",
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

/// Every known verb's forms.
static VERBS: LazyLock<Vec<VerbForms>> = LazyLock::new(|| {
    let mut all: Vec<VerbForms> = REGULAR.iter().map(|e| regular_forms(e)).collect();
    let doubling_irregular = [
        "begin", "cut", "get", "hit", "let", "put", "rerun", "run", "set", "shut", "sit", "split", "spot", "upset",
        "forget", "reset", "quit", "rid", "spin", "dig",
    ];
    all.extend(IRREGULAR.iter().map(|(b, p, pp)| VerbForms {
        base: b.to_string(),
        past: p.to_string(),
        participle: pp.to_string(),
        ing: ing_form(b, doubling_irregular.contains(b)),
    }));
    all
});

/// Each form of [`VERBS`], to its verb: keys borrowed from the verbs, so building it
/// allocates only the table (every process pays for it on the first sentence read).
static BY_ANY_FORM: LazyLock<HashMap<&'static str, &'static VerbForms>> = LazyLock::new(|| {
    let verbs: &'static [VerbForms] = &VERBS;
    let mut map = HashMap::with_capacity(verbs.len() * 4);
    for forms in verbs {
        for key in [&forms.base, &forms.past, &forms.participle, &forms.ing] {
            map.entry(key.as_str()).or_insert(forms);
        }
    }
    map
});

/// The forms of the verb that `word` (any form, any case) is, when known.
pub fn lookup(word: &str) -> Option<&'static VerbForms> {
    // The grammar asks of nearly every word of a subject: a short ASCII word (most are) is
    // lowercased on the stack, without an allocation.
    let mut buffer = [0u8; 24];
    if let Some(lower) = buffer.get_mut(..word.len()).filter(|_| word.is_ascii()) {
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(lower) {
            return BY_ANY_FORM.get(lower).copied();
        }
    }
    BY_ANY_FORM.get(word.to_lowercase().as_str()).copied()
}

/// Whether `word` is a known verb's past participle (for "should have *noticed*").
pub fn is_participle(word: &str) -> bool {
    lookup(word).is_some_and(|f| f.participle.eq_ignore_ascii_case(word))
}

/// Whether `word` (lowercase) is a known verb's past ("uploaded", "sent"), past
/// participle ("taken"), or present with -s ("revokes", "pushes", "copies").
pub fn is_finite_or_participle(word: &str) -> bool {
    if let Some(f) = BY_ANY_FORM.get(word) {
        return f.past == word || f.participle == word;
    }
    let base_is = |base: &str| BY_ANY_FORM.get(base).is_some_and(|f| f.base == base);
    word.strip_suffix("ies").is_some_and(|stem| base_is(&format!("{stem}y")))
        || word.strip_suffix("es").is_some_and(|stem| stem.ends_with(['s', 'h', 'x', 'z', 'o']) && base_is(stem))
        || word.strip_suffix('s').is_some_and(|stem| !stem.ends_with('s') && base_is(stem))
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
        for finite in ["uploaded", "sent", "taken", "revokes", "pushes", "copies", "extends", "overrode"] {
            assert!(is_finite_or_participle(finite), "{finite}");
        }
        for other in ["upload", "push", "table", "tables", "address", "process", "kiosks"] {
            assert!(!is_finite_or_participle(other), "{other}");
        }
    }
}
