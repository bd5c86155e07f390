//! Reads `data/` and checks it against the ontology.
//!
//! Every problem found is reported with its file, line and column, all at
//! once, so that a curator fixes a batch of mistakes in one pass.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use oxigraph::model::Literal;
use serde::de::DeserializeOwned;

use crate::error::{DataError, DataErrorKind, Error, Location, Result};
use crate::model::{Entity, FactsFile, Number, Source, SourcesFile, Spanned, Statement};
use crate::ontology::Ontology;
use crate::vocab::xsd;

/// The file that lists the source articles.
pub const SOURCES_FILE: &str = "sources.toml";

/// Relations whose statement carries a quantity instead of an object.
pub const QUANTITY_RELATIONS: &[&str] = &["hasTarget", "hasFigure"];

/// Classes of the nodes the mapping creates, which entities cannot take.
pub const RECORD_CLASSES: &[&str] = &[
    "Statement",
    "Funding",
    "QuantifiedTarget",
    "QuantifiedFigure",
    "Evidence",
    "SourceArticle",
];

/// Longest evidence fragment accepted: a clause, not a paragraph.
pub const MAX_EVIDENCE_CHARS: usize = 200;

/// The checked contents of `data/`.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub sources: Vec<Source>,
    pub entities: Vec<Entity>,
    pub statements: Vec<Statement>,
    /// Where each id (source, entity or statement) is defined.
    pub locations: HashMap<String, Location>,
    /// Where each `same_as` link is written (a link is on one entity only).
    pub link_locations: HashMap<String, Location>,
}

impl Dataset {
    /// Reads and checks every `*.toml` file of `dir`.
    pub fn load(dir: &Path, ontology: &Ontology) -> Result<Self> {
        let mut files = std::fs::read_dir(dir)
            .map_err(|source| Error::Read {
                path: dir.to_owned(),
                source,
            })?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|source| Error::Read {
                path: dir.to_owned(),
                source,
            })?;
        files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
        files.sort();
        let sources_path = dir.join(SOURCES_FILE);
        if !files.contains(&sources_path) {
            return Err(Error::Read {
                path: sources_path,
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            });
        }
        let mut texts = Vec::new();
        for path in files {
            let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            texts.push((path, text));
        }
        Self::from_texts(&texts, ontology)
    }

    /// Checks files given as `(path, content)`; the one named `sources.toml`
    /// holds the sources, the others entities and statements.
    pub fn from_texts(files: &[(PathBuf, String)], ontology: &Ontology) -> Result<Self> {
        let mut checker = Checker::default();
        let mut sources = Vec::new();
        let mut facts = Vec::new();
        for (index, (path, text)) in files.iter().enumerate() {
            if path.file_name().is_some_and(|n| n == SOURCES_FILE) {
                if let Some(f) = checker.parse::<SourcesFile>(path, text) {
                    sources.extend(f.sources.into_iter().map(|s| (index, s)));
                }
            } else if let Some(f) = checker.parse::<FactsFile>(path, text) {
                facts.push((index, f));
            }
        }
        let entities: Vec<(usize, Entity)> = facts
            .iter()
            .flat_map(|(i, f)| f.entities.iter().map(move |e| (*i, e.clone())))
            .collect();
        let statements: Vec<(usize, Statement)> = facts
            .into_iter()
            .flat_map(|(i, f)| f.statements.into_iter().map(move |s| (i, s)))
            .collect();

        let at = |file: usize, offset: usize| {
            let (path, text) = &files[file];
            Location::at_offset(path, text, offset)
        };
        // Ids share one namespace: they all become IRIs under `id/`.
        let mut ids: HashMap<&str, (Location, Kind)> = HashMap::new();
        let all_ids = sources
            .iter()
            .map(|(f, s)| (*f, &s.id, Kind::Source))
            .chain(entities.iter().map(|(f, e)| (*f, &e.id, Kind::Entity)))
            .chain(statements.iter().map(|(f, s)| (*f, &s.id, Kind::Statement)));
        for (file, id, kind) in all_ids {
            let location = at(file, id.span().start);
            if let Err(reason) = check_slug(id.get_ref()) {
                checker.push(
                    location.clone(),
                    DataErrorKind::BadId {
                        id: id.get_ref().clone(),
                        reason,
                    },
                );
            }
            if let Some((first, _)) = ids.get(id.get_ref().as_str()) {
                checker.push(
                    location,
                    DataErrorKind::DuplicateId {
                        id: id.get_ref().clone(),
                        first: first.clone(),
                    },
                );
            } else {
                ids.insert(id.get_ref(), (location, kind));
            }
        }
        let has = |id: &Spanned<String>, kind: Kind| {
            ids.get(id.get_ref().as_str())
                .is_some_and(|(_, k)| *k == kind)
        };
        let class_of: HashMap<&str, &str> = entities
            .iter()
            .map(|(_, e)| (e.id.get_ref().as_str(), e.class.get_ref().as_str()))
            .collect();

        for (file, source) in &sources {
            let f = *file;
            for entity in [&source.publisher, &source.author].into_iter().flatten() {
                if !has(entity, Kind::Entity) {
                    checker.push(at(f, entity.span().start), unknown_entity(entity));
                }
            }
            if let Some(date) = &source.date {
                checker.check_date(at(f, date.span().start), date);
            }
            if crate::vocab::eu_language(&source.language).is_none() {
                checker.push(
                    at(f, source.id.span().start),
                    DataErrorKind::Invalid(format!(
                        "language `{}` of source `{}` is not one of fr, en, de, es, it",
                        source.language,
                        source.id.get_ref()
                    )),
                );
            }
        }
        let entity_classes: Vec<&str> = ontology
            .classes
            .keys()
            .map(String::as_str)
            .filter(|c| !RECORD_CLASSES.contains(c))
            .collect();
        let known_classes = entity_classes.join(", ");
        let mut link_locations: HashMap<String, (Location, &str)> = HashMap::new();
        let mut codes_seen: HashMap<(&str, &str), (Location, &str)> = HashMap::new();
        for (file, entity) in &entities {
            let f = *file;
            if !entity_classes.contains(&entity.class.get_ref().as_str()) {
                checker.push(
                    at(f, entity.class.span().start),
                    DataErrorKind::UnknownClass {
                        name: entity.class.get_ref().clone(),
                        known: known_classes.clone(),
                    },
                );
            }
            for source in &entity.mentioned_in {
                if !has(source, Kind::Source) {
                    checker.push(at(f, source.span().start), unknown_source(source));
                }
            }
            for iri in &entity.same_as {
                let location = at(f, iri.span().start);
                let class = entity.class.get_ref();
                if let Err(e) = check_link(iri.get_ref(), |c| ontology.is_subclass_of(class, c)) {
                    checker.push(
                        location.clone(),
                        DataErrorKind::BadIri {
                            iri: iri.get_ref().clone(),
                            reason: e,
                        },
                    );
                }
                // Two entities the same as one item would be one entity.
                match link_locations.get(iri.get_ref()) {
                    Some((first, other)) => checker.push(
                        location,
                        DataErrorKind::BadIri {
                            iri: iri.get_ref().clone(),
                            reason: format!("already linked from `{other}` at {first}"),
                        },
                    ),
                    None => {
                        link_locations
                            .insert(iri.get_ref().clone(), (location, entity.id.get_ref()));
                    }
                }
            }
            let codes = [
                (&entity.iso3166, "iso3166", "State", 2, "ISO 3166-1 alpha-2"),
                (&entity.iso4217, "iso4217", "Currency", 3, "ISO 4217"),
            ];
            for (code, field, class, len, standard) in codes {
                let Some(code) = code else { continue };
                let location = at(f, code.span().start);
                let value = code.get_ref();
                let problem =
                    if value.len() != len || !value.bytes().all(|b| b.is_ascii_uppercase()) {
                        Some(format!(
                            "an {standard} code is {len} upper-case ASCII letters"
                        ))
                    } else if !ontology.is_subclass_of(entity.class.get_ref(), class) {
                        Some(format!(
                            "only {class} entities have one, not {}",
                            entity.class.get_ref()
                        ))
                    } else if let Some((first, other)) = codes_seen.get(&(field, value.as_str())) {
                        Some(format!("already the code of `{other}` at {first}"))
                    } else {
                        codes_seen.insert(
                            (field, value.as_str()),
                            (location.clone(), entity.id.get_ref()),
                        );
                        None
                    };
                if let Some(reason) = problem {
                    checker.push(
                        location,
                        DataErrorKind::BadCode {
                            field,
                            code: value.clone(),
                            reason,
                        },
                    );
                }
            }
        }
        // Amounts name their currency by code; the Currency entity carries it.
        let currencies: BTreeMap<&str, &str> = entities
            .iter()
            .filter(|(_, e)| ontology.is_subclass_of(e.class.get_ref(), "Currency"))
            .filter_map(|(_, e)| {
                Some((
                    e.iso4217.as_ref()?.get_ref().as_str(),
                    e.id.get_ref().as_str(),
                ))
            })
            .collect();
        let known_currencies = if currencies.is_empty() {
            "none".to_owned()
        } else {
            currencies.keys().copied().collect::<Vec<_>>().join(", ")
        };
        let known_relations = ontology
            .relations
            .keys()
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        for (file, st) in &statements {
            let f = *file;
            let relation = st.relation.get_ref().as_str();
            if !ontology.relations.contains_key(relation) {
                checker.push(
                    at(f, st.relation.span().start),
                    DataErrorKind::UnknownRelation {
                        name: relation.to_owned(),
                        known: known_relations.clone(),
                    },
                );
            }
            for entity in st.entity_refs() {
                if !has(entity, Kind::Entity) {
                    checker.push(at(f, entity.span().start), unknown_entity(entity));
                }
            }
            if let Some(event) = &st.occasion {
                if let Some(class) = class_of.get(event.get_ref().as_str()) {
                    if !ontology.is_subclass_of(class, "Event") {
                        checker.push(
                            at(f, event.span().start),
                            DataErrorKind::Invalid(format!(
                                "occasion `{}` is a {class}, not an Event",
                                event.get_ref()
                            )),
                        );
                    }
                }
            }
            let here = at(f, st.id.span().start);
            let quantified = QUANTITY_RELATIONS.contains(&relation);
            match (quantified, &st.object, &st.quantity) {
                (true, Some(o), _) => checker.push(
                    at(f, o.span().start),
                    DataErrorKind::Invalid(format!("`{relation}` takes a quantity, not an object")),
                ),
                (true, None, None) => checker.push(
                    here.clone(),
                    DataErrorKind::Invalid(format!(
                        "`{relation}` needs a quantity = {{ value, unit_fr, unit_en }}"
                    )),
                ),
                (false, None, _) if ontology.relations.contains_key(relation) => checker.push(
                    here.clone(),
                    DataErrorKind::Invalid(format!("`{relation}` needs an object")),
                ),
                _ => {}
            }
            if let Some(amount) = &st.amount {
                let code = amount.currency.get_ref();
                if !currencies.contains_key(code.as_str()) {
                    checker.push(
                        at(f, amount.currency.span().start),
                        DataErrorKind::UnknownCurrency {
                            code: code.clone(),
                            known: known_currencies.clone(),
                        },
                    );
                }
                if let Err(problem) = check_bounds(amount.value, amount.min, amount.max) {
                    checker.push(
                        here.clone(),
                        DataErrorKind::Invalid(format!("amount: {problem}")),
                    );
                }
            }
            if let Some(q) = &st.quantity {
                let baseline = q
                    .baseline
                    .map_or(Ok(()), |b| check_bounds(Some(b), None, None));
                if let Err(problem) = check_bounds(q.value, q.min, q.max).and(baseline) {
                    checker.push(
                        here.clone(),
                        DataErrorKind::Invalid(format!("quantity: {problem}")),
                    );
                }
            }
            for date in [&st.date, &st.end_date, &st.deadline].into_iter().flatten() {
                checker.check_date(at(f, date.span().start), date);
            }
            if st.sources.is_empty() {
                checker.push(
                    here.clone(),
                    DataErrorKind::MissingSource(st.id.get_ref().clone()),
                );
            }
            let mut cited = Vec::new();
            for citation in &st.sources {
                if !has(&citation.source, Kind::Source) {
                    checker.push(
                        at(f, citation.source.span().start),
                        unknown_source(&citation.source),
                    );
                }
                if cited.contains(&citation.source.get_ref()) {
                    checker.push(
                        at(f, citation.source.span().start),
                        DataErrorKind::Invalid(format!(
                            "source `{}` is cited twice: one evidence per source",
                            citation.source.get_ref()
                        )),
                    );
                }
                cited.push(citation.source.get_ref());
                let evidence = citation.evidence.get_ref().trim();
                let location = at(f, citation.evidence.span().start);
                if evidence.is_empty() {
                    checker.push(location, DataErrorKind::EmptyEvidence);
                } else if evidence.chars().count() > MAX_EVIDENCE_CHARS {
                    checker.push(location, DataErrorKind::Invalid(format!(
                        "evidence of {} characters: quote at most one clause ({MAX_EVIDENCE_CHARS} characters)",
                        evidence.chars().count()
                    )));
                }
            }
        }
        // Every entity must come from an article: nothing is added that none states.
        let mut cited: Vec<&str> = Vec::new();
        for (_, st) in &statements {
            cited.extend(st.entity_refs().map(|e| e.get_ref().as_str()));
            if let Some(a) = &st.amount {
                cited.extend(currencies.get(a.currency.get_ref().as_str()));
            }
        }
        for (_, s) in &sources {
            cited.extend(
                [&s.publisher, &s.author]
                    .into_iter()
                    .flatten()
                    .map(|e| e.get_ref().as_str()),
            );
        }
        for (file, entity) in &entities {
            if entity.mentioned_in.is_empty() && !cited.contains(&entity.id.get_ref().as_str()) {
                checker.push(at(*file, entity.id.span().start), DataErrorKind::Invalid(format!(
                    "entity `{}` is in no statement and has no `mentioned_in`: which article names it?",
                    entity.id.get_ref()
                )));
            }
        }
        checker.finish()?;
        let locations = ids
            .into_iter()
            .map(|(id, (location, _))| (id.to_owned(), location))
            .collect();
        let link_locations = link_locations
            .into_iter()
            .map(|(iri, (location, _))| (iri, location))
            .collect();
        Ok(Self {
            sources: sources.into_iter().map(|(_, s)| s).collect(),
            entities: entities.into_iter().map(|(_, e)| e).collect(),
            statements: statements.into_iter().map(|(_, s)| s).collect(),
            locations,
            link_locations,
        })
    }

    /// Checks that every evidence fragment occurs verbatim in its article,
    /// read from `seeds` (the folder holding each source's `seed` file).
    /// Returns one message per fragment that does not, with its location.
    pub fn check_evidence(&self, seeds: &Path) -> Result<Vec<String>> {
        let mut texts: HashMap<&str, Option<String>> = HashMap::new();
        for source in &self.sources {
            let text = match &source.seed {
                Some(file) => {
                    let path = seeds.join(file);
                    Some(
                        std::fs::read_to_string(&path)
                            .map_err(|e| Error::Read { path, source: e })?,
                    )
                }
                None => None,
            };
            texts.insert(source.id.get_ref(), text);
        }
        let mut problems = Vec::new();
        for st in &self.statements {
            for c in &st.sources {
                let evidence = c.evidence.get_ref().trim();
                let at = self
                    .locations
                    .get(st.id.get_ref())
                    .map(ToString::to_string)
                    .unwrap_or_default();
                match texts.get(c.source.get_ref().as_str()) {
                    Some(Some(text)) if text.contains(evidence) => {}
                    Some(Some(_)) => problems.push(format!(
                        "{at}: statement `{}`: evidence «{evidence}» is not in the article `{}`",
                        st.id.get_ref(),
                        c.source.get_ref()
                    )),
                    _ => problems.push(format!(
                        "{at}: statement `{}`: source `{}` has no seed file to check against",
                        st.id.get_ref(),
                        c.source.get_ref()
                    )),
                }
            }
        }
        Ok(problems)
    }

    /// Entities by id.
    pub fn entity_index(&self) -> BTreeMap<&str, &Entity> {
        self.entities
            .iter()
            .map(|e| (e.id.get_ref().as_str(), e))
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Source,
    Entity,
    Statement,
}

#[derive(Default)]
struct Checker {
    errors: Vec<DataError>,
}

impl Checker {
    fn push(&mut self, location: Location, kind: DataErrorKind) {
        self.errors.push(DataError { location, kind });
    }

    fn parse<T: DeserializeOwned>(&mut self, path: &Path, text: &str) -> Option<T> {
        match toml::from_str(text) {
            Ok(value) => Some(value),
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                self.push(
                    Location::at_offset(path, text, offset),
                    DataErrorKind::Syntax(e.message().trim().to_owned()),
                );
                None
            }
        }
    }

    fn check_date(&mut self, location: Location, date: &Spanned<String>) {
        if let Err(reason) = parse_date(date.get_ref()) {
            self.push(
                location,
                DataErrorKind::BadDate {
                    value: date.get_ref().clone(),
                    reason,
                },
            );
        }
    }

    fn finish(mut self) -> Result<()> {
        if self.errors.is_empty() {
            return Ok(());
        }
        self.errors.sort_by(|a, b| {
            (&a.location.file, a.location.line, a.location.column).cmp(&(
                &b.location.file,
                b.location.line,
                b.location.column,
            ))
        });
        Err(Error::Data(self.errors))
    }
}

fn unknown_entity(id: &Spanned<String>) -> DataErrorKind {
    DataErrorKind::UnknownEntity(id.get_ref().clone())
}

fn unknown_source(id: &Spanned<String>) -> DataErrorKind {
    DataErrorKind::UnknownSource(id.get_ref().clone())
}

/// A value, or bounds, of finite numbers with min ≤ max.
fn check_bounds(
    value: Option<Number>,
    min: Option<Number>,
    max: Option<Number>,
) -> Result<(), String> {
    if value.is_some() == (min.is_some() || max.is_some()) {
        return Err("give either a value or min/max bounds".into());
    }
    if [value, min, max]
        .into_iter()
        .flatten()
        .any(|n| !n.as_f64().is_finite())
    {
        return Err("numbers must be finite".into());
    }
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo.as_f64() > hi.as_f64() {
            return Err(format!(
                "min {} is above max {}",
                lo.to_decimal(),
                hi.to_decimal()
            ));
        }
    }
    Ok(())
}

/// A `same_as` link: an http(s) IRI; a Wikidata item by its concept IRI
/// (what `link --check` compares), an ELI only on legislation.
/// `is_a(class)` tells whether the linked entity is of that class.
fn check_link(iri: &str, is_a: impl Fn(&str) -> bool) -> Result<(), String> {
    let parsed = iri_string::types::IriStr::new(iri).map_err(|e| e.to_string())?;
    match parsed.scheme_str() {
        "http" | "https" => {}
        other => return Err(format!("scheme `{other}`: link to http(s) datasets only")),
    }
    let host = parsed.authority_components().map(|a| a.host());
    if host.is_some_and(|h| h == "www.wikidata.org" || h == "wikidata.org")
        && wikidata_id(iri).is_none()
    {
        return Err(format!(
            "link a Wikidata item by its concept IRI, {}Q…",
            crate::vocab::wd::NAMESPACE
        ));
    }
    if iri.starts_with(crate::vocab::eli::NAMESPACE) && !is_a("Regulation") {
        return Err("an ELI identifies legislation: only on Regulation entities".into());
    }
    Ok(())
}

/// The Q-id of a Wikidata item's concept IRI (`http://www.wikidata.org/entity/Q90` → `Q90`).
pub fn wikidata_id(iri: &str) -> Option<&str> {
    let id = iri.strip_prefix(crate::vocab::wd::NAMESPACE)?;
    let digits = id.strip_prefix('Q')?;
    (!digits.is_empty() && !digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit()))
        .then_some(id)
}

/// Ids are lower-case ASCII words joined by hyphens, so IRIs stay readable.
fn check_slug(id: &str) -> Result<(), String> {
    let ok = !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if ok {
        Ok(())
    } else {
        Err("use lower-case letters, digits and single hyphens (e.g. `mistral-ai`)".into())
    }
}

/// A date as precise as the article gives it: `YYYY-MM-DD` (`xsd:date`),
/// `YYYY-MM` (`xsd:gYearMonth`) or `YYYY` (`xsd:gYear`).
pub fn parse_date(value: &str) -> Result<Literal, String> {
    let checked = match value.len() {
        10 => oxsdatatypes::Date::from_str(value)
            .map(|_| xsd::DATE)
            .map_err(|e| e.to_string()),
        7 => oxsdatatypes::GYearMonth::from_str(value)
            .map(|_| xsd::G_YEAR_MONTH)
            .map_err(|e| e.to_string()),
        4 => oxsdatatypes::GYear::from_str(value)
            .map(|_| xsd::G_YEAR)
            .map_err(|e| e.to_string()),
        _ => Err("wrong length".into()),
    };
    checked.map(|datatype| Literal::new_typed_literal(value, datatype))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_get_the_most_precise_type() {
        assert_eq!(parse_date("2024-05-21").unwrap().datatype(), xsd::DATE);
        assert_eq!(parse_date("2023-06").unwrap().datatype(), xsd::G_YEAR_MONTH);
        assert_eq!(parse_date("2030").unwrap().datatype(), xsd::G_YEAR);
        assert!(parse_date("2024-13").is_err());
        assert!(parse_date("2024-02-30").is_err());
        assert!(parse_date("21 mai").is_err());
    }

    #[test]
    fn links() {
        let any = |_: &str| false;
        assert!(check_link("http://www.wikidata.org/entity/Q90", any).is_ok());
        assert_eq!(
            wikidata_id("http://www.wikidata.org/entity/Q90"),
            Some("Q90")
        );
        for bad in [
            "https://www.wikidata.org/wiki/Q90",
            "https://www.wikidata.org/entity/Q90",
            "http://www.wikidata.org/entity/P297",
            "http://www.wikidata.org/entity/Q090",
        ] {
            assert!(check_link(bad, any).is_err(), "{bad}");
        }
        let eli = "http://data.europa.eu/eli/reg/2024/1689/oj";
        assert!(check_link(eli, |c| c == "Regulation").is_ok());
        assert!(check_link(eli, any).is_err());
        assert!(check_link("ftp://example.org/x", any).is_err());
    }

    #[test]
    fn slugs() {
        assert!(check_slug("mistral-ai").is_ok());
        for bad in ["Mistral", "a--b", "-a", "a b", "é", ""] {
            assert!(check_slug(bad).is_err(), "{bad}");
        }
    }
}
