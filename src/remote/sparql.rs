//! SPARQL 1.1 Protocol queries against a remote endpoint, read into the same
//! [`Answer`] as local queries so they print in the same formats.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use ureq::http::Method;

use super::client::{Client, Reply, remote};
use crate::error::{RemoteFault, Result};
use crate::iri::Base;
use crate::query::Answer;
use crate::vocab::PREFIXES;

/// What a remote query is sent with.
const ACCEPT: &str = "application/sparql-results+json, application/sparql-results+xml;q=0.9, \
                      application/n-triples;q=0.8, text/turtle;q=0.7";

/// A remote SPARQL query endpoint and the graphs that make its default graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryEndpoint {
    pub url: String,
    /// Sent as `default-graph-uri`; none leaves the endpoint's own default graph.
    pub default_graphs: Vec<NamedNode>,
}

/// Runs `sparql` on the endpoint. The graph's prefixes (`iag:`, `schema:`,
/// `id:`, …) are declared in front of the query, as they are locally.
pub fn run(client: &Client, endpoint: &QueryEndpoint, base: &Base, sparql: &str) -> Result<Answer> {
    let text = with_prologue(base, sparql);
    let mut form = form_urlencoded::Serializer::new(String::new());
    form.append_pair("query", &text);
    for graph in &endpoint.default_graphs {
        form.append_pair("default-graph-uri", graph.as_str());
    }
    let reply = client.send(
        Method::POST,
        &endpoint.url,
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", ACCEPT),
        ],
        form.finish().as_bytes(),
    )?;
    read_answer(&endpoint.url, &reply)
}

/// The integer a `SELECT (COUNT(*) AS ?n)` query answers.
pub fn count(client: &Client, endpoint: &QueryEndpoint, base: &Base, sparql: &str) -> Result<u64> {
    let answer = run(client, endpoint, base, sparql)?;
    let value = match &answer {
        Answer::Solutions { rows, .. } => rows.first().and_then(|row| row.first()).cloned(),
        _ => None,
    };
    match value.flatten() {
        Some(Term::Literal(literal)) => literal.value().parse().map_err(|_| {
            remote(
                &endpoint.url,
                RemoteFault::CountNotInteger(literal.value().to_owned()),
            )
        }),
        other => Err(remote(
            &endpoint.url,
            RemoteFault::CountNotOne(format!("{other:?}")),
        )),
    }
}

fn with_prologue(base: &Base, sparql: &str) -> String {
    let mut text = String::new();
    for (prefix, iri) in PREFIXES {
        text.push_str(&format!("PREFIX {prefix}: <{iri}>\n"));
    }
    text.push_str(&format!("PREFIX id: <{}id/>\n", base.as_str()));
    text.push_str(sparql);
    text
}

/// Reads a whole answer; a partial one (Virtuoso's 206, or its
/// `X-SPARQL-MaxRows` cut) is an error, never silently short results.
pub(crate) fn read_answer(url: &str, reply: &Reply) -> Result<Answer> {
    if reply.status == 206 || reply.headers.contains_key("x-sparql-maxrows") {
        let rows = reply
            .headers
            .get("x-sparql-maxrows")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        return Err(remote(
            url,
            RemoteFault::Truncated {
                status: reply.status,
                rows,
            },
        ));
    }
    if reply.status != 200 {
        return Err(remote(
            url,
            RemoteFault::QueryRefused {
                status: reply.status,
                excerpt: reply.excerpt(500),
            },
        ));
    }
    let media_type = reply
        .content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if let Some(format) = QueryResultsFormat::from_media_type(&media_type) {
        let unreadable = |e: Box<dyn std::error::Error + Send + Sync>| {
            remote(
                url,
                RemoteFault::Unreadable {
                    media_type: media_type.clone(),
                    source: e,
                },
            )
        };
        return match QueryResultsParser::from_format(format)
            .for_reader(reply.body.as_slice())
            .map_err(|e| unreadable(e.into()))?
        {
            ReaderQueryResultsParserOutput::Boolean(b) => Ok(Answer::Boolean(b)),
            ReaderQueryResultsParserOutput::Solutions(solutions) => {
                let variables = solutions.variables().to_vec();
                let mut rows = Vec::new();
                for solution in solutions {
                    let solution = solution.map_err(|e| unreadable(e.into()))?;
                    rows.push(variables.iter().map(|v| solution.get(v).cloned()).collect());
                }
                Ok(Answer::Solutions { variables, rows })
            }
        };
    }
    if let Some(format) = RdfFormat::from_media_type(&media_type) {
        let triples = RdfParser::from_format(format)
            .for_slice(&reply.body)
            .map(|quad| quad.map(Into::into))
            .collect::<Result<_, _>>()
            .map_err(|e| {
                remote(
                    url,
                    RemoteFault::Unreadable {
                        media_type: media_type.clone(),
                        source: Box::new(e),
                    },
                )
            })?;
        return Ok(Answer::Graph(triples));
    }
    Err(remote(
        url,
        RemoteFault::NotSparql(reply.content_type.clone()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::Literal;

    fn reply(status: u16, content_type: &str, body: &str) -> Reply {
        Reply {
            status,
            headers: Default::default(),
            content_type: content_type.into(),
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn json_results_become_rows() {
        let answer = read_answer(
            "http://x/sparql",
            &reply(
                200,
                "application/sparql-results+json; charset=utf-8",
                r#"{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","datatype":"http://www.w3.org/2001/XMLSchema#integer","value":"7"}}]}}"#,
            ),
        )
        .unwrap();
        let Answer::Solutions { variables, rows } = answer else {
            panic!("{answer:?}")
        };
        assert_eq!(variables[0].as_str(), "n");
        assert_eq!(rows, vec![vec![Some(Term::from(Literal::from(7)))]],);
    }

    #[test]
    fn a_graph_answer_is_parsed() {
        let answer = read_answer(
            "http://x/sparql",
            &reply(200, "text/turtle", "<http://a> <http://b> \"c\"@fr ."),
        )
        .unwrap();
        let Answer::Graph(triples) = answer else {
            panic!("{answer:?}")
        };
        assert_eq!(triples.len(), 1);
    }

    #[test]
    fn partial_answers_are_errors() {
        let err = read_answer(
            "http://x/sparql",
            &reply(206, "application/sparql-results+json", "{}"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("partial"), "{err}");
        let mut cut = reply(200, "application/sparql-results+json", "{}");
        cut.headers
            .insert("x-sparql-maxrows", "10000".parse().unwrap());
        let err = read_answer("http://x/sparql", &cut).unwrap_err();
        assert!(err.to_string().contains("at 10000 rows"), "{err}");
    }

    #[test]
    fn errors_quote_the_server() {
        let err = read_answer(
            "http://x/sparql",
            &reply(
                400,
                "text/plain",
                "Virtuoso 37000 Error SP030: syntax error",
            ),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "http://x/sparql: query failed (HTTP 400): Virtuoso 37000 Error SP030: syntax error"
        );
        let err = read_answer("http://x/sparql", &reply(200, "text/html", "<html>")).unwrap_err();
        assert!(
            err.to_string().contains("is this a SPARQL endpoint"),
            "{err}"
        );
    }

    #[test]
    fn the_prologue_declares_the_graph_prefixes() {
        let text = with_prologue(&Base::default(), "SELECT * {}");
        assert!(text.contains("PREFIX id: <https://w3id.org/iagraph/id/>\n"));
        assert!(text.contains("PREFIX iag: <"));
        assert!(text.ends_with("SELECT * {}"));
    }
}
