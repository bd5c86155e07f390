//! The curated records as they are written in `data/*.toml`.
//!
//! These are plain serde structs; [`crate::data`] reads and checks them and
//! `mapping` turns them into RDF. Fields that other records refer to,
//! or that can be wrong, are [`Spanned`] so errors can name their line.

use serde::Deserialize;
pub use toml::Spanned;

/// `data/sources.toml`: the articles the facts come from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile {
    #[serde(default, rename = "source")]
    pub sources: Vec<Source>,
}

/// One source article.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: Spanned<String>,
    /// How the graph names the article (its title where it has one).
    pub label: String,
    /// The article's own headline, only where the text has one.
    pub title: Option<String>,
    /// Entity id of the publisher, where the text reveals it.
    pub publisher: Option<Spanned<String>>,
    /// Entity id of the author, where the text names one.
    pub author: Option<Spanned<String>>,
    /// Publication date, as precise as the text gives it.
    pub date: Option<Spanned<String>>,
    /// BCP 47 language tag of the article.
    pub language: String,
    /// File name of the article in the seeds folder (`../shared/seeds/`).
    pub seed: Option<String>,
}

/// Any other `data/*.toml` file: entities and statements.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactsFile {
    #[serde(default, rename = "entity")]
    pub entities: Vec<Entity>,
    #[serde(default, rename = "statement")]
    pub statements: Vec<Statement>,
}

/// A person, organisation, place, programme, event, product, …
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: Spanned<String>,
    /// Local name of an ontology class, e.g. `Startup`.
    pub class: Spanned<String>,
    pub label_fr: String,
    pub label_en: String,
    pub description_fr: Option<String>,
    pub description_en: Option<String>,
    /// Other names the articles use, as they spell them.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The languages (`fr`, `en`) in which the label is plural, so that
    /// statements' labels agree (« Les Émirats arabes unis financent »).
    #[serde(default)]
    pub plural: Vec<String>,
    /// The French article the label takes (`le`, `la`, `l'`, `les`), so that
    /// statements' labels read « partenaire de l'Inde », « situé en France ».
    pub article_fr: Option<Spanned<String>>,
    /// Articles that mention the entity without a statement about it.
    #[serde(default)]
    pub mentioned_in: Vec<Spanned<String>>,
    /// The same thing in other datasets (confirmed Wikidata items only).
    #[serde(default)]
    pub same_as: Vec<Spanned<String>>,
    /// ISO 3166-1 alpha-2 code of a `State` (reference data, e.g. `FR`).
    pub iso3166: Option<Spanned<String>>,
    /// A `State`'s French adjectives of nationality, every form
    /// (`française`, `français`…): `extract` reads « la start-up
    /// française » as located in that state.
    #[serde(default)]
    pub demonyms_fr: Vec<Spanned<String>>,
    /// A `State`'s French combining forms, the first part of a compound
    /// adjective (`franco` in « franco-allemand »).
    #[serde(default)]
    pub combining_forms_fr: Vec<Spanned<String>>,
    /// ISO 4217 code of a `Currency` (e.g. `EUR`): what amounts name.
    pub iso4217: Option<Spanned<String>>,
}

/// A claim from the articles: a relation between two entities or a figure
/// about one, with its qualifiers and its sources.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub id: Spanned<String>,
    pub subject: Spanned<String>,
    /// Local name of an ontology object property, e.g. `funds`.
    pub relation: Spanned<String>,
    /// How firm the claim is, from the quotation's verb: a concept of the
    /// ontology's modality scheme (`reported`, `announced`, `committed`,
    /// `planned`, `aimed`, `recommended`, `claimed`, `expected`).
    pub modality: Option<Spanned<String>>,
    pub object: Option<Spanned<String>>,
    pub amount: Option<Amount>,
    pub quantity: Option<Quantity>,
    /// When it happened or was announced.
    pub date: Option<Spanned<String>>,
    /// The start of a running total (« depuis 2018 … plus de 2,5 milliards »):
    /// the amount is cumulative since then, not one event.
    pub start_date: Option<Spanned<String>>,
    pub end_date: Option<Spanned<String>>,
    /// When a target is due.
    pub deadline: Option<Spanned<String>>,
    pub announced_by: Option<Spanned<String>>,
    /// The event at which it was stated.
    pub occasion: Option<Spanned<String>>,
    pub description_fr: Option<String>,
    pub description_en: Option<String>,
    /// The id of another statement whose amount contains this one's.
    pub part_of: Option<Spanned<String>>,
    /// Qualifiers the text implies but does not write, each with its reason.
    #[serde(default)]
    pub inferred: Inferred,
    #[serde(default)]
    pub sources: Vec<Citation>,
}

/// Which qualifiers of a statement are inferred, and why (`inferred = {
/// date = "the weekday of 9 February, the year of the article" }`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inferred {
    pub date: Option<Spanned<String>>,
    pub start_date: Option<Spanned<String>>,
    pub end_date: Option<Spanned<String>>,
    pub deadline: Option<Spanned<String>>,
    pub announced_by: Option<Spanned<String>>,
    pub occasion: Option<Spanned<String>>,
    /// A nesting the article's structure implies (a sum under the heading of
    /// a larger one) but no sentence states.
    pub part_of: Option<Spanned<String>>,
}

impl Inferred {
    /// `(field, reason)` for each inferred qualifier.
    pub fn fields(&self) -> impl Iterator<Item = (&'static str, &Spanned<String>)> {
        [
            ("date", &self.date),
            ("start_date", &self.start_date),
            ("end_date", &self.end_date),
            ("deadline", &self.deadline),
            ("announced_by", &self.announced_by),
            ("occasion", &self.occasion),
            ("part_of", &self.part_of),
        ]
        .into_iter()
        .filter_map(|(f, r)| Some((f, r.as_ref()?)))
    }
}

impl Statement {
    /// The entities the statement refers to: subject, object, announcer, occasion.
    pub fn entity_refs(&self) -> impl Iterator<Item = &Spanned<String>> {
        [
            Some(&self.subject),
            self.object.as_ref(),
            self.announced_by.as_ref(),
            self.occasion.as_ref(),
        ]
        .into_iter()
        .flatten()
    }
}

/// Where a statement comes from: an article and a verbatim fragment of it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub source: Spanned<String>,
    pub evidence: Spanned<String>,
}

/// A sum of money: an exact value, or bounds (`min` for "plus de", "au moins").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    pub value: Option<Number>,
    pub min: Option<Number>,
    pub max: Option<Number>,
    /// ISO 4217 code, the `iso4217` of a `Currency` entity.
    pub currency: Spanned<String>,
}

/// A counted or measured quantity: people trained, a share, a power, …
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quantity {
    pub value: Option<Number>,
    pub min: Option<Number>,
    pub max: Option<Number>,
    /// The starting point of a target ("de 40 000 à 100 000").
    pub baseline: Option<Number>,
    pub unit_fr: String,
    pub unit_en: String,
}

/// A TOML number, kept exact for `xsd:decimal`.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Number {
    Integer(i64),
    Float(f64),
}

impl Number {
    /// The canonical `xsd:decimal` lexical form.
    pub fn to_decimal(self) -> String {
        match self {
            Self::Integer(i) => i.to_string(),
            Self::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
            Self::Float(f) => format!("{f}"),
        }
    }

    pub fn as_f64(self) -> f64 {
        match self {
            // Amounts here are far below 2^53, so the conversion is exact.
            Self::Integer(i) => i as f64,
            Self::Float(f) => f,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_become_decimals() {
        assert_eq!(
            Number::Integer(109_000_000_000).to_decimal(),
            "109000000000"
        );
        assert_eq!(Number::Float(1.5).to_decimal(), "1.5");
        assert_eq!(Number::Float(20.0).to_decimal(), "20");
    }

    #[test]
    fn a_statement_parses_from_toml() {
        let file: FactsFile = toml::from_str(
            r#"
            [[statement]]
            id = "s"
            subject = "a"
            relation = "funds"
            object = "b"
            amount = { value = 50_000_000, currency = "EUR" }
            sources = [{ source = "x", evidence = "50 millions" }]
            "#,
        )
        .unwrap();
        let st = &file.statements[0];
        assert_eq!(st.relation.get_ref(), "funds");
        assert_eq!(
            st.amount.as_ref().unwrap().value,
            Some(Number::Integer(50_000_000))
        );
    }
}
