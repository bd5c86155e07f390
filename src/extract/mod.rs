//! `iagraph extract`: candidate facts from French news articles, for a
//! curator to review and merge into `data/`.
//!
//! By default no model is needed: the extractor is built from the graph's
//! own knowledge (every label and alias of every entity, the ontology's
//! classes) and from rules for French text. An article is read sentence by
//! sentence ([`sentences`]); each sentence is folded (`crate::normalise`) and
//! searched for entity names (`lexicon`) and descriptive labels
//! (`descriptions`), with what earlier sentences named (`context`),
//! amounts and quantities (`numbers`), dates ([`dates`]) and relation cues
//! (`relations`): the rules of `iagraph extract --rules`. By default the
//! command reads a French parser's CoNLL-U instead ([`conllu`]; spaCy or
//! `--parsed`), which gives the sentences, names and dependency trees, and
//! relations come from the tree ([`tree`], [`parse`]). The findings are
//! written as TOML ready for `data/`, JSON or a table ([`output`]), and
//! measured against the curated statements ([`evaluate`]).
//!
//! ```
//! use iagraph::extract::{Article, Extractor};
//! # let project = iagraph::Project::new(env!("CARGO_MANIFEST_DIR"));
//! # let ontology = iagraph::ontology::Ontology::load(&project.ontology_file())?;
//! # let data = iagraph::data::Dataset::load(&project.data_dir(), &ontology)?;
//! let extractor = Extractor::new(&data, &ontology)?;
//! let findings = extractor.extract_text("Bpifrance investit 20 millions d'euros dans Mistral AI.", &Article::default());
//! let statement = &findings[0].statements[0];
//! assert_eq!(statement.subject.as_deref(), Some("bpifrance"));
//! assert_eq!(statement.relation, "funds");
//! assert_eq!(statement.object.as_deref(), Some("mistral-ai"));
//! # Ok::<_, iagraph::Error>(())
//! ```

pub mod conllu;
mod context;
pub mod dates;
mod descriptions;
pub mod evaluate;
mod lexicon;
mod numbers;
pub mod output;
pub mod parse;
mod relations;
pub mod sentences;
pub mod tree;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::data::Dataset;
use crate::error::Result;
use crate::model::{Number, Statement};
use crate::normalise::{self, Folded};
use crate::ontology::Ontology;
use dates::{DateFound, DateKind, Ymd};
pub use lexicon::EntityInfo;
use lexicon::{FUNCTION_WORDS, Lexicon};
pub use numbers::{Bounds, Qualifier, QuantityKind};
use sentences::{Sentence, SentenceReader};

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

/// The extractor: the graph's names, its statements and the rules.
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
    /// `franco` (-allemand) and the state it names.
    combining_forms: Vec<(String, usize)>,
    /// The parse path (the default): the relation vocabulary and the parses by file name.
    parsed: Option<std::sync::Arc<ParsedArticles>>,
    descriptions: descriptions::Descriptions,
    /// The lexicon's input, to rebuild it without some entities (`--evaluate`'s new entities).
    names: std::sync::Arc<Vec<(EntityInfo, Vec<String>)>>,
    /// The ontology's symmetric relations.
    symmetric: BTreeSet<String>,
    /// Folded `iag:nameCue` nouns and the class each says (`ministre` → Person).
    name_cues: HashMap<String, String>,
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
        let name_cues = ontology
            .name_cues_fr
            .iter()
            .map(|(cue, class)| (normalise::fold(cue), class.clone()))
            .collect();
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
        let combining_forms = state_words(|e| &e.combining_forms_fr);
        let descriptions = descriptions::Descriptions::new(&lexicon.entities);
        Ok(Self {
            names,
            descriptions,
            lexicon,
            known,
            currencies,
            ids,
            class_kinds,
            demonyms,
            combining_forms,
            parsed: None,
            symmetric,
            name_cues,
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
            descriptions: descriptions::Descriptions::new(&lexicon.entities),
            demonyms: reindex(&self.demonyms),
            combining_forms: reindex(&self.combining_forms),
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

    /// Entity by id.
    pub fn entity(&self, id: &str) -> Option<&EntityInfo> {
        self.lexicon.entities.iter().find(|e| e.id == id)
    }

    /// Extracts from a text in memory.
    pub fn extract_text(&self, text: &str, article: &Article) -> Vec<Findings> {
        let mut out = Vec::new();
        let mut article = article.clone();
        let sentences = sentences::split(text);
        if article.date.is_none() {
            article.date = detect_date(&sentences);
        }
        if article.reported.is_none() {
            article.reported = reported_date(
                &sentences[..sentences.len().min(HEAD_SENTENCES)],
                article.date,
            );
        }
        let mut ctx = context::Context::default();
        for s in &sentences {
            let f = self.sentence_in(s, &article, &mut ctx);
            if !f.is_empty() {
                out.push(f);
            }
        }
        out
    }

    /// Extracts from a stream, sentence by sentence, giving each sentence's
    /// findings to `each`. Without a date, the article's date is looked for in
    /// its first sentences (`date 2023-06`, `Publié le 22 mai 2024`).
    /// Returns the number of sentences and the article as completed. `each`
    /// fails with the caller's own error type, which a library error converts to.
    pub fn extract_reader<R: Read, E: From<crate::Error>>(
        &self,
        article: &Article,
        reader: R,
        each: impl FnMut(&Article, Findings) -> Result<(), E>,
    ) -> Result<(usize, Article), E> {
        self.extract_sentences(article, SentenceReader::new(&article.file, reader), each)
    }

    /// Extracts from the sentences of `reader` (see [`Self::extract_reader`]).
    pub fn extract_sentences<R: Read, E: From<crate::Error>>(
        &self,
        article: &Article,
        mut reader: SentenceReader<R>,
        mut each: impl FnMut(&Article, Findings) -> Result<(), E>,
    ) -> Result<(usize, Article), E> {
        let mut article = article.clone();
        let mut head = Vec::new();
        let mut count = 0;
        while head.len() < HEAD_SENTENCES {
            match reader.next_sentence()? {
                Some(s) => head.push(s),
                None => break,
            }
        }
        if article.date.is_none() {
            article.date = detect_date(&head);
        }
        if article.reported.is_none() {
            article.reported = reported_date(&head, article.date);
        }
        let mut ctx = context::Context::default();
        for s in head {
            count += 1;
            let f = self.sentence_in(&s, &article, &mut ctx);
            if !f.is_empty() {
                each(&article, f)?;
            }
        }
        while let Some(s) = reader.next_sentence()? {
            count += 1;
            let f = self.sentence_in(&s, &article, &mut ctx);
            if !f.is_empty() {
                each(&article, f)?;
            }
        }
        Ok((count, article))
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
        if let Some(parsed) = &self.parsed {
            let name = article
                .file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let Some(doc) = parsed.1.get(&name) else {
                return Err(crate::Error::NoParse {
                    file: article.file.clone(),
                    name,
                }
                .into());
            };
            let text = parse::read_article(&article.file)?;
            let count = self.extract_parsed(&parsed.0, article, &text, doc, each)?;
            return Ok((count, article.clone()));
        }
        let file = std::fs::File::open(&article.file).map_err(|source| crate::Error::Read {
            path: article.file.clone(),
            source,
        })?;
        self.extract_reader(article, std::io::BufReader::new(file), each)
    }

    /// The findings of one sentence, with what the sentences before it told
    /// (`ctx`, which it updates for the next one).
    pub(crate) fn sentence_in(
        &self,
        s: &Sentence,
        article: &Article,
        ctx: &mut context::Context,
    ) -> Findings {
        let folded = Folded::new(&s.text);
        let ft = folded.text.as_str();
        let span = |r: Range<usize>| -> Span {
            let o = folded.original(r);
            let start = s.char_start + s.text[..o.start].chars().count();
            Span {
                start,
                end: start + s.text[o.clone()].chars().count(),
                byte_start: s.byte_start + o.start,
                byte_end: s.byte_start + o.end,
            }
        };
        let original = |r: Range<usize>| -> String { s.text[folded.original(r)].to_owned() };
        let found = self.lexicon.find(&folded);
        let entities = &self.lexicon.entities;
        let mut mentions: Vec<Mention> = found
            .iter()
            .map(|f| Mention {
                text: original(f.range.clone()),
                span: span(f.range.clone()),
                status: if f.ambiguity.is_some() {
                    MentionStatus::Ambiguous
                } else {
                    MentionStatus::Linked
                },
                entities: f.entities.iter().map(|&i| entities[i].id.clone()).collect(),
                class: None,
                rule: f.rule.to_owned(),
                confidence: f.confidence,
                note: f.ambiguity.map(|a| a.describe().to_owned()),
            })
            .collect();
        let linked: Vec<relations::Linked> = found
            .iter()
            .filter(|f| f.ambiguity.is_none() && !f.nested)
            .map(|f| relations::Linked {
                range: f.range.clone(),
                entity: f.entities[0],
                confidence: f.confidence,
                via: None,
            })
            .collect();
        // Descriptive labels in the sentence's own words, where no exact name found them.
        let named: Vec<usize> = found.iter().flat_map(|f| f.entities.clone()).collect();
        let latter = ctx.latter(ft);
        let described = self.descriptions.find(ft, &named, latter.as_ref());
        for d in &described {
            mentions.push(Mention {
                text: original(d.range.clone()),
                span: span(d.range.clone()),
                status: MentionStatus::Linked,
                entities: vec![entities[d.entity].id.clone()],
                class: None,
                rule: "description-words".to_owned(),
                confidence: 0.6,
                note: None,
            });
        }
        // `la capacité de calcul de Jean Zay` is Jean Zay's: the name after
        // `de` takes the role, the description stays a mention.
        let mut linked = linked;
        let roles: Vec<relations::Linked> = described
            .iter()
            .filter(|d| {
                let after = &ft[d.range.end..];
                let rest = after
                    .strip_prefix(" de ")
                    .or_else(|| after.strip_prefix(" d'"))
                    .or_else(|| after.strip_prefix(" du "))
                    .or_else(|| after.strip_prefix(" des "));
                !rest.is_some_and(|rest| {
                    let at = ft.len() - rest.len();
                    linked.iter().any(|n| n.range.start == at)
                })
            })
            .map(|d| relations::Linked {
                range: d.head.clone(),
                entity: d.entity,
                confidence: 0.6,
                via: d
                    .antecedent
                    .then_some("«ce dernier»: the noun ending the sentence before, described"),
            })
            .collect();
        linked.extend(roles);
        let new_names = self.new_names(&folded, &found);
        // New names can be roles too: their stubs come with the statements.
        let new_infos: Vec<EntityInfo> = new_names
            .iter()
            .map(|(r, class)| EntityInfo {
                id: slug(&original(r.clone())),
                class: class.unwrap_or("").to_owned(),
                label_fr: original(r.clone()),
                kinds: class
                    .and_then(|c| self.class_kinds.get(c).cloned())
                    .unwrap_or_default(),
            })
            .collect();
        linked.extend(
            new_names
                .iter()
                .enumerate()
                .map(|(k, (r, _))| relations::Linked {
                    range: r.clone(),
                    entity: entities.len() + k,
                    confidence: 0.5,
                    via: None,
                }),
        );
        linked.sort_by_key(|m| m.range.start);
        mentions.extend(new_names.into_iter().map(|(r, class)| Mention {
            text: original(r.clone()),
            span: span(r),
            status: MentionStatus::New,
            entities: Vec::new(),
            class: class.map(str::to_owned),
            rule: "capitalised-name".to_owned(),
            confidence: 0.5,
            note: Some("no entity has this name".to_owned()),
        }));
        let infos = relations::Infos {
            graph: entities,
            new: &new_infos,
            symmetric: &self.symmetric,
        };
        // `il`, `ce pays`: the entities the sentences before named.
        let layout = context::layout(s);
        linked.extend(ctx.resolve(s, ft, &linked, &infos));
        linked.sort_by_key(|m| m.range.start);

        let dates_found = dates::find(ft, article.date);
        let mut skip: Vec<Range<usize>> = dates_found.iter().map(|d| d.range.clone()).collect();
        skip.extend(
            linked
                .iter()
                .filter(|m| ft[m.range.clone()].bytes().any(|b| b.is_ascii_digit()))
                .filter(|m| !ft[m.range.clone()].contains("euro"))
                .map(|m| m.range.clone()),
        );
        let (money, quantities) = numbers::analyse(ft, &skip);

        let amounts: Vec<Amount> = money
            .iter()
            .map(|m| Amount::found(m, original(m.range.clone()), span(m.range.clone())))
            .collect();
        // A sum of money names its currency.
        for (m, a) in money.iter().zip(&amounts) {
            if let Some(id) = self
                .currencies
                .get(m.currency)
                .filter(|_| m.names_currency())
            {
                mentions.push(Mention {
                    text: a.text.clone(),
                    span: a.span,
                    status: MentionStatus::Linked,
                    entities: vec![id.clone()],
                    class: None,
                    rule: "amount-currency".to_owned(),
                    confidence: 0.9,
                    note: None,
                });
            }
        }
        // An adjective of nationality names its country: a mention, not a
        // role in a statement (`les géants américains` are not the state).
        for (r, country) in context::demonym_mentions(ft, &self.demonyms, &self.combining_forms) {
            mentions.push(Mention {
                text: original(r.clone()),
                span: span(r),
                status: MentionStatus::Linked,
                entities: vec![entities[country].id.clone()],
                class: None,
                rule: "demonym".to_owned(),
                confidence: 0.6,
                note: None,
            });
        }
        mentions.sort_by_key(|m| m.span.start);
        let quantity_mentions: Vec<QuantityMention> = quantities
            .iter()
            .map(|q| QuantityMention {
                text: original(q.range.clone()),
                span: span(q.range.clone()),
                bounds: q.bounds,
                baseline: q.baseline,
                kind: q.kind,
                unit: q
                    .unit_symbol
                    .map(str::to_owned)
                    .or_else(|| q.unit_range.clone().map(&original)),
                qualifier: q.qualifier,
                rule: q.rule.to_owned(),
                confidence: q.confidence,
            })
            .collect();
        let date_mentions: Vec<DateMention> = dates_found
            .iter()
            .map(|d: &DateFound| DateMention {
                text: original(d.range.clone()),
                span: span(d.range.clone()),
                value: d.value.clone(),
                end: d.end.clone(),
                kind: d.kind,
                rule: d.rule.to_owned(),
                confidence: d.confidence,
                note: d.note.clone(),
            })
            .collect();

        let mut raw = relations::candidates(ft, &linked, &infos, &money, &quantities, &dates_found);
        raw.extend(context::name_parts(&found, ft, &infos));
        raw.extend(descriptions::label_parts(&described, &linked, &infos, ft));
        raw.extend(context::appositions(ft, &linked, &infos, &self.demonyms));
        raw.extend(context::heads(ft, &linked, &infos));
        raw.extend(ctx.occasions(ft, &linked, &infos));
        raw.extend(ctx.fronted(ft, &linked, &infos));
        raw.extend(ctx.measures(layout, &linked, &infos));
        raw.extend(ctx.sections(layout, &linked, &infos));
        ctx.list_statements(layout, ft, &linked, &infos, &mut raw);
        relations::carry_subjects(&mut raw);
        ctx.plan_targets(&mut raw);
        ctx.fundings(ft, &money, &linked, &infos, &mut raw);
        // A described thing (a model, a post, a field) is what a cue is
        // about, not who acts: `ses vidéos … et sa mise en avant de Mistral`.
        raw.retain(|r| {
            !(r.rule.starts_with("cue:")
                && r.subject
                    .is_some_and(|s| described.iter().any(|d| d.entity == s && !d.antecedent)))
        });
        let raw = relations::dedupe(raw, &self.symmetric);
        ctx.after(s, layout, ft, &linked, &infos);
        let statements = raw
            .into_iter()
            .map(|r| {
                let date = r.date.map(|i| &dates_found[i]);
                let new_entities = [r.subject, r.object]
                    .into_iter()
                    .flatten()
                    .filter(|&i| i >= entities.len())
                    .map(|i| infos.get(i).id.clone())
                    .collect();
                let mut c = Candidate {
                    subject: r.subject.map(|i| infos.get(i).id.clone()),
                    relation: r.relation.to_owned(),
                    object: r.object.map(|i| infos.get(i).id.clone()),
                    amount: r.money.map(|i| amounts[i].clone()),
                    quantity: r.quantity.map(|i| quantity_mentions[i].clone()),
                    date: date.and_then(|d| d.value.clone()),
                    end_date: date.and_then(|d| d.end.clone()),
                    deadline: r.deadline.and_then(|i| dates_found[i].value.clone()),
                    evidence: evidence(&s.text, folded.original(r.range.clone())),
                    span: span(r.range.clone()),
                    rule: r.rule,
                    confidence: (r.confidence * 100.0).round() / 100.0,
                    known_as: None,
                    new_entities,
                    modality: None,
                };
                if c.date.is_none() && DATED_BY_ARTICLE.contains(&c.relation.as_str()) {
                    if let Some(d) = article.reported {
                        c.date = Some(d.to_string());
                        c.rule.push_str(" + the article's date");
                        c.confidence = (c.confidence * 90.0).round() / 100.0;
                    }
                }
                c.known_as = self.known_as(&c);
                c
            })
            .collect();
        Findings {
            index: s.index,
            sentence: s.text.clone(),
            span: Span {
                start: s.char_start,
                end: s.char_start + s.text.chars().count(),
                byte_start: s.byte_start,
                byte_end: s.byte_start + s.text.len(),
            },
            mentions,
            amounts,
            quantities: quantity_mentions,
            dates: date_mentions,
            statements,
        }
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

    /// Capitalised runs of two or more words that no entity's name covers:
    /// new-entity candidates, with a class guessed from the word before.
    fn new_names<'s>(
        &'s self,
        folded: &Folded,
        found: &[lexicon::Found],
    ) -> Vec<(Range<usize>, Option<&'s str>)> {
        let text = folded.text.as_str();
        let tokens = numbers::tokens(text);
        let blocked = |r: &Range<usize>| {
            found.iter().any(|f| {
                f.ambiguity != Some(lexicon::Ambiguity::PartOfLongerName)
                    && f.range.start < r.end
                    && r.start < f.range.end
            })
        };
        const CONNECTORS: &[&str] = &[
            "de", "du", "des", "d", "la", "le", "l", "von", "van", "der", "den",
        ];
        let mut out = Vec::new();
        let mut run: Vec<usize> = Vec::new();
        let flush = |run: &mut Vec<usize>, out: &mut Vec<(Range<usize>, Option<&'s str>)>| {
            while run
                .last()
                .is_some_and(|&i| !folded.is_upper(tokens[i].0.start))
            {
                run.pop();
            }
            if let Some(&first) = run.first() {
                let sentence_start = text[..tokens[first].0.start]
                    .trim()
                    .chars()
                    .all(|c| !c.is_alphanumeric());
                // A capital at the start of a sentence proves nothing: `La …`
                // is no name, nor `Développer des IA` (a word, then `des`).
                let connector_next = run
                    .get(1)
                    .is_some_and(|&i| CONNECTORS.contains(&tokens[i].1.as_str()));
                if sentence_start
                    && (FUNCTION_WORDS.contains(&tokens[first].1.as_str()) || connector_next)
                {
                    run.remove(0);
                    while run
                        .first()
                        .is_some_and(|&i| !folded.is_upper(tokens[i].0.start))
                    {
                        run.remove(0);
                    }
                }
            }
            let capitals = run
                .iter()
                .filter(|&&i| folded.is_upper(tokens[i].0.start))
                .count();
            if capitals >= 2 {
                let first = run[0];
                let last = run[run.len() - 1];
                let before: Vec<&str> = tokens[..first]
                    .iter()
                    .rev()
                    .take(2)
                    .map(|(_, w)| w.as_str())
                    .collect();
                // A class from the words before (`la start-up X`, `le ministre X`).
                let class = before
                    .iter()
                    .find_map(|w| self.name_cues.get(*w).map(String::as_str));
                out.push((tokens[first].0.start..tokens[last].0.end, class));
            }
            run.clear();
        };
        for (i, (range, word)) in tokens.iter().enumerate() {
            let capital = folded.is_upper(range.start);
            let joined = run
                .last()
                .is_some_and(|&p| matches!(&text[tokens[p].0.end..range.start], " " | "'"));
            let connector = CONNECTORS.contains(&word.as_str()) && !capital;
            let usable = !blocked(range)
                && !crate::french::is_month(word)
                && !crate::french::is_weekday(word);
            if usable && (capital || (connector && !run.is_empty())) && (run.is_empty() || joined) {
                run.push(i);
            } else {
                flush(&mut run, &mut out);
                if usable && capital {
                    run.push(i);
                }
            }
        }
        flush(&mut run, &mut out);
        out
    }
}

/// How many sentences are read before extracting, to find the article's date.
const HEAD_SENTENCES: usize = 12;

/// The article's own date, from a `date 2023-06` line or `Publié le 22 mai 2024`.
fn detect_date(head: &[Sentence]) -> Option<Ymd> {
    for s in head {
        let folded = normalise::fold(&s.text);
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
/// or a weekday that gives the year) of its opening sentences, else its own
/// date if that is a month or a year (the events it reports are in it).
/// Neither a publication date (`Publié le 22 mai 2024`: the day after the
/// events, as often as not) nor a span of days (`les 10 et 11 février`: an
/// event of its own, not the day of the report) is the day reported.
fn reported_date(head: &[Sentence], article: Option<Ymd>) -> Option<Ymd> {
    let lead = head.iter().find_map(|s| {
        let folded = normalise::fold(&s.text);
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

    /// The invented graph of tests/fixtures/extract, with the real ontology.
    fn fixture() -> (Dataset, Ontology) {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let ontology = Ontology::load(&root.join("ontology/iagraph.ttl")).unwrap();
        let data = Dataset::load(&root.join("tests/fixtures/extract/data"), &ontology).unwrap();
        (data, ontology)
    }

    fn extractor() -> Extractor {
        let (data, ontology) = fixture();
        Extractor::new(&data, &ontology).unwrap()
    }

    fn article(date: Option<&str>) -> Article {
        Article {
            file: PathBuf::from("test.txt"),
            source: "art-test".to_owned(),
            date: date.and_then(Ymd::parse),
            reported: None,
        }
    }

    /// `subject relation object` of every statement of `text`.
    fn statements(text: &str) -> Vec<String> {
        extractor()
            .extract_text(text, &article(None))
            .into_iter()
            .flat_map(|f| f.statements)
            .map(|c| {
                format!(
                    "{} {} {}",
                    c.subject.as_deref().unwrap_or("?"),
                    c.relation,
                    c.object.as_deref().unwrap_or("?")
                )
            })
            .collect()
    }

    #[test]
    fn funding_cues() {
        assert_eq!(
            statements("Bpifrance investit 12 millions d'euros dans Orion."),
            ["bpifrance funds orion"]
        );
        assert_eq!(
            statements("L'État finance Nova IA à hauteur de 3 M€."),
            ["france funds nova-ia"]
        );
        assert_eq!(
            statements("Les EAU vont injecter 2 Md€ dans Orion."),
            ["emirats funds orion"]
        );
        assert_eq!(
            statements("Cap Numérique, soutenu à 40 % par Bpifrance, recrute."),
            ["bpifrance funds cap-numerique"]
        );
        assert_eq!(
            statements("Le financement de Nova IA par Bpifrance atteint 8 M€."),
            ["bpifrance funds nova-ia"]
        );
        // A noun in a list is a topic, not a funding.
        assert!(
            statements("La France parle de talents, d'usages, d'investissement et de santé.")
                .is_empty()
        );
    }

    #[test]
    fn announcing_cues() {
        for verb in ["annonce", "présente", "dévoile", "promet"] {
            assert_eq!(
                statements(&format!("Claire Martin {verb} le programme Cap Numérique.")),
                ["claire-martin announces cap-numerique"],
                "{verb}"
            );
        }
        // Reported speech and an incise are not the announcement of a named thing.
        assert!(
            statements("Claire Martin a annoncé que la France financera Orion.")
                .iter()
                .all(|s| !s.starts_with("claire-martin announces"))
        );
        assert!(statements("Orion ouvrira en mai, a annoncé Claire Martin.").is_empty());
    }

    #[test]
    fn partnership_leading_launching_founding_and_using_cues() {
        assert_eq!(
            statements("Nova IA a signé un partenariat avec Bpifrance."),
            ["nova-ia partnersWith bpifrance"]
        );
        assert_eq!(
            statements("Nova IA s'allie avec l'opérateur Free."),
            ["nova-ia partnersWith free"]
        );
        assert_eq!(
            statements("La France renforce sa coopération avec les EAU."),
            ["france partnersWith emirats"]
        );
        assert_eq!(
            statements("Le Fonds Horizon, mené par Bpifrance, investit."),
            ["bpifrance leads fonds-horizon"]
        );
        assert_eq!(
            statements("Le Fonds Horizon est piloté par Bpifrance."),
            ["bpifrance leads fonds-horizon"]
        );
        assert_eq!(
            statements("Nova IA lance Nova Chat."),
            ["nova-ia launches nova-chat"]
        );
        assert_eq!(
            statements("Claire Martin, fondatrice de Nova IA, sourit."),
            ["claire-martin founderOf nova-ia"]
        );
        assert_eq!(
            statements("Orion est utilisé par Nova IA pour entraîner ses modèles."),
            ["nova-ia usesInfrastructure orion"]
        );
        // Coordinated objects make one statement each.
        assert_eq!(
            statements("Nova IA veut concurrencer Orion et Free."),
            ["nova-ia competesWith orion", "nova-ia competesWith free"]
        );
    }

    /// `subject relation object` of every statement of `text`, with the quantity if any.
    fn statements_with_figures(text: &str) -> Vec<String> {
        extractor()
            .extract_text(text, &article(None))
            .into_iter()
            .flat_map(|f| f.statements)
            .map(|c| {
                format!(
                    "{} {} {}{}",
                    c.subject.as_deref().unwrap_or("?"),
                    c.relation,
                    c.object.as_deref().unwrap_or(""),
                    c.quantity
                        .map(|q| format!("{:?}", q.bounds.value.or(q.bounds.min)))
                        .unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn a_pronoun_is_the_subject_before_it_within_its_paragraph() {
        assert_eq!(
            statements(
                "Claire Martin préside la séance. Elle a signé un partenariat avec Bpifrance."
            ),
            ["claire-martin partnersWith bpifrance"]
        );
        // A fronted phrase before the pronoun, and a subject kept across a
        // sentence that names none.
        assert_eq!(
            statements(
                "Claire Martin parle. « Bravo », dit-elle. Lors de la séance, elle a noué un partenariat avec Free."
            ),
            ["claire-martin partnersWith free"]
        );
        // A new line is a new paragraph: `Elle` has nothing to stand for.
        assert!(
            statements(
                "Claire Martin préside la séance.\nElle a signé un partenariat avec Bpifrance."
            )
            .iter()
            .all(|s| !s.starts_with("claire-martin"))
        );
        // A noun phrase that names no entity takes over the paragraph.
        assert!(
            statements(
                "Claire Martin parle. La réunion dure. Elle a signé un partenariat avec Free."
            )
            .iter()
            .all(|s| !s.starts_with("claire-martin"))
        );
        // Impersonal `il`.
        assert!(
            statements("Bpifrance parle. Il faut un partenariat avec Free.")
                .iter()
                .all(|s| !s.starts_with("bpifrance"))
        );
        // Inside the sentence: `où elle a investi`, the subject before and the place before `où`.
        assert_eq!(
            statements_with_figures(
                "A court terme, Bpifrance va investir 5 millions d'euros dans Orion, où elle a déjà investi 2 millions d'euros."
            ),
            ["bpifrance funds orion", "bpifrance funds orion"]
        );
    }

    #[test]
    fn a_demonstrative_is_the_last_one_of_its_kind() {
        assert_eq!(
            statements("Les EAU accueillent un salon. Ce pays a noué un partenariat avec Nova IA."),
            ["emirats partnersWith nova-ia"]
        );
        // Nothing of the kind named before: nothing.
        assert!(
            statements("Nova IA recrute. Ce pays a noué un partenariat avec Free.")
                .iter()
                .all(|s| !s.starts_with("nova-ia"))
        );
    }

    #[test]
    fn list_items_belong_to_what_their_list_is_about() {
        let text = "Le programme Cap Numérique compte trois volets :\n\
            - Fonds Horizon : doubler la part de la Santé.\n\
            - Partenariats : collaboration avec Bpifrance pour former 2 000 ingénieurs.\n\
            - Lancer Nova Chat partout.\n\
            Le salon ouvre.\n\
            - Orion : un point.";
        let got = statements_with_figures(text);
        for want in [
            "fonds-horizon partOf cap-numerique",
            "fonds-horizon concerns sante",
            "fonds-horizon hasTarget Some(2.0)",
            "cap-numerique partnersWith bpifrance",
            "cap-numerique hasTarget Some(2000.0)",
            "cap-numerique concerns nova-chat",
        ] {
            assert!(got.contains(&want.to_owned()), "{want} not in {got:?}");
        }
        // After prose, a list item has no list to belong to.
        assert!(got.iter().all(|s| !s.contains("orion")), "{got:?}");
    }

    #[test]
    fn appositions_names_and_occasions() {
        assert_eq!(
            statements("Nova IA, la start-up française, recrute."),
            ["nova-ia locatedIn france"]
        );
        assert_eq!(
            statements("Lors du Salon de l'IA de Lyon, Claire Martin a parlé."),
            [
                "lyon hosts salon-ia-lyon",
                "claire-martin participatesIn salon-ia-lyon"
            ]
        );
    }

    #[test]
    fn a_coordinated_verb_keeps_the_subject_and_a_state_under_a_person() {
        assert_eq!(
            statements("Claire Martin a parlé de Free, et a appelé à développer la Santé."),
            ["claire-martin promotes sante"]
        );
        assert!(
            statements("La France sous Claire Martin parle.")
                .contains(&"claire-martin headOf france".to_owned())
        );
        // A comma inside a name does not end the verb's segment.
        assert_eq!(
            statements("Claire Martin souhaite établir le Fonds Horizon."),
            ["claire-martin promotes fonds-horizon"]
        );
        // A summit or a programme promotes too.
        assert_eq!(
            statements("Le Salon de l'IA de Lyon veut promouvoir la Santé."),
            ["lyon hosts salon-ia-lyon", "salon-ia-lyon promotes sante"]
        );
    }

    #[test]
    fn a_date_between_commas_is_an_insertion() {
        let f = extractor().extract_text(
            "Lyon a accueilli, le 3 mai 2026, le Salon de l'IA de Lyon.",
            &article(None),
        );
        let hosts = f[0]
            .statements
            .iter()
            .find(|c| c.relation == "hosts")
            .unwrap();
        assert_eq!(
            (
                hosts.subject.as_deref(),
                hosts.object.as_deref(),
                hosts.date.as_deref()
            ),
            (Some("lyon"), Some("salon-ia-lyon"), Some("2026-05-03"))
        );
    }

    #[test]
    fn fronted_rivals_and_priorities() {
        assert_eq!(
            statements("Face à la domination de Free, Nova IA doit grandir."),
            ["nova-ia competesWith free"]
        );
        assert_eq!(
            statements("Pour Claire Martin, la priorité est de renforcer la Santé."),
            ["claire-martin promotes sante"]
        );
        assert!(statements("Pour Claire Martin, Nova IA grandit.").is_empty());
    }

    #[test]
    fn a_purpose_phrase_is_the_initiative_s() {
        assert!(
            statements(
                "Claire Martin a présenté le programme Cap Numérique, avec l'objectif de former des experts et de promouvoir la Santé."
            )
            .contains(&"cap-numerique promotes sante".to_owned())
        );
    }

    #[test]
    fn more_cues() {
        assert_eq!(
            statements("Claire Martin souligne l'importance de la Santé."),
            ["claire-martin promotes sante"]
        );
        assert_eq!(
            statements("Claire Martin insiste sur son rôle dans des secteurs clés comme la santé."),
            ["claire-martin promotes sante"]
        );
        assert_eq!(
            statements("Claire Martin plaide en ce sens pour la Santé."),
            ["claire-martin promotes sante"]
        );
        assert_eq!(
            statements("Claire Martin souhaite également créer le programme Cap Numérique."),
            ["claire-martin promotes cap-numerique"]
        );
        assert_eq!(
            statements("Claire Martin prévoit de lancer Nova Chat."),
            ["claire-martin announces nova-chat"]
        );
        let mut clients = statements("Nova IA a séduit Bpifrance et l'opérateur Free.");
        clients.sort();
        assert_eq!(
            clients,
            ["bpifrance clientOf nova-ia", "free clientOf nova-ia"]
        );
        assert_eq!(
            statements("Cap Numérique, comprenant le Fonds Horizon, démarre."),
            ["fonds-horizon partOf cap-numerique"]
        );
        assert_eq!(
            statements("Claire Martin collabore avec Bpifrance."),
            ["claire-martin worksFor bpifrance"]
        );
        let mut supporters =
            statements("Orion, soutenu par Bpifrance, les EAU et la France, ouvre.");
        supporters.sort();
        assert_eq!(
            supporters,
            [
                "bpifrance supports orion",
                "emirats supports orion",
                "france supports orion"
            ]
        );
        assert_eq!(
            statements_with_figures("Orion, d'une puissance de 2 gigawatts, ouvre."),
            ["orion hasFigure Some(2.0)"]
        );
        assert_eq!(
            statements_with_figures("Nova IA, qui forme 500 ingénieurs par an, recrute."),
            ["nova-ia hasFigure Some(500.0)"]
        );
        assert!(
            statements_with_figures(
                "Les clusters, pilotés par Bpifrance, réunissent 500 chercheurs."
            )
            .iter()
            .all(|s| !s.contains("hasFigure"))
        );
        // The owner of a sum after `de`, what it is for after `pour`.
        assert_eq!(
            statements(
                "Claire Martin évoque un investissement proportionnel aux 400 millions de dollars des EAU pour Orion."
            ),
            ["emirats funds orion"]
        );
    }

    #[test]
    fn targets_amounts_and_dates_go_with_their_statement() {
        let f = extractor().extract_text(
            "Le 3 juin, Bpifrance a investi plus de 900 millions dans Orion. Cap Numérique vise à former 10\u{202F}000 étudiantes d'ici 2030.",
            &article(Some("2025-06-10")),
        );
        let funds = &f[0].statements[0];
        assert_eq!(funds.relation, "funds");
        let amount = funds.amount.as_ref().unwrap();
        assert_eq!(
            (amount.bounds.min, amount.qualifier),
            (Some(9e8), Some(Qualifier::MoreThan))
        );
        assert_eq!(funds.date.as_deref(), Some("2025-06-03"));
        let target = &f[1].statements[0];
        assert_eq!(
            (
                target.subject.as_deref(),
                target.relation.as_str(),
                target.deadline.as_deref()
            ),
            (Some("cap-numerique"), "hasTarget", Some("2030"))
        );
        assert_eq!(
            target.quantity.as_ref().unwrap().bounds.value,
            Some(10_000.0)
        );
        assert_eq!(
            target.quantity.as_ref().unwrap().unit.as_deref(),
            Some("étudiantes")
        );
    }

    #[test]
    fn candidates_carry_their_sentence_offsets_evidence_rule_and_confidence() {
        let text = "Titre\nL’État investit 5 M€ dans Orion.";
        let f = extractor().extract_text(text, &article(None));
        let c = &f[0].statements[0];
        assert_eq!(c.evidence, "L’État investit 5 M€ dans Orion");
        let chars: String = text
            .chars()
            .skip(c.span.start)
            .take(c.span.end - c.span.start)
            .collect();
        assert_eq!(chars, c.evidence);
        assert_eq!(&text[c.span.byte_start..c.span.byte_end], c.evidence);
        assert_eq!((f[0].span.start, f[0].span.byte_start), (6, 6));
        assert!(c.rule.starts_with("cue:investir"));
        assert!(c.confidence > 0.3 && c.confidence < 1.0);
    }

    #[test]
    fn what_the_graph_already_says_is_marked() {
        let f = extractor().extract_text(
            "Bpifrance investit 30 millions d'euros dans Nova IA.",
            &article(None),
        );
        assert_eq!(
            f[0].statements[0].known_as.as_deref(),
            Some("bpifrance-finance-nova")
        );
        // Another amount is another statement.
        let f = extractor().extract_text(
            "Bpifrance investit 31 millions d'euros dans Nova IA.",
            &article(None),
        );
        assert_eq!(f[0].statements[0].known_as, None);
    }

    #[test]
    fn new_names_are_candidates_with_a_class_from_the_words_before() {
        let f = extractor().extract_text(
            "La start-up Aube Quantique s'allie avec Nova IA.",
            &article(None),
        );
        let new: Vec<&Mention> = f[0]
            .mentions
            .iter()
            .filter(|m| m.status == MentionStatus::New)
            .collect();
        assert_eq!(new.len(), 1);
        assert_eq!(
            (new[0].text.as_str(), new[0].class.as_deref()),
            ("Aube Quantique", Some("Startup"))
        );
        assert_eq!(
            f[0].statements[0].subject.as_deref(),
            Some("aube-quantique")
        );
        assert_eq!(f[0].statements[0].new_entities, ["aube-quantique"]);
    }

    #[test]
    fn a_capital_at_the_start_of_a_sentence_makes_no_name() {
        let new = |text: &str| -> Vec<String> {
            extractor()
                .extract_text(text, &article(None))
                .into_iter()
                .flat_map(|f| f.mentions)
                .filter(|m| m.status == MentionStatus::New)
                .map(|m| m.text)
                .collect()
        };
        assert!(new("Développer des IA sûres reste l'objectif.").is_empty());
        assert!(new("La Région finance Orion.").is_empty());
        assert_eq!(new("Paris Saclay accueille Orion."), ["Paris Saclay"]);
        assert_eq!(
            new("Le salon accueille Ursula von der Leyen."),
            ["Ursula von der Leyen"]
        );
    }

    #[test]
    fn the_article_date_is_read_from_its_first_lines() {
        let f = extractor().extract_text(
            "Publié le 4 mai 2026\nVendredi 1er mai, Nova IA lance Nova Chat.",
            &article(None),
        );
        let c = &f.last().unwrap().statements[0];
        assert_eq!(c.date.as_deref(), Some("2026-05-01"));
    }

    /// The TOML output is valid input for the loader: with the fixture's data
    /// and a source for the article, it loads without a single problem.
    #[test]
    fn toml_output_loads_back_with_the_data() {
        let (data, ontology) = fixture();
        let extractor = Extractor::new(&data, &ontology).unwrap();
        let text = "Publié le 4 mai 2026\n\
            Bpifrance investit 12 millions d'euros dans Orion.\n\
            La start-up Aube Quantique s'allie avec Nova IA, a-t-on appris.\n\
            Cap Numérique vise à former 10 000 étudiantes d'ici 2030.\n\
            Les EAU investissent 400 millions de dollars dans Nova IA.\n\
            Bpifrance investit 30 millions d'euros dans Nova IA.";
        let mut out = Vec::new();
        let article = article(None);
        {
            let mut sink = output::sink(output::Format::Toml, &mut out, &extractor, 0.0);
            sink.begin(&article).unwrap();
            let (n, article) = extractor
                .extract_reader(&article, text.as_bytes(), |a, f| {
                    sink.findings(a, &f).map_err(crate::Error::Serialize)
                })
                .unwrap();
            sink.end(&article, n).unwrap();
            sink.finish().unwrap();
        }
        let toml_text = String::from_utf8(out).unwrap();
        let parsed: crate::model::FactsFile = toml::from_str(&toml_text).unwrap();
        assert_eq!(parsed.statements.len(), 4, "{toml_text}");
        assert_eq!(parsed.entities.len(), 1);
        assert_eq!(parsed.entities[0].id.get_ref(), "aube-quantique");
        assert!(toml_text.contains("# NEW — review"));
        assert!(
            toml_text.contains("`bpifrance-finance-nova`"),
            "{toml_text}"
        );
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract/data");
        let mut files: Vec<(PathBuf, String)> = ["sources.toml", "facts.toml"]
            .iter()
            .map(|f| (root.join(f), std::fs::read_to_string(root.join(f)).unwrap()))
            .collect();
        files[0]
            .1
            .push_str("\n[[source]]\nid = \"art-test\"\nlabel = \"test\"\nlanguage = \"fr\"\n");
        files.push((PathBuf::from("candidates.toml"), toml_text.clone()));
        let loaded =
            Dataset::from_texts(&files, &ontology).unwrap_or_else(|e| panic!("{e}\n{toml_text}"));
        assert_eq!(loaded.statements.len(), data.statements.len() + 4);
        for st in &loaded.statements[data.statements.len()..] {
            let evidence = st.sources[0].evidence.get_ref();
            assert!(text.contains(evidence.as_str()), "{evidence}");
        }
    }

    /// Found by `cargo fuzz`: a control character of the text inside a TOML
    /// comment (a new name, here with a form feed) made the output invalid.
    #[test]
    fn control_characters_stay_out_of_toml_comments() {
        let (data, ontology) = fixture();
        let extractor = Extractor::new(&data, &ontology).unwrap();
        let mut out = Vec::new();
        {
            let mut sink = output::sink(output::Format::Toml, &mut out, &extractor, 0.0);
            let article = article(None);
            sink.begin(&article).unwrap();
            for f in extractor.extract_text(
                "La start-up Cla\u{000C}Lune Verte s'allie avec Nova IA.",
                &article,
            ) {
                sink.findings(&article, &f).unwrap();
            }
            sink.end(&article, 1).unwrap();
            sink.finish().unwrap();
        }
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("# NEW — review"), "{text}");
        toml::from_str::<crate::model::FactsFile>(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    }

    /// (relation, subject, object, quantity, rule) of every statement of `text`.
    fn detailed(text: &str) -> Vec<(String, String, String, Option<f64>, String)> {
        extractor()
            .extract_text(text, &article(None))
            .into_iter()
            .flat_map(|f| f.statements)
            .map(|c| {
                (
                    c.relation,
                    c.subject.unwrap_or_default(),
                    c.object.unwrap_or_default(),
                    c.quantity.and_then(|q| q.bounds.value),
                    c.rule,
                )
            })
            .collect()
    }

    #[test]
    fn a_gerund_takes_the_subject_of_its_clause() {
        // After the verb: the subject that opens the clause.
        let found = detailed("Claire Martin visite Lyon, en mettant en avant Nova Chat.");
        assert!(
            found.iter().any(|(r, s, o, _, rule)| r == "promotes"
                && s == "claire-martin"
                && o == "nova-chat"
                && rule.starts_with("cue:promouvoir")),
            "{found:?}"
        );
        // Fronted: the subject after the gerund's comma.
        let found = detailed("En promouvant Nova Chat, Claire Martin rassure les élus.");
        assert!(
            found
                .iter()
                .any(|(r, s, o, _, _)| r == "promotes" && s == "claire-martin" && o == "nova-chat"),
            "{found:?}"
        );
        // Not a gerund: no subject to borrow (`la promotion` has none here).
        assert!(
            statements(
                "Lyon accueille le Salon de l'IA de Lyon. Promouvoir Nova Chat reste difficile."
            )
            .iter()
            .all(|s| !s.ends_with("promotes nova-chat") || s.starts_with('?')),
        );
    }

    #[test]
    fn backing_a_product_is_promoting_it() {
        assert_eq!(
            statements("Nova Chat, soutenu par Claire Martin, séduit."),
            ["claire-martin promotes nova-chat"]
        );
        // Backing an organisation stays `supports`.
        assert_eq!(
            statements("Nova IA, soutenue par Claire Martin, recrute."),
            ["claire-martin supports nova-ia"]
        );
    }

    #[test]
    fn a_count_opening_an_initiative_s_name_is_its_target() {
        let found = detailed("Le gouvernement finance douze campus régionaux cette année.");
        let target: Vec<_> = found.iter().filter(|s| s.0 == "hasTarget").collect();
        assert_eq!(target.len(), 1, "{found:?}");
        assert_eq!(target[0].1, "campus-regionaux");
        assert_eq!(target[0].3, Some(12.0));
        assert!(target[0].4.starts_with("count in an initiative's name"));
        // A count before the name, not opening it, is no such target.
        assert!(
            detailed("Bpifrance compte douze salariés pour les Campus régionaux de l'IA.")
                .iter()
                .all(|s| !(s.0 == "hasTarget" && s.1 == "campus-regionaux"))
        );
    }

    #[test]
    fn a_measure_is_part_of_the_plan_named_last() {
        let text = "Claire Martin présente le Plan Avenir. \
                    Il prévoit un calcul partagé entre laboratoires.";
        let found = detailed(text);
        let parts: Vec<_> = found.iter().filter(|s| s.0 == "partOf").collect();
        assert_eq!(parts.len(), 1, "{found:?}");
        assert_eq!(parts[0].1, "mesure-calcul-partage");
        assert_eq!(parts[0].2, "plan-avenir");
        // No plan named: no part.
        assert!(
            detailed("Lyon veut un calcul partagé entre laboratoires.")
                .iter()
                .all(|s| s.0 != "partOf")
        );
    }

    #[test]
    fn adjectives_of_nationality_name_their_country() {
        let findings = extractor().extract_text(
            "Les géants chinois et un fonds franco-allemand inquiètent.",
            &article(None),
        );
        let demonyms: Vec<(String, String, usize, usize)> = findings
            .iter()
            .flat_map(|f| &f.mentions)
            .filter(|m| m.rule == "demonym")
            .map(|m| {
                (
                    m.text.clone(),
                    m.entities[0].clone(),
                    m.span.start,
                    m.span.end,
                )
            })
            .collect();
        assert_eq!(
            demonyms,
            [
                ("chinois".to_owned(), "chine".to_owned(), 11, 18),
                ("franco".to_owned(), "france".to_owned(), 31, 37),
                ("allemand".to_owned(), "allemagne".to_owned(), 38, 46),
            ]
        );
        // A mention only: no statement about the country.
        assert!(findings.iter().all(|f| f.statements.is_empty()));
        // `franco` alone is no adjective.
        let findings = extractor().extract_text("Le franco de port.", &article(None));
        assert!(
            findings
                .iter()
                .flat_map(|f| &f.mentions)
                .all(|m| m.rule != "demonym")
        );
    }

    #[test]
    fn a_domain_right_before_a_rivalry_cue_competes_with_no_one() {
        assert_eq!(
            statements("La France veut concurrencer les EAU."),
            ["france competesWith emirats"]
        );
        let found = statements("La France mise sur la santé pour concurrencer les EAU.");
        assert!(
            found.iter().all(|s| !s.contains("competesWith")),
            "{found:?}"
        );
    }

    #[test]
    fn a_description_in_other_words_is_a_mention_and_says_who_develops_it() {
        let findings = extractor().extract_text(
            "Nova IA a présenté hier son assistant vocal, plus rapide.",
            &article(None),
        );
        let described: Vec<&Mention> = findings
            .iter()
            .flat_map(|f| &f.mentions)
            .filter(|m| m.rule == "description-words")
            .collect();
        assert_eq!(described.len(), 1);
        assert_eq!(described[0].entities, ["assistant-nova"]);
        assert_eq!(
            described[0].text,
            "Nova IA a présenté hier son assistant vocal"
        );
        let found = statements("Nova IA a présenté hier son assistant vocal, plus rapide.");
        assert!(
            found.contains(&"nova-ia develops assistant-nova".to_owned()),
            "{found:?}"
        );
        // Its words scattered over the sentence are no description.
        assert!(
            statements(
                "Nova IA recrute des ingénieurs pour un assistant de bord, et la ville ouvre un \
                 service vocal."
            )
            .iter()
            .all(|s| !s.contains("assistant-nova"))
        );
    }

    #[test]
    fn ce_dernier_is_the_thing_the_sentence_before_ended_with() {
        assert!(
            statements(
                "La ministre annonce la création d'un fonds. Ce dernier, abondé par l'État, \
                 financera des villes moyennes comme Lyon."
            )
            .contains(&"fonds-villes-moyennes funds lyon".to_owned())
        );
        // `Ce dernier` for a noun that is not the fund's: no fund.
        assert!(
            statements(
                "La ministre annonce la création d'un label. Ce dernier, abondé par l'État, \
                 financera des villes moyennes comme Lyon."
            )
            .iter()
            .all(|s| !s.contains("fonds-villes-moyennes"))
        );
    }

    #[test]
    fn what_a_plan_is_devoted_to_is_its_concern() {
        let mut found = statements(
            "Pour le Plan Avenir, une partie sera consacrée à la santé, un autre volet à la \
             robotique de service, et une fraction ira à la recherche en IA.",
        );
        found.sort();
        assert_eq!(
            found,
            [
                "plan-avenir concerns recherche-ia",
                "plan-avenir concerns robotique-service",
                "plan-avenir concerns sante",
            ]
        );
        // `Ce montant … Il vise à financer A, B et C`: the plan's concerns;
        // a fund that finances funds.
        let found = statements(
            "La France injecte 2 milliards d'euros dans le Plan Avenir. Ce montant est inédit. \
             Il vise à financer la santé, la robotique de service et la recherche en IA.",
        );
        for s in [
            "france funds plan-avenir",
            "plan-avenir concerns sante",
            "plan-avenir concerns robotique-service",
            "plan-avenir concerns recherche-ia",
        ] {
            assert!(found.contains(&s.to_owned()), "{s} not in {found:?}");
        }
        assert_eq!(
            statements("Le Fonds Horizon vise à financer la santé."),
            ["fonds-horizon funds sante"]
        );
    }

    #[test]
    fn a_heading_that_names_a_field_makes_the_fields_below_the_plan_s() {
        let text = "Le Plan Avenir est présenté.\nSanté\nLes hôpitaux recevront de la robotique de service.\n";
        assert!(statements(text).contains(&"plan-avenir concerns robotique-service".to_owned()));
        // Under another heading, nothing.
        let text = "Le Plan Avenir est présenté.\nLes hôpitaux demain\nLes hôpitaux recevront de la robotique de service.\n";
        assert!(
            statements(text)
                .iter()
                .all(|s| !s.contains("robotique-service"))
        );
    }

    #[test]
    fn sums_the_sentences_before_explain() {
        let found = statements(
            "Le Plan Avenir est présenté. L'État va investir 30 millions d'euros dans Orion. \
             20 millions d'euros pour le Fonds Horizon. \
             10 millions d'euros seront également investis par les EAU.",
        );
        for s in [
            "france funds orion",
            "france funds fonds-horizon",
            "fonds-horizon partOf plan-avenir",
            "emirats funds fonds-horizon",
        ] {
            assert!(found.contains(&s.to_owned()), "{s} not in {found:?}");
        }
        // The co-funder does not take over: the next sum is the State's again.
        let found = statements(
            "L'État va investir 30 millions d'euros dans Orion. \
             10 millions d'euros seront également investis par les EAU. \
             20 millions d'euros pour le Fonds Horizon.",
        );
        assert!(
            found.contains(&"emirats funds orion".to_owned()),
            "{found:?}"
        );
        assert!(
            found.contains(&"france funds fonds-horizon".to_owned()),
            "{found:?}"
        );
        // A headline of the plan's investments.
        let found = statements(
            "L'État va investir 30 millions d'euros dans le Plan Avenir.\n\
             Plus de 900 millions d'euros d'investissements déjà annoncés\n",
        );
        assert_eq!(
            found
                .iter()
                .filter(|s| *s == "france funds plan-avenir")
                .count(),
            2,
            "{found:?}"
        );
        // `<initiative> de <sum>`, with the one state named.
        assert!(
            statements(
                "Dix ans après le Plan Avenir de 2 milliards d'euros, l'État prépare la suite."
            )
            .contains(&"france funds plan-avenir".to_owned())
        );
        assert!(
            statements(
                "Dix ans après le Plan Avenir de 2 milliards d'euros, la France et la Chine se parlent."
            )
            .iter()
            .all(|s| !s.contains("funds plan-avenir"))
        );
    }

    #[test]
    fn a_target_nothing_owns_is_the_plan_s() {
        assert_eq!(
            statements_with_figures(
                "Le Plan Avenir est présenté.\npour doubler le nombre de formations.\n"
            ),
            ["plan-avenir hasTarget Some(2.0)"]
        );
        assert_eq!(
            statements_with_figures(
                "Le Plan Avenir est présenté. Une part ira à la formation de 5 000 experts par an."
            ),
            ["plan-avenir hasTarget Some(5000.0)"]
        );
    }

    #[test]
    fn a_measure_concerns_the_fields_its_item_names() {
        let found = statements(
            "Le Plan Avenir a trois volets :\n\
             - Calcul partagé entre laboratoires : chaque laboratoire renforcera la recherche en IA et la santé.\n",
        );
        assert!(
            found.contains(&"mesure-calcul-partage concerns recherche-ia".to_owned()),
            "{found:?}"
        );
        // `Santé`, one word, is too common a word to be the measure's concern.
        assert!(
            !found.contains(&"mesure-calcul-partage concerns sante".to_owned()),
            "{found:?}"
        );
    }

    #[test]
    fn the_measures_of_the_plan_build_on_a_report() {
        assert!(
            statements(
                "Le Plan Avenir est présenté. Les mesures présentées par la ministre visent à \
                 soigner, en s'appuyant sur les recommandations du Comité Delta."
            )
            .contains(&"plan-avenir basedOn comite-delta".to_owned())
        );
        // Without a plan named before, `les mesures` are no one's.
        assert!(
            statements(
                "Les mesures présentées par la ministre visent à soigner, en s'appuyant sur les \
                 recommandations du Comité Delta."
            )
            .iter()
            .all(|s| !s.contains("basedOn comite-delta") || s.starts_with('?'))
        );
    }

    #[test]
    fn no_panic_on_odd_text() {
        let e = extractor();
        for text in [
            "",
            "€",
            "1,",
            "1.",
            "de 3 % à",
            "les 10 et",
            "d'ici",
            "Ɐ̈̈̈ 2,5 Md€ ǅ",
            "\u{0301}État",
            "ﬁnance 10 M€ ﬂ",
            "1 000 000 000 000 000 000 000 milliards d'euros",
            "l'\u{FEFF}État",
            "9999999999999999999999",
            "neuf neuf neuf neuf",
            "Free Free Free Free",
        ] {
            let _ = e.extract_text(text, &article(Some("2024-02-29")));
        }
    }
}
