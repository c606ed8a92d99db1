//! Follow-ups (SPEC 3): list items (task lists included) and table rows under a
//! follow-ups heading, with owner and ticket detection, and the budget they are held to
//! (SPEC 4).

use std::ops::Range;
use std::sync::LazyLock;

use regex_automata::meta::Regex;

use crate::config::Limits;
use crate::document::{Document, ListItem, SectionKind};
use crate::front_matter::parse_severity;
use crate::memo::{Lookup, Marks};
use crate::pattern;

/// One follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    /// The whole item or row.
    pub range: Range<usize>,
    /// Its first line, trimmed: where findings point.
    pub head: Range<usize>,
    /// Whether an owner is named (`@handle`, "Owner:", a name in an owner column…).
    pub has_owner: bool,
    /// Whether it links a ticket (URL, `#123`, `ABC-123`).
    pub has_ticket: bool,
    /// Whether it is marked done (`[x]`, struck through, "Done").
    pub done: bool,
    /// Whether it has any text (an empty bullet is not a follow-up to own).
    pub has_text: bool,
}

impl FollowUp {
    /// Whether it is a follow-up still to do with nobody named and no ticket: what
    /// `followups-no-owner` flags.
    pub fn needs_owner(&self) -> bool {
        self.has_text && !self.done && !self.has_owner && !self.has_ticket
    }
}

/// The follow-ups under one heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpList {
    /// The heading.
    pub heading: Range<usize>,
    /// The whole section.
    pub range: Range<usize>,
    /// Follow-ups in document order.
    pub items: Vec<FollowUp>,
}

/// Whether `text` ends with an email address, as an owner after a dash: "— marta.koster@kassa.example",
/// "— platform-leads@kassa.example".
fn trailing_email(text: &str) -> bool {
    let last = text.trim_end().trim_end_matches(['.', ')']).rsplit(char::is_whitespace).next().unwrap_or("");
    let last = last.trim_start_matches(['(', '<']).trim_end_matches('>');
    last.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && user.chars().chain(domain.chars()).all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '+'))
    })
}

/// Whether `text` has a handle: "@" and a letter or digit, not inside an address or path
/// ("dana@example.com", "/@types").
fn has_handle(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'@', bytes).any(|at| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(at + 1);
        !before.is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'@' | b'/'))
            && after.is_some_and(u8::is_ascii_alphanumeric)
    })
}

static OWNER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    // ASCII case folding and classes keep these small to compile (a Unicode `(?i)` with
    // `\b` and `\w` is many times larger).
    pattern::build(
        r"(?-u:(?i)\b(?:owners?|owned by|assignees?|assigned to|dri|responsible|lead|who|responsable|responsabile|pilote|verantwortlich|eigenaar|ansvarlig|ansvarig)\s*)(?:[:=-]|(?u:–|—))(?-u:\s)*[^\t\n\r ]|(?-u:(?i)\b(?:assigned to|owned by)\s+)[^\t\n\r ]",
    )
});
/// A name or team at the end of the first line: "— Dana", "(Dana)", "[Platform team]",
/// "— Head of Estates Operations", "– Customer Services team leader", "— Equipo de Plataforma".
static TRAILING_OWNER: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(
        r"(?:(?-u:\s)(?:-|(?u:–|—))(?-u:\s)*|\(|\[)(?-u:\s)*(?:[A-Z](?:[A-Za-z0-9_'-]|[^\x00-\x7F])*\.?|@[A-Za-z0-9_-]+)(?:[ /&,]+(?:[A-Z](?:[A-Za-z0-9_'-]|[^\x00-\x7F])*|team|squad|lead|leader|manager|on-call|engineer|desk|of|for|and|de|da|do|del|van|der|den|von|@[A-Za-z0-9_-]+)){0,3}(?-u:\s)*[)\]]?(?:(?-u:\s)*\([A-Za-z0-9 ,./&'-]{1,40}\))?(?-u:\s)*\.?$",
    )
});
static TICKET: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(
        // ("\#4471": a Google Docs export escapes the hash.)
        r"(?-u)https?://|\]\(|\]\[|(?:^|\s|\(|\[)\\?#\d+\b|\b[A-Z][A-Z0-9]+-\d+\b|(?i:\b(?:ticket|issue|pr|jira)\s*#?\s*\d+)",
    )
});
/// Whether `text` links a ticket ([`TICKET`]). Every way of writing one has an ASCII
/// digit, a `]` or `://`: a text with none of them is not searched.
fn has_ticket(text: &str) -> bool {
    let b = text.as_bytes();
    let may = b.iter().any(u8::is_ascii_digit)
        || memchr::memchr(b']', b).is_some()
        || memchr::memmem::find(b, b"://").is_some();
    may && TICKET.is_match(text)
}

static SEVERITY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(
        r"(?i-u)^[\s>*_|-]*(?:incident\s+)?(?:severity|sev)(?:\s+level)?[*_\s]*[:|][*_\s]*(sev\s*-?\s*\d|p\d|s\d|\d|critical|major|high|medium|moderate|minor|low)\b",
    )
});

/// Whether the line before a list says it lists owners: "**Owners**", "Owners:".
fn lead_in_says_owners(doc: &Document<'_>, item: &crate::document::ListItem) -> bool {
    let before = doc.text[..item.range.start].trim_end();
    let line = before.rsplit('\n').next().unwrap_or(before);
    ["owners", "owner"].iter().any(|w| line.trim().trim_matches(['*', '_', ':', ' ']).eq_ignore_ascii_case(w))
}

/// The item numbers an owner line gives: "Étienne Roy: 1, 2, 4".
fn assigned_numbers(line: &str) -> Vec<u32> {
    let Some((_, numbers)) = line.split_once(':') else { return Vec::new() };
    numbers.split([',', ' ', '&']).filter_map(|n| n.trim_matches(['.', '#']).parse().ok()).collect()
}

/// The number of an ordered list item: "4. Replace the disk" is 4.
fn item_number(head: &str) -> Option<u32> {
    let t = head.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && matches!(t.as_bytes().get(digits), Some(b'.' | b')'))).then(|| t[..digits].parse().ok()).flatten()
}

/// Whether an item ends with a parenthesis that says it is done, with a date or a note:
/// "(done 20 Jan)", "(done, merged 19 Aug)", "(Completed in PR 412)".
fn done_in_closing_parenthesis(prose: &str) -> bool {
    let Some(inner) = prose.trim_end().strip_suffix(')') else { return false };
    let Some(open) = inner.rfind('(') else { return false };
    let inside = inner[open + 1..].trim_start().as_bytes();
    DONE_WORDS.iter().any(|w| {
        inside.get(..w.len()).is_some_and(|s| s.eq_ignore_ascii_case(w.as_bytes()))
            && inside.get(w.len()).is_none_or(|b| !b.is_ascii_alphabetic())
    })
}

/// Whether an item ends with a dash and a word that says it is done, with a date or a
/// note: "— done 12 Feb", "– erledigt am 3.11." (not a deadline: "— done by Friday").
fn done_after_a_dash(prose: &str) -> bool {
    let Some(dash) = prose.rfind(['\u{2014}', '\u{2013}']) else { return false };
    let tail = prose[dash..].trim_start_matches(['\u{2014}', '\u{2013}']).trim_start();
    let mut words = tail.split_whitespace();
    let said_done = words.next().is_some_and(|w| {
        let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        is_done_word(w)
    });
    let deadline = words.next().is_some_and(|w| ["by", "before", "until", "when", "once"].contains(&w));
    tail.len() <= 40 && said_done && !deadline
}

/// Words that say a follow-up is done, in English and the other languages teams write
/// debriefs in (German, Spanish, Portuguese, French, Dutch, Italian, Scandinavian).
const DONE_WORDS: &[&str] = &[
    "done",
    "completed",
    "erledigt",
    "hecho",
    "completado",
    "feito",
    "concluído",
    "concluido",
    "fait",
    "terminé",
    "afgerond",
    "gedaan",
    "fatto",
    "completato",
    "gjort",
    "utført",
    "klar",
];

/// Whether `word` says a follow-up is done (see [`DONE_WORDS`]), in any ASCII case.
fn is_done_word(word: &str) -> bool {
    DONE_WORDS.iter().any(|d| d.eq_ignore_ascii_case(word))
}

/// Whether a follow-up's text is only a placeholder ("N/A", "None", "TBD"): not a follow-up.
fn is_placeholder(text: &str) -> bool {
    // "(none)", "[none]": the placeholder in brackets.
    let t = crate::document::strip_list_marker(text).trim().trim_matches(['*', '_', '.', ' ', '|', '(', ')', '[', ']']);
    ["", "n/a", "na", "none", "none yet", "tbd", "tba", "todo", "-", "\u{2014}", "\u{2013}", "nothing", "...", "…"]
        .iter()
        .any(|p| p.eq_ignore_ascii_case(t))
}

/// Whether an item ends with a closing parenthesis or a closing dash that names nobody:
/// "Find the other jobs (TBD)", "Add the check — TBC".
fn closing_placeholder(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches('.');
    let tail = match t.strip_suffix(')') {
        Some(open) => open.rfind('(').map(|i| &open[i + 1..]),
        None => t.rfind(['\u{2014}', '\u{2013}']).map(|i| t[i..].trim_start_matches(['\u{2014}', '\u{2013}'])),
    };
    tail.is_some_and(|v| !v.trim().is_empty() && is_unassigned(v))
}

/// Whether an owner label or cell names nobody yet ("Owner: TBD", "| — |").
fn is_unassigned(value: &str) -> bool {
    let v = value.trim().trim_matches(['*', '_', '.', ' ', '(', ')']);
    ["", "-", "\u{2014}", "\u{2013}", "tbd", "tba", "tbc", "?", "??", "n/a", "none", "unassigned", "nobody", "unknown"]
        .iter()
        .any(|u| u.eq_ignore_ascii_case(v))
        // "Pending assignment", "To be assigned", "Not yet assigned".
        || ["pending", "to be assigned", "to be agreed", "to be decided", "to be determined", "to be confirmed", "not yet assigned", "needs an owner", "needs owner", "por definir", "a definir", "por asignar", "sin asignar", "à définir", "offen", "noch offen", "nicht zugewiesen", "pendiente", "em aberto", "niet toegewezen", "ikke tildelt"]
            .iter()
            .any(|u| v.get(..u.len()).is_some_and(|w| w.eq_ignore_ascii_case(u)))
}

/// "[AK] Alert when…": initials in brackets at the start of a follow-up name its owner.
fn leading_initials(text: &str) -> bool {
    let t = crate::document::strip_list_marker(text).trim_start();
    let Some(rest) = t.strip_prefix('[') else { return false };
    let Some(end) = rest.find(']') else { return false };
    let inside = &rest[..end];
    (2..=4).contains(&inside.len()) && inside.bytes().all(|b| b.is_ascii_uppercase() || b == b'.')
}

/// An owner named after a closing dash or colon, a team or role in a few words, a due date
/// after it or not: "— Release management", ": Dana", "— Payroll lead", "— night operations
/// lead, due 2026-02-13".
fn trailing_owner_words(first: &str) -> bool {
    let t = first.trim_end().trim_end_matches('.');
    let t = without_due_date(t);
    // (An arrow points at the owner too: "… → Electrical Superintendent (WO 40019283)".)
    // (A Google Docs export escapes the dash: "… \\- Camila Rojas".)
    let Some(cut) = t
        .rfind([':', '\u{2014}', '\u{2013}', '\u{2192}'])
        .or_else(|| t.rfind(" - ").map(|i| i + 1))
        .or_else(|| t.rfind(" \\- ").map(|i| i + 1))
    else {
        return false;
    };
    let tail = t[cut..].trim_start_matches([':', '\u{2014}', '\u{2013}', '\u{2192}', '-', '\\']).trim();
    // A work order or ticket in brackets after the owner is not part of the name.
    let tail = match tail.strip_suffix(')').and_then(|t| t.rfind('(').map(|i| t[..i].trim_end())) {
        Some(before) if !before.is_empty() => before,
        _ => tail,
    };
    // "— Mereana Tūhoe, fleet systems": the owner, then their team after a comma.
    let tail = match tail.split_once(',') {
        Some((owner, team)) if (1..=4).contains(&team.split_whitespace().count()) => owner.trim_end(),
        _ => tail,
    };
    let words: Vec<&str> = tail.split_whitespace().collect();
    // A name or a handle, or a team or a role however it is written ("security on-call lead").
    let named = words.first().is_some_and(|w| w.starts_with(|c: char| c.is_uppercase() || c == '@'))
        || words.last().is_some_and(|w| is_team_or_role(w));
    !words.is_empty()
        && words.len() <= 3
        && named
        && !is_unassigned(tail)
        && words.iter().all(|w| w.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '.' | '@' | '&')))
}

/// `text` without a due date at its end: "…, due 2026-02-13", "… due Friday".
fn without_due_date(text: &str) -> &str {
    let lower = text.to_ascii_lowercase();
    match lower.rfind(" due ") {
        Some(at) if text[..at].trim_end().ends_with([',', ';']) => text[..at].trim_end().trim_end_matches([',', ';']),
        _ => text,
    }
}

/// Whether a word names a team or a role: "team", "squad", "lead", "on-call"…
fn is_team_or_role(word: &str) -> bool {
    let w = word.to_lowercase();
    matches!(w.as_str(), "team" | "squad" | "crew" | "desk" | "group" | "committee") || crate::lexicon::is_role(&w)
}

/// An owner named as the item's subject, before what they will do: "Meera Iyer is adding a
/// second check", "Finance operations (Rohan) will write up the procedure", "The payments
/// platform team will make it default to off". Not "We will look at…".
fn leading_owner(first: &str) -> bool {
    let t = crate::document::strip_list_marker(first).trim_start();
    let words: Vec<&str> = t.split_whitespace().take(7).collect();
    let Some(verb) = words.iter().position(|w| matches!(*w, "will" | "is" | "are" | "owns")) else {
        return false;
    };
    let subject = &words[..verb];
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '@').to_string();
    // "**Laboratory Medicine (Dr. A. Okafor)** will review": a person in brackets.
    let bracketed = subject.iter().any(|w| {
        let w = w.trim_start_matches(['*', '_']);
        w.starts_with('(')
            && (crate::people::is_given_name(&bare(w)) || crate::lexicon::is_title(&bare(w).to_lowercase()))
    });
    !subject.is_empty()
        && (subject[0].starts_with('@')
            || (subject[0].starts_with(|c: char| c.is_uppercase()) && crate::people::is_given_name(&bare(subject[0])))
            || bracketed
            || subject.last().is_some_and(|w| is_team_or_role(&bare(w))))
}

/// An owner named as the item's label: "Niamh Brennan: add a check …", "Finance committee:
/// agree a refund policy", "**@ravi:** …". Not a component ("Database: add an index").
fn label_owner(first: &str) -> bool {
    let t = crate::document::strip_list_marker(first).trim_start().trim_start_matches(['*', '_']);
    let Some((label, _)) = t.split_once(':') else { return false };
    let words: Vec<&str> = label.trim_end_matches(['*', '_']).split_whitespace().collect();
    let capital = |w: &str| w.starts_with(|c: char| c.is_uppercase());
    (1..=3).contains(&words.len())
        && (words[0].starts_with('@')
            || words.iter().all(|w| capital(w)) && crate::people::is_given_name(words[0])
            || words.len() >= 2 && words.last().is_some_and(|w| is_team_or_role(w)))
}

/// An owner named at the start of a closing parenthesis: "(Willi to call a meeting)",
/// "(Rasmus)", "(@dana)".
fn parenthetical_owner(first: &str) -> bool {
    let t = first.trim_end().trim_end_matches('.');
    let Some(inside) = t.strip_suffix(')').and_then(|t| t.rfind('(').map(|i| &t[i + 1..])) else {
        return false;
    };
    // "(→ Priya)", "(-> ledger team)": pointed at.
    let inside = inside.trim_start().trim_start_matches(['\u{2192}', '-', '>']).trim_start();
    let word = inside.split_whitespace().next().unwrap_or_default().trim_end_matches([',', ':']);
    // "(exploitation team)", "(payroll lead)": a team or a role in a few words.
    let words: Vec<&str> = inside.split_whitespace().collect();
    let team = (1..=3).contains(&words.len()) && words.last().is_some_and(|w| is_team_or_role(w));
    team || word.starts_with('@')
        || (word.starts_with(|c: char| c.is_uppercase()) && crate::people::is_given_name(word))
}

/// Whether an item's own text is only a label for the items nested under it
/// ("**Short term:**", "Monitoring:").
fn is_group_label(own: &str) -> bool {
    let t = crate::document::strip_list_marker(own).trim();
    let bare = t.trim_matches(['*', '_', ' ']);
    let words = bare.split_whitespace().count();
    // "**Short term:**", "Monitoring:", "**Process**" group the items under them; a
    // longer bold title ("**Migration to a partitioned table**") is a follow-up itself.
    let bold =
        (t.starts_with("**") && t.trim_end_matches(':').ends_with("**")) || (t.starts_with("__") && t.ends_with("__"));
    (0 < words && words <= 6) && (bare.ends_with(':') || (bold && words <= 3))
}

/// Finds every follow-up list in the document.
pub fn followup_lists(doc: &Document<'_>, look: Lookup<'_>) -> Vec<FollowUpList> {
    doc.sections_of(SectionKind::FollowUps)
        .into_iter()
        .map(|section| {
            let heading = doc.heading_of(section);
            let r = section.range.clone();
            let inside = |x: &Range<usize>| r.start <= x.start && x.end <= r.end;
            let label_item = heading.pseudo && heading.level == 8;
            // Tables are in document order and never nest: only the last one starting
            // before `x` can hold it.
            let in_table = |x: &Range<usize>| {
                let before = doc.tables.partition_point(|t| t.range.start <= x.start);
                before.checked_sub(1).is_some_and(|t| x.end <= doc.tables[t].range.end)
            };
            let mut items: Vec<FollowUp> = Vec::new();
            // "### Immediate actions (completed)": what is listed under it is done. The
            // section's headings, each read once.
            let first_heading = doc.headings.partition_point(|h| h.range.start < heading.range.start);
            let done_headings: Vec<(usize, bool)> = doc.headings[first_heading..]
                .iter()
                .take_while(|h| h.range.start <= r.end)
                .map(|h| (h.range.start, says_done(&h.text)))
                .collect();
            let under_done_heading = |x: &Range<usize>| {
                let before = done_headings.partition_point(|(start, _)| *start <= x.start);
                before.checked_sub(1).is_some_and(|h| done_headings[h].1)
            };
            // "P1 - Important for long term success": the values of the section's tables
            // explained, not follow-ups; read only when an item could be one.
            let table_values = std::cell::OnceCell::new();
            let values = || table_values.get_or_init(|| table_values_in(doc, &r)).as_slice();
            // Items are in document order: only the section's are looked at.
            let first_item = doc.items.partition_point(|i| i.range.start < r.start);
            // Whether a list only details the item before it: decided once per list.
            let mut details: Option<(usize, bool)> = None;
            // "**Owners**" then "- Étienne Roy: 1, 2, 4": who owns the numbered items above.
            let mut owners_list: Option<(usize, bool)> = None;
            let mut assigned: Vec<u32> = Vec::new();
            let section_items = items.len();
            for item in doc.items[first_item..].iter().take_while(|i| i.range.start <= r.end) {
                let owners = match owners_list {
                    Some((list, o)) if list == item.list => o,
                    _ => owners_list.insert((item.list, item.parent.is_none() && lead_in_says_owners(doc, item))).1,
                };
                if owners {
                    assigned.extend(assigned_numbers(&doc.text[item.own.clone()]));
                    continue;
                }
                if !inside(&item.range)
                    || in_table(&item.range)
                    || (label_item && item.range.start == heading.range.start)
                {
                    continue;
                }
                if item.has_children && is_group_label(&doc.text[item.own.clone()]) {
                    continue;
                }
                let counted = match item.parent {
                    None => true,
                    Some(p) => {
                        let parent = &doc.items[p];
                        !inside(&parent.range)
                            || (label_item && parent.range.start == heading.range.start)
                            || (parent.has_children && is_group_label(&doc.text[parent.own.clone()]))
                    }
                };
                let detail = item.parent.is_none()
                    && match details {
                        Some((list, d)) if list == item.list => d,
                        _ => details.insert((item.list, details_the_item_before(doc, item))).1,
                    };
                if !counted || detail {
                    continue;
                }
                let head = head_of(doc.text, item.own.clone());
                let whole = &doc.text[item.range.clone()];
                let first = &doc.text[head.clone()];
                // "- N/A", "- None", "- TBD": nothing to follow up.
                if is_placeholder(first) || explains_a_value(first, values) {
                    continue;
                }
                // "- ~~…~~", "- [x] ~~…~~", "3. ~~…~~".
                let struck = first
                    .trim_start_matches(['-', '*', '+', ' '])
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .trim_start_matches(['.', ')', ' '])
                    .trim_start_matches(['[', ' ', 'x', 'X', ']'])
                    .starts_with("~~");
                let done_word = {
                    // The words that say so come first or last, in any case (no character
                    // but an ASCII one lowercases to their letters).
                    let prose = &doc.masked[head.clone()];
                    let (start, end) = (prose.trim_start().as_bytes(), prose.trim_end().as_bytes());
                    let starts = |w: &str| start.get(..w.len()).is_some_and(|s| s.eq_ignore_ascii_case(w.as_bytes()));
                    let ends =
                        |w: &str| end.len() >= w.len() && end[end.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes());
                    ["done", "(done)", "completed"].into_iter().any(starts)
                        || ["(done)", "(completed)", "— done", "- done"].into_iter().any(ends)
                        || done_in_closing_parenthesis(prose)
                        || done_after_a_dash(prose)
                        || prose.contains(['✅', '✔', '☑'])
                };
                let first_in_whole = head.start - item.range.start..head.end - item.range.start;
                // The checks by hand come before the two expressions: either may settle
                // it, and a `check` of a small debrief whose follow-ups they settle never
                // builds the expressions (a fifth of that process's instructions).
                let own = doc.text[item.own.clone()].trim_end();
                let marks = look.followup_marks(whole, Some(first_in_whole), || {
                    // An item wrapped over lines, read as one line for what ends it.
                    let wrapped = own.contains('\n').then(|| own.split_whitespace().collect::<Vec<_>>().join(" "));
                    let ends_with_owner = |t: &str| trailing_owner_words(t) || parenthetical_owner(t);
                    Marks {
                        owner: has_handle(whole)
                            || leading_initials(first)
                            || owner_label(whole)
                            || leading_owner(first)
                            || label_owner(first)
                            || trailing_email(own)
                            // "… (TBD)", "… — TBC": the place of an owner, nobody in it.
                            || !closing_placeholder(own)
                                && (ends_with_owner(first)
                                    || wrapped.as_deref().is_some_and(ends_with_owner)
                                    || TRAILING_OWNER.is_match(first.trim_end())),
                        ticket: has_ticket(whole),
                    }
                });
                items.push(FollowUp {
                    range: item.range.clone(),
                    head: head.clone(),
                    has_owner: marks.owner,
                    has_ticket: marks.ticket,
                    done: item.task == Some(true) || struck || done_word || under_done_heading(&item.range),
                    has_text: doc.masked[head].chars().any(char::is_alphanumeric),
                });
            }
            for f in &mut items[section_items..] {
                if item_number(&doc.text[f.head.clone()]).is_some_and(|n| assigned.contains(&n)) {
                    f.has_owner = true;
                }
            }
            for table in doc.tables.iter().filter(|t| inside(&t.range)) {
                let header: Vec<String> = table.header.iter().map(|h| doc.text[h.clone()].to_lowercase()).collect();
                let owner_col = header.iter().position(|h| {
                    // And as other languages head the column: Spanish and French, Portuguese,
                    // Italian, German, Dutch, Norwegian and Danish, Swedish.
                    [
                        "owner",
                        "assignee",
                        "who",
                        "dri",
                        "responsible",
                        "assigned",
                        "lead",
                        "accountable",
                        "responsable",
                        "responsável",
                        "responsabile",
                        "verantwortlich",
                        "eigenaar",
                        "ansvarlig",
                        "ansvarig",
                    ]
                    .iter()
                    .any(|k| h.contains(k))
                });
                // "Estado", "Statut", "Stand": the status column in the other languages too.
                let status_col = header.iter().position(|h| {
                    ["status", "done", "state", "estado", "statut", "stand", "stato", "tilstand"]
                        .iter()
                        .any(|k| h.contains(k))
                });
                for (row, cells) in table.rows() {
                    let row = &trim_range(doc.text, row.clone());
                    let text = &doc.text[row.clone()];
                    let cell_text = |c: Option<usize>| {
                        c.and_then(|c| cells.get(c)).map(|r| doc.text[r.clone()].trim().to_string()).unwrap_or_default()
                    };
                    let owner_cell = cell_text(owner_col);
                    let status = cell_text(status_col).to_lowercase();
                    // A row that is only a placeholder ("| TBD | |", "| 5 | TBD | | |" after
                    // its number) is no follow-up.
                    let first_cell = cells.first().map_or("", |c| doc.text[c.clone()].trim());
                    let numbered =
                        !first_cell.is_empty() && first_cell.bytes().all(|b| b.is_ascii_digit() || b == b'.');
                    let skip = usize::from(numbered && cells.len() > 2);
                    let action = cells.get(skip).map_or("", |c| doc.text[c.clone()].trim());
                    if is_placeholder(action)
                        && cells.iter().skip(skip + 1).all(|c| is_unassigned(&doc.text[c.clone()]))
                    {
                        continue;
                    }
                    let struck = first_cell.starts_with("~~");
                    let marks = look.followup_marks(text, None, || Marks {
                        owner: has_handle(text) || owner_label(text),
                        ticket: has_ticket(text),
                    });
                    items.push(FollowUp {
                        range: row.clone(),
                        head: row.clone(),
                        has_owner: (owner_col.is_some() && !is_unassigned(&owner_cell)) || marks.owner,
                        has_ticket: marks.ticket,
                        done: struck
                            || under_done_heading(row)
                            || status.contains("done")
                            || status.contains("complete")
                            || status.contains("closed")
                            || status.contains("dropped")
                            || status.contains('✅')
                            // "| erledigt |", "| hecho |": done in the team's language.
                            || status.split(|c: char| !c.is_alphanumeric()).any(is_done_word)
                            // A tick in a "Done" column: "| ✓ |", "| ✔ |", "| yes |".
                            || ["✓", "✔", "☑", "x", "yes", "y"].contains(&status.trim()),
                        has_text: doc.masked[row.clone()].chars().any(char::is_alphanumeric),
                    });
                }
            }
            items.sort_by_key(|f| f.range.start);
            FollowUpList { heading: heading.range.clone(), range: r, items }
        })
        .collect()
}

/// Whether a top-level item belongs to a list set between two items of another list, the
/// one before ending with a colon: the details of that item, written unindented ("1.
/// Deeper monitoring. We plan alerts around:" / "- disk reads" / "- TOAST tables" / "2.
/// Better runbooks"), not follow-ups of their own.
fn details_the_item_before(doc: &Document<'_>, item: &ListItem) -> bool {
    let items = &doc.items;
    // Items are in document order; nested ones are stepped over.
    let at = items.partition_point(|i| i.range.start < item.range.start);
    let top = |k: &usize| items[*k].depth == 0;
    let first = (0..=at).rev().filter(top).take_while(|&k| items[k].list == item.list).last().unwrap_or(at);
    let last = (at..items.len()).filter(top).take_while(|&k| items[k].list == item.list).last().unwrap_or(at);
    let before = (0..first).rev().find(top).map(|k| &items[k]);
    let after = (last + 1..items.len()).find(top).map(|k| &items[k]);
    let (Some(before), Some(after)) = (before, after) else { return false };
    let adjoins = |a: &ListItem, b: &ListItem| {
        a.range.end <= b.range.start && doc.text[a.range.end..b.range.start].trim().is_empty()
    };
    before.list != item.list
        && after.list != item.list
        && adjoins(before, &items[first])
        && adjoins(&items[last], after)
        && doc.text[before.own.clone()].trim_end().ends_with(':')
}

/// Whether a heading says that what is listed under it is done: "Immediate actions
/// (completed)", "Actions taken", "What we did"; not "Actions to be completed", "Not done
/// yet", "Planned".
fn says_done(heading: &str) -> bool {
    const DONE: &[&str] = &[
        "complete",
        "completed",
        "done",
        "taken",
        "implemented",
        "already",
        "applied",
        "shipped",
        "what we did",
        "what was done",
    ];
    const NOT_YET: &[&str] =
        &["to be", "not", "pending", "planned", "todo", "to do", "remaining", "open", "future", "next", "in progress"];
    let h = heading.to_lowercase();
    let has = |words: &[&str]| {
        words.iter().any(|w| {
            // Where the word's first letter is: a heading is too short to pay for a
            // substring searcher per word (none of them overlaps itself, so this finds
            // what `match_indices` would).
            let first = w.as_bytes()[0];
            memchr::memchr_iter(first, h.as_bytes()).filter(|&i| h[i..].starts_with(w)).any(|i| {
                let before = h[..i].chars().next_back();
                let after = h[i + w.len()..].chars().next();
                before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
            })
        })
    };
    has(DONE) && !has(NOT_YET)
}

/// The short values in the body cells of the tables within `section` ("P1", "Prevent",
/// "Detect"), lowercase.
fn table_values_in(doc: &Document<'_>, section: &Range<usize>) -> Vec<String> {
    let mut values: Vec<String> = doc
        .tables
        .iter()
        .filter(|t| section.start <= t.range.start && t.range.end <= section.end)
        .flat_map(|t| t.rows().flat_map(|(_, cells)| cells.iter()))
        .map(|c| doc.text[c.clone()].trim().to_lowercase())
        .filter(|v| !v.is_empty() && v.split_whitespace().count() <= 2)
        .collect();
    values.sort_unstable();
    values.dedup();
    values
}

/// Whether a list item explains one of `values` ("P0 - Critical for the release",
/// "Detect: find it sooner"): a legend for a table of follow-ups, not one itself.
fn explains_a_value<'v>(item: &str, values: impl FnOnce() -> &'v [String]) -> bool {
    let text = item.trim_start_matches(['-', '*', '+', ' ']).trim_start();
    // The term ends at the first separator of any kind; each starts with a space or a colon.
    let term = memchr::memchr2_iter(b' ', b':', text.as_bytes())
        .find(|&at| [" - ", " – ", " — ", ": "].iter().any(|sep| text[at..].starts_with(sep)))
        .map(|at| &text[..at]);
    term.is_some_and(|t| {
        let t = t.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        !t.is_empty() && values().binary_search(&t).is_ok()
    })
}

/// "Owner: Dana", "assigned to Lin", but not "Owner: TBD".
fn owner_label(text: &str) -> bool {
    OWNER_LABEL.find_iter(text).any(|m| {
        // The match ends one byte into the value, which may be inside a character ("Łukasz").
        let value = text[text.floor_char_boundary(m.end().saturating_sub(1))..]
            .split([',', ';', ')', '|', '\n'])
            .next()
            .unwrap_or("");
        !is_unassigned(value)
    })
}

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    start..(r.start + s.trim_end().len()).max(start)
}

fn head_of(text: &str, own: Range<usize>) -> Range<usize> {
    let s = &text[own.clone()];
    let line = s.find('\n').map_or(s, |i| &s[..i]);
    let start = own.start + (line.len() - line.trim_start().len());
    let end = own.start + line.trim_end().len();
    start..end.max(start)
}

/// How many follow-ups the incident warrants, and why (SPEC 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowUpBudget {
    /// Severity 1–5, when known.
    pub severity: Option<u8>,
    /// Minutes of impact, when known.
    pub impact_minutes: Option<i64>,
    /// The budget.
    pub budget: u32,
    /// Whether the impact, not the severity, set the budget.
    pub set_by_impact: bool,
}

impl FollowUpBudget {
    /// The reason in a few words: "SEV3, 6 min of impact".
    pub fn reason(&self) -> String {
        let sev = self.severity.map_or_else(|| "severity unknown".to_string(), |s| format!("SEV{s}"));
        match self.impact_minutes {
            Some(m) => format!("{sev}, {} of impact", format_minutes(m)),
            None => sev,
        }
    }
}

/// "6 min", "2 h 5 min", "3 d 4 h".
pub fn format_minutes(m: i64) -> String {
    if m < 60 {
        format!("{m} min")
    } else if m < 60 * 24 {
        if m % 60 == 0 {
            format!("{} h", m / 60)
        } else {
            format!("{} h {} min", m / 60, m % 60)
        }
    } else {
        let h = (m % (60 * 24)) / 60;
        if h == 0 {
            format!("{} d", m / (60 * 24))
        } else {
            format!("{} d {} h", m / (60 * 24), h)
        }
    }
}

/// The severity the debrief states: front matter first, else a "Severity: SEV2" line.
pub fn document_severity(doc: &Document<'_>, look: Lookup<'_>) -> Option<u8> {
    if let Some(s) = doc.front_matter.as_ref().and_then(|f| f.severity.as_ref()) {
        return Some(s.value);
    }
    // The first line that says it, part by part (each starts a line): a part reused from
    // the document's last version is not searched again.
    let mut searched = 0;
    for placed in doc.parts() {
        let range = placed.range();
        if let Some(sev) = (searched < range.start).then(|| severity_line(&doc.text[searched..range.start])).flatten() {
            return Some(sev);
        }
        if let Some(sev) = look.part_severity(placed.part.id, || severity_line(&doc.text[range.clone()])) {
            return Some(sev);
        }
        searched = range.end;
    }
    severity_line(&doc.text[searched..])
}

/// The severity the first "Severity: SEV2" line of `text` states.
fn severity_line(text: &str) -> Option<u8> {
    // Only lines that mention "sev" can say it; look at those alone (a regex anchored at
    // every line start would scan the whole document slowly), in order, the three ways
    // of writing it searched side by side, up to the first line that says it.
    let mut caps = SEVERITY_LINE.create_captures();
    let mut from = 0;
    for at in sev_starts(text.as_bytes()) {
        if at < from {
            continue;
        }
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = &text[line_start..line_end];
        SEVERITY_LINE.captures(line, &mut caps);
        if let Some(sev) = caps.get_group(1).and_then(|level| parse_severity(&line[level.range()])) {
            return Some(sev);
        }
        from = line_end.max(at + 1);
    }
    None
}

/// Where "sev" starts in `bytes` as it is written ("sev", "Sev", "SEV"), in order: found
/// from its `v` by one SIMD pass (`memchr2`), which is much faster than a case-insensitive
/// automaton over the whole text, and than a substring search for each way of writing it.
fn sev_starts(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr2_iter(b'v', b'V', bytes).filter_map(|v| {
        let start = v.checked_sub(2)?;
        matches!(&bytes[start..=v], b"sev" | b"Sev" | b"SEV").then_some(start)
    })
}

/// Minutes of impact: front matter `started` (or `detected`) to `resolved` (SPEC 4).
/// The timeline is not used: its first entry is often detection, long after impact began,
/// and a budget set from a guess would flag lists that are fine.
pub fn impact_minutes(doc: &Document<'_>) -> Option<i64> {
    if let Some(fm) = &doc.front_matter {
        let start = fm.started.as_ref().or(fm.detected.as_ref());
        if let (Some(s), Some(r)) = (start, fm.resolved.as_ref()) {
            let (s, r) = (&s.value, &r.value);
            if s.time.is_some() && r.time.is_some() {
                let base = jiff::civil::Date::constant(2000, 1, 1);
                let mut minutes = s.datetime_on(base).duration_until(r.datetime_on(base)).as_mins();
                if let (Some(a), Some(b)) =
                    (s.zone.as_ref().and_then(|z| z.offset_minutes), r.zone.as_ref().and_then(|z| z.offset_minutes))
                {
                    minutes += i64::from(a - b);
                }
                return (minutes >= 0).then_some(minutes);
            }
        }
    }
    None
}

/// The follow-up budget for this debrief.
pub fn budget(doc: &Document<'_>, look: Lookup<'_>, limits: &Limits) -> FollowUpBudget {
    let severity = document_severity(doc, look);
    let impact = impact_minutes(doc);
    let by_severity = limits.followup_budget.for_level(severity);
    let by_impact = impact.map(|m| {
        let per = i64::from(limits.minutes_per_followup.max(1));
        (m / per).clamp(i64::from(limits.min_followup_budget), i64::from(u32::MAX)) as u32
    });
    match by_impact {
        Some(b) if b < by_severity => {
            FollowUpBudget { severity, impact_minutes: impact, budget: b, set_by_impact: true }
        }
        _ => FollowUpBudget { severity, impact_minutes: impact, budget: by_severity, set_by_impact: false },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One pass for the `v` finds every "sev", "Sev" and "SEV" that a substring search for
    /// each finds, in order.
    #[test]
    fn sev_starts_are_the_three_searches_merged() {
        let mut texts = crate::document::tests::corpus();
        texts.extend(["sev", "SeV sEv Sev SEV sev", "vv sevsevSEV v", "éSEV—sev", "", "ev"].map(String::from));
        for text in &texts {
            let b = text.as_bytes();
            let mut expected: Vec<usize> =
                ["sev", "Sev", "SEV"].iter().flat_map(|w| memchr::memmem::find_iter(b, w.as_bytes())).collect();
            expected.sort_unstable();
            assert_eq!(sev_starts(b).collect::<Vec<_>>(), expected, "{text}");
        }
    }

    /// Looked for part by part (and remembered with each part), the severity is the one
    /// the whole text's first severity line states.
    #[test]
    fn the_severity_found_part_by_part_is_the_whole_texts() {
        let mut texts = crate::document::tests::corpus();
        texts.extend(
            [
                "# Debrief\n\n## Summary\n\nSeverity: SEV2\n",
                "# Debrief\n   ## Impact\nsev: 1\n## Later\n\n**Severity**: high\n",
                "Intro\n\nSEV level: p3\n# Heading\n",
                "# A\n\nthe sev2 page\n\n# B\n\n| Severity | SEV-1 |\n",
                "---\ntitle: x\n---\nSeverity: 3\n",
                "---\nnotes: |\n  Severity: SEV2\n---\n# Debrief\n",
            ]
            .map(String::from),
        );
        let mut stated = 0;
        for text in &texts {
            let whole = severity_line(text);
            stated += usize::from(whole.is_some());
            for doc in [Document::parse(text), Document::parse_reusing(text, None, crate::document::Cores::One)] {
                if doc.front_matter.as_ref().is_some_and(|f| f.severity.is_some()) {
                    continue;
                }
                assert_eq!(document_severity(&doc, Lookup::default()), whole, "{} parts in\n{text}", doc.parts().len());
            }
        }
        assert!(stated >= 5, "only {stated} texts state a severity");
    }

    #[test]
    fn handles_are_at_signs_before_a_name_outside_addresses_and_paths() {
        for text in ["@dana", "fix it (@dana)", "owner:@ops-team", "é@dana", "tbd\n@dana"] {
            assert!(has_handle(text), "{text:?}");
        }
        for text in ["dana@example.com", "npm i /@types/node", "x.@y", "@@dana", "@ dana", "@", "@-team", ""] {
            assert!(!has_handle(text), "{text:?}");
        }
    }

    #[test]
    fn items_under_a_heading_that_says_they_are_done() {
        let text = "# D\n\n## Remediation\n\n### Immediate actions (completed)\n\n- Raised the pool size\n\
                    - Added a CPU alert\n\n### Short-term improvements\n\n- Cache DNS lookups\n\n\
                    ### Actions to be completed\n\n- Load test the service\n";
        let doc = Document::parse(text);
        let lists = followup_lists(&doc, Lookup::default());
        let items: Vec<(bool, &str)> =
            lists.iter().flat_map(|l| &l.items).map(|i| (i.needs_owner(), &text[i.head.clone()])).collect();
        assert_eq!(
            items,
            [
                (false, "- Raised the pool size"),
                (false, "- Added a CPU alert"),
                (true, "- Cache DNS lookups"),
                (true, "- Load test the service")
            ]
        );
        assert!(says_done("Actions taken") && says_done("What we did") && says_done("Done"));
        assert!(!says_done("Not done yet") && !says_done("Planned actions") && !says_done("Doneness criteria"));
    }

    #[test]
    fn a_legend_of_the_table_s_values_is_not_a_follow_up() {
        let text = "# D\n\n## Action items\n\nPriorities:\n\n- P0 - must ship before the next release\n\
                    - P1: important, next quarter\n- Write the runbook - the team\n\n\
                    | Action | Priority |\n| --- | --- |\n| Alert on disk | P0 |\n| Add a canary | P1 |\n";
        let doc = Document::parse(text);
        let lists = followup_lists(&doc, Lookup::default());
        let heads: Vec<&str> = lists[0].items.iter().map(|i| text[i.head.clone()].trim()).collect();
        assert_eq!(heads, ["- Write the runbook - the team", "| Alert on disk | P0 |", "| Add a canary | P1 |"]);
    }

    #[test]
    fn an_unindented_list_between_two_numbered_actions_details_the_first() {
        let text = "# D\n\n## Action items\n\n1. **Deeper monitoring**\n   We plan alerts around:\n\n\
                    - disk reads per write\n- TOAST tables\n\n2. **Better runbooks**\n\n## Next steps\n\n\
                    - We will:\n\n1. Add a canary\n2. Alert on lag\n";
        let doc = Document::parse(text);
        let lists = followup_lists(&doc, Lookup::default());
        let heads: Vec<&str> = lists.iter().flat_map(|l| &l.items).map(|i| text[i.head.clone()].trim()).collect();
        assert_eq!(
            heads,
            ["1. **Deeper monitoring**", "2. **Better runbooks**", "- We will:", "1. Add a canary", "2. Alert on lag"]
        );
    }

    #[test]
    fn items_said_to_be_done() {
        let text = "## Action items\n\n- DONE: rotate keys\n- (done) add an alert\n- **Completed** the migration\n- \u{2705} Add a probe\n- Document the runbook\n- Add a dashboard, done by Friday\n- ~~Drop the cache~~\n";
        let doc = Document::parse(text);
        let lists = followup_lists(&doc, Lookup::default());
        let done: Vec<bool> = lists[0].items.iter().map(|i| i.done).collect();
        assert_eq!(done, [true, true, true, true, false, false, true]);
        // A closing parenthesis with a date or a note; a struck item in a numbered list.
        let text = "## Follow-ups\n\n1. Fail the job on an empty snapshot (done, merged 19 Aug)\n2. ~~Write a runbook entry~~ (done 20 Jan)\n\
                    3. Add an alert (Completed in PR 412)\n4. Add a panel (donation tracking)\n5. Add a probe (not done)\n";
        let doc = Document::parse(text);
        let lists = followup_lists(&doc, Lookup::default());
        let done: Vec<bool> = lists[0].items.iter().map(|i| i.done).collect();
        assert_eq!(done, [true, true, true, false, false]);
        // A tick, a dash and a done word with its date, a status in the team's language.
        let text = "## Follow-ups\n\n1. Write the instruction into the handbook ✔ done\n2. Rotate the credentials — done 12 Feb\n\
                    3. Rotate the keys — Dana, due 12 Feb\n4. Add a probe — not done yet\n5. Add a panel — done by Friday\n";
        let doc = Document::parse(text);
        let done: Vec<bool> = followup_lists(&doc, Lookup::default())[0].items.iter().map(|i| i.done).collect();
        assert_eq!(done, [true, true, false, false, false]);
        let text = "## Maßnahmen\n\n| Maßnahme | Verantwortlich | Status |\n| --- | --- | --- |\n| Runbook ergänzen | | erledigt |\n\
                    | Alarm bauen | TBD | unklar |\n";
        let doc = Document::parse(text);
        let items = &followup_lists(&doc, Lookup::default())[0].items;
        assert_eq!(items.iter().map(|i| (i.done, i.has_owner)).collect::<Vec<_>>(), [(true, false), (false, false)]);
    }

    #[test]
    fn owners_written_with_initials_roles_and_other_column_names() {
        let text = "## Actions\n\n- Add a dock-plan check — K. Nowak, Ops Excellence\n- Pin a message — Priya (store ops)\n\
                    - Move the deploy to the morning\n\n| # | Action | Lead |\n| --- | --- | --- |\n| 1 | Alert on zero reads | IoT team |\n\
                    | 2 | Refuse extra cycles | |\n\n| No. | Action | Responsible |\n| --- | --- | --- |\n| 1 | Show queue depth | Pending assignment |\n";
        let doc = Document::parse(text);
        let lists = followup_lists(&doc, Lookup::default());
        let unowned: Vec<bool> = lists[0].items.iter().map(FollowUp::needs_owner).collect();
        assert_eq!(unowned, [false, false, true, false, true, true]);
    }

    #[test]
    fn owners_in_other_languages_and_roles_with_small_words() {
        let text = "## Acciones de seguimiento\n\n- [ ] Prueba de carga. Responsable: Jorge Castañeda\n\
                    - [ ] Avisar al cliente. Responsable: por definir\n- [ ] Publicar fuera de horario — Equipo de Plataforma\n\
                    - Tell Student Systems first — Head of Estates Operations\n- Script for billing errors – Customer Services team leader\n\
                    - Move the sends to 9am\n\n| Action | Ansvarlig | Status |\n| --- | --- | --- |\n| Test every endpoint | Ingrid H. | Open |\n\
                    | Review the other endpoints | | Open |\n| Hall of fame page | — | Open |\n\n## Maßnahmen\n\n\
                    - Sperre gegen doppelte Datei-IDs (erledigt)\n- Alarm beim zweiten Versuch (Verantwortlich: offen)\n";
        let doc = Document::parse(text);
        let lists = followup_lists(&doc, Lookup::default());
        let unowned: Vec<bool> = lists.iter().flat_map(|l| &l.items).map(FollowUp::needs_owner).collect();
        assert_eq!(unowned, [false, true, false, false, false, true, false, true, true, false, true]);
    }

    #[test]
    fn an_owners_list_under_the_items_and_a_google_docs_export() {
        let text = "# D\n\n## Action items\n\n1. Alert on failed backups.\n2. Restore test monthly.\n3. Keep the cache 14 days.\n\n\
                    **Owners**\n\n- Étienne Roy: 1, 3\n\n## Next\n";
        let lists = followup_lists(&Document::parse(text), Lookup::default());
        let owned: Vec<bool> = lists[0].items.iter().map(|f| f.has_owner).collect();
        assert_eq!(owned, [true, false, true], "the owners list is no follow-up, and owns 1 and 3");
        // An escaped dash before the owner, an escaped hash before the ticket.
        let text = "# D\n\n## Action items\n\n1. Pin the delay \\- Camila Rojas\n\
                    2. Pin the config \\- Platform team\n3. Stage firmware (tracked in \\#4471)\n4. Send it to legal\n";
        let lists = followup_lists(&Document::parse(text), Lookup::default());
        let unowned: Vec<bool> = lists[0].items.iter().map(|f| f.needs_owner()).collect();
        assert_eq!(unowned, [false, false, false, true]);
    }

    #[test]
    fn an_owner_after_a_dash_with_their_team() {
        let text =
            "# D\n\n## Follow-ups\n\n- Read limits from the register \u{2014} Mereana T\u{16b}hoe, fleet systems\n\
                    - Show the limit \u{2014} see the runbook, section 4\n\
                    - Commit offsets after the write (\u{2192} Priya)\n- Reject a repeated id (-> ledger team)\n";
        let lists = followup_lists(&Document::parse(text), Lookup::default());
        let unowned: Vec<bool> = lists[0].items.iter().map(|f| f.needs_owner()).collect();
        assert_eq!(unowned, [false, true, false, false]);
    }

    #[test]
    fn owners_placeholders_and_done_items() {
        let text = "# D\n\n## Action items\n\n- Fix it (Owner: Łukasz)\n- Review the contract. Owner: TBD\n\
                    - Show a frame-age stamp (owner: to be agreed)\n- [AK] Alert on stalls\n\
                    - Cut release candidates earlier — Release management\n- Keep the profile deployable (done)\n- N/A\n- None\n- (none)\n";
        let doc = Document::parse(text);
        let lists = followup_lists(&doc, Lookup::default());
        let items: Vec<(&str, bool)> =
            lists[0].items.iter().map(|f| (&text[f.head.clone()], f.needs_owner())).collect();
        assert_eq!(
            items,
            [
                ("- Fix it (Owner: Łukasz)", false),
                ("- Review the contract. Owner: TBD", true),
                ("- Show a frame-age stamp (owner: to be agreed)", true),
                ("- [AK] Alert on stalls", false),
                ("- Cut release candidates earlier — Release management", false),
                ("- Keep the profile deployable (done)", false),
            ]
        );
    }

    #[test]
    fn owners_in_a_closing_parenthesis_of_a_wrapped_item_and_placeholders_there() {
        let text = "# D\n\n## Follow-ups\n\n1. Make the batch stop when the dates are older than the run\n   (Julien Mercier).\n\
                    2. Write the instruction drivers can apply on their own (exploitation team).\n\
                    3. Find every other job scheduled between 01:00 and 02:00 (TBD)\n\
                    4. Add the weekends to the runbook — TBC\n5. Check the replica lag (see the runbook)\n";
        let doc = Document::parse(text);
        let lists = followup_lists(&doc, Lookup::default());
        let unowned: Vec<bool> = lists[0].items.iter().map(FollowUp::needs_owner).collect();
        assert_eq!(unowned, [false, false, true, true, true]);
    }

    #[test]
    fn owners_as_the_subject_and_before_a_due_date() {
        let text = "# D\n\n## Next steps\n\n- Meera Iyer is adding a second synthetic check.\n\
                    - Finance operations (Rohan) will write up the reversal procedure.\n\
                    - We will look at why the summary did not show the scope.\n\
                    - Help desk to escalate straight to the on-call number.\n\
                    - Keep the old domain redirecting for a year — Digital platform team, due 2025-11-28\n\
                    - Add the report check to the runbook so it does not depend on one\n  person noticing — night operations lead, due 2026-02-13\n\
                    - Write a notification template — TBD, due 2026-01-10\n";
        let doc = Document::parse(text);
        let lists = followup_lists(&doc, Lookup::default());
        let unowned: Vec<bool> = lists[0].items.iter().map(FollowUp::needs_owner).collect();
        assert_eq!(unowned, [false, false, true, true, false, false, true]);
    }

    #[test]
    fn owners_as_a_label_or_in_brackets_after_a_department() {
        let text = "# D\n\n## Follow-ups\n\n- Sipho Dlamini: add a re-upload check to the checklist.\n\
                    - Finance committee: agree a refund policy.\n- Database: add an index on the ledger table.\n\
                    - **Clinical Systems (Dr. M. Haddad)** will review which results are phoned.\n\
                    - **Clinical Systems** will review the downtime form.\n";
        let doc = Document::parse(text);
        let lists = followup_lists(&doc, Lookup::default());
        let unowned: Vec<bool> = lists[0].items.iter().map(FollowUp::needs_owner).collect();
        assert_eq!(unowned, [false, false, true, false, true]);
    }

    #[test]
    fn owners_by_email_and_ticks_in_a_done_column() {
        let text = "# D\n\n## Action items\n\n1. Alert on pool saturation — marta.koster@kassa.example\n\
                    2. Review dependency bumps — platform-leads@kassa.example\n3. Load test after upgrades\n\
                    4. Email the vendor at support@vendor.example about limits\n";
        let doc = Document::parse(text);
        let lists = followup_lists(&doc, Lookup::default());
        let unowned: Vec<bool> = lists[0].items.iter().map(FollowUp::needs_owner).collect();
        assert_eq!(unowned, [false, false, true, true]);
        let text = "# D\n\n## Follow-ups\n\n| Action | Owner | Done |\n| --- | --- | --- |\n| Add the flag review | | ✓ |\n| Write the runbook | | |\n";
        let doc = Document::parse(text);
        let done: Vec<bool> = followup_lists(&doc, Lookup::default())[0].items.iter().map(|i| i.done).collect();
        assert_eq!(done, [true, false]);
    }

    #[test]
    fn owners_after_an_arrow_and_as_french_write_them() {
        let text = "# D\n\n## Actions\n\n- Replace the UPS on the core rack →\n  Electrical Superintendent (WO 40019283)\n\
                    - Test failover every quarter → Maintenance Planner\n\
                    - Check calendar exceptions before loading — Pilote : C. Marchand\n- Give the desk a direct number\n";
        let doc = Document::parse(text);
        let unowned: Vec<bool> =
            followup_lists(&doc, Lookup::default())[0].items.iter().map(FollowUp::needs_owner).collect();
        assert_eq!(unowned, [false, false, false, true]);
    }

    #[test]
    fn items_groups_tables_owners_and_tickets() {
        let text = "## Action items\n\n- [ ] Add a canary stage @dana\n- [x] Rotate keys\n- **Short term:**\n  - Add alert — Platform team\n  - Fix docs (JIRA-12)\n- Improve runbook\n  - with detail\n\n| Action | Owner |\n|---|---|\n| Add test | Tom |\n| Add dash | |\n";
        let doc = Document::parse(text);
        let lists = followup_lists(&doc, Lookup::default());
        assert_eq!(lists.len(), 1);
        let items = &lists[0].items;
        let summaries: Vec<String> = items.iter().map(|i| doc.plain(i.head.clone())).collect();
        assert_eq!(
            summaries,
            [
                "Add a canary stage @dana",
                "Rotate keys",
                "Add alert — Platform team",
                "Fix docs (JIRA-12)",
                "Improve runbook",
                "Add test Tom",
                "Add dash"
            ]
        );
        let owned: Vec<bool> = items.iter().map(|i| i.has_owner || i.has_ticket).collect();
        assert_eq!(owned, [true, false, true, true, false, true, false]);
        assert!(items[1].done);
    }

    #[test]
    fn budget_by_severity_and_impact() {
        let limits = Limits::default();
        let text =
            "---\nseverity: SEV3\nstarted: 2026-03-01T14:00:00Z\nresolved: 2026-03-01T14:06:00Z\n---\n# Debrief\n";
        let doc = Document::parse(text);
        let b = budget(&doc, Lookup::default(), &limits);
        assert_eq!((b.severity, b.impact_minutes, b.budget, b.set_by_impact), (Some(3), Some(6), 3, true));
        assert_eq!(b.reason(), "SEV3, 6 min of impact");

        let doc = Document::parse("# Debrief\n\n**Severity:** SEV1\n");
        assert_eq!(budget(&doc, Lookup::default(), &limits).budget, 12);
        let doc = Document::parse("# Debrief\n");
        assert_eq!(budget(&doc, Lookup::default(), &limits).budget, 10);

        let text = "# Debrief\n\n## Timeline\n\n- 10:00 alert\n- 10:05 resolved\n";
        let doc = Document::parse(text);
        let b = budget(&doc, Lookup::default(), &limits);
        assert_eq!((b.impact_minutes, b.budget), (None, 10), "the timeline does not set the impact");
    }
}
