//! SPARQL text as the server and the CLI take it: the nesting bound, then
//! Oxigraph's parser and optimiser (`query::explain`, on the query thread's
//! stack). Errors are fine; a panic or an overflowed stack is not. The HTTP
//! requests around it are fuzzed on stable Rust by `fuzz_sparql_requests` in
//! tests/serve.rs, which CI runs.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use iagraph::{Base, Graph, Project};
use libfuzzer_sys::fuzz_target;

static GRAPH: LazyLock<Graph> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    Graph::build(&Project::new(root), &Base::default()).expect("the graph builds")
});

fuzz_target!(|data: &[u8]| {
    let Ok(sparql) = std::str::from_utf8(data) else { return };
    let _ = iagraph::query::explain(&GRAPH, sparql);
});
