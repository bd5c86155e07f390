//! The package's DCAT-AP 3 catalogue: one `dcat:Catalog`, one
//! `dcat:Dataset` with a `dcat:Distribution` per dump and table (download
//! address, media type, format, size and SHA-256), and a `dcat:DataService`
//! for the SPARQL endpoint.
//!
//! Every resource the DCAT-AP shapes expect to have a class (licence,
//! themes, formats, media types, languages, places, standards, agents) is
//! typed here, so that the catalogue validates on its own, without the EU
//! controlled vocabularies at hand.

use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{BlankNode, Literal, NamedNode, NamedNodeRef, Term, Triple};

use super::tables::{self, TABLES};
use super::{
    DESCRIPTION_EN, DESCRIPTION_FR, LANDING_FILE, Options, PackagedFile, Role, TITLE_EN, TITLE_FR,
    Triples, count, date,
};
use crate::error::{Error, Result};
use crate::query;
use crate::store::Graph;
use crate::vocab::{
    self, country, data_theme, dcat, dcatap, dcterms, eu_language, foaf, media_type,
    planned_availability, rdf, rdfs, skos, spdx, vcard, xsd,
};

const KEYWORDS: &[(&str, &str)] = &[
    ("intelligence artificielle", "artificial intelligence"),
    ("stratégie nationale", "national strategy"),
    ("financement", "funding"),
    ("politique publique", "public policy"),
    ("graphe de connaissances", "knowledge graph"),
    ("France", "France"),
];

/// The EU data themes the dataset falls under, with their labels.
const THEMES: &[(NamedNodeRef<'static>, &str, &str)] = &[
    (
        data_theme::TECH,
        "Science et technologie",
        "Science and technology",
    ),
    (
        data_theme::ECON,
        "Économie et finances",
        "Economy and finance",
    ),
    (
        data_theme::GOVE,
        "Gouvernement et secteur public",
        "Government and public sector",
    ),
];

/// The W3C recommendation the SPARQL endpoint follows.
const SPARQL_PROTOCOL: &str = "https://www.w3.org/TR/sparql11-protocol/";

/// The IRI of the dataset, which the VoID description shares.
pub fn dataset_iri(graph: &Graph) -> NamedNode {
    NamedNode::new_unchecked(format!("{}dataset", graph.base().as_str()))
}

/// The catalogue, ready to write in any RDF syntax, and the facts the
/// landing page repeats.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub triples: Vec<Triple>,
    pub description_fr: String,
    pub description_en: String,
    /// The earliest and latest dates of the statements, as the data gives them.
    pub temporal: Option<(Literal, Literal)>,
    pub citation_fr: String,
    pub citation_en: String,
    pub options: Options,
}

impl Catalogue {
    /// Describes the package whose data files are `files`.
    pub fn new(graph: &Graph, options: &Options, files: &[PackagedFile]) -> Result<Self> {
        let base = graph.base().as_str();
        let iri = |path: &str| NamedNode::new_unchecked(format!("{base}{path}"));
        let catalog = iri("catalog");
        let dataset = dataset_iri(graph);
        let service = iri("service/sparql");
        let publisher = iri("publisher");
        let contact = BlankNode::new_unchecked("contact");
        let licence = NamedNode::new_unchecked(vocab::ETALAB_2_0);
        let landing = options.url_of(LANDING_FILE);
        let endpoint = NamedNode::new_unchecked(&options.endpoint_url);
        let (issued, modified) = (xsd_date(options.issued), xsd_date(options.modified));

        let entities = tables::rows(graph, &TABLES[0])?.1.len();
        let statements = count(
            graph,
            "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a iag:Statement }",
        )?;
        let quotations = count(
            graph,
            "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a iag:Evidence }",
        )?;
        let sources = count(
            graph,
            "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a iag:SourceArticle }",
        )?;
        let description_fr = format!(
            "{DESCRIPTION_FR} {entities} entités, {statements} affirmations et {quotations} citations tirées de {sources} articles."
        );
        let description_en = format!(
            "{DESCRIPTION_EN} {entities} entities, {statements} statements and {quotations} quotations from {sources} articles."
        );
        let day = date(options.modified);
        let citation_fr = format!(
            "{}, « {TITLE_FR} », jeu de données, version du {day}, Licence Ouverte 2.0, {}",
            options.publisher,
            landing.as_str()
        );
        let citation_en = format!(
            "{}, \"{TITLE_EN}\", dataset, version of {day}, Licence Ouverte / Open Licence 2.0, {}",
            options.publisher,
            landing.as_str()
        );
        let temporal = temporal_coverage(graph)?;

        let mut t = Triples::default();
        let fr = |s: &str| Literal::new_language_tagged_literal_unchecked(s, "fr");
        let en = |s: &str| Literal::new_language_tagged_literal_unchecked(s, "en");

        // The catalogue.
        t.add(&catalog, rdf::TYPE, dcat::CATALOG);
        t.add(
            &catalog,
            dcterms::TITLE,
            fr(&format!("Catalogue de {TITLE_FR}")),
        );
        t.add(
            &catalog,
            dcterms::TITLE,
            en(&format!("Catalogue of {TITLE_EN}")),
        );
        t.add(
            &catalog,
            dcterms::DESCRIPTION,
            fr("Le jeu de données iagraph, ses téléchargements et son point d'accès SPARQL."),
        );
        t.add(
            &catalog,
            dcterms::DESCRIPTION,
            en("The iagraph dataset, its downloads and its SPARQL endpoint."),
        );
        t.add(&catalog, dcterms::PUBLISHER, publisher.clone());
        t.add(&catalog, dcat::DATASET_PROPERTY, dataset.clone());
        t.add(&catalog, dcat::SERVICE, service.clone());
        t.add(&catalog, foaf::HOMEPAGE, landing.clone());
        t.add(&catalog, dcterms::LICENSE, licence.clone());
        t.add(&catalog, dcterms::ISSUED, issued.clone());
        t.add(&catalog, dcterms::MODIFIED, modified.clone());
        t.add(&catalog, dcterms::SPATIAL, country::FRA);
        t.add(&catalog, dcat::THEME_TAXONOMY, data_theme::SCHEME);
        for language in languages() {
            t.add(&catalog, dcterms::LANGUAGE, language);
        }

        // The dataset.
        t.add(&dataset, rdf::TYPE, dcat::DATASET);
        t.add(&dataset, dcterms::TITLE, fr(TITLE_FR));
        t.add(&dataset, dcterms::TITLE, en(TITLE_EN));
        t.add(&dataset, dcterms::DESCRIPTION, fr(&description_fr));
        t.add(&dataset, dcterms::DESCRIPTION, en(&description_en));
        t.add(
            &dataset,
            dcterms::IDENTIFIER,
            Literal::new_simple_literal(dataset.as_str()),
        );
        t.add(&dataset, dcterms::PUBLISHER, publisher.clone());
        t.add(&dataset, dcat::CONTACT_POINT, contact.clone());
        for (keyword_fr, keyword_en) in KEYWORDS {
            t.add(&dataset, dcat::KEYWORD, fr(keyword_fr));
            t.add(&dataset, dcat::KEYWORD, en(keyword_en));
        }
        for (theme, _, _) in THEMES {
            t.add(&dataset, dcat::THEME, *theme);
        }
        t.add(&dataset, dcterms::SPATIAL, country::FRA);
        if let Some((start, end)) = &temporal {
            let period = BlankNode::new_unchecked("temporal-coverage");
            t.add(&dataset, dcterms::TEMPORAL, period.clone());
            t.add(&period, rdf::TYPE, dcterms::PERIOD_OF_TIME);
            t.add(&period, dcat::START_DATE, start.clone());
            t.add(&period, dcat::END_DATE, end.clone());
        }
        t.add(&dataset, dcterms::ISSUED, issued.clone());
        t.add(&dataset, dcterms::MODIFIED, modified.clone());
        for language in languages() {
            t.add(&dataset, dcterms::LANGUAGE, language);
        }
        t.add(&dataset, dcat::LANDING_PAGE, landing.clone());
        let provenance = BlankNode::new_unchecked("provenance");
        t.add(&dataset, dcterms::PROVENANCE, provenance.clone());
        t.add(&provenance, rdf::TYPE, dcterms::PROVENANCE_STATEMENT);
        t.add(&provenance, rdfs::LABEL, fr("Chaque affirmation est tirée d'un article de presse français et le cite par un extrait textuel ; le graphe ne contient rien que les articles ne disent."));
        t.add(&provenance, rdfs::LABEL, en("Every statement comes from a French press article and quotes it verbatim; the graph holds nothing the articles do not say."));
        t.add(&dataset, dcterms::BIBLIOGRAPHIC_CITATION, fr(&citation_fr));
        t.add(&dataset, dcterms::BIBLIOGRAPHIC_CITATION, en(&citation_en));
        let ontology = ontology(graph)?;
        if let Some((iri, _)) = &ontology {
            t.add(&dataset, dcterms::CONFORMS_TO, iri.clone());
        }

        // Its distributions.
        let mut checksum_ids = 0;
        for file in files.iter().filter(|f| f.is_distribution()) {
            let distribution = iri(&format!("distribution/{}", file.name));
            let url = options.url_of(&file.name);
            t.add(&dataset, dcat::DISTRIBUTION_PROPERTY, distribution.clone());
            t.add(&distribution, rdf::TYPE, dcat::DISTRIBUTION);
            t.add(&distribution, dcterms::TITLE, fr(&file.title_fr));
            t.add(&distribution, dcterms::TITLE, en(&file.title_en));
            t.add(&distribution, dcat::ACCESS_URL, url.clone());
            t.add(&distribution, dcat::DOWNLOAD_URL, url);
            t.add(
                &distribution,
                dcat::MEDIA_TYPE,
                file.format.media_type_iri(),
            );
            t.add(&distribution, dcterms::FORMAT, file.format.file_type());
            if file.gzip {
                t.add(
                    &distribution,
                    dcat::COMPRESS_FORMAT,
                    media_type::APPLICATION_GZIP,
                );
            }
            t.add(
                &distribution,
                dcat::BYTE_SIZE,
                Literal::new_typed_literal(file.bytes.to_string(), xsd::NON_NEGATIVE_INTEGER),
            );
            checksum_ids += 1;
            let checksum = BlankNode::new_unchecked(format!("checksum-{checksum_ids}"));
            t.add(&distribution, spdx::CHECKSUM_PROPERTY, checksum.clone());
            t.add(&checksum, rdf::TYPE, spdx::CHECKSUM);
            t.add(&checksum, spdx::ALGORITHM, spdx::CHECKSUM_ALGORITHM_SHA256);
            t.add(
                &checksum,
                spdx::CHECKSUM_VALUE,
                Literal::new_typed_literal(&file.sha256, xsd::HEX_BINARY),
            );
            t.add(&distribution, dcterms::LICENSE, licence.clone());
            t.add(
                &distribution,
                dcatap::AVAILABILITY,
                planned_availability::STABLE,
            );
            match &file.role {
                Role::Table { schema } => {
                    let standard = options.url_of(schema);
                    t.add(&distribution, dcterms::CONFORMS_TO, standard.clone());
                    t.add(&standard, rdf::TYPE, dcterms::STANDARD);
                    t.add(
                        &standard,
                        dcterms::TITLE,
                        en(&format!("Table Schema of {}", file.name)),
                    );
                    t.add(
                        &standard,
                        dcterms::TITLE,
                        fr(&format!("Table Schema de {}", file.name)),
                    );
                    t.add(&standard, dcterms::FORMAT, vocab::file_type::JSON);
                }
                _ => {
                    if let Some((iri, _)) = &ontology {
                        t.add(&distribution, dcterms::CONFORMS_TO, iri.clone());
                    }
                }
            }
        }

        // The SPARQL endpoint.
        t.add(&service, rdf::TYPE, dcat::DATA_SERVICE);
        t.add(
            &service,
            dcterms::TITLE,
            fr("Point d'accès SPARQL d'iagraph"),
        );
        t.add(&service, dcterms::TITLE, en("iagraph SPARQL endpoint"));
        t.add(&service, dcterms::DESCRIPTION, fr("Point d'accès SPARQL 1.1 en lecture seule sur le même graphe ; sans requête, il renvoie sa description de service."));
        t.add(&service, dcterms::DESCRIPTION, en("Read-only SPARQL 1.1 endpoint over the same graph; without a query it returns its service description."));
        t.add(&service, dcat::ENDPOINT_URL, endpoint.clone());
        t.add(&service, dcat::ENDPOINT_DESCRIPTION, endpoint);
        t.add(&service, dcat::SERVES_DATASET, dataset.clone());
        let protocol = NamedNode::new_unchecked(SPARQL_PROTOCOL);
        t.add(&service, dcterms::CONFORMS_TO, protocol.clone());
        t.add(&protocol, rdf::TYPE, dcterms::STANDARD);
        t.add(&protocol, dcterms::TITLE, en("SPARQL 1.1 Protocol"));
        t.add(&service, dcterms::LICENSE, licence.clone());
        t.add(&service, dcterms::PUBLISHER, publisher.clone());
        t.add(&service, dcat::CONTACT_POINT, contact.clone());

        // The agents.
        t.add(&publisher, rdf::TYPE, foaf::AGENT);
        t.add(&publisher, rdf::TYPE, foaf::ORGANIZATION);
        t.add(
            &publisher,
            foaf::NAME,
            Literal::new_simple_literal(&options.publisher),
        );
        t.add(&contact, rdf::TYPE, vcard::KIND);
        t.add(&contact, rdf::TYPE, vcard::ORGANIZATION);
        t.add(
            &contact,
            vcard::FN,
            Literal::new_simple_literal(&options.publisher),
        );
        let reach = NamedNode::new_unchecked(&options.contact);
        if options.contact.starts_with("mailto:") {
            t.add(&contact, vcard::HAS_EMAIL, reach);
        } else {
            t.add(&contact, vcard::HAS_URL, reach);
        }

        // The classes the DCAT-AP shapes expect of the values used above.
        t.add(&licence, rdf::TYPE, dcterms::LICENSE_DOCUMENT);
        t.add(
            &licence,
            dcterms::IDENTIFIER,
            Literal::new_simple_literal("etalab-2.0"),
        );
        t.add(&licence, rdfs::LABEL, fr("Licence Ouverte version 2.0"));
        t.add(&licence, rdfs::LABEL, en("Open Licence version 2.0"));
        let attribution = NamedNode::new_unchecked(vocab::LICENCE_TYPE_ATTRIBUTION);
        t.add(&licence, dcterms::TYPE, attribution.clone());
        t.add(&attribution, rdf::TYPE, skos::CONCEPT);
        t.add(&attribution, skos::PREF_LABEL, en("Attribution"));
        t.add(&landing, rdf::TYPE, foaf::DOCUMENT);
        t.add(data_theme::SCHEME, rdf::TYPE, skos::CONCEPT_SCHEME);
        t.add(data_theme::SCHEME, dcterms::TITLE, en("Data theme"));
        for (theme, label_fr, label_en) in THEMES {
            t.add(*theme, rdf::TYPE, skos::CONCEPT);
            t.add(*theme, skos::PREF_LABEL, fr(label_fr));
            t.add(*theme, skos::PREF_LABEL, en(label_en));
        }
        t.add(country::FRA, rdf::TYPE, dcterms::LOCATION);
        t.add(country::FRA, skos::PREF_LABEL, fr("France"));
        t.add(country::FRA, skos::PREF_LABEL, en("France"));
        for language in languages() {
            t.add(&language, rdf::TYPE, dcterms::LINGUISTIC_SYSTEM);
        }
        t.add(planned_availability::STABLE, rdf::TYPE, skos::CONCEPT);
        t.add(planned_availability::STABLE, skos::PREF_LABEL, en("stable"));
        t.add(
            spdx::CHECKSUM_ALGORITHM_SHA256,
            rdf::TYPE,
            spdx::CHECKSUM_ALGORITHM,
        );
        for file in files.iter().filter(|f| f.is_distribution()) {
            t.add(file.format.media_type_iri(), rdf::TYPE, dcterms::MEDIA_TYPE);
            t.add(
                file.format.file_type(),
                rdf::TYPE,
                dcterms::MEDIA_TYPE_OR_EXTENT,
            );
            if file.gzip {
                t.add(media_type::APPLICATION_GZIP, rdf::TYPE, dcterms::MEDIA_TYPE);
            }
        }
        t.add(
            vocab::file_type::JSON,
            rdf::TYPE,
            dcterms::MEDIA_TYPE_OR_EXTENT,
        );
        if let Some((iri, titles)) = &ontology {
            t.add(iri, rdf::TYPE, dcterms::STANDARD);
            for title in titles {
                t.add(iri, dcterms::TITLE, title.clone());
            }
        }

        Ok(Self {
            triples: t.into_sorted(),
            description_fr,
            description_en,
            temporal,
            citation_fr,
            citation_en,
            options: options.clone(),
        })
    }

    /// Writes the catalogue in `format`, with the usual prefixes.
    pub fn write(&self, format: RdfFormat, out: &mut impl Write) -> Result<()> {
        let mut serializer = RdfSerializer::from_format(format);
        for (prefix, namespace) in PREFIXES {
            serializer = serializer
                .with_prefix(*prefix, *namespace)
                .map_err(|source| Error::BadPrefix {
                    prefix: (*prefix).to_owned(),
                    namespace: (*namespace).to_owned(),
                    source,
                })?;
        }
        let mut serializer = serializer.for_writer(out);
        for triple in &self.triples {
            serializer
                .serialize_triple(triple)
                .map_err(Error::Serialize)?;
        }
        serializer.finish().map_err(Error::Serialize)?;
        Ok(())
    }
}

/// The prefixes of the catalogue's syntaxes.
const PREFIXES: &[(&str, &str)] = &[
    ("dcat", dcat::NAMESPACE),
    ("dct", dcterms::NAMESPACE),
    ("dcatap", dcatap::NAMESPACE),
    ("foaf", foaf::NAMESPACE),
    ("vcard", vcard::NAMESPACE),
    ("spdx", spdx::NAMESPACE),
    ("skos", skos::NAMESPACE),
    ("rdfs", rdfs::NAMESPACE),
    ("xsd", xsd::NAMESPACE),
];

fn languages() -> Vec<NamedNode> {
    ["fr", "en"]
        .into_iter()
        .filter_map(eu_language)
        .map(NamedNode::new_unchecked)
        .collect()
}

fn xsd_date(d: oxsdatatypes::Date) -> Literal {
    Literal::new_typed_literal(date(d), xsd::DATE)
}

/// The ontology the data follows: its IRI and titles.
fn ontology(graph: &Graph) -> Result<Option<(NamedNode, Vec<Literal>)>> {
    let rows = query::select(
        graph,
        "SELECT ?o ?title WHERE { ?o a owl:Ontology OPTIONAL { ?o dcterms:title ?title } } ORDER BY STR(?o) STR(?title)",
    )?;
    let mut found: Option<(NamedNode, Vec<Literal>)> = None;
    for row in rows {
        let Some(Term::NamedNode(iri)) = row.first().cloned().flatten() else {
            continue;
        };
        if found.as_ref().is_some_and(|(first, _)| *first != iri) {
            break;
        }
        let entry = found.get_or_insert_with(|| (iri, Vec::new()));
        if let Some(Term::Literal(title)) = row.get(1).cloned().flatten() {
            entry.1.push(title);
        }
    }
    Ok(found)
}

/// The earliest and the latest date of the statements (`iag:date` and
/// `iag:endDate`; deadlines are targets, not facts), as typed literals.
/// A year or a month reaches to its end when it is the latest.
pub fn temporal_coverage(graph: &Graph) -> Result<Option<(Literal, Literal)>> {
    let rows = query::select(
        graph,
        "SELECT DISTINCT ?d WHERE { ?s a iag:Statement ; iag:date|iag:endDate ?d }",
    )?;
    let dates: Vec<Literal> = rows
        .into_iter()
        .filter_map(|row| match row.into_iter().next().flatten() {
            Some(Term::Literal(l)) if is_date_type(l.datatype()) => Some(l),
            _ => None,
        })
        .collect();
    let start = dates
        .iter()
        .min_by_key(|d| (bounds(d.value()).0, d.value().len()));
    let end = dates
        .iter()
        .max_by_key(|d| (bounds(d.value()).1, d.value().len()));
    Ok(start.zip(end).map(|(s, e)| (s.clone(), e.clone())))
}

fn is_date_type(datatype: NamedNodeRef<'_>) -> bool {
    [xsd::DATE, xsd::G_YEAR_MONTH, xsd::G_YEAR].contains(&datatype)
}

/// The first and last (year, month, day) of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`;
/// 31 stands for the last day of any month, which is enough to compare.
fn bounds(value: &str) -> ((i32, u8, u8), (i32, u8, u8)) {
    let mut parts = value.splitn(3, '-').map(|p| p.parse::<i32>().unwrap_or(0));
    let year = parts.next().unwrap_or(0);
    let month = parts.next().map(|m| m.clamp(1, 12) as u8);
    let day = parts.next().map(|d| d.clamp(1, 31) as u8);
    (
        (year, month.unwrap_or(1), day.unwrap_or(1)),
        (year, month.unwrap_or(12), day.unwrap_or(31)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_starts_before_and_ends_after_its_days() {
        assert!(bounds("2025").0 < bounds("2025-02-09").0);
        assert!(bounds("2025").1 > bounds("2025-02-09").1);
        assert!(bounds("2023-06").1 < bounds("2023-11").0);
        assert_eq!(bounds("2024-05-21").0, bounds("2024-05-21").1);
    }
}
