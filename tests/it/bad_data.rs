//! Bad data is refused with its file, line, column and cause, with exit
//! code 65, and never damages what was built or written before.

use crate::common;

use common::{iagraph, stderr, temp_project};

/// (fixture, where the mistake is in data/facts.toml, what the message says)
const CASES: &[(&str, &str, &str)] = &[
    (
        "syntax",
        "facts.toml:4:17",
        "TOML syntax: invalid basic string",
    ),
    (
        "unknown-entity",
        "facts.toml:11:10",
        "unknown entity `inconnu`",
    ),
    (
        "unknown-relation",
        "facts.toml:10:12",
        "unknown relation `likes`",
    ),
    ("unknown-class", "facts.toml:3:9", "unknown class `Country`"),
    (
        "duplicate-id",
        "facts.toml:8:6",
        "duplicate id `etat` (first defined at",
    ),
    ("bad-date", "facts.toml:12:8", "bad date `2024-02-30`"),
    (
        "bad-iri",
        "facts.toml:6:12",
        "bad IRI `http://www.wikidata.org/entity/Q 142`",
    ),
    ("bad-id", "facts.toml:2:6", "bad id `Etat Français`"),
    (
        "missing-source",
        "facts.toml:8:6",
        "statement `etat-partenaire-etat` has no source",
    ),
    ("empty-evidence", "facts.toml:13:39", "empty evidence"),
    (
        "unknown-source",
        "facts.toml:13:16",
        "unknown source `art-absent`",
    ),
    (
        "bad-currency",
        "facts.toml:20:35",
        "currency `GBP` is the iso4217 of no Currency entity (declared: EUR)",
    ),
    (
        "bad-iso3166",
        "facts.toml:6:11",
        "bad iso3166 `Fr`: an ISO 3166-1 alpha-2 code is 2 upper-case ASCII letters",
    ),
    (
        "misplaced-iso-code",
        "facts.toml:6:11",
        "bad iso3166 `FR`: only State entities have one, not City",
    ),
    (
        "misplaced-demonyms",
        "facts.toml:6:16",
        "demonyms_fr: only State entities have them, not City",
    ),
    (
        "wikidata-page-link",
        "facts.toml:6:12",
        "bad IRI `https://www.wikidata.org/wiki/Q142`: link a Wikidata item by its concept IRI, http://www.wikidata.org/entity/Q…",
    ),
    (
        "min-above-max",
        "facts.toml:8:6",
        "quantity: min 10 is above max 5",
    ),
    (
        "missing-modality",
        "facts.toml:22:6",
        "statement `etat-finance-supercalculateur` has no `modality`: one of aimed, announced, claimed, committed, expected, planned, recommended, reported",
    ),
    (
        "unknown-modality",
        "facts.toml:25:12",
        "unknown modality `rumoured`: one of aimed, announced",
    ),
    (
        "date-finer-than-text",
        "facts.toml:27:8",
        "date `2023-06-14` is finer than any quotation or source date gives",
    ),
    (
        "outside-domain",
        "facts.toml:23:11",
        "`supercalculateur` is a Supercomputer, outside the domain of `worksFor` (Person)",
    ),
    (
        "part-larger-than-whole",
        "facts.toml:36:11",
        "`part_of`: the amount of `etat-finance-partie` is larger than that of `etat-finance-tout`",
    ),
    (
        "part-of-cycle",
        "facts.toml:27:11",
        "`part_of` loops: etat-finance-a → etat-finance-b → etat-finance-a",
    ),
    (
        "part-of-unknown",
        "facts.toml:27:11",
        "`part_of`: no statement `etat-finance-absent`",
    ),
    (
        "inferred-not-given",
        "facts.toml:27:29",
        "`announced_by` is marked inferred but not given",
    ),
    (
        "bad-link",
        "facts.toml:6:12",
        "bad IRI `javascript:alert(1)`: scheme `javascript`: link to http(s) datasets only",
    ),
];

#[test]
fn each_kind_of_bad_data_is_located_and_explained() {
    for (fixture, position, cause) in CASES {
        let project = temp_project(false);
        let facts = project.path().join("data/facts.toml");
        std::fs::copy(common::fixture(&format!("bad/{fixture}.toml")), &facts).unwrap();
        let out = iagraph(project.path(), &["build"]);
        let message = stderr(&out);
        assert_eq!(out.status.code(), Some(65), "{fixture}: {message}");
        let expected = format!("data/{position}: {cause}");
        assert!(
            message.contains(&expected),
            "{fixture}: expected `{expected}` in:\n{message}"
        );
    }
}

#[test]
fn all_problems_are_reported_at_once() {
    let project = temp_project(false);
    let facts = project.path().join("data/facts.toml");
    let text = std::fs::read_to_string(&facts).unwrap();
    let broken = text
        .replace("relation = \"funds\"", "relation = \"fundz\"")
        .replace("date = \"2023-06\"", "date = \"2023-13\"");
    std::fs::write(&facts, broken).unwrap();
    let out = iagraph(project.path(), &["build"]);
    let message = stderr(&out);
    assert!(message.contains("2 problems in data"), "{message}");
    assert!(message.contains("unknown relation `fundz`"), "{message}");
    assert!(message.contains("bad date `2023-13`"), "{message}");
}

#[test]
fn a_failed_export_leaves_the_previous_file_untouched() {
    let project = temp_project(false);
    let out = iagraph(project.path(), &["export", "--output", "graph.ttl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = std::fs::read(project.path().join("graph.ttl")).unwrap();
    assert!(!before.is_empty());

    std::fs::copy(
        common::fixture("bad/unknown-entity.toml"),
        project.path().join("data/facts.toml"),
    )
    .unwrap();
    let out = iagraph(project.path(), &["export", "--output", "graph.ttl"]);
    assert_eq!(out.status.code(), Some(65));
    assert!(
        stderr(&out).contains("data/facts.toml:11:10"),
        "{}",
        stderr(&out)
    );
    let piped = iagraph(project.path(), &["export", "--format", "ntriples"]);
    assert_eq!(piped.status.code(), Some(65));
    assert!(piped.stdout.is_empty(), "half an export on standard output");
    assert_eq!(
        std::fs::read(project.path().join("graph.ttl")).unwrap(),
        before
    );
    let leftovers: Vec<_> = std::fs::read_dir(project.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files left behind: {leftovers:?}"
    );
}

#[test]
fn a_broken_ontology_is_located() {
    let project = temp_project(false);
    let ontology = project.path().join("ontology/iagraph.ttl");
    let mut text = std::fs::read_to_string(&ontology).unwrap();
    text.push_str("\niag:Broken a owl:Class , .\n");
    std::fs::write(&ontology, &text).unwrap();
    let line = text.lines().count();
    let out = iagraph(project.path(), &["build"]);
    assert_eq!(out.status.code(), Some(65));
    assert!(
        stderr(&out).contains(&format!("ontology/iagraph.ttl:{line}:")),
        "{}",
        stderr(&out)
    );
}

/// With the on-disk store, a failed rebuild keeps the previous store whole.
#[cfg(feature = "rocksdb")]
#[test]
fn a_failed_rebuild_keeps_the_previous_store() {
    use oxigraph::store::Store;

    let project = temp_project(false);
    let out = iagraph(project.path(), &["build", "--store"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let db = project.path().join(".iagraph/store/db");
    let before = Store::open_read_only(&db).unwrap().len().unwrap();
    assert!(before > 0);

    std::fs::copy(
        common::fixture("bad/unknown-entity.toml"),
        project.path().join("data/facts.toml"),
    )
    .unwrap();
    let out = iagraph(project.path(), &["build", "--store"]);
    assert_eq!(out.status.code(), Some(65), "{}", stderr(&out));
    assert_eq!(Store::open_read_only(&db).unwrap().len().unwrap(), before);
    // Nothing is served from the stale store either: the query refuses too.
    let out = iagraph(project.path(), &["query", "--store", "--sparql", "ASK {}"]);
    assert_eq!(out.status.code(), Some(65));
}
