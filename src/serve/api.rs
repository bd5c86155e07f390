//! The web explorer's JSON API. The drawings are those of the DOT export
//! (`export::dot::drawing`), so the explorer's colours and shapes match it.

use std::collections::BTreeSet;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use oxigraph::model::NamedNodeRef;
use petgraph::graph::DiGraph;
use serde::{Deserialize, Serialize};

use super::AppState;
use super::error::HttpError;
use super::search::Hit;
use crate::export::dot::{DotOptions, Edge, GROUPS, NOTE, Node, class_labels, drawing};
use crate::query::named_queries;
use crate::vocab::rdfs;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/queries", get(queries))
        .route("/api/neighbourhood", get(neighbourhood))
        .route("/api/subgraph", post(subgraph))
        .route("/api/legend", get(legend))
}

/// The most hits one search returns, whatever `limit` asks.
const MAX_HITS: usize = 200;
/// The deepest neighbourhood drawn: the whole graph is a few hops wide.
const MAX_DEPTH: usize = 6;

/// `fr` (the default) or `en`.
fn language(lang: Option<&str>) -> Result<String, HttpError> {
    match lang.unwrap_or("fr") {
        l @ ("fr" | "en") => Ok(l.to_owned()),
        other => Err(HttpError::bad_request(format!(
            "unknown language `{other}`: use fr or en"
        ))),
    }
}

#[derive(Debug, Deserialize)]
struct SearchParams {
    /// The text to look for in labels and aliases.
    #[serde(default)]
    q: String,
    limit: Option<usize>,
}

async fn search(
    State(state): State<AppState>,
    Query(params): Query<SearchParams>,
) -> Json<Vec<Hit>> {
    let limit = params.limit.unwrap_or(20).min(MAX_HITS);
    Json(state.search.search(&params.q, limit))
}

#[derive(Debug, Serialize)]
struct NamedQueryJson {
    name: String,
    title: String,
    sparql: String,
}

async fn queries(State(state): State<AppState>) -> Result<Json<Vec<NamedQueryJson>>, HttpError> {
    let dir = state.project.queries_dir();
    let list = tokio::task::spawn_blocking(move || named_queries(&dir)).await??;
    Ok(Json(
        list.into_iter()
            .map(|q| NamedQueryJson {
                name: q.name,
                title: q.title,
                sparql: q.sparql,
            })
            .collect(),
    ))
}

/// A drawing as the explorer's graph library takes it.
#[derive(Debug, Serialize)]
struct DrawingJson {
    nodes: Vec<NodeJson>,
    edges: Vec<EdgeJson>,
}

#[derive(Debug, Serialize)]
struct NodeJson {
    id: String,
    label: String,
    /// The colour group's name; `null` for targets and figures.
    group: Option<&'static str>,
    color: &'static str,
    shape: &'static str,
}

#[derive(Debug, Serialize)]
struct EdgeJson {
    source: String,
    target: String,
    label: String,
    symmetric: bool,
}

impl From<&DiGraph<Node, Edge>> for DrawingJson {
    fn from(d: &DiGraph<Node, Edge>) -> Self {
        let nodes = d
            .node_weights()
            .map(|n| {
                let (shape, color) = n.style();
                NodeJson {
                    id: n.iri.clone(),
                    label: n.label.clone(),
                    group: n.group.map(|g| GROUPS[g].0),
                    color,
                    shape,
                }
            })
            .collect();
        let edges = d
            .edge_indices()
            .filter_map(|e| {
                let (a, b) = d.edge_endpoints(e)?;
                let edge = &d[e];
                Some(EdgeJson {
                    source: d[a].iri.clone(),
                    target: d[b].iri.clone(),
                    label: edge.label.clone(),
                    symmetric: edge.symmetric,
                })
            })
            .collect();
        Self { nodes, edges }
    }
}

#[derive(Debug, Deserialize)]
struct NeighbourhoodParams {
    /// The entity's IRI (or slug).
    iri: String,
    depth: Option<usize>,
    lang: Option<String>,
}

async fn neighbourhood(
    State(state): State<AppState>,
    Query(params): Query<NeighbourhoodParams>,
) -> Result<Json<DrawingJson>, HttpError> {
    let lang = language(params.lang.as_deref())?;
    let depth = params.depth.unwrap_or(1).min(MAX_DEPTH);
    tokio::task::spawn_blocking(move || {
        let graph = &state.graph;
        let iri = if params.iri.contains("://") {
            params.iri.clone()
        } else {
            graph.base().id(&params.iri)?.into_string()
        };
        // Unknown IRIs are 404; known ones that are not drawn (a source, say)
        // are the drawing's 400.
        let known = NamedNodeRef::new(&iri).is_ok_and(|n| {
            graph
                .store()
                .quads_for_pattern(Some(n.into()), Some(rdfs::LABEL), None, None)
                .next()
                .is_some()
        });
        if !known {
            return Err(HttpError::not_found(format!("no `{iri}` in the graph")));
        }
        let options = DotOptions {
            lang,
            focus: Some(iri),
            depth,
        };
        Ok(Json(DrawingJson::from(&drawing(graph, &options)?)))
    })
    .await?
}

#[derive(Debug, Deserialize)]
struct SubgraphRequest {
    /// The IRIs to draw, e.g. every IRI of a query's answer.
    iris: Vec<String>,
    lang: Option<String>,
}

async fn subgraph(
    State(state): State<AppState>,
    request: Result<Json<SubgraphRequest>, JsonRejection>,
) -> Result<Json<DrawingJson>, HttpError> {
    let Json(request) = request.map_err(|r| HttpError::new(r.status(), r.body_text()))?;
    let lang = language(request.lang.as_deref())?;
    tokio::task::spawn_blocking(move || {
        let mut wanted: BTreeSet<String> = request.iris.into_iter().collect();
        // A statement stands for its subject and object, so that a query
        // returning statements (e.g. `funders`) draws what they link.
        wanted.extend(statement_ends(&state.graph, &wanted)?);
        let options = DotOptions {
            lang,
            focus: None,
            depth: 0,
        };
        let all = drawing(&state.graph, &options)?;
        // Dropping a node drops its edges: those left join two wanted nodes.
        let kept = all.filter_map(
            |_, n| wanted.contains(&n.iri).then(|| n.clone()),
            |_, e| Some(e.clone()),
        );
        Ok(Json(DrawingJson::from(&kept)))
    })
    .await?
}

/// The subjects and objects of the statements among `iris`.
fn statement_ends(graph: &crate::Graph, iris: &BTreeSet<String>) -> crate::Result<Vec<String>> {
    // Only well-formed IRIs reach the query text.
    let values: Vec<String> = iris
        .iter()
        .filter_map(|i| oxigraph::model::NamedNode::new(i.as_str()).ok())
        .map(|n| n.to_string())
        .collect();
    if values.is_empty() {
        return Ok(Vec::new());
    }
    let sparql = format!(
        "SELECT ?end WHERE {{ VALUES ?st {{ {} }} \
         {{ ?st iag:statementSubject ?end }} UNION {{ ?st iag:statementObject ?end }} }}",
        values.join(" ")
    );
    Ok(crate::query::select(graph, &sparql)?
        .into_iter()
        .filter_map(|row| match row.into_iter().next().flatten() {
            Some(oxigraph::model::Term::NamedNode(n)) => Some(n.into_string()),
            _ => None,
        })
        .collect())
}

#[derive(Debug, Deserialize)]
struct LangParam {
    lang: Option<String>,
}

#[derive(Debug, Serialize)]
struct LegendEntry {
    /// The group's name as in the nodes; `null` for targets and figures.
    group: Option<&'static str>,
    label: String,
    color: &'static str,
    shape: &'static str,
}

async fn legend(
    State(state): State<AppState>,
    Query(param): Query<LangParam>,
) -> Result<Json<Vec<LegendEntry>>, HttpError> {
    let lang = language(param.lang.as_deref())?;
    tokio::task::spawn_blocking(move || {
        let labels = class_labels(&state.graph, &lang)?;
        let mut entries: Vec<LegendEntry> = GROUPS
            .iter()
            .map(|(class, shape, color)| LegendEntry {
                group: Some(*class),
                label: capitalised(labels.get(*class).map_or(*class, String::as_str)),
                color,
                shape,
            })
            .collect();
        entries.push(LegendEntry {
            group: None,
            label: if lang == "en" {
                "Target or figure"
            } else {
                "Objectif ou chiffre"
            }
            .to_owned(),
            color: NOTE.1,
            shape: NOTE.0,
        });
        Ok(Json(entries))
    })
    .await?
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
