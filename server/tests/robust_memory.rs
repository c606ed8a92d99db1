//! Memory, measured on the real binary over stdio (issue #6): 300 documents open stay
//! under 200 MB resident, and big or deep documents (12 MB, a 1 MB line, 20,000 nested
//! block quotes) are analysed with findings published and bounded peak memory. Peaks
//! are the process's `VmHWM` in `/proc/<pid>/status` (Linux only).
//!
//! Run: `cargo test -p debrief-ls --test robust_memory -- --nocapture` to see the figures.

#![cfg(target_os = "linux")]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(120);

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_debrief-ls"))
            .env("DEBRIEF_LS_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start debrief-ls");
        let stdout = child.stdout.take().unwrap();
        let stdin = child.stdin.take().unwrap();
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    match line.trim_end() {
                        "" => break,
                        l => length = l.strip_prefix("Content-Length: ").and_then(|n| n.parse().ok()).unwrap_or(length),
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() || tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut server = Server { child, stdin, messages, next_id: 0 };
        let caps = json!({"workspace": {"configuration": false}});
        server.request("initialize", json!({"processId": null, "capabilities": caps}));
        server.notify("initialized", json!({}));
        server
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.until(|m| m["id"] == id && m.get("method").is_none())
    }

    fn until(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self.messages.recv_timeout(left).expect("the server answers in time");
            if wanted(&m) {
                return m;
            }
        }
    }

    fn open(&mut self, uri: &str, text: &str) {
        let doc = json!({"uri": uri, "languageId": "markdown", "version": 1, "text": text});
        self.notify("textDocument/didOpen", json!({"textDocument": doc}));
    }

    /// (resident now, peak) in MB.
    fn memory_mb(&self) -> (f64, f64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let field = |name: &str| -> f64 {
            let line = status.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("{name} in {status}"));
            line.split_whitespace().nth(1).unwrap().parse::<f64>().unwrap() / 1024.0
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // A failed test must not leave a server running.
        let _ = self.child.kill();
    }
}

fn corpus() -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") && path.file_name().is_some_and(|n| n != "README.md")
            {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus"), &mut files);
    files.sort();
    files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect()
}

#[test]
fn three_hundred_open_documents_stay_under_200_mb() {
    let texts = corpus();
    let mut server = Server::start();
    let (base, _) = server.memory_mb();
    let mut bytes = 0;
    for i in 0..300 {
        // Under a `postmortems` folder, so each is a debrief and analysed.
        let text = &texts[i % texts.len()];
        bytes += text.len();
        server.open(&format!("file:///ws/postmortems/doc-{i:03}.md"), text);
    }
    // Publications come in any order (handlers run concurrently): wait for all 300.
    let mut published = std::collections::HashSet::new();
    while published.len() < 300 {
        let m = server.until(|m| m["method"] == "textDocument/publishDiagnostics");
        published.insert(m["params"]["uri"].as_str().unwrap().to_string());
    }
    let (rss, peak) = server.memory_mb();
    eprintln!(
        "300 documents ({:.1} MB of text): {rss:.1} MB resident, peak {peak:.1} MB (at start {base:.1} MB)",
        bytes as f64 / 1e6
    );
    assert!(rss < 200.0 && peak < 200.0, "{rss:.1} MB resident, peak {peak:.1} MB");
    // Still answering.
    let r = server
        .request("textDocument/documentSymbol", json!({"textDocument": {"uri": "file:///ws/postmortems/doc-000.md"}}));
    assert!(r["result"].as_array().is_some_and(|s| !s.is_empty()), "{r}");
    server.shutdown();
}

#[test]
fn big_and_deep_documents_have_bounded_peak_memory() {
    let head = "# Post-mortem: checkout outage\n\n## Summary\n\n";
    let blaming = "Dana should have noticed the alert, and it was human error. ";
    let mut big = String::from(head);
    big.push_str(blaming);
    let texts = corpus();
    while big.len() < 12 * 1024 * 1024 {
        for t in &texts {
            big.push_str(t);
            big.push('\n');
        }
    }
    let cases = [
        ("12 MB document", big),
        ("1 MB single line", format!("{head}{}\n", blaming.repeat(1024 * 1024 / blaming.len()))),
        ("20,000 nested block quotes", format!("{head}{} {blaming}\n", ">".repeat(20_000))),
        ("5,000 nested lists", format!("{head}{}{blaming}\n", "- ".repeat(5_000))),
    ];
    for (name, text) in cases {
        let mut server = Server::start();
        let uri = "file:///ws/postmortems/big.md";
        let started = Instant::now();
        server.open(uri, &text);
        // The diagnostics, and what was logged before them.
        let mut logged = Vec::new();
        let diagnostics = loop {
            let m = server
                .until(|m| m["method"] == "textDocument/publishDiagnostics" || m["method"] == "window/logMessage");
            if m["method"] == "window/logMessage" {
                logged.push(m["params"]["message"].as_str().unwrap_or_default().to_string());
            } else if m["params"]["uri"] == uri {
                break m["params"]["diagnostics"].clone();
            }
        };
        let took = started.elapsed();
        let (rss, peak) = server.memory_mb();
        eprintln!(
            "{name} ({} bytes): diagnostics after {took:?}, {} findings; {rss:.1} MB resident, peak {peak:.1} MB",
            text.len(),
            diagnostics.as_array().unwrap().len()
        );
        assert!(
            diagnostics.as_array().unwrap().iter().any(|d| d["code"] == "cause-human-error"),
            "{name}: findings reported"
        );
        let shown = diagnostics.as_array().unwrap().len();
        assert!(shown <= debrief_ls::lsp::document::MAX_PUBLISHED, "{name}: {shown} published");
        if name == "1 MB single line" {
            // 34,953 findings: the first thousand published, and the rest said.
            assert_eq!(shown, debrief_ls::lsp::document::MAX_PUBLISHED);
            assert!(logged.iter().any(|l| l.contains("showing the first 1000 of 34953 findings")), "{logged:?}");
        }
        // A bound, not a budget: a few copies of the text and its analysis.
        let limit = 150.0 + 40.0 * text.len() as f64 / 1e6;
        assert!(peak < limit, "{name}: peak {peak:.1} MB, over {limit:.0} MB");
        server.shutdown();
    }
}
