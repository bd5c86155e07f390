use anyhow::Result;
use iagraph::export::dot::{DotOptions, write_dot};
use iagraph::export::{RdfExport, write_rdf};

use super::{open_graph, with_output};
use crate::cli::{ExportArgs, ExportFormat, Global, Lang};

/// `iagraph export`: the whole graph, or a drawing of it.
pub fn run(global: &Global, args: &ExportArgs) -> Result<()> {
    if args.format != ExportFormat::Dot && (args.focus.is_some() || args.lang != Lang::Fr) {
        anyhow::bail!("--focus, --depth and --lang only apply to --format dot");
    }
    let graph = open_graph(global, false)?;
    let rdf = match args.format {
        ExportFormat::Turtle => RdfExport::Turtle,
        ExportFormat::Ntriples => RdfExport::NTriples,
        ExportFormat::Nquads => RdfExport::NQuads,
        ExportFormat::Trig => RdfExport::TriG,
        ExportFormat::Jsonld => RdfExport::JsonLd,
        ExportFormat::Rdfxml => RdfExport::RdfXml,
        ExportFormat::Dot => {
            let options = DotOptions {
                lang: if args.lang == Lang::En { "en" } else { "fr" }.into(),
                focus: args.focus.clone(),
                depth: args.depth,
            };
            return with_output(args.output.as_deref(), |mut out| {
                Ok(write_dot(graph, &options, &mut out)?)
            });
        }
    };
    with_output(args.output.as_deref(), |mut out| {
        Ok(write_rdf(graph, rdf, &mut out)?)
    })
}
