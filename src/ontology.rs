//! The ontology as the rest of the crate needs it: its triples, and the
//! classes and relations that `data/` may use, with their labels.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use oxigraph::io::{RdfFormat, RdfParser, RdfSyntaxError};
use oxigraph::model::{BlankNode, NamedNode, NamedOrBlankNode, Quad, Term};

use crate::error::{Error, Location, Result};
use crate::vocab::{iag, owl, rdf, rdfs, skos};
use crate::wording::Lang;

/// Properties of the statement structure, which data files do not use as relations.
const STRUCTURAL_PROPERTIES: &[&str] = &[
    "statementSubject",
    "statementObject",
    "statementProperty",
    "amount",
    "currencyEntity",
    "quantity",
    "announcedBy",
    "occasion",
    "evidence",
    "partOfStatement",
    "modality",
    "inferred",
    "inferredProperty",
];

/// A term's labels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels {
    pub fr: String,
    pub en: String,
}

impl Labels {
    /// The label in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }
}

/// The parsed ontology.
#[derive(Debug, Clone)]
pub struct Ontology {
    /// All its triples (in the default graph).
    pub quads: Vec<Quad>,
    /// `iag:` classes by local name.
    pub classes: BTreeMap<String, Labels>,
    /// `iag:` object properties usable as relations, by local name.
    pub relations: BTreeMap<String, Labels>,
    /// Their labels after a plural subject (`iag:pluralLabel`), where given.
    pub plural_relations: BTreeMap<String, Labels>,
    /// The relations declared `owl:SymmetricProperty`, by local name: `A
    /// partnersWith B` says `B partnersWith A`.
    pub symmetric: BTreeSet<String>,
    /// Direct super classes, by local name.
    pub super_classes: BTreeMap<String, Vec<String>>,
    /// The `iag:` class a relation's subject must be (`rdfs:domain`), by relation.
    pub domains: BTreeMap<String, String>,
    /// The `iag:` class a relation's object must be (`rdfs:range`), by relation.
    pub ranges: BTreeMap<String, String>,
    /// The concepts of the modality scheme (`iag:Modalities`) by their
    /// `skos:notation`, which data files write: their IRI and labels.
    pub modalities: BTreeMap<String, (NamedNode, Labels)>,
    /// French nouns that, just before a name, say its class
    /// (`iag:nameCue`: « la start-up X », « le ministre X »), with the class.
    pub name_cues_fr: Vec<(String, String)>,
}

impl Ontology {
    /// Reads an ontology in Turtle.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(path, &text)
    }

    /// Parses an ontology in Turtle; `path` is only used in messages.
    pub fn parse(path: &Path, turtle: &[u8]) -> Result<Self> {
        let mut quads = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(turtle)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| parse_error(path, e))?;
        name_blank_nodes(&mut quads);

        let local = |iri: &str| iri.strip_prefix(iag::NAMESPACE).map(str::to_owned);
        let subject_name = |q: &Quad| match &q.subject {
            NamedOrBlankNode::NamedNode(n) => local(n.as_str()),
            NamedOrBlankNode::BlankNode(_) => None,
        };
        let mut classes = BTreeMap::new();
        let mut relations = BTreeMap::new();
        let mut super_classes: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut symmetric = BTreeSet::new();
        let mut domains = BTreeMap::new();
        let mut ranges = BTreeMap::new();
        let mut modalities = BTreeMap::new();
        for q in &quads {
            if q.predicate == skos::IN_SCHEME && q.object == iag::MODALITIES.into() {
                if let NamedOrBlankNode::NamedNode(concept) = &q.subject {
                    modalities.insert(concept.clone(), (String::new(), Labels::default()));
                }
            }
        }
        for q in &quads {
            let NamedOrBlankNode::NamedNode(subject) = &q.subject else {
                continue;
            };
            let (Some(entry), Term::Literal(l)) = (modalities.get_mut(subject), &q.object) else {
                continue;
            };
            if q.predicate == skos::NOTATION {
                entry.0 = l.value().to_owned();
            } else if q.predicate == skos::PREF_LABEL {
                match l.language() {
                    Some("fr") => entry.1.fr = l.value().to_owned(),
                    Some("en") => entry.1.en = l.value().to_owned(),
                    _ => {}
                }
            }
        }
        let modalities: BTreeMap<String, (NamedNode, Labels)> = modalities
            .into_iter()
            .filter(|(_, (notation, _))| !notation.is_empty())
            .map(|(iri, (notation, labels))| (notation, (iri, labels)))
            .collect();
        for q in &quads {
            let Some(name) = subject_name(q) else {
                continue;
            };
            if q.predicate == rdfs::DOMAIN || q.predicate == rdfs::RANGE {
                if let Term::NamedNode(class) = &q.object {
                    if let Some(class) = local(class.as_str()) {
                        let map = if q.predicate == rdfs::DOMAIN {
                            &mut domains
                        } else {
                            &mut ranges
                        };
                        map.insert(name.clone(), class);
                    }
                }
            }
            if q.predicate == rdf::TYPE && q.object == owl::SYMMETRIC_PROPERTY.into() {
                symmetric.insert(name.clone());
            }
            if q.predicate == rdf::TYPE {
                if q.object == owl::CLASS.into() {
                    classes.insert(name, Labels::default());
                } else if q.object == owl::OBJECT_PROPERTY.into()
                    && !STRUCTURAL_PROPERTIES.contains(&name.as_str())
                {
                    relations.insert(name, Labels::default());
                }
            } else if q.predicate == rdfs::SUB_CLASS_OF {
                if let Term::NamedNode(parent) = &q.object {
                    if let Some(parent) = local(parent.as_str()) {
                        super_classes.entry(name).or_default().push(parent);
                    }
                }
            }
        }
        let mut plural_relations: BTreeMap<String, Labels> = BTreeMap::new();
        let mut name_cues_fr = Vec::new();
        for q in &quads {
            let (Some(name), Term::Literal(l)) = (subject_name(q), &q.object) else {
                continue;
            };
            if q.predicate == iag::NAME_CUE
                && l.language() == Some("fr")
                && classes.contains_key(&name)
            {
                name_cues_fr.push((l.value().to_owned(), name.clone()));
            }
            if q.predicate == iag::PLURAL_LABEL && relations.contains_key(&name) {
                let labels = plural_relations.entry(name.clone()).or_default();
                match l.language() {
                    Some("fr") => labels.fr = l.value().to_owned(),
                    Some("en") => labels.en = l.value().to_owned(),
                    _ => {}
                }
            }
            if q.predicate != rdfs::LABEL {
                continue;
            }
            for labels in [classes.get_mut(&name), relations.get_mut(&name)]
                .into_iter()
                .flatten()
            {
                match l.language() {
                    Some("fr") => labels.fr = l.value().to_owned(),
                    Some("en") => labels.en = l.value().to_owned(),
                    _ => {}
                }
            }
        }
        let missing: Vec<_> = classes
            .iter()
            .chain(&relations)
            .chain(modalities.iter().map(|(n, (_, l))| (n, l)))
            .filter(|(_, l)| l.fr.is_empty() || l.en.is_empty())
            .map(|(n, _)| n.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(Error::UnlabelledTerms {
                file: path.to_owned(),
                terms: missing.into_iter().map(str::to_owned).collect(),
            });
        }
        Ok(Self {
            quads,
            classes,
            relations,
            plural_relations,
            name_cues_fr,
            symmetric,
            super_classes,
            domains,
            ranges,
            modalities,
        })
    }

    /// The IRI of the `iag:` term `local`.
    pub fn term(local: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{local}", iag::NAMESPACE))
    }

    /// Whether class `class` is `ancestor` or one of its subclasses.
    pub fn is_subclass_of(&self, class: &str, ancestor: &str) -> bool {
        let mut todo = vec![class];
        let mut seen = Vec::new();
        while let Some(c) = todo.pop() {
            if c == ancestor {
                return true;
            }
            if seen.contains(&c) {
                continue;
            }
            seen.push(c);
            if let Some(parents) = self.super_classes.get(c) {
                todo.extend(parents.iter().map(String::as_str));
            }
        }
        false
    }
}

/// The parser names blank nodes at random; renaming them in file order
/// makes exports of the same ontology byte-identical.
fn name_blank_nodes(quads: &mut [Quad]) {
    let mut names: HashMap<BlankNode, BlankNode> = HashMap::new();
    let mut rename = |b: &BlankNode| {
        let next = names.len();
        names
            .entry(b.clone())
            .or_insert_with(|| BlankNode::new_unchecked(format!("o{next}")))
            .clone()
    };
    for q in quads {
        if let NamedOrBlankNode::BlankNode(b) = &q.subject {
            q.subject = rename(b).into();
        }
        if let Term::BlankNode(b) = &q.object {
            q.object = rename(b).into();
        }
    }
}

fn parse_error(path: &Path, error: RdfSyntaxError) -> Error {
    let (line, column) = error.location().map_or((1, 1), |r| {
        (r.start.line as usize + 1, r.start.column as usize + 1)
    });
    Error::OntologySyntax {
        location: Location {
            file: path.to_owned(),
            line,
            column,
        },
        error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = r#"
        @prefix iag: <https://w3id.org/iagraph/ontology#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        iag:Organisation a owl:Class ; rdfs:label "Organisation"@fr, "Organisation"@en .
        iag:Startup a owl:Class ; rdfs:subClassOf iag:Company ; rdfs:label "Start-up"@fr, "Start-up"@en ;
            iag:nameCue "start-up"@fr , "pousse"@fr , "startup"@en .
        iag:Company a owl:Class ; rdfs:subClassOf iag:Organisation ; rdfs:label "Entreprise"@fr, "Company"@en .
        iag:funds a owl:ObjectProperty ; rdfs:label "finance"@fr, "funds"@en .
        iag:amount a owl:ObjectProperty ; rdfs:label "montant"@fr, "amount"@en .
        iag:partnersWith a owl:ObjectProperty , owl:SymmetricProperty ;
            rdfs:label "partenaire de"@fr, "partners with"@en .
    "#;

    #[test]
    fn reads_classes_relations_and_hierarchy() {
        let o = Ontology::parse(Path::new("o.ttl"), MINI.as_bytes()).unwrap();
        assert_eq!(
            o.classes.keys().collect::<Vec<_>>(),
            ["Company", "Organisation", "Startup"]
        );
        assert_eq!(
            o.relations.keys().collect::<Vec<_>>(),
            ["funds", "partnersWith"]
        );
        assert_eq!(o.symmetric.iter().collect::<Vec<_>>(), ["partnersWith"]);
        // French cues only.
        let mut cues = o.name_cues_fr.clone();
        cues.sort();
        assert_eq!(
            cues,
            [
                ("pousse".to_owned(), "Startup".to_owned()),
                ("start-up".to_owned(), "Startup".to_owned())
            ]
        );
        assert_eq!(o.relations["funds"].get(Lang::Fr), "finance");
        assert!(o.is_subclass_of("Startup", "Organisation"));
        assert!(!o.is_subclass_of("Organisation", "Startup"));
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let err = Ontology::parse(
            Path::new("o.ttl"),
            b"@prefix x: <http://x/> .\n\nx:a x:b .\n",
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("o.ttl:3:"), "{err}");
    }
}
