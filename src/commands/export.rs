use anyhow::{Context, Result};
use iagraph::Base;
use iagraph::export::dot::{DotOptions, write_dot};
use iagraph::export::{RdfExport, write_project_rdf};

use super::{data_progress, open_graph, project, with_output};
use iagraph::wording::Lang;

use crate::cli::{ExportArgs, ExportFormat, Global};

/// `iagraph export`: the whole graph, or a drawing of it.
pub fn run(global: &Global, args: &ExportArgs) -> Result<()> {
    if args.format != ExportFormat::Dot && (args.focus.is_some() || args.lang != Lang::Fr) {
        anyhow::bail!("--focus, --depth and --lang only apply to --format dot");
    }
    let rdf = match args.format {
        ExportFormat::Turtle => RdfExport::Turtle,
        ExportFormat::Ntriples => RdfExport::NTriples,
        ExportFormat::Nquads => RdfExport::NQuads,
        ExportFormat::Trig => RdfExport::TriG,
        ExportFormat::Jsonld => RdfExport::JsonLd,
        ExportFormat::Rdfxml => RdfExport::RdfXml,
        ExportFormat::Dot => {
            let options = DotOptions {
                lang: args.lang,
                focus: args.focus.clone(),
                depth: args.depth,
            };
            let graph = open_graph(global, false)?;
            let graph = &*graph;
            return with_output(args.output.as_deref(), |mut out| {
                Ok(write_dot(graph, &options, &mut out)?)
            });
        }
    };
    // The RDF formats stream from data/ without a store, even with --store:
    // the same triples, in bounded memory, and faster than reading every
    // term back out of RocksDB.
    let project = project(global)?;
    let base = Base::new(&global.base).context("invalid --base")?;
    let bar = data_progress()?;
    let written = with_output(args.output.as_deref(), |mut out| {
        let mut progress = |done: usize| bar.set_position(done as u64);
        Ok(write_project_rdf(
            &project,
            &base,
            rdf,
            &mut out,
            &mut progress,
        )?)
    });
    bar.finish_and_clear();
    written
}
