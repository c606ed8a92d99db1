//! `debrief-ls check` (SPEC 6): find the debriefs, read them, analyse them in parallel,
//! apply fixes when asked, and report in the chosen format.
//!
//! Every file that can be read is checked and reported, whatever goes wrong with the
//! others; problems (unreadable, binary or non-UTF-8 files, bad configuration) are
//! reported with the file's name and make the exit code 2.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use clap::ValueEnum;
use debrief_core::{fix, Applicability, ConfigError, Severity};
use rayon::prelude::*;

use super::report::{Color, FileResult, Format, Printer, Problem, Rendered, Report};
use crate::workspace::{config_here, Here, LoadedConfig};

/// The lowest severity that fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Any finding fails.
    Info,
    /// Warnings and errors fail (the default).
    Warning,
    /// Only errors fail.
    Error,
    /// Findings never fail the run (problems reading files still do).
    Never,
}

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check (default: the current folder); `-` reads stdin.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Apply safe fixes and write the files.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, also apply unsafe fixes (reframing rewrites that change meaning).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Show the fixes as a unified diff instead of writing them.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// The file name to report (and to find configuration from) for stdin.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Use this configuration file instead of searching for debrief.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Colour the human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Treat files named on the command line as a folder walk does: skip excluded files
    /// and Markdown that is not a debrief (for pre-commit, which names every Markdown file).
    #[arg(long)]
    pub force_exclude: bool,
}

/// A file to check, and whether it was named on the command line.
#[derive(Debug, Clone)]
struct Target {
    path: PathBuf,
    explicit: bool,
}

impl Problem {
    fn new(path: &Path, message: impl Into<String>) -> Self {
        Problem { path: display(path), line: None, column: None, message: message.into() }
    }

    fn from_config(path: &Path, e: &ConfigError) -> Self {
        Problem { path: display(path), line: e.line, column: e.column, message: e.message.clone() }
    }
}

/// How a path is shown: as given, `/`-separated, without a leading `./`.
fn display(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Finds each folder's configuration once, loads each configuration file once, and
/// remembers the problems found.
struct Configs {
    explicit: Option<Arc<LoadedConfig>>,
    by_dir: Mutex<HashMap<PathBuf, Arc<LoadedConfig>>>,
    /// By configuration file (`None`: the defaults). Many folders share one file, and
    /// loading it compiles its globs: once per folder was 6% of checking the corpus.
    by_file: Mutex<HashMap<Option<PathBuf>, Arc<LoadedConfig>>>,
    canonical_dirs: Mutex<HashMap<PathBuf, PathBuf>>,
    fallback_root: PathBuf,
    problems: Mutex<Vec<Problem>>,
    reported: Mutex<std::collections::HashSet<PathBuf>>,
}

impl Configs {
    fn new(explicit: Option<&Path>) -> Self {
        let fallback_root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let configs = Configs {
            explicit: None,
            by_dir: Mutex::new(HashMap::new()),
            by_file: Mutex::new(HashMap::new()),
            canonical_dirs: Mutex::new(HashMap::new()),
            fallback_root,
            problems: Mutex::new(Vec::new()),
            reported: Mutex::new(Default::default()),
        };
        match explicit {
            Some(path) => {
                let loaded = if path.is_file() {
                    LoadedConfig::from_file(path)
                } else {
                    let mut l = LoadedConfig::defaults(PathBuf::from("."));
                    l.path = Some(path.to_path_buf());
                    l.errors.push(ConfigError {
                        line: None,
                        column: None,
                        message: "no such configuration file".into(),
                    });
                    l
                };
                configs.note(&loaded);
                Configs { explicit: Some(Arc::new(loaded)), ..configs }
            }
            None => configs,
        }
    }

    fn note(&self, loaded: &LoadedConfig) {
        let Some(path) = &loaded.path else { return };
        if loaded.errors.is_empty() || !self.reported.lock().expect("lock").insert(path.clone()) {
            return;
        }
        let mut problems = self.problems.lock().expect("lock");
        problems.extend(loaded.errors.iter().map(|e| Problem::from_config(path, e)));
    }

    /// The absolute form of a file's path (see [`absolute`]), resolving each folder once:
    /// resolving it again for every file cost a `readlink` per path component.
    fn absolute(&self, path: &Path) -> PathBuf {
        let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else { return absolute(path) };
        if let Some(resolved) = self.canonical_dirs.lock().expect("lock").get(dir) {
            return resolved.join(name);
        }
        let resolved = absolute(path);
        if let Some(parent) = resolved.parent() {
            self.canonical_dirs.lock().expect("lock").insert(dir.to_path_buf(), parent.to_path_buf());
        }
        resolved
    }

    /// The configuration for a file, given its absolute path.
    fn for_file(&self, path: &Path) -> Arc<LoadedConfig> {
        if let Some(c) = &self.explicit {
            return c.clone();
        }
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(&self.fallback_root);
        self.for_dir(dir)
    }

    /// The configuration for the files of `dir`: the search of [`crate::workspace::find_config`], with each
    /// folder's answer remembered, so that the folders above many folders of debriefs are
    /// looked at once, not once for each of them.
    fn for_dir(&self, dir: &Path) -> Arc<LoadedConfig> {
        if let Some(c) = self.by_dir.lock().expect("lock").get(dir) {
            return c.clone();
        }
        let file = match (config_here(dir), dir.parent()) {
            (Here::Config(path), _) => Some(path),
            (Here::Neither, Some(parent)) => {
                let above = self.for_dir(parent);
                self.by_dir.lock().expect("lock").insert(dir.to_path_buf(), above.clone());
                return above;
            }
            (Here::Neither | Here::RepositoryRoot, _) => None,
        };
        let cached = self.by_file.lock().expect("lock").get(&file).cloned();
        let loaded = cached.unwrap_or_else(|| {
            let loaded = Arc::new(match &file {
                Some(path) => LoadedConfig::from_file(path),
                None => LoadedConfig::defaults(self.fallback_root.clone()),
            });
            self.note(&loaded);
            self.by_file.lock().expect("lock").insert(file, loaded.clone());
            loaded
        });
        self.by_dir.lock().expect("lock").insert(dir.to_path_buf(), loaded.clone());
        loaded
    }
}

/// The absolute form of a path, without resolving symlinks in the file name itself (so a
/// symlinked debrief is reported and configured where it is linked).
fn absolute(path: &Path) -> PathBuf {
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (joined.parent(), joined.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir).map_or(joined.clone(), |d| d.join(name)),
        _ => joined,
    }
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown" | "mdown" | "mkd"))
}

/// Expands the command-line paths into files: files as given, folders walked in
/// parallel (honouring .gitignore, never following symlinks, so loops cannot trap us).
fn collect_targets(paths: &[PathBuf], problems: &mut Vec<Problem>) -> Vec<Target> {
    let mut targets = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                let found = Mutex::new(Vec::new());
                let errors = Mutex::new(Vec::new());
                let walker = ignore::WalkBuilder::new(path).require_git(false).follow_links(false).build_parallel();
                walker.run(|| {
                    Box::new(|entry| {
                        match entry {
                            Ok(e) => {
                                if e.file_type().is_some_and(|t| t.is_file()) && is_markdown(e.path()) {
                                    found.lock().expect("lock").push(e.path().to_path_buf());
                                }
                            }
                            Err(err) => errors.lock().expect("lock").push(err),
                        }
                        ignore::WalkState::Continue
                    })
                });
                for err in errors.into_inner().expect("lock") {
                    let p = walk_error_path(&err).unwrap_or_else(|| path.clone());
                    problems.push(Problem::new(&p, walk_error_message(&err)));
                }
                // Sorted only so that runs are alike: the report is sorted by shown path.
                // Bytes, not `Path`'s component order, which cost 3 ms for the corpus × 8
                // before any file could be checked; they order as the shown paths do.
                let mut found = found.into_inner().expect("lock");
                found.sort_unstable_by(|a, b| a.as_os_str().as_encoded_bytes().cmp(b.as_os_str().as_encoded_bytes()));
                targets.extend(found.into_iter().map(|path| Target { path, explicit: false }));
            }
            Ok(_) => targets.push(Target { path: path.clone(), explicit: true }),
            Err(e) => problems.push(Problem::new(path, io_message(&e))),
        }
    }
    targets
}

fn walk_error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => walk_error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn walk_error_message(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => walk_error_message(err),
        ignore::Error::Loop { ancestor, .. } => format!("symbolic link loop back to {}", display(ancestor)),
        ignore::Error::Io(e) => io_message(e),
        other => other.to_string(),
    }
}

/// An I/O error in a few words, without the OS error number.
pub(in crate::cli) fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    }
}

/// Reads a file as UTF-8 text, refusing binary and non-UTF-8 content with a message
/// that says where.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
        return Err("binary file (it contains NUL bytes); not checked".into());
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = &bytes[..valid];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
        format!("not valid UTF-8 (byte 0x{:02x} at line {line}, column {column}); not checked", bytes[valid])
    })
}

/// Runs `check`.
pub fn run(args: CheckArgs) -> ExitCode {
    let mut problems = Vec::new();
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let configs = Configs::new(args.config.as_deref());
    let stdin_count = paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        eprintln!("debrief-ls: `-` (stdin) may be given once");
        return ExitCode::from(2);
    }
    if stdin_count == 1 && args.fix {
        eprintln!("debrief-ls: --fix cannot write back to stdin; use --diff");
        return ExitCode::from(2);
    }
    let file_paths: Vec<PathBuf> = paths.iter().filter(|p| p.as_os_str() != "-").cloned().collect();
    // Build the analyser's automata meanwhile: all of them while folders are walked; for
    // files named alone, the phrase automaton, needed last, beside the first file's
    // reading and parsing. The checks wait for what they need and build the rest.
    let walk = file_paths.iter().any(|p| p.is_dir());
    let warm = std::thread::spawn(if walk { debrief_core::warm_up } else { debrief_core::prepare });
    let mut targets = collect_targets(&file_paths, &mut problems);
    if args.force_exclude {
        targets.iter_mut().for_each(|t| t.explicit = false);
    }

    let mode = if args.fix {
        FixMode::Write
    } else if args.diff {
        FixMode::Diff
    } else {
        FixMode::None
    };
    let at_least = if args.unsafe_fixes { Applicability::Unsafe } else { Applicability::Safe };

    // Each file's part of the report is printed where it is checked, and its text let go.
    let printer = Printer::new(args.format, args.color);
    let metrics = printer.prints_metrics();
    let outcomes: Vec<Option<Result<Rendered, Problem>>> = targets
        .par_iter()
        .map(|t| check_file(t, &configs, mode, at_least, metrics).map(|r| r.map(|f| printer.render(f))))
        .collect();
    let _ = warm.join();
    // Not freed at the end: the process is about to exit, and dropping thousands of
    // reports one by one, on one thread, only delays it.
    let mut results = std::mem::ManuallyDrop::new(Vec::new());
    for o in outcomes.into_iter().flatten() {
        match o {
            Ok(r) => results.push(r),
            Err(p) => problems.push(p),
        }
    }
    if stdin_count == 1 {
        match check_stdin(&args, &configs, mode, at_least, metrics) {
            Ok(r) => results.push(printer.render(r)),
            Err(p) => problems.push(p),
        }
    }
    results.sort_by(|a, b| a.path.cmp(&b.path));
    problems.extend(configs.problems.into_inner().expect("lock"));
    problems.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    problems.dedup();

    let report = Report { files: &results, problems: &problems, diff_mode: mode == FixMode::Diff };
    let written = printer.write(&report);
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("debrief-ls: cannot write the report: {e}");
            return ExitCode::from(2);
        }
    }

    if !problems.is_empty() {
        return ExitCode::from(2);
    }
    if mode == FixMode::Diff {
        return ExitCode::from(u8::from(results.iter().any(|r| r.changed)));
    }
    let threshold = match args.fail_on {
        FailOn::Info => Some(Severity::Info),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Error => Some(Severity::Error),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| results.iter().any(|r| r.has_finding_from(t)));
    ExitCode::from(u8::from(failed))
}

/// Finds the debriefs under `paths` as `check` does (folders walked honouring
/// .gitignore, each file's configuration and globs) and analyses each with its metrics,
/// handing it to `each` where it was analysed, in parallel; `report` reads them so.
/// Returns what `each` gave, in path order, and the problems met.
pub(in crate::cli) fn each_debrief<T: Send>(
    paths: &[PathBuf],
    config: Option<&Path>,
    each: impl Fn(FileResult) -> T + Sync,
) -> (Vec<T>, Vec<Problem>) {
    let mut problems = Vec::new();
    let configs = Configs::new(config);
    let walk = paths.iter().any(|p| p.is_dir());
    let warm = std::thread::spawn(if walk { debrief_core::warm_up } else { debrief_core::prepare });
    let targets = collect_targets(paths, &mut problems);
    let outcomes: Vec<Option<Result<T, Problem>>> = targets
        .par_iter()
        .map(|t| check_file(t, &configs, FixMode::None, Applicability::Safe, true).map(|r| r.map(&each)))
        .collect();
    let _ = warm.join();
    let mut found = Vec::with_capacity(outcomes.len());
    for o in outcomes.into_iter().flatten() {
        match o {
            Ok(t) => found.push(t),
            Err(p) => problems.push(p),
        }
    }
    problems.extend(configs.problems.into_inner().expect("lock"));
    problems.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    problems.dedup();
    (found, problems)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FixMode {
    None,
    Write,
    Diff,
}

/// Checks one file, with its metrics when asked; `None` when a walked file turns out not
/// to be a debrief.
fn check_file(
    target: &Target,
    configs: &Configs,
    mode: FixMode,
    at_least: Applicability,
    metrics: bool,
) -> Option<Result<FileResult, Problem>> {
    let path = &target.path;
    let absolute = configs.absolute(path);
    let loaded = configs.for_file(&absolute);
    let relative = loaded.relative(&absolute);
    if !target.explicit && loaded.config.excludes_path(&relative) {
        return None;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return Some(Err(Problem::new(path, io_message(&e)))),
    };
    let text = match decode(bytes) {
        Ok(t) => t,
        // A walked file that is not text is not a debrief; a named one is an error.
        Err(_) if !target.explicit && !loaded.config.includes_path(&relative) => return None,
        Err(m) => return Some(Err(Problem::new(path, m))),
    };
    // A walked file the configuration does not include is checked when it declares
    // itself a debrief.
    if !target.explicit && !loaded.config.includes_path(&relative) {
        if mode == FixMode::None {
            // One parse both decides and analyses.
            let (diagnostics, metrics) = if metrics {
                let (d, m) = debrief_core::analyse_if_debrief_with_metrics(&text, &loaded.config)?;
                (d, Some(m))
            } else {
                (debrief_core::analyse_if_debrief(&text, &loaded.config)?, None)
            };
            return Some(Ok(FileResult { path: display(path), text, diagnostics, diff: None, fixed: 0, metrics }));
        }
        if !debrief_core::is_debrief(&text, None, &loaded.config) {
            return None;
        }
    }
    // The text is the file's bytes (decoding checked, not changed, them): it is what the
    // file must still hold when fixes are written back.
    let original = if mode == FixMode::Write { text.clone() } else { String::new() };
    let write = |fixed: &str| write_back(path, original.as_bytes(), fixed);
    Some(finish(display(path), text, &loaded, mode, at_least, metrics, write))
}

fn check_stdin(
    args: &CheckArgs,
    configs: &Configs,
    mode: FixMode,
    at_least: Applicability,
    metrics: bool,
) -> Result<FileResult, Problem> {
    let name = args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("-"));
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
        return Err(Problem::new(&name, format!("cannot read stdin: {}", io_message(&e))));
    }
    let text = decode(bytes).map_err(|m| Problem::new(&name, m))?;
    let loaded = configs.for_file(&absolute(&name));
    finish(display(&name), text, &loaded, mode, at_least, metrics, |_| Ok(()))
}

fn finish(
    path: String,
    text: String,
    loaded: &LoadedConfig,
    mode: FixMode,
    at_least: Applicability,
    metrics: bool,
    write: impl FnOnce(&str) -> Result<(), String>,
) -> Result<FileResult, Problem> {
    let config = &loaded.config;
    // After fixing, the metrics of the text the findings are reported against.
    let measure = |text: &str, diagnostics: &[debrief_core::Diagnostic]| {
        metrics.then(|| debrief_core::metrics_of(text, config, diagnostics))
    };
    match mode {
        FixMode::None if metrics => {
            let (diagnostics, metrics) = debrief_core::analyse_with_metrics(&text, config);
            Ok(FileResult { path, text, diagnostics, diff: None, fixed: 0, metrics: Some(metrics) })
        }
        FixMode::None => {
            let diagnostics = debrief_core::analyse(&text, config);
            Ok(FileResult { path, text, diagnostics, diff: None, fixed: 0, metrics: None })
        }
        FixMode::Write | FixMode::Diff => {
            let outcome = fix::fix_all(&text, config, at_least);
            if outcome.text == text {
                let metrics = measure(&text, &outcome.remaining);
                return Ok(FileResult { path, text, diagnostics: outcome.remaining, diff: None, fixed: 0, metrics });
            }
            if mode == FixMode::Diff {
                let diff = similar::TextDiff::from_lines(&text, &outcome.text)
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{path}"), &format!("b/{path}"))
                    .to_string();
                // Findings are reported against the text as it is on disk.
                let diagnostics = debrief_core::analyse(&text, config);
                let metrics = measure(&text, &diagnostics);
                return Ok(FileResult { path, text, diagnostics, diff: Some(diff), fixed: outcome.applied, metrics });
            }
            if let Err(m) = write(&outcome.text) {
                let p = Problem { path: path.clone(), line: None, column: None, message: m };
                return Err(p);
            }
            let metrics = measure(&outcome.text, &outcome.remaining);
            Ok(FileResult {
                path,
                text: outcome.text,
                diagnostics: outcome.remaining,
                diff: None,
                fixed: outcome.applied,
                metrics,
            })
        }
    }
}

/// Writes `new` over `path` without ever leaving a half-written file: a temporary file
/// in the same folder, the original's permissions, then a rename. Refuses when the file
/// changed since it was read, and leaves read-only files alone.
pub fn write_back(path: &Path, original: &[u8], new: &str) -> Result<(), String> {
    let target = std::fs::canonicalize(path).map_err(|e| format!("cannot write fixes: {}", io_message(&e)))?;
    let meta = std::fs::metadata(&target).map_err(|e| format!("cannot write fixes: {}", io_message(&e)))?;
    if meta.permissions().readonly() {
        return Err("read-only file; fixes not written".into());
    }
    let dir = target.parent().ok_or("cannot write fixes: no parent folder")?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".debrief-ls-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| format!("cannot write fixes: {}", io_message(&e)))?;
    tmp.write_all(new.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("cannot write fixes: {}", io_message(&e)))?;
    keep_owner(tmp.as_file(), &meta)?;
    std::fs::set_permissions(tmp.path(), meta.permissions())
        .map_err(|e| format!("cannot write fixes: {}", io_message(&e)))?;
    // Last moment check: someone (an editor, a formatter) changed the file meanwhile.
    match std::fs::read(&target) {
        Ok(current) if current == original => {}
        Ok(_) => return Err("file changed while it was being checked; fixes not written".into()),
        Err(e) => return Err(format!("cannot write fixes: {}", io_message(&e))),
    }
    tmp.persist(&target).map_err(|e| format!("cannot write fixes: {}", io_message(&e.error)))?;
    Ok(())
}

/// Gives the replacement the original's owner and group, so `--fix` run by root (in CI,
/// in a container) does not hand someone's file to root; refuses when that cannot be
/// done (a group the user is not in), rather than change who may read the file.
#[cfg(unix)]
fn keep_owner(tmp: &std::fs::File, original: &std::fs::Metadata) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::fchown(tmp, Some(original.uid()), Some(original.gid()));
    let now = tmp.metadata().map_err(|e| format!("cannot write fixes: {}", io_message(&e)))?;
    if (now.uid(), now.gid()) != (original.uid(), original.gid()) {
        return Err("cannot keep the file's owner and group; fixes not written".into());
    }
    Ok(())
}

#[cfg(not(unix))]
fn keep_owner(_: &std::fs::File, _: &std::fs::Metadata) -> Result<(), String> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_refuses_binary_and_names_the_bad_byte() {
        assert_eq!(decode(b"ok".to_vec()), Ok("ok".into()));
        assert!(decode(b"a\0b".to_vec()).unwrap_err().contains("binary"));
        let e = decode(b"line one\nab\xffc".to_vec()).unwrap_err();
        assert!(e.contains("0xff at line 2, column 3"), "{e}");
    }

    #[test]
    fn write_back_is_atomic_and_careful() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.md");
        std::fs::write(&path, "old").unwrap();
        write_back(&path, b"old", "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert!(write_back(&path, b"old", "newer").unwrap_err().contains("changed"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn write_back_keeps_permissions_and_refuses_read_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_back(&path, b"old", "new").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        assert!(write_back(&path, b"new", "newer").unwrap_err().contains("read-only"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }
}
