//! `debrief-ls init`: a commented `debrief.toml` with every key at its default, and with
//! `--template` a debrief template holding the front matter and the sections the rules
//! read. Generated from the rule registry and the default limits, so it cannot drift.
//!
//! Nothing is overwritten without `--force`, and each file is written whole or not at all:
//! a temporary file in the same folder, then a rename (which, without `--force`, refuses
//! to replace a file that appeared meanwhile).

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use debrief_core::config::{Limits, DEFAULT_INCLUDE};
use debrief_core::timeline::Milestone;

/// Arguments of `init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder to write into (default: the current folder), usually the repository root.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Also write `debrief-template.md`, a debrief to copy for each incident.
    #[arg(long)]
    pub template: bool,
    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,
}

/// The name of the template `--template` writes.
pub const TEMPLATE_NAME: &str = "debrief-template.md";

/// Runs `init`.
pub fn run(args: InitArgs) -> ExitCode {
    let mut files = vec![(args.dir.join("debrief.toml"), config_text())];
    if args.template {
        files.push((args.dir.join(TEMPLATE_NAME), TEMPLATE.to_string()));
    }
    // Refuse before writing anything, so a refusal leaves the folder as it was.
    if !args.force {
        if let Some((path, _)) = files.iter().find(|(p, _)| p.symlink_metadata().is_ok()) {
            eprintln!("debrief-ls: {} already exists; pass --force to overwrite it", path.display());
            return ExitCode::from(2);
        }
    }
    for (path, text) in &files {
        if let Err(e) = write_new(path, text, args.force) {
            eprintln!("debrief-ls: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
        println!("Wrote {}", path.display());
    }
    ExitCode::SUCCESS
}

/// Writes `text` to `path` through a temporary file and a rename.
fn write_new(path: &Path, text: &str, overwrite: bool) -> Result<(), String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err("no such folder".into());
    }
    let mut tmp =
        tempfile::Builder::new().prefix(".debrief-ls-").suffix(".tmp").tempfile_in(dir).map_err(|e| short(&e))?;
    tmp.write_all(text.as_bytes()).and_then(|()| tmp.as_file().sync_all()).map_err(|e| short(&e))?;
    let persisted = if overwrite { tmp.persist(path) } else { tmp.persist_noclobber(path) };
    match persisted {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            Err("it appeared while being written; pass --force to overwrite it".into())
        }
        Err(e) => Err(short(&e.error)),
    }
}

fn short(e: &std::io::Error) -> String {
    let s = e.to_string();
    s.split(" (os error").next().unwrap_or(&s).to_string()
}

/// A TOML string: JSON's escapes are all TOML basic-string escapes.
fn toml_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string prints")
}

fn toml_strings(list: &[&str]) -> String {
    format!("[{}]", list.iter().map(|s| toml_string(s)).collect::<Vec<_>>().join(", "))
}

/// The commented `debrief.toml`, every key at its default.
pub fn config_text() -> String {
    let l = Limits::default();
    let b = &l.followup_budget;
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "# debrief-ls configuration. Every key is at its default: change what your team needs and\n\
         # delete the rest. debrief-ls finds this file by walking up from each debrief, stopping at\n\
         # the repository root; editor settings use the same keys and override it.\n\
         # Written by `debrief-ls init` (debrief-ls {}).\n",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        w,
        "# Markdown files that are debriefs (globs relative to this file; setting it replaces the\n\
         # default). Files named on the command line, files whose front matter says\n\
         # `debrief: true`, and files whose first heading names a post-mortem, incident review or\n\
         # debrief are checked too.\n\
         include = {}\n\
         # Files never checked in a folder walk, e.g. [\"**/templates/**\"].\n\
         exclude = []\n",
        toml_strings(DEFAULT_INCLUDE)
    );
    let _ = writeln!(
        w,
        "# Each rule's level: \"off\" | \"info\" | \"warning\" | \"error\".\n\
         # `debrief-ls explain RULE` tells what a rule flags and how to reframe.\n\
         [rules]"
    );
    let width = debrief_core::rules::REGISTRY
        .iter()
        .map(|r| r.meta.id.len() + r.meta.default_level.as_str().len())
        .max()
        .unwrap_or(0);
    for r in debrief_core::rules::REGISTRY {
        let line = format!("{} = {}", r.meta.id, toml_string(r.meta.default_level.as_str()));
        let _ = writeln!(w, "{line:width$}  # {}", r.meta.summary, width = width + 5);
    }
    let _ = writeln!(
        w,
        "\n# The numbers the rules use.\n\
         [limits]\n\
         # followups-too-many: how many follow-ups a debrief may list, by the incident's severity\n\
         # (front matter `severity:`)…\n\
         followup-budget = {{ sev1 = {}, sev2 = {}, sev3 = {}, sev4 = {}, sev5 = {}, unknown = {} }}\n\
         # …and, when the front matter says when impact `started` and was `resolved`, at most one\n\
         # follow-up per this many minutes of impact…\n\
         minutes-per-followup = {}\n\
         # …but never fewer than this.\n\
         min-followup-budget = {}\n\
         # timeline-gap: a silence between timeline entries longer than this many minutes…\n\
         gap-minutes = {}\n\
         # …and longer than this share of the timeline's span.\n\
         gap-share = {:?}\n\
         # soak-too-soon / soak-too-late: the debrief (`debriefed:`) at least this many days after\n\
         # `resolved`…\n\
         soak-min-days = {}\n\
         # …and at most this many.\n\
         soak-max-days = {}\n",
        b.sev1,
        b.sev2,
        b.sev3,
        b.sev4,
        b.sev5,
        b.unknown,
        l.minutes_per_followup,
        l.min_followup_budget,
        l.gap_minutes,
        l.gap_share,
        l.soak_min_days,
        l.soak_max_days
    );
    let _ = write!(
        w,
        "# Your team's words.\n\
         [words]\n\
         # More judgement words to flag, matched literally, e.g. [\"cowboy deploy\"].\n\
         blame = []\n\
         # Words never flagged, such as names that are not people, e.g. [\"Jenkins\"].\n\
         allow = []\n\
         # Names to recognise as people, e.g. [\"Zorblax\"].\n\
         people = []\n"
    );
    let _ = writeln!(
        w,
        "\n# missing-milestone: the milestones a timeline needs, by the front matter `type:`.\n\
         # A type not listed needs all four: detected, responded, mitigated and resolved."
    );
    let _ = writeln!(w, "[milestones]");
    for (kind, needed) in debrief_core::config::default_milestones() {
        let names: Vec<&str> = needed.iter().map(|m| m.name()).collect();
        let skipped: Vec<&str> = Milestone::ALL.iter().filter(|m| !needed.contains(m)).map(|m| m.name()).collect();
        let _ = writeln!(w, "{kind} = {}  # not needed: {}", toml_strings(&names), skipped.join(", "));
    }
    out
}

/// The debrief template: the front matter the rules read and the sections they look for.
/// Its first heading does not name a debrief, so the template itself is not checked in a
/// folder walk; copies are, in the folders `include` names.
pub const TEMPLATE: &str = r#"---
# The front matter debrief-ls reads. Delete a key you do not know rather than guess it.
severity: SEV3               # SEV1…SEV5, P1…P5 or 1…5: sets the follow-up budget
started: 2026-01-31T13:55Z   # impact began; with resolved, the minutes of impact
detected: 2026-01-31T14:02Z
resolved: 2026-01-31T15:10Z
debriefed: 2026-02-03        # the debrief meeting: a day to a week after resolved
timezone: UTC                # the zone of the timeline's times
# debrief: true              # uncomment when the file is outside the folders `include` names
---

# Title: what happened, in a few words

## Summary

What users and systems saw, for how long, and how it ended. Describe what happened, not who
should have done what.

## Impact

Who was affected, how, and for how long.

## Timeline

All times UTC. One entry per event, each starting with its time; mark when the problem was
detected, when the response began, when impact was mitigated and when it was resolved.

- 13:55 Impact began:
- 14:02 Detected:
- 14:05 Declared and responded:
- 14:40 Mitigated:
- 15:10 Resolved:

## Contributing factors

The conditions that made this possible and what made it hard to see at the time. There is
rarely one cause.

-

## What went well

-

## Follow-ups

A few that matter, each with an owner or a ticket.

- [ ] @owner (TICKET-1)
"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// The written file parses, with no error, to exactly the defaults.
    #[test]
    fn the_config_is_every_key_at_its_default() {
        let text = config_text();
        let (config, errors) = debrief_core::Config::from_toml(&text);
        assert!(errors.is_empty(), "{errors:?}\n{text}");
        let default = debrief_core::Config::default();
        assert_eq!(config.include(), default.include());
        assert_eq!(config.exclude(), default.exclude());
        assert_eq!(config.limits, default.limits);
        assert_eq!(config.milestones, default.milestones);
        for (i, r) in debrief_core::rules::REGISTRY.iter().enumerate() {
            assert_eq!(config.severity_of(i), default.severity_of(i), "{}", r.meta.id);
            assert!(text.contains(&format!("\n{} = ", r.meta.id)), "{} is written", r.meta.id);
        }
        for key in [
            "include",
            "exclude",
            "followup-budget",
            "minutes-per-followup",
            "min-followup-budget",
            "gap-minutes",
            "gap-share",
            "soak-min-days",
            "soak-max-days",
            "blame",
            "allow",
            "people",
        ] {
            assert!(text.contains(&format!("\n{key} = ")), "{key} is written");
        }
        // Every key is commented: each table and key line has a comment above or beside it.
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if line.contains(" = ") && !line.starts_with('#') {
                assert!(line.contains(" # ") || lines[i - 1].starts_with('#'), "no comment for: {line}");
            }
        }
    }
}
