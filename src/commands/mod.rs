//! One function per command; `main` only parses and dispatches.

use std::io::{BufWriter, Write};
use std::mem::ManuallyDrop;
use std::path::Path;

use anyhow::{Context, Result};
use iagraph::{Base, Graph, Project};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{Cli, Command, Global};

mod bench;
mod build;
mod export;
mod extract;
mod generate;
mod link;
mod package;
mod publish;
mod query;
mod serve;
mod verify;

pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Build(args) => build::run(&cli.global, &args),
        Command::Query(args) => query::run(&cli.global, &args),
        Command::Queries => query::list(&cli.global),
        Command::Export(args) => export::run(&cli.global, &args),
        Command::Verify(args) => verify::run(&cli.global, &args),
        Command::Serve(args) => serve::run(&cli.global, &args),
        Command::Publish(args) => publish::run(&cli.global, &args),
        Command::Link(args) => link::run(&cli.global, &args),
        Command::Package(args) => package::run(&cli.global, &args),
        Command::Gen(args) => generate::run(&cli.global, &args),
        Command::Bench(args) => bench::run(&cli.global, &args),
        Command::Extract(args) => extract::run(&cli.global, &args),
        Command::SparqlWorker(args) => serve::worker(&cli.global, &args),
    }
}

fn project(global: &Global) -> Result<Project> {
    let project = Project::new(&global.root);
    if !project.data_dir().is_dir() {
        anyhow::bail!(
            "no data/ directory in {}: run iagraph from the project's root or pass --root DIR",
            global.root.display()
        );
    }
    Ok(project)
}

/// Refuses early, before any work, to replace a folder that holds files
/// unless `force` is given.
fn refuse_to_replace(output: &Path, force: bool) -> Result<()> {
    if let Ok(meta) = output.symlink_metadata() {
        if !meta.is_dir() {
            anyhow::bail!("{} exists and is not a folder", output.display());
        }
        let empty = std::fs::read_dir(output)
            .with_context(|| format!("cannot read {}", output.display()))?
            .next()
            .is_none();
        if !empty && !force {
            anyhow::bail!(
                "{} already holds files: pass --force to replace it",
                output.display()
            );
        }
    }
    Ok(())
}

/// The graph, built in memory or opened from the on-disk store, for a
/// command that ends the process: it is not dropped, because freeing a large
/// in-memory store node by node takes as long as a tenth of building it
/// (15 s at 10^6 statements), and the process is about to exit anyway.
fn open_graph(global: &Global, force: bool) -> Result<ManuallyDrop<Graph>> {
    Ok(ManuallyDrop::new(build_graph(global, force)?))
}

/// The graph, built in memory or opened from the on-disk store.
fn build_graph(global: &Global, force: bool) -> Result<Graph> {
    let project = project(global)?;
    let base = Base::new(&global.base).context("invalid --base")?;
    let bar = data_progress()?;
    let mut progress = |done: usize| bar.set_position(done as u64);
    let graph = match &global.store {
        None => Graph::build_with_progress(&project, &base, &mut progress).map_err(Into::into),
        Some(path) => open_on_disk(
            &project,
            &base,
            &global.root.join(path),
            force,
            &mut progress,
        ),
    };
    bar.finish_and_clear();
    graph
}

/// A spinner counting the statements read from data/ (hidden when stderr is no terminal).
fn data_progress() -> Result<ProgressBar> {
    Ok(ProgressBar::new_spinner().with_style(
        ProgressStyle::with_template("{spinner} loading data/: {pos} statements ({per_sec})")
            .context("progress bar template")?,
    ))
}

#[cfg(feature = "rocksdb")]
fn open_on_disk(
    project: &Project,
    base: &Base,
    path: &Path,
    force: bool,
    progress: &mut dyn FnMut(usize),
) -> Result<Graph> {
    let graph = Graph::open_or_build(project, base, path, force, progress)
        .with_context(|| format!("cannot open the store {}", path.display()))?;
    if let Some(r) = graph.report() {
        eprintln!(
            "built {} from data/: {} entities, {} statements, {} triples in {:.0?}",
            path.display(),
            r.entities,
            r.statements,
            r.triples,
            r.elapsed
        );
    }
    Ok(graph)
}

#[cfg(not(feature = "rocksdb"))]
fn open_on_disk(
    _: &Project,
    _: &Base,
    path: &Path,
    _: bool,
    _: &mut dyn FnMut(usize),
) -> Result<Graph> {
    anyhow::bail!(
        "--store {} needs the on-disk backend: rebuild with `cargo build --release --features rocksdb` \
         (and `apt-get install libclang-dev`), or drop --store to build the graph in memory",
        path.display()
    )
}

/// Runs `write` on standard output, or on `path` through a temporary file
/// renamed into place once complete, so a failure never leaves half a file.
fn with_output(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    match path {
        None => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            write(&mut out)?;
            out.flush()?;
            Ok(())
        }
        // A device, a pipe or a socket (`-o /dev/null`, a FIFO) is written in
        // place: renaming a file over it would replace the device itself.
        Some(path) if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) => {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            let mut out = BufWriter::new(file);
            write(&mut out)?;
            out.flush()
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(())
        }
        Some(path) => {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            let mut tmp = tempfile::NamedTempFile::new_in(dir)
                .with_context(|| format!("cannot create a file in {}", dir.display()))?;
            {
                let mut out = BufWriter::new(tmp.as_file_mut());
                write(&mut out)?;
                out.flush()
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            // A temporary file is private (0600); the export is meant to be read.
            let permissions = match std::fs::metadata(path) {
                Ok(meta) => Some(meta.permissions()),
                Err(_) => readable_by_all(),
            };
            if let Some(permissions) = permissions {
                std::fs::set_permissions(tmp.path(), permissions)
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            tmp.persist(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(())
        }
    }
}

#[cfg(unix)]
fn readable_by_all() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn readable_by_all() -> Option<std::fs::Permissions> {
    None
}
