//! The library's error type.

use std::fmt;
use std::path::PathBuf;

/// A position in a project file, 1-based, as editors show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The location of byte `offset` in `text` (a file's whole content).
    pub fn at_offset(file: impl Into<PathBuf>, text: &str, offset: usize) -> Self {
        LineIndex::new(text).locate(file, text, offset)
    }
}

/// Where the lines of a text start, so that many offsets of one file are
/// located without rescanning it from the start each time.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }

    pub fn locate(&self, file: impl Into<PathBuf>, text: &str, offset: usize) -> Location {
        let (line, column) = self.line_column(text, offset);
        Location {
            file: file.into(),
            line,
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// What is wrong with one place in `data/`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DataErrorKind {
    #[error("TOML syntax: {0}")]
    Syntax(String),
    #[error("unknown entity `{0}`")]
    UnknownEntity(String),
    #[error("unknown relation `{name}` (the ontology's object properties are: {known})")]
    UnknownRelation { name: String, known: String },
    #[error("unknown class `{name}` (the ontology's classes are: {known})")]
    UnknownClass { name: String, known: String },
    #[error("duplicate id `{id}` (first defined at {first})")]
    DuplicateId { id: String, first: Location },
    #[error("bad date `{value}`: expected YYYY-MM-DD, YYYY-MM or YYYY ({reason})")]
    BadDate { value: String, reason: String },
    #[error("bad id `{id}`: {reason}")]
    BadId { id: String, reason: String },
    #[error("bad IRI `{iri}`: {reason}")]
    BadIri { iri: String, reason: String },
    #[error("statement `{0}` has no source")]
    MissingSource(String),
    #[error("empty evidence: quote a few words of the article")]
    EmptyEvidence,
    #[error("unknown source `{0}` (see data/sources.toml)")]
    UnknownSource(String),
    #[error("bad {field} `{code}`: {reason}")]
    BadCode {
        field: &'static str,
        code: String,
        reason: String,
    },
    #[error("currency `{code}` is the iso4217 of no Currency entity (declared: {known})")]
    UnknownCurrency { code: String, known: String },
    #[error("{0}")]
    Invalid(String),
}

/// One problem in `data/`, where it is and what it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {kind}")]
pub struct DataError {
    pub location: Location,
    pub kind: DataErrorKind,
}

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The curated data has problems; all of them are listed.
    #[error("{} in data:\n{}", plural(.0.len(), "problem"), list(.0))]
    Data(Vec<DataError>),
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {message}", location)]
    Ontology { location: Location, message: String },
    #[error("`{0}` is not an id of the graph (ids are lower-case words joined by hyphens)")]
    BadSlug(String),
    #[error("bad base IRI `{iri}`: {reason}")]
    BadBase { iri: String, reason: String },
    #[error("bad {what} `{url}`: {reason}")]
    BadUrl {
        what: &'static str,
        url: String,
        reason: String,
    },
    /// The parser's message starts with the position (`error at LINE:COLUMN`).
    #[error("SPARQL syntax {0}")]
    QuerySyntax(String),
    #[error("query evaluation failed: {0}")]
    QueryEvaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    #[error("no named query `{name}`; the named queries are: {available}")]
    UnknownQuery { name: String, available: String },
    #[error("{0}")]
    Unsupported(String),
    #[error("store: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("RDF serialisation: {0}")]
    Serialize(#[source] std::io::Error),
    #[error("HTTP server: {0}")]
    Server(#[source] std::io::Error),
    /// A remote SPARQL or Graph Store endpoint failed or refused a request.
    #[error("{url}: {message}")]
    Remote { url: String, message: String },
    /// A reference table of identifiers (`link --check FILE`) that cannot be read.
    #[error("{}: {message}", location)]
    LinkTable { location: Location, message: String },
    /// An article given to `extract` that is not UTF-8 text.
    #[error("{}: not UTF-8 text: invalid byte at offset {offset} (convert it, e.g. `iconv -f latin1 -t utf-8`)", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    /// An article given to `extract` that holds no text.
    #[error("{}: empty file: no text to extract from", path.display())]
    EmptyInput { path: PathBuf },
    /// An article given to `extract` that is binary (it holds NUL bytes).
    #[error("{}: a binary file, not text (NUL byte at offset {offset})", path.display())]
    BinaryInput { path: PathBuf, offset: usize },
    /// Writing `extract`'s output failed.
    #[error("cannot write the output: {0}")]
    Output(#[source] std::io::Error),
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn list(errors: &[DataError]) -> String {
    errors
        .iter()
        .map(|e| format!("  {e}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_characters() {
        let text = "a = 1\nb = \"é\"x\n";
        let loc = Location::at_offset("f.toml", text, text.find('x').unwrap());
        assert_eq!((loc.line, loc.column), (2, 8));
        assert_eq!(loc.to_string(), "f.toml:2:8");
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(text, 0), (1, 1));
        assert_eq!(index.line_column(text, 6), (2, 1));
        assert_eq!(index.line_column(text, text.len()), (3, 1));
        // Inside a character: the position of that character.
        assert_eq!(index.line_column(text, text.find('é').unwrap() + 1), (2, 6));
    }
}
