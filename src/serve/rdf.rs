//! RDF documents: the formats the server writes, and writing them.

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Triple;

use super::error::HttpError;
use crate::error::Error;
use crate::export::{JSON_LD, with_prefixes};

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
    Ok(serializer.finish().map_err(Error::Serialize)?)
}
