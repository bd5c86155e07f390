//! Every export parses back to the same graph, deterministically, and the
//! DOT drawing is well-formed.

use std::collections::{BTreeMap, BTreeSet};

use iagraph::export::dot::{DotOptions, write_dot};
use iagraph::export::{RdfExport, write_project_rdf, write_rdf};
use iagraph::{Base, Graph, Project};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Quad};

use crate::common;
use common::{canonical_dataset, canonical_graph};

fn graph() -> Graph {
    Graph::build(&Project::new(env!("CARGO_MANIFEST_DIR")), &Base::default()).unwrap()
}

fn export(graph: &Graph, format: RdfExport) -> Vec<u8> {
    let mut out = Vec::new();
    write_rdf(graph, format, &mut out).unwrap();
    out
}

fn parse(bytes: &[u8], format: RdfFormat) -> Vec<Quad> {
    RdfParser::from_format(format)
        .for_slice(bytes)
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{format} export does not parse back: {e}"))
}

#[test]
fn streaming_from_data_writes_the_bytes_of_the_built_graph() {
    let graph = graph();
    let project = Project::new(env!("CARGO_MANIFEST_DIR"));
    for format in [
        RdfExport::Turtle,
        RdfExport::NTriples,
        RdfExport::NQuads,
        RdfExport::TriG,
        RdfExport::JsonLd,
        RdfExport::RdfXml,
    ] {
        let mut statements = 0;
        let mut streamed = Vec::new();
        write_project_rdf(&project, graph.base(), format, &mut streamed, &mut |n| {
            statements = n
        })
        .unwrap();
        assert_eq!(streamed, export(&graph, format), "{format:?}");
        assert_eq!(statements, graph.report().unwrap().statements);
    }
}

#[test]
fn dataset_formats_round_trip_with_their_graphs() {
    let graph = graph();
    let stored: Vec<Quad> = graph.store().iter().collect::<Result<_, _>>().unwrap();
    let expected = canonical_dataset(stored.clone());
    for (format, rdf) in [
        (RdfExport::NQuads, RdfFormat::NQuads),
        (RdfExport::TriG, RdfFormat::TriG),
        (RdfExport::JsonLd, RdfExport::JsonLd.format()),
    ] {
        let parsed = parse(&export(&graph, format), rdf);
        assert_eq!(
            canonical_dataset(parsed),
            expected,
            "{format:?} is not isomorphic to the store"
        );
    }
    let names: BTreeSet<String> = stored.iter().map(|q| q.graph_name.to_string()).collect();
    assert_eq!(
        names,
        BTreeSet::from([
            "<https://w3id.org/iagraph/graph/data>".to_owned(),
            "<https://w3id.org/iagraph/graph/ontology>".to_owned()
        ])
    );
}

#[test]
fn graph_formats_round_trip_to_the_union_of_the_graphs() {
    let graph = graph();
    let stored: Vec<Quad> = graph.store().iter().collect::<Result<_, _>>().unwrap();
    let expected = canonical_graph(stored);
    for (format, rdf) in [
        (RdfExport::Turtle, RdfFormat::Turtle),
        (RdfExport::NTriples, RdfFormat::NTriples),
        (RdfExport::RdfXml, RdfFormat::RdfXml),
    ] {
        let parsed = parse(&export(&graph, format), rdf);
        assert!(
            parsed
                .iter()
                .all(|q| q.graph_name == GraphName::DefaultGraph)
        );
        assert_eq!(
            canonical_graph(parsed),
            expected,
            "{format:?} is not isomorphic to the store"
        );
    }
}

#[test]
fn exports_are_byte_identical_across_builds() {
    for format in [
        RdfExport::Turtle,
        RdfExport::TriG,
        RdfExport::NQuads,
        RdfExport::RdfXml,
    ] {
        // Compared as text so that a failure shows lines, not bytes.
        let first = String::from_utf8(export(&graph(), format)).unwrap();
        let second = String::from_utf8(export(&graph(), format)).unwrap();
        let diff = first.lines().zip(second.lines()).find(|(a, b)| a != b);
        assert!(
            first == second,
            "{format:?} differs between runs, first at {diff:?}"
        );
    }
}

#[test]
fn turtle_uses_the_prefixes_and_groups_subjects() {
    let turtle = String::from_utf8(export(&graph(), RdfExport::Turtle)).unwrap();
    for prefix in [
        "@prefix iag: <https://w3id.org/iagraph/ontology#> .",
        "@prefix id: <https://w3id.org/iagraph/id/> .",
    ] {
        assert!(turtle.contains(prefix), "missing {prefix}");
    }
    // Each subject's description is one block: it starts once.
    let starts = turtle
        .lines()
        .filter(|l| l.starts_with("id:jean-zay "))
        .count();
    assert_eq!(starts, 1, "id:jean-zay's triples are split");
}

#[test]
fn a_custom_base_mints_every_iri_under_it() {
    let base = Base::new("https://data.example.org/ia/").unwrap();
    let graph = Graph::build(&Project::new(env!("CARGO_MANIFEST_DIR")), &base).unwrap();
    let nt = String::from_utf8(export(&graph, RdfExport::NTriples)).unwrap();
    assert!(nt.contains("<https://data.example.org/ia/id/jean-zay>"));
    assert!(!nt.contains("https://w3id.org/iagraph/id/"));
}

/// The DOT language's own structure: every edge joins declared nodes, braces
/// balance and every line is a statement GraphViz knows.
fn check_dot(dot: &str) -> (usize, usize) {
    assert!(dot.starts_with("digraph iagraph {"));
    assert!(dot.trim_end().ends_with('}'));
    assert_eq!(
        dot.matches('{').count() - dot.matches("\\{").count(),
        dot.matches('}').count() - dot.matches("\\}").count()
    );
    let mut nodes = BTreeSet::new();
    let mut edges = Vec::new();
    for line in dot.lines().map(str::trim) {
        let head = line.split(" [").next().unwrap();
        if let Some((from, to)) = head.split_once(" -> ") {
            edges.push((from.to_owned(), to.to_owned()));
        } else if line.contains(" [") && !line.starts_with("node ") && !line.starts_with("edge ") {
            nodes.insert(head.to_owned());
        } else {
            assert!(
                line.is_empty() || line.ends_with('{') || line == "}" || line.ends_with(';'),
                "unexpected DOT line: {line}"
            );
        }
    }
    for (from, to) in &edges {
        assert!(
            nodes.contains(from) && nodes.contains(to),
            "edge {from} -> {to} joins undeclared nodes"
        );
    }
    for line in dot.lines().filter(|l| l.contains("label=\"")) {
        let label = line.split("label=\"").nth(1).unwrap();
        let mut escaped = false;
        let closed = label.chars().any(|c| {
            let end = c == '"' && !escaped;
            escaped = c == '\\' && !escaped;
            end
        });
        assert!(closed, "unterminated label in {line}");
    }
    (nodes.len(), edges.len())
}

#[test]
fn dot_draws_entities_amounts_and_a_legend() {
    let mut dot = Vec::new();
    write_dot(&graph(), &DotOptions::default(), &mut dot).unwrap();
    let dot = String::from_utf8(dot).unwrap();
    let (nodes, edges) = check_dot(&dot);
    assert!(nodes > 100 && edges > 100, "{nodes} nodes, {edges} edges");
    // Drawn from the statement nodes: a funding the article does not report
    // as done is dotted and says how firm it is.
    assert!(
        dot.contains("label=\"finance (prévu)\\n50 Md€\" style=dotted]"),
        "the UAE funding shows its amount and its modality"
    );
    assert!(
        dot.contains("label=\"finance\\n40 M€\"]")
            && dot.contains("label=\"finance (prévu)\\n50 M€\" style=dotted]"),
        "both Jean Zay fundings show, the done one apart from the planned one"
    );
    assert!(dot.contains("subgraph cluster_legend"));
    assert!(dot.contains("label=\"Émirats arabes unis\""));
    // A minimum reads as the statement's label words it (« au moins 900 M€ »
    // in `france-finance-plan-2023`'s label), in either language.
    assert!(
        dot.contains("label=\"finance (annoncé)\\nau moins 900 M€\""),
        "the 2023 plan's minimum reads as in its label"
    );
    let mut en = Vec::new();
    let options = DotOptions {
        lang: iagraph::wording::Lang::En,
        ..DotOptions::default()
    };
    write_dot(&graph(), &options, &mut en).unwrap();
    assert!(
        String::from_utf8(en)
            .unwrap()
            .contains("label=\"funds (announced)\\nat least €900m\"")
    );
}

#[test]
fn dot_focus_keeps_the_neighbourhood_only() {
    let graph = graph();
    let draw = |lang: &str, depth| {
        let options = DotOptions {
            lang: lang.parse().unwrap(),
            focus: Some("jean-zay".into()),
            depth,
        };
        let mut dot = Vec::new();
        write_dot(&graph, &options, &mut dot).unwrap();
        String::from_utf8(dot).unwrap()
    };
    let near = draw("fr", 1);
    check_dot(&near);
    let labels: BTreeMap<&str, ()> = near
        .lines()
        .filter(|l| l.contains("tooltip="))
        .filter_map(|l| l.split("label=\"").nth(1)?.split('"').next())
        .map(|l| (l, ()))
        .collect();
    assert_eq!(
        labels.keys().copied().collect::<Vec<_>>(),
        [
            "France",
            "Jean Zay",
            "LightOn",
            "Nouveau supercalculateur (2025)",
            "objectif : 4 fois sa capacité de calcul"
        ]
    );
    let far = draw("fr", 2);
    assert!(far.lines().count() > near.lines().count());
    let english = draw("en", 1);
    assert!(english.contains("label=\"funds\\n€40m\"]"));
    assert!(english.contains("label=\"funds (planned)\\n€50m\" style=dotted]"));
    assert!(english.contains("label=\"has target (aimed at)\" style=dotted]"));

    let options = DotOptions {
        focus: Some("nowhere".into()),
        ..DotOptions::default()
    };
    let err = write_dot(&graph, &options, &mut Vec::new()).unwrap_err();
    assert!(err.to_string().contains("no entity `nowhere`"), "{err}");
}
