//! IRIs of the vocabularies the graph uses, one sub-module per namespace.
//!
//! The ontology's own terms live in [`iag`]; everything else is reused from
//! the W3C and schema.org vocabularies so that generic tools understand it.

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
    );
}

/// SKOS.
pub mod skos {
    use super::NamedNodeRef;
    terms!("http://www.w3.org/2004/02/skos/core#"; ALT_LABEL = "altLabel");
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
