//! Writing the whole graph out: RDF formats, and a GraphViz drawing
//! ([`dot`]).

use std::io::Write;

use std::cmp::Ordering;

use extsort::PushExternalSorter;
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{QuadRef, Triple, TripleRef};

use crate::error::{Error, Result};
use crate::iri::Base;
use crate::project::Project;
use crate::store::Graph;
pub use crate::vocab::{JSON_LD, with_prefixes};

pub mod dot;

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

/// Writes the whole graph in `format`, sorted so that the same data always
/// gives the same bytes and each subject's triples stay together.
///
/// The sort streams (see [`SortedQuads`]): memory does not grow with the
/// graph.
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
    let mut sorted = SortedQuads::new(format);
    for quad in graph.store().iter() {
        sorted.push(quad?.as_ref())?;
    }
    sorted.write(graph.base(), out)
}

/// Writes the graph that `project`'s data and ontology make, in `format`,
/// without building a store: the bytes [`write_rdf`] writes for the graph
/// built from them, from a single pass over `data/` in bounded memory.
/// Reading every term back out of an on-disk store costs several times
/// more than mapping the data again.
///
/// Nothing is written unless the data passes its checks.
///
/// ```
/// # use iagraph::{Base, Project, export::{RdfExport, write_project_rdf}};
/// let project = Project::new(env!("CARGO_MANIFEST_DIR"));
/// let mut lines = Vec::new();
/// write_project_rdf(&project, &Base::default(), RdfExport::NTriples, &mut lines, &mut |_| {})?;
/// assert!(lines.ends_with(b" .\n"));
/// # Ok::<_, iagraph::Error>(())
/// ```
pub fn write_project_rdf(
    project: &Project,
    base: &Base,
    format: RdfExport,
    out: &mut impl Write,
    progress: &mut dyn FnMut(usize),
) -> Result<()> {
    let (sorted, _) = project.map_quads(
        base,
        |batches| {
            let mut sorted = SortedQuads::new(format);
            for quad in batches.flatten() {
                sorted.push(quad.as_ref())?;
            }
            Ok(sorted)
        },
        progress,
    )?;
    sorted.write(base, out)
}

/// The quads of an export in their final order, gathered as they come.
///
/// Each quad becomes its N-Triples line (for the formats of one graph,
/// where the union of the graphs has each triple once), or its graph's
/// name, a NUL byte and that line (for the formats of datasets, written
/// graph by graph). Byte order on those lines is the order of graph,
/// subject, predicate and object as N-Triples text. They are sorted in
/// segments of [`LINES_PER_SEGMENT`] lines spilled to temporary files and
/// merged. N-Triples and N-Quads are those lines; the other formats parse
/// them back into the serialiser.
pub struct SortedQuads {
    format: RdfExport,
    sorter: PushExternalSorter<Line, fn(&Line, &Line) -> Ordering>,
}

impl SortedQuads {
    pub fn new(format: RdfExport) -> Self {
        Self::with_segment(format, LINES_PER_SEGMENT)
    }

    fn with_segment(format: RdfExport, lines_per_segment: usize) -> Self {
        let by_bytes: fn(&Line, &Line) -> Ordering = Ord::cmp;
        let sorter = extsort::ExternalSorter::new()
            .with_segment_size(lines_per_segment)
            .with_parallel_sort()
            .pushed_by(by_bytes);
        Self { format, sorter }
    }

    pub fn push(&mut self, quad: QuadRef<'_>) -> Result<()> {
        let triple = TripleRef::from(quad);
        let line = if self.format.format().supports_datasets() {
            format!("{}\0{triple} .\n", quad.graph_name)
        } else {
            format!("{triple} .\n")
        };
        self.sorter
            .push(Line(line.into_bytes()))
            .map_err(Error::Serialize)
    }

    /// Writes the quads pushed so far, with the ontology's prefixes and
    /// `id:` for the IRIs under `base`.
    pub fn write(self, base: &Base, out: &mut impl Write) -> Result<()> {
        let format = self.format;
        let lines = self.lines()?;
        match format {
            RdfExport::NTriples | RdfExport::NQuads => {
                for line in lines {
                    out.write_all(&line?).map_err(Error::Serialize)?;
                }
            }
            _ => {
                let syntax = if format.format().supports_datasets() {
                    RdfFormat::NQuads
                } else {
                    RdfFormat::NTriples
                };
                let mut serializer =
                    with_prefixes(RdfSerializer::from_format(format.format()), base.as_str())
                        .for_writer(out);
                // Lenient: the lines are the Display of terms already checked.
                let parser = RdfParser::from_format(syntax).lenient();
                for quad in parser.for_reader(LinesReader::new(lines)) {
                    let quad = quad.map_err(|e| Error::Serialize(std::io::Error::other(e)))?;
                    serializer.serialize_quad(&quad).map_err(Error::Serialize)?;
                }
                serializer.finish().map_err(Error::Serialize)?;
            }
        }
        Ok(())
    }

    /// The distinct lines in order, as N-Triples or N-Quads.
    fn lines(self) -> Result<impl Iterator<Item = Result<Vec<u8>>>> {
        let sorted = self.sorter.done().map_err(Error::Serialize)?;
        let mut previous: Option<Vec<u8>> = None;
        Ok(sorted.filter_map(move |line| match line {
            Ok(Line(line)) if previous.as_ref() == Some(&line) => None,
            Ok(Line(line)) => {
                previous = Some(line.clone());
                Some(Ok(as_nquads(line)))
            }
            Err(e) => Some(Err(Error::Serialize(e))),
        }))
    }
}

/// An N-Quads line from a sort key `graph NUL triple .`: the graph goes
/// before the final dot, or away for the default graph. An N-Triples line
/// (no NUL) stays as it is.
fn as_nquads(key: Vec<u8>) -> Vec<u8> {
    let Some(nul) = key.iter().position(|&b| b == 0) else {
        return key;
    };
    let (graph, triple) = (&key[..nul], &key[nul + 1..]);
    if graph == b"DEFAULT" {
        return triple.to_vec();
    }
    let mut line = Vec::with_capacity(key.len() + 1);
    line.extend_from_slice(&triple[..triple.len() - 3]); // " .\n"
    line.push(b' ');
    line.extend_from_slice(graph);
    line.extend_from_slice(b" .\n");
    line
}

/// Lines sorted in memory before a segment is written to disk (about 200 MB).
pub const LINES_PER_SEGMENT: usize = 1_000_000;

/// One line, ordered by its bytes.
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

/// An iterator of lines read as one stream of bytes.
struct LinesReader<I> {
    lines: I,
    current: Vec<u8>,
    at: usize,
}

impl<I> LinesReader<I> {
    fn new(lines: I) -> Self {
        Self {
            lines,
            current: Vec::new(),
            at: 0,
        }
    }
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
    use oxigraph::model::{BlankNode, Literal, NamedNode, Quad, Term};

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
        let g1 = iri("g1");
        let g2 = iri("g2");
        // Reversed, and some in a second graph, as in a union of graphs.
        let mut input: Vec<Quad> = triples
            .iter()
            .rev()
            .map(|t| t.clone().in_graph(g2.clone()))
            .collect();
        let mut in_g1 = triples[..5].to_vec();
        input.extend(in_g1.iter().map(|t| t.clone().in_graph(g1.clone())));
        let sorted_as = |format| {
            let mut sorted = SortedQuads::with_segment(format, 4);
            for q in &input {
                sorted.push(q.as_ref()).unwrap();
            }
            sorted.lines().unwrap().collect::<Result<Vec<_>>>().unwrap()
        };
        triples.sort_by_cached_key(sort_key);
        in_g1.sort_by_cached_key(sort_key);
        let expected: Vec<Vec<u8>> = triples
            .iter()
            .map(|t| format!("{t} .\n").into_bytes())
            .collect();
        assert_eq!(sorted_as(RdfExport::NTriples), expected);
        // N-Quads: graph by graph in name order, each triple once per graph.
        let expected: Vec<Vec<u8>> = in_g1
            .iter()
            .map(|t| format!("{t} {g1} .\n").into_bytes())
            .chain(triples.iter().map(|t| format!("{t} {g2} .\n").into_bytes()))
            .collect();
        assert_eq!(sorted_as(RdfExport::NQuads), expected);
    }
}
