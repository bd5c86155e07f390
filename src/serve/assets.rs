//! The web explorer's files, embedded in the binary so that `iagraph serve`
//! needs nothing beside it.

use axum::Router;
use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::AppState;
use super::error::HttpError;

const INDEX: &str = include_str!("assets/index.html");

/// (path under `/assets/`, media type, content).
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/app.js"),
    ),
    (
        "i18n.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/i18n.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("assets/app.css"),
    ),
    (
        "vendor/cytoscape.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/vendor/cytoscape.min.js"),
    ),
    (
        "vendor/layout-base.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/vendor/layout-base.js"),
    ),
    (
        "vendor/cose-base.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/vendor/cose-base.js"),
    ),
    (
        "vendor/cytoscape-fcose.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/vendor/cytoscape-fcose.js"),
    ),
    (
        "vendor/vis-timeline-graph2d.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/vendor/vis-timeline-graph2d.min.js"),
    ),
    (
        "vendor/codemirror.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/vendor/codemirror.js"),
    ),
    (
        "vendor/codemirror-sparql.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/vendor/codemirror-sparql.js"),
    ),
    (
        "vendor/codemirror.css",
        "text/css; charset=utf-8",
        include_bytes!("assets/vendor/codemirror.css"),
    ),
    (
        "vendor/vis-timeline-graph2d.min.css",
        "text/css; charset=utf-8",
        include_bytes!("assets/vendor/vis-timeline-graph2d.min.css"),
    ),
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(index))
        .route("/assets/{*name}", get(asset))
        .route("/favicon.ico", get(no_icon))
}

/// Browsers ask for an icon on every page; answering "none" keeps their
/// consoles free of 404s.
async fn no_icon() -> axum::http::StatusCode {
    axum::http::StatusCode::NO_CONTENT
}

// `no-cache` makes browsers revalidate, so a new binary's files are seen at once.
async fn index() -> Response {
    (
        [
            (CONTENT_TYPE, "text/html; charset=utf-8"),
            (CACHE_CONTROL, "no-cache"),
        ],
        INDEX,
    )
        .into_response()
}

async fn asset(Path(name): Path<String>) -> Result<Response, HttpError> {
    let (_, media_type, content) = ASSETS
        .iter()
        .find(|(path, _, _)| *path == name)
        .ok_or_else(|| HttpError::not_found(format!("no asset `{name}`")))?;
    Ok((
        [(CONTENT_TYPE, *media_type), (CACHE_CONTROL, "no-cache")],
        *content,
    )
        .into_response())
}
