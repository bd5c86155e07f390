//! IRIs of the vocabularies the graph uses, one sub-module per namespace,
//! and the prefixes and JSON-LD form RDF is written with.
//!
//! The ontology's own terms live in [`iag`]; everything else is reused from
//! the W3C and schema.org vocabularies so that generic tools understand it.

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::NamedNodeRef;

/// Declares `pub const NAME: NamedNodeRef` constants under one namespace.
macro_rules! terms {
    ($ns:literal; $($name:ident = $local:literal),* $(,)?) => {
        /// The namespace IRI.
        pub const NAMESPACE: &str = $ns;
        $(
            #[doc = concat!("`", $ns, $local, "`")]
            pub const $name: NamedNodeRef<'static> =
                NamedNodeRef::new_unchecked(concat!($ns, $local));
        )*
    };
}

/// The iagraph ontology (`ontology/iagraph.ttl`).
pub mod iag {
    use super::NamedNodeRef;
    terms!("https://w3id.org/iagraph/ontology#";
        STATEMENT = "Statement",
        FUNDING = "Funding",
        QUANTIFIED_TARGET = "QuantifiedTarget",
        QUANTIFIED_FIGURE = "QuantifiedFigure",
        EVIDENCE = "Evidence",
        SOURCE_ARTICLE = "SourceArticle",
        STATEMENT_SUBJECT = "statementSubject",
        STATEMENT_PROPERTY = "statementProperty",
        STATEMENT_OBJECT = "statementObject",
        AMOUNT = "amount",
        QUANTITY = "quantity",
        BASELINE_VALUE = "baselineValue",
        DATE = "date",
        END_DATE = "endDate",
        DEADLINE = "deadline",
        ANNOUNCED_BY = "announcedBy",
        OCCASION = "occasion",
        EVIDENCE_PROPERTY = "evidence",
        QUOTE = "quote",
        FUNDS = "funds",
        HAS_TARGET = "hasTarget",
        HAS_FIGURE = "hasFigure",
        CURRENCY = "Currency",
        CURRENCY_ENTITY = "currencyEntity",
        ISO_3166_ALPHA_2 = "iso3166Alpha2",
        ISO_4217_CODE = "iso4217Code",
        MODALITY = "modality",
        MODALITIES = "Modalities",
        REPORTED = "Reported",
        PART_OF_STATEMENT = "partOfStatement",
        START_DATE = "startDate",
        INFERENCE = "Inference",
        INFERRED = "inferred",
        INFERRED_PROPERTY = "inferredProperty",
        REASON = "reason",
        PLURAL_LABEL = "pluralLabel",
        NAME_CUE = "nameCue",
    );
}

/// RDF.
pub mod rdf {
    use super::NamedNodeRef;
    terms!("http://www.w3.org/1999/02/22-rdf-syntax-ns#"; TYPE = "type");
}

/// RDF Schema.
pub mod rdfs {
    use super::NamedNodeRef;
    terms!("http://www.w3.org/2000/01/rdf-schema#";
        LABEL = "label",
        COMMENT = "comment",
        SUB_CLASS_OF = "subClassOf",
        SUB_PROPERTY_OF = "subPropertyOf",
        DOMAIN = "domain",
        RANGE = "range",
        IS_DEFINED_BY = "isDefinedBy",
    );
}

/// OWL.
pub mod owl {
    use super::NamedNodeRef;
    terms!("http://www.w3.org/2002/07/owl#";
        CLASS = "Class",
        OBJECT_PROPERTY = "ObjectProperty",
        SYMMETRIC_PROPERTY = "SymmetricProperty",
        SAME_AS = "sameAs",
        VERSION_INFO = "versionInfo",
    );
}

/// XML Schema datatypes.
pub mod xsd {
    use super::NamedNodeRef;
    terms!("http://www.w3.org/2001/XMLSchema#";
        DATE = "date",
        G_YEAR_MONTH = "gYearMonth",
        G_YEAR = "gYear",
        DECIMAL = "decimal",
        INTEGER = "integer",
        NON_NEGATIVE_INTEGER = "nonNegativeInteger",
        HEX_BINARY = "hexBinary",
    );
}

/// SKOS.
pub mod skos {
    use super::NamedNodeRef;
    terms!("http://www.w3.org/2004/02/skos/core#";
        ALT_LABEL = "altLabel",
        PREF_LABEL = "prefLabel",
        CONCEPT = "Concept",
        CONCEPT_SCHEME = "ConceptScheme",
        IN_SCHEME = "inScheme",
        NOTATION = "notation",
    );
}

/// Dublin Core terms.
pub mod dcterms {
    use super::NamedNodeRef;
    terms!("http://purl.org/dc/terms/";
        TITLE = "title",
        DESCRIPTION = "description",
        PUBLISHER = "publisher",
        CREATOR = "creator",
        DATE = "date",
        LANGUAGE = "language",
        SOURCE = "source",
        IDENTIFIER = "identifier",
        ISSUED = "issued",
        MODIFIED = "modified",
        LICENSE = "license",
        SPATIAL = "spatial",
        TEMPORAL = "temporal",
        FORMAT = "format",
        CONFORMS_TO = "conformsTo",
        PROVENANCE = "provenance",
        TYPE = "type",
        BIBLIOGRAPHIC_CITATION = "bibliographicCitation",
        LICENSE_DOCUMENT = "LicenseDocument",
        LOCATION = "Location",
        PERIOD_OF_TIME = "PeriodOfTime",
        MEDIA_TYPE = "MediaType",
        MEDIA_TYPE_OR_EXTENT = "MediaTypeOrExtent",
        STANDARD = "Standard",
        LINGUISTIC_SYSTEM = "LinguisticSystem",
        PROVENANCE_STATEMENT = "ProvenanceStatement",
    );
}

/// schema.org (the `http:` namespace its own RDF uses).
pub mod schema {
    use super::NamedNodeRef;
    terms!("http://schema.org/";
        DESCRIPTION = "description",
        MENTIONS = "mentions",
        MONETARY_AMOUNT = "MonetaryAmount",
        QUANTITATIVE_VALUE = "QuantitativeValue",
        VALUE = "value",
        MIN_VALUE = "minValue",
        MAX_VALUE = "maxValue",
        CURRENCY = "currency",
        UNIT_TEXT = "unitText",
        IN_LANGUAGE = "inLanguage",
        SAME_AS = "sameAs",
        LEGISLATION_IDENTIFIER = "legislationIdentifier",
    );
}

/// PROV-O.
pub mod prov {
    use super::NamedNodeRef;
    terms!("http://www.w3.org/ns/prov#";
        WAS_DERIVED_FROM = "wasDerivedFrom",
        WAS_QUOTED_FROM = "wasQuotedFrom",
    );
}

/// Wikidata items, by their concept IRIs (`…/entity/Q90`), not their wiki pages.
pub mod wd {
    /// The namespace IRI.
    pub const NAMESPACE: &str = "http://www.wikidata.org/entity/";
}

/// European Legislation Identifiers.
pub mod eli {
    /// The namespace IRI under which the EU publishes its ELIs.
    pub const NAMESPACE: &str = "http://data.europa.eu/eli/";
}

/// FOAF.
pub mod foaf {
    use super::NamedNodeRef;
    terms!("http://xmlns.com/foaf/0.1/";
        AGENT = "Agent",
        ORGANIZATION = "Organization",
        DOCUMENT = "Document",
        NAME = "name",
        HOMEPAGE = "homepage",
    );
}

/// DCAT 3, the W3C catalogue vocabulary (and DCAT-AP's own namespace, `dcatap`).
pub mod dcat {
    use super::NamedNodeRef;
    terms!("http://www.w3.org/ns/dcat#";
        CATALOG = "Catalog",
        DATASET = "Dataset",
        DISTRIBUTION = "Distribution",
        DATA_SERVICE = "DataService",
        DATASET_PROPERTY = "dataset",
        DISTRIBUTION_PROPERTY = "distribution",
        SERVICE = "service",
        THEME_TAXONOMY = "themeTaxonomy",
        CONTACT_POINT = "contactPoint",
        KEYWORD = "keyword",
        THEME = "theme",
        LANDING_PAGE = "landingPage",
        START_DATE = "startDate",
        END_DATE = "endDate",
        ACCESS_URL = "accessURL",
        DOWNLOAD_URL = "downloadURL",
        MEDIA_TYPE = "mediaType",
        COMPRESS_FORMAT = "compressFormat",
        BYTE_SIZE = "byteSize",
        ENDPOINT_URL = "endpointURL",
        ENDPOINT_DESCRIPTION = "endpointDescription",
        SERVES_DATASET = "servesDataset",
    );
}

/// DCAT-AP's own terms.
pub mod dcatap {
    use super::NamedNodeRef;
    terms!("http://data.europa.eu/r5r/"; AVAILABILITY = "availability");
}

/// SPDX, for file checksums.
pub mod spdx {
    use super::NamedNodeRef;
    terms!("http://spdx.org/rdf/terms#";
        CHECKSUM = "Checksum",
        CHECKSUM_ALGORITHM = "ChecksumAlgorithm",
        CHECKSUM_PROPERTY = "checksum",
        ALGORITHM = "algorithm",
        CHECKSUM_VALUE = "checksumValue",
        CHECKSUM_ALGORITHM_SHA256 = "checksumAlgorithm_sha256",
    );
}

/// vCard, for contact points.
pub mod vcard {
    use super::NamedNodeRef;
    terms!("http://www.w3.org/2006/vcard/ns#";
        KIND = "Kind",
        ORGANIZATION = "Organization",
        FN = "fn",
        HAS_EMAIL = "hasEmail",
        HAS_URL = "hasURL",
    );
}

/// VoID, the vocabulary of interlinked datasets.
pub mod void {
    use super::NamedNodeRef;
    terms!("http://rdfs.org/ns/void#";
        DATASET = "Dataset",
        LINKSET = "Linkset",
        TRIPLES = "triples",
        ENTITIES = "entities",
        CLASSES = "classes",
        PROPERTIES = "properties",
        DISTINCT_SUBJECTS = "distinctSubjects",
        DISTINCT_OBJECTS = "distinctObjects",
        CLASS_PARTITION = "classPartition",
        PROPERTY_PARTITION = "propertyPartition",
        CLASS = "class",
        PROPERTY = "property",
        SPARQL_ENDPOINT = "sparqlEndpoint",
        DATA_DUMP = "dataDump",
        URI_SPACE = "uriSpace",
        VOCABULARY = "vocabulary",
        FEATURE = "feature",
        SUBSET = "subset",
        SUBJECTS_TARGET = "subjectsTarget",
        OBJECTS_TARGET = "objectsTarget",
        LINK_PREDICATE = "linkPredicate",
    );
}

/// The EU Publications Office's file types (DCAT-AP's `dct:format` values).
pub mod file_type {
    use super::NamedNodeRef;
    terms!("http://publications.europa.eu/resource/authority/file-type/";
        RDF_TURTLE = "RDF_TURTLE",
        RDF_N_TRIPLES = "RDF_N_TRIPLES",
        JSON_LD = "JSON_LD",
        RDF_XML = "RDF_XML",
        CSV = "CSV",
        JSON = "JSON",
        HTML = "HTML",
        GZIP = "GZIP",
    );
}

/// IANA media types, as DCAT-AP writes them (`dcat:mediaType` values).
pub mod media_type {
    use super::NamedNodeRef;
    terms!("https://www.iana.org/assignments/media-types/";
        TEXT_TURTLE = "text/turtle",
        APPLICATION_N_TRIPLES = "application/n-triples",
        APPLICATION_LD_JSON = "application/ld+json",
        APPLICATION_RDF_XML = "application/rdf+xml",
        TEXT_CSV = "text/csv",
        APPLICATION_JSON = "application/json",
        TEXT_HTML = "text/html",
        APPLICATION_GZIP = "application/gzip",
    );
}

/// The EU data themes (DCAT-AP's `dcat:theme` values).
pub mod data_theme {
    use super::NamedNodeRef;
    terms!("http://publications.europa.eu/resource/authority/data-theme/";
        TECH = "TECH",
        ECON = "ECON",
        GOVE = "GOVE",
    );
    /// The concept scheme itself (`dcat:themeTaxonomy`).
    pub const SCHEME: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://publications.europa.eu/resource/authority/data-theme");
}

/// Wikidata's home page and SPARQL endpoint, for the VoID linkset's target.
pub const WIKIDATA_HOMEPAGE: &str = "https://www.wikidata.org/";
pub const WIKIDATA_SPARQL: &str = "https://query.wikidata.org/sparql";

/// Licence Ouverte / Open Licence 2.0 (SPDX `etalab-2.0`), the licence of the
/// published package, and the ADMS licence type it belongs to.
pub const ETALAB_2_0: &str = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/";
pub const LICENCE_TYPE_ATTRIBUTION: &str = "http://purl.org/adms/licencetype/Attribution";

/// The EU countries table (DCAT-AP's `dct:spatial` values).
pub mod country {
    use super::NamedNodeRef;
    terms!("http://publications.europa.eu/resource/authority/country/"; FRA = "FRA");
}

/// The EU planned-availability table (DCAT-AP's `dcatap:availability` values).
pub mod planned_availability {
    use super::NamedNodeRef;
    terms!("http://publications.europa.eu/resource/authority/planned-availability/"; STABLE = "STABLE");
}

/// The prefixes written in Turtle and TriG exports, in this order.
pub const PREFIXES: &[(&str, &str)] = &[
    ("iag", iag::NAMESPACE),
    ("rdf", rdf::NAMESPACE),
    ("rdfs", rdfs::NAMESPACE),
    ("owl", owl::NAMESPACE),
    ("xsd", xsd::NAMESPACE),
    ("skos", skos::NAMESPACE),
    ("dcterms", dcterms::NAMESPACE),
    ("schema", schema::NAMESPACE),
    ("prov", prov::NAMESPACE),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("org", "http://www.w3.org/ns/org#"),
];

/// The IRI that DCAT-AP uses for a language (the EU language authority
/// table), for the BCP 47 tags the sources use.
pub fn eu_language(tag: &str) -> Option<String> {
    let code = match tag {
        "fr" => "FRA",
        "en" => "ENG",
        "de" => "DEU",
        "es" => "SPA",
        "it" => "ITA",
        _ => return None,
    };
    Some(format!(
        "http://publications.europa.eu/resource/authority/language/{code}"
    ))
}

/// JSON-LD 1.0, expanded (no profile).
pub const JSON_LD: RdfFormat = RdfFormat::JsonLd {
    profile: JsonLdProfileSet::empty(),
};

/// The serializer with the ontology's prefixes and `id:` for the graph's IRIs.
pub fn with_prefixes(serializer: RdfSerializer, base: &str) -> RdfSerializer {
    let mut s = serializer;
    for (prefix, iri) in PREFIXES {
        s = s
            .with_prefix(*prefix, *iri)
            .unwrap_or_else(|_| unreachable!("constant IRIs are valid"));
    }
    // The base was validated as an IRI, so this cannot fail; skip it if it did.
    let ids = format!("{base}id/");
    match s.clone().with_prefix("id", ids) {
        Ok(with_ids) => with_ids,
        Err(_) => s,
    }
}
