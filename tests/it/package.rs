//! `iagraph package`: every file is what the catalogue says it is, the dumps
//! are the store, the tables follow their schemas, the catalogue has the
//! DCAT-AP properties, and a failed run never damages a previous package.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use iagraph::{Base, Graph, Project, query};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Literal, Quad, Term, TermRef, Triple};
use oxigraph::store::Store;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::common;
use common::{canonical_dataset, canonical_graph, iagraph, manifest_dir, stderr};

const ISSUED: &str = "2025-03-01";
const MODIFIED: &str = "2025-03-15";

/// The package of the curated data, written once by the binary for all tests.
fn package() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("package-tests/pkg");
        let out = iagraph(
            &manifest_dir(),
            &[
                "package",
                "--output",
                dir.to_str().unwrap(),
                "--force",
                "--issued",
                ISSUED,
                "--modified",
                MODIFIED,
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        dir
    })
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(package().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn store_graph() -> Graph {
    Graph::build(&Project::new(manifest_dir()), &Base::default()).unwrap()
}

/// A file of the package loaded into a store, to be queried as a graph.
fn load(name: &str, format: RdfFormat) -> Graph {
    let store = Store::new().unwrap();
    store
        .load_from_reader(format, read(name).as_slice())
        .unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
    Graph::from_store(store, Base::default())
}

fn parse(name: &str, format: RdfFormat) -> Vec<Quad> {
    RdfParser::from_format(format)
        .for_slice(&read(name))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{name} does not parse: {e}"))
}

/// The cells of a SELECT, as plain strings (IRIs and literal values).
fn select(graph: &Graph, sparql: &str) -> Vec<Vec<String>> {
    let prefixed = format!(
        "PREFIX dcat: <http://www.w3.org/ns/dcat#>
         PREFIX dct: <http://purl.org/dc/terms/>
         PREFIX spdx: <http://spdx.org/rdf/terms#>
         PREFIX vcard: <http://www.w3.org/2006/vcard/ns#>
         PREFIX void: <http://rdfs.org/ns/void#>
         PREFIX dcatap: <http://data.europa.eu/r5r/>
         {sparql}"
    );
    query::select(graph, &prefixed)
        .unwrap_or_else(|e| panic!("{e}\n{prefixed}"))
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|t| match t {
                    Some(Term::NamedNode(n)) => n.into_string(),
                    Some(Term::Literal(l)) => l.value().to_owned(),
                    Some(other) => other.to_string(),
                    None => String::new(),
                })
                .collect()
        })
        .collect()
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn the_folder_holds_the_dumps_tables_and_metadata() {
    let names: BTreeSet<String> = std::fs::read_dir(package())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    let mut expected: BTreeSet<String> = [
        "iagraph.ttl",
        "iagraph.nt",
        "iagraph.nt.gz",
        "iagraph.jsonld",
        "iagraph.rdf",
        "datapackage.json",
        "void.ttl",
        "catalog.ttl",
        "catalog.jsonld",
        "catalog.rdf",
        "index.html",
    ]
    .map(str::to_owned)
    .into();
    for table in ["entities", "sources", "statements", "fundings", "targets"] {
        expected.insert(format!("{table}.csv"));
        expected.insert(format!("{table}.schema.json"));
    }
    assert_eq!(names, expected);
}

#[test]
fn every_distribution_has_its_files_size_and_sha256() {
    let catalogue = load("catalog.ttl", RdfFormat::Turtle);
    let rows = select(
        &catalogue,
        "SELECT ?url ?size ?algorithm ?sum WHERE {
           ?d a dcat:Distribution ; dcat:downloadURL ?url ; dcat:accessURL ?url ;
              dcat:byteSize ?size ; spdx:checksum ?c .
           ?c spdx:algorithm ?algorithm ; spdx:checksumValue ?sum .
         } ORDER BY ?url",
    );
    let mut names = BTreeSet::new();
    for row in &rows {
        let name = row[0]
            .strip_prefix("https://w3id.org/iagraph/download/")
            .unwrap_or_else(|| panic!("{} is not under the default --base-url", row[0]));
        let bytes = read(name);
        assert_eq!(row[1], bytes.len().to_string(), "dcat:byteSize of {name}");
        assert_eq!(
            row[2], "http://spdx.org/rdf/terms#checksumAlgorithm_sha256",
            "{name}"
        );
        assert_eq!(row[3], sha256(&bytes), "spdx:checksumValue of {name}");
        names.insert(name.to_owned());
    }
    let expected: BTreeSet<String> = [
        "iagraph.ttl",
        "iagraph.nt",
        "iagraph.nt.gz",
        "iagraph.jsonld",
        "iagraph.rdf",
        "entities.csv",
        "sources.csv",
        "statements.csv",
        "fundings.csv",
        "targets.csv",
    ]
    .map(str::to_owned)
    .into();
    assert_eq!(names, expected, "one distribution per dump and table");
}

#[test]
fn the_gzipped_ntriples_is_the_ntriples_dump() {
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(read("iagraph.nt.gz").as_slice())
        .read_to_end(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, read("iagraph.nt"));
}

#[test]
fn the_dumps_are_isomorphic_to_the_store() {
    let graph = store_graph();
    let stored: Vec<Quad> = graph.store().iter().collect::<Result<_, _>>().unwrap();
    let union = canonical_graph(stored.clone());
    let distinct: HashSet<Triple> = stored.iter().cloned().map(Triple::from).collect();
    for (name, format) in [
        ("iagraph.ttl", RdfFormat::Turtle),
        ("iagraph.nt", RdfFormat::NTriples),
        ("iagraph.rdf", RdfFormat::RdfXml),
    ] {
        let parsed = parse(name, format);
        assert_eq!(parsed.len(), distinct.len(), "{name}: triple count");
        assert_eq!(canonical_graph(parsed), union, "{name} is not the store");
    }
    // JSON-LD keeps each triple in its named graph.
    let parsed = parse("iagraph.jsonld", iagraph::export::JSON_LD);
    assert_eq!(
        canonical_dataset(parsed),
        canonical_dataset(stored),
        "iagraph.jsonld is not the store"
    );
}

/// Which instances of `class` lack `property`, and how many instances there are.
fn lacking(catalogue: &Graph, class: &str, property: &str) -> (usize, Vec<String>) {
    let instances = select(catalogue, &format!("SELECT ?s WHERE {{ ?s a {class} }}")).len();
    let missing = select(
        catalogue,
        &format!("SELECT ?s WHERE {{ ?s a {class} FILTER NOT EXISTS {{ ?s {property} ?o }} }}"),
    )
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    (instances, missing)
}

#[test]
fn the_catalogue_has_the_dcat_ap_mandatory_and_recommended_properties() {
    let catalogue = load("catalog.ttl", RdfFormat::Turtle);
    let expected: &[(&str, &[&str])] = &[
        (
            "dcat:Catalog",
            &[
                "dct:title",
                "dct:description",
                "dct:publisher",
                "dcat:dataset",
                "dcat:service",
                "dct:spatial",
                "foaf:homepage",
                "dct:language",
                "dct:license",
                "dct:issued",
                "dct:modified",
                "dcat:themeTaxonomy",
            ],
        ),
        (
            "dcat:Dataset",
            &[
                "dct:title",
                "dct:description",
                "dcat:contactPoint",
                "dcat:distribution",
                "dcat:keyword",
                "dct:publisher",
                "dct:spatial",
                "dct:temporal",
                "dcat:theme",
                "dct:issued",
                "dct:modified",
                "dcat:landingPage",
            ],
        ),
        (
            "dcat:Distribution",
            &[
                "dcat:accessURL",
                "dcat:downloadURL",
                "dct:format",
                "dcat:mediaType",
                "dct:license",
                "dcatap:availability",
                "dcat:byteSize",
                "spdx:checksum",
            ],
        ),
        (
            "dcat:DataService",
            &[
                "dct:title",
                "dcat:endpointURL",
                "dcat:endpointDescription",
                "dcat:servesDataset",
            ],
        ),
        ("foaf:Agent", &["foaf:name"]),
        ("vcard:Kind", &["vcard:fn"]),
        ("spdx:Checksum", &["spdx:algorithm", "spdx:checksumValue"]),
        ("dct:PeriodOfTime", &["dcat:startDate", "dcat:endDate"]),
        ("dct:LicenseDocument", &["dct:type"]),
        ("skos:Concept", &["skos:prefLabel"]),
    ];
    for (class, properties) in expected {
        for property in *properties {
            let (instances, missing) = lacking(&catalogue, class, property);
            assert!(instances > 0, "no {class} in the catalogue");
            assert!(
                missing.is_empty(),
                "{class} without {property}: {missing:?}"
            );
        }
    }
    // The ranges the DCAT-AP shapes check with sh:class.
    for (property, class) in [
        ("dct:publisher", "foaf:Agent"),
        ("dcat:contactPoint", "vcard:Kind"),
        ("dct:license", "dct:LicenseDocument"),
        ("dcat:theme", "skos:Concept"),
        ("dcatap:availability", "skos:Concept"),
        ("dcat:themeTaxonomy", "skos:ConceptScheme"),
        ("dct:spatial", "dct:Location"),
        ("dct:temporal", "dct:PeriodOfTime"),
        ("dct:language", "dct:LinguisticSystem"),
        ("dct:format", "dct:MediaTypeOrExtent"),
        ("dcat:mediaType", "dct:MediaType"),
        ("dcat:compressFormat", "dct:MediaType"),
        ("dct:conformsTo", "dct:Standard"),
        ("spdx:checksum", "spdx:Checksum"),
        ("spdx:algorithm", "spdx:ChecksumAlgorithm"),
        ("dcat:landingPage", "foaf:Document"),
        ("foaf:homepage", "foaf:Document"),
        ("dcat:dataset", "dcat:Dataset"),
        ("dcat:distribution", "dcat:Distribution"),
        ("dcat:service", "dcat:DataService"),
    ] {
        let untyped = select(
            &catalogue,
            &format!("SELECT ?o WHERE {{ ?s {property} ?o FILTER NOT EXISTS {{ ?o a {class} }} }}"),
        );
        assert!(
            untyped.is_empty(),
            "{property} values not {class}: {untyped:?}"
        );
    }
    // Read from the file: the store's SPARQL folds integer subtypes into xsd:integer.
    let datatypes: BTreeSet<(String, String)> = parse("catalog.ttl", RdfFormat::Turtle)
        .into_iter()
        .filter_map(|q| match q.object {
            Term::Literal(l)
                if q.predicate.as_str().ends_with("#byteSize")
                    || q.predicate.as_str().ends_with("#checksumValue") =>
            {
                Some((q.predicate.into_string(), l.datatype().as_str().to_owned()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        datatypes,
        BTreeSet::from([
            (
                "http://spdx.org/rdf/terms#checksumValue".to_owned(),
                "http://www.w3.org/2001/XMLSchema#hexBinary".to_owned()
            ),
            (
                "http://www.w3.org/ns/dcat#byteSize".to_owned(),
                "http://www.w3.org/2001/XMLSchema#nonNegativeInteger".to_owned()
            ),
        ])
    );
    let dates = select(
        &catalogue,
        "SELECT ?issued ?modified WHERE { ?d a dcat:Dataset ; dct:issued ?issued ; dct:modified ?modified }",
    );
    assert_eq!(dates, [[ISSUED.to_owned(), MODIFIED.to_owned()]]);
    // Each table conforms to its own Table Schema.
    let schemas = select(
        &catalogue,
        "SELECT ?url ?schema WHERE { ?d dcat:downloadURL ?url ; dct:conformsTo ?schema
           FILTER(STRENDS(STR(?url), '.csv')) } ORDER BY ?url",
    );
    assert_eq!(schemas.len(), 5);
    for row in schemas {
        assert_eq!(row[1], row[0].replace(".csv", ".schema.json"));
    }
}

#[test]
fn the_temporal_coverage_spans_every_dated_statement() {
    let catalogue = load("catalog.ttl", RdfFormat::Turtle);
    let period = select(
        &catalogue,
        "SELECT ?start ?end WHERE { ?d a dcat:Dataset ; dct:temporal [ dcat:startDate ?start ; dcat:endDate ?end ] }",
    );
    let [period] = period.as_slice() else {
        panic!("one period expected: {period:?}");
    };
    let (start, end) = (&period[0], &period[1]);
    let dates: Vec<String> = select(
        &store_graph(),
        "SELECT ?d WHERE { ?s a iag:Statement ; iag:date|iag:endDate ?d }",
    )
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    assert!(dates.len() > 10);
    assert!(
        dates.contains(start) && dates.contains(end),
        "{start}, {end}"
    );
    // ISO dates compare as text once cut to their common precision.
    let common = |a: &str, b: &str| {
        let n = a.len().min(b.len());
        (a[..n].to_owned(), b[..n].to_owned())
    };
    for d in &dates {
        let (day, first) = common(d, start);
        assert!(day >= first, "{d} is before {start}");
        let (day, last) = common(d, end);
        assert!(day <= last, "{d} is after {end}");
    }
}

/// The rows of a CSV file, by its header.
fn table(name: &str) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let bytes = read(name);
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap_or_else(|e| panic!("{name}: {e}"));
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn every_csv_follows_its_table_schema() {
    let package: Value = serde_json::from_slice(&read("datapackage.json")).unwrap();
    let resources = package["resources"].as_array().unwrap();
    assert_eq!(resources.len(), 5);
    for resource in resources {
        let csv_name = resource["path"].as_str().unwrap();
        let bytes = read(csv_name);
        assert_eq!(resource["bytes"], bytes.len(), "{csv_name}");
        assert_eq!(resource["hash"], format!("sha256:{}", sha256(&bytes)));
        let schema: Value =
            serde_json::from_slice(&read(resource["schema"].as_str().unwrap())).unwrap();
        let fields = schema["fields"].as_array().unwrap();
        let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
        let (header, rows) = table(csv_name);
        assert_eq!(header, names, "{csv_name}: header and schema differ");
        assert!(!rows.is_empty(), "{csv_name} is empty");
        assert_eq!(schema["missingValues"], serde_json::json!([""]));
        for field in fields {
            let name = field["name"].as_str().unwrap();
            if field["constraints"]["required"] == true {
                let empty: Vec<_> = rows.iter().filter(|r| r[name].is_empty()).collect();
                assert!(
                    empty.is_empty(),
                    "{csv_name}: required {name} empty in {empty:?}"
                );
            }
            if field["type"] == "number" {
                for row in rows.iter().filter(|r| !r[name].is_empty()) {
                    assert!(
                        row[name].parse::<f64>().is_ok(),
                        "{csv_name}: {name} = {}",
                        row[name]
                    );
                }
            }
        }
        let key = schema["primaryKey"][0].as_str().unwrap();
        let keys: HashSet<&str> = rows.iter().map(|r| r[key].as_str()).collect();
        assert_eq!(keys.len(), rows.len(), "{csv_name}: duplicate {key}");
        // Foreign keys point at rows that exist.
        for fk in schema["foreignKeys"].as_array().unwrap() {
            let field = fk["fields"].as_str().unwrap();
            let target = format!("{}.csv", fk["reference"]["resource"].as_str().unwrap());
            let ids: HashSet<String> = table(&target)
                .1
                .into_iter()
                .map(|r| r["id"].clone())
                .collect();
            for row in rows.iter().filter(|r| !r[field].is_empty()) {
                assert!(
                    ids.contains(&row[field]),
                    "{csv_name}: {field} {} not in {target}",
                    row[field]
                );
            }
        }
    }
}

#[test]
fn the_tables_hold_what_the_graph_says() {
    let (_, entities) = table("entities.csv");
    let (_, statements) = table("statements.csv");
    let (_, sources) = table("sources.csv");
    let graph = store_graph();
    let count = |sparql: &str| select(&graph, sparql)[0][0].parse::<usize>().unwrap();
    assert_eq!(
        statements.len(),
        count("SELECT (COUNT(?s) AS ?n) WHERE { ?s a iag:Statement }")
    );
    assert_eq!(
        sources.len(),
        count("SELECT (COUNT(?s) AS ?n) WHERE { ?s a iag:SourceArticle }")
    );
    assert!(entities.len() > 100);

    let (_, fundings) = table("fundings.csv");
    let funds = count("SELECT (COUNT(?s) AS ?n) WHERE { ?s iag:statementProperty iag:funds }");
    assert_eq!(fundings.len(), funds);
    let row = fundings
        .iter()
        .find(|r| r["statement"] == "etat-et-investisseurs-financent-plan-109-milliards")
        .expect("the EUR 109 billion funding");
    assert_eq!(row["funder"], "etat-et-investisseurs-prives");
    assert_eq!(row["recipient"], "plan-109-milliards");
    assert_eq!(row["amount"], "109000000000");
    assert_eq!(row["currency"], "EUR");
    assert_eq!(row["date"], "2025-02-09");
    assert_eq!(row["announced_by"], "emmanuel-macron");
    assert_eq!(row["sources"], "art-clubic-2025");
    // "plus de 900 millions" is a lower bound, not an amount.
    let row = fundings
        .iter()
        .find(|r| r["statement"] == "france-finance-plan-2023")
        .unwrap();
    assert_eq!(
        (row["amount"].as_str(), row["amount_min"].as_str()),
        ("", "900000000")
    );
    let stargate = fundings
        .iter()
        .find(|r| r["statement"] == "etats-unis-financent-stargate")
        .unwrap();
    assert_eq!(
        (stargate["amount"].as_str(), stargate["currency"].as_str()),
        ("500000000000", "USD")
    );
    assert_eq!(stargate["sources"], "art-communicare-2025");

    let (_, targets) = table("targets.csv");
    // How firm each statement is, and which amount contains which.
    let (_, statements) = table("statements.csv");
    let jean_zay = statements
        .iter()
        .find(|r| r["id"] == "france-finance-jean-zay-50m")
        .unwrap();
    assert_eq!(
        [&jean_zay["modality"], &jean_zay["part_of"]],
        ["planned", "france-finance-capacites-calcul"]
    );
    assert!(statements.iter().all(|r| !r["modality"].is_empty()));
    let since_2018 = statements
        .iter()
        .find(|r| r["id"] == "france-finance-ecosysteme-depuis-2018")
        .unwrap();
    assert_eq!(
        [&since_2018["start_date"], &since_2018["date"]],
        ["2018", ""]
    );

    let row = targets
        .iter()
        .find(|r| r["statement"] == "france-objectif-chercheurs")
        .unwrap();
    assert_eq!(
        [
            &row["value"],
            &row["baseline"],
            &row["unit_en"],
            &row["deadline"]
        ],
        ["100000", "40000", "AI researchers", "2030"]
    );

    let macron = entities
        .iter()
        .find(|r| r["id"] == "emmanuel-macron")
        .unwrap();
    assert_eq!(macron["class"], "Person");
    assert_eq!(macron["same_as"], "http://www.wikidata.org/entity/Q3052772");
    assert!(
        macron["aliases"]
            .split(" | ")
            .any(|a| a == "le chef de l'État")
    );
}

#[test]
fn void_counts_what_the_store_holds() {
    let void = load("void.ttl", RdfFormat::Turtle);
    let graph = store_graph();
    let quads: Vec<Quad> = graph.store().iter().collect::<Result<_, _>>().unwrap();
    let triples: HashSet<Triple> = quads.iter().cloned().map(Triple::from).collect();
    let wikidata_links = triples
        .iter()
        .filter(|t| {
            t.predicate.as_str() == "http://www.w3.org/2002/07/owl#sameAs"
                && t.object
                    .to_string()
                    .starts_with("<http://www.wikidata.org/entity/")
        })
        .count();
    assert!(wikidata_links > 0);
    let properties: HashSet<_> = triples.iter().map(|t| t.predicate.clone()).collect();
    let rows = select(
        &void,
        "SELECT ?triples ?properties ?links ?target ?predicate ?dump WHERE {
           ?d a void:Dataset ; void:triples ?triples ; void:properties ?properties ;
              void:uriSpace 'https://w3id.org/iagraph/id/' ;
              void:sparqlEndpoint <https://w3id.org/iagraph/sparql> ;
              void:dataDump ?dump .
           ?l a void:Linkset ; void:subjectsTarget ?d ; void:objectsTarget ?target ;
              void:linkPredicate ?predicate ; void:triples ?links .
           ?target void:uriSpace 'http://www.wikidata.org/entity/' .
         } ORDER BY ?dump",
    );
    assert_eq!(rows.len(), 5, "one row per dump: {rows:?}");
    assert_eq!(rows[0][0], triples.len().to_string());
    assert_eq!(rows[0][1], properties.len().to_string());
    assert_eq!(rows[0][2], wikidata_links.to_string());
    assert_eq!(rows[0][4], "http://www.w3.org/2002/07/owl#sameAs");
    let partitions = select(
        &void,
        "SELECT ?p ?n WHERE { ?d void:propertyPartition [ void:property ?p ; void:triples ?n ] }",
    );
    assert_eq!(partitions.len(), properties.len());
    for row in partitions {
        let n = triples
            .iter()
            .filter(|t| t.predicate.as_str() == row[0])
            .count();
        assert_eq!(row[1], n.to_string(), "triples of {}", row[0]);
    }
}

#[test]
fn the_landing_page_lists_every_file_with_its_size() {
    let html = String::from_utf8(read("index.html")).unwrap();
    for entry in std::fs::read_dir(package()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if name == "index.html" {
            continue;
        }
        let bytes = entry.metadata().unwrap().len();
        assert!(
            html.contains(&format!("href=\"{name}\"")),
            "no link to {name}"
        );
        assert!(
            html.contains(&format!("title=\"{bytes} octets")),
            "no size for {name}"
        );
        assert!(
            html.contains(&sha256(&read(&name))),
            "no checksum for {name}"
        );
    }
    assert!(html.contains("https://www.etalab.gouv.fr/licence-ouverte-open-licence/"));
    assert!(
        html.contains(&format!("version of {MODIFIED}")),
        "the citation"
    );
}

#[test]
fn the_catalogue_syntaxes_say_the_same() {
    let turtle = canonical_graph(parse("catalog.ttl", RdfFormat::Turtle));
    assert_eq!(
        canonical_graph(parse("catalog.rdf", RdfFormat::RdfXml)),
        turtle
    );
    assert_eq!(
        canonical_graph(parse("catalog.jsonld", iagraph::export::JSON_LD)),
        turtle
    );
    let literal = Literal::new_typed_literal(MODIFIED, oxigraph::model::vocab::xsd::DATE);
    assert!(
        turtle
            .iter()
            .any(|t| t.object == TermRef::from(literal.as_ref()))
    );
}

// --- The command line: options, --force and atomicity ---------------------

fn leftovers(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with('.'))
        .collect()
}

#[test]
fn a_non_empty_folder_is_replaced_only_with_force_and_only_on_success() {
    let parent = tempfile::tempdir().unwrap();
    let output = parent.path().join("pkg");
    std::fs::create_dir(&output).unwrap();
    std::fs::write(output.join("previous.txt"), "the previous package").unwrap();
    let output_arg = output.to_str().unwrap();

    let refused = iagraph(&manifest_dir(), &["package", "--output", output_arg]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("pass --force"),
        "{}",
        stderr(&refused)
    );

    let bad_url = iagraph(
        &manifest_dir(),
        &[
            "package",
            "--output",
            output_arg,
            "--force",
            "--base-url",
            "https://example.org/files",
        ],
    );
    assert_eq!(bad_url.status.code(), Some(1));
    assert!(
        stderr(&bad_url).contains("must end with `/`"),
        "{}",
        stderr(&bad_url)
    );

    let bad_date = iagraph(
        &manifest_dir(),
        &[
            "package",
            "--output",
            output_arg,
            "--force",
            "--issued",
            "2025-02-30",
        ],
    );
    assert_eq!(bad_date.status.code(), Some(1));
    assert!(
        stderr(&bad_date).contains("--issued 2025-02-30"),
        "{}",
        stderr(&bad_date)
    );

    // Nothing of the failed runs shows, the previous package is whole.
    assert_eq!(
        std::fs::read_to_string(output.join("previous.txt")).unwrap(),
        "the previous package"
    );
    assert_eq!(leftovers(parent.path()), Vec::<String>::new());

    let replaced = iagraph(
        &manifest_dir(),
        &[
            "package",
            "--output",
            output_arg,
            "--force",
            "--base-url",
            "https://data.example.org/iagraph/",
            "--endpoint-url",
            "https://data.example.org/sparql",
        ],
    );
    assert!(replaced.status.success(), "{}", stderr(&replaced));
    assert!(!output.join("previous.txt").exists());
    assert_eq!(leftovers(parent.path()), Vec::<String>::new());
    // One progress line per file, with its size.
    let err = stderr(&replaced);
    let size = std::fs::metadata(output.join("fundings.csv"))
        .unwrap()
        .len();
    assert!(
        err.contains(&format!("{size} bytes  fundings.csv")),
        "{err}"
    );
    let catalogue = std::fs::read_to_string(output.join("catalog.ttl")).unwrap();
    assert!(catalogue.contains("<https://data.example.org/iagraph/fundings.csv>"));
    assert!(catalogue.contains("dcat:endpointURL <https://data.example.org/sparql>"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&output).unwrap().permissions().mode();
        assert_eq!(mode & 0o755, 0o755, "the folder is readable by all");
    }
}

#[test]
fn an_output_under_a_file_fails_and_writes_nothing() {
    let parent = tempfile::tempdir().unwrap();
    let file = parent.path().join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let out = iagraph(
        &manifest_dir(),
        &["package", "--output", file.join("pkg").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cannot write the package"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a folder");
    assert_eq!(leftovers(parent.path()), Vec::<String>::new());

    let out = iagraph(
        &manifest_dir(),
        &["package", "--output", file.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is not a folder"), "{}", stderr(&out));
}
