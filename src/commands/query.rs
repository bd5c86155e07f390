use anyhow::{Context, Result};
use iagraph::Base;
use iagraph::query;
use iagraph::remote::{self, QueryEndpoint};

use super::{open_graph, project, publish, with_output};
use crate::cli::{Global, QueryArgs};

/// `iagraph query`: run one query and print its answer.
pub fn run(global: &Global, args: &QueryArgs) -> Result<()> {
    let sparql = match (&args.name, &args.file, &args.sparql) {
        (Some(name), _, _) => query::named_query(&project(global)?.queries_dir(), name)?.sparql,
        (_, Some(file), _) => std::fs::read_to_string(file)
            .with_context(|| format!("cannot read {}", file.display()))?,
        (_, _, Some(sparql)) => sparql.clone(),
        (None, None, None) => unreachable!("clap requires one of them"),
    };
    if args.endpoint.is_none() && args.remote.user.is_some() {
        anyhow::bail!("--user and --password apply to a remote query: add --endpoint URL");
    }
    if args.explain {
        let graph = open_graph(global, false)?;
        let graph = &*graph;
        println!("{}", query::explain(graph, &sparql)?);
        return Ok(());
    }
    let (answer, base) = match &args.endpoint {
        None => {
            let graph = open_graph(global, false)?;
            let graph = &*graph;
            (query::run(graph, &sparql)?, graph.base().clone())
        }
        Some(url) => {
            let base = Base::new(&global.base).context("invalid --base")?;
            let endpoint = QueryEndpoint {
                url: url.clone(),
                default_graphs: publish::default_graphs(&base, &args.graphs)?,
            };
            let answer =
                remote::sparql::run(&publish::client(&args.remote), &endpoint, &base, &sparql)?;
            (answer, base)
        }
    };
    let format = args.format;
    let base = base.as_str();
    with_output(args.output.as_deref(), |mut out| {
        Ok(query::write(&answer, format, base, &mut out)?)
    })
}

/// `iagraph queries`: the named queries and their titles.
pub fn list(global: &Global) -> Result<()> {
    let queries = query::named_queries(&project(global)?.queries_dir())?;
    let width = queries.iter().map(|q| q.name.len()).max().unwrap_or(0);
    with_output(None, |out| {
        for q in &queries {
            writeln!(out, "{:width$}  {}", q.name, q.title)?;
        }
        Ok(())
    })
}
