//! A blocking HTTP client for remote endpoints, with Basic or Digest credentials.

use std::sync::Mutex;
use std::time::Duration;

use base64::Engine as _;
use digest_auth::{AuthContext, HttpMethod, WwwAuthenticateHeader};
use ureq::http::{Method, Request};

use crate::error::{Error, RemoteError, RemoteFault, Result};

/// How credentials are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthScheme {
    /// RFC 7617: sent with every request (use over https or on loopback only).
    Basic,
    /// RFC 7616: answered to the server's challenge; what Virtuoso asks for.
    #[default]
    Digest,
}

/// A user name and password for a remote endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub user: String,
    pub password: String,
    pub scheme: AuthScheme,
}

/// A fully read HTTP answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: ureq::http::HeaderMap,
    pub content_type: String,
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as text, for error messages: at most `max` characters, on
    /// one line, without the markup of an HTML error page.
    pub fn excerpt(&self, max: usize) -> String {
        let body = String::from_utf8_lossy(&self.body);
        let text = if self.content_type.starts_with("text/html") {
            without_tags(&body)
        } else {
            body.into_owned()
        };
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        match text.char_indices().nth(max) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text.to_owned(),
        }
    }
}

/// Biggest answer read into memory (a SPARQL answer or a count, never a dump).
const MAX_REPLY_BYTES: u64 = 512 * 1024 * 1024;

/// An HTTP client that keeps the last Digest challenge, so that only the
/// first request of a session pays a 401 round trip.
pub struct Client {
    agent: ureq::Agent,
    credentials: Option<Credentials>,
    challenge: Mutex<Option<WwwAuthenticateHeader>>,
}

impl Client {
    pub fn new(credentials: Option<Credentials>, timeout: Duration) -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            .user_agent(concat!("iagraph/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Self {
            agent,
            credentials,
            challenge: Mutex::new(None),
        }
    }

    /// Sends one request; a Digest challenge (401) is answered once.
    pub(crate) fn send(
        &self,
        method: Method,
        url: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Result<Reply> {
        // A server that refuses a request may close the connection while a
        // large body is still being sent, so the Digest handshake (and a
        // wrong password) is settled first by a request without a body.
        if !body.is_empty() && self.needs_challenge() {
            self.send(Method::HEAD, url, &[], &[])?;
        }
        let (reply, challenge) = self.send_once(&method, url, headers, body)?;
        if reply.status != 401 {
            return Ok(reply);
        }
        let Some(credentials) = &self.credentials else {
            return Err(remote(url, RemoteFault::CredentialsNeeded));
        };
        if credentials.scheme == AuthScheme::Digest
            && let Some(challenge) = challenge
        {
            let challenge = digest_auth::parse(&challenge)
                .map_err(|e| remote(url, RemoteFault::BadChallenge(e)))?;
            *self.lock_challenge() = Some(challenge);
            let (retry, _) = self.send_once(&method, url, headers, body)?;
            if retry.status != 401 {
                return Ok(retry);
            }
        }
        Err(remote(
            url,
            RemoteFault::CredentialsRefused(credentials.user.clone()),
        ))
    }

    fn needs_challenge(&self) -> bool {
        self.credentials
            .as_ref()
            .is_some_and(|c| c.scheme == AuthScheme::Digest)
            && self.lock_challenge().is_none()
    }

    fn lock_challenge(&self) -> std::sync::MutexGuard<'_, Option<WwwAuthenticateHeader>> {
        // A poisoned lock only means another request panicked; the challenge is still usable.
        self.challenge
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn send_once(
        &self,
        method: &Method,
        url: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Result<(Reply, Option<String>)> {
        let mut request = Request::builder().method(method.clone()).uri(url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(authorization) = self.authorization(method, url, body)? {
            request = request.header("Authorization", authorization);
        }
        let request = request
            .body(body.to_vec())
            .map_err(|e| remote(url, RemoteFault::BadRequest(e)))?;
        let mut response = self.agent.run(request).map_err(|source| {
            remote(
                url,
                RemoteFault::Transport {
                    method: method.to_string(),
                    source,
                },
            )
        })?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let content_type = header("content-type").unwrap_or_default();
        let headers = response.headers().clone();
        let challenge = header("www-authenticate").filter(|c| {
            c.get(..6)
                .is_some_and(|scheme| scheme.eq_ignore_ascii_case("digest"))
        });
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_REPLY_BYTES)
            .read_to_vec()
            .map_err(|e| remote(url, RemoteFault::Read(e)))?;
        let reply = Reply {
            status,
            headers,
            content_type,
            body,
        };
        Ok((reply, challenge))
    }

    /// The `Authorization` header for this request, if credentials apply yet.
    fn authorization(&self, method: &Method, url: &str, body: &[u8]) -> Result<Option<String>> {
        let Some(credentials) = &self.credentials else {
            return Ok(None);
        };
        match credentials.scheme {
            AuthScheme::Basic => {
                let pair = format!("{}:{}", credentials.user, credentials.password);
                Ok(Some(format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(pair)
                )))
            }
            AuthScheme::Digest => {
                let mut challenge = self.lock_challenge();
                let Some(challenge) = challenge.as_mut() else {
                    return Ok(None);
                };
                let context = AuthContext::new_with_method(
                    credentials.user.as_str(),
                    credentials.password.as_str(),
                    request_target(url),
                    Some(body),
                    HttpMethod::from(method.as_str()),
                );
                let answer = challenge
                    .respond(&context)
                    .map_err(|e| remote(url, RemoteFault::ChallengeAnswer(e)))?;
                Ok(Some(answer.to_string()))
            }
        }
    }
}

fn without_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// The path and query of `url`, which Digest signs as its `uri`.
fn request_target(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    url[after_scheme..]
        .find('/')
        .map_or("/", |i| &url[after_scheme + i..])
}

pub(crate) fn remote(url: &str, fault: RemoteFault) -> Error {
    Error::Remote(RemoteError {
        url: url.to_owned(),
        fault,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_signs_the_path_and_query() {
        assert_eq!(
            request_target("http://127.0.0.1:8890/sparql-graph-crud-auth?graph=urn:x"),
            "/sparql-graph-crud-auth?graph=urn:x"
        );
        assert_eq!(request_target("http://example.org"), "/");
    }

    #[test]
    fn an_excerpt_is_cut_on_a_character() {
        let reply = Reply {
            status: 500,
            headers: Default::default(),
            content_type: String::new(),
            body: "  éééé  ".as_bytes().to_vec(),
        };
        assert_eq!(reply.excerpt(2), "éé…");
        assert_eq!(reply.excerpt(10), "éééé");
        let page = Reply {
            status: 404,
            headers: Default::default(),
            content_type: "text/html; charset=UTF-8".into(),
            body: b"<html>\n<h3>Error 404</h3><pre>\nNot found  URI = '/x'</pre></html>".to_vec(),
        };
        assert_eq!(page.excerpt(100), "Error 404 Not found URI = '/x'");
    }
}
