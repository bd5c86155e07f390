//! The graph over HTTP: a read-only SPARQL 1.1 Protocol endpoint, linked
//! data pages for every IRI the graph mints, and the JSON API of the web
//! explorer.
//!
//! | path | what |
//! |---|---|
//! | `/sparql` | SPARQL 1.1 Protocol (query only), service description without a query |
//! | `/id/{slug}` | an entity, statement or source: HTML, Turtle, JSON-LD or N-Triples |
//! | `/ontology` | the ontology: HTML summary or RDF |
//! | `/dump.ttl`, `/dump.nq` | the whole graph |
//! | `/`, `/assets/…` | the web explorer |
//! | `/api/…` | its JSON API |
//!
//! Every handler that reads the store runs on tokio's blocking pool, so a
//! long query never holds up the others.
//!
//! One file per job: `sparql` (the protocol) with `service_description`;
//! `negotiate` (the `Accept` header) and `rdf` (RDF answers); `ld` (pages and
//! dumps), `resource` (what a page shows) and `html` (its templates);
//! `search` and `api` (the explorer's JSON) with `assets` (its files);
//! `etag` (validators); `worker` (the processes SPARQL queries run in);
//! `error` (statuses and messages).

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{Any, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;

use crate::error::{Error, Result};
use crate::project::Project;
use crate::store::Graph;

mod api;
mod assets;
mod error;
mod etag;
mod html;
mod ld;
mod negotiate;
mod rdf;
mod resource;
mod search;
mod service_description;
mod sparql;
mod worker;

pub use worker::{DEFAULT_MAX_QUERY_MEMORY_MB, SUBCOMMAND as WORKER_SUBCOMMAND, Workers, work};

/// Set on a SPARQL response whose rows (or triples) were cut at the limit.
pub const TRUNCATED_HEADER: &str = "x-iagraph-truncated";
/// The row limit in force, sent with [`TRUNCATED_HEADER`].
pub const ROW_LIMIT_HEADER: &str = "x-iagraph-row-limit";

/// The server's limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeConfig {
    /// How long one SPARQL query may run, serialisation included, before it
    /// is cancelled and answered 503.
    pub timeout: Duration,
    /// The most rows (or triples) one SPARQL answer carries.
    pub max_rows: usize,
    /// The largest request body accepted; larger ones get 413.
    pub max_body_bytes: usize,
    /// How many SPARQL queries may be evaluated at once; others wait up to a
    /// second for a place, then get 503 with `Retry-After`. Without workers,
    /// a query cut off by the time limit holds its place until its
    /// evaluation has really stopped.
    pub max_queries: usize,
    /// Worker processes to evaluate SPARQL queries in, killed at the time
    /// limit and bounded in memory; `None` evaluates them in this process,
    /// where a query cut off may go on computing (see [`Workers`]).
    pub workers: Option<Workers>,
}

impl Default for ServeConfig {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(10),
            max_rows: 10_000,
            max_body_bytes: 1024 * 1024,
            // Four heavy queries leave a place for a light one.
            max_queries: 5,
            workers: None,
        }
    }
}

/// What every handler shares.
struct State {
    graph: Arc<Graph>,
    project: Project,
    config: ServeConfig,
    /// Built once: the server never writes to the store.
    search: search::Index,
    /// SPARQL evaluations under way, at most `config.max_queries`.
    queries: sparql::Slots,
    /// The processes SPARQL queries are evaluated in, if any.
    workers: Option<Arc<worker::Pool>>,
    /// The dumps, written at their first request.
    dumps: ld::Dumps,
    /// The whole drawing per language, drawn at its first request.
    drawings: api::Drawings,
}

type AppState = Arc<State>;

/// The application, for serving or for driving in-process.
pub fn router(graph: Arc<Graph>, project: Project, config: ServeConfig) -> Result<Router> {
    let search = search::Index::build(&graph)?;
    let max_body_bytes = config.max_body_bytes;
    let workers = match &config.workers {
        Some(w) => Some(worker::Pool::start(&graph, w.clone(), config.max_queries)?),
        None => None,
    };
    let state = Arc::new(State {
        workers,
        graph,
        project,
        queries: sparql::Slots::new(config.max_queries),
        dumps: ld::Dumps::default(),
        drawings: api::Drawings::default(),
        config,
        search,
    });
    // Any origin may read, but no credentials: the data is public.
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers(Any)
        .expose_headers([
            HeaderName::from_static(TRUNCATED_HEADER),
            HeaderName::from_static(ROW_LIMIT_HEADER),
        ]);
    Ok(Router::new()
        .merge(sparql::routes())
        .merge(ld::routes())
        .merge(api::routes())
        .merge(assets::routes())
        .fallback(|| async { error::HttpError::not_found("no such page") })
        .with_state(state)
        // tower-http's limit replaces axum's default one (2 MiB).
        .layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(max_body_bytes))
        // Outside the limit, to reword its own 413 as well as the extractors'.
        .layer(axum::middleware::map_response(move |r: Response| {
            explain_too_large(r, max_body_bytes)
        }))
        .layer(cors)
        // gzip or brotli as `Accept-Encoding` asks, for text answers (not
        // images, nor bodies under 32 bytes).
        .layer(CompressionLayer::new()))
}

/// Serves until Ctrl-C, then finishes the requests under way.
pub async fn serve(
    graph: Arc<Graph>,
    project: Project,
    config: ServeConfig,
    listener: TcpListener,
) -> Result<()> {
    serve_until(graph, project, config, listener, async {
        // If the handler cannot be installed, serve until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    })
    .await
}

/// Serves until `shutdown` completes, then finishes the requests under way.
pub async fn serve_until(
    graph: Arc<Graph>,
    project: Project,
    config: ServeConfig,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    // Building the search index and the router reads the store: off the runtime.
    let app = tokio::task::spawn_blocking(move || router(graph, project, config))
        .await
        .map_err(|e| Error::Server(std::io::Error::other(e)))??;
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(Error::Server)
}

/// tower-http's 413 says only "length limit exceeded": say which limit.
async fn explain_too_large(response: Response, limit: usize) -> Response {
    if response.status() != StatusCode::PAYLOAD_TOO_LARGE {
        return response;
    }
    error::HttpError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("request body larger than the server's limit of {limit} bytes (--max-body-bytes)"),
    )
    .into_response()
}
