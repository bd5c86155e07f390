use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use iagraph::Base;
use iagraph::serve::{ServeConfig, Workers, serve};

use super::{build_graph, project};
use crate::cli::{Global, ServeArgs, WorkerArgs};

/// `iagraph serve`: build (or open) the graph, then serve it until Ctrl-C.
pub fn run(global: &Global, args: &ServeArgs) -> Result<()> {
    let project = project(global)?;
    let graph = Arc::new(build_graph(global, false)?);
    let config = ServeConfig {
        timeout: Duration::from_secs(args.timeout_s),
        max_rows: args.max_rows,
        max_body_bytes: args.max_body_bytes,
        max_queries: usize::try_from(args.max_queries).unwrap_or(usize::MAX),
        workers: workers(global, args)?,
    };
    // Only this command needs an async runtime; the others stay synchronous.
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.bind)
            .await
            .with_context(|| format!("cannot listen on {}", args.bind))?;
        let addr = listener
            .local_addr()
            .context("cannot read the bound address")?;
        eprintln!("serving http://{addr}/ (SPARQL endpoint http://{addr}/sparql)");
        serve(graph, project, config, listener).await?;
        eprintln!("stopped");
        Ok(())
    })
}

/// The workers SPARQL queries run in: this binary again. An on-disk store
/// (`--store`) is queried in this process instead: a worker would load a
/// copy of it in memory, and RocksDB does not let two processes hold it.
fn workers(global: &Global, args: &ServeArgs) -> Result<Option<Workers>> {
    if global.store.is_some() {
        return Ok(None);
    }
    let program = std::env::current_exe().context("cannot find the iagraph binary to run")?;
    Ok(Some(Workers {
        program,
        max_query_memory_mb: args.max_query_memory_mb,
    }))
}

/// `iagraph sparql-worker`: what `serve` runs to evaluate its queries.
pub fn worker(global: &Global, args: &WorkerArgs) -> Result<()> {
    let base = Base::new(&global.base)?;
    iagraph::serve::work(base, args.max_memory_mb)?;
    Ok(())
}
