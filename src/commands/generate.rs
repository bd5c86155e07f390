use anyhow::{Context, Result};
use iagraph::synthetic::{self, Options};
use indicatif::{ProgressBar, ProgressStyle};

use super::{project, refuse_to_replace};
use crate::cli::{GenArgs, Global};

/// `iagraph gen`: a synthetic project for benchmarks, with a progress bar.
pub fn run(global: &Global, args: &GenArgs) -> Result<()> {
    refuse_to_replace(&args.output, args.force)?;
    let from = project(global)?;
    let options = Options {
        statements: usize::try_from(args.statements).context("--statements is too large")?,
        seed: args.seed,
        statements_per_file: usize::try_from(args.statements_per_file).unwrap_or(usize::MAX),
    };
    let bar = ProgressBar::new(args.statements).with_style(
        ProgressStyle::with_template(
            "{spinner} generating [{bar:30}] {pos}/{len} statements ({per_sec}, {eta} left)",
        )
        .context("progress bar template")?
        .progress_chars("=> "),
    );
    let summary = iagraph::folder::replace_with(&args.output, |dir| {
        synthetic::copy_project_files(&from, dir)?;
        synthetic::write_with_progress(dir, &options, |done| bar.set_position(done as u64))
    });
    bar.finish_and_clear();
    let summary =
        summary.with_context(|| format!("cannot write the project {}", args.output.display()))?;
    eprintln!(
        "wrote {} statements, {} entities, {} sources in {} files ({} bytes) into {}",
        summary.statements,
        summary.entities,
        summary.sources,
        summary.files,
        summary.bytes,
        args.output.join("data").display()
    );
    Ok(())
}
