//! RDF documents: the formats the server writes, and writing them.

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Triple;

use super::error::HttpError;
use crate::error::Error;
use crate::export::{JSON_LD, with_prefixes};
use crate::vocab::PREFIXES;

/// The RDF formats offered, Turtle first as the default.
pub const OFFERS: &[(&str, RdfFormat)] = &[
    ("text/turtle", RdfFormat::Turtle),
    ("application/n-triples", RdfFormat::NTriples),
    ("application/ld+json", JSON_LD),
    ("application/rdf+xml", RdfFormat::RdfXml),
];

/// The format of a `format=` parameter value.
pub fn named(name: &str) -> Option<RdfFormat> {
    Some(match name {
        "turtle" | "ttl" => RdfFormat::Turtle,
        "ntriples" | "nt" => RdfFormat::NTriples,
        "jsonld" => JSON_LD,
        "rdfxml" => RdfFormat::RdfXml,
        _ => return None,
    })
}

/// The media type sent for `format` (JSON-LD's without a profile).
pub fn media_type(format: RdfFormat) -> &'static str {
    match format {
        RdfFormat::JsonLd { .. } => "application/ld+json",
        other => other.media_type(),
    }
}

/// `triples` in `format`, with the graph's prefixes.
pub fn write<'a>(
    triples: impl IntoIterator<Item = &'a Triple>,
    format: RdfFormat,
    base: &str,
) -> Result<Vec<u8>, HttpError> {
    write_with(triples, format, base, &[])
}

/// `triples` in `format`, with the graph's prefixes and `extra` ones.
pub fn write_with<'a>(
    triples: impl IntoIterator<Item = &'a Triple>,
    format: RdfFormat,
    base: &str,
    extra: &[(&str, &str)],
) -> Result<Vec<u8>, HttpError> {
    let mut serializer = with_prefixes(RdfSerializer::from_format(format), base);
    for (prefix, iri) in extra {
        serializer = serializer
            .with_prefix(*prefix, *iri)
            .map_err(|e| HttpError::internal(format!("prefix {prefix}: {e}")))?;
    }
    let mut serializer = serializer.for_writer(Vec::new());
    for t in triples {
        serializer.serialize_triple(t).map_err(Error::Serialize)?;
    }
    let body = serializer.finish().map_err(Error::Serialize)?;
    match format {
        RdfFormat::JsonLd { .. } => with_context(&body, base, extra),
        _ => Ok(body),
    }
}

/// Oxigraph writes JSON-LD in expanded form, without a context: add one
/// with the graph's prefixes, so that a reader compacting the document (or a
/// person reading it) gets `schema:name` rather than full IRIs. The IRIs in
/// the body stay absolute, so the triples are the same.
fn with_context(body: &[u8], base: &str, extra: &[(&str, &str)]) -> Result<Vec<u8>, HttpError> {
    let mut context = serde_json::Map::new();
    let ids = format!("{base}id/");
    let prefixes = PREFIXES
        .iter()
        .copied()
        .chain([("id", ids.as_str())])
        .chain(extra.iter().copied());
    for (prefix, iri) in prefixes {
        context.insert(prefix.to_owned(), serde_json::Value::from(iri));
    }
    let document = match serde_json::from_slice(body).map_err(HttpError::internal)? {
        serde_json::Value::Object(mut object) if !object.contains_key("@context") => {
            let mut with = serde_json::Map::new();
            with.insert("@context".to_owned(), context.into());
            with.append(&mut object);
            with
        }
        serde_json::Value::Object(object) => object,
        graph => {
            let mut with = serde_json::Map::new();
            with.insert("@context".to_owned(), context.into());
            with.insert("@graph".to_owned(), graph);
            with
        }
    };
    serde_json::to_vec(&document).map_err(HttpError::internal)
}
