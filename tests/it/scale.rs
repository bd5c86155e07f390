//! The tools for large graphs: the synthetic corpus, the streaming build,
//! the sorted streaming export and the query timings.

use crate::common;

use std::path::Path;

use common::{iagraph, manifest_dir, stderr, stdout, temp_project};
use oxigraph::io::{RdfFormat, RdfParser};

fn generate(dir: &Path, args: &[&str]) -> std::process::Output {
    let root = manifest_dir();
    let mut all = vec!["--root", root.to_str().unwrap(), "gen"];
    all.extend_from_slice(args);
    iagraph(dir, &all)
}

#[test]
fn a_generated_project_builds_with_the_counts_it_announces() {
    let dir = tempfile::tempdir().unwrap();
    let out = generate(
        dir.path(),
        &["-n", "3000", "-o", "big", "--statements-per-file", "1000"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("wrote 3000 statements, 1502 entities, 93 sources in 5 files"),
        "{}",
        stderr(&out)
    );
    let mut files: Vec<String> = std::fs::read_dir(dir.path().join("big/data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "entities.toml",
            "sources.toml",
            "statements-0000.toml",
            "statements-0001.toml",
            "statements-0002.toml"
        ]
    );
    // The ontology and the named queries come along, so the folder is a project.
    assert!(dir.path().join("big/ontology/iagraph.ttl").is_file());
    assert!(dir.path().join("big/queries/funders.rq").is_file());

    let built = iagraph(dir.path(), &["--root", "big", "build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(
        stdout(&built).contains("entities 1502, statements 3000, sources 93, triples"),
        "{}",
        stdout(&built)
    );
    // Every generated statement is in the graph, with its source and evidence.
    let count = iagraph(
        dir.path(),
        &[
            "--root",
            "big",
            "query",
            "--format",
            "csv",
            "--sparql",
            "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a iag:Statement ; prov:wasDerivedFrom ?a ; iag:evidence ?e }",
        ],
    );
    assert_eq!(stdout(&count), "n\r\n3000\r\n");
}

#[test]
fn the_same_seed_gives_the_same_graph_and_another_seed_another() {
    let dir = tempfile::tempdir().unwrap();
    for (name, seed) in [("a", "7"), ("b", "7"), ("c", "8")] {
        let out = generate(dir.path(), &["-n", "500", "-o", name, "--seed", seed]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let export = |name: &str| {
        let out = iagraph(
            dir.path(),
            &["--root", name, "export", "--format", "nquads"],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        out.stdout
    };
    assert_eq!(export("a"), export("b"));
    assert_ne!(export("a"), export("c"));
}

#[test]
fn gen_replaces_a_folder_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    std::fs::write(dir.path().join("out/keep.txt"), "mine").unwrap();
    let refused = generate(dir.path(), &["-n", "10", "-o", "out"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("out already holds files: pass --force to replace it"),
        "{}",
        stderr(&refused)
    );
    assert!(dir.path().join("out/keep.txt").is_file());
    let forced = generate(dir.path(), &["-n", "10", "-o", "out", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(!dir.path().join("out/keep.txt").exists());
    assert!(dir.path().join("out/data/sources.toml").is_file());
}

/// Statements may come before the entities they name, in file order: the
/// entities are read first.
#[test]
fn statements_may_precede_their_entities_in_file_order() {
    let dir = temp_project(false);
    let data = dir.path().join("data");
    let facts = std::fs::read_to_string(data.join("facts.toml")).unwrap();
    let split = facts.find("[[statement]]").unwrap();
    std::fs::write(data.join("a-statements.toml"), &facts[split..]).unwrap();
    std::fs::write(data.join("z-entities.toml"), &facts[..split]).unwrap();
    std::fs::remove_file(data.join("facts.toml")).unwrap();
    let out = iagraph(dir.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("entities 3, statements 1"),
        "{}",
        stdout(&out)
    );

    // A mistake in a statement file read in the second pass is located.
    let broken = facts[split..].replace("object = \"supercalculateur\"", "object = \"inconnu\"");
    std::fs::write(data.join("a-statements.toml"), broken).unwrap();
    let out = iagraph(dir.path(), &["build"]);
    assert_eq!(out.status.code(), Some(65));
    assert!(
        stderr(&out).contains("2 problems in data:\n  data/a-statements.toml:5:10: unknown entity `inconnu`\n  data/z-entities.toml:8:6: entity `supercalculateur` is in no statement"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_large_export_is_sorted_distinct_and_parses_back() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        generate(dir.path(), &["-n", "2000", "-o", "p"])
            .status
            .success()
    );
    let out = iagraph(
        dir.path(),
        &["--root", "p", "export", "--format", "ntriples"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "sorted and distinct");
    let parsed = RdfParser::from_format(RdfFormat::NTriples)
        .for_slice(text.as_bytes())
        .count();
    assert_eq!(parsed, lines.len());
    let built = iagraph(dir.path(), &["--root", "p", "build"]);
    let triples: usize = stdout(&built)
        .rsplit("triples ")
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(lines.len(), triples);
}

#[test]
fn bench_times_every_named_query_and_explain_shows_a_plan() {
    let dir = temp_project(true);
    let out = iagraph(dir.path(), &["bench", "--runs", "2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let queries = std::fs::read_dir(dir.path().join("queries"))
        .unwrap()
        .count();
    let rows: Vec<&str> = text.lines().skip(2).collect();
    assert_eq!(rows.len(), queries, "{text}");
    let funders = rows.iter().find(|r| r.starts_with("funders ")).unwrap();
    let columns: Vec<&str> = funders.split_whitespace().collect();
    // name, rows, then three durations in ms.
    assert_eq!(columns[1], "16", "{funders}");
    assert_eq!(columns.iter().filter(|c| **c == "ms").count(), 3);

    let plan = iagraph(dir.path(), &["query", "funders", "--explain"]);
    assert!(plan.status.success(), "{}", stderr(&plan));
    let json: serde_json::Value = serde_json::from_slice(&plan.stdout).unwrap();
    assert!(json["plan"]["name"].is_string(), "{json}");
}
