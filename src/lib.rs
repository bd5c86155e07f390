//! A knowledge graph of France's national AI strategy.
//!
//! Facts curated from press articles (`data/*.toml`) are checked against an
//! OWL ontology (`ontology/iagraph.ttl`), mapped to RDF with their sources and
//! evidence, and loaded into an embedded [Oxigraph](oxigraph) store, where
//! they can be queried with SPARQL and exported as RDF or GraphViz.
//!
//! The pipeline, one module per step:
//! [`model`] (the serde records) → [`data`] (reading and checking them) →
//! `mapping` (records to quads), driven by [`Project`] (where the inputs
//! are, and the loading pipeline) → [`Graph`] (the Oxigraph store) →
//! [`query`] / [`export`] / [`serve`] (SPARQL endpoint, linked data pages
//! and the web explorer over HTTP) / [`remote`] (publishing to, and
//! querying, an existing triple store) / [`link`] (links to Wikidata, ELI
//! and ISO codes) / [`package`] (the open-data folder) / [`extract`]
//! (candidate facts from new French articles, measured against the graph);
//! [`synthetic`] writes synthetic data of any size for benchmarks.
//!
//! A user of the library needs few names, re-exported here: [`Project`]
//! (where a checkout's inputs are), [`Base`] (the namespace IRIs are minted
//! in), [`Graph`] (the loaded store, built from both; [`BuildReport`] says
//! what was loaded), then [`query::run`]
//! or the writers of [`export`], [`package`] and [`serve`]; and [`Error`],
//! whose [`Error::Data`] lists every [`DataError`] (a [`Location`] and a
//! [`DataErrorKind`]), [`Error::Remote`] a [`RemoteError`]. The other public modules are those the `iagraph`
//! command drives; where the files are (`project`), the store (`store`),
//! IRIs (`iri`), the error type (`error`) and the output formats
//! (`format`, named as `query::OutputFormat`) are the crate's own.
//!
//! ```
//! use iagraph::{Base, Graph, Project, query};
//!
//! let graph = Graph::build(&Project::new(env!("CARGO_MANIFEST_DIR")), &Base::default())?;
//! let answer = query::run(&graph, "SELECT ?label WHERE { id:jean-zay rdfs:label ?label FILTER(LANG(?label) = 'fr') }")?;
//! let query::Answer::Solutions { rows, .. } = answer else { unreachable!() };
//! assert_eq!(rows.len(), 1);
//! # Ok::<_, iagraph::Error>(())
//! ```

// A public item must be nameable: a type that a public function returns or
// takes is re-exported, or the function is not public.
#![warn(unnameable_types)]

pub mod bench;
pub mod data;
mod error;
pub mod export;
pub mod extract;
pub mod folder;
mod format;
mod french;
mod iri;
pub mod link;
mod mapping;
pub mod model;
mod normalise;
pub mod ontology;
pub mod package;
mod project;
pub mod query;
pub mod remote;
pub mod serve;
mod store;
pub mod synthetic;
pub mod vocab;
pub mod wording;

pub use error::{
    BoundsError, DataError, DataErrorKind, Error, LinkTableProblem, Location, RemoteError,
    RemoteFault, Result, VocabularyFault, WorkerFault,
};
pub use iri::Base;
pub use project::{BuildReport, Project};
pub use store::Graph;
