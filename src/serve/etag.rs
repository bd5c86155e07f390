//! Validators (RFC 9110, 8.8.3 and 13.1.2): a strong `ETag`, the SHA-256 of
//! the body, and 304 Not Modified when `If-None-Match` names it, so that a
//! browser or cache revalidating a page, an asset or a dump gets no body.

use axum::http::header::{CACHE_CONTROL, ETAG, IF_NONE_MATCH, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// The tag of `body`, quoted.
pub fn of(body: &[u8]) -> String {
    format!("\"{}\"", crate::package::hex(&Sha256::digest(body)))
}

/// `response` (whose body is tagged `etag`) with its `ETag`, or a 304 with
/// the same validators when the request's `If-None-Match` names it or `*`.
pub fn conditional(request: &HeaderMap, etag: &str, mut response: Response) -> Response {
    let Ok(value) = HeaderValue::from_str(etag) else {
        return response;
    };
    let unchanged = request
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == etag || tag == "*");
    if !unchanged {
        response.headers_mut().insert(ETAG, value);
        return response;
    }
    let mut not_modified = StatusCode::NOT_MODIFIED.into_response();
    let headers = not_modified.headers_mut();
    headers.insert(ETAG, value);
    // A 304 carries what the 200 would have said of caching.
    for name in [VARY, CACHE_CONTROL] {
        if let Some(v) = response.headers().get(&name) {
            headers.insert(name, v.clone());
        }
    }
    not_modified
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(if_none_match: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(IF_NONE_MATCH, HeaderValue::from_str(if_none_match).unwrap());
        headers
    }

    fn page() -> Response {
        ([(VARY, "Accept")], "body").into_response()
    }

    #[test]
    fn a_matching_tag_is_304_with_the_validators() {
        let tag = of(b"body");
        for sent in [
            tag.clone(),
            format!("\"x\", {tag}"),
            format!("W/{tag}"),
            "*".to_owned(),
        ] {
            let answer = conditional(&request(&sent), &tag, page());
            assert_eq!(answer.status(), StatusCode::NOT_MODIFIED, "{sent}");
            assert_eq!(answer.headers()[ETAG], tag.as_str());
            assert_eq!(answer.headers()[VARY], "Accept");
        }
    }

    #[test]
    fn another_tag_or_none_is_the_answer_with_its_tag() {
        let tag = of(b"body");
        for headers in [request("\"other\""), HeaderMap::new()] {
            let answer = conditional(&headers, &tag, page());
            assert_eq!(answer.status(), StatusCode::OK);
            assert_eq!(answer.headers()[ETAG], tag.as_str());
        }
        assert_ne!(of(b"body"), of(b"bodY"));
        assert_eq!(tag.len(), 66);
    }
}
