//! Publishing to, and querying, a real Virtuoso. `.ci/run` starts one on
//! loopback and sets IAGRAPH_TEST_VIRTUOSO (its HTTP root, e.g.
//! http://127.0.0.1:8891) and IAGRAPH_TEST_VIRTUOSO_AUTH (`user:password`);
//! without them every test here is ignored (`cargo test` lists it as such);
//! `.ci/run` runs them with `--include-ignored`.

use crate::common;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use common::{iagraph, manifest_dir, stderr, temp_project};
use iagraph::query::{self, Answer};
use iagraph::remote::{self, AuthScheme, Client, Credentials, GraphStore, QueryEndpoint, Target};
use iagraph::{Base, Graph, Project};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphNameRef, NamedNode, Term};

struct Virtuoso {
    root: String,
    user: String,
    password: String,
}

impl Virtuoso {
    /// The Virtuoso of `.ci/run`; a test asked to run without one fails
    /// saying what to set, rather than passing untested.
    fn from_env() -> Self {
        let root = std::env::var("IAGRAPH_TEST_VIRTUOSO").expect(
            "set IAGRAPH_TEST_VIRTUOSO to a Virtuoso's HTTP root (as .ci/run does) to run this test",
        );
        let auth = std::env::var("IAGRAPH_TEST_VIRTUOSO_AUTH").unwrap_or_else(|_| "dba:dba".into());
        let (user, password) = auth
            .split_once(':')
            .expect("IAGRAPH_TEST_VIRTUOSO_AUTH is user:password");
        Self {
            root: root.trim_end_matches('/').to_owned(),
            user: user.into(),
            password: password.into(),
        }
    }

    fn store_url(&self) -> String {
        format!("{}/sparql-graph-crud-auth", self.root)
    }

    fn query_url(&self) -> String {
        format!("{}/sparql", self.root)
    }

    fn client(&self, password: &str) -> Client {
        Client::new(
            Some(Credentials {
                user: self.user.clone(),
                password: password.into(),
                scheme: AuthScheme::Digest,
            }),
            Duration::from_secs(60),
        )
    }

    fn count(&self, graph: &NamedNode) -> u64 {
        let endpoint = QueryEndpoint {
            url: self.query_url(),
            default_graphs: Vec::new(),
        };
        remote::sparql::count(
            &Client::new(None, Duration::from_secs(60)),
            &endpoint,
            &Base::default(),
            &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"),
        )
        .unwrap()
    }
}

/// Remote graph names of one test, apart from every other test and run.
fn targets(base: &Base, test: &str) -> Vec<Target> {
    let run = format!("{}-{}", std::process::id(), test);
    vec![
        Target {
            local: base.data_graph(),
            remote: NamedNode::new(format!("urn:iagraph-test:{run}:data")).unwrap(),
        },
        Target {
            local: base.ontology_graph(),
            remote: NamedNode::new(format!("urn:iagraph-test:{run}:ontology")).unwrap(),
        },
    ]
}

fn local_count(graph: &Graph, name: &NamedNode) -> u64 {
    graph
        .store()
        .quads_for_pattern(
            None,
            None,
            None,
            Some(GraphNameRef::NamedNode(name.as_ref())),
        )
        .count() as u64
}

fn publish(
    v: &Virtuoso,
    graph: &Graph,
    targets: &[Target],
    chunk: usize,
) -> iagraph::Result<remote::PublishReport> {
    publish_via(v, &v.store_url(), graph, targets, chunk, &v.password)
}

fn publish_via(
    v: &Virtuoso,
    store_url: &str,
    graph: &Graph,
    targets: &[Target],
    chunk: usize,
    password: &str,
) -> iagraph::Result<remote::PublishReport> {
    let store = GraphStore::new(
        store_url,
        Some(&v.query_url()),
        Some(&format!("{}/sparql-auth", v.root)),
    )?;
    remote::publish(
        &v.client(password),
        &store,
        graph,
        targets,
        chunk,
        &mut |_| {},
    )
}

/// Rows as comparable text. SPARQL 1.1 leaves three things to the engine,
/// which Oxigraph and Virtuoso do differently: the order of GROUP_CONCAT's
/// items (sorted here), its language tag (Oxigraph keeps a common one), and
/// an empty group (unbound or ""). Everything else must be equal: row
/// order (every named query has an ORDER BY), IRIs, values and datatypes.
/// A `GROUP_CONCAT` cell with its items sorted: SPARQL 1.1 leaves their
/// order to the engine.
fn sorted_items(value: &str) -> String {
    match ["; ", ", "].into_iter().find(|s| value.contains(s)) {
        Some(separator) => {
            let mut items: Vec<&str> = value.split(separator).collect();
            items.sort_unstable();
            items.join(separator)
        }
        None => value.to_owned(),
    }
}

fn normalised(answer: &Answer) -> Vec<Vec<String>> {
    let Answer::Solutions { rows, .. } = answer else {
        panic!("the named queries are SELECT queries: {answer:?}")
    };
    rows.iter()
        .map(|row| {
            row.iter()
                .map(|term| match term {
                    None => String::new(),
                    Some(Term::Literal(l))
                        if l.language().is_some() || l.datatype() == xsd::STRING =>
                    {
                        sorted_items(l.value())
                    }
                    Some(term) => term.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
#[ignore = "needs a Virtuoso: see .ci/run"]
fn the_graph_is_published_counted_and_queried_like_locally() {
    let v = Virtuoso::from_env();
    let project = Project::new(manifest_dir());
    let graph = Graph::build(&project, &Base::default()).unwrap();
    let targets = targets(graph.base(), "full");

    // Through the binary, as a user would, with small chunks to exercise the split.
    let dir = temp_project(true);
    let output = iagraph(
        dir.path(),
        &[
            "publish",
            "--endpoint",
            &v.store_url(),
            "--graph",
            targets[0].remote.as_str(),
            "--ontology-graph",
            targets[1].remote.as_str(),
            "--user",
            &v.user,
            "--password",
            &v.password,
            "--chunk-triples",
            "500",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let expected = local_count(&graph, &targets[0].local);
    assert!(expected > 1000, "the curated graph has {expected} triples");
    assert!(
        stderr(&output).contains(&format!(
            "{}: {expected} triples, counted on the server",
            targets[0].remote.as_str()
        )),
        "{}",
        stderr(&output)
    );
    for target in &targets {
        assert_eq!(v.count(&target.remote), local_count(&graph, &target.local));
    }

    // Every named query, remotely and locally: the same rows.
    let endpoint = QueryEndpoint {
        url: v.query_url(),
        default_graphs: targets.iter().map(|t| t.remote.clone()).collect(),
    };
    let queries = query::named_queries(&project.queries_dir()).unwrap();
    assert!(queries.len() >= 10);
    for q in &queries {
        let local = query::run(&graph, &q.sparql).unwrap();
        let remote =
            remote::sparql::run(&v.client(&v.password), &endpoint, graph.base(), &q.sparql)
                .unwrap_or_else(|e| panic!("{}: {e}", q.name));
        assert_eq!(
            normalised(&remote),
            normalised(&local),
            "named query {}",
            q.name
        );
    }

    // And through the binary's `query --endpoint`.
    let output = iagraph(
        dir.path(),
        &[
            "query",
            "totals-by-funder",
            "--endpoint",
            &v.query_url(),
            "--graph",
            targets[0].remote.as_str(),
            "--graph",
            targets[1].remote.as_str(),
            "--format",
            "csv",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let local = iagraph(
        dir.path(),
        &["query", "totals-by-funder", "--format", "csv"],
    );
    // Rows in any order, and the items of multi-valued cells too.
    let sorted = |text: String| {
        let mut rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|record| record.unwrap().iter().map(sorted_items).collect())
            .collect();
        rows.sort();
        rows
    };
    assert_eq!(
        sorted(common::stdout(&output)),
        sorted(common::stdout(&local))
    );
}

#[test]
#[ignore = "needs a Virtuoso: see .ci/run"]
fn a_republication_replaces_the_graph() {
    let v = Virtuoso::from_env();
    let dir = temp_project(false);
    let project = Project::new(dir.path());
    let before = Graph::build(&project, &Base::default()).unwrap();
    let targets = targets(before.base(), "republish");
    publish(&v, &before, &targets, 1000).unwrap();
    let first = v.count(&targets[0].remote);
    assert_eq!(first, local_count(&before, &targets[0].local));

    // A change: the fixture's amount becomes a range.
    change_data(dir.path());
    let after = Graph::build(&project, &Base::default()).unwrap();
    let expected = local_count(&after, &targets[0].local);
    assert_ne!(expected, first, "the change must change the graph");
    let report = publish(&v, &after, &targets, 1000).unwrap();
    assert_eq!(report.graphs[0], (targets[0].remote.clone(), expected));
    assert_eq!(v.count(&targets[0].remote), expected);
    let endpoint = QueryEndpoint {
        url: v.query_url(),
        default_graphs: vec![targets[0].remote.clone()],
    };
    let answer = remote::sparql::run(
        &v.client(&v.password),
        &endpoint,
        after.base(),
        "SELECT ?max WHERE { ?amount schema:maxValue ?max }",
    )
    .unwrap();
    let Answer::Solutions { rows, .. } = answer else {
        panic!()
    };
    assert_eq!(rows.len(), 1);
    let Some(Term::Literal(max)) = &rows[0][0] else {
        panic!("{rows:?}")
    };
    assert_eq!(max.value().parse::<f64>().unwrap(), 60_000_000.0);
}

/// The fixture's exact amount becomes a range (one triple more).
fn change_data(dir: &Path) {
    let facts = dir.join("data/facts.toml");
    let text = std::fs::read_to_string(&facts).unwrap();
    let changed = text.replace("value = 50_000_000,", "min = 50_000_000, max = 60_000_000,");
    assert_ne!(changed, text);
    std::fs::write(&facts, changed).unwrap();
}

#[test]
#[ignore = "needs a Virtuoso: see .ci/run"]
fn a_failed_publication_leaves_the_live_graph_intact() {
    let v = Virtuoso::from_env();
    let minimal = temp_project(false);
    let small = Graph::build(&Project::new(minimal.path()), &Base::default()).unwrap();
    let full = Graph::build(&Project::new(manifest_dir()), &Base::default()).unwrap();
    let targets = targets(small.base(), "failure");
    publish(&v, &small, &targets, 1000).unwrap();
    let live = v.count(&targets[0].remote);

    // The server goes away halfway: a proxy that dies after 60 kB of requests.
    let proxy = DyingProxy::start(&v.root, 60_000);
    let err = publish_via(&v, &proxy.store_url(), &full, &targets, 100, &v.password).unwrap_err();
    assert!(
        proxy.died(),
        "the proxy must have cut the publication: {err}"
    );
    assert!(matches!(err, iagraph::Error::Remote { .. }), "{err}");
    assert_eq!(
        v.count(&targets[0].remote),
        live,
        "the live graph changed after {err}"
    );

    // A wrong password: refused at the first request, nothing changes.
    let err = publish_via(
        &v,
        &v.store_url(),
        &full,
        &targets,
        1000,
        "not-the-password",
    )
    .unwrap_err();
    assert!(err.to_string().contains("refused the credentials"), "{err}");
    assert_eq!(v.count(&targets[0].remote), live);

    // And the binary says so, with exit code 1.
    let output = iagraph(
        minimal.path(),
        &[
            "publish",
            "--endpoint",
            &v.store_url(),
            "--graph",
            targets[0].remote.as_str(),
            "--ontology-graph",
            targets[1].remote.as_str(),
            "--user",
            &v.user,
            "--password",
            "not-the-password",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("refused the credentials of user"),
        "{}",
        stderr(&output)
    );
}

/// A TCP proxy to the server that stops for good once it has forwarded
/// `limit` bytes of requests, as a server that is stopped halfway.
struct DyingProxy {
    port: u16,
    dead: Arc<AtomicBool>,
}

impl DyingProxy {
    fn start(root: &str, limit: usize) -> Self {
        let upstream = root.trim_start_matches("http://").to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let dead = Arc::new(AtomicBool::new(false));
        let forwarded = Arc::new(AtomicUsize::new(0));
        let flag = dead.clone();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = client else { break };
                let Ok(server) = TcpStream::connect(&upstream) else {
                    break;
                };
                let (flag, forwarded) = (flag.clone(), forwarded.clone());
                let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
                std::thread::spawn(move || pipe(s2, c2, None));
                std::thread::spawn(move || pipe(client, server, Some((forwarded, limit, flag))));
            }
        });
        Self { port, dead }
    }

    fn store_url(&self) -> String {
        format!("http://127.0.0.1:{}/sparql-graph-crud-auth", self.port)
    }

    fn died(&self) -> bool {
        self.dead.load(Ordering::SeqCst)
    }
}

fn pipe(
    mut from: TcpStream,
    mut to: TcpStream,
    budget: Option<(Arc<AtomicUsize>, usize, Arc<AtomicBool>)>,
) {
    let mut buffer = [0; 8192];
    loop {
        let n = match from.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if let Some((forwarded, limit, dead)) = &budget
            && (dead.load(Ordering::SeqCst)
                || forwarded.fetch_add(n, Ordering::SeqCst) + n > *limit)
        {
            dead.store(true, Ordering::SeqCst);
            break;
        }
        if to.write_all(&buffer[..n]).is_err() {
            break;
        }
    }
    let _ = from.shutdown(Shutdown::Both);
    let _ = to.shutdown(Shutdown::Both);
}
