//! HTTP errors: a status and a plain-text message a person can act on.

use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use oxigraph::sparql::QueryEvaluationError;

use crate::error::Error;

/// An error answer. Server faults (5xx) are also printed to standard error,
/// since their cause is not the client's to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpError {
    pub status: StatusCode,
    pub message: String,
}

impl HttpError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    pub fn internal(message: impl std::fmt::Display) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, message.to_string())
    }
}

impl From<Error> for HttpError {
    fn from(error: Error) -> Self {
        let status = match &error {
            Error::QuerySyntax(_) | Error::Unsupported(_) => StatusCode::BAD_REQUEST,
            Error::UnknownQuery { .. } | Error::BadSlug(_) => StatusCode::NOT_FOUND,
            Error::QueryEvaluation(QueryEvaluationError::Cancelled) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            // The query's own fault: federation is off, or a function unknown.
            Error::QueryEvaluation(
                QueryEvaluationError::UnsupportedService(_)
                | QueryEvaluationError::UnboundService
                | QueryEvaluationError::InvalidServiceName(_)
                | QueryEvaluationError::UnsupportedCustomFunction(_)
                | QueryEvaluationError::UnsupportedCustomFunctionArity { .. },
            ) => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Self::new(status, error.to_string())
    }
}

/// A handler task that panicked or was dropped.
impl From<tokio::task::JoinError> for HttpError {
    fn from(error: tokio::task::JoinError) -> Self {
        Self::internal(format!("the request's task failed: {error}"))
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            eprintln!("{}: {}", self.status, self.message);
        }
        let mut body = self.message;
        body.push('\n');
        (
            self.status,
            [(CONTENT_TYPE, "text/plain; charset=utf-8")],
            body,
        )
            .into_response()
    }
}
