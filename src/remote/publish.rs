//! Publishing the graph to a store that speaks the SPARQL 1.1 Graph Store
//! HTTP Protocol, so that a failure never leaves a half-published graph.
//!
//! Each local graph is sent in chunks to a fresh staging graph (`PUT` for
//! the first chunk, `POST` for the others), its triple count is checked
//! with a query, and only then does one SPARQL 1.1 Update request `MOVE` the
//! staging graphs onto the live ones. The live counts are checked last.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Term, Triple};
use ureq::http::Method;

use super::client::{Client, remote};
use super::sparql::{self, QueryEndpoint};
use crate::error::{Error, RemoteFault, Result};
use crate::store::Graph;

/// The three endpoints of one remote store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphStore {
    /// SPARQL 1.1 Graph Store HTTP Protocol endpoint (`?graph=` is appended).
    pub store_url: String,
    /// SPARQL 1.1 Protocol query endpoint, for the counts.
    pub query_url: String,
    /// SPARQL 1.1 Protocol update endpoint, for the final `MOVE`.
    pub update_url: String,
}

impl GraphStore {
    /// The endpoints of a store known by its Graph Store URL: the query and
    /// update endpoints are derived for Virtuoso, Fuseki and Oxigraph unless given.
    pub fn new(store_url: &str, query_url: Option<&str>, update_url: Option<&str>) -> Result<Self> {
        let derived = derive_endpoints(store_url);
        let missing = |what: &'static str, option: &'static str| {
            remote(store_url, RemoteFault::UnknownEndpoint { what, option })
        };
        Ok(Self {
            store_url: store_url.to_owned(),
            query_url: match query_url {
                Some(url) => url.to_owned(),
                None => derived
                    .as_ref()
                    .map(|d| d.0.clone())
                    .ok_or_else(|| missing("query", "--query-endpoint"))?,
            },
            update_url: match update_url {
                Some(url) => url.to_owned(),
                None => derived
                    .map(|d| d.1)
                    .ok_or_else(|| missing("update", "--update-endpoint"))?,
            },
        })
    }

    fn graph_url(&self, graph: &NamedNode) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("graph", graph.as_str());
        let separator = if self.store_url.contains('?') {
            '&'
        } else {
            '?'
        };
        format!("{}{separator}{}", self.store_url, query.finish())
    }
}

/// (query, update) endpoints for the Graph Store paths of well-known stores.
fn derive_endpoints(store_url: &str) -> Option<(String, String)> {
    let (root, last) = store_url.trim_end_matches('/').rsplit_once('/')?;
    match last {
        // Virtuoso: the authenticated Graph Store pairs with the authenticated endpoint.
        "sparql-graph-crud-auth" => Some((format!("{root}/sparql"), format!("{root}/sparql-auth"))),
        "sparql-graph-crud" => Some((format!("{root}/sparql"), format!("{root}/sparql"))),
        // Fuseki: /DATASET/data, /DATASET/query, /DATASET/update.
        "data" => Some((format!("{root}/query"), format!("{root}/update"))),
        // Oxigraph's own server.
        "store" => Some((format!("{root}/query"), format!("{root}/update"))),
        _ => None,
    }
}

/// One local graph and the remote graph it replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub local: NamedNode,
    pub remote: NamedNode,
}

/// How far a publication has gone, for progress bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub sent: u64,
    pub total: u64,
}

/// What was published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishReport {
    /// Each remote graph and its verified triple count.
    pub graphs: Vec<(NamedNode, u64)>,
    pub triples: u64,
    pub requests: usize,
    pub elapsed: Duration,
}

/// Sends `targets` to the store; the live graphs change only if every chunk
/// arrived and every staging count matches.
pub fn publish(
    client: &Client,
    store: &GraphStore,
    graph: &Graph,
    targets: &[Target],
    chunk_triples: usize,
    progress: &mut dyn FnMut(Progress),
) -> Result<PublishReport> {
    let started = Instant::now();
    let chunk_triples = chunk_triples.max(1);
    let query = QueryEndpoint {
        url: store.query_url.clone(),
        default_graphs: Vec::new(),
    };
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut staged = Vec::new();
    let mut total = 0;
    for target in targets {
        let count = local_count(graph, &target.local)?;
        total += count;
        let staging = NamedNode::new(format!("{}-staging-{stamp}", target.remote.as_str()))
            .map_err(|e| remote(&store.store_url, RemoteFault::BadGraphIri(e)))?;
        staged.push((target, staging, count));
    }
    progress(Progress { sent: 0, total });

    let mut requests = 0;
    let result = (|| {
        let mut sent = 0;
        for (target, staging, count) in &staged {
            requests += upload(
                client,
                store,
                graph,
                &target.local,
                staging,
                chunk_triples,
                &mut |n| {
                    sent += n;
                    progress(Progress { sent, total });
                },
            )?;
            let arrived = sparql::count(client, &query, graph.base(), &count_query(staging))?;
            requests += 1;
            if arrived != *count {
                return Err(remote(
                    &store.store_url,
                    RemoteFault::StagingIncomplete {
                        staging: staging.to_string(),
                        arrived,
                        sent: *count,
                        live: target.remote.to_string(),
                    },
                ));
            }
        }
        let swap: Vec<String> = staged
            .iter()
            .map(|(target, staging, count)| {
                if *count == 0 {
                    format!("DROP SILENT GRAPH {}", target.remote)
                } else {
                    format!("MOVE {staging} TO {}", target.remote)
                }
            })
            .collect();
        update(client, store, &swap.join(" ;\n"))?;
        requests += 1;
        Ok::<_, Error>(())
    })();
    if let Err(e) = result {
        // Best effort: the staging graphs are garbage, the live ones untouched.
        let drop: Vec<String> = staged
            .iter()
            .map(|(_, staging, _)| format!("DROP SILENT GRAPH {staging}"))
            .collect();
        let _ = update(client, store, &drop.join(" ;\n"));
        return Err(e);
    }

    let mut graphs = Vec::new();
    for (target, _, count) in &staged {
        let live = sparql::count(client, &query, graph.base(), &count_query(&target.remote))?;
        requests += 1;
        if live != *count {
            return Err(remote(
                &store.query_url,
                RemoteFault::SwapMismatch {
                    graph: target.remote.to_string(),
                    live,
                    published: *count,
                },
            ));
        }
        graphs.push((target.remote.clone(), live));
    }
    Ok(PublishReport {
        graphs,
        triples: total,
        requests,
        elapsed: started.elapsed(),
    })
}

fn count_query(graph: &NamedNode) -> String {
    format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
}

fn local_count(graph: &Graph, name: &NamedNode) -> Result<u64> {
    let mut n = 0;
    for quad in graph.store().quads_for_pattern(
        None,
        None,
        None,
        Some(GraphNameRef::NamedNode(name.as_ref())),
    ) {
        quad?;
        n += 1;
    }
    Ok(n)
}

/// Sends one local graph to `staging` in chunks; returns the request count.
///
/// Each request is its own N-Triples document, where a blank node label
/// means a new node, so every triple with a blank node goes in the first
/// chunk and the graph's structure survives the split.
fn upload(
    client: &Client,
    store: &GraphStore,
    graph: &Graph,
    local: &NamedNode,
    staging: &NamedNode,
    chunk_triples: usize,
    sent: &mut dyn FnMut(u64),
) -> Result<usize> {
    let url = store.graph_url(staging);
    let quads = || {
        graph.store().quads_for_pattern(
            None,
            None,
            None,
            Some(GraphNameRef::NamedNode(local.as_ref())),
        )
    };
    let mut chunk = Chunk::default();
    let mut requests = 0;
    let mut flush = |chunk: &mut Chunk, requests: &mut usize| -> Result<()> {
        if chunk.triples == 0 && *requests > 0 {
            return Ok(());
        }
        // The first request replaces whatever a crashed run left in the staging graph.
        let method = if *requests == 0 {
            Method::PUT
        } else {
            Method::POST
        };
        let body = std::mem::take(chunk);
        let reply = client.send(
            method.clone(),
            &url,
            &[("Content-Type", "application/n-triples")],
            &body.bytes,
        )?;
        if !(200..300).contains(&reply.status) {
            return Err(remote(
                &url,
                RemoteFault::Refused {
                    method: method.to_string(),
                    status: reply.status,
                    excerpt: reply.excerpt(500),
                },
            ));
        }
        *requests += 1;
        sent(body.triples);
        Ok(())
    };
    for quad in quads() {
        let triple = Triple::from(quad?);
        if has_blank_node(&triple) {
            chunk.push(&triple)?;
        }
    }
    for quad in quads() {
        let triple = Triple::from(quad?);
        if has_blank_node(&triple) {
            continue;
        }
        chunk.push(&triple)?;
        if chunk.triples >= chunk_triples as u64 {
            flush(&mut chunk, &mut requests)?;
        }
    }
    flush(&mut chunk, &mut requests)?;
    Ok(requests)
}

fn has_blank_node(triple: &Triple) -> bool {
    matches!(triple.subject, NamedOrBlankNode::BlankNode(_))
        || matches!(triple.object, Term::BlankNode(_))
}

/// N-Triples being gathered for one request.
#[derive(Default)]
struct Chunk {
    bytes: Vec<u8>,
    triples: u64,
}

impl Chunk {
    fn push(&mut self, triple: &Triple) -> Result<()> {
        let mut serializer =
            RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut self.bytes);
        serializer
            .serialize_triple(triple)
            .map_err(Error::Serialize)?;
        serializer.finish().map_err(Error::Serialize)?;
        self.triples += 1;
        Ok(())
    }
}

fn update(client: &Client, store: &GraphStore, sparql: &str) -> Result<()> {
    let reply = client.send(
        Method::POST,
        &store.update_url,
        &[("Content-Type", "application/sparql-update")],
        sparql.as_bytes(),
    )?;
    if (200..300).contains(&reply.status) {
        Ok(())
    } else {
        let excerpt = reply.excerpt(500);
        Err(remote(
            &store.update_url,
            RemoteFault::UpdateRefused {
                status: reply.status,
                hint: hint(&excerpt),
                excerpt,
            },
        ))
    }
}

/// What to do about a refusal whose cause is a known store setting.
fn hint(refusal: &str) -> &'static str {
    // Virtuoso keeps a transaction's changes in memory up to a limit
    // (TransactionAfterImageLimit): with Debian's configuration, the MOVE
    // of 1.9 million triples went over it.
    if refusal.contains("SR325") {
        " (the live graphs are unchanged; to publish a graph this large in \
         one transaction, raise TransactionAfterImageLimit in the [Parameters] \
         section of virtuoso.ini and restart Virtuoso)"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_virtuoso_transaction_over_its_log_limit_says_which_setting_to_raise() {
        let refusal = "Virtuoso 40005 Error SR325: Transaction aborted because it's log after image size went above the limit";
        assert!(hint(refusal).contains("TransactionAfterImageLimit"));
        assert_eq!(hint("Virtuoso 37000 Error SP030: syntax error"), "");
    }

    #[test]
    fn known_stores_have_derived_endpoints() {
        let virtuoso = GraphStore::new("http://h:8890/sparql-graph-crud-auth", None, None).unwrap();
        assert_eq!(virtuoso.query_url, "http://h:8890/sparql");
        assert_eq!(virtuoso.update_url, "http://h:8890/sparql-auth");
        let fuseki = GraphStore::new("http://h:3030/ds/data", None, None).unwrap();
        assert_eq!(
            (fuseki.query_url.as_str(), fuseki.update_url.as_str()),
            ("http://h:3030/ds/query", "http://h:3030/ds/update")
        );
        let oxigraph = GraphStore::new("http://h:7878/store", None, Some("http://h/u")).unwrap();
        assert_eq!(
            (oxigraph.query_url.as_str(), oxigraph.update_url.as_str()),
            ("http://h:7878/query", "http://h/u")
        );
        let err = GraphStore::new("http://h/gsp", None, None).unwrap_err();
        assert!(err.to_string().contains("--query-endpoint"), "{err}");
    }

    #[test]
    fn graph_urls_encode_the_graph() {
        let store = GraphStore::new("http://h/store", None, None).unwrap();
        assert_eq!(
            store.graph_url(&NamedNode::new("https://w3id.org/iagraph/graph/data").unwrap()),
            "http://h/store?graph=https%3A%2F%2Fw3id.org%2Fiagraph%2Fgraph%2Fdata"
        );
    }
}
