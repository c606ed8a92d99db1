//! `blame-named-person`: a named person (or "he"/"she", or an @handle) as the one who
//! broke, caused or missed something.
//!
//! The finding is a person plus a harmful act or an omission, in whatever shape the
//! sentence takes: the person as the subject ("Ngozi took the primary down"), as the
//! owner of the subject ("Akosua's migration locked the table"), as the agent of a
//! passive ("the warning was ignored by Bartek"), or singled out by a cleft ("It was Ines
//! who merged it"). What counts as harm is in the tables below, one per kind of act.

use crate::config::RuleLevel;
use crate::grammar::{self, Token, Who};
use crate::lexicon::{PersonKind, SECRETS};
use crate::rules::{no_check, reframe, Context, PhraseHit, Report, Rule, RuleDocs, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "blame-named-person",
        default_level: RuleLevel::Warning,
        summary: "A named person as the one who broke, caused or missed something",
        docs: RuleDocs {
            what: "A person named (or \"he\"/\"she\", or an @handle) as the one who did harm or left something \
                   undone — \"Dana broke the deploy\", \"Ngozi took the primary down\", \"Ravi did not test the \
                   migration\", \"Akosua's migration locked the table\", \"the warning was ignored by Bartek\", \"It \
                   was Ines who merged it\", \"it was Dana's mistake\". Names in a neutral role (\"Tom rolled back the \
                   deploy at 14:20\") are not flagged, and neither are products named like people (\"Jenkins deleted \
                   the workspace\"): the document's own use of a word tells a person from a service. People a \
                   chat writes in lowercase count when the document shows them as people (\"jaro-k deleted the \
                   snapshot\" after \"@jaro-k\", or a chat line's speaker), and a passive of any verb counts \
                   when its clause says the act was wrong or did harm (\"the notice was archived unread by Amaia\"). \
                   A change a named person made counts as the subject of whatever it did to a system, whatever the \
                   verb (\"Bjørn's rulechange blocks the port the historian uses\"), unless it merely went out or \
                   made things better (\"Priya's restore script worked the first time\").",
            why:
                "Naming the person who \"caused\" an incident turns a debrief into a verdict. Everyone reading learns \
                  that being near a failure is dangerous, so the next debrief hears less. The same action by anyone \
                  in the same conditions would have had the same result: the conditions are what the team can change.",
            flagged: &[
                "Dana broke the deploy pipeline on Friday.",
                "Tom missed the page at 03:00.",
                "It was Dana's mistake.",
                "He caused the outage by running the script against production.",
                "@priya accidentally deleted the staging volume.",
                "Ngozi took the primary down during the resize.",
                "Akosua's migration locked the orders table.",
                "The disk warning was ignored by Bartek.",
                "It was Ines who merged the change.",
                "Ravi did not test the rollback.",
                "The migration that Hamid wrote locked the orders table.",
                "Because Pedro changed the timeout to one second, requests started failing.",
                "The root of the problem was Arjun's decision to bypass the lock.",
                "Matías deployed on a Friday evening against the change freeze.",
                "Keoni was the one who approved the change without review.",
                "Pablo's migration held a lock on the orders table.",
                "The queue backed up because of Imran's change to the retry policy.",
                "Rawiri pasted the live connection string into the test config, so the run wrote fake bookings.",
                "Killa shipped 4.2 knowing that the parser had an open bug.",
                "Padraig's change in August is what turned the variance check into a warning.",
                "Sipho cleared the alarm without reporting it to the shift boss.",
            ],
            fine: &[
                "Tom rolled back the deploy at 14:20.",
                "Dana noticed the alert and paged the database team.",
                "The config change caused the outage.",
                "The on-call engineer missed the page because it was routed to the old rotation.",
                "The HTTP 500 error rate rose to 4 %.",
                "Dana is responsible for the on-call rotation schedule.",
                "Jenkins deleted the workspace before the build finished.",
                "It was Ines who spotted the spike.",
                "Dana did not notice the alert: it looked like the daily flapping one.",
                "The runbook Anjali wrote helped us recover.",
                "Because Pedro was on call, he joined the bridge.",
                "Keoni was the one who rolled back the deploy.",
                "Argo applied the wrong manifest during the sync window.",
                "Dana rolled back the deploy, so errors dropped within a minute.",
                "Priya's restore script from the last drill worked the first time.",
                "Ji-hoon paused Dana's retry script at 01:26.",
            ],
            reframe: "Name the role, not the person (\"the on-call engineer\"), and describe the action and the \
                      conditions around it: what they saw, what they were told, what the tooling allowed.",
            fix: "\"Dana\" → \"the on-call engineer\" (unsafe: check the role is right); \"Dana's change\" → \"the \
                  change\".",
        },
    },
    triggers: TRIGGERS,
    on_phrase,
    check: no_check,
};

/// What makes a clause about harm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Harm {
    /// Harm whatever was acted on: "broke", "ignored", "wiped", "misconfigured".
    Act,
    /// Harm to data or a running system: "deleted the table", "dropped the index" (not
    /// "deleted the stuck pods", which is how incidents are mitigated).
    Destroy,
    /// Switching off a safeguard: "disabled the alert", "turned off the checks".
    Safeguard,
    /// A neutral act made harmful by what it acted on or how: "pushed a bad config",
    /// "applied the wrong manifest", "merged it without review".
    Wrongly,
    /// An omission of a duty: "did not test", "never checked", "failed to update".
    Omission,
    /// Harm with a particle after the object: "took the primary down".
    Down,
    /// "left the cluster in a broken state".
    Left,
    /// Naming the person as the cause: "caused the outage", "was responsible for the outage".
    Cause,
    /// "accidentally", "mistakenly": whatever follows was a slip.
    Accident,
    /// A noun of fault after a possessive: "Dana's mistake", "his fault".
    Fault,
    /// "it was Ines who …".
    Cleft,
    /// "Ines was the one who …": the person before, the act after.
    OneWho,
    /// "the blame lies with Farid": the person after.
    LiesWith,
    /// "decided to skip the canary": a choice whose act is harm in itself.
    Chose,
    /// What a person's act went on to do, in a participle after a comma: "Ravi ran the
    /// backfill twice, duplicating every order".
    Ensuing,
    /// Undoing a repair or bringing back what broke: "reverted the fix", "re-enabled the
    /// flag that caused the crash".
    Undo,
    /// A word that makes a neutral act harm ("a *bad* config", "*without* review", "*to
    /// prod*"): the act is found before it in the clause (see [`WRONGLY`]).
    Mark,
    /// What a change does to a system: harm when the change is a person's ("Akosua's
    /// migration locked the table"), not when a person does it ("Dana froze the deploys").
    Through,
    /// A person's choice after a possessive: "Arjun's decision to bypass the lock".
    Decision,
    /// A clause of reason or time whose subject's act the other clause says did harm:
    /// "Because Pedro changed the timeout, requests started failing".
    Reason,
    /// A clause of consequence after a person's act: "Rawiri pasted the production string
    /// into the test config, *so* the test run wrote fake bookings into production".
    Consequence,
    /// A passive's agent, whatever the verb, when its clause says the act did harm or was
    /// done wrongly: "was copy-pasted *by* Ferreira from the staging folder, so …", "was
    /// left unsigned *by* Farhana".
    Agent,
    /// A change a named person made, as the subject of whatever it did to a system:
    /// "Bjørn's rulechange removes the port opening", "Deshawn Carter's change to the
    /// failover script left the standby pointed at an old database" (see [`owned_change`]).
    Owned,
}

use Harm::{
    Accident, Act, Agent, Cause, Chose, Cleft, Consequence, Decision, Destroy, Down, Ensuing, Fault, Left, LiesWith,
    Mark, Omission, OneWho, Owned, Reason, Safeguard, Through, Undo, Wrongly,
};

/// Each trigger and what it says; the verbs in the forms a person's act takes (past
/// tense, and the participle for passives: "was ignored by Bartek").
const HARMS: &[(&str, Harm)] = &[
    ("by", Agent),
    ("broke", Act),
    ("bricked", Act),
    ("ignored", Act),
    ("skipped", Act),
    ("forgot", Act),
    ("forgotten", Act),
    ("missed", Act),
    ("overlooked", Act),
    ("botched", Act),
    ("waved through", Act),
    // A warning dismissed: "waved off the reboots as a known flake".
    ("waved off", Act),
    ("brushed off", Act),
    ("shrugged off", Act),
    ("waved it through", Act),
    ("messed up", Act),
    ("screwed up", Act),
    ("misconfigured", Act),
    ("mis-configured", Act),
    ("fat-fingered", Act),
    ("fat fingered", Act),
    ("mistyped", Act),
    ("clobbered", Act),
    ("nuked", Act),
    ("trashed", Act),
    ("corrupted", Act),
    ("overwrote", Act),
    ("overwritten", Act),
    ("force-pushed", Act),
    ("force pushed", Act),
    ("blew away", Act),
    ("disregarded", Act),
    ("bypassed", Act),
    ("overrode", Safeguard),
    ("overrides", Safeguard),
    ("overridden", Safeguard),
    ("circumvented", Act),
    ("dismissed", Act),
    ("misread", Act),
    ("misjudged", Act),
    ("mislabelled", Act),
    ("mislabeled", Act),
    ("mishandled", Act),
    ("neglected", Act),
    ("wiped", Act),
    ("leaked", Act),
    ("deleted", Destroy),
    ("deletes", Destroy),
    ("drops", Destroy),
    ("truncates", Destroy),
    ("wipes", Act),
    // The present of timeline rows: "16:40 @lachie misses the page".
    ("misses", Act),
    ("forgets", Act),
    ("overlooks", Act),
    ("misconfigures", Act),
    ("bypasses", Act),
    ("removes", Destroy),
    ("purges", Destroy),
    ("kills", Destroy),
    ("terminates", Destroy),
    ("turns off", Safeguard),
    ("switches off", Safeguard),
    ("causes", Cause),
    ("forgets to", Omission),
    ("fails to", Omission),
    ("neglects to", Omission),
    ("does not", Omission),
    ("doesn't", Omission),
    ("takes", Down),
    ("brings", Down),
    ("leaves", Left),
    ("duplicated", Through),
    ("double-counted", Through),
    ("ignores", Act),
    ("dismisses", Act),
    ("rubber-stamped", Act),
    ("rubber-stamps", Act),
    ("mis-set", Act),
    ("misset", Act),
    ("disregards", Act),
    ("fat-fingers", Act),
    ("mistypes", Act),
    ("misreads", Act),
    ("force-pushes", Act),
    ("clobbers", Act),
    ("corrupts", Act),
    ("nukes", Act),
    ("erases", Destroy),
    ("destroys", Destroy),
    ("snoozes", Safeguard),
    ("comments out", Safeguard),
    // Hard-coding a value is told as the fault it became: "Jiří hard-coded the old API
    // version in the controller".
    ("hard-coded", Act),
    ("hardcoded", Act),
    ("hard coded", Act),
    ("hard-codes", Act),
    ("hardcodes", Act),
    ("skips", Act),
    ("breaks", Act),
    ("overwrites", Act),
    ("dropped", Destroy),
    // "reset the plate-ID sequence on the primary" (not "reset the password").
    ("reset", Destroy),
    ("removed", Destroy),
    ("truncated", Destroy),
    ("purged", Destroy),
    ("destroyed", Destroy),
    ("erased", Destroy),
    ("killed", Destroy),
    ("terminated", Destroy),
    ("shut down", Destroy),
    ("tore down", Destroy),
    ("disabled", Safeguard),
    ("disables", Safeguard),
    ("deactivated", Safeguard),
    ("deactivates", Safeguard),
    ("silences", Safeguard),
    ("mutes", Safeguard),
    ("turned off", Safeguard),
    ("switched off", Safeguard),
    ("commented out", Safeguard),
    ("silenced", Safeguard),
    ("muted", Safeguard),
    ("snoozed", Safeguard),
    ("triggered", Cause),
    ("introduced", Cause),
    ("caused", Cause),
    ("responsible for", Cause),
    ("led to", Cause),
    ("leads to", Cause),
    ("resulted in", Cause),
    ("started the outage", Cause),
    ("started the incident", Cause),
    ("kicked off the outage", Cause),
    ("kicked off the incident", Cause),
    ("slept through", Act),
    ("is to blame", Cause),
    ("was to blame", Cause),
    ("at fault", Cause),
    ("is the reason", Cause),
    ("was the reason", Cause),
    ("is why", Cause),
    ("was why", Cause),
    ("did not", Omission),
    ("didn't", Omission),
    ("never", Omission),
    ("failed to", Omission),
    ("neglected to", Omission),
    ("forgot to", Omission),
    ("omitted to", Omission),
    ("took", Down),
    ("turned", Down),
    ("switched", Down),
    ("let", Down),
    ("allowed", Down),
    ("brought", Down),
    ("knocked", Down),
    ("left", Left),
    ("leaves", Left),
    ("sat on", Act),
    ("accidentally", Accident),
    ("mistakenly", Accident),
    ("inadvertently", Accident),
    ("unintentionally", Accident),
    ("erroneously", Accident),
    ("wrongly", Accident),
    ("incorrectly", Accident),
    ("mistake", Fault),
    ("fault", Fault),
    ("error", Fault),
    ("oversight", Fault),
    ("blunder", Fault),
    ("slip-up", Fault),
    ("screw-up", Fault),
    ("screwup", Fault),
    ("misconfiguration", Fault),
    ("misstep", Fault),
    ("lapse", Fault),
    // "Mr Parata's omission of the cut-off from the runbook".
    ("omission", Fault),
    ("negligence", Fault),
    ("carelessness", Fault),
    ("decision to", Decision),
    ("choice to", Decision),
    ("so", Consequence),
    ("which", Consequence),
    ("which meant", Consequence),
    // "…, which is why nothing fired when every tenant drifted".
    ("which is why", Consequence),
    ("which means", Consequence),
    ("leading to", Consequence),
    ("resulting in", Consequence),
    ("began", Consequence),
    ("begins", Consequence),
    ("started", Consequence),
    ("starts", Consequence),
    ("because", Reason),
    ("because of", Reason),
    ("since", Reason),
    ("after", Reason),
    ("when", Reason),
    ("as a result of", Reason),
    ("break", Act),
    ("ignore", Act),
    ("skip", Act),
    ("forget", Act),
    ("overwrite", Act),
    ("wipe", Act),
    ("did nothing", Act),
    ("didn't do anything", Act),
    ("did not do anything", Act),
    ("didn't react", Act),
    ("did not react", Act),
    ("flushed", Destroy),
    ("flush", Destroy),
    ("delete", Destroy),
    ("drop", Destroy),
    ("remove", Destroy),
    ("had not", Omission),
    ("hadn't", Omission),
    ("not check", Omission),
    ("not checked", Omission),
    ("not verify", Omission),
    ("not verified", Omission),
    ("not test", Omission),
    ("not tested", Omission),
    ("not read", Omission),
    ("not follow", Omission),
    ("not followed", Omission),
    ("not confirm", Omission),
    ("not confirmed", Omission),
    ("not review", Omission),
    ("not reviewed", Omission),
    ("not update", Omission),
    ("not updated", Omission),
    ("not inform", Omission),
    ("not informed", Omission),
    ("not validate", Omission),
    ("not wait", Omission),
    // "The verification in the change plan was not performed by Mr O'Sullivan".
    ("not performed", Omission),
    ("not carried out", Omission),
    ("not completed", Omission),
    ("made a mistake", Act),
    ("made an error", Act),
    ("made a bad call", Act),
    ("made a typo", Act),
    ("invalidated", Through),
    ("wiped out", Through),
    ("wrong", Mark),
    ("bad", Mark),
    ("broken", Mark),
    ("incorrect", Mark),
    ("faulty", Mark),
    ("untested", Mark),
    ("unreviewed", Mark),
    ("invalid", Mark),
    ("stale", Mark),
    ("outdated", Mark),
    ("erroneous", Mark),
    ("mistaken", Mark),
    ("unsafe", Mark),
    ("corrupt", Mark),
    ("malformed", Mark),
    ("misconfigured", Mark),
    ("buggy", Mark),
    ("typo", Mark),
    // A thing shipped carrying a lapsed part: "pushed a cert bundle with an expired
    // intermediate" (not "renewed the expired certificate").
    ("with an expired", Mark),
    ("with expired", Mark),
    ("without", Mark),
    // "merged PR #812 to main with zero reviews": the safeguard counted as none.
    ("with no", Mark),
    ("with zero", Mark),
    // "pushed 3.8.1 to all 140 gates in one batch, no canary": the safeguard gone without.
    ("no canary", Mark),
    ("no review", Mark),
    ("no code review", Mark),
    ("no peer review", Mark),
    ("no tests", Mark),
    ("no testing", Mark),
    ("no soak", Mark),
    ("no approval", Mark),
    ("no sign-off", Mark),
    ("no dry run", Mark),
    ("no dry-run", Mark),
    ("instead of", Mark),
    // "Rubén's batch script sent the disbursement file twice": an act done again by mistake.
    ("twice", Mark),
    // "re-imported the plate map over the corrected one": the good copy written over.
    ("over the corrected", Mark),
    ("over the fixed", Mark),
    ("over the good", Mark),
    ("a second time", Mark),
    ("rather than", Mark),
    ("over a red", Mark),
    ("over the red", Mark),
    ("over a failing", Mark),
    ("over the failing", Mark),
    ("as a false alarm", Mark),
    // "closed the storage warning as a known issue": a warning dismissed.
    ("as a known issue", Mark),
    ("as known issue", Mark),
    ("thinking it was", Mark),
    ("thinking this was", Mark),
    ("thinking they were", Mark),
    ("assuming it was", Mark),
    ("assuming they were", Mark),
    ("believing it was", Mark),
    ("as a false positive", Mark),
    ("in place of", Mark),
    ("still using", Mark),
    ("still used", Mark),
    ("still in use", Mark),
    ("still needed", Mark),
    ("still needing", Mark),
    ("still required", Mark),
    ("still running", Mark),
    ("still serving", Mark),
    // "archived the table while 300 kiosks were still reading from it", "while it still
    // had readers".
    ("still reading", Mark),
    ("still writing", Mark),
    ("still had readers", Mark),
    ("still had users", Mark),
    ("still had traffic", Mark),
    ("still pointed at", Mark),
    ("still pointing at", Mark),
    ("by mistake", Mark),
    ("too early", Mark),
    ("too soon", Mark),
    ("by accident", Mark),
    ("to prod", Mark),
    ("to production", Mark),
    // "pushed the file straight to live": past every stage before it (see [`STRAIGHT`]).
    ("straight to", Mark),
    ("straight into", Mark),
    ("directly to", Mark),
    ("directly into", Mark),
    ("against prod", Mark),
    ("against production", Mark),
    ("on prod", Mark),
    ("on production", Mark),
    ("into prod", Mark),
    // A secret put where others read it: "pasted the token into a public gist", "committed
    // the key in plain text".
    ("in plain text", Mark),
    ("in plaintext", Mark),
    ("into a public", Mark),
    ("to a public", Mark),
    ("in a public", Mark),
    ("to the public", Mark),
    // Or the secret itself, read for where it was put: "pasted the deploy token into
    // #vendor-acme", "copied the key into the onboarding doc".
    ("token", Mark),
    ("tokens", Mark),
    ("key", Mark),
    ("keys", Mark),
    ("secret", Mark),
    ("password", Mark),
    ("passwords", Mark),
    ("credentials", Mark),
    ("into production", Mark),
    ("in prod", Mark),
    ("in production", Mark),
    ("half-finished", Mark),
    ("unfinished", Mark),
    ("unapproved", Mark),
    ("destructive", Mark),
    ("defective", Mark),
    ("bogus", Mark),
    // "shipped the model with the label column shifted".
    ("shifted", Mark),
    ("swapped", Mark),
    ("transposed", Mark),
    ("against the", Mark),
    ("knowing", Mark),
    ("in the middle of", Mark),
    ("mid-migration", Mark),
    ("mid-repair", Mark),
    ("before the", Mark),
    // "rolled the firmware out to all 48 turbines at once": everything in one go.
    ("at once", Mark),
    // "deleted the old pool before v4 was healthy": any act, too early.
    ("before", Mark),
    // "pushes firmware 3.8 to the fleet while the pilot buses are still rebooting".
    ("while the", Mark),
    ("against our", Mark),
    ("despite", Mark),
    ("although", Mark),
    ("even though", Mark),
    ("in spite of", Mark),
    ("in violation of", Mark),
    ("in breach of", Mark),
    ("violating", Mark),
    ("to the production", Mark),
    ("into the production", Mark),
    ("on the production", Mark),
    ("to the live", Mark),
    // "pasted the staging block into the prod overlay".
    ("to the prod", Mark),
    ("into the prod", Mark),
    ("on the prod", Mark),
    ("into the live", Mark),
    ("during business hours", Mark),
    ("during peak", Mark),
    ("at peak", Mark),
    ("during the peak", Mark),
    ("during the sale", Mark),
    ("mid-sale", Mark),
    ("during the launch", Mark),
    // "ran the migration outside the change window", "merged it during the code freeze":
    // a change made where the team's rules said not to (see [`BREACHES`]).
    ("outside the change window", Mark),
    ("outside of the change window", Mark),
    ("outside the maintenance window", Mark),
    ("outside of the maintenance window", Mark),
    ("outside the approved window", Mark),
    ("outside the agreed window", Mark),
    ("during the freeze", Mark),
    ("during a freeze", Mark),
    ("during the change freeze", Mark),
    ("during a change freeze", Mark),
    ("during the code freeze", Mark),
    ("during the deploy freeze", Mark),
    ("during the release freeze", Mark),
    ("locked", Through),
    // The changes a person makes, heard after a possessive (see [`owned_change`]).
    ("change", Owned),
    ("rulechange", Owned),
    ("patch", Owned),
    ("hotfix", Owned),
    ("script", Owned),
    ("migration", Owned),
    ("rollout", Owned),
    ("edit", Owned),
    ("rota", Owned),
    ("approval", Owned),
    ("bump", Owned),
    ("rules", Owned),
    ("ruleset", Owned),
    ("trigger", Owned),
    ("override", Owned),
    ("cleanup", Owned),
    ("swap", Owned),
    ("rename", Owned),
    ("push", Owned),
    ("rule", Owned),
    ("import", Owned),
    ("retry", Owned),
    ("restart", Owned),
    ("mapping", Owned),
    ("clean-up", Owned),
    ("held a lock", Through),
    ("held the lock", Through),
    ("held locks", Through),
    ("held an exclusive lock", Through),
    ("held a table lock", Through),
    ("held a write lock", Through),
    ("crashed", Through),
    ("overloaded", Through),
    ("exhausted", Through),
    ("saturated", Through),
    ("filled", Through),
    ("stalled", Through),
    ("deadlocked", Through),
    ("hung", Through),
    ("froze", Through),
    ("flooded", Through),
    ("overwhelmed", Through),
    ("exposed", Through),
    ("blocked", Through),
    ("blocks", Through),
    ("locks", Through),
    ("crashes", Through),
    ("floods", Through),
    ("stalls", Through),
    // "Ren's manual override made things worse": a person's change that deepened it.
    ("made things worse", Through),
    ("made it worse", Through),
    ("made matters worse", Through),
    ("made everything worse", Through),
    ("made the situation worse", Through),
    ("made the outage worse", Through),
    ("made the incident worse", Through),
    ("exposes", Through),
    ("duplicates", Through),
    ("overloads", Through),
    ("exhausts", Through),
    ("stripped", Through),
    ("strips", Through),
    ("delayed", Through),
    ("starved", Through),
    ("emptied", Through),
    ("slowed", Through),
    ("degraded", Through),
    ("invalidated", Through),
    ("evicted", Through),
    // What a person's act did to the incident itself: "Ms Nguyen's decision to restart the
    // database extended the outage by 25 minutes", "Caio's retry … stretched the outage".
    ("extended the outage", Through),
    ("extended the incident", Through),
    ("extended the downtime", Through),
    ("prolonged the outage", Through),
    ("prolonged the incident", Through),
    ("prolonged the downtime", Through),
    ("stretched the outage", Through),
    ("stretched the incident", Through),
    ("lengthened the outage", Through),
    ("doubled the outage", Through),
    ("made the outage longer", Through),
    ("made the outage worse", Through),
    ("made the incident worse", Through),
    ("cost us", Through),
    // "Rahul's change to the routing table halved the bandwidth".
    ("halved", Through),
    ("throttled", Through),
    ("choked", Through),
    ("severed", Through),
    ("disconnected", Through),
    ("blame lies with", LiesWith),
    // "Root cause: Chidi's edit to the callback URL": a person's act named as the cause.
    ("root cause", LiesWith),
    ("root cause was", LiesWith),
    ("root cause is", LiesWith),
    ("main cause was", LiesWith),
    ("primary cause was", LiesWith),
    // "This one is on Otieno", "that's on Priya": where the blame is put.
    ("this one is on", LiesWith),
    ("this one's on", LiesWith),
    ("that one is on", LiesWith),
    ("that's on", LiesWith),
    ("this is on", LiesWith),
    ("blame lay with", LiesWith),
    ("blame rests with", LiesWith),
    ("blame rested with", LiesWith),
    ("blame falls on", LiesWith),
    ("blame fell on", LiesWith),
    ("fault lies with", LiesWith),
    ("fault lay with", LiesWith),
    ("fault rests with", LiesWith),
    ("responsibility lies with", LiesWith),
    ("responsibility lay with", LiesWith),
    ("responsibility rests with", LiesWith),
    ("it was", Cleft),
    ("it's", Cleft),
    ("it is", Cleft),
    ("reverted", Undo),
    ("reverts", Undo),
    ("re-enabled", Undo),
    ("re-enables", Undo),
    ("reenabled", Undo),
    ("duplicating", Ensuing),
    ("corrupting", Ensuing),
    ("overwriting", Ensuing),
    ("truncating", Ensuing),
    ("purging", Ensuing),
    ("flooding", Ensuing),
    ("crashing", Ensuing),
    ("breaking", Ensuing),
    ("locking", Ensuing),
    ("dropping", Ensuing),
    ("deleting", Ensuing),
    ("double-charging", Ensuing),
    ("exposing", Ensuing),
    ("leaking", Ensuing),
    ("skipping", Ensuing),
    ("bypassing", Ensuing),
    ("ignoring", Ensuing),
    ("disregarding", Ensuing),
    ("circumventing", Ensuing),
    ("decided to", Chose),
    ("chose to", Chose),
    ("opted to", Chose),
    ("elected to", Chose),
    ("the one who", OneWho),
    ("the one that", OneWho),
    ("the person who", OneWho),
    ("the engineer who", OneWho),
];

/// Neutral acts that are harm when done wrongly ("pushed a bad config", "applied the
/// wrong manifest", "merged it without review"): found from the word that makes them
/// wrong (a [`Harm::Mark`]), so that the many uses of "added" or "updated" cost nothing.
const WRONGLY: &[&str] = &[
    "acked",
    "acknowledged",
    "added",
    "applied",
    "applies",
    "apply",
    "approved",
    "approves",
    "bumped",
    "bumps",
    "canceled",
    "cancelled",
    "change",
    "changed",
    "changes",
    "chose",
    "closed",
    "closes",
    "commits",
    "committed",
    "configured",
    "configures",
    "copied",
    "copies",
    "copy",
    "decreased",
    "deploy",
    "deployed",
    "deploys",
    "edited",
    "edits",
    "enabled",
    "enables",
    "entered",
    "executed",
    "executes",
    "flipped",
    "flips",
    "increased",
    "installed",
    "installs",
    "keyed",
    "kicked off",
    "kicks off",
    "labeled",
    "labelled",
    "lowered",
    "marked",
    "marks",
    "merge",
    "merged",
    "merges",
    "modified",
    "modifies",
    "pasted",
    "promoted",
    "promotes",
    "published",
    "publishes",
    "push",
    "pushed",
    "pushes",
    "raised",
    "ran",
    "rebooted",
    "reboots",
    "released",
    "releases",
    "resized",
    "restarted",
    "restarts",
    "revoked",
    "revokes",
    "rolled",
    "rolled out",
    "rolls out",
    "rotated",
    "rotates",
    "run",
    "runs",
    "scheduled",
    "sent",
    "set",
    "sets",
    "shipped",
    "ships",
    "started",
    "starts",
    "switched",
    "switches",
    "toggled",
    "toggles",
    "turned on",
    "turns on",
    "typed",
    "updated",
    "updates",
    "upgraded",
    "upgrades",
    "use",
    "used",
    "uses",
];

/// Whether `lower` is one of [`WRONGLY`] (kept sorted for this).
fn is_neutral_act(lower: &str) -> bool {
    // "re-sent the wrong bills", "redeployed the bad build": done again is done.
    WRONGLY.binary_search(&lower).is_ok() || WRONGLY.binary_search(&done_again(lower)).is_ok()
}

/// The act done again ("re-sent" → "sent", "re-ran" → "ran"), or the word itself.
fn done_again(lower: &str) -> &str {
    lower.strip_prefix("re-").filter(|rest| rest.len() > 2).unwrap_or(lower)
}

const TRIGGERS: &[&str] = &{
    let mut out = [""; HARMS.len()];
    let mut i = 0;
    while i < HARMS.len() {
        out[i] = HARMS[i].0;
        i += 1;
    }
    out
};

/// Marks of an act done again ("sent the file *twice*"): harm only for the acts of
/// [`DUPLICATED`].
const REPEATS: &[&str] = &["twice", "a second time"];

/// Acts that do harm when done twice (see [`act_of_mark`]): "sent the file twice",
/// "re-ran the payout script, …, a second time".
const DUPLICATED: &[&str] = &[
    "sent",
    "ran",
    // "the batch was re-run twice by …".
    "run",
    "rerun",
    "reran",
    "applied",
    "executed",
    "submitted",
    "processed",
    "charged",
    "paid",
    "posted",
    "imported",
    "uploaded",
    "published",
    "pushed",
    "deployed",
    "triggered",
    "released",
    "issued",
    "refunded",
    "billed",
    "debited",
    "credited",
    "transferred",
];

/// What a destroying act must hit to be harm: data and running systems.
const DESTROYED: &[&str] = &[
    "table",
    "tables",
    "database",
    "databases",
    "db",
    "volume",
    "volumes",
    "bucket",
    "buckets",
    "index",
    "indexes",
    "indices",
    "data",
    "dataset",
    "records",
    "rows",
    "cluster",
    "namespace",
    "backup",
    "backups",
    "production",
    "prod",
    "branch",
    "topic",
    "topics",
    "queue",
    "disk",
    "partition",
    "partitions",
    "schema",
    "column",
    "columns",
    "keys",
    "key",
    "secret",
    "secrets",
    "certificate",
    "record",
    "zone",
    "instance",
    "instances",
    "server",
    "servers",
    "primary",
    "replica",
    "replicas",
    // "restarted all three nodes together and dropped quorum".
    "quorum",
    // "reset the plate-ID sequence", "reset the consumer offsets".
    "sequence",
    "sequences",
    "counter",
    "counters",
    "offsets",
    "snapshot",
    "snapshots",
    "repository",
    "repo",
    "account",
    "accounts",
    "users",
    "files",
    "directory",
    "folder",
    "collection",
    "shard",
    "shards",
    "tenant",
    "environment",
    "stack",
    "deployment",
    "service",
    "vm",
    "vms",
    "node",
    "nodes",
    "dns",
    "route",
    "routes",
    "rule",
    "rules",
    "config",
    "configuration",
    "exception",
    "exceptions",
    "allowlist",
    "whitelist",
    "denylist",
    "blocklist",
    "entries",
    // "deleted the duplicate-debit report from the shared drive".
    "report",
    "reports",
    "spreadsheet",
    "document",
    "documents",
    // "dropped another 212 broadcasts": what was on its way.
    "broadcasts",
    "payments",
    "orders",
    "setting",
    "settings",
    "permissions",
    "policy",
    // "purged the transaction logs", "wiped the ledger": the record kept to recover from.
    "transaction",
    "transactions",
    "ledger",
    "journal",
    "journals",
    "binlog",
    "binlogs",
    "wal",
    "archive",
    "archives",
    "history",
    "mailbox",
    // "deleted those checkpoints", "purged the uploads": what people saved or sent.
    "checkpoint",
    "checkpoints",
    "file",
    "objects",
    "blobs",
    "artifacts",
    "uploads",
    "attachments",
    "messages",
    "emails",
];

/// Marks of a place others read ([`SECRETS`] put there are exposed).
const EXPOSURES: &[&str] =
    &["in plain text", "in plaintext", "into a public", "to a public", "in a public", "to the public"];

/// Places people read, where a secret put is exposed: "into the team channel", "in the
/// vendor doc", "to #payments".
const READ_PLACES: &[&str] = &[
    "channel",
    "channels",
    "chat",
    "group",
    "thread",
    "doc",
    "docs",
    "document",
    "wiki",
    "page",
    "gist",
    "repo",
    "repository",
    "ticket",
    "issue",
    "email",
    "slack",
    "whatsapp",
    "telegram",
    "discord",
    "teams",
    "forum",
    "screenshot",
    "pastebin",
    "spreadsheet",
    "notebook",
    "readme",
    "commit",
    "log",
    "logs",
];

/// Whether `words` (what follows a secret, lowercase) put it in a place others read:
/// "into the vendor onboarding doc", "in #vendor-acme", "to the team channel"; not "into the
/// vault" nor "to the new format".
fn put_where_read(words: &[&str]) -> bool {
    let Some(at) = words.iter().take(6).position(|w| matches!(*w, "into" | "in" | "to" | "on" | "onto")) else {
        return false;
    };
    words[at + 1..].iter().take(5).any(|w| w.starts_with('#') || READ_PLACES.contains(w))
}

/// What a safeguard is, when it is switched off.
const SAFEGUARDS: &[&str] = &[
    "soak",
    "panel",
    "panels",
    "dashboard",
    "dashboards",
    "alert",
    "alerts",
    "alarm",
    "alarms",
    "monitoring",
    "monitor",
    "monitors",
    "check",
    "checks",
    "test",
    "tests",
    "validation",
    "validations",
    "guard",
    "guards",
    "protection",
    "protections",
    "backup",
    "backups",
    "replication",
    "failover",
    "limit",
    "limits",
    "lock",
    "locks",
    "review",
    "reviews",
    "hook",
    "hooks",
    "canary",
    "healthcheck",
    "healthchecks",
    "probe",
    "probes",
    "paging",
    "pager",
    "notifications",
    "warning",
    "warnings",
    "safeguard",
    "safeguards",
    "shield",
    "safety",
    "throttling",
    "limiting",
    "rate-limiting",
    "ratelimiting",
    "quota",
    "quotas",
    "firewall",
    "autoscaling",
    "ci",
    "versioning",
    "encryption",
    "mfa",
    "2fa",
    "authentication",
    "retention",
    "tls",
    "verification",
    "signing",
    "linter",
    "object-lock",
    "freeze",
    "breaker",
    "breakers",
    "guardrail",
    "guardrails",
    "shielding",
    "limiter",
    "watchdog",
    "idempotency",
    "confirmation",
    "confirmations",
    "dedupe",
    "deduplication",
    "backstop",
    "alerting",
    "ring",
    // "removed the `statement_timeout` from the migrations role": a bound that stops a
    // step from waiting forever.
    "timeout",
    "timeouts",
];

/// Words in the object of a destroying act that make it a clean-up: "dropped the
/// *corrupted* partitions", "deleted the *stuck* jobs".
const CLEARED: &[&str] = &[
    "empty",
    "draft",
    "drafts",
    "scratch",
    "corrupted",
    "corrupt",
    "broken",
    "bad",
    "stuck",
    "stale",
    "orphaned",
    "duplicate",
    "duplicated",
    "leftover",
    "temporary",
    "temp",
    "failed",
    "failing",
    "unused",
    "dangling",
    "zombie",
    "hung",
    "poisoned",
    "invalid",
    "obsolete",
    "expired",
    "junk",
    "affected",
    // What the thing was doing to others: "terminates the backend holding the lock".
    "holding",
    "blocking",
    "hogging",
    "runaway",
    "rogue",
];

/// Words in the object that make a neutral act harmful: "a *bad* config".
const BAD: &[&str] = &[
    "bad",
    // "pushed a cert bundle with an expired intermediate".
    "expired",
    "wrong",
    "broken",
    "faulty",
    "incorrect",
    "buggy",
    "untested",
    "unreviewed",
    "invalid",
    "stale",
    "outdated",
    "erroneous",
    // "caused the 12,400 wrongful restrictions".
    "wrongful",
    "spurious",
    "unintended",
    "mistaken",
    "unsafe",
    "corrupt",
    "corrupted",
    "malformed",
    "misconfigured",
    "half-finished",
    "unfinished",
    "incomplete",
    "unapproved",
    "destructive",
    "dangerous",
    "defective",
    "flawed",
    "botched",
    "bogus",
    "shifted",
    "swapped",
    "transposed",
    "typo",
    "typos",
    "regression",
    "bug",
];

/// What an act done "without" may go without and still be fine: "restarted it without
/// downtime". Anything else ("without review", "without to verify") was a safeguard skipped.
const WITHOUT_HARM: &[&str] = &[
    "downtime",
    "impact",
    "interruption",
    "interruptions",
    "errors",
    "error",
    "issues",
    "issue",
    "problems",
    "loss",
    "incident",
    "incidents",
    "disruption",
    "delay",
    "delays",
    "customer",
    "user",
    "users",
    "data",
    "trouble",
    "fuss",
    "drama",
    "further",
    "noticeable",
    "visible",
    "much",
    "waking",
    "paging",
    "success",
    "luck",
    "result",
    "results",
    // "kept a copy …, without it we had nothing": what the act gave, referred back to.
    "it",
    "this",
    "that",
    "them",
    "which",
    // "without skipping any step": the harm denied.
    "skipping",
    "missing",
    "breaking",
    "bypassing",
    "losing",
    "dropping",
    "ignoring",
];

/// Whether what an act went "without" was a safeguard ("without review", "without any
/// canary"), not harm it avoided ("without any downtime", "without skipping a step").
fn without_harm(after: &[String]) -> bool {
    let what = after.iter().find(|w| !matches!(w.as_str(), "any" | "a" | "an" | "single"));
    what.is_some_and(|n| !WITHOUT_HARM.contains(&n.as_str()))
}

/// Acts a cleft may single someone out for without blame: finding and fixing.
const HELPFUL: &[&str] = &[
    "noticed",
    "spotted",
    "found",
    "caught",
    "fixed",
    "resolved",
    "restored",
    "saved",
    "rescued",
    "raised",
    "flagged",
    "alerted",
    "escalated",
    "identified",
    "diagnosed",
    "mitigated",
    "recovered",
    "helped",
    "led",
    "coordinated",
    "paged",
    "discovered",
    "suggested",
    "proposed",
    "first",
    "figured",
    "debugged",
    "investigated",
    "reported",
    "rolled",
    "reverted",
    "stopped",
    "declared",
    "noticing",
    "remembered",
    "realised",
    "realized",
    "volunteered",
    "stepped",
    "took",
    "kept",
    "wrote",
    "documented",
    "confirmed",
    "tracked",
    "traced",
    // "it was Ines who joined the call first".
    "joined",
    "answered",
    "responded",
];

/// Nouns that make "responsible for …" / "caused …" / "introduced …" about the incident.
const INCIDENT_NOUNS: &[&str] = &[
    "outage",
    "outages",
    "incident",
    "incidents",
    "failure",
    "failures",
    "breakage",
    "downtime",
    "bug",
    "bugs",
    "issue",
    "issues",
    "problem",
    "problems",
    "mistake",
    "error",
    "errors",
    "loss",
    "deletion",
    "disruption",
    "regression",
    "regressions",
    "defect",
    "crash",
    "crashes",
    "this",
    "it",
    "the",
    "data",
    "corruption",
    "leak",
    "breach",
    "storm",
    "spike",
    "cascade",
    "backlog",
    "timeouts",
    "duplicates",
    "lockout",
    "overload",
    "degradation",
];

/// What a person may be "responsible for" about an incident that is a duty, not a cause:
/// "responsible for the incident *communication*".
const INCIDENT_DUTIES: &[&str] = &[
    "communication",
    "communications",
    "comms",
    "response",
    "review",
    "reviews",
    "commander",
    "command",
    "process",
    "channel",
    "report",
    "reports",
    "retro",
    "retrospective",
    "rotation",
    "bridge",
    "call",
    "management",
    "coordination",
    "debrief",
    "notes",
    "timeline",
    "tracking",
    "runbook",
    "handling",
    "triage",
];

/// "left the feature flag on in production", "left the bucket public", "left the alerts
/// off": a state left behind that exposed or disarmed something.
fn left_exposed(words: &[String]) -> bool {
    let in_prod =
        words.windows(2).any(|w| matches!(w[0].as_str(), "in" | "on" | "into") && PROD.contains(&w[1].as_str()));
    words.iter().enumerate().any(|(i, w)| match w.as_str() {
        // "on" as a state, not the preposition of "on prod".
        "on" => {
            i > 0
                && (in_prod || words[..i].iter().any(|o| DEBUG_SWITCHES.contains(&o.as_str())))
                && !words.get(i + 1).is_some_and(|n| PROD.contains(&n.as_str()))
        }
        "enabled" | "running" | "open" => i > 0 && in_prod,
        "exposed" | "public" | "unlocked" | "unencrypted" | "unpatched" | "world-readable" => i > 0,
        "disabled" | "muted" | "silenced" => words[..i].iter().any(|o| SAFEGUARDS.contains(&o.as_str())),
        // "left the poll interval at the 30s test value": a setting left as a test had it.
        "at" => {
            i > 0
                && words[i + 1..].windows(2).take(4).any(|w| {
                    TEST_SETTINGS.contains(&w[0].as_str())
                        && matches!(
                            w[1].as_str(),
                            "value" | "values" | "setting" | "settings" | "config" | "configuration"
                        )
                })
        }
        // "left the schema prefix off": a part the command needed, left out.
        "off" => words[..i].iter().any(|o| SAFEGUARDS.contains(&o.as_str()) || NEEDED_PARTS.contains(&o.as_str())),
        // "left the connection-pool override out of the new configuration file": a part
        // the new thing needed, not carried over ("left out of the meeting" names no thing).
        "out" => i > 0 && words.get(i + 1).is_some_and(|n| n == "of"),
        _ => false,
    })
}

/// What a setting left behind was meant only for: "left the TTL at the *staging* value".
const TEST_SETTINGS: &[&str] = &["test", "testing", "staging", "debug", "dev", "temporary", "placeholder", "load-test"];

/// Verbs that put a safeguard in place, a duty when left undone: "did not *set* a lock
/// timeout", "never *enabled* the disk alert".
const SETS_UP: &[&str] = &[
    "set",
    "put",
    "add",
    "added",
    "configure",
    "configured",
    "enable",
    "enabled",
    "include",
    "included",
    "install",
    "installed",
];

/// Verbs that put a switch back with "back" after them: "never *turned* it back on".
const PUT_BACK: &[&str] =
    &["turned", "turn", "switched", "switch", "put", "flipped", "flip", "set", "brought", "bring"];

/// Whether the words after a switching verb ([`PUT_BACK`]) put the switch back: "turned it
/// *back* on", "did not turn it *on again*".
fn put_back_after<'w>(words: impl Iterator<Item = &'w str>) -> bool {
    let next: Vec<&str> = words.take(5).collect();
    next.iter().take(4).any(|w| w.eq_ignore_ascii_case("back"))
        || next.windows(2).any(|w| w[0].eq_ignore_ascii_case("on") && w[1].eq_ignore_ascii_case("again"))
}

/// Whether the words after "left" keep a thing in a state past the work it was for: "left
/// the throttle on the production queue *at 5 %* when the test wrapped up", "left the
/// sync *running* during the restore", "left the old pool *up* after the cut-over" (not
/// "left the bridge after the fix": no state, only a departure).
fn left_on_past_its_use(words: &[String]) -> bool {
    const AFTERWARDS: &[&str] = &["after", "when", "once", "during", "overnight", "through", "past"];
    words.iter().enumerate().any(|(i, w)| {
        let state = match w.as_str() {
            "enabled" | "running" | "open" | "up" => true,
            "on" => words.get(i + 1).is_none_or(|n| !grammar::is_determiner(n)),
            "at" => words.get(i + 1).is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit())),
            _ => false,
        };
        i > 0 && state && words[i + 1..].iter().take(4).any(|n| AFTERWARDS.contains(&n.as_str()))
    })
}

/// What breaking frees or tells rather than harms: "broke the *deadlock*", "broke the *news*".
const BROKEN_FOR_GOOD: &[&str] =
    &["deadlock", "impasse", "stalemate", "logjam", "tie", "ice", "news", "silence", "record"];

/// Switches for testing that a person may leave on: "left the *debug* flag on".
const DEBUG_SWITCHES: &[&str] =
    &["debug", "debugging", "verbose", "trace", "tracing", "replay", "dry-run", "test-mode"];

/// Parts of a command or a config that narrow what it does: "left the *prefix* off".
const NEEDED_PARTS: &[&str] = &["prefix", "suffix", "filter", "namespace", "where", "clause", "limit", "scope"];

/// States a thing left in is broken in: "left the cluster in a *broken* state", "left
/// the migration *half* done".
const LEFT_BROKEN: &[&str] = &[
    "broken",
    "unassigned",
    "unanswered",
    "unread",
    "unacknowledged",
    "unattended",
    "half",
    "half-applied",
    "half-finished",
    "inconsistent",
    "failing",
    "corrupt",
    "corrupted",
    "degraded",
    "stuck",
    "unusable",
    "misconfigured",
    "partially",
    "unfinished",
    "dangling",
    // Out of service: "left the scheduler paused after the failover test".
    "paused",
    // "left us blind for twenty minutes": without the alerts that would have shown it.
    "blind",
    "suspended",
    "stopped",
    "disconnected",
    "unmounted",
    "detached",
];

/// What a thing was left pointing at after a change moved on: "left the consumers *on the
/// old* password".
const LEFT_BEHIND: &[&str] = &["old", "previous", "expired", "revoked", "retired"];

/// Modes that keep a thing out of service, before "mode": "left the load balancer in
/// *drain* mode overnight".
const LEFT_MODES: &[&str] = &[
    "drain",
    "draining",
    "maintenance",
    "read-only",
    "simulation",
    "test",
    "debug",
    "bypass",
    "standby",
    "demo",
    "overwrite",
    "override",
    "permissive",
];

/// The words after "left" that [`left_exposed`] reads, for [`worth_reading`].
const LEFT_STATES: &[&str] = &[
    "on",
    "enabled",
    "running",
    "open",
    "exposed",
    "public",
    "unlocked",
    "unencrypted",
    "unpatched",
    "world-readable",
    "disabled",
    "off",
    "muted",
    "silenced",
    // "left the pool override out of the new config file".
    "out",
];

/// What a thing left alone does that a person may be said to have let happen: "let the
/// certificate *expire*".
const LAPSES: &[&str] = &["expire", "lapse", "fill", "overflow", "sit", "slip", "slide", "languish"];

/// What a person's decision may be to do that is harm in itself: "Arjun's decision to
/// *bypass* the lock".
const HARMFUL_CHOICES: &[&str] = &[
    "bypass",
    "skip",
    "ignore",
    "disable",
    "override",
    "delete",
    "drop",
    "wipe",
    "truncate",
    "force-push",
    "hardcode",
    "hard-code",
    "disregard",
    "circumvent",
    "silence",
    "mute",
    "suppress",
];

/// Words that frame a thing as the cause ("*led to* the cascade", "the *root* of the
/// problem"): with a noun of harm, they make a person's decision the cause.
const CAUSE_FRAMES: &[&str] = &[
    "led",
    "lead",
    "leads",
    "caused",
    "causes",
    "resulted",
    "root",
    "triggered",
    "behind",
    "blame",
    "responsible",
    // What it did to the incident: "… extended the outage by 25 minutes".
    "extended",
    "prolonged",
    "lengthened",
    "worsened",
];

/// "Arjun's decision to bypass the lock", "her choice to skip the canary": a person's
/// choice, harm in itself or framed as the cause of the incident.
fn decision(
    ctx: &Context<'_>,
    tokens: &[Token<'_>],
    t_index: usize,
    last: usize,
    hit: &PhraseHit,
    who: &Who<'_>,
    out: &mut Report<'_>,
) {
    let Some(owner) = t_index.checked_sub(1).map(|i| &tokens[i]) else { return };
    let lower = owner.lower();
    let named = match lower.strip_suffix("'s").or_else(|| lower.strip_suffix("\u{2019}s")) {
        Some(_) => owner.text.starts_with('@') || (owner.is_capitalised() && is_name_here(who, owner.text)),
        None => crate::lexicon::SINGLING_POSSESSIVES.contains(&lower.as_str()),
    };
    if !named {
        return;
    }
    let Some((_, verb)) = next_word(tokens, last) else { return };
    let words: Vec<String> = tokens.iter().filter(|t| t.is_word()).map(|t| t.lower().as_str().to_string()).collect();
    let harmful = HARMFUL_CHOICES.contains(&verb.lower().as_str());
    let framed = words.iter().any(|w| CAUSE_FRAMES.contains(&w.as_str()))
        && words.iter().any(|w| INCIDENT_NOUNS.contains(&w.as_str()) && !matches!(w.as_str(), "this" | "it" | "the"));
    if !(harmful || framed) || tokens[..t_index].iter().any(is_negation) {
        return;
    }
    let d = out.add(
        owner.start..hit.range.end,
        "Names a person as the one at fault: describe the decision and the conditions around it.",
    );
    let new = reframe::case_for_position(starts_sentence(tokens, owner.start), "the");
    d.fixes.extend(reframe::rewrite(ctx.doc, "Drop the person's name", owner.range(), new));
}

/// Acts that change a running system, in the past: what a clause of reason or time says a
/// person did that the other clause says did harm ("When Mei *rebooted* the primary, …").
/// Responding, looking and repairing are not among them ("When Dana paged the DB team").
const CHANGES: &[&str] = &[
    "added",
    "applied",
    "bumped",
    "bypassed",
    "changed",
    "committed",
    "configured",
    "cordoned",
    "cut",
    "decreased",
    "deleted",
    "demoted",
    "deployed",
    "disabled",
    "downgraded",
    "drained",
    "dropped",
    "edited",
    "emptied",
    "enabled",
    "executed",
    "flipped",
    "flushed",
    "force-pushed",
    "forced",
    "hardcoded",
    "ignored",
    "increased",
    "installed",
    "kicked",
    "killed",
    "lowered",
    "merged",
    "migrated",
    "modified",
    "moved",
    "overrode",
    "overwrote",
    "patched",
    "pointed",
    "promoted",
    "published",
    "purged",
    "pushed",
    "raised",
    "ran",
    "rebooted",
    "reconfigured",
    "reduced",
    "released",
    "removed",
    "renamed",
    "replaced",
    "reset",
    "resized",
    "restarted",
    "revoked",
    "rewrote",
    "rotated",
    "scaled",
    "set",
    "shipped",
    "shortened",
    "shut",
    "skipped",
    "started",
    "stopped",
    "swapped",
    "switched",
    "terminated",
    "throttled",
    "toggled",
    "triggered",
    "truncated",
    "tuned",
    "turned",
    "uninstalled",
    "updated",
    "upgraded",
    "wiped",
];

/// What the other clause says went wrong: "requests *started failing*", "sessions were
/// *lost*", "every checkout *failed*".
const OUTCOMES: &[&str] = &[
    "failed",
    "failing",
    "fail",
    "fails",
    "failure",
    "failures",
    "crashed",
    "crashing",
    "crash-looped",
    "crashlooping",
    "broke",
    "broken",
    "outage",
    "lost",
    "stalled",
    "hung",
    "unavailable",
    "unreachable",
    "degraded",
    "corrupted",
    "wiped",
    "leaked",
    "exposed",
    "exhausted",
    "overloaded",
    "saturated",
    "deadlocked",
    "offline",
    "rejected",
    "declined",
    "errored",
    "erroring",
    "5xx",
    "500s",
    "502s",
    "503s",
    "spiked",
    "behind",
    "lagging",
    "lagged",
    "delayed",
    "missing",
    "overwritten",
    "clobbered",
    "purged",
    "truncated",
    "duplicated",
    "disappeared",
    "vanished",
    "filled",
    "full",
];

/// Words that say there was more of something ([`BAD_MEASURES`]) after a change.
const MORE: &[&str] =
    &["rose", "jumped", "doubled", "tripled", "climbed", "grew", "increased", "surged", "soared", "exploded"];

/// Words that say there was less of something ([`GOOD_MEASURES`]) after a change.
const LESS: &[&str] = &["dropped", "fell", "plunged", "collapsed", "sank", "halved", "shrank"];

/// What there is less of when a change did harm: "traffic dropped to zero".
const GOOD_MEASURES: &[&str] = &[
    "traffic",
    "throughput",
    "orders",
    "sales",
    "revenue",
    "capacity",
    "availability",
    "bookings",
    "logins",
    "payments",
    "conversions",
    "isr",
];

/// Whether an act finds or repairs the trouble, or helps in it ("noticed", "restarted",
/// "paged"): not one that did harm.
fn helps(act: &str) -> bool {
    FINDS_OR_REPAIRS.contains(&act) || HELPFUL.contains(&act)
}

/// Acts that take a thing away from whoever still uses it: "archived the table while
/// 300 kiosks were still reading from it".
const TAKEN_AWAY: &[&str] = &[
    "archived",
    "deleted",
    "dropped",
    "removed",
    "revoked",
    "renamed",
    "moved",
    "truncated",
    "decommissioned",
    "retired",
    "disabled",
    "purged",
    "rotated",
    "shut",
    "unplugged",
];

/// What a cut takes away: "which cut the only link to the grid operator".
const SEVERED: &[&str] = &[
    "link",
    "links",
    "connection",
    "connections",
    "power",
    "access",
    "uplink",
    "feed",
    "supply",
    // "which cut every BGP session at once".
    "session",
    "sessions",
];

/// What there is more of when a change did harm: "errors doubled", "latency rose".
const BAD_MEASURES: &[&str] = &[
    "errors",
    "error",
    "latency",
    "latencies",
    "timeouts",
    "retries",
    "failures",
    "lag",
    "backlog",
    "5xx",
    "500s",
    "declines",
    "complaints",
    "tickets",
    "load",
    "memory",
    "cpu",
    "evictions",
    "restarts",
    "rebalances",
];

/// Words that say the harm was there before the act: "the primary had *already* failed",
/// "it crashed *again*".
const ALREADY: &[&str] = &["already", "still", "again", "continued", "kept", "remained"];

/// "Because Pedro changed the timeout to one second, requests started failing", "When Mei
/// rebooted the primary during peak hours, every checkout failed", "sessions were lost as a
/// result of Camila restarting the wrong pod": a person's change, in a clause of reason or
/// time, and harm in the clause it explains.
fn reason(ctx: &Context<'_>, tokens: &[Token<'_>], t_index: usize, last: usize, who: &Who<'_>, out: &mut Report<'_>) {
    let Some((p, person)) = next_word(tokens, last) else { return };
    let lower = person.lower();
    let pronoun = matches!(lower.as_str(), "he" | "she" | "his" | "her");
    if !(pronoun || person.text.starts_with('@') || (person.is_capitalised() && is_name_here(who, person.text))) {
        return;
    }
    // A surname: "When Mei Ling rebooted …", "because of Rafael Souza's change".
    let mut end = p;
    while end < p + 2
        && !tokens[end].lower().ends_with("'s")
        && tokens.get(end + 1).is_some_and(|t| t.is_word() && t.is_capitalised())
    {
        end += 1;
    }
    let possessive = grammar::is_possessive(tokens[end].lower().as_str());
    let Some((mut a, mut act)) = next_word(tokens, end) else { return };
    // "Because Pedro had quietly changed …".
    while matches!(act.lower().as_str(), "had" | "just" | "also" | "then" | "quietly" | "accidentally" | "manually") {
        let Some(n) = next_word(tokens, a) else { return };
        (a, act) = n;
    }
    let act_lower = act.lower();
    let acted = if possessive {
        // "because of Yusuf's change": any thing of theirs but a repair.
        !matches!(act_lower.as_str(), "fix" | "fixes" | "rollback" | "revert" | "quick" | "help" | "work" | "advice")
    } else {
        // A past, or a gerund after "because of", "as a result of", "due to".
        let past = crate::verbs::lookup(act_lower.as_str())
            .filter(|f| act_lower.as_str() == f.past || act_lower.as_str() == f.ing)
            .map_or(act_lower.as_str(), |f| f.past.as_str());
        let gerund = act_lower.ends_with("ing");
        let takes_gerund = matches!(tokens[last].lower().as_str(), "of" | "to");
        // "After Rohan turned back …", "switched back": undoing.
        let undone = next_word(tokens, a).is_some_and(|(_, n)| n.lower() == "back");
        CHANGES.contains(&past) && gerund == takes_gerund && !undone
    };
    if !acted {
        return;
    }
    // The clause it explains: after the comma when the reason comes first, else before it.
    // "Shortly after Ravi pushed …, errors spiked": an adverb of time before it.
    let first = tokens[..t_index].iter().all(|t| {
        !t.is_word()
            || matches!(
                t.lower().as_str(),
                "shortly" | "soon" | "right" | "just" | "immediately" | "minutes" | "seconds" | "moments"
            )
    });
    let explained = if first {
        let Some(comma) = (a + 1..tokens.len()).find(|&i| tokens[i].text == ",") else { return };
        &tokens[comma + 1..]
    } else {
        &tokens[..t_index]
    };
    let words: Vec<String> = explained.iter().filter(|t| t.is_word()).map(|t| t.lower().as_str().to_string()).collect();
    if words.iter().any(|w| ALREADY.contains(&w.as_str())) || explained.iter().any(is_negation) {
        return;
    }
    let hurt = hurts(&words);
    if !hurt {
        return;
    }
    report_harmful_act(ctx, tokens, person.start..act.end, person.start..tokens[end].end, possessive, out);
}

/// Reports a person's act that the sentence says did harm (`range`), with the fix that
/// names the role instead of the person (`name`), or drops the owner of a possessive.
fn report_harmful_act(
    ctx: &Context<'_>,
    tokens: &[Token<'_>],
    range: std::ops::Range<usize>,
    name: std::ops::Range<usize>,
    possessive: bool,
    out: &mut Report<'_>,
) {
    let starts = starts_sentence(tokens, name.start);
    let d = out
        .add(range, "Names a person as the one whose act did harm: describe the change and the conditions around it.");
    let new = reframe::case_for_position(starts, if possessive { "the" } else { "the on-call engineer" });
    d.fixes.extend(reframe::rewrite(ctx.doc, "Name the role instead of the person", name, new));
}

/// Whether the words of a clause say something went wrong: "requests started failing",
/// "errors doubled", "the queue backed up", "orders were dropped".
fn hurts(words: &[String]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        is_outcome(w)
            || (w == "out" && i > 0 && matches!(words[i - 1].as_str(), "ran" | "timed" | "running" | "timing"))
            || (w == "down" && i > 0 && matches!(words[i - 1].as_str(), "went" | "go" | "was" | "were"))
            // "login was hard down", "the site went fully down".
            || (w == "down"
                && i > 1
                && matches!(words[i - 1].as_str(), "hard" | "fully" | "completely" | "still")
                && matches!(words[i - 2].as_str(), "went" | "was" | "were"))
            // "partner traffic dropped to zero": less of something good.
            || (LESS.contains(&w.as_str()) && words.iter().any(|g| GOOD_MEASURES.contains(&g.as_str())))
            // "errors doubled", "latency rose": more of something bad.
            || (MORE.contains(&w.as_str()) && words.iter().any(|b| BAD_MEASURES.contains(&b.as_str())))
            // "the queue backed up", "jobs piled up".
            // ("the database was backed up" is a backup).
            || (w == "up"
                && i > 1
                && matches!(words[i - 1].as_str(), "backed" | "piled" | "filled" | "blew")
                && !matches!(words[i - 2].as_str(), "was" | "were" | "been" | "be" | "is" | "are" | "being" | "got"))
            // "so every checkout node drained at once": everything at the same moment.
            || (w == "once"
                && i > 0
                && words[i - 1] == "at"
                && words[..i].iter().any(|e| matches!(e.as_str(), "every" | "all" | "whole")))
            // "the file was copied over the new one".
            || (w == "over" && i > 0 && matches!(words[i - 1].as_str(), "copied" | "written" | "pasted"))
            // "orders were dropped", "the jobs got killed".
            || (i > 0
                && matches!(words[i - 1].as_str(), "were" | "was" | "got")
                && matches!(
                    w.as_str(),
                    "dropped" | "deleted" | "killed" | "lost" | "duplicated" | "charged" | "locked" | "stranded"
                ))
    })
}

/// An outcome in any tense: "stalled", and in a timeline row told in the present "checkout
/// *stalls*", or after "began" "the portal began *rejecting* writes".
fn is_outcome(word: &str) -> bool {
    if OUTCOMES.contains(&word) {
        return true;
    }
    // Plurals of nouns of harm say what there was, not what happened ("so errors dropped").
    let stem = word.strip_suffix("ing").filter(|s| s.len() >= 3).or_else(|| {
        word.strip_suffix("es")
            .filter(|s| s.ends_with(['s', 'h', 'x']))
            .or_else(|| word.strip_suffix('s'))
            .filter(|s| !matches!(*s, "error" | "delay" | "spike" | "crash" | "leak" | "lag"))
    });
    // The outcomes are ASCII: any other stem is none of them.
    let Some(stem) = stem.filter(|s| s.len() >= 2 && s.is_ascii()) else { return false };
    let last = &stem[stem.len() - 1..];
    OUTCOMES.iter().any(|past| {
        past.strip_prefix(stem).is_some_and(|rest| rest == "ed" || rest == "d" || rest.strip_prefix(last) == Some("ed"))
    })
}

/// Words that say a consequence took away what was needed: "so we *could not* switch to the
/// satellite feed", "so the call centre *had no* script".
fn lost_capacity(words: &[String]) -> bool {
    words
        .windows(2)
        .any(|w| matches!((w[0].as_str(), w[1].as_str()), ("could" | "can" | "would", "not") | ("no", "longer")))
        || words.windows(3).any(|w| {
            // "had no script ready", not "had no need to".
            matches!(w[0].as_str(), "had" | "have" | "has")
                && w[1] == "no"
                && !matches!(
                    w[2].as_str(),
                    "need" | "impact" | "effect" | "choice" | "reason" | "issue" | "issues" | "problem" | "problems"
                )
        })
        || words.iter().any(|w| matches!(w.as_str(), "couldn't" | "cannot" | "can't" | "unable" | "wouldn't"))
}

/// Whether a consequence says the harm lasted longer for it: "so Mercury kept failing for
/// another 40 min", "a further half hour", "two more hours".
fn prolonged(words: &[String]) -> bool {
    const UNITS: &[&str] = &["min", "mins", "minute", "minutes", "hour", "hours", "hrs", "days", "day"];
    words.iter().enumerate().any(|(i, w)| {
        matches!(w.as_str(), "another" | "more" | "further" | "extra")
            && words[i + 1..].iter().take(3).any(|u| UNITS.contains(&u.as_str()))
    })
}

/// Whether a consequence says an alarm stayed quiet: "so nothing fired", "which is why no
/// alert fired", "so nobody was paged".
fn alarm_kept_quiet(words: &[String]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        matches!(w.as_str(), "nothing" | "no" | "nobody" | "never")
            && words[i + 1..].iter().take(3).any(|n| {
                matches!(n.as_str(), "fired" | "paged" | "alerted" | "triggered" | "notified" | "woke" | "rang")
            })
    })
}

/// What a clause of consequence may say, once a consequence: "*so* the backup route was
/// *dead* too", "*so* every pause kicked off *another* rebalance", "*which meant* the
/// alert went nowhere".
const CONSEQUENCES: &[&str] = &[
    // "so the bad IDs overwrote the good ones".
    "overwrote",
    "overwritten",
    "clobbered",
    "dead",
    "wrong",
    "fake",
    "bogus",
    "stuck",
    "stranded",
    "nowhere",
    "flooded",
    "duplicate",
    "duplicates",
    "twice",
    "unchecked",
    "unnoticed",
    "unanswered",
    "unassigned",
    "unreviewed",
];

/// Verbs that begin an outcome after ", and": "…, and the portal *began* rejecting writes".
const ONSETS: &[&str] = &["began", "begins", "started", "starts"];

/// A person's moves between teams and places: "Dana *moved* to payments, so the alert
/// had no owner" says what the team lost, not what Dana did to the system.
const MOVES: &[&str] = &[
    "moved",
    "joined",
    "transferred",
    "retired",
    "resigned",
    "returned",
    "arrived",
    "went",
    "came",
    "travelled",
    "traveled",
    "relocated",
    "quit",
    "departed",
    "rotated",
];

/// What a person "left" when they moved on: "left the company", "left for another team".
const MOVED_FROM: &[&str] =
    &["company", "team", "org", "organisation", "organization", "for", "on", "job", "role", "business", "firm"];

/// "Rawiri pasted the production string into the test config, so the test run wrote 2,000
/// fake bookings", "Christos unplugged the backup encoder, so we could not switch feeds":
/// a person's act, and after ", so" or ", which meant" the harm it did. The act is the
/// earlier clause's verb; a repair, a find or a passive ("Dana was paged, so …") is not
/// one, and the consequence must be harm ("so nothing was lost" is not).
fn consequence(
    ctx: &Context<'_>,
    tokens: &[Token<'_>],
    t_index: usize,
    last: usize,
    who: &Who<'_>,
    out: &mut Report<'_>,
) {
    // ", which extended the outage": a verb with its object right after "which" (not ",
    // which crashed on start", a thing's own failure, nor "which meant", read below).
    let trigger = tokens[t_index].lower();
    let mut comma = t_index.saturating_sub(1);
    let mut taken = false;
    // "which deleted the checkpoints": data destroyed, whatever the act was meant to do
    // ("restarted the MDS with forced recovery, which discarded the journal").
    let mut destroyed = false;
    if ONSETS.contains(&trigger.as_str()) {
        // "…, and the portal began rejecting writes": an outcome begun, its subject short.
        if !next_word(tokens, last).is_some_and(|(_, n)| is_outcome(&n.lower())) {
            return;
        }
        let Some(and) = (t_index.saturating_sub(5)..t_index).rev().find(|&i| tokens[i].lower() == "and") else {
            return;
        };
        if tokens[and + 1..t_index].iter().any(|t| !t.is_word()) {
            return;
        }
        comma = and;
    }
    // ", leading to 40 minutes of errors", ", resulting in a full outage": what came of it,
    // named by its noun.
    let led_to = matches!(trigger.as_str(), "leading" | "resulting");
    let why = last > t_index && tokens[last].lower() == "why";
    if trigger == "which" && !why {
        let Some((mut v, mut verb)) = next_word(tokens, last) else { return };
        // "which also took …", "which then cut …": the act is after the adverb.
        if matches!(verb.lower().as_str(), "also" | "then" | "promptly" | "immediately" | "instantly") {
            let Some(after) = next_word(tokens, v) else { return };
            (v, verb) = after;
        }
        let verb = verb.lower();
        // "which blew up the memory", "which took out the whole line": the particle belongs
        // to the verb, and harm is in the pair.
        let phrasal = next_word(tokens, v).is_some_and(|(p, particle)| {
            let pair = (verb.as_str(), particle.lower());
            let harm = matches!(
                (pair.0, pair.1.as_str()),
                ("blew" | "filled" | "used" | "ate" | "maxed", "up" | "out")
                    | ("took" | "knocked" | "wiped" | "shut", "out" | "down" | "offline")
            );
            if harm {
                v = p;
            }
            harm
        });
        if phrasal && next_word(tokens, v).is_some() {
            let words = object_words(tokens, v, 6);
            if !words.iter().any(|w| CLEARED.contains(&w.as_str())) {
                taken = true;
            }
        }
        // "which cut the engine off from the inbound port", "which knocked both sites
        // offline": the particle after a short object (not "which took the backlog down").
        if !phrasal && matches!(verb.as_str(), "cut" | "knocked" | "took" | "shut") {
            let words = object_words(tokens, v, 5);
            let particle = words.iter().position(|w| matches!(w.as_str(), "off" | "out" | "offline" | "down"));
            if particle.is_some_and(|p| {
                p > 0 && !words[..p].iter().any(|w| CLEARED.contains(&w.as_str()) || BAD_MEASURES.contains(&w.as_str()))
            }) {
                taken = true;
            }
        }
        let past = verb.ends_with("ed") || crate::verbs::lookup(&verb).is_some_and(|f| f.past == verb.as_str());
        let object = next_word(tokens, v).is_some_and(|(_, o)| {
            let o = o.lower();
            !grammar::is_preposition(&o) && !ALREADY.contains(&o.as_str()) && !matches!(o.as_str(), "to" | "and" | "by")
        });
        let what = object_words(tokens, v, 6);
        // "which took another 8% of capacity away": something good taken away.
        let taken_away = what.iter().any(|w| GOOD_MEASURES.contains(&w.as_str()))
            && tokens[v + 1..].iter().take(8).any(|t| matches!(t.lower().as_str(), "away" | "offline" | "out"));
        // "which wiped the job logs" has its own reading (see [`HARMS`]); "which dropped
        // pressure" is not a table dropped.
        if HARMS.iter().any(|(p, h)| *p == verb.as_str() && matches!(h, Act | Through)) {
            return;
        }
        // "which dropped pressure across Low Moor": less of what was needed.
        // "which cut the only link between Odin and the PPC": what was needed cut.
        let lessened = (LESS.contains(&verb.as_str())
            && what.iter().any(|w| GOOD_MEASURES.contains(&w.as_str()) || matches!(w.as_str(), "pressure" | "supply")))
            || (matches!(verb.as_str(), "cut" | "severed")
                && what.iter().any(|w| SEVERED.contains(&w.as_str()) || GOOD_MEASURES.contains(&w.as_str())));
        const LOST_IT: &[&str] = &[
            "deleted",
            "discarded",
            "wiped",
            "erased",
            "purged",
            "dropped",
            "lost",
            "overwrote",
            "truncated",
            "destroyed",
        ];
        destroyed = LOST_IT.contains(&verb.as_str())
            && what.iter().any(|w| DESTROYED.contains(&w.as_str()))
            && !what.iter().any(|w| CLEARED.contains(&w.as_str()));
        let harmful = destroyed
            || taken_away
            || lessened
            || what
                .iter()
                .any(|w| INCIDENT_NOUNS.contains(&w.as_str()) && w != "the" || BAD_MEASURES.contains(&w.as_str()))
                && !what.iter().any(|w| matches!(w.as_str(), "shortened" | "ended"))
                && !matches!(
                    verb.as_str(),
                    "ended" | "shortened" | "stopped" | "fixed" | "resolved" | "reduced" | "cut" | "halved"
                );
        if !taken && !(past && object && (harmful || MORE.contains(&verb.as_str()))) {
            return;
        }
        taken |= taken_away || lessened || destroyed;
    }
    // "so that" and "so far" are purpose and time; "so" before an adjective is degree.
    if next_word(tokens, last)
        .is_some_and(|(_, n)| matches!(n.lower().as_str(), "that" | "far" | "much" | "many" | "long"))
    {
        return;
    }
    if tokens[comma].lower() == "and" {
        comma = comma.saturating_sub(1);
    }
    if comma == 0 || tokens[comma].text != "," {
        return;
    }
    let words: Vec<String> = tokens[last + 1..]
        .iter()
        .take_while(|t| {
            !matches!(t.text, "." | ";" | ":" | "(") && !matches!(t.lower().as_str(), "but" | "because" | "until")
        })
        .filter(|t| t.is_word())
        .take(20)
        .map(|t| t.lower().as_str().to_string())
        .collect();
    let lost = lost_capacity(&words) || alarm_kept_quiet(&words) || prolonged(&words);
    // "so nothing was lost", "so the page went unanswered only briefly, and again": no
    // harm, or the harm was there before.
    let denied = !lost
        && words.iter().any(|w| {
            matches!(w.as_str(), "not" | "no" | "nothing" | "never" | "none" | "nobody") || w.ends_with("n't")
        });
    // "so we knew exactly who paid twice", "so we could see which orders failed": what the
    // act let people learn of the harm, not harm it did.
    let learnt = !lost && {
        let opening = &words[..words.len().min(4)];
        opening.iter().any(|w| {
            matches!(
                w.as_str(),
                "knew" | "know" | "see" | "saw" | "found" | "learned" | "learnt" | "identified" | "understood" | "tell"
            )
        }) && !opening.iter().any(|w| matches!(w.as_str(), "nobody" | "no" | "not" | "never") || w.ends_with("n't"))
    };
    // "so it kept failing" was failing before; "… for another 40 min" failed longer for it.
    if denied || learnt || (!prolonged(&words) && words.iter().any(|w| ALREADY.contains(&w.as_str()) && w != "still")) {
        return;
    }
    let named_harm =
        led_to && words.iter().any(|w| w != "the" && w != "this" && w != "it" && INCIDENT_NOUNS.contains(&w.as_str()));
    // "so the bad IDs copied over the good ones": the good copy written over.
    let written_over = words
        .windows(3)
        .any(|w| w[0] == "over" && w[1] == "the" && matches!(w[2].as_str(), "good" | "corrected" | "fixed"));
    if !(taken
        || lost
        || named_harm
        || written_over
        || hurts(&words)
        || words.iter().any(|w| CONSEQUENCES.contains(&w.as_str())))
    {
        return;
    }
    // The act: the first verb of the clause before the comma whose subject is a person, or
    // a passive's with its agent ("was copy-pasted by Ferreira").
    let from = tokens[..comma].iter().rposition(|t| matches!(t.text, ";" | ":" | "\u{2014}")).map_or(0, |i| i + 1);
    // "- 08:52 @bec.h: copied last season's list onto every gate, so …": a timeline row's
    // speaker does the acts after the colon that have no subject of their own.
    let speaker = row_speaker(ctx, tokens, from, who);
    let Some((person, act)) = (from..comma).filter(|&i| is_act(tokens, i)).find_map(|verb| {
        let act_lower = tokens[verb].lower();
        let passive = verb > 0
            && matches!(tokens[verb - 1].lower().as_str(), "was" | "were" | "been" | "being" | "got" | "is" | "are");
        if passive {
            return Some((None, verb));
        }
        // "renewed the cert by hand but pasted the staging key into the prod secret, so …":
        // a helpful act is not what did it; a later one in the clause may be.
        if helps(&act_lower) && !matches!(act_lower.as_str(), "raised" | "lowered") && !destroyed {
            return None;
        }
        let subject = grammar::subject_before(tokens, verb, Some(act_lower.as_str()), who);
        // The clause's own subject, when it has one ("Jörg: the queue drained, so …" is
        // the queue's doing).
        let own = subject.as_ref().is_some_and(|s| s.range.start >= tokens[from.min(verb)].start);
        let read = subject.and_then(|subject| {
            // "Huamán signed …": a name no list knows, as a whole subject; "Wiremu's cordon
            // caught two healthy nodes, which took …": a person's thing.
            let owned = subject.person.is_none() && subject.possessor.is_some();
            let person = match subject.person.clone() {
                None if subject.possessor.is_none() && !subject.elided => {
                    unknown_surname(tokens, &subject, Wrongly, who)
                }
                None => subject.possessor.clone().filter(|_| !subject.elided),
                person => person,
            };
            person.filter(|(kind, _)| named(*kind)).map(|(kind, person)| (kind, person, owned))
        });
        let (kind, person, owned) = match read {
            Some(read) => read,
            None if !own && act_lower.ends_with("ed") => (PersonKind::Name, speaker.clone()?, false),
            None => return None,
        };
        // A past: "Alfred marks a DAG as failed, so …" tells what a tool always does; but
        // a timeline row tells its moment in the present ("13:02 Tavita starts the upgrade
        // …, so every node drains").
        let again = done_again(&act_lower);
        let past = act_lower.ends_with("ed")
            || crate::verbs::lookup(again).is_some_and(|f| f.past == again)
            || (act_lower.ends_with('s') && timed_row(ctx, tokens[verb].start));
        (past && (kind != PersonKind::ProperNoun || act_lower.ends_with("ed") || is_neutral_act(&act_lower)))
            .then_some((Some((person, owned)), verb))
    }) else {
        return;
    };
    let at = act;
    let act = &tokens[at];
    let act_lower = act.lower();
    // "Dana moved to payments in May, so the alert had no owner": what happened to the
    // team, not an act on the system.
    // ("Bo moved the barcode off the scan window" moved a thing.)
    let moved_a_thing = object_words(tokens, at, 1).first().is_some_and(|w| grammar::is_determiner(w));
    let moved_on = (MOVES.contains(&act_lower.as_str()) && !moved_a_thing)
        || (act_lower.as_str() == "left"
            && object_words(tokens, at, 2).iter().any(|w| MOVED_FROM.contains(&w.as_str())));
    if moved_on || (!raised_a_setting(tokens, at) && !destroyed && helps(&act_lower)) {
        return;
    }
    let Some((person, owned)) = person else {
        // "The bind file was copy-pasted by Ferreira from staging, so …".
        if let Some(by) = (at + 1..comma.min(at + 6)).find(|&i| tokens[i].lower() == "by") {
            agent(ctx, tokens, by, who, true, out);
        }
        return;
    };
    // "…, so the route was dead": the act may have its own finding already.
    if out.has_overlapping(&(person.start..act.end)) {
        return;
    }
    report_harmful_act(ctx, tokens, person.start..act.end, person, owned, out);
}

/// The "by" of a passive's agent within eight tokens after the act at `last`, in its
/// clause: "ignored *by* Bartek", "never updated after the move *by* Marek".
fn agent_after(tokens: &[Token<'_>], last: usize) -> Option<usize> {
    let by = (last + 1..tokens.len().min(last + 9)).find(|&i| tokens[i].lower() == "by")?;
    // "was suspended after an abuse report by @lin", "removed following a request by
    // Dana": the agent of the report, not of the act.
    tokens[last + 1..by].iter().all(|t| !matches!(t.text, "," | ";" | "." | ":") && !before_a_deed(t)).then_some(by)
}

/// Whether a token opens a phrase with a deed of its own, whose "by" is that deed's:
/// "after an abuse report by @lin", "following a request by Dana".
fn before_a_deed(t: &Token<'_>) -> bool {
    matches!(t.lower().as_str(), "after" | "following" | "upon" | "per" | "before")
}

/// Whether an omission's trigger stands in a passive of a duty: "was *never* updated",
/// "had *never* been renewed", "was *not checked*" (not "Marek never updated it").
fn passive_omission(tokens: &[Token<'_>], t_index: usize, last: usize, trigger: &str) -> bool {
    let copula = |t: &Token<'_>| matches!(t.lower().as_str(), "was" | "were" | "is" | "are" | "been");
    let participle = match trigger {
        "never" => {
            let Some((v, mut verb)) = next_word(tokens, last) else { return false };
            // "was never updated", or "had never been renewed".
            if !t_index.checked_sub(1).is_some_and(|b| copula(&tokens[b])) {
                if !copula(verb) {
                    return false;
                }
                let Some((_, participle)) = next_word(tokens, v) else { return false };
                verb = participle;
            }
            verb.lower()
        }
        t if t.starts_with("not ") => {
            if !t_index.checked_sub(1).is_some_and(|b| copula(&tokens[b])) {
                return false;
            }
            tokens[last].lower()
        }
        _ => return false,
    };
    crate::lexicon::is_duty(&participle) && crate::verbs::is_participle(&participle)
}

/// Whether the line holding `at` is a timeline row: it opens with a time ("- 13:02 …",
/// "| 13:02 | …"), before any other word.
fn timed_row(ctx: &Context<'_>, at: usize) -> bool {
    let text = ctx.doc.text;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..at];
    let opening = line.trim_start_matches([' ', '\t', '-', '*', '|', '>', '+']);
    crate::times::find_first(opening)
        .is_some_and(|t| t.range.start <= 2 && opening[..t.range.start].chars().all(|c| !c.is_alphanumeric()))
}

/// The person a timeline row opens with, before a verb in the present ("| 09:12 | Ahmed
/// Karim loads …"), when the row's clause before token `end` is theirs.
fn present_row_subject(
    ctx: &Context<'_>,
    tokens: &[Token<'_>],
    end: usize,
    who: &Who<'_>,
) -> Option<std::ops::Range<usize>> {
    if !timed_row(ctx, tokens[end].start) {
        return None;
    }
    let first = tokens[..end].iter().position(|t| t.is_word() && !t.text.starts_with(|c: char| c.is_ascii_digit()))?;
    if !names_someone_here(who, &tokens[first]) {
        return None;
    }
    // A surname after the name: "Ahmed Karim".
    let last = match tokens.get(first + 1) {
        Some(t) if t.is_word() && t.is_capitalised() && !crate::lexicon::is_not_name(&t.lower()) => first + 1,
        _ => first,
    };
    let verb = tokens.get(last + 1).filter(|v| v.is_word())?.lower();
    (verb.ends_with('s') && crate::verbs::is_finite_or_participle(&verb)).then(|| tokens[first].start..tokens[last].end)
}

/// The person a timeline row gives as its speaker, before a colon right before token
/// `act`: "- 17:03 Jörg: deleted …", "| 09:12 | @mei: restarted …". Only the row's time
/// may come before the name.
fn row_speaker(ctx: &Context<'_>, tokens: &[Token<'_>], act: usize, who: &Who<'_>) -> Option<std::ops::Range<usize>> {
    let colon = act.checked_sub(1).filter(|&c| tokens[c].text == ":")?;
    let last = colon.checked_sub(1)?;
    // A full name: "Małgorzata Wójcik:", "Kim Min-jun:", "Nguyen Van Long:" (up to three
    // capitalised words, one of them a name known here).
    let mut name = last;
    while name > 0 && last - name < 2 && tokens[name - 1].is_word() && tokens[name - 1].is_capitalised() {
        name -= 1;
    }
    if !(name..=last).any(|i| names_someone_here(who, &tokens[i])) || (name < last && !tokens[last].is_capitalised()) {
        return None;
    }
    let only_time_before =
        tokens[..name].iter().all(|t| !t.is_word() || t.text.starts_with(|c: char| c.is_ascii_digit()));
    (only_time_before && timed_row(ctx, tokens[act].start)).then(|| tokens[name].start..tokens[last].end)
}

/// Words that reject the frame: "did *not* break it", "never deleted".
fn is_negation(t: &Token<'_>) -> bool {
    let l = t.lower();
    matches!(l.as_str(), "not" | "never" | "no" | "nobody" | "neither" | "nor") || l.ends_with("n't")
}

/// The word right after token `i` that is a word, and its index.
fn next_word<'t>(tokens: &'t [Token<'t>], i: usize) -> Option<(usize, &'t Token<'t>)> {
    tokens.iter().enumerate().skip(i + 1).find(|(_, t)| t.is_word())
}

/// The lowercase words of the object after token `i`, up to a clause boundary, at most `n`.
fn object_words(tokens: &[Token<'_>], i: usize, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    for t in tokens.iter().skip(i + 1) {
        if !t.is_word() {
            if matches!(t.text, "." | ";" | ":" | "!" | "?" | "(" | ")") {
                break;
            }
            continue;
        }
        let l = t.lower();
        if matches!(l.as_str(), "and" | "but" | "because" | "so" | "which" | "when" | "while" | "after") {
            break;
        }
        out.push(l.as_str().to_string());
        if out.len() >= n {
            break;
        }
    }
    out
}

/// The words before a relative clause holding the act: "the *wrong value* which Malte
/// has set" (what was set), up to five.
fn antecedent_words(tokens: &[Token<'_>], at: usize) -> Vec<String> {
    let Some(rel) =
        tokens[at.saturating_sub(6)..at].iter().rposition(|t| matches!(t.lower().as_str(), "which" | "that"))
    else {
        return Vec::new();
    };
    let rel = at.saturating_sub(6) + rel;
    tokens[rel.saturating_sub(5)..rel].iter().filter(|t| t.is_word()).map(|t| t.lower().as_str().to_string()).collect()
}

/// The act's object, or when the act has none after it (a relative clause: "the firewall
/// rule that Ayodele removed on Tuesday", "the alert which Haruto had muted"), what the
/// clause is about before it.
fn with_antecedent(mut words: Vec<String>, tokens: &[Token<'_>], at: usize) -> Vec<String> {
    if words.first().is_none_or(|w| grammar::is_preposition(w) || matches!(w.as_str(), "last" | "yesterday")) {
        words.splice(0..0, antecedent_words(tokens, at));
    }
    words
}

/// The marks of an act that skipped every stage before production: "pushed the file
/// *straight to* live" (read in [`worth_reading`] for where it went and what).
const STRAIGHT: &[&str] = &["straight to", "straight into", "directly to", "directly into"];

/// What repairs: carried to production or into a freeze, it was the way out.
const FIXES: &[&str] = &["fix", "hotfix", "patch", "revert", "rollback"];

/// Times and places the team's rules keep changes out of: a change made there broke the
/// rule whatever it was ("ran the migration outside the change window"), unless it was
/// the fix itself.
const BREACHES: &[&str] = &[
    "outside the change window",
    "outside of the change window",
    "outside the maintenance window",
    "outside of the maintenance window",
    "outside the approved window",
    "outside the agreed window",
    "during the freeze",
    "during a freeze",
    "during the change freeze",
    "during a change freeze",
    "during the code freeze",
    "during the deploy freeze",
    "during the release freeze",
];

/// Environments that are not production, and production: an act that carries one into
/// the other was done in the wrong place ("copied the UAT config to prod").
const NOT_PROD: &[&str] =
    &["uat", "staging", "stg", "stage", "test", "dev", "sandbox", "qa", "preprod", "pre-prod", "local", "laptop"];
const PROD: &[&str] = &["prod", "production", "live", "prd"];

/// The rules an act may be done against: "deployed *against the freeze*", "*despite the
/// warnings*", "*in violation of* the change policy".
const TEAM_RULES: &[&str] = &[
    "freeze",
    "policy",
    "policies",
    "runbook",
    "process",
    "procedure",
    "procedures",
    "advice",
    "guidance",
    "guidelines",
    "warning",
    "warnings",
    "instructions",
    "objection",
    "objections",
    "checklist",
    "sop",
];

/// The marks that say an act broke a team's rule (see [`against_a_rule`]).
const RULE_MARKS: &[&str] =
    &["against the", "against our", "despite", "in spite of", "in violation of", "in breach of", "violating"];

/// What said stop before an act done anyway: "approved the firmware *although* the test
/// report was still *red*", "merged *despite* the *failing* tests".
const STOP_SIGNS: &[&str] = &[
    "red",
    "failing",
    "failed",
    "flagged",
    "objected",
    "warned",
    "blocked",
    "unreviewed",
    "unapproved",
    "pending",
    "empty",
    "missing",
    "incomplete",
];

/// What an act done "knowing" it makes wrong, besides a stop sign: "shipped it *knowing*
/// the parser had an open *bug*".
const KNOWN_RISKS: &[&str] = &["bug", "bugs", "broken", "unsafe", "untested", "risk", "risky", "vulnerable"];

/// Events a disruptive act should not run into: "upgraded the cache fourteen minutes
/// *before the sale* opened".
const BUSY_EVENTS: &[&str] =
    &["sale", "launch", "match", "exam", "test", "game", "kickoff", "kick-off", "broadcast", "deadline", "peak"];

/// What "in the middle of" a quiet time is: "restarted it in the middle of the night".
const QUIET_TIMES: &[&str] = &["night", "day", "morning", "afternoon", "evening", "week", "weekend", "shift"];

/// Objects a person "sat on" by not acting: "acknowledged the page and then *sat on it*".
const SAT_ON: &[&str] = &[
    "it",
    "them",
    "page",
    "pages",
    "alert",
    "alerts",
    "ticket",
    "tickets",
    "request",
    "requests",
    "pr",
    "pull",
    "approval",
    "escalation",
    "warning",
    "warnings",
    "fix",
    "patch",
    "email",
];

/// Marks of a time when an outage hurts most: "during business hours", "at peak".
const BUSY_TIMES: &[&str] = &[
    "during business hours",
    "during peak",
    "at peak",
    "during the peak",
    "during the sale",
    "mid-sale",
    "during the launch",
    "in the middle of",
    "mid-migration",
    "mid-repair",
];

/// Acts that interrupt a service, which a busy time makes harm: "rebooted the primary during
/// business hours" (not "added capacity at peak", "joined the bridge during peak").
const DISRUPTIVE: &[&str] = &[
    "restarted",
    "rebooted",
    "redeployed",
    "deployed",
    "migrated",
    "upgraded",
    "shut",
    "stopped",
    "killed",
    "drained",
    "flushed",
    "truncated",
    "resized",
    "reindexed",
    "ran",
    "patched",
    "purged",
    "rebuilt",
    "pushed",
    "flashed",
    "applied",
    "switched",
];

/// The rules of [`TEAM_RULES`] that an act is only ever "against" by breaking them.
const AGAINST_RULES: &[&str] = &[
    "freeze",
    "policy",
    "policies",
    "advice",
    "guidance",
    "warning",
    "warnings",
    "instructions",
    "objection",
    "objections",
];

/// Words that say a rule was set aside with leave: "despite the freeze, *approved* as an
/// *exception*".
const WITH_LEAVE: &[&str] = &["approved", "approval", "exception", "sign-off", "signed", "permission", "agreed"];

/// Whether the words after "before the" say a step was still under way: "swapped the alias
/// before the reindex *had finished*".
fn premature<S: AsRef<str>>(words: &[S]) -> bool {
    words.windows(2).any(|w| {
        let is = |word: &S, set: &[&str]| set.iter().any(|s| word.as_ref().eq_ignore_ascii_case(s));
        // "while the pilot buses are still rebooting": a step still under way.
        let (first, second) = (w[0].as_ref(), w[1].as_ref());
        if first.eq_ignore_ascii_case("still") && second.len() > 5 && second.ends_with("ing") {
            return true;
        }
        is(&w[0], &["had", "was", "were"])
            && is(
                &w[1],
                &["finished", "completed", "done", "caught", "healthy", "ready", "stable", "drained", "verified"],
            )
    })
}

/// Whether the words after "although" say a step was not done: "the dry run was *never
/// executed*", "the tests *had not finished*".
fn undone_step(after: &[String]) -> bool {
    let after = &after[..after.len().min(8)];
    after.iter().enumerate().any(|(i, w)| {
        matches!(w.as_str(), "never" | "not" | "hadn't" | "wasn't" | "weren't" | "hasn't")
            && after[i + 1..].iter().take(2).any(|v| COMPLETIONS.contains(&v.as_str()))
    })
}

/// Steps a change waits for, in the participle: "the dry run was never *executed*".
const COMPLETIONS: &[&str] = &[
    "executed",
    "run",
    "finished",
    "completed",
    "done",
    "tested",
    "reviewed",
    "approved",
    "signed",
    "passed",
    "merged",
    "verified",
    "checked",
];

/// Whether the words say an act broke one of the team's rules: "against the freeze",
/// "despite the warnings", "in violation of the change policy", "violating the SOP".
fn against_a_rule(words: &[String]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        let after = &words[i + 1..];
        let named_rule = || after.iter().take(4).any(|n| TEAM_RULES.contains(&n.as_str()));
        let stop_sign = |reach: usize| after.iter().take(reach).any(|n| STOP_SIGNS.contains(&n.as_str()));
        // "tested it against the runbook" is how a runbook is used; "against the freeze" is not.
        let forbidding = || after.iter().take(4).any(|n| AGAINST_RULES.contains(&n.as_str()));
        let broke = match w.as_str() {
            "against" => forbidding(),
            "despite" => named_rule() || stop_sign(4),
            // "ticked the dry-run box although the dry run was never executed".
            "although" | "though" => stop_sign(10) || undone_step(after),
            // "shipped 4.2 knowing that the parser had an open bug".
            "knowing" => stop_sign(10) || after.iter().take(10).any(|n| KNOWN_RISKS.contains(&n.as_str())),
            "spite" => i > 0 && words[i - 1] == "in" && named_rule(),
            "violating" | "violated" | "breaching" => true,
            "violation" | "breach" => after.first().is_some_and(|n| n == "of"),
            _ => false,
        };
        // "despite the freeze, approved as an exception": set aside with leave (the act
        // itself, before the mark, may be the approving: "approved it despite the red build").
        let leave = after.iter().any(|w| WITH_LEAVE.contains(&w.as_str()))
            || words[..i].iter().any(|w| matches!(w.as_str(), "exception" | "permission" | "sign-off" | "approval"));
        broke && !leave
    })
}

/// Whether the words after a neutral act make it harmful: a bad object, "without
/// review", "by mistake", "to the wrong cluster", "against the freeze".
fn done_wrongly(words: &[String]) -> bool {
    if against_a_rule(words) {
        return true;
    }
    let wrong_place = words
        .iter()
        .position(|w| NOT_PROD.contains(&w.as_str()))
        .is_some_and(|i| words[i + 1..].iter().any(|w| PROD.contains(&w.as_str())));
    wrong_place
        || words.iter().enumerate().any(|(i, w)| {
            BAD.contains(&w.as_str())
                || (w == "without" && without_harm(&words[i + 1..]))
                || (w == "with"
                    && words.get(i + 1).is_some_and(|n| matches!(n.as_str(), "no" | "zero"))
                    && without_harm(&words[i + 2..]))
                || (w == "by" && words.get(i + 1).is_some_and(|n| matches!(n.as_str(), "mistake" | "accident")))
                // "pushed it to every gate in one batch, no canary" (not "there was no canary",
                // "no alerts fired").
                || (w == "no"
                    && i > 0
                    && !matches!(
                        words[i - 1].as_str(),
                        "there" | "was" | "were" | "is" | "are" | "had" | "has" | "have" | "with" | "and" | "or" | "but"
                    )
                    && words.get(i + 1).is_some_and(|n| SAFEGUARDS.contains(&n.as_str()))
                    && words.get(i + 2).is_none_or(|n| !matches!(n.as_str(), "needed" | "required" | "fired" | "went")))
                || (w == "too" && words.get(i + 1).is_some_and(|n| matches!(n.as_str(), "early" | "soon")))
                || (w == "instead" && words.get(i + 1).is_some_and(|n| n == "of"))
                || (w == "rather" && words.get(i + 1).is_some_and(|n| n == "than"))
                // "merged it over a red build".
                || (w == "over"
                    && words.get(i + 1).is_some_and(|n| matches!(n.as_str(), "a" | "the"))
                    && words.get(i + 2).is_some_and(|n| matches!(n.as_str(), "red" | "failing")))
                // "closed the lag warning as a false alarm".
                || (w == "false"
                    && i > 1
                    && words[i - 2] == "as"
                    && words.get(i + 1).is_some_and(|n| matches!(n.as_str(), "alarm" | "positive")))
                // "closed the storage warning as a known issue".
                || (w == "known"
                    && i > 0
                    && (words[i - 1] == "as" || i > 1 && words[i - 1] == "a" && words[i - 2] == "as")
                    && words.get(i + 1).is_some_and(|n| n == "issue"))
                || (w == "place" && i > 0 && words[i - 1] == "in" && words.get(i + 1).is_some_and(|n| n == "of"))
                || mistaken_belief(&words[i..])
        })
}

/// What an act was done believing, when the belief is what made it harm: "ran FLUSHALL
/// on the prod Redis *thinking it was the staging box*", "deleted the bucket *assuming
/// it was unused*" (not "restarted the pod thinking it was the cause").
fn mistaken_belief(words: &[String]) -> bool {
    let [verb, it, was, rest @ ..] = words else { return false };
    matches!(verb.as_str(), "thinking" | "assuming" | "believing")
        && matches!(it.as_str(), "it" | "this" | "they")
        && matches!(was.as_str(), "was" | "were")
        && rest.iter().take(4).any(|w| {
            NOT_PROD.contains(&w.as_str())
                || matches!(
                    w.as_str(),
                    "safe" | "harmless" | "unused" | "empty" | "idle" | "stale" | "orphaned" | "old" | "duplicate"
                )
        })
}

/// Marks of a defect in the thing acted on ("a *bad* config", "*untested* code"): they make
/// wrong only an act that brings the thing in ([`WRONGLY`]); removing or reverting it is the
/// repair. Every other mark ("the *wrong* table", "*without* review", "*instead of*") is of
/// the choice or the manner, and makes any act wrong but one that finds or repairs.
const DEFECT_MARKS: &[&str] = &[
    "bad",
    "broken",
    "faulty",
    "untested",
    "unreviewed",
    "invalid",
    "stale",
    "outdated",
    "erroneous",
    "unsafe",
    "corrupt",
    "malformed",
    "misconfigured",
    "buggy",
    "typo",
    "half-finished",
    "unfinished",
    "unapproved",
    "destructive",
    "defective",
    "bogus",
    "shifted",
    "swapped",
    "transposed",
];

/// Acts that find, report or repair, and the verbs of saying and knowing: "Dana *spotted*
/// the wrong value", "Wen *said* the wrong key was loaded". A mark after one of them is
/// not about an act of the subject's.
const FINDS_OR_REPAIRS: &[&str] = &[
    "noticed",
    "notices",
    "spotted",
    "spots",
    "found",
    "finds",
    "caught",
    "catches",
    "fixed",
    "fixes",
    "corrected",
    "corrects",
    "repaired",
    "repairs",
    "restored",
    "restores",
    "recovered",
    "recovers",
    "resolved",
    "resolves",
    "mitigated",
    "flagged",
    "flags",
    "reported",
    "reports",
    "identified",
    "identifies",
    "diagnosed",
    "discovered",
    "discovers",
    "debugged",
    "investigated",
    "investigates",
    "traced",
    "tracked",
    "confirmed",
    "confirms",
    "realised",
    "realized",
    "said",
    "says",
    "told",
    "tells",
    "explained",
    "explains",
    "mentioned",
    "noted",
    "notes",
    "saw",
    "sees",
    "knew",
    "knows",
    "thought",
    "suggested",
    "proposed",
    "asked",
    "asks",
    "warned",
    "warns",
    "documented",
    "wrote",
    "writes",
    "showed",
    "shows",
    "checked",
    "checks",
    "verified",
    "verifies",
    "reviewed",
    "escalated",
    "paged",
    "alerted",
    "raised",
    "helped",
    "saved",
    "rescued",
    "suspected",
    "assumed",
    "believed",
    "expected",
    "learned",
    "learnt",
    "replied",
    "answered",
    "prevented",
    "prevents",
    "stopped",
    "blocked",
    "refused",
    "rejected",
    "cleaned",
    "cleans",
    "cleared",
    "clears",
    "tidied",
];

/// Words after which a word is not a verb: "the *halted* rollout", "for *testing*".
const NOT_BEFORE_A_VERB: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her", "my", "your", "of", "for",
    "with", "from", "in", "on", "at", "by", "into", "onto", "some", "any", "no", "every", "each", "all", "another",
    "other", "same", "very", "more", "most", "less", "least", "newly", "freshly", "recently",
];

/// Verbs that only help another: "was", "has", "did".
const AUXILIARIES: &[&str] = &[
    "was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "having", "did", "does", "do", "got",
    "gets", "will", "would", "could", "should", "might", "must", "can", "may", "shall",
];

/// Whether token `i` is a verb a person did: a neutral act from [`WRONGLY`], or a known
/// verb's past, participle or present with -s ("uploaded", "sent", "revokes"), or any
/// other past in -ed; not after an article or a preposition.
fn is_act(tokens: &[Token<'_>], i: usize) -> bool {
    let t = &tokens[i];
    if !t.is_word() {
        return false;
    }
    let l = t.lower();
    // "re-ran", "re-sent": the verb done again.
    let w = done_again(l.as_str());
    if AUXILIARIES.contains(&w) {
        return false;
    }
    if i > 0 && tokens[i - 1].is_word() && NOT_BEFORE_A_VERB.contains(&tokens[i - 1].lower().as_str()) {
        return false;
    }
    // "unused", "unreviewed": adjectives, unless the verb list knows them ("unpinned").
    // ("unpacked the 97 orders": a verb the list lacks, with its object after it.)
    let object_next = tokens.get(i + 1).is_some_and(|n| {
        n.text.starts_with(|c: char| c.is_ascii_digit())
            || matches!(
                n.lower().as_str(),
                "the" | "a" | "an" | "all" | "every" | "both" | "our" | "their" | "his" | "her"
            )
    });
    let adjective = w.starts_with("un") && !crate::verbs::is_finite_or_participle(w) && !object_next;
    if is_neutral_act(w)
        || (w.len() >= 5 && w.ends_with("ed") && !adjective && !matches!(w, "indeed" | "hundred" | "speed"))
    {
        return true;
    }
    if !crate::verbs::is_finite_or_participle(w) {
        return false;
    }
    // A present with -s reads as a plural noun too ("transaction logs"): a verb only
    // after its subject's name, a pronoun, an adverb or an appositive's comma.
    w.ends_with("ed")
        || !w.ends_with('s')
        || crate::verbs::lookup(w).is_some_and(|f| f.past == w || f.participle == w)
        || i.checked_sub(1).is_some_and(|p| {
            let before = &tokens[p];
            let b = before.lower();
            before.text == ","
                || before.text.starts_with('@')
                || (before.is_capitalised() && p > 0)
                || matches!(b.as_str(), "he" | "she" | "who" | "then" | "also" | "now")
                || b.ends_with("ly")
        })
}

/// The act a mark makes wrong (see [`DEFECT_MARKS`]): the nearest verb before it in its
/// clause ("Wen *applied* the wrong manifest"), or the verb of a relative clause right
/// after it ("the wrong value which Malte has *set*").
fn act_of_mark(tokens: &[Token<'_>], at: usize, mark: &str) -> Option<usize> {
    // A defect or a breach marks a change ("pushed", "ran"), not "paged the DBA during
    // the freeze".
    let defect = DEFECT_MARKS.contains(&mark) || BREACHES.contains(&mark);
    // Done twice is harm only for an act that moves money, data or messages ("sent",
    // "charged", "ran the import"), not "paged the DBA twice".
    let repeated = REPEATS.contains(&mark);
    // "put the stock back on the shelves without checking with Hoa first": a check skipped
    // makes any act one, an undoing or a repair too.
    let check_skipped = mark == "without"
        && tokens.get(at + 1).is_some_and(|t| {
            matches!(
                t.lower().as_str(),
                "checking"
                    | "verifying"
                    | "testing"
                    | "confirming"
                    | "telling"
                    | "informing"
                    | "notifying"
                    | "asking"
                    | "consulting"
                    | "reviewing"
                    | "validating"
                    | "double-checking"
                    | "reporting"
                    | "forwarding"
                    | "escalating"
                    | "alerting"
                    | "announcing"
                    | "flagging"
                    | "recording"
                    | "documenting"
                    | "draining"
            )
        });
    let fits = |i: usize| {
        if check_skipped && !matches!(tokens[i].lower().as_str(), "checked" | "verified" | "tested" | "confirmed") {
            return true;
        }
        let l = tokens[i].lower();
        // "rolled back the bad deploy", "backed out the broken change": undoing it.
        let next = tokens.get(i + 1).map(|n| n.lower());
        let undone = next.as_ref().is_some_and(|n| {
            n.as_str() == "back"
                || (n.as_str() == "out" && matches!(l.as_str(), "backed" | "pulled" | "took" | "ripped"))
        })
            // "flipped the flag back": the particle after a short object.
            || tokens[i + 1..if i < at { at } else { tokens.len() }].iter().take(4).any(|t| t.lower() == "back");
        // ("re-ran" is "ran" done again.)
        let again = done_again(l.as_str());
        !undone
            && (!FINDS_OR_REPAIRS.contains(&again) || raised_a_setting(tokens, i))
            && (!defect || is_neutral_act(again))
            && (!repeated || DUPLICATED.contains(&again))
    };
    // Past "while", only an act that takes away what was in use.
    let mut crossed_while = false;
    for i in (at.saturating_sub(20)..at).rev() {
        let t = &tokens[i];
        // The full stop of a title or an initial ("by Ms. Rajendran", "by A. Ogunleye")
        // ends no clause.
        let abbreviation = t.text == "."
            && i > 0
            && (crate::lexicon::is_title(&tokens[i - 1].lower())
                || (tokens[i - 1].text.chars().count() == 1 && tokens[i - 1].is_capitalised()));
        // A clause of its own: "… because the wrong key …", "said that the wrong …".
        // ("archived the table while 300 kiosks were still reading from it": what was
        // still in use is said in a clause of its own.)
        let in_use = mark.starts_with("still ") && mark != "still running" && t.lower() == "while";
        crossed_while |= in_use;
        if !abbreviation && matches!(t.text, ";" | "." | "(" | ")")
            || (matches!(t.lower().as_str(), "because" | "since" | "when" | "while" | "after" | "that" | "until")
                && !in_use)
            // "for" as "because", not "flipped the flag *for every* merchant instead of …".
            // ("silenced `ScanLagHigh` *for 4h* without …", "for two hours": how long.)
            // ("signed the completion act *for CH-4471* without …": what it was for.)
            || (t.lower() == "for"
                && tokens.get(i + 1).is_none_or(|n| {
                    let code = n.is_capitalised() && n.text.contains(|c: char| c.is_ascii_digit());
                    let n = n.lower();
                    !NOT_BEFORE_A_VERB.contains(&n.as_str())
                        && !n.starts_with(|c: char| c.is_ascii_digit())
                        && !crate::lexicon::is_number_word(&n)
                        && !code
                }))
        {
            break;
        }
        // "rushed the configuration *change* through without review": a base form after
        // a noun is a noun; the act is further back.
        let l = t.lower();
        // ("Chen Hao run the script": a base form after a name is its verb.)
        let noun_like = i > 0
            && tokens[i - 1].is_word()
            && !tokens[i - 1].is_capitalised()
            && !matches!(tokens[i - 1].lower().as_str(), "to" | "not" | "we" | "they" | "you" | "i" | "and")
            && crate::verbs::lookup(&l).is_some_and(|f| {
                // "the data *set*", "a change *set*": a past like its base is a noun only
                // after an article and a noun ("Malte has set" is a verb).
                f.base == l.as_str()
                    && (f.past != l.as_str()
                        || i > 1 && (grammar::is_determiner(&tokens[i - 2].lower()) || is_act(tokens, i - 2)))
            });
        // "stretched the TTL *to take* load off the origin, without a word": a purpose's
        // verb; "pushed the config with the cap *set* to 99 instead of 9.9": a participle
        // describing the object. The act is further back.
        let purpose = i > 0 && tokens[i - 1].lower() == "to";
        // "closed the ticket *as finished* without running the resize": a participle
        // after "as" says what the object was taken for.
        let complement = i > 0 && tokens[i - 1].lower() == "as";
        let describing = i > 1
            && tokens[i - 1].is_word()
            && !tokens[i - 1].is_capitalised()
            && tokens[i.saturating_sub(4)..i - 1].iter().any(|t| t.lower() == "with");
        if is_act(tokens, i) && !noun_like && !purpose && !describing && !complement {
            return (fits(i) && (!crossed_while || TAKEN_AWAY.contains(&tokens[i].lower().as_str()))).then_some(i);
        }
    }
    let rel = (at + 1..tokens.len().min(at + 8)).find(|&i| matches!(tokens[i].lower().as_str(), "which" | "that"))?;
    (rel + 1..tokens.len().min(rel + 6)).find(|&i| is_act(tokens, i)).filter(|&i| fits(i))
}

/// Whether the act at `at` raised or lowered a setting ("raised the upload limit to 2 GB"),
/// not an alarm, which helps ("raised the alarm", "raised a ticket").
fn raised_a_setting(tokens: &[Token<'_>], at: usize) -> bool {
    const RAISED_TO_HELP: &[&str] = &[
        "alarm", "alert", "ticket", "incident", "issue", "concern", "concerns", "flag", "question", "page", "severity",
        "priority", "case",
    ];
    // ("raised the alert threshold": the alert's setting.)
    const SETTINGS: &[&str] = &["threshold", "thresholds", "limit", "limits", "timeout", "interval", "delay", "level"];
    if !matches!(tokens[at].lower().as_str(), "raised" | "lowered") {
        return false;
    }
    let object = object_words(tokens, at, 3);
    !object.iter().any(|w| RAISED_TO_HELP.contains(&w.as_str()))
        || object.iter().any(|w| SETTINGS.contains(&w.as_str()))
}

/// After the harm at `at..=last`, a person given as the thing's source in the same clause:
/// "… came from Kenji", "… was Rafa's". Reports from byte `from` to the person.
fn source_named(tokens: &[Token<'_>], from: usize, last: usize, who: &Who<'_>, out: &mut Report<'_>) -> bool {
    for i in last + 1..tokens.len().min(last + 12) {
        let t = &tokens[i];
        if matches!(t.text, "," | ";" | "." | ":" | "(") {
            return false;
        }
        let l = t.lower();
        let person = match l.as_str() {
            "came" | "comes" => tokens.get(i + 1).filter(|f| f.lower() == "from").and(tokens.get(i + 2)),
            "was" | "is" => tokens
                .get(i + 1)
                .filter(|p| p.lower().ends_with("'s") || p.lower().ends_with("\u{2019}s"))
                .filter(|_| tokens.get(i + 2).is_none_or(|n| !n.is_word())),
            _ => None,
        };
        if let Some(person) = person.filter(|p| names_someone_here(who, p)) {
            out.add(
                from..person.end,
                "Names a person as the source of what broke: describe the change and the conditions.",
            );
            return true;
        }
        if person.is_some() {
            return false;
        }
    }
    false
}

/// Whether `lead`, an item's text before a hit, is an act the hit is joined to:
/// "Continued the diagnosis alone and " (a capitalised past, no clause boundary, "and").
fn joined_to_an_opening_act(lead: &str) -> bool {
    let lead = lead.trim();
    let first = lead.split_whitespace().next().unwrap_or("");
    first.len() > 4
        && first.starts_with(|c: char| c.is_ascii_uppercase())
        && first.ends_with("ed")
        && (lead.ends_with(" and") || lead.ends_with(" and then"))
        && !lead.contains(['.', ';', ':', '|'])
}

/// Whether a person reference singles out one person (a name, a handle, he or she).
fn named(kind: PersonKind) -> bool {
    kind.is_named()
}

fn on_phrase(ctx: &Context<'_>, hit: &PhraseHit, out: &mut Report<'_>) {
    let (trigger, harm) = HARMS[hit.trigger];
    if harm == Owned {
        return owned_change(ctx, hit, out);
    }
    // A mark's act may open the list item or table cell: "| Dana | Pushed a *bad* config |".
    // So may an earlier act the hit's is joined to: "| Roux | Continued alone and did not
    // inform …|".
    let block = &ctx.doc.masked[hit.block.clone()];
    let joined = joined_to_an_opening_act(&ctx.doc.masked[hit.block.start..hit.range.start]);
    let opening = if harm == Mark || joined {
        let start = hit.block.start + (block.len() - block.trim_start().len());
        PhraseHit { range: start..start, ..hit.clone() }
    } else {
        hit.clone()
    };
    if !worth_reading(&ctx.doc.masked, hit, trigger, harm)
        || !(could_name_someone(&ctx.doc.masked, hit, harm, &ctx.who())
            || (opens_list_item(ctx.doc.text, &opening) && lead_in_names_someone(ctx, &opening, &ctx.who())))
    {
        return;
    }
    let sentence = ctx.sentence(hit);
    let Some(t_index) = sentence.token_at(hit.range.start) else {
        return;
    };
    let tokens = &sentence.tokens;
    let who = ctx.who();
    let last = tokens.iter().rposition(|t| t.start < hit.range.end).unwrap_or(t_index);
    // A word that makes an act wrong: the act is the nearest verb before it in its clause
    // ("Wen *applied* the wrong manifest"), or in a relative clause after it.
    // "a typo by Emre": a noun of fault with its person.
    // "Rafael's typo in the DNS record": a possessive makes it one too.
    let possessed = t_index.checked_sub(1).is_some_and(|i| {
        let l = tokens[i].lower();
        l.ends_with("'s") || crate::lexicon::SINGLING_POSSESSIVES.contains(&l.as_str())
    });
    if trigger == "typo" && (possessed || next_word(tokens, last).is_some_and(|(_, t)| t.lower() == "by")) {
        return fault(ctx, tokens, t_index, hit, &who, out);
    }
    match harm {
        // Once: the act's own trigger may have read this agent already.
        Agent => {
            if !out.has_overlapping(&(tokens[t_index.saturating_sub(10)].start..hit.range.end)) {
                agent_of_any_verb(ctx, tokens, t_index, &who, out);
            }
            return;
        }
        Decision => return decision(ctx, tokens, t_index, last, hit, &who, out),
        OneWho => return one_who(ctx, tokens, t_index, last, &who, out),
        Ensuing => return ensuing(ctx, tokens, t_index, last, trigger, &who, out),
        Reason => return reason(ctx, tokens, t_index, last, &who, out),
        Consequence => return consequence(ctx, tokens, t_index, last, &who, out),
        LiesWith => return lies_with(ctx, tokens, hit.range.start, last, &who, out),
        _ => {}
    }
    let act_word: String;
    let mark = (harm == Mark).then_some(trigger);
    let (trigger, harm, t_index, last, act) = if harm == Mark {
        let Some(v) = act_of_mark(tokens, t_index, trigger) else {
            // "The bad config came from Kenji": a defect with no act, and its source.
            // "the production secret was pasted into the team chat by Kiprono": a secret
            // exposed (see [`worth_reading`]), likewise.
            let brought_in = DEFECT_MARKS.contains(&trigger) || SECRETS.contains(&trigger);
            if brought_in && !source_named(tokens, tokens[t_index].start, last, &who, out) {
                // "traced to a bad override pushed at 19:40 by Andile": the defect's own
                // participle, with its agent.
                let clause_end = (last + 1..tokens.len().min(last + 14))
                    .find(|&i| matches!(tokens[i].text, "," | ";" | "." | ":" | "(" | ")"))
                    .unwrap_or(tokens.len().min(last + 14));
                // Acts that bring a defect in, not ones that deal with it ("the bad node
                // was restarted by Dana").
                const BROUGHT_IN: &[&str] = &[
                    "pushed",
                    "applied",
                    "deployed",
                    "merged",
                    "shipped",
                    "committed",
                    "published",
                    "released",
                    "installed",
                    "added",
                    "set",
                    "configured",
                    "enabled",
                    "copied",
                    "pasted",
                    "posted",
                    "shared",
                    "entered",
                    "typed",
                    "uploaded",
                    "written",
                    "edited",
                    "changed",
                    "approved",
                ];
                let participle = (last + 1..clause_end).find(|&i| BROUGHT_IN.contains(&tokens[i].lower().as_str()));
                if let Some(by) = participle.and_then(|p| (p + 1..clause_end).find(|&i| tokens[i].lower() == "by")) {
                    agent(ctx, tokens, by, &who, true, out);
                }
            }
            if matches!(trigger, "without" | "with no") {
                nominal_act_without(ctx, tokens, t_index, last, &opening, &who, out);
            }
            return;
        };
        // "Mrs. Yusuf, a trader in Kano, was debited twice": the person the act was done
        // to, unless a "by" names who did it.
        let passive = v > 0 && matches!(tokens[v - 1].lower().as_str(), "was" | "were" | "been" | "being" | "got");
        if passive && agent_after(tokens, v).is_none() && agent_after(tokens, last).is_none() {
            return;
        }
        act_word = tokens[v].lower().as_str().to_string();
        // The act's own range; a phrasal act ("rolled out") is one word short, which is enough.
        (act_word.as_str(), Wrongly, v, v, tokens[v].range())
    } else {
        (trigger, harm, t_index, last, hit.range.clone())
    };
    match harm {
        Fault => return fault(ctx, tokens, t_index, hit, &who, out),
        Cleft => return cleft(ctx, tokens, t_index, last, &who, out),
        _ => {}
    }
    // An omission told in the passive, with its agent: "the runbook was never updated by
    // Marek", "had never been renewed by Ilse", "was not checked by Ines".
    if harm == Omission && passive_omission(tokens, t_index, last, trigger) {
        if let Some(by) = agent_after(tokens, last) {
            agent(ctx, tokens, by, &who, true, out);
        }
        return;
    }
    // A passive with its agent: "the warning was ignored by Bartek", "published in MDM by
    // Paweł".
    if matches!(harm, Act | Destroy | Safeguard | Wrongly | Cause | Through) {
        if let Some(by) = agent_after(tokens, last) {
            // "The warning banner was switched off by Wen": the safeguard is the subject.
            let safeguard_switched_off = harm == Safeguard
                && t_index > 0
                && matches!(tokens[t_index - 1].lower().as_str(), "was" | "were" | "been" | "got")
                && tokens[..t_index].iter().any(|t| SAFEGUARDS.contains(&t.lower().as_str()));
            if agent(ctx, tokens, by, &who, safeguard_switched_off, out) {
                return;
            }
        }
    }

    // The act's verb, for telling people from things by what they did.
    let verb_word = match harm {
        Omission if trigger.starts_with("not ") => tokens[last].lower().as_str().to_string(),
        Omission => next_word(tokens, last).map_or(String::new(), |(_, t)| t.lower().as_str().to_string()),
        Accident | Chose => next_word(tokens, last).map_or(String::new(), |(_, t)| t.lower().as_str().to_string()),
        _ => trigger.to_string(),
    };
    let verb_at = t_index;

    // The verb group starts at the trigger; a copula before it belongs to it ("Dana was
    // to blame", "he is responsible").
    let mut start = verb_at;
    if start > 0 && matches!(tokens[start - 1].lower().as_str(), "was" | "is" | "were" | "are" | "been") {
        start -= 1;
    }
    // "Dana did not break it": the act denied.
    // "Marco should not have restarted it" says he did: hindsight, not a denial.
    let hindsight = start >= 3
        && tokens[start - 1].lower() == "have"
        && matches!(tokens[start - 2].lower().as_str(), "not" | "shouldn't")
        && (tokens[start - 2].lower() == "shouldn't" || tokens[start - 3].lower() == "should");
    let denied = harm != Omission && !hindsight && tokens[start.saturating_sub(3)..start].iter().any(is_negation);
    if denied {
        return;
    }
    // "Sione bumped the pool size, which took the primary down": the act's doer is the
    // earlier clause's subject.
    // "…, which then leaked": a time word between.
    // "…, which is what took checkout down": the cleft's "is what" between.
    let mut before_act = start.checked_sub(1);
    while let Some(b) = before_act.filter(|&b| {
        b > 0
            && matches!(
                tokens[b].lower().as_str(),
                "then" | "later" | "eventually" | "soon" | "promptly" | "quickly" | "also" | "immediately"
            )
            || b > 1 && tokens[b].lower() == "what" && matches!(tokens[b - 1].lower().as_str(), "is" | "was")
    }) {
        before_act = Some(if tokens[b].lower() == "what" { b - 2 } else { b - 1 });
    }
    let which = before_act.filter(|&w| {
        tokens[w].lower() == "which"
            && w > 0
            && tokens[w - 1].text == ","
            && matches!(harm, Cause | Through | Down | Act)
    });
    // "- 17:03 Jörg: deleted the old pool before v4 was healthy": a timeline row's speaker,
    // before a colon, did the act that opens what follows it.
    let speaker = (which.is_none() && !matches!(harm, Through | Cause | Reason | Decision | Fault | Cleft | OneWho))
        .then(|| row_speaker(ctx, tokens, start, &who))
        .flatten()
        .filter(|_| harm_holds(trigger, harm, mark, tokens, t_index, last).is_some_and(|thing| !thing));
    if let Some(speaker) = speaker {
        out.add(
            speaker.start..act.end,
            "Names a person as the one who broke or missed something: name the role and describe the conditions.",
        );
        return;
    }
    let subject = match which {
        Some(w) => grammar::clause_subject_before(tokens, w - 1, &who),
        None => grammar::subject_before(tokens, start, Some(&verb_word), &who),
    };
    let Some(mut subject) = subject else {
        // "- Ravi:\n  - deleted the orders table": a list item whose act's subject is
        // the name that leads the list in.
        // "| J.-B. Roux | Continued alone and did not inform …": or an earlier act of the
        // same item, joined by "and" (see [`joined_to_an_opening_act`]).
        if which.is_none()
            && (joined
                || tokens[..start].iter().all(|t| !t.is_word() || matches!(t.lower().as_str(), "and" | "then" | "also")))
            && !matches!(harm, Through | Cause | Reason | Decision | Fault | Cleft | OneWho)
            && harm_holds(trigger, harm, mark, tokens, t_index, last).is_some_and(|thing| !thing)
            // The act opens the item, not the mark: "| Renata | Ran the script *against prod* |".
            && lead_in_names_someone(
                ctx,
                &if joined { opening.clone() } else { PhraseHit { range: act.clone(), ..hit.clone() } },
                &who,
            )
        {
            let message = if in_table_row(ctx.doc.text, hit) {
                "Names a person (in the cell before) as the one who broke or missed something: name the role and \
                 describe the conditions."
            } else {
                "Names a person (who leads this list in) as the one who broke or missed something: name the role \
                 and describe the conditions."
            };
            out.add(act, message);
        }
        return;
    };
    if subject.person.is_none() && subject.possessor.is_none() && which.is_none() {
        // The act's object must follow it: "Pods manually deleted on the nodes" is a
        // headline's passive, not a person's act.
        let act_end = if harm == Accident { next_word(tokens, last).map(|(i, _)| i) } else { Some(last) };
        // ("Pod killed, releasing file watches": not across a comma.)
        let object = act_end.and_then(|i| tokens.get(i + 1)).filter(|t| t.is_word()).map(|t| t.lower());
        if object.is_some_and(|o| !grammar::is_preposition(&o) && !matches!(o.as_str(), "by" | "to" | "and" | "or")) {
            subject.person = unknown_surname(tokens, &subject, harm, &who);
        }
        // "Nomvula's script dropped the table": the owner a name no list knows.
        if subject.person.is_none() {
            subject.possessor = who.document.and_then(|people| {
                tokens
                    .iter()
                    .filter(|t| t.start >= subject.range.start && t.end <= subject.range.end)
                    .find(|t| {
                        let l = t.lower();
                        t.is_capitalised()
                            && (l.ends_with("'s") || l.ends_with("\u{2019}s"))
                            && unknown_name(people, &who, t.text)
                    })
                    .map(|t| (PersonKind::Name, t.range()))
            });
        }
    }
    // Only now, with a person or a person's thing as the subject, is the rest of the clause
    // read for harm: most hits of these words have neither.
    let person_named = subject.person.as_ref().is_some_and(|(kind, _)| named(*kind));
    let owner_named = subject.person.is_none() && subject.possessor.as_ref().is_some_and(|(kind, _)| named(*kind));
    if !(person_named || owner_named) {
        // "The rule that deleted the events had been added by Hyun-woo": the harm in the
        // subject, the person as the agent of the clause's passive.
        if matches!(harm, Act | Destroy | Through) {
            for by in (last + 1..tokens.len()).filter(|&i| tokens[i].lower() == "by") {
                if agent(ctx, tokens, by, &who, false, out) {
                    return;
                }
            }
        }
        // "The deploy that broke bookings was Taufa's", "the change that caused it came
        // from Kenji": the harm in the subject's relative clause, the person its source.
        let relative = subject.elided && which.is_none();
        if relative
            && matches!(harm, Act | Destroy | Through | Cause | Down)
            && harm_holds(trigger, harm, mark, tokens, t_index, last).is_some()
            && source_named(tokens, subject.range.start, last, &who, out)
        {
            return;
        }
        // "The alarm was acknowledged by Nyokabi and then closed without any action": the
        // act shares the agent of the passive it is joined to.
        let joined = t_index.checked_sub(1).is_some_and(|i| {
            let l = tokens[i].lower();
            l == "and" || (l == "then" && i > 0 && tokens[i - 1].lower() == "and")
        });
        if joined && harm == Wrongly && harm_holds(trigger, harm, mark, tokens, t_index, last).is_some() {
            for by in (0..t_index).filter(|&i| tokens[i].lower() == "by" && tokens[i].start >= subject.range.end) {
                if agent(ctx, tokens, by, &who, true, out) {
                    return;
                }
            }
        }
        return;
    }
    let Some(only_through_a_thing) = harm_holds(trigger, harm, mark, tokens, t_index, last) else {
        return;
    };
    // "Nova reboots every gateway at once rather than in batches", "Jarvis deploys exports
    // with no canary": a habit told in the present, of a word the document also uses as a
    // thing ("through Nova").
    let habit = (matches!(mark, Some("instead of" | "rather than" | "without" | "with no" | "with zero" | "at once"))
        || mark.is_some_and(|m| m.starts_with("no ")))
        && trigger.ends_with('s')
        && subject.person.as_ref().is_some_and(|(_, p)| {
            who.document.is_some_and(|people| people.evidence(&ctx.doc.text[p.clone()]).thing > 0)
        });
    if habit {
        return;
    }
    if let Some((kind, person)) = subject.person.clone() {
        // "Make Otto drop its row locks": what a follow-up asks of a thing or a person, not
        // what they did.
        let asker = |w: &str| matches!(w.to_lowercase().as_str(), "make" | "let" | "have" | "help" | "get");
        let asked = tokens.iter().rposition(|t| t.end <= person.start).is_some_and(|i| asker(tokens[i].text))
            || ctx.doc.text[person.clone()].split_whitespace().next().is_some_and(asker);
        if asked {
            return;
        }
        // An unknown capitalised word is taken for a person only for acts only people
        // do; an omission ("Prow did not respond") says too little.
        // What a thing did is the person's only through their earlier act: "Aroha
        // restarted the nodes, which emptied the pool" (not "froze the deploys, which
        // blocked the release": holding things up is often the point).
        // So is one joined by "and" to their earlier act: "Min-jun re-ran the import in
        // the morning rush and locked the table" (not "stopped the import and locked …").
        let and_their_act = subject.elided
            && tokens[..t_index].iter().rev().find(|t| t.is_word()).is_some_and(|t| t.lower() == "and")
            && tokens
                .iter()
                .enumerate()
                .take(t_index)
                .skip_while(|(_, t)| t.start < subject.range.end)
                .find(|&(i, _)| is_act(tokens, i))
                .is_some_and(|(_, t)| !helps(&t.lower()));
        let through_their_act =
            (which.is_some() || and_their_act) && !matches!(trigger, "blocked" | "delayed" | "slowed" | "evicted");
        if !named(kind)
            || (kind == PersonKind::ProperNoun && harm == Omission)
            || (harm == Through && !through_their_act)
            || only_through_a_thing
        {
            return;
        }
        // "Liam pushed a config and caused the outage": the name stands in the earlier
        // clause; the finding points at what it is said to have done.
        let range = if subject.elided { act.clone() } else { person.start..act.end };
        // "Nasrin pasted the key into the wiki, which then leaked": the earlier clause's
        // finding already names her.
        if which.is_some() && out.has_overlapping(&person) {
            return;
        }
        let d = out.add(
            range,
            "Names a person as the one who broke or missed something: name the role and describe the conditions.",
        );
        // The role is a guess the author confirms; a pronoun gets the same wording.
        let new = reframe::case_for_position(starts_sentence(tokens, person.start), "the on-call engineer");
        d.fixes.extend(reframe::rewrite(ctx.doc, "Name the role instead of the person", person, new));
        return;
    }
    // "Akosua's migration locked the table": a thing of theirs did the harm.
    if let Some((kind, owner)) = subject.possessor {
        if !named(kind) || matches!(harm, Omission | Accident) {
            return;
        }
        // "Lucas's typo in the allowlist blocked …", "Arjun's decision to skip …": the noun
        // of fault or choice has its own finding (see [`fault`] and [`decision`]).
        let faulted = tokens.iter().filter(|t| t.start >= subject.range.start && t.end <= subject.range.end).any(|t| {
            let l = t.lower();
            matches!(l.as_str(), "typo" | "decision" | "choice")
                || HARMS.iter().any(|(p, h)| *h == Fault && *p == l.as_str())
        });
        // (A change of theirs whose act no table knows may have been read already: see
        // [`owned_change`].)
        if !faulted {
            report_owners_thing(ctx, tokens, owner, act.end, out);
        }
    }
}

/// Whether what the clause says after the trigger makes it harm (see [`Harm`]), and
/// whether only a person's thing, not the person, can be said to have done it.
fn harm_holds(
    trigger: &str,
    harm: Harm,
    mark: Option<&str>,
    tokens: &[Token<'_>],
    t_index: usize,
    last: usize,
) -> Option<bool> {
    let mut only_through_a_thing = false;
    match harm {
        // "Chen Hao not check the alias": the verb is the trigger's last word.
        Omission if trigger.starts_with("not ") => {}
        Omission => {
            let (mut v, verb) = next_word(tokens, last)?;
            let mut verb = verb.lower();
            // "did not even check", "didn't bother to", "never once tested".
            while matches!(verb.as_str(), "even" | "once" | "properly" | "actually" | "really" | "bother" | "to") {
                let (n, t) = next_word(tokens, v)?;
                v = n;
                verb = t.lower();
            }
            // "never ran the check": a past after "never" is read as its duty's base;
            // "never re-ran the warm-up": done again, the same duty.
            let again = done_again(&verb);
            let base = (trigger == "never")
                .then(|| crate::verbs::lookup(again).filter(|f| f.past == again).map(|f| f.base.clone()))
                .flatten();
            // "never ran into the limit", "never ran out": not the duty.
            let phrasal = base.is_some()
                && next_word(tokens, v).is_some_and(|(_, n)| {
                    let n = n.lower();
                    // "never handed over the renewal" is the duty itself.
                    (grammar::is_preposition(&n) && !(n == "over" && base.as_deref() == Some("hand")))
                        || matches!(n.as_str(), "out" | "up" | "away" | "off")
                });
            let base = base.filter(|_| !phrasal);
            // "never turned it back on", "did not switch the alarm back on": a switch put
            // back is the duty of re-enabling.
            let put_back = PUT_BACK.contains(&verb.as_str())
                && put_back_after(tokens[v + 1..].iter().filter(|t| t.is_word()).map(|t| t.text));
            // "did not set a lock timeout", "never enabled the disk alert": a safeguard not
            // put in place.
            let set_up = SETS_UP.contains(&verb.as_str())
                && object_words(tokens, v, 5).iter().any(|w| SAFEGUARDS.contains(&w.as_str()));
            let listed = put_back
                || set_up
                || crate::lexicon::is_duty(&verb)
                || base.as_deref().is_some_and(crate::lexicon::is_duty);
            // "failed to"/"neglected to" with any act a person does.
            // "forgot to merge the fix": forgetting is a person's whatever the act; "failed
            // to" also says what happened to users ("failed to log in").
            let forgotten =
                matches!(trigger, "neglected to" | "forgot to" | "omitted to" | "forgets to" | "neglects to")
                    && verb.chars().all(|c| c.is_alphabetic() || c == '-');
            let agentive =
                forgotten || (matches!(trigger, "failed to" | "fails to") && crate::lexicon::is_human_verb(&verb));
            // "did not register the change, so nobody knew the limiter was off": any act
            // left undone, when the sentence says what that did.
            if !(listed || agentive || consequence_follows(tokens, v) || so_after(tokens, v)) {
                return None;
            }
            // "never" and "had not" take a participle ("never tested", "had not checked").
            let perfect = matches!(trigger, "never" | "had not" | "hadn't");
            if perfect && !(verb.ends_with("ed") || crate::verbs::is_participle(&verb) || base.is_some()) {
                return None;
            }
        }
        // "broke the deadlock", "broke the news": breaking that frees or tells.
        Act if matches!(trigger, "broke" | "breaks" | "break") => {
            let words = object_words(tokens, last, 3);
            if words.iter().any(|w| BROKEN_FOR_GOOD.contains(&w.as_str())) {
                return None;
            }
        }
        // The act after the adverb: "accidentally deleted", "mistakenly ran".
        Accident => {
            next_word(tokens, last)?;
        }
        Down => {
            let words = object_words(tokens, last, 6);
            let particle = words.iter().any(|w| matches!(w.as_str(), "down" | "offline" | "over" | "out"));
            let taken = match trigger {
                // "took out the whole line": all of something, out.
                "took" | "takes" => {
                    // (Not a trouble measure brought down: "took the backlog down".)
                    words.iter().position(|w| matches!(w.as_str(), "down" | "offline")).is_some_and(|i| {
                        !words[..i].iter().any(|w| BAD_MEASURES.contains(&w.as_str()) || w == "queue")
                    })
                        // "took the duplicate check out of the app": a safeguard removed.
                        || words.iter().position(|w| w == "out").is_some_and(|i| {
                            words[..i].iter().any(|w| SAFEGUARDS.contains(&w.as_str()))
                        })
                        || (words.iter().any(|w| w == "out")
                            && words
                                .iter()
                                .any(|w| matches!(w.as_str(), "whole" | "entire" | "all" | "every" | "both")))
                }
                // "turned the alert off": a safeguard switched off, the particle after it.
                "turned" | "switched" => words.iter().position(|w| w == "off").is_some_and(|i| {
                    words[..i].iter().any(|w| SAFEGUARDS.contains(&w.as_str())) && !words[..i].contains(&"it".into())
                }),
                // "let the certificate expire", "allowed the disk to fill up".
                // "let the rotation ticket sit for three days" (not "let the job sit idle").
                "let" | "allowed" => words.iter().enumerate().skip(1).take(5).any(|(i, w)| {
                    LAPSES.contains(&w.as_str())
                        && (w != "sit" || words[..i].iter().any(|o| SAT_ON.contains(&o.as_str())))
                }),
                "knocked" | "knocks" => words.iter().any(|w| matches!(w.as_str(), "over" | "out" | "offline" | "down")),
                // "Priya's fix brought the error rate down": a trouble measure brought down
                // is the impact easing.
                _ => {
                    let down = words.iter().position(|w| w == "down");
                    particle
                        && down.is_some_and(|i| {
                            !words[..i].iter().any(|w| BAD_MEASURES.contains(&w.as_str()) || w == "queue")
                        })
                }
            };
            if !taken {
                return None;
            }
        }
        Left => {
            let words = object_words(tokens, last, 9);
            // Past "when" and "after", which end the object: to the end of the sentence.
            let sentence: Vec<String> = tokens[last + 1..]
                .iter()
                .take_while(|t| !matches!(t.text, "." | ";" | "!" | "?"))
                .filter(|t| t.is_word())
                .take(14)
                .map(|t| t.lower().as_str().to_string())
                .collect();
            if left_exposed(&words) || left_on_past_its_use(&sentence) || words.iter().any(|w| w.starts_with("half-")) {
                return Some(false);
            }
            // "left the consumers on the old password".
            let behind = words
                .windows(3)
                .any(|w| matches!(w[0].as_str(), "on" | "at") && w[1] == "the" && LEFT_BEHIND.contains(&w[2].as_str()));
            let harmful = behind
                || words.iter().any(|w| LEFT_BROKEN.contains(&w.as_str()))
                // "in test-bypass mode": any part of a compound mode.
                || words.windows(2).any(|w| {
                    let mode = w[0].as_str();
                    (LEFT_MODES.contains(&mode) || mode.split('-').any(|part| LEFT_MODES.contains(&part))) && w[1] == "mode"
                });
            if !harmful {
                return None;
            }
        }
        Destroy => {
            let words = with_antecedent(object_words(tokens, last, 6), tokens, t_index);
            // "reset the plate-ID sequence on the primary": what a reset loses is its own
            // object's ("reset the password of the service account" loses nothing).
            if trigger == "reset" {
                const LOST_BY_A_RESET: &[&str] =
                    &["sequence", "sequences", "counter", "counters", "offsets", "table", "database", "data", "index"];
                let object = words.iter().take_while(|w| !grammar::is_preposition(w));
                if !object.into_iter().any(|w| LOST_BY_A_RESET.contains(&w.as_str())) {
                    return None;
                }
            }
            // "accidentally deleted": the adverb's finding says it.
            if accident_before(tokens, t_index) {
                return None;
            }
            // "purged the account paths from the CDN, which stopped the leak": what it did
            // was the repair.
            let repaired = tokens[last + 1..].windows(2).take_while(|w| !matches!(w[0].text, "." | ";")).any(|w| {
                w[0].lower() == "which"
                    && matches!(
                        w[1].lower().as_str(),
                        "stopped" | "ended" | "fixed" | "resolved" | "cleared" | "restored" | "closed" | "contained"
                    )
            });
            // "yanked 3.2.1 and then deleted its files", "revoked the token and deleted the
            // leaked key": clearing out what an act of containment just took out of use.
            let contained = (t_index.saturating_sub(12)..t_index).any(|i| {
                matches!(
                    tokens[i].lower().as_str(),
                    "yanked" | "revoked" | "quarantined" | "isolated" | "unpublished" | "pulled"
                )
            }) && tokens[t_index.saturating_sub(3)..t_index].iter().any(|t| t.lower() == "and")
                && words.iter().take(3).any(|o| {
                    matches!(o.as_str(), "its" | "their" | "leaked" | "malicious" | "compromised" | "exposed")
                });
            if repaired || contained {
                return None;
            }
            // "dropped the corrupted partitions", "deleted the stuck jobs": clearing up;
            // "overwrote the column with the right values": repairing.
            if words.iter().take(4).any(|w| CLEARED.contains(&w.as_str()))
                || object_words(tokens, last, 12)
                    .windows(2)
                    .any(|w| w[0] == "the" && matches!(w[1].as_str(), "right" | "correct"))
            {
                return None;
            }
            // "deleted the affected versions from the database": what was destroyed comes
            // before "from".
            let words = &words[..words.iter().position(|w| w == "from").unwrap_or(words.len())];
            // "removed the step that checked for a lock": what guarded, in its relative clause.
            let hits = |w: &String| {
                DESTROYED.contains(&w.as_str())
                    || SAFEGUARDS.contains(&w.as_str())
                    || matches!(
                        w.as_str(),
                        "checked"
                            | "validated"
                            | "verified"
                            | "guarded"
                            | "protected"
                            | "compares"
                            | "compared"
                            | "checks"
                            | "validates"
                            | "verifies"
                            | "guards"
                            | "protects"
                    )
            };
            // "the force-push of João Victor removed it": what "it" is, is said before; a
            // person's change removing it is harm, a person removing it may be cleanup.
            let pronoun_object = words.first().is_some_and(|w| matches!(w.as_str(), "it" | "them" | "the" | "this"))
                && words.iter().take(2).any(|w| matches!(w.as_str(), "it" | "them" | "fix" | "change" | "patch"));
            if !(words.iter().any(hits) || done_wrongly(words) || consequence_follows(tokens, last)) {
                if !pronoun_object {
                    return None;
                }
                only_through_a_thing = true;
            }
        }
        Safeguard => {
            let words = with_antecedent(object_words(tokens, last, 6), tokens, t_index);
            // "accidentally deleted": the adverb's finding says it.
            if accident_before(tokens, t_index) {
                return None;
            }
            // "muted `ConsumerLagHigh`": what is muted by its name in code is an alert.
            let muted_by_name = matches!(trigger, "muted" | "mutes" | "silenced" | "silences" | "snoozed" | "snoozes")
                && words.first().is_some_and(|w| w == grammar::CODE_WORD);
            if !(muted_by_name || words.iter().any(|w| SAFEGUARDS.contains(&w.as_str()))) {
                return None;
            }
        }
        Wrongly => {
            // Far enough for a long object: "rushed the SMPP bind configuration change
            // through on Monday night without the usual review".
            let mut words = object_words(tokens, last, 14);
            // "the wrong value which Malte has set": the relative clause's antecedent.
            words.extend(antecedent_words(tokens, t_index));
            // "accidentally deleted": the adverb's finding says it.
            if accident_before(tokens, t_index) {
                return None;
            }
            // "revoked the certificate which the kiosks are still using": the mark says it.
            let in_use = mark.is_some_and(|m| m.starts_with("still "));
            // "ran the backfill on a Saturday morning against the change freeze": the mark
            // named the rule (see [`worth_reading`]), however far after the act it stands.
            let broke_rule = mark.is_some_and(|m| RULE_MARKS.contains(&m) || BREACHES.contains(&m))
                && !words.iter().any(|w| WITH_LEAVE.contains(&w.as_str()));
            // "rebooted the primary during business hours": a disruptive act at the worst time.
            // "upgraded the cluster fourteen minutes before the sale opened".
            let busy = mark.is_some_and(|m| BUSY_TIMES.contains(&m) || m == "before the")
                && DISRUPTIVE.contains(&past_of(trigger).as_str());
            // "swapped the alias before the reindex had finished": any act, too early.
            // ("while" ends the object: the words after it are read for the step under way.)
            let while_words = || -> Vec<String> {
                tokens[last + 1..]
                    .iter()
                    .take_while(|t| !matches!(t.text, "." | ";" | "!" | "?"))
                    .skip_while(|t| t.lower() != "while")
                    .filter(|t| t.is_word())
                    .take(8)
                    .map(|t| t.lower().as_str().to_string())
                    .collect()
            };
            let early = (matches!(mark, Some("before the" | "before")) && premature(&words))
                || (mark == Some("while the")
                    && DISRUPTIVE.contains(&past_of(trigger).as_str())
                    && premature(&while_words()));
            // "pasted the deploy token into a public gist": a secret where others read it.
            let exposed = match mark {
                Some(m) if EXPOSURES.contains(&m) => {
                    object_words(tokens, last, 8).iter().any(|w| SECRETS.contains(&w.as_str()))
                }
                // "pasted the deploy token into #vendor-acme": the secret is the mark, and
                // [`worth_reading`] read where it was put.
                Some(m) => SECRETS.contains(&m),
                _ => false,
            };
            // "sent the disbursement file twice": an act that moves money or data, done again
            // (see [`act_of_mark`]).
            let repeated = mark.is_some_and(|m| REPEATS.contains(&m));
            // "rolled the firmware out to all 48 turbines at once" (see [`worth_reading`]).
            let all_at_once = mark == Some("at once");
            // "pushed the file straight to live" (see [`worth_reading`]).
            let straight = mark.is_some_and(|m| STRAIGHT.contains(&m));
            if !(in_use
                || all_at_once
                || straight
                || broke_rule
                || busy
                || early
                || exposed
                || repeated
                || done_wrongly(&words)
                || consequence_follows(tokens, last))
            {
                return None;
            }
        }
        Cause => {
            let words = object_words(tokens, last, 5);
            // "responsible for the incident *communication*": a duty, not the incident.
            let duty_after = words
                .iter()
                .position(|w| INCIDENT_NOUNS.contains(&w.as_str()) && w != "the")
                .and_then(|i| words.get(i + 1))
                .is_some_and(|n| INCIDENT_DUTIES.contains(&n.as_str()));
            let about_incident = match trigger {
                _ if duty_after => false,
                "is to blame" | "was to blame" | "at fault" => true,
                // "Ravi is the reason the site went down": what went wrong after it.
                t if t.ends_with("reason") || t.ends_with("why") => {
                    let words = object_words(tokens, last, 8);
                    !words.iter().any(|w| matches!(w.as_str(), "not" | "never" | "no"))
                        && words.iter().enumerate().any(|(i, w)| {
                            (OUTCOMES.contains(&w.as_str())
                                && !matches!(
                                    w.as_str(),
                                    "outage" | "failure" | "failures" | "5xx" | "500s" | "502s" | "503s"
                                ))
                                || (w == "down" && i > 0 && matches!(words[i - 1].as_str(), "went" | "go" | "was"))
                        })
                }
                t if t.starts_with("started the") || t.starts_with("kicked off the") => true,
                // "responsible for the bad migration".
                _ if words.iter().take(4).any(|w| BAD.contains(&w.as_str())) => true,
                _ => {
                    words.iter().take(4).any(|w| INCIDENT_NOUNS.contains(&w.as_str()) && w != "the")
                        || words.first().is_some_and(|w| w == "the")
                            && words.iter().skip(1).take(3).any(|w| INCIDENT_NOUNS.contains(&w.as_str()))
                }
            };
            if !about_incident {
                return None;
            }
        }
        Undo => {
            let words = object_words(tokens, last, 8);
            // "reverted the fix", "re-enabled the flag that caused the crash" (not "reverted
            // the bad deploy", which is the repair).
            let repair_undone = words.iter().take(3).any(|w| REPAIR_OBJECTS.contains(&w.as_str()));
            let rel = tokens[last + 1..].iter().take(8).position(|t| matches!(t.lower().as_str(), "that" | "which"));
            let brings_back = rel.is_some_and(|r| {
                tokens[last + 1 + r..]
                    .iter()
                    .take(5)
                    .any(|t| matches!(t.lower().as_str(), "caused" | "broke" | "crashed" | "started" | "triggered"))
            });
            // "reverted the fix because it made things worse": a reason given.
            let reasoned = tokens[last + 1..].iter().any(|t| matches!(t.lower().as_str(), "because" | "since" | "as"));
            if reasoned || words.iter().any(|w| BAD.contains(&w.as_str())) || !(repair_undone || brings_back) {
                return None;
            }
        }
        // "decided to skip the canary".
        Chose => {
            let (_, verb) = next_word(tokens, last)?;
            if !HARMFUL_CHOICES.contains(&verb.lower().as_str()) {
                return None;
            }
        }
        // "overwrote the column with the right values": a repair.
        Act if trigger.starts_with("overwr") => {
            let words = object_words(tokens, last, 12);
            if words.windows(2).any(|w| w[0] == "the" && matches!(w[1].as_str(), "right" | "correct")) {
                return None;
            }
        }
        Act | Through | Owned => {}
        Fault | Cleft | Mark | Decision | Reason | Consequence | OneWho | Ensuing | LiesWith | Agent => return None,
    }
    Some(only_through_a_thing)
}

/// Whether the sentence goes on, after token `last`, to what an act left undone led to:
/// "did not start the drain script, *so* the backlog sat flat", "…, *which meant* nobody
/// had a plan" (not "so that", a purpose).
fn so_after(tokens: &[Token<'_>], last: usize) -> bool {
    let sentence = tokens[last + 1..].iter().take_while(|t| !matches!(t.text, "." | ";" | "!" | "?"));
    let words: Vec<_> = sentence.map(|t| t.lower()).collect();
    words.windows(3).any(|w| {
        w[0].as_str() == ","
            && (w[1].as_str() == "so" && !matches!(w[2].as_str(), "that" | "far")
                || (w[1].as_str() == "which" && matches!(w[2].as_str(), "meant" | "means"))
                || w[1].as_str() == "meaning")
    })
}

/// Whether the sentence goes on to say the act did harm: "…, which invalidated every
/// session", "…, causing the outage", "… and took the primary down".
fn consequence_follows(tokens: &[Token<'_>], last: usize) -> bool {
    let words: Vec<_> = tokens[last + 1..].iter().filter(|t| t.is_word()).map(|t| t.lower()).collect();
    words.iter().enumerate().any(|(i, w)| {
        let w = w.as_str();
        let linked = i > 0 && matches!(words[i - 1].as_str(), "which" | "that" | "and" | "so");
        let harm = HARM_WORDS.contains(w)
            || (DESTROY_WORDS.contains(w)
                && words[i + 1..]
                    .iter()
                    .take(4)
                    .any(|o| SAFEGUARDS.contains(&o.as_str()) || DESTROYED.contains(&o.as_str())));
        // "without skipping any step": the harm denied.
        let denied = i > 0 && matches!(words[i - 1].as_str(), "without" | "not" | "never");
        // "…, so for twenty minutes nobody knew the limiter was off": nobody aware.
        let unaware = (w == "nobody" || (w == "no" && words.get(i + 1).is_some_and(|n| n.as_str() == "one")))
            && words[..i].iter().rev().take(5).any(|p| p.as_str() == "so");
        unaware
            || (linked && harm)
            || !denied
                && matches!(
                    w,
                    "causing"
                        | "breaking"
                        | "wiping"
                        | "deleting"
                        | "taking"
                        | "skipping"
                        | "bypassing"
                        | "ignoring"
                        | "overwriting"
                )
    })
}

/// The acts of [`HARMS`] that are harm by themselves or through a person's change (not
/// "triggered", which also starts jobs).
static HARM_WORDS: std::sync::LazyLock<foldhash::HashSet<&'static str>> = std::sync::LazyLock::new(|| {
    HARMS.iter().filter(|(p, h)| matches!(h, Act | Through | Cause) && *p != "triggered").map(|(p, _)| *p).collect()
});

/// The acts of [`HARMS`] that destroy or switch something off.
static DESTROY_WORDS: std::sync::LazyLock<foldhash::HashSet<&'static str>> = std::sync::LazyLock::new(|| {
    HARMS.iter().filter(|(_, h)| matches!(h, Destroy | Safeguard)).map(|(p, _)| *p).collect()
});

/// The lowercase ASCII words of the masked prose from `from` to `to` (within the block).
fn words_between(masked: &str, from: usize, to: usize) -> impl Iterator<Item = &str> {
    masked[masked.floor_char_boundary(from)..masked.floor_char_boundary(to)]
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
}

/// Cheap looks at the words around a hit that rule out most hits of common words before
/// the sentence is read: "set", "took", "never" and "it was" are everywhere, harm is not.
fn worth_reading(masked: &str, hit: &PhraseHit, trigger: &str, harm: Harm) -> bool {
    let after = |reach: usize| words_between(masked, hit.range.end, (hit.range.end + reach).min(hit.block.end));
    let lower_is = |w: &str, set: &[&str]| set.iter().any(|s| w.eq_ignore_ascii_case(s));
    match harm {
        // A person right after ("by Ferreira", "by @bjorn", "by Ms. Rajendran", "by A.
        // Ogunleye") and a participle in the few words before.
        Agent => {
            let next = masked[hit.range.end..hit.block.end].trim_start();
            let person_like = next.starts_with('@') || next.chars().next().is_some_and(char::is_uppercase);
            let from = masked.floor_char_boundary(hit.range.start.saturating_sub(80).max(hit.block.start));
            person_like
                && masked[from..hit.range.start]
                    .split(|c: char| !c.is_alphanumeric() && c != '-')
                    // ("set", "put", "cut": three letters, and participles too.)
                    .any(|w| w.len() >= 3 && (w.ends_with("ed") || w.ends_with("en") || crate::verbs::is_participle(w)))
        }
        // Each act its own particle: "took … down", "turned … off", "let … expire".
        Down => match trigger {
            "turned" | "switched" => after(60).any(|w| w.eq_ignore_ascii_case("off")),
            "let" | "allowed" => after(40).any(|w| lower_is(w, LAPSES)),
            "took" | "takes" => after(60).any(|w| lower_is(w, &["down", "offline", "out"])),
            _ => after(60).any(|w| lower_is(w, &["down", "offline", "over", "out"])),
        },
        Left => after(90).any(|w| {
            lower_is(w, &["up", "at"])
                || lower_is(w, LEFT_BROKEN)
                || lower_is(w, LEFT_BEHIND)
                || lower_is(w, LEFT_STATES)
                || w.eq_ignore_ascii_case("mode")
                || w.get(..5).is_some_and(|h| h.eq_ignore_ascii_case("half-"))
        }),
        // "Because Pedro changed …", "when @mei restarted …", "because of his change": a
        // person right after, then a change, a possessive's thing or a surname.
        Reason => {
            let rest = masked[hit.range.end..hit.block.end].trim_start();
            let mut words = rest.split_whitespace().map(|w| {
                w.trim_matches(|c: char| !(c.is_alphanumeric() || matches!(c, '@' | '\'' | '\u{2019}' | '-')))
            });
            let (Some(person), Some(next)) = (words.next(), words.next()) else { return false };
            let pronoun = lower_is(person, &["he", "she", "his", "her"]);
            if !(pronoun
                || person.starts_with('@')
                || (person.starts_with(char::is_uppercase) && person.chars().nth(1).is_some()))
            {
                return false;
            }
            let possessive =
                lower_is(person, &["his", "her"]) || person.ends_with("'s") || person.ends_with("\u{2019}s");
            possessive
                || next.starts_with(char::is_uppercase)
                || lower_is(next, CHANGES)
                || lower_is(next, &["had", "just", "also", "then", "quietly", "accidentally", "manually"])
                || (next.len() > 5
                    && next.is_char_boundary(next.len() - 3)
                    && next[next.len() - 3..].eq_ignore_ascii_case("ing"))
        }
        // "Arjun's decision to", "her choice to".
        Decision => {
            let before = &masked[masked.floor_char_boundary(hit.range.start.saturating_sub(12))..hit.range.start];
            before.ends_with("'s ")
                || before.ends_with("\u{2019}s ")
                || before.ends_with("his ")
                || before.ends_with("her ")
        }
        // "against the freeze", "despite the warnings": a rule of the team's after it.
        Mark if matches!(trigger, "against the" | "against our") => {
            after(40).take(4).any(|w| lower_is(w, AGAINST_RULES))
        }
        Mark if matches!(trigger, "despite" | "in spite of") => {
            after(40).take(5).any(|w| lower_is(w, TEAM_RULES) || lower_is(w, STOP_SIGNS))
        }
        Mark if matches!(trigger, "although" | "even though") => {
            after(80).take(10).any(|w| lower_is(w, STOP_SIGNS) || lower_is(w, &["never", "not", "hadn't", "wasn't"]))
        }
        // "the deploy token into #vendor-acme": a secret (a noun: not "key metrics") put where
        // others read it.
        Mark if SECRETS.contains(&trigger) => {
            let rest = &masked[hit.range.end..hit.block.end];
            let words: Vec<String> = rest
                .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '(' | ')'))
                .filter(|w| !w.is_empty())
                .take(12)
                .map(|w| w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '#')).to_lowercase())
                .collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let noun = words.first().is_some_and(|w| {
                matches!(*w, "into" | "in" | "to" | "on" | "onto" | "that" | "which" | "was" | "were" | "had")
            });
            noun && put_where_read(&words)
        }
        // (Not "deployed the hotfix during the change freeze".)
        Mark if BREACHES.contains(&trigger) => {
            let from = masked.floor_char_boundary(hit.range.start.saturating_sub(40).max(hit.block.start));
            !words_between(masked, from, hit.range.start).any(|w| lower_is(w, FIXES))
        }
        Mark if STRAIGHT.contains(&trigger) => {
            // (Not a fix rushed out: "deploys it directly to production", "the hotfix
            // straight to prod".)
            let from = masked.floor_char_boundary(hit.range.start.saturating_sub(40).max(hit.block.start));
            let mut object = words_between(masked, from, hit.range.start);
            after(30).take(2).any(|w| lower_is(w, PROD))
                && !object.any(|w| lower_is(w, FIXES) || lower_is(w, &["it", "them"]))
        }
        // "spent his night on the phone instead of at his kid's recital": where a person
        // would rather have been, not a wrong choice of thing.
        Mark if trigger == "instead of" => {
            after(20).next().is_none_or(|w| !grammar::is_preposition(&w.to_ascii_lowercase()))
        }
        // "closed the storage warning as a known issue": a warning dismissed, not a ticket
        // filed for one.
        Mark if trigger.ends_with("known issue") => {
            let from = masked.floor_char_boundary(hit.range.start.saturating_sub(60).max(hit.block.start));
            let before: Vec<&str> = words_between(masked, from, hit.range.start).collect();
            before
                .iter()
                .rev()
                .take(5)
                .any(|w| lower_is(w, &["warning", "warnings", "alert", "alerts", "alarm", "alarms", "page"]))
        }
        Mark if trigger == "knowing" => after(80).take(10).any(|w| lower_is(w, STOP_SIGNS) || lower_is(w, KNOWN_RISKS)),
        Mark if trigger == "in the middle of" => after(30).take(3).all(|w| !lower_is(w, QUIET_TIMES)),
        // "before the sale opened": an event under way, not "before the review".
        Mark if trigger == "before the" => {
            let words: Vec<&str> = after(50).take(5).collect();
            let busy = words.first().is_some_and(|w| lower_is(w, BUSY_EVENTS))
                && words.get(1).is_some_and(|w| lower_is(w, &["opened", "started", "began", "launched", "went"]));
            busy || premature(&words)
        }
        Mark if trigger == "before" => premature(&after(50).take(5).collect::<Vec<_>>()),
        Mark if trigger == "at once" => {
            let from = masked.floor_char_boundary(hit.range.start.saturating_sub(50).max(hit.block.start));
            words_between(masked, from, hit.range.start).any(|w| lower_is(w, &["all", "every", "everywhere", "whole"]))
        }
        Mark if trigger == "while the" => premature(&after(60).take(6).collect::<Vec<_>>()),
        Act if trigger == "sat on" => {
            let mut words = after(30);
            let first = words.next().unwrap_or("");
            lower_is(first, &["it", "them"])
                || (lower_is(first, &["the", "that", "this", "a", "an"])
                    && words.next().is_some_and(|w| lower_is(w, SAT_ON)))
        }
        Chose => after(20).next().is_some_and(|w| lower_is(w, HARMFUL_CHOICES)),
        // ", so the route was dead", ", which meant …": a clause of its own after a comma.
        // ", and the portal began rejecting writes": an outcome's onset after ", and".
        Consequence if ONSETS.contains(&trigger) => {
            let before = &masked[masked.floor_char_boundary(hit.range.start.saturating_sub(40))..hit.range.start];
            before.contains(", and ") && after(20).next().is_some_and(|w| w.ends_with("ing"))
        }
        Consequence => {
            let before = &masked[masked.floor_char_boundary(hit.range.start.saturating_sub(6))..hit.range.start];
            before.ends_with(", ") || before.ends_with(", and ")
        }
        // ", duplicating every order": a participle after a comma.
        Ensuing => &masked[masked.floor_char_boundary(hit.range.start.saturating_sub(2))..hit.range.start] == ", ",
        Undo => {
            after(80).any(|w| lower_is(w, REPAIR_OBJECTS) || lower_is(w, &["caused", "broke", "crashed", "triggered"]))
        }
        // "Keoni was the one who": a copula right before.
        OneWho => {
            let before = &masked[masked.floor_char_boundary(hit.range.start.saturating_sub(5))..hit.range.start];
            before.ends_with("was ")
                || before.ends_with("is ")
                || before.ends_with("\u{2019}s ")
                || before.ends_with("'s ")
                // "The person who … was Ravi."
                || masked[hit.range.end..hit.block.end].contains(" was ")
        }
        Cleft => {
            let next = masked[hit.range.end..hit.block.end].trim_start();
            let mut words = after(40);
            let first = words.next().unwrap_or("");
            next.starts_with(|c: char| c.is_uppercase() || c == '@')
                || next.starts_with("him")
                || next.starts_with("her")
                // "it was zoë who said ship it": a name in lowercase, "who" right after.
                || (next.starts_with(char::is_lowercase) && words.next().is_some_and(|w| w == "who"))
                // "It was the Service Desk supervisor, Aroha Ngata, who …".
                || (first == "the" && next[..next.floor_char_boundary(60)].contains(", "))
        }
        Omission if !trigger.starts_with("not ") => {
            let mut words = after(40);
            let mut next = words.next();
            while next.is_some_and(|w| lower_is(w, &["even", "once", "properly", "actually", "really", "bother", "to"]))
            {
                next = words.next();
            }
            let forgotten =
                matches!(trigger, "neglected to" | "forgot to" | "omitted to" | "forgets to" | "neglects to");
            // Any step, when the sentence goes on to say what its omission did (see
            // `harm_holds`): "did not register the change, so nobody knew …".
            let so = || {
                let rest = &masked[hit.range.end..hit.block.end];
                [", so ", ", which meant ", ", which means ", ", meaning "].iter().any(|l| rest.contains(l))
            };
            let back = || put_back_after(after(40));
            so() || next.is_some_and(|w| {
                let w = w.to_ascii_lowercase();
                // "never turned it back on".
                (PUT_BACK.contains(&w.as_str()) && back())
                    || (SETS_UP.contains(&w.as_str()) && after(60).skip(1).take(5).any(|o| lower_is(o, SAFEGUARDS)))
                    || forgotten
                    || crate::lexicon::is_duty(&w)
                    || crate::lexicon::is_human_verb(&w)
                    // "never ran": the duty in the past.
                    || (trigger == "never"
                        && crate::verbs::lookup(&w).is_some_and(|f| f.past == w && crate::lexicon::is_duty(&f.base)))
            })
        }
        Through => {
            // What a person's act did to the incident itself may come a long clause later:
            // "Caio's retry grabbed the lock again just as the rollback finished, and that
            // is what stretched the outage".
            let reach = if trigger.ends_with("outage") || trigger.ends_with("incident") { 160 } else { 80 };
            let from = masked.floor_char_boundary(hit.range.start.saturating_sub(reach).max(hit.block.start));
            let before = &masked[from..hit.range.start];
            before.contains("'s ")
                || before.contains("\u{2019}s ")
                || before.contains(" of ")
                || before.contains(" his ")
                || before.contains(" her ")
                || ["His ", "Her ", "his ", "her "].iter().any(|p| before.trim_start().starts_with(p))
                || relative_clause_shape(before)
                // A passive with its agent: "the rollback was delayed by Kofi".
                || masked[hit.range.end..hit.block.end].starts_with(" by ")
                // Said after to be a person's: "the migration that locked the table was
                // Akosua's" (see [`source_named`]).
                || said_to_be_someones(&masked[hit.range.end..hit.block.end])
                // What the earlier clause's act did: "…, which (is what) emptied the pool", "…
                // and locked the table".
                || [", which", " which is what", " which was what", " that is what", " that was what", " and"]
                    .iter()
                    .any(|w| before.trim_end().ends_with(w))
        }
        // "Root cause: Chidi's edit": a possessive or a handle right after (most root causes
        // name no one, and are not read further).
        LiesWith if cause_named(trigger) => {
            let rest = masked[hit.range.end..hit.block.end].trim_start_matches([':', '*', '_', ' ', '\u{2014}', '-']);
            let word = rest.split_whitespace().next().unwrap_or("").trim_end_matches([',', '.', ';', '*', '_']);
            word.starts_with('@') || word.ends_with("'s") || word.ends_with("\u{2019}s")
        }
        _ => true,
    }
}

/// Whether the text after an act goes on to say whose it was, within its sentence: "… was
/// Akosua's", "… is @mei's".
fn said_to_be_someones(rest: &str) -> bool {
    let sentence = &rest[..rest.find(['.', ';', '!', '?']).unwrap_or(rest.len())];
    [" was ", " is "].iter().any(|v| {
        sentence.match_indices(v).any(|(at, _)| {
            let word = sentence[at + v.len()..].split([' ', ',', ')']).next().unwrap_or("");
            word.starts_with(|c: char| c.is_uppercase() || c == '@')
                && (word.ends_with("'s") || word.ends_with("\u{2019}s"))
        })
    })
}

/// The [`LiesWith`] phrases that name a cause ("root cause", "the main cause was"): a person
/// follows only as the owner of an act.
fn cause_named(trigger: &str) -> bool {
    trigger.ends_with("cause") || trigger.ends_with("cause was") || trigger.ends_with("cause is")
}

/// Whether text before a hit may hold a relative clause whose subject is a person: "that
/// Hamid", "which @mei", or a lowercase word, a capitalised one and a past in -ed ("the
/// rule Anjali added").
fn relative_clause_shape(before: &str) -> bool {
    let mut words = before.split_whitespace();
    let (mut first, mut second) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let capital = |w: &str| w.starts_with(|c: char| c.is_uppercase() || c == '@');
    for third in words.chain([""]) {
        if matches!(first, "that" | "which") && capital(second) {
            return true;
        }
        if capital(second)
            && first.starts_with(|c: char| c.is_lowercase())
            && (third.ends_with("ed") || crate::verbs::lookup(third).is_some_and(|f| f.past == third))
        {
            return true;
        }
        (first, second) = (second, third);
    }
    false
}

/// The past of a verb in any form ("restarts" → "restarted"), or the word itself.
fn past_of(word: &str) -> String {
    crate::verbs::lookup(word).map_or_else(|| word.to_string(), |f| f.past.clone())
}

/// Whether "accidentally", "by mistake" or the like stands right before the act.
fn accident_before(tokens: &[Token<'_>], at: usize) -> bool {
    tokens[at.saturating_sub(3)..at].iter().any(|t| {
        matches!(
            t.lower().as_str(),
            "accidentally"
                | "mistakenly"
                | "inadvertently"
                | "unintentionally"
                | "erroneously"
                | "wrongly"
                | "carelessly"
        )
    })
}

/// "was ignored by Bartek", "published in MDM by Paweł … instead of the canary", "had
/// been added by Hyun-woo": a passive whose agent is a person, in a clause that says harm.
fn agent(
    ctx: &Context<'_>,
    tokens: &[Token<'_>],
    by: usize,
    who: &Who<'_>,
    harm_known: bool,
    out: &mut Report<'_>,
) -> bool {
    agent_read(ctx, tokens, by, who, harm_known, false, out)
}

/// [`agent`] for a passive of any verb ("was copy-pasted by Ferreira"): only what the
/// participle's own clause says after it makes it harm (how it was done, what it did), not
/// an earlier word ("the *broken* certificate was replaced by …") nor the next clause's
/// verb, which has its own reading ("pushed by Ravi *broke* checkout").
fn agent_of_any_verb(ctx: &Context<'_>, tokens: &[Token<'_>], by: usize, who: &Who<'_>, out: &mut Report<'_>) -> bool {
    agent_read(ctx, tokens, by, who, false, true, out)
}

fn agent_read(
    ctx: &Context<'_>,
    tokens: &[Token<'_>],
    by: usize,
    who: &Who<'_>,
    harm_known: bool,
    any_verb: bool,
    out: &mut Report<'_>,
) -> bool {
    let Some((mut p, mut person)) = next_word(tokens, by) else { return false };
    // "approved by Ms. Thenmozhi Rajendran": the name after the title.
    let titled = crate::lexicon::is_title(&person.lower());
    if titled {
        let Some(n) = next_word(tokens, p).filter(|(_, n)| n.is_capitalised()) else { return false };
        (p, person) = n;
    }
    // "triggered by Marius's fuzzer": a thing of theirs, often a tool that found it; but
    // "caused by Ravi's deploy" names the change that did the harm.
    if person.lower().ends_with("'s") || person.lower().ends_with("\u{2019}s") {
        return owned_cause(ctx, tokens, by, p, who, out);
    }
    // The person and their surname or initial: "Bartek", "T. Wróbel", "@k.osei", "Sato-san".
    let mut end = p;
    // ("left in the cache by hang.nguyen": a handle the document writes bare.)
    let singled = if titled
        || person.text.starts_with('@')
        || who.is_handle(person.text)
        || matches!(person.lower().as_str(), "him" | "her")
    {
        true
    } else if person.text.chars().count() == 1 && person.is_capitalised() {
        // An initial: "T. Wróbel".
        let surname = tokens.get(p + 2).filter(|t| tokens[p + 1].text == "." && t.is_capitalised() && t.is_word());
        match surname {
            Some(_) => {
                end = p + 2;
                true
            }
            None => false,
        }
    } else {
        // "by Vusumuzi Ndlovu": a full name no list holds, two name-shaped words.
        let full_name = || {
            let surname = tokens.get(p + 1).filter(|t| t.is_word() && t.is_capitalised());
            name_shaped(person.text)
                && crate::people::name_class(person.text) != crate::people::NameClass::Thing
                && !crate::lexicon::is_not_name(&person.lower())
                && surname.is_some_and(|t| name_shaped(t.text) && !crate::lexicon::is_not_name(&t.lower()))
        };
        person.is_capitalised() && (is_name_here(who, person.text) || full_name())
    };
    if !singled {
        return false;
    }
    while end < p + 2
        && tokens
            .get(end + 1)
            .is_some_and(|t| t.is_word() && t.is_capitalised() && !crate::lexicon::is_not_name(&t.lower()))
    {
        end += 1;
    }
    // A participle before "by", past adverbs and a place: "ignored by", "published in MDM by",
    // "uploaded to the wrong gateway pool by".
    let Some(participle) = (by.saturating_sub(10)..by).rev().find(|&i| {
        let l = tokens[i].lower();
        tokens[i].is_word() && (l.ends_with("ed") || l.ends_with("en") || crate::verbs::is_participle(done_again(&l)))
    }) else {
        return false;
    };
    // (Not "suspended after an abuse report by @lin": the report's agent; see
    // [`agent_after`].)
    if tokens[participle + 1..by].iter().any(|t| matches!(t.text, "," | ";" | "." | ":") || before_a_deed(t)) {
        return false;
    }
    // Harm in the clause: the participle itself, or the words of the sentence around it.
    let participle_word = tokens[participle].lower();
    let harmful_act = HARMS.iter().any(|(phrase, harm)| {
        *phrase == participle_word.as_str() && matches!(harm, Act | Destroy | Cause | Through | Safeguard)
    });
    // The passive's clause: back to the last sentence-like break, on past the agent to
    // the next clause ("… by @ThisIsMissEm, where NodeJS struggles to drop …" stops there).
    let from = tokens[..by].iter().rposition(|t| matches!(t.text, ";" | ":" | "." | "!" | "?")).map_or(0, |i| i + 1);
    let to = tokens[end + 1..]
        .iter()
        .position(|t| {
            matches!(t.text, ";" | "." | ":" | "!" | "?")
                || matches!(t.lower().as_str(), "where" | "which" | "when" | "because" | "while" | "but" | "and")
        })
        .map_or(tokens.len(), |i| end + 1 + i);
    // Any verb: from the participle, to the next clause or a person's own ("…, who merged").
    // A line break ends it too (chat lines go without full stops).
    let (from, to) = if any_verb {
        let text = ctx.doc.text;
        let stop = (end + 1..to).find(|&i| {
            matches!(tokens[i].lower().as_str(), "who" | "whose")
                || text[tokens[i - 1].end..tokens[i].start].contains('\n')
        });
        (participle, stop.unwrap_or(to))
    } else {
        (from, to)
    };
    let words: Vec<String> =
        tokens[from..to].iter().filter(|t| t.is_word()).map(|t| t.lower().as_str().to_string()).collect();
    // "…, never checked against a scanner", "…, skipping the soak stage", "…, removing the
    // step that checks …", "… before the regression run had finished".
    let passed_by = words.iter().enumerate().any(|(i, w)| {
        let next = &words[i + 1..words.len().min(i + 6)];
        match w.as_str() {
            "never" => next.first().is_some_and(|n| COMPLETIONS.contains(&n.as_str())),
            "skipping" | "bypassing" | "ignoring" | "removing" | "disabling" => next
                .iter()
                .any(|n| SAFEGUARDS.contains(&n.as_str()) || AGAINST_RULES.contains(&n.as_str()) || n == "checks"),
            _ => false,
        }
    });
    // "archived unread", "left unsigned", "… and left that way".
    // (Between the participle and its agent: not "done by Vaishnavi, all stuck jobs updated".)
    let left_so = tokens[participle..by].iter().any(|t| {
        let w = t.lower();
        LEFT_BROKEN.contains(&w.as_str()) || matches!(w.as_str(), "unsigned" | "unread")
    }) || tokens[from..]
        .windows(3)
        .any(|w| w[0].lower().as_str() == "left" && w[1].lower().as_str() == "that" && w[2].lower().as_str() == "way");
    // "… commented out by Kiprop while he was testing, and it was never put back": what
    // the act changed, never undone.
    let rest: Vec<String> = tokens[end + 1..]
        .iter()
        .take_while(|t| !matches!(t.text, "." | ";" | "!" | "?"))
        .filter(|t| t.is_word())
        .map(|t| t.lower().as_str().to_string())
        .collect();
    let never_undone = rest.iter().enumerate().any(|(i, w)| {
        w == "never"
            && rest[i + 1..].iter().take(3).any(|n| {
                matches!(
                    n.as_str(),
                    "back" | "restored" | "re-enabled" | "reenabled" | "reverted" | "undone" | "reinstated" | "unmuted"
                        // "rotated by Søren on Friday and never shared with the desk".
                        | "shared" | "communicated" | "announced"
                )
            })
    });
    // "approved by Priya, who didn't run it against a copy of production": the agent's own
    // omission, told in the relative clause after them.
    // (Not what they could not know: "who did not know about the freeze".)
    let then_omitted = tokens.get(end + 1).is_some_and(|t| t.text == ",")
        && tokens.get(end + 2).is_some_and(|t| t.lower() == "who")
        && tokens[end + 3..].iter().take(2).any(is_negation)
        && !tokens[end + 3..].iter().take(4).any(|t| {
            matches!(
                t.lower().as_str(),
                "know" | "knew" | "realise" | "realize" | "have" | "get" | "receive" | "see" | "hear"
            )
        });
    let harm_words = done_wrongly(&words)
        || passed_by
        || never_undone
        || then_omitted
        || left_so
        || (any_verb && consequence_follows(&tokens[..to], end))
        || premature(&words)
        || (!any_verb
            && words
                .iter()
                .any(|w| HARMS.iter().any(|(phrase, harm)| phrase == w && matches!(harm, Act | Destroy | Through))));
    if !(harm_known || harmful_act || harm_words) {
        return false;
    }
    // A helpful act is credit: "was fixed by Ngozi", "restored by Wen".
    if HELPFUL.contains(&participle_word.as_str())
        || matches!(participle_word.as_str(), "restored" | "resolved" | "mitigated" | "handled")
    {
        return false;
    }
    let d = out.add(
        tokens[participle].start..tokens[end].end,
        "Names a person as the one who broke or missed something: name the role and describe the conditions.",
    );
    let new = reframe::case_for_position(false, "the on-call engineer");
    let name = tokens[p].start..tokens[end].end;
    d.fixes.extend(reframe::rewrite(ctx.doc, "Name the role instead of the person", name, new));
    true
}

/// What a participle of harm must hit when it could be a clean-up ("deleting the stale
/// branches"): data, running systems, or everyone's requests.
const ENSUING_VICTIMS: &[&str] = &[
    "every",
    "all",
    "requests",
    "orders",
    "messages",
    "events",
    "users",
    "customers",
    "sessions",
    "payments",
    "rows",
    "traffic",
    "connections",
    "jobs",
    "writes",
    "calls",
    "transactions",
    "bookings",
    "packets",
    "logins",
    "uploads",
];

/// "Ravi ran the backfill twice, duplicating every order": the participle says what the
/// act of the clause before the comma did, and that clause's subject is a named person.
fn ensuing(
    ctx: &Context<'_>,
    tokens: &[Token<'_>],
    t_index: usize,
    last: usize,
    trigger: &str,
    who: &Who<'_>,
    out: &mut Report<'_>,
) {
    let Some(comma) = t_index.checked_sub(1).filter(|&c| tokens[c].text == ",") else { return };
    if tokens[..comma].iter().any(is_negation) {
        return;
    }
    let words = object_words(tokens, last, 6);
    // ", ignoring nothing the runbook asked for": the harm denied.
    if words.iter().take(4).any(|w| CLEARED.contains(&w.as_str()))
        || words.first().is_some_and(|w| matches!(w.as_str(), "nothing" | "no" | "none" | "neither"))
    {
        return;
    }
    let victim = words.iter().any(|w| {
        DESTROYED.contains(&w.as_str()) || SAFEGUARDS.contains(&w.as_str()) || ENSUING_VICTIMS.contains(&w.as_str())
    });
    if matches!(trigger, "dropping" | "deleting" | "locking" | "breaking" | "crashing") && !victim {
        return;
    }
    // ", skipping the canary ring", ", ignoring the change freeze": a safeguard or a
    // team's rule passed by; ", skipping the QA branch": a stage before production.
    if matches!(trigger, "skipping" | "bypassing" | "ignoring" | "disregarding" | "circumventing")
        && !words.iter().any(|w| {
            SAFEGUARDS.contains(&w.as_str())
                || TEAM_RULES.contains(&w.as_str())
                || (trigger != "ignoring" && NOT_PROD.contains(&w.as_str()))
        })
    {
        return;
    }
    let subject = grammar::clause_subject_before(tokens, comma, who);
    let person = subject.as_ref().and_then(|s| s.person.as_ref()).filter(|(kind, _)| named(*kind));
    let owner = subject.as_ref().and_then(|s| s.possessor.as_ref()).filter(|(kind, _)| named(*kind));
    // "| 09:12 | Ahmed Karim loads the mapping into live, skipping the validation step |": a
    // timeline row tells its moment in the present.
    // "- 17:05 Jörg: restarted the router, dropping all sessions": or its speaker.
    let in_the_row = (person.is_none() && owner.is_none())
        .then(|| {
            present_row_subject(ctx, tokens, comma, who).or_else(|| {
                let colon = tokens[..comma].iter().rposition(|t| t.text == ":")?;
                row_speaker(ctx, tokens, colon + 1, who)
            })
        })
        .flatten();
    if let Some(person) = in_the_row {
        // "… loads the mapping straight into live, skipping …": the act's own mark said it.
        if out.has_overlapping(&(person.start..tokens[t_index].end)) {
            return;
        }
        out.add(
            person.start..tokens[t_index].end,
            "Names a person as the one whose act did harm: describe the act and the conditions around it.",
        );
        return;
    }
    if person.is_none() && owner.is_none() {
        // "Firmware 3.2 rolled out to every controller by @bjorn, skipping the soak stage":
        // the passive's agent did it.
        let from = tokens[..comma].iter().rposition(|t| matches!(t.text, ";" | ":" | ".")).map_or(0, |i| i + 1);
        if let Some(by) = (from..comma).rev().find(|&i| tokens[i].lower() == "by") {
            agent(ctx, tokens, by, who, true, out);
        }
        return;
    }
    // "Ravi ran the backfill twice, duplicating every order": the act is named already.
    let clause = subject.as_ref().map_or(tokens[comma].start, |s| s.range.start)..tokens[comma].start;
    if out.has_overlapping(&clause) {
        return;
    }
    out.add(
        tokens[t_index].range(),
        "Names a person as the one whose act did harm: describe the act and the conditions around it.",
    );
}

/// A person's change, as a noun: "Ravi's *deploy*".
const CHANGE_NOUNS: &[&str] = &[
    "change",
    "changes",
    "deploy",
    "deployment",
    "pr",
    "commit",
    "push",
    "merge",
    "script",
    "migration",
    "config",
    "release",
    "rollout",
    "patch",
    "update",
    "edit",
    "typo",
    "query",
];

/// "The outage was caused by Ravi's deploy": the participle of a cause, then a person's
/// change.
fn owned_cause(
    ctx: &Context<'_>,
    tokens: &[Token<'_>],
    by: usize,
    p: usize,
    who: &Who<'_>,
    out: &mut Report<'_>,
) -> bool {
    let owner = &tokens[p];
    if !(owner.text.starts_with('@') || (owner.is_capitalised() && is_name_here(who, owner.text))) {
        return false;
    }
    let Some((_, change)) = next_word(tokens, p) else { return false };
    let Some(participle) = by.checked_sub(1).filter(|&i| {
        matches!(tokens[i].lower().as_str(), "caused" | "triggered" | "introduced" | "started" | "broken")
    }) else {
        return false;
    };
    if !CHANGE_NOUNS.contains(&change.lower().as_str()) || tokens[..participle].iter().any(is_negation) {
        return false;
    }
    let d = out.add(
        tokens[participle].start..change.end,
        "Names a person as the one whose change did harm: describe the change and the conditions around it.",
    );
    d.fixes.extend(reframe::rewrite(ctx.doc, "Drop the person's name", owner.range(), "the".to_string()));
    true
}

/// "The blame lies with Farid", "responsibility rests with @mei": a person named as
/// where the blame belongs; the person right after the phrase ending at token `last`.
fn lies_with(ctx: &Context<'_>, tokens: &[Token<'_>], from: usize, last: usize, who: &Who<'_>, out: &mut Report<'_>) {
    let Some((_, person)) = next_word(tokens, last) else { return };
    if !singles_out(person, who) {
        return;
    }
    let d = out.add(
        from..person.end,
        "Names a person as where the blame lies: describe the action and the conditions around it.",
    );
    let new = reframe::case_for_position(false, "the on-call engineer");
    d.fixes.extend(reframe::rewrite(ctx.doc, "Name the role instead of the person", person.range(), new));
}

/// Whether a word after a phrase singles out one person: a handle, a name (or a name's
/// possessive: [`is_name_here`] reads it bare) or him/her.
fn singles_out(person: &Token<'_>, who: &Who<'_>) -> bool {
    person.text.starts_with('@')
        || (person.is_capitalised() && is_name_here(who, person.text))
        || who.is_handle(person.text)
        || matches!(person.lower().as_str(), "him" | "her")
}

/// "It was Ines who merged it": the cleft singles someone out for an act.
fn cleft(ctx: &Context<'_>, tokens: &[Token<'_>], t_index: usize, last: usize, who: &Who<'_>, out: &mut Report<'_>) {
    // The cleft's "it" starts its clause ("honestly it was zoë who …": after an adverb).
    if t_index > 0
        && tokens[t_index - 1].is_word()
        && !matches!(tokens[t_index - 1].lower().as_str(), "and" | "but" | "so")
        && !(t_index == 1 && tokens[0].lower().ends_with("ly"))
    {
        return;
    }
    let Some((mut p, mut person)) = next_word(tokens, last) else { return };
    // "It was the night supervisor, Aroha Ngata, who …": the name in apposition to a role.
    if person.lower() == "the" {
        let Some(comma) = (p + 1..tokens.len().min(p + 6)).find(|&i| tokens[i].text == ",") else { return };
        let Some(named) = next_word(tokens, comma).filter(|&(n, _)| n == comma + 1) else { return };
        (p, person) = named;
    }
    // "It was Ms Benali who …": after a title, a surname whatever it is.
    let titled = crate::lexicon::is_title(&person.lower())
        && next_word(tokens, p).is_some_and(|(_, t)| t.is_capitalised() && !t.lower().ends_with("'s"));
    // "It was TK who force-pushed …": initials, before "who" (a team's letters are
    // "the NOC", "our QA").
    let initials = crate::lexicon::initials_shaped(person.text.as_bytes())
        && !crate::lexicon::is_team_acronym(&person.lower())
        && tokens.get(p + 1).is_some_and(|t| t.lower() == "who");
    if !(titled || initials || singles_out(person, who)) {
        return;
    }
    let mut rel = p + 1;
    while tokens.get(rel).is_some_and(|t| t.is_word() && t.is_capitalised()) && rel < p + 3 + usize::from(titled) {
        rel += 1;
    }
    // The whole name, for the fix: "Søren Kjær", "Ms Benali".
    let named = person.start..tokens[rel - 1].end;
    // "It was Ibrahim as well who pushed …", "It was Ines too who …".
    if tokens.get(rel).is_some_and(|t| matches!(t.lower().as_str(), "too" | "also" | "again")) {
        rel += 1;
    } else if tokens.get(rel).is_some_and(|t| t.lower() == "as")
        && tokens.get(rel + 1).is_some_and(|t| t.lower() == "well")
    {
        rel += 2;
    }
    // "It was Søren Kjær, the vendor's engineer, who deleted …": past an appositive.
    let who_next = |i: usize| tokens.get(i).is_some_and(|t| matches!(t.lower().as_str(), "who" | "that"));
    if tokens.get(rel).is_some_and(|t| t.text == ",") && who_next(rel + 1) {
        // "It was the supervisor, Aroha Ngata, who …": the apposition's closing comma.
        rel += 1;
    } else if tokens.get(rel).is_some_and(|t| t.text == ",") {
        if let Some(close) = (rel + 1..tokens.len().min(rel + 9)).find(|&i| tokens[i].text == ",") {
            rel = close + 1;
        }
    }
    if !who_next(rel) {
        return;
    }
    let Some((mut v, mut verb)) = next_word(tokens, rel) else { return };
    // "It was Kenji who had set the tablet to silent": the act is the participle.
    if matches!(verb.lower().as_str(), "had" | "has") {
        if let Some((p, participle)) = next_word(tokens, v).filter(|(_, t)| {
            let l = t.lower();
            l.ends_with("ed") || crate::verbs::is_participle(&l)
        }) {
            (v, verb) = (p, participle);
        }
    }
    let verb_lower = verb.lower();
    // ("It was Ignacio who wrote the wrong prefix-list name into the MOP", "it was zoë
    // who said ship it without looking at the diff".)
    let unchecked = object_words(tokens, v, 8).windows(2).any(|w| w[0] == "without" && w[1].ends_with("ing"));
    if HELPFUL.contains(&verb_lower.as_str())
        && !unchecked
        && !object_words(tokens, v, 4).iter().any(|w| BAD.contains(&w.as_str()))
    {
        return;
    }
    // The act must be something done, not a state ("It was Ines who was on call").
    if matches!(verb_lower.as_str(), "was" | "is" | "had" | "has" | "on") {
        let harmful = object_words(tokens, v, 6).iter().any(|w| BAD.contains(&w.as_str()) || w == "responsible");
        if !harmful {
            return;
        }
    }
    let d = out.add(
        person.start..verb.end,
        "Singles out a person as the one who did it: describe the action and the conditions around it.",
    );
    let new = reframe::case_for_position(false, "the on-call engineer");
    d.fixes.extend(reframe::rewrite(ctx.doc, "Name the role instead of the person", named, new));
}

/// What a person singled out by "the one who" may have done that is not blame: repairing
/// it ("the one who rolled it back") or an act on a fix.
const REPAIR_OBJECTS: &[&str] = &["fix", "hotfix", "rollback", "revert", "patch", "workaround", "mitigation"];

/// "Keoni was the one who approved the change", "@tupaq was the one that dropped the
/// table": a person singled out by a copula and "the one who" for an act that changed or
/// broke something (not for finding or repairing it).
fn one_who(ctx: &Context<'_>, tokens: &[Token<'_>], t_index: usize, last: usize, who: &Who<'_>, out: &mut Report<'_>) {
    // "He's the one who": the copula joined to the person.
    let joined = t_index.checked_sub(1).filter(|&c| {
        let l = tokens[c].lower();
        (l.ends_with("'s") || l.ends_with("\u{2019}s")) && tokens[c].is_word()
    });
    let copula = t_index.checked_sub(1).filter(|&c| matches!(tokens[c].lower().as_str(), "was" | "is"));
    // "The person who deleted the table was Ravi": the copula and the person at the end.
    let at_end = || {
        let words: Vec<usize> = (last + 1..tokens.len()).filter(|&i| tokens[i].is_word()).collect();
        let &person = words.last()?;
        let &copula = words.get(words.len().checked_sub(2)?)?;
        matches!(tokens[copula].lower().as_str(), "was" | "is").then_some(person)
    };
    let Some(mut p) = (match (copula, joined) {
        (Some(c), _) => c.checked_sub(1),
        (None, Some(j)) => Some(j),
        (None, None) if tokens[..t_index].iter().all(|t| !t.is_word()) => at_end(),
        (None, None) => None,
    }) else {
        return;
    };
    let person_end = p;
    let singled = |t: &Token<'_>| {
        let l = t.lower();
        let bare = l.strip_suffix("'s").or_else(|| l.strip_suffix("\u{2019}s")).unwrap_or(&l);
        t.text.starts_with('@') || matches!(bare, "he" | "she") || (t.is_capitalised() && is_name_here(who, t.text))
    };
    while p > 0
        && p + 2 > person_end
        && tokens[p - 1].is_word()
        && tokens[p - 1].is_capitalised()
        && singled(&tokens[p - 1])
    {
        p -= 1;
    }
    if !singled(&tokens[p]) && !singled(&tokens[person_end]) {
        return;
    }
    let Some((v, verb)) = next_word(tokens, last) else { return };
    let verb_lower = verb.lower();
    let verb_word = verb_lower.as_str();
    if helps(verb_word) {
        return;
    }
    let object = object_words(tokens, v, 6);
    if object.first().is_some_and(|w| matches!(w.as_str(), "back" | "out"))
        || object.iter().any(|w| REPAIR_OBJECTS.contains(&w.as_str()))
    {
        return;
    }
    let harmful = HARMS.iter().any(|(phrase, harm)| {
        *phrase == verb_word && matches!(harm, Act | Destroy | Safeguard | Cause | Through | Omission)
    });
    let changed = CHANGES.contains(&verb_word) || is_neutral_act(verb_word);
    if !(harmful || changed || matches!(verb_word, "approved" | "signed")) {
        return;
    }
    let d = out.add(
        if tokens[p].start < verb.start { tokens[p].start..verb.end } else { verb.start..tokens[person_end].end },
        "Singles out a person as the one who did it: describe the action and the conditions around it.",
    );
    let new = reframe::case_for_position(starts_sentence(tokens, tokens[p].start), "the on-call engineer");
    d.fixes.extend(reframe::rewrite(
        ctx.doc,
        "Name the role instead of the person",
        tokens[p].start..tokens[person_end].end,
        new,
    ));
}

/// "Okonkwo skipped the canary": a capitalised subject no word list knows (names of
/// software are listed, and given names), that the document never writes in lowercase nor
/// uses as a thing, doing what people do. Surnames are read this way.
fn unknown_surname(
    tokens: &[Token<'_>],
    subject: &grammar::Subject,
    harm: Harm,
    who: &Who<'_>,
) -> Option<(PersonKind, std::ops::Range<usize>)> {
    if !matches!(harm, Act | Destroy | Safeguard | Wrongly | Down | Left | Accident | Omission) {
        return None;
    }
    let people = who.document?;
    let words: Vec<&Token<'_>> =
        tokens.iter().filter(|t| t.start >= subject.range.start && t.end <= subject.range.end).collect();
    if words.is_empty() || words.len() > 2 || words.iter().any(|t| !t.is_word() || !t.is_capitalised()) {
        return None;
    }
    let unknown = words.iter().all(|t| unknown_name(people, who, t.text));
    unknown.then(|| (PersonKind::Name, subject.range.clone()))
}

/// Whether a hit opens a list item ("- deleted the table", "- and skipped …"): its subject
/// may be the name that leads the list in (see [`lead_in_names_someone`]).
fn opens_list_item(text: &str, hit: &PhraseHit) -> bool {
    let line_start = text[..hit.range.start].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..hit.range.start].trim_start();
    // "| 10:02 | Kalani | Ran the purge against prod |": a table cell opened by the act.
    if before.starts_with('|') {
        return before.trim_end().ends_with('|');
    }
    let Some(rest) = before.strip_prefix(['-', '*', '+']) else { return false };
    matches!(rest.trim(), "" | "and" | "then" | "also" | "and then")
}

/// Whether a hit stands in a table row.
fn in_table_row(text: &str, hit: &PhraseHit) -> bool {
    let line_start = text[..hit.range.start].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..hit.range.start].trim_start().starts_with('|')
}

/// "| 10:02 | Kalani | Ran the purge script against prod |": the cell before the one the
/// act opens (`before` is the row up to the act) holds only a person's name or handle, as
/// a Who column does.
fn cell_before_names_someone(before: &str, who: &Who<'_>) -> bool {
    let Some(row) = before.trim_end().strip_suffix('|') else { return false };
    let Some(cell) = row.rsplit('|').next().map(str::trim) else { return false };
    let words: Vec<&str> = cell.split_whitespace().collect();
    match words.as_slice() {
        [handle] if handle.starts_with('@') && handle.len() > 1 => true,
        // "J.K. Osei", "Ms Okafor": initials or a title, then a capitalised name.
        [first, last]
            if (is_initials(first) || crate::lexicon::is_title(&first.trim_end_matches('.').to_lowercase()))
                && last.starts_with(char::is_uppercase)
                && name_shaped(last) =>
        {
            true
        }
        [first, rest @ ..] if rest.len() <= 2 => {
            is_name_here(who, first) && rest.iter().all(|w| w.starts_with(char::is_uppercase) || w.ends_with('.'))
        }
        _ => false,
    }
}

/// Whether a word is a person's initials: "J.", "J.K.", "A.-M.".
fn is_initials(word: &str) -> bool {
    word.ends_with('.')
        && word.split('.').filter(|p| !p.is_empty()).all(|p| {
            let p = p.trim_start_matches('-');
            p.chars().count() == 1 && p.starts_with(char::is_uppercase)
        })
}

/// Whether the list item a hit starts is led in by a person: the parent item or the
/// paragraph above ends with ":" ("- Ravi:", "Ravi, on Friday:"), or the item above in the
/// same list runs on with "," ("- Ravi ran the migration,"), and its first word is a name,
/// a handle, he or she.
fn lead_in_names_someone(ctx: &Context<'_>, hit: &PhraseHit, who: &Who<'_>) -> bool {
    let text = ctx.doc.text;
    let line_start = text[..hit.range.start].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..hit.range.start].trim_start();
    if before.starts_with('|') {
        return cell_before_names_someone(before, who);
    }
    let bullet = before.starts_with(['-', '*', '+'])
        || before
            .split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()));
    if !bullet {
        return false;
    }
    let indent = |line: &str| line.len() - line.trim_start().len();
    let own_indent = indent(&text[line_start..hit.range.start]);
    let mut end = line_start;
    let mut blanks = 0;
    for _ in 0..8 {
        if end == 0 {
            return false;
        }
        let start = text[..end - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[start..end - 1];
        end = start;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            blanks += 1;
            if blanks > 1 {
                return false;
            }
            continue;
        }
        let body = trimmed.trim_start_matches(['-', '*', '+', ' ']);
        let first = body.split(|c: char| c.is_whitespace() || matches!(c, ',' | ':')).next().unwrap_or("");
        let first = first.trim_matches('*');
        let named = || {
            first.starts_with('@')
                || matches!(first, "He" | "She")
                || (first.starts_with(char::is_uppercase) && is_name_here(who, first))
        };
        let sibling = line.trim_start().starts_with(['-', '*', '+']) && indent(line) == own_indent && blanks == 0;
        if trimmed.ends_with(':') && !sibling {
            return named();
        }
        if !sibling {
            return false;
        }
        // "- Ravi ran the migration,": the item above runs on into this one.
        if trimmed.ends_with(',') && named() {
            return true;
        }
    }
    false
}

/// Whether a capitalised word no list knows is shaped like a name, by cheap looks: not a
/// common noun's ending ("Failures", "Context" pass only the first), not a past or an
/// adverb ("Edited", "Permanently"), not a known verb ("Fix").
fn name_shaped(word: &str) -> bool {
    let lower = word.to_lowercase();
    let singular = lower.strip_suffix('s').unwrap_or(&lower);
    !(grammar::looks_like_common_noun(&lower)
        || grammar::looks_like_common_noun(singular)
        || lower.ends_with("ed")
        || lower.ends_with("ly")
        || (lower.len() < 3 && !crate::lexicon::is_short_name(word))
        || crate::verbs::lookup(&lower).is_some()
        || crate::verbs::lookup(singular).is_some())
}

/// Whether a capitalised word (or `Name's`) no word list knows reads as a person's name
/// in this document: not a sentence word, a product, a verb or a common noun's shape, and
/// never written in lowercase nor used as a thing (nor, for a plural, its singular).
fn unknown_name(people: &crate::people::People<'_>, who: &Who<'_>, word: &str) -> bool {
    let bare = word.strip_suffix("'s").or_else(|| word.strip_suffix("\u{2019}s")).unwrap_or(word);
    let lower = bare.to_lowercase();
    let quiet = |w: &str| {
        let ev = people.evidence(w);
        ev.thing == 0 && ev.lowercase == 0
    };
    !lower.contains(['\'', '\u{2019}'])
        && crate::lexicon::could_be_name(bare, who.user)
        && crate::people::name_class(bare) == crate::people::NameClass::Unknown
        && name_shaped(bare)
        && quiet(bare)
        // "Pods", "Batches": a plural whose singular the document writes as a thing.
        && bare.strip_suffix('s').is_none_or(quiet)
}

/// Whether a capitalised word names a person here: by the word lists and the document's
/// evidence, or as a name no list knows (see [`unknown_name`]).
fn is_name_here(who: &Who<'_>, word: &str) -> bool {
    who.is_name(word) || who.document.is_some_and(|people| unknown_name(people, who, word))
}

/// A report's nominal style: an act written as a noun that opens the cell or item, done
/// without a safeguard, by a person the row's cell before names or a "by" names: "| Mr.
/// Becker | End of maintenance without reset of the failover mode |", "Execution of the
/// maintenance by Mr. Becker alone, without the four-eyes principle".
fn nominal_act_without(
    ctx: &Context<'_>,
    tokens: &[Token<'_>],
    t_index: usize,
    last: usize,
    opening: &PhraseHit,
    who: &Who<'_>,
    out: &mut Report<'_>,
) {
    let Some(first) = tokens[..t_index].iter().position(Token::is_word) else { return };
    let noun = tokens[first].lower();
    let nominal =
        ["ion", "ment", "ing", "al"].iter().any(|e| noun.ends_with(e)) || matches!(noun.as_str(), "end" | "start");
    if !nominal || tokens.get(first + 1).is_none_or(|t| t.lower() != "of") {
        return;
    }
    let after: Vec<String> =
        tokens[last + 1..].iter().filter(|t| t.is_word()).take(4).map(|t| t.lower().as_str().to_string()).collect();
    if !without_harm(&after) {
        return;
    }
    // The person: after a "by" before the mark (past a title), or in the cell before.
    let by_name = (first + 2..t_index).find(|&i| tokens[i].lower() == "by").and_then(|by| {
        let mut p = next_word(tokens, by)?;
        if crate::lexicon::is_title(&p.1.lower()) {
            p = next_word(tokens, p.0).filter(|(_, t)| t.is_capitalised())?;
        }
        names_someone_here(who, p.1).then_some(p.1.range())
    });
    let row = in_table_row(ctx.doc.text, opening) && lead_in_names_someone(ctx, opening, who);
    if by_name.is_some() || row {
        let message = if row {
            "Names a person (in the cell before) as the one who broke or missed something: name the role and \
             describe the conditions."
        } else {
            "Names a person as the one who broke or missed something: name the role and describe the conditions."
        };
        out.add(by_name.unwrap_or(tokens[first].start..tokens[last].end), message);
    }
}

/// Whether a token names someone: a `@handle`, or a capitalised name (see [`is_name_here`]).
fn names_someone_here(who: &Who<'_>, t: &Token<'_>) -> bool {
    t.text.starts_with('@') || (t.is_capitalised() && is_name_here(who, t.text))
}

/// What a person's change may do without harm: go out, run, work, or make things better
/// ("Priya's restore script worked the first time", "Ngaio's fix brought the batch
/// through"). Anything else it does to a system is told of the change, and so of them.
const CHANGE_DID_NO_HARM: &[&str] = &[
    "went",
    "goes",
    "came",
    "comes",
    "ran",
    "runs",
    "took",
    "takes",
    "landed",
    "lands",
    "shipped",
    "reached",
    "passed",
    "worked",
    "works",
    "succeeded",
    "finished",
    "completed",
    "needed",
    "needs",
    "included",
    "includes",
    "showed",
    "shows",
    "looked",
    "seemed",
    "became",
    "got",
    "made",
    "added",
    "adds",
    "created",
    "updated",
    "upgraded",
    "changed",
    "moved",
    "fixed",
    "fixes",
    "restored",
    "resolved",
    "reduced",
    "saved",
    "avoided",
    "kept",
    "caught",
    "found",
    "matched",
    "picked",
    "brought",
    "used",
    "uses",
    "sat",
    "waited",
    "stayed",
    "helped",
    "held",
    "applied",
    "hit",
    "touched",
    "covered",
    "targeted",
    "said",
    "says",
    "read",
    "reads",
    "listed",
    "printed",
    "logged",
    // Made or raised something, which says nothing of harm alone: "Carlos's script
    // generated the report", "Kwame's hotfix extended the timeout to thirty seconds".
    "generated",
    "produced",
    "wrote",
    "extended",
];

/// What a change may take away that is the trouble itself: "cut the error rate in half"
/// (see [`BAD_MEASURES`]), not "cut our capacity by ninety percent".
const EASES: &[&str] = &[
    "cut", "halved", "lowered", "stopped", "halted", "cleared", "dropped", "drops", "ended", "removed", "removes",
    "brought",
];

/// Words after the act that say it put things right: "overwrote the column a second
/// time, with the right values", "got the partitions moving again".
const PUT_RIGHT: &[&str] = &["back", "cleanly", "correctly", "correct", "right", "safely", "fine", "properly"];

/// "Bjørn's rulechange removes the port 4840 opening", "Deshawn Carter's change to the
/// failover script in January left the standby server pointed at an old database",
/// "Thandeka Nkosi's Windows patch on the HMI server caused the screens to freeze": a
/// change a named person made, as the subject of what it did to a system, whatever the
/// verb. Not what the change did to make things better or merely that it went out (see
/// [`CHANGE_DID_NO_HARM`], [`helps`]), nor a change of theirs as an object ("paused
/// Marvin's retry queue") or in a condition ("if Dana's change removes …").
fn owned_change(ctx: &Context<'_>, hit: &PhraseHit, out: &mut Report<'_>) {
    // Most of these words have no possessive before them: a look at the bytes first.
    let before = &ctx.doc.masked[hit.block.start..hit.range.start];
    if !before.split_whitespace().rev().take(3).any(grammar::is_possessive) {
        return;
    }
    let sentence = ctx.sentence(hit);
    let tokens = &sentence.tokens;
    let Some(t_index) = sentence.token_at(hit.range.start) else {
        return;
    };
    let who = ctx.who();
    // The owner: the possessive at most two words before the change ("Thandeka Nkosi's
    // Windows patch"), a name's, a handle's or "his"/"her".
    let Some(p) =
        (t_index.saturating_sub(3)..t_index).rev().find(|&i| grammar::is_possessive(tokens[i].lower().as_str()))
    else {
        return;
    };
    if !tokens[p + 1..t_index].iter().all(|t| t.is_word() && !grammar::is_preposition(&t.lower())) {
        return;
    }
    let owner_text = tokens[p].text;
    let pronoun = crate::lexicon::SINGLING_POSSESSIVES.contains(&tokens[p].lower().as_str());
    let handle =
        owner_text.starts_with('@') || who.is_handle(grammar::possessive_owner(owner_text).unwrap_or(owner_text));
    if !(pronoun || handle || (tokens[p].is_capitalised() && is_name_here(&who, owner_text))) {
        return;
    }
    // The whole name and its title: "Mr. Tanvir's", "Deshawn Carter's".
    let mut first = p;
    while first > 0 && p - first < 3 && !pronoun {
        let t = &tokens[first - 1];
        let title = t.text == "." && first >= 2 && crate::lexicon::is_title(tokens[first - 2].lower().as_str());
        let l = t.lower();
        let title_without_point = t.is_word() && crate::lexicon::is_title(l.as_str());
        let given_name = t.is_word() && t.is_capitalised() && !crate::lexicon::is_not_name(&l) && !opens_a_clause(&l);
        if title {
            first -= 2;
        } else if title_without_point || given_name {
            first -= 1;
        } else {
            break;
        }
    }
    // The change opens its clause: not an object ("paused Marvin's retry queue") nor a
    // condition ("if Dana's change removes …").
    let opener = first.checked_sub(1).map(|i| &tokens[i]);
    if opener.is_some_and(|t| {
        t.is_word() && !opens_a_clause(&t.lower()) && !t.text.starts_with(|c: char| c.is_ascii_digit())
    }) {
        return;
    }
    let Some(verb) = verb_after_change(tokens, t_index) else {
        return;
    };
    let act = tokens[verb].lower();
    // Taking something away is harm by what was taken, which the tables judge when the
    // change is the subject (see [`harm_holds`]): "Laila's patch removed the step that
    // printed a banner" is clean.
    let known = HARMS.iter().any(|&(t, h)| t == act.as_str() && h == Destroy);
    if known || helps(act.as_str()) || CHANGE_DID_NO_HARM.contains(&act.as_str()) {
        return;
    }
    // It did something to something: "removes the port opening" (not "failed at step 3").
    let mut o = verb + 1;
    while o < tokens.len()
        && matches!(tokens[o].lower().as_str(), "off" | "out" | "down" | "up" | "over" | "away" | "also")
    {
        o += 1;
    }
    let Some(object) = tokens.get(o).filter(|t| t.is_word()) else {
        return;
    };
    if grammar::is_preposition(&object.lower()) {
        return;
    }
    let clause: Vec<String> = tokens[o..]
        .iter()
        .take_while(|t| !matches!(t.text, "." | ";" | "!" | "?" | "|"))
        .filter(|t| t.is_word())
        .take(14)
        .map(|t| t.lower().as_str().to_string())
        .collect();
    // What it acted on was the trouble: "cut the error rate in half", "cordoned the two
    // broken nodes, so the errors stopped".
    let eased = EASES.contains(&act.as_str()) && clause.iter().take(6).any(|w| BAD_MEASURES.contains(&w.as_str()))
        || clause.iter().take(4).any(|w| CLEARED.contains(&w.as_str()))
        || clause.windows(2).any(|w| BAD_MEASURES.contains(&w[0].as_str()) && helps_stop(&w[1]));
    if eased || clause.iter().any(|w| PUT_RIGHT.contains(&w.as_str())) {
        return;
    }
    report_owners_thing(ctx, tokens, tokens[first].start..tokens[p].end, tokens[verb].end, out);
}

/// Reports a person's thing as what did harm, from its owner to the act ("Akosua's
/// migration locked"), with the fix that drops the name; once, whichever trigger of the
/// sentence reads it first.
fn report_owners_thing(
    ctx: &Context<'_>,
    tokens: &[Token<'_>],
    owner: std::ops::Range<usize>,
    act_end: usize,
    out: &mut Report<'_>,
) {
    let range = owner.start..act_end;
    if out.has_overlapping(&range) {
        return;
    }
    let d = out
        .add(range, "Names a person as the one who broke or caused something: describe the change and the conditions.");
    let new = reframe::case_for_position(starts_sentence(tokens, owner.start), "the");
    d.fixes.extend(reframe::rewrite(ctx.doc, "Drop the person's name", owner, new));
}

/// "the errors *stopped*": a trouble's measure easing.
fn helps_stop(word: &str) -> bool {
    matches!(word, "stopped" | "fell" | "dropped" | "recovered" | "cleared" | "eased" | "subsided")
}

/// Words that open a clause whose subject may follow: "because Dana's change …".
fn opens_a_clause(lower: &str) -> bool {
    matches!(
        lower,
        "because" | "since" | "as" | "and" | "but" | "so" | "then" | "that" | "when" | "after" | "also" | "finally"
    )
}

/// The verb a change (at `noun`) is the subject of, past the rest of its noun phrase, a
/// phrase or two after it ("to the failover script in January", "at 10:38") and a
/// relative clause between commas (", which had not been reviewed,"): "left", "is what
/// turned", "had removed". `None` when the clause ends first or the verb is a copula
/// ("was out by 18:00").
fn verb_after_change(tokens: &[Token<'_>], noun: usize) -> Option<usize> {
    let mut i = noun + 1;
    let end = tokens.len().min(noun + 18);
    while i < end {
        let t = &tokens[i];
        if !t.is_word() {
            match t.text {
                // ", which had not been reviewed,": past the relative clause.
                "," => {
                    let next = tokens.get(i + 1)?.lower();
                    if !matches!(next.as_str(), "which" | "who" | "that") {
                        return None;
                    }
                    i = (i + 2..end).find(|&j| tokens[j].text == ",")? + 1;
                    continue;
                }
                // "at 10:38", "(from 2 June)".
                ":" | "(" | ")" | "-" | "'" | "\u{2019}" | "`" => {}
                number if number.starts_with(|c: char| c.is_ascii_digit()) => {}
                _ => return None,
            }
            i += 1;
            continue;
        }
        let l = t.lower();
        match l.as_str() {
            "is" | "was" if tokens.get(i + 1).is_some_and(|n| n.lower() == "what") => {
                return Some(i + 2).filter(|&v| v < tokens.len())
            }
            "had" | "has" => return tokens.get(i + 1).filter(|n| crate::verbs::is_participle(n.text)).map(|_| i + 1),
            "only" | "also" | "then" | "just" | "later" | "silently" | "quietly" => {}
            _ if grammar::is_preposition(&l) => {}
            _ if grammar::is_auxiliary(&l) || matches!(l.as_str(), "not" | "never" | "which" | "who" | "that") => {
                return None
            }
            _ => {
                let after_a_noun = tokens.get(i - 1).is_some_and(|b| {
                    let b = b.lower();
                    b.as_str() != "'" && !grammar::is_determiner(&b) && !grammar::is_preposition(&b)
                });
                let past = l.len() > 4 && l.ends_with("ed") && !l.ends_with("eed");
                if after_a_noun && (past || crate::verbs::is_finite_or_participle(&l)) && !l.ends_with("ing") {
                    return Some(i);
                }
            }
        }
        i += 1;
    }
    None
}

/// "Dana's mistake", "his fault", "a mistake by Dana".
fn fault(
    ctx: &Context<'_>,
    tokens: &[Token<'_>],
    t_index: usize,
    hit: &PhraseHit,
    who: &Who<'_>,
    out: &mut Report<'_>,
) {
    // Technical terms built on the word: "fault domain", "error rate".
    let next = next_word(tokens, t_index).map(|(_, t)| t.lower());
    if next.as_deref().is_some_and(|n| crate::lexicon::TECHNICAL_AFTER_FAULT.contains(&n)) {
        return;
    }
    // "a mistake by Dana", "an error on Dana's part".
    if let Some((b, by)) = next_word(tokens, t_index) {
        if matches!(by.lower().as_str(), "by" | "of") {
            if let Some((_, person)) = next_word(tokens, b) {
                if person.text.starts_with('@') || (person.is_capitalised() && is_name_here(who, person.text)) {
                    out.add(
                        hit.range.start..person.end,
                        "Names a person as the one at fault: describe the action and the conditions around it.",
                    );
                    return;
                }
            }
        }
    }
    let Some(prev) = t_index.checked_sub(1).map(|i| tokens[i]) else {
        return;
    };
    let lower = prev.lower();
    let named = match lower.strip_suffix("'s") {
        Some(_) => prev.text.starts_with('@') || is_name_here(who, prev.text),
        None => crate::lexicon::SINGLING_POSSESSIVES.contains(&lower.as_str()),
    };
    if !named {
        return;
    }
    let d = out.add(
        prev.start..hit.range.end,
        "Names a person as the one at fault: describe the action and the conditions around it.",
    );
    let article = reframe::article_for(&ctx.doc.text[hit.range.clone()]);
    let new = reframe::case_for_position(starts_sentence(tokens, prev.start), article);
    d.fixes.extend(reframe::rewrite(ctx.doc, "Drop the person's name", prev.start..prev.end, new));
}

fn starts_sentence(tokens: &[Token<'_>], at: usize) -> bool {
    tokens.iter().find(|t| t.is_word()).is_some_and(|t| t.start == at)
}

/// Whether the prose around a hit could name someone: an `@handle`, he or she, a
/// capitalised word inside a sentence, or a given name starting one. Most hits of these
/// common words have none, and skip the sentence analysis. (Only the block: what the rules
/// find in one part of a document must not depend on the text of another.)
fn could_name_someone(masked: &str, hit: &PhraseHit, harm: Harm, who: &Who<'_>) -> bool {
    // The subject stands just before the act; a cleft's focus and a passive's agent
    // ("ignored by Bartek") just after it.
    let from = masked.floor_char_boundary(hit.range.start.saturating_sub(120).max(hit.block.start));
    let to = masked.floor_char_boundary((hit.range.end + 60).min(hit.block.end));
    let bytes = &masked.as_bytes()[from..to];
    let word_byte = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80 || b == b'_';
    // Lowercase words are looked up only in a document that writes people so.
    let handles = who.has_handles();
    // The window is walked run by run (see [`RUN_BYTES`]), each run looked at by its
    // first byte only.
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !RUN_BYTES[usize::from(b)] {
            i += 1;
            continue;
        }
        // Only a run's first byte, and only one that could start a name, he or she (or a
        // handle the document writes in lowercase).
        let may_start = b.is_ascii_uppercase() || b == b'@' || b >= 0xC0 || b == b'h' || b == b's';
        // (A handle may start with the h or s of he and she: "segun".)
        if handles && b.is_ascii_lowercase() {
            // "ana.clara's", "jaro-k": a handle's dots and hyphens inside it.
            let inside = |k: usize| {
                matches!(bytes[k], b'.' | b'-') && bytes.get(k + 1).is_some_and(|&n| RUN_BYTES[usize::from(n)])
            };
            let end =
                (i + 1..bytes.len()).find(|&k| !RUN_BYTES[usize::from(bytes[k])] && !inside(k)).unwrap_or(bytes.len());
            // (A handle has three characters at least.)
            if end - i >= 3 && std::str::from_utf8(&bytes[i..end]).is_ok_and(|w| who.is_handle(w)) {
                return true;
            }
        }
        if !may_start {
            i = run_end(bytes, i + 1);
            continue;
        }
        if b == b'@' {
            return true;
        }
        // The word: the run up to an `@` ("Dana" in "Dana@corp").
        let end = (i + 1..bytes.len())
            .find(|&k| !RUN_BYTES[usize::from(bytes[k])] || bytes[k] == b'@')
            .unwrap_or(bytes.len());
        let word = &bytes[i..end];
        if matches!(word, b"he" | b"she" | b"his" | b"her" | b"him" | b"He" | b"She" | b"His" | b"Her") {
            return true;
        }
        let capital = b.is_ascii_uppercase()
            || (b >= 0xC0 && masked[from + i..].chars().next().is_some_and(crate::lexicon::is_name_initial));
        // "T. Wróbel": an initial stands for a name, whatever the name.
        let initial = b.is_ascii_uppercase() && end == i + 1 && bytes.get(end) == Some(&b'.');
        // "Dr. Ishikawa", "Ms. Okafor": a title stands before a surname, whatever the surname.
        let titled = bytes.get(end) == Some(&b'.') && matches!(word, b"Dr" | b"Mr" | b"Mrs" | b"Ms" | b"Mx");
        // "It was TK who …": initials before "who" (see [`cleft`]).
        let initials_who = crate::lexicon::initials_shaped(word) && bytes[end..].starts_with(b" who ");
        if initial || titled || initials_who {
            return true;
        }
        // "Nakamura-san": an honorific after the name, wherever it stands.
        let mut joined = end;
        while joined < bytes.len() && (word_byte(bytes[joined]) || bytes[joined] == b'-') {
            joined += 1;
        }
        if capital && joined > end && grammar::has_honorific(&masked[from + i..from + joined]) {
            return true;
        }
        if capital && who.may_be_name(&masked[from + i..from + end]) {
            // Inside a sentence any capital the word lists do not rule out (an acronym,
            // a product, a month) may be a name; at its start only a known one.
            let before =
                bytes[..i].iter().rposition(|&c| !matches!(c, b' ' | b'\t' | b'*' | b'_' | b'(' | b'[' | b'"'));
            let starts =
                before.is_none_or(|k| matches!(bytes[k], b'.' | b'!' | b'?' | b'\n' | b':' | b'-' | b'|' | b'>'));
            let word = &masked[from + i..from + end];
            // ("TK deployed ruleset 2025.02 to production without …": initials whose name
            // the document writes whole, however far the act.)
            if !starts
                || word.contains('\'')
                || (!crate::lexicon::is_sentence_word(word) && crate::people::is_given_name(word))
                || (crate::lexicon::initials_shaped(word.as_bytes()) && who.is_name(word))
            {
                return true;
            }
            // "Haddad skipped the dry run": at a sentence's start, a word the lists do not
            // know is a name when the document shows it is one (a full name, a page, a
            // follow-up owned), asked only of a word followed by another.
            // Only right before the act ("Haddad skipped", "Haddad had not"): most words
            // starting sentences are not.
            if bytes.get(end) == Some(&b' ')
                // (A consequence's "so" stands after the whole act: "Huamán signed …, so";
                // a defect after its act and object: "Rizky changed the date to the *wrong* day".)
                && (harm == Consequence
                    || harm == Mark && marks_the_act_itself(HARMS[hit.trigger].0)
                    || hit.range.start.saturating_sub(from + end) <= 24)
                && (!crate::lexicon::is_sentence_word(word) || modal_name_acting(word, &masked[from + end..]))
                // "RB did not compare …", where the document writes Rodel Bautista whole.
                && (crate::lexicon::initials_shaped(word.as_bytes()) && who.is_name(word)
                    || match crate::people::name_class(word) {
                    crate::people::NameClass::Unknown => {
                        crate::lexicon::could_be_name(word, who.user) && name_shaped(word)
                    }
                    // "Grant deleted …" where the document shows Grant is a person.
                    crate::people::NameClass::Ambiguous | crate::people::NameClass::Thing => who.is_name(word),
                    crate::people::NameClass::Given => false,
                })
            {
                return true;
            }
        }
        // The rest of the run ("@corp" in "Dana@corp") starts no word.
        i = run_end(bytes, end);
    }
    false
}

/// Whether `word`, a name that is also a modal ("Will"), opens a sentence as the name:
/// a past tense or another modal comes next ("Will skipped …", "Will might have …"),
/// where the modal takes a verb's base form ("Will the fix hold?").
fn modal_name_acting(word: &str, after: &str) -> bool {
    after.strip_prefix(' ').is_some_and(|rest| {
        let next = rest.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}')).next();
        next.is_some_and(|next| crate::people::modal_name_before(word, next))
    })
}

/// The bytes of a run of prose that a name, he or she may start: a word's (letters,
/// digits, `_`, the bytes of a non-ASCII character), with `@` and `'` ("@mei", "Dana's",
/// "don't"). A table, looked up once per byte of the window
/// [`could_name_someone`] reads before most hits.
const RUN_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < table.len() {
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric() || byte >= 0x80 || matches!(byte, b'_' | b'@' | b'\'');
        b += 1;
    }
    table
};

/// Marks that say the act itself was wrong ("the *wrong* day", "a *bad* config", "sent
/// *twice*"), so that its subject may stand well before them, not a comparison ("rather
/// than") that often says nothing of the act.
fn marks_the_act_itself(mark: &str) -> bool {
    mark == "wrong" || DEFECT_MARKS.contains(&mark) || REPEATS.contains(&mark)
}

/// Where the run of [`RUN_BYTES`] holding `bytes[from - 1]` ends.
fn run_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..].iter().position(|&b| !RUN_BYTES[usize::from(b)]).map_or(bytes.len(), |k| from + k)
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{fixed, flagged};

    const ID: &str = "blame-named-person";

    #[test]
    fn flags_names_pronouns_handles_and_possessives() {
        assert_eq!(flagged(ID, "Dana broke the deploy pipeline."), ["Dana broke"]);
        assert_eq!(flagged(ID, "Tom missed the page."), ["Tom missed"]);
        assert_eq!(flagged(ID, "It was Dana's mistake."), ["Dana's mistake"]);
        assert_eq!(flagged(ID, "It was his fault."), ["his fault"]);
        assert_eq!(flagged(ID, "@priya accidentally deleted the volume."), ["@priya accidentally"]);
        assert_eq!(flagged(ID, "Dana's change caused the outage."), ["Dana's change caused"]);
        assert_eq!(flagged(ID, "She was to blame for the outage."), ["She was to blame"]);
        assert_eq!(flagged(ID, "Liam pushed a bad config and caused the outage."), ["Liam pushed", "caused"]);
    }

    #[test]
    fn subjects_set_off_by_a_relative_clause_or_a_role() {
        let text = "Tomasz's deploy script, which he ran on Friday before leaving for the airport, set the retry \
                    limit to zero rather than five.";
        assert_eq!(flagged(ID, text).len(), 1);
        let text = "Mbali Khumalo, the engineer who owns our billing jobs, had merged the migration without a dry run.";
        assert_eq!(flagged(ID, text).len(), 1);
        let text = "Mbali Khumalo, the engineer who owns our billing jobs, rolled the migration back at 10:04.";
        assert!(flagged(ID, text).is_empty());
    }

    #[test]
    fn a_thing_a_person_made_in_a_relative_clause_of_several_names() {
        // The name of a few words, the relative clause's adjuncts, the harm joined by "and".
        let text = "The purge timer that María José re-enabled on Wednesday evening ran at 02:00 and deleted the \
                    checkpoints.";
        assert_eq!(flagged(ID, text).len(), 1);
        assert_eq!(flagged(ID, "The cron rule that Ms Ilse Vermeulen added wiped the uploads.").len(), 1);
        // What the thing did, told after a comma: cut off from what it needs.
        let text =
            "The stall came from a firewall rule that Wiremu removed during the change, which cut the engine off \
                    from its inbound port.";
        assert_eq!(flagged(ID, text).len(), 1);
        for fine in [
            // Found, not made; a trouble measure taken down; a headline's subject.
            "The purge timer that María José found on Wednesday deleted the checkpoints.",
            "Wiremu restarted the proxy, which took the backlog down.",
            "Pod killed, releasing file watches.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn a_title_before_a_name_is_a_person_wherever_else_the_name_stands() {
        // "Mr Okonkwo logged …" would read him as a thing that logs, without the title.
        let text = "| 08:05 | Mr Okonkwo logged the report as a burst main. |\n\
                    | 08:52 | Mr Okonkwo closed the bypass valve, which dropped pressure across Low Moor. |";
        assert_eq!(flagged(ID, text).len(), 1);
    }

    #[test]
    fn things_left_out_of_service() {
        assert_eq!(flagged(ID, "Kofi left the batch queue paused after the failover rehearsal.").len(), 1);
        assert_eq!(flagged(ID, "Kofi left the edge pool in read-only-drain mode overnight.").len(), 1);
        assert!(flagged(ID, "The drill left the batch queue paused for ten minutes.").is_empty());
        // Indefinite pronouns are nobody in particular.
        assert!(flagged(ID, "Nobody's pager went off, and everybody's dashboards were green.").is_empty());
    }

    #[test]
    fn a_persons_act_named_as_the_root_cause() {
        assert_eq!(flagged(ID, "Root cause: Joaquín's edit to the rate-limit table."), ["Root cause: Joaquín's"]);
        assert_eq!(flagged(ID, "The root cause was @dev.lin's cleanup job.").len(), 1);
        for fine in [
            "Root Cause Analysis is still in progress.",
            "Root cause: the rate-limit table had no default.",
            "The root cause was the vendor's expired certificate.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn unknown_names_before_an_act_made_wrong_further_on() {
        // A name no list holds at a sentence's start, its act well before the mark.
        assert_eq!(flagged(ID, "Wanjiru changed the settlement date in the batch config to the wrong day.").len(), 1);
        assert_eq!(
            flagged(ID, "Wanjiru copied the old signing key into the new vault by hand with a bad expiry.").len(),
            1
        );
        // A company is no person; a comparison makes no act wrong.
        assert!(
            flagged(ID, "Fastly pushed a stopgap to route more traffic to the edge rather than the origin.").is_empty()
        );
    }

    #[test]
    fn numbered_paragraphs_participles_and_duties_done_again() {
        assert_eq!(
            flagged(ID, "Emeka never re-ran the reconciliation after the restore, so the ledger stayed short.").len(),
            1
        );
        assert_eq!(
            flagged(ID, "Kwame, covering for the payments team, restarted every worker at once instead of one by one.")
                .len(),
            1
        );
        assert_eq!(flagged(ID, "Laila's patch removed the step that compares the totals with the bank file.").len(), 1);
        assert!(flagged(ID, "Laila's patch removed the step that printed a banner.").is_empty());
        let text =
            "- ana.silva: on it\n- 10:04 ana.silva: rolling back\n\nAt 09:58 ana.silva deployed the wrong build.";
        assert_eq!(flagged(ID, text), ["ana.silva deployed"]);
        let text = "- 10:04 ana.silva: rolling back\n\nThe disk alert was ignored by ana.silva for an hour.";
        assert_eq!(flagged(ID, text).len(), 1);
    }

    #[test]
    fn acts_done_twice_clefts_past_an_appositive_and_things_left_blind() {
        assert_eq!(flagged(ID, "Wanjiku sent the payroll file twice to the bank.").len(), 1);
        assert_eq!(flagged(ID, "Hamid's import job charged every member a second time.").len(), 1);
        assert!(flagged(ID, "Wanjiku paged the database team twice before anyone answered.").is_empty());
        assert_eq!(flagged(ID, "It was Aiyana Redcloud, the vendor's engineer, who dropped the route table.").len(), 1);
        assert!(flagged(ID, "It was Aiyana Redcloud, the vendor's engineer, who restored the route table.").is_empty());
        assert_eq!(flagged(ID, "Nour's change left us blind for twenty minutes.").len(), 1);
    }

    #[test]
    fn speakers_of_a_quoted_chat_and_dotted_names() {
        let text = "- tunde deleted the staging bucket before the export finished\n\n\
                    > ife: who touched staging?\n> tunde: the cleanup was mine\n";
        assert_eq!(flagged(ID, text), ["tunde deleted"]);
        // One quoted line is a quotation, not a chat: its speaker is no handle.
        let text = "- tunde deleted the staging bucket before the export finished\n\n> tunde: the cleanup was mine\n";
        assert!(flagged(ID, text).is_empty());
        // A lowercase first.last whose first part is a given name, in a document that
        // writes people as handles.
        let text = "- maria.fernanda's hotfix broke the login flow\n- rolled back by @ops.lead\n";
        assert_eq!(flagged(ID, text).len(), 1);
        assert!(flagged(ID, &text.replace("maria.fernanda's hotfix", "config.yaml's default")).is_empty());
    }

    #[test]
    fn people_written_in_lowercase_as_the_chat_writes_them() {
        // "@jaro-k" elsewhere, a chat speaker "lukas:": the same people bare.
        let text = "- 10:09 @noa.b: @jaro-k bumped the party cap\n- 10:20 lukas: looking\n\
                    - 10:31 @tavita: also lukas wiped the staging copy of the inventory db last night\n\
                    - 10:35 @noa.b: and jaro-k deleted the pre-launch config snapshot on friday\n";
        assert_eq!(flagged(ID, text), ["lukas wiped", "jaro-k deleted"]);
        // A word no handle and no speaker stays a word; "note:" is no speaker.
        let text = "- 10:20 note: the job restarted\n- 10:31 @tavita: the cron wiped the staging copy\n\
                    - 10:35 note wiped nothing\n";
        assert!(flagged(ID, text).is_empty());
    }

    #[test]
    fn full_name_speakers_later_acts_prolonged_harm_and_all_at_once() {
        for (text, want) in [
            (
                "- 13:48 Dana Okafor: unplugged the media converter to free a port, which cut the only link to the grid\n",
                "Dana Okafor: unplugged",
            ),
            (
                "- 07:02 Dana: renewed the cert by hand but pasted the staging key into the prod secret, so checkout kept failing for another 40 min\n",
                "Dana: renewed",
            ),
            ("Dana reloaded the import in the morning rush and locked the passes table for 11 minutes.", "locked"),
            ("Dana re-ran the fines batch, so the borrowers were charged three times.", "Dana re-ran"),
            ("It was Ibrahim as well who deleted the snapshot.", "Ibrahim as well who deleted"),
            ("Yusuf rolled the new firmware out to all 48 turbines at once.", "Yusuf rolled"),
            ("Dana truncated the outbox to stop the bot, which also wiped the 40 queued reminders.", "wiped"),
            ("Dana archived the table while the kiosks were still reading from it.", "Dana archived"),
            ("The fines batch was re-run twice by Dana on Friday evening, so the borrowers were charged three times.", "re-run"),
            ("- 13:15 Nguyen Van Long: deleted the warning rule, so the kiosks were locked out\n", "Nguyen Van Long: deleted"),
            ("The task was on Hamish's list and he let it slide past the deadline.", "he let"),
        ] {
            let got = flagged(ID, text);
            assert!(got.len() == 1 && got[0].starts_with(want), "{text}: {got:?}");
        }
        for fine in [
            "- 09:00 Dana: the queue drained, so checkout kept failing for another 40 min\n",
            "Dana restarted the pods, so checkout kept failing.",
            "Dana stopped the import and locked the passes table.",
            "Dana unplugged the faulty injector, which cut the errors to zero.",
            "Dana paged the whole team at once.",
            "Dana archived the table while the reports were still running, as planned.",
            "Dana watched the table while the kiosks were still reading from it.",
            "Dana rolled back all regions at once.",
            "The scheduler restarts all nodes at once.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn row_speakers_pluperfect_clefts_too_early_acts_and_lost_quorum() {
        for (text, want) in [
            ("- 17:03 Jörg: deleted the old v3 pool before v4 was healthy\n", "Jörg: deleted"),
            ("- 17:05 Jörg: restarted the router, dropping all sessions\n", "Jörg: restarted the router, dropping"),
            ("It was Kenji who had set the dock tablet to silent two weeks earlier.", "Kenji who had set"),
            ("Ngozi switched the traffic before the new pool was ready.", "Ngozi switched"),
            ("Tunde restarted the nodes together and dropped quorum.", "dropped"),
            ("Aroha never passed it on to the integration team.", "Aroha never"),
            ("Mehmet's restart of both nodes wiped the retry list.", "Mehmet's restart of both nodes wiped"),
        ] {
            let got = flagged(ID, text);
            assert!(got.len() == 1 && got[0].starts_with(want), "{text}: {got:?}");
        }
        for fine in [
            "- 17:09 Jörg: paged the database team\n",
            "- 17:10 Jörg: deleted the stale lock file, the queue drained\n",
            "It was Kenji who had spotted the alert first.",
            "Ngozi switched the traffic once the new pool was ready.",
            "Ngozi waited until the pool was healthy before switching the traffic.",
            "Tunde restarted the nodes together and quorum came back within a minute.",
            "Aroha passed it on to the integration team at 09:10.",
            "> Jörg: deleted the old pool before v4 was healthy?",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn initials_states_left_past_their_use_resets_and_dismissals() {
        for (text, want) in [
            ("A. Kowalczyk-Nowak misconfigured the LIMS replica during the upgrade.", "A. Kowalczyk-Nowak"),
            ("Dana left the overwrite mode on after the migration.", "Dana left"),
            ("Dana left the throttle at 5% when the load test wrapped up.", "Dana left"),
            ("Rafał Zieliński reset the plate-ID sequence on the primary.", "Rafał Zieliński reset"),
            ("@mbeaulieu waved off the pilot-bus reboots as a known flake.", "@mbeaulieu waved off"),
            ("The alert was muted for the test, which meant Fernanda never turned it back on.", "Fernanda never"),
            ("Dana restarted the primary while the backup was still running.", "Dana restarted"),
            ("Kwame restarted the sync, so the bad IDs overwrote the good ones.", "Kwame restarted"),
        ] {
            let got = flagged(ID, text);
            assert!(got.len() == 1 && got[0].starts_with(want), "{text}: {got:?}");
        }
        for fine in [
            "A. Kowalczyk-Nowak rolled the replica back at 10:14.",
            "Dana left the bridge after the fix was confirmed.",
            "Dana left the old pool up as a fallback.",
            "Dana reset the password of the service account.",
            "Dana watched the graphs while the backup was still running.",
            "Fernanda turned the alert back on at 10:02.",
            "Kwame restarted the sync, so the good IDs came back.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn omissions_joined_to_an_opening_act_and_acts_never_undone() {
        for (text, want) in [
            (
                "| Time | Who | What |\n| --- | --- | --- |\n| 05:12 | J.-B. Roux | Continued alone and did not inform the duty manager. |\n",
                "did not",
            ),
            ("Nothing showed it, which means Callum never looked at the outstation logs.", "Callum never"),
            (
                "The segment filter was commented out by Kiprop while testing, and it was never put back.",
                "commented out by Kiprop",
            ),
            ("Callum generated the data set from index C instead of the approved index D.", "Callum generated"),
        ] {
            let got = flagged(ID, text);
            assert!(got.len() == 1 && got[0].starts_with(want), "{text}: {got:?}");
        }
        for fine in [
            "| Time | Who | What |\n| --- | --- | --- |\n| 05:12 | J.-B. Roux | Continued the diagnosis and did not need help. |\n",
            "The filter was commented out by Kiprop for the test and put back at 10:02.",
            "Malte has set the limit to 600 as the runbook says.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn short_participles_safeguards_taken_out_bare_no_marks_and_owners_named_after() {
        for (text, want) in [
            (
                "The retry limit on the consumer was set to zero by Emeka during the load test and never put back.",
                "set to zero by Emeka",
            ),
            ("It was Kwame who took the duplicate-waybill check out of the driver app in January.", "took"),
            ("Kwame pushed 3.8.1 to all 140 gates in one batch last Tuesday, no canary.", "Kwame pushed"),
            ("Wei merged the schema change on Friday, no review.", "Wei merged"),
            (
                "The migration was reviewed and approved by Priya, who didn't run it against a copy of production.",
                "approved by Priya",
            ),
            ("The new key had been rotated by Søren on Friday and never shared with the desk.", "rotated by Søren"),
            ("Ren's manual override made things worse: it replaced the wrong transaction.", "Ren's"),
            ("Mateusz's headline edit is what broke the schedule.", "Mateusz's"),
            ("The migration that locked the table was Akosua's.", "The migration"),
            ("The change that crashed the primary was Dana's, as the log shows.", "The change"),
        ] {
            let got = flagged(ID, text);
            assert!(got.len() == 1 && got[0].starts_with(want), "{text}: {got:?}");
        }
        for fine in [
            "The retry limit was set to zero by Emeka for the load test and put back at 10:02.",
            "Kwame took the primary out of the pool to drain it.",
            "Kwame deployed the fix at noon, no canary needed for a text change.",
            "Kwame deployed the fix at 10:00 and no alerts fired.",
            "There was no canary for the gates, so Kwame pushed 3.8.1 to all of them.",
            "Jarvis deploys realm exports with no staged rollout and no canary.",
            "The migration was approved by Priya, who then ran it in staging first.",
            "The patch was deployed by Priya, who did not know about the freeze because nobody told her.",
            "The rollback made things worse for ten minutes.",
            "The vendor's headline parser is what broke the schedule.",
            "The migration that locked the table was reverted at 10:02.",
            "The migration that locked the table was the vendor's.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn names_in_scripts_without_capitals() {
        assert_eq!(flagged(ID, "王芳 overrode the variance warning and released the run."), ["王芳 overrode"]);
        let text =
            "| Time | Event |\n| --- | --- |\n| 14:30 | 박지훈 책임 applied the wrong TTL config without review. |\n\n\
                    | Action | Owner | Due |\n| --- | --- | --- |\n| Add a check | 박지훈 | 11.22 |\n";
        assert_eq!(flagged(ID, text), ["박지훈 책임 applied"]);
        assert!(flagged(ID, "王芳 rolled back the deploy at 21:00.").is_empty());
    }

    #[test]
    fn a_secret_put_where_others_read_it() {
        assert_eq!(flagged(ID, "Priya pasted the deploy token into a public gist."), ["Priya pasted"]);
        assert_eq!(flagged(ID, "Priya stored the passwords in plain text."), ["Priya stored"]);
        assert!(flagged(ID, "Priya published the status update to the public page at 10:02.").is_empty());
        assert!(flagged(ID, "Priya moved the docs to a public wiki space after review.").is_empty());
        // Any place people read, by the secret itself: a channel, a chat group, a doc.
        for (sentence, want) in [
            ("@premysl pastes the deploy token into #vendor-acme while helping the vendor.", "@premysl pastes"),
            (
                "Oyelaran's setup script copied the token into the vendor onboarding doc.",
                "Oyelaran's setup script copied",
            ),
            (
                "The consumer secret was pasted into the team WhatsApp group by Kiprono.",
                "pasted into the team WhatsApp group by Kiprono",
            ),
        ] {
            assert_eq!(flagged(ID, sentence), [want], "{sentence}");
        }
        for fine in [
            "Priya copied the new key into the vault.",
            "Priya posted the key metrics in the channel.",
            "Priya rotated the token and posted the new fingerprint in the channel.",
            "Priya shared the incident doc in the channel.",
            "The vendor pasted the token into their ticket.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn consequences_taken_away_all_at_once_and_more_load() {
        for (sentence, want) in [
            ("Wiremu cordoned two healthy nodes, which took another 8% of capacity away.", "Wiremu cordoned"),
            ("Tavita started the upgrade at 100%, so every checkout node drained at once.", "Tavita started"),
            ("Bo enabled the replay flag, which doubled read load.", "Bo enabled"),
        ] {
            assert_eq!(flagged(ID, sentence), [want], "{sentence}");
        }
        for fine in [
            "Wiremu added two nodes, which took the pressure away.",
            "Tavita drained one node, so the rest kept serving.",
            "Bo restarted the consumer, which cut read load in half.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn a_passive_of_any_verb_with_its_agent_when_the_clause_says_it_was_harm() {
        for (sentence, want) in [
            ("The notice was archived unread by Amaia.", "archived unread by Amaia"),
            ("The draw certificate was left unsigned by Farhana for forty minutes.", "unsigned by Farhana"),
            (
                "The job had been repointed to the staging bucket by Anh Tran for a test and left that way.",
                "repointed to the staging bucket by Anh Tran",
            ),
            (
                "The runbook had been edited by Jaroslava Nováková, removing the step that checks renewals.",
                "edited by Jaroslava Nováková",
            ),
            (
                "The change was approved by Ms. Thenmozhi Rajendran despite the missing rollback plan.",
                "approved by Ms. Thenmozhi Rajendran",
            ),
            (
                "Fare table v88 was published by A. Ogunleye before the regression run had finished.",
                "published by A. Ogunleye",
            ),
        ] {
            assert_eq!(flagged(ID, sentence), [want], "{sentence}");
        }
        for fine in [
            "The broken certificate was replaced by Vusumuzi Ndlovu at 17:10.",
            "Reconciliation done by Vaishnavi, all stuck transactions updated.",
            "The status page was updated by @sipho.m",
            "The fix was reviewed by Ines and merged on Tuesday.",
            "The outage was reported by Ngozi at 09:12.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn monitoring_removed_and_steps_left_undone_with_what_that_did() {
        for (sentence, want) in [
            ("Zhang Wei removed the disk-headroom panel from the on-call dashboard.", "Zhang Wei removed"),
            ("Aigerim did not return the alarm to critical.", "Aigerim did not"),
            ("Marek did not register the change, so nobody knew the limiter was off.", "Marek did not"),
        ] {
            assert_eq!(flagged(ID, sentence), [want], "{sentence}");
        }
        // Nothing said of what it did, a step that is no duty; cleaning up dead panels.
        for fine in [
            "Marek did not register for the conference.",
            "Aigerim removed the stale panels after the migration.",
            "Zhang Wei added a disk-headroom panel to the dashboard.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn flags_a_persons_act_by_the_harm_its_consequence_did() {
        for (sentence, want) in [
            ("Dana had hard-coded the old gateway address, so the backup route was dead too.", "Dana had hard-coded"),
            ("Aroha unplugged the spare encoder for a socket, so we could not switch feeds.", "Aroha unplugged"),
            ("Rawiri pasted the live string into the test config, so the run wrote fake bookings.", "Rawiri pasted"),
            ("Huamán signed the note saying there were no changes, so the desk had no script.", "Huamán signed"),
            ("Bo left the replay switch on, so read load doubled during catch-up.", "Bo left"),
            ("Sione restarted two nodes mid-repair, which meant the others failed too.", "Sione restarted"),
            (
                "The bind file was copied by Ferreira from staging, so every message went at the wrong rate.",
                "copied by Ferreira",
            ),
        ] {
            assert_eq!(flagged(ID, sentence), [want], "{sentence}");
        }
        for fine in [
            "Dana rolled back the deploy, so errors dropped within a minute.",
            "Dana paged the database team, so the failover started at 14:05.",
            "Dana was paged at 03:00, so the queue had already backed up.",
            "Dana drained the node so that the upgrade could not hit live traffic.",
            "Dana restarted the pod, so nothing was lost.",
            "The deploy tool restarted every pod at once, so checkout failed for two minutes.",
            "Dana noticed the disk filling up, so we could not wait for the morning.",
            "Dana joined the bridge at 14:05, so the incident commander had no need to escalate.",
            "Dana moved to the payments team in May, which meant the alert had no owner.",
            "Dana left the company in May, so the runbook was stale.",
            "Alfred marks a DAG as failed after six retries, so the failed swap was silent.",
            "Dana restarted the worker, so it failed again.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn flags_acts_made_wrong_by_when_and_how_they_were_done() {
        // A time inside the verb group; a name written with combining diacritics.
        assert_eq!(
            flagged(ID, "Dana had already on Thursday deleted the orders table."),
            ["Dana had already on Thursday deleted"]
        );
        assert_eq!(
            flagged(ID, "Our partner's engineer, Adébáyọ̀ Ogunlesi, deleted the orders table."),
            ["Adébáyọ̀ Ogunlesi, deleted"]
        );
        for (sentence, want) in [
            ("Analyn flipped the shipping flag for every merchant instead of the test group.", "Analyn flipped"),
            ("Killa shipped 4.2 knowing that the parser had an open bug.", "Killa shipped"),
            ("Dewi upgraded the cache at 23:50, fourteen minutes before the sale opened.", "Dewi upgraded"),
            ("Şükrü restarted two slow nodes in the middle of the repair.", "Şükrü restarted"),
            ("Otieno acknowledged the page and then sat on it for an hour.", "sat on"),
            ("Tomás rotated the password and left the consumers on the old one.", "left"),
        ] {
            assert_eq!(flagged(ID, sentence), [want], "{sentence}");
        }
        for fine in [
            "Dana sat on the bridge for the whole incident.",
            "Dana sat on the review board in 2024.",
            "Dana restarted the primary in the middle of the night, as the runbook says.",
            "Dana left the old cluster running as a fallback.",
            "Dana rolled back the deploy knowing the tests were green.",
            "Dana deployed the fix before the review started.",
            "Dana added capacity before the sale opened.",
            "Dana searched for a fix without success.",
            "Jenkins restarted the workers in the middle of the repair.",
            "Dana opened a ticket for the faulty disk.",
            "Dana flipped the flag back for every merchant instead of waiting for the rollout.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn finds_the_act_a_mark_makes_wrong_past_purposes_and_descriptions() {
        for (sentence, want) in [
            ("Gülşen entered 12:00 rather than 00:00 in the repair cron.", "Gülşen entered"),
            ("Tomás saw the lag warning and closed it as a false alarm.", "closed"),
            ("Abebe ticked the dry-run box although the dry run was never executed.", "Abebe ticked"),
            ("Tsehay overrode the dispatch guard to release the trucks.", "Tsehay overrode"),
            ("Stavros stretched the TTL to take load off the origin, without a word to anyone.", "Stavros stretched"),
            ("@nusrat pushed the pricing config with the cap set to 99 instead of 9.9.", "@nusrat pushed"),
        ] {
            assert_eq!(flagged(ID, sentence), [want], "{sentence}");
        }
        for fine in [
            "Dana overrode the default page size for the export.",
            "Dana restarted the pod although the alert had already cleared.",
            "Dana rolled the release back rather than waiting for a fix.",
            "Dana closed the ticket as a duplicate of the outage ticket.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn reads_less_of_a_good_thing_a_harmful_which_and_titled_agents() {
        for (sentence, want) in [
            ("Qillaq restarted every edge node at once, so partner traffic dropped to zero.", "Qillaq restarted"),
            ("Tomás restarted the login service, so login was hard down for four minutes.", "Tomás restarted"),
            ("Tomás restarted the app tier, which extended the outage by twelve minutes.", "Tomás restarted"),
            // (The mark's act is the nearest verb, so the range runs to it.)
            (
                "Xochitl merged the PR that removed the dedupe window, over a red build.",
                "Xochitl merged the PR that removed",
            ),
            ("Zainab turned off the lint on the branch, so the header change went through unchecked.", "Zainab turned"),
            ("Niillas took the ticket at 10:20 and he left it unassigned until 10:45.", "he left"),
            ("Kanokwan let the rotation ticket sit for three days.", "Kanokwan let"),
            ("Tomás swapped the index alias before the reindex had finished.", "Tomás swapped"),
        ] {
            assert_eq!(flagged(ID, sentence), [want], "{sentence}");
        }
        for fine in [
            "Kalaiselvi's script overwrote the column a second time, with the right values, in one transaction.",
            "Dana failed over to the replica, which ended the outage.",
            "Dana restarted the cache, so errors dropped to zero.",
            "Dana deployed the fix, which shortened the outage by an hour.",
            "Dana swapped the alias after the reindex had finished.",
            "Dana let the job sit idle until the morning.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn reads_code_spans_long_subjects_titles_initials_and_left_undone_consequences() {
        for (sentence, want) in [
            // A prepositional phrase ending in a word of the verb group ("at once").
            (
                "Dana's restart of both nodes at once wiped the retry list.",
                "Dana's restart of both nodes at once wiped",
            ),
            // A thing's past participle set off by commas.
            ("Nour's change to the thresholds, made without a review, wiped the retry list.", "Nour's change"),
            // A code span is the act's object; "for 4h" is how long, not "because".
            ("@hjelm silenced `ScanLagHigh` for 4h without opening an incident.", "@hjelm silenced"),
            ("Dana silenced `ScanLagHigh` for two hours without opening an incident.", "Dana silenced"),
            // Any act left undone, when the sentence says with "so" what that led to.
            ("Priya did not start the drain script, so the backlog sat flat for 20 minutes.", "Priya did not"),
            ("Mr Parata's omission of the cut-off meant nothing was checked.", "Parata's omission"),
            ("Björn pushed the file straight to production.", "Björn pushed"),
            ("Björn pushed the file to live, skipping the QA branch.", "skipping"),
            ("It was Ms Benali who sent the file after the cut-off.", "Ms Benali who sent"),
            ("It was TK who force-pushed the change to main.", "TK who force-pushed"),
            ("Thornton's job purged the transaction logs.", "Thornton's job purged"),
            ("João had disabled the retry queue in October and did not turn it on again.", "did not"),
            ("Dana did not turn the alarm on again.", "Dana did not"),
            ("Tomás pasted the staging block into the prod overlay.", "Tomás pasted"),
        ] {
            let found = flagged(ID, sentence);
            assert!(found.iter().any(|f| f.starts_with(want)), "{sentence}: {found:?}");
        }
        for fine in [
            "Priya's fix brought the error rate down.",
            "Sean deploys it directly to production.",
            "Sean pushed the hotfix straight to prod.",
            "Dana escalated straight to the vendor.",
            "It was QA who signed it off.",
            "Dana did not restart the cache, so that the warm entries survived.",
            "Dana did not turn it on.",
            "Dana copied the fix into the prod overlay.",
            "Dana's rollback of both nodes at once restored the retry list.",
            "Mehmet purged the stale CDN entries, which stopped the leak.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn reads_timeline_rows_in_the_present_passive_omissions_and_relative_clauses() {
        for (sentence, want) in [
            ("- 13:02 Dana starts the migration on the primary at peak, so checkout stalls.", "Dana starts"),
            ("| 13:02 | Dana starts the migration at peak, so the portal begins rejecting writes. |", "Dana starts"),
            (
                "| 09:12 | Ahmed Karim loads the mapping straight into live, skipping the validation step |",
                "Ahmed Karim loads",
            ),
            (
                "| 09:12 | Ahmed Karim loads the mapping into live, skipping the validation step |",
                "Ahmed Karim loads the mapping into live, skipping",
            ),
            ("The runbook was never updated by Marek after the cluster moved.", "updated by Marek"),
            ("The certificate had never been renewed by Ilse.", "renewed by Ilse"),
            ("The outage traced back to a firewall rule that Ayodele removed on Tuesday.", "Ayodele removed"),
            ("At 09:14 Kou promoted the standby, and the portal began rejecting writes.", "Kou promoted"),
            ("Ayla's script cordoned every node in the pool, so checkout was hard down.", "Ayla's script cordoned"),
            ("@seun ran FLUSHALL on the prod Redis thinking it was the staging box.", "@seun ran"),
            ("Björn's rollout bricked the close path on every controller.", "Björn's rollout bricked"),
            ("The change was approved by Tamati, who merged it without review.", "Tamati, who merged"),
        ] {
            assert_eq!(flagged(ID, sentence), [want], "{sentence}");
        }
        for fine in [
            // A present outside a timeline row is a habit; plurals of harm say what there was.
            "Dana starts the migration on the primary at peak, so checkout stalls.",
            "- 13:05 Keoni restarts the worker, so errors drop to zero.",
            "Dana loads the mapping into live every night, skipping the validation step.",
            "| 09:12 | Ahmed Karim reloads the mapping, skipping nothing the runbook lists |",
            "The runbook was updated by Marek after the cluster moved.",
            "The runbook was never updated by the sync job after the move.",
            "The stale branches that Ayodele removed on Tuesday were merged long ago.",
            "At 09:14 Kou promoted the standby, and the portal began accepting writes again.",
            "Kou rolled back the deploy, and the errors started dropping.",
            "Kou promoted the standby, and the old primary started failing its health checks again.",
            "Ayla's script cordoned the two broken nodes, so the errors stopped.",
            "Seun restarted the pod thinking it was the cause of the leak.",
            "We thank Tamati, who fixed the route table without waiting for the review.",
            // What an act went without, referred back to or denied.
            "Omid kept the Friday export on his own initiative, without it we had nothing to restore.",
            "Eeva re-registered the key under dual control without skipping any step of the procedure.",
            "Eeva restarted the service without any downtime.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
        assert_eq!(flagged(ID, "Eeva re-registered the key without any review."), ["Eeva re-registered"]);
        // Words of any script and length are read without a fault.
        for word in ["s", "és", "ings", "ßs", "failing", "stalls", "crashes"] {
            let _ = super::is_outcome(word);
        }
        assert!(super::is_outcome("stalls") && super::is_outcome("rejecting"));
        assert!(!super::is_outcome("errors") && !super::is_outcome("és"));
    }

    #[test]
    fn reads_a_passives_agent_further_back_and_by_a_full_name() {
        assert_eq!(
            flagged(ID, "The certificate was uploaded to the wrong gateway pool by Vusumuzi Ndlovu."),
            ["uploaded to the wrong gateway pool by Vusumuzi Ndlovu"]
        );
        assert_eq!(
            flagged(ID, "The fare table was published to every validator by Dana before the test run had finished."),
            ["published to every validator by Dana"]
        );
        for fine in [
            "The certificate was uploaded to the right gateway pool by Vusumuzi Ndlovu.",
            "The broken certificate was replaced by Vusumuzi Ndlovu at 17:10.",
            "Pita deleted the 400 empty files that the failed uploads left behind.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn flags_a_mark_whose_act_opens_a_table_cell_after_a_who_column() {
        let doc = "# Debrief\n\n## Timeline\n\n| Time | Who | What |\n| --- | --- | --- |\n\
                   | 22:07 | Renata | Pushed a bad config |\n| 22:08 | Renata | Paged the database team |\n";
        assert_eq!(flagged(ID, doc), ["Pushed"]);
    }

    #[test]
    fn flags_harm_in_many_words_and_shapes() {
        for (sentence, want) in [
            ("Ngozi took the primary down during the resize.", "Ngozi took"),
            ("Siobhán's script dropped the orders table.", "Siobhán's script dropped"),
            ("Akosua's migration corrupted the index.", "Akosua's migration corrupted"),
            ("The disk warning was ignored by Bartek.", "ignored by Bartek"),
            ("It was Ines who merged the change.", "Ines who merged"),
            ("Ravi did not test the rollback.", "Ravi did not"),
            ("Olumide skipped the canary stage.", "Olumide skipped"),
            ("Wen applied the wrong manifest to production.", "Wen applied"),
            ("Thandiwe pushed a broken config on Friday.", "Thandiwe pushed"),
            ("Mateus left the cluster in a broken state.", "Mateus left"),
            ("Gareth disabled the disk alert last week.", "Gareth disabled"),
            ("The logs show that Oksana forgot to re-enable replication.", "Oksana forgot to"),
            ("Kwame merged it without review.", "Kwame merged"),
            ("@k.osei misconfigured the load balancer.", "@k.osei misconfigured"),
            // Where the only other capitals are acronyms and products, which are never
            // names: the honorific or the initial is what says a person is meant.
            ("Sato-san had not checked the DMARC report.", "Sato-san had not"),
            ("T. Wróbel deleted the AWS bucket by mistake.", "T. Wróbel deleted"),
            ("The on-call, Ikaika, ignored two pages.", "Ikaika, ignored"),
            ("Our DBA, Svetlana, truncated the audit table.", "Svetlana, truncated"),
            ("Hemi left the load balancer in drain mode overnight.", "Hemi left"),
            ("The rollback was delayed by Kofi.", "delayed by Kofi"),
            ("Xiadani's query starved the replicas.", "Xiadani's query starved"),
            ("Blame lies with Farid for not reading the alert.", "Blame lies with Farid"),
            ("Then McKenzie dropped the orders table.", "McKenzie dropped"),
            ("LaToya forgot to re-enable the alert.", "LaToya forgot to"),
            ("The on-call (Sadia) ignored the second page.", "Sadia) ignored"),
            ("Aroha restarted the nodes, which emptied the pool.", "emptied"),
            ("Responsibility rests with @mei for the rollout.", "Responsibility rests with @mei"),
            ("Radu wrote the query that took the database down.", "Radu wrote the query that took"),
            ("Amara rolled out the change everywhere, which is what took checkout down.", "took"),
        ] {
            assert_eq!(flagged(ID, sentence), [want], "{sentence}");
        }
    }

    #[test]
    fn leaves_neutral_names_and_systems_alone() {
        for fine in [
            "Tom rolled back the deploy at 14:20.",
            "The deploy caused the outage.",
            "The on-call engineer missed the page.",
            "We missed the page.",
            "A configuration error in the template.",
            "The HTTP 500 error rate rose.",
            "Dana is responsible for the rotation.",
            "Kubernetes accidentally evicted the pods.",
            "The deploy went out at noon and caused errors.",
            "The error was caused by a stale cache.",
            "Jenkins deleted the workspace before the build finished.",
            "The Hermes queue dropped messages for ten minutes.",
            "Ngozi deleted the stuck pods to free the node.",
            "Wen applied the fix at 14:10.",
            "It was Ines who spotted the spike.",
            "Dana did not notice the alert: it looked like the daily flapping one.",
            "Ravi did not break anything: the job failed on its own.",
            "The service is in a different fault domain.",
            "Oksana took the lead and paged the storage team.",
            "Mateus left the call at 15:00.",
            "The primary, Hermes, dropped messages when the broker restarted.",
            "The on-call, Ikaika, acknowledged the page at 09:12.",
            "Our scheduler, Argo, skipped the nightly run.",
            "Hemi put the node in drain mode at 09:10.",
            "The rollback was delayed by the vendor.",
            "Notifications were delayed by up to ten minutes.",
            "Kofi delayed the rollback until the vendor confirmed.",
            "The blame lies with the process, not with any one person.",
            "Then PagerDuty ignored the acknowledgement and paged again.",
            "Then MacBook updates skipped the disk check.",
            "Responsibility lies with the platform team for the runbook.",
            "Dana found the query that took the database down.",
            "The vendor shipped the patch that took the database down.",
            "Amara rolled back the change, which is what brought checkout back.",
            "Aroha froze the deploys, which blocked the release.",
            "The on-call (Sadia) acknowledged the second page.",
            "The primary (Hermes) dropped messages after the restart.",
            "The job restarted the nodes, which emptied the pool.",
            "The fix came from Kenji.",
            "The broken build came from Jenkins.",
            "The idea that broke the deadlock was Kenji's.",
            "The deploy that restored bookings was Taufa's.",
            "Dragan approved the firmware once the test report was green.",
            "In the morning Li rolled back the release.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn flags_relative_clauses_reasons_decisions_and_broken_rules() {
        for (sentence, want) in [
            ("The rollout script that Folasade wrote locked the accounts table.", "Folasade wrote locked"),
            ("The sampling rule Jiří added blocked every health probe.", "Jiří added blocked"),
            (
                "The cron job which Rashid scheduled on Sunday wiped the audit bucket.",
                "Rashid scheduled on Sunday wiped",
            ),
            ("Because Ximena lowered the pool size to four, checkouts started failing.", "Ximena lowered"),
            ("When Tawhiri rebooted the primary at noon, every login failed.", "Tawhiri rebooted"),
            ("Carts were lost as a result of Ayodele restarting the session store.", "Ayodele restarting"),
            ("Everything went down after Sunniva flushed the edge cache.", "Sunniva flushed"),
            ("Kamal's typo in the route map sent traffic to the old region.", "Kamal's typo"),
            ("The trouble started with Sigrun's decision to bypass the migration lock.", "Sigrun's decision to"),
            ("Paora had left the admin endpoint enabled in production.", "Paora had left"),
            ("Lindiwe ran the data fix on a Friday night against the change freeze.", "Lindiwe ran"),
            ("Henrik was responsible for the broken schema migration.", "Henrik was responsible for"),
            ("Nasrin pasted the signing key into the wiki, which then leaked in a screenshot.", "Nasrin pasted"),
            ("Keoni forgot to merge the fix before the release.", "Keoni forgot to"),
            ("Our SRE Paulo deleted the wrong namespace.", "Paulo deleted"),
            ("Marek rebooted the validator fleet during business hours.", "Marek rebooted"),
            ("Dr. Ishikawa ignored the capacity warning.", "Dr. Ishikawa ignored"),
            ("The bad config came from Kenji.", "bad config came from Kenji"),
            ("The deploy that broke login was Rafa's.", "The deploy that broke login was Rafa's"),
            ("Joaquín and his team shipped the runbook with the wrong profile.", "Joaquín and his team shipped"),
            ("Dragan approved the firmware although the test report was still red.", "Dragan approved"),
            ("Bayu disabled the payment circuit breaker.", "Bayu disabled"),
        ] {
            assert_eq!(flagged(ID, sentence), [want], "{sentence}");
        }
    }

    #[test]
    fn leaves_people_responding_and_their_good_work_alone() {
        for fine in [
            "The runbook Folasade wrote got us back in ten minutes.",
            "The bug that Jiří found in the parser crashed the worker.",
            "Because Ximena was on call, she opened the bridge.",
            "When Tawhiri paged the network team, they joined at once.",
            "After Sunniva rolled back the release, the errors stopped.",
            "When Sunniva joined the call, the primary had already failed.",
            "Sigrun's decision to fail over early kept the impact small.",
            "Henrik was responsible for the incident communication.",
            "Paora left the bridge at 12:10 to brief support.",
            "Lindiwe tested the change against the runbook before the release.",
            "Lindiwe deployed the fix despite the freeze, approved as an exception by the change board.",
            "Marek added capacity during business hours.",
            "Dr. Ishikawa reviewed the capacity plan.",
            "Because Athena retried every call, the gateway stayed overloaded.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn flags_people_known_from_the_document_and_more_shapes_of_harm() {
        for (sentence, want) in [
            // A surname alone, a person by the full name elsewhere.
            ("Farid Haddad wrote the policy.\n\nHaddad skipped the dry run on Friday.", "Haddad skipped"),
            // A word no list knows, a person because they joined the call.
            (
                "Tupaq joins the bridge at 02:52.\n\nTupaq accidentally pointed the restore at production.",
                "Tupaq accidentally",
            ),
            ("Kaveh was paged at 02:31.\n\nKaveh had disabled versioning on the bucket.", "Kaveh had disabled"),
            ("Keoni was the one who approved the change without opening the diff.", "Keoni was the one who approved"),
            ("@mira was the one that dropped the audit table.", "@mira was the one that dropped"),
            ("Yerlan's backfill held a lock on the invoices table for an hour.", "Yerlan's backfill held a lock"),
            ("The replica was three days behind because of Diego's change to the schedule.", "Diego's change"),
            ("Chiamaka never ran the policy linter before the merge.", "Chiamaka never"),
            ("Farid's PR also deleted the exception for the archive.", "Farid's PR also deleted"),
            ("Ilse turned off encryption on the export bucket.", "Ilse turned off"),
            // A surname no list knows, in a document that never writes it as a thing.
            ("Later, Okonkwo skipped the canary.", "Okonkwo skipped"),
            ("Okonkwo's script dropped the orders table.", "Okonkwo's script dropped"),
            // A person's work named twice is not a sign the name is a thing's.
            (
                "Pablo's migration was slow. Pablo's migration held a lock on the orders table.",
                "Pablo's migration held a lock",
            ),
            ("- 16:40 @lachie pushes a bad config to the edge.", "@lachie pushes"),
            ("Ravi shipped the model with the label column shifted by one position.", "Ravi shipped"),
            ("Ravi decided to skip the canary.", "Ravi decided to"),
            ("Ravi switched the disk alert off.", "Ravi switched"),
            ("Ravi let the certificate expire.", "Ravi let"),
            ("Ravi's deploy led to the outage.", "Ravi's deploy led to"),
            ("The outage was triggered by Ravi's deploy.", "triggered by Ravi's deploy"),
            ("Shortly after Ravi pushed the config, errors spiked.", "Ravi pushed"),
            ("@jdoe restarted the primary during the sale.", "@jdoe restarted"),
            ("Ravi, in a hurry, skipped the canary.", "Ravi, in a hurry, skipped"),
            ("Pablo (DBA) deleted the orders table.", "Pablo (DBA) deleted"),
            ("Ravi, it seems, forgot to re-enable the alert.", "Ravi, it seems, forgot to"),
            ("His migration held a lock on the orders table.", "His migration held a lock"),
            ("He's the one who deleted the bucket.", "He's the one who deleted"),
            ("Ravi ran the backfill twice, duplicating every order.", "Ravi ran"),
            ("The person who deleted the orders table was Ravi.", "deleted the orders table was Ravi"),
            ("Ravi is the reason the site went down.", "Ravi is the reason"),
            ("Ravi was why every checkout failed.", "Ravi was why"),
            ("Ravi restarted the pods, dropping every in-flight request.", "dropping"),
            // The subject leads the list in, or runs on from the item above.
            ("- Ravi:\n  - deleted the orders table", "deleted"),
            (
                "| Time | Who | What |\n| --- | --- | --- |\n| 10:05 | Kalani | Did not check the target bucket |\n",
                "Did not",
            ),
            ("- Ravi ran the migration on Friday,\n- and skipped the canary.", "skipped"),
            ("The config pushed by Ravi broke checkout.", "Ravi broke"),
            ("A bad config from Ravi broke checkout.", "Ravi broke"),
            ("@lachie reverted the fix.", "@lachie reverted"),
            ("@lachie re-enabled the flag that caused the crash.", "@lachie re-enabled"),
            // A name that is also a word, written as the word elsewhere.
            ("Grant joined the bridge. We grant access daily.\n\nGrant deleted the orders table.", "Grant deleted"),
        ] {
            assert_eq!(flagged(ID, sentence), [want], "{sentence}");
        }
    }

    #[test]
    fn leaves_the_same_shapes_alone_for_things_and_repairs() {
        for fine in [
            "Jenkins was the one that deleted the workspace.",
            "Keoni was the one who rolled back the deploy.",
            "Mateus was the one who restored the table.",
            "Siobhán was the one who noticed the drop.",
            "Wanjiru was the one who deployed the fix.",
            "Argo applied the wrong manifest twice during the restore.",
            "Prometheus missed two scrapes while the exporter restarted.",
            "Kafka held a lock on the partition until the leader moved.",
            "The replica was three days behind because of the network change.",
            "Tupaq joins the bridge at 02:52.\n\nTupaq deleted the quarantine prefix after the producers signed off.",
            "The object-count alarm woke Kaveh at 02:31.",
            "Haddad is also the name of the studio.",
            "Chiamaka never ran into the limit before.",
            "| 12:35 | Pods manually deleted on fully scheduled nodes |",
            "Falcon dropped the orders table. The falcon service restarted.",
            "Velero 1.12 deleted the backups bucket.",
            "Because of Imran's change to the retry policy, the database was backed up twice.",
            "Ravi decided to roll back the deploy.",
            "Ravi switched the traffic off the old region.",
            "Ravi let the migration run overnight.",
            "Ravi let the team know at 14:05.",
            "The spike was triggered by Ravi's load test fixture.",
            "The outage was caused by Jenkins.",
            "Ravi (on call) restored the table.",
            "Ravi reverted the bad deploy.",
            "Ravi reverted the fix because it made the errors worse.",
            "The fix from Ravi stopped the errors.",
            "What went wrong:\n\n- deleted the orders table",
            "- Jenkins:\n  - deleted the workspace",
            "- Ravi:\n  - restored the orders table",
            "| Time | Who | What |\n| --- | --- | --- |\n| 10:20 | Tomás | Paged the storage team |\n",
            "| Time | Service | What |\n| --- | --- | --- |\n| 10:05 | the CI job | Did not check the bucket |\n",
            "The cron ran twice, duplicating every order.",
            "The person who restored the orders table was Ravi.",
            "Ravi is the reason the outage was short.",
            "Ravi is why we recovered in ten minutes.",
            "The disk is the reason the site went down.",
            "The one that deleted the workspace was Jenkins.",
            "The engineer who deleted the orders table was on leave.",
            "Ravi rolled back the deploy, breaking nothing.",
            "Ravi drained the node, dropping the cached thumbnails.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    /// Shapes learnt from the `ab` set and the `aa` set's last misses: each with its
    /// hard negatives.
    #[test]
    fn breaches_settings_safeguards_and_people_written_short() {
        for hit in [
            "Marcos ran the migration outside the change window.",
            "Tomasz merged the schema change during the code freeze.",
            "Marcos raised the alert threshold from 1 hour to 4 hours without telling anyone.",
            "Marcos removed the statement timeout from the migrations role.",
            "Rafael did not set a lock timeout.",
            "Dr Asante never enabled the disk alert.",
            "@ibrahim muted `ConsumerLagHigh` for an hour.",
            "Dana left the TTL at the staging value.",
            "Rahul's change halved the bandwidth.",
            "Rafael restarted the MDS, which deleted the checkpoints.",
            "Dmitri reloaded both route reflectors, which cut every BGP session.",
            "Chloé's hotfix dropped 212 broadcasts.",
            "It was the night supervisor, Aroha Ngata, who deleted the queue.",
            "It was Ignacio who wrote the wrong name into the MOP.",
            // Initials, where the document writes the name whole.
            "- on the bridge: Jun Takahashi, Rodel Bautista\n\nJT disabled the disk alert.",
            // A handle written as a name, with its accent.
            "- people: @zoe, @marco\n\nhonestly it was zoë who said ship it without looking at the diff",
        ] {
            assert_eq!(flagged(ID, hit).len(), 1, "{hit}: {:?}", flagged(ID, hit));
        }
        for fine in [
            "Dana deployed the hotfix during the change freeze.",
            "Dana paged the DBA during the change freeze.",
            "The batch job ran outside the change window.",
            "Dana raised the alarm at 02:10 and paged the database team.",
            "Dana raised the alert severity to SEV1.",
            "Kofi lowered the severity once errors cleared.",
            "Hermes halved the bandwidth.",
            "Dana restarted the broker, which cleared the backlog.",
            "Dana restarted the consumer, which dropped the stuck messages.",
            "Dana restarted the MDS, which deleted the orphaned files.",
            "Dana restarted the router, which cut the error rate.",
            "Dana deleted the draft report after the review.",
            "Dana left the meeting at the test review.",
            "Dana left the flag at its default.",
            "It was the supervisor, Aroha Ngata, who rolled back the change.",
            "It was Ignacio who wrote the runbook.",
            "- people: @zoe, @marco\n\nit was zoë who joined the call first.",
            // The person harmed, not the one who did it.
            "Mrs. Halima Yusuf, a trader in Kano, was debited twice and could not pay her supplier.",
            "Dana was charged twice for the same order.",
            "Bill spent his friday night on the phone with us instead of at his kid's recital.",
            // Letters that are no one's initials in the document.
            "- on the bridge: Jun Takahashi\n\nQA disabled the disk alert.",
            "DB dropped the orders table.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn a_persons_change_as_the_subject_of_whatever_it_did() {
        for hit in [
            "Bjørn's rulechange blocks the port 4840 opening that the replication uses.",
            "- Present: Deshawn Carter, Maria Flores\n\nDeshawn Carter's change to the failover script in January left the standby pointed at an old database.",
            "Dana's change to the routing table on 28 June, which had not been reviewed, halved the bandwidth.",
            "| 23:40 | Mr. Tanvir's upgrade script hid the `pay_component` view from the payroll module. |",
            "- 13:50 — Ravi's patch on the HMI server caused the screens to freeze.",
            "Mr Haldane's rota placed a single engineer on a two-person change.",
            "Padraig's change in August is what turned the variance check into a warning.",
            "Mohammed's second trigger at 10:38 submitted the file again.",
            "Because Sofia's cleanup script sent every reminder twice, support was flooded.",
            "@chidi.o's config change flipped the callback URL to the staging host.",
            "Marcus's certificate swap cut Dock 4 off from the broker at 22:40.",
        ] {
            assert_eq!(flagged(ID, hit).len(), 1, "{hit}: {:?}", flagged(ID, hit));
        }
        assert_eq!(flagged(ID, "Dana's patch caused the screens to freeze."), ["Dana's patch caused"]);
        for fine in [
            // What made things better, or merely went out.
            "Ngaio's patch brought the Sydney batch through at 08:21.",
            "Priya's restore script from the last drill worked the first time.",
            "Kalaiselvi's script overwrote the column a second time, with the right values.",
            "Tomás's change cut the error rate in half.",
            "Oisín's matchmaking patch was out by 18:00.",
            "Dana's migration started at 05:10 and ran for an hour.",
            "Dana's change went out at 14:00.",
            "Dana's release reached every region by noon.",
            // Not the subject: an object, a condition, a question.
            "Ji-hoon paused Dana's retry script at 01:26.",
            "If Dana's change reorders the old index, the reports will slow down.",
            "- [ ] Turn on Ada's approval step, which prevents a flag going global.",
            // A thing's change, and a role's.
            "The vendor's patch removed the port opening.",
            "Hermes's update dropped the old queue.",
            "The engineer's change removed the port opening.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn modal_names_dotted_dates_far_initials_and_duties_of_record() {
        for hit in [
            // "Will" before a past tense or a modal is the name.
            "- present: Will Carter, Pip Jones\n\nWill skipped the post-migration checklist.",
            "- present: Will Carter, Pip Jones\n\nWill might also have removed the www record when he edited the zone.",
            // A day and month written with points does not end the sentence.
            "Mr. Becker's change of 07.02. left the availability group without automatic failover.",
            // Initials whose name the document writes, however far the act.
            "- Present: Tomasz Kowalczyk (TK), engineer\n\nTK deployed ruleset 2025.02 to production without running the regression.",
            // Duties of record: executing a step, entering a change, closing an action item,
            // informing (Indian English "intimate").
            "Abhishek did not execute the job status validation before closing the change.",
            "Thomas did not enter the change in the change log.",
            "The action item from the December storm was never closed by Nadia.",
            "Priya did not intimate the batch operations team about the change in date.",
            "- Owners: Hoa, Bruce\n\nBruce deleted the orders table.",
            // A check skipped makes any act one, an undoing too; a verb the list lacks.
            "Jarrah put the stock back on the shelves without checking with Hoa first.",
            "Sipho cleared the alarm without reporting it to the shift boss.",
            "Ayesha restarted the broker without draining it.",
            "Aigerim signed the completion act for CH-4471 without checking the delivery reports.",
            "Jarrah unpacked the orders without checking the payment status.",
            // A report's nominal style.
            "| Time | Person | Action |\n| --- | --- | --- |\n| 16:10 | Mr. Becker | End of maintenance without reset of the failover mode. |",
            "- Execution of the maintenance by Mr. Becker alone, without the four-eyes principle.",
            "Dana rolled back the change and deleted the orders table.",
            "Mr. Schulz had closed the storage warning as a known issue on Sunday morning.",
        ] {
            assert_eq!(flagged(ID, hit).len(), 1, "{hit}: {:?}", flagged(ID, hit));
        }
        for fine in [
            "Will the new check catch this?",
            "- Will restart the pods after the freeze.",
            "Will need to rerun the migration tomorrow.",
            "The change of 07.02. was reviewed by two people.",
            "Dana closed the incident at 11:40.",
            "Dana entered the incident channel at 02:10.",
            // The agent of the report, not of the act.
            "The exfiltration domain was suspended after an abuse report by Dana.",
            // What an act let people learn of the harm.
            "Minh shared a query, so we knew exactly who paid twice.",
            // A list of things names a bot, not a person.
            "- Systems: Bilby, Bruce\n\nBruce deleted the orders table.",
            "Dana fixed the config without waiting for the meeting.",
            "Dana checked the replica without touching the primary.",
            "The disk filled up without alerting anyone.",
            "We drained the node without reporting delays to customers, as none were seen.",
            "| Time | Person | Action |\n| --- | --- | --- |\n| 07:15 | Ms. Novak | Restoration of the failover mode without interruption. |",
            "- Replacement of the disk by Mr. Becker without downtime.",
            "- Execution of the maintenance without the four-eyes principle.",
            // Clearing out what an act of containment took out of use.
            "Dana yanked the release and then deleted its files.",
            "Dana revoked the token and deleted the leaked key.",
            "Dana closed the ticket as a known issue once the vendor patch was scheduled.",
            "The disk warning is a known issue tracked in OPS-12.",
        ] {
            assert!(flagged(ID, fine).is_empty(), "{fine}: {:?}", flagged(ID, fine));
        }
    }

    #[test]
    fn neutral_acts_are_sorted_for_lookup() {
        assert!(super::WRONGLY.windows(2).all(|w| w[0] < w[1]), "WRONGLY must stay sorted");
    }

    #[test]
    fn fixes_name_the_role() {
        assert_eq!(
            fixed(ID, "Dana broke the deploy pipeline.", 0).as_deref(),
            Some("The on-call engineer broke the deploy pipeline.")
        );
        assert_eq!(fixed(ID, "It was Dana's mistake.", 0).as_deref(), Some("It was a mistake."));
        assert_eq!(fixed(ID, "Dana's change caused the outage.", 0).as_deref(), Some("The change caused the outage."));
        assert_eq!(
            fixed(ID, "On Friday Dana broke the pipeline.", 0).as_deref(),
            Some("On Friday the on-call engineer broke the pipeline.")
        );
        assert_eq!(
            fixed(ID, "The warning was ignored by Bartek.", 0).as_deref(),
            Some("The warning was ignored by the on-call engineer.")
        );
    }
}
