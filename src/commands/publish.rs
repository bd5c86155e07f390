use std::time::Duration;

use anyhow::{Context, Result};
use iagraph::Base;
use iagraph::remote::{self, AuthScheme, Client, Credentials, GraphStore, Target};
use indicatif::{ProgressBar, ProgressStyle};
use oxigraph::model::NamedNode;

use super::open_graph;
use crate::cli::{Auth, Global, PublishArgs, RemoteArgs};

/// `iagraph publish`: send the graph to a remote store.
pub fn run(global: &Global, args: &PublishArgs) -> Result<()> {
    let store = GraphStore::new(
        &args.endpoint,
        args.query_endpoint.as_deref(),
        args.update_endpoint.as_deref(),
    )?;
    let graph = open_graph(global, false)?;
    let graph = &*graph;
    let base = graph.base();
    let targets = [
        Target {
            local: base.data_graph(),
            remote: graph_iri(args.graph.as_deref(), base.data_graph(), "--graph")?,
        },
        Target {
            local: base.ontology_graph(),
            remote: graph_iri(
                args.ontology_graph.as_deref(),
                base.ontology_graph(),
                "--ontology-graph",
            )?,
        },
    ];
    if targets[0].remote == targets[1].remote {
        anyhow::bail!("--graph and --ontology-graph must name two different graphs");
    }
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template(
            "{spinner} publishing [{bar:30}] {pos}/{len} triples ({per_sec}, {eta} left)",
        )
        .context("progress bar template")?
        .progress_chars("=> "),
    );
    let report = remote::publish(
        &client(&args.remote),
        &store,
        graph,
        &targets,
        usize::try_from(args.chunk_triples).unwrap_or(usize::MAX),
        &mut |p| {
            bar.set_length(p.total);
            bar.set_position(p.sent);
        },
    );
    bar.finish_and_clear();
    let report = report.with_context(|| format!("publishing to {} failed", args.endpoint))?;
    let seconds = report.elapsed.as_secs_f64();
    for (graph, triples) in &report.graphs {
        eprintln!(
            "{}: {triples} triples, counted on the server",
            graph.as_str()
        );
    }
    eprintln!(
        "published {} triples in {} requests in {:.2} s ({:.0} triples/s)",
        report.triples,
        report.requests,
        seconds,
        report.triples as f64 / seconds.max(1e-9)
    );
    Ok(())
}

fn graph_iri(given: Option<&str>, default: NamedNode, option: &str) -> Result<NamedNode> {
    match given {
        None => Ok(default),
        Some(iri) => NamedNode::new(iri).with_context(|| format!("{option} `{iri}` is not an IRI")),
    }
}

/// The HTTP client for the remote options.
pub fn client(args: &RemoteArgs) -> Client {
    let credentials = match (&args.user, &args.password) {
        (Some(user), Some(password)) => Some(Credentials {
            user: user.clone(),
            password: password.clone(),
            scheme: match args.auth {
                Auth::Basic => AuthScheme::Basic,
                Auth::Digest => AuthScheme::Digest,
            },
        }),
        _ => None,
    };
    Client::new(credentials, Duration::from_secs(args.timeout_s))
}

/// The graphs a remote query reads by default: where `publish` puts them.
pub fn default_graphs(base: &Base, given: &[String]) -> Result<Vec<NamedNode>> {
    if given.is_empty() {
        return Ok(vec![base.data_graph(), base.ontology_graph()]);
    }
    given
        .iter()
        .map(|iri| NamedNode::new(iri).with_context(|| format!("--graph `{iri}` is not an IRI")))
        .collect()
}
