//! The package's VoID description: statistics of the graph as the dumps hold
//! it (the union of the data and ontology graphs), a partition per class and
//! per property, where to query and download it, and the linkset of its
//! `owl:sameAs` links to Wikidata. Every figure is counted in the store.

use std::collections::BTreeSet;
use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{BlankNode, Literal, NamedNode, Term, Triple};

use super::{LANDING_FILE, Options, PackagedFile, Role, TITLE_EN, TITLE_FR, Triples, count, text};
use crate::error::{Error, Result};
use crate::query;
use crate::store::Graph;
use crate::vocab::{self, dcterms, foaf, owl, rdf, void, xsd};

/// Triples counted once, whichever named graphs hold them.
const DISTINCT_TRIPLES: &str = "{ SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }";

/// What VoID says about the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statistics {
    pub triples: u64,
    /// Distinct IRIs under `{base}id/` described by a triple.
    pub entities: u64,
    pub distinct_subjects: u64,
    pub distinct_objects: u64,
    /// (class, number of instances), sorted by IRI.
    pub classes: Vec<(NamedNode, u64)>,
    /// (property, number of triples), sorted by IRI.
    pub properties: Vec<(NamedNode, u64)>,
    /// `owl:sameAs` links into Wikidata's entity namespace.
    pub wikidata_links: u64,
}

impl Statistics {
    pub fn of(graph: &Graph) -> Result<Self> {
        let counted = |sparql: &str| -> Result<Vec<(NamedNode, u64)>> {
            Ok(query::select(graph, sparql)?
                .into_iter()
                .filter_map(
                    |row| match (row.first()?.clone()?, text(row.get(1)?.as_ref())) {
                        (Term::NamedNode(n), Some(c)) => Some((n, c.parse().ok()?)),
                        _ => None,
                    },
                )
                .collect())
        };
        Ok(Self {
            triples: count(
                graph,
                &format!("SELECT (COUNT(*) AS ?n) WHERE {DISTINCT_TRIPLES}"),
            )?,
            entities: count(
                graph,
                "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), STR(id:))) }",
            )?,
            distinct_subjects: count(
                graph,
                "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }",
            )?,
            distinct_objects: count(
                graph,
                "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }",
            )?,
            classes: counted(
                "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c ORDER BY STR(?c)",
            )?,
            properties: counted(&format!(
                "SELECT ?p (COUNT(*) AS ?n) WHERE {DISTINCT_TRIPLES} GROUP BY ?p ORDER BY STR(?p)"
            ))?,
            wikidata_links: count(
                graph,
                &format!(
                    "SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{ ?s owl:sameAs ?o FILTER(STRSTARTS(STR(?o), \"{}\")) }} }}",
                    vocab::wd::NAMESPACE
                ),
            )?,
        })
    }

    /// The namespaces of the classes and properties used.
    pub fn vocabularies(&self) -> BTreeSet<String> {
        self.classes
            .iter()
            .chain(&self.properties)
            .map(|(term, _)| namespace(term.as_str()).to_owned())
            .collect()
    }
}

/// An IRI up to its last `#` or `/`.
fn namespace(iri: &str) -> &str {
    iri.rfind(['#', '/']).map_or(iri, |i| &iri[..=i])
}

/// Writes the VoID description of `graph`, whose dumps are among `files`.
pub fn write_void(
    graph: &Graph,
    options: &Options,
    files: &[PackagedFile],
    out: &mut impl Write,
) -> Result<()> {
    let stats = Statistics::of(graph)?;
    let triples = void_triples(graph, options, files, &stats);
    let mut serializer = RdfSerializer::from_format(RdfFormat::Turtle);
    for (prefix, namespace) in [
        ("void", void::NAMESPACE),
        ("dct", dcterms::NAMESPACE),
        ("foaf", foaf::NAMESPACE),
        ("owl", owl::NAMESPACE),
        ("xsd", xsd::NAMESPACE),
    ] {
        serializer = serializer
            .with_prefix(prefix, namespace)
            .map_err(|source| Error::BadPrefix {
                prefix: prefix.to_owned(),
                namespace: namespace.to_owned(),
                source,
            })?;
    }
    let mut serializer = serializer.for_writer(out);
    for t in &triples {
        serializer.serialize_triple(t).map_err(Error::Serialize)?;
    }
    serializer.finish().map_err(Error::Serialize)?;
    Ok(())
}

/// The VoID triples, subject by subject.
pub fn void_triples(
    graph: &Graph,
    options: &Options,
    files: &[PackagedFile],
    stats: &Statistics,
) -> Vec<Triple> {
    let dataset = super::dcat::dataset_iri(graph);
    let linkset = NamedNode::new_unchecked(format!("{}linkset/wikidata", graph.base().as_str()));
    let wikidata = BlankNode::new_unchecked("wikidata");
    let integer = |n: u64| Literal::new_typed_literal(n.to_string(), xsd::INTEGER);
    let mut t = Triples::default();

    t.add(&dataset, rdf::TYPE, void::DATASET);
    t.add(
        &dataset,
        dcterms::TITLE,
        Literal::new_language_tagged_literal_unchecked(TITLE_EN, "en"),
    );
    t.add(
        &dataset,
        dcterms::TITLE,
        Literal::new_language_tagged_literal_unchecked(TITLE_FR, "fr"),
    );
    t.add(
        &dataset,
        dcterms::LICENSE,
        NamedNode::new_unchecked(vocab::ETALAB_2_0),
    );
    t.add(&dataset, foaf::HOMEPAGE, options.url_of(LANDING_FILE));
    t.add(&dataset, void::TRIPLES, integer(stats.triples));
    t.add(&dataset, void::ENTITIES, integer(stats.entities));
    t.add(&dataset, void::CLASSES, integer(stats.classes.len() as u64));
    t.add(
        &dataset,
        void::PROPERTIES,
        integer(stats.properties.len() as u64),
    );
    t.add(
        &dataset,
        void::DISTINCT_SUBJECTS,
        integer(stats.distinct_subjects),
    );
    t.add(
        &dataset,
        void::DISTINCT_OBJECTS,
        integer(stats.distinct_objects),
    );
    t.add(
        &dataset,
        void::SPARQL_ENDPOINT,
        NamedNode::new_unchecked(&options.endpoint_url),
    );
    for file in files.iter().filter(|f| f.role == Role::Dump) {
        t.add(&dataset, void::DATA_DUMP, options.url_of(&file.name));
    }
    t.add(
        &dataset,
        void::URI_SPACE,
        Literal::new_simple_literal(format!("{}id/", graph.base().as_str())),
    );
    for namespace in stats.vocabularies() {
        t.add(
            &dataset,
            void::VOCABULARY,
            NamedNode::new_unchecked(namespace),
        );
    }
    t.add(&dataset, void::SUBSET, linkset.clone());
    // Zero-padded, so that the partitions sort as they are numbered.
    let width = stats
        .classes
        .len()
        .max(stats.properties.len())
        .to_string()
        .len();
    for (i, (class, entities)) in stats.classes.iter().enumerate() {
        let partition = BlankNode::new_unchecked(format!("class-{:0width$}", i + 1));
        t.add(&dataset, void::CLASS_PARTITION, partition.clone());
        t.add(&partition, void::CLASS, class.clone());
        t.add(&partition, void::ENTITIES, integer(*entities));
    }
    for (i, (property, triples)) in stats.properties.iter().enumerate() {
        let partition = BlankNode::new_unchecked(format!("property-{:0width$}", i + 1));
        t.add(&dataset, void::PROPERTY_PARTITION, partition.clone());
        t.add(&partition, void::PROPERTY, property.clone());
        t.add(&partition, void::TRIPLES, integer(*triples));
    }

    t.add(&linkset, rdf::TYPE, void::LINKSET);
    t.add(
        &linkset,
        dcterms::TITLE,
        Literal::new_language_tagged_literal_unchecked("Links to Wikidata", "en"),
    );
    t.add(
        &linkset,
        dcterms::TITLE,
        Literal::new_language_tagged_literal_unchecked("Liens vers Wikidata", "fr"),
    );
    t.add(&linkset, void::SUBJECTS_TARGET, dataset.clone());
    t.add(&linkset, void::OBJECTS_TARGET, wikidata.clone());
    t.add(&linkset, void::LINK_PREDICATE, owl::SAME_AS);
    t.add(&linkset, void::TRIPLES, integer(stats.wikidata_links));

    t.add(&wikidata, rdf::TYPE, void::DATASET);
    t.add(
        &wikidata,
        dcterms::TITLE,
        Literal::new_simple_literal("Wikidata"),
    );
    t.add(
        &wikidata,
        foaf::HOMEPAGE,
        NamedNode::new_unchecked(vocab::WIKIDATA_HOMEPAGE),
    );
    t.add(
        &wikidata,
        void::URI_SPACE,
        Literal::new_simple_literal(vocab::wd::NAMESPACE),
    );
    t.add(
        &wikidata,
        void::SPARQL_ENDPOINT,
        NamedNode::new_unchecked(vocab::WIKIDATA_SPARQL),
    );
    t.into_sorted()
}
