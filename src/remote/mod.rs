//! Beyond one machine: publishing the graph to an existing triple store
//! (Virtuoso, Fuseki, GraphDB, `oxigraph serve`) through the SPARQL 1.1
//! Graph Store HTTP Protocol (`publish`), and running queries there
//! ([`sparql`]), both over one HTTP `client`.

mod client;
mod publish;
pub mod sparql;

pub use client::{AuthScheme, Client, Credentials};
pub use publish::{GraphStore, Progress, PublishReport, Target, publish};
pub use sparql::QueryEndpoint;
