//! Configuration from a cloned repository is data, not code (issue #6): team word lists
//! are matched literally (regex syntax means nothing, nothing can backtrack) within size
//! limits, globs cannot hang, nothing in a configuration or a document's front matter
//! is executed or expanded without bound, and the search for `debrief.toml` stops at the
//! repository root (a `.git` folder or file) in `check` and in the language server.
//!
//! Run: `cargo test -p debrief-ls --test robust_config`.

#[path = "robust_support/raw_client.rs"]
mod raw_client;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use debrief_core::config::{MAX_GLOBS, MAX_WORDS, MAX_WORD_LEN};
use debrief_core::Config;
use debrief_ls::workspace::{find_config, LoadedConfig, MAX_CONFIG_BYTES};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_debrief-ls");

fn doc(body: &str) -> String {
    format!("# Post-mortem: checkout\n\n## Summary\n\n{body}\n")
}

/// The findings of the team-word rule, as the text they cover.
fn team_words(text: &str, config: &Config) -> Vec<String> {
    debrief_core::analyse(text, config)
        .iter()
        .filter(|d| d.message.contains("team's list"))
        .map(|d| text[d.range.clone()].to_string())
        .collect()
}

#[test]
fn word_lists_are_literal_text_not_patterns() {
    let toml = r#"
[words]
blame = ["(a+)+$", ".*", "yolo'd", "[unclosed", "\\d+ times", "a|b", "x{1000000}"]
allow = [".*"]
"#;
    let (config, errors) = Config::from_toml(toml);
    assert!(errors.is_empty(), "{errors:?}");
    // Only the literal text is flagged; what the patterns would match is not.
    let text = doc("He yolo'd it. A .* here, (a+)+$ there, a|b, [unclosed and 12 times; x{1000000}.");
    let hits = team_words(&text, &config);
    for literal in ["yolo'd", ".*", "(a+)+$", "a|b", "[unclosed", "x{1000000}"] {
        assert!(hits.iter().any(|h| h == literal), "{literal} not flagged literally: {hits:?}");
    }
    assert!(!hits.iter().any(|h| h == "12 times"), "\\d is not a pattern: {hits:?}");
    // The catastrophic-backtracking classic against its worst input: literal, so instant.
    let evil = doc(&format!("{}!", "a".repeat(100_000)));
    let started = Instant::now();
    assert!(team_words(&evil, &config).is_empty());
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}

#[test]
fn word_lists_and_globs_are_size_limited() {
    let many: Vec<String> = (0..=MAX_WORDS).map(|i| format!("\"word{i}\"")).collect();
    let long = "x".repeat(MAX_WORD_LEN + 1);
    let toml = format!("[words]\nblame = [{}]\npeople = [\"{long}\"]\n", many.join(","));
    let (config, errors) = Config::from_toml(&toml);
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert!(messages.iter().any(|m| m.contains(&format!("at most {MAX_WORDS}"))), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains(&format!("longer than {MAX_WORD_LEN} bytes"))), "{messages:?}");
    assert!(errors.iter().all(|e| e.line.is_some()), "errors say where: {errors:?}");
    // Still a working configuration.
    assert!(!debrief_core::analyse(&doc("It was human error."), &config).is_empty());

    let globs: Vec<String> = (0..=MAX_GLOBS).map(|i| format!("\"docs{i}/**/*.md\"")).collect();
    let (_, errors) = Config::from_toml(&format!("include = [{}]\n", globs.join(",")));
    assert!(errors.iter().any(|e| e.message.contains(&format!("at most {MAX_GLOBS}"))), "{errors:?}");

    // Globs written to be slow compile to automata: matching a long path stays fast.
    let nasty: Vec<String> = (0..MAX_GLOBS).map(|i| format!("\"{}b{i}\"", "*a".repeat(40))).collect();
    let (config, errors) = Config::from_toml(&format!("include = [{}]\n", nasty.join(",")));
    assert!(errors.is_empty(), "{errors:?}");
    let path = "a".repeat(4000);
    let started = Instant::now();
    for _ in 0..100 {
        assert!(!config.includes_path(&path));
    }
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());

    // A configuration file over the size limit is refused, not read.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("debrief.toml");
    std::fs::write(&big, format!("# {}\n", "x".repeat(MAX_CONFIG_BYTES as usize))).unwrap();
    let loaded = LoadedConfig::from_file(&big);
    assert!(loaded.errors.iter().any(|e| e.message.contains("larger than")), "{:?}", loaded.errors);
}

#[test]
fn nothing_in_a_configuration_is_executed() {
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("pwned");
    let m = marker.display();
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("postmortems")).unwrap();
    std::fs::write(
        repo.join("debrief.toml"),
        format!(
            "include = [\"$(touch {m})\", \"`touch {m}`\"]\nexclude = [\"; touch {m}\"]\ncommand = \"touch {m}\"\n\n[words]\nblame = [\"$(touch {m})\"]\n"
        ),
    )
    .unwrap();
    std::fs::write(repo.join("postmortems/a.md"), doc(&format!("$(touch {m}) and `touch {m}`"))).unwrap();
    let out = Command::new(BIN).args(["check", "--format", "json", "."]).current_dir(&repo).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "the unknown `command` key is an error: {stderr}");
    assert!(stderr.contains("debrief.toml:3:1: error:") && stderr.contains("command"), "{stderr}");
    assert!(!marker.exists(), "something ran a command from the configuration");
}

#[test]
fn front_matter_cannot_make_the_analysis_allocate_without_bound() {
    // Aliases in block style are refused; huge front matter is not read.
    let laughs = "---\na: &a [\"lol\",\"lol\"]\nb: &b\n  - *a\n  - *a\n---\n# Post-mortem: x\n\nIt was human error.\n";
    let diags = debrief_core::analyse(laughs, &Config::default());
    assert!(diags.iter().any(|d| d.message.contains("anchors and aliases")), "{diags:?}");
    let huge = format!("---\ntitle: {}\n---\n# Post-mortem: x\n\nIt was human error.\n", "x".repeat(100 * 1024));
    let started = Instant::now();
    let diags = debrief_core::analyse(&huge, &Config::default());
    assert!(diags.iter().any(|d| d.rule == "cause-human-error"));
    assert!(started.elapsed() < Duration::from_secs(10));
}

/// Found while fuzzing (fixed in the core): the alias check in `front_matter.rs` only
/// looked for `: *` and `- *`, so aliases in flow style (`b: &b [*a,*a,…]`) reached
/// yaml-rust2, which expands them by copying: a 700-byte front matter ("billion laughs",
/// nine levels of nine) asked for about 10^9 nodes and exhausted memory. Aliases are now
/// found in the parser's event stream, in any style, before anything is built.
/// Input: `tests/fuzz-regressions/analyse/billion-laughs-flow-aliases.md`.
#[cfg(target_os = "linux")]
#[test]
fn flow_style_yaml_aliases_are_refused_too() {
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fuzz-regressions/analyse/billion-laughs-flow-aliases.md");
    // Under a 2 GB address-space limit, so the test fails instead of the machine.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v 2000000; exec {BIN} check --format json {}", file.display()))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "findings, not a crash: {stderr}");
}

#[test]
fn configuration_search_stops_at_the_repository_root() {
    let dir = tempfile::tempdir().unwrap();
    let outer = dir.path();
    // Above the repository: a configuration that would silence everything.
    let off: String = debrief_core::rules::REGISTRY.iter().map(|r| format!("{} = \"off\"\n", r.meta.id)).collect();
    std::fs::write(outer.join("debrief.toml"), format!("[rules]\n{off}")).unwrap();
    for (name, git_is_file) in [("repo", false), ("worktree", true)] {
        let repo = outer.join(name);
        std::fs::create_dir_all(repo.join("docs/postmortems")).unwrap();
        if git_is_file {
            // Worktrees and submodules have a `.git` file, not a folder.
            std::fs::write(repo.join(".git"), "gitdir: /elsewhere/.git/worktrees/x\n").unwrap();
        } else {
            std::fs::create_dir_all(repo.join(".git")).unwrap();
        }
        let file = repo.join("docs/postmortems/a.md");
        std::fs::write(&file, doc("It was human error.")).unwrap();
        assert_eq!(find_config(&repo.join("docs/postmortems")), None, "{name}");
        let out = Command::new(BIN).args(["check", "--format", "json", "."]).current_dir(&repo).output().unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let rules: Vec<&str> =
            report["files"][0]["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
        assert!(rules.contains(&"cause-human-error"), "{name}: the outer configuration was used: {report}");
        assert_eq!(out.status.code(), Some(1), "{name}");
    }
    // Without a repository boundary the outer file applies (so the test above can fail).
    let loose = outer.join("loose/postmortems");
    std::fs::create_dir_all(&loose).unwrap();
    assert_eq!(find_config(&loose), Some(outer.join("debrief.toml")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_server_stops_at_the_repository_root_too() {
    let dir = tempfile::tempdir().unwrap();
    let outer = dir.path().canonicalize().unwrap();
    std::fs::write(outer.join("debrief.toml"), "[rules]\ncause-human-error = \"off\"\n").unwrap();
    let repo = outer.join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("postmortems")).unwrap();
    let text = doc("It was human error.");
    let inside = repo.join("postmortems/a.md");
    let outside = outer.join("postmortems/b.md");
    std::fs::create_dir_all(outside.parent().unwrap()).unwrap();
    std::fs::write(&inside, &text).unwrap();
    std::fs::write(&outside, &text).unwrap();
    let mut client = raw_client::RawClient::initialized().await;
    let codes = |items: &Value| -> Vec<String> {
        items.as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap_or("").to_string()).collect()
    };
    let inside_uri = tower_lsp::lsp_types::Url::from_file_path(&inside).unwrap().to_string();
    client.open(&inside_uri, &text).await;
    let items = client.pull(&inside_uri).await;
    assert!(codes(&items).contains(&"cause-human-error".to_string()), "inside the repository: {items}");
    let outside_uri = tower_lsp::lsp_types::Url::from_file_path(&outside).unwrap().to_string();
    client.open(&outside_uri, &text).await;
    let items = client.pull(&outside_uri).await;
    assert!(!codes(&items).contains(&"cause-human-error".to_string()), "outside, the file applies: {items}");
    client.shutdown().await;
}
