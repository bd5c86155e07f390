//! The web explorer's files, embedded in the binary so that `iagraph serve`
//! needs nothing beside it.

use axum::Router;
use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use std::sync::OnceLock;

use axum::http::HeaderMap;

use super::error::HttpError;
use super::{AppState, etag};

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
// Each with an `ETag`, so that revalidating costs a 304.
async fn index(headers: HeaderMap) -> Response {
    static TAG: OnceLock<String> = OnceLock::new();
    let tag = TAG.get_or_init(|| etag::of(INDEX.as_bytes()));
    let response = (
        [
            (CONTENT_TYPE, "text/html; charset=utf-8"),
            (CACHE_CONTROL, "no-cache"),
        ],
        INDEX,
    )
        .into_response();
    etag::conditional(&headers, tag, response)
}

async fn asset(Path(name): Path<String>, headers: HeaderMap) -> Result<Response, HttpError> {
    // Hashed once, at the first request for any asset.
    static TAGS: OnceLock<Vec<String>> = OnceLock::new();
    let tags = TAGS.get_or_init(|| {
        ASSETS
            .iter()
            .map(|(_, _, content)| etag::of(content))
            .collect()
    });
    let (i, (_, media_type, content)) = ASSETS
        .iter()
        .enumerate()
        .find(|(_, (path, _, _))| *path == name)
        .ok_or_else(|| HttpError::not_found(format!("no asset `{name}`")))?;
    let response = (
        [(CONTENT_TYPE, *media_type), (CACHE_CONTROL, "no-cache")],
        *content,
    )
        .into_response();
    Ok(etag::conditional(&headers, &tags[i], response))
}
