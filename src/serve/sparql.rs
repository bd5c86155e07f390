//! `/sparql`: the SPARQL 1.1 Protocol, read-only.
//!
//! Queries come by `GET ?query=`, or by `POST` as `application/sparql-query`
//! or as a form. A query nested past [`query::nesting`]'s bounds is refused
//! before it is parsed (400). At most `max_queries` evaluate at once; others
//! wait for a place up to a second, then get 503 with `Retry-After`. The
//! others are sent, as a [`Job`], to a worker process ([`super::worker`]),
//! which parses, evaluates and serialises them on a thread of
//! [`query::STACK_BYTES`] (which their recursion cannot overflow) under a
//! bound on its memory. When the time limit passes the worker is killed,
//! freeing its CPU and memory at once (Oxigraph checks its cancellation
//! token between solutions but not while it sorts), the query is answered
//! 503 and its place is free again. Without workers (an on-disk store) the
//! same evaluation runs on a thread of this process under a cancellation
//! token fired at the time limit, and a query cut off holds its place until
//! its evaluation has stopped. `SERVICE` cannot reach other hosts: Oxigraph
//! is built without its `http-client` feature, so a federated query fails
//! instead of calling out.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRequest, Query, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::get;
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults, QuerySolutionIter, QueryTripleIter};

use super::error::HttpError;
use super::negotiate::{self, Accept};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use axum::http::header::RETRY_AFTER;
use axum::response::IntoResponse;

use super::worker::Pool;
use super::{AppState, ROW_LIMIT_HEADER, TRUNCATED_HEADER, rdf, service_description};
use crate::error::Error;
use crate::query::{self, DatasetOverride};
use crate::store::Graph;
use serde::{Deserialize, Serialize};

pub fn routes() -> Router<AppState> {
    Router::new().route("/sparql", get(get_sparql).post(post_sparql))
}

/// The formats of SELECT and ASK answers; JSON first, as the default.
const RESULT_OFFERS: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
];

const UPDATE_FORBIDDEN: &str = "this SPARQL endpoint is read-only: SPARQL Update is not accepted \
     (the graph is built from data/ with `iagraph build`)";

/// The formats a client named with `format=`, `output=` or `results=`, as
/// Virtuoso and Fuseki read them: short names (`json`, `turtle`, `n3`,
/// `json-ld`, `rdf+xml`, …) or media types, several values or a
/// comma-separated list as SPARQLWrapper sends them. The first that suits
/// the query's form wins; when none does, `Accept` decides.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Wanted(Vec<String>);

impl Wanted {
    fn add(&mut self, value: &str) {
        self.0.extend(
            value
                .split(',')
                .filter_map(|item| item.split(';').next())
                .map(|item| item.trim().to_ascii_lowercase())
                .filter(|item| !item.is_empty()),
        );
    }

    fn results(&self) -> Option<QueryResultsFormat> {
        self.0.iter().find_map(|name| {
            Some(match name.as_str() {
                "json" | "application/sparql-results+json" | "application/json" => {
                    QueryResultsFormat::Json
                }
                "xml" | "application/sparql-results+xml" | "application/xml" | "text/xml" => {
                    QueryResultsFormat::Xml
                }
                "csv" | "text/csv" => QueryResultsFormat::Csv,
                "tsv" | "text/tab-separated-values" => QueryResultsFormat::Tsv,
                _ => return None,
            })
        })
    }

    fn rdf(&self) -> Option<RdfFormat> {
        self.0.iter().find_map(|name| {
            if let Some(format) = rdf::named(name) {
                return Some(format);
            }
            Some(match name.as_str() {
                "n3"
                | "text/turtle"
                | "application/turtle"
                | "application/x-turtle"
                | "text/n3"
                | "text/rdf+n3" => RdfFormat::Turtle,
                "application/n-triples" => RdfFormat::NTriples,
                // Virtuoso answers a graph asked for in `json` with JSON-LD.
                "json-ld" | "json" | "application/ld+json" | "application/x-json+ld" => {
                    crate::export::JSON_LD
                }
                "rdf+xml" | "rdf" | "xml" | "application/rdf+xml" | "application/xml" => {
                    RdfFormat::RdfXml
                }
                _ => return None,
            })
        })
    }
}

/// The protocol's parameters, from the URL or a form.
#[derive(Debug, Default)]
struct Params {
    query: Option<String>,
    update: bool,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
    /// The first `format` value, for the service description.
    format: Option<String>,
    wanted: Wanted,
}

impl Params {
    fn read(pairs: Vec<(String, String)>) -> Result<Self, HttpError> {
        let mut p = Self::default();
        for (key, value) in pairs {
            match key.as_str() {
                "query" if p.query.is_some() => {
                    return Err(HttpError::bad_request("more than one `query` parameter"));
                }
                "query" => p.query = Some(value),
                "update" | "using-graph-uri" | "using-named-graph-uri" => p.update = true,
                "default-graph-uri" => p.default_graphs.push(value),
                "named-graph-uri" => p.named_graphs.push(value),
                "format" | "output" | "results" => {
                    p.wanted.add(&value);
                    if key == "format" && p.format.is_none() {
                        p.format = Some(value);
                    }
                }
                // Unknown parameters are ignored, as clients add their own.
                _ => {}
            }
        }
        Ok(p)
    }

    fn dataset(&self) -> Result<Option<DatasetOverride>, HttpError> {
        dataset(&self.default_graphs, &self.named_graphs)
    }
}

/// The protocol's dataset, when the request names one: it replaces the
/// query's `FROM`/`FROM NAMED` and the union default graph.
fn dataset(
    default_graphs: &[String],
    named_graphs: &[String],
) -> Result<Option<DatasetOverride>, HttpError> {
    if default_graphs.is_empty() && named_graphs.is_empty() {
        return Ok(None);
    }
    let iris = |list: &[String]| {
        list.iter()
            .map(|iri| {
                NamedNode::new(iri)
                    .map_err(|e| HttpError::bad_request(format!("bad graph IRI `{iri}`: {e}")))
            })
            .collect::<Result<Vec<_>, _>>()
    };
    Ok(Some(DatasetOverride {
        default_graphs: iris(default_graphs)?,
        named_graphs: iris(named_graphs)?,
    }))
}

async fn get_sparql(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, HttpError> {
    let params = Params::read(pairs)?;
    if params.update {
        return Err(HttpError::new(StatusCode::FORBIDDEN, UPDATE_FORBIDDEN));
    }
    if params.query.is_none() {
        return service_description::respond(&state, &headers, params.format.as_deref());
    }
    answer(state, &headers, params).await
}

async fn post_sparql(
    State(state): State<AppState>,
    Query(url_pairs): Query<Vec<(String, String)>>,
    request: Request,
) -> Result<Response, HttpError> {
    let headers = request.headers().clone();
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let params = match content_type.as_str() {
        "application/sparql-update" => {
            return Err(HttpError::new(StatusCode::FORBIDDEN, UPDATE_FORBIDDEN));
        }
        "application/sparql-query" => {
            let mut params = Params::read(url_pairs)?;
            if params.query.is_some() {
                return Err(HttpError::bad_request(
                    "the query is the body: no `query` parameter with application/sparql-query",
                ));
            }
            let body = Bytes::from_request(request, &state)
                .await
                .map_err(|r| HttpError::new(r.status(), r.body_text()))?;
            let text = String::from_utf8(body.to_vec())
                .map_err(|_| HttpError::bad_request("the query is not UTF-8"))?;
            params.query = Some(text);
            params
        }
        "application/x-www-form-urlencoded" => {
            let axum::Form(mut pairs) =
                axum::Form::<Vec<(String, String)>>::from_request(request, &state)
                    .await
                    .map_err(|r| HttpError::new(r.status(), r.body_text()))?;
            pairs.extend(url_pairs);
            Params::read(pairs)?
        }
        other => {
            return Err(HttpError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "cannot read a `{other}` body: send application/sparql-query or \
                     application/x-www-form-urlencoded"
                ),
            ));
        }
    };
    if params.update {
        return Err(HttpError::new(StatusCode::FORBIDDEN, UPDATE_FORBIDDEN));
    }
    if params.query.is_none() {
        return Err(HttpError::bad_request("no `query` parameter in the form"));
    }
    answer(state, &headers, params).await
}

/// The places for evaluations under way: a query waits up to [`QUEUE_WAIT`]
/// for one, then is answered 503.
#[derive(Debug, Clone)]
pub struct Slots {
    places: Arc<Semaphore>,
    max: usize,
}

impl Slots {
    pub fn new(max: usize) -> Self {
        Self {
            places: Arc::new(Semaphore::new(max.clamp(1, Semaphore::MAX_PERMITS))),
            max,
        }
    }

    async fn take(&self) -> Option<OwnedSemaphorePermit> {
        tokio::time::timeout(QUEUE_WAIT, self.places.clone().acquire_owned())
            .await
            .ok()?
            .ok()
    }
}

/// How long a query waits for a place before it is refused.
const QUEUE_WAIT: Duration = Duration::from_secs(1);

/// Seconds a client is asked to wait when every place is taken.
const RETRY_AFTER_S: u64 = 5;

/// An answer, serialised.
struct Serialised {
    body: Vec<u8>,
    media_type: &'static str,
    truncated: bool,
}

/// A query for a worker process: what [`evaluate`] needs, as the request
/// gave it.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Job {
    query: String,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
    wanted: Wanted,
    /// The request's `Accept` headers, joined.
    accept: String,
    limit: usize,
}

/// A worker's answer to a [`Job`]; the body follows it.
#[derive(Debug, Serialize, Deserialize)]
pub(super) enum Reply {
    Answer { media_type: String, truncated: bool },
    Error { status: u16, message: String },
}

/// Evaluates `job` in this process (a worker's), as the server would.
pub(super) fn run_job(graph: &Graph, job: &Job) -> (Reply, Vec<u8>) {
    let answer = dataset(&job.default_graphs, &job.named_graphs).and_then(|dataset| {
        evaluate(
            graph,
            &job.query,
            dataset.as_ref(),
            None,
            &job.wanted,
            &Accept::parse(&job.accept),
            job.limit,
        )
    });
    match answer {
        Ok(s) => (
            Reply::Answer {
                media_type: s.media_type.to_owned(),
                truncated: s.truncated,
            },
            s.body,
        ),
        Err(e) => (
            Reply::Error {
                status: e.status.as_u16(),
                message: e.message,
            },
            Vec::new(),
        ),
    }
}

/// Checks the nesting, waits for a place, then evaluates within the time
/// limit: in a worker process killed if the limit passes, or, without
/// workers, on a thread of [`query::STACK_BYTES`] (from the blocking pool)
/// under a cancellation token fired if the limit passes.
async fn answer(
    state: AppState,
    headers: &HeaderMap,
    params: Params,
) -> Result<Response, HttpError> {
    let dataset = params.dataset()?;
    let accept_text = negotiate::accept_text(headers);
    let sparql = params.query.unwrap_or_default();
    // Before anything parses it.
    query::nesting::check(&sparql).map_err(|e| HttpError::bad_request(format!("SPARQL {e}")))?;
    let Some(slot) = state.queries.take().await else {
        return Ok(busy(state.queries.max));
    };
    let limit = state.config.max_rows;
    let timeout = state.config.timeout;
    let (body, media_type, truncated) = match &state.workers {
        Some(pool) => {
            let job = Job {
                query: sparql,
                default_graphs: params.default_graphs,
                named_graphs: params.named_graphs,
                wanted: params.wanted,
                accept: accept_text,
                limit,
            };
            let answer = in_worker(pool, &job, timeout).await;
            // The worker has answered or been killed: the place is free.
            drop(slot);
            answer?
        }
        None => {
            let accept = Accept::parse(&accept_text);
            let s = in_process(&state, slot, sparql, dataset, params.wanted, accept).await?;
            (s.body, HeaderValue::from_static(s.media_type), s.truncated)
        }
    };
    let mut response = negotiate::response_with(body, media_type);
    if truncated {
        let h = response.headers_mut();
        h.insert(TRUNCATED_HEADER, HeaderValue::from_static("true"));
        h.insert(ROW_LIMIT_HEADER, HeaderValue::from(limit));
    }
    Ok(response)
}

/// Evaluates in a worker, killed (and replaced in the background) if the
/// time limit passes.
async fn in_worker(
    pool: &Arc<Pool>,
    job: &Job,
    timeout: Duration,
) -> Result<(Vec<u8>, HeaderValue, bool), HttpError> {
    let request = serde_json::to_vec(job).map_err(HttpError::internal)?;
    let taking = tokio::task::spawn_blocking({
        let pool = Arc::clone(pool);
        move || pool.take()
    });
    // Starting a worker, when none is idle, is not the query's time.
    let mut worker = taking.await?.map_err(|e| {
        HttpError::internal(format!("cannot start a process to evaluate the query: {e}"))
    })?;
    let killer = worker.killer();
    let exchange = tokio::task::spawn_blocking(move || {
        let result = worker.exchange(&request);
        (worker, result)
    });
    let Ok(joined) = tokio::time::timeout(timeout, exchange).await else {
        // Its CPU and memory are freed now; the blocking task then reads the
        // end of its pipe and reaps it.
        killer.kill();
        pool.replace_in_background();
        return Err(timed_out(timeout));
    };
    let (worker, result) = joined?;
    match result {
        Ok((reply, body)) => {
            pool.give_back(worker);
            match reply {
                Reply::Answer {
                    media_type,
                    truncated,
                } => Ok((
                    body,
                    HeaderValue::from_str(&media_type).map_err(HttpError::internal)?,
                    truncated,
                )),
                Reply::Error { status, message } => Err(HttpError::new(
                    StatusCode::from_u16(status).map_err(HttpError::internal)?,
                    message,
                )),
            }
        }
        Err(_) => {
            let max_memory_mb = pool.max_query_memory_mb();
            let error = tokio::task::spawn_blocking(move || worker.death(max_memory_mb)).await?;
            pool.replace_in_background();
            Err(error)
        }
    }
}

/// Evaluates on a thread of this process, cancelled at the time limit; the
/// place is held until the evaluation has stopped.
async fn in_process(
    state: &AppState,
    slot: OwnedSemaphorePermit,
    sparql: String,
    dataset: Option<DatasetOverride>,
    wanted: Wanted,
    accept: Accept,
) -> Result<Serialised, HttpError> {
    let token = CancellationToken::new();
    let limit = state.config.max_rows;
    let graph = state.graph.clone();
    let task = tokio::task::spawn_blocking({
        let token = token.clone();
        move || {
            let answer = query::on_deep_stack(|| {
                evaluate(
                    &graph,
                    &sparql,
                    dataset.as_ref(),
                    Some(token),
                    &wanted,
                    &accept,
                    limit,
                )
            });
            drop(slot);
            answer?
        }
    });
    let timeout = state.config.timeout;
    match tokio::time::timeout(timeout, task).await {
        Ok(joined) => joined?,
        Err(_) => {
            token.cancel();
            Err(timed_out(timeout))
        }
    }
}

fn timed_out(timeout: Duration) -> HttpError {
    HttpError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "the query ran longer than the server's limit of {} s and was cancelled \
             (--timeout-s); narrow it down or add a LIMIT",
            timeout.as_secs_f64()
        ),
    )
}

fn evaluate(
    graph: &Graph,
    sparql: &str,
    dataset: Option<&DatasetOverride>,
    token: Option<CancellationToken>,
    wanted: &Wanted,
    accept: &Accept,
    limit: usize,
) -> Result<Serialised, HttpError> {
    let prepared = match query::prepare(graph, sparql, dataset, token) {
        Ok(p) => p,
        // An update sent as a query: say why it is refused, not where it fails to parse.
        Err(Error::QuerySyntax(_)) if is_update(graph, sparql) => {
            return Err(HttpError::new(StatusCode::FORBIDDEN, UPDATE_FORBIDDEN));
        }
        Err(e) => return Err(e.into()),
    };
    let results = prepared
        .on_store(graph.store())
        .execute()
        .map_err(Error::from)?;
    match results {
        QueryResults::Graph(triples) => {
            let format = match wanted.rdf() {
                Some(f) => f,
                None => accept
                    .choose(rdf::OFFERS)
                    .ok_or_else(|| negotiate::not_acceptable(rdf::OFFERS))?,
            };
            write_graph(graph, triples, format, limit)
        }
        QueryResults::Boolean(b) => {
            let format = results_format(wanted, accept)?;
            let body = QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(Vec::new(), b)
                .map_err(serialise)?;
            Ok(Serialised {
                body,
                media_type: format.media_type(),
                truncated: false,
            })
        }
        QueryResults::Solutions(solutions) => {
            write_solutions(solutions, results_format(wanted, accept)?, limit)
        }
    }
}

/// The format of a SELECT or ASK answer.
fn results_format(wanted: &Wanted, accept: &Accept) -> Result<QueryResultsFormat, HttpError> {
    match wanted.results() {
        Some(f) => Ok(f),
        None => accept
            .choose(RESULT_OFFERS)
            .ok_or_else(|| negotiate::not_acceptable(RESULT_OFFERS)),
    }
}

/// At most `limit` triples; one more is read to know whether there were more.
fn write_graph(
    graph: &Graph,
    triples: QueryTripleIter<'_>,
    format: RdfFormat,
    limit: usize,
) -> Result<Serialised, HttpError> {
    let triples = triples
        .take(limit.saturating_add(1))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Error::from)?;
    Ok(Serialised {
        body: rdf::write(triples.iter().take(limit), format, graph.base().as_str())?,
        media_type: rdf::media_type(format),
        truncated: triples.len() > limit,
    })
}

/// At most `limit` rows, written as they come.
fn write_solutions(
    solutions: QuerySolutionIter<'_>,
    format: QueryResultsFormat,
    limit: usize,
) -> Result<Serialised, HttpError> {
    let mut writer = QueryResultsSerializer::from_format(format)
        .serialize_solutions_to_writer(Vec::new(), solutions.variables().to_vec())
        .map_err(serialise)?;
    let mut truncated = false;
    for (i, solution) in solutions.enumerate() {
        // A cancelled query ends here, with `Cancelled`.
        let solution = solution.map_err(Error::from)?;
        if i == limit {
            truncated = true;
            break;
        }
        writer.serialize(&solution).map_err(serialise)?;
    }
    Ok(Serialised {
        body: writer.finish().map_err(serialise)?,
        media_type: format.media_type(),
        truncated,
    })
}

/// 503: every place for an evaluation is taken.
fn busy(max: usize) -> Response {
    let mut response = HttpError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "the server is already evaluating {max} queries (--max-queries) and none \
             ended within {} s; retry in {RETRY_AFTER_S} s",
            QUEUE_WAIT.as_secs()
        ),
    )
    .into_response();
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from(RETRY_AFTER_S));
    response
}

fn is_update(graph: &Graph, sparql: &str) -> bool {
    query::evaluator(graph).is_ok_and(|e| e.parse_update(sparql).is_ok())
}

fn serialise(e: std::io::Error) -> HttpError {
    HttpError::from(Error::Serialize(e))
}
