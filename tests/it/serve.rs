//! The HTTP server end to end: real requests to servers started in-process
//! on 127.0.0.1 (port 0), and once through the binary.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use iagraph::serve::{ServeConfig, serve_until};
use iagraph::{Base, Graph, Project};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, Quad, Term, Triple};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};
use serde_json::Value;

const ID: &str = "https://w3id.org/iagraph/id/";
const IAG: &str = "https://w3id.org/iagraph/ontology#";
const HEAVY: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
const STARTUPS: &str = "SELECT ?s WHERE { ?s a iag:Startup } ORDER BY ?s";
const CONSTRUCT: &str = "CONSTRUCT { ?s a iag:Startup } WHERE { ?s a iag:Startup }";

fn graph() -> Arc<Graph> {
    static GRAPH: OnceLock<Arc<Graph>> = OnceLock::new();
    GRAPH
        .get_or_init(|| {
            let project = Project::new(common::manifest_dir());
            Arc::new(Graph::build(&project, &Base::default()).unwrap())
        })
        .clone()
}

/// Starts a server on its own thread and runtime; returns its root URL once
/// it answers.
fn start(config: ServeConfig) -> String {
    let (tx, rx) = std::sync::mpsc::channel::<SocketAddr>();
    let graph = graph();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            let project = Project::new(common::manifest_dir());
            // Runs until the test process ends.
            serve_until(graph, project, config, listener, std::future::pending())
                .await
                .unwrap();
        });
    });
    let url = format!("http://{}", rx.recv().unwrap());
    // The first request waits for the search index: make it here, not in a timed test.
    assert_eq!(get(&format!("{url}/api/legend"), "*/*").status, 200);
    url
}

/// A server with the default limits.
fn server() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| start(ServeConfig::default()))
}

/// A server with `--timeout-s 1 --max-rows 5`.
fn tight() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        start(ServeConfig {
            timeout: Duration::from_secs(1),
            max_rows: 5,
            ..ServeConfig::default()
        })
    })
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// An answer, fully read.
struct Answer {
    status: u16,
    content_type: String,
    headers: ureq::http::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

fn read(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut response = response.unwrap();
    let headers = response.headers().clone();
    let body = response
        .body_mut()
        .with_config()
        .limit(50 * 1024 * 1024)
        .read_to_vec()
        .unwrap();
    Answer {
        status: response.status().as_u16(),
        content_type: headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned(),
        headers,
        body,
    }
}

fn get(url: &str, accept: &str) -> Answer {
    read(agent().get(url).header("Accept", accept).call())
}

/// `GET /sparql?query=…` with `extra` parameters.
fn sparql(root: &str, query: &str, accept: &str, extra: &[(&str, &str)]) -> Answer {
    let mut request = agent()
        .get(format!("{root}/sparql"))
        .query("query", query)
        .header("Accept", accept);
    for (k, v) in extra {
        request = request.query(*k, *v);
    }
    read(request.call())
}

fn solutions(answer: &Answer, format: QueryResultsFormat) -> Vec<Vec<Option<Term>>> {
    let parsed = QueryResultsParser::from_format(format)
        .for_slice(&answer.body)
        .unwrap_or_else(|e| panic!("{format:?}: {e}\n{}", answer.text()));
    let SliceQueryResultsParserOutput::Solutions(rows) = parsed else {
        panic!("{format:?}: not solutions");
    };
    rows.map(|s| {
        let s = s.unwrap();
        s.values().to_vec()
    })
    .collect()
}

fn triples(answer: &Answer, format: RdfFormat) -> Vec<Triple> {
    quads(answer, format)
        .into_iter()
        .map(Triple::from)
        .collect()
}

fn quads(answer: &Answer, format: RdfFormat) -> Vec<Quad> {
    RdfParser::from_format(format)
        .for_slice(&answer.body)
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("{format:?}: {e}\n{}", answer.text()))
}

fn iri(slug: &str) -> NamedNode {
    NamedNode::new(format!("{ID}{slug}")).unwrap()
}

fn iag(local: &str) -> NamedNode {
    NamedNode::new(format!("{IAG}{local}")).unwrap()
}

fn has(triples: &[Triple], s: &NamedNode, p: &str, o: impl Into<Term>) -> bool {
    let o = o.into();
    triples
        .iter()
        .any(|t| t.subject == s.clone().into() && t.predicate.as_str() == p && t.object == o)
}

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

// ---- SPARQL protocol -------------------------------------------------------

#[test]
fn select_answers_in_every_results_format() {
    let expected = vec![
        vec![Some(Term::from(iri("lighton")))],
        vec![Some(Term::from(iri("mistral-ai")))],
    ];
    for (accept, format, media) in [
        (
            "application/sparql-results+json",
            QueryResultsFormat::Json,
            "application/sparql-results+json",
        ),
        (
            "application/sparql-results+xml",
            QueryResultsFormat::Xml,
            "application/sparql-results+xml",
        ),
        ("text/csv", QueryResultsFormat::Csv, "text/csv"),
        (
            "text/tab-separated-values",
            QueryResultsFormat::Tsv,
            "text/tab-separated-values",
        ),
        // No preference: JSON.
        (
            "*/*",
            QueryResultsFormat::Json,
            "application/sparql-results+json",
        ),
    ] {
        let answer = sparql(server(), STARTUPS, accept, &[]);
        assert_eq!(answer.status, 200, "{accept}: {}", answer.text());
        assert!(
            answer.content_type.starts_with(media),
            "{accept}: {}",
            answer.content_type
        );
        assert_eq!(answer.header("x-iagraph-truncated"), None);
        if format == QueryResultsFormat::Csv {
            // CSV has no term types: IRIs come back as plain strings.
            assert_eq!(answer.text().lines().count(), 3, "{}", answer.text());
            assert!(answer.text().contains(&format!("{ID}mistral-ai")));
        } else {
            assert_eq!(solutions(&answer, format), expected, "{accept}");
        }
    }
}

#[test]
fn weights_in_accept_choose_the_format() {
    let accept = "application/sparql-results+json;q=0.5, text/csv;q=0.9, */*;q=0.1";
    let answer = sparql(server(), STARTUPS, accept, &[]);
    assert!(
        answer.content_type.starts_with("text/csv"),
        "{}",
        answer.content_type
    );
    let ask = sparql(
        server(),
        "ASK { id:mistral-ai a iag:Startup }",
        "application/sparql-results+xml",
        &[],
    );
    assert_eq!(ask.status, 200);
    let parsed = QueryResultsParser::from_format(QueryResultsFormat::Xml)
        .for_slice(&ask.body)
        .unwrap();
    assert!(matches!(
        parsed,
        SliceQueryResultsParserOutput::Boolean(true)
    ));
}

#[test]
fn construct_answers_in_every_rdf_format() {
    for (accept, format) in [
        ("text/turtle", RdfFormat::Turtle),
        ("application/n-triples", RdfFormat::NTriples),
        ("application/ld+json", iagraph::export::JSON_LD),
        ("application/rdf+xml", RdfFormat::RdfXml),
    ] {
        let answer = sparql(server(), CONSTRUCT, accept, &[]);
        assert_eq!(answer.status, 200, "{accept}: {}", answer.text());
        assert!(
            answer.content_type.starts_with(accept),
            "{}",
            answer.content_type
        );
        let got = triples(&answer, format);
        assert_eq!(got.len(), 2, "{accept}");
        assert!(
            has(&got, &iri("mistral-ai"), RDF_TYPE, iag("Startup")),
            "{accept}"
        );
    }
    // No preference: Turtle.
    let answer = sparql(server(), CONSTRUCT, "*/*", &[]);
    assert!(
        answer.content_type.starts_with("text/turtle"),
        "{}",
        answer.content_type
    );
}

#[test]
fn unacceptable_formats_get_406_with_the_list() {
    let answer = sparql(server(), STARTUPS, "image/png", &[]);
    assert_eq!(answer.status, 406);
    assert!(
        answer.text().contains("application/sparql-results+json"),
        "{}",
        answer.text()
    );
    assert!(answer.text().contains("text/csv"), "{}", answer.text());
    // A graph cannot be CSV.
    let answer = sparql(server(), CONSTRUCT, "text/csv", &[]);
    assert_eq!(answer.status, 406);
    assert!(answer.text().contains("text/turtle"), "{}", answer.text());
}

#[test]
fn the_format_parameter_overrides_accept() {
    let answer = sparql(
        server(),
        STARTUPS,
        "application/sparql-results+json",
        &[("format", "csv")],
    );
    assert_eq!(answer.status, 200);
    assert!(
        answer.content_type.starts_with("text/csv"),
        "{}",
        answer.content_type
    );
    let answer = sparql(server(), STARTUPS, "text/html", &[("format", "tsv")]);
    assert_eq!(solutions(&answer, QueryResultsFormat::Tsv).len(), 2);
    let answer = sparql(server(), CONSTRUCT, "text/html", &[("format", "ntriples")]);
    assert_eq!(triples(&answer, RdfFormat::NTriples).len(), 2);
    // A results format for a graph, or the reverse, or an unknown name:
    // `Accept` decides, as with Virtuoso and Fuseki.
    let answer = sparql(server(), STARTUPS, "text/csv", &[("format", "turtle")]);
    assert!(
        answer.content_type.starts_with("text/csv"),
        "{}",
        answer.content_type
    );
    let answer = sparql(server(), STARTUPS, "*/*", &[("format", "yaml")]);
    assert_eq!(solutions(&answer, QueryResultsFormat::Json).len(), 2);
    let answer = sparql(server(), CONSTRUCT, "*/*", &[("format", "csv")]);
    assert_eq!(triples(&answer, RdfFormat::Turtle).len(), 2);
}

#[test]
fn format_and_output_as_sparqlwrapper_sends_them() {
    use oxigraph::io::JsonLdProfileSet;
    let jsonld = RdfFormat::JsonLd {
        profile: JsonLdProfileSet::empty(),
    };
    // SPARQLWrapper repeats its return format in format=, output= and
    // results=, with the media types after the name for TSV, JSON-LD and
    // RDF/XML.
    let params = |name: &'static str, media: &'static str| -> Vec<(&'static str, &'static str)> {
        ["format", "output", "results"]
            .into_iter()
            .flat_map(|key| [(key, name), (key, media)])
            .filter(|(_, v)| !v.is_empty())
            .collect()
    };
    for (name, media, format, content_type) in [
        (
            "json",
            "",
            QueryResultsFormat::Json,
            "application/sparql-results+json",
        ),
        (
            "xml",
            "",
            QueryResultsFormat::Xml,
            "application/sparql-results+xml",
        ),
        ("csv", "", QueryResultsFormat::Csv, "text/csv"),
        (
            "tsv",
            "text/tab-separated-values",
            QueryResultsFormat::Tsv,
            "text/tab-separated-values",
        ),
        (
            "application/sparql-results+json",
            "",
            QueryResultsFormat::Json,
            "application/sparql-results+json",
        ),
    ] {
        let answer = sparql(server(), STARTUPS, "*/*", &params(name, media));
        assert_eq!(answer.status, 200, "{name}: {}", answer.text());
        assert!(
            answer.content_type.starts_with(content_type),
            "{name}: {}",
            answer.content_type
        );
        let rows = if format == QueryResultsFormat::Csv {
            answer.text().lines().count() - 1
        } else {
            solutions(&answer, format).len()
        };
        assert_eq!(rows, 2, "{name}");
    }
    for (name, media, format) in [
        ("turtle", "", RdfFormat::Turtle),
        ("n3", "", RdfFormat::Turtle),
        (
            "json-ld",
            "application/ld+json,application/x-json+ld",
            jsonld,
        ),
        ("rdf+xml", "application/rdf+xml", RdfFormat::RdfXml),
        ("xml", "", RdfFormat::RdfXml),
        ("json", "", jsonld),
    ] {
        let answer = sparql(server(), CONSTRUCT, "*/*", &params(name, media));
        assert_eq!(answer.status, 200, "{name}: {}", answer.text());
        assert_eq!(triples(&answer, format).len(), 2, "{name}");
    }
}

#[test]
fn queries_come_by_get_and_by_both_post_forms() {
    let url = format!("{}/sparql", server());
    let by_get = sparql(server(), STARTUPS, "application/sparql-results+json", &[]);
    let direct = read(
        agent()
            .post(&url)
            .header("Content-Type", "application/sparql-query")
            .header("Accept", "application/sparql-results+json")
            .send(STARTUPS),
    );
    let form = read(
        agent()
            .post(&url)
            .header("Accept", "application/sparql-results+json")
            .send_form([("query", STARTUPS)]),
    );
    for answer in [&by_get, &direct, &form] {
        assert_eq!(answer.status, 200, "{}", answer.text());
        assert_eq!(solutions(answer, QueryResultsFormat::Json).len(), 2);
    }
    // The dataset parameters go in the URL of a direct POST.
    let restricted = read(
        agent()
            .post(&url)
            .query(
                "default-graph-uri",
                "https://w3id.org/iagraph/graph/ontology",
            )
            .header("Content-Type", "application/sparql-query")
            .send(STARTUPS),
    );
    assert!(solutions(&restricted, QueryResultsFormat::Json).is_empty());
    let other = read(
        agent()
            .post(&url)
            .header("Content-Type", "text/plain")
            .send(STARTUPS),
    );
    assert_eq!(other.status, 415);
}

#[test]
fn default_graph_uri_replaces_the_union() {
    let ontology = (
        "default-graph-uri",
        "https://w3id.org/iagraph/graph/ontology",
    );
    let data = ("default-graph-uri", "https://w3id.org/iagraph/graph/data");
    let ask_data = "ASK { id:mistral-ai a iag:Startup }";
    let ask_ontology = "ASK { iag:Startup a owl:Class }";
    let json = "application/sparql-results+json";
    let boolean = |a: Answer| match QueryResultsParser::from_format(QueryResultsFormat::Json)
        .for_slice(&a.body)
        .unwrap()
    {
        SliceQueryResultsParserOutput::Boolean(b) => b,
        _ => panic!("not a boolean"),
    };
    assert!(boolean(sparql(server(), ask_data, json, &[])));
    assert!(boolean(sparql(server(), ask_ontology, json, &[])));
    assert!(!boolean(sparql(server(), ask_data, json, &[ontology])));
    assert!(boolean(sparql(server(), ask_ontology, json, &[ontology])));
    assert!(boolean(sparql(server(), ask_data, json, &[ontology, data])));
    // named-graph-uri alone: an empty default graph, one named graph.
    let named = ("named-graph-uri", "https://w3id.org/iagraph/graph/data");
    let graphs = sparql(
        server(),
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
        json,
        &[named],
    );
    assert_eq!(
        solutions(&graphs, QueryResultsFormat::Json),
        vec![vec![Some(Term::from(
            NamedNode::new("https://w3id.org/iagraph/graph/data").unwrap()
        ))]]
    );
    assert!(!boolean(sparql(server(), ask_data, json, &[named])));
}

#[test]
fn updates_are_forbidden() {
    let url = format!("{}/sparql", server());
    let insert = "INSERT DATA { id:x rdfs:label \"x\" }";
    let by_get = read(agent().get(&url).query("update", insert).call());
    let by_form = read(agent().post(&url).send_form([("update", insert)]));
    let direct = read(
        agent()
            .post(&url)
            .header("Content-Type", "application/sparql-update")
            .send(insert),
    );
    // An update sent as a query is refused as such, not as a syntax error.
    let as_query = sparql(server(), insert, "*/*", &[]);
    for answer in [by_get, by_form, direct, as_query] {
        assert_eq!(answer.status, 403, "{}", answer.text());
        assert!(answer.text().contains("read-only"), "{}", answer.text());
    }
    let still_there = sparql(
        server(),
        "ASK { id:x ?p ?o }",
        "application/sparql-results+json",
        &[],
    );
    assert!(
        still_there.text().contains("false"),
        "{}",
        still_there.text()
    );
}

#[test]
fn a_syntax_error_is_400_with_its_position() {
    let answer = sparql(server(), "SELECT ?s WHERE {\n  ?s ?p \n}", "*/*", &[]);
    assert_eq!(answer.status, 400);
    assert!(
        answer.content_type.starts_with("text/plain"),
        "{}",
        answer.content_type
    );
    assert!(answer.text().contains("error at 3:"), "{}", answer.text());
}

#[test]
fn service_calls_to_other_hosts_are_refused() {
    let query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }";
    let answer = sparql(server(), query, "*/*", &[]);
    assert_eq!(answer.status, 400, "{}", answer.text());
    assert!(answer.text().contains("not supported"), "{}", answer.text());
}

/// Sends only the head of a POST whose body would be `length` bytes, and
/// reads the answer: the server must refuse without reading the body (a
/// client that kept writing would see the connection closed under it).
fn post_head(root: &str, content_type: &str, length: usize) -> (u16, String) {
    let addr = root.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "POST /sparql HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {length}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    // The server may close without the client having sent the body: read what came.
    let _ = stream.read_to_string(&mut response);
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, response)
}

#[test]
fn a_body_over_the_limit_is_413() {
    let limit = ServeConfig::default().max_body_bytes;
    for content_type in [
        "application/sparql-query",
        "application/x-www-form-urlencoded",
    ] {
        let (status, response) = post_head(server(), content_type, limit + 1);
        assert_eq!(status, 413, "{response}");
        assert!(response.contains("1048576 bytes"), "{response}");
    }
    // At the limit, the body is read.
    let query = format!("ASK {{}} #{}", "x".repeat(limit - 8));
    assert_eq!(query.len(), limit);
    let answer = read(
        agent()
            .post(format!("{}/sparql", server()))
            .header("Content-Type", "application/sparql-query")
            .send(&query),
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
}

#[test]
fn a_heavy_query_is_cancelled_while_light_ones_answer() {
    let root = tight();
    let done = Arc::new(AtomicBool::new(false));
    let heavy = std::thread::spawn({
        let done = done.clone();
        move || {
            let start = Instant::now();
            let answer = sparql(root, HEAVY, "*/*", &[]);
            done.store(true, Ordering::SeqCst);
            (answer, start.elapsed())
        }
    });
    std::thread::sleep(Duration::from_millis(200));
    let start = Instant::now();
    let light = sparql(root, "ASK { id:mistral-ai a iag:Startup }", "*/*", &[]);
    let light_time = start.elapsed();
    assert!(
        !done.load(Ordering::SeqCst),
        "the heavy query ended too soon"
    );
    assert_eq!(light.status, 200, "{}", light.text());
    assert!(
        light_time < Duration::from_millis(700),
        "light query took {light_time:?}"
    );

    let (answer, elapsed) = heavy.join().unwrap();
    assert_eq!(answer.status, 503, "{}", answer.text());
    assert!(answer.text().contains("cancelled"), "{}", answer.text());
    assert!(elapsed < Duration::from_secs(2), "503 after {elapsed:?}");
}

/// `GET /sparql?query=…` written by hand: the client library refuses URLs
/// over 64 KiB, which a hostile client may send.
fn raw_get(root: &str, query: &str) -> Answer {
    let addr = root.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    let encoded: String = form_urlencoded::byte_serialize(query.as_bytes()).collect();
    write!(
        stream,
        "GET /sparql?query={encoded} HTTP/1.1\r\nHost: {addr}\r\n\
         Accept: application/sparql-results+json\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Answer {
        status,
        content_type: String::new(),
        headers: ureq::http::HeaderMap::new(),
        body: body.as_bytes().to_vec(),
    }
}

/// `query` by GET, by a `application/sparql-query` body and by a form.
fn three_ways(root: &str, query: &str) -> [Answer; 3] {
    let url = format!("{root}/sparql");
    [
        raw_get(root, query),
        read(
            agent()
                .post(&url)
                .header("Content-Type", "application/sparql-query")
                .send(query),
        ),
        read(agent().post(&url).send_form([("query", query)])),
    ]
}

fn still_answers(root: &str) {
    let answer = sparql(root, STARTUPS, "application/sparql-results+json", &[]);
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(solutions(&answer, QueryResultsFormat::Json).len(), 2);
}

#[test]
fn queries_nested_past_the_bound_are_400_and_the_server_lives() {
    let root = server();
    for depth in [129, 1_000, 10_000] {
        let braces = format!("SELECT * WHERE {}{}", "{".repeat(depth), "}".repeat(depth));
        let parens = format!(
            "ASK {{ FILTER({}1{}) }}",
            "(".repeat(depth),
            ")".repeat(depth)
        );
        let quoted = format!("ASK {{ {} }}", "<< ".repeat(depth));
        for query in [braces, parens, quoted] {
            let [by_get, by_body, by_form] = three_ways(root, &query);
            // hyper refuses a request line past 64 KiB itself.
            if by_get.status != 414 {
                assert_eq!(by_get.status, 400, "depth {depth}: {}", by_get.text());
                assert!(by_get.text().contains("brackets nested more than 128 deep"));
            }
            for answer in [by_body, by_form] {
                assert_eq!(answer.status, 400, "depth {depth}: {}", answer.text());
                assert!(
                    answer.text().contains("brackets nested more than 128 deep"),
                    "{}",
                    answer.text()
                );
            }
        }
    }
    for terms in [300, 3_000, 10_000] {
        for (unit, op) in [("1", " + "), ("1", "-"), ("true", " && "), ("2", " * ")] {
            let chain = vec![unit; terms].join(op);
            for answer in three_ways(root, &format!("ASK {{ FILTER({chain}) }}")) {
                if answer.status == 414 {
                    continue; // a GET past hyper's 64 KiB
                }
                assert_eq!(answer.status, 400, "{terms} terms: {}", answer.text());
                assert!(
                    answer.text().contains("more than 256 operators"),
                    "{}",
                    answer.text()
                );
            }
        }
        let unions = vec!["{ ?a a ?b }"; terms].join(" UNION ");
        for answer in three_ways(root, &format!("SELECT * {{ {unions} }}")) {
            assert!(matches!(answer.status, 400 | 414), "{}", answer.text());
        }
    }
    still_answers(root);
}

#[test]
fn queries_at_the_bound_are_answered() {
    let root = server();
    // The deepest nesting and the longest chains the bounds let through.
    let braces = format!("SELECT * WHERE {}{}", "{".repeat(128), "}".repeat(128));
    for answer in three_ways(root, &braces) {
        assert_eq!(answer.status, 200, "{}", answer.text());
        assert_eq!(solutions(&answer, QueryResultsFormat::Json), vec![vec![]]);
    }
    let sum = vec!["1"; 250].join(" + ");
    for answer in three_ways(root, &format!("ASK {{ FILTER({sum} = 250) }}")) {
        assert_eq!(answer.status, 200, "{}", answer.text());
        assert_eq!(answer.json()["boolean"], true);
    }
    let parens = format!(
        "ASK {{ FILTER({}1{} = 1) }}",
        "(".repeat(120),
        ")".repeat(120)
    );
    assert_eq!(sparql(root, &parens, "*/*", &[]).json()["boolean"], true);
    let optionals = vec!["OPTIONAL { ?s a ?t }"; 120].join(" ");
    let answer = sparql(
        root,
        &format!("SELECT ?s {{ ?s a iag:Startup {optionals} }} ORDER BY ?s LIMIT 1"),
        "application/sparql-results+json",
        &[],
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(
        solutions(&answer, QueryResultsFormat::Json)[0][0],
        Some(iri("lighton").into())
    );
    still_answers(root);
}

#[test]
fn the_cli_applies_the_same_bound() {
    let dir = &common::manifest_dir();
    let deep = format!(
        "ASK {{ FILTER({}1{}) }}",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let out = common::iagraph(dir, &["query", "--sparql", &deep]);
    assert_eq!(out.status.code(), Some(1), "{}", common::stderr(&out));
    assert!(
        common::stderr(&out).contains("error at 1:140: brackets nested more than 128 deep"),
        "{}",
        common::stderr(&out)
    );
    // A sum at the bound runs (on the query thread's stack, not main's).
    let sum = vec!["1"; 250].join(" + ");
    let out = common::iagraph(
        dir,
        &[
            "query",
            "-f",
            "json",
            "--sparql",
            &format!("ASK {{ FILTER({sum} = 250) }}"),
        ],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(
        common::stdout(&out).contains("\"boolean\":true"),
        "{}",
        common::stdout(&out)
    );
}

#[test]
fn queries_past_the_concurrency_bound_get_503_with_retry_after() {
    let root: &'static str = Box::leak(
        start(ServeConfig {
            max_queries: 1,
            timeout: Duration::from_secs(120),
            ..ServeConfig::default()
        })
        .into_boxed_str(),
    );
    // A query of a few seconds (every triple × 200 values, none kept).
    let values = (0..200)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let heavy = format!(
        "SELECT ?a WHERE {{ ?a ?b ?c VALUES ?x {{ {values} }} \
         FILTER(CONCAT(STR(?c), STR(?x)) = \"none\") }}"
    );
    let heavy = std::thread::spawn(move || sparql(root, &heavy, "*/*", &[]));
    std::thread::sleep(Duration::from_millis(300));
    // While it holds the only place, a light query is refused.
    let mut refused = None;
    for _ in 0..100 {
        let light = sparql(root, "ASK { id:mistral-ai a iag:Startup }", "*/*", &[]);
        if light.status == 503 {
            refused = Some(light);
            break;
        }
        assert_eq!(light.status, 200, "{}", light.text());
        std::thread::sleep(Duration::from_millis(10));
    }
    let refused = refused.expect("a light query was refused while the heavy one ran");
    assert_eq!(refused.header("retry-after"), Some("5"));
    assert!(
        refused.text().contains("--max-queries"),
        "{}",
        refused.text()
    );
    let heavy = heavy.join().unwrap();
    assert_eq!(heavy.status, 200, "{}", heavy.text());
    assert!(solutions(&heavy, QueryResultsFormat::Json).is_empty());
    // Its place is free again; light queries beyond the bound wait their turn.
    let answers = (0..8)
        .map(|_| std::thread::spawn(move || sparql(root, STARTUPS, "*/*", &[]).status))
        .collect::<Vec<_>>();
    for answer in answers {
        assert_eq!(answer.join().unwrap(), 200);
    }
}

/// xorshift64*: reproducible inputs without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Pieces of SPARQL and of hostile text the fuzzer strings together.
const PIECES: &[&str] = &[
    "SELECT * WHERE ",
    "ASK ",
    "CONSTRUCT { ?s ?p ?o } WHERE ",
    "DESCRIBE id:mistral-ai ",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "<<",
    ">>",
    " ",
    "\n",
    "?s ?p ?o",
    " . ",
    ";",
    ",",
    "FILTER(",
    "1 + ",
    "1-",
    " && ",
    " || ",
    "!",
    "^",
    "/",
    "|",
    "*",
    "=",
    "<",
    ">",
    "<=",
    " UNION ",
    "OPTIONAL {",
    "MINUS {",
    "GRAPH ?g {",
    "VALUES ?x { 1 2 }",
    "BIND(1 AS ?x)",
    "\"",
    "'",
    "'''",
    "\"\"\"",
    "\\",
    "#",
    "<http://x#",
    "<http://example.org/a>",
    ">",
    "id:mistral-ai",
    "iag:Startup",
    "a",
    "?x",
    "$y",
    "_:b",
    "true",
    "1e-5",
    "-1",
    "@fr",
    "SERVICE <http://127.0.0.1:1/> {",
    "ORDER BY ?s",
    "LIMIT 3",
    "GROUP BY ?s",
    "COUNT(*)",
    "PREFIX ex: <http://ex/> ",
    "SELECT (SUM(?x) AS ?t) WHERE ",
    "INSERT DATA { <a> <b> <c> }",
    "é",
    "\u{0}",
    "\u{feff}",
    "%",
    "&query=",
    "𝔘",
];

/// A random query: pieces, some repeated up to 10^4 times.
fn fuzz_query(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..=rng.below(12) {
        let piece = rng.pick(PIECES).as_bytes();
        let times = match rng.below(10) {
            0 => 1 + rng.below(10_000),
            1 => 1 + rng.below(300),
            _ => 1,
        };
        for _ in 0..times {
            out.extend_from_slice(piece);
        }
        if rng.below(20) == 0 {
            // A few raw bytes, not always UTF-8.
            let n = rng.below(8);
            out.extend((0..n).map(|_| rng.next().to_le_bytes()[0]));
        }
    }
    out
}

/// One request over a raw connection: GET, a query body or a form.
fn fuzz_request(root: &str, rng: &mut Rng, query: &[u8]) -> (u16, String) {
    let addr = root.trim_start_matches("http://");
    let encoded: String = form_urlencoded::byte_serialize(query).collect();
    let extra = *rng.pick(&[
        "",
        "&format=json",
        "&format=turtle",
        "&format=application%2Fld%2Bjson",
        "&output=xml",
        "&default-graph-uri=https%3A%2F%2Fw3id.org%2Fiagraph%2Fgraph%2Fdata",
        "&named-graph-uri=%3Cbad",
        "&query=ASK%7B%7D",
        "&update=x",
    ]);
    let accept = *rng.pick(&[
        "*/*",
        "text/csv",
        "application/sparql-results+xml",
        "image/png",
        "text/turtle;q=0.5, */*;q=0.1",
    ]);
    let mut request = Vec::new();
    match rng.below(3) {
        0 => {
            write!(
                request,
                "GET /sparql?query={encoded}{extra} HTTP/1.1\r\nHost: {addr}\r\n\
                 Accept: {accept}\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
        }
        1 => {
            write!(
                request,
                "POST /sparql?x=1{extra} HTTP/1.1\r\nHost: {addr}\r\nAccept: {accept}\r\n\
                 Content-Type: application/sparql-query\r\nContent-Length: {}\r\n\
                 Connection: close\r\n\r\n",
                query.len()
            )
            .unwrap();
            request.extend_from_slice(query);
        }
        _ => {
            let body = format!("query={encoded}{extra}");
            write!(
                request,
                "POST /sparql HTTP/1.1\r\nHost: {addr}\r\nAccept: {accept}\r\n\
                 Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
                 Connection: close\r\n\r\n{body}",
                body.len()
            )
            .unwrap();
        }
    }
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    // The server may answer (413, 414) before the whole request is sent.
    let _ = stream.write_all(&request);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

/// Random `/sparql` requests for `IAGRAPH_FUZZ_SECONDS` (default 10; CI runs
/// it for minutes): no request may crash the server (an overflowed stack
/// would abort this test's process) or get a 500. `IAGRAPH_FUZZ_SEED`
/// replays a run.
#[test]
#[ignore = "runs for minutes: `cargo test --test it serve::fuzz -- --ignored`; CI runs it"]
fn fuzz_sparql_requests() {
    let env = |name: &str| std::env::var(name).ok().and_then(|s| s.parse::<u64>().ok());
    let seconds = env("IAGRAPH_FUZZ_SECONDS").unwrap_or(10);
    let seed = env("IAGRAPH_FUZZ_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_secs())
            | 1
    });
    eprintln!("IAGRAPH_FUZZ_SEED={seed}");
    let root = tight();
    let mut rng = Rng(seed);
    let end = Instant::now() + Duration::from_secs(seconds);
    let mut count = 0;
    let mut statuses = std::collections::BTreeMap::new();
    while Instant::now() < end {
        let query = fuzz_query(&mut rng);
        let (status, text) = fuzz_request(root, &mut rng, &query);
        assert!(
            matches!(status, 200 | 400 | 403 | 406 | 413 | 414 | 415 | 431 | 503),
            "request {count} (seed {seed}): status {status}\n{}\nquery: {:?}",
            text.chars().take(2000).collect::<String>(),
            String::from_utf8_lossy(&query)
                .chars()
                .take(2000)
                .collect::<String>()
        );
        *statuses.entry(status).or_insert(0) += 1;
        count += 1;
    }
    eprintln!("{count} requests in {seconds} s, by status: {statuses:?}");
    still_answers(root);
}

#[test]
fn the_row_limit_is_signalled() {
    let root = tight();
    let answer = sparql(
        root,
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
        "application/sparql-results+json",
        &[],
    );
    assert_eq!(answer.status, 200);
    assert_eq!(solutions(&answer, QueryResultsFormat::Json).len(), 5);
    assert_eq!(answer.header("x-iagraph-truncated"), Some("true"));
    assert_eq!(answer.header("x-iagraph-row-limit"), Some("5"));
    let graph = sparql(root, "CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle", &[]);
    assert_eq!(triples(&graph, RdfFormat::Turtle).len(), 5);
    assert_eq!(graph.header("x-iagraph-truncated"), Some("true"));
    // Exactly at the limit is not cut.
    let five = sparql(root, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5", "*/*", &[]);
    assert_eq!(five.header("x-iagraph-truncated"), None);
}

#[test]
fn without_a_query_sparql_describes_the_service() {
    let answer = get(&format!("{}/sparql", server()), "*/*");
    assert_eq!(answer.status, 200);
    assert!(
        answer.content_type.starts_with("text/turtle"),
        "{}",
        answer.content_type
    );
    let got = triples(&answer, RdfFormat::Turtle);
    let sd = "http://www.w3.org/ns/sparql-service-description#";
    let endpoint = NamedNode::new(format!("{}/sparql", server())).unwrap();
    assert!(has(
        &got,
        &endpoint,
        RDF_TYPE,
        NamedNode::new(format!("{sd}Service")).unwrap()
    ));
    let jsonld = get(&format!("{}/sparql", server()), "application/ld+json");
    assert_eq!(triples(&jsonld, iagraph::export::JSON_LD).len(), got.len());
}

#[test]
fn cors_preflight_is_answered() {
    let answer = read(
        agent()
            .options(format!("{}/sparql", server()))
            .header("Origin", "https://example.org")
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type")
            .call(),
    );
    assert!(answer.status < 300, "{}", answer.status);
    assert_eq!(answer.header("access-control-allow-origin"), Some("*"));
    assert!(
        answer
            .header("access-control-allow-methods")
            .unwrap_or("")
            .contains("POST")
    );
    assert_eq!(answer.header("access-control-allow-credentials"), None);
    let simple = read(
        agent()
            .get(format!("{}/api/legend", server()))
            .header("Origin", "https://example.org")
            .call(),
    );
    assert_eq!(simple.header("access-control-allow-origin"), Some("*"));
}

// ---- Linked data -----------------------------------------------------------

#[test]
fn an_entity_page_in_html() {
    let answer = get(
        &format!("{}/id/jean-zay", server()),
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    );
    assert_eq!(answer.status, 200);
    assert!(
        answer.content_type.starts_with("text/html"),
        "{}",
        answer.content_type
    );
    let page = answer.text();
    for expected in [
        "<h1>Jean Zay</h1>",
        "supercalculateur",
        // Other entities link to their pages, server-relative.
        "<a href=\"/id/lighton\">LightOn</a>",
        "<a href=\"/id/france\">France</a>",
        // Amounts, announcer, quotations and their article.
        "50 M€",
        "<a href=\"/id/emmanuel-macron\">Emmanuel Macron</a>",
        "l'Etat va investir 50 millions d'euros pour quadrupler la capacité de calcul de Jean Zay",
        "href=\"/id/art-plan-ia-2023\"",
        "<link rel=\"alternate\" type=\"text/turtle\" href=\"/id/jean-zay?format=turtle\">",
    ] {
        assert!(page.contains(expected), "no {expected:?} in\n{page}");
    }
}

#[test]
fn an_entity_description_in_rdf() {
    let url = format!("{}/id/jean-zay", server());
    let turtle = get(&url, "text/turtle");
    assert!(turtle.content_type.starts_with("text/turtle"));
    let got = triples(&turtle, RdfFormat::Turtle);
    let jean_zay = iri("jean-zay");
    assert!(has(&got, &jean_zay, RDF_TYPE, iag("Supercomputer")));
    // Its statements come with their amount and evidence nodes.
    let amount = NamedNode::new(format!("{ID}france-finance-jean-zay-50m#amount")).unwrap();
    assert!(has(
        &got,
        &amount,
        RDF_TYPE,
        NamedNode::new("http://schema.org/MonetaryAmount").unwrap()
    ));
    // Clients without a preference get Turtle; JSON-LD and N-Triples say the same.
    assert!(get(&url, "*/*").content_type.starts_with("text/turtle"));
    let jsonld = get(&url, "application/ld+json");
    assert!(jsonld.content_type.starts_with("application/ld+json"));
    assert_eq!(triples(&jsonld, iagraph::export::JSON_LD).len(), got.len());
    // With a context of the graph's prefixes.
    let context = &jsonld.json()["@context"];
    assert_eq!(context["schema"], "http://schema.org/", "{context}");
    assert_eq!(context["id"], ID, "{context}");
    // A client that knows only JSON gets JSON-LD too.
    let json = get(&url, "application/json");
    assert!(
        json.content_type.starts_with("application/ld+json"),
        "{}",
        json.content_type
    );
    assert_eq!(triples(&json, iagraph::export::JSON_LD).len(), got.len());
    let nt = get(&format!("{url}?format=ntriples"), "text/html");
    assert_eq!(triples(&nt, RdfFormat::NTriples).len(), got.len());
    assert_eq!(get(&url, "image/png").status, 406);
}

#[test]
fn a_statement_page() {
    let url = format!("{}/id/france-finance-jean-zay-50m", server());
    let page = get(&url, "text/html").text();
    for expected in [
        "France finance Jean Zay (50 M€, prévu)",
        "<a href=\"/id/france\">France</a>",
        "<a href=\"/ontology#funds\">finance</a>",
        "<a href=\"/id/jean-zay\">Jean Zay</a>",
        "2023-06",
        "<a href=\"/id/vivatech-2023\">",
        "« l'Etat va investir 50 millions d'euros",
    ] {
        assert!(page.contains(expected), "no {expected:?} in\n{page}");
    }
    // Its fragments (#amount, #evidence-…) are part of its description.
    let got = triples(&get(&url, "text/turtle"), RdfFormat::Turtle);
    let evidence = NamedNode::new(format!(
        "{ID}france-finance-jean-zay-50m#evidence-art-plan-ia-2023"
    ))
    .unwrap();
    assert!(has(&got, &evidence, RDF_TYPE, iag("Evidence")));
    assert!(got.iter().any(|t| {
        t.subject
            == NamedNode::new(format!("{ID}france-finance-jean-zay-50m#amount"))
                .unwrap()
                .into()
    }));
}

#[test]
fn a_source_page() {
    let url = format!("{}/id/art-economie-matin-2024", server());
    let page = get(&url, "text/html").text();
    for expected in [
        "IA : Emmanuel Macron veut former 100 000 experts par an",
        "<a href=\"/id/economie-matin\">Économie Matin</a>",
        "Cédric Bonnefoy",
        "2024-05-22",
        "<a href=\"/id/plan-2024-finance-clusters\">",
        "<a href=\"/id/allemagne\">Allemagne</a>",
    ] {
        assert!(page.contains(expected), "no {expected:?} in\n{page}");
    }
    let got = triples(&get(&url, "text/turtle"), RdfFormat::Turtle);
    assert!(has(
        &got,
        &iri("art-economie-matin-2024"),
        RDF_TYPE,
        iag("SourceArticle")
    ));
}

#[test]
fn unknown_slugs_are_404() {
    let html = get(&format!("{}/id/no-such-thing", server()), "text/html");
    assert_eq!(html.status, 404);
    assert!(html.content_type.starts_with("text/html"));
    assert!(html.text().contains("Introuvable"));
    let turtle = get(&format!("{}/id/no-such-thing", server()), "text/turtle");
    assert_eq!(turtle.status, 404);
    assert_eq!(get(&format!("{}/nowhere", server()), "*/*").status, 404);
}

#[test]
fn the_ontology_both_ways() {
    let url = format!("{}/ontology", server());
    let html = get(&url, "text/html");
    assert!(html.content_type.starts_with("text/html"));
    let page = html.text();
    for expected in [
        "id=\"Supercomputer\"",
        "supercalculateur",
        "supercomputer",
        "id=\"funds\"",
    ] {
        assert!(
            page.contains(expected),
            "no {expected:?} in the ontology page"
        );
    }
    let turtle = get(&url, "text/turtle");
    let got = triples(&turtle, RdfFormat::Turtle);
    assert!(has(
        &got,
        &iag("Supercomputer"),
        RDF_TYPE,
        NamedNode::new("http://www.w3.org/2002/07/owl#Class").unwrap()
    ));
    // Only the ontology graph.
    assert!(!got.iter().any(|t| t.subject == iri("jean-zay").into()));
}

#[test]
fn the_dumps_parse() {
    let ttl = get(&format!("{}/dump.ttl", server()), "*/*");
    assert!(ttl.content_type.starts_with("text/turtle"));
    let triples = triples(&ttl, RdfFormat::Turtle);
    assert!(triples.len() > 3000, "{}", triples.len());
    let nq = get(&format!("{}/dump.nq", server()), "*/*");
    assert!(nq.content_type.starts_with("application/n-quads"));
    let quads = quads(&nq, RdfFormat::NQuads);
    assert_eq!(quads.len(), graph().store().len().unwrap());
}

#[test]
fn dumps_are_written_once_and_validated_by_etag() {
    let url = format!("{}/dump.nq", server());
    let first = get(&url, "*/*");
    let etag = first.header("etag").expect("an ETag").to_owned();
    assert!(etag.starts_with('"') && etag.len() == 66, "{etag}");
    // The same bytes again (written once per store), and 304 when unchanged.
    let again = get(&url, "*/*");
    assert_eq!(again.header("etag"), Some(etag.as_str()));
    assert_eq!(again.body, first.body);
    let unchanged = read(agent().get(&url).header("If-None-Match", &etag).call());
    assert_eq!(unchanged.status, 304);
    assert!(unchanged.body.is_empty());
    let changed = read(
        agent()
            .get(&url)
            .header("If-None-Match", "\"other\"")
            .call(),
    );
    assert_eq!(changed.status, 200);
    assert_eq!(changed.body, first.body);
}

#[test]
fn text_answers_are_compressed_as_asked() {
    use std::io::Read as _;
    let root = server();
    for url in [
        format!("{root}/dump.ttl"),
        format!("{root}/id/jean-zay"),
        format!("{root}/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%20200"),
    ] {
        let plain = get(&url, "*/*");
        assert_eq!(plain.header("content-encoding"), None, "{url}");
        let gzip = read(agent().get(&url).header("Accept-Encoding", "gzip").call());
        assert_eq!(gzip.header("content-encoding"), Some("gzip"), "{url}");
        assert!(gzip.body.len() < plain.body.len(), "{url}");
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&gzip.body[..])
            .read_to_end(&mut unzipped)
            .unwrap();
        if url.contains("/sparql") {
            // The rows come in the store's order: compare what they hold.
            let rows = |body: &[u8]| {
                let answer = Answer {
                    status: 200,
                    content_type: String::new(),
                    headers: ureq::http::HeaderMap::new(),
                    body: body.to_vec(),
                };
                let mut rows = solutions(&answer, QueryResultsFormat::Json);
                rows.sort_by_key(|r| format!("{r:?}"));
                rows
            };
            assert_eq!(rows(&unzipped), rows(&plain.body));
        } else {
            assert_eq!(unzipped, plain.body, "{url}");
        }
        let br = read(agent().get(&url).header("Accept-Encoding", "br").call());
        assert_eq!(br.header("content-encoding"), Some("br"), "{url}");
        assert!(br.body.len() < plain.body.len(), "{url}");
    }
}

// ---- JSON API and explorer -------------------------------------------------

fn api(path: &str) -> Value {
    let answer = get(&format!("{}{path}", server()), "application/json");
    assert_eq!(answer.status, 200, "{path}: {}", answer.text());
    assert!(answer.content_type.starts_with("application/json"));
    answer.json()
}

#[test]
fn search_finds_entities_by_name_accents_aside() {
    let hits = api("/api/search?q=mistral");
    let hits = hits.as_array().unwrap();
    assert_eq!(hits[0]["iri"], format!("{ID}mistral-ai"));
    assert_eq!(hits[0]["slug"], "mistral-ai");
    assert_eq!(hits[0]["label"], "Mistral AI");
    assert_eq!(hits[0]["label_en"], "Mistral AI");
    assert_eq!(hits[0]["class"], "Startup");
    assert_eq!(hits[0]["group"], "Organisation");
    assert!(hits.len() > 1);
    // Entities only, no statements.
    assert!(
        hits.iter()
            .all(|h| !h["slug"].as_str().unwrap().contains("finance"))
    );

    let hits = api("/api/search?q=emirats");
    assert_eq!(hits[0]["label"], "Émirats arabes unis");
    assert_eq!(
        api("/api/search?q=%C3%89MIRATS")[0]["slug"],
        "emirats-arabes-unis"
    );
    assert_eq!(
        api("/api/search?q=mistral&limit=1")
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(api("/api/search?q=").as_array().unwrap().len(), 0);
}

#[test]
fn the_neighbourhood_of_an_entity() {
    let drawing = api(&format!("/api/neighbourhood?iri={ID}jean-zay&depth=1"));
    let ids: Vec<&str> = drawing["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    for slug in ["jean-zay", "france", "lighton"] {
        assert!(ids.contains(&format!("{ID}{slug}").as_str()), "{ids:?}");
    }
    let france = drawing["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == format!("{ID}france"))
        .unwrap();
    assert_eq!(france["label"], "France");
    assert_eq!(france["group"], "Organisation");
    assert_eq!(france["color"], "#cfe2f3");
    assert_eq!(france["shape"], "box");
    let edge = drawing["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["source"] == format!("{ID}france") && e["target"] == format!("{ID}jean-zay"))
        .unwrap();
    assert!(
        edge["label"].as_str().unwrap().starts_with("finance\n"),
        "{edge}"
    );
    assert_eq!(edge["symmetric"], false);

    let english = api(&format!("/api/neighbourhood?iri={ID}jean-zay&lang=en"));
    assert!(
        english["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["label"].as_str().unwrap().starts_with("funds"))
    );
    let unknown = get(
        &format!("{}/api/neighbourhood?iri={ID}nobody", server()),
        "*/*",
    );
    assert_eq!(unknown.status, 404);
    let bad_lang = get(
        &format!("{}/api/neighbourhood?iri={ID}jean-zay&lang=de", server()),
        "*/*",
    );
    assert_eq!(bad_lang.status, 400);
}

#[test]
fn a_subgraph_of_chosen_iris() {
    let body = format!(
        r#"{{"iris":["{ID}jean-zay","{ID}france","{ID}lighton","{ID}mistral-ai"],"lang":"fr"}}"#
    );
    let answer = read(
        agent()
            .post(format!("{}/api/subgraph", server()))
            .header("Content-Type", "application/json")
            .send(&body),
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
    let drawing = answer.json();
    assert_eq!(drawing["nodes"].as_array().unwrap().len(), 4);
    let edges = drawing["edges"].as_array().unwrap();
    assert!(
        edges.iter().any(
            |e| e["source"] == format!("{ID}lighton") && e["target"] == format!("{ID}jean-zay")
        )
    );
    let wanted = [
        format!("{ID}jean-zay"),
        format!("{ID}france"),
        format!("{ID}lighton"),
        format!("{ID}mistral-ai"),
    ];
    for e in edges {
        assert!(
            wanted.iter().any(|w| e["source"] == *w) && wanted.iter().any(|w| e["target"] == *w)
        );
    }
    // A statement brings its subject and object: the UAE and the data centre.
    let body = format!(r#"{{"iris":["{ID}emirats-financent-centre-donnees"]}}"#);
    let answer = read(
        agent()
            .post(format!("{}/api/subgraph", server()))
            .header("Content-Type", "application/json")
            .send(&body),
    );
    let drawing = answer.json();
    let mut ids: Vec<String> = drawing["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            format!("{ID}centre-donnees-1-gw"),
            format!("{ID}emirats-arabes-unis")
        ]
    );
    assert!(
        drawing["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["label"] == "finance (prévu)\n50 Md€" && e["reported"] == false)
    );

    let bad = read(
        agent()
            .post(format!("{}/api/subgraph", server()))
            .header("Content-Type", "application/json")
            .send("{\"iris\": 3}"),
    );
    assert!(bad.status >= 400 && bad.status < 500, "{}", bad.status);
}

#[test]
fn the_named_queries_and_the_legend() {
    let queries = api("/api/queries");
    let funders = queries
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["name"] == "funders")
        .expect("funders");
    assert!(
        funders["title"]
            .as_str()
            .unwrap()
            .contains("Who funds what")
    );
    assert!(funders["sparql"].as_str().unwrap().contains("SELECT"));

    let legend = api("/api/legend?lang=fr");
    let legend = legend.as_array().unwrap();
    let organisation = legend
        .iter()
        .find(|e| e["group"] == "Organisation")
        .unwrap();
    assert_eq!(organisation["color"], "#cfe2f3");
    assert_eq!(organisation["shape"], "box");
    assert_eq!(organisation["label"], "Organisation");
    assert!(
        legend
            .iter()
            .any(|e| e["group"].is_null() && e["shape"] == "note")
    );
}

#[test]
fn the_explorer_and_its_assets() {
    let index = get(&format!("{}/", server()), "text/html");
    assert_eq!(index.status, 200);
    assert!(index.content_type.starts_with("text/html"));
    assert_eq!(index.header("cache-control"), Some("no-cache"));
    for (name, media) in [
        ("app.js", "text/javascript"),
        ("app.css", "text/css"),
        ("vendor/cytoscape.min.js", "text/javascript"),
    ] {
        let asset = get(&format!("{}/assets/{name}", server()), "*/*");
        assert_eq!(asset.status, 200, "{name}");
        assert!(
            asset.content_type.starts_with(media),
            "{name}: {}",
            asset.content_type
        );
        assert_eq!(asset.header("cache-control"), Some("no-cache"));
        assert!(!asset.body.is_empty());
    }
    assert_eq!(
        get(&format!("{}/assets/nope.js", server()), "*/*").status,
        404
    );
    // No icon, and no 404 in the browser's console for it.
    assert_eq!(get(&format!("{}/favicon.ico", server()), "*/*").status, 204);
}

// ---- The command -----------------------------------------------------------

#[test]
fn the_serve_command_announces_its_address_and_stops_on_ctrl_c() {
    let dir = common::temp_project(false);
    let mut child = Command::new(env!("CARGO_BIN_EXE_iagraph"))
        .current_dir(dir.path())
        .env_remove("IAGRAPH_ROOT")
        .env_remove("IAGRAPH_BASE")
        .env_remove("IAGRAPH_STORE")
        .args(["serve", "--bind", "127.0.0.1:0", "--timeout-s", "2"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let root = line
        .strip_prefix("serving ")
        .and_then(|rest| rest.split_once('/').map(|_| rest))
        .and_then(|rest| rest.split(' ').next())
        .unwrap_or_else(|| panic!("unexpected first line: {line}"))
        .trim_end_matches('/')
        .to_owned();
    assert!(
        line.contains(&format!("(SPARQL endpoint {root}/sparql)")),
        "{line}"
    );
    let answer = sparql(&root, "SELECT ?s WHERE { ?s a iag:State }", "text/csv", &[]);
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert!(answer.text().contains("id/etat"), "{}", answer.text());

    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not stop on SIGINT"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");
}

#[test]
fn a_malformed_id_is_not_found_not_a_server_error() {
    let answer = get(
        &format!("{}/api/neighbourhood?iri=a%20b", server()),
        "application/json",
    );
    assert_eq!(answer.status, 404, "{}", answer.text());
}

// ---- Worker processes ------------------------------------------------------

/// The query of issue 14 that Oxigraph does not stop while it sorts.
const HEAVY_SORT: &str = "SELECT * WHERE {?a ?b ?c . ?d ?e ?f . ?g ?h ?i} ORDER BY ?c ?f ?i";

/// `iagraph serve` as a process of its own, killed when dropped.
struct ServerProcess {
    child: std::process::Child,
    root: String,
    /// Kept open: the server reports its faults there.
    _stderr: BufReader<std::process::ChildStderr>,
}

impl ServerProcess {
    fn start(args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_iagraph"))
            .current_dir(common::manifest_dir())
            .env_remove("IAGRAPH_ROOT")
            .env_remove("IAGRAPH_BASE")
            .env_remove("IAGRAPH_STORE")
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(args)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        stderr.read_line(&mut line).unwrap();
        let root = line
            .strip_prefix("serving ")
            .and_then(|rest| rest.split(' ').next())
            .unwrap_or_else(|| panic!("unexpected first line: {line}"))
            .trim_end_matches('/')
            .to_owned();
        Self {
            child,
            root,
            _stderr: stderr,
        }
    }

    /// The live processes whose parent is the server: its workers.
    fn children(&self) -> Vec<u32> {
        let parent = self.child.id();
        let mut pids = Vec::new();
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            // Fields after the command's closing parenthesis: state, ppid, …
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                continue;
            };
            let Some((_, rest)) = stat.rsplit_once(')') else {
                continue;
            };
            let mut fields = rest.split_whitespace();
            let state = fields.next();
            let ppid = fields.next().and_then(|p| p.parse::<u32>().ok());
            if ppid == Some(parent) && state != Some("Z") {
                pids.push(pid);
            }
        }
        pids
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn is_alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(')')
            .is_some_and(|(_, rest)| !rest.starts_with(" Z"))
    })
}

fn startups_answer(root: &str) {
    let answer = sparql(root, STARTUPS, "application/sparql-results+json", &[]);
    assert_eq!(answer.status, 200, "{}", answer.text());
    let rows = solutions(&answer, QueryResultsFormat::Json);
    assert_eq!(
        rows,
        vec![
            vec![Some(iri("lighton").into())],
            vec![Some(iri("mistral-ai").into())],
        ]
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_query_cut_off_by_the_time_limit_leaves_no_process_computing() {
    // One place, so one worker, which the heavy query will use.
    let server = ServerProcess::start(&[
        "--timeout-s",
        "1",
        "--max-queries",
        "1",
        "--max-query-memory-mb",
        "2000",
    ]);
    // A fresh debug worker may miss the 1 s limit on a loaded machine: warm
    // it up (a worker killed on the way is replaced) before the measured query.
    let warm = (0..5).any(|_| sparql(&server.root, STARTUPS, "*/*", &[]).status == 200);
    assert!(warm, "no light query answered within 1 s in 5 tries");
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.children().len() != 1 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let workers = server.children();
    assert_eq!(workers.len(), 1, "{workers:?}");
    let worker = workers[0];

    let start = Instant::now();
    let answer = sparql(&server.root, HEAVY_SORT, "*/*", &[]);
    let answered = start.elapsed();
    assert_eq!(answer.status, 503, "{}", answer.text());
    assert!(answer.text().contains("--timeout-s"), "{}", answer.text());
    assert!(answered < Duration::from_secs(2), "503 after {answered:?}");
    // Within the time limit plus a second of the query's start, its worker is gone.
    while is_alive(worker) {
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "worker {worker} still alive after {:?}",
            start.elapsed()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    startups_answer(&server.root);
    assert!(!server.children().contains(&worker));
}

#[cfg(target_os = "linux")]
#[test]
fn a_query_over_the_memory_limit_is_503_and_the_server_goes_on() {
    let server = ServerProcess::start(&[
        "--timeout-s",
        "120",
        "--max-queries",
        "1",
        "--max-query-memory-mb",
        "64",
    ]);
    startups_answer(&server.root);
    let workers = server.children();
    assert_eq!(workers.len(), 1, "{workers:?}");
    let worker = workers[0];
    let answer = sparql(&server.root, HEAVY_SORT, "*/*", &[]);
    assert_eq!(answer.status, 503, "{}", answer.text());
    assert_eq!(
        answer.text(),
        "the query needed more memory than the server's limit of 64 MiB per query \
         (--max-query-memory-mb) and was stopped; narrow it down or add a LIMIT\n"
    );
    assert!(!is_alive(worker));
    startups_answer(&server.root);
}

/// The same requests, answered in this process and by worker processes:
/// the same status, type, headers and body.
#[test]
fn workers_answer_as_the_server_itself_does() {
    // Five rows at most, to compare cut answers too.
    let config = ServeConfig {
        max_rows: 5,
        ..ServeConfig::default()
    };
    let in_process = start(config.clone());
    let workers = start(ServeConfig {
        workers: Some(iagraph::serve::Workers {
            program: env!("CARGO_BIN_EXE_iagraph").into(),
            max_query_memory_mb: iagraph::serve::DEFAULT_MAX_QUERY_MEMORY_MB,
        }),
        ..config
    });
    let data_graph = "https://w3id.org/iagraph/graph/data";
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
    let cases: &[Case] = &[
        (STARTUPS, "application/sparql-results+json", &[]),
        (STARTUPS, "text/csv", &[]),
        (STARTUPS, "*/*", &[("format", "xml")]),
        (STARTUPS, "text/turtle", &[]),
        (CONSTRUCT, "text/turtle", &[]),
        (CONSTRUCT, "*/*", &[("format", "application/ld+json")]),
        (CONSTRUCT, "text/csv", &[]),
        (
            "ASK { id:mistral-ai a iag:Startup }",
            "text/tab-separated-values",
            &[],
        ),
        ("SELECT ?s WHERE { ?s ?p }", "*/*", &[]),
        ("INSERT DATA { <a:a> <a:b> <a:c> }", "*/*", &[]),
        (
            "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
            "*/*",
            &[],
        ),
        (STARTUPS, "*/*", &[("default-graph-uri", data_graph)]),
        (STARTUPS, "*/*", &[("default-graph-uri", "not an iri")]),
        ("SELECT ?s WHERE { ?s a iag:Startup } LIMIT 1 }", "*/*", &[]),
        (
            "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o",
            "text/csv",
            &[],
        ),
    ];
    for (query, accept, extra) in cases {
        let here = sparql(&in_process, query, accept, extra);
        let there = sparql(&workers, query, accept, extra);
        let what = format!("{query} ({accept}, {extra:?}): {}", there.text());
        assert_eq!(here.status, there.status, "{what}");
        assert_eq!(here.content_type, there.content_type, "{what}");
        for header in ["x-iagraph-truncated", "x-iagraph-row-limit", "vary"] {
            assert_eq!(here.header(header), there.header(header), "{header} {what}");
        }
        // A graph's triples come in the store's order, which loading changes.
        let rdf = match here.content_type.as_str() {
            "text/turtle" => Some(RdfFormat::Turtle),
            "application/ld+json" => Some(RdfFormat::JsonLd {
                profile: Default::default(),
            }),
            _ => None,
        };
        if let (Some(format), 200) = (rdf, here.status) {
            let sorted = |answer: &Answer| {
                let mut triples = triples(answer, format);
                triples.sort_by_key(|t| t.to_string());
                triples
            };
            assert_eq!(sorted(&here), sorted(&there), "{what}");
            assert!(!sorted(&here).is_empty(), "{what}");
        } else {
            assert_eq!(here.text(), there.text(), "{what}");
        }
    }
}

/// What Chromium sends for a page.
const BROWSER_ACCEPT: &str =
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

#[test]
fn a_browser_following_the_header_link_to_sparql_gets_a_page() {
    let root = server();
    // The link in every page's header.
    let page = get(&format!("{root}/id/mistral-ai"), BROWSER_ACCEPT);
    assert!(page.text().contains(r#"<a href="/sparql">SPARQL</a>"#));

    let answer = get(&format!("{root}/sparql"), BROWSER_ACCEPT);
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(answer.content_type, "text/html; charset=utf-8");
    assert_eq!(answer.header("vary"), Some("Accept"));
    let text = answer.text();
    assert!(text.contains("<h1>Point d'accès SPARQL</h1>"), "{text}");
    assert!(
        text.contains(&format!("<code>{root}/sparql</code>")),
        "{text}"
    );
    assert!(
        text.contains(r#"<form method="get" action="/sparql">"#),
        "{text}"
    );
    assert!(text.contains("<li>10000 lignes"), "{text}");
    // The description itself, escaped into the page.
    assert!(text.contains("a sd:Service"), "{text}");
    assert!(
        text.contains("&lt;https://w3id.org/iagraph/graph/data&gt;"),
        "{text}"
    );

    // Only HTML asked for: the page too, where it was 406.
    assert_eq!(
        get(&format!("{root}/sparql"), "text/html").content_type,
        "text/html; charset=utf-8"
    );
    // A format named, or no preference for HTML: RDF, as before.
    let turtle = read(
        agent()
            .get(format!("{root}/sparql"))
            .query("format", "turtle")
            .header("Accept", BROWSER_ACCEPT)
            .call(),
    );
    assert!(
        turtle.content_type.starts_with("text/turtle"),
        "{}",
        turtle.content_type
    );
    for accept in ["*/*", "text/*", "text/turtle, text/html;q=0.5"] {
        let answer = get(&format!("{root}/sparql"), accept);
        assert!(
            answer.content_type.starts_with("text/turtle"),
            "{accept}: {}",
            answer.content_type
        );
    }
    let bare = read(agent().get(format!("{root}/sparql")).call());
    assert!(
        bare.content_type.starts_with("text/turtle"),
        "{}",
        bare.content_type
    );
}

#[test]
fn the_endpoint_page_shows_the_memory_bound_of_workers() {
    let root = start(ServeConfig {
        workers: Some(iagraph::serve::Workers {
            program: env!("CARGO_BIN_EXE_iagraph").into(),
            max_query_memory_mb: 123,
        }),
        ..ServeConfig::default()
    });
    let text = get(&format!("{root}/sparql"), BROWSER_ACCEPT).text();
    assert!(
        text.contains("<li>123 Mio de mémoire par requête"),
        "{text}"
    );
    assert!(
        !get(&format!("{}/sparql", server()), BROWSER_ACCEPT)
            .text()
            .contains("Mio de mémoire")
    );
}

fn get_if_none_match(url: &str, accept: &str, etag: &str) -> Answer {
    read(
        agent()
            .get(url)
            .header("Accept", accept)
            .header("If-None-Match", etag)
            .call(),
    )
}

#[test]
fn pages_and_assets_are_validated_by_etag() {
    let root = server();
    for (path, accept) in [
        ("/id/mistral-ai", "text/html"),
        ("/id/mistral-ai", "text/turtle"),
        ("/ontology", "text/html"),
        ("/", "text/html"),
        ("/assets/app.js", "*/*"),
        ("/assets/vendor/cytoscape.min.js", "*/*"),
    ] {
        let url = format!("{root}{path}");
        let first = get(&url, accept);
        assert_eq!(first.status, 200, "{path}");
        let etag = first
            .header("etag")
            .unwrap_or_else(|| panic!("{path} {accept}: no ETag"))
            .to_owned();
        // The same bytes again: the same tag.
        assert_eq!(
            get(&url, accept).header("etag"),
            Some(etag.as_str()),
            "{path}"
        );
        let again = get_if_none_match(&url, accept, &etag);
        assert_eq!(again.status, 304, "{path} {accept}");
        assert!(again.body.is_empty(), "{path}");
        assert_eq!(again.header("etag"), Some(etag.as_str()), "{path}");
        // Negotiated pages vary on Accept, their 304 too (the compression
        // layer adds `accept-encoding` to bodies only).
        if path != "/" && !path.starts_with("/assets/") {
            assert_eq!(again.header("vary"), Some("Accept"), "{path}");
        }
        assert_eq!(
            again.header("cache-control"),
            first.header("cache-control"),
            "{path}"
        );
        let stale = get_if_none_match(&url, accept, "\"an-old-tag\"");
        assert_eq!(stale.status, 200, "{path}");
        assert_eq!(stale.body, first.body, "{path}");
    }
    // Another representation of the same page, another tag.
    let html = get(&format!("{root}/id/mistral-ai"), "text/html");
    let turtle = get(&format!("{root}/id/mistral-ai"), "text/turtle");
    assert_ne!(html.header("etag"), turtle.header("etag"));
    let other = get(&format!("{root}/id/lighton"), "text/html");
    assert_ne!(html.header("etag"), other.header("etag"));
}

/// A worker program written for the test: `script` after the ready frame.
#[cfg(unix)]
fn fake_worker(dir: &std::path::Path, script: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("fake-worker");
    std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn a_worker_that_crashes_is_a_500_and_the_server_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    // Reads the graph's frame, says it is ready (an empty frame: eight zero
    // bytes), then dies at the first job.
    let program = fake_worker(
        dir.path(),
        "len=$(head -c 8 | od -An -tu8 --endian=big | tr -d ' ')\n\
         head -c \"$len\" >/dev/null\n\
         printf '\\000\\000\\000\\000\\000\\000\\000\\000'\n\
         head -c 1 >/dev/null\n\
         echo 'worker fault' >&2\n\
         exit 3",
    );
    let root = start(ServeConfig {
        workers: Some(iagraph::serve::Workers {
            program,
            max_query_memory_mb: 64,
        }),
        ..ServeConfig::default()
    });
    for _ in 0..3 {
        let answer = sparql(&root, STARTUPS, "*/*", &[]);
        assert_eq!(answer.status, 500, "{}", answer.text());
        assert_eq!(
            answer.text(),
            "the process evaluating the query ended (exit status: 3: worker fault)\n"
        );
    }
    // The rest of the server is untouched.
    assert_eq!(
        get(&format!("{root}/id/mistral-ai"), "text/turtle").status,
        200
    );
}

#[test]
fn a_worker_that_cannot_start_stops_the_server_before_it_listens() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-iagraph");
    let error = iagraph::serve::router(
        graph(),
        Project::new(common::manifest_dir()),
        ServeConfig {
            workers: Some(iagraph::serve::Workers {
                program: missing.clone(),
                max_query_memory_mb: 64,
            }),
            ..ServeConfig::default()
        },
    )
    .expect_err("a server whose workers cannot start");
    // The message, then its causes.
    let chain = std::iter::successors(Some(&error as &dyn std::error::Error), |e| e.source());
    let text = chain
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(": ");
    assert!(text.starts_with("the SPARQL worker process failed: cannot start the first worker: "));
    assert!(
        text.contains(&format!("cannot run {}", missing.display())),
        "{text}"
    );
}
