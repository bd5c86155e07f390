//! A project: where its inputs are (`data/`, `ontology/`, `queries/`), and
//! the loading pipeline that reads and checks them ([`crate::data`]), maps
//! them to quads ([`crate::mapping`]) on one thread and hands the quads in
//! batches to a consumer, Oxigraph's bulk loader for [`Project::load`], on
//! another.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

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
        let stopped = || Error::QuadsDropped;
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
