//! Measuring the extractor against the curated graph: each source of
//! `data/sources.toml` whose `seed` file is in the folder is extracted, and
//! what it finds is compared with the curated statements citing it.
//!
//! The gold sets, per article:
//! - **mentions**: the entities that the article's statements refer to
//!   (subject, object, `announced_by`, `occasion`; the last two only where
//!   the article is the statement's first source), the entities whose
//!   `mentioned_in` names the article, and the article's publisher and
//!   author (`data/sources.toml`); found = the entities linked in the text
//!   (set-based).
//! - **amounts**: the amounts (value, or min/max, and currency) of the
//!   statements citing the article; found = every sum of money in the text
//!   (set-based; `plus de 900 millions` must be a minimum to match).
//! - **dated events**: (subject, relation, date) for each `date`,
//!   `end_date` and `deadline` of the statements whose first source the
//!   article is (a claim two articles make is one statement, dated from the
//!   first: the second need not give the date); found = the same of the
//!   candidate statements.
//! - **statements**: the statements citing the article; a candidate matches
//!   one if it has the same relation, the same subject and object (either
//!   way round for a symmetric relation; `P hosts E` is `E locatedIn P`),
//!   and the same amount or quantity
//!   where the curated statement has one; each matches at most once, and
//!   a candidate found twice (another sentence, another date) counts once.
//! - **new entities**: the entities of the article's mentions (above) that
//!   no other source of the data names (in its mentions, as above): what
//!   only this article names. The extractor runs a second time on the
//!   article without knowing them (their names, and the demonyms and
//!   descriptions pointing to them), so it must discover them; found = the
//!   distinct texts of its new-name candidates ([`MentionStatus::New`]), and
//!   a text matches an entity when it equals, after the lexicon's folding
//!   (case, accents, apostrophes), the entity's French or English label or
//!   one of its aliases. The other categories come from the first run, with
//!   the whole graph known: their figures do not depend on this one.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::numbers::Bounds;
use super::{Article, Candidate, Extractor, MentionStatus, bounds_of};
use crate::data::Dataset;
use crate::error::Result;
use crate::model::{Source, Statement};
use crate::normalise::fold;

/// The four measured categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    Mentions,
    Amounts,
    Dates,
    Statements,
    NewEntities,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Self::Mentions,
        Self::Amounts,
        Self::Dates,
        Self::Statements,
        Self::NewEntities,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Mentions => "mentions",
            Self::Amounts => "amounts",
            Self::Dates => "dates",
            Self::Statements => "statements",
            Self::NewEntities => "new entities",
        }
    }

    /// A name as written on a command line: `new entities` or `new-entities`.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.name() == s || c.name().replace(' ', "-") == s)
    }
}

/// Counts of one category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub found: usize,
    /// Found items that match a gold item.
    pub correct: usize,
    /// Gold items matched by a found item.
    pub recalled: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.correct as f64 / self.found as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.recalled as f64 / self.gold as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.found += o.found;
        self.correct += o.correct;
        self.recalled += o.recalled;
    }
}

/// The figures of one article, with what was missed and what was wrong.
#[derive(Debug, Clone)]
pub struct ArticleScore {
    pub source: String,
    pub file: PathBuf,
    pub counts: Vec<(Category, Counts)>,
    /// (category, missed gold item or wrong found item).
    pub missed: Vec<(Category, String)>,
    pub wrong: Vec<(Category, String)>,
}

/// The whole evaluation.
#[derive(Debug, Clone)]
pub struct Report {
    pub dir: PathBuf,
    pub articles: Vec<ArticleScore>,
}

impl Report {
    /// Sums over the articles (micro-averages).
    pub fn overall(&self, category: Category) -> Counts {
        let mut total = Counts::default();
        for a in &self.articles {
            for (c, n) in &a.counts {
                if *c == category {
                    total.add(n);
                }
            }
        }
        total
    }

    /// The table of figures; with `explain`, what each article missed and got wrong.
    pub fn write(&self, out: &mut dyn Write, explain: bool) -> io::Result<()> {
        writeln!(
            out,
            "extract --evaluate {}: {} article{} against the curated statements",
            self.dir.display(),
            self.articles.len(),
            if self.articles.len() == 1 { "" } else { "s" }
        )?;
        writeln!(
            out,
            "{:<24} {:<11} {:>5} {:>6} {:>8} {:>10} {:>7} {:>6}",
            "article", "category", "gold", "found", "correct", "precision", "recall", "F1"
        )?;
        let row = |out: &mut dyn Write, name: &str, c: Category, n: &Counts| {
            // `new entities` is one character wider than its column: the
            // gold figure gives it back, so the numbers stay aligned.
            let gold_width = 5usize.saturating_sub(c.name().len().saturating_sub(11));
            writeln!(
                out,
                "{:<24} {:<11} {:>gold_width$} {:>6} {:>8} {:>10.2} {:>7.2} {:>6.2}",
                name,
                c.name(),
                n.gold,
                n.found,
                n.correct,
                n.precision(),
                n.recall(),
                n.f1()
            )
        };
        for a in &self.articles {
            for (c, n) in &a.counts {
                row(out, &a.source, *c, n)?;
            }
        }
        for c in Category::ALL {
            row(out, "all articles", c, &self.overall(c))?;
        }
        if explain {
            for a in &self.articles {
                writeln!(out, "\n== {} ({})", a.source, a.file.display())?;
                for (c, m) in &a.missed {
                    writeln!(out, "missed {:<11} {m}", c.name())?;
                }
                for (c, w) in &a.wrong {
                    writeln!(out, "wrong  {:<11} {w}", c.name())?;
                }
            }
        }
        Ok(())
    }
}

/// An amount or quantity as a comparable key.
fn bounds_key(b: &Bounds) -> String {
    let f = |v: Option<f64>| v.map(|v| format!("{v}")).unwrap_or_default();
    format!("value={} min={} max={}", f(b.value), f(b.min), f(b.max))
}

fn gold_amount(st: &Statement) -> Option<String> {
    let a = st.amount.as_ref()?;
    Some(format!(
        "{} {}",
        bounds_key(&bounds_of(a.value, a.min, a.max)),
        a.currency.get_ref()
    ))
}

fn gold_quantity(st: &Statement) -> Option<String> {
    let q = st.quantity.as_ref()?;
    Some(bounds_key(&bounds_of(q.value, q.min, q.max)))
}

/// Runs the extractor on every seed in `dir` and compares.
pub fn evaluate(
    extractor: &Extractor,
    data: &Dataset,
    dir: &Path,
    min_confidence: f32,
) -> Result<Report> {
    let mut articles = Vec::new();
    for source in &data.sources {
        let Some(seed) = &source.seed else { continue };
        let file = dir.join(seed);
        if !file.is_file() {
            continue;
        }
        let id = source.id.get_ref().clone();
        let article = Article {
            file: file.clone(),
            source: id.clone(),
            date: source
                .date
                .as_ref()
                .and_then(|d| super::dates::Ymd::parse(d.get_ref())),
            reported: None,
        };
        let mut found_entities = BTreeSet::new();
        let mut found_amounts = BTreeSet::new();
        let mut candidates: Vec<Candidate> = Vec::new();
        extractor.extract_file(&article, |_, f| {
            for m in f
                .mentions
                .iter()
                .filter(|m| m.status == MentionStatus::Linked)
            {
                found_entities.extend(m.entities.iter().cloned());
            }
            for a in &f.amounts {
                found_amounts.insert(format!("{} {}", bounds_key(&a.bounds), a.currency));
            }
            candidates.extend(
                f.statements
                    .into_iter()
                    .filter(|c| c.is_complete() && c.confidence >= min_confidence),
            );
            Ok::<_, crate::Error>(())
        })?;
        let cited: Vec<&Statement> = data
            .statements
            .iter()
            .filter(|st| st.sources.iter().any(|c| c.source.get_ref() == &id))
            .collect();
        // A statement's qualifiers (dates, occasion, announcer) are those of
        // its first source: another article citing it shares its subject,
        // object and figures, not what only the first one says.
        let first_source = |st: &Statement| {
            st.sources
                .first()
                .is_some_and(|c| c.source.get_ref() == &id)
        };
        let gold_entities = gold_mentions(data, source);
        // What only this article names: found as new, by an extractor that
        // does not know it.
        let others: BTreeSet<String> = data
            .sources
            .iter()
            .filter(|s| s.id.get_ref() != &id)
            .flat_map(|s| gold_mentions(data, s))
            .collect();
        let gold_new: BTreeSet<String> = gold_entities.difference(&others).cloned().collect();
        let mut found_new = Vec::new();
        extractor
            .without_entities(&gold_new)?
            .extract_file(&article, |_, f| {
                found_new.extend(
                    f.mentions
                        .into_iter()
                        .filter(|m| m.status == MentionStatus::New)
                        .map(|m| m.text),
                );
                Ok::<_, crate::Error>(())
            })?;
        let gold_new_names: Vec<(String, Vec<String>)> = data
            .entities
            .iter()
            .filter(|e| gold_new.contains(e.id.get_ref()))
            .map(|e| {
                let mut names = vec![e.label_fr.clone(), e.label_en.clone()];
                names.extend(e.aliases.iter().cloned());
                (format!("{} «{}»", e.id.get_ref(), e.label_fr), names)
            })
            .collect();
        let gold_amounts: BTreeSet<String> =
            cited.iter().filter_map(|st| gold_amount(st)).collect();
        let gold_dates: BTreeSet<String> = cited
            .iter()
            .filter(|st| first_source(st))
            .flat_map(|st| {
                [&st.date, &st.end_date, &st.deadline]
                    .into_iter()
                    .flatten()
                    .map(|d| {
                        format!(
                            "{} {} {}",
                            st.subject.get_ref(),
                            st.relation.get_ref(),
                            d.get_ref()
                        )
                    })
            })
            .collect();
        let found_dates: BTreeSet<String> = candidates
            .iter()
            .flat_map(|c| {
                [&c.date, &c.end_date, &c.deadline]
                    .into_iter()
                    .flatten()
                    .map(|d| format!("{} {} {d}", c.subject.as_deref().unwrap_or(""), c.relation))
            })
            .collect();
        let mut score = ArticleScore {
            source: id.clone(),
            file,
            counts: Vec::new(),
            missed: Vec::new(),
            wrong: Vec::new(),
        };
        for (category, gold, found) in [
            (
                super::evaluate::Category::Mentions,
                &gold_entities,
                &found_entities,
            ),
            (Category::Amounts, &gold_amounts, &found_amounts),
            (Category::Dates, &gold_dates, &found_dates),
        ] {
            let correct = found.intersection(gold).count();
            score.counts.push((
                category,
                Counts {
                    gold: gold.len(),
                    found: found.len(),
                    correct,
                    recalled: correct,
                },
            ));
            // A missed entity with its label: the name the article would have to use.
            let label = |g: &String| {
                data.entities
                    .iter()
                    .find(|e| category == Category::Mentions && e.id.get_ref() == g)
                    .map(|e| format!("{g} «{}»", e.label_fr))
                    .unwrap_or_else(|| g.clone())
            };
            score
                .missed
                .extend(gold.difference(found).map(|g| (category, label(g))));
            score
                .wrong
                .extend(found.difference(gold).map(|w| (category, w.clone())));
        }
        let (counts, missed, wrong) = match_statements(&cited, &candidates, &id, extractor);
        score.counts.push((Category::Statements, counts));
        score
            .missed
            .extend(missed.into_iter().map(|m| (Category::Statements, m)));
        score
            .wrong
            .extend(wrong.into_iter().map(|w| (Category::Statements, w)));
        let (counts, missed, wrong) = match_new_entities(&gold_new_names, &found_new);
        score.counts.push((Category::NewEntities, counts));
        score
            .missed
            .extend(missed.into_iter().map(|m| (Category::NewEntities, m)));
        score
            .wrong
            .extend(wrong.into_iter().map(|w| (Category::NewEntities, w)));
        articles.push(score);
    }
    Ok(Report {
        dir: dir.to_owned(),
        articles,
    })
}

/// The entities an article names, by the curated graph: those its
/// statements refer to (subject and object; announcer and occasion only
/// where it is the statement's first source), its publisher and author, and
/// those whose `mentioned_in` names it.
fn gold_mentions(data: &Dataset, source: &Source) -> BTreeSet<String> {
    let id = source.id.get_ref();
    let mut gold: BTreeSet<String> = data
        .statements
        .iter()
        .filter_map(|st| {
            let first = st.sources.first()?.source.get_ref() == id;
            st.sources
                .iter()
                .any(|c| c.source.get_ref() == id)
                .then_some((st, first))
        })
        .flat_map(|(st, first)| {
            // A statement's qualifiers (dates, occasion, announcer) are those
            // of its first source: another article citing it shares its
            // subject, object and figures, not what only the first one says.
            let refs: Vec<String> = if first {
                st.entity_refs().map(|e| e.get_ref().clone()).collect()
            } else {
                [Some(&st.subject), st.object.as_ref()]
                    .into_iter()
                    .flatten()
                    .map(|e| e.get_ref().clone())
                    .collect()
            };
            refs
        })
        .collect();
    gold.extend(
        [&source.publisher, &source.author]
            .into_iter()
            .flatten()
            .map(|e| e.get_ref().clone()),
    );
    gold.extend(
        data.entities
            .iter()
            .filter(|e| e.mentioned_in.iter().any(|s| s.get_ref() == id))
            .map(|e| e.id.get_ref().clone()),
    );
    gold
}

/// New names found against the entities only the article names: `gold` is
/// each entity's description with its names (labels, aliases), `found` the
/// texts of the new-name candidates. A text matches an entity when it
/// equals one of its names after folding; a text found twice counts once.
/// Returns the counts, the entities missed and the texts wrongly proposed.
pub fn match_new_entities(
    gold: &[(String, Vec<String>)],
    found: &[String],
) -> (Counts, Vec<String>, Vec<String>) {
    let mut distinct: BTreeMap<String, &str> = BTreeMap::new();
    for text in found {
        distinct.entry(fold(text)).or_insert(text);
    }
    let names: Vec<BTreeSet<String>> = gold
        .iter()
        .map(|(_, names)| names.iter().map(|n| fold(n)).collect())
        .collect();
    let correct = distinct
        .keys()
        .filter(|k| names.iter().any(|n| n.contains(*k)))
        .count();
    let mut missed = Vec::new();
    for ((described, _), names) in gold.iter().zip(&names) {
        if !names.iter().any(|n| distinct.contains_key(n)) {
            missed.push(described.clone());
        }
    }
    let wrong = distinct
        .iter()
        .filter(|(k, _)| !names.iter().any(|n| n.contains(*k)))
        .map(|(_, text)| format!("«{text}»"))
        .collect();
    (
        Counts {
            gold: gold.len(),
            found: distinct.len(),
            correct,
            recalled: gold.len() - missed.len(),
        },
        missed,
        wrong,
    )
}

/// Whether candidate `c` says what curated statement `st` says.
pub fn matches(st: &Statement, c: &Candidate, extractor: &Extractor) -> bool {
    let subject = st.subject.get_ref().as_str();
    let object = st.object.as_ref().map(|o| o.get_ref().as_str());
    let swapped = c.object.as_deref() == Some(subject) && c.subject.as_deref() == object;
    let ends = (c.subject.as_deref() == Some(subject) && c.object.as_deref() == object)
        || (extractor.is_symmetric(&c.relation) && swapped);
    // `P hosts E` and `E locatedIn P` are one fact, said from either end
    // (the ontology's `hosts` is `schema:location` the other way round).
    let inverse = swapped
        && matches!(
            (st.relation.get_ref().as_str(), c.relation.as_str()),
            ("hosts", "locatedIn") | ("locatedIn", "hosts")
        );
    if inverse {
        return true;
    }
    let amount = gold_amount(st).is_none_or(|g| {
        c.amount
            .as_ref()
            .is_some_and(|a| format!("{} {}", bounds_key(&a.bounds), a.currency) == g)
    });
    let quantity = gold_quantity(st).is_none_or(|g| {
        c.quantity
            .as_ref()
            .is_some_and(|q| bounds_key(&q.bounds) == g)
    });
    st.relation.get_ref() == &c.relation && ends && amount && quantity
}

fn match_statements(
    gold: &[&Statement],
    found: &[Candidate],
    source: &str,
    extractor: &Extractor,
) -> (Counts, Vec<String>, Vec<String>) {
    // Distinct candidates: the same statement (relation, subject, object,
    // figures) found in two sentences, or with two dates, is one finding;
    // its dates are measured as dated events.
    let key = |c: &Candidate| {
        let mut c = c.clone();
        c.date = None;
        c.end_date = None;
        c.deadline = None;
        super::output::describe(&c)
    };
    let mut distinct: Vec<&Candidate> = Vec::new();
    for c in found {
        let same = |d: &&Candidate| key(d) == key(c);
        if !distinct.iter().any(same) {
            distinct.push(c);
        }
    }
    let mut used = vec![false; distinct.len()];
    let mut recalled = 0;
    let mut missed = Vec::new();
    for st in gold {
        match (0..distinct.len()).find(|&i| !used[i] && matches(st, distinct[i], extractor)) {
            Some(i) => {
                used[i] = true;
                recalled += 1;
            }
            // With the article's own words, for the curator (and whoever writes the next rule).
            None => missed.push(format!(
                "{}: {} {} {}{}{}{}",
                st.id.get_ref(),
                st.subject.get_ref(),
                st.relation.get_ref(),
                st.object
                    .as_ref()
                    .map(|o| o.get_ref().as_str())
                    .unwrap_or(""),
                gold_amount(st)
                    .map(|a| format!(" ({a})"))
                    .unwrap_or_default(),
                gold_quantity(st)
                    .map(|q| format!(" ({q})"))
                    .unwrap_or_default(),
                st.sources
                    .iter()
                    .find(|c| c.source.get_ref() == source)
                    .map(|c| format!(" «{}»", c.evidence.get_ref()))
                    .unwrap_or_default()
            )),
        }
    }
    let wrong = distinct
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(c, _)| {
            format!(
                "{} «{}» [{}]",
                super::output::describe(c),
                c.evidence,
                c.rule
            )
        })
        .collect();
    (
        Counts {
            gold: gold.len(),
            found: distinct.len(),
            correct: recalled,
            recalled,
        },
        missed,
        wrong,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(described: &str, names: &[&str]) -> (String, Vec<String>) {
        (
            described.to_owned(),
            names.iter().map(|n| (*n).to_owned()).collect(),
        )
    }

    #[test]
    fn a_new_name_matches_a_label_or_an_alias_after_folding() {
        let gold = [
            entity("kalray «Kalray»", &["Kalray", "Kalray"]),
            entity(
                "inria «Institut national de recherche»",
                &[
                    "Institut national de recherche",
                    "National Institute",
                    "Inria",
                ],
            ),
            entity("suede «Suède»", &["Suède", "Sweden"]),
            entity(
                "norrsken «Norrsken»",
                &["Norrsken", "Norrsken", "fonds Norrsken"],
            ),
        ];
        let found: Vec<String> = [
            "Kalray",
            "KALRAY",
            "INRIA",
            "Suede",
            "le fonds Norrsken",
            "Thales",
        ]
        .iter()
        .map(|t| (*t).to_owned())
        .collect();
        let (counts, missed, wrong) = match_new_entities(&gold, &found);
        // Kalray twice is one finding; a longer text than a name is no match.
        assert_eq!(
            counts,
            Counts {
                gold: 4,
                found: 5,
                correct: 3,
                recalled: 3
            }
        );
        assert_eq!(missed, ["norrsken «Norrsken»"]);
        assert_eq!(wrong, ["«le fonds Norrsken»", "«Thales»"]);
    }

    #[test]
    fn nothing_found_recalls_nothing_and_nothing_to_find_is_full_recall() {
        let gold = [entity("kalray «Kalray»", &["Kalray"])];
        let (counts, missed, wrong) = match_new_entities(&gold, &[]);
        assert_eq!((counts.recall(), counts.precision()), (0.0, 1.0));
        assert_eq!(missed, ["kalray «Kalray»"]);
        assert!(wrong.is_empty());
        let (counts, _, wrong) = match_new_entities(&[], &["Kalray".to_owned()]);
        assert_eq!((counts.recall(), counts.precision()), (1.0, 0.0));
        assert_eq!(wrong, ["«Kalray»"]);
    }

    #[test]
    fn categories_are_named_with_a_space_or_a_hyphen() {
        assert_eq!(Category::parse("new entities"), Some(Category::NewEntities));
        assert_eq!(Category::parse("new-entities"), Some(Category::NewEntities));
        assert_eq!(Category::parse("mentions"), Some(Category::Mentions));
        assert_eq!(Category::parse("new"), None);
    }
}
