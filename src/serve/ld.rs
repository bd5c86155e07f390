//! Linked data: every IRI the graph mints (`{base}id/{slug}`) is served at
//! `/id/{slug}` as an HTML page or an RDF description, by content
//! negotiation or `?format=`; so is the ontology at `/ontology`, and the
//! whole graph at `/dump.ttl` and `/dump.nq`.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_TYPE, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{Markup, PreEscaped};
use oxigraph::io::RdfFormat;
use serde::Deserialize;
use tokio::sync::OnceCell;

use super::error::HttpError;
use super::negotiate::{self, Accept};
use super::resource::{self, Kind, Linker, Node, ONTOLOGY};
use super::{AppState, etag, html, rdf};
use crate::export::{JSON_LD, RdfExport, write_rdf};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/id/{slug}", get(resource_page))
        .route("/ontology", get(ontology_page))
        .route(
            "/dump.ttl",
            get(|s: State<AppState>, h: HeaderMap| dump(s, h, RdfExport::Turtle)),
        )
        .route(
            "/dump.nq",
            get(|s: State<AppState>, h: HeaderMap| dump(s, h, RdfExport::NQuads)),
        )
}

/// How a page is sent.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Page {
    Html,
    Rdf(RdfFormat),
}

/// Turtle first: a client that states no preference (curl, a crawler) gets
/// RDF; browsers prefer `text/html`.
const OFFERS: &[(&str, Page)] = &[
    ("text/turtle", Page::Rdf(RdfFormat::Turtle)),
    ("text/html", Page::Html),
    ("application/xhtml+xml", Page::Html),
    ("application/ld+json", Page::Rdf(JSON_LD)),
    ("application/n-triples", Page::Rdf(RdfFormat::NTriples)),
    ("application/rdf+xml", Page::Rdf(RdfFormat::RdfXml)),
    // Clients that know only JSON (SPARQLWrapper, fetch) get JSON-LD.
    ("application/json", Page::Rdf(JSON_LD)),
];

#[derive(Debug, Deserialize)]
struct FormatParam {
    /// `html`, `turtle`, `jsonld`, `ntriples` or `rdfxml`: overrides `Accept`,
    /// for links people follow in a browser.
    format: Option<String>,
}

fn choose(headers: &HeaderMap, param: Option<&str>) -> Result<Page, HttpError> {
    match param {
        Some("html") => Ok(Page::Html),
        Some(name) => rdf::named(name).map(Page::Rdf).ok_or_else(|| {
            HttpError::bad_request(format!(
                "unknown format `{name}`: use html, turtle, jsonld, ntriples or rdfxml"
            ))
        }),
        None => Accept::from_headers(headers)
            .choose(OFFERS)
            .ok_or_else(|| negotiate::not_acceptable(OFFERS)),
    }
}

fn html_response(status: StatusCode, markup: Markup) -> Response {
    (
        status,
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (VARY, HeaderValue::from_static("Accept")),
        ],
        markup.into_string(),
    )
        .into_response()
}

async fn resource_page(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(param): Query<FormatParam>,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let page = choose(&headers, param.format.as_deref())?;
    let path = format!("/id/{slug}");
    tokio::task::spawn_blocking(move || {
        let headers = &headers;
        let graph = &state.graph;
        let found = match graph.base().id(&slug) {
            Ok(iri) => {
                let node = Node::load(graph, iri.as_ref())?;
                (!node.is_empty()).then_some((iri, node))
            }
            // Not an IRI the graph could have minted.
            Err(_) => None,
        };
        let Some((iri, node)) = found else {
            return Ok(not_found(page, &path));
        };
        let kind = Kind::of(&node);
        match page {
            Page::Rdf(format) => {
                let triples = resource::description(graph, iri.as_ref(), kind)?;
                let body = rdf::write(&triples, format, graph.base().as_str())?;
                Ok(tagged_rdf(headers, body, format))
            }
            Page::Html => {
                let linker = Linker {
                    graph,
                    lang: crate::wording::Lang::Fr,
                };
                let at = iri.as_ref();
                let markup = match kind {
                    Kind::Entity => html::entity(&path, iri.as_str(), &linker.entity(at, &node)?),
                    Kind::Statement => {
                        html::statement(&path, iri.as_str(), &linker.statement(at, &node)?)
                    }
                    Kind::Source => html::source(&path, iri.as_str(), &linker.source(at, &node)?),
                };
                Ok(tagged_html(headers, markup))
            }
        }
    })
    .await?
}

/// A page of the graph, with its `ETag` (or 304).
fn tagged_html(request: &HeaderMap, markup: Markup) -> Response {
    let text = markup.into_string();
    let tag = etag::of(text.as_bytes());
    etag::conditional(
        request,
        &tag,
        html_response(StatusCode::OK, PreEscaped(text)),
    )
}

/// A description in RDF, with its `ETag` (or 304).
fn tagged_rdf(request: &HeaderMap, body: Vec<u8>, format: RdfFormat) -> Response {
    let tag = etag::of(&body);
    etag::conditional(
        request,
        &tag,
        negotiate::response(body, rdf::media_type(format)),
    )
}

fn not_found(page: Page, path: &str) -> Response {
    match page {
        Page::Html => html_response(StatusCode::NOT_FOUND, html::not_found(path)),
        Page::Rdf(_) => {
            HttpError::not_found(format!("nothing in the graph at {path}")).into_response()
        }
    }
}

async fn ontology_page(
    State(state): State<AppState>,
    Query(param): Query<FormatParam>,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let page = choose(&headers, param.format.as_deref())?;
    tokio::task::spawn_blocking(move || {
        let graph = &state.graph;
        match page {
            Page::Rdf(format) => {
                let triples = resource::ontology_triples(graph)?;
                let body = rdf::write(&triples, format, graph.base().as_str())?;
                Ok(tagged_rdf(&headers, body, format))
            }
            Page::Html => {
                let view = Linker {
                    graph,
                    lang: crate::wording::Lang::Fr,
                }
                .ontology()?;
                Ok(tagged_html(
                    &headers,
                    html::ontology("/ontology", ONTOLOGY.as_str(), &view),
                ))
            }
        }
    })
    .await?
}

/// A dump, written once per store (the server never writes to it).
#[derive(Debug)]
pub struct Dump {
    body: Bytes,
    /// A strong validator: the SHA-256 of the body, quoted.
    etag: String,
}

/// The dumps, each written at its first request.
#[derive(Debug, Default)]
pub struct Dumps {
    turtle: OnceCell<Arc<Dump>>,
    nquads: OnceCell<Arc<Dump>>,
}

async fn dump(
    State(state): State<AppState>,
    headers: HeaderMap,
    format: RdfExport,
) -> Result<Response, HttpError> {
    let media_type = match format {
        RdfExport::NQuads => "application/n-quads",
        other => rdf::media_type(other.format()),
    };
    let cell = match format {
        RdfExport::NQuads => &state.dumps.nquads,
        _ => &state.dumps.turtle,
    };
    let dump = cell
        .get_or_try_init(|| {
            let graph = state.graph.clone();
            async move {
                tokio::task::spawn_blocking(move || {
                    let mut body = Vec::new();
                    write_rdf(&graph, format, &mut body)?;
                    Ok::<_, HttpError>(Arc::new(Dump {
                        etag: etag::of(&body),
                        body: Bytes::from(body),
                    }))
                })
                .await?
            }
        })
        .await?
        .clone();
    let response = (
        [(CONTENT_TYPE, HeaderValue::from_static(media_type))],
        dump.body.clone(),
    )
        .into_response();
    Ok(etag::conditional(&headers, &dump.etag, response))
}
