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

use oxigraph::model::Quad;
use oxigraph::store::Store;

use crate::data::Dataset;
use crate::error::Result;
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

    /// Reads and checks the ontology and the data, and maps them to quads.
    pub fn compile(&self, base: &Base) -> Result<Compiled> {
        let ontology = Ontology::load(&self.ontology_file())?;
        let data = Dataset::load(&self.data_dir(), &ontology)?;
        let mut quads = mapping::ontology_quads(&ontology, base);
        quads.extend(mapping::data_quads(&data, &ontology, base)?);
        Ok(Compiled {
            entities: data.entities.len(),
            statements: data.statements.len(),
            sources: data.sources.len(),
            quads,
        })
    }
}

/// The checked inputs, ready to load.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub entities: usize,
    pub statements: usize,
    pub sources: usize,
    pub quads: Vec<Quad>,
}

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
        let start = Instant::now();
        let compiled = project.compile(base)?;
        let store = Store::new()?;
        store.extend(compiled.quads.iter().cloned())?;
        let report = report(&compiled, &store, start)?;
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
    pub fn open_or_build(project: &Project, base: &Base, path: &Path, force: bool) -> Result<Self> {
        let mut report = None;
        if force || !disk::is_fresh(project, base, path)? {
            report = Some(disk::rebuild(project, base, path)?);
        }
        let store = Store::open_read_only(disk::db_dir(path))?;
        Ok(Self {
            store,
            base: base.clone(),
            report,
        })
    }
}

fn report(compiled: &Compiled, store: &Store, start: Instant) -> Result<BuildReport> {
    Ok(BuildReport {
        entities: compiled.entities,
        statements: compiled.statements,
        sources: compiled.sources,
        triples: store.len()?,
        elapsed: start.elapsed(),
    })
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
    pub fn rebuild(project: &Project, base: &Base, path: &Path) -> Result<BuildReport> {
        let start = Instant::now();
        // Check everything before touching the disk.
        let compiled = project.compile(base)?;
        let name = path
            .file_name()
            .map_or_else(|| "store".into(), |n| n.to_string_lossy().into_owned());
        let fresh = path.with_file_name(format!(".{name}.new-{}", std::process::id()));
        let old = path.with_file_name(format!(".{name}.old-{}", std::process::id()));
        let write_err = |p: &Path| {
            let p = p.to_owned();
            move |source| Error::Write { path: p, source }
        };
        let _ = std::fs::remove_dir_all(&fresh);
        std::fs::create_dir_all(&fresh).map_err(write_err(&fresh))?;
        let result = (|| {
            let store = Store::open(db_dir(&fresh))?;
            store.extend(compiled.quads.iter().cloned())?;
            store.flush()?;
            let report = report(&compiled, &store, start)?;
            drop(store);
            std::fs::write(fresh.join(STAMP), base.as_str()).map_err(write_err(&fresh))?;
            Ok::<_, Error>(report)
        })();
        let report = match result {
            Ok(r) => r,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&fresh);
                return Err(e);
            }
        };
        if path.exists() {
            std::fs::rename(path, &old).map_err(write_err(path))?;
        }
        if let Err(e) = std::fs::rename(&fresh, path) {
            // Put the previous store back rather than leave none.
            let _ = std::fs::rename(&old, path);
            return Err(write_err(path)(e));
        }
        let _ = std::fs::remove_dir_all(&old);
        Ok(report)
    }
}
