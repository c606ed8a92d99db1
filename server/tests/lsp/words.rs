//! Teaching the server a team's words from the editor: "Allow “X” (not a person)" and
//! "Treat “X” as a person" add the word to `[words]` in `debrief.toml` (created when there
//! is none), keep the file's comments, and the findings refresh without a save or a
//! file-watch event.

use serde_json::{json, Value};

use crate::support::{file_uri, range, with_code, Setup, TestClient};

/// "Quillon" is also a cluster here, so it is not read as a person until the team says so.
const TEXT: &str = "# Incident debrief\n\n## Analysis\n\nMarvin deleted the production volume.\n\nThen Quillon deleted the staging volume.\n\nThe Quillon cluster holds both volumes.\n";

/// A repository folder holding one debrief, and the `debrief.toml` given, if any.
fn folder(toml: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(root.join("postmortems")).unwrap();
    if let Some(toml) = toml {
        std::fs::write(root.join("debrief.toml"), toml).unwrap();
    }
    let doc = root.join("postmortems/2026-03-01.md");
    std::fs::write(&doc, TEXT).unwrap();
    let uri = file_uri(&doc);
    (dir, root, uri)
}

async fn actions_at(client: &mut TestClient, uri: &str, r: Value, diagnostics: Vec<Value>) -> Vec<Value> {
    let params = json!({"textDocument": {"uri": uri}, "range": r, "context": {"diagnostics": diagnostics}});
    client.result("textDocument/codeAction", params).await.as_array().cloned().unwrap_or_default()
}

fn titled<'a>(actions: &'a [Value], title: &str) -> &'a Value {
    actions.iter().find(|a| a["title"] == title).unwrap_or_else(|| panic!("no {title:?} in {actions:#?}"))
}

async fn run(client: &mut TestClient, action: &Value) -> Value {
    let command = &action["command"];
    let params = json!({"command": command["command"], "arguments": command["arguments"]});
    client.request("workspace/executeCommand", params).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn allow_a_name_keeps_the_file_and_clears_the_finding_at_once() {
    let toml = "# Team settings\n[rules]\ntimeline-missing = \"off\"  # analysis notes only\n\n[words]\nallow = [\"Atlas\"]  # our systems\n";
    let (_dir, root, uri) = folder(Some(toml));
    let mut client = TestClient::start(Setup { folder: Some(root.clone()), ..Setup::default() }).await;
    client.open(&uri, TEXT).await;
    let diags = client.diagnostics(&uri).await["diagnostics"].clone();
    let named = with_code(&diags, "blame-named-person");
    assert_eq!(named.len(), 1, "{diags}");
    assert_eq!(named[0]["range"]["start"], json!({"line": 4, "character": 0}));

    let actions = actions_at(&mut client, &uri, named[0]["range"].clone(), vec![named[0].clone()]).await;
    let allow = titled(&actions, "Allow “Marvin” (not a person)");
    assert_eq!(allow["kind"], "quickfix");
    let response = run(&mut client, allow).await;
    assert!(response.get("error").is_none(), "{response}");

    // The word is in the list, and every comment and line of the file is kept.
    let written = std::fs::read_to_string(root.join("debrief.toml")).unwrap();
    assert_eq!(written, toml.replace("[\"Atlas\"]", "[\"Atlas\", \"Marvin\"]"));
    // The findings refresh without a save or a watched-file event.
    let diags = client.diagnostics(&uri).await["diagnostics"].clone();
    assert!(with_code(&diags, "blame-named-person").is_empty(), "{diags}");

    // Asked again, the word is not added twice.
    run(&mut client, allow).await;
    assert_eq!(std::fs::read_to_string(root.join("debrief.toml")).unwrap(), written);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn treat_as_a_person_creates_the_file_at_the_root_and_flags_the_name() {
    let (_dir, root, uri) = folder(None);
    let mut client = TestClient::start(Setup { folder: Some(root.clone()), ..Setup::default() }).await;
    client.open(&uri, TEXT).await;
    let diags = client.diagnostics(&uri).await["diagnostics"].clone();
    assert_eq!(with_code(&diags, "blame-named-person").len(), 1, "only Marvin at first: {diags}");

    // On "Quillon" (line 6): offered; on "deleted", nothing of the kind.
    let actions = actions_at(&mut client, &uri, range(6, 7, 6, 7), vec![]).await;
    let treat = titled(&actions, "Treat “Quillon” as a person");
    assert_eq!(treat["kind"], "refactor.rewrite.debrief");
    let elsewhere = actions_at(&mut client, &uri, range(6, 14, 6, 14), vec![]).await;
    assert!(elsewhere.iter().all(|a| !a["title"].as_str().unwrap().starts_with("Treat")), "{elsewhere:#?}");

    run(&mut client, treat).await;
    assert_eq!(std::fs::read_to_string(root.join("debrief.toml")).unwrap(), "[words]\npeople = [\"Quillon\"]\n");
    let diags = client.diagnostics(&uri).await["diagnostics"].clone();
    let named = with_code(&diags, "blame-named-person");
    assert_eq!(named.len(), 2, "{diags}");
    assert_eq!(named[1]["range"]["start"], json!({"line": 6, "character": 5}));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_it_cannot_read_is_left_alone_and_the_user_told_where() {
    let toml = "[words]\nallow = \"Atlas\"\n";
    let (_dir, root, uri) = folder(Some(toml));
    let mut client = TestClient::start(Setup { folder: Some(root.clone()), ..Setup::default() }).await;
    client.open(&uri, TEXT).await;
    let diags = client.diagnostics(&uri).await["diagnostics"].clone();
    let named = with_code(&diags, "blame-named-person");
    let actions = actions_at(&mut client, &uri, named[0]["range"].clone(), vec![named[0].clone()]).await;
    run(&mut client, titled(&actions, "Allow “Marvin” (not a person)")).await;
    let message = client.next_notification("window/showMessage").await;
    let text = message["message"].as_str().unwrap();
    assert!(text.contains("debrief.toml") && text.contains("not a list") && text.contains("not added"), "{text}");
    assert_eq!(std::fs::read_to_string(root.join("debrief.toml")).unwrap(), toml);
    client.shutdown().await;
}
