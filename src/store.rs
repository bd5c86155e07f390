//! Building the graph into an Oxigraph store.
//!
//! By default the store is in memory and built from `data/` and `ontology/`
//! at each run (well under a second at this scale). With the `rocksdb`
//! feature, `Graph::open_or_build` keeps it on disk and rebuilds it only
//! when an input changed, building into a fresh directory that replaces the
//! old one only once complete: a failed build never damages a working store.

#[cfg(feature = "rocksdb")]
use std::path::Path;
#[cfg(feature = "rocksdb")]
use std::path::PathBuf;

use oxigraph::store::Store;

use crate::error::Result;
use crate::iri::Base;
use crate::project::{BuildReport, Project};

/// The graph, ready to query.
pub struct Graph {
    store: Store,
    base: Base,
    /// Set when this run built the store, `None` when it reused one.
    report: Option<BuildReport>,
}

impl Graph {
    /// Builds the graph in memory.
    pub fn build(project: &Project, base: &Base) -> Result<Self> {
        Self::build_with_progress(project, base, &mut |_| {})
    }

    /// [`Graph::build`], reporting the statements loaded so far.
    pub fn build_with_progress(
        project: &Project,
        base: &Base,
        progress: &mut dyn FnMut(usize),
    ) -> Result<Self> {
        let store = Store::new()?;
        let report = project.load(&store, base, progress)?;
        Ok(Self {
            store,
            base: base.clone(),
            report: Some(report),
        })
    }

    /// A graph over an existing store (e.g. one the caller filled).
    pub fn from_store(store: Store, base: Base) -> Self {
        Self {
            store,
            base,
            report: None,
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn base(&self) -> &Base {
        &self.base
    }

    pub fn report(&self) -> Option<&BuildReport> {
        self.report.as_ref()
    }

    /// Opens the on-disk store at `path`, (re)building it first if it is
    /// missing or older than `data/`, `ontology/` or the running binary, or
    /// was built under another base IRI.
    #[cfg(feature = "rocksdb")]
    pub fn open_or_build(
        project: &Project,
        base: &Base,
        path: &Path,
        force: bool,
        progress: &mut dyn FnMut(usize),
    ) -> Result<Self> {
        let mut report = None;
        if force || !disk::is_fresh(project, base, path)? {
            report = Some(disk::rebuild(project, base, path, progress)?);
        }
        let store = Store::open_read_only(disk::db_dir(path))?;
        Ok(Self {
            store,
            base: base.clone(),
            report,
        })
    }
}

/// The newest modification time among the inputs (files under `dirs`, and `files`).
#[cfg(feature = "rocksdb")]
fn newest_input(dirs: &[PathBuf], files: &[PathBuf]) -> std::io::Result<std::time::SystemTime> {
    let mut newest = std::time::UNIX_EPOCH;
    let mut todo: Vec<PathBuf> = dirs.to_vec();
    for f in files {
        newest = newest.max(std::fs::metadata(f)?.modified()?);
    }
    while let Some(dir) = todo.pop() {
        newest = newest.max(std::fs::metadata(&dir)?.modified()?);
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let meta = entry.metadata()?;
            if meta.is_dir() {
                todo.push(entry.path());
            } else {
                newest = newest.max(meta.modified()?);
            }
        }
    }
    Ok(newest)
}

#[cfg(feature = "rocksdb")]
mod disk {
    use super::*;
    use crate::error::Error;

    const STAMP: &str = "stamp";

    pub fn db_dir(path: &Path) -> PathBuf {
        path.join("db")
    }

    /// Whether the store at `path` was built from the current inputs.
    pub fn is_fresh(project: &Project, base: &Base, path: &Path) -> Result<bool> {
        let stamp = path.join(STAMP);
        let (Ok(meta), Ok(text)) = (std::fs::metadata(&stamp), std::fs::read_to_string(&stamp))
        else {
            return Ok(false);
        };
        if text.trim() != base.as_str() || !db_dir(path).is_dir() {
            return Ok(false);
        }
        let mut files = Vec::new();
        if let Ok(exe) = std::env::current_exe() {
            files.push(exe);
        }
        let newest = newest_input(&[project.data_dir(), project.ontology_dir()], &files).map_err(
            |source| Error::Read {
                path: project.root.clone(),
                source,
            },
        )?;
        Ok(meta.modified().is_ok_and(|built| built >= newest))
    }

    /// Builds a complete store beside `path`, then swaps it in.
    pub fn rebuild(
        project: &Project,
        base: &Base,
        path: &Path,
        progress: &mut dyn FnMut(usize),
    ) -> Result<BuildReport> {
        crate::folder::replace_with(path, |fresh| {
            let store = Store::open(db_dir(fresh))?;
            let report = project.load(&store, base, progress)?;
            store.flush()?;
            drop(store);
            std::fs::write(fresh.join(STAMP), base.as_str())
                .map_err(crate::folder::write_error(fresh))?;
            Ok(report)
        })
    }
}
