//! A test client for the language server: it runs `serve_with` on an in-memory pipe,
//! frames messages as a real client does, answers the server's requests
//! (`workspace/configuration` from [`TestClient::settings`], registrations) and queues
//! its notifications for the test to wait on.

#![allow(dead_code)] // each test module uses part of it

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use debrief_ls::lsp::{serve_with, ServeOutcome};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

/// How long any single wait may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(10);

/// A debrief with CRLF line ends and emoji before the findings, so UTF-16 and UTF-8
/// columns differ from character counts. Line numbers are in the comments of the tests.
pub const DEBRIEF: &str = "# Incident debrief 🔥 checkout outage\r\n\
\r\n\
## Summary\r\n\
\r\n\
🚨🚨 Dana should have noticed the alert. It was a careless change.\r\n\
\r\n\
## Timeline (all times UTC)\r\n\
\r\n\
- 14:02 alert fired 🔔\r\n\
- 14:10 on-call engineer paged\r\n\
- 13:50 deploy started\r\n\
- 16:30 mitigated by rollback\r\n\
- 16:45 resolved\r\n\
\r\n\
## Contributing factors\r\n\
\r\n\
The root cause was human error.\r\n\
\r\n\
## Follow-ups\r\n\
\r\n\
- Add an alert @dana\r\n\
- Write a runbook\r\n";

/// A client as modern editors are: hierarchical symbols, versioned workspace edits,
/// code action resolve, configuration, dynamic registration; push diagnostics.
pub fn capabilities() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "textDocument": {
            "synchronization": {"dynamicRegistration": false},
            "publishDiagnostics": {"relatedInformation": true, "versionSupport": true, "codeDescriptionSupport": true, "dataSupport": true},
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
            "codeAction": {
                "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "source", "source.fixAll"]}},
                "resolveSupport": {"properties": ["edit"]},
                "dataSupport": true,
                "isPreferredSupport": true
            },
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "inlayHint": {"dynamicRegistration": false}
        },
        "workspace": {
            "configuration": true,
            "workspaceFolders": true,
            "didChangeConfiguration": {"dynamicRegistration": true},
            "didChangeWatchedFiles": {"dynamicRegistration": true},
            "workspaceEdit": {"documentChanges": true},
            "codeLens": {"refreshSupport": true},
            "inlayHint": {"refreshSupport": true}
        }
    })
}

/// The same client, pulling diagnostics instead.
pub fn pull_capabilities() -> Value {
    let mut caps = capabilities();
    caps["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false, "relatedDocumentSupport": false});
    caps["workspace"]["diagnostic"] = json!({"refreshSupport": true});
    caps
}

/// How to start a session.
pub struct Setup {
    /// `ClientCapabilities`.
    pub capabilities: Value,
    /// `initializationOptions`.
    pub init_options: Option<Value>,
    /// The one workspace folder.
    pub folder: Option<std::path::PathBuf>,
    /// What `workspace/configuration` answers for the `debrief` section.
    pub settings: Value,
}

impl Default for Setup {
    fn default() -> Self {
        Setup { capabilities: capabilities(), init_options: None, folder: None, settings: json!({}) }
    }
}

type Writer = Arc<tokio::sync::Mutex<WriteHalf<DuplexStream>>>;

/// One client session against an in-process server.
pub struct TestClient {
    writer: Writer,
    next_id: i64,
    pending: Arc<Mutex<HashMap<i64, oneshot::Sender<Value>>>>,
    notifications: mpsc::UnboundedReceiver<Value>,
    /// Requests the server sent us, in order.
    pub server_requests: Arc<Mutex<Vec<Value>>>,
    /// The answer to `workspace/configuration`.
    pub settings: Arc<Mutex<Value>>,
    server: JoinHandle<ServeOutcome>,
    /// The `initialize` result.
    pub init_result: Value,
}

impl TestClient {
    /// Starts a server and completes `initialize`/`initialized`.
    pub async fn start(setup: Setup) -> TestClient {
        let (client_io, server_io) = tokio::io::duplex(1 << 16);
        let (server_read, server_write) = tokio::io::split(server_io);
        let server = tokio::spawn(serve_with(server_read, server_write));
        let (client_read, client_write) = tokio::io::split(client_io);
        let writer: Writer = Arc::new(tokio::sync::Mutex::new(client_write));
        let pending: Arc<Mutex<HashMap<i64, oneshot::Sender<Value>>>> = Arc::default();
        let server_requests: Arc<Mutex<Vec<Value>>> = Arc::default();
        let settings = Arc::new(Mutex::new(setup.settings.clone()));
        let (tx, notifications) = mpsc::unbounded_channel();
        tokio::spawn(read_loop(
            client_read,
            writer.clone(),
            pending.clone(),
            server_requests.clone(),
            settings.clone(),
            tx,
        ));
        let mut client = TestClient {
            writer,
            next_id: 0,
            pending,
            notifications,
            server_requests,
            settings,
            server,
            init_result: Value::Null,
        };
        let folder = setup.folder.as_deref().map(dir_uri);
        let mut params = json!({
            "processId": null,
            "clientInfo": {"name": "debrief-ls tests", "version": "1"},
            "capabilities": setup.capabilities,
            "rootUri": folder,
            "workspaceFolders": folder.as_ref().map(|uri| json!([{"uri": uri, "name": "ws"}])),
        });
        if let Some(options) = setup.init_options {
            params["initializationOptions"] = options;
        }
        client.init_result = client.result("initialize", params).await;
        client.notify("initialized", json!({})).await;
        client
    }

    /// Sends a request and returns the whole response message.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let (tx, rx) = oneshot::channel();
        self.pending.lock().unwrap().insert(id, tx);
        let mut message = json!({"jsonrpc": "2.0", "id": id, "method": method});
        // `shutdown` takes no params: clients leave the member out.
        if !params.is_null() {
            message["params"] = params;
        }
        write_message(&self.writer, &message).await;
        tokio::time::timeout(WAIT, rx)
            .await
            .unwrap_or_else(|_| panic!("no response to {method} within {WAIT:?}"))
            .expect("the reader is alive")
    }

    /// Sends a request and returns its result; fails the test on an error response.
    pub async fn result(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params).await;
        assert!(response.get("error").is_none(), "{method} failed: {response}");
        response["result"].clone()
    }

    /// Sends a notification.
    pub async fn notify(&mut self, method: &str, params: Value) {
        let mut message = json!({"jsonrpc": "2.0", "method": method});
        if !params.is_null() {
            message["params"] = params;
        }
        write_message(&self.writer, &message).await;
    }

    /// Opens a Markdown document.
    pub async fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        )
        .await;
    }

    /// Sends one incremental change: `range` replaced by `text`.
    pub async fn change(&mut self, uri: &str, version: i32, range: Value, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": range, "text": text}]}),
        )
        .await;
    }

    /// The next notification with `method`; others are dropped.
    pub async fn next_notification(&mut self, method: &str) -> Value {
        loop {
            let message = tokio::time::timeout(WAIT, self.notifications.recv())
                .await
                .unwrap_or_else(|_| panic!("no {method} within {WAIT:?}"))
                .expect("the reader is alive");
            if message["method"] == method {
                return message["params"].clone();
            }
        }
    }

    /// The next notification of each of `methods` whose params pass `wanted`, in whatever
    /// order they come (two notifications the server sends one after the other may reach
    /// the client in either order); others are dropped.
    pub async fn notifications_in_any_order(
        &mut self,
        methods: &[&str],
        wanted: impl Fn(&str, &Value) -> bool,
    ) -> Vec<Value> {
        let mut found: Vec<Option<Value>> = vec![None; methods.len()];
        while found.iter().any(Option::is_none) {
            let message = tokio::time::timeout(WAIT, self.notifications.recv())
                .await
                .unwrap_or_else(|_| panic!("not all of {methods:?} within {WAIT:?}"))
                .expect("the reader is alive");
            for (i, method) in methods.iter().enumerate() {
                if found[i].is_none() && message["method"] == *method && wanted(method, &message["params"]) {
                    found[i] = Some(message["params"].clone());
                    break;
                }
            }
        }
        found.into_iter().map(|f| f.expect("all found")).collect()
    }

    /// The next `publishDiagnostics` for `uri`.
    pub async fn diagnostics(&mut self, uri: &str) -> Value {
        loop {
            let params = self.next_notification("textDocument/publishDiagnostics").await;
            if params["uri"] == uri {
                return params;
            }
        }
    }

    /// Waits for `publishDiagnostics` for `uri` at `version`, checking on the way that
    /// versions only grow.
    pub async fn diagnostics_at(&mut self, uri: &str, version: i64) -> Value {
        let mut last = i64::MIN;
        loop {
            let params = self.diagnostics(uri).await;
            let v = params["version"].as_i64().expect("diagnostics carry the version");
            assert!(v >= last, "diagnostics for version {v} came after version {last}");
            assert!(v <= version, "diagnostics for version {v}, past {version}");
            last = v;
            if v == version {
                return params;
            }
        }
    }

    /// Every notification that arrives within `quiet`.
    pub async fn drain(&mut self, quiet: Duration) -> Vec<Value> {
        let mut out = Vec::new();
        while let Ok(Some(message)) = tokio::time::timeout(quiet, self.notifications.recv()).await {
            out.push(message);
        }
        out
    }

    /// Requests the server sent with `method`.
    pub fn requests_named(&self, method: &str) -> Vec<Value> {
        self.server_requests.lock().unwrap().iter().filter(|r| r["method"] == method).cloned().collect()
    }

    /// Waits until the server has sent `count` requests with `method`.
    pub async fn wait_for_requests(&self, method: &str, count: usize) {
        let deadline = tokio::time::Instant::now() + WAIT;
        while self.requests_named(method).len() < count {
            assert!(tokio::time::Instant::now() < deadline, "fewer than {count} {method} requests within {WAIT:?}");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// `shutdown`, then `exit`; returns how the server ended.
    pub async fn shutdown(mut self) -> ServeOutcome {
        let response = self.request("shutdown", Value::Null).await;
        assert!(response.get("error").is_none() && response["result"].is_null(), "{response}");
        self.notify("exit", Value::Null).await;
        self.wait_for_end().await
    }

    /// Sends `exit` without `shutdown`.
    pub async fn exit_without_shutdown(mut self) -> ServeOutcome {
        self.notify("exit", Value::Null).await;
        self.wait_for_end().await
    }

    /// Closes the pipe to the server, as a client that goes away does.
    pub async fn close_input(self) -> ServeOutcome {
        self.writer.lock().await.shutdown().await.expect("close the pipe");
        self.wait_for_end().await
    }

    async fn wait_for_end(self) -> ServeOutcome {
        tokio::time::timeout(WAIT, self.server).await.expect("the server ends").expect("the server did not panic")
    }
}

/// A `file:` URI for a path.
pub fn file_uri(path: &Path) -> String {
    tower_lsp::lsp_types::Url::from_file_path(path).expect("absolute path").to_string()
}

/// A `file:` URI for a folder.
pub fn dir_uri(path: &Path) -> String {
    tower_lsp::lsp_types::Url::from_directory_path(path).expect("absolute path").to_string()
}

/// An LSP range.
pub fn range(start_line: u32, start_char: u32, end_line: u32, end_char: u32) -> Value {
    json!({"start": {"line": start_line, "character": start_char}, "end": {"line": end_line, "character": end_char}})
}

/// The diagnostics of a `publishDiagnostics` or pull report with rule `code`.
pub fn with_code<'a>(diagnostics: &'a Value, code: &str) -> Vec<&'a Value> {
    diagnostics.as_array().expect("a list").iter().filter(|d| d["code"] == code).collect()
}

/// The rule ids in a list of diagnostics, in order.
pub fn codes(diagnostics: &Value) -> Vec<String> {
    diagnostics.as_array().expect("a list").iter().map(|d| d["code"].as_str().unwrap_or("").to_string()).collect()
}

async fn write_message(writer: &Writer, message: &Value) {
    let body = serde_json::to_string(message).expect("serialise");
    let mut w = writer.lock().await;
    w.write_all(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes()).await.expect("write to the server");
    w.flush().await.expect("flush");
}

async fn read_loop(
    read: ReadHalf<DuplexStream>,
    writer: Writer,
    pending: Arc<Mutex<HashMap<i64, oneshot::Sender<Value>>>>,
    requests: Arc<Mutex<Vec<Value>>>,
    settings: Arc<Mutex<Value>>,
    notifications: mpsc::UnboundedSender<Value>,
) {
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
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.expect("a Content-Length header")];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let message: Value = serde_json::from_slice(&body).expect("the server sends JSON");
        match (message.get("id"), message.get("method")) {
            (Some(id), Some(method)) => {
                requests.lock().unwrap().push(message.clone());
                let result = match method.as_str() {
                    Some("workspace/configuration") => {
                        let items = message["params"]["items"].as_array().map_or(0, Vec::len);
                        let answer = settings.lock().unwrap().clone();
                        Value::Array(vec![answer; items])
                    }
                    _ => Value::Null,
                };
                write_message(&writer, &json!({"jsonrpc": "2.0", "id": id, "result": result})).await;
            }
            (Some(id), None) => {
                if let Some(tx) = id.as_i64().and_then(|id| pending.lock().unwrap().remove(&id)) {
                    let _ = tx.send(message);
                }
            }
            _ => {
                let _ = notifications.send(message);
            }
        }
    }
}
