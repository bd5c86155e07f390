//! Links to shared identifiers: the mapping (owl:sameAs and schema:sameAs,
//! ISO codes, currencies), `iagraph link --report`, the linkset and
//! `iagraph link --check`.

use crate::common;

use std::collections::HashSet;
use std::path::Path;

use common::{fixture, iagraph, stderr, stdout, temp_project};
use iagraph::link::{self, LinkReport};
use iagraph::query::{self, Answer};
use iagraph::vocab::{iag, owl, schema};
use iagraph::{Base, Graph, Project};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, Term, Triple};

fn curated() -> Graph {
    Graph::build(&Project::new(env!("CARGO_MANIFEST_DIR")), &Base::default()).unwrap()
}

fn ask(graph: &Graph, sparql: &str) -> bool {
    match query::run(graph, sparql).unwrap() {
        Answer::Boolean(b) => b,
        other => panic!("not a boolean: {other:?}"),
    }
}

/// The minimal project with `facts` (a file of tests/fixtures/links/) as its data.
fn linked_project(facts: &str) -> tempfile::TempDir {
    let project = temp_project(false);
    std::fs::copy(
        fixture(&format!("links/{facts}")),
        project.path().join("data/facts.toml"),
    )
    .unwrap();
    project
}

/// How many `[[entity]]` tables the real data declares.
fn declared_entities() -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .filter(|l| l.trim() == "[[entity]]")
                .count()
        })
        .sum()
}

// ---------------------------------------------------------------- mapping

#[test]
fn each_link_is_both_owl_and_schema_same_as() {
    let graph = curated();
    assert!(ask(
        &graph,
        "ASK { id:mistral-ai owl:sameAs <http://www.wikidata.org/entity/Q119718658> ;
                             schema:sameAs <http://www.wikidata.org/entity/Q119718658> }"
    ));
    // Not one owl:sameAs without its schema:sameAs, nor the other way round.
    assert!(!ask(
        &graph,
        "ASK { { ?e owl:sameAs ?x FILTER NOT EXISTS { ?e schema:sameAs ?x } }
               UNION { ?e schema:sameAs ?x FILTER NOT EXISTS { ?e owl:sameAs ?x } } }"
    ));
    // The AI Act's ELI is a link and its legislation identifier.
    assert!(ask(
        &graph,
        "ASK { id:ai-act owl:sameAs <http://data.europa.eu/eli/reg/2024/1689/oj> ;
                         schema:legislationIdentifier \"http://data.europa.eu/eli/reg/2024/1689/oj\" }"
    ));
}

#[test]
fn states_and_currencies_carry_their_iso_codes() {
    let graph = curated();
    let rows = query::select(
        &graph,
        "SELECT ?code WHERE { id:france iag:iso3166Alpha2 ?code }",
    )
    .unwrap();
    assert_eq!(rows.len(), 1);
    let Some(Term::Literal(code)) = &rows[0][0] else {
        panic!("not a literal: {rows:?}")
    };
    assert_eq!((code.value(), code.language()), ("FR", None));
    assert!(ask(&graph, "ASK { id:euro iag:iso4217Code \"EUR\" }"));
    // Only states have a country code, only currencies a currency code.
    assert!(!ask(
        &graph,
        "ASK { ?e iag:iso3166Alpha2 ?c FILTER NOT EXISTS { ?e a iag:State } }"
    ));
    assert!(!ask(
        &graph,
        "ASK { ?e iag:iso4217Code ?c FILTER NOT EXISTS { ?e a iag:Currency } }"
    ));
}

#[test]
fn a_euro_amount_links_to_the_euro_and_on_to_wikidata() {
    let graph = curated();
    let rows = query::select(
        &graph,
        "SELECT ?currency ?item WHERE {
            id:emirats-financent-centre-donnees iag:amount ?amount .
            ?amount schema:currency \"EUR\" ; iag:currencyEntity ?currency .
            ?currency owl:sameAs ?item .
        }",
    )
    .unwrap();
    let euro = Base::default().id("euro").unwrap();
    assert_eq!(
        rows,
        [[
            Some(Term::from(euro)),
            Some(NamedNode::new_unchecked("http://www.wikidata.org/entity/Q4916").into())
        ]]
    );
    // Every amount has its currency entity, whose code is the amount's.
    assert!(!ask(
        &graph,
        "ASK { ?a a schema:MonetaryAmount ; schema:currency ?code
               FILTER NOT EXISTS { ?a iag:currencyEntity/iag:iso4217Code ?code } }"
    ));
}

// ---------------------------------------------------------------- report

#[test]
fn the_report_reads_links_from_the_store() {
    let report = LinkReport::from_graph(&curated()).unwrap();
    assert_eq!(report.entities.len(), declared_entities());
    let get = |id: &str| report.entities.iter().find(|e| e.id == id).unwrap();
    assert_eq!(get("mistral-ai").wikidata, ["Q119718658"]);
    assert_eq!(get("mistral-ai").class, "Startup");
    assert_eq!(
        get("ai-act").eli,
        ["http://data.europa.eu/eli/reg/2024/1689/oj"]
    );
    assert_eq!(get("france").iso3166.as_deref(), Some("FR"));
    assert_eq!(get("euro").iso4217.as_deref(), Some("EUR"));
    // China and the dollar: their codes and, newly confirmed, their items.
    assert_eq!(get("chine").wikidata, ["Q148"]);
    assert_eq!(get("chine").iso3166.as_deref(), Some("CN"));
    assert_eq!(get("dollar-etats-unis").wikidata, ["Q4917"]);
    // An entity the table does not confirm has none.
    assert!(get("iliad").wikidata.is_empty());
    assert!(!get("jean-zay").has_links());
    let s = report.summary();
    assert_eq!(s.linked + s.unlinked, s.entities);
    assert_eq!(s.linked, report.linked().count());
}

/// The position of the column `name` in the table section after `heading`.
fn column(text: &str, heading: &str, name: &str) -> usize {
    let header = text
        .split_once(heading)
        .unwrap_or_else(|| panic!("no `{heading}` in:\n{text}"))
        .1
        .lines()
        .find(|l| l.starts_with("entity "))
        .unwrap_or_else(|| panic!("no header after `{heading}` in:\n{text}"));
    header
        .split('|')
        .position(|c| c.trim() == name)
        .unwrap_or_else(|| panic!("no column `{name}` in `{header}`"))
}

/// The rows of the table section that follows `heading`, as trimmed cells.
fn section(text: &str, heading: &str) -> Vec<Vec<String>> {
    text.split_once(heading)
        .unwrap_or_else(|| panic!("no `{heading}` in:\n{text}"))
        .1
        .lines()
        .skip_while(|l| !l.starts_with("entity "))
        .skip(2)
        .take_while(|l| l.starts_with("id:"))
        .map(|l| l.split('|').map(|c| c.trim().to_owned()).collect())
        .collect()
}

#[test]
fn link_report_lists_links_then_the_entities_without() {
    let dir = temp_project(true);
    let out = iagraph(dir.path(), &["link", "--report"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let linked = section(&text, "Entities with links");
    let unlinked = section(&text, "Entities without links");
    let mistral = linked
        .iter()
        .find(|r| r[0] == "id:mistral-ai")
        .unwrap_or_else(|| panic!("mistral-ai not listed:\n{text}"));
    assert_eq!(mistral[1..4], ["iag:Startup", "Mistral AI", "Q119718658"]);
    let france = linked.iter().find(|r| r[0] == "id:france").unwrap();
    // The table leaves out a column empty in every row: find ISO by its name.
    let iso = column(&text, "Entities with links", "iso");
    assert_eq!((france[3].as_str(), france[iso].as_str()), ("Q142", "FR"));
    assert!(unlinked.iter().any(|r| r[0] == "id:jean-zay"), "{text}");
    assert!(!linked.iter().any(|r| r[0] == "id:jean-zay"));
    assert_eq!(linked.len() + unlinked.len(), declared_entities());
    let summary = format!(
        "{} entities: {} with links",
        declared_entities(),
        linked.len()
    );
    assert!(text.contains(&summary), "no `{summary}` in:\n{text}");
}

#[test]
fn link_report_as_csv_and_json_parses() {
    let dir = temp_project(true);
    let out = iagraph(dir.path(), &["link", "--report", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(
        reader.headers().unwrap(),
        vec![
            "id",
            "class",
            "label_fr",
            "wikidata",
            "eli",
            "other_same_as",
            "iso3166",
            "iso4217"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), declared_entities());
    let get = |id: &str| records.iter().find(|r| &r[0] == id).unwrap();
    assert_eq!(&get("mistral-ai")[3], "Q119718658");
    assert_eq!((&get("euro")[3], &get("euro")[7]), ("Q4916", "EUR"));
    // A label with a comma stays one field.
    assert_eq!(
        &get("acces-universel-ia")[2],
        "Accès universel à une IA indépendante, sûre et fiable"
    );

    let out = iagraph(dir.path(), &["link", "--report", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let summary = &json["summary"];
    assert_eq!(summary["entities"], declared_entities());
    assert_eq!(
        json["linked"].as_array().unwrap().len() + json["unlinked"].as_array().unwrap().len(),
        declared_entities()
    );
    let mistral = json["linked"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "mistral-ai")
        .unwrap();
    assert_eq!(mistral["wikidata"][0], "Q119718658");
}

#[test]
fn the_report_refuses_rdf_formats_and_the_linkset_refuses_tables() {
    let dir = temp_project(false);
    let out = iagraph(dir.path(), &["link", "--report", "--format", "turtle"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--report writes table, csv or json"));
    let out = iagraph(dir.path(), &["link", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("turtle or ntriples"),
        "{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------- linkset

#[test]
fn the_linkset_holds_the_link_triples_only() {
    let dir = linked_project("facts.toml");
    for (flag, format) in [
        ("turtle", RdfFormat::Turtle),
        ("ntriples", RdfFormat::NTriples),
    ] {
        let file = format!("links.{flag}");
        let out = iagraph(dir.path(), &["link", "--format", flag, "--output", &file]);
        assert!(out.status.success(), "{flag}: {}", stderr(&out));
        let bytes = std::fs::read(dir.path().join(&file)).unwrap();
        let triples: HashSet<Triple> = RdfParser::from_format(format)
            .for_slice(&bytes)
            .map(|q| Triple::from(q.unwrap()))
            .collect();
        let id = |slug: &str| Base::default().id(slug).unwrap();
        let q = |n: &str| NamedNode::new_unchecked(format!("http://www.wikidata.org/entity/{n}"));
        let expected: HashSet<Triple> = [
            Triple::new(id("etat"), owl::SAME_AS, q("Q142")),
            Triple::new(id("etat"), schema::SAME_AS, q("Q142")),
            Triple::new(
                id("etat"),
                iag::ISO_3166_ALPHA_2,
                oxigraph::model::Literal::new_simple_literal("FR"),
            ),
            Triple::new(id("euro"), owl::SAME_AS, q("Q4916")),
            Triple::new(id("euro"), schema::SAME_AS, q("Q4916")),
            Triple::new(
                id("euro"),
                iag::ISO_4217_CODE,
                oxigraph::model::Literal::new_simple_literal("EUR"),
            ),
        ]
        .into();
        assert_eq!(triples, expected, "{flag}");
    }
}

#[test]
fn the_curated_linkset_has_every_link_property_and_nothing_else() {
    let triples = link::linkset(&curated()).unwrap();
    let used: HashSet<_> = triples.iter().map(|t| t.predicate.clone()).collect();
    let expected: HashSet<_> = link::LINK_PROPERTIES
        .iter()
        .map(|p| p.into_owned())
        .collect();
    assert_eq!(used, expected);
    let mut sorted = triples.clone();
    sorted.sort_by_key(|t| {
        (
            t.subject.to_string(),
            t.predicate.to_string(),
            t.object.to_string(),
        )
    });
    assert_eq!(triples, sorted, "the linkset is written in a stable order");
}

// ---------------------------------------------------------------- check

#[test]
fn check_passes_when_every_id_is_in_the_table_and_warns_about_the_rest() {
    let dir = linked_project("facts.toml");
    let table = fixture("links/wikidata-ids.tsv");
    let out = iagraph(dir.path(), &["link", "--check", table.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("2 Wikidata ids in data, all in "),
        "{}",
        stdout(&out)
    );
    // Paris is row 5 of the table, and no entity of this data is Paris.
    let warning = format!(
        "warning: {}:5:1: Paris (Q90) is carried by no entity",
        table.display()
    );
    assert!(stderr(&out).contains(&warning), "{}", stderr(&out));
    assert!(!stderr(&out).contains("Q142"), "{}", stderr(&out));
}

#[test]
fn check_fails_on_an_unconfirmed_id_naming_its_line() {
    let dir = linked_project("unconfirmed-id.toml");
    let table = fixture("links/wikidata-ids.tsv");
    let out = iagraph(dir.path(), &["link", "--check", table.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains("data/facts.toml:24:12: `Q999999999` of entity `euro` is not in "),
        "{message}"
    );
    assert!(
        message.contains("error: 1 of 2 Wikidata ids in data are not in "),
        "{message}"
    );
    // The euro's confirmed id is now unused: a warning, not the error.
    assert!(
        message.contains("euro (Q4916) is carried by no entity"),
        "{message}"
    );
}

#[test]
fn a_table_without_a_wikidata_column_or_with_a_bad_id_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("ids.tsv");
    std::fs::write(&table, "# comment\nlabel\tqid\nFrance\tQ142\n").unwrap();
    let err = link::read_references(&table).unwrap_err().to_string();
    assert!(
        err.ends_with("ids.tsv:2:1: no `wikidata` column in the header row"),
        "{err}"
    );
    std::fs::write(
        &table,
        "label\twikidata\nFrance\tQ142\nParis\thttps://www.wikidata.org/wiki/Q90\n",
    )
    .unwrap();
    let err = link::read_references(&table).unwrap_err().to_string();
    assert!(
        err.ends_with(
            "ids.tsv:3:1: `https://www.wikidata.org/wiki/Q90` is not a Wikidata item id (Q…)"
        ),
        "{err}"
    );
    std::fs::write(
        &table,
        "label\twikidata\tnote\r\nFrance\tQ142\t\r\n# a comment\r\n\r\n\"EU\"\tQ458\t\r\n",
    )
    .unwrap();
    let rows = link::read_references(&table).unwrap();
    assert_eq!(
        rows.iter()
            .map(|r| (r.label.as_str(), r.wikidata.as_str(), r.location.line))
            .collect::<Vec<_>>(),
        [("France", "Q142", 2), ("\"EU\"", "Q458", 5)]
    );
}
