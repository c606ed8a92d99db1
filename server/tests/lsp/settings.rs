//! Configuration: editor settings (`initializationOptions`, `workspace/configuration`,
//! `didChangeConfiguration`), `debrief.toml` per workspace folder, reloads, and bad
//! configuration shown on the file while the server carries on.

use serde_json::{json, Value};

use crate::support::{capabilities, codes, file_uri, range, with_code, Setup, TestClient, DEBRIEF};

const URI: &str = "file:///ws/postmortems/2026-03-01.md";

fn has(diags: &Value, code: &str) -> bool {
    codes(diags).iter().any(|c| c == code)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_apply_before_the_first_publication() {
    let settings = json!({"rules": {"blame-judgement": "off", "cause-single-root": "error"}});
    let mut client = TestClient::start(Setup { settings, ..Setup::default() }).await;
    client.open(URI, DEBRIEF).await;
    let diags = client.diagnostics(URI).await["diagnostics"].clone();
    assert!(!has(&diags, "blame-judgement"), "a rule turned off never shows: {diags}");
    assert_eq!(with_code(&diags, "cause-single-root")[0]["severity"], 1, "severity from settings");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configuration_change_republishes_and_configuration_is_not_asked_per_keystroke() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, DEBRIEF).await;
    assert!(has(&client.diagnostics_at(URI, 1).await["diagnostics"], "blame-judgement"));
    for version in 2..=6 {
        client.change(URI, version, range(0, 0, 0, 0), "").await;
    }
    client.diagnostics_at(URI, 6).await;
    assert_eq!(client.requests_named("workspace/configuration").len(), 1, "asked once, at start");

    client.wait_for_requests("workspace/codeLens/refresh", 1).await; // the one at start
    let lens_refreshes = client.requests_named("workspace/codeLens/refresh").len();
    *client.settings.lock().unwrap() = json!({"rules": {"blame-judgement": "off"}, "limits": {"gap-minutes": 600}});
    client.notify("workspace/didChangeConfiguration", json!({"settings": null})).await;
    let after = client.diagnostics(URI).await;
    assert_eq!(after["version"], 6);
    let diags = &after["diagnostics"];
    assert!(!has(diags, "blame-judgement"), "{diags}");
    assert!(!has(diags, "timeline-gap"), "limits apply too: {diags}");
    assert!(has(diags, "blame-counterfactual"));
    assert_eq!(client.requests_named("workspace/configuration").len(), 2);
    // Lenses show the budget, which settings change.
    client.wait_for_requests("workspace/codeLens/refresh", lens_refreshes + 1).await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_without_configuration_use_initialization_options_and_change_payloads() {
    let mut caps = capabilities();
    caps["workspace"]["configuration"] = json!(false);
    let init_options = json!({"rules": {"cause-human-error": "off"}});
    let mut client =
        TestClient::start(Setup { capabilities: caps, init_options: Some(init_options), ..Setup::default() }).await;
    client.open(URI, DEBRIEF).await;
    let diags = client.diagnostics(URI).await["diagnostics"].clone();
    assert!(!has(&diags, "cause-human-error"), "{diags}");
    assert!(has(&diags, "blame-judgement"));

    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"debrief": {"rules": {"blame-judgement": "off"}}}}),
        )
        .await;
    let diags = client.diagnostics(URI).await["diagnostics"].clone();
    assert!(!has(&diags, "blame-judgement"), "{diags}");
    assert!(client.requests_named("workspace/configuration").is_empty());
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_editor_settings_are_shown_once_and_the_rest_apply() {
    let settings = json!({"rules": {"timeline-gap": "loud", "blame-judgement": "off"}, "logLevel": "warn"});
    let mut client = TestClient::start(Setup { settings, ..Setup::default() }).await;
    let message = client.next_notification("window/showMessage").await;
    assert_eq!(message["type"], 2);
    assert!(message["message"].as_str().unwrap().contains("rules.timeline-gap"), "{message}");
    client.open(URI, DEBRIEF).await;
    let diags = client.diagnostics(URI).await["diagnostics"].clone();
    assert!(!has(&diags, "blame-judgement"));
    assert!(has(&diags, "timeline-gap"), "the bad entry falls back to the default");
    client.shutdown().await;
}

/// A repository with a `debrief.toml` and a debrief under `postmortems/`.
fn repository(toml: &str) -> (tempfile::TempDir, std::path::PathBuf, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(root.join("postmortems")).unwrap();
    std::fs::write(root.join("debrief.toml"), toml).unwrap();
    let doc = root.join("postmortems/2026-03-01.md");
    std::fs::write(&doc, DEBRIEF).unwrap();
    let (toml_uri, doc_uri) = (file_uri(&root.join("debrief.toml")), file_uri(&doc));
    (dir, root, toml_uri, doc_uri)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_debrief_toml_is_shown_on_the_file_and_the_server_carries_on() {
    let (_dir, root, toml_uri, doc_uri) = repository("[rules]\nblame-judgment = \"off\"\ntimeline-gap = \"error\"\n");
    let mut client = TestClient::start(Setup { folder: Some(root.clone()), ..Setup::default() }).await;

    // The problems on the file and the message about them, in either order.
    let found = client
        .notifications_in_any_order(&["textDocument/publishDiagnostics", "window/showMessage"], |method, params| {
            method == "window/showMessage" || params["uri"] == toml_uri
        })
        .await;
    let (on_file, message) = (&found[0], &found[1]);
    let problems = on_file["diagnostics"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{on_file}");
    assert_eq!(problems[0]["range"], range(1, 0, 1, 22));
    assert_eq!(problems[0]["severity"], 1);
    assert!(problems[0]["message"].as_str().unwrap().contains("did you mean `blame-judgement`?"), "{on_file}");
    assert!(message["message"].as_str().unwrap().contains("debrief.toml"), "{message}");

    client.open(&doc_uri, DEBRIEF).await;
    let diags = client.diagnostics(&doc_uri).await["diagnostics"].clone();
    assert_eq!(with_code(&diags, "timeline-gap")[0]["severity"], 1, "the valid rest of the file applies");
    assert!(has(&diags, "blame-judgement"));

    // The file is watched; fixing it clears its diagnostic and re-analyses.
    let registrations = client.requests_named("client/registerCapability");
    let methods: Vec<&Value> = registrations
        .iter()
        .flat_map(|r| r["params"]["registrations"].as_array().unwrap())
        .map(|r| &r["method"])
        .collect();
    assert!(methods.contains(&&json!("workspace/didChangeWatchedFiles")), "{registrations:?}");

    std::fs::write(root.join("debrief.toml"), "[rules]\nblame-judgement = \"off\"\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": toml_uri, "type": 2}]})).await;
    assert_eq!(client.diagnostics(&toml_uri).await["diagnostics"], json!([]));
    let diags = client.diagnostics(&doc_uri).await["diagnostics"].clone();
    assert!(!has(&diags, "blame-judgement"), "{diags}");
    assert_eq!(with_code(&diags, "timeline-gap")[0]["severity"], 3, "back to the default");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_debrief_toml_falls_back_to_the_defaults_and_globs_come_from_it() {
    let (_dir, root, toml_uri, doc_uri) =
        repository("include = [\"notes/*.md\"]\n[rules]\nblame-counterfactual = \"off\"\n");
    std::fs::create_dir_all(root.join("notes")).unwrap();
    let notes = file_uri(&root.join("notes/meeting.md"));
    let mut client = TestClient::start(Setup { folder: Some(root.clone()), ..Setup::default() }).await;
    assert_eq!(client.diagnostics(&toml_uri).await["diagnostics"], json!([]));

    // Not declared a debrief, but matched by the file's `include`.
    let plain = "# Meeting\n\nIt was a careless change.\n";
    client.open(&notes, plain).await;
    assert!(has(&client.diagnostics(&notes).await["diagnostics"], "blame-judgement"));
    client.open(&doc_uri, DEBRIEF).await;
    assert!(!has(&client.diagnostics(&doc_uri).await["diagnostics"], "blame-counterfactual"));

    std::fs::remove_file(root.join("debrief.toml")).unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": toml_uri, "type": 3}]})).await;
    let mut seen = std::collections::HashMap::new();
    while seen.len() < 3 {
        let params = client.next_notification("textDocument/publishDiagnostics").await;
        seen.insert(params["uri"].as_str().unwrap().to_string(), params["diagnostics"].clone());
    }
    assert_eq!(seen[&toml_uri], json!([]));
    assert_eq!(seen[&notes], json!([]), "no longer a debrief by the globs");
    assert!(has(&seen[&doc_uri], "blame-counterfactual"));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_file_watching_the_server_notices_debrief_toml_changes_itself() {
    let (_dir, root, toml_uri, doc_uri) = repository("[rules]\nblame-judgement = \"off\"\n");
    let mut caps = capabilities();
    caps["workspace"]["didChangeWatchedFiles"] = json!({"dynamicRegistration": false});
    let mut client =
        TestClient::start(Setup { capabilities: caps, folder: Some(root.clone()), ..Setup::default() }).await;
    client.open(&doc_uri, DEBRIEF).await;
    assert!(!has(&client.diagnostics(&doc_uri).await["diagnostics"], "blame-judgement"));
    assert!(client
        .requests_named("client/registerCapability")
        .iter()
        .all(|r| !r.to_string().contains("didChangeWatchedFiles")));

    // An editor saving the file (Neovim on Linux cannot watch files for servers).
    std::fs::write(root.join("debrief.toml"), "[rules]\nblame-judgment = \"off\"\n").unwrap();
    let on_file = client.diagnostics(&toml_uri).await;
    assert_eq!(on_file["diagnostics"][0]["range"], range(1, 0, 1, 22), "{on_file}");
    let diags = client.diagnostics(&doc_uri).await["diagnostics"].clone();
    assert!(has(&diags, "blame-judgement"), "the misspelt key no longer turns it off: {diags}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_level_comes_from_settings() {
    let logged = |messages: &[Value]| -> Vec<String> {
        messages
            .iter()
            .filter(|m| m["method"] == "window/logMessage")
            .map(|m| m["params"]["message"].as_str().unwrap().to_string())
            .collect()
    };
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, DEBRIEF).await;
    let quiet = logged(&client.drain(std::time::Duration::from_millis(300)).await);
    assert!(quiet.iter().any(|m| m == "ready"), "{quiet:?}");
    assert!(!quiet.iter().any(|m| m.starts_with("analysed")), "per-analysis detail is debug: {quiet:?}");

    *client.settings.lock().unwrap() = json!({"logLevel": "debug"});
    client.notify("workspace/didChangeConfiguration", json!({"settings": null})).await;
    client.change(URI, 2, range(0, 0, 0, 0), "").await;
    let verbose = logged(&client.drain(std::time::Duration::from_millis(300)).await);
    assert!(verbose.iter().any(|m| m.starts_with(&format!("analysed {URI} v2"))), "{verbose:?}");
    client.shutdown().await;
}
