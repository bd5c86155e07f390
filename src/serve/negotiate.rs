//! Content negotiation: which of the offered media types the `Accept`
//! header prefers, with q-weights and wildcards (RFC 9110, section 12.5.1).

use axum::http::StatusCode;
use axum::http::header::{ACCEPT, CONTENT_TYPE, VARY};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};

use super::error::HttpError;

/// One media range of an `Accept` header.
#[derive(Debug, Clone, PartialEq)]
struct Range {
    /// `type/subtype`, lowercased; either part may be `*`.
    media: String,
    q: f32,
}

/// A parsed `Accept` header.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Accept {
    /// Empty when the header is missing: the client takes anything.
    ranges: Vec<Range>,
}

impl Accept {
    pub fn from_headers(headers: &HeaderMap) -> Self {
        Self::parse(&accept_text(headers))
    }

    pub fn parse(header: &str) -> Self {
        let ranges = header
            .split(',')
            .filter_map(|item| {
                let mut parts = item.split(';');
                let media = parts.next()?.trim().to_ascii_lowercase();
                if media.is_empty() {
                    return None;
                }
                // A malformed weight counts as 1, as most servers read it.
                let q = parts
                    .filter_map(|p| p.trim().split_once('='))
                    .find(|(k, _)| k.trim().eq_ignore_ascii_case("q"))
                    .map_or(1.0, |(_, v)| v.trim().parse::<f32>().unwrap_or(1.0));
                Some(Range {
                    media,
                    q: q.clamp(0.0, 1.0),
                })
            })
            .collect();
        Self { ranges }
    }

    /// The weight the client gives `media`: that of the most specific range
    /// matching it (exact, then `type/*`, then `*/*`), 0 if none does.
    pub fn quality(&self, media: &str) -> f32 {
        if self.ranges.is_empty() {
            return 1.0;
        }
        let main = media.split('/').next().unwrap_or("");
        let mut best: Option<(u8, f32)> = None;
        for r in &self.ranges {
            let specificity = if r.media == media {
                3
            } else if r.media.strip_suffix("/*") == Some(main) {
                2
            } else if r.media == "*/*" {
                1
            } else {
                continue;
            };
            if best.is_none_or(|(s, _)| specificity > s) {
                best = Some((specificity, r.q));
            }
        }
        best.map_or(0.0, |(_, q)| q)
    }

    /// The offer the client prefers, ties going to the earlier offer (the
    /// server's preference); `None` when it accepts none of them.
    pub fn choose<T: Copy>(&self, offers: &[(&str, T)]) -> Option<T> {
        let mut best: Option<(f32, T)> = None;
        for (media, value) in offers {
            let q = self.quality(media);
            if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, *value));
            }
        }
        best.map(|(_, v)| v)
    }
}

/// 406, listing what is available.
pub fn not_acceptable<T: Copy>(offers: &[(&str, T)]) -> HttpError {
    HttpError::new(
        StatusCode::NOT_ACCEPTABLE,
        format!(
            "none of the formats of the Accept header is available here; available: {}",
            list(offers)
        ),
    )
}

/// The media types of `offers`, for a 406 message.
fn list(offers: &[(&str, impl Copy)]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for (media, _) in offers {
        if !seen.contains(media) {
            seen.push(media);
        }
    }
    seen.join(", ")
}

/// The request's `Accept` headers as one comma-separated list, as several
/// headers are read.
pub fn accept_text(headers: &HeaderMap) -> String {
    headers
        .get_all(ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",")
}

/// A negotiated answer: its body and type, marked as varying on `Accept`
/// so that caches keep one copy per format.
pub fn response(body: Vec<u8>, media_type: &'static str) -> Response {
    response_with(body, HeaderValue::from_static(media_type))
}

/// [`response`] with a media type known only at run time.
pub fn response_with(body: Vec<u8>, media_type: HeaderValue) -> Response {
    (
        [
            (CONTENT_TYPE, media_type),
            (VARY, HeaderValue::from_static("Accept")),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFERS: &[(&str, u8)] = &[
        ("text/turtle", 0),
        ("text/html", 1),
        ("application/ld+json", 2),
    ];

    #[test]
    fn no_header_takes_the_first_offer() {
        assert_eq!(Accept::parse("").choose(OFFERS), Some(0));
        assert_eq!(Accept::parse("*/*").choose(OFFERS), Some(0));
    }

    #[test]
    fn a_browser_gets_html() {
        let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        assert_eq!(Accept::parse(browser).choose(OFFERS), Some(1));
    }

    #[test]
    fn weights_and_specificity_decide() {
        let accept = Accept::parse("text/*;q=0.5, application/ld+json;q=0.7, text/html;q=0");
        assert_eq!(accept.quality("text/html"), 0.0);
        assert_eq!(accept.quality("text/turtle"), 0.5);
        assert_eq!(accept.choose(OFFERS), Some(2));
    }

    #[test]
    fn nothing_acceptable_is_none() {
        assert_eq!(Accept::parse("image/png").choose(OFFERS), None);
        assert_eq!(Accept::parse("text/turtle;q=0").choose(&OFFERS[..1]), None);
    }

    #[test]
    fn media_types_are_case_insensitive() {
        assert_eq!(Accept::parse("Text/HTML").choose(OFFERS), Some(1));
    }
}
