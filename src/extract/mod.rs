//! `iagraph extract`: candidate facts from French news articles, for a
//! curator to review and merge into `data/`.
//!
//! An article is read through a French parse: spaCy's pipeline run by
//! [`parse::Spacy`] (or any Universal Dependencies parser's CoNLL-U, read by
//! [`conllu`]) gives the sentences, lemmas, parts of speech, dependency trees
//! and entity spans. Names are the graph's (`lexicon`: every label and alias
//! of every entity), bounded by the parse's entity spans; relations are read
//! from the tree with the vocabulary of `ontology/relations-fr.toml`
//! ([`tree`], [`parse`]); amounts and quantities (`numbers`) and dates
//! ([`dates`]) keep their Rust parsers, attached to the verb they depend on.
//! The findings are written as TOML ready for `data/`, JSON or a table
//! ([`output`]), and measured against the curated statements ([`evaluate`]).
//!
//! ```
//! use iagraph::extract::{Article, Extractor, conllu, tree::Vocabulary};
//! # let project = iagraph::Project::new(env!("CARGO_MANIFEST_DIR"));
//! # let ontology = iagraph::ontology::Ontology::load(&project.ontology_file())?;
//! # let data = iagraph::data::Dataset::load(&project.data_dir(), &ontology)?;
//! let extractor = Extractor::new(&data, &ontology)?;
//! let vocabulary = Vocabulary::for_ontology(
//!     &project.ontology_dir().join("relations-fr.toml"),
//!     &ontology,
//! )?;
//! let text = "Bpifrance investit 20 millions d'euros dans Mistral AI.";
//! // The parse of `text` (spaCy's, as `iagraph extract` gets it).
//! let parse = conllu::parse(&[
//!     "# newdoc id = a.txt",
//!     "1\tBpifrance\tBpifrance\tPROPN\t_\t_\t2\tnsubj\t_\tTokenRange=0:9|NER=B-ORG",
//!     "2\tinvestit\tinvestir\tVERB\t_\t_\t0\troot\t_\tTokenRange=10:18",
//!     "3\t20\t20\tNUM\t_\t_\t4\tnummod\t_\tTokenRange=19:21",
//!     "4\tmillions\tmillion\tNOUN\t_\t_\t2\tobj\t_\tTokenRange=22:30",
//!     "5\td'\tde\tADP\t_\t_\t6\tcase\t_\tTokenRange=31:33|SpaceAfter=No",
//!     "6\teuros\teuro\tNOUN\t_\t_\t4\tnmod\t_\tTokenRange=33:38",
//!     "7\tdans\tdans\tADP\t_\t_\t8\tcase\t_\tTokenRange=39:43",
//!     "8\tMistral\tMistral\tPROPN\t_\t_\t2\tobl\t_\tTokenRange=44:51|NER=B-ORG",
//!     "9\tAI\tAI\tPROPN\t_\t_\t8\tflat:name\t_\tTokenRange=52:54|SpaceAfter=No|NER=I-ORG",
//!     "10\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\tTokenRange=54:55",
//!     "",
//! ].join("\n")).expect("well-formed CoNLL-U");
//! let mut found = Vec::new();
//! extractor.extract_parsed(&vocabulary, &Article::default(), text, &parse[0], |_, f| {
//!     found.extend(f.statements);
//!     Ok::<_, iagraph::Error>(())
//! })?;
//! assert_eq!(found[0].subject.as_deref(), Some("bpifrance"));
//! assert_eq!(found[0].relation, "funds");
//! assert_eq!(found[0].object.as_deref(), Some("mistral-ai"));
//! assert_eq!(found[0].amount.as_ref().map(|a| a.bounds.value), Some(Some(20e6)));
//! # Ok::<_, iagraph::Error>(())
//! ```

pub mod conllu;
pub mod dates;
pub mod evaluate;
mod lexicon;
mod numbers;
pub mod output;
pub mod parse;
pub mod tree;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::data::Dataset;
use crate::error::Result;
use crate::model::{Number, Statement};
use crate::normalise;
use crate::ontology::Ontology;
use dates::{DateKind, Ymd};
pub use lexicon::EntityInfo;
use lexicon::Lexicon;
pub use numbers::{Bounds, Qualifier, QuantityKind};

/// Where something is in the file: characters (what an editor counts) and bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Whether a name is linked to an entity of the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionStatus {
    /// One entity of the graph.
    Linked,
    /// Reported, not linked: see `note`.
    Ambiguous,
    /// A capitalised name that no entity has: a new-entity candidate.
    New,
}

/// A name in the text.
#[derive(Debug, Clone, Serialize)]
pub struct Mention {
    pub text: String,
    pub span: Span,
    pub status: MentionStatus,
    /// The entity (linked), the candidates (ambiguous), none (new).
    pub entities: Vec<String>,
    /// For a new entity: the class guessed from the words before it, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    pub rule: String,
    pub confidence: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A sum of money.
#[derive(Debug, Clone, Serialize)]
pub struct Amount {
    pub text: String,
    pub span: Span,
    #[serde(flatten)]
    pub bounds: Bounds,
    /// ISO 4217.
    pub currency: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// No currency in the text: the sentence speaks of money, euros are assumed.
    pub currency_assumed: bool,
    pub rule: String,
    pub confidence: f32,
}

impl Amount {
    /// A sum of money the number parser found, as the text writes it at `span`.
    fn found(m: &numbers::MoneyFound, text: String, span: Span) -> Self {
        Self {
            text,
            span,
            bounds: m.bounds,
            currency: m.currency.to_owned(),
            qualifier: m.qualifier,
            currency_assumed: m.currency_assumed,
            rule: m.rule.to_owned(),
            confidence: m.confidence,
        }
    }
}

/// A quantity: people, a percentage, a power, a count, a factor.
#[derive(Debug, Clone, Serialize)]
pub struct QuantityMention {
    pub text: String,
    pub span: Span,
    #[serde(flatten)]
    pub bounds: Bounds,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
    pub kind: QuantityKind,
    /// What is counted, in the article's words (`étudiantes`, `%`, `GW`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    pub rule: String,
    pub confidence: f32,
}

/// A date.
#[derive(Debug, Clone, Serialize)]
pub struct DateMention {
    pub text: String,
    pub span: Span,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; none when the year is unknown.
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    pub kind: DateKind,
    pub rule: String,
    pub confidence: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A candidate statement.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub subject: Option<String>,
    pub relation: String,
    pub object: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<QuantityMention>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// A verbatim fragment of the sentence, at most 200 characters.
    pub evidence: String,
    pub span: Span,
    pub rule: String,
    pub confidence: f32,
    /// The curated statement that already says this.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_as: Option<String>,
    /// Subject or object ids that are new-entity candidates (slugs of their names).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub new_entities: Vec<String>,
    /// What the verb says of the fact (`planned`, `announced`, …): set by
    /// the parse-based path, which reads it from the tree.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modality: Option<String>,
}

impl Candidate {
    /// Whether the data files would accept it: a subject, and an object (or
    /// a quantity for a target).
    pub fn is_complete(&self) -> bool {
        self.subject.is_some()
            && if crate::data::QUANTITY_RELATIONS.contains(&self.relation.as_str()) {
                self.quantity.is_some()
            } else {
                self.object.is_some()
            }
    }
}

/// What one sentence gives.
#[derive(Debug, Clone, Serialize)]
pub struct Findings {
    pub index: usize,
    pub sentence: String,
    pub span: Span,
    pub mentions: Vec<Mention>,
    pub amounts: Vec<Amount>,
    pub quantities: Vec<QuantityMention>,
    pub dates: Vec<DateMention>,
    pub statements: Vec<Candidate>,
}

impl Findings {
    pub fn is_empty(&self) -> bool {
        self.mentions.is_empty()
            && self.amounts.is_empty()
            && self.quantities.is_empty()
            && self.dates.is_empty()
            && self.statements.is_empty()
    }
}

/// The article being read.
#[derive(Debug, Clone, Default)]
pub struct Article {
    pub file: PathBuf,
    /// The source id its statements cite.
    pub source: String,
    /// Its date, for dates without a year.
    pub date: Option<Ymd>,
    /// The day of the events it reports: its date, else the first full date
    /// of its opening sentences (`Le 21 mai 2024, …`). Statements of events
    /// (announcing, funding, launching, …) without a date of their own get it.
    pub reported: Option<Ymd>,
}

/// Relations whose statements are dated by the article when their sentence gives no date.
pub const DATED_BY_ARTICLE: &[&str] = &[
    "announces",
    "launches",
    "participatesIn",
    "promotes",
    "hasTarget",
    "funds",
];

/// A curated statement, as "already in the graph" compares it.
#[derive(Debug, Clone)]
struct Known {
    id: String,
    subject: String,
    relation: String,
    object: Option<String>,
    amount: Option<(Bounds, String)>,
    quantity: Option<Bounds>,
}

/// The relation vocabulary and the parse of each article, by file name.
type ParsedArticles = (tree::Vocabulary, HashMap<String, conllu::Document>);

/// The extractor: the graph's names and statements, and the parses it reads.
#[derive(Debug, Clone)]
pub struct Extractor {
    lexicon: Lexicon,
    known: Vec<Known>,
    /// ISO 4217 code → Currency entity id.
    currencies: HashMap<String, String>,
    /// Every id of the dataset (sources, entities, statements).
    pub ids: HashSet<String>,
    /// Each class of the ontology with its super classes.
    class_kinds: HashMap<String, Vec<String>>,
    /// Adjectives of nationality and the country entity each names.
    demonyms: Vec<(String, usize)>,
    /// The parse path (the default): the relation vocabulary and the parses by file name.
    parsed: Option<std::sync::Arc<ParsedArticles>>,
    /// The lexicon's input, to rebuild it without some entities (`--evaluate`'s new entities).
    names: std::sync::Arc<Vec<(EntityInfo, Vec<String>)>>,
    /// The ontology's symmetric relations.
    symmetric: BTreeSet<String>,
}

/// Curated bounds of an amount or a quantity.
pub fn bounds_of(value: Option<Number>, min: Option<Number>, max: Option<Number>) -> Bounds {
    Bounds {
        value: value.map(Number::as_f64),
        min: min.map(Number::as_f64),
        max: max.map(Number::as_f64),
    }
}

impl Extractor {
    /// The extractor of the graph of `data`; fails only if its names make
    /// too large an automaton.
    pub fn new(data: &Dataset, ontology: &Ontology) -> Result<Self> {
        let class_kinds: HashMap<String, Vec<String>> = ontology
            .classes
            .keys()
            .map(|class| {
                let mut kinds = vec![class.clone()];
                let mut i = 0;
                while i < kinds.len() {
                    for s in ontology.super_classes.get(&kinds[i]).into_iter().flatten() {
                        if !kinds.contains(s) {
                            kinds.push(s.clone());
                        }
                    }
                    i += 1;
                }
                (class.clone(), kinds)
            })
            .collect();
        let entities = data
            .entities
            .iter()
            .map(|e| {
                let class = e.class.get_ref().clone();
                let kinds = class_kinds
                    .get(&class)
                    .cloned()
                    .unwrap_or_else(|| vec![class.clone()]);
                let mut names = vec![e.label_fr.clone(), e.label_en.clone()];
                names.extend(e.aliases.iter().cloned());
                (
                    EntityInfo {
                        id: e.id.get_ref().clone(),
                        class,
                        label_fr: e.label_fr.clone(),
                        kinds,
                    },
                    names,
                )
            })
            .collect::<Vec<_>>();
        let names = std::sync::Arc::new(entities.clone());
        let known = data.statements.iter().map(known).collect();
        let currencies = data
            .entities
            .iter()
            .filter_map(|e| {
                Some((
                    e.iso4217.as_ref()?.get_ref().clone(),
                    e.id.get_ref().clone(),
                ))
            })
            .collect();
        let ids = data
            .sources
            .iter()
            .map(|s| s.id.get_ref().clone())
            .chain(data.entities.iter().map(|e| e.id.get_ref().clone()))
            .chain(data.statements.iter().map(|s| s.id.get_ref().clone()))
            .collect();
        let lexicon = Lexicon::new(entities).map_err(|e| crate::Error::Automaton(Box::new(e)))?;
        let symmetric = ontology.symmetric.clone();
        // Each state's adjectives of nationality and combining forms
        // (data/entities.toml), folded, with the state's index.
        let state_words = |words: fn(&crate::model::Entity) -> &[crate::model::Spanned<String>]| {
            data.entities
                .iter()
                .filter_map(|e| {
                    let i = lexicon
                        .entities
                        .iter()
                        .position(|l| l.id == *e.id.get_ref())?;
                    Some(
                        words(e)
                            .iter()
                            .map(move |a| (normalise::fold(a.get_ref()), i)),
                    )
                })
                .flatten()
                .collect::<Vec<_>>()
        };
        let demonyms = state_words(|e| &e.demonyms_fr);
        Ok(Self {
            names,
            lexicon,
            known,
            currencies,
            ids,
            class_kinds,
            demonyms,
            parsed: None,
            symmetric,
        })
    }

    /// The same extractor, not knowing the entities `ids` (their names, and
    /// the demonyms and descriptions that point to them): what it finds of
    /// them, it must find as new names.
    pub fn without_entities(&self, ids: &BTreeSet<String>) -> Result<Self> {
        let entities: Vec<(EntityInfo, Vec<String>)> = self
            .names
            .iter()
            .filter(|(e, _)| !ids.contains(&e.id))
            .cloned()
            .collect();
        let lexicon =
            Lexicon::new(entities.clone()).map_err(|e| crate::Error::Automaton(Box::new(e)))?;
        // The states' words point into the lexicon: to the same states in
        // the new one.
        let reindex = |words: &[(String, usize)]| -> Vec<(String, usize)> {
            words
                .iter()
                .filter_map(|(word, i)| {
                    let id = &self.lexicon.entities.get(*i)?.id;
                    let j = lexicon.entities.iter().position(|e| &e.id == id)?;
                    Some((word.clone(), j))
                })
                .collect()
        };
        Ok(Self {
            demonyms: reindex(&self.demonyms),
            lexicon,
            names: std::sync::Arc::new(entities),
            ..self.clone()
        })
    }

    /// Whether the ontology declares `relation` symmetric (`owl:SymmetricProperty`).
    pub fn is_symmetric(&self, relation: &str) -> bool {
        self.symmetric.contains(relation)
    }

    /// Whether a Currency entity of the graph has this ISO 4217 code.
    pub fn has_currency(&self, iso: &str) -> bool {
        self.currencies.contains_key(iso)
    }

    /// The Currency entity a sum names, if it writes its currency (not
    /// « 8 et 4 millions », whose currency is another sum's).
    fn currency_named_by(&self, m: &numbers::MoneyFound) -> Option<&str> {
        m.names_currency()
            .then(|| self.currencies.get(m.currency))
            .flatten()
            .map(String::as_str)
    }

    /// Entity by id.
    pub fn entity(&self, id: &str) -> Option<&EntityInfo> {
        self.lexicon.entities.iter().find(|e| e.id == id)
    }

    /// Reads articles through their parse from now on (the default path):
    /// `parses` by file name.
    pub fn use_parses(
        &mut self,
        vocabulary: tree::Vocabulary,
        parses: HashMap<String, conllu::Document>,
    ) {
        self.parsed = Some(std::sync::Arc::new((vocabulary, parses)));
    }

    /// Extracts from a file.
    pub fn extract_file<E: From<crate::Error>>(
        &self,
        article: &Article,
        each: impl FnMut(&Article, Findings) -> Result<(), E>,
    ) -> Result<(usize, Article), E> {
        // Refused for what it is (not text, empty) before its parse is looked for.
        let text = parse::read_article(&article.file)?;
        let name = article
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let parsed = self.parsed.as_ref();
        let Some((vocabulary, doc)) = parsed.and_then(|p| Some((&p.0, p.1.get(&name)?))) else {
            return Err(crate::Error::NoParse {
                file: article.file.clone(),
                name,
            }
            .into());
        };
        let article = dated(article, &text);
        let count = self.extract_parsed(vocabulary, &article, &text, doc, each)?;
        Ok((count, article))
    }

    /// The curated statement saying the same: same subject and relation
    /// (either way round for a symmetric one), and the same object, or the
    /// same amount (value or bounds, and currency), or the same quantity.
    fn known_as(&self, c: &Candidate) -> Option<String> {
        let subject = c.subject.as_deref()?;
        let amount = c.amount.as_ref().map(|a| (a.bounds, a.currency.clone()));
        self.known
            .iter()
            .find(|k| {
                let same_ends = (k.subject == subject
                    && k.object.as_deref() == c.object.as_deref())
                    || (self.is_symmetric(&c.relation)
                        && k.object.as_deref() == Some(subject)
                        && c.object.as_deref() == Some(k.subject.as_str()));
                // Another figure for the same thing is another statement (see the README).
                let same_figures = match (&k.amount, &amount) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                } && match (&k.quantity, &c.quantity) {
                    (Some(a), Some(b)) => *a == b.bounds,
                    _ => true,
                };
                let same_amount = amount.is_some() && k.amount == amount;
                let same_quantity = c
                    .quantity
                    .as_ref()
                    .is_some_and(|q| k.quantity == Some(q.bounds));
                k.relation == c.relation
                    && ((same_ends && c.object.is_some() && same_figures)
                        || (k.subject == subject && (same_amount || same_quantity)))
            })
            .map(|k| k.id.clone())
    }
}

/// How many paragraphs (lines) of an article are read for its own date.
const HEAD_LINES: usize = 12;

/// How many make its lead, which may say the day it reports (a title, a
/// standfirst, a first paragraph): a date further down is another event's.
const LEAD_LINES: usize = 3;

/// `article` with its own date and the day it reports, where not given,
/// read from the first lines of its `text`.
fn dated(article: &Article, text: &str) -> Article {
    let head: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(HEAD_LINES)
        .collect();
    let mut article = article.clone();
    if article.date.is_none() {
        article.date = detect_date(&head);
    }
    if article.reported.is_none() {
        article.reported = reported_date(&head[..head.len().min(LEAD_LINES)], article.date);
    }
    article
}

/// The article's own date, from a `date 2023-06` line or `Publié le 22 mai 2024`.
fn detect_date(head: &[&str]) -> Option<Ymd> {
    for line in head {
        let folded = normalise::fold(line);
        for cue in ["date ", "publie le ", "mis a jour le "] {
            let Some(at) = folded.find(cue) else { continue };
            let rest = &folded[at + cue.len()..];
            if let Some(first) = rest.split_whitespace().next() {
                if let Some(d) = Ymd::parse(first.trim_end_matches([',', '.'])) {
                    return Some(d);
                }
            }
            if cue != "date " {
                if let Some(d) = dates::find(rest, None)
                    .into_iter()
                    .find(|d| d.range.start == 0)
                {
                    if let Some(v) = d.value.as_deref().and_then(Ymd::parse) {
                        return Some(v);
                    }
                }
            }
        }
    }
    None
}

/// The day the article reports: the first full date (day, month and year,
/// or a weekday that gives the year) of its lead, else its own
/// date if that is a month or a year (the events it reports are in it).
/// Neither a publication date (`Publié le 22 mai 2024`: the day after the
/// events, as often as not) nor a span of days (`les 10 et 11 février`: an
/// event of its own, not the day of the report) is the day reported.
fn reported_date(head: &[&str], article: Option<Ymd>) -> Option<Ymd> {
    let lead = head.iter().find_map(|line| {
        let folded = normalise::fold(line);
        dates::find(&folded, article)
            .into_iter()
            .filter(|d| d.kind == DateKind::On && d.end.is_none())
            .filter(|d| {
                let before = folded[..d.range.start].trim_end();
                !["publie le", "publie", "mis a jour le", "date"]
                    .iter()
                    .any(|cue| before.ends_with(cue))
            })
            .find_map(|d| {
                d.value
                    .as_deref()
                    .and_then(Ymd::parse)
                    .filter(|y| y.day.is_some())
            })
    });
    lead.or(article.filter(|a| a.day.is_none()))
}

/// At most [`crate::data::MAX_EVIDENCE_CHARS`] characters of `text[range]`,
/// cut at a word.
fn evidence(text: &str, range: Range<usize>) -> String {
    let fragment = text[range].trim();
    let max = crate::data::MAX_EVIDENCE_CHARS;
    if fragment.chars().count() <= max {
        return fragment.to_owned();
    }
    let cut: String = fragment.chars().take(max).collect();
    match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => cut[..i].trim_end().to_owned(),
        _ => cut,
    }
}

fn known(st: &Statement) -> Known {
    Known {
        id: st.id.get_ref().clone(),
        subject: st.subject.get_ref().clone(),
        relation: st.relation.get_ref().clone(),
        object: st.object.as_ref().map(|o| o.get_ref().clone()),
        amount: st.amount.as_ref().map(|a| {
            (
                bounds_of(a.value, a.min, a.max),
                a.currency.get_ref().clone(),
            )
        }),
        quantity: st
            .quantity
            .as_ref()
            .map(|q| bounds_of(q.value, q.min, q.max)),
    }
}

/// Slug of a name: `Paris Saclay` → `paris-saclay`.
pub fn slug(name: &str) -> String {
    let folded = normalise::fold(name);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "entite".to_owned()
    } else {
        out
    }
}

/// An id not in `taken`: `base`, else `base-2`, `base-3`, …
pub fn unique_id(base: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or_else(|| base.to_owned())
}

/// Per source article: the source ids by seed file name.
fn sources_by_seed(data: &Dataset) -> BTreeMap<String, (String, Option<String>)> {
    data.sources
        .iter()
        .filter_map(|s| {
            Some((
                s.seed.clone()?,
                (
                    s.id.get_ref().clone(),
                    s.date.as_ref().map(|d| d.get_ref().clone()),
                ),
            ))
        })
        .collect()
}

/// The article of `file`: a source of `data/sources.toml` whose `seed` is the
/// file's name, or a new source id `art-{file stem}`.
pub fn article_for(
    data: &Dataset,
    file: &Path,
    source: Option<&str>,
    date: Option<Ymd>,
) -> Article {
    let by_seed = sources_by_seed(data);
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let seed = by_seed.get(&name);
    let source = source
        .map(str::to_owned)
        .or_else(|| seed.map(|(id, _)| id.clone()))
        .unwrap_or_else(|| {
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            format!("art-{}", slug(&stem))
        });
    let date = date.or_else(|| seed.and_then(|(_, d)| d.as_deref()).and_then(Ymd::parse));
    Article {
        file: file.to_owned(),
        source,
        date,
        reported: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn the_article_date_and_the_day_reported_come_from_its_first_lines() {
        let text = "Publié le 4 mai 2026\nVendredi 1er mai, Nova IA lance Nova Chat.\n";
        let article = dated(&Article::default(), text);
        assert_eq!(article.date, Ymd::parse("2026-05-04"));
        // The publication day is not the day of the events: the lead's date is.
        assert_eq!(article.reported, Ymd::parse("2026-05-01"));
        // A date given (by `--date` or the source) is kept.
        let given = Article {
            date: Ymd::parse("2026-06"),
            ..Article::default()
        };
        assert_eq!(
            dated(&given, "Nova IA lance Nova Chat.").date,
            Ymd::parse("2026-06")
        );
        // Undated text, and a span of days, give no day reported.
        let article = dated(&Article::default(), "Les 10 et 11 février 2025, un sommet.");
        assert_eq!((article.date, article.reported), (None, None));
    }

    #[test]
    fn evidence_is_cut_at_a_word_under_the_limit() {
        let long = "mot ".repeat(100);
        let cut = evidence(&long, 0..long.len());
        assert!(cut.chars().count() <= crate::data::MAX_EVIDENCE_CHARS);
        assert!(cut.ends_with("mot") && long.starts_with(&cut), "{cut}");
        assert_eq!(evidence(" Une phrase. ", 0..13), "Une phrase.");
    }

    /// Found by `cargo fuzz`: a control character of the text inside a TOML
    /// comment (a new name, here with a form feed) made the output invalid.
    #[test]
    fn control_characters_stay_out_of_toml_comments() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let ontology = Ontology::load(&root.join("ontology/iagraph.ttl")).unwrap();
        let data = Dataset::load(&root.join("tests/fixtures/extract/data"), &ontology).unwrap();
        let extractor = Extractor::new(&data, &ontology).unwrap();
        let sentence = "La start-up Cla\u{000C}Lune Verte s'allie avec Nova IA.";
        let name = "Cla\u{000C}Lune Verte";
        let start = sentence.find(name).unwrap();
        let chars = |b: usize| sentence[..b].chars().count();
        let span = |a: usize, b: usize| Span {
            start: chars(a),
            end: chars(b),
            byte_start: a,
            byte_end: b,
        };
        let findings = Findings {
            index: 0,
            sentence: sentence.to_owned(),
            span: span(0, sentence.len()),
            mentions: vec![Mention {
                text: name.to_owned(),
                span: span(start, start + name.len()),
                status: MentionStatus::New,
                entities: Vec::new(),
                class: Some("Startup".to_owned()),
                rule: "parse-entity-org".to_owned(),
                confidence: 0.6,
                note: None,
            }],
            amounts: Vec::new(),
            quantities: Vec::new(),
            dates: Vec::new(),
            statements: Vec::new(),
        };
        let mut out = Vec::new();
        {
            let mut sink = output::sink(output::Format::Toml, &mut out, &extractor, 0.0);
            let article = Article::default();
            sink.begin(&article).unwrap();
            sink.findings(&article, &findings).unwrap();
            sink.end(&article, 1).unwrap();
            sink.finish().unwrap();
        }
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("# NEW — review"), "{text}");
        toml::from_str::<crate::model::FactsFile>(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    }
}
