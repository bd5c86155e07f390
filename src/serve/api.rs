//! The web explorer's JSON API. The drawings are those of the DOT export
//! (`export::dot::drawing`), so the explorer's colours and shapes match it.

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

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
use crate::export::dot::{DotOptions, Edge, GROUPS, NOTE, Node, class_labels, drawing, note_label};
use crate::query::{AMOUNT_COLUMNS, CURRENCY_COLUMNS, SOURCE_COLUMNS, named_queries};
use crate::vocab::{PREFIXES, dcterms, iag, rdf, rdfs};
use crate::wording::Lang;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/queries", get(queries))
        .route("/api/neighbourhood", get(neighbourhood))
        .route("/api/subgraph", post(subgraph))
        .route("/api/legend", get(legend))
        .route("/api/annotate", post(annotate))
        .route("/api/config", get(config))
        .route("/api/timeline", get(timeline))
}

/// The most hits one search returns, whatever `limit` asks.
const MAX_HITS: usize = 200;
/// The deepest neighbourhood drawn: the whole graph is a few hops wide.
const MAX_DEPTH: usize = 6;

/// `fr` (the default) or `en`.
fn language(lang: Option<&str>) -> Result<Lang, HttpError> {
    lang.map_or(Ok(Lang::Fr), |l| {
        l.parse()
            .map_err(|e: crate::wording::UnknownLang| HttpError::bad_request(e.to_string()))
    })
}

#[derive(Debug, Deserialize)]
struct SearchParams {
    /// The text to look for in labels and aliases.
    #[serde(default)]
    q: String,
    limit: Option<usize>,
    /// The language of the classes' names: `fr` (default) or `en`.
    lang: Option<String>,
}

async fn search(
    State(state): State<AppState>,
    Query(params): Query<SearchParams>,
) -> Result<Json<Vec<Hit>>, HttpError> {
    let lang = language(params.lang.as_deref())?;
    let limit = params.limit.unwrap_or(20).min(MAX_HITS);
    Ok(Json(state.search.search_in(&params.q, limit, lang)))
}

#[derive(Debug, Serialize)]
struct NamedQueryJson {
    name: String,
    /// The first comment line whole: `English — Français`.
    title: String,
    /// Its two halves (both the whole title when it has no ` — `).
    title_en: String,
    title_fr: String,
    sparql: String,
}

async fn queries(State(state): State<AppState>) -> Result<Json<Vec<NamedQueryJson>>, HttpError> {
    let dir = state.project.queries_dir();
    let list = tokio::task::spawn_blocking(move || named_queries(&dir)).await??;
    Ok(Json(
        list.into_iter()
            .map(|q| {
                let (en, fr) = q
                    .title
                    .split_once(" — ")
                    .unwrap_or((q.title.as_str(), q.title.as_str()));
                NamedQueryJson {
                    title_en: en.trim().to_owned(),
                    title_fr: fr.trim().to_owned(),
                    name: q.name.clone(),
                    title: q.title.clone(),
                    sparql: q.sparql.clone(),
                }
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
    /// Reported as done; otherwise the label names the modality.
    reported: bool,
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
                    reported: edge.reported,
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
        let all = state.drawings.whole(&state.graph, lang)?;
        // Dropping a node drops its edges: those left join two wanted nodes.
        let kept = all.filter_map(
            |_, n| wanted.contains(&n.iri).then(|| n.clone()),
            |_, e| Some(e.clone()),
        );
        Ok(Json(DrawingJson::from(&kept)))
    })
    .await?
}

/// The whole drawing in each language, drawn at its first request and kept:
/// the server never writes to the store.
#[derive(Debug, Default)]
pub struct Drawings {
    fr: OnceLock<Arc<DiGraph<Node, Edge>>>,
    en: OnceLock<Arc<DiGraph<Node, Edge>>>,
}

impl Drawings {
    fn whole(&self, graph: &crate::Graph, lang: Lang) -> crate::Result<Arc<DiGraph<Node, Edge>>> {
        let cell = match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        };
        if let Some(drawn) = cell.get() {
            return Ok(drawn.clone());
        }
        let options = DotOptions {
            lang,
            focus: None,
            depth: 0,
        };
        // Two first requests at once may both draw; one drawing is kept.
        let drawn = Arc::new(drawing(graph, &options)?);
        Ok(cell.get_or_init(|| drawn).clone())
    }
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
        let labels = class_labels(&state.graph, lang)?;
        let mut entries: Vec<LegendEntry> = GROUPS
            .iter()
            .map(|(class, shape, color)| LegendEntry {
                group: Some(*class),
                label: super::search::capitalised(
                    labels.get(*class).map_or(*class, String::as_str),
                ),
                color,
                shape,
            })
            .collect();
        entries.push(LegendEntry {
            group: None,
            label: note_label(lang).to_owned(),
            color: NOTE.1,
            shape: NOTE.0,
        });
        Ok(Json(entries))
    })
    .await?
}

/// What the explorer needs to write IRIs: the base its graph mints IRIs
/// under (`--base`) and the prefixes every query may use.
#[derive(Debug, Serialize)]
struct ConfigJson {
    /// The base, ending with `/`.
    base: String,
    /// Where entities, statements and sources live: `{base}id/`.
    id: String,
    /// (prefix without `:`, namespace), `id` included.
    prefixes: Vec<(String, String)>,
    /// How the named queries name their columns (see `query::AMOUNT_COLUMNS`).
    amount_columns: &'static [&'static str],
    currency_columns: &'static [&'static str],
    source_columns: &'static [&'static str],
}

async fn config(State(state): State<AppState>) -> Json<ConfigJson> {
    let base = state.graph.base().as_str().to_owned();
    let id = format!("{base}id/");
    let mut prefixes: Vec<(String, String)> = PREFIXES
        .iter()
        .map(|(p, ns)| ((*p).to_owned(), (*ns).to_owned()))
        .collect();
    prefixes.push(("id".to_owned(), id.clone()));
    Json(ConfigJson {
        base,
        id,
        prefixes,
        amount_columns: AMOUNT_COLUMNS,
        currency_columns: CURRENCY_COLUMNS,
        source_columns: SOURCE_COLUMNS,
    })
}

/// The most values of each kind one annotation request may carry.
const MAX_ANNOTATIONS: usize = 20_000;

/// Values of a query's answer the explorer shows in readers' terms.
#[derive(Debug, Deserialize)]
struct AnnotateRequest {
    #[serde(default)]
    amounts: Vec<AmountJson>,
    /// Labels (French or English) of entities, as the cells hold them.
    #[serde(default)]
    names: Vec<String>,
    /// Slugs of source articles (`art-…`).
    #[serde(default)]
    sources: Vec<String>,
    lang: Option<String>,
}

#[derive(Debug, Deserialize)]
struct AmountJson {
    /// The number as the literal writes it.
    value: String,
    /// ISO 4217 code.
    currency: String,
}

#[derive(Debug, Serialize)]
struct AnnotateJson {
    /// `109 Md€`, in the order asked; `null` for what is not a number.
    amounts: Vec<Option<String>>,
    /// Label → the entity's page, for the labels that name one entity.
    names: std::collections::BTreeMap<String, String>,
    /// Slug → the article's title, date and page.
    sources: std::collections::BTreeMap<String, SourceJson>,
}

#[derive(Debug, Serialize)]
struct SourceJson {
    title: String,
    date: Option<String>,
    path: String,
}

async fn annotate(
    State(state): State<AppState>,
    request: Result<Json<AnnotateRequest>, JsonRejection>,
) -> Result<Json<AnnotateJson>, HttpError> {
    let Json(request) = request.map_err(|r| HttpError::new(r.status(), r.body_text()))?;
    let lang = language(request.lang.as_deref())?;
    if request
        .amounts
        .len()
        .max(request.names.len())
        .max(request.sources.len())
        > MAX_ANNOTATIONS
    {
        return Err(HttpError::bad_request(format!(
            "at most {MAX_ANNOTATIONS} amounts, names and sources per request"
        )));
    }
    tokio::task::spawn_blocking(move || {
        let amounts = request
            .amounts
            .iter()
            .map(|a| {
                let value = a
                    .value
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())?;
                let code = a.currency.trim();
                (code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()))
                    .then(|| crate::wording::money(value, code, lang))
            })
            .collect();
        let names = request
            .names
            .into_iter()
            .filter_map(|name| {
                let hit = state.search.by_label(&name)?;
                Some((name, format!("/id/{}", hit.slug)))
            })
            .collect();
        let mut sources = std::collections::BTreeMap::new();
        for slug in request.sources {
            if let Some(source) = source_json(&state.graph, &slug)? {
                sources.insert(slug, source);
            }
        }
        Ok(Json(AnnotateJson {
            amounts,
            names,
            sources,
        }))
    })
    .await?
}

/// The title and date of the source article `slug`, if there is one.
fn source_json(graph: &crate::Graph, slug: &str) -> Result<Option<SourceJson>, HttpError> {
    let Ok(iri) = graph.base().id(slug) else {
        return Ok(None);
    };
    let store = graph.store();
    let is_source = store
        .quads_for_pattern(
            Some(iri.as_ref().into()),
            Some(rdf::TYPE),
            Some(iag::SOURCE_ARTICLE.into()),
            None,
        )
        .next()
        .is_some();
    if !is_source {
        return Ok(None);
    }
    let first = |p: NamedNodeRef<'_>| -> Option<String> {
        store
            .quads_for_pattern(Some(iri.as_ref().into()), Some(p), None, None)
            .filter_map(std::result::Result::ok)
            .find_map(|q| match q.object {
                oxigraph::model::Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
    };
    let Some(title) = first(dcterms::TITLE).or_else(|| first(rdfs::LABEL)) else {
        return Ok(None);
    };
    Ok(Some(SourceJson {
        title,
        date: first(dcterms::DATE),
        path: format!("/id/{slug}"),
    }))
}

/// One dated statement on the timeline: at its date (`kind` `date`) or at
/// its deadline (`deadline`); a statement with both is two items.
#[derive(Debug, Serialize, PartialEq, Eq)]
struct TimelineItem {
    /// The statement's IRI.
    statement: String,
    /// Its page.
    path: String,
    label: String,
    kind: &'static str,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as the article gives it.
    start: String,
    /// The end of a period (`iag:endDate`), if the statement has one.
    end: Option<String>,
    /// The subject, the object and the announcer: (IRI, label).
    entities: Vec<(String, String)>,
}

async fn timeline(
    State(state): State<AppState>,
    Query(param): Query<LangParam>,
) -> Result<Json<Vec<TimelineItem>>, HttpError> {
    let lang = language(param.lang.as_deref())?;
    tokio::task::spawn_blocking(move || Ok(Json(timeline_items(&state.graph, lang)?))).await?
}

/// The statements with a date or a deadline, oldest first.
fn timeline_items(graph: &crate::Graph, lang: Lang) -> crate::Result<Vec<TimelineItem>> {
    // `lang` is `fr` or `en` (checked by `language`).
    let sparql = format!(
        "SELECT ?st ?label ?date ?end ?deadline ?e ?eLabel WHERE {{
            ?st a iag:Statement ; rdfs:label ?label .
            FILTER(LANG(?label) = '{lang}')
            {{ ?st iag:date ?date }} UNION {{ ?st iag:deadline ?deadline }}
            OPTIONAL {{ ?st iag:endDate ?end }}
            OPTIONAL {{
                {{ ?st iag:statementSubject ?e }} UNION {{ ?st iag:statementObject ?e }}
                UNION {{ ?st iag:announcedBy ?e }}
                ?e rdfs:label ?eLabel FILTER(LANG(?eLabel) = '{lang}')
            }}
        }}"
    );
    let text = |t: &Option<oxigraph::model::Term>| match t {
        Some(oxigraph::model::Term::NamedNode(n)) => Some(n.as_str().to_owned()),
        Some(oxigraph::model::Term::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    };
    let mut items: std::collections::BTreeMap<(String, &'static str, String), TimelineItem> =
        std::collections::BTreeMap::new();
    for row in crate::query::select(graph, &sparql)? {
        let (Some(statement), Some(label)) = (text(&row[0]), text(&row[1])) else {
            continue;
        };
        let (kind, start) = match (text(&row[2]), text(&row[4])) {
            (Some(date), _) => ("date", date),
            (None, Some(deadline)) => ("deadline", deadline),
            (None, None) => continue,
        };
        let Some(slug) = graph.base().slug_of(&statement) else {
            continue;
        };
        let path = format!("/id/{slug}");
        let item = items
            .entry((start.clone(), kind, statement.clone()))
            .or_insert_with(|| TimelineItem {
                statement: statement.clone(),
                path,
                label,
                kind,
                start,
                end: if kind == "date" { text(&row[3]) } else { None },
                entities: Vec::new(),
            });
        if let (Some(e), Some(name)) = (text(&row[5]), text(&row[6])) {
            if !item.entities.iter().any(|(iri, _)| *iri == e) {
                item.entities.push((e, name));
            }
        }
    }
    let mut items: Vec<TimelineItem> = items.into_values().collect();
    for item in &mut items {
        item.entities.sort();
    }
    Ok(items)
}
