//! The formats a query's answer is written in: the `query --format` values,
//! also asked of the server and named in the errors. A leaf module (it
//! imports nothing of the crate), so that `error` can name it without
//! importing `query`, which returns `error`'s type.

/// How to print an answer; also the `query --format` values (as
/// `ntriples`, `jsonld`, `rdfxml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    // No doc comments on the variants: clap would print them in `--help`.
    // Table: an aligned text table (SELECT/ASK); Turtle for graphs.
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
    Turtle,
    #[value(name = "ntriples")]
    NTriples,
    #[value(name = "jsonld")]
    JsonLd,
    #[value(name = "rdfxml")]
    RdfXml,
}
