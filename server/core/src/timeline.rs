//! Timelines (SPEC 3): entries are list items, table rows, or lines that start with a
//! time under a timeline heading. Each entry's time is resolved against the day headings
//! and dates before it, with midnight rollover, and tagged with the milestones it marks.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use jiff::civil::{Date, DateTime};
use jiff::{SignedDuration, ToSpan};

use crate::document::{Document, Part, Placed, Section, SectionKind};
use crate::memo::Lookup;
use crate::times::{self, TimeExpr, Zone};
use crate::word_index::PrefixIndex;

pub use crate::config::Milestone;

/// What marks each milestone in a timeline (the enum is defined with the configuration that
/// names the milestones each kind of debrief needs).
impl Milestone {
    /// The words that mark the milestone in an entry (stems, matched at word starts, in
    /// any case), each with whether it names the milestone outright ("rolled back",
    /// "resolved") or only hints at it ("restored"). A word right after a negation marks
    /// nothing ("no alerts"). The hints at mitigation that tell the impact easing ("working
    /// again") are [`EASING`].
    pub fn words(self) -> &'static [(&'static str, bool)] {
        match self {
            Milestone::Detected => &[
                ("detect", true),
                ("alert fired", true),
                ("alert fires", true),
                // A paging tool's log: "Triggered: ingest-reject-rate above 5 %".
                ("triggered:", true),
                ("incident triggered", true),
                ("alert triggered", true),
                ("alarm triggered", true),
                // "the queue-depth alert pages the on-call".
                ("alert pages", true),
                ("alerted", true),
                ("alarm", true),
                ("paged", true),
                // "the synthetic check fails three runs in a row and pages the web on-call".
                ("pages the", false),
                ("pager", true),
                ("noticed", true),
                ("notices", true),
                // "weekend staff notice that no hold notifications have gone out".
                ("notice that", true),
                ("spotted", true),
                ("spots", true),
                ("discover", true),
                ("became aware", true),
                // "Team aware 07:36" in a list of key events.
                ("aware", false),
                // Told by someone outside: "the provider emailed security@ about a login".
                ("emailed", false),
                ("informed us", false),
                ("told us", false),
                ("contacted us", false),
                ("warned", false),
                ("received an email", false),
                ("received a call", false),
                ("flagged", true),
                // "SIEM rule ADM-7 flags a burst of logins" (not "feature flags").
                ("flags a", true),
                ("flags an", true),
                // "SIEM rule … fires", "[FIRING:1] p99 latency".
                ("fires", true),
                ("fired", true),
                ("firing", true),
                ("first calls", true),
                // "the certificate dashboard shows the wildcard expiring in 36 hours".
                ("dashboard shows", false),
                ("dashboard showed", false),
                // Staff calling on behalf of customers: "store supervisors call the support line".
                ("call the support", true),
                // "First customer chats … reach the support queue".
                ("first customer", true),
                ("reach the support", true),
                ("reaches the support", true),
                ("reached the support", true),
                ("calls the support", true),
                ("call the service desk", true),
                // "Hall 3 shift supervisor calls the IT hotline: no labels on any printer".
                ("hotline", true),
                // "First clinic calls support: patients turning up an hour late".
                ("calls support", true),
                ("call support", true),
                // "Depot supervisor rings the on-call number: 14 trucks with empty tablets".
                ("rings the on-call", true),
                ("rang the on-call", true),
                // "Fleet manager opens a support chat: the portal shows …".
                ("opens a support", true),
                ("opened a support", true),
                // "Newtown store rings the support line".
                ("rings the support", true),
                ("rang the support", true),
                ("phones the support", true),
                ("phoned the support", true),
                // "Northgate Vets phones support: the diary will not save bookings".
                ("phones support", true),
                ("phoned support", true),
                ("rings support", true),
                ("rang support", true),
                // "Two trade customers write to support that searches return nothing".
                ("write to support", true),
                ("writes to support", true),
                ("wrote to support", true),
                ("write to us", true),
                ("writes to us", true),
                ("wrote to us", true),
                ("calls the service desk", true),
                ("calls the", false),
                ("phones the", false),
                ("phoned the", false),
                // "Two donors phone the office asking whether the email is genuine".
                ("phone the", false),
                // "The secret-scanning service emails security@ about a token".
                // (Not "640 emails titled …": mail counted is mail sent.)
                ("emails", false),
                ("call the", false),
                ("email from", false),
                ("voicemail", false),
                ("radios", false),
                ("posts in", false),
                // "@aoife raises it in #dba".
                ("raises it", false),
                ("raised it", false),
                ("raises the alarm", true),
                ("raised the alarm", true),
                ("sees", false),
                ("reported", true),
                ("reports", true),
                // "Two clinics report patients phoning": the present, plural.
                ("report", false),
                ("notified us", true),
                // "Emil notified by social media": told, by someone or something outside.
                ("notified by", false),
                // "First brought to the attention of the core devs".
                ("to the attention of", false),
                ("first seen", true),
                ("first sign", true),
                ("complain", true),
                ("alert", false),
                ("calling", false),
                ("calls from", false),
                ("called the", false),
                ("called support", false),
                ("opened a ticket", false),
                ("ticket", false),
                ("observ", false),
                ("showed", false),
                ("report listed", false),
                ("listed", false),
                ("notification", false),
                ("reached out", false),
                ("pingdom", false),
                ("symptom", false),
            ],
            Milestone::Responded => &[
                ("declar", true),
                ("acknowledg", true),
                ("acked", true),
                // "ack, looking".
                ("ack", true),
                ("picks it up", true),
                ("takes it on", true),
                ("took it on", true),
                ("takes it from there", true),
                ("took it from there", true),
                ("calls in the", true),
                ("called in the", true),
                ("pulls in", true),
                ("pulled in", true),
                ("opens an incident", true),
                ("opens case", false),
                ("opens a case", false),
                ("picked it up", true),
                ("picks up", false),
                ("picked up", false),
                ("escalat", true),
                ("engag", true),
                ("joined", true),
                ("joins", true),
                ("triag", true),
                ("war room", true),
                ("bridge", true),
                ("convened", true),
                ("assembl", true),
                ("incident open", true),
                ("incident creat", true),
                ("incident start", true),
                ("opened an incident", true),
                ("starting an incident", true),
                ("started an incident", true),
                ("starts an incident", true),
                ("took command", true),
                ("takes charge", true),
                ("took charge", true),
                // "Calls out the OT on-call engineer": called out of hours.
                ("calls out the", true),
                ("called out the", true),
                ("incident command", true),
                ("responders", true),
                ("investigat", false),
                ("looking into", false),
                ("started looking", false),
                ("on call paused", false),
                ("on-call paused", false),
            ],
            Milestone::Mitigated => &[
                ("mitigat", true),
                ("roll back", true),
                ("rolled back", true),
                ("rollback", true),
                ("rolling back", true),
                ("revert", true),
                ("back to the previous", true),
                // A flag or a setting returned: "`feed_prefetch` set back to 0%".
                ("set back to", true),
                ("back to previous", true),
                ("back to the old", true),
                ("back to old", true),
                ("workaround", true),
                ("failover", true),
                ("fail over", true),
                ("failed over", true),
                ("hotfix", true),
                ("hot fix", true),
                ("fix deployed", true),
                ("fix released", true),
                ("cleared", false),
                ("drained", false),
                ("resumed", false),
                ("restor", false),
                ("improv", false),
                ("updating", false),
                ("working", false),
                ("accepted", false),
                ("processing", false),
                ("halted", false),
                ("paused", false),
                ("taken offline", true),
                ("switched off", true),
                // "Evening slots closed for sale": selling stopped.
                ("closed for", false),
                ("back on", false),
                ("back up", false),
                ("patched", false),
                ("fixed", false),
                ("repaired", false),
                ("disabled", false),
                ("turned off", true),
                // A protective flag turned on: "PIN reset now needs a call-back. Flag switched on".
                ("switched on", false),
                // Access taken back: "Dev resets the coordinator's password".
                ("resets the", false),
                ("rerun", false),
                ("recovered", false),
                ("renewed", false),
                // After the response, a deploy or an install is the fix going out
                // ("Deployed the service with the current zone database").
                ("deployed", false),
                ("redeployed", false),
                ("installed", false),
                ("revoked", true),
                ("rotated", false),
                ("to clear", false),
                ("clearing", false),
                ("arriving", false),
                ("arrived", false),
                ("back to normal", false),
                ("rate limit", false),
                ("republish", false),
                ("on hold", false),
                ("manual hold", true),
                ("suspended", false),
                ("frozen", false),
                ("removed from the", false),
                // Traffic sent elsewhere: "uploads routed away from the full nodes".
                ("routed away", false),
                ("taken out of", false),
                ("rerouted", false),
                // "Checkout's stock re-check switched to read the inventory database directly".
                ("switched to read", false),
                ("switched over to", false),
                ("routed around", false),
                ("deactivat", false),
                ("regenerat", false),
                // A workaround told in plain words: the work done by hand while the system
                // is down ("North pit on manual radio dispatch", "crew control starts phoning
                // every crew member", "students sent to printed lists").
                ("manual", false),
                ("manually", false),
                ("by hand", false),
                ("by phone", false),
                ("on paper", false),
                ("phoning", false),
                ("printed list", false),
                ("waiver", false),
            ],
            Milestone::Resolved => &[
                ("resolv", true),
                ("all clear", true),
                ("incident closed", true),
                ("closed the incident", true),
                ("closes the incident", true),
                ("closing the incident", true),
                ("fully recovered", true),
                ("fully restored", true),
                ("incident over", true),
                ("incident ended", true),
                // A watch that ended: "06:54 Monitoring ended".
                ("monitoring ended", true),
                ("end of monitoring", true),
                ("closed", false),
                ("recovered", false),
                ("restor", false),
                ("back online", false),
                ("operational", false),
                ("healthy", false),
                ("normal", false),
                ("back to normal", false),
                ("confirmed", false),
                ("fix released", false),
                ("with fixes", false),
                ("back in operation", false),
                ("no further", false),
                ("stable", false),
                // "synthetic checks green from all regions".
                ("green", false),
            ],
        }
    }

    /// The milestone's words in the other languages teams write debriefs in (Spanish,
    /// Portuguese, French, German, Dutch, Norwegian and Danish), read as
    /// [`Milestone::words`] are and as stems too: a timeline written in one of them is
    /// not said to lack a milestone it names. The fewer, plainer words of each, not a
    /// translation of the English lists. (Words whose first two letters are not plain
    /// ASCII, "résolu", "übernimmt", cannot be indexed and are left out.)
    pub fn words_elsewhere(self) -> &'static [(&'static str, bool)] {
        match self {
            Milestone::Detected => &[
                ("detecta", true),
                ("salta la alerta", true),
                ("saltó la alerta", true),
                ("se dispara la alerta", true),
                ("dispara o alerta", true),
                ("entdeckt", true),
                ("bemerkt", true),
                ("opgemerkt", true),
                ("oppdag", true),
                ("signalé", true),
                ("gemeldet", false),
                ("gemeld", false),
                // "Die Bank meldet per E-Mail …", "… y avisa en #precios": someone tells.
                ("meldet", false),
                ("avisa", false),
                ("avisó", false),
                ("llamadas", false),
                ("chamados", false),
                ("primeras", false),
                ("primeiros", false),
                ("varsl", false),
            ],
            Milestone::Responded => &[
                ("toma el", true),
                ("reconoce la alerta", true),
                ("reconoció la alerta", true),
                ("reconhece o alerta", true),
                ("tomó el", true),
                ("asume", true),
                ("assume o", true),
                ("assumiu", true),
                ("prend en charge", true),
                ("accuse réception", true),
                ("pris en charge", true),
                ("pakt het op", true),
                ("opgepakt", true),
                ("tar saken", true),
                ("quittiert", true),
                ("bestätigt den alarm", true),
                ("bestätigt die alarmierung", true),
                ("incident eröffnet", true),
                ("eröffnet einen incident", true),
                ("eröffnet den incident", true),
                ("tok saken", true),
                ("escala", true),
                ("escalon", true),
                ("eskal", true),
                ("geëscaleerd", true),
                ("guardia", false),
                ("plantão", false),
                ("astreinte", false),
                ("bereitschaft", false),
                // "Die Rufbereitschaft … übernimmt": the on-call, a compound.
                ("rufbereitschaft", false),
                ("vakt", false),
            ],
            Milestone::Mitigated => &[
                ("mitigac", true),
                ("mitigad", true),
                ("mitigaç", true),
                ("atténu", true),
                ("reversión", true),
                ("revertido", true),
                ("revertida", true),
                ("zurückgerollt", true),
                ("zurückgesetzt", true),
                ("teruggedraaid", true),
                ("teruggezet", true),
                ("rullet tilbake", true),
                ("retour arrière", true),
                ("contournement", true),
                ("umgehung", true),
                ("solución temporal", true),
                ("solução temporária", true),
                // A step that stops the harm: "Envio do lote pausado", "envíos suspendidos".
                ("pausad", false),
                ("suspendid", false),
                // The harm easing: "les tentatives chutent de 90 %".
                ("chutent", false),
                // A rollback or a restart told in French or Spanish: "Retour à l'ancienne
                // CSP", "La línea arranca de nuevo", "les paiements passent de nouveau".
                ("retour à l'ancien", true),
                ("arranca de nuevo", false),
                ("vuelve a funcionar", false),
                ("funciona de nuevo", false),
                ("passent de nouveau", false),
                ("fonctionne de nouveau", false),
                ("desactivad", false),
                ("desativad", false),
                ("deaktiviert", false),
                ("uitgeschakeld", false),
                ("slått av", false),
                ("skrudd av", false),
            ],
            Milestone::Resolved => &[
                ("resuelto", true),
                ("behoben", true),
                ("gelöst", true),
                ("opgelost", true),
                ("se cierra el incidente", true),
                ("incidente cerrado", true),
                ("incidente encerrado", true),
                ("incident clôturé", true),
                ("incident clos", true),
                ("incident geschlossen", true),
                ("entwarnung", true),
                ("geschlossen", false),
                ("abgeschlossen", false),
                ("afgesloten", false),
                ("lukket", false),
                ("cerrado", false),
                ("encerrado", false),
                ("restablecid", false),
                ("restabelecid", false),
                ("normalidad", false),
                ("normalidade", false),
                ("todo normal", false),
            ],
        }
    }

    /// Word stems that hint at the milestone anywhere in an entry (broader than
    /// [`Milestone::words`]): a timeline with none of them lacks the milestone. Word stems that mark the milestone in an entry's text (matched at word starts,
    /// lowercase).
    pub fn stems(self) -> &'static [&'static str] {
        match self {
            Milestone::Detected => &[
                "detect",
                "alert",
                "alarm",
                "paged",
                "pager",
                "notic",
                "report",
                "observ",
                "spotted",
                "discover",
                "witness",
                "first seen",
                "became aware",
                "aware of",
                "flagged",
                "monitor",
                "symptom",
                "first sign",
                "complain",
                "pingdom",
                "uptime",
                "reached out",
            ],
            Milestone::Responded => &[
                "declar",
                "incident open",
                "incident creat",
                "incident start",
                "respond",
                "response",
                "acknowledg",
                "ack",
                "escalat",
                "investigat",
                "engag",
                "joined",
                "joins",
                "triag",
                "war room",
                "bridge",
                "on-call",
                "oncall",
                "looking into",
                "started looking",
                "debug",
                "notif",
                "status page",
                "statuspage",
                "communicat",
                "announc",
                "incident channel",
                "assembl",
                "convened",
                "called",
                "meeting",
                "paged",
                "page",
                "contact",
                "informed",
                "checked",
                "check of",
                "examin",
                "diagnos",
                "identif",
            ],
            Milestone::Mitigated => &[
                "mitigat",
                "roll back",
                "rolled back",
                "rollback",
                "rolling back",
                "revert",
                "workaround",
                "work around",
                "failover",
                "fail over",
                "failed over",
                "restart",
                "reboot",
                "scaled",
                "scale",
                "scaling",
                "disabl",
                "hotfix",
                "hot fix",
                "patch",
                "fix",
                "partial",
                "recovering",
                "recovery",
                "drain",
                "block",
                "remov",
                "stopp",
                "paus",
                "increas",
                "resiz",
                "turned off",
                "turned on",
                "switch",
                "redirect",
                "rate limit",
                "temporar",
                "restor",
                "applied",
                "deploy",
                "released",
                "published",
                "revok",
                "rotat",
                "deleted",
                "killed",
                "cordon",
                "moved",
                "migrat",
                "repair",
            ],
            Milestone::Resolved => &[
                "resolv",
                "fixed",
                "recover",
                "restor",
                "back to normal",
                "back online",
                "back up",
                "operational",
                "healthy",
                "all clear",
                "closed",
                "ended",
                "stable",
                "normal",
                "complet",
                "finish",
                "confirm",
                "working",
                "succe",
                "returned",
                "verified",
                "no further",
                "fully",
                "over",
                "back operat",
                "back in operat",
                "with fixes",
                "with the fix",
            ],
        }
    }
}

/// The entry that marks each milestone, picked as a reader would: detection first, then
/// the response after it, mitigation after that, and resolution after mitigation; at
/// each step an entry in the milestone's own words ("rolled back", "resolved") before
/// one that only hints at it ("applied", "restored").
#[derive(Debug, Clone, Copy, Default)]
pub struct MilestoneEntries<'t> {
    picked: [Option<&'t TimelineEntry>; 4],
}

impl<'t> MilestoneEntries<'t> {
    /// The entries of `picked` (see [`pick`]).
    fn of(entries: &'t [TimelineEntry], picked: [Option<usize>; 4]) -> MilestoneEntries<'t> {
        MilestoneEntries { picked: picked.map(|i| i.map(|i| &entries[i])) }
    }

    /// The entry that marks `m`, if any does.
    pub fn get(&self, m: Milestone) -> Option<&'t TimelineEntry> {
        self.picked[m as usize]
    }

    /// The milestones an entry was picked for.
    pub fn found(&self) -> Milestones {
        let mut set = Milestones::default();
        for m in Milestone::ALL.into_iter().filter(|&m| self.get(m).is_some()) {
            set.add(m);
        }
        set
    }
}

/// Which entry marks each milestone, as [`MilestoneEntries`] tells: their indices.
fn pick(marks: &[Marks]) -> [Option<usize>; 4] {
    let mut picked = [None; 4];
    let mut from = 0;
    // Detection comes before the response: an outright word after the first entry that
    // responds outright ("near miss reported in the safety system") gives way to a hint
    // before it ("the nurse calls the pharmacy").
    let responded = (0..marks.len()).find(|&i| marks[i].strong.has(Milestone::Responded));
    for (k, m) in Milestone::ALL.into_iter().enumerate() {
        // Each milestone comes at or after the one before; resolution after
        // mitigation, in a later entry unless only the same one says it outright.
        let start = if m == Milestone::Resolved && picked[2].is_some() { from + 1 } else { from };
        let find = |strong: bool, start: usize| {
            (start..marks.len()).find(|&i| if strong { marks[i].strong.has(m) } else { marks[i].all.has(m) })
        };
        let found = find(true, start)
            .map(|outright| match (m, responded) {
                (Milestone::Detected, Some(r)) if outright > r => {
                    (start..=r).find(|&i| marks[i].all.has(m)).unwrap_or(outright)
                }
                _ => outright,
            })
            .map(|outright| if m == Milestone::Mitigated { eased_before(marks, start, outright) } else { outright })
            .or_else(|| find(false, start))
            .or_else(|| (m == Milestone::Resolved && start > from).then(|| find(true, from)).flatten());
        if let Some(i) = found {
            picked[k] = Some(i);
            from = i;
        }
    }
    // One entry that only hints at both ("back to normal") with nothing after it is the
    // resolution, not a mitigation; one that says a repair was made and the incident
    // closed ("certificate renewed and deployed; risk closed") is both.
    if let (Some(i), None) = (picked[2], picked[3]) {
        if marks[i].all.has(Milestone::Resolved) && !marks[i].strong.has(Milestone::Mitigated) {
            picked[3] = if marks[i].repair { picked[2] } else { picked[2].take() };
        }
    }
    picked
}

/// The entry that mitigates when the first to say so outright is `outright`: when an entry
/// before it already tells the impact easing ("error rate down from 64% to 31%", "queued
/// orders flow again"), the first hint of mitigation up to that one ("Campaign paused"),
/// since the reader's mitigation is where it began to hurt less.
fn eased_before(marks: &[Marks], start: usize, outright: usize) -> usize {
    // Not the entry that detected or responded ("noticed Prow was slow, suspected GitHub
    // again"), nor one that only finds the cause ("Root cause identified: rate limiter …").
    let Some(eased) = (start + 1..outright).find(|&i| marks[i].eased) else {
        return outright;
    };
    (start + 1..=eased).find(|&i| marks[i].all.has(Milestone::Mitigated) && !marks[i].diagnosis).unwrap_or(eased)
}

/// The set of milestones an entry marks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Milestones(u8);

impl Milestones {
    /// Whether `m` is in the set.
    pub fn has(self, m: Milestone) -> bool {
        self.0 & (1 << m as u8) != 0
    }

    fn add(&mut self, m: Milestone) {
        self.0 |= 1 << m as u8;
    }

    /// The milestones of both sets.
    pub fn union(self, other: Milestones) -> Milestones {
        Milestones(self.0 | other.0)
    }

    /// Whether every milestone is in the set.
    pub fn is_complete(self) -> bool {
        Milestone::ALL.iter().all(|&m| self.has(m))
    }

    /// The milestones an entry's text marks: any stem of theirs at the start of a word.
    pub fn of_text(text: &str) -> Milestones {
        Marks::of(text).stems
    }
}

/// The milestones a text names outright, and all it marks (see [`Milestone::words`]).
pub fn milestone_words(text: &str) -> (Milestones, Milestones) {
    let marks = Marks::of(text);
    (marks.strong, marks.all)
}

/// What a text says of the milestones, read in one pass over its words: those it names
/// outright and all it marks (see [`milestone_words`]), and those with any stem of theirs
/// (see [`Milestones::of_text`]).
#[derive(Debug, Clone, Copy, Default)]
struct Marks {
    strong: Milestones,
    all: Milestones,
    stems: Milestones,
    /// Whether it says a repair was made (see [`REPAIRS`]).
    repair: bool,
    /// Whether it tells the impact easing (see [`EASING`]).
    eased: bool,
    /// Whether it says the cause was found ("Root cause identified: …", "Cause found").
    diagnosis: bool,
}

impl Marks {
    fn of(text: &str) -> Marks {
        // An entry wrapped over lines reads as one line: "errors fall\n  under 0.1%".
        let joined;
        let text = if text.contains('\n') {
            joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            joined.as_str()
        } else {
            text
        };
        let mut marks = Marks::default();
        // The words and stems found at one place ("alert fired", "alert") share what
        // comes before it: it is read once.
        let mut last_read: Option<(usize, bool)> = None;
        let mut hindsight = None;
        let mut negated_at = |start: usize| match last_read {
            Some((at, negated)) if at == start => negated,
            _ => last_read.insert((start, negated_before(before(text, start)))).1,
        };
        // "the replica being mid-restore": under way, not done.
        let under_way = |start: usize| start >= 4 && text.as_bytes()[start - 4..start].eq_ignore_ascii_case(b"mid-");
        MARK_WORDS.each_at_word_start(text, |start, end, &word| match word {
            MarkWord::Word(..) | MarkWord::Easing => {
                let (m, outright, easing) = match word {
                    MarkWord::Word(m, outright) => (m, outright, false),
                    _ => (Milestone::Mitigated, false, true),
                };
                // A hint already read is read again only when this one tells the impact easing.
                let known = if outright { marks.strong.has(m) } else { marks.all.has(m) && (marks.eased || !easing) };
                if known
                    || under_way(start)
                    || negated_at(start)
                    || cut_from_a_longer_word(text, start, end)
                    || not_a_mark(&text[start..])
                    || in_a_name(text, start)
                {
                    return;
                }
                if m == Milestone::Detected
                    && (*hindsight.get_or_insert_with(|| found_afterwards(text))
                        || reported_out(text, start)
                        || counted(text, start)
                        // "Banner added to alert users": a purpose, told to others.
                        || (text.get(start.saturating_sub(3)..start).is_some_and(|w| w.eq_ignore_ascii_case("to "))
                            && text[start..].get(..6).is_some_and(|w| w.eq_ignore_ascii_case("alert "))))
                {
                    return;
                }
                if denied_after(&text[end..text.floor_char_boundary(end + 48)], m) || asked(&text[end..]) {
                    return;
                }
                // "Failed network card confirmed": a diagnosis confirmed, not the recovery.
                if m == Milestone::Resolved && !outright && diagnosis_confirmed(text, start, end) {
                    return;
                }
                marks.all.add(m);
                if outright {
                    marks.strong.add(m);
                }
                marks.eased |= easing;
                if m == Milestone::Mitigated && REPAIRS.iter().any(|r| r.eq_ignore_ascii_case(&text[start..end])) {
                    marks.repair = true;
                }
            }
            // "It does not page", "no alerts": denied, not marked.
            MarkWord::Stem(m) => {
                if !marks.stems.has(m) && !under_way(start) && !negated_at(start) {
                    marks.stems.add(m);
                }
            }
        });
        // "Björn rolled the farm back to 3.1.4": a rollback with its object between.
        if !marks.strong.has(Milestone::Mitigated) && rolled_back_apart(text) {
            marks.strong.add(Milestone::Mitigated);
            marks.all.add(Milestone::Mitigated);
        }
        // "Migration step 3 paused. Latency unchanged": a step that did not help hints at
        // no mitigation.
        if marks.all.has(Milestone::Mitigated) && !marks.strong.has(Milestone::Mitigated) && no_better(text) {
            marks.all.0 &= !(1 << Milestone::Mitigated as u8);
        }
        // Asked only of entries that hint at mitigation (see [`eased_before`]).
        if marks.all.has(Milestone::Mitigated) {
            let lower = text.to_ascii_lowercase();
            marks.diagnosis = lower.contains("cause")
                && ["identified", "found", "confirmed", "narrowed", "traced"].iter().any(|w| lower.contains(w));
        }
        // "Online portal still failing. … status page shows all systems operational": not
        // over while the entry says it is still failing.
        if marks.all.has(Milestone::Resolved) && !marks.strong.has(Milestone::Resolved) && still_failing(text) {
            marks.all.0 &= !(1 << Milestone::Resolved as u8);
        }
        marks
    }
}

/// Whether `text` says any of `phrases` (lowercase), in any case.
fn says_any(text: &str, phrases: &[&str]) -> bool {
    let lower = text.to_lowercase();
    phrases.iter().any(|s| lower.contains(s))
}

/// Whether an entry says the trouble goes on: "still failing", "still down", "still being
/// worked".
fn still_failing(text: &str) -> bool {
    const SAID: &[&str] = &[
        "still fail",
        "still down",
        "still time out",
        "still timing out",
        "still being worked",
        "still broken",
        "still erroring",
    ];
    says_any(text, SAID)
}

/// Whether an entry rolls something back or turns it off with a short object between the
/// verb and its particle, in one clause: "rolled the farm back", "rolls checkout back to
/// 4.1", "turned the `batch_commit_v2` flag off".
fn rolled_back_apart(text: &str) -> bool {
    const PAIRS: &[(&[&str], &str)] = &[
        (&["rolled", "rolls", "rolling"], "back"),
        (&["turned", "turns", "turning"], "off"),
        (&["switched", "switches", "switching"], "off"),
    ];
    // Most entries have neither particle: they are not split into words.
    let lower = text.to_ascii_lowercase();
    if !PAIRS.iter().any(|(_, particle)| lower.contains(particle)) {
        return false;
    }
    text.split(['.', ';', ':']).any(|clause| {
        let words: Vec<&str> = clause.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        words.iter().enumerate().any(|(i, w)| {
            // The object ends at a conjunction: "rolled over and all pods are back".
            let object = words[i + 1..]
                .iter()
                .take(6)
                .take_while(|n| !["and", "but", "then", "while"].iter().any(|c| n.eq_ignore_ascii_case(c)));
            PAIRS.iter().any(|(verbs, particle)| {
                verbs.iter().any(|v| w.eq_ignore_ascii_case(v))
                    && object.clone().skip(1).any(|n| n.eq_ignore_ascii_case(particle))
                    && !negated_before(&text[..text.find(w).unwrap_or(0)])
            })
        })
    })
}

/// Whether an entry says things did not get better: "latency unchanged", "no effect",
/// "did not help".
fn no_better(text: &str) -> bool {
    const SAID: &[&str] = &["unchanged", "no effect", "no improvement", "did not help", "didn't help", "no change"];
    says_any(text, SAID)
}

/// Whether an entry says it was only found afterwards ("from server logs, not noticed at
/// the time"): what it tells happened, but nobody detected it then.
fn found_afterwards(text: &str) -> bool {
    const SAID: &[&str] = &[
        "not noticed at the time",
        "unnoticed at the time",
        "found afterwards",
        "found later",
        "seen afterwards",
        "from logs afterwards",
        "from the logs afterwards",
        "in hindsight",
        "reconstructed from",
        "later showed",
        "later revealed",
        "later found",
        "later confirmed",
        "later traced",
        "afterwards showed",
        "visto después",
        "visto despues",
        "visto depois",
        "vu plus tard",
        "später gesehen",
    ];
    says_any(text, SAID)
}

/// Whether the word at `start..end` is "confirmed" after a fault it confirms: "Failed
/// network card confirmed", "root cause confirmed", "bad config confirmed as the trigger".
fn diagnosis_confirmed(text: &str, start: usize, end: usize) -> bool {
    if !text[start..end].eq_ignore_ascii_case("confirmed") {
        return false;
    }
    let before = &text[text.floor_char_boundary(start.saturating_sub(40))..start];
    let clause = before.rsplit(['.', ';', ':', '\u{2014}', '\u{2013}']).next().unwrap_or("").to_lowercase();
    clause.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(w, "failed" | "failing" | "faulty" | "broken" | "bad" | "cause" | "culprit" | "defective" | "dead")
    })
}

/// Whether the detection word at `start` is "Reported to …" opening a sentence: the team
/// reporting outward (to a regulator, a registrar), not being told.
fn reported_out(text: &str, start: usize) -> bool {
    let rest = &text[start..];
    let before = text[..start].trim_end();
    let opens = !before.contains(char::is_alphabetic) || before.ends_with(['.', ':', '|', '\u{2014}', '\u{2013}', '-']);
    if opens && (rest.starts_with("Reported to ") || rest.starts_with("Notified to ")) {
        return true;
    }
    // "Personal data breach reported to the ICO": told to an authority, anywhere.
    let lower = rest.get(..rest.floor_char_boundary(40)).unwrap_or(rest).to_ascii_lowercase();
    let Some(to) = lower.strip_prefix("reported to ").or_else(|| lower.strip_prefix("notified to ")) else {
        return false;
    };
    let to = to.strip_prefix("the ").unwrap_or(to);
    ["ico", "regulator", "authorit", "data protection", "dpa", "cnil", "police", "insurer", "supervisor"]
        .iter()
        .any(|a| to.starts_with(a))
}

/// The hints at mitigation that tell the impact easing rather than an act done to ease it
/// ("orders flowing again", "error rate down from 64% to 31%", "errors fall under 0.1%"),
/// matched as [`Milestone::words`] are.
const EASING: &[&str] = &[
    "again",
    "recovering",
    "dropping",
    "falling",
    "started to fall",
    "succeeding",
    "flowing",
    "flow to",
    "flow again",
    "down from",
    "drops by",
    "dropped by",
    "drops to",
    "dropped to",
    "falls to",
    "fell to",
    "back under",
    "back below",
    "fall under",
    "fell under",
    "falls under",
    "fall below",
    "fell below",
    "falls below",
];

/// Mitigation words that say a repair was made, not that things got better: an entry
/// with one of them and a word of resolution marks both.
const REPAIRS: &[&str] = &["patched", "fixed", "renewed", "deployed", "redeployed", "installed", "rotated", "revoked"];

/// Whether the word at `start` follows a number ("640 emails", "3 alerts"): things counted,
/// not someone telling.
fn counted(text: &str, start: usize) -> bool {
    // Only nouns of messages: "the 99 radios Transit Control" is a bus route and a verb.
    let word_here = text[start..].split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    if !["emails", "calls", "alerts", "messages", "tickets", "complaints"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word_here))
    {
        return false;
    }
    let before = text[..start].trim_end();
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    !word.is_empty() && word.chars().all(|c| c.is_ascii_digit() || c == ',')
}

/// Whether a list item's text is a remark ("**Note:** …", "NB: …") rather than an event.
fn is_note(text: &str) -> bool {
    let t = text.trim_start_matches(['*', '_', ' ']);
    ["note:", "note**:", "notes:", "nb:", "n.b.", "aside:"]
        .iter()
        .any(|p| t.get(..p.len()).is_some_and(|start| start.eq_ignore_ascii_case(p)))
}

/// Milestone words that are whole words, not stems: "again" is not "against".
const WHOLE_WORDS: &[&str] = &["again"];

/// Words that begin like a milestone's and are not one: DNS "resolvers".
fn not_a_mark(from: &str) -> bool {
    // "frozen humidity graphs": the symptom's adjective before its noun, not "deploys
    // frozen" or "frozen at 10 %".
    let adjective = from.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("frozen ")) && {
        let next = from[7..].split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        next.starts_with(|c: char| c.is_lowercase())
            && !matches!(
                next,
                "at" | "for" | "until" | "by" | "on" | "in" | "and" | "to" | "from" | "pending" | "while" | "since"
            )
    };
    // "Settlement reports are due …": the noun, a subject before its verb, not someone
    // reporting.
    let noun = from.get(..8).is_some_and(|s| s.eq_ignore_ascii_case("reports ")) && {
        let next = from[8..].split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        matches!(next, "are" | "were" | "have" | "had" | "will" | "would" | "should" | "did" | "do")
    };
    // "alertmanager: RESOLVED DiskLatencyHigh db-ord-3": an alert's state, read by its
    // tool, not the incident's end.
    let alert_state = from.starts_with("RESOLVED ") && {
        let name = from[9..].split(|c: char| c.is_whitespace() || c == ':').next().unwrap_or("");
        name.contains('_') || name.chars().skip(1).any(char::is_uppercase) && name.chars().any(char::is_lowercase)
    };
    adjective
        || noun
        || alert_state
        || ["resolver"].iter().any(|w| from.get(..w.len()).is_some_and(|s| s.eq_ignore_ascii_case(w)))
}

/// Whether the word at `start` is part of a channel's or a handle's name:
/// "#support-escalations", "@incident-bridge".
fn in_a_name(text: &str, start: usize) -> bool {
    let token = text[..start].rsplit(char::is_whitespace).next().unwrap_or("");
    token.starts_with(['#', '@'])
}

/// Whether the milestone word at `start..end` is one of [`WHOLE_WORDS`] and the text
/// goes on with the rest of a longer word.
fn cut_from_a_longer_word(text: &str, start: usize, end: usize) -> bool {
    text[end..].starts_with(|c: char| c.is_alphanumeric())
        && WHOLE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(&text[start..end]))
}

/// Whether the sentence a milestone word stands in is a question: "is a rollback to 2.40
/// safe?" plans a mitigation, it does not mark one.
fn asked(after: &str) -> bool {
    // A full stop or question mark ends the sentence only before a space or the end
    // ("2.40", "?at=" in a link do not).
    let bytes = after.as_bytes();
    let end = (0..bytes.len()).find(|&i| match bytes[i] {
        b'!' | b'\n' | b';' => true,
        b'.' | b'?' => bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace() || *b == b'*'),
        _ => false,
    });
    end.is_some_and(|i| bytes[i] == b'?')
}

/// The few dozen bytes before `at`: enough for the three words a denial takes.
fn before(text: &str, at: usize) -> &str {
    &text[text.floor_char_boundary(at.saturating_sub(48))..at]
}

/// The words of `text`, as [`negated_before`] and [`denied_after`] read them.
fn denial_words(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty())
}

/// Whether the word `b` is one of `set` (lowercase) in any case, or ends in "n't".
fn one_of_or_nt(b: &[u8], set: &[&str]) -> bool {
    if b.len() >= 3 && b[b.len() - 3..].eq_ignore_ascii_case(b"n't") {
        return true;
    }
    // Length and first letter before the whole word (`| 0x20` lowers an ASCII letter and
    // turns no other byte into one): most words are none of the set, and this is read
    // for the words before every milestone word.
    let first = b.first().map(|&c| c | 0x20);
    set.iter()
        .any(|s| s.len() == b.len() && s.as_bytes().first().copied() == first && s.as_bytes().eq_ignore_ascii_case(b))
}

/// Whether the words right before a place deny or postpone what follows: "no alerts",
/// "a plan: roll back", "will fail over".
fn negated_before(before: &str) -> bool {
    // Within the sentence: "with no errors. Incident resolved" resolves. And within a
    // bracket's aside: "board without validating (workaround, …)" marks the workaround.
    let before = before.rfind(['.', ';', '!', '?', '(']).map_or(before, |i| &before[i + 1..]);
    const DENYING: &[&str] = &[
        "no",
        "not",
        "never",
        "without",
        "didn't",
        "nor",
        "plan",
        "planned",
        "will",
        "would",
        "decided",
        "decision",
        // "promises a patched build": not yet done.
        "promises",
        "promised",
        "agreed",
        "proposed",
        "considered",
        "discussed",
        "whether",
        // "instead of a hotfix": not done.
        "instead",
        // A decision in the other languages of `Milestone::words_elsewhere` ("Se decide
        // revertir", "beschlossen, zurückzurollen").
        "decide",
        "decidió",
        "decidido",
        "beschlossen",
        "besloten",
        "besluttet",
    ];
    if before.is_ascii() {
        // The same words split by bytes, cheaper than by characters: in ASCII a character
        // is alphanumeric just when its byte is.
        return before
            .as_bytes()
            .rsplit(|&b| !b.is_ascii_alphanumeric() && b != b'\'')
            .filter(|w| !w.is_empty())
            .take(3)
            .any(|w| one_of_or_nt(w, DENYING));
    }
    denial_words(before).rev().take(3).any(|w| one_of_or_nt(w.as_bytes(), DENYING))
}

/// Whether the words right after a place say it did not happen: "failover did not start",
/// "the rollback failed". What is detected is mostly failures, so after a detection word
/// "failed" denies only as a verb ("the alert failed to fire"), not as what was reported
/// ("users reported failed uploads").
fn denied_after(after: &str, m: Milestone) -> bool {
    // "queue paused since 1:04pm", "work paused until Monday": a state, not the act.
    if m == Milestone::Mitigated
        && denial_words(after)
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("since") || w.eq_ignore_ascii_case("until"))
    {
        return true;
    }
    // Three words, and the one after the third to see what "failed" takes.
    let words: Vec<&str> = denial_words(after).take(4).collect();
    // "deployed to staging", "installed in the test environment": not where users are.
    if m == Milestone::Mitigated
        && words.first().is_some_and(|w| ["to", "in", "on", "into"].iter().any(|p| w.eq_ignore_ascii_case(p)))
        && words.iter().skip(1).take(2).any(|w| {
            ["staging", "stage", "test", "testing", "dev", "uat", "qa", "preprod", "pre-prod", "sandbox"]
                .iter()
                .any(|p| w.eq_ignore_ascii_case(p))
        })
    {
        return true;
    }
    for (i, w) in words.iter().take(3).enumerate() {
        let next = words.get(i + 1);
        let failed_verb = w.eq_ignore_ascii_case("failed")
            && (m != Milestone::Detected || next.is_none_or(|next| next.eq_ignore_ascii_case("to")));
        // "rollback is safe, agreed": a plan agreed, not yet done.
        let planned = m == Milestone::Mitigated
            && one_of_or_nt(w.as_bytes(), &["agreed", "planned", "proposed", "scheduled", "discussed"]);
        if failed_verb || planned || one_of_or_nt(w.as_bytes(), &["not", "never"]) {
            return true;
        }
    }
    false
}

/// A word in [`MARK_WORDS`].
#[derive(Debug, Clone, Copy)]
enum MarkWord {
    /// One of a milestone's words (see [`Milestone::words`]), and whether it names it
    /// outright.
    Word(Milestone, bool),
    /// One of its stems (see [`Milestone::stems`]).
    Stem(Milestone),
    /// A hint at mitigation that tells the impact easing (see [`EASING`]).
    Easing,
}

/// Every milestone's words and stems, in one index so that a text is read once.
static MARK_WORDS: LazyLock<PrefixIndex<MarkWord>> = LazyLock::new(|| {
    let words = Milestone::ALL
        .into_iter()
        .flat_map(|m| m.words().iter().map(move |&(w, outright)| (w, MarkWord::Word(m, outright))));
    let stems = Milestone::ALL.into_iter().flat_map(|m| m.stems().iter().map(move |&s| (s, MarkWord::Stem(m))));
    let easing = EASING.iter().map(|&w| (w, MarkWord::Easing));
    let elsewhere = Milestone::ALL.into_iter().flat_map(|m| {
        m.words_elsewhere()
            .iter()
            .flat_map(move |&(w, outright)| [(w, MarkWord::Word(m, outright)), (w, MarkWord::Stem(m))])
    });
    PrefixIndex::new(words.chain(easing).chain(stems).chain(elsewhere))
});

/// How an entry is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryShape {
    /// A list item.
    ListItem,
    /// A table row.
    TableRow,
    /// A line of a paragraph that starts with a time.
    Line,
    /// A heading with a time (`### 14:07`); the text and lists under it belong to it.
    Heading,
}

/// A resolved point in the incident's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Moment {
    /// Date and time, in the timeline's zone (or UTC where entries carry offsets).
    pub at: DateTime,
    /// Whether the entry gave a time of day (not only a date).
    pub has_time: bool,
    /// The end of a range the entry gave (`14:20–14:40`).
    pub until: Option<DateTime>,
    /// Whether the date is known (written with the entry, above it, or in front matter);
    /// otherwise `at` is on [`UNKNOWN_DAY`] or a day after it.
    pub dated: bool,
    /// Whether the date was written in a form that reads two ways (`03/04/2025`) and
    /// nothing in the document decides which: not used for ordering.
    pub undecided: bool,
}

/// The day a timeline's times are placed on when nothing says which day it was.
pub const UNKNOWN_DAY: Date = Date::constant(2000, 1, 1);

/// One timeline entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    /// The whole entry.
    pub range: Range<usize>,
    /// The entry's first line, trimmed: where findings about it point.
    pub head: Range<usize>,
    /// The time as written, with its range in the document.
    pub time: Option<TimeExpr>,
    /// The time resolved against the dates before it.
    pub moment: Option<Moment>,
    /// Whether the time is a template placeholder (`HH:MM`).
    pub placeholder: bool,
    /// How it is written.
    pub shape: EntryShape,
    /// The entry's text (its first line, or the whole table row): `Document::plain` of it
    /// gives the text without markup, for outlines.
    pub text: Range<usize>,
    /// What the entry says, all of it but nested lists (a list item's continuation lines,
    /// a timed heading's paragraphs): where its milestones are read.
    pub body: Range<usize>,
}

impl TimelineEntry {
    /// The milestones the entry marks (see [`Milestone::words`]), read in `text` (the
    /// document's): those it names in their own words, and those it only hints at.
    pub fn milestone_strength(&self, text: &str) -> (Milestones, Milestones) {
        milestone_words(&text[self.body.clone()])
    }

    /// Every milestone the entry marks, strongly or not.
    pub fn milestones(&self, text: &str) -> Milestones {
        self.milestone_strength(text).1
    }
}

/// One timeline section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// The section's heading range.
    pub heading: Range<usize>,
    /// The whole section.
    pub range: Range<usize>,
    /// Entries in document order.
    pub entries: Vec<TimelineEntry>,
    /// The zone declared for the whole timeline (heading, line under it, table header,
    /// front matter), if any.
    pub declared_zone: Option<Zone>,
    /// From the earliest to the latest timed entry, found once (see [`Timeline::span`]).
    span: Option<SignedDuration>,
    /// The entry that marks each milestone (see [`Timeline::milestone_entries`]), and
    /// every milestone it marks (see [`Timeline::milestones_marked`]), found once.
    picked: [Option<usize>; 4],
    marked: Milestones,
}

impl Timeline {
    /// A copy of it, its section moved to start at `start`.
    fn moved(&self, start: usize) -> Timeline {
        let mv = |r: &Range<usize>| r.start - self.range.start + start..r.end - self.range.start + start;
        Timeline {
            heading: mv(&self.heading),
            range: mv(&self.range),
            entries: self
                .entries
                .iter()
                .map(|e| TimelineEntry {
                    range: mv(&e.range),
                    head: mv(&e.head),
                    time: e.time.as_ref().map(|t| TimeExpr { range: mv(&t.range), ..t.clone() }),
                    moment: e.moment,
                    placeholder: e.placeholder,
                    shape: e.shape,
                    text: mv(&e.text),
                    body: mv(&e.body),
                })
                .collect(),
            declared_zone: self.declared_zone.clone(),
            span: self.span,
            picked: self.picked,
            marked: self.marked,
        }
    }

    /// The zone's offset from UTC in minutes, at the timeline's first dated entry for a
    /// zone with daylight saving (`Europe/Berlin`, "Pacific time"), if a zone is declared.
    pub fn zone_offset_minutes(&self) -> Option<i32> {
        let zone = self.zone()?;
        let at = self.entries.iter().filter_map(|e| e.moment).find(|m| m.dated).map(|m| m.at);
        zone.offset_at(at)
    }

    /// The zone the times are in: the one declared for the timeline, or else the one its
    /// timed entries write beside their times when they all write the same.
    pub fn zone(&self) -> Option<&Zone> {
        if let Some(z) = &self.declared_zone {
            return Some(z);
        }
        let mut zones =
            self.entries.iter().filter_map(|e| e.time.as_ref()).filter(|t| t.time.is_some()).map(|t| t.zone.as_ref());
        let first = zones.next()??;
        zones
            .all(|z| z.is_none_or(|z| z.offset_minutes == first.offset_minutes && z.name == first.name))
            .then_some(first)
    }

    /// The entry that marks each milestone, as a reader picks it: see [`MilestoneEntries`].
    pub fn milestone_entries(&self) -> MilestoneEntries<'_> {
        MilestoneEntries::of(&self.entries, self.picked)
    }

    /// The index in [`Timeline::entries`] of the entry that marks `m`, if any does.
    pub fn milestone_index(&self, m: Milestone) -> Option<usize> {
        self.picked[m as usize]
    }

    /// Every milestone the timeline marks: the ones a reader picks an entry for (see
    /// [`Timeline::milestone_entries`]) and, when those are not all four, the ones any entry
    /// hints at. Both are found when the timeline is built, so one kept from the last
    /// version of the document is not read again on every keystroke (3.1M of the 12.7M
    /// instructions of a keystroke in a 10,000-line debrief).
    pub fn milestones_marked(&self) -> Milestones {
        self.marked
    }

    /// [`Timeline::milestones_marked`], from the entries picked.
    fn marks_of(entries: &[TimelineEntry], picked: [Option<usize>; 4], marks: &[Marks]) -> Milestones {
        let picked = MilestoneEntries::of(entries, picked).found();
        if picked.is_complete() {
            return picked;
        }
        marks.iter().fold(picked, |set, m| set.union(m.stems))
    }

    /// Entries that carry a time of day.
    pub fn timed(&self) -> impl Iterator<Item = (usize, &TimelineEntry, Moment)> {
        self.entries.iter().enumerate().filter_map(|(i, e)| e.moment.filter(|m| m.has_time).map(|m| (i, e, m)))
    }

    /// From the earliest to the latest timed entry.
    pub fn span(&self) -> Option<SignedDuration> {
        self.span
    }

    /// [`Timeline::span`], found from the entries.
    fn span_of(entries: &[TimelineEntry]) -> Option<SignedDuration> {
        let timed = || entries.iter().filter_map(|e| e.moment.filter(|m| m.has_time));
        let first = timed().map(|m| m.at).min()?;
        let last = timed().map(|m| m.until.unwrap_or(m.at).max(m.at)).max()?;
        first.duration_until(last).into()
    }
}

/// A piece of the timeline section in document order.
enum Piece<'d> {
    /// An entry, and the list it is an item of.
    Entry(TimelineEntry, Option<usize>),
    /// A day heading or a paragraph giving a date and/or a zone: `text` is where the zone
    /// would be named, read only when the timeline has no zone yet.
    Context { date: Option<(Date, bool, Option<Date>)>, day: Option<DayMark>, text: &'d str, before_entries: bool },
}

/// A day heading that names no date: "### Day 2 (Tuesday)", "### Wednesday".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DayMark {
    /// "Day 2": the incident's second day.
    Number(i16),
    /// "Wednesday": the next Wednesday from the day before it (that day itself, if it is one).
    Weekday(jiff::civil::Weekday),
}

/// The day a list item names when it only names a day ("Tue 4 Mar", "Wednesday", "Day 2")
/// and the items nested under it start with times: the date or the day mark it sets.
#[allow(clippy::type_complexity)]
fn day_item(
    doc: &Document<'_>,
    look: Lookup<'_>,
    i: usize,
) -> Option<(Option<(Date, bool, Option<Date>)>, Option<DayMark>)> {
    let item = &doc.items[i];
    let own = strip_marker(doc.text, first_line(doc.text, item.own.clone()));
    let text = doc.text[own].trim_matches(['*', '_', ' ', ':']);
    if text.split_whitespace().count() > 5 {
        return None;
    }
    let found = look.all_times(text);
    if found.iter().any(|t| t.time.is_some()) {
        return None;
    }
    let date = found.iter().find_map(|t| t.date.map(|d| (d, t.year_known, t.day_first)));
    let day = if date.is_none() { day_mark(text) } else { None };
    let timed_child = doc.items[i + 1..].iter().take_while(|c| c.range.start < item.range.end).any(|c| {
        let head = strip_marker(doc.text, first_line(doc.text, c.own.clone()));
        c.parent == Some(i)
            && (starts_with_time(doc, look, head.clone()) || times::four_digit_time(doc.text, head).is_some())
    });
    (timed_child && (date.is_some() || day.is_some())).then_some((date, day))
}

/// The day a heading names without a date, if it names one.
fn day_mark(heading: &str) -> Option<DayMark> {
    let lower = heading.to_ascii_lowercase();
    let mut words = lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty());
    let first = words.next()?;
    if first == "day" {
        let n: i16 = words.next()?.parse().ok()?;
        return (1..=60).contains(&n).then_some(DayMark::Number(n));
    }
    let weekday = WEEKDAYS.iter().find(|(_, long, _)| first == *long).map(|&(_, _, w)| w);
    // The heading is the weekday ("Wednesday", "Wednesday night"), not a sentence about one.
    weekday.filter(|_| lower.split_whitespace().count() <= 3).map(DayMark::Weekday)
}

/// Month names in the other languages teams write debriefs in (German, Spanish,
/// Portuguese, French, Italian, Dutch), by month.
const MONTHS_ELSEWHERE: [&[&str]; 12] = [
    &["januar", "enero", "janeiro", "janvier", "gennaio", "januari"],
    &["februar", "febrero", "fevereiro", "février", "fevrier", "febbraio", "februari"],
    &["märz", "maerz", "marzo", "março", "marco", "mars", "maart"],
    &["april", "abril", "avril", "aprile"],
    &["mai", "mayo", "maio", "maggio", "mei"],
    &["juni", "junio", "junho", "juin", "giugno"],
    &["juli", "julio", "julho", "juillet", "luglio"],
    &["august", "agosto", "août", "aout", "augustus"],
    &["september", "septiembre", "setiembre", "setembro", "septembre", "settembre"],
    &["oktober", "octubre", "outubro", "octobre", "ottobre"],
    &["november", "noviembre", "novembro", "novembre"],
    &["dezember", "diciembre", "dezembro", "décembre", "decembre", "dicembre", "december"],
];

/// A date a day heading writes in another language, day first with the year: "Mittwoch,
/// 5. März 2025", "jueves 6 de marzo de 2025", "mardi 4 mars 2025".
fn date_elsewhere(heading: &str) -> Option<Date> {
    let words: Vec<String> =
        heading.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let words: Vec<&str> = words.iter().map(String::as_str).filter(|w| !matches!(*w, "de" | "del")).collect();
    words.windows(3).find_map(|w| {
        let day: i8 = w[0].parse().ok().filter(|d| (1..=31).contains(d))?;
        let month = MONTHS_ELSEWHERE.iter().position(|names| names.contains(&w[1]))?;
        let year: i16 = w[2].parse().ok().filter(|y| (1970..=2100).contains(y))?;
        Date::new(year, month as i8 + 1, day).ok()
    })
}

/// The weekday a text before an entry's time names as its only word ("Tue", "Thursday,").
fn weekday_word(lead: &str) -> Option<jiff::civil::Weekday> {
    let mut words = lead.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    let first = words.next()?.to_ascii_lowercase();
    if words.next().is_some() {
        return None;
    }
    WEEKDAYS.iter().find(|(short, long, _)| first == *short || first == *long).map(|&(_, _, w)| w)
}

/// The weekdays by their short and full English names.
const WEEKDAYS: [(&str, &str, jiff::civil::Weekday); 7] = [
    ("mon", "monday", jiff::civil::Weekday::Monday),
    ("tue", "tuesday", jiff::civil::Weekday::Tuesday),
    ("wed", "wednesday", jiff::civil::Weekday::Wednesday),
    ("thu", "thursday", jiff::civil::Weekday::Thursday),
    ("fri", "friday", jiff::civil::Weekday::Friday),
    ("sat", "saturday", jiff::civil::Weekday::Saturday),
    ("sun", "sunday", jiff::civil::Weekday::Sunday),
];

/// The zone an incident card before the timeline gives its times in: a table cell that
/// speaks of time and names a zone ("| **Start time (UTC)** | 08:06 |"), as front matter
/// would.
fn card_zone(doc: &Document<'_>, look: Lookup<'_>, before: usize) -> Option<Zone> {
    // A line of its own that names it: "**Timezone for this report:** UTC", "Time zone: CET".
    // (Read from each "zone" in the text before the timeline: most texts have none.)
    let from = doc.front_matter.as_ref().map_or(0, |f| f.range.end).min(before);
    let region = &doc.text[from..before];
    let labelled = memchr::memchr2_iter(b'z', b'Z', region.as_bytes())
        .filter(|&z| region.as_bytes()[z..].get(..4).is_some_and(|w| w.eq_ignore_ascii_case(b"zone")))
        .find_map(|z| {
            let (label, value) = line_around(region, z).trim_start_matches(['*', '_', '-', ' ']).split_once(':')?;
            let says_zone = label.len() <= 30 && label.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"zone"));
            says_zone.then(|| look.zone_in(value.trim_start_matches(['*', '_', ' '])))?
        })
        // Or a line that says so: "All times are Irish time (IST, UTC+1)."
        .or_else(|| {
            region.match_indices("times").find_map(|(at, _)| {
                let all = at >= 4 && region.as_bytes()[at - 4..at].eq_ignore_ascii_case(b"all ");
                all.then(|| zone_of_note(look, line_around(region, at)))?
            })
        });
    labelled.or_else(|| {
        doc.tables.iter().take_while(|t| t.range.end <= before).find_map(|t| {
            let rows = t.rows().flat_map(|(_, cells)| cells.iter());
            t.header.iter().chain(rows).find_map(|cell| {
                let text = &doc.text[cell.clone()];
                let says_time = text.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"time"));
                says_time
                    .then(|| zone_of_note(look, text))
                    .flatten()
                    .filter(|z| z.offset_minutes.is_some() || z.name.contains('/'))
            })
        })
    })
}

/// The line of `text` that byte `at` stands in, without its line break.
/// The zone a note anywhere gives for every time of the document: "All times in this
/// debrief are Newfoundland time (NST)", written under the first of two timelines (one
/// timeline's own note is read with it).
fn zone_of_the_whole(doc: &Document<'_>, look: Lookup<'_>) -> Option<Zone> {
    const WHOLE: &[&str] = &[
        "in this debrief",
        "in this document",
        "in this report",
        "in this review",
        "in this post-mortem",
        "in this postmortem",
        "in this write-up",
        "throughout this",
    ];
    WHOLE.iter().find_map(|w| {
        doc.text.match_indices(w).find_map(|(at, _)| {
            let line = line_around(doc.text, at);
            line.to_ascii_lowercase().contains("time").then(|| zone_of_note(look, line))?
        })
    })
}

fn line_around(text: &str, at: usize) -> &str {
    let line = &text[text[..at].rfind('\n').map_or(0, |s| s + 1)..];
    line.lines().next().unwrap_or(line)
}

/// The day an incident card before the timeline gives, as front matter's `started` would:
/// a row labelled as the date ("| Incident date | 2025-04-22 |", "| Date | 3 June 2025 |")
/// holding a date with its year, read one way only. A review's or an item's date is not it.
fn card_date(doc: &Document<'_>, look: Lookup<'_>, before: usize) -> Option<Date> {
    const OTHER_DAYS: &[&str] = &["review", "debrief", "meeting", "due", "publish", "written", "report", "update"];
    // `label` lowercase.
    let date_of = |label: &str, value: &str| {
        let says_date = label.split(|c: char| !c.is_ascii_alphabetic()).any(|w| w == "date");
        if !says_date || OTHER_DAYS.iter().any(|w| label.contains(w)) {
            return None;
        }
        look.first_time(value).filter(|t| t.year_known && t.day_first.is_none()).and_then(|t| t.date)
    };
    let in_table = doc.tables.iter().take_while(|t| t.range.end <= before).find_map(|t| {
        t.rows().find_map(|(_, cells)| {
            let [label, value, ..] = cells else { return None };
            date_of(&doc.text[label.clone()].to_ascii_lowercase(), &doc.text[value.clone()])
        })
    });
    // Or a line of its own that names the incident's date: "**Incident date:** 2025-04-08"
    // (not "Date and time: January 02, 2020" over a log of the months before it).
    in_table.or_else(|| {
        let from = doc.front_matter.as_ref().map_or(0, |f| f.range.end).min(before);
        doc.text[from..before].lines().find_map(|line| {
            let (label, value) = line.trim_start_matches(['*', '_', '-', ' ']).split_once(':')?;
            let label = (label.len() <= 30).then(|| label.to_ascii_lowercase())?;
            // ("**Date:** Tuesday 7 October 2025" on the card, too.)
            (label.contains("incident") || label.trim() == "date")
                .then(|| date_of(&label, value.trim_start_matches(['*', '_', ' '])))?
        })
    })
}

/// Finds every timeline in the document and resolves its entries.
pub fn timelines(doc: &Document<'_>, look: Lookup<'_>) -> Vec<Timeline> {
    let sections = doc.sections_of(SectionKind::Timeline);
    let fm_zone = doc
        .front_matter
        .as_ref()
        .and_then(|f| f.timezone.as_ref())
        .map(|z| z.value.clone())
        .or_else(|| card_zone(doc, look, sections.first().map_or(0, |s| s.range.start)))
        .or_else(|| (sections.len() > 1).then(|| zone_of_the_whole(doc, look)).flatten());
    let base_date = doc
        .front_matter
        .as_ref()
        .and_then(|f| f.started.as_ref().or(f.detected.as_ref()).or(f.resolved.as_ref()))
        .and_then(|t| t.value.date)
        .or_else(|| card_date(doc, look, sections.first().map_or(0, |s| s.range.start)))
        .unwrap_or(UNKNOWN_DAY);
    match look.memo().filter(|_| doc.keeps_parts) {
        Some(memo) => {
            let (timelines, kept) = reusing(doc, look, &sections, memo.take_timelines(), fm_zone, base_date);
            memo.keep_timelines(kept);
            timelines
        }
        None => sections.into_iter().map(|s| build(doc, look, s, fm_zone.clone(), base_date)).collect(),
    }
}

/// Timelines read from one version of a document, for reading the next: a section that
/// lies in the same parts (see [`crate::document`]), at the same place in them, reads
/// the same, since nothing outside them goes into a timeline but the front matter.
#[derive(Debug, Default)]
pub(crate) struct Kept(Vec<KeptTimeline>);

#[derive(Debug)]
struct KeptTimeline {
    /// The parts the section lies in; holding them keeps their addresses from being
    /// given to other parts.
    parts: Vec<Arc<Part>>,
    /// Where the section starts in the first.
    from: usize,
    /// The front matter's zone and date, which entries are resolved with.
    front: (Option<Zone>, Date),
    /// The timeline, ranges in the version it was read from.
    timeline: Timeline,
}

/// The parts of `doc` that `range` lies in.
fn parts_under<'d>(doc: &'d Document<'_>, range: &Range<usize>) -> &'d [Placed] {
    let parts = doc.parts();
    let first = parts.partition_point(|p| p.range().end <= range.start);
    let count = parts[first..].iter().take_while(|p| p.start < range.end).count();
    &parts[first..first + count]
}

/// Each section's timeline, taken from `previous` (moved) where it reads the same, and
/// what to keep of them for the next version.
fn reusing(
    doc: &Document<'_>,
    look: Lookup<'_>,
    sections: &[&Section],
    previous: Kept,
    fm_zone: Option<Zone>,
    base_date: Date,
) -> (Vec<Timeline>, Kept) {
    let mut previous: Vec<Option<KeptTimeline>> = previous.0.into_iter().map(Some).collect();
    let by_place: HashMap<(*const Part, usize), usize, foldhash::fast::RandomState> = previous
        .iter()
        .enumerate()
        .filter_map(|(i, k)| k.as_ref().map(|k| ((Arc::as_ptr(&k.parts[0]), k.from), i)))
        .collect();
    let mut timelines = Vec::with_capacity(sections.len());
    let mut kept = Vec::with_capacity(sections.len());
    for section in sections {
        let r = &section.range;
        let parts = parts_under(doc, r);
        let Some(first) = parts.first() else {
            // Nothing to tell a later version by (an empty section at the very end).
            timelines.push(build(doc, look, section, fm_zone.clone(), base_date));
            continue;
        };
        let from = r.start - first.start;
        // The same parts at the same place hold the same headings, so the section ends
        // at the same place in them too.
        let same = |k: &KeptTimeline| {
            k.parts.len() == parts.len()
                && k.parts.iter().zip(parts).all(|(k, p)| Arc::ptr_eq(k, &p.part))
                && k.front.0 == fm_zone
                && k.front.1 == base_date
        };
        let found = by_place.get(&(Arc::as_ptr(&first.part), from)).and_then(|&i| previous[i].take_if(|k| same(k)));
        let k = match found {
            Some(k) => k,
            None => KeptTimeline {
                parts: parts.iter().map(|p| Arc::clone(&p.part)).collect(),
                from,
                front: (fm_zone.clone(), base_date),
                timeline: build(doc, look, section, fm_zone.clone(), base_date),
            },
        };
        timelines.push(k.timeline.moved(r.start));
        kept.push(k);
    }
    (timelines, Kept(kept))
}

fn build(doc: &Document<'_>, look: Lookup<'_>, section: &Section, fm_zone: Option<Zone>, base_date: Date) -> Timeline {
    let heading = doc.heading_of(section);
    let r = section.range.clone();
    // Inside the section, and not inside a nested section about something else (a
    // "Root causes" list under a "Timeline" heading is not timeline entries).
    let inside = |x: &Range<usize>| {
        r.start <= x.start && x.end <= r.end && matches!(doc.section_kind_at(x.start), SectionKind::Timeline)
    };
    let label_item = heading.pseudo && heading.level == 8;
    let mut pieces: Vec<(usize, Piece<'_>)> = Vec::new();

    // Headings with a time of day are entries, one each (`### 14:07`, `#### Tue 06:15 UTC`):
    // what is under them, up to the next heading, belongs to them.
    let first_heading = doc.headings.partition_point(|h| h.range.start <= heading.range.start);
    let sub_headings: Vec<usize> = (first_heading..doc.headings.len())
        .take_while(|&i| doc.headings[i].range.start <= r.end)
        .filter(|&i| {
            let h = &doc.headings[i];
            !h.pseudo && h.range.start < r.end && inside(&h.range)
        })
        .collect();
    // "### 0902": four digits are a time when two or more sub-headings are written so (one
    // alone could be a year); the pass over four-digit entries below reads them.
    let four_digits =
        |h: &crate::document::Heading| times::four_digit_time(doc.text, strip_heading_marks(doc.text, h.range.clone()));
    let four_digit_headings =
        sub_headings.iter().filter(|&&i| four_digits(&doc.headings[i]).is_some()).nth(1).is_some();
    let mut heading_entries: Vec<Range<usize>> = Vec::new();
    for (k, &i) in sub_headings.iter().enumerate() {
        let h = &doc.headings[i];
        if timed_heading(look, &h.text).is_none() && !(four_digit_headings && four_digits(h).is_some()) {
            continue;
        }
        // The entry runs to the next heading of any level inside the timeline.
        let end = sub_headings.get(k + 1).map_or(r.end, |&n| doc.headings[n].range.start);
        let body = h.range.start..trim_end_of(doc.text, h.range.start..end);
        // A heading over entries with times of their own ("### 10:07-10:29 AM:
        // Coordination" and "- 10:07: …" under it) names a stretch of the timeline: the
        // entries are the items.
        let first_item = doc.items.partition_point(|it| it.range.start < h.range.end);
        let timed_items = doc.items[first_item..]
            .iter()
            .take_while(|it| it.range.start < body.end)
            .any(|it| starts_with_time(doc, look, strip_marker(doc.text, first_line(doc.text, it.own.clone()))));
        if timed_items {
            continue;
        }
        let head = trim_range(doc.text, h.range.clone());
        let head_text = strip_heading_marks(doc.text, head.clone());
        let mut e = entry(doc, look, body.clone(), head.clone(), head_text, EntryShape::Heading);
        e.text = body.clone();
        heading_entries.push(body.clone());
        pieces.push((h.range.start, Piece::Entry(e, None)));
    }
    let under_timed_heading = |x: &Range<usize>| heading_entries.iter().any(|b| b.start < x.start && x.start < b.end);

    // List items: the top level within the section. (Everything the document lists is in
    // document order, so the section's share is one contiguous run.)
    let within = |start: usize| r.start <= start && start < r.end;
    let first_item = doc.items.partition_point(|i| i.range.start < r.start);
    let is_top = |item: &crate::document::ListItem| match item.parent {
        None => true,
        Some(p) => !inside(&doc.items[p].range) || (label_item && doc.items[p].range.start == heading.range.start),
    };
    // "- Tue 4 Mar" over items with times: a day, as a day heading is, and its items the
    // entries.
    let mut day_items: Vec<usize> = Vec::new();
    for (i, item) in doc.items.iter().enumerate().skip(first_item).take_while(|(_, i)| within(i.range.start)) {
        if !inside(&item.range)
            || (label_item && item.range.start == heading.range.start)
            || under_timed_heading(&item.range)
        {
            continue;
        }
        let top = is_top(item) || item.parent.is_some_and(|p| day_items.contains(&p));
        if !top {
            continue;
        }
        if item.has_children && is_top(item) {
            if let Some((date, day)) = day_item(doc, look, i) {
                day_items.push(i);
                let text = &doc.text[strip_marker(doc.text, first_line(doc.text, item.own.clone()))];
                pieces.push((item.range.start, Piece::Context { date, day, text, before_entries: false }));
                continue;
            }
        }
        let head = first_line(doc.text, item.own.clone());
        let head = strip_marker(doc.text, head);
        // "- **Note:** the status page was not updated": a remark on the timeline, not an
        // event in it.
        if is_note(&doc.text[head.clone()]) {
            continue;
        }
        // Its nested items belong to it ("- 16:40 amaka" over "- incident resolved").
        let mut e = entry(doc, look, item.range.clone(), head.clone(), head, EntryShape::ListItem);
        // "- Online sales pass 56 cars; from here the crossing is\n  overbooked. (11:48 a.m.)":
        // a wrapped item's time in brackets at its end.
        if e.time.is_none() {
            e.time = time_at_the_end(doc, look, item.own.clone());
        }
        pieces.push((item.range.start, Piece::Entry(e, Some(item.list))));
    }

    // Table rows: the time is in the column whose header says time/when/a zone, the date in
    // one that says date or day (when they are apart), or the first column holds both.
    let mut header_zone = None;
    for table in doc.tables.iter().filter(|t| inside(&t.range) && !under_timed_heading(&t.range)) {
        let headers: Vec<String> = table.header.iter().map(|h| doc.text[h.clone()].to_lowercase()).collect();
        let says = |l: &str, words: &[&str]| words.iter().any(|w| l.contains(w));
        // Also as German, Spanish, Portuguese, French and Dutch headers say it ("Uhrzeit (MEZ)",
        // "Hora", "Heure", "Tijd"; "Datum", "Fecha").
        const TIME_WORDS: &[&str] = &["time", "when", "utc", "hour", "clock", "zeit", "hora", "heure", "tijd"];
        let time_col = headers.iter().position(|l| says(l, TIME_WORDS));
        // "Date" before "Day": a day column often holds only the weekday.
        let date_col = headers
            .iter()
            .position(|l| says(l, &["date", "datum", "fecha"]) && !says(l, &["time", "when"]))
            .or_else(|| headers.iter().position(|l| says(l, &["day"]) && !says(l, &["time", "when"])))
            .filter(|&d| Some(d) != time_col);
        // A header that names no column ("|  |  |  |" over the rows): the first row shows
        // which cell holds the time, and which the date when they are apart.
        let (time_col, date_col) = match (time_col, date_col, table.rows().next()) {
            (None, None, Some((_, cells))) if table.header.iter().all(|h| doc.text[h.clone()].trim().is_empty()) => {
                let read = |c: &std::ops::Range<usize>| look.first_time(doc.text[c.clone()].trim());
                let time = cells.iter().position(|c| read(c).is_some_and(|t| t.time.is_some()));
                let date = cells.iter().position(|c| {
                    read(c).is_some_and(|t| t.date.is_some() && t.time.is_none())
                        || times::dotted_date(&doc.text[c.clone()]).is_some()
                });
                (time, date.filter(|&d| Some(d) != time))
            }
            (time, date, _) => (time, date),
        };
        let col = time_col.or(date_col).unwrap_or(0);
        // The first table's header that names a zone names the timeline's.
        if header_zone.is_none() {
            header_zone = table.header.iter().find_map(|h| zone_of_note(look, &doc.text[h.clone()]));
        }
        // A table with no header row of its own: "| 13:00 | Release train cut |" over the
        // separator is the first entry.
        if let (None, None, Some(first)) = (time_col, date_col, table.header.first()) {
            if starts_with_time(doc, look, first.clone()) {
                let head = trim_range(doc.text, first_line(doc.text, table.range.clone()));
                let e = entry(doc, look, head.clone(), head.clone(), first.clone(), EntryShape::TableRow);
                pieces.push((head.start, Piece::Entry(e, None)));
            }
        }
        for (row, cells) in table.rows() {
            let head = trim_range(doc.text, row.clone());
            let cell = cells.get(col).cloned().unwrap_or(head.clone());
            let mut e = entry(doc, look, head.clone(), head.clone(), cell.clone(), EntryShape::TableRow);
            // "0930" alone in a time column is 09:30.
            if e.time.is_none() {
                e.time = times::four_digit_time(doc.text, cell.clone());
                e.placeholder &= e.time.is_none();
            }
            // "Mon 13 Jan, 9.15pm": a date, then a time written with a dot.
            if let Some(t) = e.time.as_mut().filter(|t| t.time.is_none() && t.date.is_some()) {
                let after = t.range.end..cell.end.max(t.range.end);
                let rest = &doc.text[after.clone()];
                let skipped = rest.len() - rest.trim_start_matches([',', ' ']).len();
                if let Some(found) = times::four_digit_time(doc.text, after.start + skipped..after.end) {
                    t.time = found.time;
                    t.range.end = found.range.end;
                }
            }
            // The date from its own column.
            if let (Some(t), Some(d)) = (e.time.as_mut(), date_col.and_then(|d| cells.get(d))) {
                if t.date.is_none() {
                    if let Some(found) = look.first_time(doc.text[d.clone()].trim()).filter(|x| x.date.is_some()) {
                        t.date = found.date;
                        t.year_known = found.year_known;
                        t.day_first = found.day_first;
                        t.numeric_reading = found.numeric_reading;
                    } else if let Some((date, known)) = times::dotted_date(&doc.text[d.clone()]) {
                        // "Thu 12.6.", "17.02.2025".
                        t.date = Some(date);
                        t.year_known = known;
                    } else if let Some((date, day_first, reading)) = yearless_date_before(&doc.text[d.clone()]) {
                        // "Thu 10/16": a day and a month without the year, which way round
                        // decided as the timeline's other numeric dates are.
                        (t.date, t.day_first, t.numeric_reading, t.year_known) =
                            (Some(date), day_first, reading, false);
                    }
                }
            }
            pieces.push((row.start, Piece::Entry(e, None)));
        }
    }

    // Paragraphs and sub-headings: lines that start with a time are entries; the rest
    // may give a date or a zone.
    let mut seen_entry_start = pieces.iter().map(|(o, _)| *o).min().unwrap_or(usize::MAX);
    // A narrative timeline has only paragraphs: beside list items or rows, a paragraph
    // that mentions a time is a note ("The consumer restarted at 10:10.").
    let narrative = !pieces.iter().any(|(_, p)| matches!(p, Piece::Entry(..)));
    let first_paragraph = doc.paragraphs.partition_point(|p| p.range.start < r.start);
    // Paragraphs that open on a bold label with a time ("**Detection (09:14):** …"): one
    // such label without a time ("**Resolution:** …") is an entry with no time.
    let labelled = narrative
        && doc.paragraphs[first_paragraph..]
            .iter()
            .take_while(|p| within(p.range.start))
            .filter(|p| times::bold_label_time(&doc.text[p.range.clone()]).is_some())
            .nth(1)
            .is_some();
    for p in doc.paragraphs[first_paragraph..].iter().take_while(|p| within(p.range.start)) {
        if p.nested || !inside(&p.range) || under_timed_heading(&p.range) {
            continue;
        }
        let p = &p.range;
        let mut lines = Vec::new();
        let mut offset = p.start;
        for line in doc.text[p.clone()].split_inclusive('\n') {
            lines.push(offset..offset + line.trim_end().len());
            offset += line.len();
        }
        // "6.00am Scheduled run starts": lines that start with a time only the fallback
        // reads (dots, four digits, a dotted date) are entries when two or more do.
        let fallback = |line: &Range<usize>| {
            let head = strip_marker(doc.text, line.clone());
            times::four_digit_time(doc.text, head.start..doc.text.floor_char_boundary(head.end.min(head.start + 30)))
        };
        let by_fallback = lines.len() >= 2 && lines.iter().filter(|l| fallback(l).is_some()).nth(1).is_some();
        let mut current: Option<(Range<usize>, Range<usize>)> = None;
        let mut any_entry = false;
        let mut previous: Option<Range<usize>> = None;
        for (n, line) in lines.into_iter().enumerate() {
            // "… which was 14:20 UTC on\n18 September 2025. So T+1:05 means …": a date
            // after a line that stops on a word no clause ends with goes on with its sentence.
            let before = previous.replace(line.clone());
            let continues = || before.clone().is_some_and(|p| ends_mid_clause(&doc.text[p]));
            let stripped = strip_marker(doc.text, line.clone());
            // A line that starts with a time is an entry; so is one that starts with a date
            // and goes on to say what happened ("10/14/2022 - A researcher reported…").
            // A date alone ("_4/24/23_", "**April 15, 2021 (all times UTC)**") sets the day.
            let line_text = &doc.text[stripped.clone()];
            // An image ("![10-31-2021 graph](…)") is neither an entry nor a day.
            if line_text.starts_with("![") {
                continue;
            }
            // Only the start of the line matters: give the search that much.
            let line_text = &line_text[..line_text.floor_char_boundary(80)];
            let starts_with_time = times::may_start_by(line_text, 3)
                && look.first_time(line_text).is_some_and(|t| {
                    let words_after = || {
                        line_text[t.range.end..]
                            .split(['(', ')'])
                            .next()
                            .unwrap_or("")
                            .split_whitespace()
                            .filter(|w| w.chars().any(char::is_alphabetic))
                            .count()
                    };
                    t.range.start <= 3 && (t.time.is_some() || (t.date.is_some() && words_after() >= 3 && !continues()))
                })
                || (by_fallback && fallback(&line).is_some())
                // A narrative paragraph that opens on its time: "At around 13:58 the first
                // requests began timing out", "A few minutes later, at 14:11, …".
                || (n == 0 && narrative && narrated_time(look, line_text))
                // "**Detection (09:14):** A team lead messages the IT desk …".
                || (n == 0 && narrative && times::bold_label_time(line_text).is_some())
                || (n == 0 && labelled && times::bold_label(line_text).is_some())
                // A chat export's header line: "**Marta Quintero** 11:44 PM", the message below.
                || (n == 0 && chat_header(look, line_text));
            if starts_with_time {
                if let Some((whole, head)) = current.take() {
                    pieces.push((
                        whole.start,
                        Piece::Entry(entry(doc, look, whole, head.clone(), head, EntryShape::Line), None),
                    ));
                }
                current = Some((line.clone(), stripped));
                any_entry = true;
            } else if let Some((whole, _)) = &mut current {
                whole.end = line.end;
            }
        }
        if let Some((whole, head)) = current.take() {
            pieces
                .push((whole.start, Piece::Entry(entry(doc, look, whole, head.clone(), head, EntryShape::Line), None)));
        }
        if !any_entry {
            let t = &doc.text[p.clone()];
            if t.trim_start().starts_with("![") {
                continue;
            }
            // A paragraph sets the day when it is a day line ("_4/24/23_") or says so
            // ("all events happened on 2019-10-21"), not when it mentions a date in passing.
            let says_so = || {
                let lower = t.to_lowercase();
                ["all events", "all times", "otherwise noted", "happened on", "took place on"]
                    .iter()
                    .any(|m| lower.contains(m))
            };
            // Look for the date only where it can count: anywhere in a short or explicit
            // paragraph, else at its start.
            let anywhere = t.split_whitespace().take(13).count() <= 12 || says_so();
            let searched = if anywhere { t } else { &t[..t.floor_char_boundary(40)] };
            // A date in brackets is an aside ("Pacific time (clocks went back on Sunday 2
            // November)"), not the day of the entries after it.
            let in_brackets = |at: usize| {
                let before = &searched[..at];
                before.matches('(').count() > before.matches(')').count()
            };
            let date = look
                .all_times(searched)
                .into_iter()
                .find(|x| {
                    x.date.is_some()
                        && x.time.is_none()
                        && (x.range.start <= 3 || anywhere)
                        && !in_brackets(x.range.start)
                })
                .and_then(|x| x.date.map(|d| (d, x.year_known, x.day_first)))
                // "**Tue 21.01.2025**": a dotted date with its year, as Europe writes one.
                .or_else(|| {
                    let line = t.trim().trim_matches(['*', '_']);
                    (anywhere && line.len() <= 40)
                        .then(|| times::dotted_date(line).filter(|(_, year)| *year).map(|(d, _)| (d, true, None)))
                        .flatten()
                });
            pieces.push((
                p.start,
                Piece::Context { date, day: None, text: t, before_entries: p.start < seen_entry_start },
            ));
        } else {
            seen_entry_start = seen_entry_start.min(p.start);
        }
    }
    // Headings with a date only set the day ("### Tuesday 4 March").
    let section_headings = doc.headings[first_heading..].iter().take_while(|h| h.range.start <= r.end);
    for h in section_headings
        .filter(|h| !h.pseudo && inside(&h.range) && !heading_entries.iter().any(|b| b.start == h.range.start))
    {
        let date = look
            .all_times(&h.text)
            .into_iter()
            .find_map(|t| t.date.map(|d| (d, t.year_known, t.day_first)))
            .or_else(|| date_elsewhere(&h.text).map(|d| (d, true, None)))
            // "Thursday, 27.03.2025": a dotted date with its year, as Europe writes one.
            .or_else(|| times::dotted_date(&h.text).filter(|(_, year)| *year).map(|(d, _)| (d, true, None)));
        let day = if date.is_none() { day_mark(&h.text) } else { None };
        pieces.push((
            h.range.start,
            Piece::Context { date, day, text: &h.text, before_entries: h.range.start < seen_entry_start },
        ));
    }
    // A collapsed timeline's summary line may say the zone: "<summary>All times MST</summary>".
    for (at, _) in doc.text[r.clone()].match_indices("<summary>") {
        let at = r.start + at;
        let inner = &doc.text[at + "<summary>".len()..r.end];
        let inner = inner.split(['\n', '<']).next().unwrap_or(inner);
        pieces.push((at, Piece::Context { date: None, day: None, text: inner, before_entries: at < seen_entry_start }));
    }
    pieces.sort_by_key(|(o, _)| *o);
    // "- 0930 paged the on-call": four digits start an entry when at least two entries
    // are written so (one could be a year or a count).
    let four_digit: Vec<(usize, TimeExpr)> = pieces
        .iter()
        .enumerate()
        .filter_map(|(i, (_, p))| match p {
            // Also when the time read is later in the entry: "1105H – counters open until 7 PM".
            Piece::Entry(e, _) if e.shape != EntryShape::TableRow => {
                let head = if e.shape == EntryShape::Heading {
                    strip_heading_marks(doc.text, e.head.clone())
                } else {
                    e.head.clone()
                };
                // Or when it reads a date before the time read: "[12.11.2025 23:41:07]".
                times::four_digit_time(doc.text, head)
                    .filter(|f| {
                        e.time.as_ref().is_none_or(|t| {
                            t.range.start >= f.range.end
                                || (f.date.is_some() && t.date.is_none() && f.range.start < t.range.start)
                        })
                    })
                    .map(|f| (i, f))
            }
            _ => None,
        })
        .collect();
    // "14h" among entries written "9h10": the same clock, alone.
    let h_clock = || {
        pieces.iter().any(|(_, p)| {
            matches!(p, Piece::Entry(e, _) if e.time.as_ref().is_some_and(|t| {
                let w = doc.text[t.range.clone()].as_bytes();
                w.windows(3).any(|x| x[0].is_ascii_digit() && (x[1] | 0x20) == b'h' && x[2].is_ascii_digit())
            }))
        })
    };
    let lone_hour = four_digit.len() == 1 && doc.text[four_digit[0].1.range.clone()].ends_with(['h', 'H']) && h_clock();
    // One alone is a time when it says morning or afternoon ("9.30am" among "9:12 a.m.").
    let many = four_digit.len() >= 2 || lone_hour;
    for (i, time) in four_digit {
        if many || has_meridiem(&doc.text[time.range.clone()]) {
            if let (_, Piece::Entry(e, _)) = &mut pieces[i] {
                e.time = Some(time);
                e.placeholder = false;
            }
        }
    }
    relative_times(doc, look, &mut pieces);

    // A list with no time in any item, in a timeline whose other entries have times, is
    // detail ("The CDN hosts: - cdn-1 - cdn-2"), not entries.
    let any_timed = pieces.iter().any(|(_, p)| matches!(p, Piece::Entry(e, _) if e.time.is_some()));
    if any_timed {
        let timed_lists: foldhash::HashSet<usize> = pieces
            .iter()
            .filter_map(|(_, p)| match p {
                Piece::Entry(e, Some(list)) if e.time.is_some() => Some(*list),
                _ => None,
            })
            .collect();
        pieces.retain(|(_, p)| !matches!(p, Piece::Entry(_, Some(list)) if !timed_lists.contains(list)));
    }

    // A timeline that writes "am"/"pm" anywhere (its headings included) writes a bare
    // "1:17" after "11:57" for the afternoon.
    let twelve_hour = pieces.iter().any(|(_, p)| {
        matches!(p, Piece::Entry(e, _) if e.time.as_ref().is_some_and(|t| has_meridiem(&doc.text[t.range.clone()])))
    }) || sub_headings.iter().any(|&i| has_meridiem(&doc.headings[i].text) && timed_heading(look, &doc.headings[i].text).is_some());
    let mut declared_zone = zone_of_note(look, &heading.text).or(header_zone);
    // A live log kept newest first ("most recent first", "newest entry at the top") is
    // read from its end: its entries are kept in the order they happened.
    let intro_end = pieces.iter().find(|(_, p)| matches!(p, Piece::Entry(..))).map_or(r.end, |(o, _)| *o);
    let intro = format!("{} {}", heading.text, &doc.text[heading.range.end.min(intro_end)..intro_end]).to_lowercase();
    // "Most recent update first", "newest entries on top": the newest, then within a few
    // words where it stands.
    let newest_first =
        ["most recent", "newest", "latest"].iter().any(|p| {
            intro.match_indices(p).any(|(at, _)| {
                let after = &intro[at + p.len()..];
                let near = &after[..after.floor_char_boundary(24)];
                [" first", "at the top", "on top"].iter().any(|w| near.contains(w))
            })
        }) || ["reverse chronological", "reverse-chronological", "in reverse order"].iter().any(|p| intro.contains(p));
    // Or a log pasted newest first without saying so: every entry dated in full, each no
    // later than the one above it ("2025-08-19 16:42 … Resolved" above "2025-08-18 22:19
    // … Incident created").
    let stamps: Vec<Option<DateTime>> = pieces
        .iter()
        .filter_map(|(_, p)| match p {
            Piece::Entry(e, _) => Some(e.time.as_ref().and_then(|t| {
                let date = t.date.filter(|_| t.year_known && t.day_first.is_none())?;
                Some(date.to_datetime(t.time?))
            })),
            Piece::Context { .. } => None,
        })
        .collect();
    let descending = stamps.len() >= 3
        && stamps.iter().all(Option::is_some)
        && stamps.windows(2).all(|w| w[0] >= w[1])
        && stamps.first() > stamps.last();
    if newest_first || descending {
        pieces.reverse();
    }
    // Dates that read both ways (`03/04/2025`) follow the document's other dates.
    let order = date_order(doc, &r, &pieces);
    let mut entries = Vec::new();
    let mut date = base_date;
    let mut dated = base_date != UNKNOWN_DAY;
    let mut day_one: Option<Date> = None;
    // "Sequence of events — Tuesday, November 18, 2025": the day in the heading.
    if let Some(d) = look
        .first_time(&heading.text)
        .filter(|t| t.time.is_none() && t.year_known && t.day_first.is_none())
        .and_then(|t| t.date)
    {
        date = d;
        dated = true;
    }
    // "started: 2025-09-02T14:20", "detected: 2025-09-04T10:42" over a log that opens
    // "10:42 hrs — email from a researcher": the entries begin on the day of the stamp
    // whose time the first of them has.
    let first_time_only = pieces.iter().find_map(|(_, p)| match p {
        Piece::Entry(e, _) => e.time.as_ref().filter(|t| t.date.is_none()).and_then(|t| t.time),
        _ => None,
    });
    if let (Some(front), Some(first)) = (doc.front_matter.as_ref(), first_time_only) {
        let stamps = [&front.started, &front.detected, &front.resolved];
        let same_time = stamps.iter().filter_map(|s| s.as_ref()).find(|s| s.value.time == Some(first));
        if let Some(d) = same_time.and_then(|s| s.value.date).filter(|_| date == base_date && dated) {
            date = d;
        }
    }
    let mut undecided = false;
    let mut first_weekday = None::<jiff::civil::Weekday>;
    let mut year = None::<i16>;
    // "Mon 10 Nov" with no year anywhere but the debrief's own date (`debriefed:
    // 2025-11-18`): the incident's year is the debrief's, or the year before for a day
    // later in the year than the debrief.
    if base_date == UNKNOWN_DAY {
        let held = doc.front_matter.as_ref().and_then(|f| f.debriefed.as_ref()).map(|d| &d.value);
        let held = held.filter(|t| t.year_known && t.day_first.is_none()).and_then(|t| t.date);
        let first_yearless = pieces.iter().find_map(|(_, p)| match p {
            Piece::Entry(e, _) => e.time.as_ref().and_then(|t| t.date.filter(|_| !t.year_known)),
            Piece::Context { date: Some((d, false, _)), .. } => Some(*d),
            Piece::Context { .. } => None,
        });
        if let (Some(held), Some(first)) = (held, first_yearless) {
            year = Some(held.year() - i16::from((first.month(), first.day()) > (held.month(), held.day())));
        }
    }
    let mut prev: Option<DateTime> = None;
    for (_, piece) in pieces {
        match piece {
            Piece::Context { date: d, day, text, before_entries } => {
                if let Some((d, year_known, other)) = d {
                    let (d, unsure) = read_date(d, other, order);
                    date = place_date(d, year_known, &mut year, date);
                    dated = true;
                    undecided = unsure;
                    prev = None;
                }
                // "Day 2", "Wednesday": counted from the day known so far.
                if let (Some(mark), true) = (day, dated) {
                    let moved = match mark {
                        DayMark::Number(n) => {
                            let first = *day_one.get_or_insert_with(|| date.saturating_sub((n - 1).days()));
                            first.saturating_add((n - 1).days())
                        }
                        DayMark::Weekday(w) => date.saturating_add(i64::from(date.weekday().until(w)).days()),
                    };
                    if moved != date {
                        date = moved;
                        prev = None;
                    }
                }
                // A zone in passing after the entries is not the timeline's; a note there
                // that says which zone the times are in is ("All times above are IST").
                if declared_zone.is_none() && (before_entries || entries.is_empty() || speaks_of_the_times(text)) {
                    // "Every time below is local to the terminal.[^tz]": or in its footnote.
                    declared_zone = zone_of_note(look, text)
                        .or_else(|| cited_footnote(doc.text, text).and_then(|f| zone_of_note(look, f)));
                }
            }
            Piece::Entry(mut e, _) => {
                if let Some(t) = &e.time {
                    let own = t.date.map(|d| read_date(d, t.day_first, order));
                    let own_date = own.map(|(d, _)| place_date(d, t.year_known, &mut year, date));
                    if let Some((_, unsure)) = own {
                        dated = true;
                        undecided = unsure;
                    }
                    // "#### Tue 06:15", "- Thu 09:10 …": a weekday before the time moves the
                    // day on to it (the nearest such day for the first entry, which may come
                    // before the front matter's date).
                    if own_date.is_none() {
                        // The weekday is read with the time ("Tue 06:15") or written just before it.
                        let written = &doc.text[t.range.clone()];
                        let in_time = &written[..written.find(|c: char| c.is_ascii_digit()).unwrap_or(0)];
                        let lead = if in_time.trim().is_empty() {
                            doc.text.get(e.head.start..t.range.start.max(e.head.start)).unwrap_or("")
                        } else {
                            in_time
                        };
                        match (weekday_word(lead), dated) {
                            (Some(w), true) => {
                                let ahead = i64::from(date.weekday().until(w));
                                let step = if prev.is_none() && ahead > 3 { ahead - 7 } else { ahead };
                                date = date.saturating_add(step.days());
                            }
                            // With no date anywhere, the days are counted from the first
                            // weekday written ("Sat 08:50" … "Mon 14:00" is two days on).
                            (Some(w), false) => {
                                let first = *first_weekday.get_or_insert(w);
                                let today = first.wrapping_add(UNKNOWN_DAY.until(date).map_or(0, |s| s.get_days()));
                                date = date.saturating_add(i64::from(today.until(w)).days());
                            }
                            (None, _) => {}
                        }
                    }
                    let mut at = match own_date {
                        Some(d) => {
                            date = d;
                            d.to_datetime(t.time.unwrap_or_default())
                        }
                        None => date.to_datetime(t.time.unwrap_or_default()),
                    };
                    // A bare morning hour after a later time, in a timeline on the 12-hour
                    // clock: the afternoon ("11:57", then "1:17").
                    if let (true, None, Some(p), Some(time)) = (twelve_hour, own_date, prev, t.time) {
                        let written = &doc.text[t.range.clone()];
                        if (1..12).contains(&time.hour()) && !has_meridiem(written) && at < p {
                            if let Ok(pm) = at.checked_add(12.hours()) {
                                if pm >= p && p.duration_until(pm) < SignedDuration::from_hours(12) {
                                    at = pm;
                                }
                            }
                        }
                    }
                    // Past midnight without a date: the next day.
                    if let (None, Some(p), Some(_)) = (own_date, prev, t.time) {
                        if p.duration_until(at) <= SignedDuration::from_hours(-12) {
                            if let Ok(next) = at.checked_add(1.day()) {
                                at = next;
                                date = at.date();
                            }
                        }
                    }
                    if let Some(offset) = t.zone.as_ref().and_then(|z| z.offset_minutes) {
                        let reference = declared_zone
                            .as_ref()
                            .or(fm_zone.as_ref())
                            .and_then(|z| z.offset_minutes)
                            .unwrap_or(offset);
                        at = at.checked_add(SignedDuration::from_mins(i64::from(reference - offset))).unwrap_or(at);
                    }
                    let until = t.end_time.and_then(|end| {
                        let mut u = at.date().to_datetime(end);
                        if u < at {
                            u = u.checked_add(12.hours()).ok()?;
                        }
                        (u >= at).then_some(u)
                    });
                    if t.time.is_some() {
                        prev = Some(at);
                    }
                    e.moment = Some(Moment { at, has_time: t.time.is_some(), until, dated, undecided });
                }
                entries.push(e);
            }
        }
    }
    if declared_zone.is_none() {
        declared_zone = fm_zone;
    }
    let span = Timeline::span_of(&entries);
    let marks: Vec<Marks> = entries.iter().map(|e| Marks::of(&doc.text[e.body.clone()])).collect();
    let picked = pick(&marks);
    let marked = Timeline::marks_of(&entries, picked, &marks);
    Timeline { heading: heading.range.clone(), range: r, entries, declared_zone, span, picked, marked }
}

/// A numeric day and month with no year as the last word of `lead` ("**Mon 17/03 "), read
/// as [`TimeExpr`] reads a numeric date (in the year 2000; see [`times::numeric_date`]).
fn yearless_date_before(lead: &str) -> Option<(Date, Option<Date>, Option<times::NumericReading>)> {
    // ("### Thu 5/22, 9:30 PM", "Fri 5/23, ~6:40 PM": a comma or a tilde before the time.)
    let word = lead
        .trim_end_matches([' ', ',', '~'])
        .rsplit(char::is_whitespace)
        .next()?
        .trim_start_matches(['*', '_', '[', '(']);
    let (a, b) = word.split_once('/')?;
    let small = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit());
    if !(small(a) && small(b)) {
        return None;
    }
    times::numeric_date(2000, a.parse().ok()?, b.parse().ok()?)
}

/// Which way the timeline's numeric dates go: as its unambiguous ones do, else as front
/// matter's dates say (an ambiguous date that is one of them, read one way only).
fn date_order(doc: &Document<'_>, section: &Range<usize>, pieces: &[(usize, Piece<'_>)]) -> times::DateOrder {
    let ambiguous: Vec<(Date, Date)> = pieces
        .iter()
        .filter_map(|(_, p)| match p {
            Piece::Entry(e, _) => e.time.as_ref().and_then(|t| t.date.zip(t.day_first)),
            Piece::Context { date: Some((d, _, Some(other))), .. } => Some((*d, *other)),
            Piece::Context { .. } => None,
        })
        .collect();
    if ambiguous.is_empty() {
        return times::DateOrder::Unknown;
    }
    let mut order = times::DateOrder::of_text(&doc.text[section.clone()]);
    if order == times::DateOrder::Unknown {
        // The entries' own dates that read one way only ("Fri 14/03 21:37").
        order = times::DateOrder::of_readings(pieces.iter().filter_map(|(_, p)| match p {
            Piece::Entry(e, _) => e.time.as_ref().and_then(|t| t.numeric_reading),
            Piece::Context { .. } => None,
        }));
    }
    if order != times::DateOrder::Unknown {
        return order;
    }
    // An incident's days lie close together: "7/5/23" then "7/6/23" is one day apart read
    // month first and a month apart read day first.
    let span = |dates: &mut dyn Iterator<Item = Date>| {
        let dates: Vec<Date> = dates.collect();
        let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) else { return 0 };
        first.until(*last).map_or(0, |s| s.get_days())
    };
    let month_span = span(&mut ambiguous.iter().map(|(m, _)| *m));
    let day_span = span(&mut ambiguous.iter().map(|(_, d)| *d));
    if month_span.max(day_span) >= 14 && month_span.min(day_span) <= 7 {
        return if month_span < day_span { times::DateOrder::MonthFirst } else { times::DateOrder::DayFirst };
    }
    let Some(front) = doc.front_matter.as_ref() else { return order };
    let known: Vec<Date> = [&front.started, &front.detected, &front.resolved, &front.debriefed]
        .into_iter()
        .flatten()
        .filter_map(|t| t.value.date)
        .collect();
    let near = |d: Date| known.iter().any(|k| d.until(*k).is_ok_and(|s| s.get_days().abs() <= 2));
    let month_first = ambiguous.iter().filter(|(m, _)| near(*m)).count();
    let day_first = ambiguous.iter().filter(|(_, d)| near(*d)).count();
    match month_first.cmp(&day_first) {
        std::cmp::Ordering::Greater => times::DateOrder::MonthFirst,
        std::cmp::Ordering::Less => times::DateOrder::DayFirst,
        std::cmp::Ordering::Equal => times::DateOrder::Unknown,
    }
}

/// A date read in the timeline's order, and whether it could not be decided.
fn read_date(month_first: Date, day_first: Option<Date>, order: times::DateOrder) -> (Date, bool) {
    match (day_first, order) {
        (None, _) => (month_first, false),
        (Some(d), times::DateOrder::DayFirst) => (d, false),
        (Some(_), times::DateOrder::MonthFirst) => (month_first, false),
        (Some(_), times::DateOrder::Unknown) => (month_first, true),
    }
}

/// A date as written, with the year filled in when it was left out: the year last
/// written, or the current date's; "Dec 31" then "Jan 02" moves to the next year.
fn place_date(d: Date, year_known: bool, year: &mut Option<i16>, current: Date) -> Date {
    if year_known {
        *year = Some(d.year());
        return d;
    }
    let mut guess = d.with().year(year.unwrap_or(current.year())).build().unwrap_or(d);
    if guess.until(current).is_ok_and(|span| span.get_days() > 180) {
        guess = guess.with().year(guess.year() + 1).build().unwrap_or(guess);
    }
    guess
}

fn entry(
    doc: &Document<'_>,
    look: Lookup<'_>,
    range: Range<usize>,
    head: Range<usize>,
    time_in: Range<usize>,
    shape: EntryShape,
) -> TimelineEntry {
    // An entry's time is near its start ("Fault occurs 2020-02-12 11:45" at the latest);
    // a long entry is not searched to its end.
    let search = &doc.text[time_in.clone()];
    let search = &search[..search.floor_char_boundary(120)];
    let time = look.first_time(search).map(|mut t| {
        // "02:54 AM PST Monday Nov 1st": a date right after the time belongs to it.
        if t.date.is_none() {
            let after = &search[t.range.end..];
            let near = &after[..after.floor_char_boundary(24)];
            let first = times::may_hold_date(near).then(|| look.first_time(near)).flatten();
            if let Some(d) = first.filter(|d| d.time.is_none() && d.date.is_some()) {
                t.date = d.date;
                t.year_known = d.year_known;
            }
        }
        // "Tue 3rd June, 9.15am": a date, then a time written with a dot.
        if t.time.is_none() && t.date.is_some() {
            let rest = &search[t.range.end..];
            let skipped = rest.len() - rest.trim_start_matches([',', ' ']).len();
            let from = t.range.end + skipped;
            let near = from..search.floor_char_boundary((from + 12).min(search.len()));
            if let Some(found) = times::four_digit_time(search, near).filter(|f| has_meridiem(&search[f.range.clone()]))
            {
                t.time = found.time;
                t.range.end = found.range.end;
            }
        }
        // "Tue 11 Feb, between 21:40 and 22:05", "Wed 12 Feb, around 14:00".
        with_hedged_time(look, search, &mut t);
        // "Mon 17/03 09:30": a day and a month without the year, just before the time.
        if t.date.is_none() {
            if let Some((date, day_first, reading)) = yearless_date_before(&search[..t.range.start]) {
                (t.date, t.day_first, t.numeric_reading, t.year_known) = (Some(date), day_first, reading, false);
            }
        }
        t.range = t.range.start + time_in.start..t.range.end + time_in.start;
        t
    });
    // "HH:MM UTC / HH:MM ET — (when did the refunds start, after the 7 PM show?)": the
    // template's placeholder where the time goes; a time later in the text is not the entry's.
    let lead = search.trim_start_matches(['|', ' ', '-', '*', '_', '`', '[', '#']);
    let opens_with_placeholder =
        lead.get(..5).is_some_and(|l| PLACEHOLDER_TIMES.iter().any(|p| l.eq_ignore_ascii_case(p)));
    let time = time.filter(|_| !opens_with_placeholder);
    // Every placeholder but "tbd" has a `:` or a `?`: a text with neither is not copied.
    let placeholder = time.is_none()
        && (search.as_bytes().windows(3).any(|w| w.eq_ignore_ascii_case(b"tbd"))
            || (memchr::memchr2(b':', b'?', search.as_bytes()).is_some() && {
                let lower = search.to_ascii_lowercase();
                PLACEHOLDER_TIMES.iter().chain(&["???"]).any(|p| lower.contains(p))
            }));
    let summary_range = match shape {
        EntryShape::TableRow => range.clone(),
        _ => head.clone(),
    };
    TimelineEntry {
        range: range.clone(),
        head,
        time,
        moment: None,
        placeholder,
        shape,
        text: summary_range,
        body: range,
    }
}

/// Whether a line stops on a word no clause ends with: a preposition, an article, a
/// conjunction ("… which was 14:20 UTC on").
fn ends_mid_clause(line: &str) -> bool {
    const OPEN: &[&str] =
        &["on", "at", "of", "the", "a", "an", "from", "to", "until", "since", "and", "or", "by", "in", "was"];
    let last = line.trim_end().rsplit(' ').next().unwrap_or("");
    OPEN.iter().any(|w| w.eq_ignore_ascii_case(last))
}

/// The definition of the first footnote `text` cites ("… local to the Wellington
/// terminal.[^tz]" → "New Zealand Daylight Time (NZDT), UTC+13."), up to its line's end.
fn cited_footnote<'d>(doc_text: &'d str, text: &str) -> Option<&'d str> {
    let at = text.find("[^")?;
    let label = &text[at..at + text[at..].find(']')? + 1];
    let (def, _) = doc_text.match_indices(label).find(|&(i, _)| {
        (i == 0 || doc_text.as_bytes()[i - 1] == b'\n') && doc_text[i + label.len()..].starts_with(':')
    })?;
    let rest = &doc_text[def + label.len() + 1..];
    Some(&rest[..rest.find('\n').unwrap_or(rest.len())])
}

/// The time in brackets that ends `r`, when nothing but the time is in them: "… overbooked.
/// (11:48 a.m.)".
fn time_at_the_end(doc: &Document<'_>, look: Lookup<'_>, r: Range<usize>) -> Option<TimeExpr> {
    let text = doc.text[r.clone()].trim_end();
    let inner_end = text.strip_suffix(')')?.len();
    let open = text[..inner_end].rfind('(')?;
    let inner = &text[open + 1..inner_end];
    let t = look.first_time(inner).filter(|t| t.time.is_some() && inner[t.range.end..].trim().is_empty())?;
    (t.range.start == 0).then(|| TimeExpr { range: r.start + open + 1..r.start + open + 1 + t.range.end, ..t })
}

/// The time a heading starts with, when it gives a time of day near its start
/// (`14:07`, `3:12 PM — paged`, `2024-06-02 09:40`, `Tue 06:15 UTC`).
fn timed_heading(look: Lookup<'_>, text: &str) -> Option<TimeExpr> {
    // A weekday or a word or two may come first ("Tue 06:15", "Day 2, 09:40").
    let head = &text[..text.floor_char_boundary(80)];
    // A date, then a hedged time: "Tue 11 Feb, between 21:40 and 22:05".
    let first = look.first_time(head).map(|mut t| {
        with_hedged_time(look, head, &mut t);
        t
    });
    times::leading_time_of_day(text, first)
}

/// Completes `t`, a date read in `text` with no time, with the time of day right after it,
/// past a comma and a word that hedges or spans it ("between", "around", "from"):
/// "Tue 11 Feb, between 21:40 and 22:05".
fn with_hedged_time(look: Lookup<'_>, text: &str, t: &mut TimeExpr) {
    if t.time.is_some() || t.date.is_none() {
        return;
    }
    let rest = &text[t.range.end..];
    let rest_trimmed = rest.trim_start_matches([',', ' ']);
    let Some(word_end) = rest_trimmed.find(' ') else { return };
    if !times::HEDGES.iter().any(|h| h.eq_ignore_ascii_case(&rest_trimmed[..word_end])) {
        return;
    }
    let at = t.range.end + (rest.len() - rest_trimmed.len()) + word_end + 1;
    let near = &text[at..text.floor_char_boundary((at + 40).min(text.len()))];
    if let Some(found) = look.first_time(near).filter(|f| f.range.start == 0 && f.time.is_some() && f.date.is_none()) {
        (t.time, t.end_time, t.zone) = (found.time, found.end_time, found.zone.or(t.zone.take()));
        t.range.end = at + found.range.end;
    }
}

/// Whether a short note speaks of the timeline's times as a whole: "All times above are IST",
/// "Times are Eastern", "Timestamps in UTC".
fn speaks_of_the_times(text: &str) -> bool {
    let lower = text.to_lowercase();
    text.len() <= 160
        && ["all times", "times above", "times are", "times in ", "timestamps are", "timestamps in "]
            .iter()
            .any(|p| lower.contains(p))
}

/// The zone a note about the timeline's times declares ("All times UTC", "Time
/// (Helsinki)", "Philippine Standard Time (PST, UTC+8)"): an offset written beside an
/// abbreviation decides what the abbreviation means, and a city that names a zone
/// (`Europe/Helsinki`) is that zone where the note speaks of time.
fn zone_of_note(look: Lookup<'_>, text: &str) -> Option<Zone> {
    // "… copied with their UTC offsets": offsets from UTC named, not UTC declared.
    let lower = text.to_ascii_lowercase();
    let offsets_named =
        ["utc offset", "offset from utc", "offsets from utc", "gmt offset"].iter().any(|p| lower.contains(p));
    let found = look.zone_in(text).filter(|z| !(offsets_named && matches!(z.name.as_str(), "UTC" | "GMT")));
    let abbreviation =
        found.as_ref().is_some_and(|z| z.name.chars().all(|c| c.is_ascii_alphabetic()) && z.name != "UTC");
    // "MEZ (Europe/Berlin)": the zone's own name says more than its abbreviation.
    if abbreviation {
        let iana = text.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-'))).find(|w| {
            w.contains('/') && w.starts_with(|c: char| c.is_ascii_uppercase()) && jiff::tz::TimeZone::get(w).is_ok()
        });
        if let Some(name) = iana {
            return Some(Zone { name: name.to_string(), offset_minutes: None });
        }
    }
    if found.is_none() || abbreviation {
        // "PST, UTC+8": the offset says which PST.
        let explicit = ["UTC+", "UTC-", "UTC\u{2212}", "GMT+", "GMT-"].iter().find_map(|p| {
            let at = text.find(p)?;
            look.zone_in(&text[at..]).filter(|z| z.offset_minutes.is_some() && z.name.len() > 3)
        });
        if explicit.is_some() {
            return explicit;
        }
    }
    // A city only in a short note (a heading, a column header, "All times are Paris time").
    if found.is_some() || text.len() > 100 {
        return found;
    }
    let says = |w: &str| text.as_bytes().windows(w.len()).any(|x| x.eq_ignore_ascii_case(w.as_bytes()));
    // "Chronologie (heure de Paris)", "Hora de Madrid", "Uhrzeit Berlin", "ora di Roma".
    if !["time", "local", "heure", "hora", "zeit", "ora ", "tijd"].iter().any(|w| says(w)) {
        return None;
    }
    // "Time (CT)": the two-letter names of the US zones, in brackets after "time".
    if let Some(us) = ["(PT)", "(MT)", "(CT)", "(ET)"].iter().find(|z| text.contains(*z)) {
        return Some(Zone { name: us[1..3].to_string(), offset_minutes: None });
    }
    // "Timeline (Eastern)", "Time (Pacific)": a US region's name alone in brackets.
    if let Some(us) = ["(Pacific)", "(Mountain)", "(Central)", "(Eastern)"].iter().find(|z| text.contains(*z)) {
        return Some(Zone { name: format!("{} time", &us[1..us.len() - 1]), offset_minutes: None });
    }
    text.split(|c: char| !(c.is_alphabetic() || c == '_'))
        .filter(|w| w.len() >= 4 && w.starts_with(|c: char| c.is_ascii_uppercase()))
        .find_map(|city| {
            crate::times::zone_of_city(city).map(|name| Zone { name: name.to_string(), offset_minutes: None })
        })
}

/// Entries timed relative to a start the timeline states ("T+0 is 2025-04-02 09:40 UTC",
/// then "T-6m", "T+3m", "T+2h10m"): each gets the stated start moved by its offset. Without
/// a stated date and time for T+0 they are placed from noon of a day not named.
fn relative_times(doc: &Document<'_>, look: Lookup<'_>, pieces: &mut [(usize, Piece<'_>)]) {
    let relative: Vec<(usize, i64)> = pieces
        .iter()
        .enumerate()
        .filter_map(|(i, (_, p))| match p {
            // "T+2h10m" reads as a clock's "2h10" too: the T says it is not one.
            Piece::Entry(e, _) => {
                let head = doc.text[e.head.clone()].trim_start_matches(['|', ' ', '-', '*', '_', '`']);
                relative_offset(head).map(|m| (i, m))
            }
            _ => None,
        })
        .collect();
    if relative.len() < 2 {
        return;
    }
    // "T+0 is …", "T0 = …", "T+0: …" in a note before the entries.
    let anchor = pieces.iter().find_map(|(_, p)| match p {
        Piece::Context { text, .. } => {
            // Or the start named as "T": "T is the first alarm, at 21:47 UTC on 14 October".
            let at = text.find("T+0").or_else(|| text.find("T0 ")).or_else(|| text.find("T=0")).or_else(|| {
                ["T is ", "T = "].iter().find_map(|p| {
                    text.find(p).filter(|&at| at == 0 || !text.as_bytes()[at - 1].is_ascii_alphanumeric())
                })
            })?;
            // The time and the day may be written apart: "T0 = 14:00 UTC on Thursday 12 June 2025".
            let found = look.all_times(&text[at + 2..]);
            let time = found.iter().find(|t| t.time.is_some())?;
            let date = time.date.or_else(|| found.iter().find_map(|t| t.date.filter(|_| t.year_known)))?;
            Some((date.to_datetime(time.time?), time.zone.clone()))
        }
        Piece::Entry(..) => None,
    });
    // Without one, the entries still keep their order and their distances: from noon of a
    // day not named.
    let dated = anchor.is_some();
    let (start, zone) = anchor.unwrap_or((UNKNOWN_DAY.at(12, 0, 0, 0), None));
    for (i, minutes) in relative {
        let Ok(at) = start.checked_add(SignedDuration::from_mins(minutes)) else { continue };
        if let (_, Piece::Entry(e, _)) = &mut pieces[i] {
            let head = e.head.start..e.head.start;
            e.time = Some(TimeExpr {
                date: dated.then(|| at.date()),
                zone: zone.clone(),
                ..TimeExpr::time_of_day(head, at.time(), None)
            });
            e.placeholder = false;
        }
    }
}

/// The offset of a relative time at the start of `text`: "T+0", "T-6m", "T+2h10m", "T+1d",
/// "T+15" (minutes), "T+1:52" (hours and minutes), followed by a space, a bar, the end or
/// the close of its emphasis ("**T+0:04** —").
fn relative_offset(text: &str) -> Option<i64> {
    let rest = text.strip_prefix('T')?;
    let (sign, rest) = match rest.chars().next()? {
        '+' => (1, &rest[1..]),
        '-' => (-1, &rest[1..]),
        '\u{2212}' => (-1, &rest['\u{2212}'.len_utf8()..]),
        _ => return None,
    };
    let end = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
    let (spec, after) = rest.split_at(end);
    // "T+1:52": hours, a colon and two digits of minutes.
    if let Some(minutes) =
        after.strip_prefix(':').and_then(|m| m.get(..2)).filter(|m| m.bytes().all(|b| b.is_ascii_digit()))
    {
        let hours: i64 = spec.parse().ok()?;
        let rest = &after[3..];
        if rest.chars().next().is_some_and(|c| !(c.is_whitespace() || matches!(c, '|' | '*' | '_'))) {
            return None;
        }
        return Some(sign * (hours * 60 + minutes.parse::<i64>().ok()?));
    }
    if after.chars().next().is_some_and(|c| !(c.is_whitespace() || matches!(c, '|' | '*' | '_'))) || spec.is_empty() {
        return None;
    }
    if spec == "0" {
        return Some(0);
    }
    let mut minutes = 0i64;
    let mut number = String::new();
    for c in spec.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let n: i64 = std::mem::take(&mut number).parse().ok()?;
        minutes += match c {
            'd' => n * 24 * 60,
            'h' => n * 60,
            'm' => n,
            _ => return None,
        };
    }
    // "T+15", "T+1h05": a number with no unit counts minutes.
    let bare: i64 = if number.is_empty() { 0 } else { number.parse().ok()? };
    Some(sign * (minutes + bare))
}

/// A template's time left to fill in, in lowercase: "HH:MM", "xx:xx".
const PLACEHOLDER_TIMES: &[&str] = &["hh:mm", "xx:xx", "??:??", "--:--"];

/// Whether a line is a chat export's header: a speaker in bold, perhaps marked as an app,
/// then the time and nothing else ("**PagerBot** APP 11:41 PM", "**Marta Quintero** 11:44 PM").
fn chat_header(look: Lookup<'_>, line: &str) -> bool {
    let Some((name, rest)) = line.strip_prefix("**").and_then(|r| r.split_once("**")) else { return false };
    let rest = rest.trim_start();
    let rest = rest.strip_prefix("APP").or_else(|| rest.strip_prefix("BOT")).unwrap_or(rest).trim_start();
    !name.is_empty()
        && name.len() <= 40
        && !name.contains(':')
        && look
            .first_time(rest)
            .is_some_and(|t| t.time.is_some() && t.range.start == 0 && t.range.end == rest.trim_end().len())
}

/// Whether a paragraph opens on the time it tells of: at most five words, the last of them
/// "at", "around", "about", "by" or "approximately", before a time of day.
fn narrated_time(look: Lookup<'_>, text: &str) -> bool {
    let head = &text[..text.floor_char_boundary(48)];
    let Some(t) = look.first_time(head).filter(|t| t.time.is_some() && t.date.is_none()) else { return false };
    let words: Vec<&str> = head[..t.range.start].split_whitespace().collect();
    let last = words.last().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase());
    words.len() <= 5
        && last.is_some_and(|w| matches!(w.as_str(), "at" | "around" | "about" | "by" | "approximately" | "circa"))
}

/// Whether the text at `r` starts with a time of day.
fn starts_with_time(doc: &Document<'_>, look: Lookup<'_>, r: Range<usize>) -> bool {
    let text = &doc.text[r];
    let text = &text[..text.floor_char_boundary(40)];
    times::may_start_by(text, 3) && look.first_time(text).is_some_and(|t| t.time.is_some() && t.range.start <= 3)
}

/// Whether a time as written carries "am" or "pm".
fn has_meridiem(written: &str) -> bool {
    // `b | 0x20` lowers an ASCII letter; no other byte lowers to 'a', 'p' or 'm'.
    let b = written.as_bytes();
    (0..b.len()).any(|i| {
        matches!(b[i] | 0x20, b'a' | b'p')
            && (b.get(i + 1).is_some_and(|&n| n | 0x20 == b'm')
                || (b.get(i + 1) == Some(&b'.') && b.get(i + 2).is_some_and(|&n| n | 0x20 == b'm')))
    })
}

/// The end of `r` with trailing whitespace dropped.
fn trim_end_of(text: &str, r: Range<usize>) -> usize {
    r.start + text[r].trim_end().len()
}

/// A heading line without its `#` marks.
fn strip_heading_marks(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let marks = s.len() - s.trim_start_matches('#').len();
    let rest = &s[marks..];
    let start = r.start + marks + (rest.len() - rest.trim_start().len());
    let trimmed = text[start..r.end].trim_end_matches('#').trim_end();
    start..start + trimmed.len()
}

/// The first line of `r`, trimmed.
fn first_line(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let end = s.find('\n').unwrap_or(s.len());
    trim_range(text, r.start..r.start + end)
}

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.start + s.trim_end().len();
    start..end.max(start)
}

/// Drops a list marker and a task box from the start of a line.
fn strip_marker(text: &str, r: Range<usize>) -> Range<usize> {
    let r = trim_range(text, r);
    let s = &text[r.clone()];
    let mut skip = 0;
    let bytes = s.as_bytes();
    // A blockquote's marks: "> [12.11.2025 23:41:07] jan.w: …", a chat export quoted.
    while bytes.get(skip) == Some(&b'>') {
        skip += 1;
        while bytes.get(skip) == Some(&b' ') {
            skip += 1;
        }
    }
    let bytes = &bytes[skip..];
    if matches!(bytes.first(), Some(b'-' | b'*' | b'+')) && bytes.get(1) == Some(&b' ') {
        skip += 2;
    } else if let Some(dot) = bytes.iter().take(10).position(|&b| b == b'.' || b == b')') {
        // A number of at most nine digits: the mark is among the first ten bytes.
        if dot > 0 && bytes[..dot].iter().all(u8::is_ascii_digit) && bytes.get(dot + 1) == Some(&b' ') {
            skip += dot + 2;
        }
    }
    let rest = &s[skip..];
    let rest_trim = rest.trim_start();
    skip += rest.len() - rest_trim.len();
    for task in ["[ ] ", "[x] ", "[X] "] {
        if s[skip..].starts_with(task) {
            skip += task.len();
        }
    }
    r.start + skip..r.end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<Timeline> {
        timelines(&Document::parse(text), Lookup::default())
    }

    #[test]
    fn list_entries_with_rollover_and_zone() {
        let text = "# Incident\n\n## Timeline (all times UTC)\n\n- 23:50 alert fired\n- 23:55 incident declared\n  - detail 10:00\n- 00:10 rolled back\n- 00:20 resolved\n";
        let t = &parse(text)[0];
        assert_eq!(t.entries.len(), 4);
        assert_eq!(t.declared_zone.as_ref().map(|z| z.name.as_str()), Some("UTC"));
        let m: Vec<DateTime> = t.entries.iter().map(|e| e.moment.unwrap().at).collect();
        assert!(m.windows(2).all(|w| w[0] < w[1]), "{m:?}");
        assert!(t.entries[0].milestones(text).has(Milestone::Detected));
        assert!(t.entries[1].milestones(text).has(Milestone::Responded));
        assert!(t.entries[2].milestones(text).has(Milestone::Mitigated));
        assert!(t.entries[3].milestones(text).has(Milestone::Resolved));
        assert_eq!(t.span(), Some(SignedDuration::from_mins(30)));
    }

    #[test]
    fn a_note_in_the_list_is_not_an_entry() {
        let text = "# Incident\n\n## Timeline (all times UTC)\n\n- 10:00 alert fired\n\
                    - **Note:** the status page was not updated during this incident\n- NB: times are approximate\n\
                    - 10:20 rolled back\n- Noted the error rate in the channel\n";
        let t = &parse(text)[0];
        let heads: Vec<&str> = t.entries.iter().map(|e| &text[e.head.clone()]).collect();
        assert_eq!(heads, ["10:00 alert fired", "10:20 rolled back", "Noted the error rate in the channel"]);
    }

    #[test]
    fn milestone_words_match_at_word_starts_in_any_case_and_not_when_denied() {
        let only = |text: &str, m: Milestone| {
            let found = milestone_words(text).1;
            found.has(m) && Milestone::ALL.iter().all(|&o| o == m || !found.has(o))
        };
        assert!(only("ALERT fired", Milestone::Detected));
        assert!(only("the on-call Acknowledged", Milestone::Responded));
        assert!(only("(rolled back)", Milestone::Mitigated));
        assert!(only("all resolved", Milestone::Resolved));
        assert!(only("we became aware", Milestone::Detected), "two words");
        assert!(only("x detect", Milestone::Detected), "at the very end");
        assert!(only("\"alerts\"", Milestone::Detected), "after punctuation");
        assert!(only("uploads working again", Milestone::Mitigated), "an outcome");
        assert!(only("Emil notified by social media", Milestone::Detected), "told from outside");
        assert!(only("First brought to the attention of the core devs", Milestone::Detected));
        assert!(only("Repaired 2021-05-10 16:48", Milestone::Mitigated), "a repair in key events");
        let none_of = |text: &str| Milestone::ALL.iter().all(|&m| !milestone_words(text).1.has(m));
        assert!(none_of("checks were failing against the new key"), "\"again\" is a whole word");
        assert!(only("Switched the TV traffic back to the previous profile", Milestone::Mitigated), "a rollback");
        // What was detected is mostly failures: "failed" denies a detection only as a verb.
        assert!(only("Students reported failed uploads to the helpdesk", Milestone::Detected));
        assert!(!milestone_words("Settlement reports are due in the share; none are there").1.has(Milestone::Detected));
        assert!(only("drivers let pass-holders board without validating (workaround)", Milestone::Mitigated));
        assert!(only("reads moved to the replicas; errors fall\n  under 0.1%", Milestone::Mitigated), "wrapped");
        assert!(!milestone_words("Migration step 3 paused. Latency unchanged").1.has(Milestone::Mitigated));
        assert!(only("Björn rolled the farm back to 3.1.4 over the air", Milestone::Mitigated));
        assert!(only("The on-call turned the `batch_commit_v2` flag off for everyone", Milestone::Mitigated));
        // A channel's name is not a step: "#support-escalations" escalates nothing.
        assert!(only("Support lead posts in #support-escalations: merchants report failures", Milestone::Detected));
        assert!(only("Receptionist phones the service desk about wrong slots", Milestone::Detected));
        assert!(only("SIEM rule ADM-7 flags a burst of admin logins", Milestone::Detected));
        assert!(only("First clinic calls support about late patients", Milestone::Detected));
        assert!(only("the storage on-call spots it in the dry-run report", Milestone::Detected));
        assert!(only("06:54 Monitoring ended.", Milestone::Resolved));
        assert!(only("35 min clean, closing the incident", Milestone::Resolved));
        assert!(only("Hall 3 supervisor calls the IT hotline: no labels print", Milestone::Detected));
        assert!(only("Two donors phone the office asking whether it is genuine", Milestone::Detected));
        assert!(milestone_words("640 emails titled 'Updated bank details' go to donors").1 == Milestones::default());
        assert!(!milestone_words("Personal data breach reported to the ICO").1.has(Milestone::Detected));
        assert!(!milestone_words("Portal still failing; the processor's status page shows all systems operational")
            .1
            .has(Milestone::Resolved));
        assert!(only("The secret-scanning service emails security@ about a token pattern", Milestone::Detected));
        assert!(!milestone_words("we decided not to have rolled the farm back").1.has(Milestone::Mitigated));
        assert!(!milestone_words("Failed network card confirmed; replacement booked").1.has(Milestone::Resolved));
        assert!(milestone_words("Recovery confirmed by the vendor").1.has(Milestone::Resolved));
        assert!(only("alert fired for failed logins", Milestone::Detected));
        let none = |text: &str| Milestone::ALL.iter().all(|&m| !milestone_words(text).1.has(m));
        assert!(none("the alert failed to fire"));
        assert!(none("the rollback failed"));
        // Inside a word, cut short, split differently, or denied: nothing.
        for text in ["realert", "2alert", "aler", "first  seen", "a", "", "éalert", "…alert", "the soak saw no alerts"]
        {
            assert_eq!(milestone_words(text).1, Milestones::default(), "{text:?}");
        }
        // The words of other authors: a rule that fires, staff calling, an "ack".
        assert!(only("SIEM rule \"admin login from new ASN\" fires", Milestone::Detected));
        assert!(only("[FIRING:1] search-api p99 latency > 2s", Milestone::Detected));
        assert!(only("store supervisors call the support line", Milestone::Detected));
        assert!(only("kavya: ack, looking", Milestone::Responded));
        assert!(only("Rafael picks it up", Milestone::Responded));
        assert!(only("Page republished with the right image paths", Milestone::Mitigated));
        // A plan, a question or a noun is not the milestone.
        assert!(none("Decision: restore the previous table from the backup"));
        assert!(none("is a rollback to 2.40 safe? any schema change?"));
        assert!(none("Added userAccessControl flags to new accounts"));
        assert!(only("First brought to the attention of https://chat.example/?at=5dcc", Milestone::Detected));
        // A denial ends with its sentence.
        assert!(only("Watched for 20 minutes with no errors. Incident resolved.", Milestone::Resolved));
        assert!(none("Most large resolvers answer correctly"));
        assert!(none("rollback is safe, agreed with kavya on the call"));
        assert!(only("`feed_prefetch` set back to 0% for 4.18.0", Milestone::Mitigated));
        assert!(only("A farmer leaves a voicemail on the after-hours line", Milestone::Detected));
        assert!(only("Aroha (duty agronomist) takes it on", Milestone::Responded));
        assert!(only("Dealer account KSM-0442 suspended", Milestone::Mitigated));
        assert!(only("Julien closes the incident", Milestone::Resolved));
        assert!(none("the old bucket, which now holds an empty placeholder"));
        let (strong, all) = milestone_words("alert; rolled back; service restored");
        assert!(all.has(Milestone::Detected) && all.has(Milestone::Mitigated) && all.has(Milestone::Resolved));
        assert!(strong.has(Milestone::Mitigated) && !strong.has(Milestone::Resolved), "restored only hints");
    }

    #[test]
    fn weekdays_before_times_and_four_digit_ranges_move_and_start_entries() {
        // The front matter's date is a Tuesday: "Mon" is the day before, "Thu" two after.
        let text = "---\ndetected: 2025-06-10T06:15:00Z\n---\n## Timeline\n\nAll times UTC.\n\n#### Mon 17:58\n\nGist created.\n\n\
                    #### Tue 06:15\n\nAlert.\n\n#### Thu 09:10\n\nLogs arrive.\n";
        let t = &parse(text)[0];
        let days: Vec<_> = t.entries.iter().filter_map(|e| e.moment).map(|m| m.at.date().day()).collect();
        assert_eq!(days, [9, 10, 12]);
        let text = "## Timeline\n\n| Time (CDT) | What |\n| --- | --- |\n| 2340 | alert pages |\n\
                    | 0010\u{2013}0040 | partitions archived |\n| 0055 | steady |\n";
        let t = &parse(text)[0];
        let times: Vec<_> = t.entries.iter().filter_map(|e| e.moment).map(|m| (m.at.hour(), m.at.minute())).collect();
        assert_eq!(times, [(23, 40), (0, 10), (0, 55)]);
    }

    #[test]
    fn milestones_in_other_words_and_other_languages() {
        let pick = |text: &str| {
            let t = &parse(text)[0];
            let picked = t.milestone_entries();
            Milestone::ALL.map(|m| picked.get(m).map(|e: &TimelineEntry| text[e.head.clone()][..5].to_string()))
        };
        let some = |s: &str| Some(s.to_string());
        // An entry known only from the logs afterwards detects nothing; a supervisor who
        // takes charge responds; a send paused, a page taken offline mitigate.
        let text = "## Timeline\n\n- 22:48 Positions stop updating (from server logs, not noticed at the time).\n\
                    - 23:05 Dispatcher sees stale trucks and rings the supervisor.\n- 23:12 Supervisor takes charge.\n\
                    - 23:20 Email send paused.\n- 03:40 All trucks back, incident closed.\n";
        assert_eq!(pick(text), [some("23:05"), some("23:12"), some("23:20"), some("03:40")]);
        // "Reported to" the regulator is the team reporting, not being told.
        let text = "## Timeline\n\n- 10:14 Email from a patron about another borrower's history.\n\
                    - 10:52 Security acknowledges.\n- 12:05 Export switched off.\n- 13:00 Reported to the data protection authority.\n";
        assert_eq!(pick(text)[0], some("10:14"));
        // Tickets "about failed uploads" are detection; a patched build promised is not a
        // mitigation; traffic routed away is; an alert that pages detects.
        let text = "## Timeline\n\n- 14:20 Uploads start failing.\n- 14:26 Support forwards customer tickets about failed uploads.\n\
                    - 14:40 @ravi picks up the tickets and starts an incident doc.\n- 16:45 Uploads routed away from the full nodes.\n\
                    - 11:15 Vendor promises a patched build.\n- 11:40 Incident resolved.\n";
        assert_eq!(pick(text)[..3], [some("14:26"), some("14:40"), some("16:45")]);
        let text = "## Timeline\n\n- 00:58 The queue-depth alert pages the on-call.\n- 01:04 Acknowledged.\n\
                    - 01:23 The mail provider's volume alert fires.\n";
        assert_eq!(pick(text)[0], some("00:58"));
        // A timeline in Spanish.
        let text = "## Cronología\n\n| Hora | Qué pasó |\n| --- | --- |\n| 09:20 | Primeras llamadas a la mesa de ayuda. |\n\
                    | 09:34 | Jorge toma el ticket. |\n| 10:18 | Reversión a 4.17 terminada. |\n| 14:10 | Todo normal, se cierra el incidente. |\n";
        let t = &parse(text)[0];
        assert!(t.milestones_marked().is_complete());
        assert_eq!(pick(text)[1..], [some("| 09:"), some("| 10:"), some("| 14:")]);
        // A paging tool's log; a patch on staging mitigates nothing, graphs frozen are a
        // symptom.
        let text = "## Timeline\n\n- 14:02 Triggered: reject rate above 5 %.\n- 14:06 Acknowledged by the on-call.\n\
                    - 14:24 Tickets about frozen humidity graphs.\n- 16:05 Patch deployed to staging.\n\
                    - 16:20 Patch deployed to production.\n- 18:20 Incident resolved.\n";
        assert_eq!(pick(text), [some("14:02"), some("14:06"), some("16:20"), some("18:20")]);
        // A workaround in plain words mitigates.
        let text = "## Timeline\n\n| Time | Who | What |\n| --- | --- | --- |\n| 23:05 | Dispatcher | Sees stale trucks. |\n\
                    | 23:12 | Supervisor | Takes charge. |\n| 23:20 | Supervisor | North pit on manual radio dispatch. |\n\
                    | 03:40 | Supervisor | All trucks back, incident closed. |\n";
        assert_eq!(pick(text)[2], some("| 23:"));
        assert_eq!(parse(text)[0].milestone_index(Milestone::Mitigated), Some(2));
        // A timeline in German, its second day in a heading of its own.
        let text = "## Zeitlicher Ablauf\n\nAlle Zeiten in MEZ (Europe/Berlin).\n\n### Dienstag, 4. März 2025\n\n\
                    - 06:40 Uhr – Das Monitoring alarmiert die Rufbereitschaft.\n\
                    - 06:47 Uhr – Die Rufbereitschaft bestätigt den Alarm.\n- 07:30 Uhr – Workaround aktiv.\n\n\
                    ### Mittwoch, 5. März 2025\n\n- 11:30 Uhr – Entwarnung, Incident geschlossen.\n";
        let t = &parse(text)[0];
        assert!(t.milestones_marked().is_complete());
        assert_eq!(t.declared_zone.as_ref().map(|z| z.name.as_str()), Some("Europe/Berlin"));
        let last = t.entries.last().and_then(|e| e.moment).map(|m| m.at.date());
        assert_eq!(last, Some(jiff::civil::date(2025, 3, 5)));
        // A customer phoning support detects; a line restarting, or a return to the old
        // policy, mitigates (not a line that fails again).
        let text = "## Timeline\n\n- 06:40 build starts\n- 07:02 Northgate Vets phones support: no saves\n\
                    - 07:09 on-call acknowledges\n- 07:31 La línea arranca de nuevo\n- 11:05 incident resolved\n";
        assert_eq!(pick(text), [some("07:02"), some("07:09"), some("07:31"), some("11:05")]);
        let text = text.replace("La línea arranca de nuevo", "La línea falla de nuevo");
        assert_eq!(pick(&text)[2], None);
        // A store ringing the support line detects; a replica "mid-restore" is not restored.
        let text = "## Timeline\n\n- 19:35 Newtown store rings the support line: no orders on screen\n\
                    - 19:41 on-call acknowledges\n- 19:50 orders rerouted to the printer\n\
                    - 20:30 export traced to the replica being mid-restore\n";
        assert_eq!(pick(text), [some("19:35"), some("19:41"), some("19:50"), None]);
    }

    #[test]
    fn a_quoted_chat_export_times_at_an_items_end_and_a_zone_in_a_footnote() {
        let at = |t: &Timeline| -> Vec<String> { t.entries.iter().map(|e| e.moment.unwrap().at.to_string()).collect() };
        // A chat export quoted, each line "[DD.MM.YYYY HH:MM:SS] speaker: …"; an alert's own
        // "RESOLVED" is not the incident's end.
        let text = "## Timeline\n\n> [12.11.2025 23:41:07] alertmanager: FIRING DiskLatencyHigh\n\
                    > [13.11.2025 00:06:15] jan.w: disk marked failed, checkout works again\n\
                    > [13.11.2025 00:08:50] alertmanager: RESOLVED DiskLatencyHigh db-ord-3\n\
                    > [13.11.2025 02:31:10] jan.w: closing the incident\n";
        let t = &parse(text)[0];
        assert_eq!(at(t), ["2025-11-12T23:41:07", "2025-11-13T00:06:15", "2025-11-13T00:08:50", "2025-11-13T02:31:10"]);
        assert_eq!(t.milestone_index(Milestone::Resolved), Some(3));
        // A wrapped item's time in brackets at its end; the zone in the note's footnote.
        let text = "## Timeline\n\nEvery time below is local to the terminal.[^tz]\n\n\
                    - A change raising the deck limit is merged; after the\n  refit the limit is 56. (11:05 a.m.)\n\
                    - Sales paused. (12:31 p.m.)\n- The ticket office sees 58 cars\n  on the manifest.\n\n\
                    [^tz]: New Zealand Daylight Time (NZDT), UTC+13.\n";
        let t = &parse(text)[0];
        assert_eq!(
            t.entries.iter().map(|e| e.moment.map(|m| m.at.time().to_string())).collect::<Vec<_>>(),
            [Some("11:05:00".to_string()), Some("12:31:00".to_string()), None]
        );
        assert_eq!(t.zone_offset_minutes(), Some(780));
    }

    #[test]
    fn the_day_of_a_stamp_a_zone_for_the_whole_and_a_start_told_over_two_lines() {
        let at = |t: &Timeline| -> Vec<String> { t.entries.iter().map(|e| e.moment.unwrap().at.to_string()).collect() };
        // The log opens at the time `detected` gives, two days after `started`.
        let text = "---\nstarted: 2025-09-02T14:20:00+05:30\ndetected: 2025-09-04T10:42:00+05:30\n---\n\
                    ## Timeline (IST)\n\n- 10:42 hrs \u{2014} email from a researcher\n- 11:15 hrs \u{2014} access removed\n";
        assert_eq!(at(&parse(text)[0]), ["2025-09-04T10:42:00", "2025-09-04T11:15:00"]);
        // "All times in this debrief": the second timeline's zone too.
        let text =
            "## Timeline: detection\n\nAll times in this debrief are Newfoundland time (NST).\n\n- 06:40 disk full\n\n\
                    ## Who was involved\n\nOn-call.\n\n## Timeline: response\n\n- 07:12 bridge opened\n- 07:44 fixed\n";
        let timelines = parse(text);
        assert_eq!(timelines.len(), 2);
        assert_eq!(timelines[1].zone_offset_minutes(), Some(-210));
        // T+0 stated over two lines: the date on the second continues the sentence.
        let text = "## Timeline\n\nTimes are relative to T+0, the first 502, which was 14:20 UTC on\n\
                    18 September 2025. So T+1:05 means an hour and five minutes later.\n\n\
                    - T+0:00 \u{2014} first 502s\n- T+0:41 \u{2014} switched to the fallback\n";
        assert_eq!(at(&parse(text)[0]), ["2025-09-18T14:20:00", "2025-09-18T15:01:00"]);
        // Detection in the present: a check that pages, staff who notice.
        for said in
            ["the synthetic check fails and pages the web on-call", "weekend staff notice that no mail went out"]
        {
            let text =
                format!("## Timeline (UTC)\n\n- 16:20 job stops\n- 17:05 {said}\n- 17:40 on-call acknowledges\n");
            assert_eq!(parse(&text)[0].milestone_index(Milestone::Detected), Some(1), "{said}");
        }
    }

    #[test]
    fn narrated_paragraphs_day_headings_and_logs_kept_newest_first() {
        let at = |t: &Timeline| -> Vec<String> { t.entries.iter().map(|e| e.moment.unwrap().at.to_string()).collect() };
        // Paragraphs that open on their time; a paragraph that only mentions one is not an entry.
        let text = "---\nstarted: 2025-05-06T13:58:00+03:00\n---\n## Timeline\n\nAt around 13:58 requests began timing out.\n\n\
                    A few minutes later, at 14:11, Wanjiru acknowledged the page.\n\nAround 14:20 support reported failures.\n\n\
                    The pool had been shrunk at 09:00 that morning by a change.\n";
        assert_eq!(at(&parse(text)[0]), ["2025-05-06T13:58:00", "2025-05-06T14:11:00", "2025-05-06T14:20:00"]);
        // "Day 2" and weekday headings move the day on from the front matter's.
        let text = "---\nstarted: 2025-09-15T14:05\n---\n## Timeline\n\n### Day 1 (Monday)\n\n- 17:30 rebalancer restarted\n\n\
                    ### Day 2 (Tuesday)\n\n- 09:05 rebalancer finished\n\n### Wednesday\n\n- 10:00 patched build rolled out\n";
        assert_eq!(at(&parse(text)[0]), ["2025-09-15T17:30:00", "2025-09-16T09:05:00", "2025-09-17T10:00:00"]);
        // Times relative to a stated start; without one they stay untimed.
        let text = "## Timeline\n\nT+0 is 2025-04-02 09:40 UTC, when the page fired.\n\n| T | What |\n| --- | --- |\n\
                    | T-6m | alias switched |\n| T+0 | alert pages the on-call |\n| T+2h10m | fix merged |\n";
        assert_eq!(at(&parse(text)[0]), ["2025-04-02T09:34:00", "2025-04-02T09:40:00", "2025-04-02T11:50:00"]);
        let text = text.replace("T+0 is 2025-04-02 09:40 UTC, when the page fired.", "Times are relative to the page.");
        assert_eq!(at(&parse(&text)[0]), ["2000-01-01T11:54:00", "2000-01-01T12:00:00", "2000-01-01T14:10:00"]);
        // The zone of an incident card above the timeline; a card that names no time, none.
        let card = "| | |\n| --- | --- |\n| **Start time (UTC)** | 08:06 |\n\n## Timeline\n\n- 08:06 lag climbs\n- 08:14 paged\n";
        assert_eq!(parse(card)[0].declared_zone.as_ref().and_then(|z| z.offset_minutes), Some(0));
        let card = card.replace("Start time (UTC)", "Region (EU)");
        assert!(parse(&card)[0].declared_zone.is_none());
        // "14h" among entries written "9h10".
        let text = "## Timeline\n\n- 9h10 rollout live\n- 14h crash spike\n- 14h05 hold called\n";
        assert_eq!(at(&parse(text)[0]), ["2000-01-01T09:10:00", "2000-01-01T14:00:00", "2000-01-01T14:05:00"]);
        // Beside list entries, a paragraph that mentions a time is a note.
        let text = "## Timeline\n\n- 10:00 alert fired\n- 10:20 resolved\n\nThe consumer restarted at 10:10.\n";
        assert_eq!(parse(text)[0].entries.len(), 2);
        // "Most recent update first" in the note: read from the end.
        let text = "## Timeline — Tuesday 11 March 2025\n\nMost recent update first.\n\n- 16:40 all clear\n- 13:52 declared\n- 13:40 reported\n";
        assert_eq!(at(&parse(text)[0]), ["2025-03-11T13:40:00", "2025-03-11T13:52:00", "2025-03-11T16:40:00"]);
    }

    #[test]
    fn milestones_are_picked_in_incident_order() {
        let text = "## Timeline\n\n- 13:55 the change was applied\n- 14:09 the alert fired\n- 14:12 acknowledged and declared\n\
                    - 14:40 rolled back\n- 14:52 service restored\n- 15:10 resolved\n";
        let t = &parse(text)[0];
        let picked = t.milestone_entries();
        let line = |m| picked.get(m).map(|e: &TimelineEntry| &text[e.head.clone()]);
        assert_eq!(line(Milestone::Detected), Some("14:09 the alert fired"));
        assert_eq!(line(Milestone::Responded), Some("14:12 acknowledged and declared"));
        assert_eq!(line(Milestone::Mitigated), Some("14:40 rolled back"));
        assert_eq!(line(Milestone::Resolved), Some("15:10 resolved"));
    }

    #[test]
    fn detection_comes_before_the_response() {
        // An outright word after the response ("reported to the safety system") gives way
        // to a hint before it; a banner "to alert users" detects nothing.
        let text = "## Timeline\n\n- 02:47 nurse calls the pharmacy: the order is still available\n\
                    - 03:20 IT on-call acknowledges\n- 04:50 chain fixed\n- 05:15 near miss closed and reported in the safety system\n";
        let t = &parse(text)[0];
        let line = |m| t.milestone_entries().get(m).map(|e: &TimelineEntry| text[e.head.clone()].to_string());
        assert_eq!(
            line(Milestone::Detected).as_deref(),
            Some("02:47 nurse calls the pharmacy: the order is still available")
        );
        assert!(!milestone_words("Banner is added to the site to alert users of delays").1.has(Milestone::Detected));
    }

    #[test]
    fn mitigation_is_where_the_impact_began_to_ease_even_before_the_outright_fix() {
        let mitigated = |text: &str| {
            let t = &parse(text)[0];
            t.milestone_entries().get(Milestone::Mitigated).map(|e| text[e.head.clone()].to_string())
        };
        let head = "## Timeline\n\n- 09:00 the alert fired\n- 09:05 acknowledged\n";
        // A step that hints at mitigation, then the impact easing, before the rollback.
        let eased = format!("{head}- 09:20 campaign paused; new orders earn points again\n- 10:10 rolled back\n");
        assert_eq!(mitigated(&eased).as_deref(), Some("09:20 campaign paused; new orders earn points again"));
        let hint_then_eased = format!(
            "{head}- 09:20 reads switched over to the replica\n- 09:30 error rate down from 40% to 3%\n- 10:10 rolled back\n"
        );
        assert_eq!(mitigated(&hint_then_eased).as_deref(), Some("09:20 reads switched over to the replica"));
        // A hint with no easing told before the outright step is not the mitigation; nor
        // is an easing told after it.
        let hint_only = format!("{head}- 09:20 timeout raised by hand on one node to test\n- 10:10 rolled back\n- 10:30 errors dropping again\n");
        assert_eq!(mitigated(&hint_only).as_deref(), Some("10:10 rolled back"));
        // Things that did not get better ease nothing.
        let no_better = format!("{head}- 09:20 broker restarted, no change\n- 10:10 rolled back\n");
        assert_eq!(mitigated(&no_better).as_deref(), Some("10:10 rolled back"));
        // Neither a diagnosis nor the response's own entry is where it began to ease.
        let diagnosis = format!(
            "{head}- 09:20 root cause identified: the rate limiter sees one IP\n- 09:40 queue drains, orders flowing again\n- 10:10 rolled back\n"
        );
        assert_eq!(mitigated(&diagnosis).as_deref(), Some("09:40 queue drains, orders flowing again"));
        // "rolled over and all pods are back": no rollback across the conjunction.
        assert!(!rolled_back_apart("All nodes have been rolled over and all pods are back to normal"));
    }

    #[test]
    fn times_and_zones_as_europe_asia_and_the_military_write_them() {
        let at = |t: &Timeline| -> Vec<String> { t.entries.iter().map(|e| e.moment.unwrap().at.to_string()).collect() };
        // Dotted times in a time column, a day and month with dots in a day column, a city
        // that names a zone.
        let text = "---\nstarted: 2025-06-12T13:00:00+03:00\n---\n## Release log\n\n| Day | Time (Helsinki) | What |\n| --- | --- | --- |\n\
                    | Thu 12.6. | 13.30 | go |\n| Thu 12.6. | 14.05 | live |\n| Fri 13.6. | 9.00 | resumed |\n";
        let t = &parse(text)[0];
        assert_eq!(at(t), ["2025-06-12T13:30:00", "2025-06-12T14:05:00", "2025-06-13T09:00:00"]);
        assert_eq!(t.declared_zone.as_ref().map(|z| z.name.as_str()), Some("Europe/Helsinki"));
        // A date and a dotted time with a meridiem in one cell; DD.MM.YYYY in a date column.
        let text = "## Timeline\n\n| When (NZDT) | What |\n| --- | --- |\n| Mon 13 Jan 2025, 9.15pm | rollout |\n| Tue 14 Jan 2025, 12.30am | alert |\n";
        assert_eq!(at(&parse(text)[0]), ["2025-01-13T21:15:00", "2025-01-14T00:30:00"]);
        let text = "## Timeline\n\n| Date | Time | What |\n| --- | --- | --- |\n| 17.02.2025 | 22:40 | calls |\n| 18.02.2025 | 00:25 | fixed |\n";
        assert_eq!(at(&parse(text)[0]), ["2025-02-17T22:40:00", "2025-02-18T00:25:00"]);
        // Lines of a paragraph that start with a dotted time and a meridiem; a dotted date
        // and "kl." before a dotted time in list items, over a later date in the text.
        let text = "## Timeline\n\n6.00am Run starts.\n6.40am Emails go out.\n1.40pm Correction run.\n";
        assert_eq!(at(&parse(text)[0]), ["2000-01-01T06:00:00", "2000-01-01T06:40:00", "2000-01-01T13:40:00"]);
        let text = "## Timeline\n\n- 03.09.2025 kl. 10.14 — report by email\n\
                    - 04.09.2025 kl. 09.10 — analysis done: 11 exports since 2 June\n";
        assert_eq!(at(&parse(text)[0]), ["2025-09-03T10:14:00", "2025-09-04T09:10:00"]);
        // "0640H" starts entries, before any other time in the text; an offset beside an
        // abbreviation says which it is; the day in the heading.
        let text = "## Timeline — Monday, 3 March 2025\n\nAll times are Philippine Standard Time (PST, UTC+8).\n\n\
                    - 0640H – VM migrated\n- 1105H – counters open until 7 PM\n";
        let t = &parse(text)[0];
        assert_eq!(at(t), ["2025-03-03T06:40:00", "2025-03-03T11:05:00"]);
        assert_eq!(t.zone_offset_minutes(), Some(480));
        let text = "---\nstarted: 2025-05-06T15:10:00-05:00\n---\n## Incident timeline\n\n| Time (CT) | Event |\n| --- | --- |\n| 3:12 PM | tiles stop |\n";
        assert_eq!(parse(text)[0].zone().and_then(|z| z.iana_name()), Some("America/Chicago"));
        // Neither a version nor a decimal starts an entry written once; an image is no entry.
        let text =
            "## Timeline\n\n- 10:00 deploy 1.14 started\n- 10:05 error rate 99.8%\n\n![10-31-2021 graph](g.png)\n";
        assert_eq!(at(&parse(text)[0]), ["2000-01-01T10:00:00", "2000-01-01T10:05:00"]);
    }

    #[test]
    fn zones_written_on_every_entry_or_in_a_note_after_them() {
        let at = |t: &Timeline| -> Vec<String> { t.entries.iter().map(|e| e.moment.unwrap().at.to_string()).collect() };
        // ISO 8601 with an offset, in code spans, with and without seconds.
        let text = "## Timeline\n\n- `2025-05-20T09:14-03:00` memory full\n- `2025-05-20T09:40:12-03:00` identified\n";
        let t = &parse(text)[0];
        assert_eq!(at(t), ["2025-05-20T09:14:00", "2025-05-20T09:40:12"]);
        assert_eq!(t.zone().and_then(|z| z.offset_minutes), Some(-180));
        // "0905Z" in a time column: the military mark for UTC.
        let text = "## Timeline\n\n| When | What |\n| --- | --- |\n| 0905Z | push |\n| 0948Z | reports |\n";
        let t = &parse(text)[0];
        assert_eq!(at(t), ["2000-01-01T09:05:00", "2000-01-01T09:48:00"]);
        assert_eq!(t.zone().and_then(|z| z.offset_minutes), Some(0));
        // A note after the entries that says which zone the times are in declares it; a
        // zone in passing there does not.
        let text = "## Timeline\n\nAt 13:51 the build rolled out.\n\nAt 14:02 the check failed.\n\n_All times above are IST (UTC+05:30)._\n";
        assert_eq!(parse(text)[0].declared_zone.as_ref().and_then(|z| z.offset_minutes), Some(330));
        let text = "## Timeline\n\n- 13:51 the build rolled out\n- 14:02 the check failed\n\nThe vendor replied at 09:00 PST the next day.\n";
        assert!(parse(text)[0].declared_zone.is_none());
        // A day and month with no year before the time, day first as the entries show
        // ("14/03" can only be); "T0 = 14:00 UTC on Thursday 12 June 2025" anchors T+ times.
        let text = "---\ndetected: 2025-03-14T22:10Z\n---\n## Timeline\n\n- **Fri 14/03 21:37** — key printed\n\
                    - **Mon 17/03 09:30** — customers told\n- **Tue 01/04 09:00** — old keys revoked\n";
        assert_eq!(at(&parse(text)[0]), ["2025-03-14T21:37:00", "2025-03-17T09:30:00", "2025-04-01T09:00:00"]);
        let text = "## Timeline\n\nT0 = 14:00 UTC on Thursday 12 June 2025.\n\n- T+0m — rollout begins\n- T+1h05m — pool scaled\n";
        assert_eq!(at(&parse(text)[0]), ["2025-06-12T14:00:00", "2025-06-12T15:05:00"]);
        // "Timeline (Eastern)": the US region alone in brackets.
        let text = "## Timeline (Eastern)\n\nWednesday, November 5, 2025\n\n- 8:50 a.m. batch\n- 9.30am ticket\n";
        let t = &parse(text)[0];
        assert_eq!(at(t), ["2025-11-05T08:50:00", "2025-11-05T09:30:00"], "a dotted time alone, with a meridiem");
        assert_eq!(t.zone_offset_minutes(), Some(-300));
        // An offset alone after the time, as a paging tool prints it; a dash before a time
        // still ends a range.
        let text =
            "## Timeline\n\n| Timestamp | Activity |\n| --- | --- |\n| 02 Oct 2025 13:41 +0545 | scan flags a key |\n\
                    | 02 Oct 2025 13:42 +0545 | paged |\n";
        assert_eq!(parse(text)[0].zone_offset_minutes(), Some(345));
        assert_eq!(parse(&text.replace("+0545", "+05:45"))[0].zone_offset_minutes(), Some(345));
        let text = "## Timeline\n\n- 09:10 -09:25 builds queued\n- 09:40 -0800 cleared\n";
        let t = &parse(text)[0];
        assert_eq!(t.entries[0].time.as_ref().and_then(|t| t.zone.clone()), None);
        assert_eq!(t.entries[1].time.as_ref().and_then(|t| t.zone.as_ref()?.offset_minutes), Some(-480));
        // The incident card's date row dates the entries, as front matter would; a review's
        // date does not.
        let card = |label: &str| {
            format!("| Field | Value |\n| --- | --- |\n| {label} | 2025-04-22 |\n\n## Timeline\n\n- 13:05 deploy\n- 13:09 alert\n")
        };
        assert_eq!(at(&parse(&card("Incident date"))[0])[0], "2025-04-22T13:05:00");
        assert_eq!(at(&parse(&card("Review date"))[0])[0], "2000-01-01T13:05:00");
        let line = "# D\n\n**Incident date:** 2025-04-08\n**Review held:** 2025-04-10\n\n## Timeline\n\n- 13:40 swap\n- 13:52 paged\n";
        assert_eq!(at(&parse(line)[0])[0], "2025-04-08T13:40:00");
        let line =
            "# D\n\n* Date and time: January 02, 2020\n\n## Timeline\n\n- Nov 13th first seen\n- Nov 19th confirmed\n";
        assert!(parse(line)[0].entries.iter().all(|e| e.moment.is_none_or(|m| !m.dated || m.at.year() != 2020)));
        // German headers: a date column and a time column written with a dot.
        let text = "## Zeitablauf\n\n| Datum | Uhrzeit (MEZ) | Ereignis |\n| --- | --- | --- |\n\
                    | 13.11.2025 | 16.20 | Lohnlauf gestartet |\n| 14.11.2025 | 08.15 | Datei übertragen |\n";
        assert_eq!(at(&parse(text)[0]), ["2025-11-13T16:20:00", "2025-11-14T08:15:00"]);
    }

    #[test]
    fn relative_clock_offsets_collapsed_timelines_and_zones_named_in_other_places() {
        let at = |t: &Timeline| -> Vec<String> { t.entries.iter().map(|e| e.moment.unwrap().at.to_string()).collect() };
        // "T+1:52" is hours and minutes, bold or not; "T is …" states the start.
        let text = "## Timeline\n\nT is the first alarm, at 21:47 UTC on 14 October 2025.\n\n\
                    - **T-0:06** — last frame\n- **T+0:00** — alarm\n- **T+2:20** — link up\n";
        assert_eq!(at(&parse(text)[0]), ["2025-10-14T21:41:00", "2025-10-14T21:47:00", "2025-10-15T00:07:00"]);
        // Not a start: "T is" inside a word, nor a clock with one digit of minutes.
        let text = "## Timeline\n\nThe LIST is long.\n\n- T+0:00 — alarm\n- T+0:05 — paged\n";
        assert_eq!(at(&parse(text)[0]), ["2000-01-01T12:00:00", "2000-01-01T12:05:00"]);
        assert_eq!(relative_offset("T+1:5 x"), None);
        // A collapsed timeline's summary says its zone; so does a French heading, and a
        // "Timezone" line above the timeline.
        let text = "## Timeline\n\n<details>\n<summary>All times Mountain Standard Time (MST)</summary>\n\n\
                    - 8:30 a.m. — lifts open\n- 8:41 a.m. — operator radios\n\n</details>\n";
        assert!(parse(text)[0].declared_zone.is_some());
        let text = "## Chronologie (heure de Paris)\n\n- 9h40 — mise en production\n- 10h02 — paiements refusés\n";
        assert_eq!(parse(text)[0].declared_zone.as_ref().map(|z| z.name.as_str()), Some("Europe/Paris"));
        let text = "# R\n\n**Incident date:** 18 March 2025\n**Timezone for this report:** UTC\n\n## Timeline\n\n\
                    - 06:40 build starts\n- 07:02 clinic phones support\n";
        assert!(parse(text)[0].zone_offset_minutes() == Some(0));
        assert!(parse(&text.replace("Timezone for this report", "Written on"))[0].zone_offset_minutes().is_none());
    }

    #[test]
    fn offsets_after_dated_times_dotted_clocks_after_dates_and_cards_in_prose() {
        let at = |t: &Timeline| -> Vec<String> { t.entries.iter().map(|e| e.moment.unwrap().at.to_string()).collect() };
        // "### 2025-11-18 22:00 +08:00": the offset after a dated time is its zone.
        let text =
            "## Timeline\n\n### 2025-11-18 22:00 +08:00\n\nCanary starts.\n\n### 2025-11-18 22:25 +08:00\n\nPaged.\n";
        let t = &parse(text)[0];
        assert_eq!(t.entries[0].time.as_ref().and_then(|t| t.zone.as_ref()?.offset_minutes), Some(480));
        // "### Mon 9 June, 9.40am": a dotted clock with its meridiem after a date (not "9.40" alone).
        let text = "## Timeline\n\n### Mon 9 June, 9.40am\n\nSpots it.\n\n### Mon 9 June, 2.15pm\n\nPicks it up.\n";
        assert_eq!(at(&parse(text)[0]), ["2000-06-09T09:40:00", "2000-06-09T14:15:00"]);
        assert!(crate::times::find_first("version 9.40 shipped").is_none_or(|t| t.time.is_none()));
        // "**Tue 21.01.2025**" sets the day of the entries under it.
        let text = "## Timeline\n\n**Tue 21.01.2025**\n\n- `14:05` drop\n- `16:40` patrols\n\n**Wed 22.01.2025**\n\n- `09:30` back\n";
        assert_eq!(at(&parse(text)[0]), ["2025-01-21T14:05:00", "2025-01-21T16:40:00", "2025-01-22T09:30:00"]);
        // An issue tracker's "14/Apr/25 8:40 AM".
        let text = "## Timeline\n\n| When | What |\n| --- | --- |\n| 14/Apr/25 8:40 AM | rejected |\n| 15/Apr/25 9:12 AM | ticket |\n";
        assert_eq!(at(&parse(text)[0]), ["2025-04-14T08:40:00", "2025-04-15T09:12:00"]);
        // The card above the timeline: "**Date:**" and "All times are Irish time (IST, UTC+1)."
        let text = "# R\n\n**Date:** Tuesday 7 October 2025\n\nAll times are Irish time (IST, UTC+1).\n\n## Summary\n\nRoutes empty.\n\n\
                    ## Timeline\n\n| Time | Event |\n| --- | --- |\n| 05:10 | run starts |\n| 05:48 | depot rings the on-call number |\n";
        let t = &parse(text)[0];
        assert_eq!(at(t)[0], "2025-10-07T05:10:00");
        assert_eq!(t.zone_offset_minutes(), Some(60));
        assert_eq!(t.milestone_entries().get(Milestone::Detected).map(|e| e.head.start), Some(t.entries[1].head.start));
    }

    #[test]
    fn logs_pasted_newest_first_chat_exports_and_placeholders_that_open_an_entry() {
        let at = |t: &Timeline| -> Vec<String> { t.entries.iter().map(|e| e.moment.unwrap().at.to_string()).collect() };
        // Every entry dated in full, each no later than the one above: a log kept newest first.
        let text = "## Timeline\n\n- **2025-08-19 16:42** resolved\n- **2025-08-19 07:20** rolled back\n\
                    - **2025-08-18 22:19** incident created\n";
        assert_eq!(at(&parse(text)[0]), ["2025-08-18T22:19:00", "2025-08-19T07:20:00", "2025-08-19T16:42:00"]);
        // One entry out of place is not a reversed log.
        let text = text.replace("2025-08-18 22:19", "2025-08-19 18:00");
        assert_eq!(at(&parse(&text)[0])[0], "2025-08-19T16:42:00");
        // A chat export: the speaker in bold and the time on one line, the message below.
        let text = "## Timeline\n\n**PagerBot** APP 11:41 PM\nFIRING bid-ws p99\n\n\
                    **Marta Quintero** 11:44 PM\nack, I've got it\n\n**Jonas** 11:58 PM\nscaled to 10\n";
        assert_eq!(at(&parse(text)[0]), ["2000-01-01T23:41:00", "2000-01-01T23:44:00", "2000-01-01T23:58:00"]);
        // A template's "HH:MM" where the time goes: a placeholder, whatever time the text names.
        let text = "## Timeline\n\n- 23:05 UTC — support called\n\
                    - HH:MM UTC / HH:MM ET — _(fill in: when did refunds start after the 7 PM show?)_\n- 23:34 UTC — keys found\n";
        let t = &parse(text)[0];
        assert!(t.entries[1].time.is_none() && t.entries[1].placeholder);
    }

    #[test]
    fn bold_labels_headerless_tables_weekdays_without_dates_and_asides() {
        let at = |t: &Timeline| -> Vec<String> {
            t.entries.iter().map(|e| e.moment.map_or("none".into(), |m| m.at.to_string())).collect()
        };
        // Paragraphs that open on a bold label with its time, under any heading; a label
        // without a time is an entry with no time.
        let text = "# D\n\n## What happened\n\n**Start (08:40):** The warm-up job fails.\n\n**Detection (09:14):** A lead messages the desk.\n\n\
                    **Mitigation (10:05):** Job re-run by hand.\n\n**Resolution:** Config changed; incident closed.\n";
        let t = &parse(text)[0];
        assert_eq!(at(t), ["2000-01-01T08:40:00", "2000-01-01T09:14:00", "2000-01-01T10:05:00", "none"]);
        // A table whose first row is an entry, not a header.
        let text = "## Timeline (all times UTC)\n\n| 13:00 | Release cut |\n| --- | --- |\n| 13:40 | Canary staged |\n";
        assert_eq!(at(&parse(text)[0]), ["2000-01-01T13:00:00", "2000-01-01T13:40:00"]);
        // With no date anywhere, weekdays still count the days from the first one.
        let text = "## Timeline\n\nAll times CET.\n\n- Sat 08:50 — API returns 503\n- Sun 10:00 — disk checked\n- Mon 14:00 — closed\n";
        assert_eq!(at(&parse(text)[0]), ["2000-01-01T08:50:00", "2000-01-02T10:00:00", "2000-01-03T14:00:00"]);
        // A date in brackets in a note is an aside, not the day of the entries.
        let text = "---\nstarted: 2025-11-03T07:00:00-08:00\n---\n## Timeline\n\nPacific time (clocks went back on Sunday 2 November).\n\n- 7:00 AM — batch sends\n";
        assert_eq!(at(&parse(text)[0]), ["2025-11-03T07:00:00"]);
        // "Key moments" is a timeline's heading.
        assert_eq!(parse("## Key moments\n\n- 10:00 alert fired\n- 10:05 acknowledged\n").len(), 1);
        // An empty header row: the first row shows the date's column and the time's.
        let text =
            "## Timeline\n\nAll times CET.\n\n|  |  |  |\n| --- | --- | --- |\n| 03.02.2026 | 23:40 | import ends |\n\
                    | 04.02.2026 | 00:15 | displays wrong |\n";
        assert_eq!(at(&parse(text)[0]), ["2026-02-03T23:40:00", "2026-02-04T00:15:00"]);
        // "T+15" with no unit counts minutes, as "T+15m" does.
        let text = "## Timeline\n\nT+0 is 2026-03-01 18:00 UTC.\n\n- T+0 — doors open\n- T+15 — queue on\n- T+1h05 — queue empty\n";
        assert_eq!(at(&parse(text)[0]), ["2026-03-01T18:00:00", "2026-03-01T18:15:00", "2026-03-01T19:05:00"]);
    }

    #[test]
    fn dotted_dates_in_headings_german_zones_and_offsets_named_in_passing() {
        let at = |t: &Timeline| -> Vec<String> { t.entries.iter().map(|e| e.moment.unwrap().at.to_string()).collect() };
        let text = "## Timeline\n\nTimes are plant time in Eisenach (MEZ).\n\n### Thursday, 27.03.2025\n\n- 05:40 Uhr — reboot\n- 06:11 Uhr — hotline called\n";
        let t = &parse(text)[0];
        assert_eq!(at(t), ["2025-03-27T05:40:00", "2025-03-27T06:11:00"]);
        assert_eq!(t.zone_offset_minutes(), Some(60));
        // "with their UTC offsets" declares no UTC: each entry's own offset stands.
        let text = "## Timeline\n\nTimestamps are copied from the logs, with their UTC offsets.\n\n\
                    - `2025-03-15T01:10-02:30` — certificate live\n- `2025-03-15T02:47-02:30` — nurse finds it\n";
        let t = &parse(text)[0];
        assert_eq!(at(t), ["2025-03-15T01:10:00", "2025-03-15T02:47:00"]);
        assert_eq!(t.zone().and_then(|z| z.offset_minutes), Some(-150));
        // A date, then a dotted time with a meridiem.
        let text = "## Timeline\n\n- **Tue 3rd June 2025, 9.15am** – email opened\n- **Tue 3rd June 2025, 11.20am** – donors phone the office\n";
        assert_eq!(at(&parse(text)[0]), ["2025-06-03T09:15:00", "2025-06-03T11:20:00"]);
    }

    #[test]
    fn yearless_month_day_dates_in_a_date_column_and_in_timed_headings() {
        let at = |t: &Timeline| -> Vec<String> { t.entries.iter().map(|e| e.moment.unwrap().at.to_string()).collect() };
        // "Thu 10/16" in a Date column: month first, as 10/16 can only be read.
        let text = "---\nstarted: 2025-10-16T09:00:00-05:00\n---\n## Timeline\n\n| Date | Time (CT) | Event |\n| --- | --- | --- |\n\
                    | Thu 10/16 | 9:00 AM | rollout starts |\n| Fri 10/17 | 10:00 AM | promotion |\n| Sat 10/18 | 12:40 PM | alert fires |\n";
        assert_eq!(at(&parse(text)[0]), ["2025-10-16T09:00:00", "2025-10-17T10:00:00", "2025-10-18T12:40:00"]);
        // A comma or a tilde between the heading's date and its time.
        let text = "---\nstarted: 2025-05-24T06:45:00-07:00\n---\n## Timeline\n\n### Thu 5/22, 9:30 PM\n\n- vessel swapped\n\n\
                    ### Fri 5/23, ~6:40 PM\n\n- bookings pass 64\n\n### Sat 5/24, 6:45 AM\n\n- boarding starts\n";
        assert_eq!(at(&parse(text)[0]), ["2025-05-22T21:30:00", "2025-05-23T18:40:00", "2025-05-24T06:45:00"]);
        // No year but the debrief's: its year, or the one before for a later day.
        let text = "---\ndebriefed: 2025-11-18\n---\n## Timeline\n\n- Mon 10 Nov 16:05 — deployed\n- Tue 11 Nov 12:10 — rolled back\n";
        assert_eq!(at(&parse(text)[0]), ["2025-11-10T16:05:00", "2025-11-11T12:10:00"]);
        let text = "---\ndebriefed: 2026-01-08\n---\n## Timeline\n\n- Tue 30 Dec 16:05 — deployed\n- Fri 2 Jan 12:10 — rolled back\n";
        assert_eq!(at(&parse(text)[0]), ["2025-12-30T16:05:00", "2026-01-02T12:10:00"]);
    }

    #[test]
    fn list_items_that_name_a_day_set_it_for_the_items_under_them() {
        let at = |t: &Timeline| -> Vec<String> { t.entries.iter().map(|e| e.moment.unwrap().at.to_string()).collect() };
        let text = "---\nstarted: 2025-03-04\n---\n## Timeline\n\n- Tue 4 Mar\n  - 16.40 – config shipped\n  - 17.25 – customers write to support\n\
                    - Wed 5 Mar\n  - 08.55 – Aino picks it up\n  - 09.40 – config reverted\n";
        let t = &parse(text)[0];
        assert_eq!(at(t), ["2025-03-04T16:40:00", "2025-03-04T17:25:00", "2025-03-05T08:55:00", "2025-03-05T09:40:00"]);
        // An item with a time over detail items stays one entry with its detail.
        let text = "## Timeline\n\n- 10:00 deploy\n  - web-1\n  - web-2\n- 10:05 alert fired\n";
        assert_eq!(at(&parse(text)[0]), ["2000-01-01T10:00:00", "2000-01-01T10:05:00"]);
    }

    #[test]
    fn a_section_whose_sub_headings_are_times_is_the_timeline() {
        let text =
            "# Debrief\n\n## Summary\n\nx\n\n## What happened, minute by minute\n\n#### 19h47\nfirst failure\n\n\
                    #### 19h58\nalert fires\n\n#### 20h03\nacknowledged\n\n## What we'll change\n\n- add an alert\n";
        let t = &parse(text);
        assert_eq!(t.len(), 1);
        assert_eq!(&text[t[0].heading.clone()], "## What happened, minute by minute");
        assert_eq!(t[0].entries.len(), 3);
        // Not when a heading names the timeline, nor for headings that are not times.
        let text = "## Timeline\n\n- 10:00 x\n\n## Notes\n\n### 10:05\n\n### 10:10\n\n### 10:15\n";
        assert_eq!(parse(text).len(), 1);
    }

    #[test]
    fn tables_day_headings_and_lines() {
        let text = "## Timeline\n\n| Time (CET) | Event |\n|---|---|\n| 2019-12-04 00:30 | deleted |\n| 2019-12-04 00:35 | marked |\n";
        let t = &parse(text)[0];
        assert_eq!(t.entries.len(), 2);
        assert_eq!(t.declared_zone.as_ref().map(|z| z.name.as_str()), Some("CET"));
        assert_eq!(t.entries[0].shape, EntryShape::TableRow);

        let text = "## Timeline\n\n### 2026-03-01\n\n- 23:00 paged\n\n### 2026-03-02\n\n- 01:00 resolved\n";
        let t = &parse(text)[0];
        let at: Vec<String> = t.entries.iter().map(|e| e.moment.unwrap().at.to_string()).collect();
        assert_eq!(at, ["2026-03-01T23:00:00", "2026-03-02T01:00:00"]);

        let text = "## Timeline\n\n2018-08-22, 03:26pm: first noticed that it\nwas giving an error.\n\n2018-08-22, 04:12pm: first check.\n";
        let t = &parse(text)[0];
        assert_eq!(t.entries.len(), 2);
        assert_eq!(t.entries[0].shape, EntryShape::Line);
        assert!(t.entries[0].range.end > t.entries[0].head.end || text[t.entries[0].range.clone()].contains("error"));
    }

    #[test]
    fn one_heading_per_entry_with_the_text_under_it() {
        let text = "# Incident\n\n## Timeline (UTC)\n\n### 14:07\n\nThe disk alert fired.\n\n- nobody was paged\n- 99% full\n\n\
                    ### 3:12 PM\n\nThe incident was declared.\n\n#### Tue 16:15 UTC\n\nRolled back; service restored.\n\n## Impact\n\nSome.\n";
        let t = &parse(text)[0];
        let times: Vec<String> = t.entries.iter().map(|e| e.moment.unwrap().at.time().to_string()).collect();
        assert_eq!(times, ["14:07:00", "15:12:00", "16:15:00"]);
        assert!(t.entries.iter().all(|e| e.shape == EntryShape::Heading));
        assert!(text[t.entries[0].range.clone()].contains("99% full"), "the bullets belong to the heading");
        assert!(t.entries[0].milestones(text).has(Milestone::Detected));
        assert!(t.entries[1].milestones(text).has(Milestone::Responded));
        assert!(t.entries[2].milestones(text).has(Milestone::Resolved));
        assert!(!text[t.entries[2].range.clone()].contains("Impact"));
        // "### 0902": four digits are a time when two headings or more are written so; a
        // year alone ("### 2019") is not an entry.
        let text = "## Timeline\n\n### 0902\n\nTickets blank.\n\n### 1140\n\nBack to normal.\n";
        let times: Vec<String> =
            parse(text)[0].entries.iter().map(|e| e.moment.unwrap().at.time().to_string()).collect();
        assert_eq!(times, ["09:02:00", "11:40:00"]);
        let text = "## Timeline\n\n### 2019\n\n- 09:02 tickets blank\n- 11:40 back to normal\n";
        assert_eq!(parse(text)[0].entries.len(), 2);
        // A date, then a hedged time: "between 21:40 and 22:05", "around 14:00".
        let text = "## Timeline\n\n### Tue 11 Feb 2025, between 21:40 and 22:05 · Contained\n\nLogging off.\n\n\
                    ### Wed 12 Feb 2025, around 14:00 · Closed\n\nLogs reviewed.\n";
        let at: Vec<String> = parse(text)[0].entries.iter().map(|e| e.moment.unwrap().at.to_string()).collect();
        assert_eq!(at, ["2025-02-11T21:40:00", "2025-02-12T14:00:00"]);
    }

    #[test]
    fn placeholders_and_missing_times() {
        let text = "## Timeline\n\n- HH:MM Detected:\n- the team talked\n";
        let t = &parse(text)[0];
        assert!(t.entries[0].placeholder);
        assert!(t.entries[1].time.is_none() && !t.entries[1].placeholder);
    }

    #[test]
    fn bold_label_timelines() {
        let text = "# Incident on 2020-02-12\n\n- **Key events**\n  - Fault occurs 2020-02-12 11:45\n  - Incident declared 2020-02-12 11:51\n  - Resolved 2020-02-12 12:07\n\n- **Time to repair**: 0h 16m\n";
        let t = &parse(text)[0];
        assert_eq!(t.entries.len(), 3);
        assert!(t.entries.iter().all(|e| e.moment.is_some_and(|m| m.has_time)));
    }
}
