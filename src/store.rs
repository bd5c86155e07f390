//! Building the graph into an Oxigraph store.
//!
//! By default the store is in memory and built from `data/` and `ontology/`
//! at each run (well under a second at this scale). With the `rocksdb`
//! feature, [`Graph::open_or_build`] keeps it on disk and rebuilds it only
//! when an input changed, building into a fresh directory that replaces the
//! old one only once complete: a failed build never damages a working store.

#[cfg(feature = "rocksdb")]
use std::path::Path;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use std::sync::mpsc;

use oxigraph::model::Quad;
use oxigraph::store::Store;

use crate::data;
use crate::error::{Error, Result};
use crate::iri::Base;
use crate::mapping;
use crate::ontology::Ontology;

/// Where a project's inputs are.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
}

impl Project {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        // `data/x.toml` reads better than `./data/x.toml` in messages.
        let root = if root.as_os_str() == "." {
            PathBuf::new()
        } else {
            root
        };
        Self { root }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.root.join("data")
    }

    pub fn ontology_dir(&self) -> PathBuf {
        self.root.join("ontology")
    }

    /// The OWL ontology loaded into the store.
    pub fn ontology_file(&self) -> PathBuf {
        self.ontology_dir().join("iagraph.ttl")
    }

    /// The SHACL shapes the data must satisfy.
    pub fn shapes_file(&self) -> PathBuf {
        self.ontology_dir().join("shapes.ttl")
    }

    pub fn queries_dir(&self) -> PathBuf {
        self.root.join("queries")
    }

    /// Checks the ontology and the data and loads them into `store` with
    /// Oxigraph's bulk loader, committing only once everything is checked
    /// and loaded: on any problem the store is left as it was.
    ///
    /// The data streams (see [`Project::map_quads`]): memory holds the
    /// entities, the ids and a few batches of quads, not the whole graph.
    /// `progress` sees the number of statements mapped.
    pub fn load(
        &self,
        store: &Store,
        base: &Base,
        progress: &mut dyn FnMut(usize),
    ) -> Result<BuildReport> {
        let start = Instant::now();
        let (loader, summary) = self.map_quads(
            base,
            |batches| {
                let mut loader = store.bulk_loader();
                loader.load_quads(batches.flatten())?;
                Ok(loader)
            },
            progress,
        )?;
        loader.commit()?;
        Ok(BuildReport {
            entities: summary.catalog.entities.len(),
            statements: summary.statements,
            sources: summary.catalog.sources.len(),
            triples: store.len()?,
            elapsed: start.elapsed(),
        })
    }

    /// Checks the ontology and the data and hands their quads, in batches,
    /// to `consume`, which runs on another thread while this one reads,
    /// checks and maps one data file at a time (see [`crate::data`]).
    /// A quad may come more than once (an entity mentioned by several
    /// statements); a store keeps it once.
    ///
    /// A consumer that fails stops the reading, and its error is returned;
    /// a data error ends the consumer's iterator early, and is returned.
    pub fn map_quads<T: Send>(
        &self,
        base: &Base,
        consume: impl FnOnce(&mut dyn Iterator<Item = Vec<Quad>>) -> Result<T> + Send,
        progress: &mut dyn FnMut(usize),
    ) -> Result<(T, data::Summary)> {
        let ontology = Ontology::load(&self.ontology_file())?;
        let (sender, receiver) = mpsc::sync_channel::<Vec<Quad>>(BATCHES_IN_FLIGHT);
        let (read, consumed) = std::thread::scope(|scope| {
            let consuming = scope.spawn(move || consume(&mut receiver.into_iter()));
            let read = self.map_into(&ontology, base, &sender, progress);
            drop(sender);
            let consumed = consuming
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (read, consumed)
        });
        // A consumer that failed stops the reading: its error is the cause.
        let consumed = consumed?;
        Ok((consumed, read?))
    }

    /// Reads and checks the data, sending its quads in batches.
    fn map_into(
        &self,
        ontology: &Ontology,
        base: &Base,
        sender: &mpsc::SyncSender<Vec<Quad>>,
        progress: &mut dyn FnMut(usize),
    ) -> Result<data::Summary> {
        let stopped = || Error::Unsupported("the consumer of the quads stopped".into());
        sender
            .send(mapping::ontology_quads(ontology, base))
            .map_err(|_| stopped())?;
        let mut catalog_sent = false;
        let mut mapped = 0;
        let summary = data::stream(&self.data_dir(), ontology, &mut |catalog, _, statements| {
            if !catalog_sent {
                sender
                    .send(mapping::catalog_quads(catalog, base)?)
                    .map_err(|_| stopped())?;
                catalog_sent = true;
            }
            for chunk in statements.chunks(STATEMENTS_PER_BATCH) {
                let mut quads = Vec::with_capacity(chunk.len() * 20);
                for st in chunk {
                    mapping::statement_quads(st, catalog, ontology, base, &mut quads)?;
                }
                sender.send(quads).map_err(|_| stopped())?;
                mapped += chunk.len();
                progress(mapped);
            }
            Ok(())
        })?;
        // A data/ without statements still has its entities and sources.
        if !catalog_sent {
            sender
                .send(mapping::catalog_quads(&summary.catalog, base)?)
                .map_err(|_| stopped())?;
        }
        Ok(summary)
    }
}

/// Statements mapped per batch of quads sent to the loader (about 20 quads
/// each), and batches waiting for it: enough to keep it busy, little memory.
const STATEMENTS_PER_BATCH: usize = 2_000;
const BATCHES_IN_FLIGHT: usize = 4;

/// What a build did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    pub entities: usize,
    pub statements: usize,
    pub sources: usize,
    pub triples: usize,
    pub elapsed: Duration,
}

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
pub fn newest_input(dirs: &[PathBuf], files: &[PathBuf]) -> std::io::Result<std::time::SystemTime> {
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
