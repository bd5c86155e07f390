//! Finding entities by name, accents and case aside: the explorer's search box.

use std::collections::BTreeMap;

use crate::error::Result;
use crate::export::dot::{GROUPS, class_groups};
use oxigraph::model::Term;
use serde::Serialize;
// The extractor's fold, so that a name is found as the extractor matches it.
use crate::normalise::fold;
use crate::query::select;
use crate::store::Graph;
use crate::vocab::iag;
use crate::wording::Lang;

/// One entity, with every name it can be found by.
#[derive(Debug, Clone)]
struct Entry {
    hit: Hit,
    /// The French label, the English one, the aliases.
    names: Vec<Name>,
}

/// A name as the search compares it.
#[derive(Debug, Clone)]
struct Name {
    text: String,
    folded: String,
    /// The initials of a name of two words or more (`eau` for « Émirats
    /// arabes unis », `uae` for "United Arab Emirates"): the abbreviation
    /// readers type, in French or English, without a list of them.
    initials: Option<String>,
}

impl Name {
    fn new(text: String) -> Self {
        let folded = fold(&text);
        let words: Vec<&str> = words(&folded).collect();
        let initials =
            (words.len() >= 2).then(|| words.iter().filter_map(|w| w.chars().next()).collect());
        Self {
            text,
            folded,
            initials,
        }
    }
}

/// The words of a folded text: its runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// A search result, as the API sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub iri: String,
    pub slug: String,
    /// The French label.
    pub label: String,
    pub label_en: Option<String>,
    /// The local name of the entity's class (`Startup`, `Supercomputer`…).
    pub class: String,
    /// The class's label in the language asked (the ontology's), capitalised.
    pub class_label: Option<String>,
    /// The colour group of the drawings (`Organisation`…), if any.
    pub group: Option<&'static str>,
    /// The name that matched: a label or an alias.
    pub matched: String,
}

/// The entities' names, read once: the server never changes the store.
#[derive(Debug, Clone, Default)]
pub struct Index {
    entries: Vec<Entry>,
    /// Class local name → (French label, English label), from the ontology.
    class_labels: BTreeMap<String, (Option<String>, Option<String>)>,
}

impl Index {
    pub fn build(graph: &Graph) -> Result<Self> {
        let groups = class_groups(graph)?;
        let mut class_labels: BTreeMap<String, (Option<String>, Option<String>)> = BTreeMap::new();
        for (class, label) in crate::export::dot::class_labels(graph, Lang::Fr)? {
            class_labels.entry(class).or_default().0 = Some(capitalised(&label));
        }
        for (class, label) in crate::export::dot::class_labels(graph, Lang::En)? {
            class_labels.entry(class).or_default().1 = Some(capitalised(&label));
        }
        // Entities only: statements, evidence and sources have labels too.
        let rows = select(
            graph,
            "SELECT ?e ?class ?label ?en WHERE {
                ?e a ?class ; rdfs:label ?label .
                FILTER(STRSTARTS(STR(?class), STR(iag:)) && LANG(?label) = 'fr')
                FILTER NOT EXISTS {
                    VALUES ?other { iag:Statement iag:Evidence iag:SourceArticle }
                    ?e a ?other
                }
                OPTIONAL { ?e rdfs:label ?en FILTER(LANG(?en) = 'en') }
            }",
        )?;
        let aliases = select(graph, "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }")?;
        let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
        for row in rows {
            let (Some(iri), Some(class), Some(label)) =
                (text(&row[0]), text(&row[1]), text(&row[2]))
            else {
                continue;
            };
            // An entity has one class; keep the first row if it had more.
            if entries.contains_key(&iri) {
                continue;
            }
            let label_en = text(&row[3]);
            let mut names = vec![Name::new(label.clone())];
            if let Some(en) = &label_en {
                names.push(Name::new(en.clone()));
            }
            let entry = Entry {
                hit: Hit {
                    slug: graph.base().slug_of(&iri).unwrap_or(&iri).to_owned(),
                    class: class
                        .strip_prefix(iag::NAMESPACE)
                        .unwrap_or(&class)
                        .to_owned(),
                    class_label: None,
                    group: groups.get(&class).map(|g| GROUPS[*g].0),
                    matched: label.clone(),
                    label,
                    label_en,
                    iri: iri.clone(),
                },
                names,
            };
            entries.insert(iri, entry);
        }
        for row in aliases {
            let (Some(iri), Some(alias)) = (text(&row[0]), text(&row[1])) else {
                continue;
            };
            if let Some(entry) = entries.get_mut(&iri) {
                entry.names.push(Name::new(alias));
            }
        }
        Ok(Self {
            entries: entries.into_values().collect(),
            class_labels,
        })
    }

    /// The entity whose French or English label is exactly `label`, if
    /// only one has it.
    pub fn by_label(&self, label: &str) -> Option<&Hit> {
        let mut found = self
            .entries
            .iter()
            .filter(|e| e.hit.label == label || e.hit.label_en.as_deref() == Some(label));
        let first = found.next()?;
        found.next().is_none().then_some(&first.hit)
    }

    /// The entities one of whose names holds `q` at the start of a word,
    /// best first: a name equal to it, then one starting with it, then one
    /// with a word starting with it, then a name whose initials it is
    /// (`UAE`); then by label. « eau » does not find « nouveau ».
    /// [`Index::search`], with each hit's class named in `lang`.
    pub fn search_in(&self, q: &str, limit: usize, lang: Lang) -> Vec<Hit> {
        let mut hits = self.search(q, limit);
        for hit in &mut hits {
            hit.class_label = self
                .class_labels
                .get(&hit.class)
                .and_then(|(fr, en)| match lang {
                    Lang::En => en.clone(),
                    Lang::Fr => fr.clone(),
                });
        }
        hits
    }

    pub fn search(&self, q: &str, limit: usize) -> Vec<Hit> {
        let q = fold(q.trim());
        if q.is_empty() {
            return Vec::new();
        }
        // `U.A.E.` and `u a e` are initials too.
        let compact: String = words(&q).collect();
        let mut hits: Vec<(u8, String, Hit)> = self
            .entries
            .iter()
            .filter_map(|entry| {
                let (rank, name) = entry
                    .names
                    .iter()
                    .filter_map(|name| rank(name, &q, &compact).map(|r| (r, &name.text)))
                    .min_by_key(|(r, _)| *r)?;
                let mut hit = entry.hit.clone();
                hit.matched = name.clone();
                Some((rank, fold(&hit.label), hit))
            })
            .collect();
        hits.sort_by(|a, b| (a.0, &a.1, &a.2.iri).cmp(&(b.0, &b.1, &b.2.iri)));
        hits.into_iter().take(limit).map(|(_, _, h)| h).collect()
    }
}

/// 0 for an exact match, 1 for a prefix, 2 for a word's prefix, 3 for
/// the name's initials; `None` for text inside a word.
fn rank(name: &Name, q: &str, compact: &str) -> Option<u8> {
    let folded = name.folded.as_str();
    if folded == q {
        Some(0)
    } else if folded.starts_with(q) {
        Some(1)
    } else if word_starts(folded).any(|at| folded[at..].starts_with(q)) {
        Some(2)
    } else if compact.chars().count() >= 2 && name.initials.as_deref() == Some(compact) {
        Some(3)
    } else {
        None
    }
}

/// The byte offsets where the words of `text` start.
fn word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut previous_in_word = false;
    text.char_indices().filter_map(move |(at, c)| {
        let in_word = c.is_alphanumeric();
        let start = in_word && !previous_in_word;
        previous_in_word = in_word;
        start.then_some(at)
    })
}

/// `text` with its first letter upper-case: class labels are lower-case.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// An IRI's or a literal's text.
fn text(term: &Option<Term>) -> Option<String> {
    match term {
        Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
        Some(Term::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranked(name: &str, q: &str) -> Option<u8> {
        let q = fold(q);
        let compact: String = words(&q).collect();
        rank(&Name::new(name.to_owned()), &q, &compact)
    }

    #[test]
    fn exact_beats_prefix_beats_word_beats_initials() {
        assert_eq!(ranked("Mistral AI", "mistral ai"), Some(0));
        assert_eq!(ranked("Mistral AI", "Mistral"), Some(1));
        assert_eq!(ranked("Le Chat de Mistral", "mistral"), Some(2));
        assert_eq!(ranked("Le Chat de Mistral", "chat de m"), Some(2));
        assert_eq!(ranked("Émirats arabes unis", "EAU"), Some(3));
        assert_eq!(ranked("United Arab Emirates", "UAE"), Some(3));
        assert_eq!(ranked("United Arab Emirates", "u.a.e."), Some(3));
        assert_eq!(ranked("LightOn", "mistral"), None);
    }

    #[test]
    fn words_are_matched_not_the_insides_of_words() {
        assert_eq!(ranked("Nouveau supercalculateur (2025)", "EAU"), None);
        assert_eq!(ranked("Réseau", "eau"), None);
        assert_eq!(ranked("L'État", "etat"), Some(2));
        assert_eq!(ranked("Île-de-France", "france"), Some(2));
        // One letter is no abbreviation.
        assert_eq!(ranked("Union", "u"), Some(1));
        assert_eq!(ranked("Grand Union", "g"), Some(1));
        assert_eq!(ranked("Arab Union", "u"), Some(2));
        assert_eq!(ranked("Arab Union", "x"), None);
    }

    fn index() -> Index {
        let entry = |slug: &str, label: &str, en: Option<&str>, aliases: &[&str]| {
            let mut names = vec![Name::new(label.to_owned())];
            names.extend(en.map(|e| Name::new(e.to_owned())));
            names.extend(aliases.iter().map(|a| Name::new((*a).to_owned())));
            Entry {
                hit: Hit {
                    iri: format!("https://example.org/id/{slug}"),
                    slug: slug.to_owned(),
                    label: label.to_owned(),
                    label_en: en.map(str::to_owned),
                    class: "State".to_owned(),
                    class_label: None,
                    group: None,
                    matched: label.to_owned(),
                },
                names,
            }
        };
        Index {
            class_labels: BTreeMap::from([(
                "State".to_owned(),
                (Some("État".to_owned()), Some("State".to_owned())),
            )]),
            entries: vec![
                entry(
                    "emirats-arabes-unis",
                    "Émirats arabes unis",
                    Some("United Arab Emirates"),
                    &["EAU"],
                ),
                entry(
                    "nouveau-supercalculateur",
                    "Nouveau supercalculateur",
                    None,
                    &[],
                ),
                entry("etat", "État", Some("State"), &["l'État"]),
            ],
        }
    }

    #[test]
    fn french_and_english_abbreviations_find_the_emirates_only() {
        let slugs = |q: &str| -> Vec<String> {
            index().search(q, 10).into_iter().map(|h| h.slug).collect()
        };
        assert_eq!(slugs("EAU"), ["emirats-arabes-unis"]);
        assert_eq!(slugs("UAE"), ["emirats-arabes-unis"]);
        assert_eq!(slugs("eau"), ["emirats-arabes-unis"]);
        assert_eq!(slugs("arab"), ["emirats-arabes-unis"]);
        assert_eq!(slugs("etat"), ["etat"]);
        assert!(slugs("uveau").is_empty());
        let hit = &index().search("UAE", 1)[0];
        assert_eq!(hit.matched, "United Arab Emirates");
        let en = &index().search_in("UAE", 1, Lang::En)[0];
        assert_eq!(en.class_label.as_deref(), Some("State"));
        let fr = &index().search_in("UAE", 1, Lang::Fr)[0];
        assert_eq!(fr.class_label.as_deref(), Some("État"));
    }

    #[test]
    fn a_label_names_an_entity_only_when_one_has_it() {
        let index = index();
        assert_eq!(
            index.by_label("État").map(|h| h.slug.as_str()),
            Some("etat")
        );
        assert_eq!(
            index.by_label("State").map(|h| h.slug.as_str()),
            Some("etat")
        );
        assert!(index.by_label("Etat").is_none());
    }
}
