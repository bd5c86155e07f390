use std::path::Path;

use anyhow::{Result, bail};
use iagraph::data::Dataset;
use iagraph::link::{self, LinkReport};
use iagraph::ontology::Ontology;
use iagraph::query::{self, Answer, OutputFormat};

use super::{open_graph, project, with_output};
use crate::cli::{Global, LinkArgs, LinkFormat};

/// `iagraph link`: the linkset, the report (`--report`) or the check (`--check`).
pub fn run(global: &Global, args: &LinkArgs) -> Result<()> {
    if let Some(table) = &args.check {
        return check(global, table);
    }
    if args.report {
        let format = args.format.unwrap_or(LinkFormat::Table);
        if !matches!(
            format,
            LinkFormat::Table | LinkFormat::Csv | LinkFormat::Json
        ) {
            bail!("--report writes table, csv or json");
        }
        let graph = open_graph(global, false)?;
        let graph = &*graph;
        let report = LinkReport::from_graph(graph)?;
        let base = graph.base().as_str();
        return with_output(args.output.as_deref(), |mut out| {
            match format {
                LinkFormat::Csv => report.write_csv(&mut out)?,
                LinkFormat::Json => report.write_json(&mut out)?,
                _ => report.write_table(base, &mut out)?,
            }
            Ok(())
        });
    }
    let format = match args.format.unwrap_or(LinkFormat::Turtle) {
        LinkFormat::Turtle => OutputFormat::Turtle,
        LinkFormat::Ntriples => OutputFormat::NTriples,
        _ => bail!(
            "the linkset is written as turtle or ntriples (table, csv and json go with --report)"
        ),
    };
    let graph = open_graph(global, false)?;
    let graph = &*graph;
    let linkset = Answer::Graph(link::linkset(graph)?);
    with_output(args.output.as_deref(), |mut out| {
        Ok(query::write(
            &linkset,
            format,
            graph.base().as_str(),
            &mut out,
        )?)
    })
}

/// Fails if data/ carries a Wikidata id the table does not confirm; warns
/// about the table's rows that no entity carries.
fn check(global: &Global, table: &Path) -> Result<()> {
    let project = project(global)?;
    let ontology = Ontology::load(&project.ontology_file())?;
    let data = Dataset::load(&project.data_dir(), &ontology)?;
    // Like --seeds, a relative path is taken from the project's root.
    let table = project.root.join(table);
    let references = link::read_references(&table)?;
    let result = link::check(&data, &references);
    for r in &result.unused {
        eprintln!(
            "warning: {}: {} ({}) is carried by no entity",
            r.location, r.label, r.wikidata
        );
    }
    for u in &result.unconfirmed {
        eprintln!(
            "{}: `{}` of entity `{}` is not in {}",
            u.location,
            u.wikidata,
            u.entity,
            table.display()
        );
    }
    if !result.unconfirmed.is_empty() {
        bail!(
            "{} of {} Wikidata ids in data are not in {}: link only confirmed ids",
            result.unconfirmed.len(),
            result.checked,
            table.display()
        );
    }
    println!(
        "{} Wikidata ids in data, all in {} ({} of its {} rows carried by no entity)",
        result.checked,
        table.display(),
        result.unused.len(),
        references.len()
    );
    Ok(())
}
