use anyhow::{Result, bail};
use iagraph::data::Dataset;
use iagraph::ontology::Ontology;

use super::project;
use crate::cli::{Global, VerifyArgs};

/// `iagraph verify`: every quotation must be found in its article.
pub fn run(global: &Global, args: &VerifyArgs) -> Result<()> {
    let project = project(global)?;
    let ontology = Ontology::load(&project.ontology_file())?;
    let data = Dataset::load(&project.data_dir(), &ontology)?;
    // Like --store, a relative --seeds is taken from the project's root.
    let seeds = project.root.join(&args.seeds);
    let problems = data.check_evidence(&seeds)?;
    let checked: usize = data.statements.iter().map(|s| s.sources.len()).sum();
    if problems.is_empty() {
        println!(
            "{checked} evidence fragments, all found verbatim in {}",
            seeds.display()
        );
        return Ok(());
    }
    for p in &problems {
        eprintln!("{p}");
    }
    bail!(
        "{} of {checked} evidence fragments are not verbatim in their article",
        problems.len()
    )
}
