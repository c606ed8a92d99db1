//! `initialize` (capabilities, position encoding) and the ways a session ends.

use serde_json::json;

use debrief_ls::lsp::ServeOutcome;

use crate::support::{capabilities, Setup, TestClient};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialize_declares_what_the_server_does() {
    let client = TestClient::start(Setup::default()).await;
    let caps = &client.init_result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["documentSymbolProvider"], true);
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.debrief", "refactor.rewrite.debrief"])
    );
    assert_eq!(caps["executeCommandProvider"]["commands"], json!(["debrief-ls.addWord"]));
    assert_eq!(caps["codeActionProvider"]["resolveProvider"], true);
    assert_eq!(caps["diagnosticProvider"]["interFileDependencies"], false);
    assert_eq!(caps["codeLensProvider"]["resolveProvider"], false);
    assert_eq!(client.init_result["serverInfo"]["name"], "debrief-ls");
    assert_eq!(client.shutdown().await, ServeOutcome::Exited { after_shutdown: true });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn utf8_is_chosen_when_offered_else_utf16() {
    let mut caps = capabilities();
    caps["general"]["positionEncodings"] = json!(["utf-32", "utf-8", "utf-16"]);
    let client = TestClient::start(Setup { capabilities: caps, ..Setup::default() }).await;
    assert_eq!(client.init_result["capabilities"]["positionEncoding"], "utf-8");
    client.shutdown().await;

    let mut caps = capabilities();
    caps.as_object_mut().unwrap().remove("general");
    let client = TestClient::start(Setup { capabilities: caps, ..Setup::default() }).await;
    assert_eq!(client.init_result["capabilities"]["positionEncoding"], "utf-16", "the default when nothing is offered");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_without_shutdown_is_an_error_exit() {
    let client = TestClient::start(Setup::default()).await;
    let outcome = client.exit_without_shutdown().await;
    assert_eq!(outcome, ServeOutcome::Exited { after_shutdown: false });
    assert_eq!(outcome.exit_code(), std::process::ExitCode::from(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_stops_when_its_input_closes() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open("file:///ws/postmortems/a.md", "# Incident debrief\n").await;
    assert_eq!(client.close_input().await, ServeOutcome::InputClosed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_after_shutdown_are_refused_and_exit_still_works() {
    let mut client = TestClient::start(Setup::default()).await;
    let response = client.request("shutdown", serde_json::Value::Null).await;
    assert!(response.get("error").is_none(), "{response}");
    let refused = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///a.md"}, "position": {"line": 0, "character": 0}}),
        )
        .await;
    assert_eq!(refused["error"]["code"], -32600, "{refused}");
    assert_eq!(client.exit_without_shutdown().await, ServeOutcome::Exited { after_shutdown: true });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_is_published_after_shutdown() {
    let mut client = TestClient::start(Setup::default()).await;
    let uri = "file:///ws/postmortems/a.md";
    client.open(uri, "# Incident debrief\n\nDana should have noticed.\n").await;
    assert!(!client.diagnostics(uri).await["diagnostics"].as_array().unwrap().is_empty());
    let response = client.request("shutdown", serde_json::Value::Null).await;
    assert!(response.get("error").is_none(), "{response}");
    client.change(uri, 2, crate::support::range(2, 0, 2, 0), "Sam said ").await;
    let after: Vec<_> = client
        .drain(std::time::Duration::from_millis(300))
        .await
        .into_iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert_eq!(after, Vec::<serde_json::Value>::new());
    assert_eq!(client.exit_without_shutdown().await, ServeOutcome::Exited { after_shutdown: true });
}
