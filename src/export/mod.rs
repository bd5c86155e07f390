//! Writing the whole graph out: RDF formats and a GraphViz drawing.

use std::io::Write;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, Triple};
use oxigraph::store::StorageError;

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
/// The sort streams: triples are sorted as N-Triples lines (whose byte
/// order is the order of subject, predicate and object as N-Triples text)
/// in segments of [`LINES_PER_SEGMENT`] lines spilled to temporary files
/// and merged, so that memory does not grow with the graph. N-Triples and
/// N-Quads are those lines; the other formats parse them back into the
/// serialiser.
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
    let store = graph.store();
    if !format.format().supports_datasets() {
        let lines = sorted_lines(store.iter().map(|q| q.map(Triple::from)), LINES_PER_SEGMENT)?;
        return if format == RdfExport::NTriples {
            write_lines(lines, out, |_| ())
        } else {
            let mut serializer = serializer(graph, format, out);
            for triple in parse_lines(lines) {
                serializer
                    .serialize_triple(&triple?)
                    .map_err(Error::Serialize)?;
            }
            serializer.finish().map_err(Error::Serialize)?;
            Ok(())
        };
    }
    // Graph by graph, as TriG writes one block per graph.
    let mut graphs: Vec<GraphName> = store
        .named_graphs()
        .map(|g| g.map(GraphName::from))
        .collect::<Result<_, _>>()?;
    if !store.is_empty()?
        && store
            .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
            .next()
            .is_some()
    {
        graphs.push(GraphName::DefaultGraph);
    }
    graphs.sort_by_cached_key(ToString::to_string);
    let in_graph = |g: &GraphName| {
        let triples = store
            .quads_for_pattern(None, None, None, Some(g.as_ref()))
            .map(|q| q.map(Triple::from));
        sorted_lines(triples, LINES_PER_SEGMENT)
    };
    if format == RdfExport::NQuads {
        for g in &graphs {
            // An N-Quads line is the N-Triples line with the graph before its dot.
            let suffix = match g {
                GraphName::DefaultGraph => " .\n".to_owned(),
                named => format!(" {named} .\n"),
            };
            write_lines(in_graph(g)?, out, |line: &mut Vec<u8>| {
                line.truncate(line.len() - 3);
                line.extend_from_slice(suffix.as_bytes());
            })?;
        }
        return Ok(());
    }
    let mut serializer = serializer(graph, format, out);
    for g in &graphs {
        for triple in parse_lines(in_graph(g)?) {
            let quad = triple?.in_graph(g.clone());
            serializer.serialize_quad(&quad).map_err(Error::Serialize)?;
        }
    }
    serializer.finish().map_err(Error::Serialize)?;
    Ok(())
}

fn serializer<W: Write>(
    graph: &Graph,
    format: RdfExport,
    out: W,
) -> oxigraph::io::WriterQuadSerializer<W> {
    with_prefixes(
        RdfSerializer::from_format(format.format()),
        graph.base().as_str(),
    )
    .for_writer(out)
}

/// Lines sorted in memory before a segment is written to disk (about 200 MB).
pub const LINES_PER_SEGMENT: usize = 1_000_000;

/// One N-Triples line, ordered by its bytes.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Line(Vec<u8>);

impl extsort::Sortable for Line {
    fn encode<W: Write>(&self, writer: &mut W) -> std::io::Result<()> {
        let len = u32::try_from(self.0.len()).map_err(std::io::Error::other)?;
        writer.write_all(&len.to_le_bytes())?;
        writer.write_all(&self.0)
    }

    fn decode<R: std::io::Read>(reader: &mut R) -> std::io::Result<Self> {
        let mut len = [0; 4];
        reader.read_exact(&mut len)?;
        let mut line = vec![0; u32::from_le_bytes(len) as usize];
        reader.read_exact(&mut line)?;
        Ok(Self(line))
    }
}

/// The triples as distinct N-Triples lines, in byte order.
fn sorted_lines(
    triples: impl Iterator<Item = Result<Triple, StorageError>>,
    lines_per_segment: usize,
) -> Result<impl Iterator<Item = Result<Vec<u8>>>> {
    let mut sorter = extsort::ExternalSorter::new()
        .with_segment_size(lines_per_segment)
        .with_parallel_sort()
        .pushed();
    for triple in triples {
        sorter
            .push(Line(format!("{} .\n", triple?).into_bytes()))
            .map_err(Error::Serialize)?;
    }
    let sorted = sorter.done().map_err(Error::Serialize)?;
    let mut previous: Option<Vec<u8>> = None;
    Ok(sorted.filter_map(move |line| match line {
        // The union of the graphs has each triple once.
        Ok(Line(line)) if previous.as_ref() == Some(&line) => None,
        Ok(Line(line)) => {
            previous = Some(line.clone());
            Some(Ok(line))
        }
        Err(e) => Some(Err(Error::Serialize(e))),
    }))
}

fn write_lines(
    lines: impl Iterator<Item = Result<Vec<u8>>>,
    out: &mut impl Write,
    mut edit: impl FnMut(&mut Vec<u8>),
) -> Result<()> {
    for line in lines {
        let mut line = line?;
        edit(&mut line);
        out.write_all(&line).map_err(Error::Serialize)?;
    }
    Ok(())
}

/// The triples of N-Triples lines.
fn parse_lines(
    lines: impl Iterator<Item = Result<Vec<u8>>>,
) -> impl Iterator<Item = Result<Triple>> {
    let reader = LinesReader {
        lines,
        current: Vec::new(),
        at: 0,
    };
    RdfParser::from_format(RdfFormat::NTriples)
        .for_reader(reader)
        .map(|quad| {
            quad.map(Triple::from)
                .map_err(|e| Error::Serialize(std::io::Error::other(e)))
        })
}

/// An iterator of lines read as one stream of bytes.
struct LinesReader<I> {
    lines: I,
    current: Vec<u8>,
    at: usize,
}

impl<I: Iterator<Item = Result<Vec<u8>>>> std::io::Read for LinesReader<I> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.current.len() {
            match self.lines.next() {
                None => return Ok(0),
                Some(line) => {
                    self.current = line.map_err(std::io::Error::other)?;
                    self.at = 0;
                }
            }
        }
        let n = buf.len().min(self.current.len() - self.at);
        buf[..n].copy_from_slice(&self.current[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Subject, then predicate, then object, compared as N-Triples text.
pub(crate) fn sort_key(t: &Triple) -> (String, String, String) {
    (
        t.subject.to_string(),
        t.predicate.to_string(),
        t.object.to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{BlankNode, Literal, NamedNode, Term};

    #[test]
    fn lines_merged_from_disk_segments_are_in_sort_key_order_and_distinct() {
        let iri = |s: &str| NamedNode::new_unchecked(format!("http://e.org/{s}"));
        let p = iri("p");
        let mut triples = Vec::new();
        // Prefixes of one another, literals, tags, blank nodes: where the
        // order of whole lines could differ from the order of their terms.
        for s in ["a", "ab", "a/b", "b"] {
            let objects: [Term; 6] = [
                Literal::new_simple_literal("x").into(),
                Literal::new_simple_literal("x y").into(),
                Literal::new_language_tagged_literal_unchecked("x", "fr").into(),
                BlankNode::new_unchecked("b1").into(),
                BlankNode::new_unchecked("b10").into(),
                iri("o").into(),
            ];
            for o in objects {
                triples.push(Triple::new(iri(s), p.clone(), o));
            }
        }
        let mut input: Vec<Triple> = triples.iter().rev().cloned().collect();
        input.extend(triples.iter().take(5).cloned()); // duplicates, as in a union of graphs
        let lines: Vec<Vec<u8>> = sorted_lines(input.into_iter().map(Ok), 4)
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        triples.sort_by_cached_key(sort_key);
        let expected: Vec<Vec<u8>> = triples
            .iter()
            .map(|t| format!("{t} .\n").into_bytes())
            .collect();
        assert_eq!(lines, expected);
    }
}
