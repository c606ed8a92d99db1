//! A client that can send anything: raw bytes as well as well-formed messages, to an
//! in-process server (`serve_with` over an in-memory pipe). Every frame the server
//! writes is checked to be one whole JSON message; `workspace/configuration` is answered
//! with empty settings so the server starts analysing.

#![allow(dead_code)] // each test file uses part of it

use std::time::Duration;

use debrief_ls::lsp::{serve_with, ServeOutcome};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, WriteHalf};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// How long any one wait may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(20);

/// A session with an in-process server.
pub struct RawClient {
    write: std::sync::Arc<tokio::sync::Mutex<WriteHalf<DuplexStream>>>,
    incoming: mpsc::UnboundedReceiver<Value>,
    server: JoinHandle<ServeOutcome>,
    next_id: i64,
}

/// `Content-Length` framing of a JSON value.
pub fn frame(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

impl RawClient {
    /// Starts a server; nothing is sent yet.
    pub fn start() -> RawClient {
        let (client_io, server_io) = tokio::io::duplex(1 << 16);
        let (server_read, server_write) = tokio::io::split(server_io);
        let server = tokio::spawn(serve_with(server_read, server_write));
        let (read, write) = tokio::io::split(client_io);
        let write = std::sync::Arc::new(tokio::sync::Mutex::new(write));
        let (tx, incoming) = mpsc::unbounded_channel();
        let answer = write.clone();
        tokio::spawn(async move {
            let mut reader = BufReader::new(read);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    let n = line
                        .strip_prefix("Content-Length: ")
                        .unwrap_or_else(|| panic!("bad header from the server: {line:?}"));
                    length = Some(n.parse::<usize>().expect("a length"));
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                reader.read_exact(&mut body).await.expect("a whole body");
                let message: Value = serde_json::from_slice(&body).unwrap_or_else(|e| {
                    panic!("the server wrote a frame that is not JSON ({e}): {}", String::from_utf8_lossy(&body))
                });
                if message["method"] == "workspace/configuration" {
                    let items = message["params"]["items"].as_array().map_or(0, Vec::len);
                    let reply = json!({"jsonrpc": "2.0", "id": message["id"], "result": vec![json!({}); items]});
                    answer.lock().await.write_all(&frame(&reply)).await.expect("answer");
                } else if message.get("id").is_some() && message.get("method").is_some() {
                    let reply = json!({"jsonrpc": "2.0", "id": message["id"], "result": null});
                    answer.lock().await.write_all(&frame(&reply)).await.expect("answer");
                }
                if tx.send(message).is_err() {
                    return;
                }
            }
        });
        RawClient { write, incoming, server, next_id: 1000 }
    }

    /// Starts a server and completes `initialize` and `initialized`.
    pub async fn initialized() -> RawClient {
        let mut client = RawClient::start();
        let caps = json!({"workspace": {"configuration": true}, "general": {"positionEncodings": ["utf-16"]}});
        let init = client.request("initialize", json!({"processId": null, "capabilities": caps})).await;
        assert!(init.get("result").is_some(), "{init}");
        client.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}})).await;
        client
    }

    /// Writes bytes as they are.
    pub async fn raw(&mut self, bytes: &[u8]) {
        let mut w = self.write.lock().await;
        w.write_all(bytes).await.expect("write to the server");
        w.flush().await.expect("flush");
    }

    /// Writes one framed message.
    pub async fn send(&mut self, message: &Value) {
        self.raw(&frame(message)).await;
    }

    /// Sends a request and waits for the response with its id.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"jsonrpc": "2.0", "id": id, "method": method});
        if !params.is_null() {
            message["params"] = params;
        }
        self.send(&message).await;
        self.response(json!(id)).await
    }

    /// Waits for the response with `id`; other messages are dropped.
    pub async fn response(&mut self, id: Value) -> Value {
        self.until(|m| m["id"] == id && m.get("method").is_none()).await
    }

    /// Waits for a message matching `wanted`; others are dropped.
    pub async fn until(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = tokio::time::timeout(WAIT, self.incoming.recv())
                .await
                .expect("the server answers in time")
                .expect("the server's output is open");
            if wanted(&m) {
                return m;
            }
        }
    }

    /// The next `window/logMessage` whose text contains `needle`.
    pub async fn log_containing(&mut self, needle: &str) -> String {
        let m = self
            .until(|m| {
                m["method"] == "window/logMessage"
                    && m["params"]["message"].as_str().is_some_and(|s| s.contains(needle))
            })
            .await;
        m["params"]["message"].as_str().unwrap_or_default().to_string()
    }

    /// Opens a document.
    pub async fn open(&mut self, uri: &str, text: &str) {
        let p = json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}});
        self.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": p})).await;
    }

    /// Pulls a document's diagnostics (`textDocument/diagnostic`): the items.
    pub async fn pull(&mut self, uri: &str) -> Value {
        let r = self.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}})).await;
        assert!(r.get("error").is_none(), "{r}");
        r["result"]["items"].clone()
    }

    /// `shutdown` and `exit`; the server must end as asked.
    pub async fn shutdown(mut self) -> ServeOutcome {
        let r = self.request("shutdown", Value::Null).await;
        assert!(r.get("error").is_none(), "{r}");
        self.send(&json!({"jsonrpc": "2.0", "method": "exit"})).await;
        tokio::time::timeout(WAIT, self.server).await.expect("the server ends").expect("no panic")
    }
}

/// Findings as pulled, without the document version each one's id carries (`data`):
/// what two documents of the same text still differ in.
#[allow(dead_code)]
pub fn without_versions(diags: &Value) -> Value {
    let mut out = diags.clone();
    for d in out.as_array_mut().into_iter().flatten() {
        d["data"]["version"] = Value::Null;
    }
    out
}
