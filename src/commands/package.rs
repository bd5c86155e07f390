use std::str::FromStr;

use anyhow::{Context, Result, bail};
use iagraph::package::{Options, PackagedFile, publish};

use super::{open_graph, refuse_to_replace};
use crate::cli::{Global, PackageArgs};

/// `iagraph package`: the open-data folder, one progress line per file.
pub fn run(global: &Global, args: &PackageArgs) -> Result<()> {
    let output = &args.output;
    refuse_to_replace(output, args.force)?;
    let graph = open_graph(global, false)?;
    let graph = &*graph;
    let mut options = Options::new(graph.base());
    if let Some(url) = &args.base_url {
        options.download_url.clone_from(url);
    }
    if let Some(url) = &args.endpoint_url {
        options.endpoint_url.clone_from(url);
    }
    if let Some(contact) = &args.contact {
        options.contact.clone_from(contact);
    }
    options.publisher.clone_from(&args.publisher);
    if let Some(day) = &args.issued {
        options.issued = date("--issued", day)?;
    }
    if let Some(day) = &args.modified {
        options.modified = date("--modified", day)?;
    }
    let files = publish(graph, &options, output, &mut |file: &PackagedFile| {
        eprintln!("{:>10} bytes  {}", file.bytes, file.name);
    })
    .with_context(|| format!("cannot write the package {}", output.display()))?;
    let total: u64 = files.iter().map(|f| f.bytes).sum();
    eprintln!(
        "wrote {} files, {total} bytes, into {}",
        files.len(),
        output.display()
    );
    Ok(())
}

fn date(option: &str, value: &str) -> Result<oxsdatatypes::Date> {
    if value.len() != 10 {
        bail!("{option} {value}: expected YYYY-MM-DD");
    }
    oxsdatatypes::Date::from_str(value)
        .with_context(|| format!("{option} {value}: expected YYYY-MM-DD"))
}
