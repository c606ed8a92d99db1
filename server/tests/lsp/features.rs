//! Hover, document symbols, code lenses, and pulled diagnostics.

use serde_json::{json, Value};

use crate::support::{codes, pull_capabilities, range, Setup, TestClient, DEBRIEF};

const URI: &str = "file:///ws/postmortems/2026-03-01.md";

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_a_finding_shows_the_rules_docs() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, DEBRIEF).await;
    client.diagnostics(URI).await;

    let hover = client.result("textDocument/hover", at(URI, 4, 53)).await;
    assert_eq!(hover["contents"]["kind"], "markdown");
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**“careless” judges a person or their work"), "{text}");
    assert!(text.contains("# `blame-judgement`"), "{text}");
    assert!(text.contains("## How to reframe"), "{text}");
    assert_eq!(hover["range"], range(4, 50, 4, 58));

    // Between the halves of the first 🚨: refused, not guessed.
    assert_eq!(client.result("textDocument/hover", at(URI, 4, 1)).await, Value::Null);
    // Text with no finding.
    assert_eq!(client.result("textDocument/hover", at(URI, 2, 4)).await, Value::Null);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn symbols_are_sections_timeline_entries_and_follow_ups() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, DEBRIEF).await;
    let symbols = client.result("textDocument/documentSymbol", json!({"textDocument": {"uri": URI}})).await;
    let top = symbols.as_array().unwrap();
    assert_eq!(top.len(), 1);
    assert_eq!(top[0]["name"], "Incident debrief 🔥 checkout outage");
    assert_eq!(top[0]["selectionRange"], range(0, 0, 0, 37));
    let sections: Vec<&str> =
        top[0]["children"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(sections, ["Summary", "Timeline (all times UTC)", "Contributing factors", "Follow-ups"]);

    let timeline = &top[0]["children"][1];
    assert_eq!(timeline["detail"], "timeline");
    let entries = timeline["children"].as_array().unwrap();
    assert_eq!(entries.len(), 5);
    assert_eq!(entries[0]["name"], "14:02 alert fired 🔔");
    assert_eq!(entries[0]["kind"], 24, "event");
    assert_eq!(entries[0]["selectionRange"], range(8, 2, 8, 22));
    // The detail shows what was read: the time in its zone, and the milestone it marks.
    assert_eq!(entries[0]["detail"], "14:02 UTC · detected");

    let followups = &top[0]["children"][3];
    let items: Vec<&str> =
        followups["children"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(items, ["Add an alert @dana", "Write a runbook"]);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flat_symbols_for_clients_without_nesting() {
    let mut caps = crate::support::capabilities();
    caps["textDocument"]["documentSymbol"] = json!({});
    let mut client = TestClient::start(Setup { capabilities: caps, ..Setup::default() }).await;
    client.open(URI, DEBRIEF).await;
    let symbols = client.result("textDocument/documentSymbol", json!({"textDocument": {"uri": URI}})).await;
    let list = symbols.as_array().unwrap();
    assert_eq!(list.len(), 1 + 4 + 5 + 2);
    let entry = list.iter().find(|s| s["name"] == "13:50 deploy started").unwrap();
    assert_eq!(entry["containerName"], "Timeline (all times UTC)");
    assert_eq!(entry["location"]["uri"], URI);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_lenses_show_the_follow_up_budget_and_the_timeline_span() {
    let mut client = TestClient::start(Setup::default()).await;
    let mut text = String::from(
        "---\nseverity: SEV3\nstarted: 2026-03-01T14:00:00Z\nresolved: 2026-03-01T14:06:00Z\n---\n# Incident debrief\n\n## Timeline\n\n- 14:00 UTC alert fired\n- 14:01 UTC on-call paged\n- 14:04 UTC mitigated\n- 14:06 UTC resolved\n\n## Follow-ups\n\n",
    );
    for i in 1..=14 {
        text.push_str(&format!("- Follow-up {i} @dana\n"));
    }
    client.open(URI, &text).await;
    let lenses = client.result("textDocument/codeLens", json!({"textDocument": {"uri": URI}})).await;
    let shown: Vec<(Value, &str)> = lenses
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["range"]["start"].clone(), l["command"]["title"].as_str().unwrap()))
        .collect();
    // The budget is the core's to work out (SPEC 4); the lens shows it as it is.
    let budget = debrief_core::analyse_full(&text, &debrief_core::Config::default()).outline.followups[0].budget;
    assert!(budget.reason().starts_with("SEV3"), "{}", budget.reason());
    let followups = format!("14 follow-ups · budget {} ({})", budget.budget, budget.reason());
    assert_eq!(
        shown,
        [
            (json!({"line": 7, "character": 0}), "Timeline spans 6 min · largest gap 3 min"),
            // Impact began at the front matter's `started`; the milestones are the timeline's.
            (json!({"line": 7, "character": 0}), "detected after 0 min · mitigated after 4 min · resolved after 6 min"),
            (json!({"line": 14, "character": 0}), followups.as_str()),
        ]
    );

    let lenses = {
        client.open("file:///ws/postmortems/b.md", DEBRIEF).await;
        client.result("textDocument/codeLens", json!({"textDocument": {"uri": "file:///ws/postmortems/b.md"}})).await
    };
    let titles: Vec<&str> =
        lenses.as_array().unwrap().iter().map(|l| l["command"]["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Timeline spans 2 h 55 min · largest gap 2 h 40 min",
            // "deploy started" is not impact beginning: no duration is guessed.
            "detected, mitigated, resolved · durations need the time impact began",
            "2 follow-ups · budget 10 (severity unknown)"
        ]
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pulled_diagnostics_answer_unchanged_until_the_document_changes() {
    let mut client = TestClient::start(Setup { capabilities: pull_capabilities(), ..Setup::default() }).await;
    client.open(URI, DEBRIEF).await;
    let doc = json!({"textDocument": {"uri": URI}});
    let first = client.result("textDocument/diagnostic", doc.clone()).await;
    assert_eq!(first["kind"], "full");
    assert!(codes(&first["items"]).contains(&"blame-judgement".to_string()));
    let judgement = first["items"].as_array().unwrap().iter().find(|d| d["code"] == "blame-judgement").unwrap();
    assert_eq!(judgement["range"], range(4, 50, 4, 58));
    let id = first["resultId"].as_str().expect("a result id").to_string();

    let again =
        client.result("textDocument/diagnostic", json!({"textDocument": {"uri": URI}, "previousResultId": id})).await;
    assert_eq!(again, json!({"kind": "unchanged", "resultId": id}));

    client.change(URI, 2, range(4, 50, 4, 58), "quick").await;
    let changed =
        client.result("textDocument/diagnostic", json!({"textDocument": {"uri": URI}, "previousResultId": id})).await;
    assert_eq!(changed["kind"], "full");
    assert_ne!(changed["resultId"], id.as_str());
    assert!(!codes(&changed["items"]).contains(&"blame-judgement".to_string()));

    // A client that pulls gets nothing pushed for the document, or it would see each
    // finding twice.
    let pushed: Vec<Value> = client
        .drain(std::time::Duration::from_millis(300))
        .await
        .into_iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == URI)
        .collect();
    assert!(pushed.is_empty(), "{pushed:?}");
    client.shutdown().await;
}

/// A timeline in UTC with a date, whose milestones give every duration.
const TIMED: &str = "# Incident debrief\n\n## Timeline (UTC)\n\n### 2026-03-01\n\n\
- 13:58 errors started on checkout\n\
- 14:03 alert fired\n\
- 14:06 on-call acknowledged\n\
- 14:40 rolled back the deploy\n\
- 14:52 queue drained\n\
- 15:10 resolved\n";

fn hints(value: &Value) -> Vec<(u64, u64, &str)> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let p = &h["position"];
            (p["line"].as_u64().unwrap(), p["character"].as_u64().unwrap(), h["label"].as_str().unwrap())
        })
        .collect()
}

fn whole(uri: &str) -> Value {
    json!({"textDocument": {"uri": uri}, "range": range(0, 0, 100, 0)})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inlay_hints_show_the_time_since_the_entry_before_and_since_impact_began() {
    let mut client = TestClient::start(Setup::default()).await;
    assert_eq!(client.init_result["capabilities"]["inlayHintProvider"], true);
    client.open(URI, TIMED).await;
    let all = client.result("textDocument/inlayHint", whole(URI)).await;
    // At the end of each entry's line; milestones also say how long after impact began.
    assert_eq!(
        hints(&all),
        [
            (6, 34, "started · T+0 min"),
            (7, 19, "+5 min · detected · T+5 min"),
            (8, 28, "+3 min · responded · T+8 min"),
            (9, 30, "+34 min · mitigated · T+42 min"),
            (10, 21, "+12 min"),
            (11, 16, "+18 min · resolved · T+1 h 12 min"),
        ]
    );
    assert_eq!(all[0]["paddingLeft"], true);
    let tooltip = all[1]["tooltip"].as_str().unwrap();
    assert!(tooltip.starts_with("2026-03-01 14:03 in UTC\nT+5 min since impact began"), "{tooltip}");

    // Only the entries in the range asked for.
    let some = client
        .result("textDocument/inlayHint", json!({"textDocument": {"uri": URI}, "range": range(8, 0, 9, 5)}))
        .await;
    assert_eq!(hints(&some).iter().map(|h| h.0).collect::<Vec<_>>(), [8, 9]);

    // As the user types: the alert now fires at 14:05.
    client.change(URI, 2, range(7, 5, 7, 7), "05").await;
    client.diagnostics_at(URI, 2).await;
    let after = client.result("textDocument/inlayHint", whole(URI)).await;
    assert_eq!(hints(&after)[1], (7, 19, "+7 min · detected · T+7 min"));
    assert_eq!(hints(&after)[2], (8, 28, "+1 min · responded · T+8 min"));

    // Not a debrief: nothing.
    client.open("file:///ws/notes.md", "# Notes\n\n- 14:00 lunch\n").await;
    assert_eq!(client.result("textDocument/inlayHint", whole("file:///ws/notes.md")).await, Value::Null);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inlay_hints_follow_the_setting_and_the_clients_capability() {
    let off = Setup { settings: json!({"inlayHints": false}), ..Setup::default() };
    let mut client = TestClient::start(off).await;
    client.open(URI, TIMED).await;
    assert_eq!(client.result("textDocument/inlayHint", whole(URI)).await, json!([]));
    // Switched back on: the client is asked to fetch them again.
    *client.settings.lock().unwrap() = json!({"inlayHints": true});
    client.notify("workspace/didChangeConfiguration", json!({"settings": {}})).await;
    client.wait_for_requests("workspace/inlayHint/refresh", 2).await;
    assert_eq!(hints(&client.result("textDocument/inlayHint", whole(URI)).await).len(), 6);
    client.shutdown().await;

    let mut caps = crate::support::capabilities();
    caps["textDocument"].as_object_mut().unwrap().remove("inlayHint");
    let client = TestClient::start(Setup { capabilities: caps, ..Setup::default() }).await;
    assert_eq!(client.init_result["capabilities"].get("inlayHintProvider"), None);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_a_time_gives_it_in_utc_and_the_time_since_impact_began() {
    let mut client = TestClient::start(Setup::default()).await;
    let text = TIMED.replace("Timeline (UTC)", "Timeline (all times CET)");
    client.open(URI, &text).await;
    let hover = client.result("textDocument/hover", at(URI, 7, 4)).await;
    assert_eq!(hover["range"], range(7, 2, 7, 7));
    assert_eq!(
        hover["contents"]["value"],
        "**14:03**\n\n2026-03-01 13:03 in UTC\n\nT+5 min since impact began\n\n+5 min since the entry before\n\n\
         Marks the incident as detected"
    );
    // Text that is not a time.
    assert_eq!(client.result("textDocument/hover", at(URI, 7, 12)).await, Value::Null);

    // No zone and no date: said so, and the durations still hold within the timeline.
    let bare = "# Incident debrief\n\n## Timeline\n\n- 23:50 errors started\n- 00:05 alert fired\n";
    client.open("file:///ws/postmortems/b.md", bare).await;
    let hover = client.result("textDocument/hover", at("file:///ws/postmortems/b.md", 5, 3)).await;
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("00:05, 1 day after the timeline's first day (no date given)"), "{text}");
    assert!(text.contains("T+15 min since impact began"), "{text}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_lens_on_the_timeline_gives_the_incidents_durations() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, TIMED).await;
    let lenses = client.result("textDocument/codeLens", json!({"textDocument": {"uri": URI}})).await;
    let titles: Vec<(u64, &str)> = lenses
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["range"]["start"]["line"].as_u64().unwrap(), l["command"]["title"].as_str().unwrap()))
        .collect();
    assert_eq!(
        titles,
        [
            (2, "Timeline spans 1 h 12 min · largest gap 34 min"),
            (2, "detected after 5 min · responded after 8 min · mitigated after 42 min · resolved after 1 h 12 min"),
        ]
    );
    // Milestones but no start of impact: no duration guessed.
    let text = TIMED.replace("- 13:58 errors started on checkout\n", "");
    client.open("file:///ws/postmortems/b.md", &text).await;
    let lenses =
        client.result("textDocument/codeLens", json!({"textDocument": {"uri": "file:///ws/postmortems/b.md"}})).await;
    assert_eq!(
        lenses[1]["command"]["title"],
        "detected, responded, mitigated, resolved · durations need the time impact began"
    );
    // Impact's start and end in front matter (UTC), the timeline in times of day with no
    // date or zone: what can be compared is, the rest is named, not guessed.
    let mixed = "---\nstarted: 2026-03-01T14:02:00Z\nresolved: 2026-03-01T14:08:00Z\n---\n# Incident debrief\n\n\
                 ## Timeline\n\n- 14:03 alert fired\n- 14:06 on-call acknowledged the page\n- 14:07 config rolled back\n";
    client.open("file:///ws/postmortems/c.md", mixed).await;
    let lenses =
        client.result("textDocument/codeLens", json!({"textDocument": {"uri": "file:///ws/postmortems/c.md"}})).await;
    assert_eq!(
        lenses[1]["command"]["title"],
        "resolved after 6 min · detected, responded, mitigated not comparable with the start"
    );
    client.shutdown().await;
}
