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
        Self::new(status(&error), with_causes(&error))
    }
}

/// The status of each library error, by who can fix it: the client (4xx),
/// another server (502), or this one (5xx).
pub fn status(error: &Error) -> StatusCode {
    match error {
        Error::QuerySyntax(_)
        | Error::QueryTooDeep(_)
        | Error::NotAGraphFormat { .. }
        | Error::NotAResultsFormat { .. } => StatusCode::BAD_REQUEST,
        Error::UnknownQuery { .. } | Error::BadSlug(_) | Error::UnknownFocus(_) => {
            StatusCode::NOT_FOUND
        }
        Error::QueryEvaluation(QueryEvaluationError::Cancelled) => StatusCode::SERVICE_UNAVAILABLE,
        // The query's own fault: federation is off, or a function unknown.
        Error::QueryEvaluation(
            QueryEvaluationError::UnsupportedService(_)
            | QueryEvaluationError::UnboundService
            | QueryEvaluationError::InvalidServiceName(_)
            | QueryEvaluationError::UnsupportedCustomFunction(_)
            | QueryEvaluationError::UnsupportedCustomFunctionArity { .. },
        ) => StatusCode::BAD_REQUEST,
        Error::Remote { .. } => StatusCode::BAD_GATEWAY,
        // The server's configuration, data or machine: nothing the client can change.
        Error::Data(_)
        | Error::OntologySyntax { .. }
        | Error::UnlabelledTerms { .. }
        | Error::BadVocabulary { .. }
        | Error::LinkTable { .. }
        | Error::NotUtf8 { .. }
        | Error::EmptyInput { .. }
        | Error::BinaryInput { .. }
        | Error::BadConllu { .. }
        | Error::NoParse { .. }
        | Error::ParseMismatch { .. }
        | Error::BadBase { .. }
        | Error::BadUrl { .. }
        | Error::EmptyPublisher
        | Error::Worker(_)
        | Error::Read { .. }
        | Error::Write { .. }
        | Error::Serialize(_)
        | Error::Server(_)
        | Error::ParserMissing { .. }
        | Error::ParserFailed { .. }
        | Error::ParserRefused(_)
        | Error::ParserIo(_)
        | Error::ParserOutput(_)
        | Error::QueryEvaluation(_)
        | Error::Storage(_)
        | Error::Thread(_)
        | Error::BadPrefix { .. }
        | Error::Automaton(_)
        | Error::QuadsDropped
        | Error::TableNotSelect(_)
        | Error::TableColumnMissing { .. } => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The error's message followed by its causes, as the command line prints them.
fn with_causes(error: &Error) -> String {
    let mut text = error.to_string();
    let mut cause = std::error::Error::source(error);
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::examples;

    #[test]
    fn each_error_has_one_status() {
        let statuses: Vec<(usize, u16)> = examples::all()
            .iter()
            .map(|e| (examples::variant(e), status(e).as_u16()))
            .collect();
        // By variant, in the order of `Error`'s declaration.
        let expected: [u16; examples::VARIANTS] = [
            500, 500, 500, 500, // the server's data or ontology
            500, 500, 500, 500, 500, 500, 500, // the command line's input files
            400, 400, 404, 404, 500, 500, 500, 400, 400, 404, // requests
            500, 500, 500, 500, // files and sockets
            502, 500, 500, 500, 500, 500, // other programs
            503, 500, 500, 500, 500, 500, 500, 500, // the engine, or a bug
            500, // the SPARQL worker
        ];
        assert_eq!(
            statuses,
            expected.iter().copied().enumerate().collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_query_that_calls_out_is_the_clients_fault() {
        let refused = Error::QueryEvaluation(QueryEvaluationError::UnboundService);
        assert_eq!(status(&refused), StatusCode::BAD_REQUEST);
    }

    #[test]
    fn the_message_ends_with_its_causes() {
        let error = Error::Read {
            path: "queries/a.rq".into(),
            source: std::io::Error::other("permission denied"),
        };
        let answer = HttpError::from(error);
        assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(
            answer.message,
            "cannot read queries/a.rq: permission denied"
        );
    }
}
