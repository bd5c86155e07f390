//! The web explorer's JSON API over HTTP (the page itself is tested in
//! Chromium by `tests/browser/explorer.mjs`): a server started in-process on
//! 127.0.0.1 (port 0), with the project's data under another base than the
//! default one, so that nothing can pass by guessing the default IRIs.

use crate::common;

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};

use iagraph::serve::{ServeConfig, serve_until};
use iagraph::{Base, Graph, Project};
use serde_json::{Value, json};

const BASE: &str = "https://example.org/ai/";

fn server() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel::<SocketAddr>();
        std::thread::spawn(move || {
            let project = Project::new(common::manifest_dir());
            let graph = Arc::new(Graph::build(&project, &Base::new(BASE).unwrap()).unwrap());
            let runtime = tokio::runtime::Runtime::new().unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                tx.send(listener.local_addr().unwrap()).unwrap();
                // Runs until the test process ends.
                serve_until(
                    graph,
                    project,
                    ServeConfig::default(),
                    listener,
                    std::future::pending(),
                )
                .await
                .unwrap();
            });
        });
        format!("http://{}", rx.recv().unwrap())
    })
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

fn answer(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> (u16, String) {
    let mut response = response.unwrap();
    let status = response.status().as_u16();
    (status, response.body_mut().read_to_string().unwrap())
}

fn get_json(path: &str) -> Value {
    let (status, body) = answer(agent().get(format!("{}{path}", server())).call());
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap()
}

fn post(path: &str, body: &Value) -> (u16, String) {
    answer(
        agent()
            .post(format!("{}{path}", server()))
            .header("Content-Type", "application/json")
            .send(body.to_string()),
    )
}

#[test]
fn config_gives_the_base_the_prefixes_and_the_column_conventions() {
    let config = get_json("/api/config");
    assert_eq!(config["base"], BASE);
    assert_eq!(config["id"], format!("{BASE}id/"));
    let prefixes = config["prefixes"].as_array().unwrap();
    let namespace = |p: &str| {
        prefixes
            .iter()
            .find(|pair| pair[0] == p)
            .map(|pair| pair[1].as_str().unwrap().to_owned())
    };
    assert_eq!(
        namespace("id").as_deref(),
        Some("https://example.org/ai/id/")
    );
    assert_eq!(
        namespace("iag").as_deref(),
        Some("https://w3id.org/iagraph/ontology#")
    );
    assert_eq!(namespace("schema").as_deref(), Some("http://schema.org/"));
    assert_eq!(config["currency_columns"], json!(["devise", "currency"]));
    assert!(
        config["amount_columns"]
            .as_array()
            .unwrap()
            .contains(&json!("montant"))
    );
}

#[test]
fn annotations_give_amounts_in_words_entity_pages_and_article_titles() {
    let (status, body) = post(
        "/api/annotate",
        &json!({
            "amounts": [
                { "value": "109000000000", "currency": "EUR" },
                { "value": "1.5E9", "currency": "EUR" },
                { "value": "not a number", "currency": "EUR" },
                { "value": "5", "currency": "euros" }
            ],
            "names": ["Jean Zay", "United Arab Emirates", "no such entity"],
            "sources": ["art-economie-matin-2024", "jean-zay", "../etc"],
        }),
    );
    assert_eq!(status, 200, "{body}");
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["amounts"], json!(["109 Md€", "1,5 Md€", null, null]));
    assert_eq!(
        answer["names"],
        json!({ "Jean Zay": "/id/jean-zay", "United Arab Emirates": "/id/emirats-arabes-unis" })
    );
    // Only source articles: an entity's slug is not one.
    assert_eq!(
        answer["sources"],
        json!({ "art-economie-matin-2024": {
            "title": "IA : Emmanuel Macron veut former 100 000 experts par an",
            "date": "2024-05-22",
            "path": "/id/art-economie-matin-2024",
        } })
    );
    let (_, english) = post(
        "/api/annotate",
        &json!({ "amounts": [{ "value": "109000000000", "currency": "EUR" }], "lang": "en" }),
    );
    assert_eq!(
        serde_json::from_str::<Value>(&english).unwrap()["amounts"],
        json!(["€109bn"])
    );
}

#[test]
fn bad_annotation_requests_are_400() {
    let (status, body) = post("/api/annotate", &json!({ "lang": "de" }));
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("unknown language `de`"), "{body}");
    let many: Vec<String> = (0..20_001).map(|i| format!("n{i}")).collect();
    let (status, body) = post("/api/annotate", &json!({ "names": many }));
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("at most 20000"), "{body}");
    let (status, _) = post("/api/annotate", &json!({ "amounts": "many" }));
    assert_eq!(status, 422);
}

#[test]
fn search_finds_french_and_english_abbreviations_and_whole_words() {
    let slugs = |q: &str| -> Vec<String> {
        let hits = get_json(&format!("/api/search?q={q}"));
        hits.as_array()
            .unwrap()
            .iter()
            .map(|h| h["slug"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(slugs("EAU"), ["emirats-arabes-unis"]);
    assert_eq!(slugs("UAE"), ["emirats-arabes-unis"]);
    // « nouveau » holds « eau » inside a word: not a match.
    assert!(slugs("eau").iter().all(|s| !s.contains("nouveau")));
    assert!(slugs("Nouveau").iter().any(|s| s.contains("nouveau")));
    // Hits carry IRIs under the server's base.
    let hits = get_json("/api/search?q=Mistral");
    assert_eq!(hits[0]["iri"], format!("{BASE}id/mistral-ai"));
}
