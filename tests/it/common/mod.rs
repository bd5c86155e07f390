//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::{Dataset, Graph as RdfGraph, Quad};

/// The crate's own directory (data/, ontology/, queries/).
pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(path: &str) -> PathBuf {
    manifest_dir().join("tests/fixtures").join(path)
}

/// A project in a temporary directory: the real ontology and queries, and
/// either the real data or the minimal fixture data.
pub fn temp_project(real_data: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["data", "ontology", "queries"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
    }
    let data = if real_data {
        manifest_dir().join("data")
    } else {
        fixture("minimal")
    };
    copy_files(&data, &dir.path().join("data"));
    copy_files(
        &manifest_dir().join("ontology"),
        &dir.path().join("ontology"),
    );
    copy_files(&manifest_dir().join("queries"), &dir.path().join("queries"));
    dir
}

fn copy_files(from: &Path, to: &Path) {
    let Ok(entries) = std::fs::read_dir(from) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// Runs the binary in `dir` with `args`.
pub fn iagraph(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iagraph"))
        .current_dir(dir)
        .env_remove("IAGRAPH_ROOT")
        .env_remove("IAGRAPH_BASE")
        .env_remove("IAGRAPH_STORE")
        .args(args)
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// The quads as a dataset whose blank nodes are named canonically, so that
/// two isomorphic datasets compare equal.
pub fn canonical_dataset(quads: impl IntoIterator<Item = Quad>) -> Dataset {
    let mut d: Dataset = quads.into_iter().collect();
    d.canonicalize(CanonicalizationAlgorithm::Unstable);
    d
}

/// The union of the quads' graphs, with canonical blank nodes.
pub fn canonical_graph(quads: impl IntoIterator<Item = Quad>) -> RdfGraph {
    let mut g: RdfGraph = quads
        .into_iter()
        .map(oxigraph::model::Triple::from)
        .collect();
    g.canonicalize(CanonicalizationAlgorithm::Unstable);
    g
}
