use anyhow::Result;

use super::open_graph;
use crate::cli::{BuildArgs, Global};

/// `iagraph build`: check and load, then say what was loaded.
pub fn run(global: &Global, args: &BuildArgs) -> Result<()> {
    let graph = open_graph(global, args.force)?;
    let graph = &*graph;
    match graph.report() {
        Some(r) => println!(
            "built in {:.1?}: entities {}, statements {}, sources {}, triples {}",
            r.elapsed, r.entities, r.statements, r.sources, r.triples
        ),
        None => println!(
            "the store is up to date ({} triples); use --force to rebuild it",
            graph.store().len()?
        ),
    }
    Ok(())
}
