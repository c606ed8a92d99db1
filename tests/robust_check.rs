//! Files in `check` (issue #6): symlink loops, unreadable files, non-UTF-8 and binary
//! files, files that vanish mid-run — a clear error naming the file, exit 2, all other
//! files reported — and `--fix` that loses no data: a temporary file and a rename, the
//! permissions and owner kept, a file changed since it was read refused, read-only files
//! left intact with an error, and fixes applied twice changing nothing the second time.
//!
//! The suite runs as root in CI, where permission bits do not stop reads: an unreadable
//! file is made with `/proc/self/mem` instead (reading it fails with EIO, for root too),
//! and the permission-denied case runs only when not root.
//!
//! Run: `cargo test -p debrief-ls --test robust_check`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use debrief_ls::cli::check::write_back;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_debrief-ls");

const BLAMEFUL: &str = "# Incident debrief: cache\n\n## Summary\n\nDana should have noticed the alert. The root cause was human error.\n\n## Timeline (all times UTC)\n\n- 10:00 alert fired\n- 10:05 incident declared\n- 10:10 rolled back\n- 10:20 resolved\n";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", self.stdout, self.stderr))
    }

    /// The paths reported in the JSON output.
    fn reported(&self) -> Vec<String> {
        let json = self.json();
        json["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap().to_string()).collect()
    }
}

/// Runs the binary in `dir`, failing the test if it does not end within a minute (a
/// symlink loop must not trap it).
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let Ok(out) = rx.recv_timeout(Duration::from_secs(60)) else {
        let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
        panic!("debrief-ls {args:?} did not finish within a minute");
    };
    let out = out.unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn write(dir: &Path, rel: &str, text: &[u8]) -> PathBuf {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn is_root() -> bool {
    let dir = tempfile::tempdir().unwrap();
    let probe = write(dir.path(), "probe", b"x");
    set_mode(&probe, 0o000);
    std::fs::read(&probe).is_ok()
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[cfg(unix)]
#[test]
fn symlink_loops_in_a_walk_and_named_explicitly() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "postmortems/real.md", BLAMEFUL.as_bytes());
    // A link back to an ancestor, a link to itself, a pair pointing at each other, and
    // a link to nowhere.
    symlink(root, root.join("postmortems/up")).unwrap();
    symlink("self.md", root.join("postmortems/self.md")).unwrap();
    symlink("b.md", root.join("postmortems/a.md")).unwrap();
    symlink("a.md", root.join("postmortems/b.md")).unwrap();
    symlink("gone.md", root.join("postmortems/dangling.md")).unwrap();
    symlink("real.md", root.join("postmortems/alias.md")).unwrap();

    // A walk does not follow links: it ends, and checks the real file once.
    let r = run_in(root, &["check", "--format", "json", "."]);
    assert_eq!(r.reported(), ["postmortems/real.md"], "{}", r.stderr);
    assert_eq!(r.code, 1, "findings, and no error from links it did not follow: {}", r.stderr);

    // Named explicitly, each looping or dangling link is an error naming it; a link to
    // a real file is checked; everything else is still reported.
    let r = run_in(
        root,
        &[
            "check",
            "--format",
            "json",
            "postmortems/self.md",
            "postmortems/a.md",
            "postmortems/dangling.md",
            "postmortems/alias.md",
            "postmortems/up/postmortems/real.md",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    for name in ["postmortems/self.md", "postmortems/a.md", "postmortems/dangling.md"] {
        assert!(r.stderr.contains(&format!("{name}: error:")), "{name} not named:\n{}", r.stderr);
    }
    assert!(r.stderr.contains("symbolic links") || r.stderr.contains("loop"), "the loop is said: {}", r.stderr);
    assert_eq!(r.reported(), ["postmortems/alias.md", "postmortems/up/postmortems/real.md"]);
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_named_and_the_rest_checked() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "good.md", BLAMEFUL.as_bytes());
    // Reading /proc/self/mem from offset 0 fails (EIO) for every user, root included.
    symlink("/proc/self/mem", root.join("memory.md")).unwrap();
    // A path through a file: ENOTDIR.
    let r = run_in(root, &["check", "--format", "json", "memory.md", "good.md/inner.md", "good.md"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("memory.md: error: "), "{}", r.stderr);
    assert!(r.stderr.contains("good.md/inner.md: error: "), "{}", r.stderr);
    assert_eq!(r.reported(), ["good.md"]);

    // Permission denied only stops a reader that is not root.
    if !is_root() {
        let locked = write(root, "postmortems/locked.md", BLAMEFUL.as_bytes());
        set_mode(&locked, 0o000);
        let r = run_in(root, &["check", "--format", "json", "postmortems", "good.md"]);
        assert_eq!(r.code, 2);
        assert!(r.stderr.contains("postmortems/locked.md: error: permission denied"), "{}", r.stderr);
        assert_eq!(r.reported(), ["good.md"]);
        set_mode(&locked, 0o644);
    }
}

#[test]
fn binary_and_non_utf8_files_in_a_walk_are_named_and_the_rest_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "postmortems/good.md", BLAMEFUL.as_bytes());
    write(root, "postmortems/utf16.md", &[0xff, 0xfe, b'#', 0, b' ', 0, b'x', 0]);
    write(root, "postmortems/latin1.md", b"# Incident debrief\n\nNa\xefve caf\xe9\n");
    write(root, "postmortems/image.md", &[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    write(root, "postmortems/truncated.md", "# Incident debrief\n\nA cut emoji: 🚨".as_bytes().split_last().unwrap().1);
    // Outside the debrief folders a walk skips what is not text instead of failing.
    write(root, "notes/blob.md", &[0, 159, 146, 150]);
    let r = run_in(root, &["check", "--format", "json", "."]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    for (name, says) in [
        ("postmortems/utf16.md", "binary file"),
        ("postmortems/latin1.md", "not valid UTF-8 (byte 0xef at line 3, column 3)"),
        ("postmortems/image.md", "binary file"),
        ("postmortems/truncated.md", "not valid UTF-8"),
    ] {
        assert!(r.stderr.contains(&format!("{name}: error: {says}")), "{name}: {}", r.stderr);
    }
    assert!(!r.stderr.contains("notes/blob.md"), "{}", r.stderr);
    assert_eq!(r.reported(), ["postmortems/good.md"]);
}

#[test]
fn files_that_vanish_mid_run_are_named_and_the_rest_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let count = 400;
    let paths: Vec<PathBuf> =
        (0..count).map(|i| write(&root, &format!("postmortems/d{i:04}.md"), BLAMEFUL.as_bytes())).collect();
    // Named files that are gone before the run: the same error path as a walk's file
    // deleted between listing and reading.
    let r = run_in(&root, &["check", "--format", "json", "postmortems/gone.md", "postmortems/d0000.md"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("postmortems/gone.md: error: no such file or folder"), "{}", r.stderr);
    assert_eq!(r.reported(), ["postmortems/d0000.md"]);

    // Every other file deleted while a walk is being checked, from the end backwards.
    // Whichever way the race goes: a file kept is reported; a deleted one is reported
    // (read first), named in an error (listed, then gone), or absent (gone before the
    // walk listed it); never both; and nothing panics.
    let deleted: Vec<usize> = (0..count).rev().step_by(2).collect();
    let deleter = {
        let doomed: Vec<PathBuf> = deleted.iter().map(|&i| paths[i].clone()).collect();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(5));
            for p in doomed {
                let _ = std::fs::remove_file(p);
            }
        })
    };
    let r = run_in(&root, &["check", "--format", "json", "postmortems"]);
    deleter.join().unwrap();
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    let reported = r.reported();
    let mut vanished = 0;
    for i in 0..count {
        let name = format!("postmortems/d{i:04}.md");
        let in_report = reported.contains(&name);
        let in_errors = r.stderr.contains(&format!("{name}: error: no such file or folder"));
        assert!(!(in_report && in_errors), "{name} both reported and an error");
        if !deleted.contains(&i) {
            assert!(in_report, "{name} was never deleted but is not reported\n{}", r.stderr);
        }
        vanished += usize::from(in_errors);
    }
    assert_eq!(r.code, if vanished > 0 { 2 } else { 1 }, "{}", r.stderr);
    eprintln!("{vanished} of {count} files vanished between the walk and their reading");
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions_and_owner_and_refuses_read_only_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let original = "# Post-mortem: login\n\n## Summary\n\nDana should have noticed the alert.\n";
    let writable = write(root, "postmortems/writable.md", original.as_bytes());
    let script = write(root, "postmortems/script.md", original.as_bytes());
    let read_only = write(root, "postmortems/read-only.md", original.as_bytes());
    set_mode(&writable, 0o640);
    set_mode(&script, 0o750);
    set_mode(&read_only, 0o444);
    let r = run_in(root, &["check", "--fix", "--format", "json", "postmortems"]);
    assert_eq!(r.code, 2, "the read-only file is an error: {}", r.stderr);
    assert!(r.stderr.contains("postmortems/read-only.md: error: read-only file; fixes not written"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&read_only).unwrap(), original, "left intact");
    assert_eq!(mode(&read_only), 0o444);
    for (path, m) in [(&writable, 0o640), (&script, 0o750)] {
        let fixed = std::fs::read_to_string(path).unwrap();
        assert!(fixed.contains("## Timeline"), "the safe fix is written: {fixed}");
        assert_eq!(mode(path), m, "{} keeps its mode", path.display());
    }
    let names: Vec<String> = std::fs::read_dir(root.join("postmortems"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".debrief-ls-"))
        .collect();
    assert!(names.is_empty(), "no temporary files left: {names:?}");

    if is_root() {
        // Root fixing someone else's file leaves it theirs.
        use std::os::unix::fs::MetadataExt;
        let theirs = write(root, "postmortems/theirs.md", original.as_bytes());
        std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)).unwrap();
        let r = run_in(root, &["check", "--fix", "postmortems/theirs.md"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        let meta = std::fs::metadata(&theirs).unwrap();
        assert!(std::fs::read_to_string(&theirs).unwrap().contains("## Timeline"));
        assert_eq!((meta.uid(), meta.gid()), (65534, 65534), "owner and group kept");
    }
}

#[cfg(unix)]
#[test]
fn write_back_refuses_a_changed_file_and_writes_through_symlinks() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "d.md", b"as read");
    // Someone saved the file after `check` read it: refused, their text kept.
    std::fs::write(&path, "saved by an editor meanwhile").unwrap();
    let e = write_back(&path, b"as read", "fixed").unwrap_err();
    assert!(e.contains("changed"), "{e}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "saved by an editor meanwhile");
    // Deleted meanwhile: refused, nothing created.
    std::fs::remove_file(&path).unwrap();
    assert!(write_back(&path, b"as read", "fixed").is_err());
    assert!(!path.exists());
    // Through a symlink: the target is replaced, the link stays a link.
    let target = write(dir.path(), "target.md", b"old");
    let link = dir.path().join("link.md");
    symlink(&target, &link).unwrap();
    write_back(&link, b"old", "new").unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with(".debrief-ls-"));
    assert_eq!(leftovers.count(), 0);
}

/// Every public debrief, fixed with every fix (unsafe included), then fixed again: the
/// second run must change nothing.
#[test]
fn fixes_applied_twice_change_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus");
    let copy = dir.path().join("corpus");
    copy_tree(&corpus, &copy);
    // Named one by one, so each is checked as a debrief whatever its folder.
    let mut args: Vec<String> =
        ["check", "--fix", "--unsafe-fixes", "--format", "json", "--fail-on", "never"].map(String::from).to_vec();
    let names: Vec<String> = snapshot(&copy)
        .into_iter()
        .map(|(p, _)| format!("corpus/{}", p.display()))
        .filter(|p| p.ends_with(".md") && !p.ends_with("README.md"))
        .collect();
    args.extend(names.iter().cloned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let first = run_in(dir.path(), &args);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let after_first = snapshot(&copy);
    let changed = after_first.iter().filter(|(p, t)| std::fs::read(corpus.join(p)).unwrap() != *t).count();
    assert!(changed > 10, "fixes were applied to many files ({changed} of {})", names.len());
    let second = run_in(dir.path(), &args);
    assert_eq!(second.code, 0, "{}", second.stderr);
    let after_second = snapshot(&copy);
    for ((path, a), (_, b)) in after_first.iter().zip(&after_second) {
        assert!(a == b, "{} changed on the second --fix", path.display());
    }
    assert_eq!(first.reported(), second.reported());
    assert_eq!(first.reported().len(), names.len());
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
            set_mode(&dest, 0o644);
        }
    }
}

fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push((path.strip_prefix(root).unwrap().to_path_buf(), std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}
