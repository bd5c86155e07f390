//! The SPARQL 1.1 Service Description that `/sparql` answers without a query.

use axum::http::HeaderMap;
use axum::http::header::HOST;
use axum::response::Response;
use oxigraph::model::{BlankNode, Literal, NamedNode, Triple};

use super::error::HttpError;
use super::negotiate::{self, Accept};
use super::{State, html, rdf};
use crate::vocab::{dcterms, rdf as rdf_ns};
use oxigraph::io::RdfFormat;

const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
const FORMATS: &str = "http://www.w3.org/ns/formats/";

/// The description, Turtle unless `Accept` or `format` asks for another RDF
/// format; for a browser (an `Accept` that prefers HTML to every RDF
/// format, so not `*/*` alone), a page that shows it with a query form.
pub fn respond(
    state: &State,
    headers: &HeaderMap,
    format: Option<&str>,
) -> Result<Response, HttpError> {
    if format.is_none() && prefers_html(&Accept::from_headers(headers)) {
        let endpoint = endpoint(headers)?;
        let triples = description(&endpoint, state);
        let prefixes = [("sd", SD), ("formats", FORMATS)];
        let turtle = rdf::write_with(
            &triples,
            RdfFormat::Turtle,
            state.graph.base().as_str(),
            &prefixes,
        )?;
        let limits = html::EndpointLimits {
            timeout_s: state.config.timeout.as_secs_f64(),
            max_rows: state.config.max_rows,
            max_queries: state.config.max_queries,
            max_query_memory_mb: state.config.workers.as_ref().map(|w| w.max_query_memory_mb),
        };
        let page = html::endpoint(
            endpoint.as_str(),
            &limits,
            &String::from_utf8_lossy(&turtle),
        );
        return Ok(negotiate::response(
            page.into_string().into_bytes(),
            "text/html; charset=utf-8",
        ));
    }
    let format = match format {
        Some(name) => rdf::named(name).ok_or_else(|| {
            HttpError::bad_request(format!(
                "the service description is RDF: use format=turtle, ntriples, jsonld or rdfxml, not `{name}`"
            ))
        })?,
        None => Accept::from_headers(headers)
            .choose(rdf::OFFERS)
            .ok_or_else(|| negotiate::not_acceptable(rdf::OFFERS))?,
    };
    let endpoint = endpoint(headers)?;
    let triples = description(&endpoint, state);
    let prefixes = [("sd", SD), ("formats", FORMATS)];
    let body = rdf::write_with(&triples, format, state.graph.base().as_str(), &prefixes)?;
    Ok(negotiate::response(body, rdf::media_type(format)))
}

fn prefers_html(accept: &Accept) -> bool {
    let rdf = rdf::OFFERS
        .iter()
        .map(|(media, _)| accept.quality(media))
        .fold(0.0, f32::max);
    accept.quality("text/html") > rdf
}

/// The endpoint's own URL, as the client reached it (through a proxy that
/// sets `X-Forwarded-Proto` and `X-Forwarded-Host`, or directly).
fn endpoint(headers: &HeaderMap) -> Result<NamedNode, HttpError> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let scheme = header("x-forwarded-proto")
        .map(|v| v.split(',').next().unwrap_or(v).trim())
        .unwrap_or("http");
    // A chain of proxies sends `client-facing, next, …`: the first is ours.
    let first = |v: &str| v.split(',').next().unwrap_or(v).trim().to_owned();
    let host = header("x-forwarded-host")
        .or_else(|| header(HOST.as_str()))
        .map_or_else(|| "localhost".to_owned(), first);
    let url = format!("{scheme}://{host}/sparql");
    NamedNode::new(&url).map_err(|e| HttpError::bad_request(format!("bad Host header: {e}")))
}

fn description(endpoint: &NamedNode, state: &State) -> Vec<Triple> {
    let sd = |local: &str| NamedNode::new_unchecked(format!("{SD}{local}"));
    let a = rdf_ns::TYPE.into_owned();
    let dataset = BlankNode::new_unchecked("dataset");
    let default_graph = BlankNode::new_unchecked("defaultGraph");
    let base = state.graph.base();
    // Grouped by subject, so that Turtle writes each node once.
    let mut triples = vec![
        Triple::new(endpoint.clone(), a.clone(), sd("Service")),
        Triple::new(endpoint.clone(), sd("endpoint"), endpoint.clone()),
        Triple::new(
            endpoint.clone(),
            dcterms::TITLE,
            Literal::new_language_tagged_literal_unchecked(
                "iagraph: a knowledge graph of France's national AI strategy (read-only)",
                "en",
            ),
        ),
        Triple::new(
            endpoint.clone(),
            sd("supportedLanguage"),
            sd("SPARQL11Query"),
        ),
        // The default graph is the union of the named graphs.
        Triple::new(endpoint.clone(), sd("feature"), sd("UnionDefaultGraph")),
        Triple::new(endpoint.clone(), sd("defaultDataset"), dataset.clone()),
    ];
    for local in [
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
    ] {
        let format = NamedNode::new_unchecked(format!("{FORMATS}{local}"));
        triples.push(Triple::new(endpoint.clone(), sd("resultFormat"), format));
    }
    triples.push(Triple::new(dataset.clone(), a.clone(), sd("Dataset")));
    triples.push(Triple::new(
        dataset.clone(),
        sd("defaultGraph"),
        default_graph.clone(),
    ));
    let graphs = [base.data_graph(), base.ontology_graph()];
    let nodes: Vec<BlankNode> = (0..graphs.len())
        .map(|i| BlankNode::new_unchecked(format!("namedGraph{i}")))
        .collect();
    for node in &nodes {
        triples.push(Triple::new(dataset.clone(), sd("namedGraph"), node.clone()));
    }
    triples.push(Triple::new(default_graph, a.clone(), sd("Graph")));
    for (node, graph) in nodes.into_iter().zip(graphs) {
        triples.push(Triple::new(node.clone(), a.clone(), sd("NamedGraph")));
        triples.push(Triple::new(node, sd("name"), graph));
    }
    triples
}
