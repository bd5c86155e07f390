use std::time::Duration;

use anyhow::{Context, Result};
use iagraph::bench::{Timing, time_queries};
use iagraph::query;

use super::{open_graph, project};
use crate::cli::{BenchArgs, Global};

/// `iagraph bench`: a table of query latencies, one line per query as it is measured.
pub fn run(global: &Global, args: &BenchArgs) -> Result<()> {
    let dir = project(global)?.queries_dir();
    let queries = if args.queries.is_empty() {
        query::named_queries(&dir)?
    } else {
        args.queries
            .iter()
            .map(|name| query::named_query(&dir, name))
            .collect::<Result<_, _>>()?
    };
    let graph = open_graph(global, false)?;
    let graph = &*graph;
    let triples = graph
        .store()
        .len()
        .context("cannot count the store's triples")?;
    println!(
        "{triples} triples; each query once, then {} runs",
        args.runs
    );
    println!(
        "{:<24} {:>8} {:>12} {:>12} {:>12}",
        "query", "rows", "first", "median", "p95"
    );
    let runs = usize::try_from(args.runs).unwrap_or(usize::MAX);
    time_queries(graph, &queries, runs, &mut |t: &Timing| {
        println!(
            "{:<24} {:>8} {:>12} {:>12} {:>12}",
            t.name,
            t.rows,
            ms(t.first),
            ms(t.median),
            ms(t.p95)
        );
    })?;
    Ok(())
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
