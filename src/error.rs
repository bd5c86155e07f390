//! The library's error type, and the errors of its concerns that it holds
//! (a CoNLL-U parse's, a query's nesting, a data file's, a remote
//! endpoint's). It imports only leaf modules (`format`), so that no module
//! that returns [`Error`] is imported back by it.

use std::fmt;
use std::path::PathBuf;

use crate::format::OutputFormat;

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
    /// The TOML parser's error; its position is the [`DataError`]'s location.
    #[error("TOML syntax: {}", .0.message().trim())]
    Syntax(toml::de::Error),
    #[error("write the key `entity` without escapes")]
    EscapedEntityKey,
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
    #[error("language `{language}` of source `{source_id}` is not one of fr, en, de, es, it")]
    BadLanguage { source_id: String, language: String },
    #[error("article_fr `{0}`: one of le, la, l', les")]
    BadArticle(String),
    #[error("plural `{0}`: fr or en")]
    BadPlural(String),
    /// `demonyms_fr` or `combining_forms_fr` on an entity that is no State.
    #[error("{field}: only State entities have them, not {class}")]
    StateWordsOnNonState { field: &'static str, class: String },
    #[error("occasion `{occasion}` is a {class}, not an Event")]
    OccasionNotEvent { occasion: String, class: String },
    #[error("`{entity}` is a {class}, outside the {end} of `{relation}` ({expected})")]
    OutsideDomainOrRange {
        entity: String,
        class: String,
        /// `domain` or `range`.
        end: &'static str,
        relation: String,
        expected: String,
    },
    #[error("statement `{statement}` has no `modality`: one of {known}, from its quotation's verb")]
    MissingModality { statement: String, known: String },
    #[error("unknown modality `{name}`: one of {known}")]
    UnknownModality { name: String, known: String },
    #[error("`{0}` takes a quantity, not an object")]
    ObjectOfQuantity(String),
    #[error("`{0}` needs a quantity = {{ value, unit_fr, unit_en }}")]
    MissingQuantity(String),
    #[error("`{0}` needs an object")]
    MissingObject(String),
    /// `what` is `amount` or `quantity`.
    #[error("{what}: {problem}")]
    BadNumbers {
        what: &'static str,
        problem: BoundsError,
    },
    #[error(
        "`part_of` is for an amount within another statement's amount: this statement has none"
    )]
    PartOfWithoutAmount,
    #[error("`part_of`: no statement `{0}`")]
    PartOfUnknown(String),
    /// The statements of the loop, from the one that says `part_of`.
    #[error("`part_of` loops: {}", .0.join(" → "))]
    PartOfLoop(Vec<String>),
    #[error("`part_of`: statement `{0}` has no amount to be part of")]
    PartOfNoAmount(String),
    #[error("`part_of`: `{part}` is in {part_currency}, `{whole}` in {whole_currency}")]
    PartOfOtherCurrency {
        part: String,
        part_currency: String,
        whole: String,
        whole_currency: String,
    },
    #[error("`part_of`: the amount of `{part}` is larger than that of `{whole}`")]
    PartLargerThanWhole { part: String, whole: String },
    #[error("a running total has a `start_date` (since when), not a `date` as well")]
    StartDateAndDate,
    #[error(
        "{field} `{date}` is finer than any quotation or source date gives: write what the text gives, or mark it `inferred = {{ {field} = \"why\" }}`"
    )]
    DateFinerThanText { field: &'static str, date: String },
    #[error("`{0}` is marked inferred but not given")]
    InferredNotGiven(String),
    #[error("inferred `{0}`: say why")]
    InferredWithoutReason(String),
    #[error("source `{0}` is cited twice: one evidence per source")]
    SourceCitedTwice(String),
    #[error("evidence of {chars} characters: quote at most one clause ({max} characters)")]
    EvidenceTooLong { chars: usize, max: usize },
    #[error("entity `{0}` is in no statement and has no `mentioned_in`: which article names it?")]
    Orphan(String),
}

/// Numbers of an amount or a quantity that do not make a value or bounds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BoundsError {
    #[error("give either a value or min/max bounds")]
    ValueOrBounds,
    #[error("numbers must be finite")]
    NotFinite,
    /// The bounds as written in decimal.
    #[error("min {min} is above max {max}")]
    MinAboveMax { min: String, max: String },
}

/// What is wrong with a reference table of identifiers (`link --check FILE`).
#[derive(Debug, thiserror::Error)]
pub enum LinkTableProblem {
    #[error(transparent)]
    Csv(csv::Error),
    #[error("no header row")]
    NoHeader,
    #[error("no `wikidata` column in the header row")]
    NoWikidataColumn,
    #[error("`{0}` is not a Wikidata item id (Q…)")]
    NotAnItem(String),
}

/// A query nested past one of the bounds of `query::nesting`, checked
/// before the query is parsed; `max` is the bound it passed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TooDeep {
    /// Brackets nested more than `max` deep, first at `line`:`column`.
    #[error(
        "error at {line}:{column}: brackets nested more than {max} deep \
         (the server's and the CLI's limit on a query's nesting)"
    )]
    Brackets {
        line: usize,
        column: usize,
        max: usize,
    },
    /// More than `max` operators or groups chained, first at `line`:`column`.
    #[error(
        "error at {line}:{column}: more than {max} operators, groups and brackets \
         chained along one path (as in `1 + 1 + …` or `{{…}} UNION {{…}} …`; the limit on a \
         query's nesting): split the expression or use VALUES or IN (…)"
    )]
    Chain {
        line: usize,
        column: usize,
        max: usize,
    },
}

/// Why a CoNLL-U text (`extract --parsed`, or the French parser's output)
/// was refused, with its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {cause}")]
pub struct ConlluError {
    pub line: usize,
    pub cause: ConlluFault,
}

/// What is wrong with a line or a sentence of CoNLL-U.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConlluFault {
    /// A word line that does not split into ten tab-separated columns.
    #[error("{0} columns, CoNLL-U has 10 (tab-separated)")]
    ColumnCount(usize),
    /// A word id (column ID) that is not the next number of the sentence.
    #[error("word id `{id}`, expected {expected}")]
    BadWordId { id: String, expected: usize },
    /// A HEAD column that is not a number.
    #[error("head `{0}` is not a word number")]
    HeadNotANumber(String),
    /// A word whose HEAD is its own id.
    #[error("word {0} is its own head")]
    OwnHead(usize),
    /// A HEAD past the last word of its sentence.
    #[error("head {head} is beyond the sentence's {words} words")]
    HeadBeyondSentence { head: usize, words: usize },
    /// A sentence where every word has a head, so its heads make a cycle;
    /// the error's line is the sentence's first.
    #[error("the sentence has no root (head 0)")]
    NoRoot,
    /// A stream that stops inside a line or a sentence (no newline, or no
    /// blank line after its last word): the output of a parser cut short.
    /// The error's line is the unfinished sentence's first, or the cut line.
    #[error("the text stops here, inside a sentence (a cut-short parse?)")]
    Truncated,
    /// A line that is not UTF-8.
    #[error("not UTF-8 text")]
    NotUtf8,
    /// A line that could not be read (the I/O error's message: this error
    /// is compared and cloned, an I/O error can be neither).
    #[error("cannot read it: {0}")]
    Unreadable(String),
}

/// What is wrong with the relation vocabulary (`ontology/relations-fr.toml`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VocabularyFault {
    /// Not the vocabulary's TOML: the parser's message, which names the line.
    #[error("{0}")]
    Toml(String),
    /// A frame whose relation the ontology does not define.
    #[error("frame `{frame}`: `{relation}` is no relation of the ontology")]
    UnknownRelation { frame: String, relation: String },
    /// A verb or noun naming a frame that is not there.
    #[error("{what} `{lemma}`: no frame `{frame}`")]
    NoFrame {
        what: &'static str,
        lemma: String,
        frame: String,
    },
    /// A modal verb with a modality the scheme lacks.
    #[error("modal `{lemma}`: `{modality}` is not one of {known}")]
    BadModality {
        lemma: String,
        modality: String,
        known: String,
    },
}

/// A remote endpoint's fault and the URL it came from. It shows as
/// `URL: what happened`, and its cause (the HTTP client's, the parser's)
/// is that of [`RemoteFault`], so that none is shown twice.
#[derive(Debug)]
pub struct RemoteError {
    pub url: String,
    pub fault: RemoteFault,
}

impl fmt::Display for RemoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.url, self.fault)
    }
}

impl std::error::Error for RemoteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.fault)
    }
}

/// What a remote SPARQL or Graph Store endpoint did wrong, or refused.
#[derive(Debug, thiserror::Error)]
pub enum RemoteFault {
    // --- Reaching it.
    #[error("bad request")]
    BadRequest(#[source] ureq::http::Error),
    #[error("{method} failed")]
    Transport {
        method: String,
        #[source]
        source: ureq::Error,
    },
    #[error("reading the answer failed")]
    Read(#[source] ureq::Error),
    #[error("the endpoint asks for credentials (HTTP 401): pass --user and --password")]
    CredentialsNeeded,
    #[error("the endpoint refused the credentials of user `{0}` (HTTP 401)")]
    CredentialsRefused(String),
    #[error("unreadable Digest challenge")]
    BadChallenge(#[source] digest_auth::Error),
    #[error("cannot answer the Digest challenge")]
    ChallengeAnswer(#[source] digest_auth::Error),
    /// `what` is `query` or `update`, `option` the one to give it with.
    #[error(
        "cannot tell the {what} endpoint of this store from its Graph Store URL \
         (known: Virtuoso …/sparql-graph-crud[-auth], Fuseki …/DATASET/data, Oxigraph …/store): pass {option}"
    )]
    UnknownEndpoint {
        what: &'static str,
        option: &'static str,
    },

    // --- Its answers. `excerpt` is the start of the answer's text.
    #[error("query failed (HTTP {status}): {excerpt}")]
    QueryRefused { status: u16, excerpt: String },
    /// `rows` is the limit the endpoint says it applied, if it says.
    #[error(
        "the endpoint cut its answer{} (HTTP {status}): the results are partial",
        rows.as_ref().map_or(String::new(), |n| format!(" at {n} rows"))
    )]
    Truncated { status: u16, rows: Option<String> },
    #[error("unreadable {media_type} answer")]
    Unreadable {
        media_type: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("unexpected answer of type `{0}`: is this a SPARQL endpoint?")]
    NotSparql(String),
    #[error("a count should be an integer, not `{0}`")]
    CountNotInteger(String),
    /// The answer as the crate's debug text shows it.
    #[error("a count query answered {0} instead of one integer")]
    CountNotOne(String),
    #[error("{method} refused (HTTP {status}): {excerpt}")]
    Refused {
        method: String,
        status: u16,
        excerpt: String,
    },
    /// `hint` says what to do about a refusal a known store setting causes.
    #[error("update refused (HTTP {status}): {excerpt}{hint}")]
    UpdateRefused {
        status: u16,
        excerpt: String,
        hint: &'static str,
    },

    // --- Publishing.
    #[error("bad graph IRI")]
    BadGraphIri(#[source] oxigraph::model::IriParseError),
    #[error(
        "the staging graph {staging} holds {arrived} triples, {sent} were sent: \
         the live graph {live} was left as it was"
    )]
    StagingIncomplete {
        staging: String,
        arrived: u64,
        sent: u64,
        live: String,
    },
    #[error("after the swap {graph} holds {live} triples where {published} were published")]
    SwapMismatch {
        graph: String,
        live: u64,
        published: u64,
    },
}

/// One problem in `data/`, where it is and what it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {kind}")]
pub struct DataError {
    pub location: Location,
    pub kind: DataErrorKind,
}

/// Everything that can go wrong in the library, grouped by who can fix it.
///
/// A variant with a cause shows it only through [`std::error::Error::source`]:
/// print the chain (`{:#}` of an `anyhow::Error`) to see it. Each variant
/// maps once to an exit code ([`Error::exit_code`]) and, in the server, to
/// an HTTP status.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    // --- The project's data or ontology is invalid.
    /// The curated data has problems; all of them are listed.
    #[error("{} in data:\n{}", plural(.0.len(), "problem"), list(.0))]
    Data(Vec<DataError>),
    /// The ontology is not Turtle the parser reads.
    /// The parser's message is the error itself, not a cause.
    #[error("{location}: {error}")]
    OntologySyntax {
        location: Location,
        error: oxigraph::io::RdfSyntaxError,
    },
    /// Terms of the ontology that lack a French or an English label.
    #[error(
        "{}:1:1: terms without a French and an English rdfs:label (skos:prefLabel for modalities): {}",
        file.display(),
        terms.join(", ")
    )]
    UnlabelledTerms { file: PathBuf, terms: Vec<String> },
    /// The relation vocabulary of `extract` (`ontology/relations-fr.toml`)
    /// is not what the ontology and the extractor expect.
    #[error("{}: {fault}", path.display())]
    BadVocabulary {
        path: PathBuf,
        fault: VocabularyFault,
    },

    // --- A file given on the command line is not what it should be.
    /// A reference table of identifiers (`link --check FILE`) that cannot be read.
    #[error("{location}: {problem}")]
    LinkTable {
        location: Location,
        problem: LinkTableProblem,
    },
    /// An article given to `extract` that is not UTF-8 text.
    #[error("{}: not UTF-8 text: invalid byte at offset {offset} (convert it, e.g. `iconv -f latin1 -t utf-8`)", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    /// An article given to `extract` that holds no text.
    #[error("{}: empty file: no text to extract from", path.display())]
    EmptyInput { path: PathBuf },
    /// An article given to `extract` that is binary (it holds NUL bytes).
    #[error("{}: a binary file, not text (NUL byte at offset {offset})", path.display())]
    BinaryInput { path: PathBuf, offset: usize },
    /// A parse given to `extract --parsed` that is not CoNLL-U.
    #[error("{}: {error}", path.display())]
    BadConllu { path: PathBuf, error: ConlluError },
    /// An article of `extract --parsed` that the parse does not hold.
    #[error("{}: no parse of this file (`# newdoc id = {name}`)", file.display())]
    NoParse { file: PathBuf, name: String },
    /// A parse given with `extract --parsed` whose words are not the
    /// article's (another version of the file, or another file's parse).
    #[error(
        "{}: the parse does not fit the text: sentence {sentence}'s word `{word}` is not there \
         (parse the file again)",
        file.display()
    )]
    ParseMismatch {
        file: PathBuf,
        sentence: usize,
        word: String,
    },

    // --- A request the user can correct: a query, an id, an option.
    /// The parser's message starts with the position (`error at LINE:COLUMN`).
    #[error("SPARQL syntax {0}")]
    QuerySyntax(oxigraph::sparql::SparqlSyntaxError),
    /// A query nested past the bounds the parser is given.
    #[error("SPARQL syntax {0}")]
    QueryTooDeep(TooDeep),
    #[error("no named query `{name}`; the named queries are: {available}")]
    UnknownQuery { name: String, available: String },
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
    #[error("the publisher's name is empty")]
    EmptyPublisher,
    /// A results format asked of a query that gives a graph.
    #[error(
        "{format:?} is a results format; a CONSTRUCT or DESCRIBE query gives a graph: use turtle, ntriples, jsonld or rdfxml"
    )]
    NotAGraphFormat { format: OutputFormat },
    /// An RDF format asked of a query that gives results.
    #[error(
        "{format:?} is an RDF format; a SELECT or ASK query gives results: use table, csv, tsv, json or xml"
    )]
    NotAResultsFormat { format: OutputFormat },
    /// `export --focus` on an id the graph does not hold.
    #[error("no entity `{0}` in the graph to focus on")]
    UnknownFocus(String),

    // --- Reading or writing files failed.
    #[error("cannot read {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write the RDF")]
    Serialize(#[source] std::io::Error),
    #[error("HTTP server")]
    Server(#[source] std::io::Error),

    // --- Another program or service failed.
    /// A remote SPARQL or Graph Store endpoint failed or refused a request.
    #[error(transparent)]
    Remote(RemoteError),
    /// The French parser (`extract`'s default) cannot be started: no such
    /// Python interpreter.
    #[error(
        "cannot run `{python}` (Python 3 runs the French parser); with Python, install the \
         parser with: {install} (or give a parse made elsewhere with --parsed FILE)"
    )]
    ParserMissing {
        python: String,
        install: String,
        #[source]
        source: std::io::Error,
    },
    /// The French parser stopped with an error: the last line it wrote.
    #[error("the French parser failed: {message}; to install it: {install}")]
    ParserFailed { message: String, install: String },
    /// The French parser found no spaCy or no model (its exit status 3): its
    /// own explanation, which names the command that installs them.
    #[error("{0} (or give a parse made elsewhere with --parsed FILE)")]
    ParserRefused(String),
    #[error("the French parser failed")]
    ParserIo(#[source] std::io::Error),
    #[error("the French parser's CoNLL-U")]
    ParserOutput(#[source] ConlluError),

    // --- The engine failed, or the crate has a bug.
    #[error("query evaluation failed")]
    QueryEvaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    #[error("store")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("cannot start a thread to run the query on")]
    Thread(#[source] std::io::Error),
    /// A prefix the crate declares that is not an IRI.
    #[error("bad prefix `{prefix}:` <{namespace}>")]
    BadPrefix {
        prefix: String,
        namespace: String,
        #[source]
        source: oxigraph::model::IriParseError,
    },
    /// The names of `data/` make too large an automaton to find them in text.
    #[error("the names of data/ make too large an automaton for `extract`")]
    Automaton(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The loading pipeline's consumer stopped before the producer.
    #[error("the consumer of the quads stopped")]
    QuadsDropped,
    /// A package table's query that is not a SELECT.
    #[error("the query of {0} is not a SELECT")]
    TableNotSelect(&'static str),
    #[error("the query of {table} has no variable ?{column}")]
    TableColumnMissing {
        table: &'static str,
        column: &'static str,
    },
    /// The SPARQL worker process (`iagraph sparql-worker`) and the server
    /// that started it do not understand each other.
    #[error("the SPARQL worker process failed")]
    Worker(#[source] WorkerFault),
}

/// What went wrong between the server and a SPARQL worker process.
#[derive(Debug, thiserror::Error)]
pub enum WorkerFault {
    #[error("cannot start the first worker")]
    CannotStart(#[source] std::io::Error),
    #[error("no graph on standard input")]
    NoGraph,
    #[error("the graph sent by the server is not N-Quads")]
    BadGraph(#[source] oxigraph::io::RdfSyntaxError),
    #[error("bad job from the server")]
    BadJob(#[source] serde_json::Error),
    #[error("cannot write the reply")]
    BadReply(#[source] serde_json::Error),
    #[error("no VmSize in /proc/self/status")]
    NoAddressSpaceSize,
}

impl Error {
    /// The process's exit code for this error, as `iagraph --help` lists
    /// them: 65 (EX_DATAERR) when the project's data or ontology is invalid,
    /// 1 for any other failure (2, a bad command line, is clap's).
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Data(_)
            | Self::OntologySyntax { .. }
            | Self::UnlabelledTerms { .. }
            | Self::BadVocabulary { .. } => 65,
            Self::LinkTable { .. }
            | Self::NotUtf8 { .. }
            | Self::EmptyInput { .. }
            | Self::BinaryInput { .. }
            | Self::BadConllu { .. }
            | Self::NoParse { .. }
            | Self::ParseMismatch { .. }
            | Self::QuerySyntax(_)
            | Self::QueryTooDeep(_)
            | Self::UnknownQuery { .. }
            | Self::BadSlug(_)
            | Self::BadBase { .. }
            | Self::BadUrl { .. }
            | Self::EmptyPublisher
            | Self::NotAGraphFormat { .. }
            | Self::NotAResultsFormat { .. }
            | Self::UnknownFocus(_)
            | Self::Read { .. }
            | Self::Write { .. }
            | Self::Serialize(_)
            | Self::Server(_)
            | Self::Remote { .. }
            | Self::ParserMissing { .. }
            | Self::ParserFailed { .. }
            | Self::ParserRefused(_)
            | Self::ParserIo(_)
            | Self::ParserOutput(_)
            | Self::QueryEvaluation(_)
            | Self::Storage(_)
            | Self::Thread(_)
            | Self::BadPrefix { .. }
            | Self::Automaton(_)
            | Self::QuadsDropped
            | Self::TableNotSelect(_)
            | Self::TableColumnMissing { .. }
            | Self::Worker(_) => 1,
        }
    }
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

/// One error of each variant, for the tests of the exit codes and statuses.
#[cfg(test)]
pub(crate) mod examples {
    use std::io;

    use super::*;

    fn at() -> Location {
        Location {
            file: "data/facts.toml".into(),
            line: 3,
            column: 7,
        }
    }

    fn io_error() -> io::Error {
        io::Error::other("the disk is full")
    }

    /// One error of each variant, in the order of [`variant`].
    pub fn all() -> Vec<Error> {
        let Err(syntax) = oxigraph::sparql::SparqlEvaluator::new().parse_query("SELEC") else {
            panic!("SELEC is not SPARQL");
        };
        let turtle = match oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
            .for_slice(b"garbage {")
            .next()
        {
            Some(Err(e)) => e,
            other => panic!("a syntax error, not {other:?}"),
        };
        let conllu = || ConlluError {
            line: 2,
            cause: ConlluFault::ColumnCount(9),
        };
        vec![
            Error::Data(vec![DataError {
                location: at(),
                kind: DataErrorKind::EmptyEvidence,
            }]),
            Error::OntologySyntax {
                location: at(),
                error: turtle,
            },
            Error::UnlabelledTerms {
                file: "ontology/iagraph.ttl".into(),
                terms: vec!["Fund".into()],
            },
            Error::BadVocabulary {
                path: "ontology/relations-fr.toml".into(),
                fault: VocabularyFault::NoFrame {
                    what: "verb",
                    lemma: "investir".into(),
                    frame: "fund".into(),
                },
            },
            Error::LinkTable {
                location: at(),
                problem: LinkTableProblem::NoWikidataColumn,
            },
            Error::NotUtf8 {
                path: "a.txt".into(),
                offset: 3,
            },
            Error::EmptyInput {
                path: "a.txt".into(),
            },
            Error::BinaryInput {
                path: "a.png".into(),
                offset: 8,
            },
            Error::BadConllu {
                path: "a.conllu".into(),
                error: conllu(),
            },
            Error::NoParse {
                file: "a.txt".into(),
                name: "a.txt".into(),
            },
            Error::ParseMismatch {
                file: "a.txt".into(),
                sentence: 2,
                word: "Mistral".into(),
            },
            Error::QuerySyntax(syntax),
            Error::QueryTooDeep(TooDeep::Brackets {
                line: 1,
                column: 140,
                max: 128,
            }),
            Error::UnknownQuery {
                name: "fundrs".into(),
                available: "funders".into(),
            },
            Error::BadSlug("Jean Zay".into()),
            Error::BadBase {
                iri: "base".into(),
                reason: "not absolute".into(),
            },
            Error::BadUrl {
                what: "contact",
                url: "mail".into(),
                reason: "not absolute".into(),
            },
            Error::EmptyPublisher,
            Error::NotAGraphFormat {
                format: OutputFormat::Csv,
            },
            Error::NotAResultsFormat {
                format: OutputFormat::Turtle,
            },
            Error::UnknownFocus("nowhere".into()),
            Error::Read {
                path: "a.rq".into(),
                source: io_error(),
            },
            Error::Write {
                path: "out".into(),
                source: io_error(),
            },
            Error::Serialize(io_error()),
            Error::Server(io_error()),
            Error::Remote(RemoteError {
                url: "http://localhost:8890/sparql".into(),
                fault: RemoteFault::Transport {
                    method: "GET".into(),
                    source: ureq::Error::ConnectionFailed,
                },
            }),
            Error::ParserMissing {
                python: "python3".into(),
                install: "pip install stanza".into(),
                source: io_error(),
            },
            Error::ParserFailed {
                message: "killed".into(),
                install: "pip install stanza".into(),
            },
            Error::ParserRefused("no French model".into()),
            Error::ParserIo(io_error()),
            Error::ParserOutput(conllu()),
            Error::QueryEvaluation(oxigraph::sparql::QueryEvaluationError::Cancelled),
            Error::Storage(oxigraph::store::StorageError::Io(io_error())),
            Error::Thread(io_error()),
            Error::BadPrefix {
                prefix: "iag".into(),
                namespace: "not an IRI".into(),
                source: oxigraph::model::NamedNode::new("not an IRI").expect_err("not an IRI"),
            },
            Error::Automaton(Box::new(io_error())),
            Error::QuadsDropped,
            Error::TableNotSelect("totals"),
            Error::TableColumnMissing {
                table: "totals",
                column: "amount",
            },
            Error::Worker(WorkerFault::NoGraph),
        ]
    }

    /// How many variants [`Error`] has.
    pub const VARIANTS: usize = 40;

    /// The variant's position: a `match` without a wildcard, so that a new
    /// variant does not compile until it is numbered here (and, through
    /// the test below, given an example, an exit code and a status).
    pub fn variant(error: &Error) -> usize {
        match error {
            Error::Data(_) => 0,
            Error::OntologySyntax { .. } => 1,
            Error::UnlabelledTerms { .. } => 2,
            Error::BadVocabulary { .. } => 3,
            Error::LinkTable { .. } => 4,
            Error::NotUtf8 { .. } => 5,
            Error::EmptyInput { .. } => 6,
            Error::BinaryInput { .. } => 7,
            Error::BadConllu { .. } => 8,
            Error::NoParse { .. } => 9,
            Error::ParseMismatch { .. } => 10,
            Error::QuerySyntax(_) => 11,
            Error::QueryTooDeep(_) => 12,
            Error::UnknownQuery { .. } => 13,
            Error::BadSlug(_) => 14,
            Error::BadBase { .. } => 15,
            Error::BadUrl { .. } => 16,
            Error::EmptyPublisher => 17,
            Error::NotAGraphFormat { .. } => 18,
            Error::NotAResultsFormat { .. } => 19,
            Error::UnknownFocus(_) => 20,
            Error::Read { .. } => 21,
            Error::Write { .. } => 22,
            Error::Serialize(_) => 23,
            Error::Server(_) => 24,
            Error::Remote { .. } => 25,
            Error::ParserMissing { .. } => 26,
            Error::ParserFailed { .. } => 27,
            Error::ParserRefused(_) => 28,
            Error::ParserIo(_) => 29,
            Error::ParserOutput(_) => 30,
            Error::QueryEvaluation(_) => 31,
            Error::Storage(_) => 32,
            Error::Thread(_) => 33,
            Error::BadPrefix { .. } => 34,
            Error::Automaton(_) => 35,
            Error::QuadsDropped => 36,
            Error::TableNotSelect(_) => 37,
            Error::TableColumnMissing { .. } => 38,
            Error::Worker(_) => 39,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_examples_cover_every_variant_once() {
        let variants: Vec<usize> = examples::all().iter().map(examples::variant).collect();
        assert_eq!(variants, (0..examples::VARIANTS).collect::<Vec<_>>());
    }

    /// Invalid data or ontology is 65 (EX_DATAERR), as `--help` says; the rest 1.
    #[test]
    fn each_error_has_one_exit_code() {
        let codes: Vec<(usize, u8)> = examples::all()
            .iter()
            .map(|e| (examples::variant(e), e.exit_code()))
            .collect();
        let expected: Vec<(usize, u8)> = (0..examples::VARIANTS)
            .map(|v| (v, if v < 4 { 65 } else { 1 }))
            .collect();
        assert_eq!(codes, expected);
    }

    /// A remote error says where and what; the client's cause comes after.
    #[test]
    fn a_remote_error_names_its_endpoint_and_fault() {
        let error = examples::all().swap_remove(25);
        assert_eq!(
            error.to_string(),
            "http://localhost:8890/sparql: GET failed"
        );
        let cause = std::error::Error::source(&error).map(ToString::to_string);
        assert_eq!(cause.as_deref(), Some("connection failed"));
    }

    /// A cause is shown by the chain, after the message: never in it too.
    #[test]
    fn no_message_repeats_its_cause() {
        let mut with_cause = 0;
        for e in examples::all() {
            if let Some(cause) = std::error::Error::source(&e) {
                with_cause += 1;
                let (message, cause) = (e.to_string(), cause.to_string());
                assert!(!message.contains(&cause), "{message} / {cause}");
            }
        }
        assert_eq!(with_cause, 14);
    }

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
