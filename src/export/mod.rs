//! Writing the whole graph out: RDF formats and a GraphViz drawing.

use std::collections::HashSet;
use std::io::Write;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{Quad, Triple};

use crate::error::{Error, Result};
use crate::store::Graph;
use crate::vocab::PREFIXES;

pub mod dot;

/// JSON-LD 1.0, expanded (no profile).
pub const JSON_LD: RdfFormat = RdfFormat::JsonLd {
    profile: JsonLdProfileSet::empty(),
};

/// An RDF serialisation of the whole graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RdfExport {
    /// Turtle: the union of the data and ontology graphs.
    Turtle,
    /// N-Triples: the union of the graphs.
    NTriples,
    /// N-Quads: each triple in its named graph.
    NQuads,
    /// TriG: one block per named graph.
    TriG,
    /// JSON-LD: each named graph as a `@graph`.
    JsonLd,
    /// RDF/XML: the union of the graphs.
    RdfXml,
}

impl RdfExport {
    pub fn format(self) -> RdfFormat {
        match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::NTriples => RdfFormat::NTriples,
            Self::NQuads => RdfFormat::NQuads,
            Self::TriG => RdfFormat::TriG,
            Self::JsonLd => JSON_LD,
            Self::RdfXml => RdfFormat::RdfXml,
        }
    }
}

/// The serializer with the ontology's prefixes and `id:` for the graph's IRIs.
pub fn with_prefixes(serializer: RdfSerializer, base: &str) -> RdfSerializer {
    let mut s = serializer;
    for (prefix, iri) in PREFIXES {
        s = s
            .with_prefix(*prefix, *iri)
            .unwrap_or_else(|_| unreachable!("constant IRIs are valid"));
    }
    // The base was validated as an IRI, so this cannot fail; skip it if it did.
    let ids = format!("{base}id/");
    match s.clone().with_prefix("id", ids) {
        Ok(with_ids) => with_ids,
        Err(_) => s,
    }
}

/// Writes the whole graph in `format`, sorted so that the same data always
/// gives the same bytes and each subject's triples stay together.
///
/// ```
/// # use iagraph::{Base, Graph, Project, export::{RdfExport, write_rdf}};
/// let graph = Graph::build(&Project::new(env!("CARGO_MANIFEST_DIR")), &Base::default())?;
/// let mut turtle = Vec::new();
/// write_rdf(&graph, RdfExport::Turtle, &mut turtle)?;
/// assert!(String::from_utf8(turtle).unwrap().contains("@prefix iag:"));
/// # Ok::<_, iagraph::Error>(())
/// ```
pub fn write_rdf(graph: &Graph, format: RdfExport, out: &mut impl Write) -> Result<()> {
    let rdf = format.format();
    let mut serializer =
        with_prefixes(RdfSerializer::from_format(rdf), graph.base().as_str()).for_writer(out);
    if rdf.supports_datasets() {
        let mut quads: Vec<Quad> = graph.store().iter().collect::<Result<_, _>>()?;
        // Graph first, as TriG writes one block per graph.
        quads.sort_by_cached_key(|q| {
            (
                q.graph_name.to_string(),
                q.subject.to_string(),
                q.predicate.to_string(),
                q.object.to_string(),
            )
        });
        for q in &quads {
            serializer.serialize_quad(q).map_err(Error::Serialize)?;
        }
    } else {
        let triples: HashSet<Triple> = graph
            .store()
            .iter()
            .map(|q| q.map(Triple::from))
            .collect::<Result<_, _>>()?;
        let mut triples: Vec<Triple> = triples.into_iter().collect();
        triples.sort_by_cached_key(sort_key);
        for t in &triples {
            serializer.serialize_triple(t).map_err(Error::Serialize)?;
        }
    }
    serializer.finish().map_err(Error::Serialize)?;
    Ok(())
}

/// Subject, then predicate, then object, compared as N-Triples text.
pub(crate) fn sort_key(t: &Triple) -> (String, String, String) {
    (
        t.subject.to_string(),
        t.predicate.to_string(),
        t.object.to_string(),
    )
}
